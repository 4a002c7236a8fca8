// Activation with a stand-in for the `vscode` module (the real one exists
// only inside VS Code): with `ssmc.path` pointing nowhere, activate()
// registers every contributed command and both content providers, tells the
// user how to install ssmc, and starts no language server.
import { strict as assert } from "assert";
import * as fs from "fs";
import { test } from "node:test";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Module = require("module") as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };

const EXT = path.join(__dirname, "..", "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(EXT, "package.json"), "utf8"));

/** Records what the extension asks of VS Code. */
const calls = {
  commands: [] as string[],
  providers: [] as string[],
  errors: [] as string[],
  outputChannels: [] as string[],
};

const disposable = { dispose() {} };
const event = () => disposable;

/** Any name the client library touches at load time resolves to an inert class. */
function inert(): unknown {
  return new Proxy(function () {}, {
    get: (_t, p) => (p === "prototype" ? {} : inert()),
    construct: () => ({}),
    apply: () => undefined,
  });
}

const fakeVscode: Record<string, unknown> = {
  window: {
    createOutputChannel: (name: string) => {
      calls.outputChannels.push(name);
      return { appendLine() {}, append() {}, show() {}, dispose() {}, name };
    },
    showErrorMessage: (msg: string) => {
      calls.errors.push(msg);
      return Promise.resolve(undefined);
    },
    showWarningMessage: () => Promise.resolve(undefined),
    showInformationMessage: () => Promise.resolve(undefined),
    activeTextEditor: undefined,
  },
  workspace: {
    getConfiguration: () => ({ get: (key: string, dflt?: unknown) => (key === "path" ? "/nonexistent/bin/ssmc" : dflt) }),
    registerTextDocumentContentProvider: (scheme: string) => {
      calls.providers.push(scheme);
      return disposable;
    },
    onDidSaveTextDocument: event,
    onDidChangeConfiguration: event,
    createFileSystemWatcher: () => ({ dispose() {}, onDidChange: event, onDidCreate: event, onDidDelete: event }),
  },
  commands: {
    registerCommand: (id: string) => {
      calls.commands.push(id);
      return disposable;
    },
    executeCommand: () => Promise.resolve(undefined),
  },
  EventEmitter: class {
    event = event;
    fire() {}
    dispose() {}
  },
  Uri: { file: (p: string) => ({ fsPath: p, path: p, toString: () => `file://${p}` }), joinPath: inert() },
  Disposable: class {
    static from() {
      return disposable;
    }
    dispose() {}
  },
};
const vscodeStandIn = new Proxy(fakeVscode, { get: (t, p: string) => (p in t ? t[p] : inert()) });

test("activate registers the commands and explains a missing ssmc", async () => {
  const original = Module._load;
  Module._load = function (request: string, parent: unknown, isMain: boolean) {
    return request === "vscode" ? vscodeStandIn : original.call(this, request, parent, isMain);
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ext = require(path.join(EXT, "out", "src", "extension.js")) as { activate(ctx: unknown): Promise<void> };
    const context = { subscriptions: [] as unknown[], extensionUri: { fsPath: EXT, path: EXT } };
    await ext.activate(context);
    const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual([...calls.commands].sort(), contributed);
    assert.deepEqual([...calls.providers].sort(), ["ssmc-compiled", "ssmc-stdlib"]);
    assert.deepEqual(calls.outputChannels, ["ssmc"]);
    assert.equal(calls.errors.length, 1, `one error message: ${JSON.stringify(calls.errors)}`);
    assert.ok(calls.errors[0].includes("/nonexistent/bin/ssmc"), calls.errors[0]);
    assert.ok(calls.errors[0].includes("cargo install --path compiler/cli"), calls.errors[0]);
    assert.ok(context.subscriptions.length >= 8, "disposables are handed to VS Code");
  } finally {
    Module._load = original;
  }
});
