//! Analysis tests with `$0` cursor fixtures: the cursor marker is removed
//! and its byte offset handed to the query.

use ssmc_core::lower::NoFiles;

use super::*;

fn analyse(src: &str) -> Analysis {
    Analysis::new("test.rbk", src, &NoFiles)
}

/// The analysis of `src` without its `$0`, and the marker's offset.
fn fixture(src: &str) -> (Analysis, u32) {
    let at = src.find("$0").expect("invariant: fixture has a $0 cursor");
    let text = src.replacen("$0", "", 1);
    (analyse(&text), u32::try_from(at).expect("small fixture"))
}

fn slice(a: &Analysis, span: ssmc_core::Span) -> &str {
    a.text
        .get(span.start as usize..span.end as usize)
        .unwrap_or("")
}

const SCRIPT: &str = r#"automation Restart {
  /// The instance to restart.
  param InstanceId: String
  param Retries: Integer = 3

  /// Stop it.
  step Stop = aws:executeAwsApi {
    Service: "ec2",
    Api: "StopInstances",
    InstanceIds: [InstanceId],
  }
    outputs { State: String = "$.StoppingInstances[0].CurrentState.Name" }
  step Check = if Stop.State == "stopped" {
    step Wait = aws:sleep { Duration: "PT1M" }
  } else {
    goto Stop
  }
  step Done = aws:sleep { Duration: "PT1S" }
}
"#;

fn at(marker: &str) -> (Analysis, u32) {
    // `marker` is a copy of SCRIPT with `$0` inserted somewhere.
    fixture(marker)
}

fn with_cursor(find: &str, delta: usize) -> String {
    let pos = SCRIPT.find(find).expect("fixture text present") + delta;
    format!("{}$0{}", &SCRIPT[..pos], &SCRIPT[pos..])
}

#[test]
fn clean_script_has_no_errors_and_lint_findings_are_reported() {
    let a = analyse(SCRIPT);
    assert!(
        !a.diagnostics.iter().any(|d| d.is_error()),
        "{:#?}",
        a.diagnostics
    );
    assert!(a.parsed_clean);
    // No `assume_role`: the linter's missing-assume-role rule fires.
    assert!(
        a.diagnostics.iter().any(|d| d.code == "SSM106"),
        "{:#?}",
        a.diagnostics
    );
}

#[test]
fn broken_script_reports_a_diagnostic_in_this_file() {
    let a = analyse("automation X {\n  step A = aws:nope {}\n}\n");
    assert!(!a.diagnostics.is_empty());
    assert!(a.diagnostics.iter().all(|d| d.primary.span.file == a.file));
    assert!(
        a.diagnostics.iter().any(|d| d.message.contains("aws:nope")),
        "{:#?}",
        a.diagnostics
    );
}

#[test]
fn formatting_uses_the_fmt_engine_and_refuses_syntax_errors() {
    let a = analyse("automation X {\n    param P: String\n}\n");
    assert_eq!(
        a.format().as_deref(),
        Some("automation X {\n  param P: String\n}\n")
    );
    let broken = analyse("automation X {\n    param P: \n");
    assert_eq!(broken.format(), None);
}

#[test]
fn symbols_nest_steps_in_if_blocks() {
    let a = analyse(SCRIPT);
    let syms = a.symbols();
    assert_eq!(syms.len(), 1);
    let doc = &syms[0];
    assert_eq!(
        (doc.name.as_str(), doc.kind),
        ("Restart", SymbolKind::Document)
    );
    let names: Vec<(&str, SymbolKind)> = doc
        .children
        .iter()
        .map(|s| (s.name.as_str(), s.kind))
        .collect();
    assert_eq!(
        names,
        [
            ("InstanceId", SymbolKind::Param),
            ("Retries", SymbolKind::Param),
            ("Stop", SymbolKind::Step),
            ("Check", SymbolKind::Step),
            ("Done", SymbolKind::Step),
        ]
    );
    let check = &doc.children[3];
    assert_eq!(check.children.len(), 1);
    assert_eq!(check.children[0].name, "Wait");
    assert_eq!(slice(&a, check.children[0].selection), "Wait");
}

#[test]
fn folding_covers_multi_line_constructs() {
    let a = analyse(SCRIPT);
    let spans = a.folding_spans();
    assert!(spans
        .iter()
        .any(|s| slice(&a, *s).starts_with("automation Restart")));
    assert!(spans
        .iter()
        .any(|s| slice(&a, *s).starts_with("{\n    Service")));
}

#[test]
fn hover_on_action_shows_docs_and_inputs_required_first() {
    let (a, o) = at(&with_cursor("aws:executeAwsApi", 5));
    let h = a.hover(o).expect("hover");
    assert!(
        h.markdown.contains("action aws:executeAwsApi"),
        "{}",
        h.markdown
    );
    assert!(h.markdown.contains("Calls any AWS API"), "{}", h.markdown);
    let service = h.markdown.find("`Service`").expect("Service listed");
    assert!(h.markdown.contains("(required)"));
    assert!(service < h.markdown.len());
    assert_eq!(slice(&a, h.span), "aws:executeAwsApi");
}

#[test]
fn hover_on_input_key_shows_type_and_doc() {
    let (a, o) = at(&with_cursor("Service:", 2));
    let h = a.hover(o).expect("hover");
    assert!(
        h.markdown.contains("input Service: String (required)"),
        "{}",
        h.markdown
    );
    assert!(h.markdown.contains("service namespace"), "{}", h.markdown);
}

#[test]
fn hover_on_parameter_reference_shows_type_and_doc() {
    let (a, o) = at(&with_cursor("[InstanceId]", 3));
    let h = a.hover(o).expect("hover");
    assert!(
        h.markdown.contains("param InstanceId: String"),
        "{}",
        h.markdown
    );
    assert!(
        h.markdown.contains("The instance to restart."),
        "{}",
        h.markdown
    );
}

#[test]
fn hover_on_nothing_answers_nothing() {
    // (`"ec2"`, a `Service`, hovers: see `tests_aws.rs`; a plain string does not.)
    let (a, o) = at(&with_cursor("\"stopped\"", 2));
    assert_eq!(a.hover(o), None);
}

#[test]
fn definition_of_parameter_reference() {
    let (a, o) = at(&with_cursor("[InstanceId]", 1));
    let span = a.definition(o).expect("definition");
    assert_eq!(slice(&a, span), "InstanceId");
    assert!(slice(&a, Span::new(a.file, 0, span.end as usize)).ends_with("param InstanceId"));
}

#[test]
fn definition_of_goto_target_and_output_reference() {
    let (a, o) = at(&with_cursor("goto Stop", 6));
    let span = a.definition(o).expect("goto target");
    assert!(a.text[..span.end as usize].ends_with("step Stop"));

    let (a, o) = at(&with_cursor("Stop.State", 6));
    let span = a.definition(o).expect("output");
    assert_eq!(slice(&a, span), "State");
    assert!(a.text[..span.end as usize].ends_with("outputs { State"));

    let (a, o) = at(&with_cursor("Stop.State", 1));
    let span = a.definition(o).expect("step part");
    assert!(a.text[..span.end as usize].ends_with("step Stop"));
}

#[test]
fn references_inside_strings_resolve() {
    let src =
        "automation X {\n  param P: String\n  step A = aws:sleep { Duration: \"{{ P$0 }}\" }\n}\n";
    let (a, o) = fixture(src);
    let span = a.definition(o).expect("definition from interpolation");
    assert!(a.text[..span.end as usize].ends_with("param P"));
}

#[test]
fn completion_offers_actions_after_step_equals() {
    let src = "automation X {\n  step A = aws:sl$0\n}\n";
    let (a, o) = fixture(src);
    let items = a.complete(o);
    assert!(items
        .iter()
        .any(|i| i.label == "aws:sleep" && i.kind == CompletionKind::Action));
    // Command-only actions are not offered in an automation document.
    assert!(!items.iter().any(|i| i.label == "aws:runShellScript"));
}

#[test]
fn completion_offers_missing_inputs_required_first() {
    let src = "automation X {\n  step A = aws:executeAwsApi {\n    Api: \"X\",\n    $0\n  }\n}\n";
    let (a, o) = fixture(src);
    let items = a.complete(o);
    let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels.first(), Some(&"Service"), "{labels:?}");
    assert!(!labels.contains(&"Api"), "already written: {labels:?}");
    assert!(items.iter().all(|i| i.kind == CompletionKind::Input));
    assert_eq!(items[0].insert_text.as_deref(), Some("Service: \"$1\""));
    assert!(items[0].snippet);
}

#[test]
fn completion_required_inputs_come_before_optional_ones() {
    let src = "command X {\n  step A = aws:runShellScript { $0 }\n}\n";
    let (a, o) = fixture(src);
    let items = a.complete(o);
    assert_eq!(items.first().map(|i| i.label.as_str()), Some("runCommand"));
    assert_eq!(items[0].insert_text.as_deref(), Some("runCommand: [$1]"));
    assert!(items.len() > 3);
}

#[test]
fn completion_elsewhere_offers_keywords_params_and_steps() {
    let src =
        "automation X {\n  param P: String\n  step A = aws:sleep { Duration: \"PT1S\" }\n  $0\n}\n";
    let (a, o) = fixture(src);
    let items = a.complete(o);
    assert!(items
        .iter()
        .any(|i| i.label == "step" && i.kind == CompletionKind::Keyword));
    assert!(items
        .iter()
        .any(|i| i.label == "P" && i.kind == CompletionKind::Param));
    assert!(items
        .iter()
        .any(|i| i.label == "A" && i.kind == CompletionKind::Step));
}

#[test]
fn completion_after_step_dot_offers_its_outputs() {
    let src = "automation X {\n  step A = aws:executeAwsApi { Service: \"ec2\", Api: \"X\" }\n    outputs { Id: String = \"$.Id\" }\n  step B = aws:sleep { Duration: A.$0 }\n}\n";
    let (a, o) = fixture(src);
    let items = a.complete(o);
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(
        (items[0].label.as_str(), items[0].kind),
        ("Id", CompletionKind::Output)
    );
    assert_eq!(items[0].detail.as_deref(), Some("String"));
}

#[test]
fn utf16_positions_with_non_ascii_text() {
    // `é` is 2 bytes and 1 UTF-16 unit; `😀` is 4 bytes and 2 units.
    let src = "automation X {\n  /// café 😀\n  param P: String\n  step A = aws:sleep { Duration: \"😀{{ P }}\" }\n}\n";
    let a = analyse(src);
    let p_use = a.text.find("{{ P }}").expect("ref") + 3;
    let lc = a.index.line_col_utf16(u32::try_from(p_use).expect("small"));
    assert_eq!(lc.line, 3);
    let prefix = "  step A = aws:sleep { Duration: \"";
    assert_eq!(lc.col as usize, prefix.len() + 2 + 3);
    // And back: the UTF-16 position finds the same byte, which hovers the parameter.
    let back = a.index.offset_utf16(lc);
    assert_eq!(back as usize, p_use);
    let h = a.hover(back).expect("hover on P");
    assert!(h.markdown.contains("param P: String"));
    let doc = a.hover(u32::try_from(a.text.find("param P").expect("p") + 6).expect("small"));
    assert!(doc.expect("hover on def").markdown.contains("café 😀"));
}

#[test]
fn queries_at_any_offset_do_not_panic() {
    let a = analyse(SCRIPT);
    let len = u32::try_from(a.text.len()).expect("small");
    for o in (0..len + 10).chain([u32::MAX]) {
        let _ = a.hover(o);
        let _ = a.definition(o);
        let _ = a.complete(o);
    }
    let broken =
        analyse("automation X {\n  step A = aws:executeAwsApi { Service: [{{ \n  step = if {\n");
    for o in 0..u32::try_from(broken.text.len()).expect("small") + 2 {
        let _ = broken.hover(o);
        let _ = broken.definition(o);
        let _ = broken.complete(o);
    }
    let _ = broken.symbols();
    let _ = broken.folding_spans();
}
