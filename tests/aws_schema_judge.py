#!/usr/bin/env python3
"""AWS's published Automation schema judges the lenient forms ssmc builds.

The checker only warns about some forms AWS converts at run time (a text
default of an Integer parameter, `attempts "3"`, `aws:sleep { Duration: 1m }`);
`ssmc build` writes them in the form AWS's schema accepts
(compiler/core/src/lower/aws_form.rs). This builds
tests/fixtures/codegen/lenient_forms.rbk as JSON and as YAML with the given
ssmc and validates both against `dist/schema.json` of the npm package
`aws-ssm-document-language-service` (AWS's language server for SSM documents,
the only schema AWS publishes), which .ci/steps/75-aws-schema.sh fetches at a
pinned version and hash. Exit 1 when the schema refuses anything.

That schema dates from 2020: it refuses later additions AWS's service accepts
(`aws:loop`, `variables`, `AWS::…` parameter types, `onCancel`, newer script
runtimes), so it judges these forms only, not every document ssmc builds
(that is docs/schemas.md's own schema, in every build).

Usage: python3 tests/aws_schema_judge.py SSMC SCHEMA_JSON
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import jsonschema
import yaml

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "codegen", "lenient_forms.rbk")


def build(ssmc, fmt, work):
    out = os.path.join(work, fmt)
    subprocess.run([ssmc, "--color", "never", "build", "lenient_forms.rbk", "-o", out, "--format", fmt],
                   cwd=work, check=True, capture_output=True, text=True)
    return [os.path.join(out, name) for name in sorted(os.listdir(out))]


def main(ssmc, schema_path):
    with open(schema_path) as f:
        validator = jsonschema.Draft7Validator(json.load(f))
    work = tempfile.mkdtemp()
    try:
        open(os.path.join(work, "ssmc.toml"), "w").close()
        shutil.copy(FIXTURE, work)
        refused = 0
        judged = 0
        for fmt in ("json", "yaml"):
            for path in build(os.path.abspath(ssmc), fmt, work):
                with open(path) as f:
                    doc = json.load(f) if fmt == "json" else yaml.safe_load(f)
                judged += 1
                for error in validator.iter_errors(doc):
                    refused += 1
                    where = "/".join(str(p) for p in error.absolute_path)
                    print(f"{os.path.basename(path)}: /{where}: {error.message}")
        print(f"AWS's schema judged {judged} built documents: {refused} refusals")
        return 1 if refused or judged < 2 else 0
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
