//! Lenient forms of a `.rbk` source, emitted in the form AWS's schema accepts.
//!
//! Input: a lowered document. Output: the same document where a value the
//! checker only warns about (AWS's own document schema refuses it when the
//! document is created) is written the way AWS wants it:
//! an `Integer` parameter's default `"5"` → `5`, a `Boolean` one's `"true"` →
//! `true`, `attempts "3"` → `maxAttempts: 3`, `aws:sleep`'s `Duration: 1m` (or `60`) → `"PT1M"`.
//! (`timeoutSeconds` stays as written: AWS-owned documents write `"600"`.)
//! Invariant: only values that convert without loss change; anything else is
//! left for the checker to report. Runs on lowered `.rbk` sources only, never
//! on a document read from JSON/YAML (whose values are kept as written).

use crate::model::{Document, Node, Parameter, Step, Value};

/// Rewrites the document's lenient values in AWS's form.
pub fn normalize(doc: &mut Document) {
    for p in doc.parameters.iter_mut().flatten() {
        typed_default(p);
    }
    for v in doc.variables.iter_mut().flatten() {
        typed_default(v);
    }
    if let Some(steps) = doc.steps.as_mut() {
        steps_in_aws_form(steps, 0);
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
    let Value::String(text) = &default.value else {
        return;
    };
    let converted = match ty {
        "Integer" => text.trim().parse::<i64>().ok().map(Value::Int),
        "Boolean" => match text.trim() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        _ => None,
    };
    if let Some(value) = converted {
        default.value = value;
    }
}

/// Steps nested deeper than this are left alone (the lowering caps nesting).
const MAX_LOOP_DEPTH: usize = 128;

fn steps_in_aws_form(steps: &mut [Step], depth: usize) {
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
        if let Some(body) = step.loop_steps.as_mut() {
            steps_in_aws_form(body, depth + 1);
        }
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
