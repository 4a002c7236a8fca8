//! The server re-analyses an open document because another file changed only
//! when what that file lends it changed (`Shared::dispatch` in
//! lsp/src/server.rs): the real binary over stdio, counting the diagnostics
//! it publishes for each document.

mod common;

use std::time::Duration;

use serde_json::{json, Value};

use common::lsp_client::Client;

/// Long enough for a re-analysis the server should not run to show up
/// (a queued one waits 50 ms to start, then analyses a small file).
const QUIET: Duration = Duration::from_millis(1500);

fn open(c: &mut Client, uri: &str, text: &str, seen: &mut Vec<Value>) {
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "ssmc", "version": 1, "text": text}}),
    );
    let mine = c.wait_for_noting(|m| is_publish_of(m, uri), seen);
    seen.push(mine);
}

fn replace(c: &mut Client, uri: &str, version: i64, text: &str) {
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version},
               "contentChanges": [{"text": text}]}),
    );
}

fn is_publish_of(m: &Value, uri: &str) -> bool {
    m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
}

fn publishes_of(seen: &[Value], uri: &str) -> usize {
    seen.iter().filter(|m| is_publish_of(m, uri)).count()
}

fn runbook(name: &str) -> String {
    format!("automation {name} {{\n  param Id: String\n  step W = aws:sleep {{ Duration: \"PT1S\" }}\n}}\n")
}

/// Before, each opening re-analysed every document open before it (N
/// openings, N(N−1)/2 analyses): the first of six was published six times
/// or more. Now each is analysed for its own opening only (and once more
/// with the external linter, shellcheck, which runs on open).
#[test]
fn opening_runbooks_re_analyses_none_of_the_others() {
    let mut c = Client::start();
    c.initialize();
    let names = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"];
    let uris: Vec<String> = names
        .iter()
        .map(|n| format!("file:///tmp/ssmc-lsp-lenders/{n}.rbk"))
        .collect();
    let mut seen = Vec::new();
    for (name, uri) in names.iter().zip(&uris) {
        open(&mut c, uri, &runbook(name), &mut seen);
    }
    seen.extend(c.until_quiet(QUIET));
    for uri in &uris {
        let n = publishes_of(&seen, uri);
        assert!(
            (1..=2).contains(&n),
            "{uri} was published {n} times: {:?}",
            seen.iter()
                .map(|m| (m["method"].clone(), m["params"]["uri"].clone()))
                .collect::<Vec<_>>()
        );
    }
    c.shutdown_and_exit();
}

const LIB_URI: &str = "file:///tmp/ssmc-lsp-lenders/lib.rbk";
const MAIN_URI: &str = "file:///tmp/ssmc-lsp-lenders/main.rbk";

const LIB: &str = "command Restart {\n  param Service: String\n  step R = aws:runShellScript { runCommand: [\"true\"] }\n}\n";

const MAIN: &str = "automation Main {\n  param Id: String\n  step S = aws:runCommand { InstanceIds: [Id], DocumentName: \"Restart\", Parameters: { Service: \"nginx\" } }\n}\n";

fn errors(diags: &Value) -> Vec<String> {
    diags
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["severity"] == json!(1))
        .map(|d| d["message"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// An edit inside a step of the called document, and lines added above it,
/// lend the caller nothing new: it is not re-analysed, and go-to-definition
/// of the call still lands on the document where it now is. Renaming the
/// parameter the caller passes does re-analyse it, with the error.
#[test]
fn only_a_change_of_what_a_file_lends_re_analyses_the_files_that_use_it() {
    let mut c = Client::start();
    c.initialize();
    let mut seen = Vec::new();
    open(&mut c, LIB_URI, LIB, &mut seen);
    open(&mut c, MAIN_URI, MAIN, &mut seen);
    let first = seen
        .iter()
        .rev()
        .find(|m| is_publish_of(m, MAIN_URI))
        .map(|m| m["params"]["diagnostics"].clone())
        .unwrap_or_default();
    assert!(errors(&first).is_empty(), "the call is right: {first}");
    seen.extend(c.until_quiet(QUIET));
    let before = publishes_of(&seen, MAIN_URI);

    // Inside a step body, then three lines above the document.
    let edited = LIB.replace("\"true\"", "\"systemctl restart\"");
    replace(&mut c, LIB_URI, 2, &edited);
    c.diagnostics(LIB_URI, 2);
    let moved = format!("// one\n// two\n// three\n{edited}");
    replace(&mut c, LIB_URI, 3, &moved);
    c.diagnostics(LIB_URI, 3);
    seen.extend(c.until_quiet(QUIET));
    assert_eq!(
        publishes_of(&seen, MAIN_URI),
        before,
        "the caller was re-analysed for an edit that lends it nothing new"
    );
    let call = MAIN.find("\"Restart\"").unwrap_or_default() + 2;
    let def = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": MAIN_URI}, "position": {"line": 2, "character": call - MAIN.find("  step S").unwrap_or_default()}}),
    );
    assert_eq!(def["result"]["uri"], json!(LIB_URI), "{def}");
    assert_eq!(
        def["result"]["range"]["start"]["line"],
        json!(3),
        "`command Restart` moved three lines down: {def}"
    );

    // The parameter renamed: the caller is re-analysed and its call is wrong.
    replace(&mut c, LIB_URI, 4, &moved.replace("Service", "Unit"));
    let msg = c.wait_for(|m| {
        is_publish_of(m, MAIN_URI) && !errors(&m["params"]["diagnostics"]).is_empty()
    });
    let found = errors(&msg["params"]["diagnostics"]);
    assert!(found.iter().any(|e| e.contains("Service")), "{found:?}");
    c.shutdown_and_exit();
}

/// A call to an unknown document hints at the closest of every document
/// name: a document opened later whose name the caller does not contain
/// still re-analyses it, and the hint names the new document.
#[test]
fn a_hint_over_every_document_name_follows_a_document_opened_later() {
    let mut c = Client::start();
    c.initialize();
    let mut seen = Vec::new();
    let typo = MAIN.replace("\"Restart\"", "\"Restat\"");
    open(&mut c, MAIN_URI, &typo, &mut seen);
    let hint = |m: &Value| {
        m["params"]["diagnostics"]
            .to_string()
            .contains("did you mean `Restart`")
    };
    assert!(
        !seen.iter().any(|m| is_publish_of(m, MAIN_URI) && hint(m)),
        "no document is named Restart yet: {seen:?}"
    );
    open(&mut c, LIB_URI, LIB, &mut seen);
    if !seen.iter().any(|m| is_publish_of(m, MAIN_URI) && hint(m)) {
        c.wait_for(|m| is_publish_of(m, MAIN_URI) && hint(m));
    }
    c.shutdown_and_exit();
}
