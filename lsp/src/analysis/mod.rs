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
mod calls;
mod complete;
mod complete_ctx;
mod fixes;
mod hover;
mod index;
mod lexicon;
mod navigate;
mod outline;
mod python_hover;
mod raw;
mod raw_calls;
mod raw_inputs;
mod refs;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_aws;
#[cfg(test)]
mod tests_calls;
#[cfg(test)]
mod tests_editors;
#[cfg(test)]
mod tests_ide;
#[cfg(test)]
mod tests_memory;
#[cfg(test)]
mod tests_python;
#[cfg(test)]
mod tests_raw;
mod tokens;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ssmc_core::awsapi::Overlay;
use ssmc_core::catalog::Catalog;
use ssmc_core::documents::Documents;
use ssmc_core::lint::LintConfig;
use ssmc_core::lower::FileLoader;
use ssmc_core::pipeline::{Neighbour, Neighbours};
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
/// What it lends a compile is what `ssmc lint` of the project takes from it:
/// its action declarations and its documents' names (see [`Surroundings`]).
#[derive(Debug, Clone, Copy)]
pub struct ContextFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// Whether a file's text may declare an action (`action …`, `extern action …`)
/// or a document another may call (a `.rbk` document, a raw document's
/// `parameters`): a cheap text test for whether an edit of it may change
/// other files' analyses.
pub fn declares_actions(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim_start();
        t.starts_with("action ")
            || t.starts_with("extern action ")
            || t.starts_with("automation ")
            || t.starts_with("command ")
            || t.starts_with("\"parameters\"")
            || t.starts_with("parameters:")
    })
}

/// The project's other `.rbk` files as an analysis sees them: one source map
/// holding the stdlib and each of those files under an id of its own, and
/// what each lends the compile (`pipeline::Neighbour`: declarations and
/// document names), ordered by path as `ssmc lint` orders the files. Cheap to
/// clone (shared files); the server keeps one and brings a file's entry up to
/// date only when that file changes.
#[derive(Debug, Clone)]
pub struct Surroundings {
    pub sources: SourceMap,
    /// By path; an analysis leaves out the entry of its own path.
    pub neighbours: Vec<(PathBuf, Arc<Neighbour>)>,
}

impl Default for Surroundings {
    fn default() -> Surroundings {
        Surroundings {
            sources: stdlib().0.clone(),
            neighbours: Vec::new(),
        }
    }
}

impl Surroundings {
    /// The surroundings made of `context` (each file parsed here), ordered by name.
    pub fn of(context: &[ContextFile<'_>]) -> Surroundings {
        let mut out = Surroundings::default();
        for c in context {
            let file = out.sources.add(c.name, c.text);
            let text = out.sources.get(file).map(|f| f.text.clone());
            let neighbour = Neighbour::of_file(file, c.name, text.as_deref().unwrap_or_default());
            out.neighbours
                .push((PathBuf::from(c.name), Arc::new(neighbour)));
        }
        out.neighbours.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// The neighbours ordered before and after the file at `path`, without it.
    fn around(&self, path: &Path) -> (Vec<&Neighbour>, Vec<&Neighbour>) {
        let before = self
            .neighbours
            .iter()
            .filter(|(p, _)| p.as_path() < path)
            .map(|(_, n)| &**n)
            .collect();
        let after = self
            .neighbours
            .iter()
            .filter(|(p, _)| p.as_path() > path)
            .map(|(_, n)| &**n)
            .collect();
        (before, after)
    }
}

/// How the analysed document stands in its project.
#[derive(Clone, Copy)]
pub struct Place<'a> {
    /// Its path (orders it among the [`Surroundings`]; a document without
    /// one gives its URI).
    pub path: &'a Path,
    pub surroundings: &'a Surroundings,
    /// The AWS API models of the project (`[aws-api] models` of `ssmc.toml`).
    pub models: &'a Overlay,
    /// Documents the project calls from outside it (`[documents] paths`).
    pub documents: &'a Documents,
    /// The project's lint settings.
    pub lint: &'a LintSettings,
    /// Findings from outside the core (shellcheck) for this text, given to
    /// the verdict so its one suppression pass covers them.
    pub external: Option<verdict::External<'a>>,
}

/// Everything known about one document at one version.
#[derive(Debug)]
pub struct Analysis {
    /// The normalised text all offsets refer to (shared with its line index
    /// and its file in `sources`).
    pub text: Arc<str>,
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
    /// The documents of a JSON/YAML SSM document as read (for `import_rbk`).
    /// Empty for a `.rbk` source: no query reads its lowered documents, and
    /// they were a quarter of what an open runbook kept.
    pub documents: Vec<ssmc_core::model::Document>,
    /// The Python of its `aws:executeScript` steps, for hover on boto3 calls
    /// (`python_hover.rs`): kept apart, as `.rbk` analyses keep no documents.
    scripts: Vec<python_hover::ScriptSite>,
    /// The project's lint settings this analysis applied (a `[lint] ignore`d
    /// document is outside the project, as `ssmc lint` walks it: no diagnostics).
    pub lint: LintSettings,
    /// A JSON/YAML SSM document (`raw.rs`), not a `.rbk` source.
    pub raw: Option<ssmc_core::codegen::Format>,
    /// One of its findings (capped or not) names the closest of every known
    /// document name (a call to an unknown document): any document another
    /// file adds or drops may change it (the server's re-analysis rule).
    pub hints_every_document: bool,
}

/// Whether any of `found` hints at the closest of every document name.
fn hints_every_document(found: &[Diagnostic]) -> bool {
    use ssmc_core::check::codes::{UNKNOWN_DOCUMENT, UNKNOWN_PROJECT_DOCUMENT};
    found
        .iter()
        .any(|d| d.code == UNKNOWN_DOCUMENT || d.code == UNKNOWN_PROJECT_DOCUMENT)
}

/// What the project's `ssmc.toml` (`[lint]`) says about linting a document,
/// as `ssmc lint` applies it.
#[derive(Debug, Clone, Default)]
pub struct LintSettings {
    /// Rule levels (`[lint.rules]`).
    pub config: LintConfig,
    /// The document matches a `[lint] ignore` pattern: no diagnostics.
    pub ignored: bool,
    /// Why `ssmc.toml` could not be used (its levels are then not applied);
    /// shown as a warning at the top of the document.
    pub fault: Option<String>,
    /// `[lint] docs_url`: where diagnostics' codes link to.
    pub docs_url: Option<String>,
    /// `[lint.shellcheck] exclude` and `budget_seconds`, for the external linter.
    pub shellcheck_exclude: Option<Vec<String>>,
    pub shellcheck_budget: Option<u64>,
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

/// The error at the top of a document whose project's `ssmc.toml` is unusable
/// (its levels are then not applied; `ssmc lint` stops on it with exit 2).
fn config_fault(file: FileId, lint: &LintSettings) -> Option<Diagnostic> {
    let fault = lint.fault.as_ref()?;
    Some(
        Diagnostic::error(
            CONFIG_FAULT_CODE,
            ssmc_core::Span::new(file, 0, 0),
            format!("{fault}; its settings are not applied"),
        )
        .with_help("fix ssmc.toml (see docs/lint-ci.md); `ssmc check` and `ssmc lint` stop on it"),
    )
}

impl Analysis {
    /// Compiles `text` as the file `name` (parse, lower, check with the stdlib catalog).
    pub fn new(name: &str, text: &str, loader: &dyn FileLoader) -> Analysis {
        Analysis::with_context(name, text, loader, &[])
    }

    /// Compiles `text` as the file `name` among the workspace files of
    /// `context` (their declarations and document names reach this file as
    /// they reach `ssmc lint`); only this file's diagnostics are kept.
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
        let surroundings = Surroundings::of(context);
        let place = Place {
            path: Path::new(name),
            surroundings: &surroundings,
            models,
            documents: &Documents::default(),
            lint: &LintSettings::default(),
            external: None,
        };
        Analysis::in_project(name, text, loader, place)
    }

    /// The one verdict (`ssmc_core::verdict`) on `text` as the file `name`,
    /// at its place in the project, as `ssmc lint` computes it; only this
    /// file's diagnostics are kept.
    pub fn in_project(
        name: &str,
        text: &str,
        loader: &dyn FileLoader,
        place: Place<'_>,
    ) -> Analysis {
        let lint = place.lint;
        // JSON/YAML SSM documents, and the templates that embed them, as
        // `ssmc lint` tells them apart.
        match Kind::of_file(name, text) {
            Kind::Rbk => {}
            kind => return raw::analyse(name, text, kind, place),
        }
        let mut sources = place.surroundings.sources.clone();
        let file = sources.add(name, text);
        // The one copy of the text: the source map's, shared by the
        // analysis and its line index.
        let normalised: Arc<str> = sources
            .get(file)
            .map(|f| f.text.clone())
            .unwrap_or_default();
        let inputs = [Input {
            file,
            kind: Kind::Rbk,
            name: String::new(),
            lint: true,
        }];
        let mut catalog = stdlib().1.clone();
        catalog.aws_models = place.models.clone();
        catalog.documents = place.documents.clone();
        let options = verdict::Options {
            lint: &lint.config,
            external: place.external,
        };
        let (before, after) = place.surroundings.around(place.path);
        let neighbours = Neighbours {
            before: &before,
            after: &after,
        };
        let judged = verdict::judge_among(
            &mut sources,
            &inputs,
            neighbours,
            loader,
            catalog,
            Vec::new(),
            options,
        );
        let mine: Vec<Diagnostic> = judged
            .diagnostics
            .into_iter()
            // A `[lint] ignore`d file is outside the project, as `ssmc lint` walks it.
            .filter(|d| d.primary.span.file == file && !lint.ignored)
            .collect();
        let hints_every_document = hints_every_document(&mine);
        // What `ssmc lint` shows of the file: its first ones and a summary.
        let mut diagnostics = ssmc_core::cap::per_file(&mine);
        let compilation = judged.compilation;
        let this = compilation.files.into_iter().find(|f| f.file == file);
        diagnostics.splice(0..0, config_fault(file, lint));
        let (ast, parsed_clean, documents) = this
            .map(|f| (f.ast, f.parsed_clean, f.documents))
            .unwrap_or_default();
        let (occurrences, defs) = index::collect(&ast, &normalised);
        calls::add_aws_views(&mut sources, &compilation.catalog.documents, &documents);
        let scripts = python_hover::script_sites(&documents);
        Analysis {
            index: LineIndex::of_shared(normalised.clone()),
            text: normalised,
            file,
            ast,
            parsed_clean,
            diagnostics,
            catalog: compilation.catalog,
            sources,
            occurrences,
            defs,
            documents: Vec::new(),
            scripts,
            lint: lint.clone(),
            raw: None,
            hints_every_document,
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

    /// The name and line index of a file of the compile (this one, stdlib, workspace).
    pub fn file_info(&self, file: FileId) -> Option<(&str, &LineIndex)> {
        self.sources.get(file).map(|f| (f.name.as_str(), &f.lines))
    }
}
