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
mod window;

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
    import_document_with(doc, catalog, FoldCheck::Local)
}

/// How the importer verifies each change it tries to the flat form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoldCheck {
    /// Lower only the statements a fold changes, with their neighbours, and
    /// compare with the same statements before the fold (`window.rs`).
    Local,
    /// Lower the whole candidate and compare it with the original document:
    /// one whole lowering per fold tried. The reference the local check is
    /// tested against (the same runbook, byte for byte).
    Whole,
}

/// [`import_document`] with the fold check chosen.
pub fn import_document_with(
    doc: &model::Document,
    catalog: &Catalog,
    check: FoldCheck,
) -> Imported {
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
            refine(flat, &original, catalog, check)
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
fn refine(
    flat: ast::Document,
    original: &verify::Original,
    catalog: &Catalog,
    check: FoldCheck,
) -> ast::Document {
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
    fold_branches(doc, &|shell, split, steps, change| {
        // The runbook before the change lowers to the original (each accepted
        // change was verified), so a change that keeps its lowering keeps it.
        let local = match check {
            FoldCheck::Local => window::same_lowering(shell, change, catalog),
            FoldCheck::Whole => None,
        };
        local.unwrap_or_else(|| ok(&change.whole(shell, split, steps)))
    })
}

/// Judges one change to the main steps: the document's other items (in
/// `shell`, the first `split` of them before the statements), the statements
/// before the change, and the change.
type FoldOk<'a> = dyn Fn(&ast::Document, usize, &[ast::Step], &window::Change<'_>) -> bool + 'a;

/// Tries `guard`, then `if`, then `match` on every flat branch, in document order.
///
/// Each attempt folds in place the main-step statements from the one holding
/// the branch on (`tail`), keeping a copy of only the statements the fold may
/// take, and puts them back when the fold is refused: a fold never touches
/// the statements before the branch or after the last one it takes, so an
/// attempt costs what it changes, not the document's length.
fn fold_branches(doc: ast::Document, ok: &FoldOk<'_>) -> ast::Document {
    let ast::Document {
        docs,
        attrs,
        kind,
        kind_span,
        name: doc_name,
        items,
        span,
    } = doc;
    let (before, mut steps, after) = tree::split_steps(items);
    let shell = ast::Document {
        docs,
        attrs,
        kind,
        kind_span,
        name: doc_name,
        items: before.iter().chain(&after).cloned().collect(),
        span,
    };
    let mut names = Vec::new();
    tree::branch_names(&steps, &mut names, 0);
    let mut all = Vec::new();
    tree::all_steps(&steps, &mut all, 0);
    let jumps = fold::jumps(&all);
    for name in names {
        let Some(at) = steps.iter().position(|s| tree::holds(s, &name, 0)) else {
            continue;
        };
        let mut tail = steps.split_off(at);
        // Whether the branch is a main step (else it is inside `tail[0]`).
        let top = tail.first().and_then(tree::step_name) == Some(name.as_str());
        let attempt = |tail: &mut Vec<ast::Step>, takes: usize, f: &mut tree::ListEdit<'_>| {
            let takes = if top { takes } else { 1 }.clamp(1, tail.len());
            let backup: Vec<ast::Step> = tail[..takes].to_vec();
            let kept = tail.len() - takes;
            if !tree::with_list_of(tail, None, &name, 0, f) {
                return false; // nothing changed
            }
            let (new, after) = tail.split_at(tail.len() - kept);
            let change = window::Change {
                before: steps.last(),
                old: &backup,
                new,
                after,
            };
            let accepted = ok(&shell, before.len(), &steps, &change);
            if !accepted {
                let taken = tail.len() - kept;
                tail.splice(..taken, backup);
            }
            accepted
        };
        let mut shapes = 0;
        let mut blocks = 0;
        let mut choice_block = false;
        let mut ends = Vec::new();
        tree::with_list_of(&mut tail, None, &name, 0, &mut |list, idx, cont| {
            shapes = fold::if_candidates(list, idx, cont);
            blocks = fold::if_blocks(list, idx, cont);
            choice_block = fold::choice_starts_block(list, idx, cont);
            // How many statements from the branch on each shape takes.
            ends = (0..shapes)
                .map(|shape| fold::if_end(list, idx, cont, shape).map_or(0, |e| e - idx))
                .collect();
            true
        });
        'fold: {
            // A guard, unless an `if` would hold two or more blocks
            // (`if C { … } else { … }` reads better than a guard and a jump).
            if blocks < 2
                && attempt(&mut tail, 1, &mut |list, idx, cont| {
                    fold::guard(list, idx, cont)
                })
            {
                break 'fold;
            }
            // `if C1 { goto X } else if C2 { goto Y } else { … }` reads better as a `match`.
            if !choice_block
                && attempt(&mut tail, 1, &mut |list, idx, _| {
                    fold::match_fold(list, idx)
                })
            {
                break 'fold;
            }
            for (shape, takes) in ends.iter().enumerate() {
                if attempt(&mut tail, *takes, &mut |list, idx, cont| {
                    fold::if_fold(list, idx, cont, shape, &jumps)
                }) {
                    break 'fold;
                }
            }
            if blocks >= 2
                && attempt(&mut tail, 1, &mut |list, idx, cont| {
                    fold::guard(list, idx, cont)
                })
            {
                break 'fold;
            }
            attempt(&mut tail, 1, &mut |list, idx, _| {
                fold::match_fold(list, idx)
            });
        }
        steps.append(&mut tail);
    }
    let ast::Document {
        docs,
        attrs,
        kind,
        kind_span,
        name,
        span,
        ..
    } = shell;
    ast::Document {
        docs,
        attrs,
        kind,
        kind_span,
        name,
        items: tree::join_steps(before, steps, after),
        span,
    }
}

#[cfg(test)]
mod tests;
