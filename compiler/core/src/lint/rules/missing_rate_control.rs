use crate::declare_rule;
use crate::lint::walk::{all_steps, input};
use crate::lint::LintContext;

declare_rule! {
    /// ## What it does
    /// Flags a fleet command (`aws:runCommand` or `aws:executeAutomation` with `Targets`)
    /// that does not set both `MaxConcurrency` and `MaxErrors`.
    ///
    /// ## Why is this bad?
    /// Without them the command reaches the whole fleet at the service's defaults, and a
    /// bad change keeps rolling after the first failures. A staged rollout (a few nodes at
    /// a time, stop after a few errors) limits the damage.
    ///
    /// ## Example
    /// ```rbk
    /// automation Restart {
    ///   step Run = aws:runCommand {
    ///     DocumentName: "AWS-RunShellScript",
    ///     Targets: [{ Key: "tag:App", Values: ["web"] }],
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
    ///   }
    /// }
    /// ```
    pub MissingRateControl { name: "missing-rate-control", default: Warning, fix: Never }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    for step in all_steps(cx.doc) {
        if !matches!(
            step.action_str(),
            "aws:runCommand" | "aws:executeAutomation"
        ) {
            continue;
        }
        let Some(targets) = input(step, "Targets") else {
            continue;
        };
        let missing: Vec<&str> = ["MaxConcurrency", "MaxErrors"]
            .into_iter()
            .filter(|k| input(step, k).is_none())
            .collect();
        if missing.is_empty() {
            continue;
        }
        let d = cx
            .finding(step.name.span, format!("fleet command without {}", missing.join(" and ")))
            .with_label(format!("step `{}` targets a fleet", step.name_str()))
            .with_secondary(targets.span, "the fleet")
            .with_help("roll out in stages: set `MaxConcurrency` (e.g. \"10%\") and `MaxErrors` (e.g. \"1\")");
        cx.report(d);
    }
}
