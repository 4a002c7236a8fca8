#!/usr/bin/env bash
# The AWS API catalog: a fresh generation from the pinned botocore wheel must
# equal the committed stdlib/aws-api/catalog.bin (the generator verifies the
# wheel's sha256), and ssmc must agree with botocore's own parameter validator.
set -euo pipefail
python3 stdlib/aws-api/generate.py --check
