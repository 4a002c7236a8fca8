//! The compile of a set of `.rbk` files: the one pipeline the CLI, the
//! language server and the importer's self-check share.
//!
//! Input: source files already in a [`SourceMap`] and a [`FileLoader`].
//! Output: per-file syntax trees, the lowered documents of files without
//! syntax errors, and every diagnostic, sorted by place.
//! Invariant: all files' `action`/`extern action` declarations are loaded
//! into one catalog before any document is lowered or checked, so files of a
//! project share them regardless of order.

use crate::catalog::{self, Catalog};
use crate::check;
use crate::diagnostic::{self, Diagnostic};
use crate::lower::{self, FileLoader};
use crate::model;
use crate::span::{FileId, SourceMap};
use crate::syntax::{self, ast};

/// The result of compiling one user file.
#[derive(Debug)]
pub struct FileOutput {
    pub file: FileId,
    pub ast: ast::SourceFileAst,
    /// The file parsed without errors (only such files are formatted or lowered).
    pub parsed_clean: bool,
    pub documents: Vec<model::Document>,
}

#[derive(Debug)]
pub struct Compilation {
    pub catalog: Catalog,
    pub files: Vec<FileOutput>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Compilation {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Every lowered document with the file it came from.
    pub fn documents(&self) -> impl Iterator<Item = (FileId, &model::Document)> {
        self.files
            .iter()
            .flat_map(|f| f.documents.iter().map(move |d| (f.file, d)))
    }
}

/// Parses, lowers and checks `files` (ids in `sources`), with the stdlib catalog.
pub fn compile(sources: &mut SourceMap, files: &[FileId], loader: &dyn FileLoader) -> Compilation {
    let (catalog, diagnostics) = catalog::load_stdlib(sources);
    compile_with_catalog(sources, files, loader, catalog, diagnostics)
}

/// [`compile`] from a stdlib catalog loaded earlier into `sources` (with
/// `catalog::load_stdlib`, its files keeping their ids), so a caller that
/// compiles on every keystroke (the language server) parses the stdlib once.
pub fn compile_with_catalog(
    sources: &mut SourceMap,
    files: &[FileId],
    loader: &dyn FileLoader,
    mut catalog: Catalog,
    mut diagnostics: Vec<Diagnostic>,
) -> Compilation {
    let mut parsed = Vec::with_capacity(files.len());
    for &file in files {
        let Some(source) = sources.get(file) else {
            continue;
        };
        let result = syntax::parse(file, &source.text);
        let clean = !result.diagnostics.iter().any(Diagnostic::is_error);
        diagnostics.extend(result.diagnostics);
        parsed.push((file, result.ast, clean));
    }
    for (_, ast, _) in &parsed {
        diagnostics.extend(catalog::load_decls(&ast.items, &mut catalog));
    }
    let mut outputs = Vec::with_capacity(parsed.len());
    for (file, ast, clean) in parsed {
        let mut documents = Vec::new();
        if clean {
            let lowered = lower::lower_file_full(&ast, file, &catalog, loader);
            let lowered_clean = !lowered.diagnostics.iter().any(Diagnostic::is_error);
            diagnostics.extend(lowered.diagnostics);
            if lowered_clean {
                // `// ssmc: allow(rule): reason` comments silence a rule on
                // their own line and the next.
                let text = sources
                    .get(file)
                    .map(|f| f.text.clone())
                    .unwrap_or_default();
                let (allows, allow_diags) =
                    check::allows::allows_from_comments(&ast.comments, &text);
                diagnostics.extend(allow_diags);
                let options = check::CheckOptions {
                    literal_spans: lowered.literal_spans,
                    allows,
                };
                for doc in &lowered.documents {
                    diagnostics.extend(check::check_document_with(doc, &catalog, &options));
                }
            }
            documents = lowered.documents;
        }
        outputs.push(FileOutput {
            file,
            ast,
            parsed_clean: clean,
            documents,
        });
    }
    report_duplicate_documents(&outputs, &mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    Compilation {
        catalog,
        files: outputs,
        diagnostics,
    }
}

/// Two documents with one name would be built to the same output file.
fn report_duplicate_documents(files: &[FileOutput], diags: &mut Vec<Diagnostic>) {
    let mut seen: Vec<(&str, crate::span::Span)> = Vec::new();
    for doc in files.iter().flat_map(|f| &f.documents) {
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == doc.name) {
            diags.push(
                Diagnostic::error(
                    "E0240",
                    doc.span,
                    format!("a document named `{}` already exists", doc.name),
                )
                .with_label("second document with this name")
                .with_secondary(*first, "first one here")
                .with_help("document names become output file names and must be unique in a build"),
            );
        } else {
            seen.push((&doc.name, doc.span));
        }
    }
}
