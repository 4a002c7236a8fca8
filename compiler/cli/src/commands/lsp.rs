//! `ssmc lsp`: the language server (crate `ssmc-lsp`), given the linter that
//! needs a program: shellcheck (rule SSM209), which the server runs when a
//! runbook is opened or saved (never on a keystroke) as the verdict's
//! external hook, as `ssmc lint` does: the project's level for the rule, and
//! the file's `// ssmc: allow(…)` in the verdict's one suppression pass.

use std::sync::OnceLock;

use ssmc_core::lint::registry;
use ssmc_core::model::Document;
use ssmc_core::span::FileId;
use ssmc_core::Diagnostic;

/// shellcheck for the language server.
struct Shellcheck {
    /// Whether `shellcheck` runs here, asked once.
    available: OnceLock<bool>,
}

impl ssmc_lsp::ExternalLint for Shellcheck {
    fn lint(
        &self,
        file: FileId,
        text: &str,
        documents: &[Document],
        settings: &ssmc_lsp::analysis::LintSettings,
    ) -> Vec<Diagnostic> {
        if registry::find("shellcheck")
            .and_then(|r| settings.config.level(r))
            .is_none()
        {
            return Vec::new();
        }
        if !*self.available.get_or_init(super::shellcheck::available) {
            return Vec::new();
        }
        // A new run per file (all its documents in one process): its own
        // time budget; no cache (the server runs it only on open and save).
        let run = super::shellcheck::Settings::of_project(
            settings.shellcheck_exclude.as_deref(),
            settings.shellcheck_budget,
        );
        super::shellcheck::Shellcheck::start(run)
            .map(|sc| sc.check(documents, (file, text)))
            .unwrap_or_default()
    }
}

pub fn run() -> u8 {
    ssmc_lsp::set_external_lint(Box::new(Shellcheck {
        available: OnceLock::new(),
    }));
    ssmc_lsp::run()
}
