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

mod complete;
mod hover;
mod index;
mod outline;
#[cfg(test)]
mod tests;

use ssmc_core::catalog::Catalog;
use ssmc_core::lower::FileLoader;
use ssmc_core::pipeline;
use ssmc_core::span::{FileId, LineIndex, SourceMap};
use ssmc_core::syntax::ast;
use ssmc_core::Diagnostic;
#[cfg(test)]
use ssmc_core::Span;

pub use complete::{CompletionItem, CompletionKind};
pub use hover::HoverInfo;
pub use index::{DocDefs, NameDef, Occurrence, StepDef, Target};
pub use outline::{Symbol, SymbolKind};

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
    /// Every name use and definition, for hover and definition.
    occurrences: Vec<Occurrence>,
    /// What each document of the file defines, indexed like `Occurrence::doc`.
    defs: Vec<DocDefs>,
}

/// The linter's findings (`SSMxxx`, default rule levels,
/// `// ssmc: allow(rule) reason` suppressions applied). The linter re-parses and lowers the file itself,
/// against a stdlib-only catalog (it loads the file's own declarations).
fn lint_findings(
    sources: &mut SourceMap,
    file: FileId,
    text: &str,
    loader: &dyn FileLoader,
) -> Vec<Diagnostic> {
    let (stdlib, _) = ssmc_core::catalog::load_stdlib(sources);
    let config = ssmc_core::lint::LintConfig::default();
    ssmc_core::lint::source::lint_rbk(file, text, &stdlib, &config, loader)
        .into_iter()
        .filter(|d| d.code.starts_with("SSM") && d.primary.span.file == file)
        .collect()
}

impl Analysis {
    /// Compiles `text` as the file `name` (parse, lower, check with the stdlib catalog).
    pub fn new(name: &str, text: &str, loader: &dyn FileLoader) -> Analysis {
        let mut sources = SourceMap::new();
        let file = sources.add(name, text);
        let normalised: String = sources
            .get(file)
            .map(|f| f.text.to_string())
            .unwrap_or_default();
        let compilation = pipeline::compile(&mut sources, &[file], loader);
        let mut diagnostics: Vec<Diagnostic> = compilation
            .diagnostics
            .into_iter()
            .filter(|d| d.primary.span.file == file)
            .collect();
        if !diagnostics.iter().any(Diagnostic::is_error) {
            diagnostics.extend(lint_findings(&mut sources, file, &normalised, loader));
            ssmc_core::diagnostic::sort(&mut diagnostics);
        }
        let (ast, parsed_clean) = compilation
            .files
            .into_iter()
            .find(|f| f.file == file)
            .map(|f| (f.ast, f.parsed_clean))
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
            occurrences,
            defs,
        }
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
}
