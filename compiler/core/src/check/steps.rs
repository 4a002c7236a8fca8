//! Steps: names, actions, inputs, step properties and declared outputs.
//!
//! Input: every step (loop bodies included). Output: unknown actions with a
//! did-you-mean (E1001), actions of the other document kind (E1002), extern
//! actions (W1002), unknown inputs (E1003), missing required inputs (E1004),
//! inputs of the wrong type (E1005 / W1001), values outside an input's
//! allowedValues (E1006), malformed `outputs` (E1009), duplicate or invalid
//! step names (E1015, E1016), `aws:updateVariable` naming no variable (E1020),
//! step properties AWS rejects (E1023) and `onCancel` where an action forbids
//! it (E2004); plus the references in every string of the step.
//!
//! Command plugin inputs match case-insensitively (SSM Agent decodes them
//! with Go's case-insensitive JSON matching), so `RunCommand` is accepted.

use crate::catalog::ActionSig;
use crate::check::refs::{Sink, Site};
use crate::check::suggest as did_you_mean;
use crate::check::values::{describe, Fit};
use crate::check::{codes, params, secrets, Checker};
use crate::diagnostic::Diagnostic;
use crate::model::{change_template, DocKind, Node, Step, Value};
use crate::syntax::refs::find_refs;
use crate::types::Ty;

/// Step output types SSM knows.
pub(crate) const OUTPUT_TYPES: &[&str] = &[
    "String",
    "StringList",
    "Boolean",
    "Integer",
    "MapList",
    "StringMap",
];

/// Inputs every Command 2.x plugin reads (SSM Agent ≥ 3.0.502): its flow control.
const COMMAND_FLOW_INPUTS: &[&str] = &["onFailure", "onSuccess", "finallyStep"];

/// Step-level keys of a Command step, often misplaced into `inputs`.
const COMMAND_STEP_KEYS: &[&str] = &[
    "maxAttempts",
    "timeoutSeconds",
    "precondition",
    "description",
];

fn is_step_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

impl Checker<'_> {
    pub(crate) fn check_steps(&mut self) {
        let count = self.scope.steps.len();
        for i in 0..count {
            self.check_step_name(i);
            self.check_step(i);
        }
    }

    fn check_step_name(&mut self, i: usize) {
        let Some(entry) = self.scope.steps.get(i) else {
            return;
        };
        let step = entry.step;
        let Some(name) = step.name.as_str() else {
            self.type_error(
                &step.name,
                &Ty::String,
                "a step name",
                &describe(&step.name),
                Fit::Wrong,
            );
            return;
        };
        if !is_step_name(name) {
            self.report(
                Diagnostic::error(
                    codes::INVALID_STEP_NAME,
                    step.name.span,
                    format!("invalid step name `{name}`"),
                )
                .with_label("a step name is letters, digits and `_` only")
                .with_help("rename the step using [A-Za-z0-9_]"),
            );
        }
        let first = self
            .scope
            .step(name)
            .filter(|&j| j < i)
            .and_then(|j| self.scope.steps.get(j));
        if let Some(first) = first {
            let first_span = first.step.name.span;
            self.report(
                Diagnostic::error(
                    codes::DUPLICATE_STEP,
                    step.name.span,
                    format!("step `{name}` is declared twice"),
                )
                .with_label("declared again here")
                .with_secondary(first_span, "first declared here")
                .with_help("step names are unique in the whole document, loop bodies included"),
            );
        }
    }

    fn check_step(&mut self, i: usize) {
        let Some(entry) = self.scope.steps.get(i) else {
            return;
        };
        let (step, sig) = (entry.step, entry.sig);
        let kind = self.doc.kind;
        let name = step.name_str();
        if step.action.as_str().is_none() {
            self.type_error(
                &step.action,
                &Ty::String,
                "`action`",
                &describe(&step.action),
                Fit::Wrong,
            );
        } else {
            self.check_action(step, sig);
        }
        self.check_step_props(i, step, sig);
        self.check_timeout_limit(step);
        let usable = sig.filter(|s| s.allows(kind));
        match &step.inputs {
            Some(inputs) => self.check_inputs(i, step, inputs, usable),
            None => {
                if let Some(sig) = usable {
                    self.missing_inputs(step, None, sig);
                }
            }
        }
        if let Some(outputs) = &step.outputs {
            self.check_step_outputs(i, outputs);
        }
        if let Some(desc) = &step.description {
            let place = format!("the description of step `{name}`");
            self.walk_description_refs(
                desc,
                &Site {
                    step: Some(i),
                    sink: Sink::Denied(secrets::DESCRIPTION),
                    place: &place,
                },
            );
        }
        if let Some(pre) = &step.precondition {
            self.check_precondition(i, pre);
        }
        for (k, v) in &step.extra {
            let place = format!("`{}` of step `{name}`", k.name);
            self.walk_refs(
                v,
                &Site {
                    step: Some(i),
                    sink: Sink::Denied(secrets::OTHER),
                    place: &place,
                },
            );
        }
    }

    fn check_action(&mut self, step: &Step, sig: Option<&ActionSig>) {
        let kind = self.doc.kind;
        let action = step.action_str();
        let span = step.action.span;
        let Some(sig) = sig else {
            let names = self
                .catalog
                .actions
                .iter()
                .filter(|a| a.allows(kind))
                .map(|a| a.name.as_str());
            let mut d = Diagnostic::error(
                codes::UNKNOWN_ACTION,
                span,
                format!("unknown action `{action}`"),
            )
            .with_label("the catalog has no action of this name");
            d = match did_you_mean(action, names) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help(format!(
                    "if AWS runs it, declare it: `extern action \"{action}\" for {} {{ input .. }}`",
                    kind_word(kind)
                )),
            };
            self.report(d);
            return;
        };
        if !sig.allows(kind) {
            let (is, not) = match kind {
                DocKind::Command => ("an Automation action", "a Command document"),
                DocKind::Automation => ("a Command plugin", "an Automation runbook"),
            };
            self.report(
                Diagnostic::error(codes::ACTION_WRONG_KIND, span, format!("`{action}` is {is}, not usable in {not}"))
                    .with_label(is.to_string())
                    .with_help(match kind {
                        DocKind::Automation => "run Command plugins from a runbook through `aws:runCommand` with a Command document",
                        DocKind::Command => "use this action in an `automation` document",
                    }),
            );
        } else if sig.is_extern {
            self.report(
                Diagnostic::warning(codes::EXTERN_ACTION, span, format!("`{action}` is declared extern"))
                    .with_label("not in the catalog: its inputs and outputs are as declared, unchecked against AWS")
                    .with_secondary(sig.span, "declared here")
                    .with_help("make sure AWS runs this action; undocumented actions can change without notice"),
            );
        }
    }

    fn check_inputs(&mut self, i: usize, step: &Step, inputs: &Node, sig: Option<&ActionSig>) {
        let kind = self.doc.kind;
        let action = step.action_str();
        let name = step.name_str();
        let Some(map) = inputs.as_map() else {
            self.type_error(
                inputs,
                &Ty::Map,
                &format!("the inputs of step `{name}`"),
                &describe(inputs),
                Fit::Wrong,
            );
            return;
        };
        let ignore_case = kind == DocKind::Command;
        for (key, value) in map {
            let place = format!("input `{}` of `{action}`", key.name);
            let sink = secrets::input_sink(kind, action, &key.name);
            self.walk_refs(
                value,
                &Site {
                    step: Some(i),
                    sink,
                    place: &place,
                },
            );
            let Some(sig) = sig else { continue };
            if action == "aws:branch" && matches!(key.name.as_str(), "Choices" | "Default") {
                continue;
            }
            if action == "aws:updateVariable" && matches!(key.name.as_str(), "Name" | "Value") {
                continue;
            }
            match sig.input(&key.name, ignore_case) {
                Some(input) => {
                    self.check_value(value, &input.ty, &place);
                    if let Some(allowed) = &input.allowed_values {
                        self.check_allowed_value(value, allowed, &place);
                    }
                }
                None if sig.any_input || sig.is_extern => {
                    // Pass-through inputs (API parameters) and extern guesses are
                    // accepted; one spelt like a declared input is likely a slip.
                    // For pass-through actions only a case slip counts: API parameter
                    // names such as `Device` or `apiId` sit close to `Service`/`Api`.
                    let close = if sig.any_input {
                        sig.inputs
                            .iter()
                            .find(|i| i.name.eq_ignore_ascii_case(&key.name))
                            .map(|i| i.name.as_str())
                    } else {
                        did_you_mean(&key.name, sig.inputs.iter().map(|s| s.name.as_str()))
                    };
                    let api_param = super::awsapi::ACTIONS.contains(&action)
                        && super::awsapi::is_api_parameter(
                            &self.catalog.aws_models,
                            inputs,
                            &key.name,
                        );
                    if (close.is_some() || !sig.any_input) && !api_param {
                        let mut d = Diagnostic::warning(
                            codes::NEAR_MISS_INPUT,
                            key.span,
                            format!("`{action}` declares no input `{}`", key.name),
                        )
                        .with_label("accepted, unchecked");
                        if let Some(s) = close {
                            d = d.with_help(format!("did you mean `{s}`?"));
                        } else {
                            d = d.with_help("add it to the extern declaration, or `input ..` to accept any input");
                        }
                        self.report(d);
                    }
                }
                None if kind == DocKind::Command
                    && COMMAND_FLOW_INPUTS
                        .iter()
                        .any(|f| f.eq_ignore_ascii_case(&key.name)) => {}
                None if kind == DocKind::Command => {
                    // SSM Agent ignores input keys its plugin does not read (AWS-owned
                    // documents carry `maxAttempts` there), so this is a warning.
                    let mut d = Diagnostic::warning(
                        codes::UNKNOWN_PLUGIN_INPUT,
                        key.span,
                        format!("`{action}` does not read input `{}`", key.name),
                    )
                    .with_label("SSM Agent ignores this input");
                    if let Some(s) =
                        did_you_mean(&key.name, sig.inputs.iter().map(|s| s.name.as_str()))
                    {
                        d = d.with_help(format!("did you mean `{s}`?"));
                    } else if COMMAND_STEP_KEYS.contains(&key.name.as_str()) {
                        d = d.with_help(format!(
                            "`{}` is a step property: move it out of `inputs`",
                            key.name
                        ));
                    }
                    self.report(d);
                }
                None => {
                    let mut d = Diagnostic::error(
                        codes::UNKNOWN_INPUT,
                        key.span,
                        format!("`{action}` has no input `{}`", key.name),
                    )
                    .with_label("unknown input");
                    let names = sig.inputs.iter().map(|s| s.name.as_str());
                    d = match did_you_mean(&key.name, names) {
                        Some(s) => d.with_help(format!("did you mean `{s}`?")),
                        None if sig.inputs.is_empty() => {
                            d.with_help(format!("`{action}` takes no inputs"))
                        }
                        None => d.with_help(format!(
                            "its inputs are {}",
                            sig.inputs
                                .iter()
                                .map(|s| s.name.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    };
                    self.report(d);
                }
            }
        }
        if let Some(sig) = sig {
            self.missing_inputs(step, Some(inputs), sig);
            if action == "aws:branch" {
                self.check_branch_inputs(inputs, name);
            }
            if action == "aws:updateVariable" {
                self.check_update_variable(inputs);
            }
            if action == "aws:executeScript" {
                self.check_attachment(inputs);
            }
            if super::awsapi::ACTIONS.contains(&action) {
                self.check_aws_api(i, step, inputs);
            }
            if super::calls::is_call(action) {
                self.check_call(step, inputs);
            }
        }
    }

    fn missing_inputs(&mut self, step: &Step, inputs: Option<&Node>, sig: &ActionSig) {
        if sig.name == "aws:approve" {
            self.approvers(step, inputs);
        }
        let ignore_case = self.doc.kind == DocKind::Command;
        for input in sig.inputs.iter().filter(|i| i.required) {
            if input.name == "Steps" && step.loop_steps.is_some() {
                continue;
            }
            let present = inputs.is_some_and(|m| {
                if ignore_case {
                    m.get_ignore_case(&input.name).is_some()
                } else {
                    m.get(&input.name).is_some()
                }
            });
            if present || (step.action_str() == "aws:branch" && input.name == "Choices") {
                continue;
            }
            let message = format!(
                "step `{}` is missing required input `{}`",
                step.name_str(),
                input.name
            );
            // A key the action does not have, one typo away from the missing
            // input, is that input misspelt: say so at the key. (The AWS API
            // actions take any key as an API parameter, so nothing else would.)
            let misspelt = inputs.and_then(Node::as_map).and_then(|entries| {
                entries.iter().map(|(k, _)| k).find(|k| {
                    !sig.inputs.iter().any(|i| i.name == k.name)
                        && did_you_mean(&k.name, [input.name.as_str()]).is_some()
                })
            });
            if let Some(key) = misspelt {
                self.report(
                    Diagnostic::error(codes::MISSING_INPUT, key.span, message)
                        .with_label(format!("probably `{}`, misspelt", input.name))
                        .with_help(format!("did you mean `{}`?", input.name)),
                );
                continue;
            }
            let span = inputs.map_or(step.name.span, |n| n.span);
            self.report(
                Diagnostic::error(codes::MISSING_INPUT, span, message)
                    .with_label(format!("`{}` requires `{}`", sig.name, input.name))
                    .with_help(format!("add `{}: …` (a {})", input.name, input.ty)),
            );
        }
    }

    fn check_allowed_value(&mut self, value: &Node, allowed: &[Value], place: &str) {
        let Some(text) = params::scalar_text(value) else {
            return;
        };
        let texts: Vec<String> = allowed
            .iter()
            .filter_map(|v| params::scalar_text(&Node::new(v.clone(), value.span)))
            .collect();
        if texts.is_empty() || texts.contains(&text) {
            return;
        }
        let mut d = Diagnostic::error(
            codes::NOT_ALLOWED_VALUE,
            value.span,
            format!("`{text}` is not an allowed value of {place}"),
        )
        .with_label("not allowed");
        d = match did_you_mean(&text, texts.iter().map(String::as_str)) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => d.with_help(format!("the allowed values are {}", texts.join(", "))),
        };
        self.report(d);
    }

    /// `aws:executeScript` `Attachment`: a file the document's `files` lists.
    fn check_attachment(&mut self, inputs: &Node) {
        let Some(node) = inputs.get("Attachment") else {
            return;
        };
        let Some(name) = node.as_str().filter(|s| find_refs(s).is_empty()) else {
            return;
        };
        let files = self
            .doc
            .files
            .as_ref()
            .and_then(Node::as_map)
            .unwrap_or(&[]);
        if files.iter().any(|(k, _)| k.name == name) {
            return;
        }
        let mut d = Diagnostic::error(
            codes::UNKNOWN_ATTACHMENT,
            node.span,
            format!("attachment `{name}` is not in the document's files"),
        )
        .with_label("no `files` entry has this name");
        d = match did_you_mean(name, files.iter().map(|(k, _)| k.name.as_str())) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => d.with_help(format!(
                "declare it: `attachment \"{name}\" = file(\"…\")`, or list it in `files`"
            )),
        };
        self.report(d);
    }

    /// `aws:approve` needs its approvers: `Approvers`, or in a Change Manager
    /// template `EnhancedApprovals` (AWS's schema takes one or the other).
    fn approvers(&mut self, step: &Step, inputs: Option<&Node>) {
        let given = |k: &str| inputs.and_then(|m| m.get(k));
        match (given("Approvers"), given("EnhancedApprovals")) {
            (Some(_), Some(enhanced)) => self.report(
                Diagnostic::error(
                    codes::MISSING_INPUT,
                    enhanced.span,
                    format!(
                        "step `{}` gives both `Approvers` and `EnhancedApprovals`",
                        step.name_str()
                    ),
                )
                .with_label("one or the other")
                .with_help("keep `EnhancedApprovals` in a change template, `Approvers` elsewhere"),
            ),
            (None, None) => {
                let help = if change_template::is_change_template(self.doc) {
                    "add `EnhancedApprovals: { NotificationArn: …, Approvers: [{ approver: …, type: \"IamUser\", minRequiredApprovals: 1 }] }`"
                } else {
                    "add `Approvers: …` (a StringList)"
                };
                self.report(
                    Diagnostic::error(
                        codes::MISSING_INPUT,
                        inputs.map_or(step.name.span, |n| n.span),
                        format!(
                            "step `{}` is missing required input `Approvers`",
                            step.name_str()
                        ),
                    )
                    .with_label("`aws:approve` requires `Approvers` or `EnhancedApprovals`")
                    .with_help(help),
                );
            }
            (None, Some(enhanced)) if !change_template::is_change_template(self.doc) => {
                self.report(
                    Diagnostic::warning(
                        codes::UNKNOWN_AWS_KEY,
                        enhanced.span,
                        "`EnhancedApprovals` is for Change Manager templates",
                    )
                    .with_label("outside a change template")
                    .with_help(
                        "use `Approvers`, or make this a change template (`templateInformation`, `emergencyChange`, …)",
                    ),
                );
            }
            _ => {}
        }
    }

    /// `aws:updateVariable`: `Name: "variable:X"` for a declared X, `Value` of X's type.
    fn check_update_variable(&mut self, inputs: &Node) {
        let Some(name_node) = inputs.get("Name") else {
            return;
        };
        let Some(text) = name_node.as_str() else {
            self.type_error(
                name_node,
                &Ty::String,
                "input `Name` of `aws:updateVariable`",
                &describe(name_node),
                Fit::Wrong,
            );
            return;
        };
        if let Some((_, info)) = self.whole_ref(text) {
            let _ = info; // a computed name: nothing to check statically
            return;
        }
        let Some(var) = text.strip_prefix("variable:") else {
            let mut d = Diagnostic::error(
                codes::INVALID_UPDATE_VARIABLE,
                name_node.span,
                format!("`aws:updateVariable` names `{text}`, not `variable:NAME`"),
            )
            .with_label("the Name of a variable is written `variable:NAME`");
            if self.scope.var(text).is_some() {
                d = d.with_help(format!("write `variable:{text}`"));
            } else {
                d = d.with_help(
                    "write `Name: \"variable:X\"` for a variable declared with `var X: Type`",
                );
            }
            self.report(d);
            return;
        };
        let var = var.trim();
        let Some(sym) = self.scope.var(var) else {
            let mut d = Diagnostic::error(
                codes::UNKNOWN_VARIABLE,
                name_node.span,
                format!("unknown variable `{var}`"),
            )
            .with_label("no variable has this name");
            d = match did_you_mean(var, self.scope.vars.iter().map(|v| v.name)) {
                Some(s) => d.with_help(format!("did you mean `variable:{s}`?")),
                None => d.with_help(format!("declare it: `var {var}: String`")),
            };
            self.report(d);
            return;
        };
        let ty = sym.ty.clone();
        if let Some(value) = inputs.get("Value") {
            self.check_value(value, &ty, &format!("the new value of variable `{var}`"));
        }
    }

    /// Step properties: `timeoutSeconds`, `maxAttempts`, `isEnd`, `isCritical`, `onFailure`, `onCancel`.
    fn check_step_props(&mut self, i: usize, step: &Step, sig: Option<&ActionSig>) {
        let kind = self.doc.kind;
        for (node, key) in [
            (&step.timeout_seconds, "timeoutSeconds"),
            (&step.max_attempts, "maxAttempts"),
        ] {
            let Some(node) = node else { continue };
            let fit = match &node.value {
                Value::Int(_) => Fit::Ok,
                Value::String(s)
                    if kind == DocKind::Automation && s.trim().parse::<i64>().is_ok() =>
                {
                    Fit::Lenient
                }
                _ => Fit::Wrong,
            };
            self.prop_error(node, key, &Ty::Integer, fit);
        }
        for (node, key) in [(&step.is_end, "isEnd"), (&step.is_critical, "isCritical")] {
            let Some(node) = node else { continue };
            let fit = match &node.value {
                Value::Bool(_) => Fit::Ok,
                Value::String(s) if s == "true" || s == "false" => Fit::Lenient,
                _ => Fit::Wrong,
            };
            self.prop_error(node, key, &Ty::Boolean, fit);
        }
        if kind == DocKind::Automation {
            if let Some(node) = &step.on_failure {
                self.check_handler(node, "onFailure", &["Abort", "Continue"]);
            }
            if let Some(node) = &step.on_cancel {
                self.check_handler(node, "onCancel", &["Abort"]);
                // `Abort` is the default behaviour and AWS-owned runbooks write it on such
                // actions; only a move to a step is rejected.
                let moves = node.as_str().is_some_and(|s| s.starts_with("step:"));
                if moves && sig.is_some_and(|s| s.attrs.iter().any(|a| a == "no_on_cancel")) {
                    self.report(
                        Diagnostic::error(
                            codes::FORBIDDEN_ON_CANCEL,
                            node.span,
                            format!("`{}` does not support `onCancel`", step.action_str()),
                        )
                        .with_label("AWS rejects onCancel on this action")
                        .with_help("remove `onCancel`"),
                    );
                }
                if let Some(target) = node.as_str().and_then(|s| s.strip_prefix("step:")) {
                    let forbidden = self
                        .scope
                        .step(target)
                        .and_then(|t| self.scope.steps.get(t))
                        .and_then(|t| t.sig)
                        .filter(|s| s.attrs.iter().any(|a| a == "no_cancel_target"));
                    if let Some(t) = forbidden {
                        self.report(
                            Diagnostic::error(
                                codes::FORBIDDEN_ON_CANCEL,
                                node.span,
                                format!("`onCancel` may not move to a `{}` step", t.name),
                            )
                            .with_label(format!("`{target}` runs `{}`", t.name))
                            .with_help(
                                "cancel to a step of another action (a cleanup step), or `Abort`",
                            ),
                        );
                    }
                }
            }
        }
        for (node, key) in [
            (&step.on_failure, "onFailure"),
            (&step.on_cancel, "onCancel"),
            (&step.next_step, "nextStep"),
        ] {
            if let Some(node) = node {
                let place = format!("`{key}` of step `{}`", step.name_str());
                self.walk_refs(
                    node,
                    &Site {
                        step: Some(i),
                        sink: Sink::Denied(secrets::OTHER),
                        place: &place,
                    },
                );
            }
        }
        if let Some(next) = &step.next_step {
            if next.as_str().is_none() {
                self.prop_error(next, "nextStep", &Ty::String, Fit::Wrong);
            }
        }
    }

    fn prop_error(&mut self, node: &Node, key: &str, ty: &Ty, fit: Fit) {
        self.type_error(node, ty, &format!("`{key}`"), &describe(node), fit);
    }

    /// `onFailure`/`onCancel`: one of `fixed` or `step:X` (X is checked by the flow graph).
    fn check_handler(&mut self, node: &Node, key: &str, fixed: &[&str]) {
        let Some(s) = node.as_str() else {
            self.prop_error(node, key, &Ty::String, Fit::Wrong);
            return;
        };
        if fixed.contains(&s) || s.starts_with("step:") {
            return;
        }
        let mut d = Diagnostic::error(
            codes::INVALID_STEP_PROPERTY,
            node.span,
            format!("invalid `{key}` value `{s}`"),
        )
        .with_label(format!(
            "`{key}` is {} or `step:NAME`",
            fixed
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        let mut options: Vec<&str> = fixed.to_vec();
        options.push("step:");
        d = match did_you_mean(s, options) {
            Some("step:") => d.with_help(format!("did you mean `step:{s}`?")),
            Some(x) => d.with_help(format!("did you mean `{x}`?")),
            None if self.scope.step(s).is_some() => {
                d.with_help(format!("to go to step `{s}`, write `step:{s}`"))
            }
            None => d.with_help("write `Abort`, `Continue` or `step:NAME`"),
        };
        self.report(d);
    }

    /// Step `outputs`: a list of `{Name, Selector, Type?}`.
    fn check_step_outputs(&mut self, i: usize, outputs: &Node) {
        let step_name = self
            .scope
            .steps
            .get(i)
            .map_or("", |s| s.step.name_str())
            .to_string();
        let place = format!("the outputs of step `{step_name}`");
        self.walk_refs(
            outputs,
            &Site {
                step: Some(i),
                sink: Sink::Denied(secrets::OUTPUT),
                place: &place,
            },
        );
        let Some(list) = outputs.as_list() else {
            self.report(
                Diagnostic::error(
                    codes::INVALID_STEP_OUTPUT,
                    outputs.span,
                    format!("{place} must be a list, found {}", describe(outputs)),
                )
                .with_label("not a list")
                .with_help("write outputs: [{ Name: \"X\", Selector: \"$.x\", Type: \"String\" }]"),
            );
            return;
        };
        for entry in list {
            let Some(map) = entry.as_map() else {
                self.report(
                    Diagnostic::error(
                        codes::INVALID_STEP_OUTPUT,
                        entry.span,
                        format!(
                            "an entry of {place} must be a map, found {}",
                            describe(entry)
                        ),
                    )
                    .with_label("not an output")
                    .with_help("write { Name: \"X\", Selector: \"$.x\", Type: \"String\" }"),
                );
                continue;
            };
            for needed in ["Name", "Selector"] {
                match entry.get(needed) {
                    None => self.report(
                        Diagnostic::error(
                            codes::INVALID_STEP_OUTPUT,
                            entry.span,
                            format!("an output of step `{step_name}` has no `{needed}`"),
                        )
                        .with_label(format!("`{needed}` is missing"))
                        .with_help("an output is { Name, Selector, Type? }"),
                    ),
                    Some(v) if v.as_str().is_none() => {
                        self.type_error(
                            v,
                            &Ty::String,
                            &format!("`{needed}` of an output"),
                            &describe(v),
                            Fit::Wrong,
                        );
                    }
                    Some(_) => {}
                }
            }
            if let Some(ty) = entry.get("Type") {
                match ty.as_str() {
                    Some(t) if OUTPUT_TYPES.contains(&t) => {}
                    Some(t) => {
                        let mut d = Diagnostic::error(
                            codes::INVALID_STEP_OUTPUT,
                            ty.span,
                            format!("unknown output type `{t}`"),
                        )
                        .with_label("SSM has no output type of this name");
                        d = match did_you_mean(t, OUTPUT_TYPES.iter().copied()) {
                            Some(s) => d.with_help(format!("did you mean `{s}`?")),
                            None => d.with_help(format!(
                                "the output types are {}",
                                OUTPUT_TYPES.join(", ")
                            )),
                        };
                        self.report(d);
                    }
                    None => self.type_error(
                        ty,
                        &Ty::String,
                        "`Type` of an output",
                        &describe(ty),
                        Fit::Wrong,
                    ),
                }
            }
            for (k, _) in map {
                if !matches!(k.name.as_str(), "Name" | "Selector" | "Type") {
                    let mut d = Diagnostic::warning(
                        codes::UNKNOWN_AWS_KEY,
                        k.span,
                        format!("unknown key `{}` in an output", k.name),
                    )
                    .with_label("an output has Name, Selector and Type");
                    if let Some(s) = did_you_mean(&k.name, ["Name", "Selector", "Type"]) {
                        d = d.with_help(format!("did you mean `{s}`?"));
                    }
                    self.report(d);
                }
            }
        }
    }
}

pub(crate) fn kind_word(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Command => "command",
        DocKind::Automation => "automation",
    }
}
