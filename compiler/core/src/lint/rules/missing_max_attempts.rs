use crate::declare_rule;
use crate::lint::walk::{all_steps, input};
use crate::lint::LintContext;
use crate::model::Node;

declare_rule! {
    /// ## What it does
    /// Flags an `aws:executeAwsApi` step calling a read-only API (`Describe…`, `Get…`,
    /// `List…`) without `maxAttempts`.
    ///
    /// ## Why is this bad?
    /// API calls fail transiently (throttling, a brief outage), and one failed read then
    /// fails the whole runbook. A read is safe to retry, so a retry costs nothing.
    ///
    /// ## Example
    /// ```rbk
    /// automation Look {
    ///   step Describe = aws:executeAwsApi { Service: "ec2", Api: "DescribeInstances" }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// automation Look {
    ///   step Describe = aws:executeAwsApi { Service: "ec2", Api: "DescribeInstances" } attempts 3
    /// }
    /// ```
    pub MissingMaxAttempts { name: "missing-max-attempts", default: Info, fix: Never }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    if !cx.is_automation() {
        return;
    }
    for step in all_steps(cx.doc) {
        if step.action_str() != "aws:executeAwsApi" || step.max_attempts.is_some() {
            continue;
        }
        let Some(api) = input(step, "Api").and_then(Node::as_str) else {
            continue;
        };
        if !["Describe", "Get", "List"]
            .iter()
            .any(|p| api.starts_with(p))
        {
            continue;
        }
        let d = cx
            .finding(step.name.span, format!("API call `{api}` is not retried"))
            .with_label("a transient failure fails the runbook")
            .with_help("set `maxAttempts` (in `.rbk`: `attempts 3`): a read is safe to retry");
        cx.report(d);
    }
}
