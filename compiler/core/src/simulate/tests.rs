//! The engines on small documents written as YAML (so imported documents
//! are what is tested: the simulator never sees `.rbk` syntax).

use serde_json::json;

use super::scenario::{Attempt, Scenario, Status, StepMock};
use super::simulate;
use crate::codegen::{read::read_document, Format};
use crate::model::Document;
use crate::span::FileId;

fn doc(yaml: &str) -> Document {
    read_document(FileId(0), "Test", yaml, Format::Yaml).expect("the test document reads")
}

fn mock(attempts: Vec<Attempt>) -> StepMock {
    StepMock { attempts }
}

fn failed() -> Attempt {
    Attempt {
        status: Some(Status::Failed),
        ..Attempt::default()
    }
}

fn with(mocks: &[(&str, StepMock)]) -> Scenario {
    Scenario {
        mocks: mocks
            .iter()
            .map(|(n, m)| (n.to_string(), m.clone()))
            .collect(),
        ..Scenario::default()
    }
}

const BRANCHY: &str = r#"
schemaVersion: "0.3"
parameters:
  Env: { type: String, default: dev }
mainSteps:
  - name: Describe
    action: aws:executeAwsApi
    inputs: { Service: ec2, Api: DescribeInstances }
    outputs:
      - { Name: State, Selector: "$.Reservations[0].Instances[0].State.Name", Type: String }
  - name: Route
    action: aws:branch
    inputs:
      Choices:
        - { NextStep: Stop, Variable: "{{ Describe.State }}", StringEquals: running }
        - NextStep: Prod
          And:
            - { Variable: "{{ Env }}", StringEquals: prod }
            - Not: { Variable: "{{ Describe.State }}", StringEquals: stopped }
      Default: Done
  - name: Stop
    action: aws:executeAwsApi
    inputs: { Service: ec2, Api: StopInstances, InstanceIds: [i-1] }
    onFailure: step:Recover
    isEnd: true
  - name: Prod
    action: aws:sleep
    inputs: { Duration: PT5M }
    isEnd: true
  - name: Recover
    action: aws:sleep
    inputs: { Duration: PT1S }
    isEnd: true
  - name: Done
    action: aws:sleep
    inputs: { Duration: PT1S }
"#;

fn describe(state: &str) -> StepMock {
    mock(vec![Attempt {
        response: Some(json!({"Reservations": [{"Instances": [{"State": {"Name": state}}]}]})),
        ..Attempt::default()
    }])
}

#[test]
fn branches_follow_the_first_choice_that_holds_else_the_default() {
    let d = doc(BRANCHY);
    let run = simulate(&d, &with(&[("Describe", describe("running"))]));
    assert_eq!(run.step_names(), ["Describe", "Route", "Stop"]);
    assert_eq!(run.status, Status::Success);
    assert_eq!(run.edges, [("Route".to_string(), "Stop".to_string())]);
    assert_eq!(
        run.step_outputs.get("Describe.State"),
        Some(&json!("running"))
    );

    let run = simulate(&d, &with(&[("Describe", describe("pending"))]));
    assert_eq!(run.step_names(), ["Describe", "Route", "Done"]);

    let mut prod = with(&[("Describe", describe("pending"))]);
    prod.inputs.insert("Env".into(), json!("prod"));
    let run = simulate(&d, &prod);
    assert_eq!(run.step_names(), ["Describe", "Route", "Prod"]);
    assert_eq!(run.clock, 1 + 300);
}

#[test]
fn a_failure_moves_to_its_on_failure_step_and_the_run_still_fails() {
    let d = doc(BRANCHY);
    let run = simulate(
        &d,
        &with(&[
            ("Describe", describe("running")),
            ("Stop", mock(vec![failed()])),
        ]),
    );
    assert_eq!(run.step_names(), ["Describe", "Route", "Stop", "Recover"]);
    // isCritical defaults to true: the run is Failed though Recover succeeded.
    assert_eq!(run.status, Status::Failed);
}

#[test]
fn abort_continue_critical_and_retries() {
    let d = doc(r#"
schemaVersion: "0.3"
mainSteps:
  - { name: A, action: aws:sleep, inputs: { Duration: PT1S }, onFailure: Continue }
  - { name: B, action: aws:sleep, inputs: { Duration: PT1S }, maxAttempts: 3 }
  - { name: C, action: aws:sleep, inputs: { Duration: PT1S } }
"#);
    // Continue: not critical by default, the run succeeds.
    let run = simulate(&d, &with(&[("A", mock(vec![failed()]))]));
    assert_eq!(run.step_names(), ["A", "B", "C"]);
    assert_eq!(run.status, Status::Success);
    // Two failures then a success: B is retried and the run goes on.
    let run = simulate(
        &d,
        &with(&[("B", mock(vec![failed(), failed(), Attempt::default()]))]),
    );
    assert_eq!(run.path.get(1).map(|s| s.attempts), Some(3));
    assert_eq!(run.step_names(), ["A", "B", "C"]);
    // Three failures: Abort (the default) stops the run.
    let run = simulate(&d, &with(&[("B", mock(vec![failed()]))]));
    assert_eq!(run.step_names(), ["A", "B"]);
    assert_eq!(run.status, Status::Failed);
}

#[test]
fn timeouts_cancels_and_the_step_budget() {
    let d = doc(r#"
schemaVersion: "0.3"
mainSteps:
  - { name: A, action: aws:pause, inputs: {}, timeoutSeconds: 60, onCancel: step:Undo }
  - { name: B, action: aws:sleep, inputs: { Duration: PT1S }, nextStep: A }
  - { name: Undo, action: aws:sleep, inputs: { Duration: PT1S }, isEnd: true }
"#);
    let slow = Attempt {
        duration: Some(120),
        ..Attempt::default()
    };
    let run = simulate(&d, &with(&[("A", mock(vec![slow]))]));
    assert_eq!(run.status, Status::TimedOut);
    let cancelled = Attempt {
        status: Some(Status::Cancelled),
        ..Attempt::default()
    };
    let run = simulate(&d, &with(&[("A", mock(vec![cancelled]))]));
    assert_eq!(run.step_names(), ["A", "Undo"]);
    assert_eq!(run.status, Status::Cancelled);
    // A and B send the run round forever: the budget stops it.
    let forever = Scenario {
        step_budget: Some(50),
        ..Scenario::default()
    };
    let run = simulate(&d, &forever);
    assert!(run.budget_exhausted);
    assert_eq!(run.path.len(), 50);
    assert_eq!(run.status, Status::Failed);
}

#[test]
fn loops_iterate_and_variables_update() {
    let d = doc(r#"
schemaVersion: "0.3"
variables:
  Seen: { type: String, default: none }
mainSteps:
  - name: Each
    action: aws:loop
    inputs:
      Iterators: [a, b, c]
      Steps:
        - name: Note
          action: aws:updateVariable
          inputs: { Name: "variable:Seen", Value: "{{ Each.CurrentIteratorValue }}" }
  - name: Until
    action: aws:loop
    inputs:
      MaxIterations: 5
      LoopCondition: { Variable: "{{ Poll.Done }}", BooleanEquals: false }
      Steps:
        - name: Poll
          action: aws:executeScript
          inputs: { Runtime: python3.11, Handler: h, Script: "" }
          outputs: [{ Name: Done, Selector: "$.Payload.done", Type: Boolean }]
"#);
    let polls = mock(vec![
        Attempt {
            response: Some(json!({"done": false})),
            ..Attempt::default()
        },
        Attempt {
            response: Some(json!({"done": true})),
            ..Attempt::default()
        },
    ]);
    let run = simulate(&d, &with(&[("Poll", polls)]));
    assert_eq!(
        run.step_names(),
        ["Each", "Note", "Note", "Note", "Until", "Poll", "Poll"]
    );
    assert_eq!(run.variables.get("Seen"), Some(&json!("c")));
    assert_eq!(run.status, Status::Success);
}

#[test]
fn waits_poll_until_a_desired_value_and_asserts_fail_at_once() {
    let d = doc(r#"
schemaVersion: "0.3"
mainSteps:
  - name: Wait
    action: aws:waitForAwsResourceProperty
    inputs: { Service: ec2, Api: DescribeInstances, PropertySelector: "$.Reservations[0].Instances[0].State.Name", DesiredValues: [stopped] }
    timeoutSeconds: 600
  - name: Assert
    action: aws:assertAwsResourceProperty
    inputs: { Service: ec2, Api: DescribeInstances, PropertySelector: "$.Reservations[0].Instances[0].State.Name", DesiredValues: [stopped] }
"#);
    let states = |names: &[&str]| {
        mock(
            names
                .iter()
                .map(|s| Attempt {
                    response: Some(
                        json!({"Reservations": [{"Instances": [{"State": {"Name": s}}]}]}),
                    ),
                    ..Attempt::default()
                })
                .collect(),
        )
    };
    let run = simulate(
        &d,
        &with(&[
            ("Wait", states(&["stopping", "stopped"])),
            ("Assert", states(&["stopped"])),
        ]),
    );
    assert_eq!(run.status, Status::Success);
    let run = simulate(&d, &with(&[("Wait", states(&["stopping"]))]));
    assert_eq!(run.status, Status::TimedOut);
    let run = simulate(&d, &with(&[("Assert", states(&["running"]))]));
    assert_eq!(run.step_names(), ["Wait", "Assert"]);
    assert_eq!(run.status, Status::Failed);
}

#[test]
fn command_documents_run_by_platform_with_exit_codes() {
    let d = doc(r#"
schemaVersion: "2.2"
mainSteps:
  - { name: Linux, action: aws:runShellScript, precondition: { StringEquals: [platformType, Linux] }, inputs: { runCommand: [echo] } }
  - { name: Windows, action: aws:runPowerShellScript, precondition: { StringEquals: [platformType, Windows] }, inputs: { runCommand: [echo] } }
  - { name: Both, action: aws:runShellScript, inputs: { runCommand: [echo] } }
"#);
    let run = simulate(&d, &Scenario::default());
    assert_eq!(run.step_names(), ["Linux", "Both"]);
    let windows = Scenario {
        platform: Some("Windows".into()),
        ..Scenario::default()
    };
    assert_eq!(simulate(&d, &windows).step_names(), ["Windows", "Both"]);
    let exit = |code| Attempt {
        exit_code: Some(code),
        ..Attempt::default()
    };
    let run = simulate(&d, &with(&[("Linux", mock(vec![exit(3010), exit(0)]))]));
    assert_eq!(run.path.first().map(|s| s.attempts), Some(2));
    assert_eq!(run.status, Status::Success);
    // A failing step fails the document; the agent still runs the next one.
    let run = simulate(&d, &with(&[("Linux", mock(vec![exit(1)]))]));
    assert_eq!(run.step_names(), ["Linux", "Both"]);
    assert_eq!(run.status, Status::Failed);
    // 168: stop, reporting success.
    let run = simulate(&d, &with(&[("Linux", mock(vec![exit(168)]))]));
    assert_eq!(run.step_names(), ["Linux"]);
    assert_eq!(run.status, Status::Success);
}

#[test]
fn missing_parameters_and_unknown_inputs_fail_before_any_step() {
    let d = doc(r#"
schemaVersion: "0.3"
parameters:
  Name: { type: String }
mainSteps:
  - { name: A, action: aws:sleep, inputs: { Duration: PT1S } }
"#);
    let run = simulate(&d, &Scenario::default());
    assert!(run.path.is_empty());
    assert_eq!(run.status, Status::Failed);
    let mut extra = Scenario::default();
    extra.inputs.insert("Name".into(), json!("x"));
    extra.inputs.insert("Nmae".into(), json!("x"));
    assert_eq!(simulate(&d, &extra).status, Status::Failed);
}

#[test]
fn the_same_scenario_gives_the_same_run() {
    let d = doc(BRANCHY);
    let s = with(&[("Describe", describe("running"))]);
    assert_eq!(simulate(&d, &s), simulate(&d, &s));
}
