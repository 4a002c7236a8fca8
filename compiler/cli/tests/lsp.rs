//! End-to-end tests of `ssmc lsp`: the real binary as a child process,
//! spoken to over stdio in JSON-RPC as an editor would. Every wait has a
//! timeout and the child is killed on drop, so a hung server fails the test
//! instead of hanging CI.

mod common;

use serde_json::{json, Value};

use common::lsp_client::Client;

const URI: &str = "file:///tmp/ssmc-lsp-test/restart.rbk";

#[test]
fn diagnostics_change_hover_format_symbols_over_stdio() {
    let mut c = Client::start();
    let init = c.initialize();
    let caps = &init["result"]["capabilities"];
    assert_eq!(
        caps["textDocumentSync"]["change"],
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
    let labels = c.completion_labels(
        json!({"textDocument": {"uri": URI}, "position": {"line": 8, "character": at}}),
    );
    assert!(
        labels.iter().any(|l| l == "aws:executeAwsApi"),
        "{labels:?}"
    );
    assert!(
        !labels.iter().any(|l| l == "step"),
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

fn open(c: &mut Client, uri: &str, text: &str) -> Vec<Value> {
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "ssmc", "version": 1, "text": text}}),
    );
    c.diagnostics(uri, 1)
}

fn at(uri: &str, line: usize, character: usize) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

/// The (line, character) of the `nth` occurrence of `needle` in `text`, plus `delta` characters (ASCII text).
fn pos_of(text: &str, needle: &str, nth: usize, delta: usize) -> (usize, usize) {
    let mut from = 0;
    let mut found = 0;
    for _ in 0..=nth {
        found = from + text[from..].find(needle).expect("needle in text");
        from = found + 1;
    }
    let line = text[..found].matches('\n').count();
    let col = found - text[..found].rfind('\n').map_or(0, |i| i + 1);
    (line, col + delta)
}

const FLOW: &str = "automation Restart {\n  param InstanceId: String\n  step Stop = aws:executeAwsApi { Service: \"ec2\", Api: \"StopInstances\", InstanceIds: [InstanceId] }\n    outputs { State: String = \"$.StoppingInstances[0].CurrentState.Name\" }\n  step Check = if Stop.State == \"stopped\" {\n    step Note = aws:executeScript { Runtime: \"python3.11\", Handler: \"main\", Script: \"\"\"\n      def main(events, context):\n          return \"{{ InstanceId }} {{ Stop.State }}\"\n      \"\"\" }\n  } else {\n    goto Stop\n  } timeout 1h\n}\n";

#[test]
fn references_rename_and_stdlib_definition_over_stdio() {
    let mut c = Client::start();
    let init = c.initialize();
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["referencesProvider"], json!(true), "{init}");
    assert_eq!(
        caps["renameProvider"]["prepareProvider"],
        json!(true),
        "{init}"
    );
    let uri = "file:///tmp/ssmc-lsp-test/flow.rbk";
    let diags = open(&mut c, uri, FLOW);
    assert!(
        diags.iter().all(|d| d["severity"] != json!(1)),
        "no errors: {diags:?}"
    );

    // References of the step `Stop` from `goto Stop`: declaration, condition, script, goto.
    let (l, ch) = pos_of(FLOW, "goto Stop", 0, 6);
    let mut params = at(uri, l, ch);
    params["context"] = json!({"includeDeclaration": true});
    let refs = c.request("textDocument/references", params);
    let lines: Vec<u64> = refs["result"]
        .as_array()
        .expect("locations")
        .iter()
        .map(|l| l["range"]["start"]["line"].as_u64().expect("line"))
        .collect();
    assert_eq!(lines, [2, 4, 7, 10], "{refs}");

    // prepareRename on the parameter inside the script's `{{ InstanceId }}`.
    let (l, ch) = pos_of(FLOW, "{{ InstanceId", 0, 4);
    let prep = c.request("textDocument/prepareRename", at(uri, l, ch));
    assert_eq!(prep["result"]["placeholder"], json!("InstanceId"), "{prep}");
    assert_eq!(
        prep["result"]["range"]["start"],
        json!({"line": l, "character": ch - 1}),
        "{prep}"
    );
    let mut params = at(uri, l, ch);
    params["newName"] = json!("Target");
    let rename = c.request("textDocument/rename", params);
    let edits = rename["result"]["changes"][uri].as_array().expect("edits");
    assert_eq!(
        edits.len(),
        3,
        "declaration, [InstanceId], script: {rename}"
    );
    assert!(edits.iter().all(|e| e["newText"] == json!("Target")));

    // Renaming an action is refused with a message.
    let (l, ch) = pos_of(FLOW, "aws:executeAwsApi", 0, 3);
    let prep = c.request("textDocument/prepareRename", at(uri, l, ch));
    assert!(
        prep["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("action")),
        "{prep}"
    );

    // Go to definition of a stdlib action: an ssmc-stdlib: URI whose text the server serves.
    let def = c.request("textDocument/definition", at(uri, l, ch));
    let target = def["result"]["uri"].as_str().expect("uri").to_string();
    assert_eq!(
        target, "ssmc-stdlib:///actions/automation/aws-api.rbk",
        "{def}"
    );
    let src = c.request("ssmc/stdlibSource", json!({"uri": target}));
    let text = src["result"]["text"].as_str().expect("text");
    let line = def["result"]["range"]["start"]["line"]
        .as_u64()
        .expect("line") as usize;
    assert!(
        text.lines()
            .skip(line)
            .take(3)
            .any(|l| l.contains("action \"aws:executeAwsApi\"")),
        "{def}"
    );
    let bad = c.request("ssmc/stdlibSource", json!({"uri": "file:///etc/passwd"}));
    assert!(bad.get("error").is_some(), "{bad}");
    c.shutdown_and_exit();
}

#[test]
fn actions_declared_in_other_files_over_stdio() {
    let scratch = common::Scratch::new("lsp-ws");
    let dir = scratch.to_path_buf();
    std::fs::create_dir_all(dir.join("lib")).expect("temp dir");
    let lib = "/// Restarts the thing.\nextern action \"aws:restartThing\" for automation {\n  input Name: String required\n}\n";
    std::fs::write(dir.join("lib/actions.rbk"), lib).expect("write lib");
    let user = "automation X {\n  step A = aws:restartThing { Name: \"web\" }\n}\n";
    let root = format!("file://{}", dir.display());
    let user_uri = format!("{root}/user.rbk");
    let lib_uri = format!("{root}/lib/actions.rbk");

    let mut c = Client::start();
    let r = c.request(
        "initialize",
        json!({"processId": null, "rootUri": root, "capabilities": {}}),
    );
    assert!(r.get("result").is_some(), "{r}");
    c.notify("initialized", json!({}));
    // The library is only on disk: the workspace scan finds it.
    let diags = open(&mut c, &user_uri, user);
    assert!(
        diags.iter().all(|d| d["severity"] != json!(1)),
        "the action is known: {diags:?}"
    );
    let def = c.request("textDocument/definition", at(&user_uri, 1, 13));
    assert_eq!(def["result"]["uri"], json!(lib_uri), "{def}");

    // Open the library and drop the declaration: the user file gets an error, unsaved.
    open(&mut c, &lib_uri, lib);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": lib_uri, "version": 2},
               "contentChanges": [{"text": "// nothing declared\n"}]}),
    );
    let msg = c.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == json!(user_uri)
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["severity"] == json!(1)))
    });
    assert!(
        msg["params"]["diagnostics"]
            .to_string()
            .contains("aws:restartThing"),
        "{msg}"
    );
    c.shutdown_and_exit();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn code_actions_semantic_tokens_and_inlay_hints_over_stdio() {
    let mut c = Client::start();
    let init = c.initialize();
    let legend = &init["result"]["capabilities"]["semanticTokensProvider"]["legend"];
    let types: Vec<&str> = legend["tokenTypes"]
        .as_array()
        .expect("legend")
        .iter()
        .map(|t| t.as_str().expect("type"))
        .collect();
    let uri = "file:///tmp/ssmc-lsp-test/actions.rbk";
    let text = "automation Hello {\n  param P: String\n  step Run = aws:executeScript { Runtime: \"python3.6\", Handler: \"main\", Script: \"{{ P }}\" } timeout 1h\n}\n";
    let diags = open(&mut c, uri, text);
    let deprecated = diags
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .is_some_and(|m| m.contains("deprecated"))
        })
        .expect("deprecated-runtime finding")
        .clone();

    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": deprecated["range"],
               "context": {"diagnostics": [deprecated]}}),
    );
    let list = actions["result"].as_array().expect("actions");
    // A newer runtime can change what the script does: an unsafe fix,
    // offered but never preferred (`ssmc lint --fix --unsafe-fixes`).
    let fix = list
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.contains("unsafe")))
        .expect("the rule's fix");
    assert_eq!(fix["isPreferred"], json!(false), "{fix}");
    assert_eq!(fix["kind"], json!("quickfix"));
    assert_eq!(
        fix["edit"]["changes"][uri][0]["newText"],
        json!("python3.11"),
        "{fix}"
    );
    let suppress = list
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.contains("suppress")))
        .expect("suppress action");
    assert_eq!(
        suppress["edit"]["changes"][uri][0]["newText"],
        json!("  // ssmc: allow(deprecated-runtime): <reason>\n"),
        "{suppress}"
    );
    assert_eq!(
        suppress["edit"]["changes"][uri][0]["range"]["start"],
        json!({"line": 2, "character": 0})
    );

    // Semantic tokens: decode and find the parameter used inside the string.
    let toks = c.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": uri}}),
    );
    let data: Vec<u64> = toks["result"]["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|v| v.as_u64().expect("number"))
        .collect();
    assert_eq!(data.len() % 5, 0);
    let (mut line, mut col) = (0u64, 0u64);
    let mut decoded = Vec::new();
    for t in data.chunks(5) {
        if t[0] > 0 {
            col = 0;
        }
        line += t[0];
        col += t[1];
        let lines: Vec<&str> = text.lines().collect();
        let word = &lines[line as usize][col as usize..(col + t[2]) as usize];
        decoded.push((word.to_string(), types[t[3] as usize].to_string()));
    }
    assert!(
        decoded.contains(&("P".to_string(), "parameter".to_string())),
        "{decoded:?}"
    );
    assert!(
        decoded.contains(&("automation".to_string(), "keyword".to_string())),
        "{decoded:?}"
    );
    assert_eq!(
        decoded
            .iter()
            .filter(|(w, t)| w == "P" && t == "parameter")
            .count(),
        2,
        "declaration and the use in the string: {decoded:?}"
    );

    let hints = c.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}}}),
    );
    let hint = &hints["result"][0];
    assert_eq!(hint["label"], json!("= 3600s"), "{hints}");
    let after_1h = text.lines().nth(2).expect("line").find("1h").expect("1h") + 2;
    assert_eq!(hint["position"], json!({"line": 2, "character": after_1h}));
    c.shutdown_and_exit();
}

#[test]
fn a_panicking_request_answers_an_error_and_the_server_keeps_serving() {
    let mut c = Client::start_with(&[("SSMC_LSP_TEST_PANIC", "textDocument/hover")]);
    c.initialize();
    let uri = "file:///tmp/ssmc-lsp-test/panic.rbk";
    open(&mut c, uri, FLOW);
    for _ in 0..3 {
        let r = c.request("textDocument/hover", at(uri, 1, 10));
        assert_eq!(r["error"]["code"], json!(-32603), "internal error: {r}");
        let r = c.request("textDocument/definition", at(uri, 2, 88));
        assert_eq!(
            r["result"]["range"]["start"]["line"],
            json!(1),
            "still serving: {r}"
        );
    }
    c.shutdown_and_exit();

    // A panic while analysing: requests answer an error, the server lives on.
    let mut c = Client::start_with(&[("SSMC_LSP_TEST_PANIC", "analysis")]);
    c.initialize();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "ssmc", "version": 1, "text": FLOW}}),
    );
    let r = c.request("textDocument/hover", at(uri, 1, 10));
    assert_eq!(r["error"]["code"], json!(-32603), "{r}");
    let r = c.request("textDocument/hover", at("file:///never-opened.rbk", 0, 0));
    assert_eq!(r["result"], Value::Null, "{r}");
    c.shutdown_and_exit();
}

#[test]
fn rapid_changes_publish_only_the_latest_version() {
    let mut c = Client::start();
    c.initialize();
    let uri = "file:///tmp/ssmc-lsp-test/rapid.rbk";
    open(&mut c, uri, FLOW);
    let last = 40i64;
    for version in 2..=last {
        // Type `x` characters one by one into a comment at the end.
        let text = if version == 2 { "// " } else { "x" };
        let line = FLOW.lines().count();
        let ch = if version == 2 {
            0
        } else {
            3 + (version - 3) as usize
        };
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": {"start": {"line": line, "character": ch},
                                                 "end": {"line": line, "character": ch}}, "text": text}]}),
        );
    }
    let mut published = Vec::new();
    loop {
        let m = c.wait_for(|m| m["method"] == "textDocument/publishDiagnostics");
        let v = m["params"]["version"].as_i64().expect("version");
        published.push(v);
        if v == last {
            break;
        }
    }
    assert!(
        published.windows(2).all(|w| w[0] < w[1]),
        "never an older version after a newer one: {published:?}"
    );
    assert!(
        published.len() < (last - 1) as usize,
        "changes in a burst are analysed together: {published:?}"
    );
    // The final text is what the server holds: a comment line of `x`s.
    let syms = c.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(syms.get("result").is_some());
    c.shutdown_and_exit();
}

/// Every request the server answers, at `pos`.
fn every_request(c: &mut Client, uri: &str, pos: &Value) {
    let doc = json!({"uri": uri});
    let range = json!({"start": pos, "end": pos});
    let requests = [
        (
            "textDocument/hover",
            json!({"textDocument": doc, "position": pos}),
        ),
        (
            "textDocument/definition",
            json!({"textDocument": doc, "position": pos}),
        ),
        (
            "textDocument/completion",
            json!({"textDocument": doc, "position": pos}),
        ),
        (
            "textDocument/references",
            json!({"textDocument": doc, "position": pos, "context": {"includeDeclaration": true}}),
        ),
        (
            "textDocument/prepareRename",
            json!({"textDocument": doc, "position": pos}),
        ),
        (
            "textDocument/rename",
            json!({"textDocument": doc, "position": pos, "newName": "Renamed"}),
        ),
        (
            "textDocument/codeAction",
            json!({"textDocument": doc, "range": range, "context": {"diagnostics": []}}),
        ),
        (
            "textDocument/inlayHint",
            json!({"textDocument": doc, "range": {"start": {"line": 0, "character": 0}, "end": pos}}),
        ),
        (
            "textDocument/semanticTokens/full",
            json!({"textDocument": doc}),
        ),
        ("textDocument/documentSymbol", json!({"textDocument": doc})),
        ("textDocument/foldingRange", json!({"textDocument": doc})),
        (
            "textDocument/formatting",
            json!({"textDocument": doc, "options": {"tabSize": 2, "insertSpaces": true}}),
        ),
    ];
    for (method, params) in requests {
        let r = c.request(method, params);
        assert!(
            r.get("result").is_some() || r["error"]["code"].is_i64(),
            "{method}: {r}"
        );
    }
}

#[test]
fn abuse_random_edits_then_every_request() {
    let mut c = Client::start();
    c.initialize();
    let uri = "file:///tmp/ssmc-lsp-test/abuse.rbk";
    let start = format!("/// é😀 café\n{FLOW}automation Two {{\n  param 𝒫: String\n}}\n");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "ssmc", "version": 1, "text": start}}),
    );
    // Pieces with multi-byte characters, surrogate pairs in UTF-16, unbalanced brackets.
    let pieces = [
        "{",
        "}",
        "step ",
        "= aws:",
        "\"",
        "é😀",
        "\n",
        "{{ InstanceId }}",
        "if ",
        "goto Stop",
        "",
        "///x\n",
        "\"\"\"\n",
        "𝒫",
        "\u{0}",
        "\r\n",
        "timeout 1h",
        "Stop.State",
        "[",
        "]",
    ];
    let mut rng = Lcg(20_251_123);
    for version in 2..150i64 {
        let n = |r: &mut Lcg, m: u64| r.next() % m.max(1);
        // Positions anywhere, including inside surrogate pairs and past the ends.
        let pos = |r: &mut Lcg| match n(r, 10) {
            0 => json!({"line": n(r, 1000), "character": u32::MAX}),
            1 => json!({"line": u32::MAX, "character": n(r, 5)}),
            _ => json!({"line": n(r, 30), "character": n(r, 90)}),
        };
        let (a, b) = (pos(&mut rng), pos(&mut rng));
        let change = if version % 37 == 0 {
            json!({"text": start})
        } else {
            let piece = pieces[n(&mut rng, pieces.len() as u64) as usize];
            json!({"range": {"start": a, "end": b}, "text": piece})
        };
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        if version % 3 == 0 {
            let p = pos(&mut rng);
            every_request(&mut c, uri, &p);
        }
    }
    // Diagnostics of the final version arrive, and the server still answers.
    c.diagnostics(uri, 149);
    every_request(&mut c, uri, &json!({"line": 0, "character": 0}));
    c.shutdown_and_exit();
}

/// The server reads no file outside the workspace it was given: not a
/// not-open document named in `ssmc/graph` (directly or through a symlink),
/// not a `file(…)` include of a document opened from outside.
#[test]
fn nothing_outside_the_workspace_is_read() {
    let scratch = common::Scratch::new("lsp-fence");
    let dir = scratch.to_path_buf();
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("ws")).expect("temp dir");
    std::fs::create_dir_all(dir.join("out")).expect("temp dir");
    let runbook = "automation X {\n  step A = aws:sleep { Duration: \"PT1S\" }\n}\n";
    std::fs::write(dir.join("ws/in.rbk"), runbook).expect("write");
    std::fs::write(dir.join("out/out.rbk"), runbook).expect("write");
    std::fs::write(dir.join("out/s.sh"), "echo secret\n").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("out/out.rbk"), dir.join("ws/link.rbk")).expect("symlink");
    let root = format!("file://{}/ws", dir.display());
    let outside = format!("file://{}/out", dir.display());

    let mut c = Client::start();
    let r = c.request(
        "initialize",
        json!({"processId": null, "rootUri": root, "capabilities": {}}),
    );
    assert!(r.get("result").is_some(), "{r}");
    c.notify("initialized", json!({}));
    let graph =
        |c: &mut Client, uri: &str| c.request("ssmc/graph", json!({"textDocument": {"uri": uri}}));
    let inside = graph(&mut c, &format!("{root}/in.rbk"));
    assert!(inside["result"].is_object(), "{inside}");
    let out = graph(&mut c, &format!("{outside}/out.rbk"));
    assert!(out["result"].is_null(), "{out}");
    #[cfg(unix)]
    {
        let link = graph(&mut c, &format!("{root}/link.rbk"));
        assert!(link["result"].is_null(), "{link}");
    }
    let include = "/// Doc.\ncommand C {\n  /// Step.\n  step Run = aws:runShellScript { runCommand: lines file(\"s.sh\") }\n}\n";
    let diags = open(&mut c, &format!("{outside}/x.rbk"), include);
    assert!(
        diags
            .iter()
            .any(|d| d["message"].to_string().contains("not saved in a folder")),
        "{diags:?}"
    );
    c.shutdown_and_exit();
    let _ = std::fs::remove_dir_all(&dir);
}

const AWS_STEP: &str = "automation Poll {\n  param InstanceId: String\n  step Look = aws:executeAwsApi {\n    Service: \"ec2\",\n    Api: \"describe_inst\",\n    InstanceIds: [InstanceId],\n  }\n    outputs { State: String = \"$.Reservations[0].Instances[0].State.Name\" }\n}\n";

#[test]
fn aws_api_step_completion_and_hover_over_stdio() {
    let mut c = Client::start();
    let init = c.initialize();
    let triggers = &init["result"]["capabilities"]["completionProvider"]["triggerCharacters"];
    assert!(
        triggers
            .as_array()
            .is_some_and(|t| t.contains(&json!("\""))),
        "{init}"
    );
    let uri = "file:///tmp/ssmc-lsp-test/poll.rbk";
    let diags = open(&mut c, uri, AWS_STEP);
    // `describe_inst` is no operation: the checker says so, live.
    assert!(
        diags.iter().any(|d| d["code"] == json!("E1028")),
        "{diags:?}"
    );

    // Completion of the API in the boto3 method style: canonical names, the
    // whole string content replaced, filtered on the author's spelling.
    let (l, ch) = pos_of(AWS_STEP, "describe_inst\"", 0, "describe_inst".len());
    let comp = c.request("textDocument/completion", at(uri, l, ch));
    let items = comp["result"].as_array().expect("completion items");
    let item = items
        .iter()
        .find(|i| i["label"] == json!("DescribeInstances"))
        .unwrap_or_else(|| panic!("DescribeInstances offered: {comp}"));
    assert_eq!(item["filterText"], json!("describe_instances"), "{item}");
    assert_eq!(item["textEdit"]["newText"], json!("DescribeInstances"));
    assert_eq!(
        item["textEdit"]["range"],
        json!({"start": {"line": l, "character": ch - "describe_inst".len()}, "end": {"line": l, "character": ch}}),
        "{item}"
    );
    assert!(items.iter().all(|i| i["label"]
        .as_str()
        .is_some_and(|s| s.starts_with("Describe"))));

    // Fix the API, then complete a selector segment and hover another.
    let fixed = AWS_STEP.replace("describe_inst", "DescribeInstances");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let diags = c.diagnostics(uri, 2);
    assert!(
        diags.iter().all(|d| d["severity"] != json!(1)),
        "no errors: {diags:?}"
    );
    let (l, ch) = pos_of(&fixed, "Instances[0].State", 0, "Instances[0].".len());
    let labels = c.completion_labels(at(uri, l, ch));
    assert!(
        labels.iter().any(|l| l == "State") && labels.iter().any(|l| l == "InstanceId"),
        "{labels:?}"
    );
    assert!(
        !labels.iter().any(|l| l == "Reservations"),
        "members of an Instance: {labels:?}"
    );

    let (l, ch) = pos_of(&fixed, "State.Name", 0, 8);
    let hover = c.request("textDocument/hover", at(uri, l, ch));
    let text = hover["result"]["contents"]["value"]
        .as_str()
        .expect("hover text");
    assert!(
        text.starts_with("```\n$.Reservations[0].Instances[0].State.Name: InstanceStateName\n```"),
        "{hover}"
    );
    assert!(text.contains("`stopped`"), "{text}");
    assert_eq!(
        hover["result"]["range"]["start"],
        json!({"line": l, "character": ch - 2}),
        "{hover}"
    );
    c.shutdown_and_exit();
}

/// A workspace file changed outside the editor (`git pull`): when the client
/// watches files for the server, open documents see the new declarations
/// without a save or a restart; a file outside the workspace is not read.
#[test]
fn workspace_files_changed_on_disk_are_seen_through_file_watching() {
    let scratch = common::Scratch::new("lsp-watch");
    let dir = scratch.to_path_buf();
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("ws")).expect("temp dir");
    std::fs::create_dir_all(dir.join("out")).expect("temp dir");
    let lib = |action: &str| {
        format!("/// Restarts.\nextern action \"{action}\" for automation {{\n  input Name: String required\n}}\n")
    };
    let lib_path = dir.join("ws/actions.rbk");
    std::fs::write(&lib_path, lib("aws:restartThing")).expect("write lib");
    let user = "automation X {\n  step A = aws:restartThing { Name: \"web\" }\n}\n";
    let root = format!("file://{}/ws", dir.display());
    let user_uri = format!("{root}/user.rbk");
    let lib_uri = format!("{root}/actions.rbk");

    let mut c = Client::start();
    let r = c.request(
        "initialize",
        json!({"processId": null, "rootUri": root,
               "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}}),
    );
    assert!(r.get("result").is_some(), "{r}");
    c.notify("initialized", json!({}));
    // The server asks to watch `.rbk` files; the client agrees.
    let reg = c.wait_for(|m| m["method"] == "client/registerCapability");
    let registration = &reg["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        registration["registerOptions"]["watchers"][0]["globPattern"],
        "**/*.rbk"
    );
    c.send(&json!({"jsonrpc": "2.0", "id": reg["id"], "result": null}));

    let diags = open(&mut c, &user_uri, user);
    assert!(
        diags.iter().all(|d| d["severity"] != json!(1)),
        "the action is known: {diags:?}"
    );
    let has_error = |m: &Value, uri: &str| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == json!(uri)
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["severity"] == json!(1)))
    };

    // The library is renamed on disk: the open user file gets the error.
    std::fs::write(&lib_path, lib("aws:rebootThing")).expect("rewrite lib");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": lib_uri, "type": 2}]}),
    );
    let msg = c.wait_for(|m| has_error(m, &user_uri));
    assert!(
        msg["params"]["diagnostics"]
            .to_string()
            .contains("aws:restartThing"),
        "{msg}"
    );

    // Put back, then deleted: known again, then unknown again.
    std::fs::write(&lib_path, lib("aws:restartThing")).expect("rewrite lib");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": lib_uri, "type": 2}]}),
    );
    c.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == json!(user_uri)
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().all(|d| d["severity"] != json!(1)))
    });
    std::fs::remove_file(&lib_path).expect("delete lib");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": lib_uri, "type": 3}]}),
    );
    c.wait_for(|m| has_error(m, &user_uri));

    // A declaring file outside the workspace is never read, whatever the client says.
    let outside = dir.join("out/actions.rbk");
    std::fs::write(&outside, lib("aws:restartThing")).expect("write outside");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}", outside.display()), "type": 1}]}),
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": user_uri, "version": 2}, "contentChanges": [{"text": user}]}),
    );
    let diags = c.diagnostics(&user_uri, 2);
    assert!(
        diags.iter().any(|d| d["severity"] == json!(1)),
        "still unknown: {diags:?}"
    );
    c.shutdown_and_exit();
    let _ = std::fs::remove_dir_all(&dir);
}

/// `ssmc.toml`'s `[lint]` table applies in the editor as in `ssmc lint`: a
/// rule turned off is not shown, a raised level is, an ignored path has no
/// findings, and a broken `ssmc.toml` is one warning at the top. The file is
/// read once, and again when the client reports it changed.
#[test]
fn lint_levels_of_the_project_ssmc_toml_apply_in_the_editor() {
    let scratch = common::Scratch::new("lsp-lintcfg");
    let dir = scratch.to_path_buf();
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("ws/gen")).expect("temp dir");
    let config = dir.join("ws/ssmc.toml");
    std::fs::write(
        &config,
        "[lint]\nignore = [\"gen/**\"]\n[lint.rules]\nmissing-description = \"off\"\nSSM106 = \"error\"\n",
    )
    .expect("write config");
    let runbook = "automation X {\n  step A = aws:sleep { Duration: \"PT1S\" }\n}\n";
    let root = format!("file://{}/ws", dir.display());
    let uri = format!("{root}/a.rbk");
    let generated = format!("{root}/gen/b.rbk");
    let codes = |diags: &[Value]| -> Vec<(String, i64)> {
        diags
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or_default().to_string(),
                    d["severity"].as_i64().unwrap_or_default(),
                )
            })
            .collect()
    };

    let mut c = Client::start();
    c.initialize_in(&dir.join("ws"));
    let diags = codes(&open(&mut c, &uri, runbook));
    assert!(diags.contains(&("SSM106".to_string(), 1)), "{diags:?}");
    assert!(!diags.iter().any(|(c, _)| c == "SSM201"), "{diags:?}");
    assert!(diags.iter().any(|(c, _)| c == "SSM204"), "{diags:?}");
    let diags = codes(&open(&mut c, &generated, runbook));
    assert!(diags.is_empty(), "an ignored path: {diags:?}");

    // Broken: one error at the top (as `ssmc lint` stops on it), default levels.
    std::fs::write(&config, "[lint.rules]\nno-such-rule = \"off\"\n").expect("rewrite");
    // Read once: a keystroke does not read it again...
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": runbook}]}),
    );
    let diags = codes(&c.diagnostics(&uri, 2));
    assert!(diags.contains(&("SSM106".to_string(), 1)), "{diags:?}");
    // ...the client's report that it changed does.
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("{root}/ssmc.toml"), "type": 2}]}),
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": runbook}]}),
    );
    let diags = c.diagnostics(&uri, 3);
    let first = &diags[0];
    assert_eq!(first["code"], "E0701", "{diags:?}");
    assert_eq!(first["severity"], 1);
    assert_eq!(first["range"]["start"], json!({"line": 0, "character": 0}));
    assert!(
        first["message"].to_string().contains("no-such-rule"),
        "{first}"
    );
    assert!(
        codes(&diags).contains(&("SSM106".to_string(), 2)),
        "default level again: {diags:?}"
    );
    c.shutdown_and_exit();
    let _ = std::fs::remove_dir_all(&dir);
}
