#!/usr/bin/env bash
# Performance: every criterion bench runs once (criterion's --test mode), and the
# comparison script runs on small inputs without cfn-lint, so that neither rots.
# The full measurement is `python3 tests/perf/perf.py` (see docs/performance.md).
set -euo pipefail
cargo bench --locked -p ssmc-tests --bench compiler -- --test
cargo build --release --locked -p ssmc-tests --example gen
python3 tests/perf/perf.py --no-build --only check,scaling,startup --runs 1 \
  --files 40 --steps 30 --scale-files 2 --scale-steps 20 --startup-runs 20
