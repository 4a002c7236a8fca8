use crate::declare_rule;
use crate::lint::walk::{all_steps, input};
use crate::lint::LintContext;
use crate::model::{Node, Value};

declare_rule! {
    /// ## What it does
    /// Flags a fleet operation (`aws:runCommand` or `aws:executeAutomation` with
    /// `Targets`) whose `MaxConcurrency` or `MaxErrors` is `100%`: every node at once, or
    /// no stop however many fail.
    ///
    /// ## Why is this bad?
    /// A bad change reaches the whole fleet before anyone can stop it; with `MaxErrors`
    /// at 100% the rollout never stops on failures. Stage it (`10%`, `5`) so the first
    /// failures stop the rest.
    ///
    /// ## Example
    /// ```rbk
    /// automation Patch {
    ///   param AutomationAssumeRole: AWS::IAM::Role::Arn
    ///   assume_role AutomationAssumeRole
    ///   step Run = aws:runCommand { DocumentName: "AWS-RunPatchBaseline", Targets: [{ Key: "tag:Env", Values: ["prod"] }], MaxConcurrency: "100%", MaxErrors: "100%", Parameters: { Operation: ["Install"] } }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// automation Patch {
    ///   param AutomationAssumeRole: AWS::IAM::Role::Arn
    ///   assume_role AutomationAssumeRole
    ///   step Run = aws:runCommand { DocumentName: "AWS-RunPatchBaseline", Targets: [{ Key: "tag:Env", Values: ["prod"] }], MaxConcurrency: "10%", MaxErrors: "1", Parameters: { Operation: ["Install"] } }
    /// }
    /// ```
    pub FullFleetRollout { name: "full-fleet-rollout", default: Warning, fix: Never }
}

fn is_all(n: &Node) -> bool {
    match &n.value {
        Value::String(s) => s.trim() == "100%",
        _ => false,
    }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    let mut found = Vec::new();
    for step in all_steps(cx.doc) {
        if !matches!(
            step.action_str(),
            "aws:runCommand" | "aws:executeAutomation"
        ) || input(step, "Targets").is_none()
        {
            continue;
        }
        for key in ["MaxConcurrency", "MaxErrors"] {
            if let Some(n) = input(step, key).filter(|n| is_all(n)) {
                found.push((n.span, step.name_str().to_string(), key));
            }
        }
    }
    for (span, step, key) in found {
        let what = if key == "MaxErrors" {
            "never stops on failures"
        } else {
            "runs on every target at once"
        };
        let d = cx
            .finding(span, format!("step `{step}` sets `{key}` to 100%: it {what}"))
            .with_help("stage the rollout: `MaxConcurrency: \"10%\"` and a small `MaxErrors` (`\"1\"`), so the first failures stop the rest");
        cx.report(d);
    }
}
