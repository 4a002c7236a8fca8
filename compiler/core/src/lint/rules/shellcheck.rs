use crate::declare_rule;
use crate::lint::LintContext;

declare_rule! {
    /// ## What it does
    /// Runs `shellcheck` (when it is on PATH) on every embedded shell script
    /// (`aws:runShellScript` steps, `AWS-RunShellScript` commands) and reports its
    /// findings at the line and column in the document, also inside a script written
    /// as one JSON string. Each finding keeps shellcheck's level (error, warning;
    /// info and style are info). SC2317 (unreachable command: wrong for functions
    /// called from traps) and SC1091 (a sourced file that exists only on the node) are
    /// left out unless `[lint.shellcheck] exclude` says otherwise. `{{ Param }}` is
    /// shown to shellcheck as a shell expansion of the same length (`${PARAM___}`), as
    /// SSM pastes a value there. The CLI runs it (the compiler core runs no programs),
    /// with results cached by script and shellcheck version, and says in its summary
    /// whether shellcheck ran and which version.
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
