//! What each step of a document needs: IAM actions on resources.
//!
//! Input: a [`Document`] (from `.rbk` or a raw JSON/YAML document alike) and
//! the embedded AWS API and IAM catalogs. Output: a [`Derivation`], every
//! need with the step that has it, and notes for what cannot be known
//! (a script's calls, an API chosen at run time, an action the catalog lacks).
//!
//! Invariant: every action named is in the IAM catalog (a test checks the
//! tables; API calls are looked up), so a policy never names an unknown action.

use super::arn::{self, Filled};
use super::builtin;
use super::catalog::IamCatalog;
use super::exceptions;
use crate::awsapi::{self, names};
use crate::documents::{Callee, Documents};
use crate::model::{DocKind, Document, Key, Node, Step};
use crate::python;

/// A condition on a statement (`StringEquals` `iam:PassedToService`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Condition {
    pub operator: String,
    pub key: String,
    pub values: Vec<String>,
}

/// One action a step needs, on these resources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    /// `prefix:Action`, as the catalog spells it.
    pub action: String,
    /// ARNs (place variables kept: see `arn`); empty means `"*"`, for `why_any`.
    pub resources: Vec<String>,
    /// Why the resource is `"*"` (when `resources` is empty).
    pub why_any: String,
    pub condition: Option<Condition>,
    pub step: String,
    /// Where the fact that this action is needed comes from.
    pub source: String,
    /// What in the step calls it, when that is not the step itself: a
    /// script's boto3 call and its line (`ec2.describe_instances`, line 4).
    pub via: String,
}

/// Something the derivation could not decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub step: String,
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Derivation {
    pub needs: Vec<Need>,
    pub notes: Vec<Note>,
}

/// Past this many resource types, an action is generic (tagging and the
/// like): its unnamed optional types are left out, or all of it is `"*"`.
const MAX_TYPES: usize = 8;

/// The source of an API step's action: the catalogs themselves.
const API_SOURCE: &str = "the IAM catalog: the action named as the API operation";

/// The source of a script call's action: the script analysis and the catalogs.
const SCRIPT_SOURCE: &str =
    "the script's boto3 call, resolved by the AWS API catalog; the IAM catalog: the action named as the operation";

/// The project's documents by name, for the children that
/// `aws:executeAutomation` steps start (`None`: not a project document).
pub type Children<'a> = dyn Fn(&str) -> Option<&'a Document> + 'a;

/// Every need of `doc`'s steps (loops' steps included); a child automation's
/// own needs are not derived (see [`derive_with`]).
pub fn derive(doc: &Document, iam: &IamCatalog) -> Derivation {
    derive_with(doc, iam, &|_| None)
}

/// Every need of `doc`'s steps, and of the project documents its
/// `aws:executeAutomation` steps start (`children`), recursively: each child
/// is derived once along a path, so documents that start each other end.
pub fn derive_with<'a>(doc: &Document, iam: &IamCatalog, children: &Children<'a>) -> Derivation {
    let mut out = Derivation::default();
    if doc.kind == DocKind::Command {
        out.notes.push(Note {
            step: String::new(),
            message: "a Command document runs on the managed node with its instance profile; \
                      this policy is what sending it needs"
                .to_string(),
        });
        // The document's own name is the one sent: `ssm:SendCommand` on its ARN.
        let inputs = vec![(
            Key {
                name: "DocumentName".to_string(),
                span: doc.span,
            },
            Node::string(doc.name.clone(), doc.span),
        )];
        let mut ctx = Ctx {
            iam,
            step: "",
            inputs: &inputs,
            via: String::new(),
            out: &mut out,
        };
        ctx.builtin_needs(&builtin::send_command_document());
        return out;
    }
    let mut scope = Scope {
        children,
        started: vec![doc.name.clone()],
    };
    for step in doc.steps.iter().flatten() {
        step_needs(step, iam, &mut scope, &mut out);
    }
    out
}

/// The children a derivation may enter, and the documents it is inside now
/// (the root first), which it does not enter again.
struct Scope<'s, 'a> {
    children: &'s Children<'a>,
    started: Vec<String>,
}

fn step_needs(step: &Step, iam: &IamCatalog, scope: &mut Scope, out: &mut Derivation) {
    let empty = Vec::new();
    let inputs = step
        .inputs
        .as_ref()
        .and_then(Node::as_map)
        .unwrap_or(&empty);
    let mut ctx = Ctx {
        iam,
        step: step.name_str(),
        inputs,
        via: String::new(),
        out,
    };
    match step.action_str() {
        "aws:executeAwsApi"
        | "aws:waitForAwsResourceProperty"
        | "aws:assertAwsResourceProperty" => ctx.api_call(),
        "aws:executeScript" => ctx.script(),
        "aws:loop" => {
            for inner in step.loop_steps.iter().flatten() {
                step_needs(inner, iam, scope, ctx.out);
            }
        }
        action => match builtin::needs(action, inputs) {
            Some(needs) => {
                ctx.builtin_needs(&needs);
                if action == "aws:executeAutomation" {
                    child_needs(step.name_str(), inputs, iam, scope, ctx.out);
                }
            }
            None => ctx.note(&format!("`{action}`: what this action needs is not known")),
        },
    }
}

/// The own needs of the automation an `aws:executeAutomation` step starts,
/// when it is a project document; each is the step's, `via` the child's step.
/// Anything else is a note: an AWS-owned child's needs are not known here,
/// and a name chosen at run time names no document.
fn child_needs(
    step: &str,
    inputs: &[(Key, Node)],
    iam: &IamCatalog,
    scope: &mut Scope,
    out: &mut Derivation,
) {
    let mut note = |message: String| {
        out.notes.push(Note {
            step: step.to_string(),
            message,
        })
    };
    let Some(written) = inputs
        .iter()
        .find(|(k, _)| k.name == "DocumentName")
        .and_then(|(_, n)| n.as_str())
    else {
        return note(
            "the child document is not a literal name: its own needs are not derived".to_string(),
        );
    };
    // The name as SSM looks it up: without a version, out of an AWS ARN.
    let none = Documents::default();
    let (name, aws_owned) = match none.resolve(written) {
        Callee::Skipped(why) => {
            return note(format!(
                "the child document's own needs are not derived: {why}"
            ));
        }
        Callee::Known(sig) => (sig.name.clone(), true),
        Callee::Unknown { name } => (name.to_string(), false),
    };
    if scope.started.contains(&name) {
        return note(format!(
            "`{name}` is already being derived (the documents start each other): its needs are counted once"
        ));
    }
    let Some(child) = (scope.children)(&name) else {
        return note(if aws_owned {
            format!("`{name}` is AWS-owned: what it needs is not known here; add its permissions by hand (AWS's runbook reference lists them)")
        } else {
            format!("`{name}` is not a document of this project: its own needs are not derived")
        });
    };
    if child.kind == DocKind::Command {
        return note(format!(
            "`{name}` is a Command document: aws:executeAutomation starts automations"
        ));
    }
    scope.started.push(name.clone());
    let mut inner = Derivation::default();
    for s in child.steps.iter().flatten() {
        step_needs(s, iam, scope, &mut inner);
    }
    scope.started.pop();
    for mut n in inner.needs {
        let through = format!("its child `{name}`'s step `{}`", n.step);
        n.via = if n.via.is_empty() {
            through
        } else {
            format!("{through}, {}", n.via)
        };
        n.step = step.to_string();
        out.needs.push(n);
    }
    for n in inner.notes {
        out.notes.push(Note {
            step: step.to_string(),
            message: format!("child `{name}`, step `{}`: {}", n.step, n.message),
        });
    }
}

struct Ctx<'a> {
    iam: &'a IamCatalog,
    step: &'a str,
    inputs: &'a [(Key, Node)],
    /// What in the step makes the needs recorded now (see [`Need::via`]).
    via: String,
    out: &'a mut Derivation,
}

impl Ctx<'_> {
    fn note(&mut self, message: &str) {
        self.out.notes.push(Note {
            step: self.step.to_string(),
            message: message.to_string(),
        });
    }

    /// `aws:executeAwsApi` and its wait/assert kin: the operation's actions.
    fn api_call(&mut self) {
        let text = |key: &str| {
            self.inputs
                .iter()
                .find(|(k, _)| k.name == key)
                .and_then(|(_, n)| n.as_str())
        };
        let (Some(service), Some(api)) = (text("Service"), text("Api")) else {
            return self
                .note("the step's `Service` or `Api` is not a literal: its action is unknown");
        };
        if service.contains("{{") || api.contains("{{") {
            return self.note(
                "the step's `Service` or `Api` is chosen at run time: its action is unknown",
            );
        }
        let cat = awsapi::catalog();
        let Some(entry) = names::service(cat, service) else {
            return self.note(&format!(
                "`{service}` is not an AWS API client: its action is unknown"
            ));
        };
        let svc = cat.decoded(entry);
        let Some((op, _)) = names::operation(svc, api) else {
            return self.note(&format!(
                "`{service}.{api}` is not an operation: its action is unknown"
            ));
        };
        let (client, operation) = (svc.name.clone(), op.name.clone());
        match api_actions(self.iam, &client, &operation) {
            Some((actions, source)) => {
                for action in actions {
                    self.need(&action, source, None, &[]);
                }
            }
            None => self.note(&format!(
                "no IAM action for `{client}.{operation}` in the IAM catalog: add it by hand"
            )),
        }
        for extra in exceptions::members(&client, &operation) {
            if self.inputs.iter().any(|(k, _)| k.name == extra.member) {
                let condition = extra.passed_to.map(passed_to);
                let aliases: &[(&str, &str)] = &[("RoleNameWithPath", extra.member)];
                self.need(extra.action, extra.source, condition, aliases);
            }
        }
    }

    /// `aws:executeScript`: the actions of the boto3 calls its Python makes
    /// that the AWS API catalog resolves, each with its line; a note for each
    /// call it does not, and for a script it cannot read.
    fn script(&mut self) {
        let text = |key: &str| {
            self.inputs
                .iter()
                .find(|(k, _)| k.name == key)
                .and_then(|(_, n)| n.as_str())
        };
        let runtime = text("Runtime").unwrap_or("");
        let Some(script) = text("Script") else {
            return self.note(
                "the script is an attachment: its AWS calls are not analysed; add what it calls by hand",
            );
        };
        if !python::runtime::is_python(runtime) {
            return self.note(
                "the script is not Python: its AWS calls are not analysed; add what it calls by hand",
            );
        }
        let source = python::Script {
            text: script,
            runtime,
            handler: None,
        };
        let Some(calls) = python::boto3_calls(&source) else {
            return self.note(
                "the script does not parse: its AWS calls are not analysed; add what it calls by hand",
            );
        };
        if calls.is_empty() && script.contains("boto3") {
            self.note(
                "the script uses boto3 without a client call the analysis follows (`boto3.client(\"…\").method(…)`): add what it calls by hand",
            );
        }
        // A script's calls take their arguments at run time: the step's
        // inputs name none of their resources.
        let inputs = std::mem::take(&mut self.inputs);
        for call in calls {
            let line = script
                .get(..call.range.start)
                .map_or(1, |before| before.matches('\n').count() + 1);
            // The method as written; through `get_paginator("…")` the range
            // is the string literal, quotes included.
            let written = script
                .get(call.range.clone())
                .unwrap_or(&call.operation)
                .trim_matches(['"', '\'']);
            if !call.resolved {
                self.note(&format!(
                    "the script's call `{}.{written}` (script line {line}) is not an operation of the AWS API catalog: add what it needs by hand",
                    call.service
                ));
                continue;
            }
            match api_actions(self.iam, &call.service, &call.operation) {
                Some((actions, _)) => {
                    self.via = format!("its script's `{}.{written}`, script line {line}", call.service);
                    for action in actions {
                        self.need(&action, SCRIPT_SOURCE, None, &[]);
                    }
                    self.via.clear();
                }
                None => self.note(&format!(
                    "no IAM action for `{}.{}` (script line {line}) in the IAM catalog: add it by hand",
                    call.service, call.operation
                )),
            }
        }
        self.inputs = inputs;
    }

    fn builtin_needs(&mut self, needs: &[builtin::BuiltinNeed]) {
        for n in needs {
            let condition = n.passed_to.map(passed_to);
            self.need(n.action, n.source, condition, n.members);
        }
    }

    /// Records `action` with the resources the inputs name; `aliases` map an
    /// ARN variable to the input member that holds it, before name matching.
    fn need(
        &mut self,
        action: &str,
        source: &str,
        condition: Option<Condition>,
        aliases: &[(&str, &str)],
    ) {
        let (resources, why_any) = resources(self.iam, action, self.inputs, aliases);
        let canonical = canonical_action(self.iam, action).unwrap_or_else(|| action.to_string());
        self.out.needs.push(Need {
            action: canonical,
            resources,
            why_any,
            condition,
            step: self.step.to_string(),
            source: source.to_string(),
            via: self.via.clone(),
        });
    }
}

fn passed_to(service: &str) -> Condition {
    Condition {
        operator: "StringEquals".to_string(),
        key: "iam:PassedToService".to_string(),
        values: vec![service.to_string()],
    }
}

/// `prefix:Action` as the catalog spells it.
fn canonical_action(iam: &IamCatalog, action: &str) -> Option<String> {
    let (prefix, name) = action.split_once(':')?;
    let (_, a) = iam.action(prefix, name)?;
    Some(format!("{prefix}:{}", a.name))
}

/// The IAM prefix of a boto3 client: the exceptions table's, the client name
/// when that is a prefix, else botocore's signing name.
pub fn iam_prefix<'a>(iam: &'a IamCatalog, client: &'a str) -> Option<&'a str> {
    exceptions::client_prefix(client)
        .or_else(|| iam.has_prefix(client).then_some(client))
        .or_else(|| iam.client_prefix(client))
}

/// The actions an API call needs, and the source of that fact.
pub fn api_actions(
    iam: &IamCatalog,
    client: &str,
    operation: &str,
) -> Option<(Vec<String>, &'static str)> {
    if let Some(row) = exceptions::operation(client, operation) {
        return Some((
            row.actions.iter().map(|a| a.to_string()).collect(),
            row.source,
        ));
    }
    let prefix = iam_prefix(iam, client)?;
    let (_, action) = iam.action(prefix, operation)?;
    Some((vec![format!("{prefix}:{}", action.name)], API_SOURCE))
}

/// The ARNs of every resource type `action` applies to, filled from the
/// inputs; or no ARN and why the resource is `"*"`.
fn resources(
    iam: &IamCatalog,
    action: &str,
    inputs: &[(Key, Node)],
    aliases: &[(&str, &str)],
) -> (Vec<String>, String) {
    let Some((prefix, name)) = action.split_once(':') else {
        return (
            Vec::new(),
            format!("`{action}` is not a `service:Action` name"),
        );
    };
    let Some((service, a)) = iam.action(prefix, name) else {
        return (Vec::new(), format!("`{action}` is not in the IAM catalog"));
    };
    let types: Vec<_> = a
        .resources
        .iter()
        .filter_map(|r| Some((service.resource(r.resource?)?, r.required)))
        .collect();
    if types.is_empty() {
        return (
            Vec::new(),
            format!("`{action}` applies to no resource type: IAM allows only \"*\""),
        );
    }
    let filled: Vec<_> = types
        .iter()
        .map(|(rtype, required)| {
            let fills: Vec<(&str, Filled)> = arn::variables(&rtype.arn)
                .into_iter()
                .map(|var| {
                    let aliased = aliases
                        .iter()
                        .find(|(v, _)| *v == var)
                        .and_then(|(_, m)| inputs.iter().find(|(k, _)| k.name == *m))
                        .map(|(_, n)| n);
                    (
                        var,
                        arn::fill(aliased.or_else(|| arn::member_for(var, inputs))),
                    )
                })
                .collect();
            (*rtype, *required, fills)
        })
        .collect();
    let named = |fills: &[(&str, Filled)]| fills.iter().any(|(_, f)| f.is_named());
    let any_named = filled.iter().any(|(_, _, f)| named(f));
    // An action on many resource types (`ec2:CreateTags`) that no input
    // narrows is `"*"`: listing every type as `type/*` grants the same.
    if !any_named && types.len() > MAX_TYPES {
        return (
            Vec::new(),
            format!(
                "`{action}` applies to {} resource types and no input names one",
                types.len()
            ),
        );
    }
    let mut arns = Vec::new();
    for (rtype, required, fills) in &filled {
        // With many types, only the named and the required ones.
        if types.len() > MAX_TYPES && !required && !named(fills) {
            continue;
        }
        // A whole ARN given for the resource's name is the resource itself.
        if let Some((_, Filled::Arns(given))) =
            fills.iter().find(|(_, f)| matches!(f, Filled::Arns(_)))
        {
            arns.extend(given.iter().cloned());
        } else {
            arns.extend(arn::build(&rtype.arn, fills));
        }
    }
    arns.sort();
    arns.dedup();
    (arns, String::new())
}
