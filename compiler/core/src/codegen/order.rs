//! The emitted value of a document, in AWS's key order.
//!
//! Input: a [`Document`]. Output: the exact [`Node`] the emitters write.
//! Invariant: every field and every `extra` entry of the model appears once;
//! known keys come first in the order AWS's own documents use, then `extra`
//! keys in their recorded order. A loop's `Steps` goes back among its inputs
//! at `loop_steps_index`.

use crate::model::{Document, Key, Node, Parameter, Step, Value};
use crate::span::Span;

/// Builds the value tree to emit for `doc`.
pub fn to_node(doc: &Document) -> Node {
    let mut map = Vec::new();
    push(&mut map, "schemaVersion", Some(&doc.schema_version));
    push(&mut map, "description", doc.description.as_ref());
    push(&mut map, "assumeRole", doc.assume_role.as_ref());
    if let Some(params) = &doc.parameters {
        map.push(entry("parameters", params_node(params, doc.span)));
    }
    if let Some(vars) = &doc.variables {
        map.push(entry("variables", params_node(vars, doc.span)));
    }
    push(&mut map, "files", doc.files.as_ref());
    push(&mut map, "runtimeConfig", doc.runtime_config.as_ref());
    if let Some(steps) = &doc.steps {
        map.push(entry("mainSteps", steps_node(steps, doc.span)));
    }
    push(&mut map, "outputs", doc.outputs.as_ref());
    map.extend(doc.extra.iter().cloned());
    Node::new(Value::Map(map), doc.span)
}

fn entry(name: &str, node: Node) -> (Key, Node) {
    (
        Key {
            name: name.to_string(),
            span: node.span,
        },
        node,
    )
}

fn push(map: &mut Vec<(Key, Node)>, name: &str, node: Option<&Node>) {
    if let Some(node) = node {
        map.push(entry(name, node.clone()));
    }
}

fn params_node(params: &[Parameter], span: Span) -> Node {
    let map = params
        .iter()
        .map(|p| (p.name.clone(), param_node(p)))
        .collect();
    Node::new(Value::Map(map), span)
}

fn param_node(p: &Parameter) -> Node {
    let mut map = Vec::new();
    push(&mut map, "type", p.ty.as_ref());
    push(&mut map, "description", p.description.as_ref());
    push(&mut map, "default", p.default.as_ref());
    map.extend(p.attrs.iter().cloned());
    Node::new(Value::Map(map), p.span)
}

fn steps_node(steps: &[Step], span: Span) -> Node {
    let list = steps.iter().map(step_node).collect();
    Node::new(Value::List(list), span)
}

/// One step's map; public for tools that show a single step.
pub fn step_node(step: &Step) -> Node {
    let mut map = Vec::new();
    // The order that agrees with the most key pairs of AWS's own documents
    // (docs/language.md §17 says how it was measured).
    push(&mut map, "name", Some(&step.name));
    push(&mut map, "action", Some(&step.action));
    push(&mut map, "precondition", step.precondition.as_ref());
    push(&mut map, "description", step.description.as_ref());
    push(&mut map, "maxAttempts", step.max_attempts.as_ref());
    push(&mut map, "timeoutSeconds", step.timeout_seconds.as_ref());
    push(&mut map, "onFailure", step.on_failure.as_ref());
    push(&mut map, "isCritical", step.is_critical.as_ref());
    push(&mut map, "nextStep", step.next_step.as_ref());
    push(&mut map, "onCancel", step.on_cancel.as_ref());
    push(&mut map, "isEnd", step.is_end.as_ref());
    if let Some(inputs) = inputs_node(step) {
        map.push(entry("inputs", inputs));
    }
    push(&mut map, "outputs", step.outputs.as_ref());
    map.extend(step.extra.iter().cloned());
    Node::new(Value::Map(map), step.span)
}

/// The step's `inputs`, with a loop's body re-inserted as `Steps`.
fn inputs_node(step: &Step) -> Option<Node> {
    let Some(body) = &step.loop_steps else {
        return step.inputs.clone();
    };
    let steps = steps_node(body, step.span);
    match &step.inputs {
        None => Some(Node::new(
            Value::Map(vec![entry("Steps", steps)]),
            step.span,
        )),
        Some(Node {
            value: Value::Map(inputs),
            span,
        }) => {
            let mut inputs = inputs.clone();
            let at = step.loop_steps_index.min(inputs.len());
            inputs.insert(at, entry("Steps", steps));
            Some(Node::new(Value::Map(inputs), *span))
        }
        // The readers only split `Steps` out of a map, and lowering builds a map,
        // so a non-map `inputs` with a body cannot be built; keep `inputs` as is.
        Some(other) => Some(other.clone()),
    }
}
