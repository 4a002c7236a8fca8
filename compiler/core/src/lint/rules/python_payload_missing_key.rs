use crate::declare_rule;
use crate::lint::python_contract;
use crate::lint::LintContext;

declare_rule! {
    /// ## What it does
    /// Checks the keys the handler of an `aws:executeScript` step reads from
    /// `events` with `events['Key']` against the step's `InputPayload` (no
    /// `InputPayload` passes an empty dict). Reads are followed through names bound
    /// once to `events` and into the script's functions it is passed to; a read
    /// guarded by `'Key' in events` or a `try` that catches `KeyError` is not
    /// reported, and nothing is when the script may add keys to `events` itself or
    /// rebinds it.
    ///
    /// ## Why is this bad?
    /// Python raises `KeyError` when the line runs: the step fails in the middle of
    /// the automation, often because a key was renamed on one side only.
    ///
    /// ## Example
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Stop an instance.
    /// parameters:
    ///   InstanceId:
    ///     type: String
    /// mainSteps:
    ///   - name: Stop
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: main
    ///       InputPayload:
    ///         InstanceId: "{{ InstanceId }}"
    ///       Script: |-
    ///         def main(events, context):
    ///             return {"id": events["Instance"]}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Stop an instance.
    /// parameters:
    ///   InstanceId:
    ///     type: String
    /// mainSteps:
    ///   - name: Stop
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: main
    ///       InputPayload:
    ///         InstanceId: "{{ InstanceId }}"
    ///       Script: |-
    ///         def main(events, context):
    ///             return {"id": events["InstanceId"]}
    /// ```
    pub PythonPayloadMissingKey { name: "python-payload-missing-key", default: Warning, fix: Never }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    python_contract::report_missing_keys(cx);
}
