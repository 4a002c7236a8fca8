/**
 * The extension's entry point: starts `ssmc lsp` and registers the commands.
 *
 * Input: VS Code's activation (a `.rbk` file opened, or one of our commands).
 * Output: a language client, "ssmc: Build current file", "ssmc: Show
 * compiled document", "SSM Runbook: Show Flow Graph", "ssmc: Restart language server".
 * The "Run tests" lens's command (`ssmc.runTests`) is the server's: the
 * client runs it, and a middleware says how the run went (`runTests.ts`).
 * Invariant: the logic that can be tested without VS Code lives in
 * `ssmcPath.ts`, `compiled.ts`, `graph.ts` and `runTests.ts`; this file only wires them to
 * the vscode API.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, State, Trace } from "vscode-languageclient/node";

import { resolveSsmc } from "./ssmcPath";
import { CompiledPreview } from "./preview";
import { FlowGraph } from "./flowGraph";
import { runSsmc } from "./run";
import { documentSelector } from "./selector";
import { parseRunTestsResult, RUN_TESTS_COMMAND, summary } from "./runTests";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
/** The binary a platform-specific .vsix carries (`server/ssmc`), set at activation. */
let bundledSsmc: string | undefined;

function machine() {
  return {
    platform: process.platform,
    env: process.env,
    homedir: os.homedir(),
    isExecutable(file: string): boolean {
      try {
        if (!fs.statSync(file).isFile()) {
          return false;
        }
        fs.accessSync(file, process.platform === "win32" ? fs.constants.F_OK : fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** The `ssmc` to run, or undefined after telling the user how to install it. */
export async function ssmcPath(): Promise<string | undefined> {
  const setting = vscode.workspace.getConfiguration("ssmc").get<string>("path");
  const r = resolveSsmc(setting, machine(), bundledSsmc);
  if (r.ok) {
    const from = { setting: "the ssmc.path setting", bundled: "bundled with the extension", PATH: "found on PATH" }[r.source];
    output?.appendLine(`ssmc: using ${r.path} (${from})`);
    return r.path;
  }
  const open = "Open Settings";
  void vscode.window.showErrorMessage(r.message, open).then((choice) => {
    if (choice === open) {
      void vscode.commands.executeCommand("workbench.action.openSettings", "ssmc.path");
    }
  });
  return undefined;
}

let fileWatcher: vscode.FileSystemWatcher | undefined;

/** One watcher of `.rbk` and `ssmc.toml` files for the extension's lifetime, shared by restarts. */
function watcher(context: vscode.ExtensionContext): vscode.FileSystemWatcher {
  if (fileWatcher === undefined) {
    fileWatcher = vscode.workspace.createFileSystemWatcher("**/{*.rbk,ssmc.toml}");
    context.subscriptions.push(fileWatcher);
  }
  return fileWatcher;
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const command = await ssmcPath();
  if (command === undefined) {
    return;
  }
  const serverOptions: ServerOptions = {
    run: { command, args: ["lsp"] },
    debug: { command, args: ["lsp"] },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(vscode.workspace.getConfiguration("ssmc").get<boolean>("ssmDocuments", false)),
    outputChannel: output,
    synchronize: { fileEvents: watcher(context) },
    middleware: {
      // The server runs `ssmc.runTests` (the "Run tests" lens) and publishes
      // the failures on the test file; the editor says how the run went.
      executeCommand: async (cmd, args, next) => {
        const answer: unknown = await next(cmd, args);
        const result = cmd === RUN_TESTS_COMMAND ? parseRunTestsResult(answer) : undefined;
        if (result !== undefined) {
          const { text, ok } = summary(result);
          void (ok ? vscode.window.showInformationMessage(text) : vscode.window.showWarningMessage(text));
        }
        return answer;
      },
    },
  };
  client = new LanguageClient("ssmc", "ssmc language server", serverOptions, clientOptions);
  const trace = vscode.workspace.getConfiguration("ssmc").get<string>("trace.server", "off");
  try {
    await client.start();
    await client.setTrace(Trace.fromString(trace));
  } catch (e) {
    output.appendLine(`ssmc lsp failed to start: ${String(e)}`);
    void vscode.window.showErrorMessage(`ssmc lsp (${command}) failed to start: ${String(e)}. See the "ssmc" output.`);
  }
}

async function restartClient(context: vscode.ExtensionContext): Promise<void> {
  const old = client;
  client = undefined;
  if (old !== undefined && old.state !== State.Stopped) {
    await old.stop();
  }
  await startClient(context);
}

/** The running client, for custom requests (the flow graph). */
export function currentClient(): LanguageClient | undefined {
  return client;
}

/** Go to definition into the stdlib answers `ssmc-stdlib:///…` URIs (docs/lsp.md); their text comes from the server. */
const STDLIB_SCHEME = "ssmc-stdlib";

async function stdlibSource(uri: vscode.Uri): Promise<string> {
  if (client === undefined || !client.isRunning()) {
    return "// the ssmc language server is not running";
  }
  try {
    const r = await client.sendRequest<unknown>("ssmc/stdlibSource", { uri: uri.toString() });
    const text = (r as { text?: unknown } | null)?.text;
    return typeof text === "string" ? text : `// ssmc/stdlibSource gave no text for ${uri.toString()}`;
  } catch (e) {
    return `// ssmc could not read ${uri.toString()}: ${e instanceof Error ? e.message : String(e)}`;
  }
}

async function buildCurrentFile(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined || editor.document.languageId !== "ssmc" || editor.document.uri.scheme !== "file") {
    void vscode.window.showWarningMessage("ssmc: open a saved .rbk file to build it.");
    return;
  }
  const doc = editor.document;
  if (doc.isDirty && !(await doc.save())) {
    return;
  }
  const command = await ssmcPath();
  if (command === undefined) {
    return;
  }
  const config = vscode.workspace.getConfiguration("ssmc", doc.uri);
  const format = config.get<string>("compiledFormat") === "json" ? "json" : "yaml";
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  const base = folder?.uri.fsPath ?? path.dirname(doc.uri.fsPath);
  const outSetting = config.get<string>("buildOutputDirectory", "build");
  const outDirAbs = path.isAbsolute(outSetting) ? outSetting : path.join(base, outSetting);
  const r = await runSsmc(command, ["build", doc.uri.fsPath, "-o", outDirAbs, "--format", format], base);
  output.appendLine(`$ ${command} build ${doc.uri.fsPath} -o ${outDirAbs} --format ${format}`);
  if (r.stdout) {
    output.appendLine(r.stdout);
  }
  if (r.stderr) {
    output.appendLine(r.stderr);
  }
  if (r.code === 0) {
    void vscode.window.showInformationMessage(`ssmc: built ${vscode.workspace.asRelativePath(doc.uri)} into ${outDirAbs}`);
  } else {
    const show = "Show Output";
    const choice = await vscode.window.showErrorMessage(`ssmc build failed (exit ${r.code}); see the problems and the "ssmc" output.`, show);
    if (choice === show) {
      output.show(true);
    }
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("ssmc");
  context.subscriptions.push(output);
  bundledSsmc = path.join(context.extensionUri.fsPath, "server", process.platform === "win32" ? "ssmc.exe" : "ssmc");

  const preview = new CompiledPreview(output, ssmcPath);
  const graph = new FlowGraph(context.extensionUri, currentClient);
  context.subscriptions.push(
    preview,
    graph,
    vscode.workspace.registerTextDocumentContentProvider(CompiledPreview.scheme, preview),
    vscode.workspace.registerTextDocumentContentProvider(STDLIB_SCHEME, { provideTextDocumentContent: stdlibSource }),
    vscode.commands.registerCommand("ssmc.buildCurrentFile", buildCurrentFile),
    vscode.commands.registerCommand("ssmc.showCompiledDocument", () => preview.show()),
    vscode.commands.registerCommand("ssmc.showFlowGraph", () => graph.show()),
    vscode.commands.registerCommand("ssmc.restartServer", () => restartClient(context)),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      void preview.refresh(doc);
      void graph.refresh(doc);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("ssmc.path") || e.affectsConfiguration("ssmc.ssmDocuments")) {
        void restartClient(context);
      } else if (e.affectsConfiguration("ssmc.trace.server") && client !== undefined) {
        void client.setTrace(Trace.fromString(vscode.workspace.getConfiguration("ssmc").get<string>("trace.server", "off")));
      }
    }),
  );
  context.subscriptions.push({ dispose: () => void client?.stop() });
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  if (client !== undefined && client.state !== State.Stopped) {
    await client.stop();
  }
}
