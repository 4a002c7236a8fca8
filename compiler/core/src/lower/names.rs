//! Step names: the written ones, and the deterministic names of unnamed
//! `if`/`guard`/`match` statements (docs/language.md §8.3): `If` + the first
//! step of the then arm (or its `goto` target), `Guard` + its continuation,
//! `Match` + the first arm's target.

use std::collections::HashMap;

use crate::span::Span;
use crate::syntax::ast::{ElseArm, IfArm, Step, StepBody};

/// The name of every statement at every depth, keyed by the statement's address
/// (the tree is immutable while lowering, so addresses are stable).
#[derive(Default)]
pub(super) struct Names {
    by_stmt: HashMap<usize, (String, Span)>,
    /// Every statement in source order, for clash reports.
    pub order: Vec<(String, Span, bool)>,
}

fn id(step: &Step) -> usize {
    std::ptr::from_ref(step) as usize
}

impl Names {
    pub fn of(&self, step: &Step) -> (String, Span) {
        self.by_stmt
            .get(&id(step))
            .cloned()
            .unwrap_or_else(|| (format!("Step{}", step.span.start), step.span))
    }

    /// Names the statements of a block whose continuation is `k`.
    pub fn assign_block(&mut self, steps: &[&Step], k: Option<&str>) {
        let mut next: Option<String> = k.map(str::to_string);
        // From the last statement back: each one's K is the name after it.
        for step in steps.iter().rev() {
            let (name, _) = self.assign_statement(step, next.as_deref());
            next = Some(name);
        }
    }

    fn assign_statement(&mut self, step: &Step, k: Option<&str>) -> (String, Span) {
        // Inner blocks first: an `if`'s name depends on its then arm's first step.
        let mut then_first: Option<String> = None;
        match &step.body {
            StepBody::If(i) => {
                let mut arms: Vec<&IfArm> = vec![&i.then_block];
                arms.extend(i.else_ifs.iter().map(|(_, a)| a));
                if let Some(ElseArm::Arm(a)) = &i.else_arm {
                    arms.push(a);
                }
                for (n, arm) in arms.iter().enumerate() {
                    let first = match arm {
                        IfArm::Block(b) => {
                            let inner: Vec<&Step> = b.steps.iter().collect();
                            self.assign_block(&inner, k);
                            b.steps.first().map(|s| self.of(s).0)
                        }
                        IfArm::Goto { target, .. } => Some(target.text.clone()),
                    };
                    if n == 0 {
                        then_first = first;
                    }
                }
            }
            StepBody::Action(a) => {
                if let Some(body) = &a.loop_body {
                    let inner: Vec<&Step> = body.steps.iter().collect();
                    self.assign_block(&inner, None);
                }
            }
            _ => {}
        }
        let (name, span) = match &step.name {
            Some(n) => (n.text.clone(), n.span),
            None => {
                let generated = match &step.body {
                    StepBody::If(_) => then_first.map(|t| format!("If{t}")),
                    StepBody::Guard(_) => k.map(|k| format!("Guard{k}")),
                    StepBody::Match(m) => m.arms.first().map(|(_, t)| format!("Match{}", t.text)),
                    _ => None,
                };
                (
                    generated.unwrap_or_else(|| format!("Step{}", step.span.start)),
                    step.span,
                )
            }
        };
        self.by_stmt.insert(id(step), (name.clone(), span));
        self.order.push((name.clone(), span, step.name.is_none()));
        (name, span)
    }
}
