//! `ssmc test --from-execution`: a recorded Automation execution, the
//! `GetAutomationExecution` response as `aws ssm get-automation-execution`
//! prints it, turned into a test case that replays it.
//!
//! - [`read`]: the JSON, with or without its `AutomationExecution` wrapper,
//!   judged against botocore's output shape of `ssm` `GetAutomationExecution`
//!   (a misfit is reported, never fatal: AWS adds members before our model).
//! - [`replay`]: the case. Inputs: `Parameters` (lists of strings, AWS's
//!   form) in each parameter's declared type. A mock per executed step, one
//!   attempt per record (a loop body step is recorded once per iteration):
//!   a failed, timed-out or cancelled step is mocked so (a rejected approval
//!   as `approve = false`); a successful `aws:executeAwsApi` answers a
//!   response built along its output selectors and typed by botocore's
//!   shape; an `aws:executeScript` returns its recorded `OutputPayload`;
//!   any other action's recorded `Outputs` are set directly. What cannot be
//!   built so is said in [`Replay::notes`]. Expectations: the executed steps
//!   in order, `AutomationExecutionStatus`, the document's `Outputs`.
//!
//! Invariants: pure; no input panics; only the JSON types are trusted, never
//! that a member is present.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value as Json};

use super::automation::count;
use super::cases::GeneratedCase;
use super::generate::{along, build, declared_outputs, merge, ssm_parameters};
use super::run::{Run, StepRun};
use super::scenario::{Attempt, Scenario, Status, StepMock};
use super::shape;
use super::testfile::all_steps;
use crate::check::awsapi::selector::{self, Segment, Sel};
use crate::model::{Document, Node, Step};

/// The text AWS records as the value of an output whose step did not succeed.
const NO_OUTPUT: &str = "No output available yet because the step is not successfully executed";

/// A recorded execution, as far as a replay needs it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Execution {
    pub id: String,
    /// The document's name (the part after `document/` of a shared document's ARN).
    pub document_name: String,
    /// `AutomationExecutionStatus` as recorded.
    pub status: String,
    pub parameters: BTreeMap<String, Vec<String>>,
    /// The document's outputs, `Step.Output` → values.
    pub outputs: BTreeMap<String, Vec<String>>,
    pub steps: Vec<StepExecution>,
    /// Where the JSON does not fit botocore's `GetAutomationExecutionResult`.
    pub misfits: Vec<String>,
}

/// One entry of `StepExecutions`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StepExecution {
    pub name: String,
    pub action: String,
    /// `StepStatus` as recorded.
    pub status: String,
    pub outputs: BTreeMap<String, Vec<String>>,
    pub failure_message: Option<String>,
}

/// Reads a `GetAutomationExecution` response; `Err` says why it is not one.
pub fn read(text: &str) -> Result<Execution, String> {
    let root: Json = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let (wrapped, body) = match root.get("AutomationExecution") {
        Some(body) => (root.clone(), body),
        None => (json!({ "AutomationExecution": root }), &root),
    };
    let body = body
        .as_object()
        .ok_or("`AutomationExecution` is not an object")?;
    let text_of = |key: &str| body.get(key).and_then(Json::as_str).map(str::to_string);
    let document = text_of("DocumentName").ok_or("no `DocumentName`")?;
    let steps = body
        .get("StepExecutions")
        .and_then(Json::as_array)
        .ok_or("no `StepExecutions`")?
        .iter()
        .filter_map(|s| {
            Some(StepExecution {
                name: s.get("StepName")?.as_str()?.to_string(),
                action: s
                    .get("Action")
                    .and_then(Json::as_str)
                    .unwrap_or_default()
                    .to_string(),
                status: s
                    .get("StepStatus")
                    .and_then(Json::as_str)
                    .unwrap_or_default()
                    .to_string(),
                outputs: string_lists(s.get("Outputs")),
                failure_message: s
                    .get("FailureMessage")
                    .and_then(Json::as_str)
                    .map(str::to_string),
            })
        })
        .collect();
    Ok(Execution {
        id: text_of("AutomationExecutionId").unwrap_or_default(),
        // `arn:aws:ssm:us-east-1:123456789012:document/Name` for a shared one.
        document_name: document.rsplit('/').next().unwrap_or(&document).to_string(),
        status: text_of("AutomationExecutionStatus").ok_or("no `AutomationExecutionStatus`")?,
        parameters: string_lists(body.get("Parameters")),
        outputs: string_lists(body.get("Outputs")),
        steps,
        misfits: misfits(&wrapped),
    })
}

/// AWS's `AutomationParameterMap` form: name → list of strings.
fn string_lists(v: Option<&Json>) -> BTreeMap<String, Vec<String>> {
    v.and_then(Json::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    let items = match v {
                        Json::Array(items) => items.iter().map(text).collect(),
                        other => vec![text(other)],
                    };
                    (k.clone(), items)
                })
                .collect()
        })
        .unwrap_or_default()
}

fn text(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The JSON judged against botocore's `ssm` `GetAutomationExecution` output.
fn misfits(wrapped: &Json) -> Vec<String> {
    let Some((svc, op)) =
        shape::operation_of(&json!({ "Service": "ssm", "Api": "GetAutomationExecution" }))
    else {
        return vec!["botocore's model of `ssm` `GetAutomationExecution` is missing".into()];
    };
    shape::misfits(svc, op, wrapped)
        .into_iter()
        .map(|m| format!("{}: {}", m.path, m.message))
        .collect()
}

/// A test case that replays an execution, and what it could not replay.
#[derive(Debug, Clone, PartialEq)]
pub struct Replay {
    /// The case, its `run` the execution as recorded (its expectations).
    pub case: GeneratedCase,
    /// What the mocks do not hold, and why; one line each.
    pub notes: Vec<String>,
}

/// The case replaying `exec` on `doc`; `Err` when the execution has not ended.
pub fn replay(exec: &Execution, doc: &Document) -> Result<Replay, String> {
    let status = Status::parse(&exec.status).ok_or_else(|| {
        format!(
            "execution {} is `{}`: only an ended one (Success, Failed, TimedOut, Cancelled) can be replayed",
            exec.id, exec.status
        )
    })?;
    let mut notes = Vec::new();
    let steps = all_steps(doc);
    let find = |name: &str| steps.iter().copied().find(|s| s.name_str() == name);
    let mut scenario = Scenario {
        inputs: inputs(exec, doc, &mut notes),
        ..Scenario::default()
    };
    // Parameter Store values read by a default the inputs replace are not needed.
    let mut unset = doc.clone();
    for p in unset.parameters.iter_mut().flatten() {
        if scenario.inputs.contains_key(&p.name.name) {
            p.default = None;
        }
    }
    let ssm = ssm_parameters(&unset);
    if !ssm.is_empty() {
        notes.push(format!(
            "an execution does not record Parameter Store values: {} given the sample `sample-ssm-value`",
            ssm.keys()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    scenario.ssm_parameters = ssm;
    let mut run = Run::start();
    run.status = status;
    let mut attempts: BTreeMap<String, Vec<Attempt>> = BTreeMap::new();
    for record in &exec.steps {
        let Some(step_status) = Status::parse(&record.status) else {
            notes.push(format!(
                "step `{}` is `{}`, not ended: left out of the path",
                record.name, record.status
            ));
            continue;
        };
        run.path.push(StepRun {
            name: record.name.clone(),
            action: record.action.clone(),
            status: step_status,
            attempts: 1,
            message: record.failure_message.clone(),
        });
        let step = find(&record.name);
        if step.is_none() {
            notes.push(format!(
                "step `{}` ran but the document has no such step",
                record.name
            ));
        }
        let attempt = mock(record, step_status, step, &mut notes);
        // A step that failed or timed out failed every one of its
        // `maxAttempts` runs ([ug] `maxAttempts`): each run takes an attempt,
        // and a later record (the next loop iteration) must not be used up.
        let runs = match (step_status, step) {
            (Status::Failed | Status::TimedOut, Some(step)) => {
                count(step.max_attempts.as_ref()).unwrap_or(1).clamp(1, 100)
            }
            _ => 1,
        };
        let list = attempts.entry(record.name.clone()).or_default();
        for _ in 0..runs {
            list.push(attempt.clone());
        }
    }
    for (name, mut list) in attempts {
        // The last attempt repeats when they run out: trailing copies say nothing.
        while list.len() > 1 && list.last() == list.get(list.len() - 2) {
            list.pop();
        }
        // A step whose every record is the simulator's default needs no mock.
        if list.iter().all(|a| *a == Attempt::default()) {
            continue;
        }
        scenario.mocks.insert(name, StepMock { attempts: list });
    }
    run.outputs = document_outputs(exec, &run, &find);
    let case = GeneratedCase {
        name: format!(
            "execution {} of {}: {}",
            exec.id, exec.document_name, exec.status
        ),
        scenario,
        run,
    };
    Ok(Replay { case, notes })
}

/// `Parameters` in the types the document declares; one it does not
/// declare is left out (and said).
fn inputs(exec: &Execution, doc: &Document, notes: &mut Vec<String>) -> BTreeMap<String, Json> {
    let params = doc.parameters.as_deref().unwrap_or_default();
    let mut out = BTreeMap::new();
    for (name, values) in &exec.parameters {
        match params.iter().find(|p| &p.name.name == name) {
            Some(p) => {
                let ty = p.ty.as_ref().and_then(Node::as_str).unwrap_or("String");
                out.insert(name.clone(), typed(values, ty));
            }
            None => notes.push(format!(
                "parameter `{name}` is not declared by `{}`: left out",
                doc.name
            )),
        }
    }
    out
}

/// AWS's list-of-strings value in an SSM type: `String` and the `AWS::…`
/// types take the one item, `Integer` and `Boolean` parse it, `StringMap`
/// and `MapList` parse the JSON text AWS records.
fn typed(values: &[String], ty: &str) -> Json {
    let first = values.first().map(String::as_str).unwrap_or_default();
    let parsed = |s: &str| serde_json::from_str::<Json>(s).unwrap_or_else(|_| Json::from(s));
    match ty {
        "StringList" => Json::Array(values.iter().map(|v| Json::from(v.as_str())).collect()),
        "Integer" => first
            .trim()
            .parse::<i64>()
            .map_or(Json::from(first), Json::from),
        "Boolean" => first
            .trim()
            .to_ascii_lowercase()
            .parse::<bool>()
            .map_or(Json::from(first), Json::Bool),
        "StringMap" => parsed(first),
        "MapList" => Json::Array(values.iter().map(|v| parsed(v)).collect()),
        _ if values.len() > 1 => {
            Json::Array(values.iter().map(|v| Json::from(v.as_str())).collect())
        }
        _ => Json::from(first),
    }
}

/// The type of a step's output: declared, or an action's own list outputs
/// (`InstanceIds`, an `aws:executeAutomation`'s `Output`) and numbers.
fn output_type(step: Option<&Step>, action: &str, output: &str) -> String {
    if let Some(ty) = step.and_then(|s| {
        declared_outputs(s)
            .into_iter()
            .find(|(n, _, _)| n == output)
            .map(|(_, _, ty)| ty)
    }) {
        return ty;
    }
    match (action, output) {
        ("aws:runInstances", "InstanceIds" | "InstanceStates")
        | ("aws:executeAutomation", "Output") => "StringList",
        ("aws:runCommand", "ResponseCode") | ("aws:invokeLambdaFunction", "StatusCode") => {
            "Integer"
        }
        _ => "String",
    }
    .to_string()
}

/// The mocked attempt of one recorded step run.
fn mock(
    record: &StepExecution,
    status: Status,
    step: Option<&Step>,
    notes: &mut Vec<String>,
) -> Attempt {
    let action = step.map_or(record.action.as_str(), Step::action_str);
    if status != Status::Success {
        return match action {
            // [ug] `automation-action-approve.md`: a rejection fails the step.
            "aws:approve" => Attempt {
                approve: Some(false),
                ..Attempt::default()
            },
            // A branch fails by its data (no choice holds): replayed, not mocked.
            "aws:branch" | "aws:loop" => Attempt::default(),
            _ => Attempt {
                status: Some(status),
                ..Attempt::default()
            },
        };
    }
    let recorded = |name: &str| -> Option<Json> {
        let values = record.outputs.get(name)?;
        let one = values.first().map(String::as_str);
        (one != Some(NO_OUTPUT)).then(|| typed(values, &output_type(step, action, name)))
    };
    match (action, step) {
        // Decided by the run's own data, or no outputs to record.
        ("aws:branch" | "aws:loop" | "aws:updateVariable" | "aws:sleep" | "aws:pause", _)
        | ("aws:approve", _) => Attempt::default(),
        ("aws:executeAwsApi", Some(step)) => api_attempt(record, step, &recorded, notes),
        ("aws:executeScript", Some(step)) => script_attempt(record, step, &recorded, notes),
        ("aws:waitForAwsResourceProperty" | "aws:assertAwsResourceProperty", Some(step)) => {
            // Succeeded: its property had a desired value, the simulator's
            // default answer; declared outputs are set as recorded.
            let mut outputs = BTreeMap::new();
            for (name, _, _) in declared_outputs(step) {
                if let Some(v) = recorded(&name) {
                    outputs.insert(name, v);
                }
            }
            Attempt {
                outputs,
                ..Attempt::default()
            }
        }
        _ => Attempt {
            outputs: record
                .outputs
                .keys()
                .filter_map(|k| Some((k.clone(), recorded(k)?)))
                .collect(),
            ..Attempt::default()
        },
    }
}

/// An `aws:executeAwsApi` run: a response on which each declared output's
/// selector yields its recorded value, typed by botocore's output shape; an
/// output that cannot be placed so (a selector that is not one path, a list
/// of several values, a value the shape does not allow) is set directly.
fn api_attempt(
    record: &StepExecution,
    step: &Step,
    recorded: &dyn Fn(&str) -> Option<Json>,
    notes: &mut Vec<String>,
) -> Attempt {
    let inputs = step
        .inputs
        .as_ref()
        .map(super::json::to_json)
        .unwrap_or(Json::Null);
    let typed_shape = shape::operation_of(&inputs).zip(shape::sample_response(&inputs));
    let mut response = Json::Object(Map::new());
    let mut outputs = BTreeMap::new();
    for (name, sel, _) in declared_outputs(step) {
        let Some(value) = recorded(&name) else {
            continue;
        };
        let placed = typed_shape.as_ref().and_then(|((svc, op), sample)| {
            let leaf = single_text(&value)?;
            let segments = selector::parse(&sel).ok()?;
            let part = along(sample, &segments, Some(&leaf))?;
            let mut candidate = response.clone();
            merge(&mut candidate, part);
            shape::misfits(svc, op, &candidate)
                .is_empty()
                .then_some(candidate)
        });
        match placed {
            Some(candidate) => response = candidate,
            None => {
                notes.push(format!(
                    "step `{}`: output `{name}` (selector `{sel}`) is set directly: no response of the API's shape was built for it",
                    record.name
                ));
                outputs.insert(name, value);
            }
        }
    }
    let built = response.as_object().is_some_and(|m| !m.is_empty());
    Attempt {
        response: built.then_some(response),
        outputs,
        ..Attempt::default()
    }
}

/// The one text of a recorded value: a scalar, or a list of one.
fn single_text(v: &Json) -> Option<String> {
    match v {
        Json::Array(items) if items.len() == 1 => items.first().map(super::json::to_text),
        Json::Array(_) | Json::Object(_) | Json::Null => None,
        other => Some(super::json::to_text(other)),
    }
}

/// An `aws:executeScript` run: its recorded `OutputPayload` (the handler's
/// return value as JSON text) is the payload; without one, a payload is
/// built along the declared `$.Payload…` selectors.
fn script_attempt(
    record: &StepExecution,
    step: &Step,
    recorded: &dyn Fn(&str) -> Option<Json>,
    notes: &mut Vec<String>,
) -> Attempt {
    if let Some(payload) = record
        .outputs
        .get("OutputPayload")
        .and_then(|v| v.first())
        .and_then(|t| serde_json::from_str::<Json>(t).ok())
    {
        // [ug] `automation-action-executeScript.md`: the `Payload` member.
        let payload = match payload {
            Json::Object(mut m) if m.len() == 1 && m.contains_key("Payload") => {
                m.remove("Payload").unwrap_or(Json::Null)
            }
            other => other,
        };
        return Attempt {
            response: Some(payload),
            ..Attempt::default()
        };
    }
    let mut payload = Json::Null;
    let mut outputs = BTreeMap::new();
    for (name, sel, _) in declared_outputs(step) {
        let Some(value) = recorded(&name) else {
            continue;
        };
        let built = selector::parse(&sel).ok().and_then(|segments| {
            let (first, rest) = segments.split_first()?;
            let payload_member = matches!(&first.sel, Sel::Member(m) if m == "Payload");
            (payload_member && !first.deep && definite(rest))
                .then(|| build(rest, value.clone()))
                .flatten()
        });
        match built {
            Some(part) => merge(&mut payload, part),
            None => {
                notes.push(format!(
                    "step `{}`: output `{name}` (selector `{sel}`) is set directly: the selector does not name one place in the payload",
                    record.name
                ));
                outputs.insert(name, value);
            }
        }
    }
    Attempt {
        response: (!payload.is_null()).then_some(payload),
        outputs,
        ..Attempt::default()
    }
}

/// A path of members and indexes only: it names one place.
fn definite(segments: &[Segment]) -> bool {
    segments
        .iter()
        .all(|s| !s.deep && matches!(s.sel, Sel::Member(_) | Sel::Index(_)))
}

/// The document's `Outputs` the execution recorded for steps that succeeded,
/// in their declared types.
fn document_outputs<'a>(
    exec: &Execution,
    run: &Run,
    find: &dyn Fn(&str) -> Option<&'a Step>,
) -> BTreeMap<String, Json> {
    let succeeded = |step: &str| {
        run.path
            .iter()
            .any(|s| s.name == step && s.status == Status::Success)
    };
    exec.outputs
        .iter()
        .filter_map(|(key, values)| {
            let (step_name, output) = key.split_once('.')?;
            if !succeeded(step_name) || values.first().map(String::as_str) == Some(NO_OUTPUT) {
                return None;
            }
            let step = find(step_name);
            let action = step.map_or("", Step::action_str);
            Some((
                key.clone(),
                typed(values, &output_type(step, action, output)),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_execution_reads_like_a_wrapped_one_and_a_shared_document_loses_its_arn() {
        let bare = r#"{"AutomationExecutionId": "e1", "AutomationExecutionStatus": "Success",
            "DocumentName": "arn:aws:ssm:us-east-1:111122223333:document/Shared",
            "StepExecutions": [{"StepName": "A", "Action": "aws:sleep", "StepStatus": "Success"}],
            "Parameters": {"Names": ["a", "b"]}}"#;
        let exec = read(bare).expect("reads");
        assert_eq!(exec.document_name, "Shared");
        assert_eq!(exec.steps.len(), 1);
        assert_eq!(exec.parameters["Names"], vec!["a", "b"]);
        assert!(exec.misfits.is_empty(), "{:?}", exec.misfits);
        let wrapped = format!("{{\"AutomationExecution\": {bare}}}");
        assert_eq!(read(&wrapped), Ok(exec));
    }

    #[test]
    fn what_is_not_an_execution_is_said() {
        assert!(read("[1]").unwrap_err().contains("not an object"));
        assert!(read("{").unwrap_err().contains("not JSON"));
        assert!(read(r#"{"AutomationExecution": {"DocumentName": "D"}}"#)
            .unwrap_err()
            .contains("StepExecutions"));
    }

    #[test]
    fn a_member_botocore_does_not_know_is_a_misfit() {
        let text = r#"{"AutomationExecution": {"DocumentName": "D", "AutomationExecutionStatus": "Success",
            "StepExecutions": [], "StepCount": "three"}}"#;
        let exec = read(text).expect("reads");
        assert!(
            exec.misfits.iter().any(|m| m.contains("StepCount")),
            "{:?}",
            exec.misfits
        );
    }

    #[test]
    fn recorded_values_take_the_declared_type() {
        let v = |s: &[&str]| s.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        assert_eq!(typed(&v(&["5"]), "Integer"), json!(5));
        assert_eq!(typed(&v(&["True"]), "Boolean"), json!(true));
        assert_eq!(typed(&v(&["a"]), "StringList"), json!(["a"]));
        assert_eq!(typed(&v(&["a"]), "AWS::EC2::Instance::Id"), json!("a"));
        assert_eq!(typed(&v(&[r#"{"k":"v"}"#]), "StringMap"), json!({"k": "v"}));
        assert_eq!(
            typed(&v(&[r#"{"k":1}"#, "x"]), "MapList"),
            json!([{"k": 1}, "x"])
        );
        assert_eq!(typed(&v(&["x"]), "Integer"), json!("x"));
        assert_eq!(typed(&[], "String"), json!(""));
    }
}
