//! End to end: `ssmc lsp` honours `[aws-api] models` of the workspace
//! folder's `ssmc.toml`, as `ssmc check` does, reading nothing outside it.
//!
//! Asserts: with the model listed, a step calling the model's service gets
//! the model's findings (an enum value) and no unknown-service error; with a
//! model path that leaves the workspace folder (a file that exists there) or a
//! broken model, the service stays unknown and the server keeps serving.

mod common;

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use common::lsp_client::Client;

const RUNBOOK: &str = "automation Widgets {
  step Get = aws:executeAwsApi { Service: \"newsvc\", Api: \"GetWidget\", WidgetId: \"w-1\", Colour: \"PURPLE\" }
}
";

/// The workspace folder `ws` and the guard of the scratch folder holding it.
fn workspace(name: &str, config: &str) -> (common::Scratch, PathBuf) {
    let base = common::Scratch::new(&format!("lsp-aws-{name}"));
    let dir = base.join("ws");
    std::fs::create_dir_all(dir.join("models")).expect("temp dir");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/src/awsapi/botocore/newsvc.json");
    std::fs::copy(&fixture, dir.join("models/newsvc.json")).expect("copy");
    // The same model outside the workspace folder, which the server must not read.
    std::fs::copy(&fixture, base.join("newsvc.json")).expect("copy");
    std::fs::write(dir.join("models/broken.json"), "{\"shapes\": ").expect("write");
    std::fs::write(dir.join("ssmc.toml"), config).expect("write");
    (base, dir)
}

fn codes(dir: &Path) -> Vec<String> {
    let mut c = Client::start();
    c.initialize_in(dir);
    let uri = format!("file://{}/w.rbk", dir.display());
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "ssmc", "version": 1, "text": RUNBOOK}}),
    );
    let diags = c.diagnostics(&uri, 1);
    c.shutdown_and_exit();
    diags
        .iter()
        .map(|d: &Value| format!("{} {}", d["code"].as_str().unwrap_or(""), d["message"]))
        .collect()
}

#[test]
fn the_workspace_models_reach_the_diagnostics() {
    let (_scratch, dir) = workspace("ok", "[aws-api]\nmodels = [\"models/newsvc.json\"]\n");
    let found = codes(&dir);
    assert!(
        found
            .iter()
            .any(|d| d.starts_with("E1032") && d.contains("PURPLE")),
        "{found:?}"
    );
    assert!(!found.iter().any(|d| d.starts_with("E1027")), "{found:?}");
}

#[test]
fn models_outside_the_workspace_or_broken_are_not_used() {
    for config in [
        "[aws-api]\nmodels = [\"../newsvc.json\"]\n",
        "[aws-api]\nmodels = [\"models/broken.json\"]\n",
    ] {
        let (_scratch, dir) = workspace("bad", config);
        let found = codes(&dir);
        assert!(
            found.iter().any(|d| d.starts_with("E1027")),
            "{config}: {found:?}"
        );
    }
}
