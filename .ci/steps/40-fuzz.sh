#!/usr/bin/env bash
# Short, bounded runs of the cargo-fuzz targets in compiler/fuzz (docs/robustness.md):
# parse, check, read, lsp and frame, each for FUZZ_SECONDS (default 15), seeded
# with the examples and the documents they build (frame: an editor's session
# over each example, framed as on the wire). Any crash, hang (10 s per input) or
# single allocation over 2 GB fails the step; the input that did it is printed.
# The RSS limit is 4 GB because the check target's process grows about 0.5 MB
# per execution (docs/robustness.md, "Open findings").
# The targets are built with plain cargo and the flags cargo-fuzz would pass
# (libFuzzer's coverage instrumentation, `--cfg fuzzing`, debug assertions and
# overflow checks; no sanitizer, as with `cargo fuzz -s none`). All of them are
# stable rustc flags, so CI needs neither cargo-fuzz (a 90 s install) nor a
# nightly toolchain. `RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir compiler/fuzz
# -s none <target>` still works for a developer (docs/robustness.md).
set -euo pipefail
root=$(pwd)
seconds=${FUZZ_SECONDS:-15}
host=$(rustc -vV | sed -n 's/^host: //p')
bin="$root/compiler/fuzz/target/$host/release"

echo "building the fuzz targets"
start=$(date +%s)
# Not --locked: the fuzz crate has its own lock file, which would otherwise
# fail CI each time the compiler gains a dependency; pinned entries stay.
# opt-level 1: the build takes 159 s instead of 212 s on 2 idle cores, for
# 77 % of opt-level 3's executions per second, which suits a smoke run.
# --target keeps build scripts and proc macros uninstrumented, as cargo-fuzz does.
RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks" \
  CARGO_PROFILE_RELEASE_DEBUG=0 CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
  cargo build --release --manifest-path compiler/fuzz/Cargo.toml --target "$host" --bins
echo "built in $(($(date +%s) - start)) s"

seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
for t in parse check lsp; do
  mkdir -p "$seeds/$t"
  cp examples/*.rbk "$seeds/$t/"
done
mkdir -p "$seeds/read"
"$root/target/release/ssmc" build examples -o "$seeds/json" --format json >/dev/null 2>&1
"$root/target/release/ssmc" build examples -o "$seeds/yaml" --format yaml >/dev/null 2>&1
# The read target takes JSON when the first byte is `{` (or odd), YAML otherwise.
cp "$seeds"/json/*.json "$seeds/read/"
for f in "$seeds"/yaml/*.yaml; do
  { printf '\0'; cat "$f"; } >"$seeds/read/$(basename "$f").seed"
done

# The frame target reads raw client bytes: a session of framed messages.
mkdir -p "$seeds/frame"
python3 - "$seeds/frame" examples/*.rbk <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
for path in sys.argv[2:]:
    text = pathlib.Path(path).read_text()
    uri = "file:///fuzz/" + pathlib.Path(path).name
    doc = {"textDocument": {"uri": uri}}
    at = dict(doc, position={"line": 3, "character": 10})
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": {"textDocument": {"uri": uri, "languageId": "ssmc", "version": 1, "text": text}}},
        {"jsonrpc": "2.0", "method": "textDocument/didChange",
         "params": {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
             {"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 4}}, "text": "x"}]}},
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": at},
        {"jsonrpc": "2.0", "id": 3, "method": "textDocument/completion", "params": at},
        {"jsonrpc": "2.0", "id": 4, "method": "textDocument/documentSymbol", "params": doc},
        {"jsonrpc": "2.0", "id": 5, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    framed = b"".join(
        b"Content-Length: %d\r\n\r\n%s" % (len(b), b)
        for b in (json.dumps(m).encode() for m in messages)
    )
    (out / (pathlib.Path(path).stem + ".session")).write_bytes(framed)
PY

status=0
for t in parse check read lsp frame; do
  mkdir -p "$seeds/corpus-$t" "$seeds/artifacts-$t"
  echo "fuzz $t for ${seconds} s"
  if ! "$bin/$t" "$seeds/corpus-$t" "$seeds/$t" \
    -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=4096 -malloc_limit_mb=2048 \
    -artifact_prefix="$seeds/artifacts-$t/" -print_final_stats=1 2>"$seeds/$t.log"; then
    tail -40 "$seeds/$t.log"
    for a in "$seeds/artifacts-$t"/*; do
      [ -e "$a" ] || continue
      echo "crashing input ($a), base64:"
      base64 "$a" | head -50
    done
    status=1
  else
    grep -E 'stat::number_of_executed_units|Done [0-9]+ runs' "$seeds/$t.log" | tail -2
  fi
done
exit "$status"
