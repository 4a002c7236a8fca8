//! The checker's diagnostic codes: the only place they are defined.
//!
//! Invariant: a code is never reused for another meaning; `E1xxx` names and
//! types, `E2xxx` flow, `E3xxx` secrets, `W1xxx` type warnings (where AWS is
//! lenient), `W2xxx` flow warnings, `I1xxx` information. Each code has a
//! stable kebab-case name (what an `allow` names), a one-line summary and
//! its documentation with a bad and a good example that a test compiles
//! (`crate::codes`).

crate::define_codes! {
    group: Check;
    /// ## What it does
    ///
    /// A step names an action that is neither in the stdlib's catalog nor declared in the project (`action` or `extern action`).
    ///
    /// ## Why is this bad?
    ///
    /// SSM rejects the document when it is created (`InvalidDocumentContent`), or, for a name close to a real one, the runbook never does what its author meant. The checker cannot check inputs, outputs or flow of an action it does not know.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Restart {
    ///   step Run = aws:runComand { DocumentName: "AWS-RunShellScript", InstanceIds: ["i-1"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Restart {
    ///   step Run = aws:runCommand { DocumentName: "AWS-RunShellScript", InstanceIds: ["i-1"], Parameters: { commands: ["uptime"] } }
    /// }
    /// ```
    UNKNOWN_ACTION = "E1001", "unknown-action", Error, "the action is not in the catalog";
    /// ## What it does
    ///
    /// An Automation action (`aws:sleep`, `aws:runCommand`, …) in a Command document, or a Command plugin (`aws:runShellScript`, …) in an Automation runbook.
    ///
    /// ## Why is this bad?
    ///
    /// Automation actions run in the Automation service, plugins run in SSM Agent on an instance: each document kind accepts only its own. SSM rejects the document.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Uptime {
    ///   step Run = aws:runShellScript { runCommand: ["uptime"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// command Uptime {
    ///   step Run = aws:runShellScript { runCommand: ["uptime"] }
    /// }
    /// ```
    ACTION_WRONG_KIND = "E1002", "action-wrong-kind", Error, "an Automation action in a Command document or the reverse";
    /// ## What it does
    ///
    /// A step gives an input the action does not have (often a misspelling of one it has).
    ///
    /// ## Why is this bad?
    ///
    /// SSM rejects the document for an unknown input of an Automation action; the value the author meant to pass is never passed.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Patch {
    ///   step Ask = aws:approve { Approvers: ["alice"], Mesage: "patch now?" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Patch {
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "patch now?" }
    /// }
    /// ```
    UNKNOWN_INPUT = "E1003", "unknown-input", Error, "the action has no input of that name";
    /// ## What it does
    ///
    /// A step leaves out an input its action requires.
    ///
    /// ## Why is this bad?
    ///
    /// SSM rejects the document, or the step fails when it starts: the action cannot run without it.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Patch {
    ///   step Ask = aws:approve { Message: "patch now?" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Patch {
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "patch now?" }
    /// }
    /// ```
    MISSING_INPUT = "E1004", "missing-input", Error, "a required input is missing";
    /// ## What it does
    ///
    /// A value whose type is not the type the input, parameter or output declares, and that AWS does not convert.
    ///
    /// ## Why is this bad?
    ///
    /// The step fails at run time with a validation error (for example an Integer input given text), after the steps before it have already run.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Patch {
    ///   step Ask = aws:approve { Approvers: ["alice"], MinRequiredApprovals: "two" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Patch {
    ///   step Ask = aws:approve { Approvers: ["alice"], MinRequiredApprovals: 2 }
    /// }
    /// ```
    TYPE_MISMATCH = "E1005", "type-mismatch", Error, "a value of the wrong type";
    /// ## What it does
    ///
    /// A literal value outside the input's `allowedValues`.
    ///
    /// ## Why is this bad?
    ///
    /// AWS refuses the value when the step runs: the runbook fails half way.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Stop {
    ///   step Stop = aws:changeInstanceState { InstanceIds: ["i-1"], DesiredState: "stoped" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Stop {
    ///   step Stop = aws:changeInstanceState { InstanceIds: ["i-1"], DesiredState: "stopped" }
    /// }
    /// ```
    NOT_ALLOWED_VALUE = "E1006", "value-not-allowed", Error, "a value outside the input's allowedValues";
    /// ## What it does
    ///
    /// A `Targets` entry that is not a `{ Key: String, Values: StringList }` map (a key missing, or another key).
    ///
    /// ## Why is this bad?
    ///
    /// SSM rejects the targets when the step runs: the command reaches no instance.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Run {
    ///   step Run = aws:runCommand {
    ///     DocumentName: "AWS-RunShellScript",
    ///     Parameters: { commands: ["uptime"] },
    ///     Targets: [{ Key: "tag:App" }],
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Run {
    ///   step Run = aws:runCommand {
    ///     DocumentName: "AWS-RunShellScript",
    ///     Parameters: { commands: ["uptime"] },
    ///     Targets: [{ Key: "tag:App", Values: ["web"] }],
    ///   }
    /// }
    /// ```
    INVALID_TARGETS = "E1007", "invalid-targets", Error, "a Targets entry is not {Key: String, Values: StringList}";
    /// ## What it does
    ///
    /// An `aws:branch` choice that is not one operator applied to one `Variable` (two operators in one choice, or an operator AWS does not have).
    ///
    /// ## Why is this bad?
    ///
    /// SSM rejects the document: each choice compares one variable with one operator (combine choices with `And`, `Or`, `Not`).
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Speed {
    ///   param Mode: String
    ///
    ///   step Check = branch {
    ///     when raw { Variable: "{{ Mode }}", StringEquals: "fast", Contains: "f" } -> Fast
    ///     else -> Slow
    ///   }
    ///   step Fast = aws:sleep { Duration: "PT1M" } end
    ///   step Slow = aws:sleep { Duration: "PT5M" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Speed {
    ///   param Mode: String
    ///
    ///   step Check = branch {
    ///     when raw { Variable: "{{ Mode }}", StringEquals: "fast" } -> Fast
    ///     else -> Slow
    ///   }
    ///   step Fast = aws:sleep { Duration: "PT1M" } end
    ///   step Slow = aws:sleep { Duration: "PT5M" }
    /// }
    /// ```
    INVALID_CHOICE = "E1008", "invalid-choice", Error, "a branch choice or condition has the wrong shape";
    /// ## What it does
    ///
    /// A step `outputs` entry whose `Type` SSM does not have (or that lacks `Name` or `Selector`).
    ///
    /// ## Why is this bad?
    ///
    /// SSM rejects the document; the output's type is what later steps are checked against.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Find {
    ///   step Find = aws:executeAwsApi { Service: "ec2", Api: "DescribeImages" }
    ///     outputs { ImageId: Strin = "$.Images[0].ImageId" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Find {
    ///   step Find = aws:executeAwsApi { Service: "ec2", Api: "DescribeImages" }
    ///     outputs { ImageId: String = "$.Images[0].ImageId" }
    /// }
    /// ```
    INVALID_STEP_OUTPUT = "E1009", "invalid-step-output", Error, "a step outputs entry is not {Name, Selector, Type?}";
    /// ## What it does
    ///
    /// A reference (`{{ Name }}` or a bare name) to a parameter the document does not declare.
    ///
    /// ## Why is this bad?
    ///
    /// SSM leaves an unknown `{{ Name }}` unresolved: the step gets the literal text `{{ Name }}` (or the document is rejected), so a typo in a parameter name reaches production silently.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Restart {
    ///   param InstanceId: String
    ///
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "restart {{ InstanceID }}?" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Restart {
    ///   param InstanceId: String
    ///
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "restart {{ InstanceId }}?" }
    /// }
    /// ```
    UNKNOWN_PARAMETER = "E1010", "unknown-parameter", Error, "a reference to a parameter that does not exist";
    /// ## What it does
    ///
    /// A reference `{{ Step.Output }}` to a step the document does not have.
    ///
    /// ## Why is this bad?
    ///
    /// The reference is never resolved: the step receives the literal text, or SSM rejects the document.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Report {
    ///   step Run = aws:runCommand { DocumentName: "AWS-RunShellScript", InstanceIds: ["i-1"], Parameters: { commands: ["uptime"] } }
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "command {{ Rnu.CommandId }} done" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Report {
    ///   step Run = aws:runCommand { DocumentName: "AWS-RunShellScript", InstanceIds: ["i-1"], Parameters: { commands: ["uptime"] } }
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "command {{ Run.CommandId }} done" }
    /// }
    /// ```
    UNKNOWN_STEP = "E1011", "unknown-step", Error, "a reference to a step that does not exist";
    /// ## What it does
    ///
    /// A reference `{{ Step.Output }}` to an output the step does not produce (neither the action's own outputs nor the step's declared `outputs`).
    ///
    /// ## Why is this bad?
    ///
    /// The reference is never resolved at run time; output names are case-sensitive, so `CommandID` is not `CommandId`.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Report {
    ///   step Run = aws:runCommand { DocumentName: "AWS-RunShellScript", InstanceIds: ["i-1"], Parameters: { commands: ["uptime"] } }
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "command {{ Run.CommandID }} done" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Report {
    ///   step Run = aws:runCommand { DocumentName: "AWS-RunShellScript", InstanceIds: ["i-1"], Parameters: { commands: ["uptime"] } }
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "command {{ Run.CommandId }} done" }
    /// }
    /// ```
    UNKNOWN_OUTPUT = "E1012", "unknown-output", Error, "a reference to an output the step does not produce";
    /// ## What it does
    ///
    /// A reference `{{ variable:Name }}` to a variable the document does not declare.
    ///
    /// ## Why is this bad?
    ///
    /// The reference is never resolved: the step gets the literal text.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Retry {
    ///   var Attempts: Integer = 0
    ///
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "try {{ variable:Atempts }}" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Retry {
    ///   var Attempts: Integer = 0
    ///
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "try {{ variable:Attempts }}" }
    /// }
    /// ```
    UNKNOWN_VARIABLE = "E1013", "unknown-variable", Error, "a reference to a variable that does not exist";
    /// ## What it does
    ///
    /// A `global:` or `automation:` variable SSM does not define (`global:REGION`, `global:ACCOUNT_ID`, `automation:EXECUTION_ID`, …).
    ///
    /// ## Why is this bad?
    ///
    /// SSM resolves only its own built-in variables: any other name stays literal text in the step's input.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Where {
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "in {{ global:REGOIN }}" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Where {
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "in {{ global:REGION }}" }
    /// }
    /// ```
    UNKNOWN_BUILTIN = "E1014", "unknown-builtin", Error, "an unknown global: or automation: variable";
    /// ## What it does
    ///
    /// Two steps with the same name.
    ///
    /// ## Why is this bad?
    ///
    /// Step names are how `goto`, `onFailure` and `{{ Step.Output }}` find a step: SSM rejects a document where one name means two steps.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Wait {
    ///   step Wait = aws:sleep { Duration: "PT1M" }
    ///   step Wait = aws:sleep { Duration: "PT5M" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Wait {
    ///   step WaitShort = aws:sleep { Duration: "PT1M" }
    ///   step WaitLong = aws:sleep { Duration: "PT5M" }
    /// }
    /// ```
    DUPLICATE_STEP = "E1015", "duplicate-step", Error, "two steps with the same name";
    /// ## What it does
    ///
    /// A step name with a character outside `[A-Za-z0-9_]` (a `-`, a `.`, a space).
    ///
    /// ## Why is this bad?
    ///
    /// AWS requires step names to match `[a-zA-Z0-9_]+`; SSM rejects the document when it is created. All 4,403 steps of the real runbooks ssmc was measured on match it.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Run {
    ///   step `wait-a-second` = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Run {
    ///   step wait_a_second = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    INVALID_STEP_NAME = "E1016", "invalid-step-name", Error, "a step name outside [A-Za-z0-9_]+";
    /// ## What it does
    ///
    /// Two parameters (or variables) with the same name.
    ///
    /// ## Why is this bad?
    ///
    /// A name must mean one value: SSM rejects the document.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Choose {
    ///   param Mode: String
    ///   param Mode: String
    ///
    ///   step Wait = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Choose {
    ///   param Mode: String
    ///   param Speed: String
    ///
    ///   step Wait = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    DUPLICATE_PARAMETER = "E1017", "duplicate-parameter", Error, "two parameters (or variables) with the same name";
    /// ## What it does
    ///
    /// A parameter or variable type SSM does not have (`String`, `StringList`, `Integer`, `Boolean`, `MapList`, `StringMap` and the AWS resource types are known).
    ///
    /// ## Why is this bad?
    ///
    /// SSM rejects the document when it is created.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Choose {
    ///   param Mode: Strng
    ///
    ///   step Wait = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Choose {
    ///   param Mode: String
    ///
    ///   step Wait = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    UNKNOWN_TYPE = "E1018", "unknown-type", Error, "a parameter or variable type SSM does not know";
    /// ## What it does
    ///
    /// A parameter's default outside its own `allowedValues` (or not of the parameter's type, or outside its `allowedPattern`).
    ///
    /// ## Why is this bad?
    ///
    /// Every run that relies on the default fails its parameter validation, or SSM rejects the document.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Speed {
    ///   param Mode: String = "fats" { allowedValues: ["fast", "slow"] }
    ///
    ///   step Wait = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Speed {
    ///   param Mode: String = "fast" { allowedValues: ["fast", "slow"] }
    ///
    ///   step Wait = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    INVALID_DEFAULT = "E1019", "invalid-default", Error, "a default outside its own type, allowedValues or allowedPattern";
    /// ## What it does
    ///
    /// An `aws:updateVariable` whose `Name` is not `variable:` followed by the variable's name.
    ///
    /// ## Why is this bad?
    ///
    /// SSM finds the variable only by its `variable:` name: the step fails at run time.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Count {
    ///   var Attempts: Integer = 0
    ///
    ///   step Count = aws:updateVariable { Name: "Attempts", Value: 1 }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Count {
    ///   var Attempts: Integer = 0
    ///
    ///   step Count = aws:updateVariable { Name: "variable:Attempts", Value: 1 }
    /// }
    /// ```
    INVALID_UPDATE_VARIABLE = "E1020", "invalid-update-variable", Error, "aws:updateVariable names no declared variable";
    /// ## What it does
    ///
    /// A Command document `precondition` SSM Agent rejects: one that compares two constants, names an unknown platform, or appears in a schema before 2.2.
    ///
    /// ## Why is this bad?
    ///
    /// SSM Agent fails the step (or the whole document) instead of skipping it, on every instance.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// command Uptime {
    ///   step Run = aws:runShellScript when "a" == "b" { runCommand: ["uptime"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// command Uptime {
    ///   step Run = aws:runShellScript when platform linux { runCommand: ["uptime"] }
    /// }
    /// ```
    INVALID_PRECONDITION = "E1021", "invalid-precondition", Error, "a Command precondition the agent rejects";
    /// ## What it does
    ///
    /// A `schemaVersion` the document's kind does not have (`0.3` is Automation; `1.0`, `1.2`, `2.0`, `2.0.1`, `2.0.2`, `2.0.3` and `2.2` are Command), or one that is not a string.
    ///
    /// ## Why is this bad?
    ///
    /// SSM rejects the document when it is created: the schema version decides which keys and actions are valid, and SSM reads it only as a string ("schemaVersion should be String").
    ///
    /// ## Example
    ///
    /// ```rbk
    /// command Run {
    ///   schema "0.3"
    ///   step Run = aws:runShellScript { runCommand: ["uptime"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// command Run {
    ///   schema "2.2"
    ///   step Run = aws:runShellScript { runCommand: ["uptime"] }
    /// }
    /// ```
    INVALID_SCHEMA_VERSION = "E1022", "invalid-schema-version", Error, "a schemaVersion SSM does not accept for the document kind";
    /// ## What it does
    ///
    /// A step property whose value AWS rejects, such as an `onFailure` other than `Abort`, `Continue` or `step:<name>`, or an `onCancel` other than `Abort` or `step:<name>`.
    ///
    /// ## Why is this bad?
    ///
    /// SSM validates these properties when the document is created and refuses any other value, so the document cannot be created.
    ///
    /// ## Example
    ///
    /// ```json
    /// {
    ///   "schemaVersion": "0.3",
    ///   "mainSteps": [
    ///     { "name": "Wait", "action": "aws:sleep", "onFailure": "Retry", "inputs": { "Duration": "PT1S" } }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```json
    /// {
    ///   "schemaVersion": "0.3",
    ///   "mainSteps": [
    ///     { "name": "Wait", "action": "aws:sleep", "onFailure": "Continue", "inputs": { "Duration": "PT1S" } }
    ///   ]
    /// }
    /// ```
    INVALID_STEP_PROPERTY = "E1023", "invalid-step-property", Error, "a step property with a value AWS rejects";
    /// ## What it does
    ///
    /// A top-level key the document's kind or schema does not have: `assumeRole`, `files`, `outputs` or `variables` in a Command document, `mainSteps` in a schema 1.x document, `runtimeConfig` in a 2.x or Automation document.
    ///
    /// ## Why is this bad?
    ///
    /// Each kind has its own top-level keys (Command documents run on nodes through SSM Agent and have no role to assume or outputs to return); SSM rejects a document with a key of the other kind.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// command Run {
    ///   assume_role "arn:aws:iam::111122223333:role/Ops"
    ///   step Run = aws:runShellScript { runCommand: ["uptime"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// command Run {
    ///   step Run = aws:runShellScript { runCommand: ["uptime"] }
    /// }
    /// ```
    WRONG_KIND_KEY = "E1024", "wrong-kind-key", Error, "a top-level key the document kind or schema does not have";
    /// ## What it does
    ///
    /// A document without any step.
    ///
    /// ## Why is this bad?
    ///
    /// SSM requires at least one step (`mainSteps` or `runtimeConfig`) and rejects the document.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Empty {
    ///   param Mode: String = "fast"
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Empty {
    ///   param Mode: String = "fast"
    ///
    ///   step Wait = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    NO_STEPS = "E1025", "no-steps", Error, "a document without steps (AWS requires at least one)";
    /// ## What it does
    ///
    /// An `aws:executeScript` `Attachment` that the document's `files` do not list.
    ///
    /// ## Why is this bad?
    ///
    /// The script's attachment is not there when the step runs: the step fails.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Tool {
    ///   files { "tool.zip": { checksums: { sha256: "0123abcd0123abcd0123abcd0123abcd0123abcd0123abcd0123abcd0123abcd" } } }
    ///
    ///   step Run = aws:executeScript { Runtime: "python3.11", Handler: "main.handler", Attachment: "tol.zip" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Tool {
    ///   files { "tool.zip": { checksums: { sha256: "0123abcd0123abcd0123abcd0123abcd0123abcd0123abcd0123abcd0123abcd" } } }
    ///
    ///   step Run = aws:executeScript { Runtime: "python3.11", Handler: "main.handler", Attachment: "tool.zip" }
    /// }
    /// ```
    UNKNOWN_ATTACHMENT = "E1026", "unknown-attachment", Error, "an aws:executeScript Attachment the document's files do not list";
    /// ## What it does
    ///
    /// An `aws:executeAwsApi`, `aws:assertAwsResourceProperty` or `aws:waitForAwsResourceProperty` step whose `Service` is not a service the AWS SDK (botocore) knows, in any case.
    ///
    /// ## Why is this bad?
    ///
    /// `Service` is the namespace of a boto3 client (`ec2`, `ssm`), which the step calls the API through; a name boto3 does not know fails the step when it runs, after the steps before it have already run.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "ec3", Api: "DescribeInstances" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "ec2", Api: "DescribeInstances" }
    /// }
    /// ```
    UNKNOWN_AWS_SERVICE = "E1027", "unknown-aws-service", Error, "an AWS API step names a service botocore does not know";
    /// ## What it does
    ///
    /// An AWS API step whose `Api` is not an operation of its service, neither as the operation name, the boto3 method name nor in lowerCamel.
    ///
    /// ## Why is this bad?
    ///
    /// SSM calls the operation by name when the step runs; an operation the service does not have fails the step there, after the steps before it have run.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "ec2", Api: "DescribeInstance" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "ec2", Api: "DescribeInstances" }
    /// }
    /// ```
    UNKNOWN_AWS_API = "E1028", "unknown-aws-api", Error, "an AWS API step names an operation its service does not have";
    /// ## What it does
    ///
    /// An input of an AWS API step (or a member nested in one) that the operation's request does not have.
    ///
    /// ## Why is this bad?
    ///
    /// Every input other than `Service` and `Api` is sent as a request parameter; the SDK validates the request and refuses a parameter the operation does not have, so the step fails when it runs.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "ec2", Api: "DescribeInstances", InstanceId: ["i-0123456789abcdef0"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "ec2", Api: "DescribeInstances", InstanceIds: ["i-0123456789abcdef0"] }
    /// }
    /// ```
    UNKNOWN_API_PARAMETER = "E1029", "unknown-api-parameter", Error, "a request parameter the API's input shape does not have";
    /// ## What it does
    ///
    /// An AWS API step that leaves out a request parameter (or nested member) the operation requires.
    ///
    /// ## Why is this bad?
    ///
    /// The SDK refuses a request without its required parameters, so the step fails when it runs.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "ec2", Api: "StopInstances" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "ec2", Api: "StopInstances", InstanceIds: ["i-0123456789abcdef0"] }
    /// }
    /// ```
    MISSING_API_PARAMETER = "E1030", "missing-api-parameter", Error, "a request parameter the API requires is missing";
    /// ## What it does
    ///
    /// A request parameter whose value has a type the operation refuses even after the conversions SSM applies (a numeric string for a number, `"true"`/`"false"` for a boolean, a one-element list for one value).
    ///
    /// ## Why is this bad?
    ///
    /// The SDK validates the request's types before sending it; a value it cannot convert fails the step when it runs.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "ec2", Api: "StopInstances", InstanceIds: ["i-0123456789abcdef0"], Force: "yes" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "ec2", Api: "StopInstances", InstanceIds: ["i-0123456789abcdef0"], Force: true }
    /// }
    /// ```
    API_PARAMETER_TYPE = "E1031", "api-parameter-type", Error, "a request parameter of a type the API (after SSM's conversions) rejects";
    /// ## What it does
    ///
    /// A literal request value outside what the operation's model allows: a string not in the parameter's enum, or a number or length below its minimum or above its maximum.
    ///
    /// ## Why is this bad?
    ///
    /// The service refuses such a request, so the step fails when it runs, after the steps before it have run.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "ssm", Api: "DescribeInstanceInformation", MaxResults: 500 }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "ssm", Api: "DescribeInstanceInformation", MaxResults: 50 }
    /// }
    /// ```
    API_VALUE_OUT_OF_RANGE = "E1032", "api-value-out-of-range", Error, "a request value outside the model's enum, min or max";
    /// ## What it does
    ///
    /// An AWS API step calling an operation whose request or response is a stream (`s3` `GetObject`, `PutObject`, …).
    ///
    /// ## Why is this bad?
    ///
    /// AWS documents that `aws:executeAwsApi` does not support streaming operations such as `GetObject`: the step reads one response and selects its outputs from it, and a streamed body is not one.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "s3", Api: "GetObject", Bucket: "reports", Key: "today.csv" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "s3", Api: "HeadObject", Bucket: "reports", Key: "today.csv" }
    /// }
    /// ```
    STREAMING_API = "E1033", "streaming-api", Error, "an operation with a streaming request or response, which SSM cannot call";
    /// ## What it does
    ///
    /// A selector (an output's `Selector`, or a `PropertySelector`) with a segment the operation's response can never have: a member the shape lacks, or a member read directly on a list.
    ///
    /// ## Why is this bad?
    ///
    /// SSM evaluates selectors with Jayway JsonPath, which finds nothing for a member that is not there (nor for a member read on a list): the output never gets the value the later steps that read it expect.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "ec2", Api: "DescribeInstances" }
    ///     outputs { Ids: StringList = "$.Reservations[*].Instance[*].InstanceId" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "ec2", Api: "DescribeInstances" }
    ///     outputs { Ids: StringList = "$.Reservations[*].Instances[*].InstanceId" }
    /// }
    /// ```
    IMPOSSIBLE_SELECTOR = "E1034", "impossible-selector", Error, "a selector segment the API's response can never have";
    /// ## What it does
    ///
    /// A selector that the JSONPath dialect SSM evaluates cannot parse (an unclosed `[`, an empty segment); the error points at the fault.
    ///
    /// ## Why is this bad?
    ///
    /// The selector cannot select anything: the output never gets a value when the step runs.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "ec2", Api: "DescribeInstances" }
    ///     outputs { Ids: StringList = "$.Reservations[*.Instances" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "ec2", Api: "DescribeInstances" }
    ///     outputs { Ids: MapList = "$.Reservations[*].Instances" }
    /// }
    /// ```
    INVALID_SELECTOR = "E1035", "invalid-selector", Error, "a selector SSM's JSONPath dialect cannot parse";
    /// ## What it does
    ///
    /// A document in a CloudFormation template or Terraform configuration whose declared type (`DocumentType`, `document_type`) disagrees with its content's `schemaVersion`.
    ///
    /// ## Why is this bad?
    ///
    /// The declared type tells SSM how to read the content when the stack or the plan creates the document: an Automation runbook (`0.3`) declared `Command` is not a Command document, SSM refuses it, and the deployment fails part way.
    ///
    /// ## Example
    ///
    /// ```yaml
    /// AWSTemplateFormatVersion: '2010-09-09'
    /// Resources:
    ///   Cleanup:
    ///     Type: AWS::SSM::Document
    ///     Properties:
    ///       DocumentType: Command
    ///       Content:
    ///         schemaVersion: '0.3'
    ///         mainSteps:
    ///           - name: Wait
    ///             action: aws:sleep
    ///             inputs: {Duration: PT5M}
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```yaml
    /// AWSTemplateFormatVersion: '2010-09-09'
    /// Resources:
    ///   Cleanup:
    ///     Type: AWS::SSM::Document
    ///     Properties:
    ///       DocumentType: Automation
    ///       Content:
    ///         schemaVersion: '0.3'
    ///         mainSteps:
    ///           - name: Wait
    ///             action: aws:sleep
    ///             inputs: {Duration: PT5M}
    /// ```
    DOCUMENT_TYPE_MISMATCH = "E1041", "document-type-mismatch", Error, "a template's DocumentType (document_type) disagrees with its content's schemaVersion";
    /// ## What it does
    ///
    /// An association (`AWS::SSM::Association`, `aws_ssm_association`) that sets a parameter its document does not declare.
    ///
    /// ## Why is this bad?
    ///
    /// SSM's `CreateAssociation` accepts values only for parameters the document defines (its `InvalidParameters` error), so the deployment fails; a misspelt name also leaves the parameter it was meant for at its default.
    ///
    /// ## Example
    ///
    /// ```tf
    /// resource "aws_ssm_document" "clean" {
    ///   name          = "clean-tmp"
    ///   document_type = "Command"
    ///   content = jsonencode({
    ///     schemaVersion = "2.2"
    ///     parameters = {
    ///       Folder = { type = "String", default = "/tmp" }
    ///     }
    ///     mainSteps = [{
    ///       action = "aws:runShellScript"
    ///       name   = "Clean"
    ///       inputs = { runCommand = ["find '{{ Folder }}' -type f -mtime +7 -delete"] }
    ///     }]
    ///   })
    /// }
    ///
    /// resource "aws_ssm_association" "nightly" {
    ///   name       = aws_ssm_document.clean.name
    ///   parameters = { Folders = "/var/tmp" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```tf
    /// resource "aws_ssm_document" "clean" {
    ///   name          = "clean-tmp"
    ///   document_type = "Command"
    ///   content = jsonencode({
    ///     schemaVersion = "2.2"
    ///     parameters = {
    ///       Folder = { type = "String", default = "/tmp" }
    ///     }
    ///     mainSteps = [{
    ///       action = "aws:runShellScript"
    ///       name   = "Clean"
    ///       inputs = { runCommand = ["find '{{ Folder }}' -type f -mtime +7 -delete"] }
    ///     }]
    ///   })
    /// }
    ///
    /// resource "aws_ssm_association" "nightly" {
    ///   name       = aws_ssm_document.clean.name
    ///   parameters = { Folder = "/var/tmp" }
    /// }
    /// ```
    UNKNOWN_ASSOCIATION_PARAMETER = "E1042", "unknown-association-parameter", Error, "an association sets a parameter its document does not declare";
    /// ## What it does
    ///
    /// An association that leaves out a parameter its document requires (one declared without a default).
    ///
    /// ## Why is this bad?
    ///
    /// SSM's `CreateAssociation` requires a value for every required parameter of the document (its `InvalidParameters` error), so the deployment that creates the association fails.
    ///
    /// ## Example
    ///
    /// ```tf
    /// resource "aws_ssm_document" "clean" {
    ///   name          = "clean-tmp"
    ///   document_type = "Command"
    ///   content = jsonencode({
    ///     schemaVersion = "2.2"
    ///     parameters = {
    ///       Folder = { type = "String" }
    ///     }
    ///     mainSteps = [{
    ///       action = "aws:runShellScript"
    ///       name   = "Clean"
    ///       inputs = { runCommand = ["find '{{ Folder }}' -type f -mtime +7 -delete"] }
    ///     }]
    ///   })
    /// }
    ///
    /// resource "aws_ssm_association" "nightly" {
    ///   name = aws_ssm_document.clean.name
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```tf
    /// resource "aws_ssm_document" "clean" {
    ///   name          = "clean-tmp"
    ///   document_type = "Command"
    ///   content = jsonencode({
    ///     schemaVersion = "2.2"
    ///     parameters = {
    ///       Folder = { type = "String" }
    ///     }
    ///     mainSteps = [{
    ///       action = "aws:runShellScript"
    ///       name   = "Clean"
    ///       inputs = { runCommand = ["find '{{ Folder }}' -type f -mtime +7 -delete"] }
    ///     }]
    ///   })
    /// }
    ///
    /// resource "aws_ssm_association" "nightly" {
    ///   name       = aws_ssm_document.clean.name
    ///   parameters = { Folder = "/tmp" }
    /// }
    /// ```
    MISSING_ASSOCIATION_PARAMETER = "E1043", "missing-association-parameter", Error, "an association leaves out a parameter its document requires (no default)";
    /// ## What it does
    ///
    /// The document as built fails the project's JSON Schema of its `schemaVersion` (docs/schemas.md): a required key missing (an Automation step without `inputs`), a value of a type AWS refuses, a malformed `files` checksum. Reported at the value, or at the step or map the key is missing from.
    ///
    /// ## Why is this bad?
    ///
    /// AWS refuses the document when it is created or updated, so `ssmc build` writes nothing. A document AWS did accept (an imported one) can keep the finding with a reasoned allow on its line.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Hold {
    ///   step Wait = aws:pause
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Hold {
    ///   step Wait = aws:pause {}
    /// }
    /// ```
    AWS_SCHEMA = "E1044", "aws-schema", Error, "the built document fails the JSON Schema of its version (docs/schemas.md): AWS would refuse it";
    /// ## What it does
    ///
    /// A `goto`, `on_failure`, `on_cancel`, `nextStep` or branch target naming no step.
    ///
    /// ## Why is this bad?
    ///
    /// SSM rejects the document; where it is accepted (a raw document), the execution fails when it reaches the jump.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Flow {
    ///   step First = aws:sleep { Duration: "PT1M" }
    ///     goto Fnish
    ///   step Finish = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Flow {
    ///   step First = aws:sleep { Duration: "PT1M" }
    ///     goto Finish
    ///   step Finish = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    UNKNOWN_TARGET = "E2001", "unknown-target", Error, "a goto, onFailure, onCancel, NextStep or Default naming no step";
    /// ## What it does
    ///
    /// Steps that can only jump to each other: no path out of the cycle ends the execution.
    ///
    /// ## Why is this bad?
    ///
    /// The execution runs until its timeout (or forever), costing time and API calls, and never reports success.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation PingPong {
    ///   step Ping = aws:sleep { Duration: "PT1M" }
    ///     goto Pong
    ///   step Pong = aws:sleep { Duration: "PT1M" }
    ///     goto Ping
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation PingPong {
    ///   step Ping = aws:sleep { Duration: "PT1M" }
    ///     goto Pong
    ///   step Pong = aws:sleep { Duration: "PT1M" }
    ///     end
    /// }
    /// ```
    CYCLE_WITHOUT_EXIT = "E2002", "cycle-without-exit", Error, "steps that can only run each other forever";
    /// ## What it does
    ///
    /// A jump from outside an `aws:loop` to a step inside its body. Run the body through its loop step instead.
    ///
    /// ## Why is this bad?
    ///
    /// AWS runs a loop body only through its loop step: SSM rejects a jump into it.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Each {
    ///   step Each = aws:loop { Iterators: ["a", "b"] } do {
    ///     step Inner = aws:sleep { Duration: "PT1M" }
    ///   }
    ///   step After = aws:sleep { Duration: "PT1M" }
    ///     goto Inner
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Each {
    ///   step Each = aws:loop { Iterators: ["a", "b"] } do {
    ///     step Inner = aws:sleep { Duration: "PT1M" }
    ///   }
    ///   step After = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    JUMP_INTO_LOOP = "E2003", "jump-into-loop", Error, "a jump into a loop body from outside it";
    /// ## What it does
    ///
    /// `on_cancel` on an action that does not allow it, or an `on_cancel` jump to a step that may not run after a cancel (only some actions can be cancel targets).
    ///
    /// ## Why is this bad?
    ///
    /// SSM rejects the document: after a cancel only a short clean-up may run.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Work {
    ///   step Work = aws:executeAwsApi { Service: "ec2", Api: "DescribeInstances" } on_cancel goto Pause
    ///   step Pause = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Work {
    ///   step Work = aws:executeAwsApi { Service: "ec2", Api: "DescribeInstances" } on_cancel abort
    ///   step Pause = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    FORBIDDEN_ON_CANCEL = "E2004", "forbidden-on-cancel", Error, "onCancel on an action that does not allow it, or to a step that may not be a cancel target";
    /// ## What it does
    ///
    /// A secret (a `secret` parameter, `ssm_secure(…)` or `{{ssm-secure:…}}`) flows into a place AWS logs, shows or returns: an approval message, a step output, a description, command output.
    ///
    /// ## Why is this bad?
    ///
    /// Secrets there end up in execution history, notifications and logs in plain text, readable by anyone who can read the execution.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Rotate {
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "the key is {{ssm-secure:/app/key}}" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Rotate {
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "rotate the key /app/key?" }
    /// }
    /// ```
    SECRET_FLOW = "E3001", "secret-flow", Error, "a secret flows where AWS may log or return it";
    /// ## What it does
    ///
    /// A `secret` parameter with a plain-text default.
    ///
    /// ## Why is this bad?
    ///
    /// The default is stored in the document, visible to everyone who can read it, and shown with the document's parameters.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Connect {
    ///   param DbPassword: String secret = "hunter2"
    ///
    ///   step Wait = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Connect {
    ///   param DbPassword: String secret
    ///
    ///   step Wait = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    PLAINTEXT_SECRET_DEFAULT = "E3002", "plaintext-secret-default", Error, "a secret parameter whose default is plain text";
    /// ## What it does
    ///
    /// A value AWS accepts although it is not of the declared type: one string where a StringList is expected, `"true"` for a Boolean, `"600"` for an Integer. A `.rbk` source that writes a number or boolean for a String input, a text default for an Integer or Boolean parameter, or `attempts "3"` is built in the form AWS's schema wants (`"42"`, `5`, `3`) without this warning; documents read from JSON or YAML keep their values and report them.
    ///
    /// ## Why is this bad?
    ///
    /// It works, but the document says something other than what it means; a later change of the value may not be converted the same way.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Ask {
    ///   step Ask = aws:approve { Approvers: "alice", Message: "Restart?" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Ask {
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "Restart?" }
    /// }
    /// ```
    LENIENT_TYPE = "W1001", "lenient-type", Warning, "a value AWS accepts although it is not of the declared type";
    /// ## What it does
    ///
    /// A step uses an action declared `extern action`: the checker knows only what the declaration says.
    ///
    /// ## Why is this bad?
    ///
    /// Inputs the declaration leaves open (`input ..`) are not checked: a typo in them reaches AWS. Declare the inputs with `action` when you can.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// extern action "aws:exampleAction" for automation {
    ///   input ..
    ///   output SnapshotId: String
    /// }
    ///
    /// automation Share {
    ///   step Share = aws:exampleAction { Media: "s3://bucket/key" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Share {
    ///   step Share = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    EXTERN_ACTION = "W1002", "extern-action", Warning, "a step uses an action declared extern";
    /// ## What it does
    ///
    /// An unknown key inside an object AWS defines the keys of: a step output other than `Name`, `Selector` and `Type`; `EnhancedApprovals` on `aws:approve` outside a Change Manager template.
    ///
    /// ## Why is this bad?
    ///
    /// AWS defines no such key there, so whatever it was meant to say has no effect; usually a misspelling or a key that belongs elsewhere. A warning, since SSM accepts documents that carry such keys.
    ///
    /// ## Example
    ///
    /// ```json
    /// {
    ///   "schemaVersion": "0.3",
    ///   "mainSteps": [
    ///     {
    ///       "name": "Call",
    ///       "action": "aws:executeAwsApi",
    ///       "inputs": { "Service": "ec2", "Api": "DescribeInstances" },
    ///       "outputs": [
    ///         { "Name": "Ids", "Selector": "$.Reservations[*].Instances[*].InstanceId", "Type": "StringList", "Description": "every instance" }
    ///       ]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```json
    /// {
    ///   "schemaVersion": "0.3",
    ///   "mainSteps": [
    ///     {
    ///       "name": "Call",
    ///       "action": "aws:executeAwsApi",
    ///       "inputs": { "Service": "ec2", "Api": "DescribeInstances" },
    ///       "outputs": [
    ///         { "Name": "Ids", "Selector": "$.Reservations[*].Instances[*].InstanceId", "Type": "StringList" }
    ///       ]
    ///     }
    ///   ]
    /// }
    /// ```
    UNKNOWN_AWS_KEY = "W1003", "unknown-key", Warning, "an unknown key inside an AWS-defined object";
    /// ## What it does
    ///
    /// A Command plugin input the plugin does not read (SSM Agent ignores unknown plugin inputs).
    ///
    /// ## Why is this bad?
    ///
    /// The setting has no effect: often a step property (`maxAttempts`, `timeoutSeconds`) written inside `inputs`.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// command Uptime {
    ///   step Run = aws:runShellScript { runCommand: ["uptime"], maxAttempts: 3 }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// command Uptime {
    ///   step Run = aws:runShellScript { runCommand: ["uptime"], timeoutSeconds: 60 }
    /// }
    /// ```
    UNKNOWN_PLUGIN_INPUT = "W1004", "unknown-plugin-input", Warning, "a Command plugin input the plugin does not read (SSM Agent ignores it)";
    /// ## What it does
    ///
    /// An input of an action that accepts undeclared inputs (an `extern action`, or a pass-through action such as `aws:assertAwsResourceProperty`) that is spelt almost like one of its declared inputs; for a pass-through action, only a difference of case counts.
    ///
    /// ## Why is this bad?
    ///
    /// The action accepts the input, so nothing stops it, but input names are matched exactly: `desiredValues` is not `DesiredValues`. A pass-through action sends it on as an API request parameter, and the value never reaches the input it was meant for.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Api {
    ///   step Check = aws:assertAwsResourceProperty {
    ///     Service: "ec2",
    ///     Api: "DescribeInstanceStatus",
    ///     InstanceIds: ["i-0123456789abcdef0"],
    ///     PropertySelector: "$.InstanceStatuses[0].InstanceState.Name",
    ///     DesiredValues: ["running"],
    ///     desiredValues: ["stopped"],
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Api {
    ///   step Check = aws:assertAwsResourceProperty {
    ///     Service: "ec2",
    ///     Api: "DescribeInstanceStatus",
    ///     InstanceIds: ["i-0123456789abcdef0"],
    ///     PropertySelector: "$.InstanceStatuses[0].InstanceState.Name",
    ///     DesiredValues: ["running", "stopped"],
    ///   }
    /// }
    /// ```
    NEAR_MISS_INPUT = "W1006", "near-miss-input", Warning, "an input an extern or pass-through action accepts, spelt almost like a declared one";
    /// ## What it does
    ///
    /// Retired: nothing reports this code any more. A malformed suppression comment is now the lint rule `invalid-suppression` (SSM210): `ssmc explain SSM210`.
    ///
    /// ## Why is this bad?
    ///
    /// The code stays in the registry so that it is never reused for another meaning: an old `allow(bad-allow)` or a script that matches `W1007` must not silently start to mean something else.
    BAD_ALLOW = "W1007", "bad-allow", Warning, "retired: a malformed suppression is now `invalid-suppression` (SSM210)";
    /// ## What it does
    ///
    /// A parameter default that its own `allowedPattern` (or length limits) refuses.
    ///
    /// ## Why is this bad?
    ///
    /// SSM accepts the document, but every run that relies on the default fails its parameter validation.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Backup {
    ///   param Bucket: String = "My_Bucket" { allowedPattern: #"^[a-z0-9.-]{3,63}$"# }
    ///
    ///   step Wait = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Backup {
    ///   param Bucket: String = "my-bucket" { allowedPattern: #"^[a-z0-9.-]{3,63}$"# }
    ///
    ///   step Wait = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    DEFAULT_OUTSIDE_PATTERN = "W1005", "default-outside-pattern", Warning, "a default its own allowedPattern or length limits refuse (SSM accepts the document; using the default fails)";
    /// ## What it does
    ///
    /// An `aws:executeAwsApi` output whose selector yields a value of another type than the output's declared `Type` (a string declared `Integer`, a list of objects declared `StringList`).
    ///
    /// ## Why is this bad?
    ///
    /// Automation tries to convert the selected value to the declared `Type` (a numeric string to an Integer, a one-element list to its element); a value it cannot convert does not become the output the later steps expect.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "ec2", Api: "DescribeInstances" }
    ///     outputs { Count: Integer = "$.Reservations[0].Instances[0].InstanceId" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "ec2", Api: "DescribeInstances" }
    ///     outputs { Id: String = "$.Reservations[0].Instances[0].InstanceId" }
    /// }
    /// ```
    SELECTOR_TYPE = "W1008", "selector-type", Warning, "a selector whose result type does not fit the output's declared Type";
    /// ## What it does
    ///
    /// A `DesiredValues` entry of `aws:waitForAwsResourceProperty` or `aws:assertAwsResourceProperty` that the selected property's enum does not list (compared without case).
    ///
    /// ## Why is this bad?
    ///
    /// The property never takes that value: an assert step always fails, and a wait step waits until its timeout. Usually a misspelling (`runing`). A warning, since the API could return a value its model does not list yet.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Api {
    ///   step Check = aws:assertAwsResourceProperty {
    ///     Service: "ec2",
    ///     Api: "DescribeInstances",
    ///     PropertySelector: "$.Reservations[0].Instances[0].State.Name",
    ///     DesiredValues: ["runing"],
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Api {
    ///   step Check = aws:assertAwsResourceProperty {
    ///     Service: "ec2",
    ///     Api: "DescribeInstances",
    ///     PropertySelector: "$.Reservations[0].Instances[0].State.Name",
    ///     DesiredValues: ["running"],
    ///   }
    /// }
    /// ```
    DESIRED_VALUE_NOT_IN_ENUM = "W1009", "desired-value-not-in-enum", Warning, "a DesiredValues entry the property's enum does not list";
    /// ## What it does
    ///
    /// A list reference (a StringList parameter, or an output whose selector yields a list) passed to an API request parameter that takes one value.
    ///
    /// ## Why is this bad?
    ///
    /// SSM passes a one-element list as its single value, so the step works while the list holds one element and fails when it runs with more; nothing in the runbook says which.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Api {
    ///   param Names: StringList
    ///   step Call = aws:executeAwsApi { Service: "ssm", Api: "GetParameter", Name: Names }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Api {
    ///   param Name: String
    ///   step Call = aws:executeAwsApi { Service: "ssm", Api: "GetParameter", Name: Name }
    /// }
    /// ```
    LIST_FOR_SCALAR = "W1010", "list-for-scalar", Warning, "a list reference passed to an API parameter that takes one value (works only for a one-element list)";
    /// ## What it does
    ///
    /// A step's `timeoutSeconds` above the longest its action runs or waits, as AWS documents it: 600 seconds for `aws:executeScript`, 30 days for `aws:approve` and `aws:pause`.
    ///
    /// ## Why is this bad?
    ///
    /// SSM accepts the value, but the action stops at its own limit, so the extra time is never waited for; a runbook that counts on it (a long script, an approval open for six weeks) fails earlier than its author expects.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Run {
    ///   step Script = aws:executeScript {
    ///     Runtime: "python3.11",
    ///     Handler: "handler",
    ///     Script: "def handler(events, context):\n    return {}",
    ///   } timeout 30m
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Run {
    ///   step Script = aws:executeScript {
    ///     Runtime: "python3.11",
    ///     Handler: "handler",
    ///     Script: "def handler(events, context):\n    return {}",
    ///   } timeout 10m
    /// }
    /// ```
    TIMEOUT_BEYOND_LIMIT = "W1011", "timeout-beyond-limit", Warning, "a timeoutSeconds above the longest the action runs or waits";
    /// ## What it does
    ///
    /// A step that no path from the first step reaches.
    ///
    /// ## Why is this bad?
    ///
    /// It never runs: usually a forgotten `goto` or an `end` too early, and dead weight for readers.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Orphan {
    ///   step First = aws:sleep { Duration: "PT1M" }
    ///     end
    ///   step Orphan = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Orphan {
    ///   step First = aws:sleep { Duration: "PT1M" }
    ///   step Orphan = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    UNREACHABLE_STEP = "W2001", "unreachable-step", Warning, "a step no path from the first step reaches";
    /// ## What it does
    ///
    /// An `aws:branch` without a `Default` (an `else`).
    ///
    /// ## Why is this bad?
    ///
    /// When no choice matches, the execution fails at the branch instead of taking a path the author chose.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Speed {
    ///   param Mode: String
    ///
    ///   step Check = branch {
    ///     when Mode == "fast" -> Fast
    ///   }
    ///   step Slow = aws:sleep { Duration: "PT5M" }
    ///     end
    ///   step Fast = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Speed {
    ///   param Mode: String
    ///
    ///   step Check = branch {
    ///     when Mode == "fast" -> Fast
    ///     else -> Slow
    ///   }
    ///   step Slow = aws:sleep { Duration: "PT5M" }
    ///     end
    ///   step Fast = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    BRANCH_WITHOUT_DEFAULT = "W2002", "branch-without-default", Warning, "an aws:branch with no Default";
    /// ## What it does
    ///
    /// A step with both `nextStep` and `isEnd: true`.
    ///
    /// ## Why is this bad?
    ///
    /// `isEnd: true` ends the execution after the step, so the `nextStep` is never followed; one of the two is a mistake, and the reader cannot tell which was meant.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Run {
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    ///   goto Done
    ///   end
    ///   step Done = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Run {
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    ///   goto Done
    ///   step Done = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    NEXT_STEP_WITH_END = "W2003", "next-step-with-end", Warning, "a step with both nextStep and isEnd: true";
    /// ## What it does
    ///
    /// A reference to a step's output from a step that some path reaches without running that step.
    ///
    /// ## Why is this bad?
    ///
    /// On that path the output does not exist: SSM fails the step (or passes the literal text).
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Report {
    ///   param Mode: String
    ///
    ///   step Check = branch {
    ///     when Mode == "run" -> Run
    ///     else -> Ask
    ///   }
    ///   step Run = aws:runCommand { DocumentName: "AWS-RunShellScript", InstanceIds: ["i-1"], Parameters: { commands: ["uptime"] } }
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "command {{ Run.CommandId }}" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Report {
    ///   step Run = aws:runCommand { DocumentName: "AWS-RunShellScript", InstanceIds: ["i-1"], Parameters: { commands: ["uptime"] } }
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "command {{ Run.CommandId }}" }
    /// }
    /// ```
    MAYBE_NOT_RUN = "W2004", "maybe-not-run", Warning, "a reference to a step that does not run on every path to the use";
    /// ## What it does
    ///
    /// An AWS API step whose `Service` or `Api` is spelt other than canonically: `EC2` for `ec2`, the boto3 method `describe_instances` or `describeInstances` for the operation `DescribeInstances`.
    ///
    /// ## Why is this bad?
    ///
    /// Nothing breaks: SSM accepts these spellings. The canonical names are the ones the AWS documentation, IAM actions (`ec2:DescribeInstances`) and other runbooks use, so a reader can search for them.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "ec2", Api: "describe_instances" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Api {
    ///   step Call = aws:executeAwsApi { Service: "ec2", Api: "DescribeInstances" }
    /// }
    /// ```
    API_SPELLING = "I1002", "api-spelling", Info, "an AWS service or API name spelt other than canonically (SSM accepts it)";
    /// ## What it does
    ///
    /// A Maintenance Window pseudo-parameter (`{{ TARGET_ID }}`, `{{ WINDOW_ID }}`, …) in a document.
    ///
    /// ## Why is this bad?
    ///
    /// SSM resolves it only when the document runs as a Maintenance Window task; run any other way, the step gets the literal text.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// command Report {
    ///   step Run = aws:runShellScript { runCommand: ["echo {{ TARGET_ID }}"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// command Report {
    ///   param TargetId: String
    ///
    ///   step Run = aws:runShellScript { runCommand: ["echo {{ TargetId }}"] }
    /// }
    /// ```
    PSEUDO_PARAMETER = "I1001", "pseudo-parameter", Info, "a Maintenance Window pseudo-parameter (resolved only in a Maintenance Window task)";
    /// ## What it does
    ///
    /// A step that calls another document (`aws:runCommand` `Parameters`, `aws:executeAutomation` `RuntimeParameters`, `aws:runDocument` `documentParameters`) passes a parameter the called document does not declare. A name that differs from a declared one only in case is named as such.
    ///
    /// ## Why is this bad?
    ///
    /// SSM matches parameter names exactly and refuses to start the called document (`InvalidParameters`, `InvalidAutomationExecutionParametersException`), so the step fails at run time, however well the rest of the runbook is written.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Uptime {
    ///   step Run = aws:runCommand {
    ///     DocumentName: "AWS-RunShellScript",
    ///     InstanceIds: ["i-0123456789abcdef0"],
    ///     Parameters: { command: ["uptime"] },
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Uptime {
    ///   step Run = aws:runCommand {
    ///     DocumentName: "AWS-RunShellScript",
    ///     InstanceIds: ["i-0123456789abcdef0"],
    ///     Parameters: { commands: ["uptime"] },
    ///   }
    /// }
    /// ```
    UNKNOWN_DOCUMENT_PARAMETER = "E1060", "unknown-document-parameter", Error, "a call passes a parameter the called document does not declare";
    /// ## What it does
    ///
    /// A step that calls another document leaves out a parameter the called document requires (one declared without a default). The parameter `TargetParameterName` names counts as given: the targets fill it.
    ///
    /// ## Why is this bad?
    ///
    /// SSM refuses to start a document without a value for each required parameter, so the step fails at run time.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Uptime {
    ///   step Run = aws:runCommand {
    ///     DocumentName: "AWS-RunShellScript",
    ///     InstanceIds: ["i-0123456789abcdef0"],
    ///     Parameters: { workingDirectory: "/tmp" },
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Uptime {
    ///   step Run = aws:runCommand {
    ///     DocumentName: "AWS-RunShellScript",
    ///     InstanceIds: ["i-0123456789abcdef0"],
    ///     Parameters: { commands: ["uptime"], workingDirectory: "/tmp" },
    ///   }
    /// }
    /// ```
    MISSING_DOCUMENT_PARAMETER = "E1061", "missing-document-parameter", Error, "a call leaves out a parameter the called document requires (no default)";
    /// ## What it does
    ///
    /// A value passed to another document's parameter that SSM refuses: one outside the parameter's `allowedValues` (a case difference named as such), text that is not a whole number for an `Integer`, not `true`/`false` for a `Boolean`, or a reference of a type that cannot become the parameter's. Where SSM converts (every value crosses the API as text: `"5"` for an Integer, `"true"` for a Boolean, a string for a StringList, a one-element list for a String) nothing is reported.
    ///
    /// ## Why is this bad?
    ///
    /// SSM validates the values when it starts the called document and refuses the run (`Parameter "Action" has value "install" not found in [Install, Uninstall]`): a fault found only at run time.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Patch {
    ///   step Scan = aws:runCommand {
    ///     DocumentName: "AWS-RunPatchBaseline",
    ///     InstanceIds: ["i-0123456789abcdef0"],
    ///     Parameters: { Operation: "scan" },
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Patch {
    ///   step Scan = aws:runCommand {
    ///     DocumentName: "AWS-RunPatchBaseline",
    ///     InstanceIds: ["i-0123456789abcdef0"],
    ///     Parameters: { Operation: "Scan" },
    ///   }
    /// }
    /// ```
    DOCUMENT_PARAMETER_VALUE = "E1062", "document-parameter-value", Error, "a value the called document's parameter refuses (allowedValues, Integer, Boolean)";
    /// ## What it does
    ///
    /// A step calls a document of another type than its action runs: an Automation runbook through `aws:runCommand` or `aws:runDocument`, a Command document through `aws:executeAutomation`, or a document of another kind (`Package`, `Session`, `Policy`, …) through either.
    ///
    /// ## Why is this bad?
    ///
    /// `SendCommand` runs only Command documents and `StartAutomationExecution` only Automation runbooks: SSM refuses the call (`InvalidDocument`) and the step fails.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Restart {
    ///   param InstanceId: String
    ///
    ///   step Restart = aws:runCommand {
    ///     DocumentName: "AWS-RestartEC2Instance",
    ///     InstanceIds: ["{{ InstanceId }}"],
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Restart {
    ///   param InstanceId: String
    ///
    ///   step Restart = aws:executeAutomation {
    ///     DocumentName: "AWS-RestartEC2Instance",
    ///     RuntimeParameters: { InstanceId: ["{{ InstanceId }}"] },
    ///   }
    /// }
    /// ```
    WRONG_DOCUMENT_TYPE = "E1065", "wrong-document-type", Error, "a call to a document of another type than the action runs";
    /// ## What it does
    ///
    /// A step calls a document by a literal name that is neither a document of the project (`.rbk` and raw JSON/YAML documents judged together, `[documents] paths` of `ssmc.toml`) nor an AWS-owned document of the embedded catalog. ARNs of another account and names computed from `{{ }}` are not looked up.
    ///
    /// ## Why is this bad?
    ///
    /// A misspelt name fails the step at run time (`InvalidDocument`); a document of your account that the project does not know cannot have its parameters checked. Check or lint it together with the runbook, or list its file (or its GetDocument JSON) in `[documents] paths`.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Uptime {
    ///   step Run = aws:runCommand {
    ///     DocumentName: "AWS-RunShelScript",
    ///     InstanceIds: ["i-0123456789abcdef0"],
    ///     Parameters: { commands: ["uptime"] },
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Uptime {
    ///   step Run = aws:runCommand {
    ///     DocumentName: "AWS-RunShellScript",
    ///     InstanceIds: ["i-0123456789abcdef0"],
    ///     Parameters: { commands: ["uptime"] },
    ///   }
    /// }
    /// ```
    UNKNOWN_DOCUMENT = "W1020", "unknown-document", Warning, "a call to a document neither the project nor the AWS catalog knows (its parameters are not checked)";
    /// ## What it does
    ///
    /// A literal value passed to another document's parameter that the parameter's `allowedPattern` does not match. The pattern is Java's regex dialect, compiled with Rust's `regex` crate: a pattern it cannot compile is not judged.
    ///
    /// ## Why is this bad?
    ///
    /// SSM checks each value against the pattern when it starts the called document and refuses the run when it does not match. A warning, not an error: the two regex dialects differ in corners.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Uptime {
    ///   step Run = aws:runCommand {
    ///     DocumentName: "AWS-RunShellScript",
    ///     InstanceIds: ["i-0123456789abcdef0"],
    ///     Parameters: { commands: ["uptime"], executionTimeout: "one hour" },
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Uptime {
    ///   step Run = aws:runCommand {
    ///     DocumentName: "AWS-RunShellScript",
    ///     InstanceIds: ["i-0123456789abcdef0"],
    ///     Parameters: { commands: ["uptime"], executionTimeout: "3600" },
    ///   }
    /// }
    /// ```
    DOCUMENT_PARAMETER_PATTERN = "W1021", "document-parameter-pattern", Warning, "a value the called document's parameter allowedPattern does not match";
    /// ## What it does
    ///
    /// A step calls a name that two or more documents of the project are deployed as (a raw document's file stem, a `.rbk` document's declared name), and their signatures differ: the Linux and Windows versions of `cpu-stress` in two folders, say. The finding names each of them. The call is then judged only for what is wrong against every one of them (an unknown parameter none declares is still an error). The same file seen twice (an editor's buffer and its copy on disk) counts once, and documents of `[documents] paths` never claim a name a project document has.
    ///
    /// ## Why is this bad?
    ///
    /// SSM keeps one document per name in an account: which one the step runs depends on which was deployed last, and a call that fits one may fail against the other. Give each document its own name. (Two `.rbk` documents of one name are also an error where they are declared, `E0240`; an example needs two files, which one code block cannot hold.)
    AMBIGUOUS_DOCUMENT = "W1022", "ambiguous-document", Warning, "a call to a name several documents of the project are deployed as, with different signatures";
    /// ## What it does
    ///
    /// A step calls, by a literal name, a document that nobody knows, and the name starts with a prefix the project declares its own in `ssmc.toml` (`[documents] namespace = ["Acme-"]`). Outside the namespace an unknown name is only a warning (`W1020`): it may be a document of your account the project does not hold.
    ///
    /// ## Why is this bad?
    ///
    /// Every document under the project's namespace is in the project (or in `[documents] paths`), so an unknown name there is a misspelling or a document that is not deployed: the step fails at run time (`InvalidDocument`). Nothing is guessed: without `[documents] namespace` no name is in it. (The setting lives in `ssmc.toml`, which one code block cannot hold with a runbook.)
    UNKNOWN_PROJECT_DOCUMENT = "E1066", "unknown-project-document", Error, "a call to an unknown document under a name prefix the project owns (`[documents] namespace`)";
    /// ## What it does
    ///
    /// A `{{ }}` in a description (of the document, a parameter or a step) that names no parameter, variable, step output or built-in.
    ///
    /// ## Why is this bad?
    ///
    /// Descriptions are documentation: the console shows them as Markdown. A reference there that names nothing is usually a renamed or misspelt parameter, and a reader is told about a value that does not exist. It is a warning, not an error like the same reference in an input (E1010): AWS documents no substitution in descriptions, and documents SSM accepted hold such text.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// /// Restarts {{ Servce }} on the node.
    /// automation Restart {
    ///   param Service: String
    ///   step Wait = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// /// Restarts {{ Service }} on the node.
    /// automation Restart {
    ///   param Service: String
    ///   step Wait = aws:sleep { Duration: "PT1M" }
    /// }
    /// ```
    DESCRIPTION_REFERENCE = "W1030", "description-reference", Warning, "a `{{ }}` in a description that names nothing";
}
