#!/usr/bin/env bash
# The VS Code extension (editors/vscode): type check, lint, grammar and unit
# tests, the snippets through `ssmc check`, then `vsce package` and a look
# inside the .vsix. Needs Node 20 and the npm registry; no VS Code download.
set -euo pipefail
root=$(pwd)
ssmc="$root/target/release/ssmc"
cd editors/vscode

echo "grammar generated from syntaxes/generate.py"
python3 syntaxes/generate.py --check

echo "npm ci"
npm ci --no-audit --no-fund --loglevel=error

echo "tsc --noEmit"
npx tsc --noEmit -p ./

echo "eslint"
npx eslint src test/unit media

echo "grammar tests (vscode-tmgrammar-test)"
npm run --silent test:grammar

echo "unit tests (node --test)"
SSMC="$ssmc" npm run --silent test:unit

echo "snippets compile"
snippets=$(mktemp -d)
node test/snippets/expand.js "$snippets" >/dev/null
"$ssmc" check "$snippets"

echo "vsce package"
rm -f ssmc-runbooks.vsix
npx vsce package --allow-missing-repository --skip-license --out ssmc-runbooks.vsix >/dev/null
# Listed with Python's zipfile: `unzip` is not on every fresh machine.
listing=$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' ssmc-runbooks.vsix)
for f in extension/package.json \
  extension/syntaxes/ssmc.tmLanguage.json \
  extension/syntaxes/ssmc-interpolation.injection.tmLanguage.json \
  extension/language-configuration.json \
  extension/snippets/ssmc.code-snippets \
  extension/out/src/extension.js \
  extension/media/graph.js \
  extension/node_modules/vscode-languageclient/package.json; do
  grep -qx "$f" <<<"$listing" || { echo "missing from the .vsix: $f" >&2; exit 1; }
done
# The packaged manifest contributes the language, the grammar and the settings.
python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("extension/package.json").decode())' ssmc-runbooks.vsix | node -e '
  const p = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const c = p.contributes;
  const fail = (m) => { console.error("packaged package.json: " + m); process.exit(1); };
  if (!c.languages.some((l) => l.id === "ssmc" && l.extensions.includes(".rbk") && l.configuration)) fail("no ssmc language");
  if (!c.grammars.some((g) => g.language === "ssmc" && g.scopeName === "source.ssmc")) fail("no grammar");
  if (!c.configuration.properties["ssmc.path"]) fail("no ssmc.path setting");
  if (p.main !== "./out/src/extension.js") fail("unexpected main " + p.main);
'
echo "vscode extension: ok ($(du -k ssmc-runbooks.vsix | cut -f1) KiB)"
