//! End-to-end tests of `ssmc lsp`: the real binary as a child process,
//! spoken to over stdio in JSON-RPC as an editor would. Every wait has a
//! timeout and the child is killed on drop, so a hung server fails the test
//! instead of hanging CI.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const TIMEOUT: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads `Content-Length` framed messages until the stream ends.
fn read_messages(stdout: impl Read, tx: std::sync::mpsc::Sender<Value>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut len = None;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                len = v.parse::<usize>().ok();
            }
        }
        let Some(len) = len else { return };
        let mut body = vec![0u8; len];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let Ok(v) = serde_json::from_slice(&body) else {
            return;
        };
        if tx.send(v).is_err() {
            return;
        }
    }
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ssmc"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start ssmc lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || read_messages(stdout, tx));
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
        }
    }

    fn send(&mut self, msg: &Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response (skipping other messages).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let msg = self
                .rx
                .recv_timeout(left)
                .expect("the server answered before the timeout");
            if pred(&msg) {
                return msg;
            }
        }
    }

    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let msg = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        msg["params"]["diagnostics"]
            .as_array()
            .expect("diagnostics array")
            .clone()
    }

    fn initialize(&mut self) -> Value {
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        self.notify("initialized", json!({}));
        r
    }

    fn shutdown_and_exit(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                assert!(status.success(), "exit status {status:?}");
                return;
            }
            assert!(Instant::now() < deadline, "server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

const URI: &str = "file:///tmp/ssmc-lsp-test/restart.rbk";

#[test]
fn diagnostics_change_hover_format_symbols_over_stdio() {
    let mut c = Client::start();
    let init = c.initialize();
    let caps = &init["result"]["capabilities"];
    assert_eq!(
        caps["textDocumentSync"],
        json!(2),
        "incremental sync: {init}"
    );
    assert_eq!(caps["hoverProvider"], json!(true));

    // Broken: an unknown action.
    // Lint-clean once the action is fixed (description, assume_role, tags).
    let broken = concat!(
        "/// Stops an instance.\n",
        "automation Restart {\n",
        "  assume_role Role\n",
        "  tags { Team: \"ops\", Function: \"restart\", Environment: \"all\" }\n",
        "  /// The role.\n",
        "  param Role: AWS::IAM::Role::Arn\n",
        "  /// The instance.\n",
        "  param Id: String\n",
        "  step Stop = aws:stopp { Service: \"ec2\", Api: \"StopInstances\", InstanceIds: [Id] }\n",
        "}\n",
    );
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "ssmc", "version": 1, "text": broken}}),
    );
    let diags = c.diagnostics(URI, 1);
    assert!(!diags.is_empty(), "the broken runbook has an error");
    let d = &diags[0];
    assert!(
        d["message"]
            .as_str()
            .expect("message")
            .contains("aws:stopp"),
        "{d}"
    );
    assert_eq!(d["severity"], json!(1));
    assert_eq!(d["range"]["start"]["line"], json!(8), "{d}");
    let col = "  step Stop = ".len();
    assert_eq!(d["range"]["start"]["character"], json!(col), "{d}");

    // Incremental fix: replace `aws:stopp` with `aws:executeAwsApi`.
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": URI, "version": 2},
            "contentChanges": [{
                "range": {"start": {"line": 8, "character": col}, "end": {"line": 8, "character": col + "aws:stopp".len()}},
                "text": "aws:executeAwsApi"
            }]
        }),
    );
    let diags = c.diagnostics(URI, 2);
    assert!(diags.is_empty(), "fixed (checker and linter): {diags:?}");

    // Hover on the parameter reference `Id` inside `[Id]`.
    let line = "  step Stop = aws:executeAwsApi { Service: \"ec2\", Api: \"StopInstances\", InstanceIds: [Id] }";
    let col = line.find("[Id]").expect("ref") + 1;
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 8, "character": col}}),
    );
    let text = hover["result"]["contents"]["value"]
        .as_str()
        .expect("hover text");
    assert!(
        text.contains("param Id: String") && text.contains("The instance."),
        "{hover}"
    );

    // Go to definition of the same reference: the param's name on line 7.
    let def = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": URI}, "position": {"line": 8, "character": col}}),
    );
    assert_eq!(
        def["result"]["range"]["start"],
        json!({"line": 7, "character": 8}),
        "{def}"
    );

    // Completion of the action name after `step Stop = aws:ex`.
    let at = "  step Stop = aws:ex".len();
    let comp = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": URI}, "position": {"line": 8, "character": at}}),
    );
    let labels: Vec<&str> = comp["result"]
        .as_array()
        .expect("completion items")
        .iter()
        .map(|i| i["label"].as_str().expect("label"))
        .collect();
    assert!(labels.contains(&"aws:executeAwsApi"), "{labels:?}");
    assert!(
        !labels.contains(&"step"),
        "only actions after `=`: {labels:?}"
    );

    // Symbols: the document with its param and step.
    let syms = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let doc = &syms["result"][0];
    assert_eq!(doc["name"], json!("Restart"), "{syms}");
    let children: Vec<&str> = doc["children"]
        .as_array()
        .expect("children")
        .iter()
        .map(|c| c["name"].as_str().expect("name"))
        .collect();
    assert_eq!(children, ["Role", "Id", "Stop"]);

    // Formatting: the text is already canonical except the long step line; any edit must parse back.
    let fmt = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": URI}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert!(fmt.get("error").is_none(), "{fmt}");
    assert!(fmt["result"].is_array(), "{fmt}");

    c.shutdown_and_exit();
}

#[test]
fn formatting_a_badly_indented_file_and_refusing_a_broken_one() {
    let mut c = Client::start();
    c.initialize();
    let uri = "file:///tmp/ssmc-lsp-test/fmt.rbk";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "ssmc", "version": 1,
               "text": "automation X {\n      param P: String\n}\n"}}),
    );
    c.diagnostics(uri, 1);
    let fmt = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(
        fmt["result"][0]["newText"],
        json!("automation X {\n  param P: String\n}\n"),
        "{fmt}"
    );
    assert_eq!(
        fmt["result"][0]["range"]["end"],
        json!({"line": 3, "character": 0})
    );

    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"text": "automation X {\n  param P: \n"}]}),
    );
    assert!(!c.diagnostics(uri, 2).is_empty());
    let fmt = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(
        fmt["result"],
        Value::Null,
        "no edit for a file with syntax errors: {fmt}"
    );
    c.shutdown_and_exit();
}

/// A small deterministic generator (no dependency needed for fuzz-ish input).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn garbage_positions_and_edits_do_not_kill_the_server() {
    let mut c = Client::start();
    c.initialize();
    let uri = "file:///tmp/ssmc-lsp-test/fuzz.rbk";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "ssmc", "version": 1,
               "text": "automation X {\n  param P: String\n  step A = aws:sleep { Duration: \"{{ P }}\" }\n}\n"}}),
    );
    c.diagnostics(uri, 1);
    let pieces = [
        "{", "}", "step ", "= aws:", "\"", "é😀", "\n", "{{ P }}", "if ", "goto A", "", "///x\n",
        "\"\"\"\n",
    ];
    let mut rng = Lcg(7);
    for version in 2..80i64 {
        let n = |r: &mut Lcg, m: u64| r.next() % m;
        let pos = |r: &mut Lcg| json!({"line": n(r, 8), "character": n(r, 60)});
        let (start, end) = (pos(&mut rng), pos(&mut rng));
        let text = pieces[n(&mut rng, pieces.len() as u64) as usize];
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": {"start": start, "end": end}, "text": text}]}),
        );
        let position = if version % 5 == 0 {
            json!({"line": u32::MAX, "character": u32::MAX})
        } else {
            pos(&mut rng)
        };
        for method in [
            "textDocument/hover",
            "textDocument/definition",
            "textDocument/completion",
        ] {
            let r = c.request(
                method,
                json!({"textDocument": {"uri": uri}, "position": position}),
            );
            assert!(r.get("result").is_some() || r.get("error").is_some(), "{r}");
        }
        if version % 10 == 0 {
            for method in ["textDocument/documentSymbol", "textDocument/foldingRange"] {
                let r = c.request(method, json!({"textDocument": {"uri": uri}}));
                assert!(r.get("result").is_some(), "{r}");
            }
        }
    }
    // A request about a document never opened, and malformed params.
    let r = c.request("textDocument/hover", json!({"textDocument": {"uri": "file:///nope.rbk"}, "position": {"line": 0, "character": 0}}));
    assert_eq!(r["result"], Value::Null);
    let r = c.request("textDocument/hover", json!({"bogus": true}));
    assert!(r.get("error").is_some(), "{r}");
    // Still alive and answering.
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(r.get("result").is_some(), "{r}");
    c.shutdown_and_exit();
}
