//! Conditions: an `aws:branch` choice (or a `LoopCondition`) as a [`Cond`].
//!
//! Input: the condition object (a choice without its `NextStep`). Output:
//! `a == "s"`, `a == true`, `a > 3`, `a != "s"` (for `Not` of an equality),
//! `a.Method(x)`, `!c`, `c && d`, `c || d`, or `raw { … }` for anything else.
//! Invariant: the operator form is used only where the lowering's choice of
//! AWS operator (by the right operand's literal type) gives back the same
//! operator; otherwise the AWS-named method form, which names it.

use super::names::sp;
use super::refs::WholeRef;
use super::value::{expr, float_text, mk, string_expr, Refs, ValueCx};
use crate::model::{Key, Node, Value};
use crate::syntax::ast::{CmpOp, Cond, Expr, ExprKind, MapLit, Name};

/// The AWS comparison operators a choice may use.
const OPERATORS: &[&str] = crate::syntax::ast::CONDITION_OPERATORS;

/// Declared parameter and variable types by reference text (`P`, `variable:X`),
/// as the lowering reads them to choose the operator of `a == Ref`.
pub(crate) type Types = [(String, String)];

/// Keys that make up a condition (all other keys of a choice are extra).
pub(crate) fn is_condition_key(k: &str) -> bool {
    matches!(k, "And" | "Or" | "Not" | "Variable") || OPERATORS.contains(&k)
}

/// The condition for these keys, or `None` when only `raw` can say it.
pub(crate) fn cond(entries: &[(Key, Node)], types: &Types, depth: usize) -> Option<Cond> {
    if depth > super::value::MAX_DEPTH {
        return None;
    }
    match entries {
        [(k, v)] if k.name == "And" || k.name == "Or" => {
            let items = v.as_list()?;
            if items.len() < 2 {
                return None;
            }
            let items = items
                .iter()
                .map(|item| cond(item.as_map()?, types, depth + 1).map(group))
                .collect::<Option<Vec<Cond>>>()?;
            Some(if k.name == "And" {
                Cond::And { items, span: sp() }
            } else {
                Cond::Or { items, span: sp() }
            })
        }
        [(k, v)] if k.name == "Not" => {
            let inner = cond(v.as_map()?, types, depth + 1)?;
            Some(match inner {
                Cond::Compare {
                    left,
                    op: CmpOp::Eq,
                    right,
                    span,
                } => Cond::Compare {
                    left,
                    op: CmpOp::Ne,
                    right,
                    span,
                },
                // `!(a != b)` would read as `!!(a == b)`; keep the double negation visible.
                other => Cond::Not {
                    inner: Box::new(group(other)),
                    span: sp(),
                },
            })
        }
        [(a, av), (b, bv)] => {
            let (var, (op, value)) = if a.name == "Variable" {
                (av, (b.name.as_str(), bv))
            } else if b.name == "Variable" {
                (bv, (a.name.as_str(), av))
            } else {
                return None;
            };
            if !OPERATORS.contains(&op) {
                return None;
            }
            let left = string_expr(var.as_str()?, Refs::Bare);
            Some(compare(left, op, value, types))
        }
        _ => None,
    }
}

/// `(c)` around `&&`/`||`/`!=` operands so the printed text nests the same way.
fn group(c: Cond) -> Cond {
    match c {
        Cond::And { .. } | Cond::Or { .. } => Cond::Paren {
            inner: Box::new(c),
            span: sp(),
        },
        Cond::Compare { op: CmpOp::Ne, .. } => Cond::Paren {
            inner: Box::new(c),
            span: sp(),
        },
        other => other,
    }
}

fn compare(left: Expr, op: &str, value: &Node, types: &Types) -> Cond {
    let cmp = |op: CmpOp, right: Expr| Cond::Compare {
        left: left.clone(),
        op,
        right,
        span: sp(),
    };
    match (op, &value.value) {
        ("StringEquals", Value::String(s)) if super::refs::whole_ref(s).is_none() => {
            cmp(CmpOp::Eq, string_expr(s, Refs::Verbatim))
        }
        ("StringEquals" | "BooleanEquals" | "NumericEquals", Value::String(s))
            if equality_by_type(s, types) == Some(op) =>
        {
            cmp(CmpOp::Eq, string_expr(s, Refs::Bare))
        }
        ("BooleanEquals", Value::Bool(b)) => cmp(CmpOp::Eq, mk(ExprKind::Bool(*b))),
        ("NumericEquals", Value::Int(i)) => cmp(CmpOp::Eq, mk(ExprKind::Int(*i))),
        ("NumericGreater", Value::Int(_) | Value::Float(_)) => cmp(CmpOp::Gt, number(value)),
        ("NumericLesser", Value::Int(_) | Value::Float(_)) => cmp(CmpOp::Lt, number(value)),
        ("NumericGreaterOrEquals", Value::Int(_) | Value::Float(_)) => {
            cmp(CmpOp::Ge, number(value))
        }
        ("NumericLesserOrEquals", Value::Int(_) | Value::Float(_)) => cmp(CmpOp::Le, number(value)),
        _ => {
            let mut diags = Vec::new();
            let arg = expr(
                value,
                &mut ValueCx {
                    refs: Refs::Bare,
                    diags: &mut diags,
                },
            );
            Cond::Method {
                subject: left,
                method: Name {
                    text: op.to_string(),
                    span: sp(),
                    escaped: false,
                },
                arg,
                span: sp(),
            }
        }
    }
}

/// The operator the lowering picks for `a == Ref` when `s` is a whole-value
/// reference: by the referenced parameter's or variable's declared type.
fn equality_by_type(s: &str, types: &Types) -> Option<&'static str> {
    let r = super::refs::whole_ref(s)?;
    let text = match &r {
        WholeRef::Path(parts) => parts.join("."),
        WholeRef::Prefixed("var", x) => format!("variable:{x}"),
        WholeRef::Prefixed(prefix, x) => format!("{prefix}:{x}"),
        WholeRef::Ssm { .. } => return None,
    };
    let declared = types
        .iter()
        .find(|(n, _)| *n == text)
        .map(|(_, t)| t.as_str());
    Some(match declared {
        Some("Integer") => "NumericEquals",
        Some("Boolean") => "BooleanEquals",
        _ => "StringEquals",
    })
}

fn number(value: &Node) -> Expr {
    match &value.value {
        Value::Float(f) => mk(ExprKind::Float {
            value: *f,
            text: float_text(*f),
        }),
        Value::Int(i) => mk(ExprKind::Int(*i)),
        _ => mk(ExprKind::Null),
    }
}

/// `raw { … }` holding the condition object verbatim.
pub(crate) fn raw_cond(entries: &[(Key, Node)]) -> Cond {
    let mut diags = Vec::new();
    let map: MapLit = super::value::map_lit(
        entries,
        &mut ValueCx {
            refs: Refs::Verbatim,
            diags: &mut diags,
        },
    );
    Cond::Raw(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn n(v: Value) -> Node {
        Node::new(v, Span::default())
    }

    fn k(name: &str) -> Key {
        Key {
            name: name.to_string(),
            span: Span::default(),
        }
    }

    fn cond_(entries: &[(Key, Node)], depth: usize) -> Option<Cond> {
        let types = [("B".to_string(), "Boolean".to_string())];
        cond(entries, &types, depth)
    }

    fn leaf(op: &str, value: Value) -> Vec<(Key, Node)> {
        vec![
            (k("Variable"), n(Value::String("{{ P }}".into()))),
            (k(op), n(value)),
        ]
    }

    #[test]
    fn equality_uses_the_operator_form_only_for_the_matching_literal_type() {
        let c = cond_(&leaf("StringEquals", Value::String("a".into())), 0);
        assert!(matches!(c, Some(Cond::Compare { op: CmpOp::Eq, .. })));
        let c = cond_(&leaf("BooleanEquals", Value::Bool(true)), 0);
        assert!(matches!(c, Some(Cond::Compare { op: CmpOp::Eq, .. })));
        // A string compared numerically keeps the AWS operator's name.
        let c = cond_(&leaf("NumericEquals", Value::String("1".into())), 0);
        assert!(matches!(c, Some(Cond::Method { .. })));
        // A reference on the right: `==` where its declared type picks the same operator.
        let c = cond_(&leaf("StringEquals", Value::String("{{ Q }}".into())), 0);
        assert!(matches!(c, Some(Cond::Compare { op: CmpOp::Eq, .. })));
        let c = cond_(&leaf("StringEquals", Value::String("{{ B }}".into())), 0);
        assert!(matches!(c, Some(Cond::Method { .. })));
        let c = cond_(&leaf("BooleanEquals", Value::String("{{ B }}".into())), 0);
        assert!(matches!(c, Some(Cond::Compare { op: CmpOp::Eq, .. })));
    }

    #[test]
    fn not_of_an_equality_is_written_as_not_equal() {
        let inner = n(Value::Map(leaf("StringEquals", Value::String("a".into()))));
        let c = cond_(&[(k("Not"), inner)], 0);
        assert!(matches!(c, Some(Cond::Compare { op: CmpOp::Ne, .. })));
    }

    #[test]
    fn nested_combinators_are_parenthesised() {
        let a = n(Value::Map(leaf("NumericGreater", Value::Int(3))));
        let b = n(Value::Map(leaf("Contains", Value::String("x".into()))));
        let or = n(Value::Map(vec![(
            k("Or"),
            n(Value::List(vec![a.clone(), b])),
        )]));
        let Some(Cond::And { items, .. }) = cond_(&[(k("And"), n(Value::List(vec![a, or])))], 0)
        else {
            panic!("expected an And");
        };
        assert!(matches!(items.get(1), Some(Cond::Paren { .. })));
    }

    #[test]
    fn unknown_shapes_are_left_to_raw() {
        assert!(cond_(&leaf("Matches", Value::String("a".into())), 0).is_none());
        let one = n(Value::List(vec![n(Value::Map(leaf(
            "Contains",
            Value::Null,
        )))]));
        assert!(cond_(&[(k("And"), one)], 0).is_none());
        assert!(cond_(&[], 0).is_none());
    }
}
