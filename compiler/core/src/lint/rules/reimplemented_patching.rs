use std::sync::LazyLock;

use regex::Regex;

use crate::declare_rule;
use crate::lint::walk::{scripts, Lang};
use crate::lint::LintContext;

declare_rule! {
    /// ## What it does
    /// Flags a shell script that updates every package of a node (`yum update -y`,
    /// `dnf upgrade`, `apt-get upgrade`, `apt-get dist-upgrade`, `zypper update`) with no
    /// package named.
    ///
    /// ## Why is this bad?
    /// That is what the AWS-managed `AWS-RunPatchBaseline` does, with patch baselines
    /// (approved classifications and severities, auto-approval delays), compliance
    /// reporting in Patch Manager, and reboots handled. A script patches without a record.
    ///
    /// ## Example
    /// ```rbk
    /// command Patch {
    ///   step Update = aws:runShellScript { runCommand: ["yum update -y"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// automation Patch {
    ///   step Update = aws:runCommand {
    ///     DocumentName: "AWS-RunPatchBaseline",
    ///     Targets: [{ Key: "tag:Patch Group", Values: ["web"] }],
    ///     MaxConcurrency: "10%",
    ///     MaxErrors: "1",
    ///     Parameters: { Operation: ["Install"] },
    ///   }
    /// }
    /// ```
    pub ReimplementedPatching { name: "reimplemented-patching", default: Info, fix: Never }
}

static FULL_UPDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)(?:^|[;&|]\s*|\bsudo\s+)((?:yum|dnf)\s+(?:-[a-zA-Z]+\s+)*(?:update|upgrade)|apt(?:-get)?\s+(?:-[a-zA-Z-]+\s+)*(?:upgrade|dist-upgrade|full-upgrade)|zypper\s+(?:-[a-zA-Z-]+\s+)*(?:update|up|patch))(?:\s+-[a-zA-Z-]+)*\s*(?:$|[;&|#])",
    )
    .expect("invariant: valid regex")
});

pub(crate) fn check(cx: &mut LintContext<'_>) {
    let mut found = Vec::new();
    for script in scripts(cx.doc) {
        if script.lang != Lang::Shell {
            continue;
        }
        for node in &script.lines {
            let Some(text) = node.as_str() else { continue };
            for c in FULL_UPDATE.captures_iter(text) {
                if let Some(m) = c.get(1) {
                    found.push(cx.locate(node, m.range()));
                }
            }
        }
    }
    for span in found {
        let d = cx
            .finding(span, "script patches the node's packages itself")
            .with_label("updates every package")
            .with_help("run the AWS-managed `AWS-RunPatchBaseline` document instead: patch baselines, compliance reporting and reboots come with it");
        cx.report(d);
    }
}
