#!/usr/bin/env python3
"""Generates YAML texts and what libyaml (PyYAML's CSafeLoader) reads from them.

Used by the `yaml_differential` test (tests/tests/it/yaml_differential.rs): it runs
`python3 tests/yaml_differential.py SEED COUNT` and compares ssmc's YAML reader with
the JSON lines printed here, one per text: {"yaml": text, "value": v} when libyaml
accepts the text, {"yaml": text, "error": message} when it refuses it.

The texts come from random value trees, each node written in a random style: block
and flow collections (flow ones spread over lines at any indentation, with and
without trailing commas), indentless sequences, every scalar style (plain, single
and double quoted, both spread over lines at any indentation; literal and folded
with chomping and indentation indicators), comments everywhere, anchors, aliases
and merge keys, document markers, directives and tabs where YAML allows them.
The generator does not need to know the value it writes: libyaml says what it is.
"""

import json
import random
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

WORDS = ["a", "name", "Value", "x1", "run_command", "aws:sleep", "{{ P }}", "PT1M"]
TRICKY = [
    "yes", "No", "on", "~", "null", "0777", "0x1F", "1e3", "1_000", "12:30:00", ".inf",
    "-", "a: b", "a #b", "'q'", '"dq"', "[x]", "{y}", "é ü", "tab\there", "", " lead",
    "trail ", "2024-01-01", "<<", "@at", "%p", "!bang", "*star", "&amp", "true",
]


def comment(rng):
    return rng.choice(["", "", "", " # c", "  #\tcomment: {[", " #"])


def plain_ok(s):
    try:
        return s != "" and yaml.load(s, Loader=Loader) == s and "\n" not in s and s.strip() == s \
            and not any(c in s for c in ",[]{}#\t")
    except yaml.YAMLError:
        return False


def scalar(rng, indent, flow):
    """One scalar in a random style; may span lines when `flow` is False or True."""
    kind = rng.random()
    if kind < 0.25:
        return str(rng.choice([0, 1, -5, 42, 3.5, "true", "false", "null", "1e3", "0o17"]))
    s = rng.choice(WORDS + TRICKY)
    if kind < 0.45 and plain_ok(s):
        if rng.random() < 0.2 and " " not in s:
            # A multi-line plain scalar; continuation deeper than the parent in block context.
            col = rng.randint(0, 6) if flow else indent + rng.randint(1, 4)
            return s + "\n" + " " * col + rng.choice(WORDS[:4])
        return s
    if kind < 0.65:
        body = s.replace("'", "''")
        if rng.random() < 0.3:
            body += "\n" + " " * rng.randint(0, indent + 3) + "more" + rng.choice(["", "\n\n", "\n" + " " * rng.randint(0, 2) + "end"])
        return "'" + body + "'"
    if kind < 0.85 or flow:
        body = json.dumps(s, ensure_ascii=False)[1:-1]
        if rng.random() < 0.3:
            body += rng.choice(["\n", "\\\n", "\n\n"]) + " " * rng.randint(0, indent + 3) + "next\\tline"
        return '"' + body + '"'
    return block_scalar(rng, indent)


def block_scalar(rng, indent):
    style = rng.choice("|>")
    chomp = rng.choice(["", "-", "+"])
    lines = [rng.choice(WORDS + ["", "  indented", "x y"]) for _ in range(rng.randint(1, 4))]
    step = rng.randint(1, 4)
    explicit = lines[0].startswith(" ") or rng.random() < 0.3
    header = style + (str(step) if explicit else "") + chomp if rng.random() < 0.5 else \
        style + chomp + (str(step) if explicit else "")
    if lines[0] == "" and not explicit:
        lines[0] = "first"
    pad = " " * (indent + step)
    body = "\n".join(pad + line if line else "" for line in lines)
    trailing = rng.choice(["", "", "\n"])  # a blank line kept or dropped by the chomping
    return header + comment(rng) + "\n" + body + trailing


def key(rng):
    k = rng.choice(["name", "inputs", "Runtime", "on", "12", "a b", "k:v", "x-y", "Mixed_Case", "é"])
    if plain_ok(k) and rng.random() < 0.7:
        return k
    return json.dumps(k, ensure_ascii=False) if rng.random() < 0.5 else "'" + k.replace("'", "''") + "'"


def flow_value(rng, depth, indent):
    """A flow collection, spread over lines at any column (libyaml ignores them)."""
    def sep():
        return rng.choice([" ", " ", "\t", "\n" + " " * rng.randint(0, indent + 4)])

    if depth <= 0 or rng.random() < 0.4:
        return scalar(rng, indent, True)
    n = rng.randint(0, 3)
    if rng.random() < 0.5:
        items = [flow_value(rng, depth - 1, indent) for _ in range(n)]
        open_, close = "[", "]"
    else:
        items = [key(rng) + ":" + rng.choice([" ", "\t"]) + flow_value(rng, depth - 1, indent) for _ in range(n)]
        open_, close = "{", "}"
    parts = []
    for i, item in enumerate(items):
        parts.append(item)
        if i + 1 < len(items) or rng.random() < 0.3:
            parts.append("," + (comment(rng) + "\n" + " " * rng.randint(0, indent + 4) if rng.random() < 0.3 else sep()))
    closing = "\n" + " " * rng.randint(0, indent + 2) + close if rng.random() < 0.4 else close
    return open_ + sep() + "".join(parts) + closing


class Gen:
    def __init__(self, rng):
        self.rng = rng
        self.anchors = []  # (name, is_map)
        self.count = 0

    def props(self, is_map, done=True):
        """An anchor or nothing; a collection's anchor becomes usable once it is written."""
        if self.rng.random() < 0.15:
            self.count += 1
            name = f"a{self.count}"
            if done:
                self.anchors.append((name, is_map))
            else:
                self.open_anchor = name
            return "&" + name + " "
        return ""

    def block(self, depth, indent, in_seq=False):
        """(inline, lines): text after `key:` / `- ` and the lines below it."""
        rng = self.rng
        r = rng.random()
        if self.anchors and r < 0.08:
            return " *" + rng.choice(self.anchors)[0], []
        if depth <= 0 or r < 0.35:
            s = scalar(rng, indent, False)
            return " " + self.props(False) + s, []
        if r < 0.5:
            return " " + self.props(False) + flow_value(rng, 2, indent), []
        step = rng.choice([2, 2, 4, 1, 3])
        if r < 0.75:
            self.open_anchor = None
            props = self.props(True, done=False)
            name = self.open_anchor
            lines = self.mapping(depth - 1, indent + step)
            if name:
                self.anchors.append((name, True))
            return (" " + props.strip() if props else ""), lines
        seq_indent = indent if (not in_seq and rng.random() < 0.4) else indent + step
        lines = self.sequence(depth - 1, seq_indent)
        return "", lines

    def mapping(self, depth, indent):
        rng = self.rng
        lines = []
        used = set()
        for _ in range(rng.randint(1, 4)):
            name = key(rng)
            # Repeated keys are another test's business (they are reported, not merged).
            loaded = yaml.load(name, Loader=Loader)
            if loaded in used:
                continue
            used.add(loaded)
            if rng.random() < 0.1:
                lines.append(" " * rng.randint(0, indent + 2) + "# a comment line")
            if rng.random() < 0.1 and any(m for _, m in self.anchors):
                name = rng.choice([n for n, m in self.anchors if m])
                lines.append(" " * indent + "<<: *" + name)
                continue
            inline, below = self.block(depth, indent)
            sep = ":" if inline == "" or inline.startswith(" ") else ": "
            lines.append(" " * indent + name + sep + inline + (comment(rng) if not below and "\n" not in inline else ""))
            lines.extend(below)
        return lines

    def sequence(self, depth, indent):
        lines = []
        for _ in range(self.rng.randint(1, 3)):
            inline, below = self.block(depth, indent + 2, in_seq=True)
            if not inline and below:
                # Compact nested collection: first line after the dash.
                first = below[0][indent + 2:] if below[0].startswith(" " * (indent + 2)) else None
                if first is not None and not first.startswith(" "):
                    lines.append(" " * indent + "- " + first)
                    lines.extend(below[1:])
                    continue
                lines.append(" " * indent + "-")
                lines.extend(below)
                continue
            lines.append(" " * indent + "-" + inline)
            lines.extend(below)
        return lines


def document(rng):
    gen = Gen(rng)
    lines = gen.mapping(rng.randint(1, 4), 0)
    head = []
    if rng.random() < 0.2:
        head.append(rng.choice(["%YAML 1.1", "%TAG !e! tag:example.com,2000:"]))
        head.append("---")
    elif rng.random() < 0.2:
        head.append("--- # start")
    tail = ["..."] if rng.random() < 0.15 else []
    return "\n".join(head + lines + tail) + rng.choice(["\n", "", "\n\n"])


def main():
    seed, count = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    for _ in range(count):
        text = document(rng)
        try:
            value = yaml.load(text, Loader=Loader)
            line = {"yaml": text, "value": value}
            json.dumps(line)
        except (yaml.YAMLError, TypeError, ValueError) as e:
            line = {"yaml": text, "error": str(e).splitlines()[0] if str(e) else type(e).__name__}
        print(json.dumps(line, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
