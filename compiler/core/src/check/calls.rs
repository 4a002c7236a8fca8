//! Calls to other documents: `aws:runCommand` (`DocumentName`, `Parameters`),
//! `aws:executeAutomation` (`DocumentName`, `RuntimeParameters`) and the
//! Command plugin `aws:runDocument` (`documentType: SSMDocument`,
//! `documentPath`, `documentParameters`), against the called document's
//! signature (`crate::documents`).
//!
//! Output: an unknown document (W1020; E1066 under a name prefix the project
//! owns, `[documents] namespace`), a call to a name several project
//! documents are deployed as (W1022, and only the findings that hold against
//! every one of them),
//! a document of the wrong type for the action (E1065), an unknown parameter
//! with did-you-mean and case differences named (E1060), a missing required
//! parameter (E1061), a value SSM refuses for the parameter's type or
//! `allowedValues` (E1062), a value outside `allowedPattern` (W1021).
//!
//! What SSM accepts: both `SendCommand` and `StartAutomationExecution` take
//! parameters as a map of string to list of strings (the SSM API reference),
//! so every value crosses as text: a string where a StringList goes, a
//! one-element list where a String goes, `"true"` for a Boolean and `"5"` for
//! an Integer are what the API carries, and fit. SSM then validates each value
//! against the child's declared type, `allowedValues` and `allowedPattern`
//! (`InvalidAutomationExecutionParametersException: Parameter "Action" has
//! value "install" not found in [Install, Uninstall]`). Only values known
//! before the run are judged: a literal, or a whole `{{ reference }}` whose
//! type is known; a string with a reference inside is not known.
//! `allowedPattern` is Java's dialect, compiled with the `regex` crate
//! (`super::pattern`, as for defaults): a pattern it cannot compile is not
//! judged, and the finding is a warning.

use crate::check::refs::RefInfo;
use crate::check::suggest as did_you_mean;
use crate::check::values::{ty_fit, Fit};
use crate::check::{codes, Checker};
use crate::diagnostic::Diagnostic;
use std::sync::Arc;

use crate::documents::{Callee, Documents, Origin, ParamSig, Signature};
use crate::model::{Key, Node, Step, Value};
use crate::span::Span;
use crate::syntax::refs::find_refs;
use crate::types::Ty;

/// How an action names the document it calls and its parameters (the
/// checker's and the editor's one table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallShape {
    /// The input naming the called document (`DocumentName`, `documentPath`).
    pub name_key: &'static str,
    /// The input mapping the called document's parameters.
    pub params_key: &'static str,
    /// The `DocumentType` the action runs.
    pub doc_type: &'static str,
    /// Input keys match case-insensitively (Command plugins).
    pub ignore_case: bool,
}

/// The shape of a call made by `action`; `None` when it calls no document.
pub fn call_shape(action: &str) -> Option<CallShape> {
    Some(match action {
        "aws:runCommand" => CallShape {
            name_key: "DocumentName",
            params_key: "Parameters",
            doc_type: "Command",
            ignore_case: false,
        },
        "aws:executeAutomation" => CallShape {
            name_key: "DocumentName",
            params_key: "RuntimeParameters",
            doc_type: "Automation",
            ignore_case: false,
        },
        "aws:runDocument" => CallShape {
            name_key: "documentPath",
            params_key: "documentParameters",
            doc_type: "Command",
            ignore_case: true,
        },
        _ => return None,
    })
}

/// The document name a calling step writes (its `DocumentName` or
/// `documentPath` input, matched as its action matches keys), with the
/// call's shape; `None` for a step that calls no document or names none.
pub fn called_name(step: &Step) -> Option<(CallShape, &Node)> {
    let shape = call_shape(step.action_str())?;
    let name = input(step.inputs.as_ref()?, shape.name_key, shape.ignore_case)?;
    Some((shape, name))
}

/// Whether a step is a call to another document (its action calls one).
pub fn is_call(action: &str) -> bool {
    call_shape(action).is_some()
}

fn input<'n>(inputs: &'n Node, key: &str, ignore_case: bool) -> Option<&'n Node> {
    if ignore_case {
        inputs.get_ignore_case(key).map(|(_, v)| v)
    } else {
        inputs.get(key)
    }
}

impl Checker<'_> {
    /// The call a step makes, checked against the called document.
    pub(crate) fn check_call(&mut self, step: &Step, inputs: &Node) {
        let action = step.action_str();
        let Some(shape) = call_shape(action) else {
            return;
        };
        if action == "aws:runDocument" {
            // `LocalPath` runs a file on the node: nothing to look up.
            let from_ssm = input(inputs, "documentType", true).and_then(Node::as_str);
            if from_ssm != Some("SSMDocument") {
                return;
            }
        }
        let Some(name_node) = input(inputs, shape.name_key, shape.ignore_case) else {
            return;
        };
        let Some(written) = name_node.as_str() else {
            return;
        };
        let documents = self.catalog.documents.clone();
        let sig = match documents.resolve(written) {
            Callee::Skipped(_) => return,
            Callee::Unknown { name } => {
                self.unknown_document(name_node, name, &shape);
                return;
            }
            Callee::Known(sig) => sig,
        };
        let claimants = documents.claimants(&sig.name);
        if claimants.len() < 2 {
            self.check_call_against(sig, &shape, action, inputs, name_node);
            return;
        }
        self.ambiguous_call(name_node, &sig.name, claimants);
        // Which claimant runs depends on which was deployed last: only what
        // is wrong against every one of them is a fault of the call (told
        // as the first, in project order, has it).
        let start = self.diags.len();
        let mut found: Vec<Vec<Diagnostic>> = Vec::with_capacity(claimants.len());
        for claimant in claimants {
            self.check_call_against(claimant, &shape, action, inputs, name_node);
            found.push(self.diags.split_off(start));
        }
        let Some((first, others)) = found.split_first() else {
            return;
        };
        let against_all = |d: &Diagnostic| {
            others.iter().all(|o| {
                o.iter()
                    .any(|e| e.code == d.code && e.primary.span == d.primary.span)
            })
        };
        let kept: Vec<Diagnostic> = first.iter().filter(|d| against_all(d)).cloned().collect();
        self.diags.extend(kept);
    }

    /// The call of `action` checked against one document `sig` (its type,
    /// then its parameters).
    fn check_call_against(
        &mut self,
        sig: &Signature,
        shape: &CallShape,
        action: &str,
        inputs: &Node,
        name_node: &Node,
    ) {
        if sig.doc_type != shape.doc_type {
            self.report(
                Diagnostic::error(
                    codes::WRONG_DOCUMENT_TYPE,
                    name_node.span,
                    format!(
                        "`{}` is {} document; `{action}` runs {} documents",
                        sig.name,
                        article(&sig.doc_type),
                        shape.doc_type
                    ),
                )
                .with_label(format!("{} document", sig.doc_type))
                .with_help(match (sig.doc_type.as_str(), action) {
                    (_, "aws:runDocument") => "a Command document runs only Command documents",
                    ("Automation", _) => "run an Automation runbook with `aws:executeAutomation`",
                    ("Command", _) => "run a Command document with `aws:runCommand`",
                    _ => "a step runs only Command documents (`aws:runCommand`) and Automation runbooks (`aws:executeAutomation`)",
                }),
            );
            return;
        }
        if !sig.params_known {
            return;
        }
        let params = input(inputs, shape.params_key, shape.ignore_case);
        let given: &[(Key, Node)] = match params {
            None => &[],
            Some(node) => match node.as_map() {
                Some(map) => map,
                // Text (`aws:runDocument` takes JSON/YAML text) or a reference:
                // its contents are not known before the run.
                None => return,
            },
        };
        for (key, value) in given {
            self.check_call_parameter(sig, key, value);
        }
        // A misspelt required parameter is one mistake, reported once (as unknown).
        let misspelt: Vec<&str> = given
            .iter()
            .filter(|(k, _)| sig.param(&k.name).is_none())
            .filter_map(|(k, _)| closest_param(sig, &k.name))
            .collect();
        // The parameter `TargetParameterName` names is filled from the targets.
        let targeted = input(inputs, "TargetParameterName", false).and_then(Node::as_str);
        let missing: Vec<&ParamSig> = sig
            .params
            .iter()
            .filter(|p| p.required())
            .filter(|p| Some(p.name.as_str()) != targeted)
            .filter(|p| {
                !given
                    .iter()
                    .any(|(k, _)| k.name.eq_ignore_ascii_case(&p.name))
            })
            .filter(|p| !misspelt.contains(&p.name.as_str()))
            .collect();
        if missing.is_empty() {
            return;
        }
        let at = params.map_or(name_node.span, |p| p.span);
        let names: Vec<String> = missing.iter().map(|p| format!("`{}`", p.name)).collect();
        let (noun, pronoun) = if missing.len() == 1 {
            ("parameter", "it has")
        } else {
            ("parameters", "they have")
        };
        self.report(
            Diagnostic::error(
                codes::MISSING_DOCUMENT_PARAMETER,
                at,
                format!(
                    "`{}` requires {noun} {} and {pronoun} no default",
                    sig.name,
                    names.join(", "),
                ),
            )
            .with_label(format!("{} not given", names.join(", ")))
            .with_help(format!(
                "add {} to `{}`: SSM refuses to start `{}` without a value for each required parameter",
                names.join(", "),
                shape.params_key,
                sig.name
            )),
        );
    }

    /// A call to a name several documents of the project are deployed as,
    /// with each of them named.
    fn ambiguous_call(&mut self, node: &Node, name: &str, claimants: &[Arc<Signature>]) {
        let mut d = Diagnostic::warning(
            codes::AMBIGUOUS_DOCUMENT,
            node.span,
            format!(
                "{} documents of the project are deployed as `{name}`, with different signatures",
                claimants.len()
            ),
        )
        .with_label("which one runs depends on which was deployed last")
        .with_help(
            "give each document its own name (a `.rbk` document's declared name, a raw document's file name); the call is judged only for what is wrong against every one of them",
        );
        for c in claimants {
            if let Origin::Project(span) = c.origin {
                // The document's first character: its whole span would show every line.
                let at = Span {
                    end: span.start,
                    ..span
                };
                let params: Vec<&str> = c.params.iter().map(|p| p.name.as_str()).collect();
                let label = if params.is_empty() {
                    format!("{} document `{name}` without parameters", c.doc_type)
                } else {
                    format!(
                        "{} document `{name}` with parameters {}",
                        c.doc_type,
                        params.join(", ")
                    )
                };
                d = d.with_secondary(at, label);
            }
        }
        self.report(d);
    }

    fn unknown_document(&mut self, node: &Node, name: &str, shape: &CallShape) {
        let documents = self.catalog.documents.clone();
        if let Some(prefix) = documents.owned_prefix(name) {
            self.unknown_owned_document(node, name, prefix, shape, &documents);
            return;
        }
        let candidates: Vec<&str> = documents
            .names()
            .filter(|n| {
                documents
                    .get(n)
                    .is_some_and(|s| s.doc_type == shape.doc_type)
            })
            .collect();
        let mut d = Diagnostic::warning(
            codes::UNKNOWN_DOCUMENT,
            node.span,
            format!("unknown document `{name}`: its parameters are not checked"),
        )
        .with_label("neither a project document nor an AWS-owned one");
        d = match did_you_mean(name, candidates) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => d.with_help(
                "if it is your account's document, check or lint it together with this runbook, or list its file (or its `aws ssm get-document` JSON) in `[documents] paths` of ssmc.toml",
            ),
        };
        self.report(d);
    }

    /// A call to an unknown name under a prefix the project owns
    /// (`[documents] namespace`): the project would have the document, so
    /// the name is wrong (or the document is missing from the project).
    fn unknown_owned_document(
        &mut self,
        node: &Node,
        name: &str,
        prefix: &str,
        shape: &CallShape,
        documents: &Documents,
    ) {
        let owned: Vec<&str> = documents
            .project()
            .filter(|s| s.doc_type == shape.doc_type && s.name.starts_with(prefix))
            .map(|s| s.name.as_str())
            .collect();
        let mut d = Diagnostic::error(
            codes::UNKNOWN_PROJECT_DOCUMENT,
            node.span,
            format!("no document of the project is named `{name}`"),
        )
        .with_label(format!("`{prefix}` is the project's namespace"));
        d = match did_you_mean(name, owned) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => d.with_help(format!(
                "names starting with `{prefix}` belong to the project (`[documents] namespace` of ssmc.toml): check or lint the document together with this one, or list its file in `[documents] paths`"
            )),
        };
        self.report(d);
    }

    fn check_call_parameter(&mut self, sig: &Signature, key: &Key, value: &Node) {
        let Some(param) = sig.param(&key.name) else {
            let mut d = Diagnostic::error(
                codes::UNKNOWN_DOCUMENT_PARAMETER,
                key.span,
                format!("`{}` has no parameter `{}`", sig.name, key.name),
            );
            if let Some(p) = sig
                .params
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(&key.name))
            {
                d = d
                    .with_label(format!("spelt `{}` in the document", p.name))
                    .with_help(format!(
                        "write `{}`: parameter names differ only in case here, and SSM matches them exactly",
                        p.name
                    ));
            } else {
                d = d.with_label("unknown parameter");
                d = match closest_param(sig, &key.name) {
                    Some(s) => d.with_help(format!("did you mean `{s}`?")),
                    None if sig.params.is_empty() => {
                        d.with_help(format!("`{}` takes no parameters", sig.name))
                    }
                    None => d.with_help(format!(
                        "its parameters are {}",
                        sig.params
                            .iter()
                            .map(|p| p.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                };
            }
            self.report(d);
            return;
        };
        let place = format!("parameter `{}` of `{}`", param.name, sig.name);
        let ty = Ty::parse(&param.ty).runtime();
        // Scalars of a list (a StringList's items; a one-element list for a
        // String is how the API carries every value).
        let items: Vec<&Node> = match &value.value {
            Value::List(items)
                if matches!(ty, Ty::String | Ty::Integer | Ty::Boolean | Ty::StringList) =>
            {
                items.iter().collect()
            }
            _ => vec![value],
        };
        for item in items {
            self.check_call_value(param, item, &ty, &place);
        }
    }

    /// One value (or one item of a list) for `param`.
    fn check_call_value(&mut self, param: &ParamSig, node: &Node, ty: &Ty, place: &str) {
        let text = match &node.value {
            Value::String(s) => {
                if let Some((_, info)) = self.whole_ref(s) {
                    self.check_call_reference(node, s, info, ty, place);
                    return;
                }
                if !find_refs(s).is_empty() {
                    return;
                }
                s.clone()
            }
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            // Maps and nested lists: StringMap and MapList values, not judged here.
            _ => return,
        };
        let refused = match ty {
            Ty::Integer => text.trim().parse::<i64>().is_err(),
            Ty::Boolean => {
                !(text.eq_ignore_ascii_case("true") || text.eq_ignore_ascii_case("false"))
            }
            _ => false,
        };
        if refused {
            self.report(
                Diagnostic::error(
                    codes::DOCUMENT_PARAMETER_VALUE,
                    node.span,
                    format!("{place} is {}, and `{text}` is not one", param.ty),
                )
                .with_label(format!("not {}", article_type(ty)))
                .with_help(format!(
                    "SSM refuses to start the document; {}",
                    match ty {
                        Ty::Integer => "give a whole number",
                        _ => "give true or false",
                    }
                )),
            );
            return;
        }
        if let Some(allowed) = &param.allowed_values {
            if !allowed.contains(&text) {
                let mut d = Diagnostic::error(
                    codes::DOCUMENT_PARAMETER_VALUE,
                    node.span,
                    format!("{place}: `{text}` is not one of its allowedValues"),
                )
                .with_label(format!("not in [{}]", allowed.join(", ")));
                d = match allowed.iter().find(|a| a.eq_ignore_ascii_case(&text)) {
                    Some(a) => d.with_help(format!(
                        "write `{a}`: the values differ only in case, and SSM compares them exactly"
                    )),
                    None => match did_you_mean(&text, allowed.iter().map(String::as_str)) {
                        Some(s) => d.with_help(format!("did you mean `{s}`?")),
                        None => {
                            d.with_help(format!("the allowed values are {}", allowed.join(", ")))
                        }
                    },
                };
                self.report(d);
                return;
            }
        }
        if let Some(pattern) = &param.allowed_pattern {
            if super::pattern::matches(pattern, &text) == Some(false) {
                self.report(
                    Diagnostic::warning(
                        codes::DOCUMENT_PARAMETER_PATTERN,
                        node.span,
                        format!("{place}: `{}` does not match its allowedPattern", super::values::shorten(&text)),
                    )
                    .with_label(format!("does not match `{}`", super::values::shorten(pattern)))
                    .with_help("SSM checks the value against the pattern (Java's regex dialect) and refuses the run when it does not match"),
                );
            }
        }
    }

    /// A whole `{{ reference }}` of a known type passed to `param`.
    fn check_call_reference(
        &mut self,
        node: &Node,
        s: &str,
        info: Option<RefInfo>,
        ty: &Ty,
        place: &str,
    ) {
        let Some(info) = info else { return };
        let found = info.ty.runtime();
        // Every value crosses the API as text: only a collection where a
        // scalar goes (or the reverse for maps) is refused.
        if ty_fit(ty, &found) == Fit::Wrong {
            self.report(
                Diagnostic::error(
                    codes::DOCUMENT_PARAMETER_VALUE,
                    node.span,
                    format!(
                        "{place} expects {ty}, found `{}` of type {}",
                        s.trim(),
                        info.ty
                    ),
                )
                .with_label(format!("this is {}", info.ty))
                .with_help("SSM refuses to start the document with a value of this type"),
            );
        }
    }
}

/// The parameter an unknown name most likely means: a close spelling, or
/// the one parameter whose name starts with it in any case (`duration` for
/// `DurationSeconds`).
fn closest_param<'s>(sig: &'s Signature, name: &str) -> Option<&'s str> {
    if let Some(s) = did_you_mean(name, sig.params.iter().map(|p| p.name.as_str())) {
        return Some(s);
    }
    let lower = name.to_lowercase();
    let mut prefixed = sig
        .params
        .iter()
        .filter(|p| lower.len() >= 3 && p.name.to_lowercase().starts_with(&lower));
    match (prefixed.next(), prefixed.next()) {
        (Some(p), None) => Some(p.name.as_str()),
        _ => None,
    }
}

fn article(word: &str) -> String {
    let vowel = word
        .chars()
        .next()
        .is_some_and(|c| "AEIOUaeiou".contains(c));
    format!("{} {word}", if vowel { "an" } else { "a" })
}

fn article_type(ty: &Ty) -> &'static str {
    match ty {
        Ty::Integer => "a whole number",
        _ => "true or false",
    }
}
