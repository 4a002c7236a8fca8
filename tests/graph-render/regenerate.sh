#!/usr/bin/env bash
# Regenerates the README's flow graph picture with `ssmc graph`, or with
# --check fails when the checked-in picture is not what ssmc draws today.
# (The test `graph::readme_picture_is_up_to_date` checks the same in `cargo test`.)
# Usage: tests/graph-render/regenerate.sh [--check] [SSMC]   (from the repository root)
set -euo pipefail
check=false
if [ "${1:-}" = "--check" ]; then
  check=true
  shift
fi
ssmc=${1:-target/release/ssmc}
# The README's picture, and the picture its RestartService step links to
# (ssmc graph links a call to a project document to `<its file stem>.svg`).
examples=(incident-remediation restart-service)
if $check; then
  fresh=$(mktemp)
  trap 'rm -f "$fresh"' EXIT
  for example in "${examples[@]}"; do
    picture=docs/images/$example.svg
    "$ssmc" graph "examples/$example.rbk" --format svg -o "$fresh"
    if ! cmp -s "$fresh" "$picture"; then
      echo "$picture is out of date: run tests/graph-render/regenerate.sh" >&2
      exit 1
    fi
    echo "$picture is up to date"
  done
else
  mkdir -p docs/images
  for example in "${examples[@]}"; do
    "$ssmc" graph "examples/$example.rbk" --format svg -o "docs/images/$example.svg"
    echo "wrote docs/images/$example.svg"
  done
fi
