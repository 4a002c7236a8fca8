//! Lenient forms of a `.rbk` source, emitted in the form AWS's schema accepts.
//!
//! Input: a lowered document. Output: the same document where a value the
//! checker only warns about (AWS's own document schema refuses it when the
//! document is created) is written the way AWS wants it:
//! an `Integer` parameter's default `"5"` → `5`, a `Boolean` one's `"true"` →
//! `true`, `attempts "3"` → `maxAttempts: 3`, `aws:sleep`'s `Duration: 1m` (or `60`) → `"PT1M"`,
//! a number or boolean written for an action input of type String → its text
//! (`aws:approve { Message: 5 }` → `"5"`: AWS's schema types those inputs as strings).
//! (`timeoutSeconds` stays as written: AWS-owned documents write `"600"`.)
//! Invariant: only values that convert without loss change; anything else is
//! left for the checker to report. Runs on lowered `.rbk` sources only, never
//! on a document read from JSON/YAML (whose values are kept as written).

use crate::catalog::Catalog;
use crate::model::{Document, Node, Parameter, Step, Value};
use crate::types::Ty;

/// Rewrites the document's lenient values in AWS's form; `catalog` gives the
/// declared type of each action input.
pub fn normalize(doc: &mut Document, catalog: &Catalog) {
    for p in doc.parameters.iter_mut().flatten() {
        typed_default(p);
    }
    for v in doc.variables.iter_mut().flatten() {
        typed_default(v);
    }
    if let Some(steps) = doc.steps.as_mut() {
        steps_in_aws_form(steps, catalog, 0);
    }
}

/// A default given as text for an Integer or Boolean parameter.
fn typed_default(p: &mut Parameter) {
    let Some(ty) = p.ty.as_ref().and_then(Node::as_str) else {
        return;
    };
    let Some(default) = p.default.as_mut() else {
        return;
    };
    if let Some(value) = default_in_aws_form(ty, &default.value) {
        default.value = value;
    }
}

/// The value a parameter or variable default of type `ty` is built as, when
/// the build changes it (`"5"` for an Integer → `5`). The importer asks this
/// to write such a default verbatim (`raw: { default: "5" }`) instead, so a
/// document that has one builds back exactly.
pub(crate) fn default_in_aws_form(ty: &str, value: &Value) -> Option<Value> {
    let Value::String(text) = value else {
        return None;
    };
    match ty {
        "Integer" => text.trim().parse::<i64>().ok().map(Value::Int),
        "Boolean" => match text.trim() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        _ => None,
    }
}

/// Steps nested deeper than this are left alone (the lowering caps nesting).
const MAX_LOOP_DEPTH: usize = 128;

fn steps_in_aws_form(steps: &mut [Step], catalog: &Catalog, depth: usize) {
    if depth > MAX_LOOP_DEPTH {
        return;
    }
    for step in steps {
        if let Some(node) = step.max_attempts.as_mut() {
            integer_from_text(node);
        }
        if step.action_str() == "aws:sleep" {
            sleep_duration(step);
        }
        string_inputs_as_text(step, catalog);
        if let Some(body) = step.loop_steps.as_mut() {
            steps_in_aws_form(body, catalog, depth + 1);
        }
    }
}

/// A number or boolean written for an input the action declares as a String
/// (`aws:approve { Message: 5 }`) → its text, `"5"`. AWS's document schema
/// types these inputs as strings and refuses the number; the text is what the
/// author meant. Inputs typed otherwise (Integer, Any, a map) are left alone.
fn string_inputs_as_text(step: &mut Step, catalog: &Catalog) {
    let Some(sig) = catalog.action(step.action_str()) else {
        return;
    };
    let Some(Value::Map(inputs)) = step.inputs.as_mut().map(|n| &mut n.value) else {
        return;
    };
    for (key, value) in inputs {
        let declared_string = sig
            .input(&key.name, false)
            .is_some_and(|input| matches!(input.ty, Ty::String | Ty::Aws(_)));
        if !declared_string {
            continue;
        }
        let text = match value.value {
            Value::Int(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Float(f) if f.is_finite() => f.to_string(),
            _ => continue,
        };
        value.value = Value::String(text);
    }
}

fn integer_from_text(node: &mut Node) {
    if let Value::String(text) = &node.value {
        if let Ok(n) = text.trim().parse::<i64>() {
            node.value = Value::Int(n);
        }
    }
}

/// `aws:sleep`'s `Duration` as seconds (a duration literal lowers to them)
/// → the ISO 8601 duration AWS requires.
fn sleep_duration(step: &mut Step) {
    let Some(Value::Map(inputs)) = step.inputs.as_mut().map(|n| &mut n.value) else {
        return;
    };
    for (key, value) in inputs {
        if key.name == "Duration" {
            if let Value::Int(seconds) = value.value {
                if seconds >= 0 {
                    value.value = Value::String(iso8601(seconds.unsigned_abs()));
                }
            }
        }
    }
}

/// Seconds as an ISO 8601 duration: `PT1H30M`, `PT45S`, `PT0S`.
pub fn iso8601(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut out = String::from("PT");
    if h > 0 {
        out.push_str(&format!("{h}H"));
    }
    if m > 0 {
        out.push_str(&format!("{m}M"));
    }
    if s > 0 || seconds == 0 {
        out.push_str(&format!("{s}S"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::iso8601;

    #[test]
    fn seconds_become_iso8601_durations() {
        assert_eq!(iso8601(0), "PT0S");
        assert_eq!(iso8601(60), "PT1M");
        assert_eq!(iso8601(90), "PT1M30S");
        assert_eq!(iso8601(5400), "PT1H30M");
        assert_eq!(iso8601(86_401), "PT24H1S");
    }
}
