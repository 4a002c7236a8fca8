//! `ssmc import`: an SSM document (JSON/YAML, read into [`model::Document`])
//! as an idiomatic `.rbk` syntax tree that `fmt` prints and `build` turns back
//! into the same document.
//!
//! Input: one document and the action catalog. Output: [`Imported`]: the
//! syntax tree of one file, `extern action` declarations for actions the
//! catalog lacks, and diagnostics for what cannot be said.
//! Pipeline: [`flat`] writes every key 1:1 (the flat form); [`devices`] and
//! [`fold`] then make it read like a person wrote it (`@explicit_next`,
//! `defaults`, `guard`/`if`/`match`), each change kept only where lowering
//! the changed tree in memory gives exactly the original document
//! ([`verify`]). YAML comments are not kept (the reader drops them).

mod cond;
mod devices;
mod fold;
mod tree;
mod externs;
mod flat;
mod names;
mod refs;
mod text;
mod value;

use crate::catalog::Catalog;
use crate::diagnostic::Diagnostic;
use crate::model;
use crate::syntax::ast;

/// The result of importing one document.
#[derive(Debug, Clone)]
pub struct Imported {
    /// One file holding the document.
    pub ast: ast::SourceFileAst,
    /// `extern action` declarations for actions the catalog lacks (for `actions.rbk`).
    pub extern_actions: Vec<ast::ActionDecl>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn import_document(doc: &model::Document, catalog: &Catalog) -> Imported {
    let mut diagnostics = Vec::new();
    let document = flat::document(
        doc,
        &mut flat::Cx {
            kind: doc.kind,
            diags: &mut diagnostics,
        },
    );
    let extern_actions = externs::extern_actions(doc, catalog);
    Imported {
        ast: ast::SourceFileAst {
            items: vec![ast::Item::Document(document)],
            comments: Vec::new(),
        },
        extern_actions,
        diagnostics,
    }
}
