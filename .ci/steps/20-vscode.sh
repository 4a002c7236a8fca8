#!/usr/bin/env bash
# The VS Code extension (editors/vscode): type check, lint, grammar and unit
# tests, the snippets through `ssmc check`, then `vsce package` (the esbuild
# bundle, no node_modules) as a platform-specific linux-x64 .vsix carrying the
# release `ssmc` (server/ssmc), and a look inside it. Needs Node 20 and the
# npm registry; no VS Code download.
set -euo pipefail
source .ci/lib.sh
root=$(pwd)
ssmc="$root/target/release/ssmc"
cd editors/vscode

echo "grammar generated from syntaxes/generate.py"
python3 syntaxes/generate.py --check

echo "npm ci"
npm_ci --loglevel=error

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

echo "vsce package (linux-x64, ssmc bundled)"
rm -rf ssmc-runbooks.vsix server
mkdir -p server
cp "$ssmc" server/ssmc
npx vsce package --target linux-x64 --allow-missing-repository --skip-license --out ssmc-runbooks.vsix >/dev/null
rm -rf server
# Listed with Python's zipfile: `unzip` is not on every fresh machine.
listing=$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' ssmc-runbooks.vsix)
for f in extension/package.json \
  extension/syntaxes/ssmc.tmLanguage.json \
  extension/syntaxes/ssmc-interpolation.injection.tmLanguage.json \
  extension/language-configuration.json \
  extension/snippets/ssmc.code-snippets \
  extension/dist/extension.js \
  extension/server/ssmc \
  extension/media/graph.js; do
  grep -qx "$f" <<<"$listing" || { echo "missing from the .vsix: $f" >&2; exit 1; }
done
# The bundle carries the client library: no node_modules, no tsc output.
if grep -q '^extension/node_modules/\|^extension/out/' <<<"$listing"; then
  echo "node_modules or out/ in the .vsix:" >&2
  grep '^extension/node_modules/\|^extension/out/' <<<"$listing" | head >&2
  exit 1
fi
# The bundled server is executable inside the package.
python3 -c 'import sys, zipfile; i = zipfile.ZipFile(sys.argv[1]).getinfo("extension/server/ssmc"); sys.exit(0 if (i.external_attr >> 16) & 0o100 else 1)' ssmc-runbooks.vsix ||
  { echo "extension/server/ssmc is not executable in the .vsix" >&2; exit 1; }
# The packaged manifest contributes the language, the grammar and the settings.
python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("extension/package.json").decode())' ssmc-runbooks.vsix | node -e '
  const p = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const c = p.contributes;
  const fail = (m) => { console.error("packaged package.json: " + m); process.exit(1); };
  if (!c.languages.some((l) => l.id === "ssmc" && l.extensions.includes(".rbk") && l.configuration)) fail("no ssmc language");
  if (!c.grammars.some((g) => g.language === "ssmc" && g.scopeName === "source.ssmc")) fail("no grammar");
  if (!c.configuration.properties["ssmc.path"]) fail("no ssmc.path setting");
  if (p.main !== "./dist/extension.js") fail("unexpected main " + p.main);
'
echo "vscode extension: ok ($(du -k ssmc-runbooks.vsix | cut -f1) KiB)"
