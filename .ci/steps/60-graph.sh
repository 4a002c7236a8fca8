#!/usr/bin/env bash
# ssmc graph: the README picture is what ssmc draws today; the Mermaid of every
# example and graph fixture renders with the Mermaid CLI in Debian's chromium
# (no browser download: tests/graph-render/puppeteer.json); 10,000 steps draw
# as SVG within 10 seconds.
set -euo pipefail
source .ci/lib.sh
root=$(pwd)
ssmc=${SSMC:-"$root/target/release/ssmc"}

tests/graph-render/regenerate.sh --check "$ssmc"

if [ ! -x /usr/bin/chromium ]; then
  { apt_install chromium >/dev/null; } 2>&1 | tail -2
fi
tests/graph-render/render.sh "$ssmc"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 tests/graph-render/big.py 10000 >"$tmp/big.json"
for format in mermaid dot svg; do
  start=$(date +%s%N)
  "$ssmc" graph "$tmp/big.json" --format "$format" -o "$tmp/big.$format" 2>/dev/null
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "graph of 10,000 steps as $format: ${ms} ms"
  if [ "$ms" -gt 10000 ]; then
    echo "drawing 10,000 steps took over 10 s" >&2
    exit 1
  fi
done
grep -c 'data-step=' "$tmp/big.svg" | grep -qx 10000 || { echo "the SVG lacks steps" >&2; exit 1; }
