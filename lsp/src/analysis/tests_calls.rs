//! Calls to other documents in the editor (`calls.rs`): document names,
//! the callee's parameters and allowed values, hover and definition. `$0`
//! marks the cursor.

use ssmc_core::lower::NoFiles;

use super::*;

fn fixture(src: &str) -> (Analysis, u32) {
    let at = src.find("$0").expect("invariant: fixture has a $0 cursor");
    let text = src.replacen("$0", "", 1);
    let a = Analysis::new("test.rbk", &text, &NoFiles);
    (a, u32::try_from(at).expect("small fixture"))
}

fn labels(items: &[CompletionItem]) -> Vec<&str> {
    items.iter().map(|i| i.label.as_str()).collect()
}

fn slice(a: &Analysis, span: Span) -> &str {
    a.text
        .get(span.start as usize..span.end as usize)
        .unwrap_or("")
}

/// A Command document and an Automation runbook of the file, and a runbook
/// whose step `S` is `step` (with `$0` somewhere in it).
fn with_step(step: &str) -> String {
    format!(
        "command Patch {{\n  /// Which baseline.\n  param Operation: String = \"Scan\"\n  step P = aws:runShellScript {{ runCommand: [\"true\"] }}\n}}\nautomation Child {{\n  param Target: String\n  step W = aws:sleep {{ Duration: \"PT1S\" }}\n}}\nautomation Main {{\n  param Id: String\n  step S = {step}\n}}\n"
    )
}

#[test]
fn document_names_of_the_project_come_first_then_aws_ones_of_the_right_type() {
    let (a, o) = fixture(&with_step(
        "aws:runCommand { InstanceIds: [Id], DocumentName: \"$0\" }",
    ));
    let items = a.complete(o);
    let l = labels(&items);
    let mut sorted = items.clone();
    sorted.sort_by(|x, y| x.sort_text.cmp(&y.sort_text));
    assert_eq!(sorted[0].label, "Patch", "the project's first: {l:?}");
    assert!(l.contains(&"AWS-RunShellScript"), "{l:?}");
    assert!(l.contains(&"AWS-ConfigureAWSPackage"), "{l:?}");
    // Automation runbooks are not run by `aws:runCommand`.
    assert!(!l.contains(&"Child") && !l.contains(&"Main"), "{l:?}");
    assert!(!l.contains(&"AWS-RestartEC2Instance"), "{l:?}");
    assert!(items.iter().all(|i| i.kind == CompletionKind::Document));
    let shell = items
        .iter()
        .find(|i| i.label == "AWS-RunShellScript")
        .expect("listed");
    assert_eq!(shell.detail.as_deref(), Some("AWS-owned Command document"));

    let (a, o) = fixture(&with_step(
        "aws:executeAutomation { DocumentName: \"AWS-Rest$0\" }",
    ));
    let items = a.complete(o);
    let l = labels(&items);
    assert!(
        l.contains(&"Child") && l.contains(&"AWS-RestartEC2Instance"),
        "{l:?}"
    );
    assert!(
        !l.contains(&"Patch") && !l.contains(&"AWS-RunShellScript"),
        "{l:?}"
    );
    let replace = items[0].replace.expect("a range");
    assert_eq!(slice(&a, replace), "AWS-Rest");
}

#[test]
fn parameters_of_an_aws_document_required_first_with_defaults() {
    let (a, o) = fixture(&with_step(
        "aws:runCommand { InstanceIds: [Id], DocumentName: \"AWS-RunShellScript\", Parameters: { $0 } }",
    ));
    let items = a.complete(o);
    assert_eq!(
        labels(&items),
        ["commands", "executionTimeout", "workingDirectory"]
    );
    assert_eq!(items[0].insert_text.as_deref(), Some("commands: [$1]"));
    assert_eq!(
        items[0].detail.as_deref(),
        Some("StringList (required), a parameter of AWS-RunShellScript")
    );
    assert_eq!(
        items[1].insert_text.as_deref(),
        Some("executionTimeout: \"${1:3600}\"")
    );
    assert!(items[1]
        .documentation
        .as_deref()
        .is_some_and(|d| d.contains("default `\"3600\"`") && d.contains("(Optional) The time")));
    // An empty default leaves an empty string to fill.
    assert_eq!(
        items[2].insert_text.as_deref(),
        Some("workingDirectory: \"$1\"")
    );
}

#[test]
fn parameters_of_a_run_document_call_and_of_a_versioned_name() {
    let (a, o) = fixture(
        "command Patch {\n  param Operation: String = \"Scan\"\n  step P = aws:runShellScript { runCommand: [\"true\"] }\n}\ncommand Main {\n  step S = aws:runDocument { documentType: \"SSMDocument\", documentPath: \"Patch:3\", documentParameters: { $0 } }\n}\n",
    );
    let items = a.complete(o);
    assert_eq!(labels(&items), ["Operation"]);
    assert_eq!(
        items[0].insert_text.as_deref(),
        Some("Operation: \"${1:Scan}\"")
    );
}

#[test]
fn allowed_values_of_a_called_parameter_are_offered_in_its_string() {
    let (a, o) = fixture(&with_step(
        "aws:runCommand { InstanceIds: [Id], DocumentName: \"AWS-ConfigureAWSPackage\", Parameters: { name: \"x\", action: \"$0\" } }",
    ));
    let items = a.complete(o);
    assert_eq!(labels(&items), ["Install", "Uninstall"]);
    // A one-element list is how the API carries a String: offered there too.
    let (a, o) = fixture(&with_step(
        "aws:runCommand { InstanceIds: [Id], DocumentName: \"AWS-ConfigureAWSPackage\", Parameters: { name: \"x\", action: [\"Ins$0\"] } }",
    ));
    let items = a.complete(o);
    assert_eq!(labels(&items), ["Install", "Uninstall"]);
    assert_eq!(slice(&a, items[0].replace.expect("a range")), "Ins");
}

#[test]
fn hover_on_a_call_shows_the_callee_and_its_parameters() {
    let src = with_step(
        "aws:runCommand { InstanceIds: [Id], DocumentName: \"AWS-ConfigureAWSPackage\", Parameters: { name: \"x\", action: \"Install\" } }",
    );
    let a = Analysis::new("test.rbk", &src, &NoFiles);
    let at =
        |needle: &str| u32::try_from(src.find(needle).expect("in the fixture") + 2).expect("small");
    let h = a.hover(at("action:")).expect("hover on the key");
    assert!(h.markdown.contains("action: String"), "{}", h.markdown);
    assert!(
        h.markdown
            .contains("parameter of `AWS-ConfigureAWSPackage` · required"),
        "{}",
        h.markdown
    );
    assert!(
        h.markdown
            .contains("allowed values: `Install`, `Uninstall`"),
        "{}",
        h.markdown
    );
    assert!(
        h.markdown.contains("install or uninstall the package"),
        "{}",
        h.markdown
    );
    assert_eq!(slice(&a, h.span), "action");
    let h = a
        .hover(at("AWS-ConfigureAWSPackage"))
        .expect("hover on the name");
    assert!(
        h.markdown.contains("Command document owned by AWS"),
        "{}",
        h.markdown
    );
    assert!(
        h.markdown.contains("- `action`: String (required)"),
        "{}",
        h.markdown
    );
}

#[test]
fn definition_goes_from_a_call_to_the_project_document() {
    // In the same file: the document, and the parameter's declaration.
    let src = with_step(
        "aws:runCommand { InstanceIds: [Id], DocumentName: \"Patch\", Parameters: { Operation: \"Install\" } }",
    );
    let a = Analysis::new("test.rbk", &src, &NoFiles);
    let name = src.find("\"Patch\"").expect("the call") + 2;
    let def = a
        .definition(u32::try_from(name).expect("small"))
        .expect("definition");
    assert!(
        slice(&a, def).starts_with("command Patch"),
        "{}",
        slice(&a, def)
    );
    let key = src.rfind("Operation:").expect("the parameter given") + 2;
    let def = a
        .definition(u32::try_from(key).expect("small"))
        .expect("definition");
    assert!(
        slice(&a, def).starts_with("param Operation: String"),
        "the declaration in Patch: {}",
        slice(&a, def)
    );
    // In another workspace file.
    let lib = "command Restart {\n  param Service: String\n  step R = aws:runShellScript { runCommand: [\"true\"] }\n}\n";
    let user = "automation Main {\n  param Id: String\n  step S = aws:runCommand { InstanceIds: [Id], DocumentName: \"Restart\", Parameters: { Service: \"web\" } }\n}\n";
    let ctx = [ContextFile {
        name: "file:///w/lib.rbk",
        text: lib,
    }];
    let a = Analysis::with_context("file:///w/user.rbk", user, &NoFiles, &ctx);
    let at = u32::try_from(user.find("Restart").expect("the call") + 1).expect("small");
    let def = a.definition(at).expect("definition into the other file");
    assert_eq!(
        a.file_info(def.file).map(|f| f.0),
        Some("file:///w/lib.rbk")
    );
    // An AWS-owned document has no source to go to.
    let src = with_step(
        "aws:runCommand { InstanceIds: [Id], DocumentName: \"AWS-RunShellScript\", Parameters: { commands: [\"true\"] } }",
    );
    let a = Analysis::new("test.rbk", &src, &NoFiles);
    let at = u32::try_from(src.find("AWS-RunShell").expect("the call") + 1).expect("small");
    assert_eq!(a.definition(at), None);
}

#[test]
fn a_file_that_does_not_parse_still_completes_its_own_documents_parameters() {
    let (a, o) = fixture(&with_step(
        "aws:runCommand { InstanceIds: [Id], DocumentName: \"Patch\", Parameters: { Op$0 } }",
    ));
    assert!(!a.parsed_clean, "a key without a value");
    assert_eq!(labels(&a.complete(o)), ["Operation"]);
}

// Calls inside JSON/YAML documents (`raw_calls.rs`).

/// A raw document named `name` with `$0` as the cursor, analysed among `context`.
fn raw_fixture(name: &str, src: &str, context: &[ContextFile<'_>]) -> (Analysis, u32) {
    let at = src.find("$0").expect("invariant: fixture has a $0 cursor");
    let text = src.replacen("$0", "", 1);
    let a = Analysis::with_context(name, &text, &NoFiles, context);
    (a, u32::try_from(at).expect("small fixture"))
}

/// An Automation runbook in YAML whose one step runs `aws:runCommand` with
/// `inputs` (indented six spaces, `$0` somewhere in them).
fn yaml_call(inputs: &str) -> String {
    format!(
        "schemaVersion: '0.3'\nparameters:\n  Id:\n    type: String\nmainSteps:\n  - name: Run\n    action: aws:runCommand\n    inputs:\n      InstanceIds:\n        - '{{{{ Id }}}}'\n{inputs}"
    )
}

#[test]
fn yaml_document_names_complete_as_in_rbk_even_while_empty() {
    for value in ["AWS-RunSh$0", "$0", "'AWS-$0'"] {
        let src = yaml_call(&format!("      DocumentName: {value}\n"));
        let (a, o) = raw_fixture("caller.yaml", &src, &[]);
        let items = a.complete(o);
        let l = labels(&items);
        assert!(l.contains(&"AWS-RunShellScript"), "{value}: {l:?}");
        // `aws:runCommand` runs Command documents only.
        assert!(!l.contains(&"AWS-RestartEC2Instance"), "{value}: {l:?}");
        let shell = items
            .iter()
            .find(|i| i.label == "AWS-RunShellScript")
            .expect("listed");
        let replace = shell.replace.expect("replaces the name");
        let typed = a
            .text
            .get(replace.start as usize..replace.end as usize)
            .unwrap_or("?");
        assert_eq!(typed, value.replace("$0", "").trim_matches('\''), "{value}");
    }
}

#[test]
fn yaml_parameters_complete_required_first_without_the_given_ones() {
    let src = yaml_call(
        "      DocumentName: AWS-RunShellScript\n      Parameters:\n        workingDirectory: /tmp\n        $0\n",
    );
    let (a, o) = raw_fixture("caller.yaml", &src, &[]);
    let items = a.complete(o);
    let l = labels(&items);
    assert_eq!(l.first(), Some(&"commands"), "required first: {l:?}");
    assert!(!l.contains(&"workingDirectory"), "given: {l:?}");
    assert!(l.contains(&"executionTimeout"), "{l:?}");
    let commands = &items[0];
    assert_eq!(commands.insert_text.as_deref(), Some("commands: [$1]"));
    assert!(commands.snippet);
    let timeout = items
        .iter()
        .find(|i| i.label == "executionTimeout")
        .expect("listed");
    assert_eq!(
        timeout.insert_text.as_deref(),
        Some("executionTimeout: \"${1:3600}\"")
    );
    // `RuntimeParameters` of `aws:executeAutomation`: the child's parameters.
    let src = "schemaVersion: '0.3'\nmainSteps:\n  - name: Restart\n    action: aws:executeAutomation\n    inputs:\n      DocumentName: AWS-RestartEC2Instance\n      RuntimeParameters:\n        Ins$0\n";
    let (a, o) = raw_fixture("caller.yaml", src, &[]);
    let l: Vec<String> = a.complete(o).into_iter().map(|i| i.label).collect();
    assert_eq!(l.first().map(String::as_str), Some("InstanceId"), "{l:?}");
}

#[test]
fn allowed_values_complete_in_yaml_and_json_values() {
    let src = yaml_call(
        "      DocumentName: AWS-RunPatchBaseline\n      Parameters:\n        Operation: $0\n",
    );
    let (a, o) = raw_fixture("caller.yaml", &src, &[]);
    assert_eq!(labels(&a.complete(o)), ["Scan", "Install"]);
    let json = r#"{"schemaVersion": "0.3", "mainSteps": [{"name": "Run", "action": "aws:runCommand",
 "inputs": {"InstanceIds": ["i-1"], "DocumentName": "AWS-RunPatchBaseline", "Parameters": {"Operation": "In$0"}}}]}"#;
    let (a, o) = raw_fixture("caller.json", json, &[]);
    let items = a.complete(o);
    assert_eq!(labels(&items), ["Scan", "Install"]);
    let replace = items[0].replace.expect("replaces the value");
    assert_eq!(
        a.text.get(replace.start as usize..replace.end as usize),
        Some("In")
    );
    // A JSON document name being typed keeps the JSON readable.
    let json = r#"{"schemaVersion": "0.3", "mainSteps": [{"name": "Run", "action": "aws:executeAutomation",
 "inputs": {"DocumentName": "AWS-Restart$0"}}]}"#;
    let (a, o) = raw_fixture("caller.json", json, &[]);
    let l: Vec<String> = a.complete(o).into_iter().map(|i| i.label).collect();
    assert!(l.iter().any(|n| n == "AWS-RestartEC2Instance"), "{l:?}");
    assert!(!l.iter().any(|n| n == "AWS-RunShellScript"), "{l:?}");
}

#[test]
fn hover_on_a_raw_call_shows_the_document_and_the_parameter() {
    let json = r#"{"schemaVersion": "0.3", "mainSteps": [{"name": "Run", "action": "aws:runCommand",
 "inputs": {"InstanceIds": ["i-1"], "DocumentName": "AWS-RunPatch$0Baseline", "Parameters": {"Operation": "Scan"}}}]}"#;
    let (a, o) = raw_fixture("caller.json", json, &[]);
    let h = a.hover(o).expect("hover on the name");
    assert!(
        h.markdown.contains("AWS-RunPatchBaseline") && h.markdown.contains("owned by AWS"),
        "{}",
        h.markdown
    );
    assert_eq!(slice(&a, h.span), "AWS-RunPatchBaseline");
    let at = u32::try_from(a.text.find("\"Operation\"").expect("key") + 3).expect("small");
    let h = a.hover(at).expect("hover on the key");
    assert!(
        h.markdown.contains("allowed values: `Scan`, `Install`"),
        "{}",
        h.markdown
    );
    let src = yaml_call(
        "      DocumentName: AWS-RunShellScript\n      Parameters:\n        comm$0ands: [uptime]\n",
    );
    let (a, o) = raw_fixture("caller.yaml", &src, &[]);
    let h = a.hover(o).expect("hover on a YAML key");
    assert!(
        h.markdown.contains("commands: StringList") && h.markdown.contains("required"),
        "{}",
        h.markdown
    );
}

fn file_of(a: &Analysis, at: Span) -> String {
    a.sources
        .get(at.file)
        .map(|f| f.name.clone())
        .unwrap_or_default()
}

#[test]
fn definition_goes_from_a_raw_call_into_the_project_document_in_its_file() {
    let restart = "schemaVersion: '2.2'\nparameters:\n  Service:\n    type: String\nmainSteps:\n  - action: aws:runShellScript\n    name: R\n    inputs:\n      runCommand:\n        - systemctl restart '{{ Service }}'\n";
    let context = [ContextFile {
        name: "file:///p/restart.yaml",
        text: restart,
    }];
    let src =
        yaml_call("      DocumentName: rest$0art\n      Parameters:\n        Service: nginx\n");
    let (a, o) = raw_fixture("file:///p/caller.yaml", &src, &context);
    let at = a.definition(o).expect("into restart.yaml");
    let file = a.sources.get(at.file).expect("a workspace file");
    assert_eq!(file.name, "file:///p/restart.yaml");
    let key = u32::try_from(a.text.find("Service: nginx").expect("key") + 2).expect("small");
    let at = a.definition(key).expect("to the parameter");
    let text = &a.sources.get(at.file).expect("file").text;
    // The parameter's declaration (its whole entry), in the other file.
    assert_eq!(file_of(&a, at), "file:///p/restart.yaml");
    let declared = text.get(at.start as usize..at.end as usize).unwrap_or("");
    assert!(declared.starts_with("Service:"), "{declared}");
}
