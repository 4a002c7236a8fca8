//! End to end: running a runbook's tests from the editor (docs/lsp.md,
//! "Running tests"), against the real `ssmc lsp` over stdio.
//!
//! Asserts: the server lists `ssmc.runTests` in `executeCommandProvider`; a
//! runbook with a test file beside it gets a "Run tests" lens; the command
//! runs the file against the runbook's unsaved text, answers the counts and
//! publishes the failure on the test file's `expect.path`; a broken test
//! file is a diagnostic and the server keeps serving.

mod common;

use serde_json::{json, Value};

use common::lsp_client::Client;
use common::{percent_encode_path, Scratch};

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

const TESTS: &str = "runbook = \"flow.rbk\"

[[test]]
name = \"prod is careful\"
inputs = { Env = \"prod\" }
expect.path = [\"Route\", \"Careful\"]
expect.status = \"Success\"
";

/// Runs `ssmc.runTests` with `argument`: its answer, and the diagnostics it
/// published on `tests_uri` (sent before or after the answer: both are seen).
fn run_tests(c: &mut Client, argument: &Value, tests_uri: &str) -> (Value, Vec<Value>) {
    let mut seen = Vec::new();
    c.send(
        &json!({"jsonrpc": "2.0", "id": 9000, "method": "workspace/executeCommand",
                   "params": {"command": "ssmc.runTests", "arguments": [argument]}}),
    );
    let answer = c.wait_for_noting(
        |m| m.get("id") == Some(&json!(9000)) && m.get("method").is_none(),
        &mut seen,
    );
    if answer.get("error").is_some() {
        return (answer, Vec::new());
    }
    let ours = |m: &Value| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == tests_uri
    };
    let published = match seen.iter().rev().find(|m| ours(m)) {
        Some(m) => m.clone(),
        None => c.wait_for(ours),
    };
    let diagnostics = published["params"]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .clone();
    (answer, diagnostics)
}

#[test]
fn run_tests_lens_and_command_publish_failures_on_the_test_file() {
    let dir = Scratch::new("lsp-tests");
    std::fs::write(dir.join("ssmc.toml"), "").expect("ssmc.toml");
    std::fs::write(dir.join("flow.rbk"), RUNBOOK).expect("runbook");
    std::fs::write(dir.join("flow.test.toml"), TESTS).expect("tests");
    let uri = format!("file://{}", percent_encode_path(&dir.join("flow.rbk")));
    let tests_uri = format!(
        "file://{}",
        percent_encode_path(&dir.join("flow.test.toml"))
    );

    let mut c = Client::start();
    let init = c.initialize_in(&dir);
    assert_eq!(
        init["result"]["capabilities"]["executeCommandProvider"]["commands"],
        json!(["ssmc.runTests"])
    );
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "ssmc", "version": 1, "text": RUNBOOK}}),
    );
    c.diagnostics(&uri, 1);
    let lenses = c.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    let run_lens = lenses["result"]
        .as_array()
        .expect("lenses")
        .iter()
        .find(|l| l["command"]["command"] == "ssmc.runTests")
        .unwrap_or_else(|| panic!("a Run tests lens: {lenses}"))
        .clone();
    assert_eq!(run_lens["command"]["title"], "Run tests");
    assert_eq!(run_lens["command"]["arguments"], json!([uri]));

    let (passed, diags) = run_tests(&mut c, &json!(uri), &tests_uri);
    assert_eq!(
        passed["result"],
        json!({"testFile": tests_uri, "passed": 1, "failed": 0, "errors": 0}),
        "{passed}"
    );
    assert_eq!(diags, Vec::<Value>::new());

    // Unsaved: prod no longer asks for approval.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"text": RUNBOOK.replace("-> Careful", "-> Quick")}]}),
    );
    c.diagnostics(&uri, 2);
    let (failed, diags) = run_tests(&mut c, &json!(uri), &tests_uri);
    assert_eq!(failed["result"]["failed"], 1, "{failed}");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(
        diags[0]["range"]["start"]["line"], 5,
        "on expect.path: {diags:?}"
    );
    let message = diags[0]["message"].as_str().expect("message");
    assert!(
        message.contains("Careful") && message.contains("Quick"),
        "{message}"
    );

    // A broken test file: a diagnostic, and the server still answers.
    std::fs::write(dir.join("flow.test.toml"), "runbook = [\n[[test").expect("break it");
    let (broken, diags) = run_tests(&mut c, &json!(uri), &tests_uri);
    assert!(
        broken["result"]["errors"].as_u64().is_some_and(|n| n > 0),
        "{broken}"
    );
    assert!(!diags.is_empty(), "{diags:?}");
    let (unknown, _) = run_tests(&mut c, &json!(42), &tests_uri);
    assert!(unknown["error"].is_object(), "{unknown}");
    let lenses = c.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(
        lenses["result"].is_array(),
        "the server keeps serving: {lenses}"
    );
    c.shutdown_and_exit();
}
