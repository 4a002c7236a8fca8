#!/usr/bin/env python3
"""Re-serialises every corpus document in many YAML styles (and JSON), with mutations.

Used by the `corpus_styles` test (tests/tests/it/corpus_styles.rs): it runs
`python3 tests/corpus_styles.py CORPUS_DIR SEED` and, for each JSON line printed here,
checks that ssmc's reader reads the text to `value` (what libyaml, PyYAML's CSafeLoader,
reads from it) and that the text round-trips through import and build to that value.

For each document, one line {"file": path in the corpus, "value": its value}, then one
line per style {"style": name, "format": "yaml" | "json", "text": the document written
so}. Every document is written in the six EVERY_DOCUMENT styles and one of the others,
in turn (`... SEED all`: in every style).
Every text printed reads, with libyaml, to exactly the value of the original document:
a style or mutation that would change the value (a comment inside a block scalar, a
comma inside a string) is dropped here, and counted in the last line,
{"dropped": {style: count}}, so the test can tell how much each style covered.

Styles: block (2-space, PyYAML's indentless sequences), block with indented sequences,
4-space block, flow (one document-wide flow collection, wrapped over many lines at
varying indentation), every scalar double-quoted, every scalar single-quoted, long
strings as literal/folded block scalars, canonical YAML (explicit tags, `? ` keys),
JSON (pretty and one line). Mutations on top: keys of every mapping shuffled,
comments on their own lines and after values, trailing commas in flow collections,
document markers and a `%YAML` directive, CRLF line ends.
"""

import json
import os
import random
import re
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class IndentedDumper(yaml.SafeDumper):
    """Block sequences indented under their key (`key:\\n  - a`), not indentless."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


class BlockScalarDumper(yaml.SafeDumper):
    """Multi-line strings as literal (`|`) or folded (`>`) block scalars."""


def _block_str(dumper, value):
    if "\n" in value:
        # Folded for every other multi-line string; a string no block scalar can
        # hold exactly (trailing spaces on a line, say) keeps PyYAML's own style.
        style = ">" if len(value) % 2 else "|"
        probe = yaml.dump({"k": value}, Dumper=_OneStyle[style], allow_unicode=True)
        if yaml.load(probe, Loader=Loader) == {"k": value}:
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)
    return dumper.represent_str(value)


def _one_style(style):
    class OneStyle(yaml.SafeDumper):
        pass

    OneStyle.add_representer(
        str, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style=style))
    return OneStyle


_OneStyle = {s: _one_style(s) for s in "|>"}
BlockScalarDumper.add_representer(str, _block_str)


class OneLineDumper(yaml.SafeDumper):
    """Every scalar on one line: strings with line breaks double-quoted (`\\n`),
    so a comment can follow any line and none lands inside a scalar."""


OneLineDumper.add_representer(
    str, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style='"')
    if "\n" in v or v != v.strip() else d.represent_str(v))

WIDE = 10**9


def dump(value, **kw):
    kw.setdefault("Dumper", Dumper)
    kw.setdefault("allow_unicode", True)
    kw.setdefault("sort_keys", False)
    kw.setdefault("width", 100)
    return yaml.dump(value, **kw)


def shuffled(value, rng):
    """The same value with the keys of every mapping in a random order."""
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {k: shuffled(v, rng) for k, v in items}
    if isinstance(value, list):
        return [shuffled(v, rng) for v in value]
    return value


def with_comments(text, rng):
    """Comments on their own lines and after values. `text` has every scalar on
    one line (OneLineDumper or JSON), so any line can take a comment."""
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        indent = line[: len(line) - len(line.lstrip())]
        if stripped and rng.random() < 0.3:
            out.append(f"{indent}# a comment: {{ [ , ] }} # again")
        if stripped and rng.random() < 0.3:
            line += rng.choice(["  # trailing", " #", "\t# tab before"])
        out.append(line)
    return "\n".join(out)


def with_trailing_commas(text):
    """A comma before every flow collection's closing bracket, outside strings.
    `text` is a flow dump whose strings are all double-quoted."""
    out, in_string, escaped, last = [], False, False, ""
    for ch in text:
        if in_string:
            in_string = escaped or ch != '"'
            escaped = not escaped and ch == "\\"
        elif ch == '"':
            in_string = True
        elif ch in "]}" and last not in ("[", "{", ","):
            out.append(",")
        out.append(ch)
        if not ch.isspace():
            last = ch
    return "".join(out)


def markers(text):
    return "%YAML 1.1\n---\n" + text + ("" if text.endswith("\n") else "\n") + "...\n"


def styles(rng):
    """{style name: (format, function of the value to its text)}."""
    once = {}

    def mixed(value):
        # One shuffle per document, shared by the two shuffled styles.
        key = id(value)
        if key not in once:
            once.clear()
            once[key] = shuffled(value, rng)
        return once[key]

    return {
        "block": ("yaml", lambda v: dump(v)),
        "block-indented-sequences": ("yaml", lambda v: dump(v, Dumper=IndentedDumper)),
        "block-4-space": ("yaml", lambda v: dump(v, indent=4, Dumper=IndentedDumper)),
        "block-4-space-indentless": ("yaml", lambda v: dump(v, indent=4)),
        "flow": ("yaml", lambda v: dump(v, default_flow_style=True, width=60)),
        "flow-wide-indent": ("yaml", lambda v: dump(v, default_flow_style=True, width=30, indent=7)),
        "double-quoted": ("yaml", lambda v: dump(v, default_style='"')),
        "single-quoted": ("yaml", lambda v: dump(v, default_style="'")),
        "block-scalars": ("yaml", lambda v: dump(v, Dumper=BlockScalarDumper)),
        "canonical": ("yaml", lambda v: dump(v, canonical=True)),
        "json-pretty": ("json", lambda v: json.dumps(v, indent=2, ensure_ascii=False)),
        "json-line": ("json", lambda v: json.dumps(v, ensure_ascii=rng.random() < 0.5)),
        "json-as-yaml": ("yaml", lambda v: json.dumps(v, indent=3, ensure_ascii=False)),
        "shuffled-keys": ("yaml", lambda v: dump(mixed(v), Dumper=IndentedDumper)),
        "shuffled-keys-json": ("json", lambda v: json.dumps(mixed(v), indent=1, ensure_ascii=False)),
        "comments": ("yaml", lambda v: with_comments(dump(v, Dumper=OneLineDumper, width=WIDE), rng)),
        "comments-4-space": ("yaml", lambda v: with_comments(
            dump(v, Dumper=OneLineDumper, width=WIDE, indent=4), rng)),
        "comments-json-as-yaml": ("yaml", lambda v: with_comments(
            json.dumps(v, indent=2, ensure_ascii=False), rng)),
        "flow-trailing-commas": ("yaml", lambda v: with_trailing_commas(
            dump(v, default_flow_style=True, default_style='"', width=WIDE))),
        "markers": ("yaml", lambda v: markers(dump(v, default_style=rng.choice(['"', "'", None])))),
        "crlf": ("yaml", lambda v: dump(v, Dumper=IndentedDumper).replace("\n", "\r\n")),
    }


def read(text, fmt):
    return json.loads(text) if fmt == "json" else yaml.load(text, Loader=Loader)


def exact(value):
    """A text equal for equal values only (in Python, `True == 1` and `1.0 == 1`)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


# Every document is written in each of these (block is PyYAML's: 2 spaces,
# indentless sequences; plain, double- and single-quoted scalars; JSON); the
# other styles take turns, TAKING_TURNS per document.
EVERY_DOCUMENT = ("block", "flow", "block-4-space", "double-quoted", "single-quoted",
                  "json-pretty")
TAKING_TURNS = 1


def main():
    corpus, seed = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 19
    every = len(sys.argv) > 3 and sys.argv[3] == "all"
    rng = random.Random(seed)
    rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8")]
    files = [r[-1] for r in rows[1:] if r and r[0] and not r[0].startswith("#")]
    table = styles(rng)
    others = [name for name in table if name not in EVERY_DOCUMENT]
    dropped, turn = {}, 0
    for rel in files:
        text = open(os.path.join(corpus, rel), encoding="utf-8").read()
        original = read(text, "json" if rel.endswith(".json") else "yaml")
        print(json.dumps({"file": rel, "value": original}, ensure_ascii=False))
        chosen = list(table) if every else list(EVERY_DOCUMENT) + [
            others[(turn + i) % len(others)] for i in range(TAKING_TURNS)]
        turn += TAKING_TURNS
        for style in chosen:
            fmt, write = table[style]
            variant = write(original)
            try:
                same = exact(read(variant, fmt)) == exact(original)
            except (yaml.YAMLError, ValueError):
                same = False
            if not same:
                dropped[style] = dropped.get(style, 0) + 1
                continue
            print(json.dumps({"style": style, "format": fmt, "text": variant}, ensure_ascii=False))
    print(json.dumps({"dropped": dropped}))


if __name__ == "__main__":
    main()
