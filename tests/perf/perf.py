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
  5. the result cache: `ssmc lint` of the corpus again with the cache warm
     (shellcheck off and on), and re-linting 10,000 unchanged generated
     runbooks (`--relint-files`).
  6. the language server (`ssmc lsp`) over stdio with a real client written
     here: a generated 3,000-line runbook, didChange → publishDiagnostics,
     completion right after a change, completion and hover on an analysed
     document (p50/p99/max), and the server's RSS with 100 such runbooks open.

Every cold measure passes `--no-cache` (a best-of-N run would otherwise
measure the cache from its second run on).

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
    ssmc_off = best_of(args.runs, [str(ssmc), "lint", "--no-cache", str(same)], ok=(0, 1))
    # Warm: one run fills the cache, the measured ones read it.
    best_of(1, [str(ssmc), "lint", str(same)], ok=(0, 1))
    ssmc_off_warm = best_of(args.runs, [str(ssmc), "lint", str(same)], ok=(0, 1))
    (same / "ssmc.toml").unlink()
    shutil.rmtree(same / ".ssmc_cache", ignore_errors=True)
    shellcheck = shutil.which("shellcheck")
    ssmc_default = best_of(max(1, args.runs // 2), [str(ssmc), "lint", "--no-cache", str(same)], ok=(0, 1))
    best_of(1, [str(ssmc), "lint", str(same)], ok=(0, 1))
    ssmc_default_warm = best_of(args.runs, [str(ssmc), "lint", str(same)], ok=(0, 1))
    shutil.rmtree(same / ".ssmc_cache", ignore_errors=True)
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
        "ssmc_warm": ssmc_off_warm,
        "ssmc_with_shellcheck": ssmc_default,
        "ssmc_with_shellcheck_warm": ssmc_default_warm,
        "shellcheck": shellcheck or "not installed",
        "cfn_lint": cfn_run,
        "ratio_wall": cfn_run["wall_s"] / ssmc_off["wall_s"],
        "ratio_cpu": cfn_run["cpu_s"] / max(ssmc_off["cpu_s"], 1e-3),
    }


def throughput(args, ssmc, gen, work, results):
    out = work / "many"
    size = generate(gen, out, args.files, args.steps)
    log(f"check throughput: {args.files} files x {args.steps} steps, {size} bytes")
    r = best_of(args.runs, [str(ssmc), "check", "--no-cache", str(out)])
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
            r = best_of(args.runs, [str(ssmc), "check", "--no-cache", str(out)])
            r.update({"axis": axis, "factor": k, "files": files, "steps": steps, "bytes": size})
            log(f"scale {axis} x{k}: {size} bytes, {r['wall_s']:.3f} s, {r['rss_kib']} KiB")
            rows.append(r)
    results["scaling"] = rows


def startup(args, ssmc, work, results):
    empty = work / "empty.rbk"
    empty.write_text("")
    # `/bin/true` is the cost of starting any process through the same loop:
    # what is left of a row after it is ssmc's own.
    cases = {"--version": [str(ssmc), "--version"], "check empty file": [str(ssmc), "check", "--no-cache", str(empty)],
             "/bin/true (the loop's floor)": ["/bin/true"]}
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


# The rules that find something in generated runbooks (shellcheck aside).
GENERATED_FINDINGS = ("shellcheck", "missing-document-tags", "unused-declaration", "missing-max-attempts",
                      "opens-inbound-access")


def relint(args, ssmc, gen, work, results):
    """Re-lint of many unchanged runbooks with the cache warm (a monorepo in CI)."""
    out = work / "relint"
    size = generate(gen, out, args.relint_files, args.relint_steps, seed=5)
    log(f"re-lint: {args.relint_files} runbooks, {size} bytes")
    (out / "ssmc.toml").write_text('[lint.rules]\nshellcheck = "off"\n')
    cold = best_of(1, [str(ssmc), "lint", "--no-cache", str(out)], ok=(0, 1))
    best_of(1, [str(ssmc), "lint", str(out)], ok=(0, 1))
    warm = best_of(args.runs, [str(ssmc), "lint", str(out)], ok=(0, 1))
    check_cold = best_of(1, [str(ssmc), "check", "--no-cache", str(out)], ok=(0, 1))
    best_of(1, [str(ssmc), "check", str(out)], ok=(0, 1))
    check_warm = best_of(args.runs, [str(ssmc), "check", str(out)], ok=(0, 1))
    # A monorepo whose runbooks pass lint: the rules that fire on generated
    # runbooks turned off, so the warm run is the cache itself, not printing
    # tens of thousands of warnings.
    (out / "ssmc.toml").write_text("[lint.rules]\n" + "".join(f'{r} = "off"\n' for r in GENERATED_FINDINGS))
    clean_cold = best_of(1, [str(ssmc), "lint", "--no-cache", str(out)])
    best_of(1, [str(ssmc), "lint", str(out)])
    clean_warm = best_of(args.runs, [str(ssmc), "lint", str(out)])
    results["relint"] = {"files": args.relint_files, "bytes": size, "cold": cold, "warm": warm,
                         "check_cold": check_cold, "check_warm": check_warm,
                         "clean_cold": clean_cold, "clean_warm": clean_warm}
    shutil.rmtree(out, ignore_errors=True)


def lsp_runbook():
    """The language-server bench's runbook (lsp/benches/latency.rs): about 3,000 lines."""
    s = ["/// A generated runbook for the latency benchmark.", "automation Big {",
         "  assume_role Role", '  tags { Team: "ops", Function: "bench", Environment: "test" }',
         "  /// The role.", "  param Role: AWS::IAM::Role::Arn"]
    for i in range(20):
        s += [f"  /// Instance {i}.", f'  param Instance{i}: String = "i-{i:017}"']
    i = 0
    while len(s) < 2990:
        p = i % 20
        s += [f"  /// Step {i}.", f"  step Describe{i} = aws:executeAwsApi {{", '    Service: "ec2",',
              '    Api: "DescribeInstances",', f"    InstanceIds: [Instance{p}],", "  } timeout 10m",
              '    outputs { State: String = "$.Reservations[0].Instances[0].State.Name" }',
              f'  step Wait{i} = aws:sleep {{ Duration: "PT1S" }} description "after {{{{ Describe{i}.State }}}}"']
        i += 1
    s += ["  // edits go here", "}"]
    return "\n".join(s) + "\n"


class LspClient:
    """A JSON-RPC client of `ssmc lsp` over its real stdin/stdout."""

    def __init__(self, ssmc, cwd):
        import queue
        import threading
        self.proc = subprocess.Popen([str(ssmc), "lsp"], cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.q = queue.Queue()
        self.next_id = 1
        self.pending = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = out.read(length)
            self.q.put((time.perf_counter(), json.loads(body)))

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == rid and "method" not in m)

    def wait(self, pred, timeout=120):
        for i, (t, m) in enumerate(self.pending):
            if pred(m):
                del self.pending[i]
                return t, m
        end = time.perf_counter() + timeout
        while True:
            t, m = self.q.get(timeout=max(0.01, end - time.perf_counter()))
            if "id" in m and "method" in m:  # a request from the server: answer it
                self.send({"jsonrpc": "2.0", "id": m["id"], "result": None})
                continue
            if pred(m):
                return t, m
            self.pending.append((t, m))
            del self.pending[:-1000]

    def diagnostics(self, uri, version):
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri and m["params"].get("version") == version)

    def close(self):
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_s(pid):
    """User + system CPU seconds of a process so far (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentiles(xs):
    xs = sorted(xs)
    pick = lambda q: xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]
    return {"p50_ms": pick(0.5) * 1e3, "p99_ms": pick(0.99) * 1e3, "max_ms": xs[-1] * 1e3, "n": len(xs)}


def lsp(args, ssmc, work, results):
    text = lsp_runbook()
    lines = text.splitlines()
    folder = work / "lsp"
    folder.mkdir(exist_ok=True)
    uri = (folder / "big.rbk").as_uri()
    (folder / "big.rbk").write_text(text)
    c = LspClient(ssmc, folder)
    c.request("initialize", {"processId": os.getpid(), "rootUri": folder.as_uri(), "capabilities": {}})
    c.notify("initialized", {})
    t0 = time.perf_counter()
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "ssmc", "version": 1, "text": text}})
    t1, _ = c.diagnostics(uri, 1)
    edit_line = len(lines) - 2
    col = len("  // edits go here")
    version = 1
    pause = args.lsp_pause_ms / 1e3

    def change(v, at):
        return {"textDocument": {"uri": uri, "version": v},
                "contentChanges": [{"range": {"start": {"line": edit_line, "character": at},
                                              "end": {"line": edit_line, "character": at}}, "text": "x"}]}
    warm, hover = [], []
    state = {"version": version, "col": col}

    def edits(then):
        """Rounds of a one-character change (paced past the debounce), each
        timed until `then(version, column)` answers."""
        times = []
        for _ in range(args.lsp_rounds):
            time.sleep(pause)
            state["version"] += 1
            sent = time.perf_counter()
            c.notify("textDocument/didChange", change(state["version"], state["col"]))
            state["col"] += 1
            t, _ = then(state["version"], state["col"])
            times.append(t - sent)
        return times
    cpu0 = cpu_s(c.proc.pid)
    diag = edits(lambda v, _col: c.diagnostics(uri, v))
    cpu_per_edit = (cpu_s(c.proc.pid) - cpu0) / args.lsp_rounds
    step_line, step_col = next((i, l.index("Describe7.State") + len("Describe7."))
                               for i, l in enumerate(lines) if "Describe7.State" in l)
    pos = lambda line, ch: {"textDocument": {"uri": uri}, "position": {"line": line, "character": ch}}
    for _ in range(args.lsp_rounds):
        sent = time.perf_counter()
        t, r = c.request("textDocument/completion", pos(step_line, step_col))
        warm.append(t - sent)
        sent = time.perf_counter()
        t, r = c.request("textDocument/hover", pos(step_line, step_col + 1))
        hover.append(t - sent)
    after_edit = edits(lambda _v, at: c.request("textDocument/completion", pos(edit_line, at)))
    c.close()
    results["lsp"] = {
        "lines": len(lines), "bytes": len(text), "open_ms": (t1 - t0) * 1e3,
        "server_cpu_ms_per_edit": cpu_per_edit * 1e3,
        "didChange_to_diagnostics": percentiles(diag),
        "completion_after_edit": percentiles(after_edit),
        "completion_analysed": percentiles(warm),
        "hover_analysed": percentiles(hover),
    }
    # Memory: many such runbooks open at once.
    c = LspClient(ssmc, folder)
    c.request("initialize", {"processId": os.getpid(), "rootUri": folder.as_uri(), "capabilities": {}})
    c.notify("initialized", {})
    base = rss_kib(c.proc.pid)
    cpu0 = cpu_s(c.proc.pid)
    uris = []
    for k in range(args.lsp_docs):
        u = (folder / f"big{k}.rbk").as_uri()
        uris.append(u)
        c.notify("textDocument/didOpen", {"textDocument": {"uri": u, "languageId": "ssmc", "version": 1,
                                                           "text": text.replace("automation Big", f"automation Big{k}")}})
        c.diagnostics(u, 1)
    peak = 0
    for line in Path(f"/proc/{c.proc.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1])
    rss = rss_kib(c.proc.pid)
    # Re-analyses the openings queued (of the documents opened before) run
    # after the last diagnostics: wait until the server is idle to count them.
    while True:
        before = cpu_s(c.proc.pid)
        time.sleep(1.0)
        if cpu_s(c.proc.pid) - before < 0.05:
            break
    open_cpu = cpu_s(c.proc.pid) - cpu0
    c.close()
    results["lsp"]["memory"] = {"documents": args.lsp_docs, "rss_kib": rss, "peak_kib": peak, "idle_kib": base,
                                "open_cpu_s": open_cpu}


def lsp_project(args, ssmc, work, results):
    """Edits of the same runbook in a project: an `ssmc.toml` and `--lsp-neighbours`
    other runbooks of a tenth of its size, one in five declaring an action. What
    the server redoes per keystroke for the project around the document shows
    here (the other files' declarations and document names, the config)."""
    text = lsp_runbook()
    lines = text.splitlines()
    folder = work / "lsp-project"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "ssmc.toml").write_text('[lint.rules]\nmissing-timeout = "off"\n')
    small = "\n".join(lines[:300]) + "\n}\n"
    for k in range(args.lsp_neighbours):
        body = small.replace("automation Big", f"automation Other{k}")
        if k % 5 == 0:
            body = (f'/// An action of the project.\nextern action "aws:custom{k}" for automation {{\n'
                    f'  input ..\n  output Done: String\n}}\n\n' + body)
        (folder / f"other{k}.rbk").write_text(body)
    uri = (folder / "big.rbk").as_uri()
    (folder / "big.rbk").write_text(text)
    c = LspClient(ssmc, folder)
    c.request("initialize", {"processId": os.getpid(), "rootUri": folder.as_uri(), "capabilities": {}})
    c.notify("initialized", {})
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "ssmc", "version": 1, "text": text}})
    c.diagnostics(uri, 1)
    edit_line, col = len(lines) - 2, len("  // edits go here")
    times = []
    cpu0 = cpu_s(c.proc.pid)
    for v in range(2, args.lsp_rounds + 2):
        time.sleep(args.lsp_pause_ms / 1e3)
        sent = time.perf_counter()
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": v}, "contentChanges": [
            {"range": {"start": {"line": edit_line, "character": col}, "end": {"line": edit_line, "character": col}},
             "text": "x"}]})
        col += 1
        t, _ = c.diagnostics(uri, v)
        times.append(t - sent)
    cpu_per_edit = (cpu_s(c.proc.pid) - cpu0) / args.lsp_rounds
    c.close()
    shutil.rmtree(folder, ignore_errors=True)
    results["lsp_project"] = {"neighbours": args.lsp_neighbours, "server_cpu_ms_per_edit": cpu_per_edit * 1e3,
                              "didChange_to_diagnostics": percentiles(times)}


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
        cfn = lint['cfn_lint']['wall_s']
        for key, what, goal in (("ssmc_warm", "shellcheck off, second run (cache warm)", 200),
                                ("ssmc_with_shellcheck", f"shellcheck on ({lint['shellcheck']}), cold (`--no-cache`)", 10),
                                ("ssmc_with_shellcheck_warm", "shellcheck on, second run (cache warm)", 200)):
            r = lint[key]
            p(f"| `ssmc lint`, {what} | {r['wall_s']*1e3:.0f} ms wall, {r['cpu_s']*1e3:.0f} ms CPU | cfn-lint {cfn:.1f} s wall | "
              f"{cfn/r['wall_s']:.0f}x wall, {lint['cfn_lint']['cpu_s']/max(r['cpu_s'], 1e-3):.0f}x CPU | "
              f"{'yes' if cfn/r['wall_s'] >= goal else 'no'} (>= {goal}x) |")
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
    rl = results.get("relint")
    if rl:
        p(f"| re-lint of {rl['files']} unchanged runbooks ({rl['bytes']/1e6:.1f} MB), cache warm | {rl['warm']['wall_s']*1e3:.0f} ms wall, "
          f"{rl['warm']['cpu_s']*1e3:.0f} ms CPU (cold `--no-cache`: {rl['cold']['wall_s']:.2f} s) | 500 ms | "
          f"{rl['warm']['wall_s']/0.5:.2f}x | {'yes' if rl['warm']['wall_s'] < 0.5 else 'no'} |")
        p(f"| re-check of the same, cache warm | {rl['check_warm']['wall_s']*1e3:.0f} ms wall "
          f"(cold: {rl['check_cold']['wall_s']:.2f} s) | | | |")
        if "clean_warm" in rl:
            cw = rl["clean_warm"]
            p(f"| re-lint of the same with the rules that fire on them off (no findings), cache warm | "
              f"{cw['wall_s']*1e3:.0f} ms wall, {cw['cpu_s']*1e3:.0f} ms CPU (cold: {rl['clean_cold']['wall_s']:.2f} s) | "
              f"500 ms | {cw['wall_s']/0.5:.2f}x | {'yes' if cw['wall_s'] < 0.5 else 'no'} |")
    ls = results.get("lsp")
    if ls:
        p(f"| LSP: didOpen of a {ls['lines']}-line runbook → diagnostics | {ls['open_ms']:.1f} ms | | | |")
        p(f"| LSP: server CPU per edit (user + sys, all threads) | {ls['server_cpu_ms_per_edit']:.1f} ms | | | |")
        for key, what, goal in (("didChange_to_diagnostics", "didChange → publishDiagnostics", 20),
                                ("completion_after_edit", "completion right after an edit", 20),
                                ("completion_analysed", "completion on an analysed document", 1),
                                ("hover_analysed", "hover on an analysed document", 1)):
            r = ls[key]
            p(f"| LSP: {what} ({r['n']} rounds) | p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms, max {r['max_ms']:.1f} ms | "
              f"p99 < {goal} ms | {r['p99_ms']/goal:.2f}x | {'yes' if r['p99_ms'] < goal else 'no'} |")
        lp = results.get("lsp_project")
        if lp:
            r = lp["didChange_to_diagnostics"]
            p(f"| LSP: the same edit in a project ({lp['neighbours']} other runbooks, `ssmc.toml`) | server CPU "
              f"{lp['server_cpu_ms_per_edit']:.1f} ms per edit; p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms | "
              f"p99 < 20 ms | {r['p99_ms']/20:.2f}x | {'yes' if r['p99_ms'] < 20 else 'no'} |")
        m = ls.get("memory")
        if m:
            p(f"| LSP: RSS with {m['documents']} such runbooks open | {m['rss_kib']/1024:.0f} MiB (peak {m['peak_kib']/1024:.0f} MiB, "
              f"idle {m['idle_kib']/1024:.0f} MiB) | 500 MB | {m['rss_kib']*1024/500e6:.2f}x | "
              f"{'yes' if m['rss_kib']*1024 < 500e6 else 'no'} |")
            if "open_cpu_s" in m:
                p(f"| LSP: server CPU to open those {m['documents']} runbooks, each waited for (user + sys, "
                  f"until idle) | {m['open_cpu_s']:.1f} s | | | |")
    for name, s in results.get("startup", {}).items():
        if name.startswith("/bin/true"):
            p(f"| start-up, `{name}` ({s['tool']}) | {s['mean_ms']:.2f} ms mean, {s['median_ms']:.2f} ms median, "
              f"{s['min_ms']:.2f} ms min | | | |")
            continue
        goal = 2 if name.startswith("check") else 5
        p(f"| start-up, `ssmc {name}` ({s['tool']}) | {s['mean_ms']:.2f} ms mean, {s['median_ms']:.2f} ms median, "
          f"{s['min_ms']:.2f} ms min | {goal} ms | {s['median_ms']/goal:.2f}x | {'yes' if s['median_ms'] < goal else 'no'} (median) |")


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
    ap.add_argument("--relint-files", type=int, default=10000)
    ap.add_argument("--relint-steps", type=int, default=8)
    ap.add_argument("--lsp-rounds", type=int, default=300)
    ap.add_argument("--lsp-pause-ms", type=int, default=60, help="between edits (the server debounces 50 ms)")
    ap.add_argument("--lsp-docs", type=int, default=100, help="runbooks open for the memory figure")
    ap.add_argument("--lsp-neighbours", type=int, default=40, help="other runbooks of the project (lsp)")
    ap.add_argument("--only", default="lint,check,scaling,startup,relint,lsp")
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
        if "relint" in only:
            relint(args, ssmc, gen, work, results)
        if "lsp" in only:
            lsp(args, ssmc, work, results)
            lsp_project(args, ssmc, work, results)
    finally:
        # Generated inputs are large: never leave them behind, even after a failure.
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    report(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
