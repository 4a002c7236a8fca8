//! Selectors of AWS API steps against the operation's response shape.
//!
//! Input: `outputs` entries (`Selector`, `Type`) of `aws:executeAwsApi` and
//! `PropertySelector`/`DesiredValues` of the wait/assert actions. Output: a
//! selector SSM cannot parse (E1035), a segment the response can never have
//! (E1034, with a did-you-mean and the members that exist), a result whose
//! type does not fit the declared `Type` (W1008), a desired value outside the
//! property's enum, compared case-insensitively (W1009, unless listed in `stdlib/aws-api/enum-extras.tsv`,
//! the values AWS's APIs return that its models do not list).
//!
//! A selector holding a `{{ … }}` reference is not checked. An output without
//! a declared `Type` takes its selector's result type for the references to
//! it ([`inferred_output_ty`], used by the checker's scope).

use super::selector::{self, Segment};
use super::walk::{self, At, Yield};
use super::{literal, text_span};
use crate::awsapi::{Operation, Overlay, Scalar, Service, ShapeKind};
use crate::check::refs::ref_span;
use crate::check::suggest;
use crate::check::{codes, Checker};
use crate::diagnostic::Diagnostic;
use crate::model::{Node, Step};
use crate::types::Ty;
use std::ops::Range;

/// `service operation member value` lines: values APIs return beyond the model's enum.
const ENUM_EXTRAS: &str = ssmc_stdlib::AWS_API_ENUM_EXTRAS;

/// What a selector's result is, in SSM output-type words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    Scalar(Scalar),
    Object,
    ListOfScalar,
    ListOfObject,
    List,
    Unknown,
}

impl Checker<'_> {
    pub(super) fn check_api_outputs(
        &mut self,
        step: &Step,
        inputs: &Node,
        svc: &Service,
        op: &Operation,
    ) {
        if let Some(list) = step.outputs.as_ref().and_then(Node::as_list) {
            for entry in list {
                let Some(sel) = entry.get("Selector") else {
                    continue;
                };
                let Some(y) = self.check_selector(sel, svc, op) else {
                    continue;
                };
                if let Some(ty) = entry.get("Type").and_then(|t| t.as_str().map(|s| (t, s))) {
                    self.check_selector_type(ty.0, ty.1, sel, svc, y);
                }
            }
        }
        if let Some(sel) = inputs.get("PropertySelector") {
            if let Some(y) = self.check_selector(sel, svc, op) {
                if let Some(desired) = inputs.get("DesiredValues") {
                    self.check_desired(desired, svc, op, y);
                }
            }
        }
    }

    /// Parses and walks one selector; `None` when it is not a literal or is reported.
    fn check_selector(&mut self, node: &Node, svc: &Service, op: &Operation) -> Option<Yield> {
        let s = literal(node)?;
        let at = |r: Range<usize>| ref_span(node, s, r);
        let segs = match selector::parse(s) {
            Ok(segs) => segs,
            Err(e) => {
                self.report(
                    Diagnostic::error(
                        codes::INVALID_SELECTOR,
                        at(e.range),
                        format!("selector `{s}` does not parse: {}", e.message),
                    )
                    .with_label("here")
                    .with_help(
                        "write a JSONPath such as `$.Reservations[0].Instances[0].InstanceId`",
                    ),
                );
                return None;
            }
        };
        match walk::walk(svc, op.output, &segs) {
            Ok(y) => Some(y),
            Err(imp) => {
                let seg: Option<&Segment> = segs.get(imp.segment);
                let range = imp
                    .range
                    .clone()
                    .or_else(|| seg.map(|g| g.name_range.clone()))
                    .unwrap_or(0..s.len());
                let word = s.get(range.clone()).unwrap_or("");
                let mut d = Diagnostic::error(
                    codes::IMPOSSIBLE_SELECTOR,
                    at(range),
                    format!("selector `{s}` never matches a `{}` response", op.name),
                )
                .with_label(imp.message.clone());
                let names = imp.members.iter().map(String::as_str);
                d = match (imp.help(s), suggest(word, names)) {
                    (Some(help), _) => d.with_help(help),
                    (None, Some(m)) => d.with_help(format!("did you mean `{m}`?")),
                    (None, None) if imp.members.is_empty() || imp.deep => d,
                    (None, None) => d.with_help(format!(
                        "its members are {}",
                        super::params::list_names(imp.members.iter().map(String::as_str))
                    )),
                };
                self.report(d);
                None
            }
        }
    }

    fn check_selector_type(
        &mut self,
        ty: &Node,
        declared: &str,
        sel: &Node,
        svc: &Service,
        y: Yield,
    ) {
        let found = found(svc, y);
        let fits = match (declared, found) {
            (_, Found::Unknown) => true,
            ("String", Found::Scalar(_)) => true,
            // SSM takes the one element of a one-element result (AWS runbooks
            // declare `[?(@.OutputKey == 'X')].OutputValue` a String).
            ("String", Found::ListOfScalar) if y.fan_out => true,
            ("Integer", Found::Scalar(Scalar::Integer | Scalar::Long)) => true,
            ("Boolean", Found::Scalar(Scalar::Boolean)) => true,
            ("StringList", Found::ListOfScalar | Found::List | Found::Scalar(_)) => true,
            ("MapList", Found::ListOfObject | Found::List) => true,
            ("StringMap", Found::Object) => true,
            ("String" | "Integer" | "Boolean" | "StringList" | "MapList" | "StringMap", _) => false,
            _ => true,
        };
        if fits {
            return;
        }
        let what = describe(found);
        let better = match found {
            Found::Scalar(Scalar::Integer | Scalar::Long) => "Integer",
            Found::Scalar(Scalar::Boolean) => "Boolean",
            Found::Scalar(_) => "String",
            Found::Object => "StringMap",
            Found::ListOfScalar => "StringList",
            Found::ListOfObject | Found::List => "MapList",
            Found::Unknown => "String",
        };
        let span = ty.as_str().map_or(ty.span, |s| text_span(ty, s));
        let sel_text = sel.as_str().unwrap_or("");
        self.report(
            Diagnostic::warning(
                codes::SELECTOR_TYPE,
                span,
                format!("selector `{sel_text}` yields {what}, declared `{declared}`"),
            )
            .with_label(format!("the response has {what} here"))
            .with_secondary(sel.span, "the selector")
            .with_help(format!(
                "declare `Type: {better}`, or select a value of that type"
            )),
        );
    }

    fn check_desired(&mut self, desired: &Node, svc: &Service, op: &Operation, y: Yield) {
        let At::Shape(id) = y.at else { return };
        let Some(shape) = svc.shape(id) else { return };
        let ShapeKind::Scalar {
            enumeration: Some(values),
            ..
        } = &shape.kind
        else {
            return;
        };
        let items: Vec<&Node> = match desired.as_list() {
            Some(l) => l.iter().collect(),
            None => vec![desired],
        };
        for item in items {
            let Some(v) = literal(item) else { continue };
            // Case-insensitive: six AWSSupport runbooks wait for `windows` where
            // the API returns `Windows`, and they work.
            if values.iter().any(|e| e.eq_ignore_ascii_case(v))
                || known_extra(svc, op, &shape.name, v)
            {
                continue;
            }
            let mut d = Diagnostic::warning(
                codes::DESIRED_VALUE_NOT_IN_ENUM,
                text_span(item, v),
                format!("`{v}` is not a value of `{}` in the model", shape.name),
            )
            .with_label("the property never has this value, per botocore's model");
            d = match suggest(v, values.iter().map(String::as_str)) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help(format!(
                    "its values are {}",
                    super::params::list_names(values.iter().map(String::as_str))
                )),
            };
            self.report(d);
        }
    }
}

/// The type an `aws:executeAwsApi` output without a declared `Type` has:
/// its selector's result in SSM's output types (`None`: the step, the
/// selector or the result is not known well enough to say).
///
/// Only what is sure is typed: a string, timestamp or blob is a `String`, an
/// integer or long an `Integer`, a boolean a `Boolean`, a structure or map a
/// `StringMap`, a list of scalars (also a fan-out over scalars) a
/// `StringList`, a list of structures a `MapList`. A double, a free-form
/// document or a list of lists is left untyped (`Any`).
pub(crate) fn inferred_output_ty(overlay: &Overlay, inputs: &Node, selector: &Node) -> Option<Ty> {
    let (svc, op) = super::resolve_quiet(overlay, inputs)?;
    let segs = selector::parse(literal(selector)?).ok()?;
    let y = walk::walk(svc, op.output, &segs).ok()?;
    Some(match found(svc, y) {
        Found::Scalar(Scalar::String | Scalar::Timestamp | Scalar::Blob) => Ty::String,
        Found::Scalar(Scalar::Integer | Scalar::Long) => Ty::Integer,
        Found::Scalar(Scalar::Boolean) => Ty::Boolean,
        Found::Object => Ty::StringMap,
        Found::ListOfScalar => Ty::StringList,
        Found::ListOfObject => Ty::MapList,
        Found::Scalar(Scalar::Double | Scalar::Float) | Found::List | Found::Unknown => Ty::Any,
    })
}

fn known_extra(svc: &Service, op: &Operation, shape: &str, v: &str) -> bool {
    ENUM_EXTRAS.lines().any(|l| {
        let mut f = l.split('\t');
        !l.starts_with('#')
            && f.next() == Some(svc.name.as_str())
            && f.next().is_some_and(|o| o == "*" || o == op.name)
            && f.next() == Some(shape)
            && f.next() == Some(v)
    })
}

fn found(svc: &Service, y: Yield) -> Found {
    let one = match y.at {
        At::Any => return Found::Unknown,
        At::Root(_) | At::Meta | At::MetaHeaders => Found::Object,
        At::MetaString => Found::Scalar(Scalar::String),
        At::MetaInteger => Found::Scalar(Scalar::Integer),
        At::Shape(id) => match svc.shape(id).map(|s| &s.kind) {
            Some(ShapeKind::Structure { document: true, .. }) | None => Found::Unknown,
            Some(ShapeKind::Structure { .. } | ShapeKind::Map { .. }) => Found::Object,
            Some(ShapeKind::List { member, .. }) => match svc.shape(*member).map(|s| &s.kind) {
                Some(ShapeKind::Scalar { .. }) => Found::ListOfScalar,
                Some(
                    ShapeKind::Structure {
                        document: false, ..
                    }
                    | ShapeKind::Map { .. },
                ) => Found::ListOfObject,
                _ => Found::List,
            },
            Some(ShapeKind::Scalar { kind, .. }) => Found::Scalar(*kind),
        },
    };
    if !y.fan_out {
        return one;
    }
    match one {
        Found::Scalar(_) => Found::ListOfScalar,
        Found::Object => Found::ListOfObject,
        Found::Unknown => Found::Unknown,
        _ => Found::List,
    }
}

fn describe(f: Found) -> String {
    match f {
        Found::Scalar(Scalar::Integer) => "an integer".to_string(),
        Found::Scalar(s) => format!("a {}", s.name()),
        Found::Object => "an object".to_string(),
        Found::ListOfScalar => "a list of scalars".to_string(),
        Found::ListOfObject => "a list of objects".to_string(),
        Found::List => "a list of lists".to_string(),
        Found::Unknown => "a value".to_string(),
    }
}
