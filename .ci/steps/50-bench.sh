#!/usr/bin/env bash
# Performance: every criterion bench runs once, as a test (criterion runs its
# benches once each when cargo test starts the binary), and the comparison
# script runs on small inputs without cfn-lint, so that neither rots.
# Both reuse the debug build of `cargo test --workspace` and the release `ssmc`
# built before this step: the point here is that the benches and the script
# work, not their numbers. The full measurement is `cargo bench -p ssmc-tests`
# and `python3 tests/perf/perf.py` (docs/performance.md).
set -euo pipefail
cargo test --locked -p ssmc-tests --bench compiler
cargo test --locked -p ssmc-tests --bench python
cargo build --locked -p ssmc-tests --example gen
python3 tests/perf/perf.py --no-build --gen target/debug/examples/gen \
  --only check,scaling,startup --runs 1 \
  --files 40 --steps 30 --scale-files 2 --scale-steps 20 --startup-runs 20
