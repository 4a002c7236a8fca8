/**
 * "SSM Runbook: Show Flow Graph": a webview beside the editor with the SVG
 * that `ssmc lsp` answers to `ssmc/graph`; a click on a step's node moves the
 * cursor to that step's name. Refreshed on save.
 *
 * Input: the active editor (`.rbk`, `.json`, `.yaml`); saves; webview messages.
 * Output: one panel per source file.
 * Invariant: the contract checks, the HTML and its CSP are in `graph.ts`;
 * a server without `ssmc/graph` (MethodNotFound) gets a clear message, not an error popup.
 */
import * as vscode from "vscode";
import { LanguageClient } from "vscode-languageclient/node";

import { GRAPH_METHOD, GraphResult, graphHtml, isMethodNotFound, makeNonce, parseGraphResult, parseWebviewMessage, rangeForStep } from "./graph";

interface Panel {
  panel: vscode.WebviewPanel;
  source: vscode.Uri;
  /** The editor column the source was in, to reveal steps there. */
  column: vscode.ViewColumn;
  result?: GraphResult;
}

const GRAPH_EXTENSIONS = [".rbk", ".json", ".yaml", ".yml"];

export class FlowGraph implements vscode.Disposable {
  private readonly panels = new Map<string, Panel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: () => LanguageClient | undefined,
  ) {}

  dispose(): void {
    for (const p of this.panels.values()) {
      p.panel.dispose();
    }
    this.panels.clear();
  }

  async show(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const uri = editor?.document.uri;
    if (editor === undefined || uri === undefined || !GRAPH_EXTENSIONS.some((e) => uri.path.toLowerCase().endsWith(e))) {
      void vscode.window.showWarningMessage("SSM Runbook: open a .rbk runbook or an SSM document (.json, .yaml) to see its flow graph.");
      return;
    }
    const key = uri.toString();
    let entry = this.panels.get(key);
    if (entry === undefined) {
      const media = vscode.Uri.joinPath(this.extensionUri, "media");
      const panel = vscode.window.createWebviewPanel(
        "ssmcFlowGraph",
        `Flow: ${uri.path.split("/").pop() ?? "runbook"}`,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, localResourceRoots: [media], enableCommandUris: false, retainContextWhenHidden: false },
      );
      const created: Panel = { panel, source: uri, column: editor.viewColumn ?? vscode.ViewColumn.One };
      entry = created;
      this.panels.set(key, created);
      panel.onDidDispose(() => this.panels.delete(key));
      panel.webview.onDidReceiveMessage((msg) => void this.reveal(created, msg));
    } else {
      entry.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    await this.update(entry);
  }

  async refresh(doc: vscode.TextDocument): Promise<void> {
    const entry = this.panels.get(doc.uri.toString());
    if (entry !== undefined) {
      await this.update(entry);
    }
  }

  private render(entry: Panel, content: { svg?: string; message?: string }): void {
    const webview = entry.panel.webview;
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, "media", "graph.js"));
    webview.html = graphHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: script.toString(),
      title: entry.panel.title,
      ...content,
    });
  }

  private async update(entry: Panel): Promise<void> {
    const client = this.client();
    if (client === undefined || !client.isRunning()) {
      this.render(entry, { message: "The ssmc language server is not running: check the `ssmc.path` setting and the \"ssmc\" output, then run \"ssmc: Restart language server\"." });
      return;
    }
    try {
      const raw = await client.sendRequest(GRAPH_METHOD, { textDocument: { uri: client.code2ProtocolConverter.asUri(entry.source) } });
      const result = parseGraphResult(raw);
      if (result === undefined) {
        // The server answers null when nothing can be drawn.
        this.render(entry, { message: "Nothing to draw: the file has syntax errors, or it is not a runbook or an SSM document. Fix it and save to redraw." });
        return;
      }
      entry.result = result;
      this.render(entry, { svg: result.svg });
    } catch (e) {
      if (isMethodNotFound(e)) {
        this.render(entry, {
          message: "This version of ssmc does not support the flow graph yet (its language server has no `ssmc/graph` request). Update ssmc and run \"ssmc: Restart language server\".",
        });
      } else {
        this.render(entry, { message: `ssmc could not draw the flow graph: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
  }

  private async reveal(entry: Panel, msg: unknown): Promise<void> {
    const m = parseWebviewMessage(msg);
    if (m === undefined || entry.result === undefined) {
      return;
    }
    const r = rangeForStep(entry.result, m.step);
    if (r === undefined) {
      return;
    }
    const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    const doc = await vscode.workspace.openTextDocument(entry.source);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: entry.column, selection: range, preserveFocus: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
