//! What a real client found (issue 22): `variable:X` in `aws:updateVariable`,
//! completion ranges and context, `{{ }}` completion, quick fixes from a
//! diagnostic's help, and hover on keywords, built-ins and types. `$0` marks
//! the cursor.

use ssmc_core::lower::NoFiles;

use super::*;

fn fixture(src: &str) -> (Analysis, u32) {
    let at = src.find("$0").expect("invariant: fixture has a $0 cursor");
    let text = src.replacen("$0", "", 1);
    let a = Analysis::new("test.rbk", &text, &NoFiles);
    (a, u32::try_from(at).expect("small fixture"))
}

fn slice(a: &Analysis, span: Span) -> &str {
    a.text
        .get(span.start as usize..span.end as usize)
        .unwrap_or("")
}

fn labels(items: &[CompletionItem]) -> Vec<&str> {
    items.iter().map(|i| i.label.as_str()).collect()
}

const UPDATE: &str = r#"automation Poll {
  var RefreshStatus: String = "pending"
  step Set = aws:updateVariable { Name: "variable:RefreshStatus", Value: "done" }
  step Copy = aws:updateVariable { Name: "variable:RefreshStatus", Value: "{{ variable:RefreshStatus }}-seen" }
}
"#;

#[test]
fn update_variable_name_is_a_use_of_the_variable() {
    let at = UPDATE.find("variable:RefreshStatus\"").expect("name") + "variable:".len() + 2;
    let src = format!("{}$0{}", &UPDATE[..at], &UPDATE[at..]);
    let (a, o) = fixture(&src);
    assert!(
        !a.diagnostics.iter().any(Diagnostic::is_error),
        "{:#?}",
        a.diagnostics
    );
    let def = a.definition(o).expect("definition");
    assert_eq!(slice(&a, def), "RefreshStatus");
    assert!(def.start < 40, "the var's declaration on line 1: {def:?}");
    let hover = a.hover(o).expect("hover");
    assert!(
        hover.markdown.contains("var RefreshStatus: String"),
        "{}",
        hover.markdown
    );
    let refs = a.references(o, true);
    assert_eq!(
        refs.len(),
        4,
        "declaration, two Names, interpolation: {refs:?}"
    );
    let edits = a.rename(o, "Status").expect("rename");
    let mut text = a.text.to_string();
    let mut spans: Vec<_> = edits.iter().map(|e| e.span).collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.start));
    for s in spans {
        text.replace_range(s.start as usize..s.end as usize, "Status");
    }
    assert_eq!(text.matches("\"variable:Status\"").count(), 2, "{text}");
    let after = Analysis::new("test.rbk", &text, &NoFiles);
    assert!(
        !after.diagnostics.iter().any(Diagnostic::is_error),
        "the renamed runbook still checks: {:#?}",
        after.diagnostics
    );
}

#[test]
fn action_completion_replaces_the_typed_prefix() {
    let (a, o) = fixture("command C {\n  step A = aws:r$0\n}\n");
    let items = a.complete(o);
    let run = items
        .iter()
        .find(|i| i.label == "aws:runShellScript")
        .expect("aws:runShellScript offered");
    let r = run.replace.expect("an edit range");
    assert_eq!(slice(&a, r), "aws:r", "the whole typed name is replaced");
}

const REFS: &str = r#"automation Restart {
  param InstanceId: String
  var Count: Integer = 0
  step Stop = aws:executeAwsApi { Service: "ec2", Api: "StopInstances", InstanceIds: ["{{ $0"] }
    outputs { State: String = "$.StoppingInstances[0].CurrentState.Name" }
  step Wait = aws:sleep { Duration: "PT1S" }
}
"#;

#[test]
fn interpolation_completion_offers_names_and_built_ins_not_keywords() {
    let (a, o) = fixture(REFS);
    let items = a.complete(o);
    let l = labels(&items);
    assert!(l.contains(&"InstanceId"), "{l:?}");
    assert!(l.contains(&"variable:Count"), "{l:?}");
    assert!(l.contains(&"Stop.State"), "{l:?}");
    assert!(l.contains(&"automation:EXECUTION_ID"), "{l:?}");
    assert!(l.contains(&"global:REGION"), "{l:?}");
    assert!(
        !l.contains(&"step") && !l.contains(&"timeout"),
        "no keywords: {l:?}"
    );
    assert!(
        !l.contains(&"Api") && !l.contains(&"DryRun"),
        "no input keys: {l:?}"
    );
    // Parameters sort before variables, outputs and built-ins.
    let mut sorted = items.clone();
    sorted.sort_by(|x, y| x.sort_text.cmp(&y.sort_text));
    assert_eq!(sorted.first().map(|i| i.label.as_str()), Some("InstanceId"));
}

#[test]
fn interpolation_completion_in_a_one_line_step_replaces_the_typed_name() {
    let (a, o) = fixture(
        "command C {\n  param Name: String\n  step A = aws:runShellScript { runCommand: [\"echo {{ Na$0\"] }\n}\n",
    );
    let items = a.complete(o);
    assert_eq!(
        labels(&items),
        ["Name"],
        "no snippets, no command built-ins"
    );
    assert_eq!(slice(&a, items[0].replace.expect("range")), "Na");
}

#[test]
fn goto_completion_offers_only_steps() {
    let (a, o) = fixture(
        "automation A {\n  param P: String\n  step One = aws:sleep { Duration: \"PT1S\" } on_failure goto T$0\n  step Two = aws:sleep { Duration: \"PT1S\" }\n}\n",
    );
    let items = a.complete(o);
    assert_eq!(labels(&items), ["One", "Two"]);
    assert!(items.iter().all(|i| i.kind == CompletionKind::Step));
}

#[test]
fn allowed_values_and_document_names_are_offered_in_their_strings() {
    let (a, o) = fixture(
        "automation A {\n  param Id: String\n  step S = aws:changeInstanceState { InstanceIds: [Id], DesiredState: \"$0\" }\n}\n",
    );
    let l: Vec<String> = a.complete(o).into_iter().map(|i| i.label).collect();
    assert_eq!(l, ["running", "stopped", "terminated"]);

    let (a, o) = fixture(
        "automation A {\n  param Id: String\n  step S = aws:runCommand { InstanceIds: [Id], DocumentName: \"AWS-Run$0\" }\n}\ncommand Patch {\n  step P = aws:runShellScript { runCommand: [\"true\"] }\n}\n",
    );
    let items = a.complete(o);
    let l = labels(&items);
    assert!(
        l.contains(&"Patch") && l.contains(&"AWS-RunShellScript"),
        "{l:?}"
    );
    assert!(!l.contains(&"A"), "not an automation document: {l:?}");
    assert_eq!(slice(&a, items[0].replace.expect("range")), "AWS-Run");
}

/// A runbook that runs a Command document of its own file and starts an
/// Automation runbook of it; `$0` goes inside one of the parameters maps.
fn calls(cursor_in: &str) -> String {
    let src = "command Restart {\n  param Hosts: StringList = []\n  /// The unit to restart.\n  param Service: String\n  param Wait: String = \"60\"\n  step R = aws:runShellScript { runCommand: [\"true\"] }\n}\nautomation Child {\n  param Target: String\n  step S = aws:sleep { Duration: \"PT1S\" }\n}\nautomation Main {\n  param Id: String\n  step Run = aws:runCommand { InstanceIds: [Id], DocumentName: \"Restart\", Parameters: { Wait: \"5\", RUN } }\n  step Go = aws:executeAutomation { DocumentName: \"Child\", RuntimeParameters: { GO } }\n  step Other = aws:runCommand { InstanceIds: [Id], DocumentName: \"AWS-RunShellScript\", Parameters: { OTHER } }\n}\n";
    let mut out = src.to_string();
    for hole in ["RUN", "GO", "OTHER"] {
        out = out.replace(hole, if hole == cursor_in { "$0" } else { "" });
    }
    out
}

#[test]
fn parameters_of_the_called_document_are_offered_in_its_parameters_map() {
    let (a, o) = fixture(&calls("RUN"));
    let items = a.complete(o);
    // Required first; `Wait`, already given, is not offered again.
    assert_eq!(labels(&items), ["Service", "Hosts"], "{items:#?}");
    assert_eq!(items[0].insert_text.as_deref(), Some("Service: \"$1\""));
    assert_eq!(
        items[0].detail.as_deref(),
        Some("String (required), a parameter of Restart")
    );
    assert!(
        items[0]
            .documentation
            .as_deref()
            .is_some_and(|d| d.contains("The unit to restart.")),
        "{items:#?}"
    );
    assert_eq!(items[1].insert_text.as_deref(), Some("Hosts: [$1]"));

    let (a, o) = fixture(&calls("GO"));
    assert_eq!(labels(&a.complete(o)), ["Target"]);

    // A document that is not in the file: no parameters to offer, and none of another document's.
    let (a, o) = fixture(&calls("OTHER"));
    let l: Vec<String> = a.complete(o).into_iter().map(|i| i.label).collect();
    for name in ["Service", "Hosts", "Target", "Wait"] {
        assert!(!l.iter().any(|x| x == name), "{l:?}");
    }
}

fn apply(a: &Analysis, edits: &[Edit]) -> String {
    let mut text = a.text.to_string();
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    for e in edits {
        text.replace_range(e.span.start as usize..e.span.end as usize, &e.text);
    }
    text
}

#[test]
fn did_you_mean_becomes_a_quick_fix() {
    let src = "automation A {\n  param InstanceId: String\n  step S = aws:sleep { Duration: \"PT1S\" }\n    description \"{{ InstanceID }}\"\n}\n";
    let a = Analysis::new("test.rbk", src, &NoFiles);
    let at = u32::try_from(src.find("InstanceID").expect("typo")).expect("small");
    let fix = a
        .code_actions(at, at)
        .into_iter()
        .find(|c| c.title.starts_with("replace with `InstanceId`"))
        .expect("a did-you-mean fix");
    assert_eq!(fix.kind, CodeActionKind::QuickFix);
    let fixed = apply(&a, &fix.edits);
    assert!(fixed.contains("\"{{ InstanceId }}\""), "{fixed}");
    let after = Analysis::new("test.rbk", &fixed, &NoFiles);
    assert!(
        !after.diagnostics.iter().any(Diagnostic::is_error),
        "{:#?}",
        after.diagnostics
    );

    // An action name: the suggestion replaces exactly the misspelt action.
    let src = "automation A {\n  step S = aws:slep { Duration: \"PT1S\" }\n}\n";
    let a = Analysis::new("test.rbk", src, &NoFiles);
    let at = u32::try_from(src.find("aws:slep").expect("typo")).expect("small");
    let fix = a
        .code_actions(at, at)
        .into_iter()
        .find(|c| c.title.starts_with("replace with `aws:sleep`"))
        .expect("a did-you-mean fix for the action");
    assert!(apply(&a, &fix.edits).contains("step S = aws:sleep {"));
}

#[test]
fn unknown_parameter_offers_to_declare_it() {
    let src = "/// Doc.\nautomation A {\n  step S = aws:sleep { Duration: \"PT1S\" }\n    description \"{{ Zone }}\"\n}\n";
    let a = Analysis::new("test.rbk", src, &NoFiles);
    let at = u32::try_from(src.find("Zone").expect("ref")).expect("small");
    let fix = a
        .code_actions(at, at)
        .into_iter()
        .find(|c| c.title.starts_with("declare `param Zone: String`"))
        .expect("a declare-it fix");
    let fixed = apply(&a, &fix.edits);
    assert!(
        fixed.starts_with("/// Doc.\nautomation A {\n  param Zone: String\n  step S"),
        "{fixed}"
    );
    let after = Analysis::new("test.rbk", &fixed, &NoFiles);
    assert!(
        !after.diagnostics.iter().any(Diagnostic::is_error),
        "{:#?}",
        after.diagnostics
    );
}

#[test]
fn hover_on_keywords_built_ins_and_types() {
    let (a, o) =
        fixture("automation A {\n  step S = aws:sleep { Duration: \"PT1S\" } time$0out 1h\n}\n");
    let h = a.hover(o).expect("keyword hover");
    assert!(h.markdown.contains("timeoutSeconds"), "{}", h.markdown);
    assert_eq!(slice(&a, h.span), "timeout");

    let (a, o) = fixture(
        "automation A {\n  step S = aws:sleep { Duration: \"PT1S\" } on_fail$0ure abort\n}\n",
    );
    assert!(a
        .hover(o)
        .expect("on_failure")
        .markdown
        .contains("onFailure"));

    let (a, o) = fixture(
        "automation A {\n  step S = aws:sleep { Duration: \"PT1S\" }\n    description \"{{ automation:EXEC$0UTION_ID }}\"\n}\n",
    );
    let h = a.hover(o).expect("built-in hover");
    assert!(
        h.markdown.contains("automation execution"),
        "{}",
        h.markdown
    );
    assert_eq!(slice(&a, h.span), "automation:EXECUTION_ID");

    let (a, o) =
        fixture("automation A {\n  param Role: AWS::IAM::Ro$0le::Arn\n  assume_role Role\n}\n");
    let h = a.hover(o).expect("type hover");
    assert!(h.markdown.contains("AWS resource type"), "{}", h.markdown);
    assert_eq!(slice(&a, h.span), "AWS::IAM::Role::Arn");

    // Right after a keyword, as at its start, is still the keyword; a word
    // that only starts like one (the run around the cursor holds no keyword)
    // is not.
    let (a, o) =
        fixture("automation A {\n  step S = aws:sleep { Duration: \"PT1S\" } timeout$0 1h\n}\n");
    assert_eq!(slice(&a, a.hover(o).expect("keyword end").span), "timeout");
    let (a, o) =
        fixture("automation A {\n  step S = aws:sleep { Duration: \"PT1S\" } time$0x 1h\n}\n");
    assert!(a.hover(o).is_none(), "not a keyword");

    // A parameter named like a keyword is the parameter, not the keyword.
    let (a, o) = fixture("automation A {\n  param timeout: String\n  step S = aws:sleep { Duration: \"{{ time$0out }}\" }\n}\n");
    assert!(a
        .hover(o)
        .expect("param")
        .markdown
        .contains("param timeout"));
}

const NAV: &str = "automation Nav {\n  param Id: String\n  step Wait = aws:sleep { Duration: \"PT1S\" }\n  step Run = aws:executeScript { Runtime: \"python3.11\", Handler: \"main\", Script: file(\"scripts/run.py\"), InputPayload: { Id: \"{{ Id }}\" } }\n    on_failure goto Wait\n}\n";

#[test]
fn highlights_mark_the_definition_as_the_write() {
    let a = Analysis::new("test.rbk", NAV, &NoFiles);
    let o = u32::try_from(NAV.find("goto Wait").expect("goto") + 6).expect("small");
    let h = a.highlights(o);
    assert_eq!(h.len(), 2, "{h:?}");
    assert!(h.iter().all(|(s, _)| slice(&a, *s) == "Wait"));
    assert_eq!(h.iter().filter(|(_, def)| *def).count(), 1, "{h:?}");
    assert!(
        h[0].1 && h[0].0.start < h[1].0.start,
        "the declaration first"
    );
}

#[test]
fn file_calls_are_links_to_their_path() {
    let a = Analysis::new("test.rbk", NAV, &NoFiles);
    let links = a.file_links();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].1, "scripts/run.py");
    assert_eq!(slice(&a, links[0].0), "scripts/run.py");
}

#[test]
fn selection_grows_from_the_name_to_the_step_document_and_file() {
    let a = Analysis::new("test.rbk", NAV, &NoFiles);
    let o = u32::try_from(NAV.find("{{ Id }}").expect("ref") + 3).expect("small");
    let chain: Vec<String> = a
        .selection_spans(o)
        .iter()
        .map(|s| slice(&a, *s).to_string())
        .collect();
    assert_eq!(chain[0], "Id");
    assert!(chain[1].starts_with("step Run"), "{chain:?}");
    assert!(chain[2].starts_with("automation Nav"), "{chain:?}");
    assert_eq!(chain.last().map(String::as_str), Some(NAV));
}

#[test]
fn signature_help_lists_inputs_with_the_one_being_written_active() {
    let src = "automation A {\n  step W = aws:sleep { Duration: \"PT$0\" }\n}\n";
    let (a, o) = fixture(src);
    let sig = a.signature(o).expect("inside aws:sleep's inputs");
    assert!(sig.label.starts_with("aws:sleep { "), "{}", sig.label);
    let active = sig.active.expect("an active input");
    assert!(sig.params[active].0.starts_with("Duration"), "{sig:?}");
    let (a, o) = fixture("automation A {\n  step W = aws:sleep { $0 }\n}\n");
    assert_eq!(a.signature(o).expect("signature").active, None);
    let (a, o) = fixture("automation A {\n  param P: String$0\n}\n");
    assert!(a.signature(o).is_none(), "outside any inputs");
}

#[test]
fn code_lenses_sit_on_each_document_name() {
    let src = "automation One {\n  step W = aws:sleep { Duration: \"PT1S\" }\n}\ncommand Two {\n  step R = aws:runShellScript { runCommand: [\"true\"] }\n}\n";
    let a = Analysis::new("test.rbk", src, &NoFiles);
    let names: Vec<&str> = a.lens_spans().iter().map(|s| slice(&a, *s)).collect();
    assert_eq!(names, ["One", "Two"]);
    assert_eq!(LensCommand::Graph.command(), "ssmc.showFlowGraph");
}
