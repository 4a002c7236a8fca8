#!/usr/bin/env bash
# Renders the Mermaid that `ssmc graph` prints for every example with the
# Mermaid CLI (mmdc) in Debian's chromium: proof that GitHub-style Mermaid
# accepts it as is (a syntax error fails mmdc). Nothing downloads a browser:
# PUPPETEER_SKIP_DOWNLOAD is set and puppeteer.json points at /usr/bin/chromium.
# Usage: tests/graph-render/render.sh [SSMC]   (from the repository root)
set -euo pipefail
root=$(pwd)
ssmc=${1:-"$root/target/release/ssmc"}
here="$root/tests/graph-render"
export PUPPETEER_SKIP_DOWNLOAD=1
if [ ! -x "$here/node_modules/.bin/mmdc" ]; then
  # shellcheck source=../../.ci/lib.sh
  source "$root/.ci/lib.sh"
  # The Mermaid CLI is a judge from the npm registry, not part of ssmc: when the
  # registry cannot be reached after the retries, say so loudly and skip the
  # rendering rather than fail the run on a download.
  if ! (cd "$here" && npm_ci --loglevel=error --ignore-scripts); then
    echo "SKIPPED: the Mermaid CLI could not be installed from the npm registry; graphs not rendered" >&2
    exit 0
  fi
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
inputs=("$root"/examples/*.rbk "$root"/tests/fixtures/graph/*)
# One Markdown file with every graph: mmdc renders all its diagrams in one
# browser session (one chromium start instead of one per graph).
md="$out/graphs.md"
: >"$md"
for f in "${inputs[@]}"; do
  {
    printf '## %s\n\n```mermaid\n' "$(basename "$f")"
    "$ssmc" graph "$f" --format mermaid 2>/dev/null
    printf '```\n\n'
  } >>"$md"
done
"$here/node_modules/.bin/mmdc" --quiet -p "$here/puppeteer.json" -i "$md" -o "$out/rendered.md" >/dev/null
count=$(find "$out" -name 'rendered-*.svg' | wc -l)
if [ "$count" -ne "${#inputs[@]}" ]; then
  echo "mmdc rendered $count of ${#inputs[@]} graphs" >&2
  exit 1
fi
if grep -l "Syntax error" "$out"/rendered-*.svg; then
  echo "mermaid rejected a graph (above)" >&2
  exit 1
fi
echo "mermaid: rendered the graphs of ${#inputs[@]} examples and fixtures"
