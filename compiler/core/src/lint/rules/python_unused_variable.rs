use crate::declare_rule;
use crate::lint::python;
use crate::lint::LintContext;
use crate::python::Kind;

declare_rule! {
    /// ## What it does
    /// Reports a local variable of a function in the Python script of an
    /// `aws:executeScript` step that is assigned (or only annotated) and never read,
    /// and an `except … as e` name its handler never reads, as pyflakes does. Tuple
    /// unpacking (`name, _ = pair`), loop variables, `global` names, `_` and the
    /// locals of a function that calls `locals()` are never reported.
    ///
    /// ## Why is this bad?
    /// A value computed and thrown away is either wasted work or, more often, a read
    /// that went to another name: a typo, or a result the author meant to return.
    ///
    /// ## Example
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Count instances.
    /// mainSteps:
    ///   - name: Count
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: main
    ///       Script: |-
    ///         def main(events, context):
    ///             count = len(events["Ids"])
    ///             return {"count": 0}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Count instances.
    /// mainSteps:
    ///   - name: Count
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: main
    ///       Script: |-
    ///         def main(events, context):
    ///             count = len(events["Ids"])
    ///             return {"count": count}
    /// ```
    pub PythonUnusedVariable { name: "python-unused-variable", default: Info, fix: Never }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    python::report(cx, &[Kind::UnusedVariable]);
}
