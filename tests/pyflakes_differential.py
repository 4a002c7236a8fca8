#!/usr/bin/env python3
"""Differential test: ssmc's Python name findings against pyflakes'.

Usage: python pyflakes_differential.py SSMC_BINARY CORPUS_DIR
(run with a Python that has pyflakes and PyYAML installed, e.g. a venv in /tmp;
docs/scripts.md gives the command and the result).

Every inline Python script of every document in CORPUS_DIR/MANIFEST.tsv (an
`aws:executeScript` step with a `Script` string and a Python `Runtime`) is
masked as ssmc masks it (`{{ x }}` becomes underscores of the same length) and
checked by pyflakes; `ssmc lint --format json` checks the same documents. The
findings compared, per document, as multisets of (code, name):

  SSM503 python-undefined-name   UndefinedName
  SSM508 python-unused-import    UnusedImport
  SSM509 python-unused-variable  UnusedVariable, UnusedAnnotation
  SSM510 python-redefinition     RedefinedWhileUnused, ImportShadowedByLoopVar

Prints each document's differences ("only pyflakes" / "only ssmc") and the
totals; exits 1 on any difference, so a reviewer sees each one and its reason
in docs/scripts.md.
"""

import ast
import collections
import json
import os
import re
import subprocess
import sys

import yaml
from pyflakes import checker, messages

CODES = {
    messages.UndefinedName: "SSM503",
    messages.UnusedImport: "SSM508",
    messages.UnusedVariable: "SSM509",
    messages.UnusedAnnotation: "SSM509",
    messages.RedefinedWhileUnused: "SSM510",
    messages.ImportShadowedByLoopVar: "SSM510",
}

REFERENCE = re.compile(r"\{\{([^{}]*?)\}\}")


def mask(text):
    """ssmc's mask (compiler/core/src/python/mask.rs): Automation substitutes
    `{{ reference }}` before Python runs."""

    def repl(m):
        inner = m.group(1).strip(" ")
        if inner and all(c.isalnum() or c in "_.:/-" for c in inner):
            return "_" * len(m.group(0))
        return m.group(0)

    return REFERENCE.sub(repl, text)


def steps(doc):
    """Every step, nested ones (aws:loop) included."""
    for step in doc.get("mainSteps") or []:
        if not isinstance(step, dict):
            continue
        yield step
        inner = (step.get("inputs") or {}).get("Steps")
        if isinstance(inner, list):
            yield from steps({"mainSteps": inner})


def scripts(doc):
    for step in steps(doc):
        inputs = step.get("inputs") or {}
        if step.get("action") != "aws:executeScript" or not isinstance(inputs, dict):
            continue
        script, runtime = inputs.get("Script"), str(inputs.get("Runtime", ""))
        if isinstance(script, str) and (runtime.lower().startswith("python") or "{{" in runtime):
            yield step.get("name"), script


def pyflakes_findings(script):
    masked = mask(script)
    try:
        tree = ast.parse(masked)
    except SyntaxError:
        return None
    found = []
    for m in checker.Checker(tree, filename="script.py").messages:
        code = CODES.get(type(m))
        if code is None:
            continue
        name = m.message_args[0]
        # Names made of underscores are masks (ssmc never reports them).
        if code == "SSM503" and set(name) == {"_"}:
            continue
        found.append((code, name))
    return found


def read(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        return json.loads(text)
    except ValueError:
        return yaml.safe_load(text)


def main():
    ssmc, corpus = sys.argv[1], sys.argv[2]
    with open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8") as f:
        files = [line.rstrip("\n").split("\t")[6] for line in f.readlines()[1:]]
    theirs, checked = {}, 0
    for file in files:
        try:
            doc = read(os.path.join(corpus, file))
        except Exception:  # noqa: BLE001 - a document neither tool reads
            continue
        if not isinstance(doc, dict):
            continue
        for _step, script in scripts(doc):
            found = pyflakes_findings(script)
            if found is None:
                continue
            checked += 1
            theirs.setdefault(file, collections.Counter()).update(found)
    out = subprocess.run(
        [ssmc, "lint", "--no-cache", "--select", "SSM503,SSM508,SSM509,SSM510",
         "--format", "json", "--fail-on", "error", corpus],
        capture_output=True, text=True, check=False,
    )
    ours = {}
    for d in json.loads(out.stdout):
        # Checker findings (E…) are printed with every `--select`.
        if d["rule"] not in set(CODES.values()):
            continue
        file = d["file"]
        if os.path.isabs(file):
            file = os.path.relpath(file, corpus)
        names = re.findall(r"`([^`]*)`", d["message"])
        ours.setdefault(file, collections.Counter())[(d["rule"], names[0] if names else "")] += 1
    differences = 0
    for file in sorted(set(theirs) | set(ours)):
        a, b = theirs.get(file, collections.Counter()), ours.get(file, collections.Counter())
        only_them, only_us = a - b, b - a
        if only_them or only_us:
            print(file)
            for (code, name), n in sorted(only_them.items()):
                print(f"  only pyflakes: {code} {name} x{n}")
            for (code, name), n in sorted(only_us.items()):
                print(f"  only ssmc:     {code} {name} x{n}")
            differences += sum(only_them.values()) + sum(only_us.values())
    total = collections.Counter()
    for c in theirs.values():
        total.update(code for code, _ in c.elements())
    print(f"{checked} scripts; pyflakes findings by code: {dict(sorted(total.items()))}; "
          f"{differences} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
