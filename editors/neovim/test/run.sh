#!/usr/bin/env bash
# Runs the headless Neovim tests (test/diagnostics.lua, test/features.lua) against an ssmc binary
# on a copy of an example. Usage: test/run.sh [PATH_TO_SSMC]
# (default: target/release/ssmc from the repository root). Exits non-zero on
# failure; `timeout` bounds the whole run.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/../.." && pwd)
ssmc=$(realpath "${1:-$root/target/release/ssmc}")
[ -x "$ssmc" ] || { echo "no ssmc binary at $ssmc" >&2; exit 2; }
command -v nvim >/dev/null || { echo "nvim is not installed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$root/examples/golden-ami.rbk" "$work/golden-ami.rbk"

for test in diagnostics features; do
  echo "== $test"
  cp "$root/examples/golden-ami.rbk" "$work/golden-ami.rbk"
  SSMC="$ssmc" SSMC_NVIM_DIR="$here" SSMC_FILE="$work/golden-ami.rbk" \
    timeout --kill-after=10 120 \
    nvim --headless --clean -u NONE -i NONE -n -c "luafile $here/test/$test.lua" </dev/null
done
