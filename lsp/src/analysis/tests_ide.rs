//! Tests of references, rename, cross-file and stdlib definitions, code
//! actions, semantic tokens and inlay hints, with `$0` cursor fixtures (no
//! transport).

use ssmc_core::lower::NoFiles;

use super::*;

/// The analysis of `src` without its `$0`, and the marker's offset.
fn fixture(src: &str) -> (Analysis, u32) {
    let at = src.find("$0").expect("invariant: fixture has a $0 cursor");
    let text = src.replacen("$0", "", 1);
    let a = Analysis::new("test.rbk", &text, &NoFiles);
    (a, u32::try_from(at).expect("small fixture"))
}

fn slice(a: &Analysis, span: ssmc_core::Span) -> &str {
    a.text
        .get(span.start as usize..span.end as usize)
        .unwrap_or("")
}

/// The text with `edits` applied (back to front).
fn apply(a: &Analysis, edits: &[Edit]) -> String {
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut text = a.text.to_string();
    for e in edits {
        text.replace_range(e.span.start as usize..e.span.end as usize, &e.text);
    }
    text
}

fn errors(text: &str) -> Vec<String> {
    Analysis::new("test.rbk", text, &NoFiles)
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect()
}

const FLOW: &str = r#"automation Restart {
  param Inst$0anceId: String
  step Stop = aws:executeAwsApi { Service: "ec2", Api: "StopInstances", InstanceIds: [InstanceId] }
    outputs { State: String = "$.StoppingInstances[0].CurrentState.Name" }
  step Check = if Stop.State == "stopped" {
    step Note = aws:executeScript {
      Runtime: "python3.11",
      Handler: "main",
      InputPayload: { Id: "{{ InstanceId }}", State: "{{ Stop.State }}" },
      Script: """
        def main(events, context):
            return "{{ InstanceId }}"
        """,
    }
  } else {
    goto Stop
  }
}
automation Other {
  param InstanceId: String
  step Stop = aws:sleep { Duration: "{{ InstanceId }}" }
}
"#;

fn flow_at(find: &str, delta: usize) -> (Analysis, u32) {
    let plain = FLOW.replacen("$0", "", 1);
    let at = plain.find(find).expect("fixture text present") + delta;
    let a = Analysis::new("test.rbk", &plain, &NoFiles);
    (a, u32::try_from(at).expect("small"))
}

#[test]
fn fixture_flow_compiles_without_errors() {
    let (a, _) = fixture(FLOW);
    assert!(
        !a.diagnostics.iter().any(|d| d.is_error()),
        "{:#?}",
        a.diagnostics
    );
}

#[test]
fn references_of_a_parameter_include_strings_and_scripts_of_its_document_only() {
    let (a, o) = fixture(FLOW);
    let refs = a.references(o, true);
    let lines: Vec<u32> = refs
        .iter()
        .map(|s| a.index.line_col(s.start).line)
        .collect();
    // Declaration (line 1), `[InstanceId]` (2), the payload string (8), the script (11);
    // not the other document's parameter of the same name (lines 18 and 19).
    assert_eq!(lines, [1, 2, 8, 11], "{refs:?}");
    assert!(refs.iter().all(|s| slice(&a, *s) == "InstanceId"));
    let uses = a.references(o, false);
    assert_eq!(uses.len(), 3, "without the declaration");
}

#[test]
fn references_of_a_step_cover_goto_conditions_and_interpolations() {
    let (a, o) = flow_at("goto Stop", 6);
    let refs = a.references(o, true);
    let texts: Vec<String> = refs
        .iter()
        .map(|s| {
            let lc = a.index.line_col(s.start);
            format!("{}:{}", lc.line, slice(&a, *s))
        })
        .collect();
    assert_eq!(texts, ["2:Stop", "4:Stop", "8:Stop", "15:Stop"]);
}

#[test]
fn rename_a_step_updates_every_use_and_still_compiles() {
    let (a, o) = flow_at("step Stop", 6);
    let (span, name) = a.prepare_rename(o).expect("renameable");
    assert_eq!((slice(&a, span), name.as_str()), ("Stop", "Stop"));
    let edits = a.rename(o, "Halt").expect("rename");
    assert_eq!(edits.len(), 4);
    let text = apply(&a, &edits);
    assert!(text.contains("if Halt.State"), "{text}");
    assert!(text.contains("{{ Halt.State }}"), "{text}");
    assert!(text.contains("goto Halt"), "{text}");
    // The other document's `Stop` is untouched.
    assert!(text.contains("step Stop = aws:sleep"), "{text}");
    assert_eq!(errors(&text), Vec::<String>::new());
}

#[test]
fn rename_a_parameter_from_a_use_inside_a_script() {
    let (a, o) = flow_at("return \"{{ InstanceId", 12);
    let edits = a.rename(o, "Target").expect("rename");
    let text = apply(&a, &edits);
    assert!(text.contains("param Target: String"), "{text}");
    assert!(text.contains("return \"{{ Target }}\""), "{text}");
    assert!(text.contains("[Target]"), "{text}");
    assert!(text.contains("param InstanceId: String\n  step Stop = aws:sleep"));
    assert_eq!(errors(&text), Vec::<String>::new());
}

#[test]
fn rename_a_declared_output_and_a_variable() {
    let (a, o) = flow_at("State: String =", 0);
    let text = apply(&a, &a.rename(o, "Phase").expect("rename output"));
    assert!(text.contains("if Stop.Phase ==") && text.contains("{{ Stop.Phase }}"));
    assert_eq!(errors(&text), Vec::<String>::new());

    let src = "automation X {\n  var Cou$0nt: Integer = 0\n  step A = aws:sleep { Duration: \"PT{{ variable:Count }}S\" }\n  step B = aws:updateVariable { Name: \"variable:Count\", Value: var.Count }\n}\n";
    let (a, o) = fixture(src);
    let text = apply(&a, &a.rename(o, "N").expect("rename var"));
    assert!(text.contains("var N: Integer"), "{text}");
    assert!(text.contains("{{ variable:N }}"), "{text}");
    assert!(text.contains("Value: var.N"), "{text}");
}

#[test]
fn rename_is_refused_with_a_reason() {
    let (a, o) = flow_at("aws:executeAwsApi", 4);
    let e = a.prepare_rename(o).expect_err("actions are fixed");
    assert!(e.0.contains("action"), "{e:?}");
    let (a, o) = flow_at("Service:", 1);
    assert!(a.prepare_rename(o).is_err(), "input keys are fixed");
    let (a, o) = flow_at("step Stop", 6);
    let e = a.rename(o, "Check").expect_err("taken");
    assert!(e.0.contains("already exists"), "{e:?}");
    assert!(a.rename(o, "9lives").is_err());
    assert!(a.rename(o, "with space").is_err());
    assert!(a.rename(o, "step").is_err(), "a keyword");
    let (a, o) = flow_at("\"ec2\"", 2);
    assert!(a.prepare_rename(o).is_err(), "no name here");
}

#[test]
fn outputs_of_the_action_cannot_be_renamed() {
    let src = "automation X {\n  step A = aws:executeAwsApi { Service: \"ec2\", Api: \"X\" }\n  step B = aws:sleep { Duration: A.Output$0Payload }\n}\n";
    let (a, o) = fixture(src);
    let e = a.prepare_rename(o).expect_err("the action's output");
    assert!(e.0.contains("output of the step's action"), "{e:?}");
}

#[test]
fn definition_of_a_stdlib_action_is_in_its_stdlib_file() {
    let (a, o) = flow_at("aws:executeAwsApi", 4);
    let span = a.definition(o).expect("definition");
    assert_ne!(span.file, a.file);
    let (name, index) = a.file_info(span.file).expect("known file");
    assert_eq!(name, "stdlib/actions/automation/aws-api.rbk");
    let text = a.sources.get(span.file).expect("source").slice(span);
    assert!(text.contains("action \"aws:executeAwsApi\""), "{text}");
    assert!(index.line_col(span.start).line > 0);
    // References of the action: its stdlib declaration, then the use here.
    let refs = a.references(o, true);
    assert_eq!(refs.first().map(|s| s.file), Some(span.file));
    assert_eq!(refs.len(), 2);
}

#[test]
fn actions_declared_in_another_workspace_file_resolve() {
    let lib = "/// Restarts the service.\nextern action \"aws:restartThing\" for automation {\n  /// Which one.\n  input Name: String required\n}\n";
    let user = "automation X {\n  step A = aws:restartThing { Name: \"web\" }\n}\n";
    let alone = Analysis::new("file:///w/user.rbk", user, &NoFiles);
    assert!(
        alone.diagnostics.iter().any(|d| d.is_error()),
        "unknown without the library"
    );
    let ctx = [ContextFile {
        name: "file:///w/lib.rbk",
        text: lib,
    }];
    let a = Analysis::with_context("file:///w/user.rbk", user, &NoFiles, &ctx);
    assert!(
        !a.diagnostics.iter().any(|d| d.is_error()),
        "{:#?}",
        a.diagnostics
    );
    let at = u32::try_from(user.find("aws:restart").expect("use") + 2).expect("small");
    let span = a.definition(at).expect("definition");
    assert_eq!(
        a.file_info(span.file).map(|f| f.0),
        Some("file:///w/lib.rbk")
    );
    let hover = a.hover(at).expect("hover");
    assert!(hover.markdown.contains("Restarts the service."));
    // A file that holds a document lends its signature to the calls of
    // others (cross-document typing); one with neither lends nothing.
    assert!(declares_actions(user));
    assert!(declares_actions(lib));
    assert!(!declares_actions("// notes only\n"));
}

#[test]
fn code_action_applies_a_lint_fix() {
    let src = "automation Hello {\n  step Run = aws:executeScript { Runtime: \"python3.6\", Handler: \"main\", Script: \"x\" }\n}\n";
    let (a, _) = fixture(&format!("{src}$0"));
    let at = u32::try_from(src.find("python3.6").expect("runtime")).expect("small");
    let actions = a.code_actions(at, at);
    let fix = actions
        .iter()
        .find(|c| c.kind == CodeActionKind::QuickFix)
        .expect("the deprecated-runtime fix");
    assert!(fix.title.contains("python3.11"), "{}", fix.title);
    let text = apply(&a, &fix.edits);
    assert!(text.contains("Runtime: \"python3.11\""), "{text}");
    let after = Analysis::new("test.rbk", &text, &NoFiles);
    assert!(!after
        .diagnostics
        .iter()
        .any(|d| d.code == "SSM401" || d.message.contains("deprecated")));
}

#[test]
fn code_action_suppresses_a_finding_with_a_reason() {
    let src = "/// Waits.\nautomation WaitUp {\n  /// The instance.\n  param InstanceId: String\n  step Wait = aws:waitForAwsResourceProperty {\n    Service: \"ec2\",\n    Api: \"DescribeInstanceStatus\",\n    InstanceIds: [InstanceId],\n    PropertySelector: \"$.InstanceStatuses[0].InstanceState.Name\",\n    DesiredValues: [\"running\"],\n  }\n}\n";
    let a = Analysis::new("test.rbk", src, &NoFiles);
    let finding = a
        .diagnostics
        .iter()
        .find(|d| d.message.contains("timeout"))
        .expect("missing-timeout fires");
    let code = finding.code;
    let at = finding.primary.span.start;
    let actions = a.code_actions(at, at);
    let suppress = actions
        .iter()
        .find(|c| c.kind == CodeActionKind::Suppress && c.title.contains("missing-timeout"))
        .expect("suppress action");
    let text = apply(&a, &suppress.edits);
    assert!(
        text.contains("  // ssmc: allow(missing-timeout): <reason>\n  step Wait"),
        "{text}"
    );
    let after = Analysis::new("test.rbk", &text, &NoFiles);
    assert!(
        !after.diagnostics.iter().any(|d| d.code == code),
        "{:#?}",
        after.diagnostics
    );
}

#[test]
fn no_suppression_inside_a_multi_line_string() {
    let src = "automation X {\n  step A = aws:executeScript {\n    Runtime: \"python3.11\",\n    Handler: \"main\",\n    Script: \"\"\"\n      password = \"hunter2hunter2\"\n      \"\"\",\n  }\n}\n";
    let a = Analysis::new("test.rbk", src, &NoFiles);
    let inside = u32::try_from(src.find("password").expect("line")).expect("small");
    let line_start = inside - 6;
    assert!(a
        .code_actions(line_start, inside + 8)
        .iter()
        .all(|c| c.kind != CodeActionKind::Suppress
            || c.edits.iter().all(|e| e.span.start < line_start)));
}

#[test]
fn semantic_tokens_classify_names_inside_strings() {
    let src = "automation X {\n  // note\n  param P: String\n  step A = aws:sleep { Duration: \"x{{ P }}y\" } timeout 1h\n}\n";
    let a = Analysis::new("test.rbk", src, &NoFiles);
    let toks = a.semantic_tokens();
    let show: Vec<(String, TokenKind, bool)> = toks
        .iter()
        .map(|t| {
            (
                a.text[t.start as usize..t.end as usize].to_string(),
                t.kind,
                t.declaration,
            )
        })
        .collect();
    let has = |s: &str, k: TokenKind| show.iter().any(|(t, kk, _)| t == s && *kk == k);
    assert!(has("automation", TokenKind::Keyword), "{show:?}");
    assert!(has("// note", TokenKind::Comment), "{show:?}");
    assert!(show.contains(&("P".to_string(), TokenKind::Parameter, true)));
    assert!(
        show.contains(&("P".to_string(), TokenKind::Parameter, false)),
        "the use in the string"
    );
    assert!(has("\"x{{ ", TokenKind::String), "{show:?}");
    assert!(has(" }}y\"", TokenKind::String), "{show:?}");
    assert!(has("aws:sleep", TokenKind::Action), "{show:?}");
    assert!(has("A", TokenKind::Step), "{show:?}");
    assert!(has("1h", TokenKind::Number), "{show:?}");
    // Ordered, not overlapping, never across a line break.
    for w in toks.windows(2) {
        assert!(w[0].end <= w[1].start, "{w:?}");
    }
    assert!(toks
        .iter()
        .all(|t| !a.text[t.start as usize..t.end as usize].contains('\n')));
}

/// Semantic tokens take time linear in the document: 20,000 parameter uses
/// inside strings on one 240 KB line (each string token split around its
/// name, each column counted along the line) once took tens of seconds
/// (every name scanned per string token; each column counted from the
/// line's start). The encoded positions are those `line_col_utf16` gives.
#[test]
fn semantic_tokens_are_linear_in_names_and_line_length() {
    const USES: usize = 20_000;
    let list = vec!["\"é{{ P }}b\""; USES].join(", ");
    let src = format!(
        "command X {{\n  param P: String\n  step A = aws:runShellScript {{ runCommand: [{list}] }}\n}}\n"
    );
    let a = Analysis::new("test.rbk", &src, &NoFiles);
    let start = std::time::Instant::now();
    let toks = a.semantic_tokens();
    let encoded = crate::convert::semantic_tokens(&a, &toks);
    let took = start.elapsed();
    let uses = toks
        .iter()
        .filter(|t| t.kind == TokenKind::Parameter && !t.declaration)
        .count();
    assert_eq!(uses, USES);
    assert_eq!(encoded.len(), toks.len());
    // Decode the deltas back to positions and compare with the index's
    // (on a sample: the index counts from the line's start each time).
    let (mut line, mut col) = (0u32, 0u32);
    for (i, (e, t)) in encoded.iter().zip(&toks).enumerate() {
        line += e.delta_line;
        col = if e.delta_line == 0 {
            col + e.delta_start
        } else {
            e.delta_start
        };
        if i % 997 == 0 || i + 1 == toks.len() {
            let want = a.index.line_col_utf16(t.start);
            assert_eq!((line, col), (want.line, want.col), "{t:?}");
        }
    }
    assert!(took < std::time::Duration::from_secs(2), "took {took:?}");
}

#[test]
fn semantic_tokens_split_block_strings_by_line() {
    let src = "command X {\n  param P: String\n  step A = aws:runShellScript { runCommand: [\"\"\"\n    echo {{ P }}\n    ls\n    \"\"\"] }\n}\n";
    let a = Analysis::new("test.rbk", src, &NoFiles);
    let toks = a.semantic_tokens();
    let lines: Vec<u32> = toks
        .iter()
        .filter(|t| t.kind == TokenKind::String)
        .map(|t| a.index.line_col(t.start).line)
        .collect();
    assert!(
        lines.contains(&3) && lines.contains(&4) && lines.contains(&5),
        "{lines:?}"
    );
    assert!(toks
        .iter()
        .any(|t| t.kind == TokenKind::Parameter && a.index.line_col(t.start).line == 3));
}

#[test]
fn inlay_hints_show_seconds_and_implied_output_types() {
    let src = "automation X {\n  step A = aws:executeAwsApi { Service: \"ec2\", Api: \"X\" } timeout 1h30m\n    outputs { Id = \"$.Id\", Name: String = \"$.N\" }\n  step B = aws:sleep { Duration: \"PT1S\" } timeout 45s\n}\n";
    let a = Analysis::new("test.rbk", src, &NoFiles);
    let hints = a.inlay_hints(0, u32::MAX);
    let shown: Vec<(String, &str)> = hints
        .iter()
        .map(|h| {
            (
                a.text[..h.offset as usize]
                    .chars()
                    .rev()
                    .take(5)
                    .collect::<String>()
                    .chars()
                    .rev()
                    .collect(),
                h.label.as_str(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("1h30m".to_string(), "= 5400s"),
            (" { Id".to_string(), ": String"),
        ],
        "`45s` is already in seconds and `Name` has a type"
    );
    assert!(a.inlay_hints(0, 10).is_empty(), "outside the range");
}

#[test]
fn new_queries_at_any_offset_do_not_panic() {
    for src in [
        FLOW.replacen("$0", "", 1),
        "automation X {\n  step A = aws:executeAwsApi { Service: [{{ \n  step = if {\n".to_string(),
        "é😀\u{0}\"\"\"{{".to_string(),
    ] {
        let a = Analysis::new("test.rbk", &src, &NoFiles);
        let len = u32::try_from(a.text.len()).expect("small");
        for o in (0..len + 3).chain([u32::MAX]) {
            let _ = a.references(o, true);
            let _ = a.prepare_rename(o);
            let _ = a.rename(o, "Zed");
            let _ = a.code_actions(o, o.saturating_add(5));
        }
        let _ = a.semantic_tokens();
        let _ = a.inlay_hints(0, u32::MAX);
    }
}
