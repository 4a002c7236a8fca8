//! Printing of statements: action steps, `branch`, `if`, `guard`, `match`,
//! blocks and clauses.
//!
//! Input: `Step` and its parts. Output: canonical text:
//! `step Name = aws:x { … } timeout 10m, attempts 2`, then `outputs { … }` on
//! its own line two columns in, then `goto`/`end` on their own lines at the step's indentation.
//! Invariant: clauses are regrouped only as a stable partition (inline
//! clauses, `outputs`, then `goto`/`end`), each group in source order; when
//! a comment sits among the clauses, each clause gets its own line so the
//! comment stays between the same clauses.

use super::expr::closing;
use super::text::{is_ident, name, quote, type_expr};
use super::{Blank, Printer};
use crate::span::Span;
use crate::syntax::ast::{
    ActionName, Block, BranchStep, Clause, ElseArm, FlowTarget, GuardElse, IfArm, IfStep,
    MatchStep, OutputDecl, Precondition, Step, StepBody,
};

/// Whether a clause is printed on the body's closing line.
fn is_inline(c: &Clause) -> bool {
    !matches!(
        c,
        Clause::Outputs { .. } | Clause::Goto { .. } | Clause::End { .. }
    )
}

/// The clauses in canonical order: a stable partition of the source order.
pub(crate) fn canonical_clause_order(clauses: &[Clause]) -> Vec<&Clause> {
    let mut out: Vec<&Clause> = clauses.iter().filter(|c| is_inline(c)).collect();
    out.extend(
        clauses
            .iter()
            .filter(|c| matches!(c, Clause::Outputs { .. })),
    );
    out.extend(
        clauses
            .iter()
            .filter(|c| matches!(c, Clause::Goto { .. } | Clause::End { .. })),
    );
    out
}

fn statement_start(s: &Step) -> usize {
    s.docs
        .as_ref()
        .map_or(s.span.start, |d| d.span.start.min(s.span.start)) as usize
}

impl Printer<'_> {
    pub(crate) fn action_name(&mut self, a: &ActionName) {
        let bare = a
            .text
            .split_once(':')
            .is_some_and(|(prefix, rest)| is_ident(prefix) && is_ident(rest));
        if bare {
            self.write(&a.text);
        } else {
            self.write(&quote(&a.text));
        }
    }

    pub(crate) fn statement(&mut self, s: &Step) {
        self.doc_comment(s.docs.as_ref());
        if let Some(n) = &s.name {
            self.write("step ");
            self.write(&name(n));
            self.write(" = ");
        }
        match &s.body {
            StepBody::Action(a) => {
                self.action_name(&a.action);
                if let Some(pre) = &a.precondition {
                    self.write(" when ");
                    self.precondition(pre);
                }
                if let Some(inputs) = &a.inputs {
                    self.write(" ");
                    let after = if a.loop_body.is_some() {
                        0
                    } else {
                        self.inline_clauses_width(&s.clauses)
                    };
                    self.map_then(inputs, after);
                }
                if let Some(body) = &a.loop_body {
                    self.write(" do ");
                    self.block(body);
                }
            }
            StepBody::Branch(b) => self.branch(b),
            StepBody::If(i) => self.if_step(i),
            StepBody::Guard(g) => {
                self.write("guard ");
                self.cond(&g.condition);
                self.write(" else ");
                match &g.otherwise {
                    GuardElse::End(_) => self.write("end"),
                    GuardElse::Goto(target) => {
                        self.write("goto ");
                        self.write(&name(target));
                    }
                }
            }
            StepBody::Match(m) => self.match_step(m),
            StepBody::Error(span) => self.error_text(*span),
        }
        self.clauses(&s.clauses);
    }

    fn precondition(&mut self, pre: &Precondition) {
        match pre {
            Precondition::Platform { platform, .. } => {
                self.write("platform ");
                self.write(&name(platform));
            }
            Precondition::Equals { left, right, .. } => {
                self.expr(left);
                self.write(" == ");
                self.expr(right);
            }
            Precondition::Raw(m) => {
                self.write("raw ");
                self.map(m);
            }
        }
    }

    /// A `{ … }` block of statements.
    pub(crate) fn block(&mut self, b: &Block) {
        if b.steps.is_empty() && b.errors.is_empty() && !self.has_comment_inside(b.span) {
            self.write("{}");
            self.done(b.span.end as usize);
            return;
        }
        self.write("{");
        self.open_block(b.span.start as usize + 1);
        self.indented(|p| {
            p.statements(&b.steps, &b.errors);
            p.anchor(closing(b.span), Blank::Never);
        });
        self.write("}");
        self.done(b.span.end as usize);
    }

    /// Statements and unparseable statements of a block, in source order.
    fn statements(&mut self, steps: &[Step], errors: &[Span]) {
        enum Entry<'s> {
            Step(&'s Step),
            Error(Span),
        }
        let mut entries: Vec<(usize, Entry<'_>)> = steps
            .iter()
            .map(|s| (statement_start(s), Entry::Step(s)))
            .chain(errors.iter().map(|e| (e.start as usize, Entry::Error(*e))))
            .collect();
        if !errors.is_empty() {
            entries.sort_by_key(|(start, _)| *start);
        }
        let mut prev_multi: Option<bool> = None;
        for (start, entry) in entries {
            p_anchor(self, start, prev_multi);
            let len_before = self.out.len();
            match entry {
                Entry::Step(s) => {
                    self.statement(s);
                    self.newline();
                    self.done(s.span.end as usize);
                }
                Entry::Error(span) => {
                    self.error_text(span);
                    self.newline();
                }
            }
            prev_multi = Some(self.lines_since(len_before) > 1);
        }

        fn p_anchor(p: &mut Printer<'_>, start: usize, prev_multi: Option<bool>) {
            p.anchor(start, Blank::Synth(prev_multi == Some(true)));
        }
    }

    fn branch(&mut self, b: &BranchStep) {
        self.write("branch {");
        self.open_block(b.span.start as usize);
        self.indented(|p| {
            for choice in &b.choices {
                p.anchor(choice.span.start as usize, Blank::Keep);
                p.write("when ");
                p.cond(&choice.condition);
                p.write(" -> ");
                p.write(&name(&choice.target));
                if let Some(raw) = &choice.raw {
                    p.write(" raw ");
                    p.map(raw);
                }
                p.newline();
                p.done(choice.span.end as usize);
            }
            if let Some(default) = &b.default {
                p.anchor(default.span.start as usize, Blank::Keep);
                p.write("else -> ");
                p.write(&name(default));
                p.newline();
                p.done(default.span.end as usize);
            }
            p.anchor(closing(b.span), Blank::Never);
        });
        self.write("}");
        self.done(b.span.end as usize);
    }

    fn if_step(&mut self, i: &IfStep) {
        self.write("if ");
        self.cond(&i.condition);
        self.write(" ");
        self.if_arm(&i.then_block);
        for (cond, arm) in &i.else_ifs {
            self.write(" else if ");
            self.cond(cond);
            self.write(" ");
            self.if_arm(arm);
        }
        match &i.else_arm {
            None => {}
            Some(ElseArm::End(_)) => self.write(" else end"),
            Some(ElseArm::Arm(arm)) => {
                self.write(" else ");
                self.if_arm(arm);
            }
        }
    }

    fn if_arm(&mut self, arm: &IfArm) {
        match arm {
            IfArm::Block(b) => self.block(b),
            IfArm::Goto { target, span } => {
                let multi = self.slice(*span).is_some_and(|t| t.contains('\n'))
                    || self.has_comment_inside(*span);
                if multi {
                    self.write("{");
                    self.open_block(span.start as usize + 1);
                    self.indented(|p| {
                        p.anchor(target.span.start as usize, Blank::Never);
                        p.write("goto ");
                        p.write(&name(target));
                        p.done(target.span.end as usize);
                        p.anchor(closing(*span), Blank::Never);
                    });
                    self.write("}");
                } else {
                    self.write("{ goto ");
                    self.write(&name(target));
                    self.write(" }");
                }
                self.done(span.end as usize);
            }
        }
    }

    fn match_step(&mut self, m: &MatchStep) {
        self.write("match ");
        self.expr(&m.subject);
        self.write(" ");
        let commented = self.has_comment_inside(m.span);
        let multi = commented || self.breaks(m.span, 0, |p| p.match_arms_flat(m));
        if !multi {
            self.match_arms_flat(m);
            return;
        }
        self.write("{");
        self.open_block(m.subject.span.end as usize);
        self.indented(|p| {
            for (lit, target) in &m.arms {
                p.anchor(lit.span.start as usize, Blank::Keep);
                p.expr(lit);
                p.write(" -> ");
                p.write(&name(target));
                p.newline();
                p.done(target.span.end as usize);
            }
            if let Some(default) = &m.default {
                p.anchor(default.span.start as usize, Blank::Keep);
                p.write("else -> ");
                p.write(&name(default));
                p.newline();
                p.done(default.span.end as usize);
            }
            p.anchor(closing(m.span), Blank::Never);
        });
        self.write("}");
        self.done(m.span.end as usize);
    }

    fn match_arms_flat(&mut self, m: &MatchStep) {
        self.write("{ ");
        let mut first = true;
        for (lit, target) in &m.arms {
            if !first {
                self.write(", ");
            }
            first = false;
            self.expr(lit);
            self.write(" -> ");
            self.write(&name(target));
        }
        if let Some(default) = &m.default {
            if !first {
                self.write(", ");
            }
            self.write("else -> ");
            self.write(&name(default));
        }
        self.write(" }");
    }

    /// A step's clauses after its last part (see the module header).
    fn clauses(&mut self, clauses: &[Clause]) {
        let ordered = canonical_clause_order(clauses);
        let range = clauses
            .iter()
            .map(Clause::span)
            .reduce(Span::to)
            .unwrap_or_default();
        let broken = !clauses.is_empty() && self.has_comment_inside(range);
        let mut first_inline = true;
        let step_indent = self.indent;
        for c in ordered {
            let own_line = broken || !is_inline(c);
            if own_line {
                // `outputs` (and every clause of a broken list) sits two columns
                // in; `goto`/`end` close the step at its own indentation.
                let flow = matches!(c, Clause::Goto { .. } | Clause::End { .. });
                self.indent = step_indent + if flow { 0 } else { super::INDENT };
                self.anchor(c.span().start as usize, Blank::Never);
                self.clause(c);
                self.indent = step_indent;
            } else {
                self.write(if first_inline { " " } else { ", " });
                first_inline = false;
                self.clause(c);
            }
            self.done(c.span().end as usize);
        }
    }

    /// The width of the clauses printed after a step's body on its line.
    fn inline_clauses_width(&self, clauses: &[Clause]) -> usize {
        if self.src.is_some() {
            return 0; // with source, layout follows the source
        }
        let inline: Vec<&Clause> = clauses.iter().filter(|c| is_inline(c)).collect();
        self.measure(|p| {
            for (i, c) in inline.iter().enumerate() {
                p.write(if i == 0 { " " } else { ", " });
                p.clause(c);
            }
        })
        .map_or(0, |t| t.chars().count())
    }

    /// `defaults { … }`: clauses on one line, or one per line.
    pub(crate) fn clause_block(&mut self, clauses: &[Clause], span: Span) {
        let commented = self.has_comment_inside(span);
        if clauses.is_empty() && !commented {
            self.write("{}");
            return;
        }
        let flat = |p: &mut Printer<'_>| {
            p.write("{ ");
            for (i, c) in clauses.iter().enumerate() {
                if i > 0 {
                    p.write(", ");
                }
                p.clause(c);
            }
            p.write(" }");
        };
        let has_outputs = clauses.iter().any(|c| matches!(c, Clause::Outputs { .. }));
        let multi = commented || has_outputs || self.breaks(span, 0, flat);
        if !multi {
            flat(self);
            return;
        }
        self.write("{");
        self.open_block(span.start as usize + 1);
        self.indented(|p| {
            for c in clauses {
                p.anchor(c.span().start as usize, Blank::Never);
                p.clause(c);
                p.done(c.span().end as usize);
            }
            p.anchor(closing(span), Blank::Never);
        });
        self.write("}");
        self.done(span.end as usize);
    }

    fn clause(&mut self, c: &Clause) {
        match c {
            Clause::Goto { target, .. } => {
                self.write("goto ");
                self.write(&name(target));
            }
            Clause::End { value, .. } => {
                self.write("end");
                if let Some(v) = value {
                    self.write(" ");
                    self.expr(v);
                }
            }
            Clause::OnFailure { target, .. } => {
                self.write("on_failure ");
                self.flow_target(target);
            }
            Clause::OnCancel { target, .. } => {
                self.write("on_cancel ");
                self.flow_target(target);
            }
            Clause::Timeout { value, .. } => {
                self.write("timeout ");
                self.expr(value);
            }
            Clause::Attempts { value, .. } => {
                self.write("attempts ");
                self.expr(value);
            }
            Clause::Critical { value, .. } => {
                self.write("critical ");
                self.expr(value);
            }
            Clause::Outputs { outputs, span } => {
                self.write("outputs ");
                self.outputs_clause(outputs, *span);
            }
            Clause::Description { text, .. } => {
                self.write("description ");
                self.string(text);
            }
            Clause::Raw(m) => {
                self.write("raw ");
                self.map(m);
            }
        }
    }

    fn flow_target(&mut self, t: &FlowTarget) {
        match t {
            FlowTarget::Abort(_) => self.write("abort"),
            FlowTarget::Continue(_) => self.write("continue"),
            FlowTarget::Goto(n) => {
                self.write("goto ");
                self.write(&name(n));
            }
            FlowTarget::Literal(s) => self.string(s),
        }
    }

    fn output_decl(&mut self, o: &OutputDecl) {
        self.write(&name(&o.name));
        if let Some(ty) = &o.ty {
            self.write(": ");
            self.write(&type_expr(ty));
        }
        self.write(" = ");
        self.expr(&o.selector);
    }

    /// `{ N: T = "$.sel", … }` of a step's `outputs` clause.
    fn outputs_clause(&mut self, outputs: &[OutputDecl], span: Span) {
        let commented = self.has_comment_inside(span);
        if outputs.is_empty() && !commented {
            self.write("{}");
            return;
        }
        let flat = |p: &mut Printer<'_>| {
            p.write("{ ");
            for (i, o) in outputs.iter().enumerate() {
                if i > 0 {
                    p.write(", ");
                }
                p.output_decl(o);
            }
            p.write(" }");
        };
        let documented = outputs.iter().any(|o| o.docs.is_some());
        let multi = commented || documented || self.breaks(span, 0, flat);
        if !multi {
            flat(self);
            return;
        }
        self.write("{");
        self.open_block(span.start as usize + 1);
        self.indented(|p| {
            for o in outputs {
                let start = o
                    .docs
                    .as_ref()
                    .map_or(o.span.start, |d| d.span.start.min(o.span.start));
                p.anchor(start as usize, Blank::Never);
                p.doc_comment(o.docs.as_ref());
                p.output_decl(o);
                p.write(",");
                p.done(o.span.end as usize);
            }
            p.anchor(closing(span), Blank::Never);
        });
        self.write("}");
        self.done(span.end as usize);
    }
}
