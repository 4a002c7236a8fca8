use crate::declare_rule;
use crate::lint::LintContext;

declare_rule! {
    /// ## What it does
    /// Runs `shellcheck` (when it is on PATH) on every embedded shell script
    /// (`aws:runShellScript` steps, `AWS-RunShellScript` commands) and reports its
    /// findings at the line and column in the document. The CLI runs it: the compiler
    /// core runs no programs.
    ///
    /// ## Why is this bad?
    /// Shell scripts in documents are code that nobody tests locally: unquoted
    /// variables, `cd` without `|| exit`, and typos in `[ ]` tests fail on the node at
    /// run time, in the middle of an incident.
    ///
    /// ## Example
    /// ```rbk
    /// command Clean {
    ///   step Run = aws:runShellScript { runCommand: ["rm -rf $DIR/*"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// command Clean {
    ///   step Run = aws:runShellScript { runCommand: ["rm -rf \"${DIR:?}\"/*"] }
    /// }
    /// ```
    pub Shellcheck { name: "shellcheck", default: Warning, fix: Never, external: true }
}

/// Nothing to do in the core: see `ssmc lint` (compiler/cli/src/commands/lint.rs).
pub(crate) fn check(_cx: &mut LintContext<'_>) {}
