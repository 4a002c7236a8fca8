//! `ssmc lsp`: the language server (crate `ssmc-lsp`), given the linter that
//! needs a program: shellcheck (rule SSM209), which the server runs when a
//! runbook is opened or saved (never on a keystroke), as `ssmc lint` does:
//! the project's level for the rule and the file's `// ssmc: allow(…)` apply.

use std::sync::OnceLock;

use ssmc_core::lint::suppress::{self, CommentStyle};
use ssmc_core::lint::{registry, LintConfig};
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
        config: &LintConfig,
    ) -> Vec<Diagnostic> {
        if registry::find("shellcheck")
            .and_then(|r| config.level(r))
            .is_none()
        {
            return Vec::new();
        }
        if !*self.available.get_or_init(super::shellcheck::available) {
            return Vec::new();
        }
        // A new run per document: its own time budget; no cache (the server
        // runs it only on open and save).
        let Some(sc) = super::shellcheck::Shellcheck::start(super::shellcheck::Settings::default())
        else {
            return Vec::new();
        };
        let found = sc.check(documents, (file, text));
        let sups = suppress::collect(file, text, CommentStyle::Slashes);
        // Unused-suppression findings come with the server's other lint findings.
        suppress::apply(found, &sups, config)
            .into_iter()
            .filter(|d| d.code == ssmc_core::lint::registry::SHELLCHECK)
            .collect()
    }
}

pub fn run() -> u8 {
    ssmc_lsp::set_external_lint(Box::new(Shellcheck {
        available: OnceLock::new(),
    }));
    ssmc_lsp::run()
}
