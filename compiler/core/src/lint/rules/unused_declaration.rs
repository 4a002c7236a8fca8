use std::collections::HashSet;

use crate::declare_rule;
use crate::lint::walk::{all_steps, for_each_string};
use crate::lint::LintContext;
use crate::model::Node;
use crate::syntax::refs::{find_refs, RefKind};

declare_rule! {
    /// ## What it does
    /// Flags a parameter, a variable, or an Automation step output that nothing in the
    /// document uses (no `{{ Name }}`, `{{ variable:Name }}`, `{{ Step.Output }}`, no
    /// `aws:updateVariable`). Step outputs are checked in `.rbk` documents that list their
    /// `outputs` (otherwise callers may read any step output from the execution, as
    /// AWS-published runbooks expect).
    ///
    /// ## Why is this bad?
    /// Callers fill in parameters that change nothing, and readers look for an effect
    /// that is not there; often it is a typo or a step that was removed.
    ///
    /// ## Example
    /// ```rbk
    /// command Restart {
    ///   param Service: String
    ///   param Timeout: String = "60"
    ///   step Run = aws:runShellScript { runCommand: ["systemctl restart {{ Service }}"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// command Restart {
    ///   param Service: String
    ///   step Run = aws:runShellScript { runCommand: ["systemctl restart {{ Service }}"] }
    /// }
    /// ```
    pub UnusedDeclaration { name: "unused-declaration", default: Warning, fix: Never }
}

/// A parameter that exists to be set, not read: a consent or acknowledgement
/// (`Acknowledge`, `ThirdPartySoftwareConsent`), or one whose `allowedValues`
/// leave a single choice (`["Yes"]`): the execution cannot start until the
/// caller gives it, which is its whole job.
fn is_consent(p: &crate::model::Parameter) -> bool {
    let words = crate::lint::secrets::words(&p.name.name);
    let named = words.iter().any(|w| {
        matches!(
            w.as_str(),
            "acknowledge" | "acknowledgement" | "acknowledgment" | "consent" | "agree" | "accept"
        )
    });
    let single_choice = p
        .attrs
        .iter()
        .find(|(k, _)| k.name == "allowedValues")
        .and_then(|(_, v)| v.as_list())
        .is_some_and(|l| l.len() == 1);
    named || single_choice
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    let mut used_params: HashSet<String> = HashSet::new();
    let mut used_vars: HashSet<String> = HashSet::new();
    let mut used_outputs: HashSet<String> = HashSet::new();
    for_each_string(cx.doc, &mut |_, node| {
        let Some(s) = node.as_str() else { return };
        for r in find_refs(s) {
            match r.kind {
                RefKind::Param => {
                    used_params.insert(r.name);
                }
                RefKind::Variable => {
                    used_vars.insert(r.name);
                }
                RefKind::StepOutput => {
                    used_outputs.insert(r.name);
                }
                _ => {}
            }
        }
        // `variable:X` in `aws:updateVariable`, `Step.Out` in document `outputs`.
        if let Some(v) = s.strip_prefix("variable:") {
            used_vars.insert(v.to_string());
        }
        if s.contains('.') && !s.contains(' ') {
            used_outputs.insert(s.to_string());
        }
    });
    // `{{ X }}` where X is a variable also reads a variable.
    let mut found = Vec::new();
    for p in cx.doc.parameters.iter().flatten() {
        if !used_params.contains(&p.name.name) && !is_consent(p) {
            found.push((
                p.name.span,
                format!("parameter `{}` is never used", p.name.name),
            ));
        }
    }
    for v in cx.doc.variables.iter().flatten() {
        if !used_vars.contains(&v.name.name) && !used_params.contains(&v.name.name) {
            found.push((
                v.name.span,
                format!("variable `{}` is never used", v.name.name),
            ));
        }
    }
    // Step outputs are also read by people and callers through the execution's
    // details; only a document that lists its `outputs` says which ones matter.
    if cx.is_automation() && cx.doc.outputs.is_some() && cx.info.origin == crate::lint::Origin::Rbk
    {
        for step in all_steps(cx.doc) {
            for out in step.outputs.as_ref().and_then(Node::as_list).unwrap_or(&[]) {
                let Some(name) = out
                    .get("Name")
                    .and_then(|n| n.as_str().map(|s| (s, n.span)))
                else {
                    continue;
                };
                let full = format!("{}.{}", step.name_str(), name.0);
                if !used_outputs.contains(&full) {
                    found.push((name.1, format!("output `{full}` is never used")));
                }
            }
        }
    }
    for (span, message) in found {
        let d = cx
            .finding(span, message)
            .with_help("remove it, or use it where it was meant to be used");
        cx.report(d);
    }
}
