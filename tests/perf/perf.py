#!/usr/bin/env python3
"""Side-by-side performance run of ssmc, in one go on the same documents.

Measures (see docs/performance.md, "Compiler and linter"):
  1. `ssmc lint` against cfn-lint (installed from PyPI into a venv here) on the
     corpus. cfn-lint lints CloudFormation templates, so each corpus document is
     wrapped in a template with one `AWS::SSM::Document` resource whose `Content`
     is the document; ssmc lints the documents themselves. Same documents, both
     tools run once over the whole set (one process each).
  2. `ssmc check` throughput (MB/s of .rbk source) on many generated files.
  3. time and peak memory of `ssmc check` at 1x, 10x and 100x the input, on two
     axes: more files, and one larger runbook.
  4. `ssmc` start-up time (hyperfine when installed, else repeated runs).

Input: a release `ssmc` and the generator example (built here with cargo unless
--no-build), `../shared/corpus` (skipped with a note when absent).
Output: a Markdown table on stdout and the raw numbers as JSON (--json FILE).
Only the Python standard library is needed outside the cfn-lint venv.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def log(msg):
    print(f"perf: {msg}", file=sys.stderr, flush=True)


def run_timed(cmd, cwd=None, env=None):
    """Runs cmd under /usr/bin/time -v; returns (wall s, user+sys s, peak RSS KiB, exit)."""
    timefile = tempfile.NamedTemporaryFile(delete=False, suffix=".time")
    timefile.close()
    start = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-v", "-o", timefile.name, *cmd],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    text = Path(timefile.name).read_text()
    os.unlink(timefile.name)

    def field(name):
        m = re.search(rf"{re.escape(name)}: ([0-9.:]+)", text)
        return m.group(1) if m else "0"

    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    rss = int(field("Maximum resident set size (kbytes)"))
    return wall, cpu, rss, proc.returncode


def best_of(n, cmd, ok=(0,), **kw):
    """n runs: the minimum wall and CPU time (least disturbed by other load), the max RSS.
    An exit code outside `ok` stops the script: a failed run is not a measurement."""
    runs = [run_timed(cmd, **kw) for _ in range(n)]
    bad = [r[3] for r in runs if r[3] not in ok]
    if bad:
        sys.exit(f"perf: `{' '.join(cmd[:3])} …` exited with {bad[0]}")
    return {
        "wall_s": min(r[0] for r in runs),
        "wall_median_s": statistics.median(r[0] for r in runs),
        "cpu_s": min(r[1] for r in runs),
        "rss_kib": max(r[2] for r in runs),
        "exit": runs[-1][3],
        "runs": n,
    }


def build(args):
    if args.no_build:
        return
    log("building release ssmc and the generator (cargo build --release)")
    subprocess.run(
        ["cargo", "build", "--release", "--locked", "-p", "ssmc"], cwd=ROOT, check=True
    )
    subprocess.run(
        ["cargo", "build", "--release", "--locked", "-p", "ssmc-tests", "--example", "gen"],
        cwd=ROOT,
        check=True,
    )


def generate(gen, out, files, steps, seed=1):
    if out.exists():
        shutil.rmtree(out)
    subprocess.run(
        [str(gen), str(out), "--seed", str(seed), "--files", str(files), "--steps", str(steps)],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    return sum(p.stat().st_size for p in out.glob("*.rbk"))


def corpus_documents(corpus):
    manifest = corpus / "MANIFEST.tsv"
    rows = manifest.read_text().splitlines()[1:]
    out = []
    for row in rows:
        if not row.strip() or row.startswith("#"):
            continue
        cols = row.split("\t")
        out.append((corpus / cols[-1], cols[4] if len(cols) > 4 else "Command"))
    return out


WRAP = r"""
import json, sys, yaml
from pathlib import Path
# Each corpus document becomes a template with one AWS::SSM::Document resource.
src, dst = Path(sys.argv[1]), Path(sys.argv[2])
n = 0
for line in (src / "list.tsv").read_text().splitlines():
    path, kind, name = line.split("\t")
    text = Path(path).read_text()
    try:
        content = json.loads(text) if path.endswith(".json") else yaml.safe_load(text)
    except Exception as e:
        print(f"skip {path}: {e}", file=sys.stderr)
        continue
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {"Document": {"Type": "AWS::SSM::Document", "Properties": {
            "DocumentType": kind, "Content": content}}},
    }
    (dst / (name + ".json")).write_text(json.dumps(template, indent=1, default=str))
    n += 1
print(n)
"""


def lint_comparison(args, ssmc, work, results):
    corpus = Path(args.corpus)
    if not (corpus / "MANIFEST.tsv").is_file():
        log(f"no corpus at {corpus}: lint comparison skipped")
        results["lint"] = {"skipped": f"no corpus at {corpus}"}
        return
    docs = corpus_documents(corpus)
    # The same documents, copied flat (so an ssmc.toml can sit at their root).
    same = work / "corpus-docs"
    templates = work / "corpus-templates"
    for d in (same, templates):
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
    lines = []
    for i, (path, kind) in enumerate(docs):
        name = f"{i:04d}-{path.stem}"
        shutil.copy(path, same / (name + path.suffix))
        lines.append(f"{path}\t{kind}\t{name}")
    (work / "list.tsv").write_text("\n".join(lines) + "\n")
    doc_bytes = sum(p.stat().st_size for p in same.iterdir())

    venv = Path(args.venv)
    py = venv / "bin" / "python"
    cfn = venv / "bin" / "cfn-lint"
    if not cfn.exists():
        log(f"installing cfn-lint from PyPI into {venv}")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(py), "-m", "pip", "install", "--quiet", "cfn-lint"], check=True
        )
    version = subprocess.run(
        [str(cfn), "--version"], capture_output=True, text=True
    ).stdout.strip()
    (work / "wrap.py").write_text(WRAP)
    wrapped = subprocess.run(
        [str(py), str(work / "wrap.py"), str(work), str(templates)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    log(f"{len(docs)} documents ({doc_bytes} bytes), {wrapped} wrapped as templates")

    # Like for like: cfn-lint does not run shellcheck, so neither does ssmc here;
    # the default run (shellcheck on embedded scripts when installed) is reported too.
    (same / "ssmc.toml").write_text('[lint.rules]\nshellcheck = "off"\n')
    ssmc_off = best_of(args.runs, [str(ssmc), "lint", str(same)], ok=(0, 1))
    (same / "ssmc.toml").unlink()
    ssmc_default = best_of(max(1, args.runs // 2), [str(ssmc), "lint", str(same)], ok=(0, 1))
    template_files = sorted(str(p) for p in templates.glob("*.json"))
    log(f"running cfn-lint on {len(template_files)} templates ({args.cfn_runs} run(s))")
    # cfn-lint exits non-zero when it finds something (bit flags 2, 4, 8).
    cfn_run = best_of(args.cfn_runs, [str(cfn), "--", *template_files], ok=tuple(range(16)))
    results["lint"] = {
        "documents": len(docs),
        "templates": int(wrapped or 0),
        "bytes": doc_bytes,
        "cfn_lint_version": version,
        "ssmc": ssmc_off,
        "ssmc_with_shellcheck": ssmc_default,
        "cfn_lint": cfn_run,
        "ratio_wall": cfn_run["wall_s"] / ssmc_off["wall_s"],
        "ratio_cpu": cfn_run["cpu_s"] / max(ssmc_off["cpu_s"], 1e-3),
    }


def throughput(args, ssmc, gen, work, results):
    out = work / "many"
    size = generate(gen, out, args.files, args.steps)
    log(f"check throughput: {args.files} files x {args.steps} steps, {size} bytes")
    r = best_of(args.runs, [str(ssmc), "check", str(out)])
    r["bytes"] = size
    r["files"] = args.files
    r["mb_per_s"] = size / 1e6 / r["wall_s"]
    r["mb_per_cpu_s"] = size / 1e6 / max(r["cpu_s"], 1e-3)
    r["cores_used"] = r["cpu_s"] / r["wall_s"]
    results["check"] = r


def scaling(args, ssmc, gen, work, results):
    rows = []
    base_files, base_steps = args.scale_files, args.scale_steps
    for axis in ("files", "steps"):
        for k in (1, 10, 100):
            files, steps = (base_files * k, base_steps) if axis == "files" else (1, base_steps * k)
            out = work / f"scale-{axis}-{k}"
            size = generate(gen, out, files, steps, seed=3)
            r = best_of(args.runs, [str(ssmc), "check", str(out)])
            r.update({"axis": axis, "factor": k, "files": files, "steps": steps, "bytes": size})
            log(f"scale {axis} x{k}: {size} bytes, {r['wall_s']:.3f} s, {r['rss_kib']} KiB")
            rows.append(r)
    results["scaling"] = rows


def startup(args, ssmc, work, results):
    empty = work / "empty.rbk"
    empty.write_text("")
    cases = {"--version": [str(ssmc), "--version"], "check empty file": [str(ssmc), "check", str(empty)]}
    out = {}
    hyperfine = shutil.which("hyperfine")
    for name, cmd in cases.items():
        if hyperfine:
            j = work / "hf.json"
            subprocess.run(
                [hyperfine, "-N", "--warmup", "20", "--runs", str(args.startup_runs), "--export-json", str(j),
                 " ".join(cmd)],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            res = json.loads(j.read_text())["results"][0]
            out[name] = {"tool": "hyperfine", "mean_ms": res["mean"] * 1e3,
                         "median_ms": res["median"] * 1e3, "min_ms": res["min"] * 1e3}
        else:
            times = []
            for _ in range(args.startup_runs):
                t = time.perf_counter()
                subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                times.append(time.perf_counter() - t)
            times.sort()
            out[name] = {"tool": "python loop", "mean_ms": statistics.mean(times) * 1e3,
                         "median_ms": statistics.median(times) * 1e3, "min_ms": times[0] * 1e3}
    results["startup"] = out


def report(results):
    p = print
    p("| measure | value | baseline / target | ratio | met |")
    p("| --- | --- | --- | --- | --- |")
    lint = results.get("lint", {})
    if "ratio_wall" in lint:
        p(f"| `ssmc lint` of {lint['documents']} corpus documents | {lint['ssmc']['wall_s']*1e3:.0f} ms wall, "
          f"{lint['ssmc']['cpu_s']*1e3:.0f} ms CPU | cfn-lint {lint['cfn_lint_version']}: {lint['cfn_lint']['wall_s']:.1f} s wall, "
          f"{lint['cfn_lint']['cpu_s']:.1f} s CPU | {lint['ratio_wall']:.0f}x wall, {lint['ratio_cpu']:.0f}x CPU | "
          f"{'yes' if lint['ratio_wall'] >= 200 else 'no'} (>= 200x) |")
        p(f"| `ssmc lint` with shellcheck on embedded scripts | {lint['ssmc_with_shellcheck']['wall_s']*1e3:.0f} ms wall | | "
          f"{lint['cfn_lint']['wall_s']/lint['ssmc_with_shellcheck']['wall_s']:.0f}x | |")
    c = results.get("check")
    if c:
        p(f"| `ssmc check` of {c['files']} generated files, {c['bytes']/1e6:.1f} MB | {c['mb_per_s']:.1f} MB/s "
          f"({c['wall_s']:.2f} s wall, {c['cores_used']:.2f} cores busy) | 50 MB/s | {c['mb_per_s']/50:.2f}x | "
          f"{'yes' if c['mb_per_s'] >= 50 else 'no'} |")
    rows = results.get("scaling", [])
    for axis in ("files", "steps"):
        base = next((r for r in rows if r["axis"] == axis and r["factor"] == 1), None)
        for r in rows:
            if r["axis"] != axis or base is None:
                continue
            tr = r["wall_s"] / base["wall_s"]
            cr = r["cpu_s"] / max(base["cpu_s"], 1e-3)
            ok = "" if r["factor"] == 1 else ("yes" if tr <= 1.1 * r["factor"] else "no") + f" (<= {1.1*r['factor']:.0f}x)"
            p(f"| check x{r['factor']} ({axis}: {r['files']} files x {r['steps']} steps, {r['bytes']/1e6:.2f} MB) | "
              f"{r['wall_s']*1e3:.0f} ms wall, {r['cpu_s']*1e3:.0f} ms CPU, {r['rss_kib']/1024:.0f} MiB peak | x1 | "
              f"{tr:.1f}x time, {cr:.1f}x CPU | {ok} |")
    for name, s in results.get("startup", {}).items():
        p(f"| start-up, `ssmc {name}` ({s['tool']}) | {s['mean_ms']:.2f} ms mean, {s['min_ms']:.2f} ms min | 5 ms | "
          f"{s['mean_ms']/5:.2f}x | {'yes' if s['mean_ms'] < 5 else 'no'} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ssmc", default=str(ROOT / "target/release/ssmc"))
    ap.add_argument("--gen", default=str(ROOT / "target/release/examples/gen"))
    ap.add_argument("--corpus", default=str(ROOT / "../shared/corpus"))
    ap.add_argument("--work", default=None, help="scratch folder (default: a temporary one)")
    ap.add_argument("--venv", default=str(ROOT / "target/perf-venv"), help="where cfn-lint is installed")
    ap.add_argument("--runs", type=int, default=3, help="runs per ssmc measure (best is kept)")
    ap.add_argument("--cfn-runs", type=int, default=1)
    ap.add_argument("--files", type=int, default=2000, help="files for the throughput run")
    ap.add_argument("--steps", type=int, default=60, help="steps per file for the throughput run")
    ap.add_argument("--scale-files", type=int, default=20)
    ap.add_argument("--scale-steps", type=int, default=60)
    ap.add_argument("--startup-runs", type=int, default=300)
    ap.add_argument("--only", default="lint,check,scaling,startup")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--json", default=None, help="write the raw numbers here")
    args = ap.parse_args()
    build(args)
    ssmc, gen = Path(args.ssmc), Path(args.gen)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="ssmc-perf-"))
    work.mkdir(parents=True, exist_ok=True)
    only = set(args.only.split(","))
    results = {"machine": {"cores": os.cpu_count(), "load": os.getloadavg()}}
    try:
        if "lint" in only:
            lint_comparison(args, ssmc, work, results)
        if "check" in only:
            throughput(args, ssmc, gen, work, results)
        if "scaling" in only:
            scaling(args, ssmc, gen, work, results)
        if "startup" in only:
            startup(args, ssmc, work, results)
    finally:
        # Generated inputs are large: never leave them behind, even after a failure.
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    report(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
