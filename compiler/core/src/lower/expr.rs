//! Lowering of values: literals, references, built-in calls and `lines`.
//!
//! Input: an `ast::Expr` in value position. Output: the exact `model::Node`
//! it emits (principle 2: a literal keeps its JSON type, nothing is coerced).

use super::Lowerer;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::model::{Key, Node, Value};
use crate::span::Span;
use crate::syntax::ast::{Expr, ExprKind, MapLit, Reference};

/// The built-in functions of value position.
const FUNCTIONS: &[&str] = &["ssm", "ssm_secure", "file"];

impl Lowerer<'_> {
    /// Lowers a value; `key` is the map key it sits under (conditions are
    /// values only under `LoopCondition`).
    pub(super) fn expr(&mut self, expr: &Expr, key: Option<&str>) -> Node {
        let span = expr.span;
        let value = match &expr.kind {
            ExprKind::Null | ExprKind::Error => Value::Null,
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::Int(i) => Value::Int(*i),
            ExprKind::Float { value, .. } => Value::Float(*value),
            // The lexer refuses a duration beyond `i64::MAX` seconds (E0013),
            // so this never clamps a duration that was written.
            ExprKind::Duration { seconds, .. } => {
                Value::Int(i64::try_from(*seconds).unwrap_or(i64::MAX))
            }
            ExprKind::String(s) => {
                if s.lit {
                    self.literals.push(span);
                }
                Value::String(s.value.clone())
            }
            ExprKind::List(items) => {
                Value::List(items.iter().map(|e| self.expr(e, None)).collect())
            }
            ExprKind::Map(map) => return self.map(map),
            ExprKind::Ref(r) => Value::String(self.reference(r)),
            ExprKind::Call { func, args } => return self.call(&func.text, func.span, args, span),
            ExprKind::Lines(inner) => return self.lines(inner, span),
            ExprKind::Cond(cond) => {
                if key == Some("LoopCondition") {
                    return self.condition(cond);
                }
                self.diags.push(
                    Diagnostic::error(crate::lower::codes::CONDITION_AS_VALUE, span, "a condition is not a value here")
                        .with_label("this is a condition")
                        .with_help("conditions are values only in `LoopCondition`; elsewhere write them in `if`, `guard` or `branch`"),
                );
                Value::Null
            }
        };
        Node::new(value, span)
    }

    /// Lowers a `{ key: value }` literal, keeping key order.
    pub(super) fn map(&mut self, map: &MapLit) -> Node {
        let mut entries: Vec<(Key, Node)> = Vec::with_capacity(map.entries.len());
        for entry in &map.entries {
            if let Some((first, _)) = entries.iter().find(|(k, _)| k.name == entry.key.text) {
                let first = first.span;
                self.diags.push(
                    Diagnostic::error(
                        crate::lower::codes::DUPLICATE_KEY,
                        entry.key.span,
                        format!("duplicate key `{}`", entry.key.text),
                    )
                    .with_label("written again here")
                    .with_secondary(first, "first written here"),
                );
                continue;
            }
            let value = self.expr(&entry.value, Some(&entry.key.text));
            entries.push((
                Key {
                    name: entry.key.text.clone(),
                    span: entry.key.span,
                },
                value,
            ));
        }
        Node::new(Value::Map(entries), map.span)
    }

    /// `P` → `{{ P }}`, `S.O` → `{{ S.O }}`, `var.X` → `{{ variable:X }}`, …
    pub(super) fn reference(&mut self, r: &Reference) -> String {
        format!("{{{{ {} }}}}", reference_text(r))
    }

    fn call(&mut self, func: &str, func_span: Span, args: &[Expr], span: Span) -> Node {
        let Some(arg) = self.single_string_arg(func, args, span) else {
            return Node::new(Value::Null, span);
        };
        match func {
            "ssm" => Node::string(format!("{{{{ssm:{arg}}}}}"), span),
            "ssm_secure" => Node::string(format!("{{{{ssm-secure:{arg}}}}}"), span),
            "file" => match self.load_file(&arg, span) {
                Some(text) => Node::string(text, span),
                None => Node::new(Value::Null, span),
            },
            _ => {
                let mut d = Diagnostic::error(
                    crate::lower::codes::UNKNOWN_FUNCTION,
                    func_span,
                    format!("unknown function `{func}`"),
                )
                .with_label("not a built-in function");
                d = match did_you_mean(func, FUNCTIONS.iter().copied()) {
                    Some(s) => d.with_help(format!("did you mean `{s}`?")),
                    None => {
                        d.with_help("the built-in functions are `ssm`, `ssm_secure` and `file`")
                    }
                };
                self.diags.push(d);
                Node::new(Value::Null, span)
            }
        }
    }

    fn single_string_arg(&mut self, func: &str, args: &[Expr], span: Span) -> Option<String> {
        match args {
            [Expr {
                kind: ExprKind::String(s),
                ..
            }] => Some(s.value.clone()),
            _ => {
                self.diags.push(
                    Diagnostic::error(
                        crate::lower::codes::BAD_FUNCTION_ARGUMENT,
                        span,
                        format!("`{func}` takes one string argument"),
                    )
                    .with_label("expected one string here")
                    .with_help(format!("for example `{func}(\"/app/prod/name\")`")),
                );
                None
            }
        }
    }

    fn load_file(&mut self, path: &str, span: Span) -> Option<String> {
        match self.loader.load(self.file, path) {
            Ok(text) => Some(crate::span::normalize_source(&text)),
            Err(why) => {
                self.diags.push(
                    Diagnostic::error(
                        crate::lower::codes::UNREADABLE_FILE,
                        span,
                        format!("cannot embed `{path}`: {why}"),
                    )
                    .with_label("this file")
                    .with_help(
                        "paths are relative to the runbook and must stay inside the project",
                    ),
                );
                None
            }
        }
    }

    /// `lines "…"` / `lines file("…")`: a StringList with one element per line
    /// (n newlines give n+1 elements; a file's final newline is dropped first).
    fn lines(&mut self, inner: &Expr, span: Span) -> Node {
        let text = match &inner.kind {
            ExprKind::String(s) => s.value.clone(),
            ExprKind::Call { func, args } if func.text == "file" => {
                let Some(path) = self.single_string_arg("file", args, inner.span) else {
                    return Node::new(Value::Null, span);
                };
                let Some(text) = self.load_file(&path, inner.span) else {
                    return Node::new(Value::Null, span);
                };
                text.strip_suffix('\n').map(str::to_string).unwrap_or(text)
            }
            _ => {
                self.diags.push(
                    Diagnostic::error(crate::lower::codes::BAD_LINES, inner.span, "`lines` takes a string or `file(…)`")
                        .with_label("expected a string here")
                        .with_help("write `lines \"\"\"` followed by the lines, or `lines file(\"script.sh\")`"),
                );
                return Node::new(Value::Null, span);
            }
        };
        let items = text
            .split('\n')
            .map(|line| Node::string(line, inner.span))
            .collect();
        Node::new(Value::List(items), span)
    }
}

/// The text inside `{{ }}` for a bare reference.
pub fn reference_text(r: &Reference) -> String {
    let parts: Vec<&str> = r.parts.iter().map(|p| p.text.as_str()).collect();
    match parts.as_slice() {
        ["var", rest @ ..] if !rest.is_empty() && !r.parts.first().is_some_and(|p| p.escaped) => {
            format!("variable:{}", rest.join("."))
        }
        [prefix @ ("global" | "automation"), rest @ ..]
            if !rest.is_empty() && !r.parts.first().is_some_and(|p| p.escaped) =>
        {
            format!("{prefix}:{}", rest.join("."))
        }
        _ => parts.join("."),
    }
}
