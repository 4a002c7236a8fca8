//! Running one shellcheck process over many scripts.
//!
//! Input: scripts (already masked) and the arguments. Output: shellcheck's
//! findings for each script, or `None` when the process could not run or did
//! not finish by the deadline. Invariants: the scripts are written to a
//! private temporary folder (mode 0700, removed afterwards) and only read by
//! shellcheck, never executed; the wait blocks until the output is complete or
//! the deadline passes (no polling), and a process past the deadline is killed.

use std::io::Read as _;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Instant;

use serde_json::Value as Json;

/// Runs `shellcheck ARGS -f json1 FILES…` over `scripts`, one file each; the
/// findings of script `i` are at index `i`.
pub fn run(args: &[String], scripts: &[&str], deadline: Instant) -> Option<Vec<Vec<Json>>> {
    if scripts.is_empty() {
        return Some(Vec::new());
    }
    let dir = tempfile::Builder::new()
        .prefix("ssmc-shellcheck-")
        .tempdir()
        .ok()?;
    let mut files = Vec::with_capacity(scripts.len());
    for (i, script) in scripts.iter().enumerate() {
        let path = dir.path().join(format!("{i}.sh"));
        std::fs::write(&path, script).ok()?;
        files.push(path);
    }
    let mut child = Command::new("shellcheck")
        .args(args)
        .args(["-f", "json1"])
        .args(&files)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdout = child.stdout.take()?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        let _ = tx.send(out);
    });
    let out = match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        Ok(out) => {
            let _ = child.wait();
            out
        }
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
    };
    let json: Json = serde_json::from_slice(&out).ok()?;
    let mut per_script = vec![Vec::new(); scripts.len()];
    for c in json["comments"].as_array()? {
        let index = c["file"]
            .as_str()
            .and_then(|f| files.iter().position(|p| p.to_str() == Some(f)));
        if let Some(list) = index.and_then(|i| per_script.get_mut(i)) {
            list.push(c.clone());
        }
    }
    Some(per_script)
}
