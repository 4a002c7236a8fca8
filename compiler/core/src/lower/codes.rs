//! The codes of lowering (`E02xx` errors, `W02xx` warnings): a runbook that
//! parses but cannot become a document as written.
//!
//! Invariant: a code is never reused for another meaning.

crate::define_codes! {
    group: Lower;
    /// ## What it does
    ///
    /// A condition (`Env == "prod"`, `!Done`) where a value is expected: an input, a parameter default, a list element.
    ///
    /// ## Why is this bad?
    ///
    /// A condition becomes a choice object only where SSM reads one: an `aws:branch` choice or an `aws:loop`'s `LoopCondition`. Anywhere else it has no JSON value the action would understand.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Wait {
    ///   param Env: String
    ///   step Wait = aws:sleep { Duration: Env == "prod" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Wait {
    ///   param Env: String
    ///   step Check = if Env == "prod" {
    ///     step Wait = aws:sleep { Duration: "PT1M" }
    ///   }
    /// }
    /// ```
    CONDITION_AS_VALUE = "E0201", "condition-as-value", Error, "a condition where a value is expected";
    /// ## What it does
    ///
    /// A map literal (inputs, a value, `raw`) with the same key twice.
    ///
    /// ## Why is this bad?
    ///
    /// The JSON object SSM receives would repeat the key; JSON leaves that undefined and readers disagree on which value counts (most keep the last, silently), so the reviewer cannot tell what the action gets.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Tag {
    ///   step Tag = aws:createTags {
    ///     ResourceType: "EC2",
    ///     ResourceIds: ["i-0123456789abcdef0"],
    ///     Tags: [{ Key: "Team", Key: "Owner", Value: "ops" }],
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Tag {
    ///   step Tag = aws:createTags {
    ///     ResourceType: "EC2",
    ///     ResourceIds: ["i-0123456789abcdef0"],
    ///     Tags: [{ Key: "Team", Value: "ops" }],
    ///   }
    /// }
    /// ```
    DUPLICATE_KEY = "E0202", "duplicate-key", Error, "a map literal with the same key twice";
    /// ## What it does
    ///
    /// A call of a function the language does not have; the built-ins are `ssm("/p")`, `ssm_secure("/p")` and `file("path")`.
    ///
    /// ## Why is this bad?
    ///
    /// A call is not a JSON value: each built-in has a fixed emission (`{{ssm:/p}}`, `{{ssm-secure:/p}}`, the file's text) and any other name has none, so the document cannot be written.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Read {
    ///   param Conf: String = ssm_param("/app/conf")
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Read {
    ///   param Conf: String = ssm("/app/conf")
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    UNKNOWN_FUNCTION = "E0203", "unknown-function", Error, "a call of a function that is not built in (`ssm`, `ssm_secure`, `file`)";
    /// ## What it does
    ///
    /// A built-in function (`ssm`, `ssm_secure`, `file`) not given exactly one string argument.
    ///
    /// ## Why is this bad?
    ///
    /// Each built-in names one thing: `ssm("/p")` emits the reference `{{ssm:/p}}` that SSM resolves to one Parameter Store value, `file("x")` embeds one file. Two arguments, or a non-string one, have no such emission.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Read {
    ///   param Conf: String = ssm("/app/conf", "/app/other")
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Read {
    ///   param Conf: String = ssm("/app/conf")
    ///   param Other: String = ssm("/app/other")
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    BAD_FUNCTION_ARGUMENT = "E0204", "bad-function-argument", Error, "a built-in function not given one string argument";
    /// ## What it does
    ///
    /// A `file("…")`, `lines file("…")` or `attachment` whose file cannot be read inside the project (missing, unreadable, or a path that leaves the project).
    ///
    /// ## Why is this bad?
    ///
    /// The file's text (or checksum) is embedded when the document is built, since SSM never sees the project's files; without it the document cannot be written. Paths are relative to the runbook and may not leave the project, so a build never reads files it was not given.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// command Run {
    ///   step Run = aws:runShellScript { runCommand: lines file("restart.sh") }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// command Run {
    ///   step Run = aws:runShellScript {
    ///     runCommand: lines """
    ///       systemctl restart web
    ///       """,
    ///   }
    /// }
    /// ```
    UNREADABLE_FILE = "E0205", "unreadable-file", Error, "a `file(…)` or attachment that cannot be read inside the project";
    /// ## What it does
    ///
    /// `lines` given something other than a string or `file("…")`, such as another call.
    ///
    /// ## Why is this bad?
    ///
    /// `lines` splits a text the compiler holds into the StringList it emits; a value resolved only when SSM runs the document (`ssm("/p")`) has no text to split at build time.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// command Run {
    ///   step Run = aws:runShellScript { runCommand: lines ssm("/app/script") }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// command Run {
    ///   step Run = aws:runShellScript { runCommand: [ssm("/app/script")] }
    /// }
    /// ```
    BAD_LINES = "E0206", "bad-lines", Error, "`lines` given something other than a string or `file(…)`";
    /// ## What it does
    ///
    /// A condition whose left side is neither a reference nor a string (a number, a list, a map).
    ///
    /// ## Why is this bad?
    ///
    /// The left side becomes the choice's `Variable`, the value SSM compares when the step runs. A literal there compares two constants, so the branch always goes the same way; write the reference on the left and the literal on the right.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Route {
    ///   param Count: Integer
    ///   step Check = if 3 == Count {
    ///     step Go = aws:sleep { Duration: "PT1S" }
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Route {
    ///   param Count: Integer
    ///   step Check = if Count == 3 {
    ///     step Go = aws:sleep { Duration: "PT1S" }
    ///   }
    /// }
    /// ```
    BAD_CONDITION_SUBJECT = "E0207", "bad-condition-subject", Error, "the left side of a condition is not a reference or a string";
    /// ## What it does
    ///
    /// A condition operator that `aws:branch` choices do not have, in a syntax tree that reaches lowering.
    ///
    /// ## Why is this bad?
    ///
    /// The operator becomes the choice's key; SSM validates each choice's operator when the runbook is created and rejects one it does not have.
    ///
    /// The parser reports an unknown method in source text as `E0017` first, so no `.rbk` text reaches this check: it guards syntax trees built by other means (the importer). The examples show the text that would hold it; the examples' test lists this code as an exception.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Route {
    ///   param Env: String
    ///   step Check = if Env.Equals("prod") {
    ///     step Go = aws:sleep { Duration: "PT1S" }
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Route {
    ///   param Env: String
    ///   step Check = if Env.StringEquals("prod") {
    ///     step Go = aws:sleep { Duration: "PT1S" }
    ///   }
    /// }
    /// ```
    UNKNOWN_OPERATOR = "E0208", "unknown-operator", Error, "a condition operator AWS branches do not have";
    /// ## What it does
    ///
    /// A `when platform …` precondition naming a platform other than `linux`, `windows` or `macos`.
    ///
    /// ## Why is this bad?
    ///
    /// The precondition compares `platformType`, whose values are `Linux`, `Windows` and `MacOS`; the language maps the three names to them, and any other word has no value SSM Agent would match.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// command Run {
    ///   step Run = aws:runShellScript when platform ubuntu { runCommand: ["uptime"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// command Run {
    ///   step Run = aws:runShellScript when platform linux { runCommand: ["uptime"] }
    /// }
    /// ```
    UNKNOWN_PLATFORM = "E0209", "unknown-platform", Error, "a platform other than linux, windows or macos";
    /// ## What it does
    ///
    /// A document, parameter or step described both by a `///` doc comment and by an explicit `description`.
    ///
    /// ## Why is this bad?
    ///
    /// The object has one `description` key, which SSM shows in the console; keeping one text and dropping the other silently would publish the one the author did not choose.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// /// Restarts the web tier.
    /// automation Restart {
    ///   description "Restarts the web tier."
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// /// Restarts the web tier.
    /// automation Restart {
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    TWO_DESCRIPTIONS = "E0210", "two-descriptions", Error, "a description given both as a doc comment and explicitly";
    /// ## What it does
    ///
    /// An `attachment "name" = …` whose value is not `file("path")`.
    ///
    /// ## Why is this bad?
    ///
    /// An attachment's entry in `files` carries the file's SHA-256 checksum, computed from the file when the document is built; a plain string has no file to compute it from.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Run {
    ///   attachment "tool.zip" = "dist/tool.zip"
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Run {
    ///   files { "tool.zip": { checksums: { sha256: "3f2a" } } }
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    BAD_ATTACHMENT = "E0211", "bad-attachment", Error, "an attachment that is not `file(\"…\")`";
    /// ## What it does
    ///
    /// A parameter's or variable's `type` or `default` written among its attributes (`{ default: 3 }`).
    ///
    /// ## Why is this bad?
    ///
    /// Type and default have their own syntax (`param Count: Integer = 3`), which the checker reads; an attribute would emit a second `type` or `default` key into the parameter object.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Run {
    ///   param Count: Integer { default: 3 }
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Run {
    ///   param Count: Integer = 3
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    ATTRIBUTE_NOT_ALLOWED = "E0212", "attribute-not-allowed", Error, "a parameter's type or default written as an attribute";
    /// ## What it does
    ///
    /// A `raw { … }` key that the typed form of the same object already produces (`raw { timeoutSeconds: 300 }` with `timeout 10m`).
    ///
    /// ## Why is this bad?
    ///
    /// The object would carry the key twice, and which value SSM keeps is up to its JSON reader; the reviewer sees two values for one setting.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Run {
    ///   step Wait = aws:sleep { Duration: "PT1S" } timeout 10m raw { timeoutSeconds: 300 }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Run {
    ///   step Wait = aws:sleep { Duration: "PT1S" } timeout 10m
    /// }
    /// ```
    RAW_SETS_PRODUCED_KEY = "E0213", "raw-sets-produced-key", Error, "`raw` sets a key the typed form already produces";
    /// ## What it does
    ///
    /// A file name declared twice among a document's `files` and `attachment` items.
    ///
    /// ## Why is this bad?
    ///
    /// `files` is a map from file name to checksums; a second entry of one name would replace the first in the JSON SSM reads, so one of the two checksums is never checked.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Run {
    ///   files { "tool.zip": { checksums: { sha256: "3f2a" } } }
    ///   files { "tool.zip": { checksums: { sha256: "3f2a" } } }
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Run {
    ///   files { "tool.zip": { checksums: { sha256: "3f2a" } } }
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    DUPLICATE_FILE = "E0214", "duplicate-file", Error, "a file name declared twice in `files` or `attachment`";
    /// ## What it does
    ///
    /// A step clause written twice (`timeout 10m, timeout 5m`).
    ///
    /// ## Why is this bad?
    ///
    /// Each clause is one key of the step (`timeoutSeconds`); a step carries one value, and keeping either silently would run the step with a setting the author may not have meant.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Run {
    ///   step Wait = aws:sleep { Duration: "PT1S" } timeout 10m, timeout 5m
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Run {
    ///   step Wait = aws:sleep { Duration: "PT1S" } timeout 10m
    /// }
    /// ```
    DUPLICATE_CLAUSE = "E0220", "duplicate-clause", Error, "a step clause written twice";
    /// ## What it does
    ///
    /// A `goto` or `end` clause on an `if`, `guard` or `match`.
    ///
    /// ## Why is this bad?
    ///
    /// These statements become `aws:branch` steps whose next step is chosen by their `Choices` and `Default`; the compiler also sets their flow keys itself (`else end`), so a written `nextStep` or `isEnd` would be a dead key or fight the generated one. A branch step that needs them is a flat `branch`.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Route {
    ///   param Env: String
    ///   step Check = if Env == "prod" {
    ///     step Go = aws:sleep { Duration: "PT1S" }
    ///   }
    ///   end
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Route {
    ///   param Env: String
    ///   step Check = if Env == "prod" {
    ///     step Go = aws:sleep { Duration: "PT1S" }
    ///   } else end
    /// }
    /// ```
    FLOW_ON_STRUCTURED = "E0221", "flow-on-structured", Error, "`goto` or `end` on an `if`, `guard` or `match`";
    /// ## What it does
    ///
    /// A `raw { … }` that sets a flow key with a typed form: `nextStep`, `onFailure`, `onCancel`, `Choices`, `Default` or `NextStep`.
    ///
    /// ## Why is this bad?
    ///
    /// Step names in raw JSON are invisible to the flow checker and to rename: a dangling or misspelt target would only fail when SSM reaches that step. The typed clauses (`goto`, `on_failure`, `on_cancel`, `branch`) emit the same keys and are checked.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Run {
    ///   step Wait = aws:sleep { Duration: "PT1S" } raw { onFailure: "step:Cleanup" }
    ///   step Cleanup = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Run {
    ///   step Wait = aws:sleep { Duration: "PT1S" } on_failure goto Cleanup
    ///   step Cleanup = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    RAW_FLOW_KEY = "E0222", "raw-flow-key", Error, "`raw` sets a flow key that has a typed form";
    /// ## What it does
    ///
    /// A clause given a value of the wrong kind that is not a string: a duration for `attempts`, a number for `critical`, a list for `timeout`.
    ///
    /// ## Why is this bad?
    ///
    /// The value would be emitted as written: `attempts 2m` is `maxAttempts: 120`, since a duration emits its seconds. SSM rejects a value of the wrong type, or runs the step with a setting nobody meant.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Run {
    ///   step Wait = aws:sleep { Duration: "PT1S" } attempts 2m
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Run {
    ///   step Wait = aws:sleep { Duration: "PT1S" } attempts 2
    /// }
    /// ```
    BAD_CLAUSE_VALUE = "E0223", "bad-clause-value", Error, "a clause given a value of the wrong kind";
    /// ## What it does
    ///
    /// `on_cancel continue`.
    ///
    /// ## Why is this bad?
    ///
    /// `onCancel` accepts `Abort` or `step:<name>` only: when an execution is cancelled there is no "next step" to continue with. SSM rejects the document.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Run {
    ///   step Wait = aws:sleep { Duration: "PT1S" } on_cancel continue
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Run {
    ///   step Wait = aws:sleep { Duration: "PT1S" } on_cancel abort
    /// }
    /// ```
    ON_CANCEL_CONTINUE = "E0224", "on-cancel-continue", Error, "`on_cancel continue`, which AWS does not accept";
    /// ## What it does
    ///
    /// A clause in `defaults { }` that cannot be a default: `goto`, `end`, `outputs` or `description` (defaults take `on_failure`, `on_cancel`, `timeout`, `attempts`, `critical` and `raw`).
    ///
    /// ## Why is this bad?
    ///
    /// Defaults are filled into every step. The same `nextStep`, `isEnd`, outputs or description on every step is never meant: a default `goto` would make every step jump to one place, and the flow the author wrote would be lost.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Run {
    ///   defaults { goto Done }
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    ///   step Done = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Run {
    ///   defaults { on_failure goto Done }
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    ///   step Done = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    BAD_DEFAULT_CLAUSE = "E0225", "bad-default-clause", Error, "a clause `defaults` cannot hold";
    /// ## What it does
    ///
    /// The last step of an `if` arm, with no `goto` or `end`, when the `if` has no step after it to continue with.
    ///
    /// ## Why is this bad?
    ///
    /// SSM runs steps in list order: the arms are emitted one after the other, so without a step to jump to, the end of one arm would run straight into the first step of the next arm.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Route {
    ///   param Env: String
    ///   step Check = if Env == "prod" {
    ///     step Big = aws:sleep { Duration: "PT1M" }
    ///   } else {
    ///     step Small = aws:sleep { Duration: "PT1S" }
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Route {
    ///   param Env: String
    ///   step Check = if Env == "prod" {
    ///     step Big = aws:sleep { Duration: "PT1M" }
    ///   } else {
    ///     step Small = aws:sleep { Duration: "PT1S" }
    ///   }
    ///   step Done = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    IF_FALLS_THROUGH = "E0230", "if-falls-through", Error, "the last step of an `if` arm with no step after the `if`";
    /// ## What it does
    ///
    /// A `when` precondition on a step of an Automation runbook.
    ///
    /// ## Why is this bad?
    ///
    /// `precondition` is a key of Command documents (schema 2.2), read by SSM Agent on each node; Automation steps have no such key. An Automation runbook decides with a branch: `if`.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Run {
    ///   param Env: String
    ///   step Run = aws:sleep when Env == "prod" { Duration: "PT1S" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Run {
    ///   param Env: String
    ///   step Check = if Env == "prod" {
    ///     step Run = aws:sleep { Duration: "PT1S" }
    ///   }
    /// }
    /// ```
    WHEN_IN_AUTOMATION = "E0231", "when-in-automation", Error, "a `when` precondition in an Automation document";
    /// ## What it does
    ///
    /// A `do { }` block on a step whose action is not `aws:loop`.
    ///
    /// ## Why is this bad?
    ///
    /// The block becomes the `Steps` input, which only `aws:loop` has: for any other action it is an input the action does not take, and the steps in it would never run.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Run {
    ///   step Wait = aws:sleep { Duration: "PT1S" } do {
    ///     step Inner = aws:sleep { Duration: "PT1S" }
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Run {
    ///   step Wait = aws:loop { Iterators: ["a", "b"] } do {
    ///     step Inner = aws:sleep { Duration: "PT1S" }
    ///   }
    /// }
    /// ```
    BODY_ON_NON_LOOP = "E0232", "body-on-non-loop", Error, "a `do` block on an action other than `aws:loop`";
    /// ## What it does
    ///
    /// An `aws:loop` whose `do { }` body holds no step.
    ///
    /// ## Why is this bad?
    ///
    /// `Steps` is the loop's required input and what it repeats; an empty body repeats nothing, so the loop can only be a mistake (often steps left outside the `do { }`).
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Run {
    ///   step Each = aws:loop { Iterators: ["a", "b"] } do {
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Run {
    ///   step Each = aws:loop { Iterators: ["a", "b"] } do {
    ///     step Wait = aws:sleep { Duration: "PT1S" }
    ///   }
    /// }
    /// ```
    EMPTY_LOOP = "E0233", "empty-loop", Error, "an `aws:loop` whose body has no step";
    /// ## What it does
    ///
    /// An `if` or `else` arm with no step (`{ }`).
    ///
    /// ## Why is this bad?
    ///
    /// The arm's choice needs a `NextStep`, the arm's first step; an empty arm has none. To skip ahead, write `{ goto Step }`, or leave the `else` out.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Route {
    ///   param Env: String
    ///   step Check = if Env == "prod" {
    ///   }
    ///   step Done = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Route {
    ///   param Env: String
    ///   step Check = if Env == "prod" {
    ///     goto Done
    ///   }
    ///   step Done = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    EMPTY_BLOCK = "E0234", "empty-block", Error, "a branch block with no step";
    /// ## What it does
    ///
    /// A `guard` with no step after it in its block.
    ///
    /// ## Why is this bad?
    ///
    /// A guard's choice leads to the step after it when the condition holds; with none there, the branch has no `NextStep` to emit.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Run {
    ///   param Enabled: Boolean = true
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    ///   step OnlyEnabled = guard Enabled == true else end
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Run {
    ///   param Enabled: Boolean = true
    ///   step OnlyEnabled = guard Enabled == true else end
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    GUARD_AT_END = "E0235", "guard-at-end", Error, "a `guard` with no step after it";
    /// ## What it does
    ///
    /// An unnamed `if`, `guard` or `match` whose generated branch step name (`If…`, `Guard…`, `Match…`) is already the name of another step.
    ///
    /// ## Why is this bad?
    ///
    /// Step names must be unique in a document: SSM rejects a duplicate, and every jump to the name would be ambiguous. Name the statement (`step Name = if …`).
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Route {
    ///   param Env: String
    ///   if Env == "prod" {
    ///     step Go = aws:sleep { Duration: "PT1S" }
    ///   }
    ///   step IfGo = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Route {
    ///   param Env: String
    ///   step Check = if Env == "prod" {
    ///     step Go = aws:sleep { Duration: "PT1S" }
    ///   }
    ///   step IfGo = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    GENERATED_NAME_TAKEN = "E0236", "generated-name-taken", Error, "the name of a generated branch step is already used";
    /// ## What it does
    ///
    /// Two documents of one build with the same name.
    ///
    /// ## Why is this bad?
    ///
    /// `ssmc build` writes each document as `<Name>.json` (or `.yaml`), and SSM keys documents by name in an account and Region: one would overwrite the other.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Restart {
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    ///
    /// automation Restart {
    ///   step Pause = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Restart {
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    ///
    /// automation RestartSlowly {
    ///   step Pause = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    DUPLICATE_DOCUMENT = "E0240", "duplicate-document", Error, "two documents of one build with the same name";
    /// ## What it does
    ///
    /// A document attribute other than `@explicit_next`, the only one the language has.
    ///
    /// ## Why is this bad?
    ///
    /// The attribute is ignored: nothing it was meant to do happens, and the emitted document is the same as without it. Usually a misspelling.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// @explicit_nxt
    /// automation Run {
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// @explicit_next
    /// automation Run {
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    UNKNOWN_DOCUMENT_ATTRIBUTE = "W0201", "unknown-document-attribute", Warning, "a document attribute other than `@explicit_next` (ignored)";
    /// ## What it does
    ///
    /// A clause given a string where it expects a number or a boolean (`attempts "2"`, `critical "false"`, `end "true"`); the string is emitted verbatim.
    ///
    /// ## Why is this bad?
    ///
    /// SSM accepts several of these as strings (real documents carry `"isCritical": "false"`), so it is not an error, but the value keeps the wrong JSON type and tools that read the document may treat it as text.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Run {
    ///   step Wait = aws:sleep { Duration: "PT1S" } attempts "2"
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Run {
    ///   step Wait = aws:sleep { Duration: "PT1S" } attempts 2
    /// }
    /// ```
    CLAUSE_AS_STRING = "W0202", "clause-as-string", Warning, "a clause value given as a string (emitted verbatim)";
    /// ## What it does
    ///
    /// An `on_failure` or `on_cancel` target given as a string (`on_failure "step:Cleanup"`), emitted verbatim.
    ///
    /// ## Why is this bad?
    ///
    /// The flow checker and rename cannot follow a step name inside a string: a misspelt or renamed target would only fail when SSM reaches the failure. `goto Step`, `abort` and `continue` emit the same values and are checked.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Run {
    ///   step Wait = aws:sleep { Duration: "PT1S" } on_failure "step:Cleanup"
    ///   step Cleanup = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Run {
    ///   step Wait = aws:sleep { Duration: "PT1S" } on_failure goto Cleanup
    ///   step Cleanup = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    FLOW_TARGET_AS_STRING = "W0203", "flow-target-as-string", Warning, "a flow target given as a string, which the checker cannot follow";
    /// ## What it does
    ///
    /// A `defaults { timeout … }` that also applies to an `aws:loop` step: the
    /// loop's `timeoutSeconds` bounds all its iterations together.
    ///
    /// ## Why is this bad?
    ///
    /// A default meant for single steps cuts a loop short: ten minutes for a
    /// loop whose body waits fifteen fails the loop on its first iteration.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// automation Each {
    ///   defaults { timeout 10m }
    ///
    ///   step Each = aws:loop { Iterators: ["a", "b"] } do {
    ///     step Wait = aws:sleep { Duration: "PT15M" } timeout 20m
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Each {
    ///   defaults { timeout 10m }
    ///
    ///   step Each = aws:loop { Iterators: ["a", "b"] } do {
    ///     step Wait = aws:sleep { Duration: "PT15M" } timeout 20m
    ///   } timeout 1h
    /// }
    /// ```
    DEFAULT_TIMEOUT_ON_LOOP = "W0204", "default-timeout-on-loop", Warning, "a `defaults` timeout that bounds a whole `aws:loop`";
}
