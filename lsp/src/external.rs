//! Lint findings of programs the server does not run on each keystroke
//! (shellcheck, rule SSM209): the binary that starts the server gives an
//! [`ExternalLint`]; the server runs it when a document is opened or saved,
//! off the message loop, and publishes its findings with the document's
//! other diagnostics until the text changes (they come back at the next save).
//!
//! Input: a document's lowered model, its normalised text and its lint
//! levels. Output: diagnostics in that file.
//! Invariant: the language server crate runs no programs itself; without a
//! registered linter nothing here runs.

use std::sync::OnceLock;

use ssmc_core::lint::LintConfig;
use ssmc_core::model::Document;
use ssmc_core::span::FileId;
use ssmc_core::Diagnostic;

/// A linter that needs a program (so never runs on a keystroke).
pub trait ExternalLint: Send + Sync {
    /// Findings on `documents`, lowered from `text` (the file `file`), at the
    /// rule levels of `config`, with the file's `// ssmc: allow(…)` applied.
    fn lint(
        &self,
        file: FileId,
        text: &str,
        documents: &[Document],
        config: &LintConfig,
    ) -> Vec<Diagnostic>;
}

static EXTERNAL: OnceLock<Box<dyn ExternalLint>> = OnceLock::new();

/// Registers the external linter (once per process, before serving).
pub fn set_external_lint(lint: Box<dyn ExternalLint>) {
    let _ = EXTERNAL.set(lint);
}

pub(crate) fn external_lint() -> Option<&'static dyn ExternalLint> {
    EXTERNAL.get().map(|b| &**b)
}
