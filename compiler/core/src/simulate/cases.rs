//! The cases `ssmc test init` writes: one per path worth testing, each a
//! generated [`Scenario`] (`generate`) and the run the simulator makes of it,
//! which becomes the case's expectations.
//!
//! Automation: the happy path; one case per `aws:branch` choice and
//! `Default` that the happy path does not take (inputs, step outputs or
//! Parameter Store values chosen so that the choice holds and the choices
//! before it do not; a `variable:` through the `aws:updateVariable` steps
//! that set it from one reference); one per `onFailure: step:X` and `onCancel: step:X`
//! (the step mocked to fail or be cancelled). Command documents: one case per
//! platform whose path differs. A candidate is kept only when its run does
//! what it was made for, so every case's name says what its path shows.

use serde_json::Value as Json;

use super::generate;
use super::interp::references;
use super::json::{inputs_and_choices, to_json, to_text};
use super::run::Run;
use super::scenario::{Attempt, Scenario, Status, StepMock};
use super::simulate;
use super::testfile::all_steps;
use crate::model::{DocKind, Document, Node, Step};

/// A case to write: its name, what it is given, and what it ran.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedCase {
    pub name: String,
    pub scenario: Scenario,
    pub run: Run,
}

/// The cases of `doc`, the happy path first.
pub fn cases(doc: &Document) -> Vec<GeneratedCase> {
    let base = happy_path(doc);
    let mut out = vec![case("generated inputs and mocks", base.clone(), doc)];
    if doc.kind == DocKind::Command {
        for platform in ["Windows", "MacOS"] {
            let scenario = Scenario {
                platform: Some(platform.to_string()),
                ..base.clone()
            };
            let new = case(&format!("on {platform}"), scenario, doc);
            if out
                .iter()
                .all(|c| c.run.step_names() != new.run.step_names())
            {
                out.push(new);
            }
        }
        return out;
    }
    // A case may reach a branch or a step no earlier case reached: a few
    // rounds build on each other (each round adds cases, or it is the last).
    for _ in 0..4 {
        let before = out.len();
        branch_cases(doc, &mut out);
        failure_cases(doc, &mut out);
        if out.len() == before {
            break;
        }
    }
    out
}

/// The generated scenario ([`generate::scenario`]), steered through each
/// `aws:branch` without a `Default` where no choice holds for the generated
/// values (a sample string is rarely one a choice names): the first choice
/// that values can be found for is made to hold. The run a document's
/// author means, as far as the document's types tell it.
pub fn happy_path(doc: &Document) -> Scenario {
    let mut scenario = generate::scenario(doc);
    let steps = all_steps(doc);
    // Each round steers one more branch; a path holds few of them.
    for _ in 0..steps.len().min(50) {
        let run = simulate(doc, &scenario);
        let Some(last) = run.path.last() else {
            break;
        };
        if last.action != "aws:branch" || last.status != Status::Failed {
            break;
        }
        let Some(step) = steps.iter().find(|s| s.name_str() == last.name) else {
            break;
        };
        let choices = step
            .inputs
            .as_ref()
            .map(to_json)
            .and_then(|i| i.get("Choices").and_then(Json::as_array).cloned())
            .unwrap_or_default();
        let steered = (0..choices.len()).find_map(|i| {
            let assignments = choice_holds(&choices, i)?;
            let next = apply(doc, &scenario, &assignments)?;
            (next != scenario).then_some(next)
        });
        match steered {
            Some(next) => scenario = next,
            None => break,
        }
    }
    scenario
}

/// Values that make choice `i` hold and none before it (the first that holds wins).
fn choice_holds(choices: &[Json], i: usize) -> Option<Vec<Assignment>> {
    let choice = choices.get(i)?;
    choices
        .iter()
        .take(i)
        .map(|c| force(c, false))
        .chain(std::iter::once(force(choice, true)))
        .collect::<Option<Vec<_>>>()
        .map(|parts| parts.concat())
}

fn case(name: &str, scenario: Scenario, doc: &Document) -> GeneratedCase {
    let run = simulate(doc, &scenario);
    GeneratedCase {
        name: name.to_string(),
        scenario,
        run,
    }
}

fn taken(out: &[GeneratedCase], edge: &(String, String)) -> bool {
    out.iter().any(|c| c.run.edges.contains(edge))
}

/// One case per branch edge not yet taken, when values can be found that take it.
fn branch_cases(doc: &Document, out: &mut Vec<GeneratedCase>) {
    for step in all_steps(doc) {
        if step.action_str() != "aws:branch" {
            continue;
        }
        let name = step.name_str();
        // From the first case whose path reaches the branch.
        let Some(base) = reaching(out, name) else {
            continue;
        };
        let (inputs, choices) = inputs_and_choices(step);
        let mut targets: Vec<(String, Option<Vec<Assignment>>)> = Vec::new();
        for (i, choice) in choices.iter().enumerate() {
            let Some(target) = choice.get("NextStep").and_then(Json::as_str) else {
                continue;
            };
            targets.push((target.to_string(), choice_holds(&choices, i)));
        }
        if let Some(default) = inputs.get("Default").and_then(Json::as_str) {
            let none = choices
                .iter()
                .map(|c| force(c, false))
                .collect::<Option<Vec<_>>>()
                .map(|parts| parts.concat());
            targets.push((default.to_string(), none));
        }
        for (target, assignments) in targets {
            let edge = (name.to_string(), target.clone());
            if taken(out, &edge) {
                continue;
            }
            let Some(scenario) = assignments.and_then(|a| apply(doc, &base, &a)) else {
                continue;
            };
            let new = case(&format!("`{name}` chooses `{target}`"), scenario, doc);
            if new.run.edges.contains(&edge) {
                out.push(new);
            }
        }
    }
}

/// One case per `onFailure: step:X` and `onCancel: step:X`: the step fails
/// (or is cancelled) on a path that reaches it.
fn failure_cases(doc: &Document, out: &mut Vec<GeneratedCase>) {
    for step in all_steps(doc) {
        let name = step.name_str();
        for (key, status) in [
            (step.on_failure.as_ref(), Status::Failed),
            (step.on_cancel.as_ref(), Status::Cancelled),
        ] {
            let Some(target) = key
                .and_then(Node::as_str)
                .and_then(|s| s.strip_prefix("step:"))
            else {
                continue;
            };
            let what = match status {
                Status::Cancelled => "is cancelled: onCancel",
                _ => "fails: onFailure",
            };
            let label = format!("`{name}` {what} goes to `{target}`");
            if out.iter().any(|c| c.name == label) {
                continue;
            }
            let Some(mut scenario) = reaching(out, name) else {
                continue;
            };
            scenario.mocks.insert(
                name.to_string(),
                StepMock {
                    attempts: vec![Attempt {
                        status: Some(status),
                        ..Attempt::default()
                    }],
                },
            );
            let new = case(&label, scenario, doc);
            if goes_to(&new.run, name, target) {
                out.push(new);
            }
        }
    }
}

/// The scenario of the first case whose path runs `step`.
fn reaching(out: &[GeneratedCase], step: &str) -> Option<Scenario> {
    out.iter()
        .find(|c| c.run.step_names().contains(&step))
        .map(|c| c.scenario.clone())
}

/// The run ran `from` and then `to` right after it.
fn goes_to(run: &Run, from: &str, to: &str) -> bool {
    run.step_names().windows(2).any(|w| w == [from, to])
}

/// A reference (`Param`, `Step.Output`, `ssm:name`) and the value to give it.
type Assignment = (String, Json);

/// Values for the references of `choice` that make it hold (`want`) or not;
/// `None` when the choice reads something a test cannot set, or compares
/// with a value known only at run time.
fn force(choice: &Json, want: bool) -> Option<Vec<Assignment>> {
    let map = choice.as_object()?;
    let subs = |key: &str| -> Option<Vec<Json>> { map.get(key)?.as_array().cloned() };
    // [ug] `automation-action-branch.md`: `And` holds when all hold, `Or` when one does.
    if let Some(all) = subs("And") {
        return if want {
            all.iter()
                .map(|c| force(c, true))
                .collect::<Option<Vec<_>>>()
                .map(|p| p.concat())
        } else {
            all.iter().find_map(|c| force(c, false))
        };
    }
    if let Some(any) = subs("Or") {
        return if want {
            any.iter().find_map(|c| force(c, true))
        } else {
            any.iter()
                .map(|c| force(c, false))
                .collect::<Option<Vec<_>>>()
                .map(|p| p.concat())
        };
    }
    if let Some(not) = map.get("Not") {
        let inner = match not {
            Json::Array(items) => items.first()?,
            other => other,
        };
        return force(inner, !want);
    }
    let variable = map.get("Variable")?.as_str()?;
    let refs = references(variable);
    let [(start, end, name)] = refs.as_slice() else {
        return None;
    };
    if !variable.get(..*start)?.trim().is_empty() || !variable.get(*end..)?.trim().is_empty() {
        return None;
    }
    let (op, operand) = map
        .iter()
        .find(|(k, _)| !matches!(k.as_str(), "Variable" | "NextStep"))?;
    let value = value_for(op, operand, want)?;
    Some(vec![(name.clone(), value)])
}

/// A value for which `value op operand` is `want`.
fn value_for(op: &str, operand: &Json, want: bool) -> Option<Json> {
    if operand.as_str().is_some_and(|s| s.contains("{{")) {
        return None;
    }
    let text = to_text(operand);
    let number = || text.trim().parse::<f64>().ok();
    let num = |n: f64| {
        if n.fract() == 0.0 && n.abs() < 1e15 {
            Json::from(n as i64)
        } else {
            Json::from(n)
        }
    };
    Some(match (op, want) {
        ("StringEquals" | "EqualsIgnoreCase" | "StartsWith" | "EndsWith" | "Contains", true) => {
            Json::String(text)
        }
        // The empty string equals, starts, ends and contains no non-empty text.
        ("StartsWith" | "EndsWith" | "Contains", false) if !text.is_empty() => {
            Json::String(String::new())
        }
        ("StringEquals" | "EqualsIgnoreCase", false) => Json::String(format!("{text}-other")),
        ("NumericEquals" | "NumericGreaterOrEquals" | "NumericLesserOrEquals", true) => {
            num(number()?)
        }
        ("NumericGreater", true) | ("NumericEquals" | "NumericLesserOrEquals", false) => {
            num(number()? + 1.0)
        }
        ("NumericLesser", true) | ("NumericGreaterOrEquals", false) => num(number()? - 1.0),
        ("NumericGreater" | "NumericLesser", false) => num(number()?),
        ("BooleanEquals", _) => {
            let b = match operand {
                Json::Bool(b) => *b,
                _ => text.eq_ignore_ascii_case("true"),
            };
            Json::Bool(b == want)
        }
        _ => return None,
    })
}

/// `base` with the assignments made: parameters as inputs (in their
/// declared type), step outputs as mocked outputs, `ssm:` values.
fn apply(doc: &Document, base: &Scenario, assignments: &[Assignment]) -> Option<Scenario> {
    apply_within(doc, base, assignments, MAX_VARIABLE_HOPS)
}

/// How many `variable:` → source hops [`apply`] follows (a variable set
/// from another variable); a cycle stops there.
const MAX_VARIABLE_HOPS: usize = 8;

fn apply_within(
    doc: &Document,
    base: &Scenario,
    assignments: &[Assignment],
    hops: usize,
) -> Option<Scenario> {
    let mut out = base.clone();
    let steps = all_steps(doc);
    for (name, value) in assignments {
        if let Some(param) = name.strip_prefix("ssm:") {
            out.ssm_parameters.insert(param.to_string(), value.clone());
        } else if let Some(var) = name.strip_prefix("variable:") {
            // A variable holds what its `aws:updateVariable` steps set: the
            // value goes to the reference they set it from.
            let sources = variable_sources(doc, var)?;
            let hops = hops.checked_sub(1)?;
            let through: Vec<Assignment> =
                sources.into_iter().map(|s| (s, value.clone())).collect();
            out = apply_within(doc, &out, &through, hops)?;
        } else if name.contains(':') {
            // `global:`, `automation:`: not set by a test.
            return None;
        } else if let Some((step, output)) = name.split_once('.') {
            let step: &Step = steps.iter().find(|s| s.name_str() == step)?;
            let mock = out.mocks.entry(step.name_str().to_string()).or_default();
            if mock.attempts.is_empty() {
                mock.attempts.push(Attempt::default());
            }
            for attempt in &mut mock.attempts {
                attempt.outputs.insert(output.to_string(), value.clone());
            }
        } else {
            let param = doc
                .parameters
                .as_deref()
                .unwrap_or_default()
                .iter()
                .find(|p| p.name.name == *name)?;
            let ty = param.ty.as_ref().and_then(Node::as_str).unwrap_or("String");
            let value = match (ty, value) {
                ("StringList", v @ Json::String(_)) => Json::Array(vec![v.clone()]),
                ("Integer", Json::String(s)) => s.parse::<i64>().map_or(value.clone(), Json::from),
                _ => value.clone(),
            };
            out.inputs.insert(name.clone(), value);
        }
    }
    Some(out)
}

/// The references the `aws:updateVariable` steps of variable `var` set it
/// from ([ug-now] `automation-action-update-variable`: `Name` is
/// `variable:NAME`, `Value` its new value); `None` when none sets it, or one
/// sets it to anything but exactly one reference (a literal, text around a
/// reference): then what the branch reads does not follow a test's data.
fn variable_sources(doc: &Document, var: &str) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for step in all_steps(doc) {
        if step.action_str() != "aws:updateVariable" {
            continue;
        }
        let inputs = step.inputs.as_ref().map(to_json).unwrap_or(Json::Null);
        let named = inputs.get("Name").and_then(Json::as_str);
        if named.map(|n| n.trim().trim_start_matches("variable:")) != Some(var) {
            continue;
        }
        let value = inputs.get("Value")?.as_str()?;
        let refs = references(value);
        let [(start, end, source)] = refs.as_slice() else {
            return None;
        };
        if !value.get(..*start)?.trim().is_empty() || !value.get(*end..)?.trim().is_empty() {
            return None;
        }
        if !out.contains(source) {
            out.push(source.clone());
        }
    }
    (!out.is_empty()).then_some(out)
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
  Env: { type: String }
  Size: { type: Integer, default: 1 }
mainSteps:
  - name: Probe
    action: aws:executeScript
    inputs: { Runtime: python3.11, Handler: h, Script: "..." }
    outputs:
      - { Name: Up, Selector: $.Payload.up, Type: Boolean }
  - name: Route
    action: aws:branch
    inputs:
      Choices:
        - { NextStep: Prod, Variable: "{{ Env }}", StringEquals: prod }
        - NextStep: Big
          And:
            - { Variable: "{{ Size }}", NumericGreater: 10 }
            - Not: [{ Variable: "{{ Probe.Up }}", BooleanEquals: true }]
  - name: Prod
    action: aws:sleep
    inputs: { Duration: PT1M }
    onFailure: step:Undo
    isEnd: true
  - name: Big
    action: aws:sleep
    inputs: { Duration: PT1M }
    isEnd: true
  - name: Undo
    action: aws:sleep
    inputs: { Duration: PT1M }
"#;

    #[test]
    fn one_case_per_choice_and_failure_target_each_doing_what_its_name_says() {
        let doc = read_document(FileId(0), "Cases", DOC, Format::Yaml).expect("reads");
        let cases = cases(&doc);
        let got: Vec<(String, Vec<&str>, &str)> = cases
            .iter()
            .map(|c| (c.name.clone(), c.run.step_names(), c.run.status.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                // No choice holds for the generated `Env` and there is no
                // Default: the happy path is steered to the first choice.
                (
                    "generated inputs and mocks".to_string(),
                    vec!["Probe", "Route", "Prod"],
                    "Success"
                ),
                (
                    "`Route` chooses `Big`".to_string(),
                    vec!["Probe", "Route", "Big"],
                    "Success"
                ),
                (
                    "`Prod` fails: onFailure goes to `Undo`".to_string(),
                    vec!["Probe", "Route", "Prod", "Undo"],
                    "Failed"
                ),
            ]
        );
        let big = &cases[1].scenario;
        assert_eq!(big.inputs.get("Env"), Some(&json!("prod-other")));
        assert_eq!(big.inputs.get("Size"), Some(&json!(11)));
        assert_eq!(
            big.mocks
                .get("Probe")
                .and_then(|m| m.attempts.first())
                .and_then(|a| a.outputs.get("Up")),
            Some(&json!(false))
        );
    }

    #[test]
    fn values_that_make_each_operator_hold_or_not() {
        for (op, operand) in [
            ("StringEquals", json!("a")),
            ("EqualsIgnoreCase", json!("a")),
            ("StartsWith", json!("ab")),
            ("EndsWith", json!("ab")),
            ("Contains", json!("b")),
            ("NumericEquals", json!(3)),
            ("NumericGreater", json!("3")),
            ("NumericLesser", json!(3)),
            ("NumericGreaterOrEquals", json!(3)),
            ("NumericLesserOrEquals", json!(3.5)),
            ("BooleanEquals", json!(true)),
        ] {
            for want in [true, false] {
                let choice = json!({"Variable": "{{ X }}", op: operand.clone(), "NextStep": "N"});
                let forced = force(&choice, want).expect("a value");
                let mut scope = crate::simulate::interp::Scope::default();
                scope.params.extend(forced);
                assert_eq!(
                    crate::simulate::condition::holds(&choice, &scope),
                    Ok(want),
                    "{op} {operand} {want}"
                );
            }
        }
        // What a test cannot set, or a value known only at run time.
        assert_eq!(
            force(
                &json!({"Variable": "{{ variable:V }}", "StringEquals": "a"}),
                true
            )
            .map(|a| apply_ok(&a)),
            Some(false)
        );
        assert_eq!(
            force(
                &json!({"Variable": "{{ X }}", "StringEquals": "{{ Y }}"}),
                true
            ),
            None
        );
    }

    const VARIABLE_DOC: &str = r#"
schemaVersion: "0.3"
parameters:
  Mode: { type: String, default: slow }
variables:
  Speed: { type: String, default: slow }
  Echo: { type: String, default: "" }
mainSteps:
  - name: Pick
    action: aws:updateVariable
    inputs: { Name: "variable:Speed", Value: "{{ Mode }}" }
  - name: Relay
    action: aws:updateVariable
    inputs: { Name: "variable:Echo", Value: "{{ variable:Speed }}" }
  - name: Route
    action: aws:branch
    inputs:
      Choices:
        - { NextStep: Fast, Variable: "{{ variable:Echo }}", StringEquals: fast }
      Default: Slow
  - name: Fast
    action: aws:sleep
    inputs: { Duration: PT1M }
    isEnd: true
  - name: Slow
    action: aws:sleep
    inputs: { Duration: PT1M }
"#;

    /// A choice on a variable is steered through the `aws:updateVariable`
    /// steps that set it, to the parameter it is set from (two hops here).
    #[test]
    fn a_choice_on_a_variable_gets_a_case_through_its_update_steps() {
        let doc = read_document(FileId(0), "Vars", VARIABLE_DOC, Format::Yaml).expect("reads");
        let texts = |v: &[&str]| v.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        let got: Vec<(String, Vec<String>, Option<Json>)> = cases(&doc)
            .iter()
            .map(|c| {
                (
                    c.name.clone(),
                    texts(&c.run.step_names()),
                    c.scenario.inputs.get("Mode").cloned(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "generated inputs and mocks".to_string(),
                    texts(&["Pick", "Relay", "Route", "Slow"]),
                    None
                ),
                (
                    "`Route` chooses `Fast`".to_string(),
                    texts(&["Pick", "Relay", "Route", "Fast"]),
                    Some(json!("fast"))
                ),
            ]
        );
        // A variable set to a literal, or set by no step, follows no test data.
        let literal = VARIABLE_DOC.replace("Value: \"{{ Mode }}\"", "Value: fast-or-not");
        let doc = read_document(FileId(0), "Vars", &literal, Format::Yaml).expect("reads");
        assert_eq!(cases(&doc).len(), 1);
        assert_eq!(variable_sources(&doc, "Nobody"), None);
    }

    fn apply_ok(a: &[Assignment]) -> bool {
        let doc = read_document(FileId(0), "Cases", DOC, Format::Yaml).expect("reads");
        apply(&doc, &Scenario::default(), a).is_some()
    }
}
