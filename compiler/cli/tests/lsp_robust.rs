//! The language server against a client that sends anything (issue 18,
//! items 4 and 5), end to end over stdio: malformed messages and framing
//! errors are answered with JSON-RPC errors and the server keeps serving;
//! the exit code follows the protocol; a slow document never holds up the
//! others; documents over the size limit are not analysed; `initialize`
//! answers when `ssmc.toml` is a FIFO. See docs/robustness.md.

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

fn hover(c: &mut Client, uri: &str, line: u32, character: u32) -> Value {
    c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    )
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

/// A runbook of `steps` steps: large enough that analysing it takes a while.
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

#[test]
fn a_slow_document_does_not_hold_up_another() {
    let mut c = Client::start();
    c.initialize();
    open(&mut c, SMALL, SMALL_TEXT);
    c.diagnostics(SMALL, 1);
    let big = "file:///w/big.rbk";
    let text = slow_runbook(10_000);
    assert!(text.len() < 4 * 1024 * 1024);
    open(&mut c, big, &text);
    // While the big one is analysed, the small one is hovered at once.
    let start = Instant::now();
    c.send(
        &json!({"jsonrpc": "2.0", "id": 999, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": SMALL}, "position": {"line": 1, "character": 16}}}),
    );
    let mut seen = Vec::new();
    let answer = c.wait_for_noting(|m| m["id"] == 999, &mut seen);
    let waited = start.elapsed();
    assert!(
        answer["result"]["contents"]
            .to_string()
            .contains("runShellScript"),
        "{answer}"
    );
    let big_published = seen
        .iter()
        .any(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == big);
    assert!(
        !big_published,
        "the hover was answered only after the big document's analysis (in {waited:?})"
    );
    assert!(waited < Duration::from_secs(5), "the hover took {waited:?}");
    // The big one is analysed all the same.
    c.diagnostics(big, 1);
    c.shutdown_and_exit();
}

#[test]
fn documents_over_the_limit_get_one_diagnostic_and_no_analysis() {
    let mut c = Client::start();
    c.initialize();
    let uri = "file:///w/huge.rbk";
    let mut text = String::from(SMALL_TEXT);
    text.push_str(&"// padding\n".repeat(4 * 1024 * 1024 / 11 + 1));
    assert!(text.len() > 4 * 1024 * 1024);
    open(&mut c, uri, &text);
    let diags = c.diagnostics(uri, 1);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "too-large");
    assert!(
        diags[0]["message"]
            .as_str()
            .expect("message")
            .contains("over the 4194304 bytes"),
        "{}",
        diags[0]
    );
    assert_eq!(hover(&mut c, uri, 1, 16)["result"], Value::Null);
    // Cut back under the limit: analysed again.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": SMALL_TEXT}]}),
    );
    let diags = c.diagnostics(uri, 2);
    assert!(diags.iter().all(|d| d["code"] != "too-large"), "{diags:?}");
    assert!(hover(&mut c, uri, 1, 16)["result"]["contents"]
        .to_string()
        .contains("runShellScript"));
    c.shutdown_and_exit();
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
        diags.iter().any(|d| d["code"] == "ssmc.toml"),
        "the unreadable ssmc.toml is reported: {diags:?}"
    );
    c.shutdown_and_exit();
}
