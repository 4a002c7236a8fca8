#!/usr/bin/env python3
"""Runs the shared round-trip judge and fails below a minimum exact ratio.

The judge (../shared/tools/roundtrip.py) prints each inexact document and then
'N/M round-trip exact'; it exits 1 unless every document is exact. The issue's
gate is a ratio (at least 99%), so this wrapper reads that last line.
"""
import argparse, os, re, subprocess, sys

ap = argparse.ArgumentParser()
ap.add_argument("--ssmc", required=True)
ap.add_argument("--corpus", required=True)
ap.add_argument("--min", type=float, default=0.99)
o = ap.parse_args()
judge = os.path.join(o.corpus, "..", "tools", "roundtrip.py")
p = subprocess.run([sys.executable, judge, "--ssmc", o.ssmc, "--corpus", o.corpus, "--show", "400"],
                   capture_output=True, text=True)
sys.stdout.write(p.stdout)
sys.stderr.write(p.stderr)
m = re.search(r"^(\d+)/(\d+) round-trip exact$", p.stdout, re.M)
if not m or p.returncode == 2:
    print("round-trip judge did not report a result", file=sys.stderr)
    sys.exit(2)
ok, total = int(m.group(1)), int(m.group(2))
ratio = ok / total if total else 0.0
print(f"round-trip: {ok}/{total} exact ({ratio:.1%}); required {o.min:.0%}")
sys.exit(0 if ratio >= o.min else 1)
