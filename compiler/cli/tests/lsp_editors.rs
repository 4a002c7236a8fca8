//! End to end: what a real client found (issue 22), against the real
//! `ssmc lsp` over stdio, in the shapes VS Code and Neovim send and expect.
//!
//! Asserts: stdlib sources are served for `ssmc-stdlib:///…` and for VS
//! Code's normalised `ssmc-stdlib:/…`; `Name: "variable:X"` is renamed with
//! the variable; action completion carries a `textEdit` over the typed
//! prefix; `{{ }}` completion offers names, not keywords; a did-you-mean
//! help arrives as a quick fix; keywords have hover text.

mod common;

use serde_json::{json, Value};

use common::lsp_client::Client;

const URI: &str = "file:///tmp/ssmc-lsp-editors/poll.rbk";

const POLL: &str = "automation Poll {\n  param InstanceId: String\n  var Status: String = \"new\"\n  step Set = aws:updateVariable { Name: \"variable:Status\", Value: \"{{ InstanceId }}\" } timeout 1m\n  step Wait = aws:sleep { Duration: \"PT1S\" }\n}\n";

fn at(line: usize, character: usize) -> Value {
    json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}})
}

/// The (line, character) of `needle` in `text` plus `delta` (ASCII text).
fn pos_of(text: &str, needle: &str, delta: usize) -> (usize, usize) {
    let found = text.find(needle).expect("needle in text");
    let line = text[..found].matches('\n').count();
    let col = found - text[..found].rfind('\n').map_or(0, |i| i + 1);
    (line, col + delta)
}

fn open(c: &mut Client, version: i64, text: &str) -> Vec<Value> {
    if version == 1 {
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": URI, "languageId": "ssmc", "version": 1, "text": text}}),
        );
    } else {
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }
    c.diagnostics(URI, version)
}

#[test]
fn stdlib_sources_in_both_uri_spellings() {
    let mut c = Client::start();
    c.initialize();
    for uri in [
        "ssmc-stdlib:///actions/automation/sleep.rbk",
        "ssmc-stdlib:/actions/automation/sleep.rbk",
    ] {
        let src = c.request("ssmc/stdlibSource", json!({ "uri": uri }));
        let text = src["result"]["text"].as_str().unwrap_or_default();
        assert!(text.contains("aws:sleep"), "{uri}: {src}");
    }
    c.shutdown_and_exit();
}

#[test]
fn rename_completion_quick_fix_and_hover_as_a_client_sees_them() {
    let mut c = Client::start();
    c.initialize();
    let diags = open(&mut c, 1, POLL);
    assert!(diags.iter().all(|d| d["severity"] != json!(1)), "{diags:?}");

    // Rename the variable from its `Name: "variable:Status"`.
    let (l, ch) = pos_of(POLL, "variable:Status", "variable:".len() + 1);
    let mut params = at(l, ch);
    params["newName"] = json!("Phase");
    let rename = c.request("textDocument/rename", params);
    let edits = rename["result"]["changes"][URI].as_array().expect("edits");
    let lines: Vec<u64> = edits
        .iter()
        .map(|e| e["range"]["start"]["line"].as_u64().expect("line"))
        .collect();
    assert_eq!(lines, [2, 3], "the declaration and the Name: {rename}");
    assert_eq!(
        edits[1]["range"]["start"]["character"],
        json!(ch - 1),
        "{rename}"
    );

    // Action completion: a textEdit over `aws:sl`, not an insertion after it.
    let typed = POLL.replace("aws:sleep { Duration: \"PT1S\" }", "aws:sl");
    open(&mut c, 2, &typed);
    let (l, ch) = pos_of(&typed, "aws:sl\n", "aws:sl".len());
    let res = c.request("textDocument/completion", at(l, ch));
    let items = res["result"]
        .as_array()
        .or_else(|| res["result"]["items"].as_array())
        .expect("items");
    let sleep = items
        .iter()
        .find(|i| i["label"] == json!("aws:sleep"))
        .expect("aws:sleep");
    assert_eq!(sleep["textEdit"]["newText"], json!("aws:sleep"), "{sleep}");
    assert_eq!(
        sleep["textEdit"]["range"]["start"],
        json!({"line": l, "character": ch - "aws:sl".len()}),
        "{sleep}"
    );

    // `{{ }}` completion: the document's names first, no keywords.
    let typed = POLL.replace("{{ InstanceId }}", "{{ Ins");
    open(&mut c, 3, &typed);
    let (l, ch) = pos_of(&typed, "{{ Ins", "{{ Ins".len());
    let labels = c.completion_labels(at(l, ch));
    assert!(labels.contains(&"InstanceId".to_string()), "{labels:?}");
    assert!(!labels.contains(&"step".to_string()), "{labels:?}");

    // A misspelt reference: the did-you-mean help is a quick fix.
    let typed = POLL.replace("{{ InstanceId }}", "{{ InstanceID }}");
    let diags = open(&mut c, 4, &typed);
    let d = diags
        .iter()
        .find(|d| d["severity"] == json!(1))
        .expect("an error")
        .clone();
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let fix = actions["result"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| {
            a["kind"] == json!("quickfix")
                && a["title"].as_str().unwrap_or("").contains("InstanceId")
        })
        .cloned()
        .expect("a quick fix naming the suggestion");
    let edit = &fix["edit"]["changes"][URI][0];
    assert_eq!(edit["newText"], json!("InstanceId"), "{fix}");

    // Hover on a keyword.
    open(&mut c, 5, POLL);
    let (l, ch) = pos_of(POLL, "timeout", 2);
    let hover = c.request("textDocument/hover", at(l, ch));
    let text = hover["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(text.contains("timeoutSeconds"), "{hover}");
    c.shutdown_and_exit();
}

/// Whether `shellcheck` runs here (CI installs it; `.ci/run`).
fn shellcheck_available() -> bool {
    std::process::Command::new("shellcheck")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn shellcheck_findings_reach_the_editor_as_ssmc_lint_reports_them() {
    if !shellcheck_available() {
        eprintln!("skipped: shellcheck is not on PATH");
        return;
    }
    let dir = std::env::temp_dir().join(format!("ssmc-lsp-shellcheck-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let text = "/// Cleans.\ncommand Clean {\n  /// The folder.\n  param Dir: String = \"/tmp/x\"\n  step Run = aws:runShellScript { runCommand: [\"cd {{ Dir }}\", \"rm -rf $TARGET/*\"] }\n}\n";
    let path = dir.join("clean.rbk");
    std::fs::write(&path, text).expect("write");

    // What `ssmc lint` says about SSM209 in this file: its lines.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ssmc"))
        .args(["lint", "--format", "json"])
        .arg(&path)
        .output()
        .expect("ssmc lint runs");
    let report: Value = serde_json::from_slice(&out.stdout).expect("json report");
    let findings = report["findings"]
        .as_array()
        .or_else(|| report.as_array())
        .cloned()
        .unwrap_or_default();
    let mut cli: Vec<(u64, u64)> = findings
        .iter()
        .filter(|f| f["rule"] == json!("SSM209"))
        .map(|f| {
            (
                f["line"].as_u64().expect("line") - 1,
                f["column"].as_u64().expect("column") - 1,
            )
        })
        .collect();
    cli.sort_unstable();
    assert!(
        !cli.is_empty(),
        "ssmc lint reports shellcheck findings: {report}"
    );

    let uri = format!("file://{}", path.display());
    let mut c = Client::start();
    c.initialize();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "ssmc", "version": 1, "text": text}}),
    );
    // The first publication may come before shellcheck has answered.
    let msg = c.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == json!(uri)
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["code"] == json!("SSM209")))
    });
    let mut lsp: Vec<(u64, u64)> = msg["params"]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == json!("SSM209"))
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().expect("line"),
                d["range"]["start"]["character"]
                    .as_u64()
                    .expect("character"),
            )
        })
        .collect();
    lsp.sort_unstable();
    assert_eq!(lsp, cli, "the editor and `ssmc lint` agree: {msg}");
    c.shutdown_and_exit();
    let _ = std::fs::remove_dir_all(&dir);
}
