// Consistency of package.json with the code and files it names: every
// contributed command is registered by the extension (and the reverse), every
// menu entry names a contributed command, the files it points to exist, and
// the embedded-language scopes are ones the grammar produces.
import { strict as assert } from "assert";
import * as fs from "fs";
import { test } from "node:test";
import * as path from "path";

const EXT = path.join(__dirname, "..", "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(EXT, "package.json"), "utf8"));
const sources = fs
  .readdirSync(path.join(EXT, "src"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => fs.readFileSync(path.join(EXT, "src", f), "utf8"))
  .join("\n");

test("contributed commands and registered commands are the same set", () => {
  const contributed = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));
  const registered = new Set<string>([...sources.matchAll(/registerCommand\("([^"]+)"/g)].map((m) => m[1]));
  assert.deepEqual([...registered].sort(), [...contributed].sort());
  for (const [menu, entries] of Object.entries(pkg.contributes.menus as Record<string, { command: string }[]>)) {
    for (const e of entries) {
      assert.ok(contributed.has(e.command), `${menu} names ${e.command}`);
    }
  }
});

test("the flow graph has an editor-title button for .rbk, .json and .yaml", () => {
  const entry = pkg.contributes.menus["editor/title"].find((e: { command: string }) => e.command === "ssmc.showFlowGraph");
  assert.ok(entry !== undefined);
  for (const ext of [".rbk", ".json", ".yaml"]) {
    assert.ok(entry.when.includes(`resourceExtname == ${ext}`), `${ext} in ${entry.when}`);
  }
});

test("files named by the manifest exist", () => {
  const files = [
    pkg.main.replace(/^\.\/dist\//, "src/").replace(/\.js$/, ".ts"),
    ...pkg.contributes.languages.map((l: { configuration: string }) => l.configuration),
    ...pkg.contributes.grammars.map((g: { path: string }) => g.path),
    ...pkg.contributes.snippets.map((s: { path: string }) => s.path),
    "media/graph.js",
  ];
  for (const f of files) {
    assert.ok(fs.existsSync(path.join(EXT, f)), `${f} exists`);
  }
  // The esbuild bundle (npm run bundle): no node_modules in the package.
  assert.equal(pkg.main, "./dist/extension.js");
  assert.match(pkg.scripts["vscode:prepublish"], /bundle/);
  for (const key of ["ssmc.path", "ssmc.compiledFormat", "ssmc.buildOutputDirectory", "ssmc.ssmDocuments", "ssmc.trace.server"]) {
    assert.ok(pkg.contributes.configuration.properties[key], `setting ${key}`);
    assert.ok(sources.includes(`"${key.replace(/^ssmc\./, "")}"`) || sources.includes(`"${key}"`), `setting ${key} is read by the code`);
  }
});

test("embedded-language scopes are produced by the grammar", () => {
  const grammar = fs.readFileSync(path.join(EXT, "syntaxes", "ssmc.tmLanguage.json"), "utf8");
  const embedded = pkg.contributes.grammars[0].embeddedLanguages as Record<string, string>;
  assert.deepEqual(Object.values(embedded).sort(), ["powershell", "python", "shellscript"]);
  for (const scope of Object.keys(embedded)) {
    assert.ok(grammar.includes(`"contentName": "${scope}`), `${scope} is a contentName of the grammar`);
  }
});

test("language configuration: comments, brackets, pairs, indentation, folding markers", () => {
  const conf = JSON.parse(fs.readFileSync(path.join(EXT, "language-configuration.json"), "utf8"));
  assert.equal(conf.comments.lineComment, "//");
  assert.deepEqual(conf.brackets, [["{", "}"], ["[", "]"], ["(", ")"]]);
  assert.ok(conf.autoClosingPairs.some((p: { open: string }) => p.open === '"'));
  const inc = new RegExp(conf.indentationRules.increaseIndentPattern);
  const dec = new RegExp(conf.indentationRules.decreaseIndentPattern);
  assert.ok(inc.test("  step A = aws:sleep {"));
  assert.ok(inc.test('    runCommand: lines """'));
  assert.ok(inc.test("    Targets: ["));
  assert.ok(!inc.test("  step A = aws:sleep { Duration: \"PT1S\" }"));
  assert.ok(!inc.test("  // a comment {"));
  assert.ok(dec.test("  } timeout 10m"));
  assert.ok(dec.test("    ],"));
  assert.ok(new RegExp(conf.folding.markers.start).test("  // region setup"));
  assert.ok(new RegExp(conf.folding.markers.end).test("  // endregion"));
});

test("suggestions open inside strings of ssmc files, where AWS services, APIs and selectors complete", () => {
  const languages = pkg.contributes.languages.map((l: { id: string }) => l.id);
  const defaults = pkg.contributes.configurationDefaults as Record<string, Record<string, unknown>>;
  const scoped = Object.keys(defaults).map((k) => k.replace(/^\[|\]$/g, ""));
  for (const id of scoped) {
    assert.ok(languages.includes(id), `[${id}] is a contributed language`);
  }
  const quick = defaults["[ssmc]"]["editor.quickSuggestions"] as Record<string, string>;
  assert.equal(quick.strings, "on");
  assert.equal(quick.other, "on");
});
