//! Linting whole files: a `.rbk` source or a raw JSON/YAML document.
//!
//! Input: a file's normalised text (as held by the `SourceMap`), the catalog
//! and the config. Output: every finding of the file, suppressions applied.
//! `.rbk`: parse → lower → lint each document (syntax and lowering errors are
//! reported, since nothing else can be linted then). Raw documents: read with
//! positions → the checker's structural findings plus the lint rules
//! (the checker's `secret-flow` findings become `secret-in-logged-place`).
//! Invariant: a file that is not an SSM document is [`FileOutcome::NotSsm`],
//! never an error.

use crate::catalog::{self, Catalog};
use crate::check::{self, codes};
use crate::codegen::read;
use crate::codegen::Format;
use crate::diagnostic::{self, Diagnostic};
use crate::lint::suppress::{self, CommentStyle};
use crate::lint::{lint_document_with, DocInfo, LintConfig, Origin};
use crate::lower::{self, FileLoader};
use crate::span::FileId;
use crate::syntax::{self, ast};

/// What linting one file gave.
#[derive(Debug, Clone, PartialEq)]
pub enum FileOutcome {
    Findings(Vec<Diagnostic>),
    /// JSON/YAML that is not an SSM document (no `schemaVersion`, not a map): skipped.
    NotSsm(String),
}

/// Lints a `.rbk` source.
pub fn lint_rbk(
    file: FileId,
    text: &str,
    catalog: &Catalog,
    config: &LintConfig,
    loader: &dyn FileLoader,
) -> Vec<Diagnostic> {
    let parsed = syntax::parse(file, text);
    let mut diags = parsed.diagnostics;
    let mut catalog = catalog.clone();
    diags.extend(catalog::load_decls(&parsed.ast.items, &mut catalog));
    if diags.iter().any(Diagnostic::is_error) {
        diagnostic::sort(&mut diags);
        return diags;
    }
    let lowered = lower::lower_file_full(&parsed.ast, file, &catalog, loader);
    diags.extend(lowered.diagnostics);
    if diags.iter().any(Diagnostic::is_error) {
        diagnostic::sort(&mut diags);
        return diags;
    }
    lint_lowered(
        file,
        text,
        &parsed.ast,
        &lowered.documents,
        &catalog,
        config,
        diags,
    )
}

/// Lints the documents already lowered from `ast` (the file `file` with
/// normalised `text`), as [`lint_rbk`] does after its own parse and lowering;
/// `diags` are findings so far (returned with the rule findings, suppressions
/// applied).
pub fn lint_lowered(
    file: FileId,
    text: &str,
    ast: &ast::SourceFileAst,
    documents: &[crate::model::Document],
    catalog: &Catalog,
    config: &LintConfig,
    mut diags: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    diags.extend(lint_documents(
        file, text, ast, documents, catalog, config, None,
    ));
    let sups = suppress::collect(file, text, CommentStyle::Slashes);
    suppress::apply(diags, &sups, config)
}

/// The rule findings on the documents lowered from `ast` (no suppression);
/// `checked` is the checker's findings on them, when known (rules reuse them).
pub fn lint_documents(
    file: FileId,
    text: &str,
    ast: &ast::SourceFileAst,
    documents: &[crate::model::Document],
    catalog: &Catalog,
    config: &LintConfig,
    checked: Option<&[Diagnostic]>,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let ast_docs: Vec<&ast::Document> = ast
        .items
        .iter()
        .filter_map(|i| match i {
            ast::Item::Document(d) => Some(d),
            _ => None,
        })
        .collect();
    for (i, doc) in documents.iter().enumerate() {
        let ast_doc = ast_docs.get(i).copied().filter(|d| d.name.text == doc.name);
        let tags: Option<Vec<String>> = ast_doc.and_then(|d| {
            d.items.iter().find_map(|item| match item {
                ast::DocItem::Tags(m) => Some(m.entries.iter().map(|e| key_text(&e.key)).collect()),
                _ => None,
            })
        });
        let info = DocInfo {
            origin: Origin::Rbk,
            source: Some((file, text)),
            tags: tags.as_deref(),
            anchor: ast_doc.map(|d| d.name.span),
            checked,
        };
        diags.extend(lint_document_with(doc, catalog, config, &info));
    }
    diags
}

fn key_text(key: &ast::Key) -> String {
    key.text.clone()
}

/// Lints a JSON or YAML file that may hold an SSM document; `name` is the
/// document's name (the file stem).
pub fn lint_raw(
    file: FileId,
    name: &str,
    text: &str,
    format: Format,
    catalog: &Catalog,
    config: &LintConfig,
) -> FileOutcome {
    match check_and_lint_raw(file, name, text, format, catalog, config) {
        RawOutcome::NotSsm(why) => FileOutcome::NotSsm(why),
        RawOutcome::Findings(diags, _) => {
            let sups = suppress::collect_for(file, text, Some(format));
            FileOutcome::Findings(suppress::apply(diags, &sups, config))
        }
    }
}

/// What reading, checking and linting a raw document gave.
#[derive(Debug)]
pub enum RawOutcome {
    /// The findings (no suppression applied) and the document, when it was read.
    Findings(Vec<Diagnostic>, Option<Box<crate::model::Document>>),
    NotSsm(String),
}

/// A raw file read once: the judge reads every raw document before any
/// check (their signatures type the calls between them) and checks the same
/// reading, instead of parsing each file twice.
#[derive(Debug)]
pub enum RawRead {
    /// The text is not valid JSON/YAML: the parser's finding.
    Unparsed(Diagnostic),
    /// Parsed: the document, or why the tree is not one, and whether the
    /// tree has the body of an SSM document (`mainSteps`, `runtimeConfig`).
    Parsed {
        document: Result<Box<crate::model::Document>, Vec<Diagnostic>>,
        looks_like_ssm: bool,
    },
}

impl RawRead {
    /// Parses `text` and reads the SSM document it holds.
    pub fn of(file: FileId, name: &str, text: &str, format: Format) -> RawRead {
        match read::parse(file, text, format) {
            Ok(node) => RawRead::of_node(name, &node),
            Err(d) => RawRead::Unparsed(d),
        }
    }

    /// Reads the SSM document of a parsed tree.
    pub fn of_node(name: &str, node: &crate::model::Node) -> RawRead {
        RawRead::Parsed {
            document: read::document_from_node(name, node).map(Box::new),
            looks_like_ssm: looks_like_ssm(node),
        }
    }

    /// The document read, if any.
    pub fn document(&self) -> Option<&crate::model::Document> {
        match self {
            RawRead::Parsed {
                document: Ok(doc), ..
            } => Some(&**doc),
            _ => None,
        }
    }
}

/// Reads a raw document, checks it once and lints it with the checker's
/// findings (the checker's `secret-flow` findings become
/// `secret-in-logged-place`); suppressions are left to the caller.
pub fn check_and_lint_raw(
    file: FileId,
    name: &str,
    text: &str,
    format: Format,
    catalog: &Catalog,
    config: &LintConfig,
) -> RawOutcome {
    let read = RawRead::of(file, name, text, format);
    check_and_lint_read(file, text, read, catalog, config)
}

/// [`check_and_lint_raw`] of a file already read ([`RawRead::of`]).
pub fn check_and_lint_read(
    file: FileId,
    text: &str,
    read: RawRead,
    catalog: &Catalog,
    config: &LintConfig,
) -> RawOutcome {
    let (document, looks_like_ssm) = match read {
        RawRead::Unparsed(d) => return RawOutcome::Findings(vec![d], None),
        RawRead::Parsed {
            document,
            looks_like_ssm,
        } => (document, looks_like_ssm),
    };
    let doc = match document {
        Ok(doc) => doc,
        Err(diags) if read::is_not_ssm(&diags) && looks_like_ssm => {
            // `mainSteps` or `runtimeConfig` without `schemaVersion`: an SSM
            // document SSM rejects, not some other file.
            return RawOutcome::Findings(
                diags
                    .into_iter()
                    .map(|d| {
                        let mut d = d;
                        d.message =
                            "this SSM document has no `schemaVersion`: SSM rejects it".into();
                        d
                    })
                    .collect(),
                None,
            );
        }
        Err(diags) if read::is_not_ssm(&diags) => {
            let why = diags
                .first()
                .map_or_else(String::new, |d| d.message.clone());
            return RawOutcome::NotSsm(why);
        }
        Err(diags) => return RawOutcome::Findings(diags, None),
    };
    let diags = check_and_lint_document(file, text, &doc, catalog, config);
    RawOutcome::Findings(diags, Some(doc))
}

/// Checks a document read from JSON/YAML whose spans point into `file`
/// (`text`) once, and lints it with the checker's findings (its
/// `secret-flow` findings become `secret-in-logged-place`); suppressions
/// are left to the caller. Raw files and documents embedded in templates
/// (`crate::embed`) alike.
pub fn check_and_lint_document(
    file: FileId,
    text: &str,
    doc: &crate::model::Document,
    catalog: &Catalog,
    config: &LintConfig,
) -> Vec<Diagnostic> {
    let checked = check::check_document(doc, catalog);
    let info = DocInfo {
        origin: Origin::Raw,
        source: Some((file, text)),
        tags: None,
        anchor: None,
        checked: Some(&checked),
    };
    let linted = lint_document_with(doc, catalog, config, &info);
    let mut diags: Vec<Diagnostic> = checked
        .into_iter()
        .filter(|d| d.code != codes::SECRET_FLOW && d.code != codes::PLAINTEXT_SECRET_DEFAULT)
        .collect();
    diags.extend(linted);
    diags.extend(crate::syntax::bidi::check(file, text));
    diagnostic::sort(&mut diags);
    diags
}

/// A map with the body of an SSM document (`mainSteps`, `runtimeConfig`),
/// whatever case its keys are written in.
fn looks_like_ssm(node: &crate::model::Node) -> bool {
    node.as_map().is_some_and(|entries| {
        entries.iter().any(|(k, _)| {
            k.name.eq_ignore_ascii_case("mainSteps") || k.name.eq_ignore_ascii_case("runtimeConfig")
        })
    })
}

/// The documents of a file, for checks run outside the core (shellcheck):
/// lowered `.rbk` documents (`format: None`) or the one raw document.
/// Files with errors give no documents (their findings come from [`lint_rbk`]/[`lint_raw`]).
pub fn documents(
    file: FileId,
    name: &str,
    text: &str,
    format: Option<Format>,
    catalog: &Catalog,
    loader: &dyn FileLoader,
) -> Vec<crate::model::Document> {
    match format {
        Some(fmt) => read::parse(file, text, fmt)
            .ok()
            .and_then(|node| read::document_from_node(name, &node).ok())
            .into_iter()
            .collect(),
        None => {
            let parsed = syntax::parse(file, text);
            if parsed.diagnostics.iter().any(Diagnostic::is_error) {
                return Vec::new();
            }
            let mut catalog = catalog.clone();
            let _ = catalog::load_decls(&parsed.ast.items, &mut catalog);
            lower::lower_file_full(&parsed.ast, file, &catalog, loader).documents
        }
    }
}
