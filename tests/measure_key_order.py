#!/usr/bin/env python3
"""The order of step keys in real SSM documents (docs/language.md §17).

For every pair of the keys below that appear together in a step (main steps
and loop bodies of every document the corpus manifest lists), counts
which comes first; prints the pair counts and the order that agrees with the
most pairs, found exactly (ties go to the order KEYS lists, which is the order
ssmc emits: compiler/core/src/codegen/order.rs).

Usage: python3 tests/measure_key_order.py CORPUS [SOURCE]
(SOURCE: one repository of the manifest's first column, e.g.
ceshihao/ssm-public-documents for the AWS-owned documents alone)
"""
import itertools
import json
import sys
from collections import Counter
from pathlib import Path

import yaml

KEYS = ["name", "action", "precondition", "description", "maxAttempts", "timeoutSeconds",
        "onFailure", "isCritical", "nextStep", "onCancel", "isEnd", "inputs", "outputs"]


def steps(doc):
    for step in doc.get("mainSteps") or []:
        if isinstance(step, dict):
            yield step
            body = (step.get("inputs") or {}).get("Steps") if step.get("action") == "aws:loop" else None
            if isinstance(body, list):
                yield from (s for s in body if isinstance(s, dict))


def kemeny(before):
    """The order of KEYS that agrees with the most observed pairs (exact, by
    dynamic programming over the sets of keys placed first); among equally
    good orders, the one closest to KEYS as listed."""
    n = len(KEYS)
    best = {0: (0, ())}
    for mask in range(1 << n):
        if mask not in best:
            continue
        cost, order = best[mask]
        for k in range(n):
            if mask & (1 << k):
                continue
            # k after every key already placed: each time k came first disagrees.
            extra = sum(before[(KEYS[k], KEYS[j])] for j in range(n) if mask & (1 << j))
            cand = (cost + extra, order + (k,))
            nxt = mask | (1 << k)
            if nxt not in best or cand < best[nxt]:
                best[nxt] = cand
    return [KEYS[k] for k in best[(1 << n) - 1][1]]


def main(corpus, source=None):
    before = Counter()
    documents = 0
    step_count = 0
    for line in (corpus / "MANIFEST.tsv").read_text().splitlines()[1:]:
        cols = line.split("\t")
        if source and cols[0] != source:
            continue
        text = (corpus / cols[6]).read_text()
        doc = json.loads(text) if cols[5] == "json" else yaml.safe_load(text)
        documents += 1
        for step in steps(doc):
            step_count += 1
            order = [k for k in step if k in KEYS]
            for a, b in itertools.combinations(order, 2):
                before[(a, b)] += 1
    order = kemeny(before)
    print(f"{documents} documents, {step_count} steps")
    for a, b in itertools.combinations(order, 2):
        if before[(a, b)] or before[(b, a)]:
            print(f"  {a} before {b}: {before[(a, b)]}, after: {before[(b, a)]}")
    agree = sum(before[(a, b)] for a, b in itertools.combinations(order, 2))
    total = sum(before.values())
    print(f"order: {', '.join(order)} ({agree} of {total} ordered pairs agree)")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else None)
