use std::sync::LazyLock;

use regex::Regex;

use crate::declare_rule;
use crate::lint::walk::{all_steps, input};
use crate::lint::LintContext;

declare_rule! {
    /// ## What it does
    /// Flags an `aws:sleep` `Duration` that is not an ISO 8601 duration (`PT10M`,
    /// `PT1H30M`, `P1D`): `10M`, `10 minutes`, `600`.
    ///
    /// ## Why is this bad?
    /// The step fails when it runs, after every step before it has made its changes.
    ///
    /// ## Example
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Wait for the cache to drain.
    /// mainSteps:
    ///   - name: Drain
    ///     action: aws:sleep
    ///     inputs: {Duration: 10M}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// schemaVersion: "0.3"
    /// description: Wait for the cache to drain.
    /// mainSteps:
    ///   - name: Drain
    ///     action: aws:sleep
    ///     inputs: {Duration: PT10M}
    /// ```
    pub InvalidSleepDuration { name: "invalid-sleep-duration", default: Error, fix: Never }
}

static ISO_8601: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^P(?:\d+W|(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?)$")
        .expect("invariant: the pattern is a valid regex")
});

/// Whether `d` is an ISO 8601 duration with at least one part.
pub fn is_duration(d: &str) -> bool {
    ISO_8601.is_match(d) && d != "P" && !d.ends_with('T')
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    let mut found = Vec::new();
    for step in all_steps(cx.doc) {
        if step.action_str() != "aws:sleep" {
            continue;
        }
        let Some(node) = input(step, "Duration") else {
            continue;
        };
        let Some(d) = node.as_str() else { continue };
        if d.contains("{{") || is_duration(d) {
            continue;
        }
        found.push((node.span, d.to_string()));
    }
    for (span, d) in found {
        let f = cx
            .finding(
                span,
                format!("`Duration` `{d}` is not an ISO 8601 duration"),
            )
            .with_help(
                "write it as ISO 8601: `PT10M` (10 minutes), `PT1H30M`, `P1D`; or use `Timestamp`",
            );
        cx.report(f);
    }
}
