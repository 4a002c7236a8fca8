#!/usr/bin/env bash
# Runs the headless Neovim tests (test/diagnostics.lua, test/features.lua, test/rename.lua)
# against an ssmc binary, each on a copy of an example. Usage: test/run.sh [PATH_TO_SSMC]
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

# Each test with the example it edits (a fresh copy each).
for pair in diagnostics:golden-ami features:golden-ami rename:asg-instance-refresh; do
  test=${pair%%:*}
  example=${pair#*:}
  echo "== $test"
  cp "$root/examples/$example.rbk" "$work/$example.rbk"
  SSMC="$ssmc" SSMC_NVIM_DIR="$here" SSMC_FILE="$work/$example.rbk" \
    timeout --kill-after=10 120 \
    nvim --headless --clean -u NONE -i NONE -n -c "luafile $here/test/$test.lua" </dev/null
done
