//! Step names: the written ones, and the deterministic names of unnamed
//! `if`/`guard`/`match` statements (`If` + the first then-step, `Guard` +
//! the first referenced name of the condition, `Match` + the subject).

use crate::span::Span;
use crate::syntax::ast::{Cond, ExprKind, IfArm, Step, StepBody};

/// The name of the step a statement emits first, and where it comes from.
pub(super) fn statement_name(step: &Step) -> (String, Span) {
    if let Some(name) = &step.name {
        return (name.text.clone(), name.span);
    }
    let generated = match &step.body {
        StepBody::If(i) => match &i.then_block {
            IfArm::Block(b) => b
                .steps
                .first()
                .map(|s| format!("If{}", statement_name(s).0)),
            IfArm::Goto { target, .. } => Some(format!("If{}", target.text)),
        },
        StepBody::Guard(g) => first_reference(&g.condition).map(|r| format!("Guard{r}")),
        StepBody::Match(m) => match &m.subject.kind {
            ExprKind::Ref(r) => Some(format!(
                "Match{}",
                r.parts.iter().map(|p| p.text.as_str()).collect::<String>()
            )),
            _ => None,
        },
        _ => None,
    };
    let prefix = match &step.body {
        StepBody::If(_) => "If",
        StepBody::Guard(_) => "Guard",
        StepBody::Match(_) => "Match",
        _ => "Step",
    };
    (
        generated.unwrap_or_else(|| format!("{prefix}{}", step.span.start)),
        step.span,
    )
}

/// The first bare reference in a condition, its parts joined (`Check.State` → `CheckState`).
fn first_reference(cond: &Cond) -> Option<String> {
    match cond {
        Cond::Compare { left, .. } | Cond::Method { subject: left, .. } => match &left.kind {
            ExprKind::Ref(r) => Some(r.parts.iter().map(|p| p.text.as_str()).collect()),
            _ => None,
        },
        Cond::Not { inner, .. } | Cond::Paren { inner, .. } => first_reference(inner),
        Cond::And { items, .. } | Cond::Or { items, .. } => items.iter().find_map(first_reference),
        Cond::Raw(_) | Cond::Error(_) => None,
    }
}
