// Unit tests of the flow graph's client side (src/graph.ts, media/graph.js).
import { strict as assert } from "assert";
import { test } from "node:test";
import * as path from "path";

import { contentSecurityPolicy, graphHtml, isMethodNotFound, makeNonce, parseGraphResult, parseWebviewMessage, rangeForStep } from "../../src/graph";

// The webview script, loaded as node loads it (module.exports).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stepOf } = require(path.join(__dirname, "..", "..", "..", "media", "graph.js")) as { stepOf(el: unknown): string | undefined };

interface FakeEl {
  attrs: Record<string, string>;
  parentElement: FakeEl | null;
  getAttribute(name: string): string | null;
}
function el(attrs: Record<string, string>, parent: FakeEl | null): FakeEl {
  return { attrs, parentElement: parent, getAttribute: (n) => (n in attrs ? attrs[n] : null) };
}

const range = (l: number, c: number, e: number) => ({ start: { line: l, character: c }, end: { line: l, character: e } });

test("a click anywhere inside a node finds the nearest data-step ancestor", () => {
  const svg = el({}, null);
  const outer = el({ "data-step": "Outer" }, svg);
  const node = el({ "data-step": "Restart", class: "node" }, outer);
  const shape = el({}, node);
  const text = el({}, shape);
  assert.equal(stepOf(text), "Restart");
  assert.equal(stepOf(node), "Restart");
  assert.equal(stepOf(el({}, outer)), "Outer");
  assert.equal(stepOf(el({}, svg)), undefined);
  assert.equal(stepOf(null), undefined);
  // A text node has no getAttribute; its parent is used.
  assert.equal(stepOf({ parentNode: shape }), "Restart");
});

test("the result is checked against the contract and maps steps to name ranges", () => {
  const r = parseGraphResult({
    svg: "<svg/>",
    nodes: [
      { step: "Restart", range: range(3, 7, 14) },
      { step: "Bad", range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } } },
      { step: 3, range: range(1, 1, 2) },
    ],
  });
  assert.ok(r !== undefined);
  assert.equal(r.nodes.length, 1);
  assert.deepEqual(rangeForStep(r, "Restart"), range(3, 7, 14));
  assert.equal(rangeForStep(r, "Bad"), undefined);
  assert.equal(rangeForStep(r, "Missing"), undefined);
  assert.equal(parseGraphResult(null), undefined);
  assert.equal(parseGraphResult({ nodes: [] }), undefined);
  assert.deepEqual(parseGraphResult({ svg: "<svg/>" }), { svg: "<svg/>", nodes: [] });
});

test("MethodNotFound is recognised by its JSON-RPC code", () => {
  assert.equal(isMethodNotFound({ code: -32601, message: "Method not found" }), true);
  assert.equal(isMethodNotFound({ code: -32603 }), false);
  assert.equal(isMethodNotFound(new Error("x")), false);
  assert.equal(isMethodNotFound(undefined), false);
});

test("only well-formed reveal messages are accepted from the webview", () => {
  assert.deepEqual(parseWebviewMessage({ type: "reveal", step: "A" }), { type: "reveal", step: "A" });
  assert.equal(parseWebviewMessage({ type: "reveal", step: 1 }), undefined);
  assert.equal(parseWebviewMessage({ type: "other", step: "A" }), undefined);
  assert.equal(parseWebviewMessage("reveal"), undefined);
});

test("the page runs only the nonce'd script and loads nothing from the network", () => {
  const nonce = makeNonce(() => 0.5);
  assert.match(nonce, /^[A-Za-z0-9]{32}$/);
  const csp = contentSecurityPolicy("vscode-resource:", nonce);
  assert.ok(csp.startsWith("default-src 'none'"));
  assert.ok(csp.includes(`script-src 'nonce-${nonce}'`));
  assert.ok(!/script-src[^;]*unsafe/.test(csp));
  const html = graphHtml({ cspSource: "vscode-resource:", nonce, scriptUri: "vscode-resource:/media/graph.js", title: "Flow: a.rbk", svg: '<svg><g data-step="A"></g></svg>' });
  assert.ok(html.includes('<g data-step="A">'));
  assert.ok(html.includes(`<script nonce="${nonce}" src="vscode-resource:/media/graph.js"></script>`));
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  const msg = graphHtml({ cspSource: "x", nonce, scriptUri: "s", title: "t", message: "no <graph> & more" });
  assert.ok(msg.includes("no &lt;graph&gt; &amp; more"));
});
