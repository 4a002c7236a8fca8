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
example=examples/incident-remediation.rbk
picture=docs/images/incident-remediation.svg
if $check; then
  fresh=$(mktemp)
  trap 'rm -f "$fresh"' EXIT
  "$ssmc" graph "$example" --format svg -o "$fresh"
  if ! cmp -s "$fresh" "$picture"; then
    echo "$picture is out of date: run tests/graph-render/regenerate.sh" >&2
    exit 1
  fi
  echo "$picture is up to date"
else
  mkdir -p docs/images
  "$ssmc" graph "$example" --format svg -o "$picture"
  echo "wrote $picture"
fi
