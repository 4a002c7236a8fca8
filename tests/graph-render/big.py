#!/usr/bin/env python3
"""A generated Automation document of N steps (default 10000) on stdout, for
timing `ssmc graph`: plain steps with failure handlers to a shared last step,
a branch every 10 steps jumping ahead, backward retries on failure. The same shape as
`big_document` in tests/tests/it/graph.rs."""
import json
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
steps = []
for i in range(n):
    if i % 10 == 0 and i + 12 < n:
        steps.append({"name": f"S{i}", "action": "aws:branch", "inputs": {
            "Choices": [{"NextStep": f"S{i + 5}", "Variable": "{{ P }}", "StringEquals": f"x{i}"}],
            "Default": f"S{i + 1}"}})
    elif i % 7 == 3 and i > 20:
        steps.append({"name": f"S{i}", "action": "aws:executeAwsApi",
                      "inputs": {"Service": "ec2", "Api": "DescribeInstances"},
                      "onFailure": f"step:S{i - 20}"})
    else:
        steps.append({"name": f"S{i}", "action": "aws:sleep", "inputs": {"Duration": "PT1S"},
                      "onFailure": f"step:S{n - 1}"})
json.dump({"schemaVersion": "0.3", "parameters": {"P": {"type": "String"}}, "mainSteps": steps}, sys.stdout, separators=(",", ":"))
