//! End to end: what a real client found (issue 22), against the real
//! `ssmc lsp` over stdio, in the shapes VS Code and Neovim send and expect.
//!
//! Asserts: stdlib sources are served for `ssmc-stdlib:///…` and for VS
//! Code's normalised `ssmc-stdlib:/…`; `Name: "variable:X"` is renamed with
//! the variable; action completion carries a `textEdit` over the typed
//! prefix; `{{ }}` completion offers names, not keywords; a did-you-mean
//! help arrives as a quick fix; keywords have hover text; the `Parameters`
//! map of a step that runs a document of the file completes its parameters.

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

#[test]
fn parameters_of_a_called_document_are_completed() {
    let mut c = Client::start();
    c.initialize();
    let text = "command Restart {\n  param Wait: String = \"60\"\n  param Service: String\n  step R = aws:runShellScript { runCommand: [\"true\"] }\n}\nautomation Main {\n  param Id: String\n  step Run = aws:runCommand { InstanceIds: [Id], DocumentName: \"Restart\", Parameters: {  } }\n}\n";
    open(&mut c, 1, text);
    let (l, ch) = pos_of(text, "Parameters: { ", "Parameters: { ".len());
    let res = c.request("textDocument/completion", at(l, ch));
    let items = res["result"]
        .as_array()
        .or_else(|| res["result"]["items"].as_array())
        .expect("items");
    let got: Vec<(&str, &str)> = items
        .iter()
        .map(|i| {
            (
                i["label"].as_str().unwrap_or(""),
                i["insertText"].as_str().unwrap_or(""),
            )
        })
        .collect();
    // Only the called document's parameters, required first, as snippets
    // (an optional one's default is the placeholder).
    assert_eq!(
        got,
        [
            ("Service", "Service: \"$1\""),
            ("Wait", "Wait: \"${1:60}\"")
        ],
        "{res}"
    );
    assert_eq!(items[0]["insertTextFormat"], json!(2), "a snippet: {res}");
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
    let scratch = common::Scratch::new("lsp-shellcheck");
    let dir = scratch.to_path_buf();
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

/// shellcheck's verdict can arrive before the open's own analysis (a loaded
/// machine; here the server is told to start every analysis without
/// shellcheck 1.5 s late). That slower analysis lacks shellcheck's findings
/// and must not replace the verdict that has them: every publication after
/// shellcheck answered keeps them (the parity test reads the second one).
#[test]
fn an_analysis_overtaken_by_shellcheck_does_not_drop_its_findings() {
    if !shellcheck_available() {
        eprintln!("skipped: shellcheck is not on PATH");
        return;
    }
    let scratch = common::Scratch::new("lsp-shellcheck-race");
    let dir = scratch.to_path_buf();
    std::fs::create_dir_all(&dir).expect("temp dir");
    let text = "/// Cleans.\ncommand Clean {\n  /// Step.\n  step Run = aws:runShellScript { runCommand: [\"rm -rf $TARGET/*\"] }\n}\n";
    let path = dir.join("clean.rbk");
    std::fs::write(&path, text).expect("write");
    let uri = format!("file://{}", path.display());
    let mut c = Client::start_with(&[("SSMC_LSP_TEST_SLOW_ANALYSIS_MS", "1500")]);
    c.initialize();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "ssmc", "version": 1, "text": text}}),
    );
    let has_shellcheck = |d: &[Value]| d.iter().any(|d| d["code"] == json!("SSM209"));
    let first = c.diagnostics(&uri, 1);
    assert!(
        has_shellcheck(&first),
        "shellcheck's verdict comes first here: {first:?}"
    );
    let second = c.diagnostics(&uri, 1);
    assert!(
        has_shellcheck(&second),
        "the slower analysis published without shellcheck's findings: {second:?}"
    );
    // The findings stay with the text: a change that leaves it as it was is
    // judged again with them, shellcheck not run (it runs on open and save).
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": text}]}),
    );
    let after_edit = c.diagnostics(&uri, 2);
    assert!(
        has_shellcheck(&after_edit),
        "kept for the unchanged text: {after_edit:?}"
    );
    c.shutdown_and_exit();
}

const YAML_DOC: &str = "schemaVersion: '0.3'
description: Restarts an instance.
parameters:
  InstanceId:
    type: String
    description: The instance.
mainSteps:
  - name: Stop
    action: aws:changeInstanceState
    inputs:
      InstanceIds: ['{{ InstanceId }}']
      DesiredState: stopped
    nextStep: Strat
  - name: Start
    action: aws:changeInstanceState
    inputs:
      InstanceIds: ['{{ InstanceId }}']
      DesiredState: running
";

#[test]
fn yaml_ssm_documents_are_served_and_other_yaml_is_left_alone() {
    let scratch = common::Scratch::new("lsp-yaml");
    let dir = scratch.to_path_buf();
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("restart.yaml");
    std::fs::write(&path, YAML_DOC).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ssmc"))
        .args(["lint", "--format", "json"])
        .arg(&path)
        .output()
        .expect("ssmc lint runs");
    let report: Value = serde_json::from_slice(&out.stdout).expect("json report");
    let mut cli: Vec<(String, u64)> = report["findings"]
        .as_array()
        .or_else(|| report.as_array())
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] != json!("SSM209"))
        .map(|f| {
            let code = f["rule"].as_str().expect("rule").to_string();
            (code, f["line"].as_u64().expect("line") - 1)
        })
        .collect();
    cli.sort();

    let uri = format!("file://{}", path.display());
    let mut c = Client::start();
    c.initialize();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": YAML_DOC}}),
    );
    let diags = c.diagnostics(&uri, 1);
    let mut lsp: Vec<(String, u64)> = diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().expect("code").to_string(),
                d["range"]["start"]["line"].as_u64().expect("line"),
            )
        })
        .collect();
    lsp.sort();
    assert_eq!(lsp, cli, "the editor shows what `ssmc lint` reports");
    assert!(
        lsp.iter().any(|(_, line)| *line == 12),
        "the dangling nextStep: {lsp:?}"
    );

    let syms = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let children: Vec<&str> = syms["result"][0]["children"]
        .as_array()
        .expect("children")
        .iter()
        .map(|s| s["name"].as_str().expect("name"))
        .collect();
    assert_eq!(children, ["InstanceId", "Stop", "Start"], "{syms}");

    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}),
    );
    let import = actions["result"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["title"] == json!("Import as .rbk (restart.rbk)"))
        .cloned()
        .expect("an import action");
    let ops = import["edit"]["documentChanges"]
        .as_array()
        .expect("operations");
    assert_eq!(ops[0]["kind"], json!("create"), "{import}");
    let rbk = ops[1]["edits"][0]["newText"].as_str().expect("text");
    assert!(
        rbk.contains("automation restart") && rbk.contains("goto Strat"),
        "{rbk}"
    );

    // A YAML file that is no SSM document: nothing said about it.
    let other = format!("file://{}/ci.yml", dir.display());
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": other, "languageId": "yaml", "version": 1, "text": "on:\n  push: {}\njobs: {}\n"}}),
    );
    assert!(c.diagnostics(&other, 1).is_empty());
    let syms = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": other}}),
    );
    assert!(
        syms["result"].as_array().is_none_or(Vec::is_empty),
        "{syms}"
    );
    c.shutdown_and_exit();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn navigation_requests_over_stdio() {
    let mut c = Client::start();
    let init = c.initialize();
    let caps = &init["result"]["capabilities"];
    for cap in [
        "documentHighlightProvider",
        "documentLinkProvider",
        "selectionRangeProvider",
        "workspaceSymbolProvider",
        "signatureHelpProvider",
        "codeLensProvider",
    ] {
        assert!(!caps[cap].is_null(), "{cap}: {caps}");
    }
    open(&mut c, 1, POLL);

    let (l, ch) = pos_of(POLL, "{{ InstanceId", 4);
    let h = c.request("textDocument/documentHighlight", at(l, ch));
    let kinds: Vec<u64> = h["result"]
        .as_array()
        .expect("highlights")
        .iter()
        .map(|x| x["kind"].as_u64().expect("kind"))
        .collect();
    assert_eq!(
        kinds,
        [3, 2],
        "the declaration (write), then the use (read): {h}"
    );

    let syms = c.request("workspace/symbol", json!({"query": "wai"}));
    let found = syms["result"].as_array().expect("symbols");
    assert_eq!(found.len(), 1, "{syms}");
    assert_eq!(found[0]["name"], json!("Wait"));
    assert_eq!(found[0]["containerName"], json!("Poll"));
    assert_eq!(found[0]["location"]["uri"], json!(URI));

    let (l, ch) = pos_of(POLL, "\"PT1S\"", 3);
    let sig = c.request("textDocument/signatureHelp", at(l, ch));
    let s = &sig["result"]["signatures"][0];
    assert!(
        s["label"]
            .as_str()
            .is_some_and(|t| t.starts_with("aws:sleep {")),
        "{sig}"
    );
    let active = sig["result"]["activeParameter"].as_u64().expect("active") as usize;
    assert!(
        s["parameters"][active]["label"]
            .as_str()
            .is_some_and(|t| t.starts_with("Duration")),
        "{sig}"
    );

    let lenses = c.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": URI}}),
    );
    let commands: Vec<&str> = lenses["result"]
        .as_array()
        .expect("lenses")
        .iter()
        .map(|l| l["command"]["command"].as_str().expect("command"))
        .collect();
    assert_eq!(
        commands,
        [
            "ssmc.showFlowGraph",
            "ssmc.showCompiledDocument",
            "ssmc.buildCurrentFile"
        ]
    );

    let sel = c.request(
        "textDocument/selectionRange",
        json!({"textDocument": {"uri": URI}, "positions": [{"line": l, "character": ch}]}),
    );
    let first = &sel["result"][0];
    assert!(!first["parent"].is_null(), "a chain of ranges: {sel}");
    c.shutdown_and_exit();
}
