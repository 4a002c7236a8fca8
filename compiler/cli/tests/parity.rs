//! One verdict, two front doors (issue 17): for every fixture, example and
//! shared-corpus document, the diagnostics `ssmc lint --format json` prints
//! (code, range, severity, message with its help) equal those the language
//! server publishes for the same file opened in a workspace, `ssmc.toml`
//! levels, `[lint] ignore` and suppressions included.
//!
//! Each group (a folder the CLI lints as one run) gets one real `ssmc lsp`
//! process whose workspace is that folder; its files are opened one at a
//! time (so the server's context is the workspace on disk, as the CLI's is)
//! and JSON/YAML files are sent as an editor with `ssmc.ssmDocuments` on
//! sends them. shellcheck runs in both or in neither: both use the same
//! `PATH`. The shared corpus (`../shared/corpus` from the repository root)
//! is judged when it exists.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};
use ssmc_core::span::{normalize_source, LineCol, LineIndex};

use common::lsp_client::Client;
use common::{percent_encode_path, repo_root};

/// One finding in the form both front doors can give: 0-based start and end
/// `(line, column in characters)`, the code, the severity, the message with
/// its help as the server shows it.
type Finding = (u32, u32, u32, u32, String, String, String);

/// What `ssmc lint` walks: runbooks, SSM documents, and the CloudFormation
/// and Terraform templates that may embed them.
const EXTENSIONS: &[&str] = &["rbk", "json", "yaml", "yml", "template", "tf"];

/// The files a group's walk covers (the CLI's walker decides; this list is
/// what the test opens in the editor).
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| EXTENSIONS.contains(&x))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The normalised text of a file and its line index (both front doors
/// count positions in it).
fn index_of(path: &Path) -> (String, LineIndex) {
    let raw = std::fs::read_to_string(path).unwrap_or_default();
    let text = normalize_source(&raw);
    let index = LineIndex::new(&text);
    (text, index)
}

/// `ssmc lint --format json --no-cache DIR`, by absolute file path.
fn cli_findings(dir: &Path, files: &[PathBuf]) -> BTreeMap<PathBuf, Vec<Finding>> {
    let out = Command::new(env!("CARGO_BIN_EXE_ssmc"))
        .args(["--quiet", "lint", "--format", "json", "--no-cache"])
        .arg(dir)
        .current_dir(dir)
        .output()
        .expect("ssmc lint runs");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "ssmc lint {} failed: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let items: Vec<Value> = serde_json::from_slice(&out.stdout).expect("lint JSON");
    let mut by_file: BTreeMap<PathBuf, Vec<Finding>> = BTreeMap::new();
    for item in items {
        let shown = item["file"].as_str().unwrap_or_default();
        let path = files
            .iter()
            .find(|f| f.to_string_lossy().ends_with(&format!("/{shown}")))
            .unwrap_or_else(|| {
                unreachable!("ssmc lint named a file the test did not find: {item}")
            });
        let n = |k: &str| u32::try_from(item[k].as_u64().unwrap_or(1)).unwrap_or(1) - 1;
        let mut message = item["message"].as_str().unwrap_or_default().to_string();
        if let Some(help) = item["help"].as_str() {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        by_file.entry(path.clone()).or_default().push((
            n("line"),
            n("column"),
            n("end_line"),
            n("end_column"),
            item["rule"].as_str().unwrap_or_default().to_string(),
            item["severity"].as_str().unwrap_or_default().to_string(),
            message,
        ));
    }
    by_file
}

/// An LSP position as `(line, column in characters)` of the normalised text.
fn chars_at(text: &str, index: &LineIndex, pos: &Value) -> (u32, u32) {
    let utf16 = LineCol {
        line: u32::try_from(pos["line"].as_u64().unwrap_or(0)).unwrap_or(0),
        col: u32::try_from(pos["character"].as_u64().unwrap_or(0)).unwrap_or(0),
    };
    let at = index.line_col(index.offset_utf16(utf16));
    debug_assert!(at.line as usize <= text.lines().count());
    (at.line, at.col)
}

fn severity_name(n: &Value) -> String {
    match n.as_u64() {
        Some(1) => "error",
        Some(2) => "warning",
        Some(3) => "info",
        _ => "hint",
    }
    .to_string()
}

fn language_of(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => "json",
        Some("yaml" | "yml") => "yaml",
        Some("tf") => "terraform",
        _ => "ssmc",
    }
}

/// What the server publishes for each file of `dir`, opened one at a time in
/// one server whose workspace is `dir`.
fn server_findings(dir: &Path, files: &[PathBuf]) -> BTreeMap<PathBuf, Vec<Finding>> {
    let mut c = Client::start();
    c.initialize_in(dir);
    let mut by_file = BTreeMap::new();
    for path in files {
        let uri = format!("file://{}", percent_encode_path(path));
        let raw = std::fs::read_to_string(path).unwrap_or_default();
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language_of(path), "version": 1, "text": raw}}),
        );
        // An open publishes twice: the analysis at once, then with the
        // external linter's (shellcheck's) findings; the second is whole.
        let _ = c.diagnostics(&uri, 1);
        let published = c.diagnostics(&uri, 1);
        c.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        let (text, index) = index_of(path);
        let found: Vec<Finding> = published
            .iter()
            .map(|d| {
                let (l, col) = chars_at(&text, &index, &d["range"]["start"]);
                let (el, ec) = chars_at(&text, &index, &d["range"]["end"]);
                (
                    l,
                    col,
                    el,
                    ec,
                    d["code"].as_str().unwrap_or_default().to_string(),
                    severity_name(&d["severity"]),
                    d["message"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        if !found.is_empty() {
            by_file.insert(path.clone(), found);
        }
    }
    c.shutdown_and_exit();
    by_file
}

/// The disagreements of one group, as lines a reader can act on.
fn compare(dir: &Path) -> Vec<String> {
    let files = files_under(dir);
    let mut cli = cli_findings(dir, &files);
    let mut lsp = server_findings(dir, &files);
    let mut out = Vec::new();
    for path in &files {
        let mut a = cli.remove(path).unwrap_or_default();
        let mut b = lsp.remove(path).unwrap_or_default();
        a.sort();
        b.sort();
        if a != b {
            let only_cli: Vec<&Finding> = a.iter().filter(|f| !b.contains(f)).collect();
            let only_lsp: Vec<&Finding> = b.iter().filter(|f| !a.contains(f)).collect();
            out.push(format!(
                "{}:\n  only ssmc lint: {only_cli:?}\n  only the server: {only_lsp:?}",
                path.display()
            ));
        }
    }
    out
}

fn assert_parity(dirs: &[PathBuf]) {
    let mut failures = Vec::new();
    let mut judged = 0;
    for dir in dirs {
        judged += files_under(dir).len();
        failures.extend(compare(dir));
    }
    assert!(judged > 0, "no files under {dirs:?}");
    assert!(
        failures.is_empty(),
        "{} of {judged} files disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn fixtures_and_examples_get_one_verdict_from_the_cli_and_the_server() {
    let root = repo_root();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures"))
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.push(root.join("examples"));
    assert_parity(&dirs);
}

#[test]
fn the_shared_corpus_gets_one_verdict_from_the_cli_and_the_server() {
    let corpus = repo_root().join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("skipped: no shared corpus at {}", corpus.display());
        return;
    }
    let corpus = std::fs::canonicalize(corpus).expect("corpus path");
    assert_parity(&[corpus]);
}
