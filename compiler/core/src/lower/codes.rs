//! The codes of lowering (`E02xx` errors, `W02xx` warnings): a runbook that
//! parses but cannot become a document as written.
//!
//! Invariant: a code is never reused for another meaning.

crate::define_codes! {
    group: Lower;
    CONDITION_AS_VALUE = "E0201", "condition-as-value", Error, "a condition where a value is expected";
    DUPLICATE_KEY = "E0202", "duplicate-key", Error, "a map literal with the same key twice";
    UNKNOWN_FUNCTION = "E0203", "unknown-function", Error, "a call of a function that is not built in (`ssm`, `ssm_secure`, `file`)";
    BAD_FUNCTION_ARGUMENT = "E0204", "bad-function-argument", Error, "a built-in function not given one string argument";
    UNREADABLE_FILE = "E0205", "unreadable-file", Error, "a `file(…)` or attachment that cannot be read inside the project";
    BAD_LINES = "E0206", "bad-lines", Error, "`lines` given something other than a string or `file(…)`";
    BAD_CONDITION_SUBJECT = "E0207", "bad-condition-subject", Error, "the left side of a condition is not a reference or a string";
    UNKNOWN_OPERATOR = "E0208", "unknown-operator", Error, "a condition operator AWS branches do not have";
    UNKNOWN_PLATFORM = "E0209", "unknown-platform", Error, "a platform other than linux, windows or macos";
    TWO_DESCRIPTIONS = "E0210", "two-descriptions", Error, "a description given both as a doc comment and explicitly";
    BAD_ATTACHMENT = "E0211", "bad-attachment", Error, "an attachment that is not `file(\"…\")`";
    ATTRIBUTE_NOT_ALLOWED = "E0212", "attribute-not-allowed", Error, "a parameter's type or default written as an attribute";
    RAW_SETS_PRODUCED_KEY = "E0213", "raw-sets-produced-key", Error, "`raw` sets a key the typed form already produces";
    DUPLICATE_FILE = "E0214", "duplicate-file", Error, "a file name declared twice in `files` or `attachment`";
    DUPLICATE_CLAUSE = "E0220", "duplicate-clause", Error, "a step clause written twice";
    FLOW_ON_STRUCTURED = "E0221", "flow-on-structured", Error, "`goto` or `end` on an `if`, `guard` or `match`";
    RAW_FLOW_KEY = "E0222", "raw-flow-key", Error, "`raw` sets a flow key that has a typed form";
    BAD_CLAUSE_VALUE = "E0223", "bad-clause-value", Error, "a clause given a value of the wrong kind";
    ON_CANCEL_CONTINUE = "E0224", "on-cancel-continue", Error, "`on_cancel continue`, which AWS does not accept";
    BAD_DEFAULT_CLAUSE = "E0225", "bad-default-clause", Error, "a clause `defaults` cannot hold";
    IF_FALLS_THROUGH = "E0230", "if-falls-through", Error, "the last step of an `if` arm with no step after the `if`";
    WHEN_IN_AUTOMATION = "E0231", "when-in-automation", Error, "a `when` precondition in an Automation document";
    BODY_ON_NON_LOOP = "E0232", "body-on-non-loop", Error, "a `do` block on an action other than `aws:loop`";
    EMPTY_LOOP = "E0233", "empty-loop", Error, "an `aws:loop` whose body has no step";
    EMPTY_BLOCK = "E0234", "empty-block", Error, "a branch block with no step";
    GUARD_AT_END = "E0235", "guard-at-end", Error, "a `guard` with no step after it";
    GENERATED_NAME_TAKEN = "E0236", "generated-name-taken", Error, "the name of a generated branch step is already used";
    DUPLICATE_DOCUMENT = "E0240", "duplicate-document", Error, "two documents of one build with the same name";
    UNKNOWN_DOCUMENT_ATTRIBUTE = "W0201", "unknown-document-attribute", Warning, "a document attribute other than `@explicit_next` (ignored)";
    CLAUSE_AS_STRING = "W0202", "clause-as-string", Warning, "a clause value given as a string (emitted verbatim)";
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
