//! Printing of values (literals, lists, maps, references, calls) and conditions.
//!
//! Input: `Expr`, `MapLit`, `Cond`. Output: canonical text at the current
//! position. A list or map is printed on one line or with one entry per line
//! and a trailing comma after each (the `Printer::breaks` rule).
//! Invariant: parentheses are printed where the tree has `Paren`, and added
//! where a synthesized tree nests `&&`/`||` without them (so it re-parses).

use super::text::{key, name};
use super::{Blank, Printer};
use crate::span::Span;
use crate::syntax::ast::{CmpOp, Cond, Expr, ExprKind, MapLit, Reference};

impl Printer<'_> {
    pub(crate) fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Null => self.write("null"),
            ExprKind::Bool(b) => self.write(if *b { "true" } else { "false" }),
            ExprKind::Int(i) => self.write(&i.to_string()),
            ExprKind::Float { value, text } => {
                if text.is_empty() {
                    self.write(&float_text(*value));
                } else {
                    self.write(text);
                }
            }
            ExprKind::Duration { seconds, text } => {
                if text.is_empty() {
                    self.write(&duration_text(*seconds));
                } else {
                    self.write(text);
                }
            }
            ExprKind::String(s) => self.string(s),
            ExprKind::List(items) => self.list(items, e.span),
            ExprKind::Map(m) => self.map(m),
            ExprKind::Ref(r) => self.write(&reference(r)),
            ExprKind::Call { func, args } => {
                self.write(&name(func));
                self.write("(");
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        self.write(", ");
                    }
                    self.expr(a);
                }
                self.write(")");
            }
            ExprKind::Lines(inner) => {
                self.write("lines ");
                self.expr(inner);
            }
            ExprKind::Cond(c) => self.cond(c),
            ExprKind::Error => self.error_text(e.span),
        }
    }

    pub(crate) fn list(&mut self, items: &[Expr], span: Span) {
        let commented = self.has_comment_inside(span);
        if items.is_empty() && !commented {
            self.write("[]");
            return;
        }
        let multi = commented || self.breaks(span, 1, |p| p.list_flat(items));
        if !multi {
            self.list_flat(items);
            return;
        }
        self.write("[");
        self.open_block(span.start as usize + 1);
        self.indented(|p| {
            for item in items {
                p.anchor(item.span.start as usize, Blank::Never);
                p.expr(item);
                p.write(",");
                p.done(item.span.end as usize);
            }
            p.anchor(closing(span), Blank::Never);
        });
        self.write("]");
        self.done(span.end as usize);
    }

    fn list_flat(&mut self, items: &[Expr]) {
        self.write("[");
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.write(", ");
            }
            self.expr(item);
        }
        self.write("]");
    }

    pub(crate) fn map(&mut self, m: &MapLit) {
        self.map_then(m, 0);
    }

    /// A map followed on its line by `after` more columns (for the width rule).
    pub(crate) fn map_then(&mut self, m: &MapLit, after: usize) {
        let commented = self.has_comment_inside(m.span);
        if m.entries.is_empty() && !commented {
            self.write("{}");
            return;
        }
        let multi = commented || self.breaks(m.span, 2 + after, |p| p.map_flat(m));
        if !multi {
            self.map_flat(m);
            return;
        }
        self.write("{");
        self.open_block(m.span.start as usize + 1);
        self.indented(|p| {
            for e in &m.entries {
                p.anchor(e.span.start as usize, Blank::Never);
                p.write(&key(&e.key));
                p.write(": ");
                p.expr(&e.value);
                p.write(",");
                p.done(e.span.end as usize);
            }
            p.anchor(closing(m.span), Blank::Never);
        });
        self.write("}");
        self.done(m.span.end as usize);
    }

    fn map_flat(&mut self, m: &MapLit) {
        if m.entries.is_empty() {
            self.write("{}");
            return;
        }
        self.write("{ ");
        for (i, e) in m.entries.iter().enumerate() {
            if i > 0 {
                self.write(", ");
            }
            self.write(&key(&e.key));
            self.write(": ");
            self.expr(&e.value);
        }
        self.write(" }");
    }

    pub(crate) fn cond(&mut self, c: &Cond) {
        match c {
            Cond::Compare {
                left, op, right, ..
            } => {
                self.expr(left);
                self.write(match op {
                    CmpOp::Eq => " == ",
                    CmpOp::Ne => " != ",
                    CmpOp::Gt => " > ",
                    CmpOp::Lt => " < ",
                    CmpOp::Ge => " >= ",
                    CmpOp::Le => " <= ",
                });
                self.expr(right);
            }
            Cond::Method {
                subject,
                method,
                arg,
                ..
            } => {
                self.expr(subject);
                self.write(".");
                self.write(&name(method));
                self.write("(");
                self.expr(arg);
                self.write(")");
            }
            Cond::Not { inner, .. } => {
                self.write("!");
                self.cond_operand(inner);
            }
            Cond::And { items, .. } => self.cond_list(items, " && "),
            Cond::Or { items, .. } => self.cond_list(items, " || "),
            Cond::Paren { inner, .. } => {
                self.write("(");
                self.cond(inner);
                self.write(")");
            }
            Cond::Raw(m) => {
                self.write("raw ");
                self.map(m);
            }
            Cond::Error(span) => self.error_text(*span),
        }
    }

    fn cond_list(&mut self, items: &[Cond], sep: &str) {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.write(sep);
            }
            self.cond_operand(item);
        }
    }

    /// An operand of `!`, `&&` or `||`: a nested `&&`/`||` needs parentheses.
    fn cond_operand(&mut self, c: &Cond) {
        if matches!(c, Cond::And { .. } | Cond::Or { .. }) {
            self.write("(");
            self.cond(c);
            self.write(")");
        } else {
            self.cond(c);
        }
    }
}

/// The offset of a bracket construct's closing bracket.
pub(crate) fn closing(span: Span) -> usize {
    (span.end as usize)
        .saturating_sub(1)
        .max(span.start as usize)
}

pub(crate) fn reference(r: &Reference) -> String {
    r.parts.iter().map(name).collect::<Vec<_>>().join(".")
}

/// A float's text for a synthesized literal (always with `.` or an exponent).
fn float_text(value: f64) -> String {
    let text = format!("{value:?}");
    if text.contains(['.', 'e', 'E']) || !value.is_finite() {
        text
    } else {
        format!("{text}.0")
    }
}

/// `5400` seconds → `1h30m` (units in order, zero units left out).
pub(crate) fn duration_text(seconds: u64) -> String {
    if seconds == 0 {
        return "0s".to_string();
    }
    let mut rest = seconds;
    let mut out = String::new();
    for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] {
        let n = rest / size;
        rest %= size;
        if n > 0 {
            out.push_str(&format!("{n}{unit}"));
        }
    }
    out
}
