use crate::declare_rule;
use crate::lint::walk::{all_steps, input};
use crate::lint::LintContext;

declare_rule! {
    /// ## What it does
    /// Flags an `aws:executeScript` step whose `Runtime` is none SSM runs (`python3.99`,
    /// `python`), or a Python one without a `Handler` (the function SSM calls).
    ///
    /// ## Why is this bad?
    /// SSM rejects the document when it is created (`Runtime`), or the step fails at run
    /// time without running any of the script (`Handler`).
    ///
    /// ## Example
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Say hello.
    /// mainSteps:
    ///   - name: Hello
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3
    ///       Script: "def main(events, context):\n    return {}\n"
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Say hello.
    /// mainSteps:
    ///   - name: Hello
    ///     action: aws:executeScript
    ///     inputs:
    ///       Runtime: python3.11
    ///       Handler: main
    ///       Script: "def main(events, context):\n    return {}\n"
    /// ```
    pub InvalidExecuteScript { name: "invalid-execute-script", default: Error, fix: Never }
}

/// Every runtime `aws:executeScript` has accepted (deprecated ones are
/// `deprecated-runtime`'s business).
const RUNTIMES: &[&str] = &[
    "python3.6",
    "python3.7",
    "python3.8",
    "python3.9",
    "python3.10",
    "python3.11",
    "python3.12",
    "python3.13",
    "PowerShell Core 6.0",
    "PowerShell 7.0",
    "PowerShell 7.2",
    "PowerShell 7.4",
];

pub(crate) fn check(cx: &mut LintContext<'_>) {
    let mut found = Vec::new();
    for step in all_steps(cx.doc) {
        if step.action_str() != "aws:executeScript" {
            continue;
        }
        let runtime = input(step, "Runtime");
        let value = runtime.and_then(|r| r.as_str());
        if let (Some(node), Some(v)) = (runtime, value) {
            if !v.contains("{{") && !RUNTIMES.contains(&v) {
                let meant = RUNTIMES
                    .iter()
                    .find(|r| r.eq_ignore_ascii_case(v))
                    .map_or_else(
                        || "one of `python3.11`, `PowerShell 7.4`".to_string(),
                        |r| format!("`{r}` (runtimes are case-sensitive)"),
                    );
                found.push((
                    node.span,
                    format!("unknown `aws:executeScript` runtime `{v}`"),
                    format!("use {meant}"),
                ));
            }
        }
        let python = value.is_some_and(|v| v.starts_with("python"));
        if python && input(step, "Handler").is_none() {
            found.push((
                step.name.span,
                format!(
                    "step `{}` runs a Python script without a `Handler`",
                    step.name_str()
                ),
                "name the function SSM calls: `Handler: main` for `def main(events, context):`"
                    .to_string(),
            ));
        }
    }
    for (span, message, help) in found {
        let d = cx.finding(span, message).with_help(help);
        cx.report(d);
    }
}
