use crate::declare_rule;
use crate::lint::python;
use crate::lint::LintContext;
use crate::python::Kind;

declare_rule! {
    /// ## What it does
    /// Checks that the `Handler` of an `aws:executeScript` step names a function
    /// defined at the top level of its Python script that SSM can call as
    /// `handler(events, context)` (two positional arguments, no required keyword
    /// argument, not `async`), with a did-you-mean among the script's functions; and
    /// names a script that is a build placeholder (`%PYTHONSCRIPT%`,
    /// `SCRIPT_PLACEHOLDER::…`) instead of code.
    ///
    /// ## Why is this bad?
    /// SSM finds the handler only when the step runs: a renamed function, a handler
    /// with one parameter or a placeholder the build never replaced fails the step
    /// without running any of the script.
    ///
    /// ## Example
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Say hello.
    /// mainSteps:
    ///   - name: Hello
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: script_handler
    ///       Script: |-
    ///         def handler(events, context):
    ///             return {"greeting": "hello"}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Say hello.
    /// mainSteps:
    ///   - name: Hello
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: script_handler
    ///       Script: |-
    ///         def script_handler(events, context):
    ///             return {"greeting": "hello"}
    /// ```
    pub PythonHandler { name: "python-handler", default: Error, fix: Never }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    python::report(cx, &[Kind::Handler, Kind::Placeholder]);
}
