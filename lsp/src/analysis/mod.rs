//! The language server's protocol-free analysis of one open document.
//!
//! Input: a document's name and unsaved text, and a [`FileLoader`] for
//! `file(…)`. Output: an [`Analysis`] that answers diagnostics, formatting,
//! symbols, folding, hover, definition and completion queries in byte
//! offsets of the *normalised* text (`span::normalize_source`; CRLF → LF and
//! the BOM dropped, which keeps every line and column of the raw text except
//! a BOM's column on line 0).
//! Invariant: everything comes from the compiler's one pipeline
//! (`pipeline::compile`): no second parser or model. Queries never panic on
//! any offset (offsets past the end are clamped or answer nothing).

mod actions;
mod aws;
mod aws_text;
mod complete;
mod complete_ctx;
mod fixes;
mod hover;
mod index;
mod lexicon;
mod navigate;
mod outline;
mod raw;
mod refs;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_aws;
#[cfg(test)]
mod tests_editors;
#[cfg(test)]
mod tests_ide;
#[cfg(test)]
mod tests_raw;
mod tokens;

use ssmc_core::awsapi::Overlay;
use ssmc_core::catalog::Catalog;
use ssmc_core::lint::LintConfig;
use ssmc_core::lower::FileLoader;
use ssmc_core::span::{FileId, LineIndex, SourceMap};
use ssmc_core::syntax::ast;
use ssmc_core::verdict::{self, Input, Kind};
use ssmc_core::Diagnostic;
#[cfg(test)]
use ssmc_core::Span;

pub use actions::{CodeAction, CodeActionKind};
pub use complete::{CompletionItem, CompletionKind};
pub use hover::HoverInfo;
pub use index::{DocDefs, NameDef, Occurrence, StepDef, Target};
pub use navigate::{LensCommand, Signature};
pub use outline::{Symbol, SymbolKind};
pub use refs::{Edit, RenameError};
pub use tokens::{InlayHint, InlayKind, SemToken, TokenKind, TOKEN_KINDS};

/// Another file of the workspace: its name (the server uses its URI) and text.
/// Only files declaring actions take part in a compile (see [`Analysis::with_context`]).
#[derive(Debug, Clone, Copy)]
pub struct ContextFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

impl ContextFile<'_> {
    pub fn declares_actions(&self) -> bool {
        declares_actions(self.text)
    }
}

/// Whether a file's text may declare an action (`action …`, `extern action …`):
/// a cheap text test, so files that only hold documents are never compiled
/// along with the one being edited.
pub fn declares_actions(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim_start();
        t.starts_with("action ") || t.starts_with("extern action ")
    })
}

/// Everything known about one document at one version.
#[derive(Debug)]
pub struct Analysis {
    /// The normalised text all offsets refer to.
    pub text: String,
    pub index: LineIndex,
    pub file: FileId,
    pub ast: ast::SourceFileAst,
    pub parsed_clean: bool,
    /// Diagnostics whose primary place is in this document, sorted by place.
    pub diagnostics: Vec<Diagnostic>,
    pub catalog: Catalog,
    /// Every file of the compile (stdlib files are named `stdlib/actions/…`,
    /// workspace files by the name their [`ContextFile`] gave), for places
    /// outside this document.
    pub sources: SourceMap,
    /// Every name use and definition, for hover and definition.
    occurrences: Vec<Occurrence>,
    /// What each document of the file defines, indexed like `Occurrence::doc`.
    defs: Vec<DocDefs>,
    /// The lowered documents (for linters run outside the keystroke path).
    pub documents: Vec<ssmc_core::model::Document>,
    /// The project's lint settings this analysis applied.
    pub lint: LintSettings,
    /// A JSON/YAML SSM document (`raw.rs`), not a `.rbk` source.
    pub raw: Option<ssmc_core::codegen::Format>,
}

/// What the project's `ssmc.toml` (`[lint]`) says about linting a document,
/// as `ssmc lint` applies it.
#[derive(Debug, Clone, Default)]
pub struct LintSettings {
    /// Rule levels (`[lint.rules]`).
    pub config: LintConfig,
    /// The document matches a `[lint] ignore` pattern: no lint findings.
    pub ignored: bool,
    /// Why `ssmc.toml` could not be used (its levels are then not applied);
    /// shown as a warning at the top of the document.
    pub fault: Option<String>,
    /// `[lint] docs_url`: where diagnostics' codes link to.
    pub docs_url: Option<String>,
}

/// The code of the error that says the project's `ssmc.toml` is unusable.
pub const CONFIG_FAULT_CODE: ssmc_core::codes::Code = ssmc_core::project::codes::INVALID_CONFIG;

/// The stdlib's files and catalog, loaded once per process: every analysis
/// starts from a copy (the files keep their ids, so catalog spans stay right).
fn stdlib() -> &'static (SourceMap, Catalog) {
    static STDLIB: std::sync::OnceLock<(SourceMap, Catalog)> = std::sync::OnceLock::new();
    STDLIB.get_or_init(|| {
        let mut sources = SourceMap::new();
        let (catalog, _) = ssmc_core::catalog::load_stdlib(&mut sources);
        (sources, catalog)
    })
}

impl Analysis {
    /// Compiles `text` as the file `name` (parse, lower, check with the stdlib catalog).
    pub fn new(name: &str, text: &str, loader: &dyn FileLoader) -> Analysis {
        Analysis::with_context(name, text, loader, &[])
    }

    /// Compiles `text` as the file `name` together with the workspace files
    /// of `context` that declare actions (`pipeline::compile` over all of
    /// them, so their declarations reach this file as they reach `ssmc
    /// check`); only this file's diagnostics are kept.
    pub fn with_context(
        name: &str,
        text: &str,
        loader: &dyn FileLoader,
        context: &[ContextFile<'_>],
    ) -> Analysis {
        Analysis::with_models(name, text, loader, context, &Overlay::default())
    }

    /// [`Analysis::with_context`] with the workspace's own AWS API models
    /// (`[aws-api] models` of its `ssmc.toml`), as `ssmc check` uses them.
    pub fn with_models(
        name: &str,
        text: &str,
        loader: &dyn FileLoader,
        context: &[ContextFile<'_>],
        models: &Overlay,
    ) -> Analysis {
        let lint = LintSettings::default();
        Analysis::with_project(name, text, loader, context, models, &lint)
    }

    /// [`Analysis::with_models`] with the project's lint settings.
    pub fn with_project(
        name: &str,
        text: &str,
        loader: &dyn FileLoader,
        context: &[ContextFile<'_>],
        models: &Overlay,
        lint: &LintSettings,
    ) -> Analysis {
        if let Some(format) = ssmc_core::codegen::Format::from_path_ext(name) {
            return raw::analyse(name, text, format, models, lint);
        }
        let (stdlib_sources, stdlib_catalog) = stdlib();
        let mut sources = stdlib_sources.clone();
        let file = sources.add(name, text);
        let normalised: String = sources
            .get(file)
            .map(|f| f.text.to_string())
            .unwrap_or_default();
        let others: Vec<FileId> = context
            .iter()
            .filter(|c| c.name != name && c.declares_actions())
            .map(|c| sources.add(c.name, c.text))
            .collect();
        // The one verdict (`ssmc_core::verdict`), as `ssmc lint` computes it:
        // the context files only lend their declarations.
        let inputs: Vec<Input> = std::iter::once((file, !lint.ignored))
            .chain(others.iter().map(|&id| (id, false)))
            .map(|(id, lint)| Input {
                file: id,
                kind: Kind::Rbk,
                name: String::new(),
                lint,
            })
            .collect();
        let mut catalog = stdlib_catalog.clone();
        catalog.aws_models = models.clone();
        let options = verdict::Options {
            lint: &lint.config,
            external: None,
        };
        let judged = verdict::judge(&mut sources, &inputs, loader, catalog, Vec::new(), options);
        let mut diagnostics: Vec<Diagnostic> = judged
            .diagnostics
            .into_iter()
            .filter(|d| d.primary.span.file == file)
            .collect();
        let compilation = judged.compilation;
        let this = compilation.files.into_iter().find(|f| f.file == file);
        if let Some(fault) = &lint.fault {
            diagnostics.insert(
                0,
                Diagnostic::error(
                    CONFIG_FAULT_CODE,
                    ssmc_core::Span::new(file, 0, 0),
                    format!("{fault}; its settings are not applied"),
                )
                .with_help(
                    "fix ssmc.toml (see docs/lint-ci.md); `ssmc check` and `ssmc lint` stop on it",
                ),
            );
        }
        let (ast, parsed_clean, documents) = this
            .map(|f| (f.ast, f.parsed_clean, f.documents))
            .unwrap_or_default();
        let (occurrences, defs) = index::collect(&ast, &normalised);
        Analysis {
            index: LineIndex::new(&normalised),
            text: normalised,
            file,
            ast,
            parsed_clean,
            diagnostics,
            catalog: compilation.catalog,
            sources,
            occurrences,
            defs,
            documents,
            lint: lint.clone(),
            raw: None,
        }
    }

    /// The registered external linter's findings (shellcheck): none while
    /// the document has errors or `[lint] ignore` covers it, as in `ssmc lint`.
    pub fn external_findings(&self, external: &dyn crate::ExternalLint) -> Vec<Diagnostic> {
        if self.lint.ignored || self.diagnostics.iter().any(Diagnostic::is_error) {
            return Vec::new();
        }
        external.lint(self.file, &self.text, &self.documents, &self.lint.config)
    }

    /// The whole document in canonical format (the `ssmc fmt` engine), or
    /// `None` when it has syntax errors (formatting must never lose text).
    pub fn format(&self) -> Option<String> {
        if !self.parsed_clean {
            return None;
        }
        Some(ssmc_core::fmt::format_file(&self.ast, Some(&self.text)))
    }

    /// The innermost name use or definition at `offset`.
    pub fn occurrence_at(&self, offset: u32) -> Option<&Occurrence> {
        self.occurrences
            .iter()
            .filter(|o| o.span.start <= offset && offset <= o.span.end)
            .min_by_key(|o| o.span.len())
    }

    pub fn occurrences(&self) -> &[Occurrence] {
        &self.occurrences
    }

    pub fn defs(&self, doc: usize) -> Option<&DocDefs> {
        self.defs.get(doc)
    }

    /// The name and line index of a file of the compile (this one, stdlib, workspace).
    pub fn file_info(&self, file: FileId) -> Option<(&str, &LineIndex)> {
        self.sources.get(file).map(|f| (f.name.as_str(), &f.lines))
    }
}
