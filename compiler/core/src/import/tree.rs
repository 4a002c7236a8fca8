//! Walking the imported syntax tree: statement lists and their continuations.
//!
//! Input: an [`ast::Document`] in the flat form or partly folded. Output:
//! mutable access to the statement list that holds a named step, together
//! with that list's continuation (the step that follows the list when it
//! falls off its end: none for the main steps and loop bodies, the enclosing
//! statement's successor for an `if` arm).
//! Invariant: every statement the importer writes is named (`step B = …`),
//! so a step name identifies one statement in the whole document.

use crate::syntax::ast::{Clause, DocItem, ElseArm, IfArm, Step, StepBody};

/// The statements of a document: `(items before, steps, items after)`.
pub(crate) fn split_steps(items: Vec<DocItem>) -> (Vec<DocItem>, Vec<Step>, Vec<DocItem>) {
    let mut before = Vec::new();
    let mut steps = Vec::new();
    let mut after = Vec::new();
    for item in items {
        match item {
            DocItem::Step(s) if after.is_empty() => steps.push(s),
            other if steps.is_empty() => before.push(other),
            other => after.push(other),
        }
    }
    (before, steps, after)
}

pub(crate) fn join_steps(
    before: Vec<DocItem>,
    steps: Vec<Step>,
    after: Vec<DocItem>,
) -> Vec<DocItem> {
    before
        .into_iter()
        .chain(steps.into_iter().map(DocItem::Step))
        .chain(after)
        .collect()
}

pub(crate) fn step_name(s: &Step) -> Option<&str> {
    s.name.as_ref().map(|n| n.text.as_str())
}

/// The name of the step after `list[idx]`, or the list's continuation.
pub(crate) fn next_name(list: &[Step], idx: usize, cont: Option<&str>) -> Option<String> {
    match list.get(idx + 1) {
        Some(s) => step_name(s).map(str::to_string),
        None => cont.map(str::to_string),
    }
}

/// A change to the statement list holding a step: `(list, index, continuation)`.
pub(crate) type ListEdit<'a> = dyn FnMut(&mut Vec<Step>, usize, Option<&str>) -> bool + 'a;

/// Calls `f(list, index, continuation)` for the list holding the step `name`.
/// Returns what `f` returns, or `false` when no such step exists.
pub(crate) fn with_list_of(
    list: &mut Vec<Step>,
    cont: Option<&str>,
    name: &str,
    depth: usize,
    f: &mut ListEdit<'_>,
) -> bool {
    if depth > super::value::MAX_DEPTH {
        return false;
    }
    if let Some(idx) = list.iter().position(|s| step_name(s) == Some(name)) {
        return f(list, idx, cont);
    }
    for idx in 0..list.len() {
        let next = next_name(list, idx, cont);
        let Some(step) = list.get_mut(idx) else {
            continue;
        };
        for (block, block_cont) in blocks_mut(step, next) {
            if with_list_of(block, block_cont.as_deref(), name, depth + 1, f) {
                return true;
            }
        }
    }
    false
}

/// The nested statement lists of a step with their continuations.
fn blocks_mut(step: &mut Step, next: Option<String>) -> Vec<(&mut Vec<Step>, Option<String>)> {
    let mut out = Vec::new();
    match &mut step.body {
        StepBody::Action(a) => {
            if let Some(body) = &mut a.loop_body {
                out.push((&mut body.steps, None));
            }
        }
        StepBody::If(i) => {
            let else_block = match &mut i.else_arm {
                Some(ElseArm::Arm(IfArm::Block(b))) => Some(b),
                _ => None,
            };
            let arms = std::iter::once(&mut i.then_block)
                .chain(i.else_ifs.iter_mut().map(|(_, arm)| arm))
                .filter_map(|arm| match arm {
                    IfArm::Block(b) => Some(b),
                    IfArm::Goto { .. } => None,
                })
                .chain(else_block);
            for b in arms {
                out.push((&mut b.steps, next.clone()));
            }
        }
        _ => {}
    }
    out
}

fn arm_block(a: &IfArm) -> Option<&[Step]> {
    match a {
        IfArm::Block(b) => Some(b.steps.as_slice()),
        IfArm::Goto { .. } => None,
    }
}

/// The statement lists inside a statement.
pub(crate) fn blocks(step: &Step) -> Vec<&[Step]> {
    let mut out: Vec<&[Step]> = Vec::new();
    match &step.body {
        StepBody::Action(a) => out.extend(a.loop_body.as_ref().map(|b| b.steps.as_slice())),
        StepBody::If(i) => {
            out.extend(arm_block(&i.then_block));
            out.extend(i.else_ifs.iter().filter_map(|(_, a)| arm_block(a)));
            if let Some(ElseArm::Arm(a)) = &i.else_arm {
                out.extend(arm_block(a));
            }
        }
        _ => {}
    }
    out
}

/// Whether `step` is the statement named `name` or holds it in a block.
pub(crate) fn holds(step: &Step, name: &str, depth: usize) -> bool {
    step_name(step) == Some(name)
        || (depth <= super::value::MAX_DEPTH
            && blocks(step)
                .into_iter()
                .any(|b| b.iter().any(|s| holds(s, name, depth + 1))))
}

/// Every flat `branch` step's name, in document order (depth first).
pub(crate) fn branch_names(list: &[Step], out: &mut Vec<String>, depth: usize) {
    if depth > super::value::MAX_DEPTH {
        return;
    }
    for s in list {
        match &s.body {
            StepBody::Branch(_) => out.extend(step_name(s).map(str::to_string)),
            StepBody::Action(a) => {
                if let Some(body) = &a.loop_body {
                    branch_names(&body.steps, out, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// Every step of the flat form in document order, loop bodies included.
pub(crate) fn all_steps<'a>(list: &'a [Step], out: &mut Vec<&'a Step>, depth: usize) {
    if depth > super::value::MAX_DEPTH {
        return;
    }
    for s in list {
        out.push(s);
        if let StepBody::Action(a) = &s.body {
            if let Some(body) = &a.loop_body {
                all_steps(&body.steps, out, depth + 1);
            }
        }
    }
}

/// The `goto` target of a step's clauses.
pub(crate) fn goto_of(s: &Step) -> Option<&str> {
    s.clauses.iter().find_map(|c| match c {
        Clause::Goto { target, .. } => Some(target.text.as_str()),
        _ => None,
    })
}

/// True when the step has an `end` clause (any value).
pub(crate) fn has_end(s: &Step) -> bool {
    s.clauses.iter().any(|c| matches!(c, Clause::End { .. }))
}

/// True when the step has a plain `end` (`isEnd: true`).
pub(crate) fn ends(s: &Step) -> bool {
    s.clauses
        .iter()
        .any(|c| matches!(c, Clause::End { value: None, .. }))
}
