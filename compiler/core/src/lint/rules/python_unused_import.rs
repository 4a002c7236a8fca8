use crate::declare_rule;
use crate::lint::python;
use crate::lint::LintContext;
use crate::python::Kind;

declare_rule! {
    /// ## What it does
    /// Reports an import in the Python script of an `aws:executeScript` step that
    /// nothing in the script reads, as pyflakes does: a function's imports and the
    /// module's alike, except a class body's (its public members), a name listed in
    /// `__all__`, and an import inside a `try` whose handler catches `ImportError`
    /// (it probes whether the module exists).
    ///
    /// ## Why is this bad?
    /// An import costs time on every run and says the script needs a module it does
    /// not; often it is the trace of code that moved, or of a call that was meant to
    /// be made and is not.
    ///
    /// ## Example
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Describe an instance.
    /// mainSteps:
    ///   - name: Describe
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: main
    ///       Script: |-
    ///         import json
    ///         import boto3
    ///
    ///         def main(events, context):
    ///             return boto3.client("ec2").describe_instances()
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Describe an instance.
    /// mainSteps:
    ///   - name: Describe
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: main
    ///       Script: |-
    ///         import boto3
    ///
    ///         def main(events, context):
    ///             return boto3.client("ec2").describe_instances()
    /// ```
    pub PythonUnusedImport { name: "python-unused-import", default: Info, fix: Never }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    python::report(cx, &[Kind::UnusedImport]);
}
