#!/usr/bin/env bash
# `cargo publish --dry-run` for every published crate of the workspace (ssmc and the
# libraries it depends on: the stdlib and the catalogs travel in ssmc-stdlib): each
# is packaged, unpacked and built from its package alone, as crates.io would, with
# the workspace's own crates resolved from the packages made in the same run.
set -euo pipefail
source .ci/lib.sh
# The verify build compiles every crate again from its package: it gets its own target
# folder, without debug info, removed afterwards, so that it cannot fill the disk that
# the test build already uses (one CI run failed here with "No space left on device").
verify_target=$(mktemp -d "${TMPDIR:-/tmp}/ssmc-publish-verify.XXXXXX")
trap 'rm -rf "$verify_target"' EXIT
df -h . | tail -1 | awk '{print "disk before the verify build: " $4 " free"}'
# Uncommitted files would make the package differ from main; CI runs on a clean clone.
CARGO_TARGET_DIR="$verify_target" CARGO_PROFILE_DEV_DEBUG=0 \
  retry cargo publish --workspace --exclude ssmc-tests --dry-run --locked
