use crate::declare_rule;
use crate::lint::python_contract;
use crate::lint::LintContext;

declare_rule! {
    /// ## What it does
    /// Checks the `outputs` of an `aws:executeScript` step against what its handler
    /// returns, when that is written out: every `return` gives a dict literal with
    /// string keys (or a name bound once to one and used nowhere else). A selector
    /// `$.Payload.key` that no returned dict has is reported, and so is a `Type` the
    /// returned literal cannot be (a list declared `String`, a string declared
    /// `StringList`, a list of strings declared `MapList`…). Where the handler
    /// returns anything else, nothing is said.
    ///
    /// ## Why is this bad?
    /// The step runs its script, then fails setting the output: the script's work
    /// is done and the automation stops, or a later step reads nothing.
    ///
    /// ## Example
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Count things.
    /// mainSteps:
    ///   - name: Count
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: main
    ///       Script: |-
    ///         def main(events, context):
    ///             return {"a": 1}
    ///     outputs:
    ///       - Name: b
    ///         Selector: $.Payload.b
    ///         Type: Integer
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Count things.
    /// mainSteps:
    ///   - name: Count
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: main
    ///       Script: |-
    ///         def main(events, context):
    ///             return {"a": 1}
    ///     outputs:
    ///       - Name: a
    ///         Selector: $.Payload.a
    ///         Type: Integer
    /// ```
    pub PythonOutputContract { name: "python-output-contract", default: Warning, fix: Never }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    python_contract::report_outputs(cx);
}
