//! The payload contract of `aws:executeScript` steps, for the rules
//! `python-payload-missing-key`, `python-payload-unused-key` and
//! `python-output-contract`: what the handler reads from `events` against
//! the step's `InputPayload`, and what it returns against the step's
//! `outputs` selectors (`$.Payload.x`) and their `Type`s.
//!
//! The contract itself is the script analysis' ([`crate::python::payload`]);
//! this module holds it against the document and places each finding: a
//! read in the script (through the same mapping as every script finding),
//! a payload key or an output at its node in the document.

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::lint::python::{analysed, place, StepScript};
use crate::lint::LintContext;
use crate::model::Node;
use crate::python::payload::{cannot_be, describe, Shape};

/// The `InputPayload` map's entries, or none when the step has no
/// `InputPayload` (SSM calls the handler with an empty dict); `None` when
/// it is something else (a `{{ }}` string, text).
fn payload(s: &StepScript) -> Option<Vec<(&str, &Node)>> {
    match &s.input_payload {
        None => Some(Vec::new()),
        Some(node) => Some(
            node.as_map()?
                .iter()
                .map(|(k, v)| (k.name.as_str(), v))
                .collect(),
        ),
    }
}

/// `events['X']` where `InputPayload` has no `X` (SSM505).
pub fn report_missing_keys(cx: &mut LintContext<'_>) {
    let mut out = Vec::new();
    for s in analysed(cx) {
        let (Some(contract), Some(keys)) = (&s.contract, payload(s)) else {
            continue;
        };
        if contract.may_add_keys {
            continue;
        }
        let names: Vec<&str> = keys.iter().map(|(k, _)| *k).collect();
        for read in &contract.unguarded {
            if names.contains(&read.key.as_str()) {
                continue;
            }
            let message = format!(
                "the handler reads `events['{}']`, which the step's `InputPayload` does not pass",
                read.key
            );
            let range = Some(read.range.start().to_usize()..read.range.end().to_usize());
            let (span, message) = place(cx, s, range, &message);
            let help = match did_you_mean(&read.key, names.iter().copied()) {
                Some(near) => format!("did you mean `{near}`? Python raises `KeyError` when this line runs"),
                None => format!(
                    "Python raises `KeyError` when this line runs: pass `{}` in `InputPayload`, or read it with `events.get('{}')`",
                    read.key, read.key
                ),
            };
            out.push(cx.finding(span, message).with_help(help));
        }
    }
    report_all(cx, out);
}

/// An `InputPayload` key the handler never reads (SSM506), when every read
/// of `events` is known.
pub fn report_unused_keys(cx: &mut LintContext<'_>) {
    let mut out = Vec::new();
    for s in analysed(cx) {
        let Some(contract) = s.contract.as_ref().filter(|c| c.reads_complete) else {
            continue;
        };
        let Some(map) = s.input_payload.as_ref().and_then(Node::as_map) else {
            continue;
        };
        for (key, _) in map {
            if contract.reads.iter().any(|r| r.key == key.name) {
                continue;
            }
            let d = cx
                .finding(
                    key.span,
                    format!(
                        "`InputPayload` passes `{}`, which the handler never reads",
                        key.name
                    ),
                )
                .with_help("remove it, or read it in the script: a value passed and never read is often a renamed key");
            out.push(d);
        }
    }
    report_all(cx, out);
}

/// Output selectors `$.Payload.x` the returned dicts never hold, and output
/// `Type`s the returned literal cannot be (SSM507).
pub fn report_outputs(cx: &mut LintContext<'_>) {
    let mut out = Vec::new();
    for s in analysed(cx) {
        let Some(returns) = s.contract.as_ref().and_then(|c| c.returns.as_ref()) else {
            continue;
        };
        let Some(outputs) = s.outputs.as_ref().and_then(Node::as_list) else {
            continue;
        };
        for output in outputs {
            if let Some(d) = judge_output(cx, output, returns) {
                out.push(d);
            }
        }
    }
    report_all(cx, out);
}

fn report_all(cx: &mut LintContext<'_>, found: Vec<Diagnostic>) {
    for d in found {
        cx.report(d);
    }
}

/// What a selector reads of the payload: the whole of it, or a top-level key
/// (and whether it reads further into that key's value).
enum Selected<'a> {
    Whole,
    Key { key: &'a str, deeper: bool },
}

fn selected(selector: &str) -> Option<Selected<'_>> {
    let rest = selector.trim().strip_prefix("$.Payload")?;
    if rest.is_empty() {
        return Some(Selected::Whole);
    }
    let rest = rest.strip_prefix('.')?;
    let end = rest.find(['.', '[']).unwrap_or(rest.len());
    let key = rest.get(..end)?;
    (!key.is_empty()).then_some(Selected::Key {
        key,
        deeper: end < rest.len(),
    })
}

fn judge_output(
    cx: &LintContext<'_>,
    output: &Node,
    returns: &[Vec<(String, Shape)>],
) -> Option<Diagnostic> {
    let selector = output.get("Selector")?;
    let ty = output.get("Type");
    let name = output.get("Name").and_then(Node::as_str).unwrap_or("");
    let shapes: Vec<Shape> = match selected(selector.as_str()?)? {
        Selected::Whole => vec![Shape::Dict],
        Selected::Key { key, deeper } => {
            let found: Vec<Shape> = returns
                .iter()
                .filter_map(|r| r.iter().find(|(k, _)| k == key).map(|(_, s)| *s))
                .collect();
            if found.is_empty() {
                let mut keys: Vec<&str> =
                    returns.iter().flatten().map(|(k, _)| k.as_str()).collect();
                keys.sort_unstable();
                keys.dedup();
                let help = match did_you_mean(key, keys.iter().copied()) {
                    Some(near) => format!(
                        "did you mean `$.Payload.{near}`? The step fails when it sets this output"
                    ),
                    None if keys.is_empty() => {
                        "the handler returns an empty dict: the step fails when it sets this output"
                            .to_string()
                    }
                    None => format!(
                        "the handler returns {}: the step fails when it sets this output",
                        keys.iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                return Some(
                    cx.finding(
                        selector.span,
                        format!(
                            "output `{name}` selects `$.Payload.{key}`, but no dict the handler returns has `{key}`"
                        ),
                    )
                    .with_help(help),
                );
            }
            if deeper {
                return None;
            }
            found
        }
    };
    let ty_node = ty?;
    let ty = ty_node.as_str()?;
    let evident = shapes
        .iter()
        .all(|s| !matches!(s, Shape::Unknown | Shape::None));
    if !evident || !shapes.iter().all(|s| cannot_be(*s, ty)) {
        return None;
    }
    let what = shapes.first().map_or("a value", |s| describe(*s));
    Some(
        cx.finding(
            ty_node.span,
            format!("output `{name}` is declared `{ty}`, but the handler returns {what} there"),
        )
        .with_help(format!(
            "declare the `Type` the value has, or return {}",
            expected(ty)
        )),
    )
}

/// What an output type holds, in words.
fn expected(ty: &str) -> &'static str {
    match ty {
        "String" => "a string",
        "Integer" => "an integer",
        "Boolean" => "a boolean",
        "StringList" => "a list of strings",
        "MapList" => "a list of dicts",
        "StringMap" => "a dict",
        _ => "a value of that type",
    }
}
