use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::lint::walk::{all_steps, input};
use crate::lint::LintContext;

declare_rule! {
    /// ## What it does
    /// Flags an `aws:executeScript` `Runtime` that AWS has deprecated (`python3.6`,
    /// `python3.7`, `python3.8`, `PowerShell Core 6.0`, `PowerShell 7.0`) and offers the
    /// supported one (`python3.11`, `PowerShell 7.4`) as a fix.
    ///
    /// ## Why is this bad?
    /// Deprecated runtimes get no security updates and are removed; AWS then fails the
    /// step. AWS's own runbooks use `python3.11`.
    ///
    /// ## Example
    /// ```rbk
    /// automation Hello {
    ///   step Run = aws:executeScript { Runtime: "python3.6", Handler: "main", Script: "def main(events, context):\n    return {}\n" }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// automation Hello {
    ///   step Run = aws:executeScript { Runtime: "python3.11", Handler: "main", Script: "def main(events, context):\n    return {}\n" }
    /// }
    /// ```
    pub DeprecatedRuntime { name: "deprecated-runtime", default: Warning, fix: Always }
}

/// Deprecated runtime → its supported replacement.
const REPLACEMENTS: &[(&str, &str)] = &[
    ("python3.6", "python3.11"),
    ("python3.7", "python3.11"),
    ("python3.8", "python3.11"),
    ("PowerShell Core 6.0", "PowerShell 7.4"),
    ("PowerShell 7.0", "PowerShell 7.4"),
];

pub(crate) fn check(cx: &mut LintContext<'_>) {
    let mut found = Vec::new();
    for step in all_steps(cx.doc) {
        if step.action_str() != "aws:executeScript" {
            continue;
        }
        let Some(node) = input(step, "Runtime") else {
            continue;
        };
        let Some(old) = node.as_str() else { continue };
        let Some((_, new)) = REPLACEMENTS.iter().find(|(o, _)| *o == old) else {
            continue;
        };
        let span = cx.locate(node, 0..old.len());
        // The edit is exact only where the located text is the old value itself.
        let exact = cx
            .source_of(span)
            .map_or(span.len() == old.len(), |t| t == old);
        found.push((span, old.to_string(), *new, exact));
    }
    for (span, old, new, exact) in found {
        let mut d = cx
            .finding(span, format!("runtime `{old}` is deprecated"))
            .with_label(format!("use `{new}`"))
            .with_help(format!(
                "AWS removes deprecated runtimes; `{new}` is supported"
            ));
        if exact {
            // Unsafe: the script then runs on another interpreter, whose
            // behaviour can differ (removed modules, changed defaults).
            d = d.with_fix(Fix::unsafe_(
                format!("use `{new}`"),
                vec![Edit {
                    span,
                    replacement: new.to_string(),
                }],
            ));
        }
        cx.report(d);
    }
}
