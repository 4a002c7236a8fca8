//! `{{ … }}` references inside strings: what they name, their types, and
//! the exact place of each reference inside its string literal.
//!
//! Input: any node of the document and the [`Site`] it sits in (which step,
//! whether a secret may flow there). Output: diagnostics for references to
//! parameters, steps, outputs, variables and built-ins that do not exist, and
//! for secrets flowing into places that log them; `{{ Step.Out }}` uses inside
//! steps are recorded for the dominance check.
//!
//! Places: a string node's span covers its whole literal. Where the literal is
//! a simple string without escapes (a JSON/`.rbk` quoted string, a YAML plain
//! scalar) the reference's offset inside the value is its offset inside the
//! literal, past the opening delimiter; otherwise the diagnostic points at the
//! whole literal.

use crate::check::scope::{OutputLookup, AUTOMATION_VARS, GLOBALS, PSEUDO_PARAMS};
use crate::check::suggest as did_you_mean;
use crate::check::{codes, Checker};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Node, Value};
use crate::span::Span;
use crate::syntax::refs::{find_refs, RefKind, StrRef};
use crate::types::Ty;
use std::ops::Range;

/// Where a secret may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sink {
    /// AWS resolves the secret there without logging it.
    Allowed,
    /// Why a secret may not go there (completes "… because {reason}").
    Denied(&'static str),
}

/// The context of a value: its step (for allows and dominance), its secret policy, its place in words.
pub(crate) struct Site<'s> {
    pub step: Option<usize>,
    pub sink: Sink,
    pub place: &'s str,
}

/// What a reference resolves to.
pub(crate) struct RefInfo {
    pub ty: Ty,
    pub secret: bool,
    /// The step it names (`Step.Out`).
    pub step: Option<usize>,
    /// A note to report where the reference is (a pseudo-parameter).
    pub note: Option<Diagnostic>,
}

const MAX_DEPTH: usize = 128;

impl Checker<'_> {
    /// Checks every reference in every string under `node`.
    pub(crate) fn walk_refs(&mut self, node: &Node, site: &Site<'_>) {
        self.walk_refs_at(node, site, 0);
    }

    fn walk_refs_at(&mut self, node: &Node, site: &Site<'_>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match &node.value {
            Value::String(_) if self.opts.literal_spans.contains(&node.span) => {}
            Value::String(s) => {
                for r in find_refs(s) {
                    let span = ref_span(node, s, r.range.clone());
                    self.check_ref(&r, span, site);
                }
            }
            Value::List(items) => {
                for item in items {
                    self.walk_refs_at(item, site, depth + 1);
                }
            }
            Value::Map(entries) => {
                for (_, v) in entries {
                    self.walk_refs_at(v, site, depth + 1);
                }
            }
            _ => {}
        }
    }

    /// References in a description (`site`'s place). A known one is checked as
    /// anywhere else (a secret may not flow there); one that names nothing is
    /// a warning, W1030, not E1010: a description is documentation, AWS
    /// documents no substitution there, and documents SSM accepted hold such
    /// text (the importer keeps them without an allow).
    pub(crate) fn walk_description_refs(&mut self, node: &Node, site: &Site<'_>) {
        let Value::String(s) = &node.value else {
            return self.walk_refs(node, site);
        };
        if self.opts.literal_spans.contains(&node.span) {
            return;
        }
        for r in find_refs(s) {
            let span = ref_span(node, s, r.range.clone());
            match self.lookup_ref(&r) {
                Ok(_) => self.check_ref(&r, span, site),
                Err(unknown) => {
                    let mut d = Diagnostic::warning(
                        codes::DESCRIPTION_REFERENCE,
                        span,
                        format!("{} in {}", unknown.message, site.place),
                    )
                    .with_label("names nothing")
                    .with_help(match &unknown.help {
                        Some(h) => {
                            format!("if this is text, write it without `{{{{ }}}}`; otherwise, {h}")
                        }
                        None => "if this is text, write it without `{{ }}`".to_string(),
                    });
                    d.fix = None;
                    self.report(d);
                }
            }
        }
    }

    /// Reports a reference that names nothing, or a secret in the wrong place.
    pub(crate) fn check_ref(&mut self, r: &StrRef, span: Span, site: &Site<'_>) {
        match self.lookup_ref(r) {
            Ok(info) => {
                if let Some(note) = info.note {
                    self.report(note.with_primary_span(span));
                }
                if info.secret {
                    self.secret_use(r, span, site);
                }
                if let (Some(user), Some(target)) = (site.step, info.step) {
                    if user != target && !self.in_body_of(target, user) {
                        self.step_uses.push((user, target, span));
                    }
                }
            }
            Err(d) => self.report((*d).with_primary_span(span)),
        }
    }

    /// Whether step `inner` is in the body (at any depth) of loop step `outer`.
    fn in_body_of(&self, inner: usize, outer: usize) -> bool {
        let mut cur = self.scope.steps.get(inner).and_then(|s| s.parent);
        let mut guard = 0;
        while let Some(p) = cur {
            if p == outer {
                return true;
            }
            cur = self.scope.steps.get(p).and_then(|s| s.parent);
            guard += 1;
            if guard > MAX_DEPTH {
                break;
            }
        }
        false
    }

    /// What `r` names, or the diagnostic for naming nothing (its span set by the caller).
    pub(crate) fn lookup_ref(&self, r: &StrRef) -> Result<RefInfo, Box<Diagnostic>> {
        let plain = |ty: Ty| {
            Ok(RefInfo {
                ty,
                secret: false,
                step: None,
                note: None,
            })
        };
        let name = r.name.trim();
        match r.kind {
            RefKind::Param => {
                if let Some(p) = self.scope.param(name) {
                    return Ok(RefInfo {
                        ty: p.ty.clone(),
                        secret: p.secret,
                        step: None,
                        note: None,
                    });
                }
                if PSEUDO_PARAMS.contains(&name) {
                    return Ok(RefInfo {
                        ty: Ty::String,
                        secret: false,
                        step: None,
                        note: Some(
                            Diagnostic::new(
                                codes::PSEUDO_PARAMETER,
                                Severity::Info,
                                Span::default(),
                                format!("`{name}` is a Maintenance Window pseudo-parameter"),
                            )
                            .with_label(
                                "resolved only when the document runs as a Maintenance Window task",
                            )
                            .with_help(format!(
                                "elsewhere it stays the literal text `{{{{ {name} }}}}`"
                            )),
                        ),
                    });
                }
                let mut d = Diagnostic::error(
                    codes::UNKNOWN_PARAMETER,
                    Span::default(),
                    format!("unknown parameter `{name}`"),
                )
                .with_label("no parameter has this name");
                let names = self.scope.params.iter().map(|p| p.name);
                if let Some(s) = did_you_mean(name, names) {
                    d = d.with_help(format!("did you mean `{s}`?"));
                } else if self.scope.var(name).is_some() {
                    d = d.with_help(format!(
                        "`{name}` is a variable: write `{{{{ variable:{name} }}}}`"
                    ));
                } else {
                    d = d.with_help(format!("declare it: `param {name}: String`"));
                }
                Err(Box::new(d))
            }
            RefKind::StepOutput => {
                let (step_name, out) = name.split_once('.').unwrap_or((name, ""));
                self.lookup_output(step_name, out)
            }
            RefKind::Variable => {
                let name = name.strip_prefix("variable:").unwrap_or(name).trim();
                if let Some(v) = self.scope.var(name) {
                    return plain(v.ty.clone());
                }
                let mut d = Diagnostic::error(
                    codes::UNKNOWN_VARIABLE,
                    Span::default(),
                    format!("unknown variable `{name}`"),
                )
                .with_label("no variable has this name");
                if let Some(s) = did_you_mean(name, self.scope.vars.iter().map(|v| v.name)) {
                    d = d.with_help(format!("did you mean `{s}`?"));
                } else {
                    d = d.with_help(format!("declare it: `var {name}: String`"));
                }
                Err(Box::new(d))
            }
            RefKind::Global | RefKind::Automation => {
                let (prefix, known) = if r.kind == RefKind::Global {
                    ("global", GLOBALS)
                } else {
                    ("automation", AUTOMATION_VARS)
                };
                let name = name
                    .strip_prefix(prefix)
                    .and_then(|n| n.strip_prefix(':'))
                    .unwrap_or(name)
                    .trim();
                if known.contains(&name) {
                    return plain(Ty::String);
                }
                let mut d = Diagnostic::error(
                    codes::UNKNOWN_BUILTIN,
                    Span::default(),
                    format!("unknown built-in variable `{prefix}:{name}`"),
                )
                .with_label(format!("SSM defines no `{prefix}:` variable of this name"));
                d = match did_you_mean(name, known.iter().copied()) {
                    Some(s) => d.with_help(format!("did you mean `{prefix}:{s}`?")),
                    None => d.with_help(format!(
                        "the `{prefix}:` variables are {}",
                        known.join(", ")
                    )),
                };
                Err(Box::new(d))
            }
            RefKind::Ssm => plain(Ty::Any),
            RefKind::SsmSecure => Ok(RefInfo {
                ty: Ty::Secret,
                secret: true,
                step: None,
                note: None,
            }),
            RefKind::Resolve => {
                let secret = name
                    .trim_start_matches("resolve:")
                    .starts_with("secretsmanager:");
                Ok(RefInfo {
                    ty: if secret { Ty::Secret } else { Ty::Any },
                    secret,
                    step: None,
                    note: None,
                })
            }
        }
    }

    /// `Step.Out`: the step must exist and produce `Out`.
    pub(crate) fn lookup_output(
        &self,
        step_name: &str,
        out: &str,
    ) -> Result<RefInfo, Box<Diagnostic>> {
        let Some(index) = self.scope.step(step_name) else {
            let mut d = Diagnostic::error(
                codes::UNKNOWN_STEP,
                Span::default(),
                format!("unknown step `{step_name}`"),
            )
            .with_label(format!(
                "no step has this name, so `{step_name}.{out}` names nothing"
            ));
            if let Some(s) = did_you_mean(
                step_name,
                self.scope.steps.iter().map(|s| s.step.name_str()),
            ) {
                d = d.with_help(format!("did you mean `{s}.{out}`?"));
            }
            return Err(Box::new(d));
        };
        match self.scope.output(index, out) {
            OutputLookup::Found(ty) => Ok(RefInfo {
                ty,
                secret: false,
                step: Some(index),
                note: None,
            }),
            OutputLookup::Unchecked => Ok(RefInfo {
                ty: Ty::Error,
                secret: false,
                step: Some(index),
                note: None,
            }),
            OutputLookup::Missing(names) => {
                let entry = self.scope.steps.get(index);
                let action = entry.map_or("", |e| e.step.action_str());
                let mut d = Diagnostic::error(
                    codes::UNKNOWN_OUTPUT,
                    Span::default(),
                    format!("step `{step_name}` has no output `{out}`"),
                )
                .with_label(format!(
                    "`{action}` does not produce `{out}` and the step does not declare it"
                ));
                if let Some(e) = entry {
                    d = d.with_secondary(e.step.name.span, "the step");
                }
                d = if let Some(s) = did_you_mean(out, names.iter().map(String::as_str)) {
                    d.with_help(format!("did you mean `{step_name}.{s}`?"))
                } else if names.is_empty() {
                    d.with_help(format!(
                        "declare it on the step: `outputs {{ {out}: String = \"$.…\" }}` (a Name, Selector and Type)"
                    ))
                } else {
                    d.with_help(format!(
                        "its outputs are {}; or declare `{out}` in the step's outputs",
                        names.join(", ")
                    ))
                };
                Err(Box::new(d))
            }
        }
    }

    /// The referenced type when `s` is exactly one reference (spaces around it allowed).
    pub(crate) fn whole_ref(&self, s: &str) -> Option<(StrRef, Option<RefInfo>)> {
        let refs = find_refs(s);
        let [r] = refs.as_slice() else { return None };
        let outside = s.get(..r.range.start).unwrap_or("x").trim().is_empty()
            && s.get(r.range.end..).unwrap_or("x").trim().is_empty();
        if !outside {
            return None;
        }
        let info = self.lookup_ref(r).ok();
        Some((r.clone(), info))
    }
}

/// The span of `range` (a byte range of the value `s`) inside `node`'s literal.
pub(crate) fn ref_span(node: &Node, s: &str, range: Range<usize>) -> Span {
    let span = node.span;
    let (len, n) = (span.len(), s.len());
    // Plain (a YAML plain scalar) or one delimiter each side (a quoted string
    // without escapes). Anything else (escapes, raw strings, block strings,
    // doc comments) may shift offsets unevenly: the whole literal is safer.
    let offset = if len == n {
        Some(0)
    } else if len == n + 2 {
        Some(1)
    } else {
        None
    };
    match offset {
        Some(o) => {
            let start = span.start as usize + o;
            Span::new(span.file, start + range.start, start + range.end)
        }
        None => span,
    }
}

/// Sets the primary span (the lookup builds diagnostics before it knows the place).
trait WithPrimarySpan {
    fn with_primary_span(self, span: Span) -> Self;
}

impl WithPrimarySpan for Diagnostic {
    fn with_primary_span(mut self, span: Span) -> Diagnostic {
        self.primary.span = span;
        self
    }
}
