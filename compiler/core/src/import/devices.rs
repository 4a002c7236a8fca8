//! Document devices: `@explicit_next` and `defaults { }`.
//!
//! Input: a document in the flat form. Output: candidate documents that use
//! a device (the caller keeps one only when lowering it gives back the
//! original document).
//! - `@explicit_next` when every fall-through step (not a branch, no `end`,
//!   not last in its list) has a `goto` to the next step; those gotos go.
//! - `defaults { c }` for a clause kind every non-branch step carries, with
//!   its most common value when that value removes at least 3 clauses.

use super::names::sp;
use super::tree::{ends, goto_of, split_steps, step_name};
use crate::syntax::ast::{
    Attribute, Clause, Defaults, DocItem, Document, MapEntry, MapLit, Name, Step, StepBody,
};
use std::mem::discriminant;

/// Removes the gotos `@explicit_next` would add; `None` when it does not fit.
pub(crate) fn explicit_next(doc: &Document) -> Option<Document> {
    let mut out = doc.clone();
    let (before, mut steps, after) = split_steps(std::mem::take(&mut out.items));
    let mut removed = 0usize;
    if !strip_next(&mut steps, &mut removed, 0) || removed == 0 {
        return None;
    }
    out.items = super::tree::join_steps(before, steps, after);
    out.attrs.push(Attribute {
        name: Name {
            text: "explicit_next".to_string(),
            span: sp(),
            escaped: false,
        },
        args: Vec::new(),
        span: sp(),
    });
    Some(out)
}

fn strip_next(list: &mut [Step], removed: &mut usize, depth: usize) -> bool {
    if depth > super::value::MAX_DEPTH {
        return false;
    }
    let names: Vec<Option<String>> = list
        .iter()
        .map(|s| step_name(s).map(str::to_string))
        .collect();
    for (i, s) in list.iter_mut().enumerate() {
        if let StepBody::Action(a) = &mut s.body {
            if let Some(body) = &mut a.loop_body {
                if !strip_next(&mut body.steps, removed, depth + 1) {
                    return false;
                }
            }
        }
        let Some(Some(next)) = names.get(i + 1) else {
            continue; // the last step of its list
        };
        if matches!(s.body, StepBody::Branch(_)) || ends(s) {
            continue;
        }
        match goto_of(s) {
            None => return false, // the device would add a nextStep here
            Some(t) if t == next.as_str() => {
                s.clauses.retain(|c| !matches!(c, Clause::Goto { .. }));
                *removed += 1;
            }
            Some(_) => {} // a jump elsewhere stays written
        }
    }
    true
}

/// The clause kinds `defaults` may hold.
const KINDS: [fn(&Clause) -> bool; 5] = [
    |c| matches!(c, Clause::OnFailure { .. }),
    |c| matches!(c, Clause::OnCancel { .. }),
    |c| matches!(c, Clause::Timeout { .. }),
    |c| matches!(c, Clause::Attempts { .. }),
    |c| matches!(c, Clause::Critical { .. }),
];

pub(crate) const DEFAULT_KINDS: usize = KINDS.len();

/// `doc` with the `kind`-th clause kind moved into `defaults`, when it fits.
pub(crate) fn with_default(doc: &Document, kind: usize) -> Option<Document> {
    let is_kind = *KINDS.get(kind)?;
    let (before, mut steps, after) = split_steps(doc.items.clone());
    let mut found: Vec<Clause> = Vec::new();
    if !collect(&steps, is_kind, &mut found, 0) {
        return None;
    }
    // The most common value (first seen wins a tie, for determinism).
    let mut best: Option<(&Clause, usize)> = None;
    for c in &found {
        let n = found.iter().filter(|x| *x == c).count();
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((c, n));
        }
    }
    let (value, count) = best?;
    if count < 3 {
        return None;
    }
    let value = value.clone();
    remove(&mut steps, &value, 0);
    let mut out = doc.clone();
    let mut items = super::tree::join_steps(before, steps, after);
    match items.iter_mut().find_map(|i| match i {
        DocItem::Defaults(d) => Some(d),
        _ => None,
    }) {
        Some(d) => d.clauses.push(value),
        None => {
            let at = items
                .iter()
                .position(|i| {
                    !matches!(
                        i,
                        DocItem::Schema(_) | DocItem::AssumeRole(_) | DocItem::Description(_)
                    )
                })
                .unwrap_or(items.len());
            items.insert(
                at,
                DocItem::Defaults(Defaults {
                    clauses: vec![value],
                    span: sp(),
                }),
            );
        }
    }
    out.items = items;
    Some(out)
}

/// Collects the clause of this kind from every non-branch step; false when one lacks it.
fn collect(
    list: &[Step],
    is_kind: fn(&Clause) -> bool,
    found: &mut Vec<Clause>,
    depth: usize,
) -> bool {
    if depth > super::value::MAX_DEPTH {
        return false;
    }
    for s in list {
        if let StepBody::Action(a) = &s.body {
            if let Some(body) = &a.loop_body {
                if !collect(&body.steps, is_kind, found, depth + 1) {
                    return false;
                }
            }
        } else {
            continue;
        }
        match s.clauses.iter().find(|c| is_kind(c)) {
            Some(c) => found.push(c.clone()),
            None => return false,
        }
    }
    true
}

fn remove(list: &mut [Step], value: &Clause, depth: usize) {
    if depth > super::value::MAX_DEPTH {
        return;
    }
    for s in list {
        if let StepBody::Action(a) = &mut s.body {
            if let Some(body) = &mut a.loop_body {
                remove(&mut body.steps, value, depth + 1);
            }
            if s.clauses
                .iter()
                .any(|c| discriminant(c) == discriminant(value))
            {
                s.clauses.retain(|c| c != value);
            }
        }
    }
}

/// `defaults { raw { k: v } }` for the raw pairs every non-branch step
/// carries with one value (at least 3 steps), removed from the steps.
pub(crate) fn with_raw_default(doc: &Document) -> Option<Document> {
    let (before, mut steps, after) = split_steps(doc.items.clone());
    let mut all: Vec<&Step> = Vec::new();
    super::tree::all_steps(&steps, &mut all, 0);
    let actions: Vec<&Step> = all
        .into_iter()
        .filter(|s| matches!(s.body, StepBody::Action(_)))
        .collect();
    if actions.len() < 3 {
        return None;
    }
    let raw_of = |s: &Step| -> Vec<MapEntry> {
        s.clauses
            .iter()
            .find_map(|c| match c {
                Clause::Raw(m) => Some(m.entries.clone()),
                _ => None,
            })
            .unwrap_or_default()
    };
    let first = raw_of(actions.first()?);
    let common: Vec<MapEntry> = first
        .into_iter()
        .filter(|e| actions.iter().all(|s| raw_of(s).contains(e)))
        .collect();
    if common.is_empty() {
        return None;
    }
    remove_raw(&mut steps, &common, 0);
    let mut out = doc.clone();
    let mut items = super::tree::join_steps(before, steps, after);
    let clause = Clause::Raw(MapLit {
        entries: common,
        span: sp(),
    });
    match items.iter_mut().find_map(|i| match i {
        DocItem::Defaults(d) => Some(d),
        _ => None,
    }) {
        Some(d) => d.clauses.push(clause),
        None => {
            let at = header_end(&items);
            items.insert(
                at,
                DocItem::Defaults(Defaults {
                    clauses: vec![clause],
                    span: sp(),
                }),
            );
        }
    }
    out.items = items;
    Some(out)
}

fn remove_raw(list: &mut [Step], common: &[MapEntry], depth: usize) {
    if depth > super::value::MAX_DEPTH {
        return;
    }
    for s in list {
        if let StepBody::Action(a) = &mut s.body {
            if let Some(body) = &mut a.loop_body {
                remove_raw(&mut body.steps, common, depth + 1);
            }
            for c in &mut s.clauses {
                if let Clause::Raw(m) = c {
                    m.entries.retain(|e| !common.contains(e));
                }
            }
            s.clauses
                .retain(|c| !matches!(c, Clause::Raw(m) if m.entries.is_empty()));
        }
    }
}

/// Where a new header item goes: after schema, assume_role and description.
fn header_end(items: &[DocItem]) -> usize {
    items
        .iter()
        .position(|i| {
            !matches!(
                i,
                DocItem::Schema(_) | DocItem::AssumeRole(_) | DocItem::Description(_)
            )
        })
        .unwrap_or(items.len())
}
