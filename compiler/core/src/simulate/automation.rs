//! The Automation engine (schemaVersion 0.3): steps run in order, moved by
//! `aws:branch`, `nextStep`, `isEnd`, `onFailure` and `onCancel`, retried by
//! `maxAttempts`, timed by `timeoutSeconds` on a virtual clock, looped by
//! `aws:loop`. Every rule cites the AWS documentation it follows; the tags
//! are those of /work/shared/facts/automation-actions.md ([ug] the user
//! guide's `automation-actions.md` "Properties shared by all actions" unless
//! another page is named). docs/testing.md lists the rules.

use std::collections::BTreeMap;

use serde_json::{json, Value as Json};

use super::condition;
use super::interp::Scope;
use super::json::{inputs_and_choices, select, to_json, to_text, Selected};
use super::run::{Run, StepRun};
use super::scenario::{Attempt, Scenario, Status, DEFAULT_STEP_BUDGET};
use super::shape;
use crate::model::{Document, Node, Step, Value};

/// How a list of steps (mainSteps or a loop body) stopped.
enum Flow {
    /// Ran off its end, or a step with `isEnd`.
    Finished,
    /// `isEnd: true` (ends the whole automation).
    Ended,
    /// A move to a step that is not in this list.
    JumpOut(String),
    /// The automation stops with this status and reason.
    Aborted(Status, String),
}

/// How one step ended and where it sends the run.
struct Outcome {
    status: Status,
    attempts: u32,
    message: Option<String>,
    /// `aws:branch`: the chosen step.
    branch: Option<String>,
}

struct Engine<'a> {
    scenario: &'a Scenario,
    scope: Scope,
    run: Run,
    /// Mock attempts used so far, per step name (retries, polls and loop
    /// iterations take the next; the last repeats).
    used: BTreeMap<String, usize>,
    budget: usize,
    /// A step that failed and is critical: the run ends Failed.
    critical_failure: Option<String>,
    /// A step was cancelled and `onCancel` moved on: the run ends Cancelled.
    cancelled: Option<String>,
}

/// Runs an Automation document under `scenario`. Deterministic: the same
/// document and scenario give the same run.
pub fn simulate(doc: &Document, scenario: &Scenario) -> Run {
    let mut engine = Engine {
        scenario,
        scope: Scope {
            ssm: scenario.ssm_parameters.clone(),
            ..Scope::default()
        },
        run: Run::start(),
        used: BTreeMap::new(),
        budget: scenario.step_budget.unwrap_or(DEFAULT_STEP_BUDGET),
        critical_failure: None,
        cancelled: None,
    };
    if let Err(reason) = engine.bind_parameters(doc) {
        engine.run.status = Status::Failed;
        engine.run.reason = Some(reason);
        return engine.run;
    }
    let steps = doc.steps.as_deref().unwrap_or_default();
    let flow = match steps.first() {
        Some(_) => engine.run_list(steps, 0),
        None => Flow::Finished,
    };
    let flow = match flow {
        // [ug] `nextStep`/`onFailure: step:X` name a step of the runbook; one
        // that does not exist fails the run (the checker reports it first).
        Flow::JumpOut(target) => {
            Flow::Aborted(Status::Failed, format!("step `{target}` does not exist"))
        }
        other => other,
    };
    let (status, reason) = match flow {
        Flow::Aborted(status, reason) => (status, Some(reason)),
        _ => match (&engine.cancelled, &engine.critical_failure) {
            (Some(step), _) => (Status::Cancelled, Some(format!("`{step}` was cancelled"))),
            // [ug] `isCritical`: a critical step that fails makes the final status Failed,
            // even when `onFailure` moved on.
            (None, Some(step)) => (
                Status::Failed,
                Some(format!("critical step `{step}` failed")),
            ),
            (None, None) => (Status::Success, None),
        },
    };
    engine.run.status = status;
    engine.run.reason = reason;
    engine.run.variables = engine.scope.variables.clone();
    engine.run.step_outputs = engine.scope.outputs.clone();
    engine.run.clock = engine.scope.clock;
    for name in document_outputs(doc) {
        if let Some(v) = engine.scope.outputs.get(&name) {
            engine.run.outputs.insert(name, v.clone());
        }
    }
    engine.run
}

/// The document's `outputs` entries (`Step.Output`).
pub fn document_outputs(doc: &Document) -> Vec<String> {
    doc.outputs
        .as_ref()
        .and_then(Node::as_list)
        .unwrap_or_default()
        .iter()
        .filter_map(|n| n.as_str().map(str::to_string))
        .collect()
}

/// A step key's value as a boolean (`true` or `"true"`, as SSM accepts both).
fn flag(node: Option<&Node>) -> Option<bool> {
    match &node?.value {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// A step key's value as a count (`3` or `"3"`).
pub(super) fn count(node: Option<&Node>) -> Option<u64> {
    match &node?.value {
        Value::Int(i) => u64::try_from(*i).ok(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// An ISO 8601 duration (`PT15M`, `P1DT2H`, `PT0.5S`) in whole seconds.
pub fn iso_duration(text: &str) -> Option<u64> {
    let rest = text.trim().strip_prefix('P')?;
    let (date, time) = rest.split_once('T').unwrap_or((rest, ""));
    let mut total = 0f64;
    for (part, units) in [
        (
            date,
            &[
                ('Y', 31_536_000.0),
                ('M', 2_592_000.0),
                ('W', 604_800.0),
                ('D', 86_400.0),
            ][..],
        ),
        (time, &[('H', 3600.0), ('M', 60.0), ('S', 1.0)][..]),
    ] {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                number.push(c);
            } else {
                let (_, secs) = units.iter().find(|(u, _)| *u == c)?;
                total += number.parse::<f64>().ok()? * secs;
                number.clear();
            }
        }
        if !number.is_empty() {
            return None;
        }
    }
    // Saturating: a duration of centuries is a long sleep, not an error.
    Some(total.min(u64::MAX as f64) as u64)
}

impl Engine<'_> {
    /// Parameters from the scenario's inputs or their defaults; variables
    /// from their defaults ([ug-now] `automation-variables`).
    fn bind_parameters(&mut self, doc: &Document) -> Result<(), String> {
        let params = doc.parameters.as_deref().unwrap_or_default();
        for name in self.scenario.inputs.keys() {
            if !params.iter().any(|p| &p.name.name == name) {
                // StartAutomationExecution rejects a parameter the document does not declare.
                return Err(format!("input `{name}` is not a parameter of the document"));
            }
        }
        for p in params {
            let value = match self.scenario.inputs.get(&p.name.name) {
                Some(v) => v.clone(),
                None => match &p.default {
                    Some(d) => self.scope.resolve(&to_json(d)).map_err(|r| {
                        format!(
                            "the default of `{}` reads `{{{{ {r} }}}}`, which has no value",
                            p.name.name
                        )
                    })?,
                    None => {
                        return Err(format!(
                            "parameter `{}` has no default and no input",
                            p.name.name
                        ))
                    }
                },
            };
            self.scope.params.insert(p.name.name.clone(), value);
        }
        for v in doc.variables.as_deref().unwrap_or_default() {
            let value = v.default.as_ref().map_or(Json::Null, to_json);
            self.scope.variables.insert(v.name.name.clone(), value);
        }
        Ok(())
    }

    fn run_list(&mut self, steps: &[Step], mut index: usize) -> Flow {
        loop {
            let Some(step) = steps.get(index) else {
                return Flow::Finished;
            };
            if self.budget == 0 {
                self.run.budget_exhausted = true;
                return Flow::Aborted(
                    Status::Failed,
                    "the step budget ran out: the run does not end".to_string(),
                );
            }
            self.budget -= 1;
            let name = step.name_str().to_string();
            let at = self.run.path.len();
            self.run.path.push(StepRun {
                name: name.clone(),
                action: step.action_str().to_string(),
                status: Status::Success,
                attempts: 0,
                message: None,
            });
            let outcome = if step.action_str() == "aws:loop" {
                match self.run_loop(step) {
                    Ok(outcome) => outcome,
                    Err(flow) => {
                        if let (Some(record), Flow::Aborted(status, reason)) =
                            (self.run.path.get_mut(at), &flow)
                        {
                            record.status = *status;
                            record.message = Some(reason.clone());
                        }
                        if let Flow::JumpOut(target) = &flow {
                            match position(steps, target) {
                                Some(i) => {
                                    index = i;
                                    continue;
                                }
                                None => return flow,
                            }
                        }
                        return flow;
                    }
                }
            } else {
                self.run_step(step)
            };
            if let Some(record) = self.run.path.get_mut(at) {
                record.status = outcome.status;
                record.attempts = outcome.attempts;
                record.message = outcome
                    .message
                    .clone()
                    .or(outcome.branch.as_ref().map(|b| format!("chose `{b}`")));
            }
            let target = match self.next(step, index, &outcome) {
                Next::Index(i) => {
                    index = i;
                    continue;
                }
                Next::Step(target) => target,
                Next::Flow(flow) => return flow,
            };
            match position(steps, &target) {
                Some(i) => index = i,
                None => return Flow::JumpOut(target),
            }
        }
    }

    /// Where the run goes after `step` ended with `outcome`.
    fn next(&mut self, step: &Step, index: usize, outcome: &Outcome) -> Next {
        let name = step.name_str();
        let on = |node: Option<&Node>| node.and_then(Node::as_str).map(str::to_string);
        let follow = || -> Next {
            // [ug] `isEnd`: ends the automation whether the step succeeded or failed.
            if flag(step.is_end.as_ref()) == Some(true) {
                return Next::Flow(Flow::Ended);
            }
            // [ug] `nextStep`: the step to run next; without it, the next one in the list.
            match on(step.next_step.as_ref()) {
                Some(next) => Next::Step(next),
                None => Next::Index(index + 1),
            }
        };
        match outcome.status {
            Status::Success => match &outcome.branch {
                Some(target) => {
                    self.run.edges.push((name.to_string(), target.clone()));
                    Next::Step(target.clone())
                }
                None => follow(),
            },
            // [ug] `onCancel`: `Abort` (default) stops the automation as Cancelled;
            // `step:X` runs X, and the automation still ends Cancelled.
            Status::Cancelled => match on(step.on_cancel.as_ref()) {
                Some(s) if s.starts_with("step:") => {
                    self.cancelled = Some(name.to_string());
                    Next::Step(s.trim_start_matches("step:").to_string())
                }
                _ => Next::Flow(Flow::Aborted(
                    Status::Cancelled,
                    format!("`{name}` was cancelled"),
                )),
            },
            Status::Failed | Status::TimedOut => {
                let on_failure = on(step.on_failure.as_ref()).unwrap_or_else(|| "Abort".into());
                // [ug] `isCritical`: default true, false when `onFailure` is `Continue`.
                let critical = flag(step.is_critical.as_ref()).unwrap_or(on_failure != "Continue");
                if critical && self.critical_failure.is_none() {
                    self.critical_failure = Some(name.to_string());
                }
                let why = outcome.message.clone().unwrap_or_default();
                match on_failure.as_str() {
                    // [ug] `onFailure: Continue`: go on as if the step had succeeded.
                    "Continue" => follow(),
                    s if s.starts_with("step:") => {
                        Next::Step(s.trim_start_matches("step:").to_string())
                    }
                    // [ug] `onFailure: Abort` (default): the automation stops with
                    // the step's status (Failed, or TimedOut for a step that timed out).
                    _ => Next::Flow(Flow::Aborted(
                        outcome.status,
                        format!("`{name}` {}: {why}", outcome.status.as_str()),
                    )),
                }
            }
        }
    }

    /// The next mocked attempt of `step` (the last repeats; none: success with no data).
    fn take_attempt(&mut self, name: &str) -> Attempt {
        let Some(mock) = self.scenario.mocks.get(name) else {
            return Attempt::default();
        };
        let used = self.used.entry(name.to_string()).or_insert(0);
        let attempt = mock
            .attempts
            .get(*used)
            .or_else(|| mock.attempts.last())
            .cloned()
            .unwrap_or_default();
        *used += 1;
        attempt
    }

    /// Whether `step` has mocked attempts left beyond those used.
    fn has_more(&self, name: &str) -> bool {
        let used = self.used.get(name).copied().unwrap_or(0);
        self.scenario
            .mocks
            .get(name)
            .is_some_and(|m| used < m.attempts.len())
    }

    fn run_step(&mut self, step: &Step) -> Outcome {
        let action = step.action_str();
        let name = step.name_str().to_string();
        if action == "aws:branch" {
            return self.branch(step);
        }
        // [ug] `maxAttempts`: the step is retried on failure up to this many runs (default 1).
        let max = count(step.max_attempts.as_ref()).unwrap_or(1).clamp(1, 100);
        let timeout = count(step.timeout_seconds.as_ref());
        let mut last = Outcome {
            status: Status::Success,
            attempts: 0,
            message: None,
            branch: None,
        };
        for n in 1..=max {
            let attempt = self.take_attempt(&name);
            let (status, message) = self.attempt(step, &attempt, timeout);
            last = Outcome {
                status,
                attempts: u32::try_from(n).unwrap_or(u32::MAX),
                message,
                branch: None,
            };
            if matches!(status, Status::Success | Status::Cancelled) {
                break;
            }
        }
        last
    }

    /// One attempt of a step that is not a branch or a loop.
    fn attempt(
        &mut self,
        step: &Step,
        attempt: &Attempt,
        timeout: Option<u64>,
    ) -> (Status, Option<String>) {
        let name = step.name_str();
        let action = step.action_str();
        let inputs = match step.inputs.as_ref().map(to_json) {
            Some(raw) => match self.scope.resolve(&raw) {
                Ok(v) => v,
                // A reference with no value fails the step at input resolution.
                Err(r) => {
                    return (
                        Status::Failed,
                        Some(format!("`{{{{ {r} }}}}` has no value")),
                    )
                }
            },
            None => Json::Object(serde_json::Map::new()),
        };
        let mut duration = attempt.duration.unwrap_or(1);
        if action == "aws:sleep" {
            // [ug] `automation-action-sleep.md`: `Duration` (ISO 8601) or `Timestamp`.
            duration = inputs
                .get("Duration")
                .and_then(Json::as_str)
                .and_then(iso_duration)
                .unwrap_or(duration);
        }
        // [ug] `timeoutSeconds`: a step running longer is stopped as TimedOut.
        if let Some(limit) = timeout {
            if duration > limit {
                self.scope.clock += limit;
                return (
                    Status::TimedOut,
                    Some(format!(
                        "ran {duration}s, past its timeoutSeconds of {limit}"
                    )),
                );
            }
        }
        self.scope.clock += duration;
        if let Some(status) = attempt.status {
            if status != Status::Success {
                return (status, Some(format!("mocked {}", status.as_str())));
            }
        }
        let mut response = attempt.response.clone();
        let mut builtin: BTreeMap<String, Json> = BTreeMap::new();
        let mut status = (Status::Success, None);
        match action {
            "aws:executeAwsApi" if response.is_none() => {
                response = shape::sample_response(&inputs);
            }
            "aws:waitForAwsResourceProperty" | "aws:assertAwsResourceProperty"
                if response.is_some() =>
            {
                status = self.property(step, &inputs, response.as_ref(), timeout);
            }
            "aws:executeScript" => {
                let payload = response.clone().unwrap_or_else(|| json!({}));
                builtin.insert("OutputPayload".into(), Json::String(payload.to_string()));
                response = Some(json!({ "Payload": payload }));
            }
            "aws:approve" => {
                // [ug] `automation-action-approve.md`: a rejection fails the step.
                let approved = attempt.approve.unwrap_or(true);
                builtin.insert(
                    "ApprovalStatus".into(),
                    Json::from(if approved { "Approved" } else { "Rejected" }),
                );
                if !approved {
                    status = (
                        Status::Failed,
                        Some("the approvers rejected it".to_string()),
                    );
                }
            }
            "aws:updateVariable" => {
                // [ug-now] `automation-action-update-variable`: `Name` is `variable:NAME`.
                let var = inputs
                    .get("Name")
                    .and_then(Json::as_str)
                    .map(|n| n.trim_start_matches("variable:").to_string());
                match (var, inputs.get("Value")) {
                    (Some(var), Some(value)) => {
                        self.scope.variables.insert(var, value.clone());
                    }
                    _ => status = (Status::Failed, Some("needs `Name` and `Value`".to_string())),
                }
            }
            "aws:runCommand" => {
                builtin.insert(
                    "CommandId".into(),
                    Json::from("00000000-0000-0000-0000-000000000001"),
                );
                builtin.insert("Status".into(), Json::from("Success"));
                builtin.insert("ResponseCode".into(), Json::from(0));
                builtin.insert("Output".into(), Json::from(""));
            }
            "aws:executeAutomation" => {
                builtin.insert(
                    "ExecutionId".into(),
                    Json::from(super::interp::EXECUTION_ID),
                );
                builtin.insert("Status".into(), Json::from("Success"));
                builtin.insert("Output".into(), json!([]));
            }
            "aws:runInstances" => {
                builtin.insert("InstanceIds".into(), json!(["i-0123456789abcdef0"]));
                builtin.insert("InstanceStates".into(), json!(["running"]));
            }
            "aws:createImage" | "aws:copyImage" => {
                builtin.insert("ImageId".into(), Json::from("ami-0123456789abcdef0"));
                builtin.insert("ImageState".into(), Json::from("available"));
            }
            "aws:createStack" => {
                builtin.insert(
                    "StackId".into(),
                    Json::from("arn:aws:cloudformation:us-east-1:123456789012:stack/sim/1"),
                );
                builtin.insert("StackStatus".into(), Json::from("CREATE_COMPLETE"));
            }
            "aws:invokeLambdaFunction" => {
                builtin.insert("StatusCode".into(), Json::from(200));
                builtin.insert("Payload".into(), Json::from(""));
            }
            _ => {}
        }
        // An action's own outputs are what its declared selectors read when
        // no API response is mocked (`aws:runInstances`'s `$.InstanceIds[0]`).
        if response.is_none() && !builtin.is_empty() {
            response = Some(Json::Object(builtin.clone().into_iter().collect()));
        }
        self.set_outputs(name, step, response.as_ref(), builtin, attempt);
        status
    }

    /// `PropertySelector` read on the response and compared with
    /// `DesiredValues` ([ug] `automation-action-waitForAwsResourceProperty.md`,
    /// `automation-action-assertAwsResourceProperty.md`): an assert fails at
    /// once; a wait polls (each poll takes the next mocked response) and times
    /// out when no response has a desired value.
    fn property(
        &mut self,
        step: &Step,
        inputs: &Json,
        first: Option<&Json>,
        timeout: Option<u64>,
    ) -> (Status, Option<String>) {
        let selector = inputs
            .get("PropertySelector")
            .and_then(Json::as_str)
            .unwrap_or("$");
        let desired: Vec<String> = inputs
            .get("DesiredValues")
            .and_then(Json::as_array)
            .map(|l| l.iter().map(to_text).collect())
            .unwrap_or_default();
        let matches = |response: &Json| -> (bool, String) {
            let found = select(response, selector);
            let values: Vec<String> = match &found {
                Selected::Nothing => Vec::new(),
                Selected::One(v) => vec![to_text(v)],
                Selected::Many(vs) => vs.iter().map(to_text).collect(),
            };
            let ok = !values.is_empty() && values.iter().all(|v| desired.contains(v));
            (ok, values.join(", "))
        };
        let Some(first) = first else {
            return (Status::Success, None);
        };
        let (ok, seen) = matches(first);
        if ok {
            return (Status::Success, None);
        }
        if step.action_str() == "aws:assertAwsResourceProperty" {
            return (
                Status::Failed,
                Some(format!("{selector} is `{seen}`, not one of {desired:?}")),
            );
        }
        let name = step.name_str().to_string();
        while self.has_more(&name) {
            let next = self.take_attempt(&name);
            self.scope.clock += next.duration.unwrap_or(1);
            if let Some(response) = &next.response {
                if matches(response).0 {
                    return (Status::Success, None);
                }
            }
        }
        // The default timeout of a wait is 3600 seconds.
        self.scope.clock += timeout.unwrap_or(3600);
        (
            Status::TimedOut,
            Some(format!(
                "{selector} stayed `{seen}`, never one of {desired:?}"
            )),
        )
    }

    /// The step's outputs: declared `outputs` read by their `Selector` on the
    /// response and converted to their `Type`; the action's own outputs;
    /// outputs the mock sets (they win).
    fn set_outputs(
        &mut self,
        name: &str,
        step: &Step,
        response: Option<&Json>,
        builtin: BTreeMap<String, Json>,
        attempt: &Attempt,
    ) {
        for (k, v) in builtin {
            self.scope.outputs.insert(format!("{name}.{k}"), v);
        }
        let declared = step
            .outputs
            .as_ref()
            .and_then(Node::as_list)
            .unwrap_or_default();
        if let Some(response) = response {
            for out in declared {
                let (Some(out_name), Some(selector)) = (
                    out.get("Name").and_then(Node::as_str),
                    out.get("Selector").and_then(Node::as_str),
                ) else {
                    continue;
                };
                let ty = out.get("Type").and_then(Node::as_str).unwrap_or("String");
                if let Some(v) = select(response, selector).into_value() {
                    self.scope
                        .outputs
                        .insert(format!("{name}.{out_name}"), convert(v, ty));
                }
            }
        }
        for (k, v) in &attempt.outputs {
            self.scope.outputs.insert(format!("{name}.{k}"), v.clone());
        }
    }

    /// [ug] `automation-action-branch.md`: the first choice that holds gives
    /// `NextStep`; none holds: `Default`; no `Default`: the step fails.
    fn branch(&mut self, step: &Step) -> Outcome {
        let (inputs, choices) = inputs_and_choices(step);
        let mut outcome = Outcome {
            status: Status::Success,
            attempts: 1,
            message: None,
            branch: None,
        };
        for choice in &choices {
            match condition::holds(choice, &self.scope) {
                Ok(true) => {
                    outcome.branch = choice
                        .get("NextStep")
                        .and_then(Json::as_str)
                        .map(str::to_string);
                    return outcome;
                }
                Ok(false) => {}
                Err(why) => {
                    outcome.status = Status::Failed;
                    outcome.message = Some(why);
                    return outcome;
                }
            }
        }
        match inputs.get("Default").and_then(Json::as_str) {
            Some(default) => outcome.branch = Some(default.to_string()),
            None => {
                outcome.status = Status::Failed;
                outcome.message = Some("no choice holds and there is no `Default`".to_string());
            }
        }
        outcome
    }

    /// [ug-now] `automation-action-loop`: `Iterators` (for each, at most 100)
    /// or `LoopCondition` (do while: the body runs, then the condition is
    /// judged); `MaxIterations` (default and most 100). Steps in the body keep
    /// their own `onFailure`, which the loop inherits. `Err` is a flow that
    /// leaves the loop (an abort, or a move to a step outside it).
    fn run_loop(&mut self, step: &Step) -> Result<Outcome, Flow> {
        let name = step.name_str().to_string();
        let body = step.loop_steps.as_deref().unwrap_or_default();
        let inputs = step.inputs.as_ref().map(to_json).unwrap_or(Json::Null);
        let max = inputs
            .get("MaxIterations")
            .and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()))
            .unwrap_or(100)
            .min(100);
        let iterators = match inputs.get("Iterators") {
            Some(raw) => match self.scope.resolve(raw) {
                Ok(Json::Array(items)) => Some(items),
                Ok(Json::String(s)) => Some(
                    serde_json::from_str::<Vec<Json>>(&s).unwrap_or_else(|_| vec![Json::String(s)]),
                ),
                Ok(other) => Some(vec![other]),
                Err(r) => {
                    return Ok(Outcome {
                        status: Status::Failed,
                        attempts: 1,
                        message: Some(format!("`{{{{ {r} }}}}` has no value")),
                        branch: None,
                    })
                }
            },
            None => None,
        };
        let limit = iterators
            .as_ref()
            .map_or(max, |items| (items.len() as u64).min(max));
        let mut iteration = 0u64;
        while iteration < limit {
            iteration += 1;
            self.scope
                .outputs
                .insert(format!("{name}.CurrentIteration"), Json::from(iteration));
            if let Some(value) = iterators
                .as_ref()
                .and_then(|items| items.get(usize::try_from(iteration - 1).ok()?))
            {
                self.scope
                    .outputs
                    .insert(format!("{name}.CurrentIteratorValue"), value.clone());
            }
            if !body.is_empty() {
                match self.run_list(body, 0) {
                    Flow::Finished => {}
                    other => return Err(other),
                }
            }
            if let Some(cond) = inputs.get("LoopCondition") {
                match condition::holds(cond, &self.scope) {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(why) => {
                        return Ok(Outcome {
                            status: Status::Failed,
                            attempts: 1,
                            message: Some(why),
                            branch: None,
                        })
                    }
                }
            }
        }
        Ok(Outcome {
            status: Status::Success,
            attempts: 1,
            message: Some(format!("{iteration} iterations")),
            branch: None,
        })
    }
}

enum Next {
    Index(usize),
    Step(String),
    Flow(Flow),
}

fn position(steps: &[Step], name: &str) -> Option<usize> {
    steps.iter().position(|s| s.name_str() == name)
}

/// A selected value in an output's declared `Type` ([ug] step `outputs`:
/// String, Integer, Boolean, StringList, StringMap, MapList).
fn convert(v: Json, ty: &str) -> Json {
    match ty {
        "String" => match v {
            Json::String(_) => v,
            Json::Array(ref items) if items.len() == 1 => items
                .first()
                .map_or(Json::Null, |i| Json::String(to_text(i))),
            other => Json::String(to_text(&other)),
        },
        "Integer" => match &v {
            Json::String(s) => s.trim().parse::<i64>().map_or(v.clone(), Json::from),
            _ => v,
        },
        "Boolean" => match &v {
            Json::String(s) if s.eq_ignore_ascii_case("true") => Json::Bool(true),
            Json::String(s) if s.eq_ignore_ascii_case("false") => Json::Bool(false),
            _ => v,
        },
        "StringList" => match v {
            Json::Array(items) => {
                Json::Array(items.iter().map(|i| Json::String(to_text(i))).collect())
            }
            other => Json::Array(vec![Json::String(to_text(&other))]),
        },
        _ => v,
    }
}
