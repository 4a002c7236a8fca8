//! Loads the embedded stdlib (`ssmc_stdlib::SOURCES`) into a [`Catalog`].
//!
//! Input: a source map to add the stdlib files to. Output: the catalog and
//! every diagnostic of parsing and loading (none for a healthy stdlib; a test
//! holds it to that). Invariant: files are added and loaded in the fixed order
//! of `SOURCES`, so file ids and the catalog's order are deterministic.

use crate::catalog::load::load_decls;
use crate::catalog::Catalog;
use crate::diagnostic::Diagnostic;
use crate::span::SourceMap;

/// Parses every stdlib file (adding each to `sources` as `stdlib/<path>`) and
/// loads its declarations, in the fixed order of `ssmc_stdlib::SOURCES`.
/// The stdlib must load with no diagnostics (a test holds it to that); they
/// are returned rather than hidden so a broken stdlib is visible to the user.
pub fn load_stdlib(sources: &mut SourceMap) -> (Catalog, Vec<Diagnostic>) {
    let mut catalog = Catalog::default();
    let mut diags = Vec::new();
    for (name, text) in ssmc_stdlib::SOURCES {
        let file = sources.add(format!("stdlib/{name}"), text);
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
