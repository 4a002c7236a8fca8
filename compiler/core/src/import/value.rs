//! Values: a model [`Node`] as an [`ast::Expr`] that lowers to the same value.
//!
//! Input: a JSON value tree. Output: literals that keep their JSON type (an
//! integer stays an integer, `1.0` a float, `"600"` a string), maps with
//! quoted keys where a key is not an identifier, whole-value references as
//! bare references (where `refs` allows), command lists as `lines """…"""`.
//! Invariant: nesting deeper than [`MAX_DEPTH`] is reported, never recursed into.

use super::names::{key, sp};
use super::refs::{ref_expr, whole_ref};
use super::text::{lines_text, string_lit};
use crate::diagnostic::Diagnostic;
use crate::model::{Key, Node, Value};
use crate::syntax::ast::{Expr, ExprKind, MapEntry, MapLit, StringLit};

pub(crate) const MAX_DEPTH: usize = 128;

/// How strings are written in one part of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refs {
    /// Whole-value `{{ … }}` strings become bare references (inputs, assume_role).
    Bare,
    /// Strings stay strings (`raw`, parameter attributes and defaults, `files`).
    Verbatim,
}

pub(crate) struct ValueCx<'a> {
    pub refs: Refs,
    pub diags: &'a mut Vec<Diagnostic>,
}

pub(crate) fn expr(node: &Node, cx: &mut ValueCx<'_>) -> Expr {
    expr_at(node, None, cx, 0)
}

pub(crate) fn map_lit(entries: &[(Key, Node)], cx: &mut ValueCx<'_>) -> MapLit {
    map_at(entries, cx, 0)
}

pub(crate) fn mk(kind: ExprKind) -> Expr {
    Expr { kind, span: sp() }
}

pub(crate) fn string_expr(s: &str, refs: Refs) -> Expr {
    if refs == Refs::Bare {
        if let Some(e) = whole_ref(s).as_ref().and_then(ref_expr) {
            return e;
        }
    }
    mk(ExprKind::String(string_lit(s)))
}

/// The float's text: Rust's shortest round-trip form, which always has a `.`
/// or an exponent, so the lexer reads it back as the same float.
pub(crate) fn float_text(f: f64) -> String {
    let text = format!("{f:?}");
    if text.contains('.') || text.contains('e') || text.contains('E') {
        text
    } else {
        format!("{text}.0")
    }
}

/// Keys whose string lists are command lines (written as `lines """…"""`).
fn is_command_key(key: &str) -> bool {
    key.eq_ignore_ascii_case("runCommand") || key.eq_ignore_ascii_case("commands")
}

fn expr_at(node: &Node, key: Option<&str>, cx: &mut ValueCx<'_>, depth: usize) -> Expr {
    if depth > MAX_DEPTH {
        cx.diags.push(
            Diagnostic::error(
                crate::import::codes::TOO_DEEP,
                node.span,
                "value nested too deeply to import",
            )
            .with_label("more than 128 levels of lists and maps")
            .with_help("flatten the value"),
        );
        return mk(ExprKind::Null);
    }
    match &node.value {
        Value::Null => mk(ExprKind::Null),
        Value::Bool(b) => mk(ExprKind::Bool(*b)),
        Value::Int(i) => mk(ExprKind::Int(*i)),
        Value::Float(f) => mk(ExprKind::Float {
            value: *f,
            text: float_text(*f),
        }),
        Value::String(s) => string_expr(s, cx.refs),
        Value::List(items) => {
            if key.is_some_and(is_command_key) {
                let strs: Option<Vec<&str>> = items.iter().map(Node::as_str).collect();
                if let Some((text, style)) = strs.as_deref().and_then(lines_text) {
                    let lit = StringLit {
                        value: text,
                        style,
                        lit: false,
                        span: sp(),
                    };
                    return mk(ExprKind::Lines(Box::new(mk(ExprKind::String(lit)))));
                }
            }
            mk(ExprKind::List(
                items
                    .iter()
                    .map(|item| expr_at(item, None, cx, depth + 1))
                    .collect(),
            ))
        }
        Value::Map(entries) => mk(ExprKind::Map(map_at(entries, cx, depth + 1))),
    }
}

fn map_at(entries: &[(Key, Node)], cx: &mut ValueCx<'_>, depth: usize) -> MapLit {
    MapLit {
        entries: entries
            .iter()
            .map(|(k, v)| MapEntry {
                key: key(&k.name),
                value: expr_at(v, Some(&k.name), cx, depth),
                span: sp(),
            })
            .collect(),
        span: sp(),
    }
}
