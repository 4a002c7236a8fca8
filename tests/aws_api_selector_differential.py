#!/usr/bin/env python3
"""Differential test: ssmc's selector verdicts against response instances.

Usage: python aws_api_selector_differential.py SSMC_BINARY [--pairs N] [--seed S]
           [--judge DIR] [--jayway CLASSPATH]

Run with a Python that has botocore at the catalog's pinned version
(.ci/steps/70-aws-api.sh makes a venv) and with `npm ci` done in DIR
(default tests/selector_judge, which pins jsonpath-plus).

For N (service, operation) pairs picked with a fixed seed from botocore's
models, it generates response instances from the output shape (one "full"
instance with every member, lists of 1-2 elements and maps of 1-2 keys, and
random ones with random members, lists of 0-3 elements, maps of 0-2 keys;
each with the `ResponseMetadata` every response carries), and selectors:
"real" ones walking paths of the shape (`.name`, `['name']`, `[0]`, `[*]`,
slices, `..name`, filters) and mutants (a member misspelt, a member of
another shape, an index on a structure or a number, a member on a scalar,
the index dropped before a member of a list element). All selectors go into
one Automation document (outputs of aws:executeAwsApi steps and
PropertySelectors of aws:assertAwsResourceProperty steps) linted by
`ssmc lint --format json`; a JSONPath library (the judge) evaluates every
selector on the instances. Fails (exit 1) when a selector ssmc calls
impossible (E1034) matches an instance, when ssmc calls a generated selector
invalid (E1035), when a real selector ssmc accepts matches no instance, or
when ssmc accepts a mutant without `..` of a kind it must always report
(STRICT_KINDS: the index dropped before a member of a list element) and it
matches none.
With --jayway, Jayway JsonPath (Java, as SSM) judges too, and every selector
where the two judges differ is listed (for information, never a failure).

The generated selectors stay inside the subset where jsonpath-plus and
Jayway agree: no negative indices, no `..[n]`, no unions `['a','b']`, no
filter on an object (Jayway tests the object, jsonpath-plus its values), no
index on a string (jsonpath-plus indexes its characters), single-quoted
filter strings only, no `.[0]` (jsonpath-plus misreads `.[0]['x']`), no
`..name` followed by more segments when `name` is a member of several
shapes below (Jayway 2.0 then loses the whole result), and no member named
like a JavaScript property of strings (`length`).
"""

import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

import botocore
import botocore.session

# Scalars as a response carries them once parsed (timestamps and blobs as text).
TIMESTAMP = "2024-01-02T03:04:05Z"
BLOB = "YmxvYg=="


def response_metadata(svc):
    """`ResponseMetadata` as botocore's parsers make it: `HTTPHeaders` holds
    the response's headers, lower-cased; S3's `x-amz-request-id` header also
    gives `HostId` (botocore/parsers.py, `_populate_response_metadata`)."""
    if svc in ("s3", "s3control"):
        return {
            "RequestId": "4442587FB7D0A2F9",
            "HostId": "sVZm3pV2c1Y=",
            "HTTPStatusCode": 200,
            "HTTPHeaders": {"x-amz-id-2": "sVZm3pV2c1Y=", "x-amz-request-id": "4442587FB7D0A2F9",
                            "date": "Mon, 23 Nov 2026 15:00:00 GMT", "content-type": "application/xml",
                            "server": "AmazonS3"},
            "RetryAttempts": 0,
        }
    return {
        "RequestId": "5b0a3c8e-0000-4000-8000-000000000000",
        "HTTPStatusCode": 200,
        "HTTPHeaders": {"x-amzn-requestid": "5b0a3c8e-0000-4000-8000-000000000000",
                        "date": "Mon, 23 Nov 2026 15:00:00 GMT",
                        "content-type": "application/x-amz-json-1.1", "content-length": "123"},
        "RetryAttempts": 0,
    }
# Names jsonpath-plus finds on any string or array (JavaScript properties).
JS_PROPS = {"length", "constructor", "prototype", "__proto__", "toString", "valueOf"}
# Mutant kinds ssmc has no leniency for: accepted and matching no instance
# is a failure when the selector has no `..` (other kinds, and `..name`,
# may sit behind a documented leniency: a lower-case `..name` from the
# response may be a header, a name in several shapes goes on as anything).
STRICT_KINDS = {"index dropped (member of a list)"}
NODE_BUDGET = 20000
# Structures nested deeper are left out of instances (never reached by a
# generated path, which has at most 7 segments or a `..name` found within 12
# levels); JSON parsers refuse very deep documents.
MAX_STRUCT_DEPTH = 24
PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")


class TooBig(Exception):
    pass


def is_plain_struct(shape):
    return shape.type_name == "structure" and not shape.metadata.get("document")


def scalar_value(shape, name, full, rng):
    t = shape.type_name
    if t == "string":
        if shape.enum:
            return shape.enum[0] if full else rng.choice(shape.enum)
        return f"v-{name}" if full else f"r{rng.randrange(1000)}"
    if t in ("integer", "long"):
        return 1 if full else rng.randrange(0, 100)
    if t in ("double", "float"):
        return 1.5 if full else rng.randrange(0, 100) / 4
    if t == "boolean":
        return True if full else rng.random() < 0.5
    if t == "timestamp":
        return TIMESTAMP
    if t == "blob":
        return BLOB
    return "x"


def map_keys(shape, count, full, rng):
    key = shape.key
    if key.enum:
        keys = list(key.enum[:count]) if full else rng.sample(key.enum, min(count, len(key.enum)))
        return keys
    return [f"key{i}" for i in range(count)]


def instance(shape, name, full, rng, stack, budget):
    """A value of `shape`; None when the shape recurses (left out, as in the paths)."""
    budget[0] += 1
    if budget[0] > NODE_BUDGET:
        raise TooBig()
    t = shape.type_name
    if t == "structure":
        if shape.metadata.get("document"):
            return {"doc": "x"}
        if shape.name in stack or len(stack) > MAX_STRUCT_DEPTH:
            return None
        stack = stack | {shape.name}
        out = {}
        for m, ms in shape.members.items():
            if not full and rng.random() < 0.5:
                continue
            v = instance(ms, m, full, rng, stack, budget)
            if v is not None:
                out[m] = v
        return out
    if t == "list":
        n = (1 + (len(name) % 2)) if full else rng.randrange(0, 4)
        items = []
        for _ in range(n):
            v = instance(shape.member, name, full, rng, stack, budget)
            if v is None:
                return []
            items.append(v)
        return items
    if t == "map":
        n = 2 if full else rng.randrange(0, 3)
        out = {}
        for k in map_keys(shape, n, full, rng):
            v = instance(shape.value, name, full, rng, stack, budget)
            if v is None:
                return {}
            out[k] = v
        return out
    return scalar_value(shape, name, full, rng)


def render_member(name, rng, bracket_rate=0.3):
    r = rng.random()
    if PLAIN.match(name) and r >= bracket_rate:
        return "." + name if r >= 0.05 else ".'" + name + "'"
    return "['" + name + "']"


def names_below(shape, stack, out, depth=0, homes=None):
    """Member names reachable without recursion (all of them are in the full
    instance); `homes` gets, for each name, the structures that have it."""
    if depth > 12:
        return
    t = shape.type_name
    if t == "structure" and not shape.metadata.get("document"):
        if shape.name in stack:
            return
        stack = stack | {shape.name}
        for m, ms in shape.members.items():
            if not recurses(ms, stack):
                out.add(m)
                if homes is not None:
                    homes.setdefault(m, set()).add(shape.name)
                names_below(ms, stack, out, depth + 1, homes)
    elif t == "list":
        names_below(shape.member, stack, out, depth + 1, homes)
    elif t == "map":
        names_below(shape.value, stack, out, depth + 1, homes)


def only_one_below(shape, stack, name):
    """`..name` from here finds one member only (Jayway 2.0 loses the whole
    result of `..name.more` when another `name` below lacks `more`)."""
    homes = {}
    names_below(shape, set(stack) - {shape.name}, set(), 0, homes)
    return len(homes.get(name, ())) == 1


def recurses(shape, stack):
    """The value leads straight (through lists and maps) into a structure on the stack."""
    while shape.type_name in ("list", "map"):
        shape = shape.member if shape.type_name == "list" else shape.value
    return shape.type_name == "structure" and shape.name in stack


def real_path(out_shape, meta, rng):
    """A selector walking a path of the shape: (text, segments) where each
    segment is (kind, shape it yields, its text) and the path is populated
    in the full instance."""
    segs = []
    if out_shape is None or not out_shape.members or rng.random() < 0.08:
        m = rng.choice(sorted(meta))
        header = rng.choice(sorted(meta["HTTPHeaders"]))
        r = rng.random()
        if r < 0.1:
            # `..` reaches the metadata and the headers too.
            segs.append(("deep", None, ".." + m if rng.random() < 0.5 else "..['" + header + "']"))
            return segs
        segs.append(("meta", None, ".ResponseMetadata"))
        if r < 0.2:
            segs.append(("deep", None, ".." + header if PLAIN.match(header) else "..['" + header + "']"))
            return segs
        segs.append(("meta", None, render_member(m, rng)))
        if m == "HTTPHeaders" and rng.random() < 0.7:
            segs.append(("meta", None, render_member(header, rng)))
        return segs
    shape = out_shape
    stack = {out_shape.name}
    if rng.random() < 0.1:
        names = set()
        names_below(out_shape, set(), names)
        names -= JS_PROPS
        if names:
            name = rng.choice(sorted(names))
            segs.append(("deep", None, ".." + name if PLAIN.match(name) else "..['" + name + "']"))
            return segs
    length = rng.randrange(1, 8)
    while len(segs) < length:
        t = shape.type_name
        if is_plain_struct(shape):
            members = [m for m, ms in shape.members.items() if not recurses(ms, stack) and m not in JS_PROPS]
            if not members:
                break
            if segs and rng.random() < 0.05:
                segs.append(("star", None, rng.choice([".*", "[*]"])))
                return segs
            # Prefer members with something below them, so paths reach lists and maps.
            deeper = [m for m in members if shape.members[m].type_name in ("structure", "list", "map")]
            m = rng.choice(deeper if deeper and len(segs) + 1 < length and rng.random() < 0.7 else members)
            ms = shape.members[m]
            # `..m` right below finds the member itself too (and maybe more).
            deep = PLAIN.match(m) and rng.random() < 0.06 and only_one_below(shape, stack, m)
            seg = ".." + m if deep else render_member(m, rng)
            segs.append(("member", shape, seg, m))
            shape = ms
            if is_plain_struct(shape):
                stack = stack | {shape.name}
        elif t == "list":
            r = rng.random()
            el = shape.member
            if r < 0.5:
                segs.append(("index", shape, "[0]"))
            elif r < 0.72:
                segs.append(("fan", shape, "[*]"))
            elif r < 0.8:
                segs.append(("fan", shape, rng.choice(["[0:1]", "[:1]", "[0:2]"])))
            else:
                filt = filter_for(el, stack, rng)
                if filt is None:
                    segs.append(("index", shape, "[0]"))
                else:
                    segs.append(("fan", shape, filt))
            shape = el
            if is_plain_struct(shape):
                stack = stack | {shape.name}
        elif t == "map":
            keys = map_keys(shape, 1, True, rng)
            if rng.random() < 0.3:
                segs.append(("fan", shape, "[*]"))
            else:
                segs.append(("key", shape, render_member(keys[0], rng)))
            shape = shape.value
            if is_plain_struct(shape):
                stack = stack | {shape.name}
        else:
            break
    if not segs:
        segs.append(("meta", None, ".ResponseMetadata"))
    segs.append(("end", shape, ""))
    return segs


def filter_for(el, stack, rng):
    """`[?(@.M == 'v')]` (v as in the full instance) or `[?(@.M)]` on a list of structures."""
    if not is_plain_struct(el):
        return None
    inner = stack | {el.name}
    cands = [m for m, ms in el.members.items()
             if PLAIN.match(m) and m not in JS_PROPS and not recurses(ms, inner)]
    strings = [m for m in cands if el.members[m].type_name == "string"]
    if strings and rng.random() < 0.7:
        picked = rng.sample(strings, 2 if len(strings) > 1 and rng.random() < 0.3 else 1)
        tests = []
        for m in picked:
            v = scalar_value(el.members[m], m, True, rng)
            if "'" in v:
                return None
            tests.append(f"@.{m} == '{v}'")
        return "[?(" + " && ".join(tests) + ")]"
    if cands:
        return f"[?(@.{rng.choice(cands)})]"
    return None


def text(segs):
    return "$" + "".join(s[2] for s in segs)


def mutants(segs, foreign_names, meta, rng):
    """(kind, selector) mutants of a real path; each names a thing that cannot be there."""
    out = []
    members = [i for i, s in enumerate(segs) if s[0] == "member"]
    if members:
        i = rng.choice(members)
        _, struct, _, name = segs[i]
        bad = misspell(name, rng)
        if bad and bad not in struct.members and bad not in JS_PROPS and PLAIN.match(bad):
            out.append(("misspelt", text(segs[:i] + [("x", None, "." + bad)] + segs[i + 1:])))
        i = rng.choice(members)
        _, struct, _, name = segs[i]
        others = sorted(n for n in foreign_names if n not in struct.members and n not in JS_PROPS and PLAIN.match(n))
        if others:
            o = rng.choice(others)
            out.append(("foreign member", text(segs[:i] + [("x", None, render_member(o, rng))] + segs[i + 1:])))
    ends = segs[-1][1] if segs and segs[-1][0] == "end" else None
    body = segs[:-1] if ends is not None else segs
    if ends is not None and is_plain_struct(ends):
        out.append(("index on a structure", text(body) + "[0]"))
    if ends is not None and is_plain_struct(ends) and rng.random() < 0.5:
        out.append(("slice on a structure", text(body) + rng.choice(["[0:1]", "[:2]"])))
    if ends is not None and ends.type_name in ("integer", "long", "double", "float", "boolean"):
        out.append(("index on a number", text(body) + rng.choice(["[0]", "[*]"])))
    if ends is not None and ends.type_name in ("string", "timestamp") and rng.random() < 0.3:
        out.append(("[*] on a string", text(body) + "[*]"))
    filters = [i for i, s in enumerate(segs) if s[2].startswith("[?(@.")]
    if filters:
        i = rng.choice(filters)
        m = re.match(r"\[\?\(@\.([A-Za-z0-9_\-]+)(.*)$", segs[i][2])
        el = segs[i][1].member
        bad = misspell(m.group(1), rng)
        if bad not in el.members and bad not in JS_PROPS and PLAIN.match(bad):
            out.append(("misspelt filter member", text(segs[:i] + [("x", None, f"[?(@.{bad}{m.group(2)}")] + segs[i + 1:])))
    if segs and segs[0][0] == "deep":
        bad = misspell(segs[0][2].lstrip("."), rng)
        if PLAIN.match(bad) and bad not in foreign_names and bad not in JS_PROPS:
            out.append(("misspelt ..name", "$.." + bad))
    if len(segs) >= 2 and segs[0][0] == "meta" and segs[1][0] == "meta":
        bad = misspell(segs[1][2].lstrip(".").strip("[]'"), rng)
        if PLAIN.match(bad) and bad not in meta:
            out.append(("misspelt ResponseMetadata member", "$.ResponseMetadata." + bad))
    if ends is not None and ends.type_name in ("string", "integer", "long", "boolean", "timestamp"):
        others = sorted(n for n in foreign_names if n not in JS_PROPS and PLAIN.match(n))
        if others:
            out.append(("member on a scalar", text(body) + "." + rng.choice(others)))
    idx = [i for i, s in enumerate(segs) if s[0] == "index" and i + 1 < len(segs) and segs[i + 1][0] == "member"]
    if idx:
        i = rng.choice(idx)
        out.append(("index dropped (member of a list)", text(segs[:i] + segs[i + 1:])))
    return out


def misspell(name, rng):
    if len(name) < 3:
        return name + "x"
    k = rng.randrange(len(name))
    op = rng.randrange(3)
    if op == 0:
        return name[:k] + name[k + 1:]
    if op == 1:
        return name[:k] + ("q" if name[k] != "q" else "z") + name[k + 1:]
    k = min(k, len(name) - 2)
    return name[:k] + name[k + 1] + name[k] + name[k + 2:]


def all_member_names(model):
    names = set()
    for sname in model.shape_names:
        s = model.shape_for(sname)
        if s.type_name == "structure":
            names.update(s.members)
    return names


def pick_pairs(session, rng, n, per_pair):
    services = sorted(session.get_available_services())
    pairs = []
    seen = set()
    tries = 0
    while len(pairs) < n and tries < n * 20:
        tries += 1
        svc = rng.choice(services)
        model = session.get_service_model(svc)
        op_name = rng.choice(sorted(model.operation_names))
        if (svc, op_name) in seen:
            continue
        seen.add((svc, op_name))
        op = model.operation_model(op_name)
        if op.has_streaming_output or getattr(op, "has_event_stream_output", False):
            continue
        out = op.output_shape
        budget = [0]
        try:
            insts = [instance(out, "", True, rng, set(), budget)] if out is not None else [{}]
            for _ in range(3):
                budget = [0]
                insts.append(instance(out, "", False, rng, set(), budget) if out is not None else {})
        except TooBig:
            continue
        meta = response_metadata(svc)
        for i in insts:
            i["ResponseMetadata"] = meta
        foreign = all_member_names(model) - set(out.members if out is not None else [])
        sels = []
        texts = set()
        for _ in range(per_pair):
            segs = real_path(out, meta, rng)
            t = text(segs)
            if re.match(r"^\$\.[A-Za-z]", t) and rng.random() < 0.1:
                t = t[2:]  # SSM reads `Name[0]` as `$.Name[0]`
            if t not in texts:
                texts.add(t)
                sels.append(("real", t))
            for kind, m in mutants(segs, foreign, meta, rng):
                if m not in texts:
                    texts.add(m)
                    sels.append((kind, m))
        pairs.append({"svc": svc, "op": op_name, "instances": insts, "selectors": sels})
    return pairs


# Pairs per linted document (see main).
PAIRS_PER_DOCUMENT = 2


def document(pairs, rng):
    """One Automation document; returns its text, {line: (pair index, selector
    index)} and {line naming a service and API: pair index}."""
    lines = ['{"schemaVersion": "0.3", "mainSteps": [']
    where = {}
    heads = {}
    steps = []
    for p, pair in enumerate(pairs):
        head = {"Service": pair["svc"], "Api": pair["op"]}
        outputs = []
        for s, (_kind, sel) in enumerate(pair["selectors"]):
            if rng.random() < 0.15:
                inputs = dict(head, PropertySelector=sel, DesiredValues=["x"])
                steps.append([(json.dumps({"name": f"A{p}x{s}", "action": "aws:assertAwsResourceProperty",
                                           "inputs": inputs}), (p, s), p)])
            else:
                outputs.append((s, sel))
        if outputs:
            step = [(json.dumps({"name": f"S{p}", "action": "aws:executeAwsApi", "inputs": head})[:-1]
                     + ', "outputs": [', None, p)]
            for k, (s, sel) in enumerate(outputs):
                entry = json.dumps({"Name": f"o{s}", "Selector": sel, "Type": "String"})
                step.append((entry + ("," if k + 1 < len(outputs) else ""), (p, s), None))
            step.append(("]}", None, None))
            steps.append(step)
    for k, step in enumerate(steps):
        for j, (line, ref, head) in enumerate(step):
            if j + 1 == len(step) and k + 1 < len(steps):
                line += ","
            lines.append(line)
            if ref is not None:
                where[len(lines)] = ref
            if head is not None:
                heads[len(lines)] = head
    lines.append("]}")
    return "\n".join(lines) + "\n", where, heads


def judge(cmd, pairs):
    """Match counts per (pair, selector): a list of ints, or an error string."""
    feed = []
    order = []
    for p, pair in enumerate(pairs):
        feed.append("I " + json.dumps(pair["instances"]))
        for s, (_kind, sel) in enumerate(pair["selectors"]):
            feed.append("S " + sel)
            order.append((p, s))
    res = subprocess.run(cmd, input="\n".join(feed) + "\n", capture_output=True, text=True, check=False)
    if res.returncode != 0:
        sys.exit(f"judge {cmd} failed: {res.stderr[:1500]}")
    got = res.stdout.splitlines()
    if len(got) != len(order):
        sys.exit(f"judge {cmd} answered {len(got)} lines for {len(order)} selectors")
    out = {}
    for ref, line in zip(order, got):
        out[ref] = line if line.startswith("E ") else [int(x) for x in line.split(",") if x]
    return out


def jayway_cmd(classpath):
    here = os.path.dirname(os.path.abspath(__file__))
    build = tempfile.mkdtemp()
    subprocess.run(["javac", "-nowarn", "-cp", classpath, "-d", build,
                    os.path.join(here, "selector_judge", "Judge.java")], check=True)
    return ["java", "-cp", classpath + os.pathsep + build, "Judge"], build


def arg(args, name, default):
    return args[args.index(name) + 1] if name in args else default


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    ssmc = args[0]
    n = int(arg(args, "--pairs", 300))
    seed = int(arg(args, "--seed", 12))
    here = os.path.dirname(os.path.abspath(__file__))
    judge_dir = arg(args, "--judge", os.path.join(here, "selector_judge"))
    rng = random.Random(seed)
    session = botocore.session.get_session()
    pairs = pick_pairs(session, rng, n, per_pair=5)
    verdict = {}
    unresolved = set()
    # Documents of PAIRS_PER_DOCUMENT pairs, made in order (so the random
    # choices are the same as for one document): ssmc prints at most 200
    # diagnostics per file (I0801 counts the rest).
    for start in range(0, len(pairs), PAIRS_PER_DOCUMENT):
        doc, where, heads = document(pairs[start:start + PAIRS_PER_DOCUMENT], rng)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write(doc)
            path = f.name
        res = subprocess.run([ssmc, "lint", "--format", "json", path], capture_output=True, text=True, check=False)
        os.unlink(path)
        try:
            findings = json.loads(res.stdout or "[]")
        except json.JSONDecodeError:
            sys.exit(f"ssmc lint did not print JSON: {res.stdout[:500]} {res.stderr[:500]}")
        if any(d.get("rule") == "I0801" for d in findings):
            sys.exit(f"a document of {PAIRS_PER_DOCUMENT} pairs reached the diagnostics cap: lower it")
        for d in findings:
            ref = where.get(d.get("line"))
            if d.get("rule") in ("E1034", "E1035") and ref is not None:
                verdict[(ref[0] + start, ref[1])] = (d["rule"], d["message"])
            if d.get("rule") in ("E1027", "E1028") and d.get("line") in heads:
                unresolved.add(heads[d["line"]] + start)
    plus = judge(["node", os.path.join(judge_dir, "judge.mjs")], pairs)
    jay = None
    if "--jayway" in args:
        cmd, build = jayway_cmd(arg(args, "--jayway", ""))
        jay = judge(cmd, pairs)
        shutil.rmtree(build, ignore_errors=True)

    counts = {"selectors": 0, "impossible": 0, "invalid": 0, "accepted": 0, "agree": 0}
    by_kind = {}
    bad = []
    lenient = {}
    judges_differ = []
    for p, pair in enumerate(pairs):
        for s, (kind, sel) in enumerate(pair["selectors"]):
            ref = (p, s)
            counts["selectors"] += 1
            got = plus[ref]
            where_op = f'{pair["svc"]}.{pair["op"]}'
            if isinstance(got, str):
                bad.append(f"{where_op} {sel!r} [{kind}]: the judge cannot evaluate it: {got}")
                continue
            matches = any(c > 0 for c in got)
            if jay is not None and isinstance(jay[ref], list) and (any(c > 0 for c in jay[ref]) != matches):
                judges_differ.append(f"{where_op} {sel!r} [{kind}]: jsonpath-plus {got}, Jayway {jay[ref]}")
            rule = verdict.get(ref, (None, None))[0]
            k = by_kind.setdefault(kind, {"made": 0, "E1034": 0, "accepted": 0, "matching": 0})
            k["made"] += 1
            k["matching"] += matches
            ok = True
            if rule == "E1035":
                counts["invalid"] += 1
                ok = False
                bad.append(f"{where_op} {sel!r} [{kind}]: ssmc says invalid ({verdict[ref][1]}), the judge evaluates it")
            elif rule == "E1034":
                counts["impossible"] += 1
                k["E1034"] += 1
                if matches:
                    ok = False
                    bad.append(f"{where_op} {sel!r} [{kind}]: ssmc says impossible, but it matches {got}")
            else:
                counts["accepted"] += 1
                k["accepted"] += 1
                if kind == "real" and not matches:
                    ok = False
                    bad.append(f"{where_op} {sel!r} [real]: ssmc accepts it, but it matches no instance")
                elif kind in STRICT_KINDS and ".." not in sel and not matches:
                    ok = False
                    bad.append(f"{where_op} {sel!r} [{kind}]: ssmc accepts it, but it matches no instance")
                elif kind != "real" and not matches:
                    lenient.setdefault(kind, []).append(f"{where_op} {sel!r}")
            counts["agree"] += ok
    pairs_unresolved = len(unresolved)
    print(f"botocore {botocore.__version__}, judge jsonpath-plus (tests/selector_judge), seed {seed}: "
          f"{len(pairs)} operations ({pairs_unresolved} unknown to ssmc), "
          f"{sum(len(p['instances']) for p in pairs)} response instances")
    print(f"{counts['selectors']} selectors: {counts['impossible']} impossible (E1034), "
          f"{counts['invalid']} invalid (E1035), {counts['accepted']} accepted; "
          f"{counts['agree']}/{counts['selectors']} agree with the judge")
    print("kind | made | E1034 | accepted | matching an instance")
    for kind, k in sorted(by_kind.items()):
        print(f"  {kind} | {k['made']} | {k['E1034']} | {k['accepted']} | {k['matching']}")
    for kind, items in sorted(lenient.items()):
        print(f"accepted but matching no instance [{kind}]: {len(items)}")
        for it in items[:5]:
            print(f"  {it}")
    if jay is not None:
        print(f"Jayway and jsonpath-plus differ on {len(judges_differ)} selectors")
        for d in judges_differ[:40]:
            print(f"  {d}")
    for b in bad:
        print("DISAGREE " + b)
    sys.exit(1 if bad or pairs_unresolved else 0)


if __name__ == "__main__":
    main()
