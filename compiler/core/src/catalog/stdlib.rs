//! Loads the embedded stdlib (`ssmc_stdlib::SOURCES`) into a [`Catalog`].
//!
//! Input: a source map to add the stdlib files to. Output: the catalog and
//! every diagnostic of parsing and loading (none for a healthy stdlib; a test
//! holds it to that). Invariant: files are added and loaded in the fixed order
//! of `SOURCES`, so file ids and the catalog's order are deterministic.

use crate::catalog::load::load_decls;
use crate::catalog::{prepared, Catalog};
use crate::diagnostic::Diagnostic;
use crate::span::{FileId, SourceMap};

/// Adds every stdlib file to `sources` (as `stdlib/<path>`) and returns its
/// catalog: the one prepared ahead of time ([`prepared`]) when it matches the
/// embedded sources, else the one [`parse_stdlib`] makes. The stdlib must
/// load with no diagnostics (a test holds it to that); they are returned
/// rather than hidden so a broken stdlib is visible to the user.
pub fn load_stdlib(sources: &mut SourceMap) -> (Catalog, Vec<Diagnostic>) {
    let files = add_files(sources);
    match prepared::catalog(&files) {
        Some(catalog) => (catalog, Vec::new()),
        None => parse_files(sources, &files),
    }
}

/// [`load_stdlib`] by parsing every stdlib file, never the prepared table
/// (what the table is made from and checked against).
pub fn parse_stdlib(sources: &mut SourceMap) -> (Catalog, Vec<Diagnostic>, Vec<FileId>) {
    let files = add_files(sources);
    let (catalog, diags) = parse_files(sources, &files);
    (catalog, diags, files)
}

fn add_files(sources: &mut SourceMap) -> Vec<FileId> {
    ssmc_stdlib::SOURCES
        .iter()
        .map(|(name, text)| sources.add(format!("stdlib/{name}"), text))
        .collect()
}

fn parse_files(sources: &SourceMap, files: &[FileId]) -> (Catalog, Vec<Diagnostic>) {
    let mut catalog = Catalog::default();
    let mut diags = Vec::new();
    for &file in files {
        // Parse the normalised text the source map holds, so spans match it.
        let Some(text) = sources.get(file).map(|f| f.text.clone()) else {
            continue;
        };
        let parsed = crate::syntax::parse(file, &text);
        diags.extend(parsed.diagnostics);
        diags.extend(load_decls(&parsed.ast.items, &mut catalog));
    }
    (catalog, diags)
}
