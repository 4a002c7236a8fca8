//! `aws:branch` choices and conditions (also an `aws:loop`'s `LoopCondition`).
//!
//! Input: the branch step's inputs, or a condition value. Output: E1008 for a
//! choice or condition of the wrong shape: a choice is a map with `NextStep`
//! and either `Variable` plus exactly one operator, or exactly one of
//! `And`/`Or` (a list of conditions) and `Not` (a condition); nested
//! conditions have no `NextStep`. Operator values are typed: a string for the
//! string operators, a boolean for `BooleanEquals`, a number for `Numeric*`.
//! Targets (`NextStep`, `Default`) are checked by the flow graph.

use crate::check::suggest as did_you_mean;
use crate::check::values::{describe, Fit};
use crate::check::{codes, Checker};
use crate::diagnostic::Diagnostic;
use crate::model::{Node, Value};
use crate::types::Ty;

pub(crate) const STRING_OPS: &[&str] = &[
    "StringEquals",
    "EqualsIgnoreCase",
    "StartsWith",
    "EndsWith",
    "Contains",
];
pub(crate) const NUMERIC_OPS: &[&str] = &[
    "NumericEquals",
    "NumericGreater",
    "NumericLesser",
    "NumericGreaterOrEquals",
    "NumericLesserOrEquals",
];
pub(crate) const BOOL_OPS: &[&str] = &["BooleanEquals"];
pub(crate) const COMBINATORS: &[&str] = &["And", "Or", "Not"];

const MAX_DEPTH: usize = 128;

fn all_keys() -> impl Iterator<Item = &'static str> {
    STRING_OPS
        .iter()
        .chain(NUMERIC_OPS)
        .chain(BOOL_OPS)
        .chain(COMBINATORS)
        .chain(&["Variable", "NextStep"])
        .copied()
}

impl Checker<'_> {
    /// The `Choices` and `Default` inputs of an `aws:branch` step.
    pub(crate) fn check_branch_inputs(&mut self, inputs: &Node, step_name: &str) {
        match inputs.get("Choices") {
            None => self.report(
                Diagnostic::error(
                    codes::MISSING_INPUT,
                    inputs.span,
                    format!("branch `{step_name}` has no `Choices`"),
                )
                .with_label("`aws:branch` requires `Choices`")
                .with_help("add `Choices: [{ NextStep: \"S\", Variable: \"{{ X }}\", StringEquals: \"v\" }]`"),
            ),
            Some(choices) => match choices.as_list() {
                Some(list) => {
                    for choice in list {
                        self.check_condition(choice, true, "a choice", 0);
                    }
                }
                None => self.type_error(choices, &Ty::List, "`Choices`", &describe(choices), Fit::Wrong),
            },
        }
        if let Some(default) = inputs.get("Default") {
            if default.as_str().is_none() {
                self.type_error(
                    default,
                    &Ty::String,
                    "`Default`",
                    &describe(default),
                    Fit::Wrong,
                );
            }
        }
    }

    /// A choice (`top`) or a nested condition.
    pub(crate) fn check_condition(&mut self, node: &Node, top: bool, place: &str, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let Some(map) = node.as_map() else {
            self.report(
                Diagnostic::error(
                    codes::INVALID_CHOICE,
                    node.span,
                    format!("{place} must be a map, found {}", describe(node)),
                )
                .with_label("not a condition")
                .with_help("write { Variable: \"{{ X }}\", StringEquals: \"v\" }"),
            );
            return;
        };
        let mut ops = Vec::new();
        for (k, v) in map {
            let key = k.name.as_str();
            if key == "NextStep" {
                if !top {
                    self.report(
                        Diagnostic::error(
                            codes::INVALID_CHOICE,
                            k.span,
                            "`NextStep` inside a nested condition".to_string(),
                        )
                        .with_label("only a top-level choice has a NextStep")
                        .with_help("move `NextStep` to the choice that holds this condition"),
                    );
                } else if v.as_str().is_none() {
                    self.type_error(v, &Ty::String, "`NextStep`", &describe(v), Fit::Wrong);
                }
            } else if key == "Variable" {
                if v.as_str().is_none() {
                    self.type_error(v, &Ty::String, "`Variable`", &describe(v), Fit::Wrong);
                }
            } else if all_keys().any(|o| o == key) {
                ops.push((k, v));
            } else {
                let mut d = Diagnostic::error(
                    codes::INVALID_CHOICE,
                    k.span,
                    format!("unknown operator `{key}` in {place}"),
                )
                .with_label("not a branch operator");
                d = match did_you_mean(key, all_keys()) {
                    Some(s) => d.with_help(format!("did you mean `{s}`?")),
                    None => d.with_help(format!(
                        "the operators are {}, {}, BooleanEquals, And, Or and Not",
                        STRING_OPS.join(", "),
                        NUMERIC_OPS.join(", ")
                    )),
                };
                self.report(d);
                return;
            }
        }
        let has_var = map.iter().any(|(k, _)| k.name == "Variable");
        if top && !map.iter().any(|(k, _)| k.name == "NextStep") {
            self.report(
                Diagnostic::error(
                    codes::INVALID_CHOICE,
                    node.span,
                    format!("{place} has no `NextStep`"),
                )
                .with_label("where does this choice go?")
                .with_help("add `NextStep: \"StepName\"`"),
            );
        }
        let [(op_key, value)] = ops.as_slice() else {
            let (span, msg) = match ops.get(1) {
                Some((k, _)) => (k.span, format!("{place} has more than one operator")),
                None => (node.span, format!("{place} has no operator")),
            };
            self.report(
                Diagnostic::error(codes::INVALID_CHOICE, span, msg)
                    .with_label("a condition has exactly one operator")
                    .with_help("combine several tests with `And: [ … ]` or `Or: [ … ]`"),
            );
            return;
        };
        let op = op_key.name.as_str();
        if COMBINATORS.contains(&op) {
            if has_var {
                if let Some((k, _)) = map.iter().find(|(k, _)| k.name == "Variable") {
                    self.report(
                        Diagnostic::error(
                            codes::INVALID_CHOICE,
                            k.span,
                            format!("`Variable` beside `{op}`"),
                        )
                        .with_label(format!(
                            "`{op}` combines conditions; each has its own Variable"
                        ))
                        .with_help("move `Variable` into the nested conditions"),
                    );
                }
            }
            let inner_place = format!("a condition inside `{op}`");
            match (&value.value, op) {
                (Value::List(items), "And" | "Or") => {
                    for item in items {
                        self.check_condition(item, false, &inner_place, depth + 1);
                    }
                }
                (Value::Map(_), "Not") => {
                    self.check_condition(value, false, &inner_place, depth + 1)
                }
                (Value::List(items), "Not") if items.len() == 1 => {
                    for item in items {
                        self.check_condition(item, false, &inner_place, depth + 1);
                    }
                }
                _ => {
                    let expected = if op == "Not" { Ty::Condition } else { Ty::List };
                    self.type_error(
                        value,
                        &expected,
                        &format!("`{op}`"),
                        &describe(value),
                        Fit::Wrong,
                    );
                }
            }
            return;
        }
        if !has_var {
            self.report(
                Diagnostic::error(
                    codes::INVALID_CHOICE,
                    op_key.span,
                    format!("`{op}` without a `Variable`"),
                )
                .with_label("what does this compare?")
                .with_help("add `Variable: \"{{ X }}\"`"),
            );
        }
        let place = format!("the value of `{op}`");
        if STRING_OPS.contains(&op) {
            self.check_value(value, &Ty::String, &place);
        } else if BOOL_OPS.contains(&op) {
            self.check_value(value, &Ty::Boolean, &place);
        } else if matches!(value.value, Value::Float(_)) {
            // Numeric operators take any number.
        } else {
            self.check_value(value, &Ty::Integer, &place);
        }
    }
}
