//! Issue 18, item 8: hostile inputs far below the size limits that took
//! minutes (docs/robustness.md lists the measurements), each run through the
//! real binary under a time budget, and a cap of 200 diagnostics per file.
//!
//! The budgets are generous for a debug build on a loaded machine (each
//! input took between 40 s and several minutes before; now a few seconds);
//! where the class of input is open-ended, a scaling check compares an input
//! with one twice its size: quadratic work shows as a ratio near 4, linear as
//! one near 2 (the check allows up to 3). The scaling checks compare CPU
//! time where Linux's `/proc` gives it, not wall time: on a busy machine a
//! run's wall time includes the time it waited for a core.

mod common;

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use common::lsp_client::Client;
use common::percent_encode_path;

/// A run longer than this failed the test (a hang is killed at it).
const BUDGET: Duration = Duration::from_secs(20);

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    /// User + system CPU time, where `/proc` tells it; else the wall time.
    cpu: Duration,
}

/// User + system CPU time of the live (or not yet reaped) process `pid`, in
/// clock ticks of 10 ms; `None` off Linux.
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces, so it is
    // skipped to its closing parenthesis): state is field 3, utime 14, stime 15.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ssmc-time-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("ssmc.toml"), "").expect("ssmc.toml");
    dir
}

/// Runs `ssmc args` in `dir`, killing it at [`BUDGET`] (the test then fails).
fn ssmc(args: &[&str], dir: &Path) -> Run {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ssmc"))
        .args(["--color", "never"])
        .args(args)
        .current_dir(dir)
        // No shellcheck: its own budget is another test's, and it would
        // make these timings depend on what is installed.
        .env("PATH", "")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ssmc starts");
    let drain = |r: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut b = Vec::new();
            if let Some(mut r) = r {
                let _ = r.read_to_end(&mut b);
            }
            String::from_utf8_lossy(&b).into_owned()
        })
    };
    let out = drain(child.stdout.take().map(|o| Box::new(o) as Box<_>));
    let err = drain(child.stderr.take().map(|e| Box::new(e) as Box<_>));
    let mut cpu = None;
    let status = loop {
        // Read before reaping: a process that has just exited still shows
        // its final times until it is waited for.
        cpu = cpu_time(child.id()).or(cpu);
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > BUDGET {
            let _ = child.kill();
            let _ = child.wait();
        }
        assert!(
            start.elapsed() <= BUDGET + Duration::from_secs(1),
            "`ssmc {}` took over {BUDGET:?}",
            args.join(" ")
        );
        std::thread::sleep(Duration::from_millis(5));
    };
    let took = start.elapsed();
    let stdout = out.join().expect("stdout");
    let stderr = err.join().expect("stderr");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("internal compiler error"),
        "`ssmc {}` failed inside:\n{stderr}",
        args.join(" ")
    );
    assert_ne!(
        status.code(),
        Some(101),
        "`ssmc {}` panicked",
        args.join(" ")
    );
    Run {
        code: status.code(),
        stdout,
        stderr,
        cpu: cpu.unwrap_or(took),
    }
}

/// Fails unless `time(2n) / time(n)` stays under 3 (quadratic work gives 4),
/// with the times `run_at` gives (each call site passes [`Run::cpu`]).
/// Each size runs twice and the faster run counts, to ride out a busy machine.
fn assert_scales_linearly(what: &str, run_at: impl Fn(usize) -> Duration, n: usize) {
    let best = |size: usize| run_at(size).min(run_at(size));
    let (small, large) = (best(n), best(2 * n));
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(0.001);
    eprintln!(
        "{what}: {n} took {small:?}, {} took {large:?} (ratio {ratio:.2})",
        2 * n
    );
    assert!(
        ratio < 3.0,
        "{what}: {n} took {small:?}, {} took {large:?} (ratio {ratio:.2}, quadratic work?)",
        2 * n
    );
}

/// The diagnostics `ssmc lint --format json` printed.
fn json_findings(run: &Run) -> Vec<Value> {
    let parsed = serde_json::from_str::<Value>(&run.stdout);
    assert!(
        matches!(parsed, Ok(Value::Array(_))),
        "not a JSON array:\n{}",
        run.stdout
    );
    match parsed {
        Ok(Value::Array(items)) => items,
        _ => Vec::new(),
    }
}

#[test]
fn four_hundred_kilobytes_of_braces_show_200_errors_and_a_summary_quickly() {
    let dir = temp_dir("braces");
    std::fs::write(dir.join("b.rbk"), "}".repeat(400_000)).expect("write");
    let check = ssmc(&["check", "--no-cache", "b.rbk"], &dir);
    assert_eq!(check.code, Some(1), "{}", check.stderr);
    assert_eq!(check.stderr.matches("error[E0007]").count(), 200);
    assert!(
        check.stderr.contains(
            "info[I0801]: 399800 more diagnostics in this file are not shown (399800 errors) (b.rbk:1:201)"
        ),
        "{}",
        check.stderr.get(check.stderr.len().saturating_sub(600)..).unwrap_or("")
    );
    // The status line and the exit status still count every error.
    assert!(check
        .stderr
        .contains("checked 1 file: 400000 errors, 0 warnings"));
    // 41 MB of terminal text before; a screenful of excerpts now.
    assert!(check.stderr.len() < 100_000, "{} bytes", check.stderr.len());

    let lint = ssmc(&["lint", "--no-cache", "--format", "json", "b.rbk"], &dir);
    assert_eq!(lint.code, Some(1), "{}", lint.stderr);
    let items = json_findings(&lint);
    assert_eq!(items.len(), 201, "95 MB of JSON before");
    let last = items.last().cloned().unwrap_or_default();
    assert_eq!(last["rule"], "I0801", "{last}");
    assert_eq!(last["severity"], "info", "{last}");
}

#[test]
fn stray_braces_scale_linearly() {
    let dir = temp_dir("braces-scale");
    let run_at = |n: usize| {
        std::fs::write(dir.join("b.rbk"), "}".repeat(n)).expect("write");
        let run = ssmc(&["check", "--no-cache", "b.rbk"], &dir);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        run.cpu
    };
    assert_scales_linearly("`check` of n `}`", run_at, 100_000);
}

#[test]
fn a_badly_indented_block_string_shows_200_of_its_lines() {
    let dir = temp_dir("block");
    let lines: String = (0..2927)
        .map(|i| format!("x{i:05} = something quite long here to fill\n"))
        .collect();
    let text = format!(
        "command C {{\n  step S = aws:runShellScript {{\n    runCommand: lines \"\"\"\n{lines}      \"\"\",\n  }}\n}}\n"
    );
    std::fs::write(dir.join("b.rbk"), text).expect("write");
    let run = ssmc(&["check", "--no-cache", "b.rbk"], &dir);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("[E0004]").count(),
        200,
        "one per line shown"
    );
    assert!(
        run.stderr
            .contains("2727 more diagnostics in this file are not shown (2727 errors)"),
        "{}",
        run.stderr
            .get(run.stderr.len().saturating_sub(600)..)
            .unwrap_or("")
    );
    assert!(run
        .stderr
        .contains("checked 1 file: 2927 errors, 0 warnings"));
}

#[test]
fn attributes_without_a_document_scale_linearly() {
    let dir = temp_dir("at");
    let run_at = |n: usize| {
        std::fs::write(dir.join("a.rbk"), "@a ".repeat(n)).expect("write");
        let run = ssmc(&["check", "--no-cache", "a.rbk"], &dir);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        run.cpu
    };
    assert_scales_linearly("`check` of n `@a `", run_at, 60_000);
}

/// A command with `n` parameters whose `allowedPattern` uses Unicode
/// classes (a big automaton each), each with a default it refuses.
fn unicode_patterns(n: usize) -> String {
    let mut text = String::from("command C {\n");
    for i in 0..n {
        text.push_str(&format!(
            "  param P{i}: String = \"é {i}\" {{ allowedPattern: #\"^[\\w\\p{{L}}é]{{1,64}}$\"# }}\n"
        ));
    }
    text.push_str("  step S = aws:runShellScript { runCommand: [\"echo\"] }\n}\n");
    text
}

#[test]
fn two_thousand_unicode_patterns_lint_quickly() {
    let dir = temp_dir("patterns");
    std::fs::write(dir.join("p.rbk"), unicode_patterns(2000)).expect("write");
    let run = ssmc(&["lint", "--no-cache", "--format", "json", "p.rbk"], &dir);
    assert!(run.code.is_some_and(|c| c <= 1), "{}", run.stderr);
    let items = json_findings(&run);
    // Valid patterns: SSM108 (invalid-allowed-pattern) finds nothing.
    assert!(
        !items.iter().any(|f| f["rule"] == "SSM108"),
        "{}",
        run.stdout
    );
    // Every default was matched against its pattern: the space is refused.
    let refused: Vec<&Value> = items.iter().filter(|f| f["rule"] == "W1005").collect();
    assert_eq!(
        refused.first().map(|f| f["message"].clone()),
        Some(Value::from(
            "the default of parameter `P0` `é 0` does not match its allowedPattern"
        )),
        "{}",
        run.stdout
    );
    // One per parameter among the 200 shown (each has three findings or so).
    assert!(refused.len() > 50, "{}", refused.len());
}

/// `n` steps, each jumping to a step that does not exist.
fn dangling(n: usize) -> String {
    let steps: Vec<String> = (0..n)
        .map(|i| format!("{{\"name\": \"s{i}\", \"action\": \"aws:sleep\", \"inputs\": {{\"Duration\": \"PT1S\"}}, \"nextStep\": \"gone{i}\"}}"))
        .collect();
    format!(
        "{{\"schemaVersion\": \"0.3\", \"description\": \"x\", \"mainSteps\": [\n{}\n]}}\n",
        steps.join(",\n")
    )
}

#[test]
fn six_thousand_dangling_next_steps_lint_quickly_and_capped() {
    let dir = temp_dir("dangling");
    std::fs::write(dir.join("d.json"), dangling(6000)).expect("write");
    let run = ssmc(&["lint", "--no-cache", "--format", "json", "d.json"], &dir);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let items = json_findings(&run);
    assert_eq!(items.len(), 201);
    assert_eq!(
        items.last().map(|f| f["message"].clone()),
        Some(Value::from(
            "11800 more diagnostics in this file are not shown (5900 errors, 5900 warnings)"
        ))
    );
}

#[test]
fn dangling_next_steps_scale_linearly() {
    let dir = temp_dir("dangling-scale");
    let run_at = |n: usize| {
        std::fs::write(dir.join("d.json"), dangling(n)).expect("write");
        let run = ssmc(&["lint", "--no-cache", "d.json"], &dir);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        run.cpu
    };
    assert_scales_linearly("`lint` of n dangling `nextStep`s", run_at, 3000);
}

#[test]
fn a_broken_jump_still_gets_its_did_you_mean_among_thousands_of_steps() {
    let dir = temp_dir("dym");
    let mut doc = dangling(3000);
    doc = doc.replacen("\"nextStep\": \"gone0\"", "\"nextStep\": \"s2999x\"", 1);
    std::fs::write(dir.join("d.json"), doc).expect("write");
    let run = ssmc(&["lint", "--no-cache", "--format", "json", "d.json"], &dir);
    let items = json_findings(&run);
    let first = items
        .iter()
        .find(|f| f["message"] == "nextStep names no step: `s2999x`")
        .cloned()
        .unwrap_or_default();
    assert!(
        first.to_string().contains("did you mean `s2999`?"),
        "{first}"
    );
}

#[test]
fn the_language_server_shows_what_lint_shows_of_a_file_over_the_cap() {
    let dir = temp_dir("lsp-cap");
    let text = dangling(300);
    std::fs::write(dir.join("d.json"), &text).expect("write");
    let lint = ssmc(&["lint", "--no-cache", "--format", "json", "d.json"], &dir);
    // The server shows a finding's help under its message.
    let cli: Vec<(String, String)> = json_findings(&lint)
        .iter()
        .map(|f| {
            let mut message = f["message"].as_str().unwrap_or_default().to_string();
            if let Some(help) = f["help"].as_str() {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            (f["rule"].to_string(), message)
        })
        .collect();
    assert_eq!(cli.len(), 201);

    let mut c = Client::start();
    c.initialize_in(&dir);
    let path = std::fs::canonicalize(dir.join("d.json")).expect("path");
    let uri = format!("file://{}", percent_encode_path(&path));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
    );
    // An open publishes twice: the analysis at once, then with the external
    // linter's findings (as `parity.rs` reads it); the second is whole.
    let _ = c.diagnostics(&uri, 1);
    let published = c.diagnostics(&uri, 1);
    let server: Vec<(String, String)> = published
        .iter()
        .map(|d| {
            let message = d["message"].as_str().unwrap_or_default().to_string();
            (d["code"].to_string(), message)
        })
        .collect();
    assert_eq!(server, cli);
    c.shutdown_and_exit();
}

/// An Automation document of `n` branch diamonds: `Check{i}` branches to
/// `Yes{i}` or `No{i}`, both meet at `Join{i}` (each an `if … else` once
/// imported).
fn diamonds(n: usize) -> String {
    let mut steps = Vec::new();
    for i in 0..n {
        steps.push(format!(
            "{{\"name\": \"Check{i}\", \"action\": \"aws:branch\", \"inputs\": {{\"Choices\": [{{\"NextStep\": \"Yes{i}\", \"Variable\": \"{{{{ Mode }}}}\", \"StringEquals\": \"on\"}}], \"Default\": \"No{i}\"}}}}"
        ));
        steps.push(format!("{{\"name\": \"Yes{i}\", \"action\": \"aws:sleep\", \"inputs\": {{\"Duration\": \"PT1S\"}}, \"nextStep\": \"Join{i}\"}}"));
        steps.push(format!("{{\"name\": \"No{i}\", \"action\": \"aws:sleep\", \"inputs\": {{\"Duration\": \"PT2S\"}}}}"));
        steps.push(format!("{{\"name\": \"Join{i}\", \"action\": \"aws:sleep\", \"inputs\": {{\"Duration\": \"PT3S\"}}}}"));
    }
    format!(
        "{{\"schemaVersion\": \"0.3\", \"description\": \"Diamonds.\", \"parameters\": {{\"Mode\": {{\"type\": \"String\"}}}}, \"mainSteps\": [\n{}\n]}}\n",
        steps.join(",\n")
    )
}

/// Imports `n` diamonds as `d.rbk` in `dir` (replacing an earlier one).
fn import_diamonds(dir: &Path, n: usize) -> Run {
    std::fs::write(dir.join("d.json"), diamonds(n)).expect("write");
    let run = ssmc(&["import", "--force", "d.json"], dir);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    run
}

#[test]
fn eight_hundred_branch_diamonds_import_quickly() {
    let dir = temp_dir("diamonds");
    import_diamonds(&dir, 800);
    let rbk = std::fs::read_to_string(dir.join("d.rbk")).expect("d.rbk written");
    // Every diamond folded into an `if … else`, the last one too.
    assert_eq!(rbk.matches("} else {").count(), 800, "{rbk}");
    assert!(rbk.contains("step Check799 = if Mode == \"on\" {"), "{rbk}");
}

#[test]
fn importing_branch_diamonds_scales_linearly() {
    let dir = temp_dir("diamonds-scale");
    let run_at = |n: usize| import_diamonds(&dir, n).cpu;
    assert_scales_linearly("`import` of n branch diamonds", run_at, 200);
}
