//! Unit tests: small documents written as JSON, checked against a small catalog.

use super::*;
use crate::catalog::{ActionSig, Catalog, InputSig, OutputSig};
use crate::diagnostic::Severity;
use crate::model::{DocKind, Document, Key, Node, Value};
use crate::span::{FileId, Span};
use crate::types::Ty;

// ---- test documents: JSON text through the codegen reader ----

/// Reads `src` as a JSON document; a parameter attribute `"secret": true`
/// stands for the `.rbk` `secret` marker (the reader keeps it as an attribute).
fn doc(src: &str) -> Document {
    let mut d =
        crate::codegen::read::read_document(FileId(0), "test", src, crate::codegen::Format::Json)
            .unwrap_or_else(|e| panic!("test document does not read: {e:?}"));
    for p in d.parameters.iter_mut().flatten() {
        if let Some(i) = p.attrs.iter().position(|(k, _)| k.name == "secret") {
            p.attrs.remove(i);
            p.secret = true;
        }
    }
    d
}

// ---- a small catalog ----

fn input(name: &str, ty: &str, required: bool) -> InputSig {
    InputSig {
        name: name.into(),
        ty: Ty::parse(ty),
        required,
        allowed_values: None,
        docs: String::new(),
        span: Span::default(),
    }
}

fn action(
    name: &str,
    kinds: &[DocKind],
    inputs: Vec<InputSig>,
    outputs: &[(&str, &str)],
) -> ActionSig {
    ActionSig {
        name: name.into(),
        kinds: kinds.to_vec(),
        docs: String::new(),
        inputs,
        any_input: false,
        outputs: outputs
            .iter()
            .map(|(n, t)| OutputSig {
                name: (*n).into(),
                ty: Ty::parse(t),
                docs: String::new(),
                span: Span::default(),
            })
            .collect(),
        is_extern: false,
        attrs: Vec::new(),
        span: Span::default(),
    }
}

fn catalog() -> Catalog {
    use DocKind::{Automation as A, Command as C};
    let mut api = action(
        "aws:executeAwsApi",
        &[A],
        vec![
            input("Service", "String", true),
            input("Api", "String", true),
        ],
        &[],
    );
    api.any_input = true;
    let mut state = action(
        "aws:changeInstanceState",
        &[A],
        vec![
            input("InstanceIds", "StringList", true),
            input("DesiredState", "String", true),
            input("Force", "Boolean", false),
        ],
        &[],
    );
    if let Some(i) = state.inputs.get_mut(1) {
        i.allowed_values = Some(vec![
            Value::String("running".into()),
            Value::String("stopped".into()),
        ]);
    }
    let mut looping = action(
        "aws:loop",
        &[A],
        vec![
            input("Iterators", "StringList", false),
            input("LoopCondition", "Condition", false),
            input("MaxIterations", "Integer", false),
        ],
        &[
            ("CurrentIteration", "Integer"),
            ("CurrentIteratorValue", "Any"),
        ],
    );
    looping.attrs = vec!["loop".into(), "no_on_cancel".into()];
    let mut ext = action(
        "aws:shareSQLMedia",
        &[A],
        vec![],
        &[("SnapshotId", "String")],
    );
    ext.is_extern = true;
    ext.any_input = true;
    Catalog {
        actions: vec![
            api,
            state,
            looping,
            ext,
            action(
                "aws:approve",
                &[A],
                vec![
                    input("Approvers", "StringList", false),
                    input("EnhancedApprovals", "Map", false),
                    input("Message", "String", false),
                    input("MinRequiredApprovals", "Integer", false),
                ],
                &[("ApprovalStatus", "String")],
            ),
            action(
                "aws:branch",
                &[A],
                vec![
                    input("Choices", "List", true),
                    input("Default", "String", false),
                ],
                &[],
            ),
            action(
                "aws:runCommand",
                &[A],
                vec![
                    input("DocumentName", "String", true),
                    input("InstanceIds", "StringList", false),
                    input("Targets", "Targets", false),
                    input("Parameters", "Map", false),
                    input("TimeoutSeconds", "Integer", false),
                ],
                &[("CommandId", "String"), ("Output", "String")],
            ),
            action(
                "aws:executeScript",
                &[A],
                vec![
                    input("Runtime", "String", true),
                    input("Handler", "String", false),
                    input("Script", "String", false),
                    input("InputPayload", "Map", false),
                    input("Attachment", "String", false),
                ],
                &[],
            ),
            action(
                "aws:executeAutomation",
                &[A],
                vec![
                    input("DocumentName", "String", true),
                    input("RuntimeParameters", "Map", false),
                ],
                &[("ExecutionId", "String"), ("Output", "StringList")],
            ),
            action(
                "aws:sleep",
                &[A],
                vec![input("Duration", "String", false)],
                &[],
            ),
            action(
                "aws:updateVariable",
                &[A],
                vec![input("Name", "String", true), input("Value", "Any", true)],
                &[],
            ),
            action(
                "aws:runShellScript",
                &[C],
                vec![
                    input("runCommand", "StringList", true),
                    input("timeoutSeconds", "String", false),
                    input("workingDirectory", "String", false),
                ],
                &[],
            ),
            action(
                "aws:runPowerShellScript",
                &[C],
                vec![input("runCommand", "StringList", true)],
                &[],
            ),
        ]
        .into_iter()
        .map(std::sync::Arc::new)
        .collect(),
        ..Catalog::default()
    }
}

// ---- helpers ----

fn check(src: &str) -> Vec<Diagnostic> {
    check_document(&doc(src), &catalog())
}

/// `CODE severity message` lines, plus the text under each primary span.
fn render(src: &str) -> String {
    check(src)
        .iter()
        .map(|d| {
            let at = src.get(d.primary.span.range()).unwrap_or("?");
            let help = d
                .help
                .as_deref()
                .map(|h| format!(" [help: {h}]"))
                .unwrap_or_default();
            format!(
                "{} {}: {} @ `{at}`{help}",
                d.code,
                d.severity.as_str(),
                d.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn codes_of(src: &str) -> Vec<&'static str> {
    check(src).iter().map(|d| d.code.as_str()).collect()
}

/// An Automation document with these parameters and steps.
fn auto(params: &str, steps: &str) -> String {
    format!(r#"{{"schemaVersion": "0.3", "parameters": {{{params}}}, "mainSteps": [{steps}]}}"#)
}

const SLEEP: &str = r#"{"name": "Wait", "action": "aws:sleep", "inputs": {"Duration": "PT1M"}}"#;

// ---- tests ----

#[test]
fn a_correct_runbook_has_no_findings() {
    let src = auto(
        r#""InstanceId": {"type": "String"}, "Role": {"type": "AWS::IAM::Role::Arn", "default": "arn:aws:iam::1:role/x"}"#,
        r#"{"name": "Stop", "action": "aws:changeInstanceState", "inputs": {"InstanceIds": ["{{ InstanceId }}"], "DesiredState": "stopped"}, "nextStep": "Run"},
           {"name": "Run", "action": "aws:runCommand", "inputs": {"DocumentName": "AWS-RunShellScript", "InstanceIds": ["{{ InstanceId }}"], "Parameters": {"commands": ["echo {{ global:REGION }}"]}}},
           {"name": "Ask", "action": "aws:approve", "inputs": {"Approvers": ["a"], "Message": "{{ Run.CommandId }} in {{ automation:EXECUTION_ID }}"}, "isEnd": true}"#,
    );
    assert_eq!(render(&src), "");
}

#[test]
fn unknown_action_suggests_closest_name() {
    let src = auto(
        "",
        r#"{"name": "A", "action": "aws:runComand", "inputs": {"X": 1}}"#,
    );
    insta::assert_snapshot!(render(&src), @"E1001 error: unknown action `aws:runComand` @ `\"aws:runComand\"` [help: did you mean `aws:runCommand`?]");
}

#[test]
fn command_plugin_in_a_runbook_is_the_wrong_kind() {
    let src = auto(
        "",
        r#"{"name": "A", "action": "aws:runShellScript", "inputs": {"runCommand": ["ls"]}}"#,
    );
    assert_eq!(codes_of(&src), vec![codes::ACTION_WRONG_KIND]);
}

#[test]
fn extern_action_is_a_warning() {
    let src = auto(
        "",
        r#"{"name": "A", "action": "aws:shareSQLMedia", "inputs": {"Anything": 1}}"#,
    );
    let d = check(&src);
    assert_eq!(d.len(), 1);
    assert_eq!(
        (d[0].code, d[0].severity),
        (codes::EXTERN_ACTION, Severity::Warning)
    );
}

#[test]
fn unknown_input_and_missing_required_input() {
    let src = auto(
        "",
        r#"{"name": "A", "action": "aws:approve", "inputs": {"Mesage": "hi"}}"#,
    );
    insta::assert_snapshot!(render(&src), @r#"
    E1004 error: step `A` is missing required input `Approvers` @ `{"Mesage": "hi"}` [help: add `Approvers: …` (a StringList)]
    E1003 error: `aws:approve` has no input `Mesage` @ `"Mesage"` [help: did you mean `Message`?]
    "#);
}

/// A Change Manager template (`Automation.ChangeTemplate`): its top-level keys
/// are typed, its `aws:approve` takes `EnhancedApprovals` instead of
/// `Approvers`; one of the two is required, never both; the template keys
/// are not a Command document's.
#[test]
fn change_templates_take_enhanced_approvals_and_their_own_keys() {
    let enhanced = r#""EnhancedApprovals": {"NotificationArn": "arn:aws:sns:us-east-1:1:Automation", "Approvers": [{"approver": "ops", "type": "IamGroup", "minRequiredApprovals": 1}]}"#;
    let template = |keys: &str, inputs: &str| {
        format!(
            r#"{{"schemaVersion": "0.3", {keys}, "mainSteps": [{{"name": "Review", "action": "aws:approve", "inputs": {{{inputs}}}}}]}}"#
        )
    };
    let keys = r#""templateInformation": "Restart", "emergencyChange": false, "autoApprovable": true, "executableRunBooks": [{"name": "AWS-HelloWorld", "version": "1"}]"#;
    assert_eq!(render(&template(keys, enhanced)), "");
    insta::assert_snapshot!(render(&template(r#""emergencyChange": "no", "executableRunBooks": [{"name": 5}]"#, enhanced)), @r#"
    E1005 error: `emergencyChange` of the change template expects Boolean, found the string "no" @ `"no"` [help: write true or false without quotes]
    W1001 warning: a runbook's `name` expects String, found the integer 5 @ `5` [help: AWS accepts this and converts it at run time; to be exact, write a string: "…"]
    "#);
    insta::assert_snapshot!(render(&template(keys, r#""Message": "ok?""#)), @r#"E1004 error: step `Review` is missing required input `Approvers` @ `{"Message": "ok?"}` [help: add `EnhancedApprovals: { NotificationArn: …, Approvers: [{ approver: …, type: "IamUser", minRequiredApprovals: 1 }] }`]"#);
    insta::assert_snapshot!(render(&template(keys, &format!(r#""Approvers": ["a"], {enhanced}"#))), @r#"E1004 error: step `Review` gives both `Approvers` and `EnhancedApprovals` @ `{"NotificationArn": "arn:aws:sns:us-east-1:1:Automation", "Approvers": [{"approver": "ops", "type": "IamGroup", "minRequiredApprovals": 1}]}` [help: keep `EnhancedApprovals` in a change template, `Approvers` elsewhere]"#);
    // Outside a template, `EnhancedApprovals` is a warning; a Command document
    // has no template keys.
    insta::assert_snapshot!(render(&auto("", &format!(r#"{{"name": "A", "action": "aws:approve", "inputs": {{{enhanced}}}}}"#))), @r#"W1003 warning: `EnhancedApprovals` is for Change Manager templates @ `{"NotificationArn": "arn:aws:sns:us-east-1:1:Automation", "Approvers": [{"approver": "ops", "type": "IamGroup", "minRequiredApprovals": 1}]}` [help: use `Approvers`, or make this a change template (`templateInformation`, `emergencyChange`, …)]"#);
    insta::assert_snapshot!(render(r#"{"schemaVersion": "2.2", "emergencyChange": true, "mainSteps": [{"name": "A", "action": "aws:runShellScript", "inputs": {"runCommand": ["ls"]}}]}"#), @r#"E1024 error: `emergencyChange` in a Command document @ `"emergencyChange"` [help: remove `emergencyChange`]"#);
}

#[test]
fn command_inputs_match_case_insensitively() {
    let src = r#"{"schemaVersion": "2.2", "mainSteps": [{"name": "A", "action": "aws:runShellScript", "inputs": {"RunCommand": ["ls"], "TimeoutSeconds": "60", "onFailure": "exit"}}]}"#;
    assert_eq!(render(src), "");
}

#[test]
fn wrong_types_are_errors_and_lenient_ones_warnings() {
    let src = auto(
        r#""Count": {"type": "Integer", "default": 1}, "Ids": {"type": "StringList", "default": []}"#,
        r#"{"name": "A", "action": "aws:approve", "inputs": {"Approvers": "alice", "MinRequiredApprovals": "two", "Message": 5}},
           {"name": "B", "action": "aws:approve", "inputs": {"Approvers": {"a": 1}, "MinRequiredApprovals": "{{ Count }}"}},
           {"name": "C", "action": "aws:approve", "inputs": {"Approvers": ["{{ Ids }}"], "MinRequiredApprovals": "{{ Ids }}"}}"#,
    );
    insta::assert_snapshot!(render(&src), @r#"
    W1001 warning: input `Approvers` of `aws:approve` expects StringList, found the string "alice" @ `"alice"` [help: AWS accepts this and converts it at run time; to be exact, write a list of strings: ["a", "b"]]
    E1005 error: input `MinRequiredApprovals` of `aws:approve` expects Integer, found the string "two" @ `"two"` [help: write a number without quotes: 60]
    W1001 warning: input `Message` of `aws:approve` expects String, found the integer 5 @ `5` [help: AWS accepts this and converts it at run time; to be exact, write a string: "…"]
    E1005 error: input `Approvers` of `aws:approve` expects StringList, found a map @ `{"a": 1}` [help: write a list of strings: ["a", "b"]]
    E1005 error: input `MinRequiredApprovals` of `aws:approve` expects Integer, found `{{ Ids }}` of type StringList @ `"{{ Ids }}"` [help: write a number without quotes: 60]
    "#);
}

#[test]
fn targets_must_be_key_and_values() {
    let src = auto(
        "",
        r#"{"name": "A", "action": "aws:runCommand", "inputs": {"DocumentName": "arn:aws:ssm:us-east-1:111122223333:document/D", "Targets": [{"Key": "tag:App", "Values": ["web"]}, {"Key": "x", "Value": ["y"]}, "oops"]}}"#,
    );
    insta::assert_snapshot!(render(&src), @r#"
    E1007 error: unknown key `Value` in an entry of input `Targets` of `aws:runCommand` @ `"Value"` [help: did you mean `Values`?]
    E1007 error: an entry of input `Targets` of `aws:runCommand` must be a map {Key, Values}, found the string "oops" @ `"oops"` [help: write { Key: "tag:Name", Values: ["web"] }]
    "#);
}

#[test]
fn allowed_values_of_an_input() {
    let src = auto(
        "",
        r#"{"name": "A", "action": "aws:changeInstanceState", "inputs": {"InstanceIds": ["i-1"], "DesiredState": "stoped"}}"#,
    );
    insta::assert_snapshot!(render(&src), @"E1006 error: `stoped` is not an allowed value of input `DesiredState` of `aws:changeInstanceState` @ `\"stoped\"` [help: did you mean `stopped`?]");
}

#[test]
fn branch_choices_are_shape_checked() {
    let src = auto(
        r#""P": {"type": "String"}"#,
        &format!(
            r#"{{"name": "B", "action": "aws:branch", "inputs": {{"Choices": [
                {{"NextStep": "Wait", "Variable": "{{{{ P }}}}", "StringEqual": "x"}},
                {{"NextStep": "Wait", "Variable": "{{{{ P }}}}", "StringEquals": "x", "Contains": "y"}},
                {{"Variable": "{{{{ P }}}}", "BooleanEquals": "yes"}},
                {{"NextStep": "Wait", "And": [{{"Variable": "{{{{ P }}}}", "NumericGreater": 3}}, {{"Not": {{"Variable": "{{{{ P }}}}", "StringEquals": "a"}}}}]}}
            ], "Default": "Wait"}}}}, {SLEEP}"#
        ),
    );
    insta::assert_snapshot!(render(&src), @r#"
    E1008 error: unknown operator `StringEqual` in a choice @ `"StringEqual"` [help: did you mean `StringEquals`?]
    E1008 error: a choice has more than one operator @ `"Contains"` [help: combine several tests with `And: [ … ]` or `Or: [ … ]`]
    E1008 error: a choice has no `NextStep` @ `{"Variable": "{{ P }}", "BooleanEquals": "yes"}` [help: add `NextStep: "StepName"`]
    E1005 error: the value of `BooleanEquals` expects Boolean, found the string "yes" @ `"yes"` [help: write true or false without quotes]
    "#);
}

#[test]
fn step_outputs_entries_are_shape_checked() {
    let src = auto(
        "",
        r#"{"name": "A", "action": "aws:executeAwsApi", "inputs": {"Service": "sqs", "Api": "ListQueues"}, "outputs": [{"Name": "Id", "Selector": "$.QueueUrls", "Type": "Strin"}, {"Name": "B"}]}"#,
    );
    insta::assert_snapshot!(render(&src), @r#"
    E1009 error: unknown output type `Strin` @ `"Strin"` [help: did you mean `String`?]
    E1009 error: an output of step `A` has no `Selector` @ `{"Name": "B"}` [help: an output is { Name, Selector, Type? }]
    "#);
}

#[test]
fn references_to_names_that_do_not_exist() {
    let src = auto(
        r#""InstanceId": {"type": "String"}"#,
        r#"{"name": "Api", "action": "aws:executeAwsApi", "inputs": {"Service": "ec2", "Api": "DescribeInstances", "InstanceIds": ["{{ InstanceID }}"]}, "outputs": [{"Name": "Id", "Selector": "$.Reservations[0].Instances[0].InstanceId", "Type": "String"}]},
           {"name": "Ask", "action": "aws:approve", "inputs": {"Approvers": ["a"], "Message": "{{ Api.Ids }} {{ Apx.Id }} {{ variable:V }} {{ global:REGOIN }} {{ TARGET_ID }}"}}"#,
    );
    insta::assert_snapshot!(render(&src), @r#"
    E1010 error: unknown parameter `InstanceID` @ `{{ InstanceID }}` [help: did you mean `InstanceId`?]
    E1012 error: step `Api` has no output `Ids` @ `{{ Api.Ids }}` [help: did you mean `Api.Id`?]
    E1011 error: unknown step `Apx` @ `{{ Apx.Id }}` [help: did you mean `Api.Id`?]
    E1013 error: unknown variable `V` @ `{{ variable:V }}` [help: declare it: `var V: String`]
    E1014 error: unknown built-in variable `global:REGOIN` @ `{{ global:REGOIN }}` [help: did you mean `global:REGION`?]
    I1001 info: `TARGET_ID` is a Maintenance Window pseudo-parameter @ `{{ TARGET_ID }}` [help: elsewhere it stays the literal text `{{ TARGET_ID }}`]
    "#);
}

#[test]
fn builtin_outputs_of_loops_and_scripts() {
    let src = auto(
        "",
        r#"{"name": "S", "action": "aws:executeScript", "inputs": {"Runtime": "python3.11", "Handler": "h", "Script": "x"}},
           {"name": "L", "action": "aws:loop", "inputs": {"Iterators": ["a"], "Steps": [
               {"name": "In", "action": "aws:approve", "inputs": {"Approvers": ["{{ L.CurrentIteratorValue }}"], "Message": "{{ L.CurrentIteration }} {{ S.OutputPayload }} {{ S.Payload }}"}}
           ]}},
           {"name": "E", "action": "aws:approve", "inputs": {"Approvers": ["a"], "Message": "{{ S.Nope }}"}}"#,
    );
    insta::assert_snapshot!(render(&src), @"E1012 error: step `S` has no output `Nope` @ `{{ S.Nope }}` [help: its outputs are Payload, OutputPayload; or declare `Nope` in the step's outputs]");
}

#[test]
fn dangling_targets_suggest_a_step() {
    let src = auto(
        "",
        &format!(
            r#"{{"name": "A", "action": "aws:sleep", "inputs": {{}}, "nextStep": "Wiat", "onFailure": "step:Wait", "onCancel": "Abrot"}}, {SLEEP}"#
        ),
    );
    insta::assert_snapshot!(render(&src), @r#"
    E2001 error: nextStep names no step: `Wiat` @ `"Wiat"` [help: did you mean `Wait`?]
    E1023 error: invalid `onCancel` value `Abrot` @ `"Abrot"` [help: did you mean `Abort`?]
    "#);
}

#[test]
fn unreachable_steps_and_cycles() {
    let src = auto(
        "",
        r#"{"name": "A", "action": "aws:sleep", "inputs": {}, "isEnd": true},
           {"name": "B", "action": "aws:sleep", "inputs": {}, "nextStep": "C"},
           {"name": "C", "action": "aws:sleep", "inputs": {}, "nextStep": "B"}"#,
    );
    insta::assert_snapshot!(render(&src), @r#"
    E2002 error: steps `B`, `C` run each other forever @ `"B"` [help: give one step of the cycle a way out: `isEnd: true`, a branch choice or `Default` leaving it, or a `nextStep` past it]
    W2001 warning: step `B` is never run @ `"B"` [help: remove it, or jump to it with `nextStep`, a branch, `onFailure` or `onCancel`]
    W2001 warning: step `C` is never run @ `"C"` [help: remove it, or jump to it with `nextStep`, a branch, `onFailure` or `onCancel`]
    "#);
}

#[test]
fn a_handler_reached_only_on_failure_is_reachable() {
    let src = auto(
        "",
        r#"{"name": "A", "action": "aws:sleep", "inputs": {}, "onFailure": "step:H", "isEnd": true},
           {"name": "H", "action": "aws:sleep", "inputs": {}}"#,
    );
    assert_eq!(render(&src), "");
}

#[test]
fn branch_without_default_and_next_step_with_end_warn() {
    let src = auto(
        r#""P": {"type": "Boolean"}"#,
        r#"{"name": "B", "action": "aws:branch", "inputs": {"Choices": [{"NextStep": "Wait", "Variable": "{{ P }}", "BooleanEquals": true}]}},
           {"name": "Wait", "action": "aws:sleep", "inputs": {}, "nextStep": "Wait2", "isEnd": true},
           {"name": "Wait2", "action": "aws:sleep", "inputs": {}}"#,
    );
    assert_eq!(
        codes_of(&src),
        vec![codes::BRANCH_WITHOUT_DEFAULT, codes::NEXT_STEP_WITH_END]
    );
}

#[test]
fn loop_bodies_fall_back_to_the_loop_and_may_jump_out_not_in() {
    let src = auto(
        "",
        r#"{"name": "L", "action": "aws:loop", "inputs": {"Iterators": ["a"], "Steps": [
               {"name": "In1", "action": "aws:sleep", "inputs": {}, "onFailure": "step:Out"},
               {"name": "In2", "action": "aws:sleep", "inputs": {}}
           ]}, "isEnd": true},
           {"name": "Out", "action": "aws:sleep", "inputs": {}, "nextStep": "In2"}"#,
    );
    insta::assert_snapshot!(render(&src), @r#"E2003 error: nextStep jumps into the body of loop `L` @ `"In2"` [help: jump to the loop step `L` instead; a body is entered only by its loop]"#);
}

#[test]
fn duplicate_and_invalid_step_names() {
    let src = auto(
        "",
        r#"{"name": "A", "action": "aws:sleep", "inputs": {}},
           {"name": "L", "action": "aws:loop", "inputs": {"Iterators": ["a"], "Steps": [{"name": "A", "action": "aws:sleep", "inputs": {}}]}},
           {"name": "bad-name", "action": "aws:sleep", "inputs": {}}"#,
    );
    assert_eq!(
        codes_of(&src),
        vec![codes::DUPLICATE_STEP, codes::INVALID_STEP_NAME]
    );
}

#[test]
fn parameter_types_and_defaults() {
    let src = auto(
        r#""A": {"type": "Strin"}, "B": {"type": "Integer", "default": "ten"}, "C": {"type": "String", "default": "z", "allowedValues": ["x", "y"]},
           "D": {"type": "String", "default": "abc", "allowedPattern": "^[0-9]+$"}, "E": {"type": "String", "default": "a", "allowedPattern": "^(?!x)a$"},
           "F": {"type": "AWS::IAM::Role::Arn", "default": ""}, "G": {"type": "Boolean", "default": "false"}, "H": {"type": "StringList", "default": ["a", "q"], "allowedValues": ["a", "b"]}"#,
        SLEEP,
    );
    insta::assert_snapshot!(render(&src), @r#"
    E1018 error: unknown parameter type `Strin` @ `"Strin"` [help: did you mean `String`?]
    E1005 error: the default of parameter `B` expects Integer, found the string "ten" @ `"ten"` [help: write a number without quotes: 60]
    E1019 error: the default of parameter `C` `z` is not one of its allowedValues @ `"z"` [help: the allowed values are x, y]
    W1005 warning: the default of parameter `D` `abc` does not match its allowedPattern @ `"abc"` [help: a run that keeps this default fails validation; change the default or the pattern]
    W1001 warning: the default of parameter `F` is an empty string @ `""` [help: AWS accepts `""` here (an optional resource); use String to say so exactly]
    W1001 warning: the default of parameter `G` expects Boolean, found the string "false" @ `"false"` [help: AWS accepts this and converts it at run time; to be exact, write true or false without quotes]
    E1019 error: the default of parameter `H` `q` is not one of its allowedValues @ `"q"` [help: the allowed values are a, b]
    "#);
}

#[test]
fn duplicate_parameters() {
    // JSON readers keep one of two equal keys; lowered `.rbk` keeps both: build that.
    let mut d = doc(&auto(r#""A": {"type": "String"}"#, SLEEP));
    let params = d.parameters.as_mut().unwrap();
    params.push(params[0].clone());
    let codes: Vec<_> = check_document(&d, &catalog())
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(codes, vec![codes::DUPLICATE_PARAMETER]);
}

#[test]
fn update_variable_names_a_declared_variable_of_its_type() {
    let src = r#"{"schemaVersion": "0.3", "variables": {"Count": {"type": "Integer", "default": 0}}, "mainSteps": [
        {"name": "A", "action": "aws:updateVariable", "inputs": {"Name": "variable:Count", "Value": "many"}},
        {"name": "B", "action": "aws:updateVariable", "inputs": {"Name": "variable:Cont", "Value": 1}},
        {"name": "C", "action": "aws:updateVariable", "inputs": {"Name": "Count", "Value": 1}},
        {"name": "D", "action": "aws:updateVariable", "inputs": {"Name": "variable:Count", "Value": "{{ variable:Count }}"}}
    ]}"#;
    insta::assert_snapshot!(render(src), @r#"
    E1005 error: the new value of variable `Count` expects Integer, found the string "many" @ `"many"` [help: write a number without quotes: 60]
    E1013 error: unknown variable `Cont` @ `"variable:Cont"` [help: did you mean `variable:Count`?]
    E1020 error: `aws:updateVariable` names `Count`, not `variable:NAME` @ `"Count"` [help: write `variable:Count`]
    "#);
}

#[test]
fn secrets_flow_only_into_allowed_places() {
    let src = auto(
        r#""Pw": {"type": "String", "secret": true}, "Plain": {"type": "String", "default": "{{ssm-secure:/db/pw}}"}"#,
        r#"{"name": "Run", "action": "aws:runCommand", "inputs": {"DocumentName": "arn:aws:ssm:us-east-1:111122223333:document/D", "InstanceIds": ["i-1"], "Parameters": {"password": "{{ Pw }}"}}},
           {"name": "Api", "action": "aws:executeAwsApi", "inputs": {"Service": "rds", "Api": "ModifyDBInstance", "DBInstanceIdentifier": "db", "MasterUserPassword": "{{ Pw }}"}},
           {"name": "Ask", "action": "aws:approve", "inputs": {"Approvers": ["a"], "Message": "pw {{resolve:secretsmanager:db}}"}}"#,
    );
    insta::assert_snapshot!(render(&src), @r#"
    E3001 error: a secret flows into the default of parameter `Plain` @ `{{ssm-secure:/db/pw}}` [help: parameter and variable values are shown in the execution's details; pass secrets only to a Command document's steps, to `aws:runCommand` `Parameters` or `aws:executeAutomation` `RuntimeParameters`, or read them at run time (`aws ssm get-parameter --with-decryption`); to keep this flow, write `// ssmc: allow(secret-flow): <reason>` above it]
    E3001 error: a secret flows into input `MasterUserPassword` of `aws:executeAwsApi` @ `{{ Pw }}` [help: Automation records each step's resolved inputs in the execution's details; pass secrets only to a Command document's steps, to `aws:runCommand` `Parameters` or `aws:executeAutomation` `RuntimeParameters`, or read them at run time (`aws ssm get-parameter --with-decryption`); to keep this flow, write `// ssmc: allow(secret-flow): <reason>` above it]
    E3001 error: a secret flows into input `Message` of `aws:approve` @ `{{resolve:secretsmanager:db}}` [help: Automation records each step's resolved inputs in the execution's details; pass secrets only to a Command document's steps, to `aws:runCommand` `Parameters` or `aws:executeAutomation` `RuntimeParameters`, or read them at run time (`aws ssm get-parameter --with-decryption`); to keep this flow, write `// ssmc: allow(secret-flow): <reason>` above it]
    "#);
}

#[test]
fn an_allow_silences_secret_flow_at_its_step_or_place() {
    let src = auto(
        r#""Pw": {"type": "String", "secret": true}"#,
        r#"{"name": "Api", "action": "aws:executeAwsApi", "inputs": {"Service": "rds", "Api": "ModifyDBInstance", "DBInstanceIdentifier": "db", "MasterUserPassword": "{{ Pw }}"}}"#,
    );
    assert_eq!(codes_of(&src), vec![codes::SECRET_FLOW]);
    let by_step = CheckOptions {
        allows: vec![Allow {
            rule: "secret-flow".into(),
            step: Some("Api".into()),
            span: None,
        }],
        ..CheckOptions::default()
    };
    assert!(check_document_with(&doc(&src), &catalog(), &by_step).is_empty());
    let at = src.find("{{ Pw }}").unwrap();
    let by_place = CheckOptions {
        allows: vec![Allow {
            rule: "secret-flow".into(),
            step: None,
            span: Some(Span::new(FileId(0), at, at + 3)),
        }],
        ..CheckOptions::default()
    };
    assert!(check_document_with(&doc(&src), &catalog(), &by_place).is_empty());
    let other_rule = CheckOptions {
        allows: vec![Allow {
            rule: "unknown-input".into(),
            step: Some("Api".into()),
            span: None,
        }],
        ..CheckOptions::default()
    };
    assert_eq!(
        check_document_with(&doc(&src), &catalog(), &other_rule).len(),
        1
    );
}

#[test]
fn command_steps_may_read_a_secure_string_but_not_describe_it() {
    let src = r#"{"schemaVersion": "2.2", "mainSteps": [{"name": "A", "action": "aws:runShellScript", "description": "uses {{ssm-secure:/pw}}",
        "inputs": {"runCommand": ["echo {{ssm-secure:/pw}}"], "workingDirectory": "{{ssm-secure:/pw}}"}}]}"#;
    insta::assert_snapshot!(render(src), @"E3001 error: a secret flows into the description of step `A` @ `{{ssm-secure:/pw}}` [help: descriptions are shown by the console and GetDocument; pass secrets only to a Command document's steps, to `aws:runCommand` `Parameters` or `aws:executeAutomation` `RuntimeParameters`, or read them at run time (`aws ssm get-parameter --with-decryption`); to keep this flow, write `// ssmc: allow(secret-flow): <reason>` above it]");
}

#[test]
fn a_secret_parameter_with_a_plaintext_default() {
    let src = auto(
        r#""A": {"type": "String", "secret": true, "default": "hunter2"}, "B": {"type": "String", "secret": true, "default": "{{ssm-secure:/pw}}"}, "C": {"type": "String", "secret": true, "default": ""}"#,
        SLEEP,
    );
    assert_eq!(codes_of(&src), vec![codes::PLAINTEXT_SECRET_DEFAULT]);
}

#[test]
fn pseudo_parameters_are_an_info_note() {
    let src = auto(
        "",
        r#"{"name": "A", "action": "aws:approve", "inputs": {"Approvers": ["a"], "Message": "on {{ RESOURCE_ID }}"}}"#,
    );
    let d = check(&src);
    assert_eq!(
        (d.len(), d[0].code, d[0].severity),
        (1, codes::PSEUDO_PARAMETER, Severity::Info)
    );
}

#[test]
fn keys_of_the_other_kind_and_documents_without_steps() {
    let src = r#"{"schemaVersion": "2.2", "assumeRole": "arn", "variables": {"V": {"type": "String"}}, "mainSteps": []}"#;
    insta::assert_snapshot!(render(src), @r#"
    E1025 error: document `test` has no steps @ `` [help: add a step]
    E1024 error: `assumeRole` in a command document @ `"arn"` [help: remove `assumeRole`]
    E1024 error: `variables` in a Command document @ `"V"` [help: use a parameter, or make this an `automation`]
    "#);
}

#[test]
fn near_miss_inputs_of_pass_through_and_extern_actions_warn() {
    let src = auto(
        "",
        r#"{"name": "A", "action": "aws:executeAwsApi", "inputs": {"Service": "ec2", "Api": "DescribeInstances", "api": "Y", "InstanceIds": ["i"]}},
           {"name": "B", "action": "aws:shareSQLMedia", "inputs": {}}"#,
    );
    insta::assert_snapshot!(render(&src), @r#"
    W1006 warning: `aws:executeAwsApi` declares no input `api` @ `"api"` [help: did you mean `Api`?]
    W1002 warning: `aws:shareSQLMedia` is declared extern @ `"aws:shareSQLMedia"` [help: make sure AWS runs this action; undocumented actions can change without notice]
    "#);
}

#[test]
fn preconditions_follow_the_agent() {
    let src = r#"{"schemaVersion": "2.2", "parameters": {"Op": {"type": "String"}}, "mainSteps": [
        {"name": "A", "action": "aws:runShellScript", "precondition": {"StringEquals": ["platformType", "Linux"]}, "inputs": {"runCommand": ["ls"]}},
        {"name": "B", "action": "aws:runShellScript", "precondition": {"StringEquals": ["Windows", "platformType"]}, "inputs": {"runCommand": ["ls"]}},
        {"name": "C", "action": "aws:runShellScript", "precondition": {"StringEquals": ["{{ Op }}", "Install"]}, "inputs": {"runCommand": ["ls"]}},
        {"name": "D", "action": "aws:runShellScript", "precondition": {"StringEquals": ["platformType", "linux"]}, "inputs": {"runCommand": ["ls"]}},
        {"name": "E", "action": "aws:runShellScript", "precondition": {"StringLike": ["platformType", "Linux"]}, "inputs": {"runCommand": ["ls"]}},
        {"name": "F", "action": "aws:runShellScript", "precondition": {"StringEquals": ["a", "b"]}, "inputs": {"runCommand": ["ls"]}}
    ]}"#;
    insta::assert_snapshot!(render(src), @r#"
    E1021 error: unknown platform `linux` @ `"linux"` [help: did you mean `Linux`?]
    E1021 error: unknown precondition operator `StringLike` @ `"StringLike"` [help: write `precondition: { StringEquals: [platformType, Linux] }` (`when platform linux`)]
    E1021 error: a precondition compares two constants @ `["a", "b"]` [help: write [platformType, Linux|Windows|MacOS], or two values one of which contains a {{ parameter }}]
    "#);
}

#[test]
fn precondition_needs_schema_2_2() {
    let src = r#"{"schemaVersion": "2.0", "mainSteps": [{"name": "A", "action": "aws:runShellScript", "precondition": {"StringEquals": ["platformType", "Linux"]}, "inputs": {"runCommand": ["ls"]}}]}"#;
    assert_eq!(codes_of(src), vec![codes::INVALID_PRECONDITION]);
}

#[test]
fn reference_to_a_step_not_on_every_path_warns() {
    let src = auto(
        r#""P": {"type": "Boolean"}"#,
        r#"{"name": "B", "action": "aws:branch", "inputs": {"Choices": [{"NextStep": "Run", "Variable": "{{ P }}", "BooleanEquals": true}], "Default": "Ask"}},
           {"name": "Run", "action": "aws:runCommand", "inputs": {"DocumentName": "arn:aws:ssm:us-east-1:111122223333:document/D", "InstanceIds": ["i"]}},
           {"name": "Ask", "action": "aws:approve", "inputs": {"Approvers": ["a"], "Message": "{{ Run.CommandId }}"}}"#,
    );
    insta::assert_snapshot!(render(&src), @"W2004 warning: step `Ask` may run without step `Run` having run before it @ `{{ Run.CommandId }}` [help: on some path this output does not exist yet; SSM then fails the step]");
}

#[test]
fn document_outputs_name_step_outputs() {
    let src = r#"{"schemaVersion": "0.3", "mainSteps": [{"name": "Run", "action": "aws:runCommand", "inputs": {"DocumentName": "arn:aws:ssm:us-east-1:111122223333:document/D", "InstanceIds": ["i"]}}], "outputs": ["Run.CommandId", "Run.Commandid", "Nope.X"]}"#;
    assert_eq!(
        codes_of(src),
        vec![codes::UNKNOWN_OUTPUT, codes::UNKNOWN_STEP]
    );
}

#[test]
fn schema_version_must_be_a_known_string() {
    let src = r#"{"schemaVersion": 2.2, "mainSteps": [{"name": "A", "action": "aws:runShellScript", "inputs": {"runCommand": ["ls"]}}]}"#;
    assert_eq!(codes_of(src), vec![codes::INVALID_SCHEMA_VERSION]);
}

#[test]
fn step_properties_keep_aws_leniency() {
    let src = auto(
        "",
        r#"{"name": "A", "action": "aws:sleep", "inputs": {}, "timeoutSeconds": "600", "isCritical": "false", "maxAttempts": "x", "isEnd": 1}"#,
    );
    assert_eq!(
        codes_of(&src),
        vec![
            codes::LENIENT_TYPE,
            codes::LENIENT_TYPE,
            codes::TYPE_MISMATCH,
            codes::TYPE_MISMATCH
        ]
    );
}

#[test]
fn loop_on_cancel_may_abort_but_not_move() {
    let src = auto(
        "",
        &format!(
            r#"{{"name": "L", "action": "aws:loop", "inputs": {{"Iterators": ["a"], "Steps": [{SLEEP}]}}, "onCancel": "step:After"}},
               {{"name": "M", "action": "aws:loop", "inputs": {{"Iterators": ["a"], "Steps": []}}, "onCancel": "Abort"}},
               {{"name": "After", "action": "aws:sleep", "inputs": {{}}}}"#
        ),
    );
    assert_eq!(codes_of(&src), vec![codes::FORBIDDEN_ON_CANCEL]);
}

#[test]
fn one_mistake_gives_one_diagnostic() {
    // An unknown parameter type makes the parameter `Ty::Error`: its uses are not reported again.
    let src = auto(
        r#""N": {"type": "Intger"}"#,
        r#"{"name": "A", "action": "aws:approve", "inputs": {"Approvers": "{{ N }}", "MinRequiredApprovals": "{{ N }}"}}"#,
    );
    assert_eq!(codes_of(&src), vec![codes::UNKNOWN_TYPE]);
}

#[test]
fn flow_graph_edges_have_kinds() {
    let src = auto(
        r#""P": {"type": "Boolean"}"#,
        r#"{"name": "B", "action": "aws:branch", "inputs": {"Choices": [{"NextStep": "L", "Variable": "{{ P }}", "BooleanEquals": true}], "Default": "E"}},
           {"name": "L", "action": "aws:loop", "inputs": {"Iterators": ["a"], "Steps": [{"name": "In", "action": "aws:sleep", "inputs": {}}]}, "onFailure": "step:E"},
           {"name": "E", "action": "aws:sleep", "inputs": {}, "isEnd": true}"#,
    );
    let (g, diags) = flow::FlowGraph::build(&doc(&src));
    assert!(diags.is_empty());
    let edges: Vec<String> = g
        .edges
        .iter()
        .map(|e| {
            let to = match e.to {
                flow::EdgeTarget::Step(t) => g.nodes[t].name.clone(),
                flow::EdgeTarget::End => "END".into(),
            };
            format!("{} -{:?}-> {to}", g.nodes[e.from].name, e.kind)
        })
        .collect();
    insta::assert_snapshot!(edges.join("\n"), @r"
    B -Choice(0)-> L
    B -Default-> E
    L -LoopBody-> In
    L -LoopExit-> E
    L -OnFailure-> E
    E -End-> END
    In -FallThrough-> L
    ");
}

#[test]
fn references_are_located_inside_their_literal() {
    use crate::check::refs::ref_span;
    let at = |src: &str, value: &str, range: std::ops::Range<usize>| {
        let node = Node::string(value, Span::new(FileId(0), 0, src.len()));
        let span = ref_span(&node, value, range);
        src[span.range()].to_string()
    };
    // A quoted string without escapes, a YAML plain scalar, a raw string.
    assert_eq!(at(r#""a {{ P }} b""#, "a {{ P }} b", 2..9), "{{ P }}");
    assert_eq!(at("a {{ P }} b", "a {{ P }} b", 2..9), "{{ P }}");
    // A raw string or a doc comment: the whole literal (offsets are not symmetric).
    assert_eq!(
        at(r##"#"a {{ P }}"#"##, "a {{ P }}", 2..9),
        r##"#"a {{ P }}"#"##
    );
    assert_eq!(at("/// a {{ P }}", "a {{ P }}", 2..9), "/// a {{ P }}");
    // With escapes the offsets differ: the whole literal.
    assert_eq!(
        at(r#""\t {{ P }}""#, "\t {{ P }}", 3..10),
        r#""\t {{ P }}""#
    );
}

#[test]
fn deep_values_do_not_overflow_the_stack() {
    // A condition nested far deeper than any limit: checked up to the limit, no overflow.
    let mut node = Node::new(
        Value::Map(vec![
            (
                Key {
                    name: "Variable".into(),
                    span: Span::default(),
                },
                Node::string("{{ P }}", Span::default()),
            ),
            (
                Key {
                    name: "StringEquals".into(),
                    span: Span::default(),
                },
                Node::string("x", Span::default()),
            ),
        ]),
        Span::default(),
    );
    for _ in 0..100_000 {
        node = Node::new(
            Value::Map(vec![(
                Key {
                    name: "Not".into(),
                    span: Span::default(),
                },
                node,
            )]),
            Span::default(),
        );
    }
    let mut d = doc(&auto(
        r#""P": {"type": "String"}"#,
        r#"{"name": "L", "action": "aws:loop", "inputs": {"MaxIterations": 2, "Steps": []}}"#,
    ));
    let step = &mut d.steps.as_mut().unwrap()[0];
    let Some(Node {
        value: Value::Map(inputs),
        ..
    }) = &mut step.inputs
    else {
        panic!("inputs")
    };
    inputs.push((
        Key {
            name: "LoopCondition".into(),
            span: Span::default(),
        },
        node,
    ));
    let diags = check_document(&d, &catalog());
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    // Dropping such a value recurses too; leak it so the test checks the checker only.
    std::mem::forget(d);
}

#[test]
fn any_aws_resource_type_is_a_parameter_type() {
    let src = auto(
        r#""Img": {"type": "AWS::EC2::Image::Id"}, "Imgs": {"type": "List<AWS::EC2::Image::Id>"}, "Bad": {"type": "AWS::"}"#,
        SLEEP,
    );
    assert_eq!(codes_of(&src), vec![codes::UNKNOWN_TYPE]);
}

#[test]
fn attribute_types_and_length_limits_of_defaults() {
    let src = auto(
        r#""A": {"type": "String", "default": "abcdef", "maxChars": "5"}, "B": {"type": "StringList", "default": [], "minItems": 1},
           "C": {"type": "String", "allowedValues": "x", "minChars": "one"}"#,
        SLEEP,
    );
    insta::assert_snapshot!(render(&src), @r#"
    W1005 warning: the default of parameter `A` has 6 characters, outside its minChars/maxChars @ `"abcdef"` [help: a run that keeps this default fails validation; change the default or the limits]
    W1001 warning: `maxChars` of parameter `A` expects Integer, found the string "5" @ `"5"` [help: AWS accepts this and converts it at run time; to be exact, write a number without quotes: 60]
    W1001 warning: `allowedValues` of parameter `C` expects List, found the string "x" @ `"x"` [help: AWS accepts this and converts it at run time; to be exact, write a list: [{ … }]]
    E1005 error: `minChars` of parameter `C` expects Integer, found the string "one" @ `"one"` [help: write a number without quotes: 60]
    "#);
}

#[test]
fn script_attachments_are_listed_in_files() {
    let src = r#"{"schemaVersion": "0.3", "files": {"tool.zip": {"checksums": {"sha256": "ab"}}}, "mainSteps": [
        {"name": "A", "action": "aws:executeScript", "inputs": {"Runtime": "python3.11", "Handler": "h", "Attachment": "tool.zip"}},
        {"name": "B", "action": "aws:executeScript", "inputs": {"Runtime": "python3.11", "Handler": "h", "Attachment": "tol.zip"}}
    ]}"#;
    insta::assert_snapshot!(render(src), @r#"E1026 error: attachment `tol.zip` is not in the document's files @ `"tol.zip"` [help: did you mean `tool.zip`?]"#);
}

#[test]
fn an_unknown_reference_in_a_description_is_a_warning_and_a_known_one_is_checked() {
    let src = r#"{"schemaVersion": "0.3", "description": "Restarts {{ Servce }}.",
        "parameters": {"Service": {"type": "String", "description": "see {{ Other }}"}},
        "mainSteps": [{"name": "A", "action": "aws:sleep", "description": "waits for {{ Service }} and {{ Nothing }}, {{ssm-secure:/pw}}",
        "inputs": {"Duration": "PT1M"}}]}"#;
    insta::assert_snapshot!(render(src), @r#"
    W1030 warning: unknown parameter `Servce` in the document description @ `{{ Servce }}` [help: if this is text, write it without `{{ }}`; otherwise, did you mean `Service`?]
    W1030 warning: unknown parameter `Other` in the description of parameter `Service` @ `{{ Other }}` [help: if this is text, write it without `{{ }}`; otherwise, declare it: `param Other: String`]
    W1030 warning: unknown parameter `Nothing` in the description of step `A` @ `{{ Nothing }}` [help: if this is text, write it without `{{ }}`; otherwise, declare it: `param Nothing: String`]
    E3001 error: a secret flows into the description of step `A` @ `{{ssm-secure:/pw}}` [help: descriptions are shown by the console and GetDocument; pass secrets only to a Command document's steps, to `aws:runCommand` `Parameters` or `aws:executeAutomation` `RuntimeParameters`, or read them at run time (`aws ssm get-parameter --with-decryption`); to keep this flow, write `// ssmc: allow(secret-flow): <reason>` above it]
    "#);
}
