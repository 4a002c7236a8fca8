use crate::declare_rule;
use crate::lint::python_contract;
use crate::lint::LintContext;

declare_rule! {
    /// ## What it does
    /// Reports an `InputPayload` key of an `aws:executeScript` step that the
    /// handler never reads from `events`, when every read is known: `events` is
    /// read only with literal keys (`events['Key']`, `events.get('Key')`), in the
    /// handler and the script's functions it is passed to, and goes nowhere else.
    ///
    /// ## Why is this bad?
    /// A value passed and never read is often half of a rename: the script reads a
    /// default, or another key, while the runbook's author believes it reads this one.
    ///
    /// ## Example
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Report a bucket.
    /// parameters:
    ///   BucketName:
    ///     type: String
    /// mainSteps:
    ///   - name: Report
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: main
    ///       InputPayload:
    ///         Bucket: "{{ BucketName }}"
    ///         Region: us-east-1
    ///       Script: |-
    ///         def main(events, context):
    ///             return {"bucket": events["Bucket"]}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Report a bucket.
    /// parameters:
    ///   BucketName:
    ///     type: String
    /// mainSteps:
    ///   - name: Report
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: main
    ///       InputPayload:
    ///         Bucket: "{{ BucketName }}"
    ///       Script: |-
    ///         def main(events, context):
    ///             return {"bucket": events["Bucket"]}
    /// ```
    pub PythonPayloadUnusedKey { name: "python-payload-unused-key", default: Info, fix: Never }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    python_contract::report_unused_keys(cx);
}
