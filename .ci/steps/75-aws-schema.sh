#!/usr/bin/env bash
# AWS's published Automation schema (npm aws-ssm-document-language-service,
# pinned version and sha512) judges the lenient forms `ssmc build` rewrites
# (tests/aws_schema_judge.py).
set -euo pipefail
source .ci/lib.sh
version=1.0.0
integrity='sha512-XTkladSKrrD/uIGOwRMyVK7M6eHYVZWobtF0SCXQPocpE0SsHRVY1GflZaEGYgbKgDJTgpNpP8drTsUFzgfL5A=='
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && retry npm pack --silent "aws-ssm-document-language-service@$version" >/dev/null)
tarball="$work/aws-ssm-document-language-service-$version.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
  echo "aws-ssm-document-language-service $version: unexpected hash $actual" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work" package/dist/schema.json
python3 -m venv "$work/venv"
retry "$work/venv/bin/pip" install --quiet "jsonschema==4.26.0" "PyYAML==6.0.3"
"$work/venv/bin/python" tests/aws_schema_judge.py target/release/ssmc "$work/package/dist/schema.json"
