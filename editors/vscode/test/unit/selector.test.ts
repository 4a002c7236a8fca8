// Unit tests of the client's document selector (src/selector.ts).
import { strict as assert } from "assert";
import { test } from "node:test";

import { documentSelector } from "../../src/selector";

test("runbooks only by default: YAML and JSON are left to their own extensions", () => {
  const languages = documentSelector(false).map((f) => f.language);
  assert.deepEqual([...new Set(languages)], ["ssmc"]);
});

test("with ssmc.ssmDocuments, YAML and JSON files on disk go to the server too", () => {
  const yaml = documentSelector(true).filter((f) => f.language === "yaml" || f.language === "json");
  assert.deepEqual(yaml, [
    { scheme: "file", language: "yaml" },
    { scheme: "file", language: "json" },
  ]);
});
