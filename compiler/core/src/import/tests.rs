//! End-to-end checks of the importer in the core: documents built in the
//! model, imported, and the folds and devices chosen (each verified by
//! lowering inside `import_document`).

use super::import_document;
use crate::catalog::Catalog;
use crate::model::{DocKind, Document, Key, Node, Step, Value};
use crate::span::Span;
use crate::syntax::ast::{self, DocItem, ElseArm, GuardElse, StepBody};

fn json(v: &serde_json::Value) -> Node {
    let value = match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(0.0)),
        },
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(items) => Value::List(items.iter().map(json).collect()),
        serde_json::Value::Object(m) => Value::Map(
            m.iter()
                .map(|(k, v)| {
                    (
                        Key {
                            name: k.clone(),
                            span: Span::default(),
                        },
                        json(v),
                    )
                })
                .collect(),
        ),
    };
    Node::new(value, Span::default())
}

/// A step from its JSON object (the keys the model types, nothing else).
fn step(v: serde_json::Value) -> Step {
    let get = |k: &str| v.get(k).map(json);
    Step {
        name: get("name").expect("a name"),
        action: get("action").expect("an action"),
        description: get("description"),
        on_failure: get("onFailure"),
        on_cancel: get("onCancel"),
        next_step: get("nextStep"),
        is_end: get("isEnd"),
        is_critical: get("isCritical"),
        max_attempts: get("maxAttempts"),
        timeout_seconds: get("timeoutSeconds"),
        precondition: None,
        inputs: get("inputs"),
        loop_steps: None,
        loop_steps_index: 0,
        outputs: get("outputs"),
        extra: Vec::new(),
        span: Span::default(),
    }
}

fn automation(steps: Vec<Step>) -> Document {
    Document {
        name: "Doc".to_string(),
        kind: DocKind::Automation,
        schema_version: Node::string("0.3", Span::default()),
        description: None,
        assume_role: None,
        parameters: None,
        variables: None,
        files: None,
        steps: Some(steps),
        runtime_config: None,
        outputs: None,
        extra: Vec::new(),
        span: Span::default(),
    }
}

fn sleep(name: &str, extra: serde_json::Value) -> Step {
    let mut v = serde_json::json!({ "name": name, "action": "aws:sleep", "inputs": { "Duration": "PT1S" } });
    if let (Some(m), Some(e)) = (v.as_object_mut(), extra.as_object()) {
        m.extend(e.clone());
    }
    step(v)
}

fn imported_doc(doc: &Document) -> ast::Document {
    let imported = import_document(doc, &Catalog::default());
    assert!(
        imported.diagnostics.is_empty(),
        "{:?}",
        imported.diagnostics
    );
    match imported.ast.items.into_iter().next() {
        Some(ast::Item::Document(d)) => d,
        other => panic!("expected a document, got {other:?}"),
    }
}

fn statements(doc: &ast::Document) -> Vec<&ast::Step> {
    doc.items
        .iter()
        .filter_map(|i| match i {
            DocItem::Step(s) => Some(s),
            _ => None,
        })
        .collect()
}

#[test]
fn a_branch_to_the_next_step_or_the_end_is_a_guard() {
    let doc = automation(vec![
        step(serde_json::json!({
            "name": "Check", "action": "aws:branch", "isEnd": true,
            "inputs": { "Choices": [{ "NextStep": "Work", "Variable": "{{ P }}", "StringEquals": "go" }] }
        })),
        sleep("Work", serde_json::json!({})),
    ]);
    let out = imported_doc(&doc);
    let steps = statements(&out);
    let Some(StepBody::Guard(g)) = steps.first().map(|s| &s.body) else {
        panic!("expected a guard: {steps:?}");
    };
    assert!(matches!(g.otherwise, GuardElse::End(_)));
    assert!(
        steps.first().is_some_and(|s| s.clauses.is_empty()),
        "the `end` is the guard's"
    );
}

#[test]
fn blocks_after_a_branch_become_if_arms() {
    let doc = automation(vec![
        step(serde_json::json!({
            "name": "Choose", "action": "aws:branch",
            "inputs": {
                "Choices": [{ "NextStep": "Yes", "Variable": "{{ P }}", "BooleanEquals": true }],
                "Default": "No"
            }
        })),
        sleep("Yes", serde_json::json!({ "nextStep": "Done" })),
        sleep("No", serde_json::json!({})),
        sleep("Done", serde_json::json!({})),
    ]);
    let out = imported_doc(&doc);
    let steps = statements(&out);
    assert_eq!(steps.len(), 2, "the if and the step after it: {steps:?}");
    let Some(StepBody::If(i)) = steps.first().map(|s| &s.body) else {
        panic!("expected an if: {steps:?}");
    };
    assert!(matches!(
        i.else_arm,
        Some(ElseArm::Arm(ast::IfArm::Block(_)))
    ));
    // `Yes` falls to `Done` through the `if`'s own continuation, so its goto is gone.
    let ast::IfArm::Block(then) = &i.then_block else {
        panic!("expected a block");
    };
    assert!(then.steps.iter().all(|s| s.clauses.is_empty()));
}

#[test]
fn a_branch_with_its_own_next_step_stays_flat() {
    let doc = automation(vec![
        step(serde_json::json!({
            "name": "Choose", "action": "aws:branch", "nextStep": "Done",
            "inputs": { "Choices": [{ "NextStep": "Done", "Variable": "{{ P }}", "StringEquals": "x" }] }
        })),
        sleep("Done", serde_json::json!({})),
    ]);
    let out = imported_doc(&doc);
    assert!(matches!(
        statements(&out).first().map(|s| &s.body),
        Some(StepBody::Branch(_))
    ));
}

#[test]
fn explicit_next_replaces_gotos_to_the_next_step() {
    let doc = automation(vec![
        sleep("A", serde_json::json!({ "nextStep": "B" })),
        sleep("B", serde_json::json!({ "nextStep": "C" })),
        sleep("C", serde_json::json!({})),
    ]);
    let out = imported_doc(&doc);
    assert!(out.attrs.iter().any(|a| a.name.text == "explicit_next"));
    assert!(statements(&out).iter().all(|s| s.clauses.is_empty()));
}

#[test]
fn a_clause_on_every_step_moves_into_defaults() {
    let abort = serde_json::json!({ "onFailure": "Abort" });
    let doc = automation(vec![
        sleep("A", abort.clone()),
        sleep("B", abort.clone()),
        sleep("C", abort),
    ]);
    let out = imported_doc(&doc);
    assert!(out.items.iter().any(|i| matches!(i, DocItem::Defaults(_))));
    assert!(statements(&out).iter().all(|s| s.clauses.is_empty()));
}

#[test]
fn an_unwritable_step_name_is_an_error() {
    let doc = automation(vec![sleep("bad-name", serde_json::json!({}))]);
    let imported = import_document(&doc, &Catalog::default());
    assert!(imported.diagnostics.iter().any(|d| d.is_error()));
}
