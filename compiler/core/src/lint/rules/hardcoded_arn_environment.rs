use std::sync::LazyLock;

use regex::Regex;

use crate::declare_rule;
use crate::lint::walk::{for_each_string, Place};
use crate::lint::LintContext;
use crate::model::Node;

declare_rule! {
    /// ## What it does
    /// Flags an ARN written with a literal account ID or region
    /// (`arn:aws:sns:us-east-1:123456789012:alerts`) in a step, a default or an
    /// output. Descriptions are prose and are not flagged.
    ///
    /// ## Why is this bad?
    /// The runbook then works in one account and one region only: shared to another
    /// account, run in another region or partition (China, GovCloud), it acts on the
    /// wrong resource or fails.
    ///
    /// ## Example
    /// ```rbk
    /// automation Notify {
    ///   param AutomationAssumeRole: AWS::IAM::Role::Arn
    ///   assume_role AutomationAssumeRole
    ///   step Send = aws:executeAwsApi { Service: "sns", Api: "Publish", TopicArn: "arn:aws:sns:us-east-1:123456789012:alerts", Message: "done" }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// automation Notify {
    ///   param AutomationAssumeRole: AWS::IAM::Role::Arn
    ///   assume_role AutomationAssumeRole
    ///   step Send = aws:executeAwsApi { Service: "sns", Api: "Publish", TopicArn: "arn:{{ global:AWS_PARTITION }}:sns:{{ global:REGION }}:{{ global:ACCOUNT_ID }}:alerts", Message: "done" }
    /// }
    /// ```
    pub HardcodedArnEnvironment { name: "hardcoded-arn-environment", default: Warning, fix: Never, preview: true }
}

/// `arn:PARTITION:SERVICE:REGION:ACCOUNT:` with a literal region or account.
static ARN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\barn:(aws(?:-cn|-us-gov|-iso|-iso-b)?):([a-z0-9-]+):([a-z]{2}(?:-gov)?-[a-z]+-\d)?:(\d{12})?:")
        .expect("invariant: the pattern is a valid regex")
});

pub(crate) fn check(cx: &mut LintContext<'_>) {
    let mut found: Vec<(&Node, std::ops::Range<usize>, String)> = Vec::new();
    for_each_string(cx.doc, &mut |place, node| {
        if place.is_prose() || matches!(place, Place::ParamAttr(_)) {
            return;
        }
        let Some(s) = node.as_str() else { return };
        for c in ARN.captures_iter(s) {
            let (Some(all), Some(partition)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let mut what = Vec::new();
            if let Some(r) = c.get(3) {
                what.push(format!("region `{}`", r.as_str()));
            }
            if let Some(a) = c.get(4) {
                what.push(format!("account `{}`", a.as_str()));
            }
            if what.is_empty() {
                continue;
            }
            what.insert(0, format!("partition `{}`", partition.as_str()));
            found.push((node, all.range(), what.join(", ")));
        }
    });
    for (node, range, what) in found {
        let span = cx.locate(node, range);
        let d = cx
            .finding(span, format!("ARN with a hard-coded {what}"))
            .with_help("use `{{ global:AWS_PARTITION }}`, `{{ global:REGION }}` and `{{ global:ACCOUNT_ID }}` (or a parameter), so the runbook works in every account and region");
        cx.report(d);
    }
}
