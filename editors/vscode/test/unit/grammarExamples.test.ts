// Tokenizes every examples/*.rbk with the grammar (and the real shell,
// PowerShell and Python grammars it embeds) and checks that nothing is left
// open at the end of each file: a string, script or step region that never
// closed would colour the rest of the file wrongly. Also checks that the
// examples' scripts are highlighted as their languages.
import { strict as assert } from "assert";
import * as fs from "fs";
import { test } from "node:test";
import * as path from "path";
import * as oniguruma from "vscode-oniguruma";
import * as vsctm from "vscode-textmate";

const EXT = path.join(__dirname, "..", "..", "..");
const EXAMPLES = path.join(EXT, "..", "..", "examples");

const GRAMMARS: Record<string, string> = {
  "source.ssmc": "syntaxes/ssmc.tmLanguage.json",
  "source.ssmc.interpolation-injection": "syntaxes/ssmc-interpolation.injection.tmLanguage.json",
  "source.shell": "node_modules/tm-grammars/grammars/shellscript.json",
  "source.powershell": "node_modules/tm-grammars/grammars/powershell.json",
  "source.python": "node_modules/tm-grammars/grammars/python.json",
};

async function loadGrammar(): Promise<vsctm.IGrammar> {
  const wasm = fs.readFileSync(path.join(EXT, "node_modules", "vscode-oniguruma", "release", "onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope: string) => {
      const file = GRAMMARS[scope];
      return file === undefined ? null : vsctm.parseRawGrammar(fs.readFileSync(path.join(EXT, file), "utf8"), file);
    },
    getInjections: (scope: string) => (scope === "source.ssmc" ? ["source.ssmc.interpolation-injection"] : undefined),
  });
  const g = await registry.loadGrammar("source.ssmc");
  assert.ok(g !== null, "the grammar loads");
  return g;
}

/** Every line's token scopes, and whether the rule stack is back at the root at the end. */
function tokenize(grammar: vsctm.IGrammar, text: string): { scopes: Set<string>; closed: boolean; openAt: string } {
  let stack = vsctm.INITIAL;
  const scopes = new Set<string>();
  let last: string[] = [];
  for (const line of text.split("\n")) {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      t.scopes.forEach((s) => scopes.add(s));
      last = t.scopes;
    }
    stack = r.ruleStack;
  }
  // At the root the stack holds only the grammar's own rule.
  const closed = stack.depth === 1;
  return { scopes, closed, openAt: last.join(" ") };
}

test("every example tokenizes and closes every region it opens", async () => {
  const grammar = await loadGrammar();
  const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith(".rbk"));
  assert.ok(files.length >= 5, `examples found in ${EXAMPLES}`);
  const all = new Set<string>();
  for (const f of files) {
    const r = tokenize(grammar, fs.readFileSync(path.join(EXAMPLES, f), "utf8"));
    assert.ok(r.closed, `${f}: a region is still open at the end (last scopes: ${r.openAt})`);
    assert.ok(!r.scopes.has("invalid.illegal.escape.ssmc"), `${f}: an invalid escape`);
    r.scopes.forEach((s) => all.add(s));
  }
  for (const s of [
    "meta.embedded.block.shellscript",
    "meta.embedded.block.powershell",
    "meta.embedded.block.python",
    "meta.interpolation.ssmc",
    "support.function.action.ssmc",
    "entity.name.function.step.ssmc",
    "constant.numeric.duration.ssmc",
  ]) {
    assert.ok(all.has(s), `the examples produce ${s}`);
  }
});

test("every runbook block of docs/language.md closes every region it opens", async () => {
  const grammar = await loadGrammar();
  const doc = fs.readFileSync(path.join(EXT, "..", "..", "docs", "language.md"), "utf8");
  // Fenced blocks without a language tag hold runbooks (json and ebnf blocks are tagged).
  const blocks: string[] = [];
  let current: string[] | undefined;
  let tag = "";
  for (const line of doc.split("\n")) {
    if (line.startsWith("```")) {
      if (current === undefined) {
        current = [];
        tag = line.slice(3).trim();
      } else {
        if (tag === "") {
          blocks.push(current.join("\n"));
        }
        current = undefined;
      }
    } else if (current !== undefined) {
      current.push(line);
    }
  }
  assert.ok(blocks.length >= 20, `runbook blocks found: ${blocks.length}`);
  blocks.forEach((block, i) => {
    const r = tokenize(grammar, block);
    assert.ok(r.closed, `block ${i + 1} (${block.split("\n")[0]}): still open at the end (${r.openAt})`);
  });
});

test("the check sees a region left open", async () => {
  const grammar = await loadGrammar();
  assert.equal(tokenize(grammar, "automation A {\n  step S = aws:sleep {").closed, false);
  assert.equal(tokenize(grammar, 'command C {\n  step S = aws:runShellScript { runCommand: """\n    echo').closed, false);
  assert.equal(tokenize(grammar, "automation A {\n}\n").closed, true);
});

test("an unclosed construct inside a script does not leak past the script's end", async () => {
  const grammar = await loadGrammar();
  const text = [
    "command C {",
    "  step S = aws:runShellScript {",
    "    runCommand: [\"\"\"",
    "      if true; then",
    "        echo \"unclosed",
    "      \"\"\"],",
    "  }",
    "}",
    "",
  ].join("\n");
  const r = tokenize(grammar, text);
  assert.ok(r.closed, `still open: ${r.openAt}`);
});
