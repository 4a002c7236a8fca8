//! Request parameters of an AWS API step against the operation's input shape.
//!
//! Input: the step's inputs other than the action's own, and the operation.
//! Output: unknown parameters with a did-you-mean (E1029), missing required
//! ones (E1030), values of a type botocore rejects after SSM's conversions
//! (E1031), values outside an enum, min or max (E1032).
//!
//! SSM's conversions, which make a value acceptable: a one-element list where
//! a scalar is expected (a StringList parameter of one value); a string of
//! digits for an integer, long, double or float; `"true"`/`"false"` for a
//! boolean. A value holding a `{{ … }}` reference is checked by the
//! reference's type when the whole value is one reference, else not at all;
//! a StringList reference where one value goes is a warning (W1010): SSM
//! passes it only when the list has exactly one element.
//! Nesting deeper than [`MAX_DEPTH`] is not checked.

use crate::awsapi::{Member, Operation, Scalar, Service, ShapeId, ShapeKind};
use crate::check::awsapi::text_span;
use crate::check::refs::{ref_span, RefInfo};
use crate::check::suggest;
use crate::check::{codes, Checker};
use crate::diagnostic::Diagnostic;
use crate::model::{Key, Node, Step, Value};
use crate::syntax::refs::find_refs;
use crate::types::Ty;

const MAX_DEPTH: usize = 64;

/// What a reference's type tells about a value, for a shape.
enum RefFit {
    Fits,
    Wrong(&'static str),
    /// A list where one value goes: SSM passes a one-element list as its element.
    OneElement,
    Unknown,
}

impl Checker<'_> {
    pub(super) fn check_request(
        &mut self,
        _i: usize,
        step: &Step,
        inputs: &Node,
        params: &[&(Key, Node)],
        svc: &Service,
        op: &Operation,
    ) {
        let members: &[Member] = match op.input.and_then(|id| svc.shape(id)).map(|s| &s.kind) {
            Some(ShapeKind::Structure { members, .. }) => members,
            _ => &[],
        };
        // SSM drops a null parameter (AWS's own runbooks pass `"InstanceIds": null`).
        let params: Vec<_> = params
            .iter()
            .filter(|p| !matches!(p.1.value, Value::Null))
            .collect();
        for (key, value) in params.iter().map(|p| (&p.0, &p.1)) {
            let member = op.member_name(&key.name);
            if member != key.name && params.iter().any(|p| p.0.name == member) {
                self.alias_conflict(key, member, op);
                continue;
            }
            match members.iter().find(|m| m.name == member) {
                Some(m) => {
                    let path = key.name.clone();
                    self.check_api_param(value, svc, m.shape, &path, 0);
                }
                // A case slip of the action's own input (`api`) is already a
                // near-miss warning (W1006).
                None if super::OWN_INPUTS
                    .iter()
                    .any(|o| o.eq_ignore_ascii_case(&key.name)) => {}
                None => {
                    self.unknown_param(key, members, &op.aliases, &format!("`{}`", op.name), svc)
                }
            }
        }
        for m in members.iter().filter(|m| m.required) {
            if params.iter().any(|p| op.member_name(&p.0.name) == m.name) {
                continue;
            }
            let span = inputs
                .get("Api")
                .and_then(|n| n.as_str().map(|s| text_span(n, s)))
                .unwrap_or(step.name.span);
            self.report(
                Diagnostic::error(
                    codes::MISSING_API_PARAMETER,
                    span,
                    format!(
                        "step `{}` is missing parameter `{}`, which `{}` requires",
                        step.name_str(),
                        m.name,
                        op.name
                    ),
                )
                .with_label(format!("`{}` requires `{}`", op.name, m.name))
                .with_help(format!(
                    "add `{}: …` ({}) to the step's inputs",
                    m.name,
                    describe_shape(svc, m.shape)
                )),
            );
        }
    }

    /// Both a member and botocore's alias of it: botocore refuses the call
    /// (`AliasConflictParameterError`).
    fn alias_conflict(&mut self, key: &Key, member: &str, op: &Operation) {
        self.report(
            Diagnostic::error(
                codes::UNKNOWN_API_PARAMETER,
                key.span,
                format!(
                    "`{}` is botocore's other name for `{member}` of `{}`, which is also given",
                    key.name, op.name
                ),
            )
            .with_label("given twice")
            .with_help(format!("keep one of `{member}` and `{}`", key.name)),
        );
    }

    /// `aliases`: botocore's other names of the operation's members, which a
    /// slip may be closest to (`Filers` → `Filters`).
    fn unknown_param(
        &mut self,
        key: &Key,
        members: &[Member],
        aliases: &[(String, String)],
        owner: &str,
        svc: &Service,
    ) {
        let mut d = Diagnostic::error(
            codes::UNKNOWN_API_PARAMETER,
            key.span,
            format!("{owner} has no parameter `{}`", key.name),
        )
        .with_label("unknown parameter");
        let names = members
            .iter()
            .map(|m| m.name.as_str())
            .chain(aliases.iter().map(|(_, alias)| alias.as_str()));
        d = match suggest(&key.name, names) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None if members.is_empty() => d.with_help(format!("{owner} takes no parameters")),
            None => d.with_help(format!(
                "its parameters are {}",
                list_names(members.iter().map(|m| m.name.as_str()))
            )),
        };
        let _ = svc;
        self.report(d);
    }

    fn check_api_param(
        &mut self,
        node: &Node,
        svc: &Service,
        id: ShapeId,
        path: &str,
        depth: usize,
    ) {
        let Some(shape) = svc.shape(id) else { return };
        if depth > MAX_DEPTH {
            return;
        }
        if let Value::String(s) = &node.value {
            if !find_refs(s).is_empty() {
                self.check_ref_value(node, s, svc, id, path);
                return;
            }
        }
        match &shape.kind {
            ShapeKind::Structure {
                members,
                union,
                document,
            } => {
                if *document {
                    return;
                }
                let Some(map) = node.as_map() else {
                    return self.param_type(node, svc, id, path);
                };
                for (key, value) in map.iter().filter(|(_, v)| !matches!(v.value, Value::Null)) {
                    match members.iter().find(|m| m.name == key.name) {
                        Some(m) => {
                            let inner = format!("{path}.{}", key.name);
                            self.check_api_param(value, svc, m.shape, &inner, depth + 1);
                        }
                        None => self.unknown_param(key, members, &[], &format!("`{path}`"), svc),
                    }
                }
                for m in members.iter().filter(|m| m.required) {
                    if map
                        .iter()
                        .all(|(k, v)| k.name != m.name || matches!(v.value, Value::Null))
                    {
                        self.report(
                            Diagnostic::error(
                                codes::MISSING_API_PARAMETER,
                                node.span,
                                format!("`{path}` is missing `{}`", m.name),
                            )
                            .with_label(format!("`{}` requires `{}`", shape.name, m.name))
                            .with_help(format!(
                                "add `{}: …` ({})",
                                m.name,
                                describe_shape(svc, m.shape)
                            )),
                        );
                    }
                }
                if *union && map.len() != 1 {
                    self.report(
                        Diagnostic::error(
                            codes::API_PARAMETER_TYPE,
                            node.span,
                            format!("`{path}` sets {} members of a union", map.len()),
                        )
                        .with_label(format!("`{}` takes exactly one member", shape.name))
                        .with_help("keep one of the members"),
                    );
                }
            }
            ShapeKind::List { member, min, max } => {
                let Some(items) = node.as_list() else {
                    return self.param_type(node, svc, id, path);
                };
                self.length_check(node, items.len() as f64, *min, *max, path, "items");
                for (n, item) in items.iter().enumerate() {
                    // `["{{ Ids }}"]`: SSM flattens a list reference into the list.
                    if self.is_list_ref(item) {
                        continue;
                    }
                    self.check_api_param(item, svc, *member, &format!("{path}[{n}]"), depth + 1);
                }
            }
            ShapeKind::Map { key, value } => {
                let Some(map) = node.as_map() else {
                    return self.param_type(node, svc, id, path);
                };
                for (k, v) in map {
                    let key_node = Node::string(k.name.clone(), k.span);
                    self.check_api_param(&key_node, svc, *key, path, depth + 1);
                    self.check_api_param(v, svc, *value, &format!("{path}.{}", k.name), depth + 1);
                }
            }
            ShapeKind::Scalar {
                kind,
                enumeration,
                min,
                max,
            } => {
                // SSM passes a one-element list where a scalar is expected as its element.
                let node = match node.as_list() {
                    Some([one]) => one,
                    _ => node,
                };
                if let Value::String(s) = &node.value {
                    if !find_refs(s).is_empty() {
                        return self.check_ref_value(node, s, svc, id, path);
                    }
                }
                if !scalar_fits(*kind, &node.value) {
                    return self.param_type(node, svc, id, path);
                }
                match (&node.value, kind) {
                    (Value::String(s), Scalar::String) => {
                        if let Some(e) = enumeration.as_deref().filter(|e| !e.contains(s)) {
                            self.enum_violation(node, s, e, path);
                        }
                        let len = s.chars().count() as f64;
                        self.length_check(node, len, *min, *max, path, "characters");
                    }
                    (v, Scalar::Integer | Scalar::Long | Scalar::Double | Scalar::Float) => {
                        if let Some(x) = number(v) {
                            self.value_check(node, x, *min, *max, path);
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// Whether `node` is exactly one reference to a StringList.
    fn is_list_ref(&self, node: &Node) -> bool {
        let Some(s) = node.as_str() else { return false };
        matches!(
            self.whole_ref(s),
            Some((
                _,
                Some(RefInfo {
                    ty: Ty::StringList | Ty::AwsList(_),
                    ..
                })
            ))
        )
    }

    fn check_ref_value(&mut self, node: &Node, s: &str, svc: &Service, id: ShapeId, path: &str) {
        let Some((r, Some(info))) = self.whole_ref(s) else {
            return;
        };
        let Some(shape) = svc.shape(id) else { return };
        let fit = match (&info.ty, &shape.kind) {
            (Ty::Any | Ty::Error | Ty::Unknown(_), _) => RefFit::Unknown,
            (Ty::StringList | Ty::AwsList(_), ShapeKind::List { member, .. }) => {
                match svc.shape(*member).map(|s| &s.kind) {
                    Some(ShapeKind::Scalar { .. }) => RefFit::Fits,
                    _ => RefFit::Wrong("a StringList"),
                }
            }
            (Ty::MapList, ShapeKind::List { member, .. }) => {
                match svc.shape(*member).map(|s| &s.kind) {
                    Some(ShapeKind::Structure { .. } | ShapeKind::Map { .. }) => RefFit::Fits,
                    _ => RefFit::Wrong("a MapList"),
                }
            }
            (Ty::StringMap | Ty::Map, ShapeKind::Structure { .. } | ShapeKind::Map { .. }) => {
                RefFit::Fits
            }
            (Ty::StringMap | Ty::Map, _) => RefFit::Wrong("a StringMap"),
            (Ty::MapList, _) => RefFit::Wrong("a MapList"),
            (Ty::Boolean, ShapeKind::Scalar { kind, .. }) => match kind {
                Scalar::Boolean | Scalar::String => RefFit::Fits,
                _ => RefFit::Wrong("a Boolean"),
            },
            (Ty::Integer, ShapeKind::Scalar { kind, .. }) => match kind {
                Scalar::Boolean | Scalar::Blob => RefFit::Wrong("an Integer"),
                _ => RefFit::Fits,
            },
            (Ty::StringList | Ty::AwsList(_), ShapeKind::Scalar { .. }) => {
                // SSM passes a one-element StringList as its element; more
                // than one fails at run time (a warning: the size is not known).
                RefFit::OneElement
            }
            (_, ShapeKind::Scalar { .. }) => RefFit::Fits,
            _ => RefFit::Unknown,
        };
        if let RefFit::OneElement = fit {
            let name = r.name.trim();
            self.report(
                Diagnostic::warning(
                    codes::LIST_FOR_SCALAR,
                    ref_span(node, s, r.range.clone()),
                    format!(
                        "parameter `{path}` expects {}, found `{{{{ {name} }}}}` ({})",
                        describe_shape(svc, id),
                        info.ty
                    ),
                )
                .with_label("a list: SSM passes it only when it has exactly one element")
                .with_help(format!(
                    "this works only when `{name}` holds one value; declare it `String`, or pass a list parameter to a parameter that takes a list"
                )),
            );
            return;
        }
        if let RefFit::Wrong(what) = fit {
            self.report(
                Diagnostic::error(
                    codes::API_PARAMETER_TYPE,
                    node.span,
                    format!(
                        "parameter `{path}` expects {}, found {what}",
                        describe_shape(svc, id)
                    ),
                )
                .with_label(format!("this reference is {what}"))
                .with_help(format!("pass {}", describe_shape(svc, id))),
            );
        }
    }

    fn param_type(&mut self, node: &Node, svc: &Service, id: ShapeId, path: &str) {
        let expected = describe_shape(svc, id);
        let found = describe_value(&node.value);
        self.report(
            Diagnostic::error(
                codes::API_PARAMETER_TYPE,
                node.span,
                format!("parameter `{path}` expects {expected}, found {found}"),
            )
            .with_label(format!("this is {found}"))
            .with_help(format!("write {expected}")),
        );
    }

    fn enum_violation(&mut self, node: &Node, s: &str, allowed: &[String], path: &str) {
        let mut d = Diagnostic::error(
            codes::API_VALUE_OUT_OF_RANGE,
            text_span(node, s),
            format!("`{s}` is not a value of `{path}`"),
        )
        .with_label("not in the model's enum");
        d = match suggest(s, allowed.iter().map(String::as_str)) {
            Some(v) => d.with_help(format!("did you mean `{v}`?")),
            None => d.with_help(format!(
                "its values are {}",
                list_names(allowed.iter().map(String::as_str))
            )),
        };
        self.report(d);
    }

    fn length_check(
        &mut self,
        node: &Node,
        len: f64,
        min: Option<f64>,
        max: Option<f64>,
        path: &str,
        unit: &str,
    ) {
        if let Some(m) = min.filter(|m| len < *m) {
            self.report(
                Diagnostic::error(
                    codes::API_VALUE_OUT_OF_RANGE,
                    node.span,
                    format!("`{path}` has {len} {unit}, fewer than its minimum {m}"),
                )
                .with_label("too short")
                .with_help(format!("give at least {m} {unit}")),
            );
        }
        if let Some(m) = max.filter(|m| len > *m) {
            self.report(
                Diagnostic::error(
                    codes::API_VALUE_OUT_OF_RANGE,
                    node.span,
                    format!("`{path}` has {len} {unit}, more than its maximum {m}"),
                )
                .with_label("too long")
                .with_help(format!("give at most {m} {unit}")),
            );
        }
    }

    fn value_check(&mut self, node: &Node, x: f64, min: Option<f64>, max: Option<f64>, path: &str) {
        let (bad, bound, word) = match (min, max) {
            (Some(m), _) if x < m => (true, m, "below its minimum"),
            (_, Some(m)) if x > m => (true, m, "above its maximum"),
            _ => (false, 0.0, ""),
        };
        if bad {
            self.report(
                Diagnostic::error(
                    codes::API_VALUE_OUT_OF_RANGE,
                    node.span,
                    format!("`{path}` is {x}, {word} {bound}"),
                )
                .with_label("out of range")
                .with_help(format!(
                    "the model allows {} to {}",
                    min.map_or("any".to_string(), |m| m.to_string()),
                    max.map_or("any".to_string(), |m| m.to_string())
                )),
            );
        }
    }
}

/// Whether SSM (after its conversions) and botocore accept `v` for a scalar kind.
pub(crate) fn scalar_fits(kind: Scalar, v: &Value) -> bool {
    match kind {
        Scalar::String => matches!(v, Value::String(_)),
        Scalar::Integer | Scalar::Long => match v {
            Value::Int(_) => true,
            Value::String(s) => s.trim().parse::<i64>().is_ok(),
            _ => false,
        },
        Scalar::Double | Scalar::Float => match v {
            Value::Int(_) | Value::Float(_) => true,
            Value::String(s) => s.trim().parse::<f64>().is_ok(),
            _ => false,
        },
        Scalar::Boolean => match v {
            Value::Bool(_) => true,
            Value::String(s) => s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false"),
            _ => false,
        },
        Scalar::Timestamp => matches!(v, Value::String(_) | Value::Int(_) | Value::Float(_)),
        Scalar::Blob => matches!(v, Value::String(_)),
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Int(n) => Some(*n as f64),
        Value::Float(f) => Some(*f),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// "a string", "a list of string", "a structure `Filter`", for messages.
pub(crate) fn describe_shape(svc: &Service, id: ShapeId) -> String {
    describe_at(svc, id, 0)
}

fn describe_at(svc: &Service, id: ShapeId, depth: usize) -> String {
    let Some(shape) = svc.shape(id) else {
        return "a value".to_string();
    };
    match &shape.kind {
        ShapeKind::Structure { document: true, .. } => "any JSON value".to_string(),
        ShapeKind::Structure { .. } => format!("a map (structure `{}`)", shape.name),
        ShapeKind::List { member, .. } if depth < 3 => {
            let inner = describe_at(svc, *member, depth + 1);
            let bare = inner
                .strip_prefix("an ")
                .or_else(|| inner.strip_prefix("a "))
                .unwrap_or(&inner);
            format!("a list of {bare}")
        }
        ShapeKind::List { .. } => "a list".to_string(),
        ShapeKind::Map { .. } => "a map".to_string(),
        ShapeKind::Scalar {
            kind, enumeration, ..
        } => match (kind, enumeration) {
            (Scalar::String, Some(_)) => format!("a string (enum `{}`)", shape.name),
            (Scalar::Integer | Scalar::Long, _) => format!("an {}", kind.name()),
            _ => format!("a {}", kind.name()),
        },
    }
}

fn describe_value(v: &Value) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Int(n) => format!("the integer {n}"),
        Value::Float(f) => format!("the number {f}"),
        Value::String(_) => "a string".to_string(),
        Value::List(_) => "a list".to_string(),
        Value::Map(_) => "a map".to_string(),
    }
}

/// At most 12 names, then "and N more".
pub(crate) fn list_names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    if all.len() <= 12 {
        return all.join(", ");
    }
    let shown: Vec<&str> = all.iter().take(12).map(String::as_str).collect();
    format!("{}, and {} more", shown.join(", "), all.len() - 12)
}
