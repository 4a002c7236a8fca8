//! The language server against a client that sends anything (issue 18,
//! items 4 and 5), end to end over stdio: malformed messages and framing
//! errors are answered with JSON-RPC errors and the server keeps serving;
//! the exit code follows the protocol; `initialize` answers when
//! `ssmc.toml` is a FIFO; a slow document (a FIFO through `file()`, a
//! runbook of megabytes) never holds up the requests about another, a
//! document over the size limit gets one diagnostic in bounded memory, and
//! a burst of edits publishes for the newest version only. See
//! docs/robustness.md.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use common::lsp_client::Client;

const SMALL: &str = "file:///w/small.rbk";
const SMALL_TEXT: &str =
    "command Hello {\n  step Run = aws:runShellScript { runCommand: [\"echo hi\"] }\n}\n";

fn open(c: &mut Client, uri: &str, text: &str) {
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "ssmc", "version": 1, "text": text}}),
    );
}

/// A frame around `body`, as the client helper frames messages.
fn frame(body: &[u8]) -> Vec<u8> {
    [
        format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes(),
        body,
    ]
    .concat()
}

/// The error replies to each malformed input, and the server still answers
/// a hover after each one.
#[test]
fn malformed_messages_are_answered_and_the_server_keeps_serving() {
    let mut c = Client::start();
    c.initialize();
    open(&mut c, SMALL, SMALL_TEXT);
    let no_jsonrpc = br#"{"id": 7, "method": "textDocument/hover", "params": {}}"#;
    let object_id = br#"{"jsonrpc": "2.0", "id": {"a": 1}, "method": "shutdown"}"#;
    let cases: Vec<(&str, Vec<u8>, i64, Value)> = vec![
        (
            "a well-framed `hello`",
            frame(b"hello"),
            -32700,
            Value::Null,
        ),
        ("`[]`", frame(b"[]"), -32600, Value::Null),
        ("`null`", frame(b"null"), -32600, Value::Null),
        ("no `jsonrpc`", frame(no_jsonrpc), -32600, json!(7)),
        ("an object as id", frame(object_id), -32600, Value::Null),
        (
            "a float as id",
            frame(br#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#),
            -32600,
            Value::Null,
        ),
        (
            "a non-UTF-8 body",
            frame(b"{\"jsonrpc\":\"2.0\xff\"}"),
            -32700,
            Value::Null,
        ),
        ("an empty body", frame(b""), -32700, Value::Null),
        (
            "a bad Content-Length",
            b"Content-Length: abc\r\n\r\n{}".to_vec(),
            -32700,
            Value::Null,
        ),
        (
            "a negative Content-Length",
            b"Content-Length: -5\r\n\r\n".to_vec(),
            -32700,
            Value::Null,
        ),
        (
            "no Content-Length",
            b"Content-Type: application/json\r\n\r\n{}".to_vec(),
            -32700,
            Value::Null,
        ),
        (
            "a header line without a colon",
            b"hello\r\n\r\n".to_vec(),
            -32700,
            Value::Null,
        ),
        (
            "a huge Content-Length",
            b"Content-Length: 99999999999999\r\n\r\n".to_vec(),
            -32700,
            Value::Null,
        ),
        (
            "a header that never ends",
            vec![b'x'; 9000],
            -32700,
            Value::Null,
        ),
        // Announces 60 bytes, sends 10: the next request's header lands in
        // this body; the server finds it again.
        (
            "a truncated body",
            b"Content-Length: 60\r\n\r\n{\"jsonrpc\"".to_vec(),
            -32700,
            Value::Null,
        ),
    ];
    for (n, (what, bytes, code, id)) in cases.into_iter().enumerate() {
        // The malformed bytes, then at once a hover (a truncated body is
        // only known as such when the next message's bytes arrive).
        c.send_raw(&bytes);
        let hover_id = 1000 + i64::try_from(n).expect("few cases");
        c.send(
            &json!({"jsonrpc": "2.0", "id": hover_id, "method": "textDocument/hover",
            "params": {"textDocument": {"uri": SMALL}, "position": {"line": 1, "character": 16}}}),
        );
        let mut seen = Vec::new();
        let alive = c.wait_for_noting(|m| m["id"] == hover_id, &mut seen);
        assert!(alive.get("error").is_none(), "{what}: then {alive}");
        assert!(
            alive["result"]["contents"]
                .to_string()
                .contains("runShellScript"),
            "{what}: then {alive}"
        );
        let replies: Vec<&Value> = seen
            .iter()
            .filter(|m| m.get("error").is_some() && m.get("method").is_none())
            .collect();
        assert_eq!(replies.len(), 1, "{what}: one error reply, got {replies:?}");
        let reply = replies[0];
        assert_eq!(reply["jsonrpc"], "2.0", "{what}: {reply}");
        assert_eq!(reply["error"]["code"], json!(code), "{what}: {reply}");
        assert_eq!(reply["id"], id, "{what}: {reply}");
    }
    c.shutdown_and_exit();
}

#[test]
fn exit_without_shutdown_exits_1_and_after_shutdown_0() {
    let mut c = Client::start();
    c.initialize();
    assert_eq!(c.exit_code(), Some(1));

    let mut c = Client::start();
    c.initialize();
    let r = c.request("shutdown", Value::Null);
    assert_eq!(r["result"], Value::Null, "{r}");
    assert_eq!(c.exit_code(), Some(0));
}

#[test]
fn initialize_answers_when_ssmc_toml_is_a_fifo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("canonical");
    let status = Command::new("mkfifo")
        .arg(root.join("ssmc.toml"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let doc = root.join("a.rbk");
    std::fs::write(&doc, SMALL_TEXT).expect("write");
    let mut c = Client::start();
    let init = c.initialize_in(&root);
    assert!(init["result"]["capabilities"].is_object(), "{init}");
    // A document of that project is analysed too (the FIFO is refused, not read).
    let uri = format!("file://{}", doc.display());
    open(&mut c, &uri, SMALL_TEXT);
    let diags = c.diagnostics(&uri, 1);
    assert!(
        diags.iter().any(|d| d["code"] == "E0701"),
        "the unreadable ssmc.toml is reported: {diags:?}"
    );
    c.shutdown_and_exit();
}

fn hover(c: &mut Client, uri: &str, line: u32, character: u32) -> Value {
    c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    )
}

/// A runbook of `steps` steps: 5,000 (400 KB) take seconds to analyse in a
/// debug build, well under the 4 MiB limit.
fn slow_runbook(steps: usize) -> String {
    let mut text = String::from("/// A long one.\ncommand Long {\n");
    for i in 0..steps {
        text.push_str(&format!(
            "  /// Step {i}.\n  step S{i} = aws:runShellScript {{ runCommand: [\"echo {i}\"] }}\n"
        ));
    }
    text.push_str("}\n");
    text
}

/// Sends a request without waiting; its id.
fn send_request(c: &mut Client, id: i64, method: &str, params: Value) {
    c.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
}

/// The peak resident memory of a process, in KiB (`VmHWM` in `/proc`).
fn peak_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM")
}

/// While a large runbook is analysed, hover and completion on a small one
/// are answered at once, before the large one's diagnostics.
#[test]
fn a_slow_document_does_not_hold_up_another() {
    let mut c = Client::start();
    c.initialize();
    open(&mut c, SMALL, SMALL_TEXT);
    c.diagnostics(SMALL, 1);
    let big = "file:///w/big.rbk";
    let text = slow_runbook(5_000);
    assert!(text.len() < 4 * 1024 * 1024);
    open(&mut c, big, &text);
    let start = Instant::now();
    send_request(
        &mut c,
        900,
        "textDocument/hover",
        json!({"textDocument": {"uri": SMALL}, "position": {"line": 1, "character": 16}}),
    );
    send_request(
        &mut c,
        901,
        "textDocument/completion",
        json!({"textDocument": {"uri": SMALL}, "position": {"line": 1, "character": 2}}),
    );
    // The two answers come in either order.
    let mut seen = Vec::new();
    let first = c.wait_for_noting(|m| m["id"] == 900 || m["id"] == 901, &mut seen);
    let second_id = if first["id"] == 900 { 901 } else { 900 };
    let second = c.wait_for_noting(|m| m["id"] == second_id, &mut seen);
    let waited = start.elapsed();
    let (hovered, completed) = if first["id"] == 900 {
        (first, second)
    } else {
        (second, first)
    };
    assert!(
        hovered["result"]["contents"]
            .to_string()
            .contains("runShellScript"),
        "{hovered}"
    );
    assert!(
        completed["result"]
            .as_array()
            .is_some_and(|items| !items.is_empty()),
        "{completed}"
    );
    let big_published = seen
        .iter()
        .any(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == big);
    assert!(
        !big_published,
        "the small document was answered only after the big one's analysis (in {waited:?})"
    );
    assert!(
        waited < Duration::from_secs(3),
        "the answers took {waited:?}"
    );
    // The big one is analysed all the same (lint findings, no error), and
    // answers once it is.
    let diags = c.diagnostics(big, 1);
    assert!(diags.iter().all(|d| d["severity"] != 1), "{diags:?}");
    assert!(hover(&mut c, big, 3, 16)["result"]["contents"]
        .to_string()
        .contains("runShellScript"));
    c.shutdown_and_exit();
}

/// A request waiting for a slow analysis is cancelled at once by
/// `$/cancelRequest` (error -32800), and the server keeps serving.
#[test]
fn a_request_waiting_for_a_slow_analysis_can_be_cancelled() {
    let mut c = Client::start();
    c.initialize();
    open(&mut c, SMALL, SMALL_TEXT);
    c.diagnostics(SMALL, 1);
    let big = "file:///w/big.rbk";
    open(&mut c, big, &slow_runbook(5_000));
    send_request(
        &mut c,
        910,
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": big}}),
    );
    let start = Instant::now();
    c.notify("$/cancelRequest", json!({"id": 910}));
    let mut seen = Vec::new();
    let answer = c.wait_for_noting(|m| m["id"] == 910, &mut seen);
    let waited = start.elapsed();
    assert_eq!(answer["error"]["code"], -32800, "{answer}");
    assert!(
        waited < Duration::from_secs(3),
        "cancelling took {waited:?}"
    );
    assert!(
        !seen
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == big),
        "the request was answered only after the analysis"
    );
    assert!(hover(&mut c, SMALL, 1, 16)["result"]["contents"]
        .to_string()
        .contains("runShellScript"));
    c.shutdown_and_exit();
}

/// A document that embeds a FIFO through `file()` is analysed at once (the
/// FIFO is refused, never opened for reading, as `ssmc check` refuses it),
/// and the other documents are served.
#[test]
fn a_fifo_through_file_is_refused_and_does_not_stop_the_server() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("canonical");
    let status = Command::new("mkfifo")
        .arg(root.join("pipe.sh"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let text = "command Piped {\n  step Run = aws:runShellScript { runCommand: lines file(\"pipe.sh\") }\n}\n";
    let doc = root.join("piped.rbk");
    std::fs::write(&doc, text).expect("write");
    let other = root.join("other.rbk");
    std::fs::write(&other, SMALL_TEXT).expect("write");
    let mut c = Client::start();
    c.initialize_in(&root);
    let uri = format!("file://{}", doc.display());
    let other_uri = format!("file://{}", other.display());
    let start = Instant::now();
    open(&mut c, &uri, text);
    open(&mut c, &other_uri, SMALL_TEXT);
    send_request(
        &mut c,
        920,
        "textDocument/hover",
        json!({"textDocument": {"uri": other_uri}, "position": {"line": 1, "character": 16}}),
    );
    let mut seen = Vec::new();
    let hovered = c.wait_for_noting(|m| m["id"] == 920, &mut seen);
    assert!(
        hovered["result"]["contents"]
            .to_string()
            .contains("runShellScript"),
        "{hovered}"
    );
    let published = |m: &Value| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
    };
    let diags = match seen.iter().find(|m| published(m)) {
        Some(m) => m.clone(),
        None => c.wait_for(published),
    };
    let diags = diags["params"]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .clone();
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "took {:?}",
        start.elapsed()
    );
    assert!(
        diags.iter().any(|d| d["code"] == "E0205"
            && d["message"]
                .as_str()
                .is_some_and(|m| m.contains("`pipe.sh`: not a regular file (it is a FIFO)"))),
        "the FIFO is refused as `ssmc check` refuses it: {diags:?}"
    );
    c.shutdown_and_exit();
}

/// A document over the 4 MiB limit gets one diagnostic and no analysis,
/// in bounded memory; cut back under the limit, it is analysed again. A
/// message over the framing limit (a 40 MB document) is refused unread.
#[test]
fn documents_over_the_limit_get_one_diagnostic_in_bounded_memory() {
    let mut c = Client::start();
    c.initialize();
    let uri = "file:///w/huge.rbk";
    let mut text = String::from(SMALL_TEXT);
    text.push_str(&"// padding\n".repeat(5 * 1024 * 1024 / 11));
    assert!(text.len() > 5 * 1024 * 1024);
    open(&mut c, uri, &text);
    let diags = c.diagnostics(uri, 1);
    assert_eq!(diags.len(), 1, "{diags:?}");
    let message = diags[0]["message"].as_str().expect("message");
    assert!(
        message.contains(&format!("is {} bytes", text.len())) && message.contains("over 4 MiB"),
        "{message}"
    );
    assert_eq!(hover(&mut c, uri, 1, 16)["result"], Value::Null);
    // An edit that keeps it over the limit: the same one diagnostic.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{
            "range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}},
            "text": "// more\n"}]}),
    );
    assert_eq!(c.diagnostics(uri, 2).len(), 1);
    // A 40 MB document is over the framing limit: refused without being kept.
    let huge = "// padding\n".repeat(40 * 1024 * 1024 / 11);
    open(&mut c, "file:///w/enormous.rbk", &huge);
    let refused = c.wait_for(|m| m["error"]["code"] == -32700);
    assert_eq!(refused["id"], Value::Null, "{refused}");
    // Cut back under the limit: analysed again.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": SMALL_TEXT}]}),
    );
    let diags = c.diagnostics(uri, 3);
    assert!(
        diags.iter().all(|d| d["severity"] != 1),
        "analysed, not refused: {diags:?}"
    );
    assert!(hover(&mut c, uri, 1, 16)["result"]["contents"]
        .to_string()
        .contains("runShellScript"));
    let peak = peak_rss_kib(c.pid());
    assert!(
        peak < 256 * 1024,
        "the server's peak memory was {peak} KiB for a 5 MB and a 40 MB document"
    );
    c.shutdown_and_exit();
}

/// Twenty edits in a burst while the document's analysis is slow: the
/// diagnostics published are those of the newest version only.
#[test]
fn a_burst_of_edits_publishes_only_the_newest_version() {
    let mut c = Client::start();
    c.initialize();
    let uri = "file:///w/slow.rbk";
    open(&mut c, uri, &slow_runbook(5_000));
    for version in 2..=21 {
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                "text": "// edit\n"}]}),
        );
    }
    let mut seen = Vec::new();
    c.wait_for_noting(
        |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == 21
        },
        &mut seen,
    );
    let older: Vec<&Value> = seen
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .map(|m| &m["params"]["version"])
        .collect();
    assert!(older.is_empty(), "published for older versions: {older:?}");
    c.shutdown_and_exit();
}
