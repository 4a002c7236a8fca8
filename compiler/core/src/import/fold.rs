//! Folding flat `branch` steps into `guard`, `if` and `match`.
//!
//! Input: a document (flat form, maybe with devices). Output: candidates in
//! which one branch step is folded; the caller keeps a candidate only when
//! lowering it gives back the original document, so a wrong guess here costs
//! readability, never exactness.
//! - `guard C else end|goto X`: one choice whose target is the continuation.
//! - `if C1 { … } else if C2 { … } else { … }`: arms whose targets are the
//!   steps right after the branch, in arm order, become blocks; other arms
//!   are `{ goto X }`. Several places for the end of the last block are
//!   tried ([`if_candidates`]).
//! - `match V { "a" -> X, … }`: two or more `V == literal` choices.
//!   No fold when the branch has a `goto`, when a choice carries `raw` keys,
//!   or when a step outside a block jumps into the middle of it.

use super::tree::{ends, goto_of, has_end, next_name, step_name};
use crate::syntax::ast::{
    Block, BranchStep, Clause, CmpOp, Cond, ElseArm, ExprKind, GuardElse, GuardStep, IfArm, IfStep,
    MatchStep, Name, Step, StepBody,
};

use super::names::sp;

/// Every `(from step, to step)` jump of a document in the flat form.
pub(crate) type Jumps = Vec<(String, String)>;

pub(crate) fn jumps(steps: &[&Step]) -> Jumps {
    let mut out = Vec::new();
    for s in steps {
        let Some(from) = step_name(s) else { continue };
        let mut to: Vec<&str> = Vec::new();
        for c in &s.clauses {
            match c {
                Clause::Goto { target, .. } => to.push(&target.text),
                Clause::OnFailure { target, .. } | Clause::OnCancel { target, .. } => {
                    if let crate::syntax::ast::FlowTarget::Goto(n) = target {
                        to.push(&n.text);
                    }
                }
                _ => {}
            }
        }
        if let StepBody::Branch(b) = &s.body {
            to.extend(b.choices.iter().map(|c| c.target.text.as_str()));
            to.extend(b.default.iter().map(|d| d.text.as_str()));
        }
        out.extend(to.into_iter().map(|t| (from.to_string(), t.to_string())));
    }
    out
}

fn branch_of(s: &Step) -> Option<&BranchStep> {
    match &s.body {
        StepBody::Branch(b) => Some(b),
        _ => None,
    }
}

/// `guard C else end` / `guard C else goto X`.
pub(crate) fn guard(list: &mut [Step], idx: usize, cont: Option<&str>) -> bool {
    let next = next_name(list, idx, cont);
    let Some(s) = list.get_mut(idx) else {
        return false;
    };
    let Some(b) = branch_of(s) else { return false };
    let ([choice], None) = (b.choices.as_slice(), goto_of(s)) else {
        return false;
    };
    if choice.raw.is_some() || next.as_deref() != Some(choice.target.text.as_str()) {
        return false;
    }
    let otherwise = match (&b.default, ends(s), has_end(s)) {
        (None, true, _) => GuardElse::End(sp()),
        (Some(x), false, false) => GuardElse::Goto(x.clone()),
        _ => return false,
    };
    let condition = choice.condition.clone();
    s.clauses.retain(|c| !matches!(c, Clause::End { .. }));
    s.body = StepBody::Guard(GuardStep {
        condition,
        otherwise,
        span: sp(),
    });
    true
}

/// `match V { lit -> X, …, else -> Z }`.
pub(crate) fn match_fold(list: &mut [Step], idx: usize) -> bool {
    let Some(s) = list.get_mut(idx) else {
        return false;
    };
    let Some(b) = branch_of(s) else { return false };
    if b.choices.len() < 2 || goto_of(s).is_some() || has_end(s) {
        return false;
    }
    let mut subject = None;
    let mut arms = Vec::new();
    for c in &b.choices {
        let Cond::Compare {
            left,
            op: CmpOp::Eq,
            right,
            ..
        } = &c.condition
        else {
            return false;
        };
        if c.raw.is_some()
            || !matches!(
                right.kind,
                ExprKind::String(_) | ExprKind::Int(_) | ExprKind::Bool(_)
            )
        {
            return false;
        }
        match &subject {
            None => subject = Some(left.clone()),
            Some(v) if v == left => {}
            Some(_) => return false,
        }
        arms.push((right.clone(), c.target.clone()));
    }
    let Some(subject) = subject else { return false };
    let default = b.default.clone();
    s.body = StepBody::Match(MatchStep {
        subject,
        arms,
        default,
        span: sp(),
    });
    true
}

/// How an `if` ends: the else part and where the last block stops.
#[derive(Debug, Clone, PartialEq)]
enum Else {
    /// No `else`: the branch's Default (if any) is the continuation.
    None,
    End,
    Goto(Name),
    /// The last block is the else block.
    Block,
}

/// Block starts `(arm, index)` and the shapes `(end of the last block, else)`.
type Shapes = (Vec<(usize, usize)>, Vec<(usize, Else)>);

/// The shapes tried for an `if` at `list[idx]`: `(end of the last block, else)`.
fn if_shapes(list: &[Step], idx: usize, cont: Option<&str>) -> Option<Shapes> {
    let s = list.get(idx)?;
    let b = branch_of(s)?;
    if goto_of(s).is_some() || b.choices.iter().any(|c| c.raw.is_some()) {
        return None;
    }
    if has_end(s) && !(ends(s) && b.default.is_none()) {
        return None;
    }
    let pos = |name: &str| list.iter().position(|x| step_name(x) == Some(name));
    let mut targets: Vec<&str> = b.choices.iter().map(|c| c.target.text.as_str()).collect();
    targets.extend(b.default.iter().map(|d| d.text.as_str()));
    // (arm index, block start)
    let mut starts: Vec<(usize, usize)> = Vec::new();
    for (k, t) in targets.iter().enumerate() {
        let Some(p) = pos(t) else { continue };
        let is_block = match starts.last() {
            None => p == idx + 1,
            Some((_, last)) => p > *last,
        };
        if is_block {
            starts.push((k, p));
        }
    }
    let (_, last_start) = *starts.last()?;
    let default_is_block =
        b.default.is_some() && starts.last().is_some_and(|(k, _)| *k == b.choices.len());
    let mut shapes: Vec<(usize, Else)> = Vec::new();
    let len = list.len();
    if let (Some(d), false) = (&b.default, default_is_block) {
        if let Some(p) = pos(&d.text).filter(|p| *p > last_start) {
            shapes.push((p, Else::None));
        }
        if cont == Some(d.text.as_str()) {
            shapes.push((len, Else::None));
        }
    }
    let tail_else = if default_is_block {
        Some(Else::Block)
    } else if let Some(d) = &b.default {
        Some(Else::Goto(d.clone()))
    } else if ends(s) {
        Some(Else::End)
    } else if cont.is_none() {
        Some(Else::None)
    } else {
        None
    };
    if let Some(tail_else) = tail_else {
        let mut ends_at: Vec<usize> = Vec::new();
        if starts.len() >= 2 {
            let first_end = starts.get(1).map_or(len, |(_, p)| *p);
            if let Some(t) = first_end
                .checked_sub(1)
                .and_then(|i| list.get(i))
                .and_then(goto_of)
                .and_then(pos)
                .filter(|p| *p > last_start)
            {
                ends_at.push(t);
            }
        }
        if tail_else != Else::None || cont.is_none() {
            ends_at.push(len);
        }
        ends_at.push(last_start + 1);
        for e in ends_at {
            if tail_else == Else::None && e != len {
                continue; // no Default and no else: only when nothing follows
            }
            if !shapes.contains(&(e, tail_else.clone())) {
                shapes.push((e, tail_else.clone()));
            }
        }
    }
    Some((starts, shapes))
}

/// True when a choice (not the Default) of the branch at `list[idx]` targets the next step.
pub(crate) fn choice_starts_block(list: &[Step], idx: usize, cont: Option<&str>) -> bool {
    let next = next_name(list, idx, cont);
    list.get(idx).and_then(branch_of).is_some_and(|b| {
        b.choices
            .iter()
            .any(|c| Some(c.target.text.as_str()) == next.as_deref())
    })
}

/// How many arms of an `if` at `list[idx]` would be blocks.
pub(crate) fn if_blocks(list: &[Step], idx: usize, cont: Option<&str>) -> usize {
    if_shapes(list, idx, cont).map_or(0, |(starts, _)| starts.len())
}

/// How many `if` shapes exist for the branch at `list[idx]`.
pub(crate) fn if_candidates(list: &[Step], idx: usize, cont: Option<&str>) -> usize {
    if_shapes(list, idx, cont).map_or(0, |(_, shapes)| shapes.len())
}

/// Where the `shape`-th `if` shape of the branch at `list[idx]` ends: the
/// fold takes `list[idx..end]` and leaves the rest of the list as it is.
pub(crate) fn if_end(list: &[Step], idx: usize, cont: Option<&str>, shape: usize) -> Option<usize> {
    let (_, shapes) = if_shapes(list, idx, cont)?;
    shapes.get(shape).map(|(end, _)| *end)
}

/// Folds `list[idx]` into an `if` of the `shape`-th shape. Refuses before
/// changing anything: a refused fold leaves the list as it was.
pub(crate) fn if_fold(
    list: &mut Vec<Step>,
    idx: usize,
    cont: Option<&str>,
    shape: usize,
    jumps: &Jumps,
) -> bool {
    let Some((starts, shapes)) = if_shapes(list, idx, cont) else {
        return false;
    };
    let Some((end, else_kind)) = shapes.get(shape).cloned() else {
        return false;
    };
    let k_name: Option<String> = match list.get(end) {
        Some(s) => step_name(s).map(str::to_string),
        None => cont.map(str::to_string),
    };
    // Block ranges, in arm order.
    let mut ranges: Vec<(usize, usize, usize)> = Vec::new(); // (arm, start, end)
    for (n, (arm, start)) in starts.iter().enumerate() {
        let stop = starts.get(n + 1).map_or(end, |(_, p)| *p);
        if stop <= *start {
            return false;
        }
        ranges.push((*arm, *start, stop));
    }
    // No jump from outside a block into its middle.
    for (_, start, stop) in &ranges {
        let inside: Vec<&str> = list
            .get(*start..*stop)
            .unwrap_or_default()
            .iter()
            .filter_map(step_name)
            .collect();
        let middle = inside.get(1..).unwrap_or_default();
        if jumps
            .iter()
            .any(|(from, to)| middle.contains(&to.as_str()) && !inside.contains(&from.as_str()))
        {
            return false;
        }
    }
    let Some(branch_step) = list.get(idx).cloned() else {
        return false;
    };
    let Some(b) = branch_of(&branch_step) else {
        return false;
    };
    // The blocks cover the statements from the one after the branch to `end`.
    let covered = ranges.iter().map(|(_, start, _)| *start).min() == Some(idx + 1)
        && ranges.iter().all(|(_, _, stop)| *stop <= end)
        && end <= list.len();
    let else_block_without_default = else_kind == Else::Block && b.default.is_none();
    if !covered || else_block_without_default || b.choices.is_empty() {
        return false;
    }
    let mut tail: Vec<Step> = list.split_off(end.min(list.len()));
    let mut region: Vec<Step> = list.split_off(idx + 1);
    list.truncate(idx);
    // Take the blocks out of `region` (which starts at idx + 1).
    let mut blocks: Vec<(usize, Vec<Step>)> = Vec::new();
    for (n, (arm, start, stop)) in ranges.iter().enumerate().rev() {
        let from = start - (idx + 1);
        let to = stop - (idx + 1);
        if to > region.len() || from > to {
            return false;
        }
        let mut steps: Vec<Step> = region.drain(from..to).collect();
        // A non-last block falls through to K by the expansion's own nextStep.
        let last_block = n + 1 == ranges.len();
        if let (false, Some(last)) = (last_block, steps.last_mut()) {
            if k_name.is_some() && goto_of(last) == k_name.as_deref() {
                last.clauses.retain(|c| !matches!(c, Clause::Goto { .. }));
            }
        }
        blocks.push((*arm, steps));
    }
    if !region.is_empty() {
        return false; // steps between the branch and its first block
    }
    let arm_of = |k: usize, target: &Name, blocks: &mut Vec<(usize, Vec<Step>)>| -> IfArm {
        match blocks.iter().position(|(a, _)| *a == k) {
            Some(p) => IfArm::Block(Block {
                steps: blocks.swap_remove(p).1,
                errors: Vec::new(),
                span: sp(),
            }),
            None => IfArm::Goto {
                target: target.clone(),
                span: sp(),
            },
        }
    };
    let mut arms: Vec<(Cond, IfArm)> = Vec::new();
    for (k, c) in b.choices.iter().enumerate() {
        arms.push((c.condition.clone(), arm_of(k, &c.target, &mut blocks)));
    }
    let else_arm = match (&else_kind, &b.default) {
        (Else::None, _) => None,
        (Else::End, _) => Some(ElseArm::End(sp())),
        (Else::Goto(x), _) => Some(ElseArm::Arm(IfArm::Goto {
            target: x.clone(),
            span: sp(),
        })),
        (Else::Block, Some(d)) => Some(ElseArm::Arm(arm_of(b.choices.len(), d, &mut blocks))),
        (Else::Block, None) => return false,
    };
    let mut arms = arms.into_iter();
    let Some((condition, then_block)) = arms.next() else {
        return false;
    };
    let mut folded = branch_step.clone();
    if else_kind == Else::End {
        folded.clauses.retain(|c| !matches!(c, Clause::End { .. }));
    }
    folded.body = StepBody::If(IfStep {
        condition,
        then_block,
        else_ifs: arms.collect(),
        else_arm,
        span: sp(),
    });
    list.push(folded);
    list.append(&mut tail);
    true
}
