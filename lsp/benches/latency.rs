//! Latency benchmark of the language server (a bench binary, not a timed test).
//!
//! Input: nothing; it generates a 3,000-line runbook. Output: p50/p99 (and
//! max) of (1) didChange → publishDiagnostics of that version, (2) completion
//! on an analysed document, (3) completion sent right after a change (it
//! includes the re-analysis, since requests always see the latest text).
//! The server is the real one (`ssmc_lsp::serve_io`: the same JSON-RPC
//! framing and handlers as `ssmc lsp`) on in-memory pipes, in its own thread.
//! Changes are paced like typing with pauses (longer than the debounce),
//! which is the latency an author sees.
//!
//! Run: `cargo bench -p ssmc-lsp --bench latency` (`-- --quick` for fewer
//! rounds; `-- --phases` for where one analysis spends its time, wall and CPU;
//! `-- --analyse N` for N analyses of the runbook after a warm-up one, each in
//! [`analyse_again`], for `valgrind --tool=callgrind
//! --toggle-collect='*analyse_again*'`: the instructions of an edit's
//! analysis without the once-per-process costs).

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::io::{
    AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf,
};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};

const URI: &str = "file:///bench/big.rbk";

/// A 3,000-line automation runbook: parameters, then steps with outputs,
/// references in values, conditions and `{{ … }}` interpolations.
fn runbook() -> String {
    let mut s =
        String::from("/// A generated runbook for the latency benchmark.\nautomation Big {\n");
    s.push_str("  assume_role Role\n  tags { Team: \"ops\", Function: \"bench\", Environment: \"test\" }\n");
    s.push_str("  /// The role.\n  param Role: AWS::IAM::Role::Arn\n");
    for i in 0..20 {
        s.push_str(&format!(
            "  /// Instance {i}.\n  param Instance{i}: String = \"i-{i:017}\"\n"
        ));
    }
    let mut i = 0;
    while s.lines().count() < 2_990 {
        let p = i % 20;
        s.push_str(&format!(
            "  /// Step {i}.\n  step Describe{i} = aws:executeAwsApi {{\n    Service: \"ec2\",\n    Api: \"DescribeInstances\",\n    InstanceIds: [Instance{p}],\n  }} timeout 10m\n    outputs {{ State: String = \"$.Reservations[0].Instances[0].State.Name\" }}\n"
        ));
        s.push_str(&format!(
            "  step Wait{i} = aws:sleep {{ Duration: \"PT1S\" }} description \"after {{{{ Describe{i}.State }}}}\"\n"
        ));
        i += 1;
    }
    s.push_str("  // edits go here\n}\n");
    s
}

struct Client {
    to_server: WriteHalf<DuplexStream>,
    rx: UnboundedReceiver<(Instant, Value)>,
    next_id: i64,
}

impl Client {
    async fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.to_server
            .write_all(frame.as_bytes())
            .await
            .expect("write to server");
    }

    async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    async fn request(&mut self, method: &str, params: Value) -> (Instant, Value) {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        self.wait(|m| m["id"] == json!(id) && m.get("method").is_none())
            .await
    }

    async fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> (Instant, Value) {
        loop {
            let msg = tokio::time::timeout(Duration::from_secs(60), self.rx.recv())
                .await
                .expect("the server answers within a minute")
                .expect("the server is running");
            if pred(&msg.1) {
                return msg;
            }
        }
    }

    async fn diagnostics(&mut self, version: i64) -> (Instant, Value) {
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version
        })
        .await
    }
}

async fn read_frames(
    out: ReadHalf<DuplexStream>,
    tx: tokio::sync::mpsc::UnboundedSender<(Instant, Value)>,
) {
    let mut reader = BufReader::new(out);
    loop {
        let mut len = None;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                len = v.parse::<usize>().ok();
            }
        }
        let Some(len) = len else { return };
        let mut body = vec![0u8; len];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let at = Instant::now();
        let Ok(v) = serde_json::from_slice(&body) else {
            return;
        };
        if tx.send((at, v)).is_err() {
            return;
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or_default()
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<44} n={:<4} p50 {:>7.2} ms   p99 {:>7.2} ms   max {:>7.2} ms",
        samples.len(),
        ms(percentile(&samples, 0.50)),
        ms(percentile(&samples, 0.99)),
        ms(samples.last().copied().unwrap_or_default()),
    );
}

async fn bench(rounds: usize) {
    // One in-memory pipe, both directions: the client's end and the server's end.
    let (client_end, server_end) = tokio::io::duplex(1 << 22);
    let (server_read, server_write) = tokio::io::split(server_end);
    // The server runs in its own thread and runtime, as a separate process would.
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("server runtime");
        rt.block_on(ssmc_lsp::serve_io(server_read, server_write));
    });
    let (client_read, client_write) = tokio::io::split(client_end);
    let (tx, rx) = unbounded_channel();
    tokio::spawn(read_frames(client_read, tx));
    let mut c = Client {
        to_server: client_write,
        rx,
        next_id: 1,
    };

    let text = runbook();
    let lines = text.lines().count();
    let edit_line = lines - 2; // `  // edits go here`
    println!("runbook: {lines} lines, {} bytes", text.len());
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    )
    .await;
    c.notify("initialized", json!({})).await;
    let opened = Instant::now();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "ssmc", "version": 1, "text": text}}),
    )
    .await;
    let (at, first) = c.diagnostics(1).await;
    let count = first["params"]["diagnostics"]
        .as_array()
        .map_or(0, Vec::len);
    println!(
        "didOpen → diagnostics: {:.1} ms ({count} diagnostics)",
        (at - opened).as_secs_f64() * 1000.0
    );

    let pause = ssmc_lsp::DEBOUNCE + Duration::from_millis(10);
    let mut version = 1i64;
    let mut col = "  // edits go here".len();
    let change = |version: i64, col: usize| {
        json!({"textDocument": {"uri": URI, "version": version},
               "contentChanges": [{"range": {"start": {"line": edit_line, "character": col},
                                             "end": {"line": edit_line, "character": col}},
                                   "text": "x"}]})
    };

    // (1) didChange → publishDiagnostics, typing with pauses.
    let mut diag = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        tokio::time::sleep(pause).await;
        version += 1;
        let sent = Instant::now();
        c.notify("textDocument/didChange", change(version, col))
            .await;
        col += 1;
        let (at, _) = c.diagnostics(version).await;
        diag.push(at - sent);
    }

    // (2) completion on an analysed document, after `Describe7.`.
    let completion = |line: usize, character: usize| json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}});
    let (step_line, step_col) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            l.find("Describe7.State")
                .map(|c| (i, c + "Describe7.".len()))
        })
        .expect("a step output reference");
    let mut warm = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let sent = Instant::now();
        let (at, r) = c
            .request("textDocument/completion", completion(step_line, step_col))
            .await;
        assert!(r["result"].as_array().is_some_and(|a| !a.is_empty()), "{r}");
        warm.push(at - sent);
    }

    // (3) completion sent right after a change (includes re-analysis).
    let mut cold = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        tokio::time::sleep(pause).await;
        version += 1;
        let sent = Instant::now();
        c.notify("textDocument/didChange", change(version, col))
            .await;
        col += 1;
        let (at, r) = c
            .request("textDocument/completion", completion(edit_line, col))
            .await;
        assert!(r.get("result").is_some(), "{r}");
        cold.push(at - sent);
    }

    report("didChange → publishDiagnostics", diag);
    report("completion (analysed document)", warm);
    report("didChange + completion (re-analysis)", cold);
    let _ = c.request("shutdown", Value::Null).await;
    c.notify("exit", Value::Null).await;
}

/// CPU time of the calling thread so far (`/proc/thread-self/schedstat`, Linux).
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Where the time of one analysis goes, phase by phase (median of `rounds`).
fn phases(rounds: usize) {
    use ssmc_core::lower::NoFiles;
    use ssmc_core::span::{FileId, SourceMap};
    let text = runbook();
    // Wall time, and this thread's CPU time (Linux schedstat), which a busy machine inflates less.
    let time = |name: &str, f: &mut dyn FnMut()| {
        let mut wall = Vec::with_capacity(rounds);
        let mut cpu = Vec::with_capacity(rounds);
        for _ in 0..rounds {
            let (t, c) = (Instant::now(), thread_cpu());
            f();
            wall.push(t.elapsed());
            if let (Some(a), Some(b)) = (c, thread_cpu()) {
                cpu.push(b.saturating_sub(a));
            }
        }
        wall.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        // The kernel updates a running thread's CPU time coarsely: a mean, not a percentile.
        let cpu_mean = cpu.iter().sum::<Duration>() / u32::try_from(cpu.len().max(1)).unwrap_or(1);
        println!(
            "  {name:<50} wall p50 {:>7.2} ms   cpu mean {:>7.2} ms",
            ms(percentile(&wall, 0.5)),
            ms(cpu_mean),
        );
    };
    println!("phases of one analysis of the runbook:");
    time("stdlib catalog (parse + load)", &mut || {
        let mut sources = SourceMap::new();
        let _ = ssmc_core::catalog::load_stdlib(&mut sources);
    });
    time("lex", &mut || {
        let _ = ssmc_core::syntax::lexer::lex(FileId(0), &text);
    });
    time(
        "parse a 3-line file (building the parser included)",
        &mut || {
            let _ = ssmc_core::syntax::parse(FileId(0), "automation X {\n  param P: String\n}\n");
        },
    );
    time("parse (lex + brackets + parser)", &mut || {
        let _ = ssmc_core::syntax::parse(FileId(0), &text);
    });
    time(
        "pipeline::compile (stdlib, parse, lower, check)",
        &mut || {
            let mut sources = SourceMap::new();
            let f = sources.add("big.rbk", &text);
            let _ = ssmc_core::pipeline::compile(&mut sources, &[f], &NoFiles);
        },
    );
    time("lint_rbk (parse, lower, lint)", &mut || {
        let mut sources = SourceMap::new();
        let f = sources.add("big.rbk", &text);
        let (catalog, _) = ssmc_core::catalog::load_stdlib(&mut sources);
        let config = ssmc_core::lint::LintConfig::default();
        let _ = ssmc_core::lint::source::lint_rbk(f, &text, &catalog, &config, &NoFiles);
    });
    time("Analysis::new (all of it)", &mut || {
        let _ = ssmc_lsp::analysis::Analysis::new("big.rbk", &text, &NoFiles);
    });
    let a = ssmc_lsp::analysis::Analysis::new("big.rbk", &text, &NoFiles);
    let mut codes: Vec<&str> = a.diagnostics.iter().map(|d| d.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    println!(
        "  ({} diagnostics: {})",
        a.diagnostics.len(),
        codes.join(", ")
    );
}

/// One analysis of `text` as the server makes it after an edit (a function
/// of its own so that callgrind can count it alone).
#[inline(never)]
fn analyse_again(text: &str) -> usize {
    let a = ssmc_lsp::analysis::Analysis::new("big.rbk", text, &ssmc_core::lower::NoFiles);
    a.diagnostics.len()
}

/// A warm-up analysis (the per-process caches), then `n` more.
fn analyse(n: usize) {
    let text = runbook();
    // Not through `analyse_again`: callgrind counts only the later ones.
    let warm = ssmc_lsp::analysis::Analysis::new("big.rbk", &text, &ssmc_core::lower::NoFiles)
        .diagnostics
        .len();
    for i in 0..n {
        // A one-character edit each time, as perf.py's edits make.
        let edited = text.replace(
            "// edits go here",
            &format!("// edits go here{}", "x".repeat(i + 1)),
        );
        let found = analyse_again(&edited);
        println!("analysis {i}: {found} diagnostics (warm-up: {warm})");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(n) = args.iter().position(|a| a == "--analyse") {
        let n = args.get(n + 1).and_then(|n| n.parse().ok()).unwrap_or(1);
        analyse(n);
        return;
    }
    let quick = std::env::args().any(|a| a == "--quick");
    let rounds = if quick { 30 } else { 300 };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    if std::env::args().any(|a| a == "--phases") {
        phases(if quick { 5 } else { 30 });
        return;
    }
    rt.block_on(bench(rounds));
}
