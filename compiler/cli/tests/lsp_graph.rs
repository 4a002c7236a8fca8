//! End to end: the `ssmc/graph` request of `ssmc lsp` (docs/lsp.md), against
//! the real binary over stdio, as the VS Code graph panel sends it.
//!
//! Asserts: an open runbook's unsaved text is drawn (SVG with one
//! `data-step` per step) and each node's range is the step name's place; an
//! SSM document the editor never opened is read from its `file:` URI; a file
//! with syntax errors answers `null`; the server keeps serving.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, Sender};
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

fn read_messages(stdout: impl Read, tx: Sender<Value>) {
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
    /// Starts the server with `root` as its workspace folder: the server reads
    /// no file from disk outside its workspace.
    fn start(root: &std::path::Path) -> Client {
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
        let mut c = Client {
            child,
            stdin,
            rx,
            next_id: 1,
        };
        c.request(
            "initialize",
            json!({"processId": null, "rootUri": format!("file://{}", root.display()), "capabilities": {}}),
        );
        c.notify("initialized", json!({}));
        c
    }

    fn send(&mut self, msg: &Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let msg = self
                .rx
                .recv_timeout(left)
                .expect("an answer before the timeout");
            if msg.get("id") == Some(&json!(id)) && msg.get("method").is_none() {
                return msg;
            }
        }
    }

    fn graph(&mut self, uri: &str) -> Value {
        self.request("ssmc/graph", json!({"textDocument": {"uri": uri}}))
    }
}

const RUNBOOK: &str = "automation Flow {
  param Env: String = \"dev\"

  step Route = branch {
    when Env == \"prod\" -> Careful
    else -> Quick
  }

  step Careful = aws:approve { Approvers: [\"arn:aws:iam::123456789012:role/Ops\"] }
  end

  step Quick = aws:sleep { Duration: \"PT1S\" }
}
";

/// (line, character) of `needle` in `text` (ASCII).
fn place(text: &str, needle: &str) -> (u64, u64) {
    let at = text.find(needle).expect("needle in text");
    let before = &text[..at];
    let line = before.matches('\n').count() as u64;
    let col = (at - before.rfind('\n').map_or(0, |i| i + 1)) as u64;
    (line, col)
}

#[test]
fn graph_request_draws_open_runbooks_and_documents_on_disk() {
    let dir = std::env::temp_dir().join(format!("ssmc-lsp-graph-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut c = Client::start(&dir);

    // An open runbook: the unsaved text is what is drawn.
    let uri = format!("file://{}/flow.rbk", dir.display());
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "ssmc", "version": 1, "text": RUNBOOK}}),
    );
    let r = c.graph(&uri);
    let result = &r["result"];
    let svg = result["svg"]
        .as_str()
        .unwrap_or_else(|| panic!("an SVG: {r}"));
    assert!(svg.starts_with("<svg "), "{svg}");
    for step in ["Route", "Careful", "Quick"] {
        assert!(
            svg.contains(&format!("data-step=\"{step}\"")),
            "{step} in {svg}"
        );
    }
    assert!(svg.contains("Env == &quot;prod&quot;"), "the choice label");
    let nodes = result["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len(), 3, "{nodes:?}");
    for node in nodes {
        let step = node["step"].as_str().expect("step");
        let (line, col) = place(RUNBOOK, &format!("step {step} ="));
        assert_eq!(
            node["range"]["start"],
            json!({"line": line, "character": col + 5}),
            "{step}"
        );
        assert_eq!(
            node["range"]["end"],
            json!({"line": line, "character": col + 5 + step.len() as u64}),
            "{step}"
        );
    }

    // An SSM document the editor never opened: read from disk.
    let doc = dir.join("doc.json");
    std::fs::write(
        &doc,
        "{\"schemaVersion\": \"0.3\", \"mainSteps\": [\n  {\"name\": \"Only\", \"action\": \"aws:sleep\", \"inputs\": {\"Duration\": \"PT1S\"}, \"nextStep\": \"Nowhere\"}\n]}\n",
    )
    .expect("write");
    let r = c.graph(&format!("file://{}", doc.display()));
    let svg = r["result"]["svg"]
        .as_str()
        .unwrap_or_else(|| panic!("an SVG: {r}"));
    assert!(svg.contains("data-step=\"Only\""));
    assert!(
        svg.contains("class=\"node missing\""),
        "the dangling target is drawn"
    );
    assert_eq!(
        r["result"]["nodes"][0]["range"]["start"],
        json!({"line": 1, "character": 11})
    );

    // Syntax errors: nothing to draw, and the server goes on.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "automation {"}]}),
    );
    let r = c.graph(&uri);
    assert_eq!(r["result"], Value::Null, "{r}");
    let r = c.graph("file:///no/such/file.rbk");
    assert_eq!(r["result"], Value::Null, "{r}");
    let r = c.request("shutdown", Value::Null);
    assert!(r.get("error").is_none(), "{r}");
    let _ = std::fs::remove_dir_all(&dir);
}
