#!/usr/bin/env python3
"""No output changes: compares two ssmc builds on mutated inputs.

For a performance change, the old build (`--base`) and the new one (`--new`)
must print the same: for every `.rbk` of the repository (examples, fixtures,
stdlib) and `--mutants` mutants of each (a token deleted, duplicated, swapped
with its neighbour, replaced by a keyword or punctuation, or the file cut
short), `ssmc check` (exit code, stdout, stderr), `ssmc fmt --check` and, for
every variant the base build checks clean, the documents `ssmc build` writes
(JSON and YAML, every file's bytes), run on the same path; and
`ssmc lint --format json` over the corpus when present.
The new build runs each check twice, the second time from its result cache
(`--new-cache`), so the cache is held to the same standard.

Usage: python3 tests/perf/differential.py --base OLD_SSMC --new NEW_SSMC
       [--mutants 11] [--seed 1] [--corpus ../shared/corpus] [--new-cache]
       [--ignore REGEX]...
Exit 1 and the first differences on stdout when the builds disagree.
"""

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|\w+|\S')
INSERTS = ["{", "}", "(", ")", "[", "]", ",", ":", "=", "step", "if", "else", "match", "guard",
           "param", "automation", "command", "action", '"x"', "1", "true", "null", "{{", "}}", "."]


def mutants(text, rng, n):
    toks = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
    out = []
    for _ in range(n):
        if not toks:
            break
        i = rng.randrange(len(toks))
        a, b = toks[i]
        op = rng.randrange(5)
        if op == 0:
            out.append(text[:a] + text[b:])
        elif op == 1:
            out.append(text[:b] + " " + text[a:b] + text[b:])
        elif op == 2 and i + 1 < len(toks):
            c, d = toks[i + 1]
            out.append(text[:a] + text[c:d] + text[b:c] + text[a:b] + text[d:])
        elif op == 3:
            out.append(text[:a] + rng.choice(INSERTS) + text[b:])
        else:
            out.append(text[:rng.randrange(len(text) + 1)])
    return out


IGNORE = []


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=120)
    out, err = p.stdout, p.stderr
    for pattern in IGNORE:
        out, err = pattern.sub(b"~", out), pattern.sub(b"~", err)
    return (p.returncode, out, err)


def built(ssmc, case, fmt):
    """`ssmc build --format FMT` in `case`: its outcome and every file it wrote."""
    out = case / f"out-{fmt}"
    result = run([ssmc, "build", "--format", fmt, "-o", str(out), "m.rbk"], case)
    files = {}
    if out.is_dir():
        for f in sorted(out.rglob("*")):
            if f.is_file():
                files[str(f.relative_to(out))] = f.read_bytes()
    shutil.rmtree(out, ignore_errors=True)
    return result, files


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True)
    ap.add_argument("--new", required=True)
    ap.add_argument("--mutants", type=int, default=11)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpus", default=str(ROOT / "../shared/corpus"))
    ap.add_argument("--ignore", action="append", default=[],
                    help="a regex whose matches are blanked in both outputs (a message another change reworded)")
    ap.add_argument("--new-cache", action="store_true",
                    help="the new build has a result cache: run it cold (--no-cache) and warm")
    args = ap.parse_args()
    IGNORE.extend(re.compile(p.encode()) for p in args.ignore)
    rng = random.Random(args.seed)
    sources = sorted(p for p in ROOT.rglob("*.rbk") if "target" not in p.parts and ".git" not in p.parts)
    work = Path(tempfile.mkdtemp(prefix="ssmc-diff-"))
    diffs, cases, broken, documents = [], 0, 0, 0
    base_check = [args.base, "check", "m.rbk"]
    new_checks = ([[args.new, "check", "--no-cache", "m.rbk"], [args.new, "check", "m.rbk"],
                   [args.new, "check", "m.rbk"]] if args.new_cache else [[args.new, "check", "m.rbk"]])
    try:
        for src in sources:
            text = src.read_text(errors="replace")
            for variant in [text] + mutants(text, rng, args.mutants):
                case = work / f"c{cases}"
                case.mkdir()
                (case / "m.rbk").write_text(variant)
                cases += 1
                want = run(base_check, case)
                broken += want[0] != 0
                for cmd in new_checks:
                    got = run(cmd, case)
                    if got != want:
                        diffs.append((src, cmd, variant, want, got))
                fmt_want = run([args.base, "fmt", "--check", "m.rbk"], case)
                fmt_got = run([args.new, "fmt", "--check", "m.rbk"], case)
                if fmt_want != fmt_got:
                    diffs.append((src, "fmt", variant, fmt_want, fmt_got))
                if want[0] == 0:
                    for fmt in ("json", "yaml"):
                        build_want = built(args.base, case, fmt)
                        build_got = built(args.new, case, fmt)
                        documents += len(build_want[1])
                        if build_want != build_got:
                            diffs.append((src, "build " + fmt, variant, build_want, build_got))
                shutil.rmtree(case)
        corpus = Path(args.corpus)
        if (corpus / "MANIFEST.tsv").is_file():
            flat = work / "corpus"
            flat.mkdir()
            docs = [p for p in corpus.rglob("*") if p.suffix in (".json", ".yaml", ".yml") and p.is_file()]
            for i, p in enumerate(sorted(docs)):
                shutil.copy(p, flat / f"{i:04d}-{p.name}")
            want = run([args.base, "lint", "--format", "json", "."], flat)
            extra = [["--no-cache"], [], []] if args.new_cache else [[]]
            for e in extra:
                got = run([args.new, "lint", *e, "--format", "json", "."], flat)
                if got != want:
                    diffs.append((corpus, "lint " + " ".join(e), "", want[:2], got[:2]))
            print(f"corpus: {len(docs)} documents linted")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{cases} sources ({len(sources)} files, {cases - len(sources)} mutants; "
          f"{broken} with errors; {documents} built documents compared): {len(diffs)} differences")
    for src, cmd, variant, want, got in diffs[:5]:
        print(f"--- {src} {cmd}\n{variant[:400]}\nbase: {want}\nnew:  {got}")
    sys.exit(1 if diffs else 0)


if __name__ == "__main__":
    main()
