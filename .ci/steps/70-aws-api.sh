#!/usr/bin/env bash
# The AWS API catalog: a fresh generation from the pinned botocore wheel must
# equal the committed stdlib/aws-api/catalog.bin (the generator verifies the
# wheel's sha256), and ssmc's verdict on generated API parameters must equal
# botocore's own validator at that version (tests/aws_api_differential.py),
# and no selector ssmc calls impossible matches a response instance generated
# from the output shapes, while every real path it accepts matches one
# (tests/aws_api_selector_differential.py, judged by the pinned jsonpath-plus).
set -euo pipefail
source .ci/lib.sh
python3 stdlib/aws-api/generate.py --check
venv="$(mktemp -d)/venv"
python3 -m venv "$venv"
retry "$venv/bin/pip" install --quiet "botocore==$(python3 -c 'import sys; sys.path.insert(0, "stdlib/aws-api"); import generate; print(generate.BOTOCORE_VERSION)')"
"$venv/bin/python" tests/aws_api_differential.py target/release/ssmc --cases 400 --seed 12
npm_ci --silent --prefix tests/selector_judge
"$venv/bin/python" tests/aws_api_selector_differential.py target/release/ssmc --pairs 300 --seed 12
rm -rf "$(dirname "$venv")"
