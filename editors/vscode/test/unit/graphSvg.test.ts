// The webview's click handling on the SVG ssmc really draws: `ssmc graph
// --format svg` (the renderer behind the `ssmc/graph` request) on an example;
// the SVG must run under the panel's Content-Security-Policy (no script, no
// event-handler attributes, no external references), and a click on any
// element inside a step's node must name that step (media/graph.js stepOf).
// Needs the binary: $SSMC, else ../../target/release/ssmc; skipped without it
// or when that ssmc has no `graph` command yet.
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import { test } from "node:test";
import * as path from "path";

const REPO = path.join(__dirname, "..", "..", "..", "..", "..");
const SSMC = process.env.SSMC ?? path.join(REPO, "target", "release", "ssmc");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stepOf } = require(path.join(__dirname, "..", "..", "..", "media", "graph.js")) as { stepOf(el: unknown): string | undefined };

interface Node {
  tag: string;
  attrs: Record<string, string>;
  parentElement: Node | null;
  children: Node[];
  getAttribute(name: string): string | null;
}

/** A tree of the SVG's elements, enough for stepOf (SVG from ssmc is plain XML). */
function parse(svg: string): Node[] {
  const all: Node[] = [];
  const root: Node = { tag: "#root", attrs: {}, parentElement: null, children: [], getAttribute: () => null };
  let current = root;
  for (const m of svg.matchAll(/<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g)) {
    const [, closing, tag, attrText, selfClosing] = m;
    if (closing) {
      assert.equal(current.tag, tag, `balanced </${tag}>`);
      current = current.parentElement ?? root;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      attrs[a[1]] = a[2].replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    }
    const node: Node = { tag, attrs, parentElement: current, children: [], getAttribute: (n) => (n in attrs ? attrs[n] : null) };
    current.children.push(node);
    all.push(node);
    if (!selfClosing) {
      current = node;
    }
  }
  return all;
}

function descendants(n: Node): Node[] {
  return n.children.flatMap((c) => [c, ...descendants(c)]);
}

const probe = fs.existsSync(SSMC) ? spawnSync(SSMC, ["graph", "--help"], { encoding: "utf8" }) : undefined;
const skip = probe === undefined ? `no ssmc binary at ${SSMC}` : probe.status !== 0 ? "this ssmc has no graph command" : false;

test("a click inside any step node of a real SVG names that step", { skip }, () => {
  const example = path.join(REPO, "examples", "golden-ami.rbk");
  const r = spawnSync(SSMC, ["graph", example, "--format", "svg"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const svg = r.stdout;
  assert.ok(!/<script/i.test(svg), "no script element");
  assert.ok(!/\son[a-z]+=/i.test(svg), "no event-handler attribute");
  assert.ok(!/(?:href|src)="(?!#)/i.test(svg), "no external reference");

  const steps = [...fs.readFileSync(example, "utf8").matchAll(/^\s*step\s+([A-Za-z0-9_]+)\s*=/gm)].map((m) => m[1]);
  const nodes = parse(svg).filter((n) => n.attrs["data-step"] !== undefined);
  assert.deepEqual(nodes.map((n) => n.attrs["data-step"]).sort(), [...steps].sort(), "one node per step");
  for (const n of nodes) {
    const inner = descendants(n);
    assert.ok(inner.length > 0, `node ${n.attrs["data-step"]} has a shape or text`);
    for (const el of [n, ...inner]) {
      assert.equal(stepOf(el), n.attrs["data-step"], `click on <${el.tag}> inside ${n.attrs["data-step"]}`);
    }
  }
  // Outside every node (the background, edges) a click names nothing.
  const outside = parse(svg).filter((n) => stepOf(n) === undefined);
  assert.ok(outside.length > 0, "the SVG has elements outside the nodes");
});
