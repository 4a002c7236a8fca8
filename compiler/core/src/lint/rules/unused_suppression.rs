use crate::declare_rule;
use crate::lint::LintContext;

declare_rule! {
    /// ## What it does
    /// Flags a suppression comment that silences no finding on the line it covers.
    /// Reported by `lint::suppress`.
    ///
    /// ## Why is this bad?
    /// It is left over from a fixed problem, or sits on the wrong line and fails to
    /// silence what it was meant to; either way it misleads the reader.
    ///
    /// ## Example
    /// ```rbk
    /// command Show {
    ///   // ssmc: allow(flat-parameter-name) legacy name
    ///   step Run = aws:runShellScript { runCommand: ["echo {{ssm:/shop/prod/db-host}}"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// command Show {
    ///   step Run = aws:runShellScript { runCommand: ["echo {{ssm:/shop/prod/db-host}}"] }
    /// }
    /// ```
    pub UnusedSuppression { name: "unused-suppression", default: Warning, fix: Never, external: true }
}

/// Reported by [`crate::lint::suppress::apply`], which sees the comments.
pub(crate) fn check(_cx: &mut LintContext<'_>) {}
