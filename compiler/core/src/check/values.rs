//! A value against the type its place expects.
//!
//! Input: a node and the expected [`Ty`]. Output: an error (E1005) where AWS
//! rejects the value, a warning (W1001) where AWS accepts it although it is
//! not of the type (a string for a StringList, an integer for a String,
//! `"true"` for a Boolean, null), nothing where it fits. A string that is
//! exactly one `{{ reference }}` has the referenced type; `["{{ L }}"]` where
//! `L` is a StringList is a StringList (SSM flattens it).
//!
//! Invariant: `Ty::Any`, `Ty::Unknown` and `Ty::Error` accept everything, and
//! a reference that names nothing (reported by `refs`) is never reported here.

use crate::check::{codes, Checker};
use crate::diagnostic::Diagnostic;
use crate::model::{Node, Value};
use crate::syntax::refs::find_refs;
use crate::types::Ty;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fit {
    Ok,
    /// AWS accepts it (a warning).
    Lenient,
    /// AWS rejects it (an error).
    Wrong,
}

const MAX_DEPTH: usize = 128;

/// How a referenced type fits an expected one (both run-time types).
pub(crate) fn ty_fit(expected: &Ty, found: &Ty) -> Fit {
    use Ty as T;
    if expected.is_error() || found.is_error() || expected == found {
        return Fit::Ok;
    }
    match (expected, found) {
        // A one-element list becomes its element (AWS-UpdateWindowsAmi passes `InstanceIds` as an `InstanceId`).
        (T::String, T::Integer | T::Boolean | T::StringList)
        | (
            T::Integer
            | T::Boolean
            | T::StringList
            | T::List
            | T::MapList
            | T::Targets
            | T::StringMap
            | T::Map,
            T::String,
        ) => Fit::Lenient,
        (T::StringList, T::List)
        | (T::List, T::StringList | T::MapList)
        | (T::MapList, T::List)
        | (T::Targets, T::MapList | T::List)
        | (T::StringMap, T::Map)
        | (T::Map, T::StringMap) => Fit::Ok,
        _ => Fit::Wrong,
    }
}

/// A value as a message names it: "a string", "`{{ X }}` (StringList)".
pub(crate) fn describe(node: &Node) -> String {
    match &node.value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Int(i) => format!("the integer {i}"),
        Value::Float(_) => "a number with a fraction".into(),
        Value::String(s) if s.is_empty() => "an empty string".into(),
        Value::String(s) if s.len() <= 40 && !s.contains('\n') => format!("the string \"{s}\""),
        Value::String(_) => "a string".into(),
        Value::List(_) => "a list".into(),
        Value::Map(_) => "a map".into(),
    }
}

fn hint(expected: &Ty) -> &'static str {
    match expected {
        Ty::String => "write a string: \"…\"",
        Ty::Integer => "write a number without quotes: 60",
        Ty::Boolean => "write true or false without quotes",
        Ty::StringList => "write a list of strings: [\"a\", \"b\"]",
        Ty::MapList | Ty::List => "write a list: [{ … }]",
        Ty::Targets => "write a list of targets: [{ Key: \"tag:Name\", Values: [\"web\"] }]",
        Ty::StringMap | Ty::Map => "write a map: { Key: \"value\" }",
        Ty::Condition => "write a condition: { Variable: \"{{ X }}\", StringEquals: \"v\" }",
        _ => "change the value to the expected type",
    }
}

impl Checker<'_> {
    /// Checks `node` against `expected` at `place` ("input `X` of `aws:y`").
    pub(crate) fn check_value(&mut self, node: &Node, expected: &Ty, place: &str) {
        self.check_value_at(node, expected, place, 0);
    }

    pub(crate) fn type_error(
        &mut self,
        node: &Node,
        expected: &Ty,
        place: &str,
        found: &str,
        fit: Fit,
    ) {
        // Most values fit: build no message for them (profiled: it was 2% of a check).
        if matches!(fit, Fit::Ok) {
            return;
        }
        let exp = expected.runtime();
        let msg = format!("{place} expects {expected}, found {found}");
        match fit {
            Fit::Ok => {}
            Fit::Wrong => self.report(
                Diagnostic::error(codes::TYPE_MISMATCH, node.span, msg)
                    .with_label(format!("this is {found}"))
                    .with_help(hint(&exp)),
            ),
            Fit::Lenient => self.report(
                Diagnostic::warning(codes::LENIENT_TYPE, node.span, msg)
                    .with_label(format!("this is {found}"))
                    .with_help(format!(
                        "AWS accepts this and converts it at run time; to be exact, {}",
                        hint(&exp)
                    )),
            ),
        }
    }

    fn check_value_at(&mut self, node: &Node, expected: &Ty, place: &str, depth: usize) {
        let exp = expected.runtime();
        if exp.is_error() || depth > MAX_DEPTH || exp == Ty::Secret {
            return;
        }
        let fit = match &node.value {
            Value::Null => Fit::Lenient,
            Value::String(s) => return self.check_string(node, s, expected, place),
            Value::Int(_) => match exp {
                Ty::Integer => Fit::Ok,
                Ty::String => Fit::Lenient,
                _ => Fit::Wrong,
            },
            Value::Float(f) => match exp {
                Ty::String => Fit::Lenient,
                Ty::Integer if f.fract() == 0.0 => Fit::Lenient,
                _ => Fit::Wrong,
            },
            Value::Bool(_) => match exp {
                Ty::Boolean => Fit::Ok,
                Ty::String => Fit::Lenient,
                _ => Fit::Wrong,
            },
            Value::List(items) => match exp {
                Ty::List => Fit::Ok,
                Ty::StringList => {
                    for item in items {
                        self.check_list_item(item, &Ty::String, place, depth);
                    }
                    Fit::Ok
                }
                Ty::MapList => {
                    for item in items {
                        self.check_list_item(item, &Ty::StringMap, place, depth);
                    }
                    Fit::Ok
                }
                Ty::Targets => {
                    self.check_targets(items, place);
                    Fit::Ok
                }
                _ => Fit::Wrong,
            },
            Value::Map(_) => match exp {
                Ty::StringMap | Ty::Map => Fit::Ok,
                Ty::Condition => {
                    self.check_condition(node, false, place, depth + 1);
                    Fit::Ok
                }
                _ => Fit::Wrong,
            },
        };
        self.type_error(node, expected, place, &describe(node), fit);
    }

    /// One element of a StringList (`item` = String) or MapList (`item` = StringMap).
    fn check_list_item(&mut self, node: &Node, item: &Ty, place: &str, depth: usize) {
        let list_ty = if *item == Ty::String {
            Ty::StringList
        } else {
            Ty::MapList
        };
        if let Value::String(s) = &node.value {
            if let Some((_, info)) = self.whole_ref(s) {
                // `["{{ L }}"]`: SSM flattens a list reference into the list.
                let Some(info) = info else { return };
                let found = info.ty.runtime();
                if ty_fit(item, &found) == Fit::Ok || ty_fit(&list_ty, &found) == Fit::Ok {
                    return;
                }
                let desc = format!("`{s}` ({})", info.ty);
                let fit = ty_fit(item, &found);
                self.type_error(node, item, &format!("an element of {place}"), &desc, fit);
                return;
            }
            if *item == Ty::StringMap {
                let fit = if find_refs(s).is_empty() && !s.trim_start().starts_with('{') {
                    Fit::Wrong
                } else {
                    Fit::Lenient
                };
                self.type_error(
                    node,
                    item,
                    &format!("an element of {place}"),
                    &describe(node),
                    fit,
                );
            }
            return;
        }
        self.check_value_at(node, item, &format!("an element of {place}"), depth + 1);
    }

    fn check_string(&mut self, node: &Node, s: &str, expected: &Ty, place: &str) {
        let exp = expected.runtime();
        if let Some((_, info)) = self.whole_ref(s) {
            let Some(info) = info else { return };
            let fit = ty_fit(&exp, &info.ty.runtime());
            let found = format!("`{}` of type {}", s.trim(), info.ty);
            self.type_error(node, expected, place, &found, fit);
            return;
        }
        let has_refs = !find_refs(s).is_empty();
        let t = s.trim();
        let fit = match exp {
            Ty::String => Fit::Ok,
            Ty::Integer => {
                if has_refs || t.parse::<i64>().is_ok() {
                    Fit::Lenient
                } else {
                    Fit::Wrong
                }
            }
            Ty::Boolean => {
                if has_refs || t.eq_ignore_ascii_case("true") || t.eq_ignore_ascii_case("false") {
                    Fit::Lenient
                } else {
                    Fit::Wrong
                }
            }
            Ty::StringList | Ty::List => Fit::Lenient,
            Ty::StringMap | Ty::Map => {
                if has_refs || t.starts_with('{') {
                    Fit::Lenient
                } else {
                    Fit::Wrong
                }
            }
            Ty::MapList | Ty::Targets => {
                if has_refs || t.starts_with('[') {
                    Fit::Lenient
                } else {
                    Fit::Wrong
                }
            }
            _ => Fit::Wrong,
        };
        let found = if t.is_empty() {
            describe(node)
        } else {
            format!("the string \"{}\"", shorten(s))
        };
        self.type_error(node, expected, place, &found, fit);
    }

    /// `Targets`: a list of `{Key: String, Values: StringList}`.
    fn check_targets(&mut self, items: &[Node], place: &str) {
        for entry in items {
            if let Value::String(s) = &entry.value {
                if self.whole_ref(s).is_some() {
                    continue;
                }
            }
            let Some(map) = entry.as_map() else {
                self.report(
                    Diagnostic::error(
                        codes::INVALID_TARGETS,
                        entry.span,
                        format!(
                            "an entry of {place} must be a map {{Key, Values}}, found {}",
                            describe(entry)
                        ),
                    )
                    .with_label("not a target")
                    .with_help("write { Key: \"tag:Name\", Values: [\"web\"] }"),
                );
                continue;
            };
            for (k, v) in map {
                match k.name.as_str() {
                    "Key" => self.check_value(v, &Ty::String, &format!("`Key` of {place}")),
                    "Values" => {
                        self.check_value(v, &Ty::StringList, &format!("`Values` of {place}"))
                    }
                    other => {
                        let mut d = Diagnostic::error(
                            codes::INVALID_TARGETS,
                            k.span,
                            format!("unknown key `{other}` in an entry of {place}"),
                        )
                        .with_label("a target has only `Key` and `Values`");
                        if let Some(s) = crate::diagnostic::did_you_mean(other, ["Key", "Values"]) {
                            d = d.with_help(format!("did you mean `{s}`?"));
                        }
                        self.report(d);
                    }
                }
            }
            let misspelt: Vec<&str> = map
                .iter()
                .filter_map(|(k, _)| crate::diagnostic::did_you_mean(&k.name, ["Key", "Values"]))
                .collect();
            for needed in ["Key", "Values"] {
                // `Value` for `Values` is one mistake, reported once (as the unknown key).
                if !map.iter().any(|(k, _)| k.name == needed) && !misspelt.contains(&needed) {
                    self.report(
                        Diagnostic::error(
                            codes::INVALID_TARGETS,
                            entry.span,
                            format!("an entry of {place} has no `{needed}`"),
                        )
                        .with_label(format!("`{needed}` is missing"))
                        .with_help("write { Key: \"tag:Name\", Values: [\"web\"] }"),
                    );
                }
            }
        }
    }
}

/// The first 40 characters of a string, for messages.
pub(crate) fn shorten(s: &str) -> String {
    let one_line = s.lines().next().unwrap_or("");
    let mut out: String = one_line.chars().take(40).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}
