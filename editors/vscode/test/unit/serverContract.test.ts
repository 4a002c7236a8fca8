// The extension's custom requests against the real `ssmc lsp`, over the same
// JSON-RPC library the language client uses (vscode-jsonrpc):
// - `ssmc/graph` answers either a result that passes parseGraphResult (then
//   every node's step has a `data-step` element in the SVG and its range
//   covers the step's name), for an open .rbk and for a JSON document the
//   client does not sync, or MethodNotFound, which the panel turns into its
//   message;
// - `ssmc/stdlibSource` answers the text of a stdlib file that go to
//   definition points into;
// - the "Run tests" lens's `ssmc.runTests` (workspace/executeCommand) answers
//   what parseRunTestsResult reads, and publishes a failure on the test file.
// Needs the binary: $SSMC, else ../../target/release/ssmc; skipped without it.
import { strict as assert } from "assert";
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import { test } from "node:test";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";

import { GRAPH_METHOD, GraphResult, isMethodNotFound, parseGraphResult } from "../../src/graph";
import { parseRunTestsResult, RUN_TESTS_COMMAND } from "../../src/runTests";

const REPO = path.join(__dirname, "..", "..", "..", "..", "..");
const SSMC = process.env.SSMC ?? path.join(REPO, "target", "release", "ssmc");
const skip = fs.existsSync(SSMC) ? false : `no ssmc binary at ${SSMC}`;

/** Opens a document and waits for its first diagnostics, so that the server has analysed it. */
function open(conn: MessageConnection, uri: string, text: string): Promise<void> {
  const published = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within 10 s`)), 10_000);
    conn.onNotification("textDocument/publishDiagnostics", (p: { uri: string }) => {
      if (p.uri === uri) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "ssmc", version: 1, text } });
  return published;
}

async function withServer(fn: (conn: MessageConnection, dir: string) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ssmc-contract-"));
  const child: ChildProcess = spawn(SSMC, ["lsp"], { cwd: dir, stdio: ["pipe", "pipe", "ignore"] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  conn.listen();
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  try {
    await conn.sendRequest("initialize", { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {}, workspaceFolders: null });
    await conn.sendNotification("initialized", {});
    await fn(conn, dir);
    await conn.sendRequest("shutdown");
    await conn.sendNotification("exit");
  } finally {
    clearTimeout(timer);
    conn.dispose();
    child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The graph of `uri`, or "unsupported" when the server has no `ssmc/graph` (MethodNotFound). */
async function graphOf(conn: MessageConnection, uri: string): Promise<GraphResult | "unsupported"> {
  let raw: unknown;
  try {
    raw = await conn.sendRequest(GRAPH_METHOD, { textDocument: { uri } });
  } catch (e) {
    assert.ok(isMethodNotFound(e), `an error other than MethodNotFound: ${JSON.stringify(e)}`);
    return "unsupported"; // the panel shows its "not supported yet" message
  }
  const result = parseGraphResult(raw);
  assert.ok(result !== undefined, `the result fits the contract: ${JSON.stringify(raw)?.slice(0, 200)}`);
  return result;
}

/**
 * Every node has a `data-step` element, and its range covers the step's name
 * in `text` (in JSON the server's range includes the name's quotes: `quoted`).
 */
function checkNodes(result: GraphResult, text: string, steps: string[], quoted = false): void {
  assert.deepEqual(result.nodes.map((n) => n.step).sort(), [...steps].sort(), "one node per step");
  const lines = text.split("\n");
  for (const n of result.nodes) {
    assert.ok(result.svg.includes(`data-step="${n.step}"`), `a data-step element for ${n.step}`);
    assert.equal(n.range.start.line, n.range.end.line, `the range of ${n.step} is on one line`);
    const line = lines[n.range.start.line] ?? "";
    const want = quoted ? `"${n.step}"` : n.step;
    assert.equal(line.slice(n.range.start.character, n.range.end.character), want, `the range of ${n.step} covers its name`);
  }
}

test("ssmc/graph: a result in the contract's shape, or MethodNotFound", { skip }, async () => {
  await withServer(async (conn, dir) => {
    const file = path.join(dir, "golden-ami.rbk");
    const text = fs.readFileSync(path.join(REPO, "examples", "golden-ami.rbk"), "utf8");
    fs.writeFileSync(file, text);
    const steps = [...text.matchAll(/^\s*step\s+([A-Za-z0-9_]+)\s*=/gm)].map((m) => m[1]);
    const uri = pathToFileURL(file).toString();
    await open(conn, uri, text);
    const rbk = await graphOf(conn, uri);
    if (rbk === "unsupported") {
      return;
    }
    checkNodes(rbk, text, steps);

    // An SSM document the client does not sync (JSON): the server reads the saved file.
    const built = spawnSync(SSMC, ["build", file, "-o", dir, "--format", "json"], { encoding: "utf8" });
    assert.equal(built.status, 0, built.stderr);
    const jsonFile = path.join(dir, "GoldenAmi.json");
    const json = await graphOf(conn, pathToFileURL(jsonFile).toString());
    assert.ok(json !== "unsupported");
    checkNodes(json, fs.readFileSync(jsonFile, "utf8"), steps, true);
  });
});

test("ssmc/stdlibSource: the text of a stdlib file", { skip }, async () => {
  await withServer(async (conn, dir) => {
    const file = path.join(dir, "a.rbk");
    const text = 'automation A {\n  step S = aws:sleep { Duration: "PT1S" }\n}\n';
    fs.writeFileSync(file, text);
    const uri = pathToFileURL(file).toString();
    await open(conn, uri, text);
    // Go to definition on the action name points into the stdlib.
    const def = (await conn.sendRequest("textDocument/definition", { textDocument: { uri }, position: { line: 1, character: 14 } })) as
      | { uri: string }
      | { uri: string }[]
      | { targetUri: string }[]
      | null;
    const first = Array.isArray(def) ? def[0] : def;
    const target = first === null || first === undefined ? undefined : "targetUri" in first ? first.targetUri : first.uri;
    assert.ok(target?.startsWith("ssmc-stdlib:"), `definition of aws:sleep is in the stdlib: ${JSON.stringify(def)}`);
    const r = (await conn.sendRequest("ssmc/stdlibSource", { uri: target })) as { text?: unknown };
    assert.equal(typeof r.text, "string");
    assert.ok((r.text as string).includes('"aws:sleep"'), "the stdlib file declares aws:sleep");
  });
});

test("ssmc.runTests: the lens, the answer, the failure on the test file", { skip }, async () => {
  await withServer(async (conn, dir) => {
    const file = path.join(dir, "flow.rbk");
    const text = 'automation Flow {\n  step S = aws:sleep { Duration: "PT1S" }\n}\n';
    fs.writeFileSync(file, text);
    const tests = path.join(dir, "flow.test.toml");
    fs.writeFileSync(tests, 'runbook = "flow.rbk"\n\n[[test]]\nname = "sleeps"\nexpect.path = ["S"]\n');
    const uri = pathToFileURL(file).toString();
    await open(conn, uri, text);
    const lenses = (await conn.sendRequest("textDocument/codeLens", { textDocument: { uri } })) as { command?: { command: string; arguments?: unknown[] } }[];
    const lens = lenses.find((l) => l.command?.command === RUN_TESTS_COMMAND);
    assert.ok(lens !== undefined, `a Run tests lens: ${JSON.stringify(lenses)}`);
    const passed = parseRunTestsResult(await conn.sendRequest("workspace/executeCommand", { command: RUN_TESTS_COMMAND, arguments: lens.command?.arguments }));
    assert.deepEqual(passed && { passed: passed.passed, failed: passed.failed }, { passed: 1, failed: 0 });

    fs.writeFileSync(tests, 'runbook = "flow.rbk"\n\n[[test]]\nname = "sleeps"\nexpect.path = ["Elsewhere"]\n');
    const testsUri = pathToFileURL(tests).toString();
    const published = new Promise<{ message: string }[]>((resolve) => {
      conn.onNotification("textDocument/publishDiagnostics", (p: { uri: string; diagnostics: { message: string }[] }) => {
        if (p.uri === testsUri && p.diagnostics.length > 0) {
          resolve(p.diagnostics);
        }
      });
    });
    const broken = parseRunTestsResult(await conn.sendRequest("workspace/executeCommand", { command: RUN_TESTS_COMMAND, arguments: [uri] }));
    assert.ok(broken !== undefined && broken.errors + broken.failed > 0, JSON.stringify(broken));
    const diagnostics = await published;
    assert.ok(diagnostics[0].message.includes("Elsewhere"), JSON.stringify(diagnostics));
  });
});
