//! JSON/YAML SSM documents in the server (`raw.rs`): diagnostics as `ssmc
//! lint`, symbols, definition, references, rename, hover, completion and
//! "Import as .rbk"; other YAML/JSON gets nothing.

use ssmc_core::lower::NoFiles;

use super::*;

const YAML: &str = "schemaVersion: '0.3'
description: Restarts an instance.
parameters:
  InstanceId:
    type: String
    description: The instance.
variables:
  Status:
    type: String
    default: new
mainSteps:
  - name: Stop
    action: aws:changeInstanceState
    inputs:
      InstanceIds:
        - '{{ InstanceId }}'
      DesiredState: stopped
    nextStep: Check
  - name: Check
    action: aws:branch
    inputs:
      Choices:
        - NextStep: Mark
          Variable: '{{ InstanceId }}'
          StringEquals: i-1
      Default: Stop
  - name: Mark
    action: aws:updateVariable
    inputs:
      Name: variable:Status
      Value: done
    onFailure: step:Stop
    isEnd: true
";

fn analyse(name: &str, text: &str) -> Analysis {
    Analysis::new(name, text, &NoFiles)
}

fn at(text: &str, needle: &str, delta: usize) -> u32 {
    u32::try_from(text.find(needle).expect("needle") + delta).expect("small")
}

fn slice(a: &Analysis, span: Span) -> &str {
    a.text
        .get(span.start as usize..span.end as usize)
        .unwrap_or("")
}

#[test]
fn yaml_document_steps_rename_everywhere_and_still_checks() {
    let a = analyse("file:///w/restart.yaml", YAML);
    assert!(
        !a.diagnostics.iter().any(Diagnostic::is_error),
        "{:#?}",
        a.diagnostics
    );
    let o = at(YAML, "name: Stop", 7);
    let refs = a.references(o, true);
    let texts: Vec<&str> = refs.iter().map(|s| slice(&a, *s)).collect();
    assert_eq!(texts, ["Stop"; 3], "name, Default, onFailure step:");
    let edits = a.rename(o, "Halt").expect("rename");
    let mut text = a.text.to_string();
    let mut spans: Vec<_> = edits.iter().map(|e| e.span).collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.start));
    for s in spans {
        text.replace_range(s.start as usize..s.end as usize, "Halt");
    }
    assert!(
        text.contains("onFailure: step:Halt") && text.contains("Default: Halt"),
        "{text}"
    );
    let after = analyse("file:///w/restart.yaml", &text);
    assert!(
        !after.diagnostics.iter().any(Diagnostic::is_error),
        "{:#?}",
        after.diagnostics
    );
}

#[test]
fn yaml_parameters_variables_definition_and_hover() {
    let a = analyse("file:///w/restart.yaml", YAML);
    let o = at(YAML, "'{{ InstanceId }}'", 5);
    let def = a.definition(o).expect("definition");
    assert_eq!(slice(&a, def), "InstanceId");
    assert!(def.start < at(YAML, "variables:", 0));
    assert!(a
        .hover(o)
        .expect("hover")
        .markdown
        .contains("The instance."));
    let o = at(YAML, "variable:Status", 10);
    let def = a.definition(o).expect("variable");
    assert_eq!(slice(&a, def), "Status");
    let o = at(YAML, "aws:updateVariable", 5);
    assert!(a
        .hover(o)
        .expect("action hover")
        .markdown
        .contains("aws:updateVariable"));
    let o = at(YAML, "nextStep: Check", 12);
    assert_eq!(slice(&a, a.definition(o).expect("step")), "Check");
}

#[test]
fn yaml_symbols_completion_and_import() {
    let a = analyse("file:///w/restart.yaml", YAML);
    let syms = a.symbols();
    assert_eq!(syms.len(), 1);
    let names: Vec<&str> = syms[0].children.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["InstanceId", "Status", "Stop", "Check", "Mark"]);
    assert!(
        a.semantic_tokens().is_empty(),
        "YAML keeps its own highlighting"
    );

    let typed = YAML.replace("nextStep: Check", "nextStep: Ch");
    let a = analyse("file:///w/restart.yaml", &typed);
    let items = a.complete(at(&typed, "nextStep: Ch", 12));
    let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["Stop", "Check", "Mark"]);
    assert_eq!(slice(&a, items[0].replace.expect("range")), "Ch");

    let typed = YAML.replace("action: aws:branch", "action: aws:br");
    let a = analyse("file:///w/restart.yaml", &typed);
    let items = a.complete(at(&typed, "action: aws:br", 14));
    assert!(items.iter().any(|i| i.label == "aws:branch"));
    assert!(items.iter().all(|i| i.kind == CompletionKind::Action));

    let a = analyse("file:///w/restart.yaml", YAML);
    let (name, rbk) = a.import_rbk().expect("importable");
    assert_eq!(name, "restart.rbk");
    let back = analyse("restart.rbk", &rbk);
    assert!(
        !back.diagnostics.iter().any(Diagnostic::is_error),
        "{rbk}\n{:#?}",
        back.diagnostics
    );
}

#[test]
fn yaml_input_keys_of_the_steps_action_are_completed() {
    let typed = YAML.replace(
        "      DesiredState: stopped\n",
        "      DesiredState: stopped\n      Fo\n",
    );
    let a = analyse("file:///w/restart.yaml", &typed);
    let items = a.complete(at(&typed, "      Fo\n", 8));
    let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
    // The inputs of aws:changeInstanceState not yet written (all optional now).
    assert_eq!(
        labels,
        [
            "AdditionalInfo",
            "CheckStateOnly",
            "FailOnUnexpectedStopped",
            "Force"
        ],
        "{items:#?}"
    );
    assert_eq!(slice(&a, items[0].replace.expect("range")), "Fo");
    assert_eq!(items[3].insert_text.as_deref(), Some("Force: $1"));

    // A fresh key line in another step's inputs: that step's action, required first.
    let typed = YAML.replace(
        "      Name: variable:Status\n      Value: done\n",
        "      \n",
    );
    let a = analyse("file:///w/restart.yaml", &typed);
    let labels: Vec<String> = a
        .complete(at(&typed, "inputs:\n      \n", "inputs:\n      ".len()))
        .into_iter()
        .map(|i| i.label)
        .collect();
    assert_eq!(labels, ["Name", "Value"]);

    // Not at a step's own keys, nor inside a value nested in an input.
    let typed = YAML.replace("    nextStep: Check\n", "    nextStep: Check\n    is\n");
    let a = analyse("file:///w/restart.yaml", &typed);
    let items = a.complete(at(&typed, "    is\n", 6));
    assert!(
        items.iter().all(|i| i.kind != CompletionKind::Input),
        "{items:#?}"
    );
    let typed = YAML.replace(
        "        - '{{ InstanceId }}'\n      Desired",
        "        - '{{ InstanceId }}'\n        Fo\n      Desired",
    );
    let a = analyse("file:///w/restart.yaml", &typed);
    let items = a.complete(at(&typed, "        Fo\n", 10));
    assert!(
        items.iter().all(|i| i.kind != CompletionKind::Input),
        "{items:#?}"
    );
}

#[test]
fn yaml_diagnostics_are_what_ssmc_lint_reports_and_other_yaml_gets_nothing() {
    let broken = YAML.replace("nextStep: Check", "nextStep: Chek");
    let a = analyse("file:///w/restart.yaml", &broken);
    let err = a
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("a dangling nextStep is an error");
    assert_eq!(
        slice(&a, err.primary.span).trim_matches(['"', '\'']),
        "Chek"
    );
    // The did-you-mean help is a quick fix here too.
    let o = err.primary.span.start;
    assert!(
        a.code_actions(o, o)
            .iter()
            .any(|c| c.title.starts_with("replace with `Check`")),
        "{:#?}",
        a.code_actions(o, o)
    );

    let other = "name: ci\non:\n  push: {}\njobs: {}\n";
    let a = analyse("file:///w/.github/workflows/ci.yml", other);
    assert!(a.diagnostics.is_empty());
    assert!(a.symbols().is_empty());
    assert!(a.import_rbk().is_none());
    assert!(a.complete(5).is_empty());
}

#[test]
fn a_cloudformation_template_gets_the_findings_of_its_documents_at_their_place() {
    let template = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Doc:\n    Type: AWS::SSM::Document\n    Properties:\n      DocumentType: Automation\n      Content:\n        schemaVersion: '0.3'\n        description: Waits.\n        mainSteps:\n          - name: Wait\n            action: aws:sleep\n            inputs:\n              Duration: PT1M\n            nextStep: Nowhere\n";
    let a = analyse("file:///w/stack.yaml", template);
    let err = a
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("a dangling nextStep is an error");
    assert_eq!(slice(&a, err.primary.span), "Nowhere");
    // Nothing else breaks on a file whose documents are inside a template.
    let o = u32::try_from(template.find("Nowhere").expect("in text")).expect("small");
    let _ = a.code_actions(o, o);
    let _ = a.complete(o);
    let _ = a.symbols();
    let _ = a.hover(o);
}
