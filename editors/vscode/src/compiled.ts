/**
 * Names and arguments for compiled-document previews ("ssmc: Show compiled document").
 *
 * Input: a source path and text, a cursor line, the chosen format.
 * Output: the folder `ssmc build` writes into, its arguments, the document
 * (`automation`/`command`) under the cursor, and the file `ssmc build` writes
 * for it (`<DocumentName>.json|yaml`, docs/cli.md).
 * Invariant: pure; the same source path always maps to the same folder, and
 * two different sources never share one.
 */
import { createHash } from "crypto";
import * as path from "path";

export type Format = "json" | "yaml";

export function parseFormat(value: unknown): Format {
  return value === "json" ? "json" : "yaml";
}

/** The private output folder of one source file under `tmpRoot`. */
export function compiledDir(tmpRoot: string, sourcePath: string): string {
  const hash = createHash("sha256").update(sourcePath).digest("hex").slice(0, 16);
  return path.join(tmpRoot, "ssmc-compiled", hash);
}

export function buildArgs(sourcePath: string, outDir: string, format: Format): string[] {
  return ["build", sourcePath, "-o", outDir, "--format", format];
}

export function compiledFileName(documentName: string, format: Format): string {
  return `${documentName}.${format}`;
}

export interface DocumentHeader {
  name: string;
  /** 0-based line of the `automation`/`command` keyword. */
  line: number;
}

const HEADER =
  /^\s*(?:@[A-Za-z_][A-Za-z0-9_]*(?:\([^)]*\))?\s*)*(?:automation|command)\s+(?:([A-Za-z_][A-Za-z0-9_]*)|`([A-Za-z0-9_.-]+)`|"((?:[^"\\]|\\.)*)")\s*\{/;

/**
 * The documents declared in a source, in order. A header is a line starting
 * with `automation NAME {` or `command NAME {` (after attributes), which is
 * how `ssmc fmt` writes them; the name is what `ssmc build` names the file after.
 */
export function documentHeaders(text: string): DocumentHeader[] {
  const out: DocumentHeader[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = HEADER.exec(line);
    if (m) {
      const name = m[1] ?? m[2] ?? (m[3] ?? "").replace(/\\(.)/g, "$1");
      out.push({ name, line: i });
    }
  });
  return out;
}

/** The document whose header is the last one at or above `line` (else the first). */
export function documentAt(text: string, line: number): string | undefined {
  const headers = documentHeaders(text);
  let found = headers[0];
  for (const h of headers) {
    if (h.line <= line) {
      found = h;
    }
  }
  return found?.name;
}

/**
 * Which written file to show: the one for the document under the cursor when
 * `ssmc build` wrote it, else the first written file in name order.
 */
export function pickCompiledFile(written: string[], wanted: string | undefined, format: Format): string | undefined {
  const files = written.filter((f) => f.endsWith(`.${format}`)).sort();
  if (wanted !== undefined) {
    const name = compiledFileName(wanted, format);
    if (files.includes(name)) {
      return name;
    }
  }
  return files[0];
}
