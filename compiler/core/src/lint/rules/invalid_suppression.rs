use crate::declare_rule;
use crate::lint::LintContext;

declare_rule! {
    /// ## What it does
    /// Flags a suppression comment (`ssmc: allow(rule-name) reason`) that gives no
    /// reason or names a rule that does not exist. Reported by `lint::suppress`.
    ///
    /// ## Why is this bad?
    /// A suppression is a decision; without its reason the next reader cannot tell a
    /// considered exception from a silenced bug. A misspelt rule name silences nothing.
    ///
    /// ## Example
    /// ```rbk
    /// command Show {
    ///   // ssmc: allow(flat-parameter-name)
    ///   step Run = aws:runShellScript { runCommand: ["echo {{ssm:DbHost}}"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// command Show {
    ///   // ssmc: allow(flat-parameter-name) legacy name shared with the old stack until 2027
    ///   step Run = aws:runShellScript { runCommand: ["echo {{ssm:DbHost}}"] }
    /// }
    /// ```
    pub InvalidSuppression { name: "invalid-suppression", default: Warning, fix: Never, external: true }
}

/// Reported by [`crate::lint::suppress::apply`], which sees the comments.
pub(crate) fn check(_cx: &mut LintContext<'_>) {}
