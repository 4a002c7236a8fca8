#!/usr/bin/env python3
"""Generate the AWS API catalog (`catalog.bin`) from botocore's service models.

Input: the botocore wheel at the pinned version below (downloaded with pip into a
temporary directory, or given with --wheel); its sha256 must match the pinned one.
Output: `catalog.bin` beside this script, plus botocore's LICENSE and NOTICE.

The output is deterministic: services, operations and shapes are sorted, the JSON
is written with fixed separators, and the date is the wheel's own newest file
time, never today's. `--check` regenerates into memory and compares the decoded
content with the committed file (deflate bytes may differ across zlib builds).

Format (all integers little-endian):
  b"SSMCAWS1"
  u32 index length, then the index: compact JSON
    {"botocore": version, "date": "YYYY-MM-DD", "wheel_sha256": hex,
     "services": [[client name, api version, offset, length, operation count], ...]}
  then, per service at `offset` (relative to the end of the index), `length`
  bytes of raw deflate of compact JSON:
    {"ops": [[name, input shape or -1, output shape or -1, flags, boto3 method,
              aliases (only when there are some)], ...],
     "shapes": [shape, ...]}
  flags: 1 input streams, 2 output streams, 4 deprecated. The boto3 method name
  (`describe_instances`) is botocore's own `xform_name` of the operation name, run
  in a temporary venv with the verified wheel installed. aliases: [[modelled name,
  alias], ...], the request parameters botocore accepts under another name (EC2's
  `Filters` for `Filter`), read from botocore's own handler table in that venv.
  A shape is a list whose first two items are its name and kind:
    [name, "structure", [[member, shape, required 0/1], ...], union 0/1, document 0/1]
    [name, "list", member shape, min or null, max or null]
    [name, "map", key shape, value shape]
    [name, scalar kind, enum list or null, min or null, max or null]
  with scalar kind one of string integer long boolean double float timestamp blob.
Only shapes reachable from an operation's input or output are kept.
"""

import argparse
import gzip
import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib

BOTOCORE_VERSION = "1.44.5"
WHEEL_SHA256 = "8f16a56d1dff125dd65322ae021efa7ba5195a6db5102b96862566055b748921"
HERE = os.path.dirname(os.path.abspath(__file__))
MAGIC = b"SSMCAWS1"

SCALARS = {"string", "integer", "long", "boolean", "double", "float", "timestamp", "blob"}


def fetch_wheel(tmp):
    """Download the pinned wheel with pip (no dependencies, no install)."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
         "--only-binary=:all:", f"botocore=={BOTOCORE_VERSION}", "-d", tmp],
        check=True,
    )
    name = f"botocore-{BOTOCORE_VERSION}-py3-none-any.whl"
    return os.path.join(tmp, name)


def installed_botocore(wheel, tmp):
    """The python of a temporary venv with the verified wheel installed."""
    venv = os.path.join(tmp, "venv")
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    py = os.path.join(venv, "bin", "python")
    subprocess.run([py, "-m", "pip", "install", "--quiet", wheel], check=True)
    return py


def boto3_names(py, op_names):
    """{operation name: boto3 method name}, by botocore's own xform_name."""
    code = ("import json,sys;from botocore import xform_name;"
            "print(json.dumps({n: xform_name(n) for n in json.load(sys.stdin)}))")
    res = subprocess.run([py, "-c", code], input=json.dumps(sorted(op_names)).encode(),
                         check=True, capture_output=True)
    return json.loads(res.stdout)


# botocore's parameter aliases (`Filters` for EC2's `Filter`) live in its handler
# table, not in the models: each is a `ParameterAlias` registered on
# `before-parameter-build.<service>.<operation or *>`, renaming the alias to the
# modelled name when the operation's input shape has that member. Read from the
# installed botocore itself, so the catalog follows the pinned version.
ALIASES_CODE = """
import json
from botocore.handlers import BUILTIN_HANDLERS, ParameterAlias
out = []
for entry in BUILTIN_HANDLERS:
    event, handler = entry[0], entry[1]
    alias = getattr(handler, "__self__", None)
    if isinstance(alias, ParameterAlias) and event.startswith("before-parameter-build."):
        service, operation = event[len("before-parameter-build."):].split(".", 1)
        out.append([service, operation, alias._original_name, alias._alias_name])
print(json.dumps(sorted(out)))
"""


def parameter_aliases(py):
    """[[service, operation or "*", modelled name, alias], ...] from botocore's handlers."""
    res = subprocess.run([py, "-c", ALIASES_CODE], check=True, capture_output=True)
    return json.loads(res.stdout)


def op_aliases(model, svc, op_name, op, aliases):
    """[[modelled name, alias], ...] of the aliases botocore applies to this
    operation: registered for its service (by client name or hyphenated
    serviceId, as botocore's events name it) and operation (or `*`), and only
    when the input shape has the modelled member."""
    if "input" not in op:
        return []
    members = model["shapes"].get(op["input"]["shape"], {}).get("members", {})
    service_id = model.get("metadata", {}).get("serviceId", "").replace(" ", "-").lower()
    return sorted([original, alias] for service, operation, original, alias in aliases
                  if service in (svc, service_id) and operation in ("*", op_name)
                  and original in members)


def version_key(v):
    return tuple(int(p) if p.isdigit() else p for p in v.replace("-", ".").split("."))


def read_models(z):
    """{client name: (api version, model dict)} for the newest api version of each service."""
    found = {}
    for name in z.namelist():
        parts = name.split("/")
        if len(parts) != 5 or parts[:2] != ["botocore", "data"]:
            continue
        if parts[4] not in ("service-2.json", "service-2.json.gz"):
            continue
        svc, ver = parts[2], parts[3]
        if svc not in found or version_key(ver) > version_key(found[svc][0]):
            found[svc] = (ver, name)
    out = {}
    for svc, (ver, name) in sorted(found.items()):
        raw = z.read(name)
        if name.endswith(".gz"):
            raw = gzip.decompress(raw)
        out[svc] = (ver, json.loads(raw))
    return out


def streams(model, shape_name):
    """Whether a request/response structure streams: a member marked streaming
    (on the member or its blob shape) or an event-stream member."""
    shapes = model["shapes"]
    for ref in shapes.get(shape_name, {}).get("members", {}).values():
        target = shapes.get(ref["shape"], {})
        if ref.get("streaming") or target.get("streaming") or target.get("eventstream"):
            return True
    return False


def compact_service(svc, model, snake, aliases):
    shapes = model["shapes"]
    ops = model.get("operations", {})
    # Reachable shapes from every operation's input and output.
    reach = set()
    stack = []
    for op in ops.values():
        for io in ("input", "output"):
            if io in op:
                stack.append(op[io]["shape"])
    while stack:
        s = stack.pop()
        if s in reach or s not in shapes:
            continue
        reach.add(s)
        d = shapes[s]
        for m in d.get("members", {}).values():
            stack.append(m["shape"])
        for k in ("member", "key", "value"):
            if k in d:
                stack.append(d[k]["shape"])
    names = sorted(reach)
    index = {n: i for i, n in enumerate(names)}
    out_shapes = []
    for n in names:
        d = shapes[n]
        kind = d["type"]
        if kind == "structure":
            req = set(d.get("required", []))
            members = [[m, index[v["shape"]], 1 if m in req else 0]
                       for m, v in sorted(d.get("members", {}).items())]
            out_shapes.append([n, "structure", members, 1 if d.get("union") else 0,
                               1 if d.get("document") else 0])
        elif kind == "list":
            out_shapes.append([n, "list", index[d["member"]["shape"]], d.get("min"), d.get("max")])
        elif kind == "map":
            out_shapes.append([n, "map", index[d["key"]["shape"]], index[d["value"]["shape"]]])
        elif kind in SCALARS:
            enum = d.get("enum")
            out_shapes.append([n, kind, list(enum) if enum else None, d.get("min"), d.get("max")])
        else:
            raise SystemExit(f"unknown shape type {kind!r} in {n}")
    out_ops = []
    for name in sorted(ops):
        op = ops[name]
        i = index[op["input"]["shape"]] if "input" in op else -1
        o = index[op["output"]["shape"]] if "output" in op else -1
        flags = 0
        if "input" in op and streams(model, op["input"]["shape"]):
            flags |= 1
        if "output" in op and streams(model, op["output"]["shape"]):
            flags |= 2
        if op.get("deprecated"):
            flags |= 4
        row = [name, i, o, flags, snake[name]]
        renamed = op_aliases(model, svc, name, op, aliases)
        if renamed:
            row.append(renamed)
        out_ops.append(row)
    return {"ops": out_ops, "shapes": out_shapes}


def dumps(obj):
    return json.dumps(obj, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()


def deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    return c.compress(data) + c.flush()


def build(wheel, tmp):
    with open(wheel, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != WHEEL_SHA256:
        raise SystemExit(f"wheel sha256 {digest} is not the pinned {WHEEL_SHA256}")
    z = zipfile.ZipFile(wheel)
    y, m, d = max(i.date_time for i in z.infolist())[:3]
    models = read_models(z)
    py = installed_botocore(wheel, tmp)
    snake = boto3_names(py, {op for _, m in models.values() for op in m.get("operations", {})})
    aliases = parameter_aliases(py)
    payloads = {}
    services = []
    body = b""
    for svc, (ver, model) in models.items():
        data = dumps(compact_service(svc, model, snake, aliases))
        payloads[svc] = data
        blob = deflate(data)
        services.append([svc, ver, len(body), len(blob), len(model.get("operations", {}))])
        body += blob
    index = dumps({"botocore": BOTOCORE_VERSION, "date": f"{y:04d}-{m:02d}-{d:02d}",
                   "wheel_sha256": WHEEL_SHA256, "services": services})
    out = MAGIC + struct.pack("<I", len(index)) + index + body
    extras = {
        "LICENSE": z.read(f"botocore-{BOTOCORE_VERSION}.dist-info/LICENSE.txt"),
        "NOTICE": z.read(f"botocore-{BOTOCORE_VERSION}.dist-info/NOTICE"),
    }
    return out, payloads, extras


def decode(blob):
    """{client name: decoded JSON bytes} and the index of a catalog file."""
    if blob[:8] != MAGIC:
        raise SystemExit("not a catalog file")
    (n,) = struct.unpack("<I", blob[8:12])
    index = json.loads(blob[12:12 + n])
    body = blob[12 + n:]
    out = {}
    for svc, _ver, off, ln, _ops in index["services"]:
        out[svc] = zlib.decompress(body[off:off + ln], -15)
    return index, out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheel", help="a local copy of the pinned botocore wheel")
    ap.add_argument("--check", action="store_true",
                    help="compare with the committed catalog instead of writing")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="ssmc-botocore-")
    try:
        wheel = args.wheel or fetch_wheel(tmp)
        out, payloads, extras = build(wheel, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    path = os.path.join(HERE, "catalog.bin")
    if args.check:
        with open(path, "rb") as f:
            old_index, old = decode(f.read())
        new_index, _ = decode(out)
        strip = lambda ix: [s[:2] + s[4:] for s in ix["services"]]
        same = (old == payloads and strip(old_index) == strip(new_index)
                and old_index["botocore"] == new_index["botocore"])
        for name, data in extras.items():
            with open(os.path.join(HERE, name), "rb") as f:
                same = same and f.read() == data
        print("catalog is up to date" if same else "catalog differs from a fresh generation")
        sys.exit(0 if same else 1)
    with open(path, "wb") as f:
        f.write(out)
    for name, data in extras.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
    print(f"wrote {path}: {len(out)} bytes, {len(payloads)} services, "
          f"{sum(len(p) for p in payloads.values())} bytes decoded")


if __name__ == "__main__":
    main()
