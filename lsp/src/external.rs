//! Lint findings of programs the server does not run on each keystroke
//! (shellcheck, rule SSM209): the binary that starts the server gives an
//! [`ExternalLint`]; the server runs it when a document is opened or saved,
//! off the message loop, as the verdict's external hook
//! (`ssmc_core::verdict::External`), so its findings go through the one
//! suppression pass with every other finding, as in `ssmc lint`. The raw
//! findings are kept with the text they were found in and given to the
//! verdict again while the text is unchanged (they come back at the next
//! save once it changes).
//!
//! Input: a file's lowered documents, its normalised text and its lint
//! levels. Output: diagnostics in that file, before suppression.
//! Invariant: the language server crate runs no programs itself; without a
//! registered linter nothing here runs.

use std::sync::OnceLock;

use ssmc_core::model::Document;
use ssmc_core::span::{FileId, Span};
use ssmc_core::Diagnostic;

/// A linter that needs a program (so never runs on a keystroke).
pub trait ExternalLint: Send + Sync {
    /// Findings on `documents` (all of the file's at once), lowered from
    /// `text` (the file `file`), as the project's `settings` say (rule
    /// levels, `[lint.shellcheck]`); suppression comments are the verdict's
    /// to apply.
    fn lint(
        &self,
        file: FileId,
        text: &str,
        documents: &[Document],
        settings: &crate::analysis::LintSettings,
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

/// Findings an external linter gave for one text, kept for the analyses of
/// that same text (a re-analysis because another file changed).
#[derive(Debug, Clone)]
pub(crate) struct Kept {
    /// The document's text (as the client has it) they were found in.
    pub text: String,
    /// The file id of the analysis that found them.
    pub file: FileId,
    pub found: Vec<Diagnostic>,
}

impl Kept {
    /// The findings with every place moved to `file` (each analysis gives
    /// the document a file id of its own).
    pub fn in_file(&self, file: FileId) -> Vec<Diagnostic> {
        let from = self.file;
        let at = |s: Span| {
            if s.file == from {
                Span { file, ..s }
            } else {
                s
            }
        };
        self.found
            .iter()
            .cloned()
            .map(|mut d| {
                d.primary.span = at(d.primary.span);
                for l in &mut d.secondary {
                    l.span = at(l.span);
                }
                if let Some(fix) = &mut d.fix {
                    for e in &mut fix.edits {
                        e.span = at(e.span);
                    }
                }
                d
            })
            .collect()
    }
}
