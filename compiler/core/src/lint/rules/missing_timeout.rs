use crate::declare_rule;
use crate::lint::walk::all_steps;
use crate::lint::LintContext;

/// Automation actions that wait or poll until something happens.
/// (`aws:runCommand` and `aws:executeAutomation` are bounded by the command's
/// and the child runbook's own timeouts, so they are not listed.)
const WAITING: &[&str] = &[
    "aws:waitForAwsResourceProperty",
    "aws:approve",
    "aws:executeStateMachine",
];

declare_rule! {
    /// ## What it does
    /// Flags an Automation step that waits or polls (`aws:waitForAwsResourceProperty`,
    /// `aws:approve`, `aws:executeStateMachine`) without a `timeoutSeconds`.
    /// (`aws:runCommand` and `aws:executeAutomation` are bounded by the command's and
    /// the child runbook's own timeouts.)
    ///
    /// ## Why is this bad?
    /// The step then waits as long as the action's default allows (up to a week for an
    /// approval), holding the execution, its concurrency slot and whoever waits for it.
    /// An explicit timeout makes a stuck step fail, where `onFailure` can handle it.
    ///
    /// ## Example
    /// ```rbk
    /// automation WaitUp {
    ///   param InstanceId: String
    ///   step Wait = aws:waitForAwsResourceProperty {
    ///     Service: "ec2",
    ///     Api: "DescribeInstanceStatus",
    ///     InstanceIds: [InstanceId],
    ///     PropertySelector: "$.InstanceStatuses[0].InstanceState.Name",
    ///     DesiredValues: ["running"],
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// automation WaitUp {
    ///   param InstanceId: String
    ///   step Wait = aws:waitForAwsResourceProperty {
    ///     Service: "ec2",
    ///     Api: "DescribeInstanceStatus",
    ///     InstanceIds: [InstanceId],
    ///     PropertySelector: "$.InstanceStatuses[0].InstanceState.Name",
    ///     DesiredValues: ["running"],
    ///   } timeout 10m
    /// }
    /// ```
    pub MissingTimeout { name: "missing-timeout", default: Warning, fix: Never }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    if !cx.is_automation() {
        return;
    }
    for step in all_steps(cx.doc) {
        if step.timeout_seconds.is_some() || !WAITING.contains(&step.action_str()) {
            continue;
        }
        let d = cx
            .finding(step.name.span, format!("step `{}` waits without a timeout", step.name_str()))
            .with_label(format!("`{}` waits until its work is done", step.action_str()))
            .with_help("set `timeoutSeconds` (in `.rbk`: `timeout 10m`) so a stuck step fails instead of waiting");
        cx.report(d);
    }
}
