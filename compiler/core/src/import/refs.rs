//! Whole-value references: a string that is exactly one `{{ … }}` reference
//! becomes a bare reference (`P`, `Step.Out`, `var.X`, `global.REGION`,
//! `ssm("/p")`, `ssm_secure("/p")`).
//!
//! Input: a string value. Output: the expression that emits the same string up
//! to the spacing inside the braces (which SSM ignores), or `None`.
//! Invariant: only text matching the sketch's reference grammar is taken; a
//! `resolve:` reference and anything with text outside the braces stays a string.

use super::names::{is_name_text, name, sp};
use crate::syntax::ast::{Expr, ExprKind, Name, Reference, StringLit, StringStyle};

/// What a whole-value reference names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum WholeRef {
    /// `{{ P }}` or `{{ A.B }}`.
    Path(Vec<String>),
    /// `{{ variable:X }}`, `{{ global:X }}`, `{{ automation:X }}` as `(prefix word, X)`.
    Prefixed(&'static str, String),
    /// `{{ssm:/p}}` (`secure`: `{{ssm-secure:/p}}`).
    Ssm { path: String, secure: bool },
}

/// Parses `s` as exactly one reference (spaces allowed just inside the braces).
pub(crate) fn whole_ref(s: &str) -> Option<WholeRef> {
    let inner = s.strip_prefix("{{")?.strip_suffix("}}")?;
    if inner.contains('{') || inner.contains('}') || inner.contains('\n') {
        return None;
    }
    let core = inner.trim_matches(' ');
    if core.contains(' ') || core.is_empty() {
        return None;
    }
    if let Some((prefix, rest)) = core.split_once(':') {
        return match prefix {
            "variable" if is_name_text(rest) => Some(WholeRef::Prefixed("var", rest.to_string())),
            "global" if is_name_text(rest) => Some(WholeRef::Prefixed("global", rest.to_string())),
            "automation" if is_name_text(rest) => {
                Some(WholeRef::Prefixed("automation", rest.to_string()))
            }
            "ssm" if !rest.is_empty() => Some(WholeRef::Ssm {
                path: rest.to_string(),
                secure: false,
            }),
            "ssm-secure" if !rest.is_empty() => Some(WholeRef::Ssm {
                path: rest.to_string(),
                secure: true,
            }),
            _ => None,
        };
    }
    let parts: Vec<&str> = core.split('.').collect();
    if parts.len() > 2 || !parts.iter().all(|p| is_name_text(p)) {
        return None;
    }
    Some(WholeRef::Path(
        parts.into_iter().map(str::to_string).collect(),
    ))
}

/// The bare expression for a whole-value reference.
pub(crate) fn ref_expr(r: &WholeRef) -> Option<Expr> {
    let kind = match r {
        WholeRef::Path(parts) => ExprKind::Ref(Reference {
            parts: parts
                .iter()
                .map(|p| name(p))
                .collect::<Option<Vec<Name>>>()?,
            span: sp(),
        }),
        WholeRef::Prefixed(prefix, rest) => ExprKind::Ref(Reference {
            parts: vec![
                Name {
                    text: (*prefix).to_string(),
                    span: sp(),
                    escaped: false,
                },
                name(rest)?,
            ],
            span: sp(),
        }),
        WholeRef::Ssm { path, secure } => ExprKind::Call {
            func: Name {
                text: if *secure { "ssm_secure" } else { "ssm" }.to_string(),
                span: sp(),
                escaped: false,
            },
            args: vec![Expr {
                kind: ExprKind::String(StringLit {
                    value: path.clone(),
                    style: StringStyle::Quoted,
                    lit: false,
                    span: sp(),
                }),
                span: sp(),
            }],
        },
    };
    Some(Expr { kind, span: sp() })
}

/// `Step.Output` names referenced anywhere in `s` (`{{ A.B }}` inside text too).
pub(crate) fn step_refs_in(s: &str, out: &mut Vec<(String, String)>) {
    let mut rest = s;
    while let Some(open) = rest.find("{{") {
        let after = rest.get(open + 2..).unwrap_or("");
        let Some(close) = after.find("}}") else {
            return;
        };
        let candidate = rest.get(open..open + 2 + close + 2).unwrap_or("");
        if let Some(WholeRef::Path(parts)) = whole_ref(candidate) {
            if let [step, output] = parts.as_slice() {
                out.push((step.clone(), output.clone()));
            }
        }
        rest = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_references_are_recognised() {
        assert_eq!(whole_ref("{{ P }}"), Some(WholeRef::Path(vec!["P".into()])));
        assert_eq!(
            whole_ref("{{S.Out}}"),
            Some(WholeRef::Path(vec!["S".into(), "Out".into()]))
        );
        assert_eq!(
            whole_ref("{{ variable:X }}"),
            Some(WholeRef::Prefixed("var", "X".into()))
        );
        assert_eq!(
            whole_ref("{{ssm-secure:/a/b}}"),
            Some(WholeRef::Ssm {
                path: "/a/b".into(),
                secure: true
            })
        );
        assert_eq!(whole_ref("{{ resolve:ssm:/x }}"), None);
        assert_eq!(whole_ref(" {{ P }}"), None);
        assert_eq!(whole_ref("{{ P }} and {{ Q }}"), None);
        assert_eq!(whole_ref("{{print $2}}"), None);
        assert_eq!(whole_ref("{{ A.B.C }}"), None);
    }

    #[test]
    fn step_references_inside_text_are_found() {
        let mut out = Vec::new();
        step_refs_in("id={{ S.Id }} p={{P}} {{ T.X}}", &mut out);
        assert_eq!(
            out,
            vec![("S".into(), "Id".into()), ("T".into(), "X".into())]
        );
    }
}
