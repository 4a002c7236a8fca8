//! Statements to steps: action steps, flat branches, loops, and the
//! expansion of `if`/`guard`/`match` by their definition.
//!
//! The *continuation* K of a statement is the step after it in its block, or
//! the enclosing block's K when it is last (none at the end of the main steps
//! or of a loop body). The last step of an `if` arm gets `nextStep: K` unless
//! it has `goto`/`end` or the next emitted step is K already.

use std::collections::HashMap;

use super::devices::Props;
use super::Lowerer;
use crate::diagnostic::Diagnostic;
use crate::model::{DocKind, Key, Node, Step, Value};
use crate::span::Span;
use crate::syntax::ast::{
    self, ActionStep, BranchStep, Cond, ElseArm, GuardElse, GuardStep, IfArm, IfStep, MatchStep,
    StepBody,
};

/// Where a block sits: its continuation and the step emitted right after it.
#[derive(Clone, Copy)]
struct Ctx<'n> {
    k: Option<&'n str>,
    next_emitted: Option<&'n str>,
    /// The block is an `if` arm (its last step must not fall into the next arm).
    arm: bool,
}

fn key(name: &str, span: Span) -> Key {
    Key {
        name: name.to_string(),
        span,
    }
}

impl Lowerer<'_> {
    pub(super) fn statements(&mut self, stmts: &[&ast::Step], doc: &ast::Document) -> Vec<Step> {
        let mut out = Vec::new();
        let ctx = Ctx {
            k: None,
            next_emitted: None,
            arm: false,
        };
        let kind = match doc.kind {
            ast::DocKind::Command => DocKind::Command,
            ast::DocKind::Automation => DocKind::Automation,
        };
        self.names.assign_block(stmts, None);
        self.block(stmts, ctx, kind, &mut out);
        self.report_generated_clashes();
        out
    }

    fn block(&mut self, stmts: &[&ast::Step], ctx: Ctx<'_>, kind: DocKind, out: &mut Vec<Step>) {
        let names: Vec<String> = stmts.iter().map(|s| self.names.of(s).0).collect();
        for (i, stmt) in stmts.iter().enumerate() {
            let last = i + 1 == stmts.len();
            let next = names.get(i + 1).map(String::as_str);
            let inner = Ctx {
                k: if last { ctx.k } else { next },
                next_emitted: if last { ctx.next_emitted } else { next },
                arm: ctx.arm && last,
            };
            self.statement(stmt, inner, kind, out);
        }
    }

    fn statement(&mut self, stmt: &ast::Step, ctx: Ctx<'_>, kind: DocKind, out: &mut Vec<Step>) {
        let (name, name_span) = self.names.of(stmt);
        match &stmt.body {
            StepBody::Action(a) => {
                let props = self.clauses(&stmt.clauses, true);
                let mut step = self.action_step(stmt, &name, name_span, a, props, kind);
                if ctx.arm {
                    self.close_arm(&mut step, ctx, stmt.span);
                }
                out.push(step);
            }
            StepBody::Branch(b) => {
                let props = self.clauses(&stmt.clauses, true);
                let step = self.branch_step(stmt, &name, name_span, b, props);
                out.push(step);
            }
            StepBody::If(i) => self.if_step(stmt, &name, name_span, i, ctx, kind, out),
            StepBody::Guard(g) => {
                let props = self.clauses(&stmt.clauses, false);
                let step = self.guard_step(stmt, &name, name_span, g, props, ctx);
                out.push(step);
            }
            StepBody::Match(m) => {
                let props = self.clauses(&stmt.clauses, false);
                let step = self.match_step(stmt, &name, name_span, m, props);
                out.push(step);
            }
            StepBody::Error(_) => {}
        }
    }

    /// The last step of an `if` arm continues at K, or must end explicitly.
    fn close_arm(&mut self, step: &mut Step, ctx: Ctx<'_>, span: Span) {
        let ends = step
            .is_end
            .as_ref()
            .is_some_and(|n| n.value == Value::Bool(true));
        if step.next_step.is_some() || ends || ctx.k == ctx.next_emitted {
            return;
        }
        match ctx.k {
            Some(k) => step.next_step = Some(Node::string(k, span)),
            None => self.diags.push(
                Diagnostic::error(
                    crate::lower::codes::IF_FALLS_THROUGH,
                    step.name.span,
                    "this step would fall through into another branch of the `if`",
                )
                .with_label("last step of an `if` arm with no step after the `if`")
                .with_help("add `end` or `goto Step` to this step"),
            ),
        }
    }

    fn base_step(
        &mut self,
        stmt: &ast::Step,
        name: &str,
        name_span: Span,
        action: Node,
        props: Props,
    ) -> Step {
        let mut description = stmt
            .docs
            .as_ref()
            .map(|d| Node::string(d.text.clone(), d.span));
        if let Some(d) = props.description {
            if let Some(doc) = &description {
                self.diags.push(
                    Diagnostic::error(
                        crate::lower::codes::TWO_DESCRIPTIONS,
                        d.span,
                        format!("step `{name}` has two descriptions"),
                    )
                    .with_label("a `description` clause")
                    .with_secondary(doc.span, "and a doc comment")
                    .with_help("keep one of them"),
                );
            }
            description = Some(d);
        }
        Step {
            name: Node::string(name, name_span),
            action,
            description,
            on_failure: props.on_failure,
            on_cancel: props.on_cancel,
            next_step: props.next_step,
            is_end: props.is_end,
            is_critical: props.is_critical,
            max_attempts: props.max_attempts,
            timeout_seconds: props.timeout_seconds,
            precondition: None,
            inputs: None,
            loop_steps: None,
            loop_steps_index: 0,
            outputs: props.outputs,
            extra: props.extra,
            span: stmt.span,
        }
    }

    fn action_step(
        &mut self,
        stmt: &ast::Step,
        name: &str,
        name_span: Span,
        a: &ActionStep,
        props: Props,
        kind: DocKind,
    ) -> Step {
        let action = Node::string(a.action.text.clone(), a.action.span);
        let mut step = self.base_step(stmt, name, name_span, action, props);
        if let Some(pre) = &a.precondition {
            if kind == DocKind::Automation {
                let span = match pre {
                    ast::Precondition::Platform { span, .. }
                    | ast::Precondition::Equals { span, .. } => *span,
                    ast::Precondition::Raw(m) => m.span,
                };
                self.diags.push(
                    Diagnostic::error(
                        crate::lower::codes::WHEN_IN_AUTOMATION,
                        span,
                        "`when` preconditions are for Command documents",
                    )
                    .with_label("not allowed in an automation")
                    .with_help("in an automation, choose steps with `if Condition { … }`"),
                );
            }
            step.precondition = Some(self.precondition(pre));
        }
        // No `{ }` written: the step has no `inputs` key, as the author wrote it.
        let inputs = a.inputs.as_ref().map(|m| self.map(m));
        let input_count = inputs.as_ref().and_then(Node::as_map).map_or(0, <[_]>::len);
        step.inputs = inputs;
        if let Some(body) = &a.loop_body {
            let is_loop = a.action.text == "aws:loop"
                || self
                    .catalog
                    .action(&a.action.text)
                    .is_some_and(|s| s.attrs.iter().any(|x| x == "loop"));
            if !is_loop {
                self.diags.push(
                    Diagnostic::error(
                        crate::lower::codes::BODY_ON_NON_LOOP,
                        body.span,
                        format!("`{}` takes no `do` block", a.action.text),
                    )
                    .with_label("only `aws:loop` has a body")
                    .with_help("move these steps after this step"),
                );
            }
            if body.steps.is_empty() {
                self.diags.push(
                    Diagnostic::error(
                        crate::lower::codes::EMPTY_LOOP,
                        body.span,
                        "a loop body needs at least one step",
                    )
                    .with_label("empty")
                    .with_help("AWS requires `Steps` to hold at least one step"),
                );
            }
            let inner: Vec<&ast::Step> = body.steps.iter().collect();
            let mut steps = Vec::new();
            let ctx = Ctx {
                k: None,
                next_emitted: None,
                arm: false,
            };
            self.block(&inner, ctx, kind, &mut steps);
            step.loop_steps = Some(steps);
            step.loop_steps_index = input_count;
        }
        step
    }

    fn choice(&mut self, cond: &Cond, target: &str, target_span: Span, span: Span) -> Node {
        let mut entries = vec![(
            key("NextStep", target_span),
            Node::string(target, target_span),
        )];
        entries.extend(self.condition_entries(cond));
        Node::new(Value::Map(entries), span)
    }

    fn branch_inputs(
        &mut self,
        step: &mut Step,
        choices: Vec<Node>,
        default: Option<Node>,
        span: Span,
    ) {
        let mut inputs = vec![(key("Choices", span), Node::new(Value::List(choices), span))];
        if let Some(d) = default {
            inputs.push((key("Default", d.span), d));
        }
        step.inputs = Some(Node::new(Value::Map(inputs), span));
    }

    fn branch_step(
        &mut self,
        stmt: &ast::Step,
        name: &str,
        name_span: Span,
        b: &BranchStep,
        props: Props,
    ) -> Step {
        let action = Node::string("aws:branch", b.span);
        let mut step = self.base_step(stmt, name, name_span, action, props);
        let mut choices = Vec::new();
        for c in &b.choices {
            let mut node = self.choice(&c.condition, &c.target.text, c.target.span, c.span);
            if let (Some(raw), Value::Map(entries)) = (&c.raw, &mut node.value) {
                if let Value::Map(extra) = self.map(raw).value {
                    for (k, v) in extra {
                        if entries.iter().any(|(e, _)| e.name == k.name) {
                            self.diags.push(
                                Diagnostic::error(
                                    crate::lower::codes::RAW_SETS_PRODUCED_KEY,
                                    k.span,
                                    format!(
                                        "`raw` sets `{}`, which the choice already produces",
                                        k.name
                                    ),
                                )
                                .with_label("set twice")
                                .with_help("remove it from `raw`"),
                            );
                        } else {
                            entries.push((k, v));
                        }
                    }
                }
            }
            choices.push(node);
        }
        let default = b
            .default
            .as_ref()
            .map(|d| Node::string(d.text.clone(), d.span));
        self.branch_inputs(&mut step, choices, default, b.span);
        step
    }

    #[allow(clippy::too_many_arguments)]
    fn if_step(
        &mut self,
        stmt: &ast::Step,
        name: &str,
        name_span: Span,
        i: &IfStep,
        ctx: Ctx<'_>,
        kind: DocKind,
        out: &mut Vec<Step>,
    ) {
        let props = self.clauses(&stmt.clauses, false);
        let action = Node::string("aws:branch", i.span);
        let mut step = self.base_step(stmt, name, name_span, action, props);

        let mut arms: Vec<(&Cond, &IfArm)> = vec![(&i.condition, &i.then_block)];
        arms.extend(i.else_ifs.iter().map(|(c, a)| (c, a)));
        let mut choices = Vec::new();
        for (cond, arm) in &arms {
            if let Some((target, span)) = self.arm_target(arm) {
                choices.push(self.choice(cond, &target, span, cond.span()));
            }
        }
        let mut blocks: Vec<&ast::Block> = arms
            .iter()
            .filter_map(|(_, arm)| match arm {
                IfArm::Block(b) => Some(b),
                IfArm::Goto { .. } => None,
            })
            .collect();
        let default = match &i.else_arm {
            Some(ElseArm::Arm(arm)) => {
                if let IfArm::Block(b) = arm {
                    blocks.push(b);
                }
                self.arm_target(arm).map(|(t, s)| Node::string(t, s))
            }
            Some(ElseArm::End(span)) => {
                if step.is_end.is_none() {
                    step.is_end = Some(Node::new(Value::Bool(true), *span));
                }
                None
            }
            None => ctx.k.map(|k| Node::string(k, i.span)),
        };
        self.branch_inputs(&mut step, choices, default, i.span);
        out.push(step);

        let firsts: Vec<Option<String>> = blocks
            .iter()
            .map(|b| b.steps.first().map(|s| self.names.of(s).0))
            .collect();
        for (j, block) in blocks.iter().enumerate() {
            let next_emitted = match firsts.get(j + 1) {
                Some(Some(n)) => Some(n.as_str()),
                _ => ctx.next_emitted,
            };
            let inner: Vec<&ast::Step> = block.steps.iter().collect();
            let arm_ctx = Ctx {
                k: ctx.k,
                next_emitted,
                arm: true,
            };
            self.block(&inner, arm_ctx, kind, out);
        }
    }

    /// The step an arm starts at: its first statement, or its `goto` target.
    fn arm_target(&mut self, arm: &IfArm) -> Option<(String, Span)> {
        match arm {
            IfArm::Goto { target, .. } => Some((target.text.clone(), target.span)),
            IfArm::Block(b) => match b.steps.first() {
                Some(first) => Some(self.names.of(first)),
                None => {
                    self.diags.push(
                        Diagnostic::error(crate::lower::codes::EMPTY_BLOCK, b.span, "empty block")
                            .with_label("no steps here")
                            .with_help("add a step, or write `{ goto Step }` to jump"),
                    );
                    None
                }
            },
        }
    }

    fn guard_step(
        &mut self,
        stmt: &ast::Step,
        name: &str,
        name_span: Span,
        g: &GuardStep,
        props: Props,
        ctx: Ctx<'_>,
    ) -> Step {
        let action = Node::string("aws:branch", g.span);
        let mut step = self.base_step(stmt, name, name_span, action, props);
        let mut choices = Vec::new();
        match ctx.k {
            Some(k) => choices.push(self.choice(&g.condition, k, g.span, g.condition.span())),
            None => self.diags.push(
                Diagnostic::error(
                    crate::lower::codes::GUARD_AT_END,
                    g.span,
                    "a `guard` needs a step after it",
                )
                .with_label("nothing follows this guard")
                .with_help(
                    "the guard continues at the next step when its condition holds; add that step",
                ),
            ),
        }
        let default = match &g.otherwise {
            GuardElse::End(span) => {
                if step.is_end.is_none() {
                    step.is_end = Some(Node::new(Value::Bool(true), *span));
                }
                None
            }
            GuardElse::Goto(target) => Some(Node::string(target.text.clone(), target.span)),
        };
        self.branch_inputs(&mut step, choices, default, g.span);
        step
    }

    fn match_step(
        &mut self,
        stmt: &ast::Step,
        name: &str,
        name_span: Span,
        m: &MatchStep,
        props: Props,
    ) -> Step {
        let action = Node::string("aws:branch", m.span);
        let mut step = self.base_step(stmt, name, name_span, action, props);
        let mut choices = Vec::new();
        for (literal, target) in &m.arms {
            let cond = Cond::Compare {
                left: m.subject.clone(),
                op: ast::CmpOp::Eq,
                right: literal.clone(),
                span: literal.span,
            };
            choices.push(self.choice(
                &cond,
                &target.text,
                target.span,
                literal.span.to(target.span),
            ));
        }
        let default = m
            .default
            .as_ref()
            .map(|d| Node::string(d.text.clone(), d.span));
        self.branch_inputs(&mut step, choices, default, m.span);
        step
    }

    /// Two unnamed statements that got the same generated name, or one that
    /// took a written name.
    fn report_generated_clashes(&mut self) {
        let order = std::mem::take(&mut self.names.order);
        // The first use of each name, by name: a scan of the names seen made
        // this quadratic in the steps (800 branches took minutes to import).
        let mut seen: HashMap<&str, &(String, Span, bool)> = HashMap::new();
        for entry in &order {
            let (name, span, generated) = entry;
            if let Some((_, other_span, other_generated)) = seen.get(name.as_str()).copied() {
                if *generated || *other_generated {
                    let (at, other) = if *generated {
                        (*span, *other_span)
                    } else {
                        (*other_span, *span)
                    };
                    self.diags.push(
                        Diagnostic::error(
                            crate::lower::codes::GENERATED_NAME_TAKEN,
                            at,
                            format!("the generated step name `{name}` is already taken"),
                        )
                        .with_label("this statement's branch step would be named so")
                        .with_secondary(other, "the name is used here")
                        .with_help(format!("name it: `step Choose{name} = …`")),
                    );
                }
            } else {
                seen.insert(name, entry);
            }
        }
    }
}
