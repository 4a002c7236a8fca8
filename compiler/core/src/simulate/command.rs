//! The Command engine (schemaVersion 2.x): SSM Agent runs the steps of
//! `mainSteps` in order on one node; no script runs, each step's exit code
//! is mocked. Sources are the agent's code as read in
//! /work/shared/facts/command-plugins.md ([agent]):
//! - `precondition` (2.2 only): `StringEquals: [platformType, X]` skips the
//!   step on another platform (`runpluginutil.go` `evaluatePreconditions`,
//!   `skipStep`);
//! - exit code 0 succeeds; 168 stops the document reporting success, 169
//!   stops it reporting failure (`contracts.ExitWithSuccess/ExitWithFailure`);
//!   3010 reboots the node and the step runs again after the reboot (AWS
//!   user guide, "Rebooting a managed node from scripts"); any other fails
//!   the step, and the agent goes on with the next step;
//! - an input `onFailure: exit` (or `successAndExit`) stops the document
//!   after a failed step, `onSuccess: exit` after a successful one; a last
//!   step with `finallyStep: true` runs even then.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::interp::Scope;
use super::json::to_json;
use super::run::{Run, StepRun};
use super::scenario::{Scenario, Status, DEFAULT_STEP_BUDGET};
use crate::model::{Document, Node};

/// Reboots a step may ask for before the run is judged not to end.
const MAX_REBOOTS: u32 = 10;

pub fn simulate(doc: &Document, scenario: &Scenario) -> Run {
    let platform = scenario
        .platform
        .clone()
        .unwrap_or_else(|| "Linux".to_string());
    let mut run = Run::start();
    let mut scope = Scope::default();
    for p in doc.parameters.as_deref().unwrap_or_default() {
        match scenario
            .inputs
            .get(&p.name.name)
            .cloned()
            .or_else(|| p.default.as_ref().map(to_json))
        {
            Some(v) => {
                scope.params.insert(p.name.name.clone(), v);
            }
            None => {
                run.status = Status::Failed;
                run.reason = Some(format!(
                    "parameter `{}` has no default and no input",
                    p.name.name
                ));
                return run;
            }
        }
    }
    let steps = doc.steps.as_deref().unwrap_or_default();
    let mut budget = scenario.step_budget.unwrap_or(DEFAULT_STEP_BUDGET);
    let mut failed: Option<String> = None;
    let mut stopped = false;
    let mut used: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, step) in steps.iter().enumerate() {
        let name = step.name_str();
        let inputs = step.inputs.as_ref().map(to_json).unwrap_or(Json::Null);
        let last = i + 1 == steps.len();
        let finally = last && input_flag(&inputs, "finallyStep");
        if stopped && !finally {
            break;
        }
        if !applies(step.precondition.as_ref(), &platform, &scope) {
            continue;
        }
        let mut attempts = 0u32;
        let (status, message) = loop {
            if budget == 0 {
                run.budget_exhausted = true;
                run.status = Status::Failed;
                run.reason = Some("the step budget ran out: the run does not end".to_string());
                return run;
            }
            budget -= 1;
            attempts += 1;
            let mock = scenario.mocks.get(name);
            let n = used.entry(name).or_insert(0);
            let attempt = mock
                .and_then(|m| m.attempts.get(*n).or_else(|| m.attempts.last()))
                .cloned()
                .unwrap_or_default();
            *n += 1;
            run.clock += attempt.duration.unwrap_or(1);
            if let Some(s) = attempt.status.filter(|s| *s != Status::Success) {
                break (s, Some(format!("mocked {}", s.as_str())));
            }
            match attempt.exit_code.unwrap_or(0) {
                0 => break (Status::Success, None),
                168 => {
                    stopped = true;
                    break (Status::Success, Some("exit 168: stop, success".to_string()));
                }
                169 => {
                    stopped = true;
                    break (Status::Failed, Some("exit 169: stop, failure".to_string()));
                }
                3010 if attempts <= MAX_REBOOTS => continue,
                3010 => {
                    break (
                        Status::Failed,
                        Some(format!("rebooted {MAX_REBOOTS} times")),
                    )
                }
                code => break (Status::Failed, Some(format!("exit code {code}"))),
            }
        };
        run.path.push(StepRun {
            name: name.to_string(),
            action: step.action_str().to_string(),
            status,
            attempts,
            message,
        });
        match status {
            Status::Success => {
                if input_text(&inputs, "onSuccess") == Some("exit") {
                    stopped = true;
                }
            }
            _ => {
                failed.get_or_insert_with(|| name.to_string());
                match input_text(&inputs, "onFailure") {
                    Some("exit") => stopped = true,
                    Some("successAndExit") => {
                        stopped = true;
                        failed = None;
                    }
                    _ => {}
                }
            }
        }
    }
    if let Some(step) = failed {
        run.status = Status::Failed;
        run.reason = Some(format!("`{step}` failed"));
    }
    run
}

fn input_text<'a>(inputs: &'a Json, key: &str) -> Option<&'a str> {
    inputs
        .as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .and_then(|(_, v)| v.as_str())
}

fn input_flag(inputs: &Json, key: &str) -> bool {
    inputs
        .as_object()
        .and_then(|m| m.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)))
        .is_some_and(|(_, v)| v == &Json::Bool(true) || v.as_str() == Some("true"))
}

/// Whether a `precondition` lets the step run on `platform`: only
/// `StringEquals` of two values, `platformType` against the platform, or two
/// values that compare equal once parameters are filled in.
fn applies(precondition: Option<&Node>, platform: &str, scope: &Scope) -> bool {
    let Some(pre) = precondition else {
        return true;
    };
    let Some(args) = pre.get("StringEquals").map(to_json) else {
        return false;
    };
    let values: Vec<String> = args
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|v| match scope.resolve(v) {
            Ok(Json::String(s)) => s,
            Ok(other) => other.to_string(),
            Err(_) => String::new(),
        })
        .collect();
    match values.as_slice() {
        [a, b] if a == "platformType" => b.eq_ignore_ascii_case(platform),
        [a, b] if b == "platformType" => a.eq_ignore_ascii_case(platform),
        [a, b] => a == b,
        _ => false,
    }
}
