//! The fold's local self-check: whether a fold changed what the runbook
//! lowers to, judged by lowering only the statements it touched.
//!
//! Input: the current runbook (known to lower to the original document) and a
//! candidate that differs from it in some main-step statements. Output:
//! `Some(true)` when the candidate lowers to the same document, `Some(false)`
//! when it does not, `None` when the local judgement does not apply (the
//! caller then lowers the whole candidate, [`super::verify::Original`]).
//!
//! Why it is exact: a statement lowers from its own text, the document's
//! header (parameter types, `defaults`, `@explicit_next`) and its
//! continuation, the name of the statement after it. Every statement the
//! importer writes is named, so no name depends on a neighbour. The window is
//! the changed statements, the one before them (its continuation may be the
//! first changed one) and those after them up to the first action or flat
//! branch (an `if` or `guard` reads its continuation; an action does not). Two
//! windows that lower to the same steps leave every step outside them as it
//! was. Lowering the whole candidate per fold made importing n branches take
//! n whole lowerings (800 branch diamonds: over two minutes).

use super::verify::normalized;
use crate::catalog::Catalog;
use crate::codegen;
use crate::lower::{self, NoFiles};
use crate::span::FileId;
use crate::syntax::ast::{self, DocItem, Step, StepBody};

/// A change to the main steps: `old` replaced by `new` between the
/// statement `before` and the unchanged statements `after`.
pub(crate) struct Change<'a> {
    pub before: Option<&'a Step>,
    pub old: &'a [Step],
    pub new: &'a [Step],
    pub after: &'a [Step],
}

impl Change<'_> {
    /// The whole changed document: `shell`'s first `split` items, `steps`,
    /// the change, then the rest of `shell`'s items.
    pub(crate) fn whole(
        &self,
        shell: &ast::Document,
        split: usize,
        steps: &[Step],
    ) -> ast::Document {
        let mut doc = shell.clone();
        let rest = doc.items.split_off(split.min(doc.items.len()));
        doc.items.extend(
            steps
                .iter()
                .chain(self.new)
                .chain(self.after)
                .cloned()
                .map(DocItem::Step),
        );
        doc.items.extend(rest);
        doc
    }
}

/// Whether the change keeps what the main steps lower to, judged on the
/// window around it; `shell` is the document without its statements.
pub(crate) fn same_lowering(
    shell: &ast::Document,
    change: &Change<'_>,
    catalog: &Catalog,
) -> Option<bool> {
    // A raw map may replace `mainSteps` as a whole: only the whole lowering knows.
    if shell.items.iter().any(|i| matches!(i, DocItem::Raw(_))) {
        return None;
    }
    // The unchanged statements after the change, up to and with the first
    // one whose lowering does not read its continuation.
    let tail = change
        .after
        .iter()
        .position(|s| !reads_continuation(s))
        .map_or(change.after.len(), |i| i + 1);
    let window = |changed: &[Step]| -> Vec<Step> {
        change
            .before
            .into_iter()
            .chain(changed)
            .chain(&change.after[..tail])
            .cloned()
            .collect()
    };
    let (old, new) = (window(change.old), window(change.new));
    if !all_named(&old, 0) || !all_named(&new, 0) {
        return None; // a generated name may clash with a step outside
    }
    let before = lowered(shell, old, catalog)?;
    let Some(after) = lowered(shell, new, catalog) else {
        return Some(false); // the changed statements do not lower
    };
    Some(before.same(&after))
}

/// An `if` closes its arms at its continuation and a `guard` jumps to it;
/// actions (loop bodies included) and flat branches name their targets.
fn reads_continuation(step: &Step) -> bool {
    !matches!(step.body, StepBody::Action(_) | StepBody::Branch(_))
}

fn all_named(list: &[Step], depth: usize) -> bool {
    if depth > super::value::MAX_DEPTH {
        return false;
    }
    list.iter().all(|s| {
        s.name.is_some()
            && super::tree::blocks(s)
                .into_iter()
                .all(|b| all_named(b, depth + 1))
    })
}

/// `shell` with the statements `window`, lowered and normalised as the
/// whole-document check compares; `None` when lowering reports an error.
fn lowered(
    shell: &ast::Document,
    window: Vec<Step>,
    catalog: &Catalog,
) -> Option<crate::model::Value> {
    let mut doc = shell.clone();
    doc.items.extend(window.into_iter().map(DocItem::Step));
    let file = ast::SourceFileAst {
        items: vec![ast::Item::Document(doc)],
        comments: Vec::new(),
    };
    let (docs, diags) = lower::lower_file(&file, FileId::default(), catalog, &NoFiles);
    if diags.iter().any(crate::Diagnostic::is_error) {
        return None;
    }
    let [doc] = docs.as_slice() else {
        return None;
    };
    Some(normalized(&codegen::to_node(doc)))
}
