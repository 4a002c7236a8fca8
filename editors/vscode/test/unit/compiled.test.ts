// Unit tests of compiled-document naming (src/compiled.ts).
import { strict as assert } from "assert";
import { test } from "node:test";

import { buildArgs, compiledDir, compiledFileName, documentAt, documentHeaders, parseFormat, pickCompiledFile } from "../../src/compiled";

test("each source gets its own stable folder under the temp root", () => {
  const a = compiledDir("/tmp", "/w/a.rbk");
  assert.equal(a, compiledDir("/tmp", "/w/a.rbk"));
  assert.notEqual(a, compiledDir("/tmp", "/w/b.rbk"));
  assert.match(a, /^\/tmp\/ssmc-compiled\/[0-9a-f]{16}$/);
});

test("build arguments follow docs/cli.md", () => {
  assert.deepEqual(buildArgs("/w/a.rbk", "/tmp/x", "json"), ["build", "/w/a.rbk", "-o", "/tmp/x", "--format", "json"]);
  assert.equal(parseFormat("json"), "json");
  assert.equal(parseFormat("yaml"), "yaml");
  assert.equal(parseFormat(undefined), "yaml");
  assert.equal(parseFormat("xml"), "yaml");
  assert.equal(compiledFileName("AWS-RestartOne", "yaml"), "AWS-RestartOne.yaml");
});

const SOURCE = [
  "/// First.", // 0
  "@explicit_next", // 1
  "automation First {", // 2
  '  step A = aws:sleep { Duration: "PT1S" }', // 3
  "}", // 4
  "", // 5
  'command "AWS-Restart.One" {', // 6
  "  step B = aws:runShellScript { runCommand: [\"true\"] }", // 7
  "}", // 8
  "@explicit_next command `2nd-doc` {", // 9
  "}", // 10
  'extern action "aws:odd" for automation {', // 11
  "}",
].join("\n");

test("document headers: identifiers, strings and backticked names, after attributes", () => {
  assert.deepEqual(documentHeaders(SOURCE), [
    { name: "First", line: 2 },
    { name: "AWS-Restart.One", line: 6 },
    { name: "2nd-doc", line: 9 },
  ]);
});

test("the document at the cursor is the last header at or above it", () => {
  assert.equal(documentAt(SOURCE, 0), "First"); // above every header: the first
  assert.equal(documentAt(SOURCE, 3), "First");
  assert.equal(documentAt(SOURCE, 7), "AWS-Restart.One");
  assert.equal(documentAt(SOURCE, 12), "2nd-doc");
  assert.equal(documentAt("// nothing", 0), undefined);
});

test("the compiled file shown is the cursor's document, else the first written", () => {
  const written = ["Second.yaml", "First.yaml", "First.json"];
  assert.equal(pickCompiledFile(written, "Second", "yaml"), "Second.yaml");
  assert.equal(pickCompiledFile(written, "Missing", "yaml"), "First.yaml");
  assert.equal(pickCompiledFile(written, undefined, "json"), "First.json");
  assert.equal(pickCompiledFile([], "First", "json"), undefined);
});
