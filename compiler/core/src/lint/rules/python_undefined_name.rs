use crate::declare_rule;
use crate::lint::python;
use crate::lint::LintContext;
use crate::python::Kind;

declare_rule! {
    /// ## What it does
    /// Reports a name the Python script of an `aws:executeScript` step uses but never
    /// defines, imports or gets from the runtime's builtins, following Python's scopes
    /// as pyflakes does (functions do not see their class's names, comprehension
    /// variables stay inside the comprehension). Where the answer depends on what runs,
    /// it stays silent: a binding anywhere in a scope counts, `global` names count for
    /// the whole script, a `try` that catches `NameError` is left alone, and a script
    /// with `from module import *` is not judged.
    ///
    /// ## Why is this bad?
    /// Python raises `NameError` only when the line runs, so a typo or a constant
    /// that was never defined waits in an error path until the day that path runs.
    ///
    /// ## Example
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Wait for automations.
    /// mainSteps:
    ///   - name: Wait
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: main
    ///       Script: |-
    ///         def main(events, context):
    ///             statuses = PENDING_AUTOMATION_STATUS
    ///             return {"statuses": statuses}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Wait for automations.
    /// mainSteps:
    ///   - name: Wait
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: main
    ///       Script: |-
    ///         PENDING_AUTOMATION_STATUS = ["Pending", "InProgress"]
    ///
    ///         def main(events, context):
    ///             statuses = PENDING_AUTOMATION_STATUS
    ///             return {"statuses": statuses}
    /// ```
    pub PythonUndefinedName { name: "python-undefined-name", default: Error, fix: Never }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    python::report(cx, &[Kind::UndefinedName]);
}
