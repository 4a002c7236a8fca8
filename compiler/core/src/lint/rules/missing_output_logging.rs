use crate::declare_rule;
use crate::lint::walk::{all_steps, input};
use crate::lint::LintContext;

declare_rule! {
    /// ## What it does
    /// Flags a fleet command (`aws:runCommand` with `Targets`) that sends its output
    /// neither to CloudWatch Logs (`CloudWatchOutputConfig`) nor to S3
    /// (`OutputS3BucketName`).
    ///
    /// ## Why is this bad?
    /// Run Command keeps only the first 2,500 characters of each node's output, for a
    /// limited time. An audit or a post-incident review needs the full output of every node.
    ///
    /// ## Example
    /// ```rbk
    /// automation Restart {
    ///   step Run = aws:runCommand {
    ///     DocumentName: "AWS-RunShellScript",
    ///     Targets: [{ Key: "tag:App", Values: ["web"] }],
    ///     MaxConcurrency: "10%",
    ///     MaxErrors: "1",
    ///     Parameters: { commands: ["systemctl restart app"] },
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// automation Restart {
    ///   step Run = aws:runCommand {
    ///     DocumentName: "AWS-RunShellScript",
    ///     Targets: [{ Key: "tag:App", Values: ["web"] }],
    ///     MaxConcurrency: "10%",
    ///     MaxErrors: "1",
    ///     Parameters: { commands: ["systemctl restart app"] },
    ///     CloudWatchOutputConfig: { CloudWatchOutputEnabled: true },
    ///   }
    /// }
    /// ```
    pub MissingOutputLogging { name: "missing-output-logging", default: Info, fix: Never }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    for step in all_steps(cx.doc) {
        if step.action_str() != "aws:runCommand" || input(step, "Targets").is_none() {
            continue;
        }
        if input(step, "CloudWatchOutputConfig").is_some()
            || input(step, "OutputS3BucketName").is_some()
        {
            continue;
        }
        let d = cx
            .finding(step.name.span, format!("fleet command `{}` keeps no output for audit", step.name_str()))
            .with_label("no `CloudWatchOutputConfig` or `OutputS3BucketName`")
            .with_help("send the output to CloudWatch Logs (`CloudWatchOutputConfig: {CloudWatchOutputEnabled: true}`) or to S3 (`OutputS3BucketName`)");
        cx.report(d);
    }
}
