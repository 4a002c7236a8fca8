use crate::declare_rule;
use crate::lint::python;
use crate::lint::LintContext;
use crate::python::Kind;

declare_rule! {
    /// ## What it does
    /// Reports an import, in the Python script of an `aws:executeScript` step, of a
    /// module the step's runtime does not have: neither in the standard library of
    /// its `Runtime`'s Python version (`tomllib` needs 3.11, `imp` is gone from 3.12)
    /// nor one of the packages SSM's runtime ships (boto3, botocore and their
    /// dependencies: s3transfer, jmespath, dateutil, urllib3, six). A step with an
    /// `Attachment` may bring any package, so nothing is said there; nor for a
    /// relative import, or an import inside a `try` whose handler catches
    /// `ImportError`.
    ///
    /// ## Why is this bad?
    /// The step fails with `ModuleNotFoundError` the first time it runs: SSM's
    /// Python runtime has no third-party packages unless the document attaches them.
    ///
    /// ## Example
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Read a page.
    /// mainSteps:
    ///   - name: Fetch
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: main
    ///       Script: |-
    ///         import requests
    ///
    ///         def main(events, context):
    ///             return {"status": requests.get("https://example.com").status_code}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Read a page.
    /// mainSteps:
    ///   - name: Fetch
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: main
    ///       Script: |-
    ///         import urllib.request
    ///
    ///         def main(events, context):
    ///             with urllib.request.urlopen("https://example.com") as r:
    ///                 return {"status": r.status}
    /// ```
    pub PythonUnavailableModule { name: "python-unavailable-module", default: Warning, fix: Never }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    python::report(cx, &[Kind::UnavailableModule]);
}
