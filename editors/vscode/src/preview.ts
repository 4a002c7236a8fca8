/**
 * "ssmc: Show compiled document": the JSON/YAML that `ssmc build` writes for
 * the runbook in the active editor, shown read-only beside it and rebuilt on
 * every save.
 *
 * Input: the active `.rbk` editor; saves of previewed sources.
 * Output: virtual documents `ssmc-compiled:/<DocumentName>.<json|yaml>?<source uri>`.
 * Invariant: each source builds into its own temporary folder
 * (`compiled.ts`); a failed rebuild keeps the last good text and says so.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vscode from "vscode";

import { buildArgs, compiledDir, documentAt, Format, parseFormat, pickCompiledFile } from "./compiled";
import { runSsmc } from "./run";

export class CompiledPreview implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly scheme = "ssmc-compiled";

  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** Virtual URI (string) → its current text. */
  private readonly texts = new Map<string, string>();
  /** Source URI (string) → the virtual URIs shown for it. */
  private readonly shown = new Map<string, Set<string>>();

  constructor(
    private readonly output: vscode.OutputChannel,
    private readonly ssmc: () => Promise<string | undefined>,
  ) {}

  dispose(): void {
    this.changed.dispose();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? "# not built yet: save the runbook or run \"ssmc: Show compiled document\"\n";
  }

  private format(source: vscode.Uri): Format {
    return parseFormat(vscode.workspace.getConfiguration("ssmc", source).get("compiledFormat"));
  }

  /** Builds `source` into its folder; the written file names, or undefined after reporting a failure. */
  private async build(source: vscode.TextDocument, format: Format): Promise<{ dir: string; files: string[] } | undefined> {
    const command = await this.ssmc();
    if (command === undefined) {
      return undefined;
    }
    const dir = compiledDir(os.tmpdir(), source.uri.fsPath);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const r = await runSsmc(command, buildArgs(source.uri.fsPath, dir, format), path.dirname(source.uri.fsPath));
    if (r.code !== 0) {
      this.output.appendLine(`ssmc build ${source.uri.fsPath} failed (exit ${r.code}):\n${r.stderr}`);
      const show = "Show Output";
      void vscode.window
        .showWarningMessage("ssmc: the runbook does not compile; the compiled view keeps the last successful build.", show)
        .then((c) => (c === show ? this.output.show(true) : undefined));
      return undefined;
    }
    return { dir, files: fs.readdirSync(dir) };
  }

  private virtualUri(source: vscode.Uri, file: string): vscode.Uri {
    return vscode.Uri.from({ scheme: CompiledPreview.scheme, path: `/${file}`, query: source.toString() });
  }

  async show(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined || editor.document.languageId !== "ssmc" || editor.document.uri.scheme !== "file") {
      void vscode.window.showWarningMessage("ssmc: open a saved .rbk file to see its compiled document.");
      return;
    }
    const source = editor.document;
    if (source.isDirty && !(await source.save())) {
      return;
    }
    const format = this.format(source.uri);
    const built = await this.build(source, format);
    if (built === undefined) {
      return;
    }
    const wanted = documentAt(source.getText(), editor.selection.active.line);
    const file = pickCompiledFile(built.files, wanted, format);
    if (file === undefined) {
      void vscode.window.showWarningMessage("ssmc: this file declares no document to compile.");
      return;
    }
    const uri = this.virtualUri(source.uri, file);
    this.texts.set(uri.toString(), fs.readFileSync(path.join(built.dir, file), "utf8"));
    const set = this.shown.get(source.uri.toString()) ?? new Set<string>();
    set.add(uri.toString());
    this.shown.set(source.uri.toString(), set);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, format === "json" ? "json" : "yaml");
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
  }

  /** After a save: rebuilds the source if one of its documents is shown. */
  async refresh(source: vscode.TextDocument): Promise<void> {
    const set = this.shown.get(source.uri.toString());
    if (set === undefined || set.size === 0) {
      return;
    }
    const format = this.format(source.uri);
    const built = await this.build(source, format);
    if (built === undefined) {
      return;
    }
    for (const key of set) {
      const uri = vscode.Uri.parse(key);
      const file = path.posix.basename(uri.path);
      if (built.files.includes(file)) {
        this.texts.set(key, fs.readFileSync(path.join(built.dir, file), "utf8"));
      } else {
        this.texts.set(key, `# ${file} is no longer produced by ${path.basename(source.uri.fsPath)} (renamed or removed, or the format setting changed)\n`);
      }
      this.changed.fire(uri);
    }
  }
}
