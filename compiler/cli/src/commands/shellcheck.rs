//! Rule `shellcheck` (SSM209): runs `shellcheck` on embedded shell scripts and
//! maps its findings back to the line and column in the document.
//!
//! Input: a document and the text of its file. Output: SSM209 diagnostics.
//! Invariants: does nothing when `shellcheck` is not on PATH; the script goes
//! to shellcheck on stdin (never to a file, never executed) and a run over
//! the timeout is killed; `{{ … }}`
//! references are masked with `x`s of the same length so columns still match.

use std::io::Write as _;
use std::process::{Command, Stdio};

use serde_json::Value as Json;
use ssmc_core::diagnostic::{Diagnostic, Severity};
use ssmc_core::lint::locate_in;
use ssmc_core::lint::walk::{scripts, Lang};
use ssmc_core::model::{Document, Node};
use ssmc_core::span::FileId;
use ssmc_core::syntax::refs::find_refs;

/// Whether `shellcheck` can be run.
pub fn available() -> bool {
    version().is_some()
}

/// What `shellcheck --version` prints, when shellcheck can be run (the
/// result cache keys shellcheck's findings on it).
pub fn version() -> Option<String> {
    Command::new("shellcheck")
        .arg("--version")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
}

fn mask(s: &str) -> String {
    let mut out = s.to_string();
    for r in find_refs(s) {
        if let Some(part) = s.get(r.range.clone()) {
            out.replace_range(r.range.clone(), &"x".repeat(part.len()));
        }
    }
    out
}

/// A shellcheck run that takes longer than this is stopped and yields nothing.
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Runs shellcheck on `script`, given on stdin: the script is never written to
/// disk, never executed, and shellcheck is killed after [`TIMEOUT`].
fn run(script: &str) -> Option<Vec<Json>> {
    use std::io::Read as _;
    let mut child = Command::new("shellcheck")
        .args(["-f", "json", "-s", "bash", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    // Feed and drain on threads, so neither a full pipe nor a stuck
    // shellcheck can block the lint run past the deadline.
    let mut stdin = child.stdin.take()?;
    let input = script.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut stdout = child.stdout.take()?;
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        out
    });
    let start = std::time::Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() < TIMEOUT => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
    let _ = writer.join();
    let out = reader.join().ok()?;
    serde_json::from_slice::<Json>(&out)
        .ok()?
        .as_array()
        .cloned()
}

/// Byte offset of 1-based `col` (characters) in `line`.
fn byte_at(line: &str, col: u64) -> usize {
    let n = usize::try_from(col.saturating_sub(1)).unwrap_or(0);
    line.char_indices().nth(n).map_or(line.len(), |(i, _)| i)
}

/// SSM209 findings for every shell script of `doc`.
pub fn check(doc: &Document, source: (FileId, &str), severity: Severity) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for script in scripts(doc) {
        if script.lang != Lang::Shell {
            continue;
        }
        // (node, byte offset of the line in the node's value, the line's text)
        let mut lines: Vec<(&Node, usize, String)> = Vec::new();
        for node in &script.lines {
            let Some(value) = node.as_str() else { continue };
            let mut at = 0;
            for l in value.split('\n') {
                lines.push((node, at, mask(l)));
                at += l.len() + 1;
            }
        }
        let text: String = lines
            .iter()
            .map(|(_, _, l)| l.as_str())
            .collect::<Vec<_>>()
            .join("\n")
            + "\n";
        let Some(findings) = run(&text) else { continue };
        for f in findings {
            let (Some(line), Some(col), Some(code), Some(msg)) = (
                f["line"].as_u64(),
                f["column"].as_u64(),
                f["code"].as_u64(),
                f["message"].as_str(),
            ) else {
                continue;
            };
            let Some((node, off, ltext)) =
                lines.get(usize::try_from(line).unwrap_or(0).saturating_sub(1))
            else {
                continue;
            };
            let start = byte_at(ltext, col);
            let end = if f["endLine"].as_u64() == Some(line) {
                byte_at(ltext, f["endColumn"].as_u64().unwrap_or(col)).max(start)
            } else {
                ltext.len()
            };
            let span = locate_in(node, off + start..off + end, Some(source));
            diags.push(
                Diagnostic::new(
                    "SSM209",
                    severity,
                    span,
                    format!("shellcheck SC{code}: {msg}"),
                )
                .with_help(format!("see https://www.shellcheck.net/wiki/SC{code}")),
            );
        }
    }
    diags
}
