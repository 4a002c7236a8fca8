// Unit tests of the "Run tests" answer (src/runTests.ts).
import { strict as assert } from "assert";
import { test } from "node:test";

import { parseRunTestsResult, summary } from "../../src/runTests";

test("the server's answer is read, anything else is not", () => {
  const ok = { testFile: "file:///p/flow.test.toml", passed: 2, failed: 1, errors: 0 };
  assert.deepEqual(parseRunTestsResult(ok), ok);
  for (const bad of [null, 3, "x", {}, { ...ok, passed: -1 }, { ...ok, failed: 1.5 }, { ...ok, testFile: 7 }]) {
    assert.equal(parseRunTestsResult(bad), undefined, JSON.stringify(bad));
  }
});

test("the summary names the test file and points at Problems when something failed", () => {
  const file = "file:///p/my%20flow.test.toml";
  assert.deepEqual(summary({ testFile: file, passed: 2, failed: 0, errors: 0 }), { text: "my flow.test.toml: 2 passed, 0 failed", ok: true });
  assert.deepEqual(summary({ testFile: file, passed: 1, failed: 1, errors: 0 }), {
    text: "my flow.test.toml: 1 passed, 1 failed (see Problems)",
    ok: false,
  });
  assert.equal(summary({ testFile: file, passed: 0, failed: 0, errors: 1 }).ok, false);
});
