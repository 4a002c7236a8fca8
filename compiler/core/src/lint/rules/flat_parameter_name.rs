use crate::declare_rule;
use crate::lint::walk::{all_steps, for_each_string, input};
use crate::lint::LintContext;
use crate::model::{Node, Value};
use crate::span::Span;
use crate::syntax::refs::{find_refs, RefKind};

declare_rule! {
    /// ## What it does
    /// Flags a Parameter Store name that is not a hierarchy (`/app/env/name`) or that
    /// is deeper than 15 levels: in `{{ssm:…}}`, `{{ssm-secure:…}}`, `{{resolve:ssm:…}}`
    /// references and in the `Name`/`Names` of `ssm` API calls.
    ///
    /// ## Why is this bad?
    /// Flat names collide across applications and environments, and IAM policies cannot
    /// grant access to `/app/prod/*` without a hierarchy. Parameter Store refuses names
    /// with more than 15 levels.
    ///
    /// ## Example
    /// ```rbk
    /// command Show {
    ///   step Run = aws:runShellScript { runCommand: ["echo {{ssm:DbHost}}"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// command Show {
    ///   step Run = aws:runShellScript { runCommand: ["echo {{ssm:/shop/prod/db-host}}"] }
    /// }
    /// ```
    pub FlatParameterName { name: "flat-parameter-name", default: Warning, fix: Never }
}

/// The problem with a Parameter Store name, if any.
fn problem(name: &str) -> Option<String> {
    let name = name.trim();
    // `name:3` or `name:label` selects a version.
    let base = name.split(':').next().unwrap_or(name);
    if base.is_empty() || base.contains("{{") || base.contains('$') || base.starts_with("arn:") {
        return None;
    }
    if !base.starts_with('/') {
        return Some(format!("parameter name `{base}` is not a hierarchy"));
    }
    let levels = base.trim_matches('/').split('/').count();
    (levels > 15).then(|| format!("parameter name `{base}` has {levels} levels (at most 15)"))
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    let mut found: Vec<(Span, String)> = Vec::new();
    for_each_string(cx.doc, &mut |place, node| {
        if place.is_prose() {
            return;
        }
        let Some(s) = node.as_str() else { return };
        for r in find_refs(s) {
            let name = match r.kind {
                RefKind::Ssm | RefKind::SsmSecure => r.name.as_str(),
                RefKind::Resolve => match r
                    .name
                    .strip_prefix("ssm:")
                    .or_else(|| r.name.strip_prefix("ssm-secure:"))
                {
                    Some(n) => n,
                    None => continue,
                },
                _ => continue,
            };
            if let Some(p) = problem(name) {
                found.push((
                    crate::lint::locate_in(node, r.range.clone(), cx.info.source),
                    p,
                ));
            }
        }
    });
    for step in all_steps(cx.doc) {
        if step.action_str() != "aws:executeAwsApi"
            || !input(step, "Service")
                .and_then(Node::as_str)
                .is_some_and(|s| s.eq_ignore_ascii_case("ssm"))
            || !input(step, "Api")
                .and_then(Node::as_str)
                .is_some_and(|a| a.contains("Parameter"))
        {
            continue;
        }
        for key in ["Name", "Names"] {
            let Some(n) = input(step, key) else { continue };
            let items: Vec<&Node> = match &n.value {
                Value::List(l) => l.iter().collect(),
                _ => vec![n],
            };
            for item in items {
                if let Some(p) = item.as_str().and_then(problem) {
                    found.push((item.span, p));
                }
            }
        }
    }
    for (span, message) in found {
        let d = cx
            .finding(span, message)
            .with_help("name parameters by hierarchy, `/app/env/name` (at most 15 levels), so IAM can scope access by path");
        cx.report(d);
    }
}
