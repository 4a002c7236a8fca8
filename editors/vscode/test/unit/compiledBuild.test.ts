// Checks the compiled-document naming against the real `ssmc build`: the
// file the preview picks for the cursor's document is one that ssmc wrote.
// Needs the binary: $SSMC, else ../../target/release/ssmc; skipped without it.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import { test } from "node:test";
import * as os from "os";
import * as path from "path";

import { buildArgs, compiledDir, documentAt, Format, pickCompiledFile } from "../../src/compiled";

const REPO = path.join(__dirname, "..", "..", "..", "..", "..");
const SSMC = process.env.SSMC ?? path.join(REPO, "target", "release", "ssmc");
const skip = fs.existsSync(SSMC) ? false : `no ssmc binary at ${SSMC}`;

const SOURCE = `automation First {
  step A = aws:sleep { Duration: "PT1S" }
}

command "Second-Doc.v2" {
  step B = aws:runShellScript { runCommand: ["true"] }
}
`;

for (const format of ["yaml", "json"] as Format[]) {
  test(`ssmc build writes the ${format} file the preview picks`, { skip }, () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ssmc-vscode-test-"));
    try {
      const src = path.join(tmp, "two.rbk");
      fs.writeFileSync(src, SOURCE);
      const out = compiledDir(tmp, src);
      execFileSync(SSMC, buildArgs(src, out, format), { cwd: tmp, stdio: "pipe" });
      const written = fs.readdirSync(out);
      assert.equal(pickCompiledFile(written, documentAt(SOURCE, 1), format), `First.${format}`);
      assert.equal(pickCompiledFile(written, documentAt(SOURCE, 5), format), `Second-Doc.v2.${format}`);
      const text = fs.readFileSync(path.join(out, `Second-Doc.v2.${format}`), "utf8");
      assert.ok(text.includes("2.2"), "the command document has schemaVersion 2.2");
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
}
