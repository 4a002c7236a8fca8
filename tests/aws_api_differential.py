#!/usr/bin/env python3
"""Differential test: ssmc's verdict on AWS API parameters against botocore's own validator.

Usage: python aws_api_differential.py SSMC_BINARY [--cases N] [--seed S]
(run with a Python that has botocore at the catalog's pinned version installed;
.ci/steps/70-aws-api.sh does that in a temporary venv).

For N generated (operation, literal parameters) pairs, it asks botocore's
ParamValidator whether the call is valid, and ssmc (one Automation document
with one aws:executeAwsApi step per case, through `ssmc lint --format json`)
whether it reports a parameter error (E1029-E1032) on that step. The cases
are: a valid call (required members only, values inside every enum, min and
max), and mutants of it that botocore rejects: an unknown parameter, a
dropped required parameter, a value of the wrong type, a string or list
shorter than its min, an integer below its min. SSM's own conversions (numeric
strings for numbers, one-element lists for scalars) are never generated, since
there SSM and botocore differ on purpose. Prints the agreement and every
disagreement; exits 1 on any.
"""

import json
import random
import os
import subprocess
import sys
import tempfile

import botocore
import botocore.session
from botocore.validate import ParamValidator

PARAM_CODES = {"E1029", "E1030", "E1031", "E1032"}
SKIP_TYPES = {"timestamp", "blob"}


def value_for(shape, rng, depth=0):
    """A valid literal for a shape, or raise LookupError when none is easy."""
    t = shape.type_name
    if depth > 5:
        raise LookupError("too deep")
    if t == "structure":
        if shape.metadata.get("document") or getattr(shape, "is_tagged_union", False):
            raise LookupError("document or union")
        return {n: value_for(shape.members[n], rng, depth + 1) for n in shape.required_members}
    if t == "list":
        n = max(1, shape.metadata.get("min", 1))
        if n > 3:
            raise LookupError("long list")
        return [value_for(shape.member, rng, depth + 1) for _ in range(n)]
    if t == "map":
        return {}
    if t == "string":
        if shape.enum:
            return shape.enum[0]
        lo = max(1, shape.metadata.get("min", 1))
        hi = shape.metadata.get("max", 64)
        if lo > hi or lo > 64:
            raise LookupError("odd length")
        return "a" * lo
    if t in ("integer", "long"):
        lo = shape.metadata.get("min", 1)
        hi = shape.metadata.get("max", lo + 10)
        return int(max(lo, min(hi, lo + 1)))
    if t in ("double", "float"):
        return float(shape.metadata.get("min", 1))
    if t == "boolean":
        return True
    raise LookupError(t)


def wrong_value(shape):
    """A literal of the wrong type for a shape (never one SSM converts)."""
    t = shape.type_name
    if t == "string":
        return 7
    if t in ("integer", "long", "double", "float"):
        return ["x", "y"]
    if t == "boolean":
        return {"k": "v"}
    if t == "list":
        return {"k": "v"}
    if t == "structure":
        return ["x", "y"]
    return None


def cases(session, rng, n):
    loader_services = sorted(session.get_available_services())
    out = []
    while len(out) < n:
        svc = rng.choice(loader_services)
        model = session.get_service_model(svc)
        op_name = rng.choice(sorted(model.operation_names))
        op = model.operation_model(op_name)
        shape = op.input_shape
        if shape is None or op.has_streaming_input or op.has_streaming_output:
            continue
        if getattr(op, "has_event_stream_output", False):
            continue
        try:
            base = {m: value_for(shape.members[m], rng) for m in shape.required_members}
        except LookupError:
            continue
        members = shape.members
        if any(members[m].type_name in SKIP_TYPES for m in base):
            continue
        kinds = ["valid", "unknown"]
        if base:
            kinds += ["drop", "wrong"]
        short = [m for m in base if members[m].type_name in ("string", "list")
                 and members[m].metadata.get("min", 0) >= 1 and not getattr(members[m], "enum", None)]
        low = [m for m in base if members[m].type_name in ("integer", "long")
               and members[m].metadata.get("min", 0) > -(2**31) and "min" in members[m].metadata]
        if short:
            kinds.append("short")
        if low:
            kinds.append("low")
        kind = rng.choice(kinds)
        params = dict(base)
        if kind == "unknown":
            params["NoSuchParameterX"] = "x"
        elif kind == "drop":
            params.pop(rng.choice(sorted(base)))
        elif kind == "wrong":
            m = rng.choice(sorted(base))
            w = wrong_value(members[m])
            if w is None:
                continue
            params[m] = w
        elif kind == "short":
            m = rng.choice(short)
            params[m] = "" if members[m].type_name == "string" else []
        elif kind == "low":
            m = rng.choice(low)
            params[m] = int(members[m].metadata["min"]) - 1
        if any(k in ("Service", "Api", "PropertySelector", "DesiredValues") for k in params):
            continue
        out.append((svc, op_name, kind, params, shape))
    return out


# Steps per linted document (see main).
CHUNK = 25


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    ssmc = args[0]
    n = int(args[args.index("--cases") + 1]) if "--cases" in args else 400
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 12
    rng = random.Random(seed)
    session = botocore.session.get_session()
    todo = cases(session, rng, n)
    validator = ParamValidator()
    steps = []
    for i, (svc, op, _kind, params, _shape) in enumerate(todo):
        inputs = {"Service": svc, "Api": op, **params}
        steps.append({"name": f"S{i}", "action": "aws:executeAwsApi", "inputs": inputs})
    # Documents of CHUNK steps: ssmc prints at most 200 diagnostics per file
    # (I0801 counts the rest), and one file of 400 faulty steps would pass that.
    flagged = {}
    for start in range(0, len(steps), CHUNK):
        chunk = steps[start:start + CHUNK]
        doc_lines = ['{"schemaVersion": "0.3", "mainSteps": [']
        for i, st in enumerate(chunk):
            doc_lines.append(json.dumps(st) + ("," if i + 1 < len(chunk) else ""))
        doc_lines.append("]}")
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write("\n".join(doc_lines) + "\n")
            path = f.name
        res = subprocess.run([ssmc, "lint", "--format", "json", path], capture_output=True, text=True)
        os.unlink(path)
        findings = json.loads(res.stdout or "[]")
        if any(d.get("rule") == "I0801" for d in findings):
            sys.exit(f"a document of {CHUNK} steps reached the diagnostics cap: lower CHUNK")
        for d in findings:
            if d.get("rule") in PARAM_CODES:
                flagged.setdefault(start + d["line"] - 2, []).append(f'{d["rule"]} {d["message"]}')
    agree = 0
    bad = []
    by_kind = {}
    for i, (svc, op, kind, params, shape) in enumerate(todo):
        report = validator.validate(params, shape)
        boto_ok = not report.has_errors()
        ssmc_ok = i not in flagged
        k = by_kind.setdefault(kind, [0, 0])
        k[1] += 1
        if boto_ok == ssmc_ok:
            agree += 1
            k[0] += 1
        else:
            bad.append(f"{svc}.{op} [{kind}] {json.dumps(params)[:200]}\n"
                       f"  botocore: {'ok' if boto_ok else report.generate_report()[:300]}\n"
                       f"  ssmc: {flagged.get(i, 'ok')}")
    print(f"botocore {botocore.__version__}: {agree}/{len(todo)} verdicts agree")
    for kind, (a, t) in sorted(by_kind.items()):
        print(f"  {kind}: {a}/{t}")
    for b in bad:
        print(b)
    sys.exit(0 if not bad else 1)


if __name__ == "__main__":
    main()
