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

pub mod allows;
pub mod codes;
mod cond;
mod devices;
mod externs;
mod flat;
mod fold;
mod names;
mod refs;
mod text;
mod tree;
mod value;
mod verify;

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

pub use externs::merge_extern_actions;
pub use verify::normalized;

/// Declared parameter and variable types by reference text (`P`,
/// `variable:X`), as the lowering reads them to choose a condition's operator.
pub(crate) fn declared_types(doc: &model::Document) -> Vec<(String, String)> {
    let declared = |p: &model::Parameter, prefix: &str| {
        p.ty.as_ref()
            .and_then(model::Node::as_str)
            .map(|t| (format!("{prefix}{}", p.name.name), t.to_string()))
    };
    doc.parameters
        .iter()
        .flatten()
        .filter_map(|p| declared(p, ""))
        .chain(
            doc.variables
                .iter()
                .flatten()
                .filter_map(|v| declared(v, "variable:")),
        )
        .collect()
}

/// A condition object (a choice without its `NextStep`) as `.rbk` text on
/// one line: `Environment == "prod"`, `P.Contains("x")`, or `raw { … }` when
/// only `raw` can say it. `types` comes from [`declared_types`].
pub(crate) fn condition_text(
    entries: &[(model::Key, model::Node)],
    types: &[(String, String)],
) -> String {
    let only_cond = entries.iter().all(|(k, _)| cond::is_condition_key(&k.name));
    let c = only_cond
        .then(|| cond::cond(entries, types, 0))
        .flatten()
        .unwrap_or_else(|| cond::raw_cond(entries));
    crate::fmt::cond_text(&c)
}

/// Imports one document. Never fails: what cannot be written exactly is an
/// error diagnostic (and the closest form is written); a result that does
/// not lower back to the document is a warning.
pub fn import_document(doc: &model::Document, catalog: &Catalog) -> Imported {
    let mut diagnostics = Vec::new();
    let flat = flat::document(
        doc,
        &mut flat::Cx {
            kind: doc.kind,
            types: Vec::new(),
            diags: &mut diagnostics,
        },
    );
    let document = if diagnostics.iter().any(Diagnostic::is_error) {
        flat // already lossy: nothing to compare against
    } else {
        let original = verify::Original::new(doc);
        if original.matches(&flat, catalog) {
            refine(flat, &original, catalog)
        } else {
            diagnostics.push(
                Diagnostic::warning(
                    crate::import::codes::NOT_ROUND_TRIP,
                    doc.span,
                    "the imported runbook does not build back to this document",
                )
                .with_label("written in the flat form, unchecked")
                .with_help(
                    "compare `ssmc build` of the runbook with the document; this is a bug in ssmc",
                ),
            );
            flat
        }
    };
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

/// Applies devices and folds to the flat form, keeping each change only when
/// the changed document still lowers to the original.
fn refine(flat: ast::Document, original: &verify::Original, catalog: &Catalog) -> ast::Document {
    // A catalog that lacks an action the document uses still lowers; the
    // extern declarations are only for the checker.
    let ok = |d: &ast::Document| original.matches(d, catalog);
    let mut doc = flat;
    if let Some(candidate) = devices::explicit_next(&doc) {
        if ok(&candidate) {
            doc = candidate;
        }
    }
    for kind in 0..devices::DEFAULT_KINDS {
        if let Some(candidate) = devices::with_default(&doc, kind) {
            if ok(&candidate) {
                doc = candidate;
            }
        }
    }
    if let Some(candidate) = devices::with_raw_default(&doc) {
        if ok(&candidate) {
            doc = candidate;
        }
    }
    fold_branches(doc, &ok)
}

/// Tries `guard`, then `if`, then `match` on every flat branch, in document order.
fn fold_branches(mut doc: ast::Document, ok: &dyn Fn(&ast::Document) -> bool) -> ast::Document {
    let (_, steps, _) = tree::split_steps(doc.items.clone());
    let mut names = Vec::new();
    tree::branch_names(&steps, &mut names, 0);
    let mut all = Vec::new();
    tree::all_steps(&steps, &mut all, 0);
    let jumps = fold::jumps(&all);
    for name in names {
        let attempt = |doc: &ast::Document, f: &mut tree::ListEdit<'_>| {
            let mut candidate = doc.clone();
            let (before, mut steps, after) =
                tree::split_steps(std::mem::take(&mut candidate.items));
            let changed = tree::with_list_of(&mut steps, None, &name, 0, f);
            candidate.items = tree::join_steps(before, steps, after);
            (changed && ok(&candidate)).then_some(candidate)
        };
        let mut shapes = 0;
        let mut blocks = 0;
        let mut choice_block = false;
        {
            let (_, mut steps, _) = tree::split_steps(doc.items.clone());
            tree::with_list_of(&mut steps, None, &name, 0, &mut |list, idx, cont| {
                shapes = fold::if_candidates(list, idx, cont);
                blocks = fold::if_blocks(list, idx, cont);
                choice_block = fold::choice_starts_block(list, idx, cont);
                true
            });
        }
        // A guard, unless an `if` would hold two or more blocks
        // (`if C { … } else { … }` reads better than a guard and a jump).
        if blocks < 2 {
            if let Some(c) = attempt(&doc, &mut |list, idx, cont| fold::guard(list, idx, cont)) {
                doc = c;
                continue;
            }
        }
        // `if C1 { goto X } else if C2 { goto Y } else { … }` reads better as a `match`.
        if !choice_block {
            if let Some(c) = attempt(&doc, &mut |list, idx, _| fold::match_fold(list, idx)) {
                doc = c;
                continue;
            }
        }
        let mut folded = false;
        for shape in 0..shapes {
            if let Some(c) = attempt(&doc, &mut |list, idx, cont| {
                fold::if_fold(list, idx, cont, shape, &jumps)
            }) {
                doc = c;
                folded = true;
                break;
            }
        }
        if folded {
            continue;
        }
        if blocks >= 2 {
            if let Some(c) = attempt(&doc, &mut |list, idx, cont| fold::guard(list, idx, cont)) {
                doc = c;
                continue;
            }
        }
        if let Some(c) = attempt(&doc, &mut |list, idx, _| fold::match_fold(list, idx)) {
            doc = c;
        }
    }
    doc
}

#[cfg(test)]
mod tests;
