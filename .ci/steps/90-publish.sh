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
# `cargo publish --workspace` serves the workspace's own packages from a temporary local
# registry whose unpacked sources land in $CARGO_HOME/registry/src/-<hash of the checkout
# path>/ (the registry has no name, hence the leading dash), and cargo never unpacks a
# crate again over a folder that exists. CI checks out to the same path every run, so an
# earlier run's ssmc-stdlib was compiled instead of this one's (a CI run failed on
# constants the stale copy lacked). Those folders hold nothing but our own packages:
# remove them before and after.
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
remove_local_registry_sources() {
  rm -rf "$cargo_home"/registry/src/-* "$cargo_home"/registry/cache/-* "$cargo_home"/registry/index/-*
}
remove_local_registry_sources
# Uncommitted files would make the package differ from main; CI runs on a clean clone.
retry cargo publish --workspace --exclude ssmc-tests --dry-run --locked
rm -rf target/package
remove_local_registry_sources
