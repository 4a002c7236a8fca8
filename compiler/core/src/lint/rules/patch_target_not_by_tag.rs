use crate::declare_rule;
use crate::lint::walk::{all_steps, input};
use crate::lint::LintContext;
use crate::model::{Node, Value};
use crate::syntax::refs::find_refs;

declare_rule! {
    /// ## What it does
    /// Flags a patching command (`AWS-RunPatchBaseline`, `AWS-ApplyPatchBaseline`,
    /// `AWS-InstallWindowsUpdates`, …) in an `aws:runCommand` step that picks its nodes by
    /// a written list of instance IDs (in `InstanceIds` or a `Targets` entry with key
    /// `InstanceIds`) instead of by tag or resource group.
    ///
    /// ## Why is this bad?
    /// Patch baselines are chosen by the `Patch Group` tag, and environments by tags such
    /// as `Env`. A list of IDs drifts from the fleet, and the wrong baseline or
    /// environment gets patched.
    ///
    /// ## Example
    /// ```rbk
    /// automation Patch {
    ///   step Patch = aws:runCommand {
    ///     DocumentName: "AWS-RunPatchBaseline",
    ///     InstanceIds: ["i-0abc1234def567890", "i-0fed9876cba543210"],
    ///     Parameters: { Operation: ["Install"] },
    ///   }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// automation Patch {
    ///   step Patch = aws:runCommand {
    ///     DocumentName: "AWS-RunPatchBaseline",
    ///     Targets: [{ Key: "tag:Patch Group", Values: ["web-prod"] }],
    ///     MaxConcurrency: "10%",
    ///     MaxErrors: "1",
    ///     Parameters: { Operation: ["Install"] },
    ///   }
    /// }
    /// ```
    pub PatchTargetNotByTag { name: "patch-target-not-by-tag", default: Warning, fix: Never }
}

const PATCH_DOCUMENTS: &[&str] = &[
    "AWS-RunPatchBaseline",
    "AWS-ApplyPatchBaseline",
    "AWS-RunPatchBaselineAssociation",
    "AWS-RunPatchBaselineWithHooks",
    "AWS-InstallWindowsUpdates",
    "AWS-InstallMissingWindowsUpdates",
];

/// A written list of IDs: literal strings, not a `{{ Param }}` reference.
fn literal_ids(n: &Node) -> bool {
    match &n.value {
        Value::List(items) => {
            !items.is_empty()
                && items
                    .iter()
                    .all(|i| i.as_str().is_some_and(|s| find_refs(s).is_empty()))
        }
        Value::String(s) => find_refs(s).is_empty() && !s.is_empty(),
        _ => false,
    }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    for step in all_steps(cx.doc) {
        if step.action_str() != "aws:runCommand" {
            continue;
        }
        let Some(doc_name) = input(step, "DocumentName").and_then(Node::as_str) else {
            continue;
        };
        if !PATCH_DOCUMENTS.contains(&doc_name) {
            continue;
        }
        let mut at = None;
        if let Some(ids) = input(step, "InstanceIds").filter(|n| literal_ids(n)) {
            at = Some(ids.span);
        }
        for t in input(step, "Targets")
            .and_then(Node::as_list)
            .unwrap_or(&[])
        {
            let by_ids = t
                .get("Key")
                .and_then(Node::as_str)
                .is_some_and(|k| k.eq_ignore_ascii_case("InstanceIds"));
            if by_ids && t.get("Values").is_some_and(literal_ids) {
                at = at.or(Some(t.span));
            }
        }
        let Some(span) = at else { continue };
        let d = cx
            .finding(span, format!("`{doc_name}` targets a written list of instances"))
            .with_label("instance IDs, not tags")
            .with_help("target by the `Patch Group` (or environment) tag: `Targets: [{Key: \"tag:Patch Group\", Values: [\"…\"]}]`");
        cx.report(d);
    }
}
