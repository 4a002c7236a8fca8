use std::sync::LazyLock;

use regex::Regex;

use crate::declare_rule;
use crate::lint::walk::{for_each_string, Place};
use crate::lint::LintContext;
use crate::model::Node;

declare_rule! {
    /// ## What it does
    /// Flags a hard-coded EC2 instance ID (`i-0123456789abcdef0`) anywhere in a document
    /// other than descriptions and patterns: in `InstanceIds`, in `Targets`, in a
    /// parameter default, in a script.
    ///
    /// ## Why is this bad?
    /// Instances are replaced; a document that names one breaks silently when it is gone
    /// and never reaches the instances that replaced it. Target by tags or resource groups
    /// (`Targets`), or take the IDs as a parameter.
    ///
    /// ## Example
    /// ```rbk
    /// automation Reboot {
    ///   step Reboot = aws:executeAwsApi { Service: "ec2", Api: "RebootInstances", InstanceIds: ["i-0123456789abcdef0"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// automation Reboot {
    ///   param InstanceIds: StringList
    ///   step Reboot = aws:executeAwsApi { Service: "ec2", Api: "RebootInstances", InstanceIds: InstanceIds }
    /// }
    /// ```
    pub HardcodedInstanceId { name: "hardcoded-instance-id", default: Warning, fix: Never }
}

static INSTANCE_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bi-(?:[0-9a-f]{17}|[0-9a-f]{8})\b").expect("invariant: valid regex")
});

pub(crate) fn check(cx: &mut LintContext<'_>) {
    let mut found: Vec<(&Node, std::ops::Range<usize>)> = Vec::new();
    for_each_string(cx.doc, &mut |place, node| {
        if place.is_prose() || matches!(place, Place::ParamAttr(_)) {
            return;
        }
        let Some(s) = node.as_str() else { return };
        for m in INSTANCE_ID.find_iter(s) {
            // Example IDs made of one repeated digit or `1234567890abcdef0` are placeholders.
            let hex = m.as_str().trim_start_matches("i-");
            if hex.starts_with("1234567890") || hex.chars().all(|c| c == '0' || c == 'x') {
                continue;
            }
            found.push((node, m.range()));
        }
    });
    for (node, range) in found {
        let span = cx.locate(node, range);
        let d = cx
            .finding(span, "hard-coded instance ID")
            .with_label("this instance")
            .with_help("target nodes by tag or resource group (`Targets: [{Key: \"tag:Role\", Values: [\"web\"]}]`) or take the IDs as a parameter");
        cx.report(d);
    }
}
