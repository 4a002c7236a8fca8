#!/usr/bin/env python3
"""Validate every example's `ssmc iam` policy with parliament (Duo's IAM linter).

Usage: iam_parliament.py SSMC [RUNBOOK ...] (default: every examples/*.rbk).
Each policy is derived by `SSMC iam RUNBOOK` and analysed by parliament, which
has its own copy of AWS's action list: any finding that says the policy names
something IAM does not know (an unknown prefix or action, a resource that does
not match the action's resource types, a malformed statement) fails the run.
Findings about a policy's breadth (`"*"` resources for actions that allow
nothing else) are printed, not failed: the derivation gives each its reason.
"""

import glob
import json
import subprocess
import sys

from parliament import analyze_policy_string

# Finding issues that mean the policy names what IAM does not have.
FATAL = {
    "UNKNOWN_PREFIX", "UNKNOWN_ACTION", "UNKNOWN_PRINCIPAL", "UNKNOWN_FEDERATION_SOURCE",
    "UNKNOWN_OPERATOR", "MISMATCHED_TYPE", "UNKNOWN_CONDITION_FOR_ACTION",
    "RESOURCE_MISMATCH", "MALFORMED", "MALFORMED_JSON", "INVALID_ARN",
    "BAD_PATTERN_FOR_MFA", "INVALID_SID", "NO_VERSION", "INVALID_VERSION", "EXCEPTION",
    "DUPLICATE_SID",
}


def main():
    ssmc = sys.argv[1]
    runbooks = sys.argv[2:] or sorted(glob.glob("examples/*.rbk"))
    failed = 0
    for runbook in runbooks:
        out = subprocess.run([ssmc, "iam", runbook], capture_output=True, text=True, check=True)
        json.loads(out.stdout)
        analyzed = analyze_policy_string(out.stdout)
        fatal = [f for f in analyzed.findings if f.issue in FATAL]
        for f in analyzed.findings:
            mark = "FAIL" if f.issue in FATAL else "note"
            print(f"{mark} {runbook}: {f.issue} {f.detail} {f.location}")
        statements = len(json.loads(out.stdout)["Statement"])
        print(f"{runbook}: {statements} statements, {len(fatal)} unknown or invalid")
        failed += len(fatal)
    print(f"parliament: {len(runbooks)} policies, {failed} unknown or invalid findings")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
