//! The language server against a client that sends anything (issue 18,
//! items 4 and 5), end to end over stdio: malformed messages and framing
//! errors are answered with JSON-RPC errors and the server keeps serving;
//! the exit code follows the protocol; `initialize` answers when
//! `ssmc.toml` is a FIFO. See docs/robustness.md.

mod common;

use std::process::Command;

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
