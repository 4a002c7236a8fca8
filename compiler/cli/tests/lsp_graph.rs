//! End to end: the `ssmc/graph` request of `ssmc lsp` (docs/lsp.md), against
//! the real binary over stdio, as the VS Code graph panel sends it.
//!
//! Asserts: an open runbook's unsaved text is drawn (SVG with one
//! `data-step` per step) and each node's range is the step name's place; an
//! SSM document the editor never opened is read from its `file:` URI; a file
//! with syntax errors answers `null`; the server keeps serving.

mod common;

use serde_json::{json, Value};

use common::lsp_client::Client;

fn graph(c: &mut Client, uri: &str) -> Value {
    c.request("ssmc/graph", json!({"textDocument": {"uri": uri}}))
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
    let scratch = common::Scratch::new("lsp-graph");
    let dir = scratch.to_path_buf();
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut c = Client::start();
    c.initialize_in(&dir);

    // An open runbook: the unsaved text is what is drawn.
    let uri = format!("file://{}/flow.rbk", dir.display());
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "ssmc", "version": 1, "text": RUNBOOK}}),
    );
    let r = graph(&mut c, &uri);
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
    let r = graph(&mut c, &format!("file://{}", doc.display()));
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
    let r = graph(&mut c, &uri);
    assert_eq!(r["result"], Value::Null, "{r}");
    let r = graph(&mut c, "file:///no/such/file.rbk");
    assert_eq!(r["result"], Value::Null, "{r}");
    c.shutdown_and_exit();
    let _ = std::fs::remove_dir_all(&dir);
}
