#!/usr/bin/env bash
# `cargo publish --dry-run` for every published crate of the workspace (ssmc and the
# libraries it depends on: the stdlib and the catalogs travel in ssmc-stdlib): each
# is packaged, unpacked and built from its package alone, as crates.io would, with
# the workspace's own crates resolved from the packages made in the same run.
# The debug build of `cargo test` is reused for the dependencies (one target dir).
set -euo pipefail
source .ci/lib.sh
# Uncommitted files would make the package differ from main; CI runs on a clean clone.
retry cargo publish --workspace --exclude ssmc-tests --dry-run --locked
