//! AWS API steps (`aws:executeAwsApi`, `aws:waitForAwsResourceProperty`,
//! `aws:assertAwsResourceProperty`) checked against botocore's models.
//!
//! Input: one such step whose inputs are a map. Output: an unknown service
//! (E1027) or API (E1028) with a did-you-mean, a non-canonical spelling SSM
//! accepts (I1002), a streaming operation (E1033), then the request
//! parameters (`params`) and the selectors (`outputs`, parsed by
//! [`selector`], walked over the response by `walk`) against the
//! operation's shapes.
//!
//! [`lookup`] answers the editor's questions about a selector with the same
//! parser and walk.
//!
//! Invariants: a `Service` or `Api` that is not a literal (a `{{ … }}`
//! reference) checks nothing further; every finding sits on the token it is
//! about (the name inside its literal, the parameter key, the value, the
//! selector segment).

pub mod lookup;
pub(crate) mod outputs;
mod params;
pub(crate) mod selector;
mod walk;

#[cfg(test)]
pub(crate) mod tests;

use crate::awsapi::{self, names, Operation, Overlay, Service};
use crate::check::refs::ref_span;
use crate::check::{codes, Checker};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Node, Step};
use crate::span::Span;
use crate::syntax::refs::find_refs;

/// The actions this module checks.
pub(crate) const ACTIONS: &[&str] = &[
    "aws:executeAwsApi",
    "aws:waitForAwsResourceProperty",
    "aws:assertAwsResourceProperty",
];

/// Inputs of the actions themselves, never request parameters.
pub(super) const OWN_INPUTS: &[&str] = &["Service", "Api", "PropertySelector", "DesiredValues"];

/// Whether `key` is one typo away from a required input of the action itself
/// that the step lacks (`PorpertySelector`): the missing-input check reports
/// it at the key with the right name, so it is not an API parameter.
fn misspelt_own_input(action: &str, key: &str, inputs: &Node) -> bool {
    let own: &[&str] = if action == "aws:executeAwsApi" {
        &["Service", "Api"]
    } else {
        OWN_INPUTS
    };
    own.iter()
        .any(|name| inputs.get(name).is_none() && crate::check::suggest(key, [*name]).is_some())
}

/// The span of a whole literal string's text (inside its quotes where it can tell).
pub(crate) fn text_span(node: &Node, s: &str) -> Span {
    ref_span(node, s, 0..s.len())
}

/// A literal without `{{ … }}` references.
fn literal(node: &Node) -> Option<&str> {
    node.as_str().filter(|s| find_refs(s).is_empty())
}

/// Whether `key` is a request parameter of the operation an AWS API step's
/// inputs name (ecs `UpdateService` takes `service`, spelt like `Service`).
pub(crate) fn is_api_parameter(overlay: &Overlay, inputs: &Node, key: &str) -> bool {
    let found = || {
        let (svc, op) = resolve_quiet(overlay, inputs)?;
        match &svc.shape(op.input?)?.kind {
            crate::awsapi::ShapeKind::Structure { members, .. } => {
                Some(members.iter().any(|m| m.name == key))
            }
            _ => Some(false),
        }
    };
    found().unwrap_or(false)
}

/// The service and operation an AWS API step's literal `Service` and `Api`
/// name, reporting nothing.
pub(crate) fn resolve_quiet<'a>(
    overlay: &'a Overlay,
    inputs: &Node,
) -> Option<(&'a Service, &'a Operation)> {
    let svc = names::resolve(overlay, literal(inputs.get("Service")?)?)?;
    let (op, _) = names::operation(svc, literal(inputs.get("Api")?)?)?;
    Some((svc, op))
}

impl Checker<'_> {
    pub(crate) fn check_aws_api(&mut self, i: usize, step: &Step, inputs: &Node) {
        // A clone of a shared handle: the services outlive this borrow of `self`.
        let overlay = self.catalog.aws_models.clone();
        let Some((svc, op)) = self.resolve_api(&overlay, inputs) else {
            return;
        };
        self.check_streaming(step, inputs, svc, op);
        let params: Vec<_> = inputs
            .as_map()
            .unwrap_or(&[])
            .iter()
            .filter(|(k, _)| !OWN_INPUTS.contains(&k.name.as_str()))
            .filter(|(k, _)| !misspelt_own_input(step.action_str(), &k.name, inputs))
            .collect();
        self.check_request(i, step, inputs, &params, svc, op);
        self.check_api_outputs(step, inputs, svc, op);
    }

    /// The service and operation a step names, reporting what names nothing.
    fn resolve_api<'c>(
        &mut self,
        overlay: &'c Overlay,
        inputs: &Node,
    ) -> Option<(&'c Service, &'c Operation)> {
        let cat = awsapi::catalog();
        let service_node = inputs.get("Service")?;
        let service = literal(service_node)?;
        let Some(svc) = names::resolve(overlay, service) else {
            let span = text_span(service_node, service);
            let mut d = Diagnostic::error(
                codes::UNKNOWN_AWS_SERVICE,
                span,
                format!("unknown AWS service `{service}`"),
            )
            .with_label("no boto3 client has this name");
            d = match names::suggest_resolved(overlay, service) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help(format!(
                    "`Service` is a boto3 client name such as `ec2` or `s3` (botocore {})",
                    cat.provenance.botocore
                )),
            };
            self.report(d);
            return None;
        };
        if svc.name != service {
            self.report(spelling(
                text_span(service_node, service),
                format!("service `{service}` is spelt `{}` in boto3", svc.name),
                &svc.name,
            ));
        }
        let api_node = inputs.get("Api")?;
        let api = literal(api_node)?;
        let span = text_span(api_node, api);
        let Some((op, how)) = names::operation(svc, api) else {
            let mut d = Diagnostic::error(
                codes::UNKNOWN_AWS_API,
                span,
                format!("`{}` has no API `{api}`", svc.name),
            )
            .with_label("no operation of this name");
            d = match names::suggest_operation(svc, api) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help(format!(
                    "see the {} operations of `{}` (`ssmc explain aws:{}`)",
                    svc.operations.len(),
                    svc.name,
                    svc.name
                )),
            };
            self.report(d);
            return None;
        };
        if how != names::Spelling::Canonical {
            self.report(spelling(
                span,
                format!("API `{api}` is the operation `{}`", op.name),
                &op.name,
            ));
        }
        Some((svc, op))
    }

    fn check_streaming(&mut self, step: &Step, inputs: &Node, svc: &Service, op: &Operation) {
        if !(op.input_streams || op.output_streams) {
            return;
        }
        let span = inputs
            .get("Api")
            .and_then(|n| n.as_str().map(|s| text_span(n, s)))
            .unwrap_or(step.action.span);
        let what = if op.output_streams {
            "response"
        } else {
            "request"
        };
        self.report(
            Diagnostic::error(
                codes::STREAMING_API,
                span,
                format!("`{}.{}` streams its {what}", svc.name, op.name),
            )
            .with_label("SSM cannot call an operation with a streaming body")
            .with_help("call it from `aws:executeScript` with boto3 instead"),
        );
    }
}

fn spelling(span: Span, message: String, canonical: &str) -> Diagnostic {
    Diagnostic::new(codes::API_SPELLING, Severity::Info, span, message)
        .with_label("SSM accepts this spelling")
        .with_help(format!("write `{canonical}`, the canonical spelling"))
}
