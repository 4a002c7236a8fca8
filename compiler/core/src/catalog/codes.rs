//! The codes of action declarations (`E11xx`, `W11xx`): the stdlib's and a
//! project's `action` and `extern action` items.
//!
//! Invariant: a code is never reused for another meaning.

crate::define_codes! {
    group: Declaration;
    /// ## What it does
    ///
    /// Two declarations of the same action in a project (two `action` or `extern action` items with one name).
    ///
    /// ## Why is this bad?
    ///
    /// Steps of that action would be checked against one declaration or the other; which inputs are accepted would depend on the order files are read.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// extern action "aws:shareSQLMedia" for automation {
    ///   input ..
    /// }
    ///
    /// extern action "aws:shareSQLMedia" for automation {
    ///   input SnapshotId: String
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// extern action "aws:shareSQLMedia" for automation {
    ///   input SnapshotId: String
    ///   input ..
    /// }
    /// ```
    DUPLICATE_ACTION = "E1100", "duplicate-action", Error, "two declarations of the same action";
    /// ## What it does
    ///
    /// A type in an action declaration that the language does not know (the types are `String`, `Integer`, `Boolean`, `StringList`, `StringMap`, `MapList`, `Map`, `List`, `Targets`, `Condition`, `Any`, `AWS::…` and `List<…>`).
    ///
    /// ## Why is this bad?
    ///
    /// The checker types every step of the action by its declaration; an unknown type checks nothing, so values SSM would refuse pass unnoticed.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// extern action "aws:shareSQLMedia" for automation {
    ///   input SnapshotId: Str
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// extern action "aws:shareSQLMedia" for automation {
    ///   input SnapshotId: String
    /// }
    /// ```
    UNKNOWN_TYPE = "E1101", "unknown-declared-type", Error, "a type name in an action declaration that the language does not know";
    /// ## What it does
    ///
    /// An input or an output declared twice in one action declaration.
    ///
    /// ## Why is this bad?
    ///
    /// The two declarations may disagree on type or on being required, so the steps of the action could not be checked against one meaning.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// extern action "aws:shareSQLMedia" for automation {
    ///   input SnapshotId: String
    ///   input SnapshotId: String
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// extern action "aws:shareSQLMedia" for automation {
    ///   input SnapshotId: String
    /// }
    /// ```
    DUPLICATE_MEMBER = "E1102", "duplicate-member", Error, "an input or output declared twice in one action";
    /// ## What it does
    ///
    /// An input's `allowedValues` in an action declaration that is not a list of literal values.
    ///
    /// ## Why is this bad?
    ///
    /// The checker compares every step's literal value with the list; anything else (a single string, a reference) cannot be compared, and values AWS refuses would pass unnoticed.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// extern action "aws:shareSQLMedia" for automation {
    ///   input Mode: String { allowedValues: "fast" }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// extern action "aws:shareSQLMedia" for automation {
    ///   input Mode: String { allowedValues: ["fast"] }
    /// }
    /// ```
    BAD_ALLOWED_VALUES = "E1103", "bad-allowed-values", Error, "an `allowedValues` that is not a list of literal values";
    /// ## What it does
    ///
    /// An `@attribute` on an action declaration that the checker does not know (the known ones are `@no_on_cancel`, `@no_cancel_target` and `@loop`), or one used where it does not apply.
    ///
    /// ## Why is this bad?
    ///
    /// The attribute is ignored: the rule it was meant to declare (for example that AWS forbids `onCancel` on the action) is not checked. Usually a misspelling.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// @no_cancel
    /// extern action "aws:shareSQLMedia" for automation {
    ///   input SnapshotId: String
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// @no_on_cancel
    /// extern action "aws:shareSQLMedia" for automation {
    ///   input SnapshotId: String
    /// }
    /// ```
    UNKNOWN_ATTRIBUTE = "W1100", "unknown-attribute", Warning, "an `@attribute` the checker does not know (or misused)";
    /// ## What it does
    ///
    /// An attribute of an input declaration spelt like `allowedValues` but not it (`allowedValue`, `AllowedValues`).
    ///
    /// ## Why is this bad?
    ///
    /// Only `allowedValues` is checked against the steps' values; the misspelt key is ignored, so values outside the list pass unnoticed.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// extern action "aws:shareSQLMedia" for automation {
    ///   input Mode: String { allowedValue: ["fast", "slow"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// extern action "aws:shareSQLMedia" for automation {
    ///   input Mode: String { allowedValues: ["fast", "slow"] }
    /// }
    /// ```
    UNKNOWN_INPUT_ATTRIBUTE = "W1101", "unknown-input-attribute", Warning, "an input attribute key that looks like a misspelt `allowedValues`";
    /// ## What it does
    ///
    /// An `extern action` for an action the stdlib's catalog already declares.
    ///
    /// ## Why is this bad?
    ///
    /// `extern` is for actions the catalog lacks (undocumented AWS actions); the catalog's declaration already types every input and output, and an extern one would replace that checking with a guess.
    ///
    /// ## Example
    ///
    /// ```rbk
    /// extern action "aws:sleep" for automation {
    ///   input Duration: String
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```rbk
    /// automation Wait {
    ///   step Wait = aws:sleep { Duration: "PT1S" }
    /// }
    /// ```
    EXTERN_OF_KNOWN_ACTION = "W1102", "extern-of-known-action", Warning, "an `extern action` for an action the catalog already declares";
}
