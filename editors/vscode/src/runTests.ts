/**
 * The "Run tests" code lens's command, `ssmc.runTests`, is the language
 * server's own (docs/lsp.md, "Running tests"): the language client runs it
 * (`workspace/executeCommand`) and the server publishes the failures as
 * diagnostics on the test file. This module reads the command's answer so
 * that the extension can say how the run went.
 *
 * Input: the server's answer, untrusted JSON.
 * Output: a `RunTestsResult`, or undefined for anything else; a one-line summary.
 */
export const RUN_TESTS_COMMAND = "ssmc.runTests";

export interface RunTestsResult {
  testFile: string;
  passed: number;
  failed: number;
  errors: number;
}

const count = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

export function parseRunTestsResult(raw: unknown): RunTestsResult | undefined {
  if (typeof raw !== "object" || raw === null) {
    return undefined;
  }
  const r = raw as Record<string, unknown>;
  if (typeof r.testFile !== "string" || !count(r.passed) || !count(r.failed) || !count(r.errors)) {
    return undefined;
  }
  return { testFile: r.testFile, passed: r.passed, failed: r.failed, errors: r.errors };
}

/** What the editor says after a run; `ok` when every case passed. */
export function summary(r: RunTestsResult): { text: string; ok: boolean } {
  const name = decodeURIComponent(r.testFile.split("/").pop() ?? r.testFile);
  if (r.errors > 0) {
    return { text: `${name}: the tests could not run (${r.errors} ${r.errors === 1 ? "error" : "errors"}; see Problems)`, ok: false };
  }
  const text = `${name}: ${r.passed} passed, ${r.failed} failed`;
  return r.failed > 0 ? { text: `${text} (see Problems)`, ok: false } : { text, ok: true };
}
