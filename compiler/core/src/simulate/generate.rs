//! Generated mocks: a [`Scenario`] derived from a document's own types, for
//! `ssmc test init` and for running documents nobody wrote tests for (the
//! shared corpus).
//!
//! - inputs: a parameter without a `default` gets a value of its declared
//!   type (its first `allowedValues` entry when it lists some);
//! - `{{ ssm:name }}` references anywhere in the document get a value;
//! - `aws:executeAwsApi`: botocore's output shape sampled (`shape`), kept to
//!   the members the step's output selectors read;
//! - `aws:waitForAwsResourceProperty`/`aws:assertAwsResourceProperty`: the
//!   sample along `PropertySelector` with the first of `DesiredValues`;
//! - `aws:executeScript`: a payload holding each declared output, of its `Type`;
//! - every other action is left to the simulator's documented defaults
//!   (Success for `aws:runCommand`, approval for `aws:approve`, …).
//!
//! Invariants: pure and deterministic; a generated response fits its output
//! shape (one that would not is dropped, and the simulator's default applies).

use std::collections::BTreeMap;

use serde_json::{Map, Value as Json};

use super::interp::{references, Scope};
use super::json::{to_json, to_text};
use super::scenario::{Attempt, Scenario, StepMock};
use super::shape;
use super::testfile::all_steps;
use crate::check::awsapi::selector::{self, Segment, Sel};
use crate::model::{DocKind, Document, Node, Step};

/// The scenario of a document's happy path, every value derived from its types.
pub fn scenario(doc: &Document) -> Scenario {
    let mut out = Scenario {
        inputs: inputs(doc),
        ssm_parameters: ssm_parameters(doc),
        ..Scenario::default()
    };
    // What a desired value may read before any step ran: the parameters.
    let mut scope = Scope {
        ssm: out.ssm_parameters.clone(),
        ..Scope::default()
    };
    for p in doc.parameters.as_deref().unwrap_or_default() {
        let value = match (out.inputs.get(&p.name.name), &p.default) {
            (Some(v), _) => Some(v.clone()),
            (None, Some(d)) => scope.resolve(&to_json(d)).ok(),
            (None, None) => None,
        };
        if let Some(v) = value {
            scope.params.insert(p.name.name.clone(), v);
        }
    }
    if doc.kind == DocKind::Automation {
        for step in all_steps(doc) {
            if let Some(attempt) = mock(step, &scope) {
                out.mocks.insert(
                    step.name_str().to_string(),
                    StepMock {
                        attempts: vec![attempt],
                    },
                );
            }
        }
    }
    out
}

/// A value for each parameter that has no `default`.
fn inputs(doc: &Document) -> BTreeMap<String, Json> {
    let mut out = BTreeMap::new();
    for p in doc.parameters.as_deref().unwrap_or_default() {
        if p.default.is_some() {
            continue;
        }
        let allowed = p
            .attrs
            .iter()
            .find(|(k, _)| k.name == "allowedValues")
            .and_then(|(_, v)| v.as_list()?.first().map(to_json));
        let ty = p.ty.as_ref().and_then(Node::as_str).unwrap_or("String");
        let value = match allowed {
            Some(first) => of_type_from(ty, first),
            None => of_type(ty, &p.name.name),
        };
        out.insert(p.name.name.clone(), value);
    }
    out
}

/// A sample value of an SSM type (`String`, `Integer`, `Boolean`,
/// `StringList`, `StringMap`, `MapList`; an `AWS::…` type is a string).
pub fn of_type(ty: &str, name: &str) -> Json {
    let text = Json::String(format!("sample-{name}"));
    match ty {
        "Integer" => Json::from(1),
        "Boolean" => Json::Bool(true),
        "StringList" => Json::Array(vec![text]),
        "StringMap" => Json::Object(Map::from_iter([("key".to_string(), text)])),
        "MapList" => Json::Array(vec![Json::Object(Map::from_iter([(
            "key".to_string(),
            text,
        )]))]),
        _ => text,
    }
}

/// An allowed value in the parameter's type (a `StringList` takes a list of it).
fn of_type_from(ty: &str, value: Json) -> Json {
    match (ty, value) {
        ("StringList", v @ Json::String(_)) => Json::Array(vec![v]),
        (_, v) => v,
    }
}

/// A value for every `{{ ssm:name }}` the document reads.
pub(super) fn ssm_parameters(doc: &Document) -> BTreeMap<String, Json> {
    let mut texts = Vec::new();
    for p in doc.parameters.as_deref().unwrap_or_default() {
        if let Some(d) = &p.default {
            strings(&to_json(d), &mut texts);
        }
    }
    for step in all_steps(doc) {
        if let Some(i) = &step.inputs {
            strings(&to_json(i), &mut texts);
        }
    }
    let mut out = BTreeMap::new();
    for text in texts {
        for (_, _, name) in references(&text) {
            if let Some(param) = name.strip_prefix("ssm:") {
                out.insert(
                    param.to_string(),
                    Json::String("sample-ssm-value".to_string()),
                );
            }
        }
    }
    out
}

fn strings(v: &Json, out: &mut Vec<String>) {
    match v {
        Json::String(s) => out.push(s.clone()),
        Json::Array(items) => items.iter().for_each(|i| strings(i, out)),
        Json::Object(m) => m.values().for_each(|i| strings(i, out)),
        _ => {}
    }
}

/// The generated mock of one step, or `None` where the simulator's own
/// default is the generated answer.
fn mock(step: &Step, params: &Scope) -> Option<Attempt> {
    let inputs = step.inputs.as_ref().map(to_json).unwrap_or(Json::Null);
    let response = match step.action_str() {
        "aws:executeAwsApi" => api_response(step, &inputs)?,
        "aws:waitForAwsResourceProperty" | "aws:assertAwsResourceProperty" => {
            property_response(&inputs, params)?
        }
        "aws:executeScript" => script_payload(step)?,
        _ => return None,
    };
    Some(Attempt {
        response: Some(response),
        ..Attempt::default()
    })
}

/// The declared outputs of a step: (name, selector, type).
pub(super) fn declared_outputs(step: &Step) -> Vec<(String, String, String)> {
    step.outputs
        .as_ref()
        .and_then(Node::as_list)
        .unwrap_or_default()
        .iter()
        .filter_map(|o| {
            Some((
                o.get("Name")?.as_str()?.to_string(),
                o.get("Selector")?.as_str()?.to_string(),
                o.get("Type")
                    .and_then(Node::as_str)
                    .unwrap_or("String")
                    .to_string(),
            ))
        })
        .collect()
}

/// The sample response of the step's operation, pruned to what its output
/// selectors read (`{}` when it declares none: an empty structure fits any shape).
fn api_response(step: &Step, inputs: &Json) -> Option<Json> {
    let (svc, op) = shape::operation_of(inputs)?;
    let sample = shape::sample_response(inputs)?;
    let mut out = Json::Object(Map::new());
    for (_, sel, _) in declared_outputs(step) {
        let Ok(segments) = selector::parse(&sel) else {
            continue;
        };
        // Each selector's part is judged alone: one that does not fit
        // (a sample map's key taken for a member) leaves the others.
        if let Some(kept) = along(&sample, &segments, None) {
            if shape::misfits(svc, op, &kept).is_empty() {
                merge(&mut out, kept);
            }
        }
    }
    // No selector read anything: the simulator's default sample answers.
    let read = out.as_object().is_some_and(|m| !m.is_empty());
    (read && shape::misfits(svc, op, &out).is_empty()).then_some(out)
}

/// A response whose `PropertySelector` yields the first desired value, typed
/// as the output shape types it; `None` when the selector is not a plain
/// path or the desired value reads a step's output (known only in the run:
/// the simulator's default, the desired value, answers then).
fn property_response(inputs: &Json, params: &Scope) -> Option<Json> {
    let (svc, op) = shape::operation_of(inputs)?;
    let sample = shape::sample_response(inputs)?;
    let desired = inputs.get("DesiredValues")?.as_array()?.first()?;
    let desired = to_text(&params.resolve(desired).ok()?);
    let segments = selector::parse(inputs.get("PropertySelector")?.as_str()?).ok()?;
    let out = along(&sample, &segments, Some(&desired))?;
    shape::misfits(svc, op, &out).is_empty().then_some(out)
}

/// The part of `sample` that `segments` walk through. With `leaf`, the value
/// reached is replaced by it (in the sample's own type), and a path that
/// cannot be followed exactly (`..`, filters, functions) gives `None`;
/// without, such a path keeps the whole sample from there.
pub(super) fn along(sample: &Json, segments: &[Segment], leaf: Option<&str>) -> Option<Json> {
    let Some((seg, rest)) = segments.split_first() else {
        return Some(match leaf {
            Some(text) => typed_like(sample, text),
            None => sample.clone(),
        });
    };
    let exact = !seg.deep && !matches!(seg.sel, Sel::Filter(_) | Sel::Function(_));
    if !exact {
        return leaf.is_none().then(|| sample.clone());
    }
    match (&seg.sel, sample) {
        (Sel::Member(name), Json::Object(m)) => {
            // A map's sample has one entry, `key` (`shape`): a selector names
            // its own key (`$.Attributes.Policy`). A structure has no member
            // `key` in practice, and a misfit is dropped by the caller.
            let inner = along(m.get(name).or_else(|| m.get("key"))?, rest, leaf)?;
            Some(Json::Object(Map::from_iter([(name.clone(), inner)])))
        }
        (Sel::Members(names), Json::Object(m)) => {
            let mut out = Map::new();
            for n in names {
                if let Some(v) = m.get(n) {
                    out.insert(n.clone(), along(v, rest, leaf)?);
                }
            }
            Some(Json::Object(out))
        }
        (Sel::Index(i), Json::Array(items)) => {
            let inner = along(items.first()?, rest, leaf)?;
            // `[2]` needs three items; `[-1]` one.
            let count = usize::try_from(*i).map_or(1, |i| i.saturating_add(1).min(100));
            Some(Json::Array(vec![inner; count]))
        }
        (Sel::Slice | Sel::Wildcard, Json::Array(items)) => {
            Some(Json::Array(vec![along(items.first()?, rest, leaf)?]))
        }
        (Sel::Wildcard, Json::Object(m)) => {
            let mut out = Map::new();
            for (k, v) in m {
                out.insert(k.clone(), along(v, rest, leaf)?);
            }
            Some(Json::Object(out))
        }
        _ => None,
    }
}

/// `text` in the JSON type of `like` (a boolean or number member takes
/// `"true"` or `"5"` as that type; SSM compares desired values as text).
fn typed_like(like: &Json, text: &str) -> Json {
    match like {
        Json::Bool(_) => text
            .parse::<bool>()
            .map_or_else(|_| Json::String(text.to_string()), Json::Bool),
        Json::Number(_) => serde_json::from_str::<serde_json::Number>(text)
            .map_or_else(|_| Json::String(text.to_string()), Json::Number),
        _ => Json::String(text.to_string()),
    }
}

/// `add` merged into `into`: maps member by member, lists item by item.
pub(super) fn merge(into: &mut Json, add: Json) {
    match (into, add) {
        (Json::Object(a), Json::Object(b)) => {
            for (k, v) in b {
                match a.get_mut(&k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        a.insert(k, v);
                    }
                }
            }
        }
        (Json::Array(a), Json::Array(b)) => {
            for (i, v) in b.into_iter().enumerate() {
                match a.get_mut(i) {
                    Some(existing) => merge(existing, v),
                    None => a.push(v),
                }
            }
        }
        (slot, add) => *slot = add,
    }
}

/// What an `aws:executeScript` handler returns: each declared output
/// (`$.Payload.a.b`) set to a value of its `Type`.
fn script_payload(step: &Step) -> Option<Json> {
    // `$.Payload` itself may be the output (a `Boolean` the handler returns).
    let mut out = Json::Null;
    for (name, sel, ty) in declared_outputs(step) {
        let Ok(segments) = selector::parse(&sel) else {
            continue;
        };
        let Some((first, rest)) = segments.split_first() else {
            continue;
        };
        if !matches!(&first.sel, Sel::Member(m) if m == "Payload") || first.deep {
            continue;
        }
        if let Some(built) = build(rest, of_type(&ty, &name)) {
            merge(&mut out, built);
        }
    }
    // No declared output: the simulator's default (`{}`) is the same answer.
    (!out.is_null()).then_some(out)
}

/// The smallest value on which `segments` select `leaf`; `None` for a path
/// that does not name one place (`..`, filters, functions).
pub(super) fn build(segments: &[Segment], leaf: Json) -> Option<Json> {
    let Some((seg, rest)) = segments.split_first() else {
        return Some(leaf);
    };
    if seg.deep {
        return None;
    }
    let inner = build(rest, leaf)?;
    match &seg.sel {
        Sel::Member(name) => Some(Json::Object(Map::from_iter([(name.clone(), inner)]))),
        Sel::Index(i) => {
            let count = usize::try_from(*i).map_or(1, |i| i.saturating_add(1).min(100));
            Some(Json::Array(vec![inner; count]))
        }
        Sel::Slice | Sel::Wildcard => Some(Json::Array(vec![inner])),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::codegen::{read::read_document, Format};
    use crate::span::FileId;

    const DOC: &str = r#"
schemaVersion: "0.3"
parameters:
  Table: { type: String }
  Ids: { type: StringList }
  Mode: { type: String, allowedValues: [fast, slow] }
  Topic: { type: String, default: "{{ ssm:/ops/topic }}" }
mainSteps:
  - name: Attrs
    action: aws:executeAwsApi
    inputs: { Service: sqs, Api: GetQueueAttributes, QueueUrl: u }
    outputs:
      - { Name: Policy, Selector: $.Attributes.Policy, Type: String }
  - name: Check
    action: aws:executeScript
    inputs: { Runtime: python3.11, Handler: h, Script: "def h(e, c): return True" }
    outputs:
      - { Name: Ok, Selector: $.Payload, Type: Boolean }
  - name: Count
    action: aws:executeScript
    inputs: { Runtime: python3.11, Handler: h, Script: "..." }
    outputs:
      - { Name: N, Selector: $.Payload.stats.count, Type: Integer }
      - { Name: Names, Selector: $.Payload.names, Type: StringList }
  - name: Wait
    action: aws:waitForAwsResourceProperty
    inputs:
      Service: dynamodb
      Api: DescribeTable
      TableName: "{{ Table }}"
      PropertySelector: $.Table.TableName
      DesiredValues: ["{{ Table }}"]
"#;

    fn doc() -> Document {
        read_document(FileId(0), "Gen", DOC, Format::Yaml).expect("reads")
    }

    fn response(s: &Scenario, step: &str) -> Option<Json> {
        s.mocks.get(step)?.attempts.first()?.response.clone()
    }

    #[test]
    fn inputs_take_the_first_allowed_value_or_a_sample_of_their_type() {
        let s = scenario(&doc());
        assert_eq!(
            Json::Object(s.inputs.clone().into_iter().collect()),
            json!({"Ids": ["sample-Ids"], "Mode": "fast", "Table": "sample-Table"})
        );
        assert_eq!(
            s.ssm_parameters.get("/ops/topic"),
            Some(&json!("sample-ssm-value"))
        );
    }

    #[test]
    fn mocks_hold_what_the_outputs_read_in_their_types() {
        let s = scenario(&doc());
        // A map's own key, as the selector names it.
        assert_eq!(
            response(&s, "Attrs"),
            Some(json!({"Attributes": {"Policy": "sample-Attributes"}}))
        );
        // `$.Payload` itself is the Boolean output.
        assert_eq!(response(&s, "Check"), Some(json!(true)));
        assert_eq!(
            response(&s, "Count"),
            Some(json!({"stats": {"count": 1}, "names": ["sample-Names"]}))
        );
        // The desired value, resolved from the generated input.
        assert_eq!(
            response(&s, "Wait"),
            Some(json!({"Table": {"TableName": "sample-Table"}}))
        );
        let run = crate::simulate::simulate(&doc(), &s);
        assert_eq!(run.status, crate::simulate::Status::Success, "{run:?}");
        assert_eq!(run.step_outputs.get("Count.N"), Some(&json!(1)));
        assert_eq!(
            run.step_outputs.get("Attrs.Policy"),
            Some(&json!("sample-Attributes"))
        );
    }
}
