//! The checker's diagnostic codes: the only place they are defined.
//!
//! Invariant: a code is never reused for another meaning; `E1xxx` names and
//! types, `E2xxx` flow, `E3xxx` secrets, `W1xxx` type warnings (where AWS is
//! lenient), `W2xxx` flow warnings, `I1xxx` information. Each code has a
//! stable kebab-case name (what an `allow` names), a one-line summary and,
//! where written, its documentation with a bad and a good example that a
//! test compiles (`crate::codes`).

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
    ///   step Run = aws:runCommand { DocumentName: "AWS-RunShellScript", InstanceIds: ["i-1"] }
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
    ///   step Run = aws:runCommand { DocumentName: "AWS-RunShellScript", InstanceIds: ["i-1"] }
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "command {{ Rnu.CommandId }} done" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Report {
    ///   step Run = aws:runCommand { DocumentName: "AWS-RunShellScript", InstanceIds: ["i-1"] }
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
    ///   step Run = aws:runCommand { DocumentName: "AWS-RunShellScript", InstanceIds: ["i-1"] }
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "command {{ Run.CommandID }} done" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Report {
    ///   step Run = aws:runCommand { DocumentName: "AWS-RunShellScript", InstanceIds: ["i-1"] }
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
    INVALID_SCHEMA_VERSION = "E1022", "invalid-schema-version", Error, "a schemaVersion SSM does not accept for the document kind";
    INVALID_STEP_PROPERTY = "E1023", "invalid-step-property", Error, "a step property with a value AWS rejects";
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
    UNKNOWN_AWS_SERVICE = "E1027", "unknown-aws-service", Error, "an AWS API step names a service botocore does not know";
    UNKNOWN_AWS_API = "E1028", "unknown-aws-api", Error, "an AWS API step names an operation its service does not have";
    UNKNOWN_API_PARAMETER = "E1029", "unknown-api-parameter", Error, "a request parameter the API's input shape does not have";
    MISSING_API_PARAMETER = "E1030", "missing-api-parameter", Error, "a request parameter the API requires is missing";
    API_PARAMETER_TYPE = "E1031", "api-parameter-type", Error, "a request parameter of a type the API (after SSM's conversions) rejects";
    API_VALUE_OUT_OF_RANGE = "E1032", "api-value-out-of-range", Error, "a request value outside the model's enum, min or max";
    STREAMING_API = "E1033", "streaming-api", Error, "an operation with a streaming request or response, which SSM cannot call";
    IMPOSSIBLE_SELECTOR = "E1034", "impossible-selector", Error, "a selector segment the API's response can never have";
    INVALID_SELECTOR = "E1035", "invalid-selector", Error, "a selector SSM's JSONPath dialect cannot parse";
    DOCUMENT_TYPE_MISMATCH = "E1041", "document-type-mismatch", Error, "a template's DocumentType (document_type) disagrees with its content's schemaVersion";
    UNKNOWN_ASSOCIATION_PARAMETER = "E1042", "unknown-association-parameter", Error, "an association sets a parameter its document does not declare";
    MISSING_ASSOCIATION_PARAMETER = "E1043", "missing-association-parameter", Error, "an association leaves out a parameter its document requires (no default)";
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
    /// A value AWS accepts although it is not of the declared type (an Integer where a String is expected: AWS converts it).
    ///
    /// ## Why is this bad?
    ///
    /// It works, but the document says something other than what it means; a later change of the value may not be converted the same way.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Ask {
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: 42 }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Ask {
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "42" }
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
    /// extern action "aws:shareSQLMedia" for automation {
    ///   input ..
    ///   output SnapshotId: String
    /// }
    ///
    /// automation Share {
    ///   step Share = aws:shareSQLMedia { Media: "s3://bucket/key" }
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
    NEAR_MISS_INPUT = "W1006", "near-miss-input", Warning, "an input an extern or pass-through action accepts, spelt almost like a declared one";
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
    SELECTOR_TYPE = "W1008", "selector-type", Warning, "a selector whose result type does not fit the output's declared Type";
    DESIRED_VALUE_NOT_IN_ENUM = "W1009", "desired-value-not-in-enum", Warning, "a DesiredValues entry the property's enum does not list";
    LIST_FOR_SCALAR = "W1010", "list-for-scalar", Warning, "a list reference passed to an API parameter that takes one value (works only for a one-element list)";
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
    ///   step Run = aws:runCommand { DocumentName: "AWS-RunShellScript", InstanceIds: ["i-1"] }
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "command {{ Run.CommandId }}" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Report {
    ///   step Run = aws:runCommand { DocumentName: "AWS-RunShellScript", InstanceIds: ["i-1"] }
    ///   step Ask = aws:approve { Approvers: ["alice"], Message: "command {{ Run.CommandId }}" }
    /// }
    /// ```
    MAYBE_NOT_RUN = "W2004", "maybe-not-run", Warning, "a reference to a step that does not run on every path to the use";
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
}
