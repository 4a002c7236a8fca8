// Expands every snippet of snippets/ssmc.code-snippets with its default
// choices into a .rbk file, so that CI can run `ssmc check` on them.
// Fragments (steps) are wrapped in an Automation runbook with the parameters they read.
// Usage: node test/snippets/expand.js OUT_DIR
"use strict";
const fs = require("fs");
const path = require("path");

const WRAP = {
  Approval: (body) => `automation SnippetApproval {\n${indent(body)}\n  step After = aws:sleep { Duration: "PT1S" }\n}\n`,
  "Staged runCommand": (body) => `automation SnippetStaged {\n${indent(body)}\n}\n`,
};

function indent(text) {
  return text
    .split("\n")
    .map((l) => (l === "" ? l : "  " + l))
    .join("\n");
}

/** Replaces placeholders by their defaults (first choice), mirrors by the same text. */
function expand(body) {
  const values = {};
  let text = body;
  // Innermost placeholders first, until none is left.
  for (let i = 0; i < 20; i++) {
    const next = text
      .replace(/\$\{(\d+):([^${}]*)\}/g, (_, n, d) => ((values[n] = d), d))
      .replace(/\$\{(\d+)\|([^|]*)\|\}/g, (_, n, choices) => ((values[n] = choices.split(",")[0]), values[n]));
    if (next === text) break;
    text = next;
  }
  return text.replace(/(?<!\\)\$(\d+)/g, (_, n) => values[n] ?? "").replace(/\\\$/g, "$");
}

const out = process.argv[2];
if (!out) {
  console.error("usage: expand.js OUT_DIR");
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });
const snippets = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "snippets", "ssmc.code-snippets"), "utf8"));
for (const [name, s] of Object.entries(snippets)) {
  const body = expand(s.body.join("\n"));
  const text = WRAP[name] ? WRAP[name](body) : body + "\n";
  const file = path.join(out, name.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase() + ".rbk");
  fs.writeFileSync(file, text);
  console.log(file);
}
