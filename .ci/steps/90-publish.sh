#!/usr/bin/env bash
# `cargo publish --dry-run` for every published crate of the workspace (ssmc and the
# libraries it depends on: the stdlib and the catalogs travel in ssmc-stdlib): each
# is packaged, unpacked and built from its package alone, as crates.io would, with
# the workspace's own crates resolved from the packages made in the same run.
set -euo pipefail
source .ci/lib.sh
# The verify build compiles every crate again from its package, in the workspace's target
# folder so that the dependencies `cargo test` built are reused. It needs free disk:
# one CI run failed here with "No space left on device" (on a machine whose disk other
# checkouts had filled), so the free space is printed first.
df -h . | tail -1 | awk '{print "disk before the verify build: " $4 " free"}'
# Uncommitted files would make the package differ from main; CI runs on a clean clone.
retry cargo publish --workspace --exclude ssmc-tests --dry-run --locked
rm -rf target/package
