//! Lowering of conditions to AWS choice objects (`aws:branch` Choices,
//! `aws:loop` LoopCondition, Command `precondition`).
//!
//! `a == "s"` → StringEquals, `a == 3` → NumericEquals, `a == true` →
//! BooleanEquals (by the right operand's literal type, or the referenced
//! parameter's or variable's type); `>`/`<`/`>=`/`<=` → Numeric*; `!=` and `!`
//! → `Not`; `&&`/`||` → one `And`/`Or` per chain; parentheses nest.

use super::Lowerer;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::model::{Key, Node, Value};
use crate::span::Span;
use crate::syntax::ast::{CmpOp, Cond, Expr, ExprKind, Name, Precondition};

/// AWS's named operators, usable as methods: `a.EqualsIgnoreCase("x")`.
pub const OPERATORS: &[&str] = crate::syntax::ast::CONDITION_OPERATORS;

const PLATFORMS: &[(&str, &str)] = &[
    ("linux", "Linux"),
    ("windows", "Windows"),
    ("macos", "MacOS"),
];

fn key(name: &str, span: Span) -> Key {
    Key {
        name: name.to_string(),
        span,
    }
}

impl Lowerer<'_> {
    /// A condition as the map AWS expects (without `NextStep`).
    pub(super) fn condition(&mut self, cond: &Cond) -> Node {
        let span = cond.span();
        let entries = self.condition_entries(cond);
        Node::new(Value::Map(entries), span)
    }

    pub(super) fn condition_entries(&mut self, cond: &Cond) -> Vec<(Key, Node)> {
        match cond {
            Cond::Compare {
                left,
                op,
                right,
                span,
            } => {
                let variable = self.operand(left);
                let value = self.expr(right, None);
                let equals = self.equality_operator(right);
                let op_name = match op {
                    CmpOp::Eq | CmpOp::Ne => equals,
                    CmpOp::Gt => "NumericGreater",
                    CmpOp::Lt => "NumericLesser",
                    CmpOp::Ge => "NumericGreaterOrEquals",
                    CmpOp::Le => "NumericLesserOrEquals",
                };
                let inner = vec![
                    (key("Variable", left.span), variable),
                    (key(op_name, right.span), value),
                ];
                if *op == CmpOp::Ne {
                    vec![(key("Not", *span), Node::new(Value::Map(inner), *span))]
                } else {
                    inner
                }
            }
            Cond::Method {
                subject,
                method,
                arg,
                ..
            } => {
                self.check_operator(method);
                let variable = self.operand(subject);
                let value = self.expr(arg, None);
                vec![
                    (key("Variable", subject.span), variable),
                    (key(&method.text, method.span), value),
                ]
            }
            Cond::Not { inner, span } => {
                let inner = self.condition(inner);
                vec![(key("Not", *span), inner)]
            }
            Cond::And { items, span } => {
                let list = items.iter().map(|c| self.condition(c)).collect();
                vec![(key("And", *span), Node::new(Value::List(list), *span))]
            }
            Cond::Or { items, span } => {
                let list = items.iter().map(|c| self.condition(c)).collect();
                vec![(key("Or", *span), Node::new(Value::List(list), *span))]
            }
            Cond::Paren { inner, .. } => self.condition_entries(inner),
            Cond::Raw(map) => match self.map(map).value {
                Value::Map(entries) => entries,
                _ => Vec::new(),
            },
            Cond::Error(_) => Vec::new(),
        }
    }

    /// The left operand: a bare reference (`"{{ X }}"`) or a string emitted verbatim.
    fn operand(&mut self, expr: &Expr) -> Node {
        match &expr.kind {
            ExprKind::Ref(_) | ExprKind::String(_) | ExprKind::Error => self.expr(expr, None),
            _ => {
                self.diags.push(
                    Diagnostic::error(
                        crate::lower::codes::BAD_CONDITION_SUBJECT,
                        expr.span,
                        "the left side of a condition must be a reference or a string",
                    )
                    .with_label("expected a parameter, a step output or a variable")
                    .with_help("write the value on the right: `Status == \"running\"`"),
                );
                Node::new(Value::Null, expr.span)
            }
        }
    }

    /// StringEquals, NumericEquals or BooleanEquals, by the right operand.
    fn equality_operator(&self, right: &Expr) -> &'static str {
        match &right.kind {
            ExprKind::Int(_) | ExprKind::Float { .. } | ExprKind::Duration { .. } => {
                "NumericEquals"
            }
            ExprKind::Bool(_) => "BooleanEquals",
            ExprKind::Ref(r) => {
                let text = super::expr::reference_text(r);
                match self.declared_type(&text) {
                    Some("Integer") => "NumericEquals",
                    Some("Boolean") => "BooleanEquals",
                    _ => "StringEquals",
                }
            }
            _ => "StringEquals",
        }
    }

    fn check_operator(&mut self, method: &Name) {
        if OPERATORS.contains(&method.text.as_str()) {
            return;
        }
        let mut d = Diagnostic::error(
            crate::lower::codes::UNKNOWN_OPERATOR,
            method.span,
            format!("unknown condition operator `{}`", method.text),
        )
        .with_label("not an AWS branch operator");
        d = match did_you_mean(&method.text, OPERATORS.iter().copied()) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => d.with_help(format!("the operators are {}", OPERATORS.join(", "))),
        };
        self.diags.push(d);
    }

    /// `when platform linux` / `when A == B` / `when raw { … }`.
    pub(super) fn precondition(&mut self, pre: &Precondition) -> Node {
        match pre {
            Precondition::Platform { platform, span } => {
                let Some((_, aws)) = PLATFORMS
                    .iter()
                    .find(|(word, _)| word.eq_ignore_ascii_case(&platform.text))
                else {
                    let mut d = Diagnostic::error(
                        crate::lower::codes::UNKNOWN_PLATFORM,
                        platform.span,
                        format!("unknown platform `{}`", platform.text),
                    )
                    .with_label("expected linux, windows or macos");
                    if let Some(s) = did_you_mean(&platform.text, PLATFORMS.iter().map(|(w, _)| *w))
                    {
                        d = d.with_help(format!("did you mean `{s}`?"));
                    }
                    self.diags.push(d);
                    return Node::new(Value::Null, *span);
                };
                let args = vec![
                    Node::string("platformType", platform.span),
                    Node::string(*aws, platform.span),
                ];
                Node::new(
                    Value::Map(vec![(
                        key("StringEquals", *span),
                        Node::new(Value::List(args), *span),
                    )]),
                    *span,
                )
            }
            Precondition::Equals { left, right, span } => {
                let args = vec![self.expr(left, None), self.expr(right, None)];
                Node::new(
                    Value::Map(vec![(
                        key("StringEquals", *span),
                        Node::new(Value::List(args), *span),
                    )]),
                    *span,
                )
            }
            Precondition::Raw(map) => self.map(map),
        }
    }
}
