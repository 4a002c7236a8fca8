use crate::declare_rule;
use crate::lint::python;
use crate::lint::LintContext;
use crate::python::Kind;

declare_rule! {
    /// ## What it does
    /// Reports, in the Python script of an `aws:executeScript` step, a function,
    /// class or import that is defined again before anything read the first one, and
    /// an imported module whose name a `for` loop's variable takes, as pyflakes does.
    /// Definitions in different branches of an `if`, `try` or `match` are not
    /// redefinitions.
    ///
    /// ## Why is this bad?
    /// Only the last definition runs: a second `def handler` written below the first
    /// silently replaces it, and a loop variable named like a module makes every later
    /// use of the module fail.
    ///
    /// ## Example
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Tag a bucket.
    /// mainSteps:
    ///   - name: Tag
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: main
    ///       Script: |-
    ///         def tags(events):
    ///             return [{"Key": "team", "Value": events["Team"]}]
    ///
    ///         def tags(events):
    ///             return []
    ///
    ///         def main(events, context):
    ///             return {"tags": tags(events)}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Tag a bucket.
    /// mainSteps:
    ///   - name: Tag
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: main
    ///       Script: |-
    ///         def tags(events):
    ///             return [{"Key": "team", "Value": events["Team"]}]
    ///
    ///         def main(events, context):
    ///             return {"tags": tags(events)}
    /// ```
    pub PythonRedefinition { name: "python-redefinition", default: Warning, fix: Never }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    python::report(cx, &[Kind::Redefinition]);
}
