use crate::declare_rule;
use crate::lint::python;
use crate::lint::LintContext;
use crate::python::Kind;

declare_rule! {
    /// ## What it does
    /// Parses the Python of every `aws:executeScript` step with the syntax of its
    /// `Runtime` (`match` needs `python3.10`, `except*` `python3.11`) and reports the
    /// first syntax error, at its line and column in the document (through YAML block
    /// scalars, JSON string escapes and `.rbk` strings; for a `file("x.py")` script,
    /// the message names the line in `x.py`). `{{ Parameter }}` references are read as
    /// names, as Automation substitutes them before Python runs. A script too large or
    /// too deeply nested to parse safely is reported as not checked.
    ///
    /// ## Why is this bad?
    /// SSM accepts the document and the step fails when it runs, before any of the
    /// script does: in the middle of the automation, often after steps that changed
    /// resources.
    ///
    /// ## Example
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Tag an instance.
    /// mainSteps:
    ///   - name: Tag
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.8
    ///       Handler: main
    ///       Script: |-
    ///         def main(events, context):
    ///         return {}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Tag an instance.
    /// mainSteps:
    ///   - name: Tag
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.8
    ///       Handler: main
    ///       Script: |-
    ///         def main(events, context):
    ///             return {}
    /// ```
    pub PythonSyntaxError { name: "python-syntax-error", default: Error, fix: Never }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    python::report(cx, &[Kind::Syntax, Kind::NotChecked]);
}
