//! How SSM resolves the `Service` and `Api` of an AWS API step.
//!
//! Input: a catalog and the names as written. Output: the service entry and
//! operation they mean, whether the spelling is the canonical one, and for a
//! name that resolves to nothing the closest name in the author's own style.
//!
//! SSM calls the API through boto3: `Service` is a client name, matched
//! case-insensitively; `Api` is the operation name (`DescribeInstances`), the
//! boto3 method (`describe_instances`, botocore's own transform, stored in the
//! catalog) or lowerCamel (`describeInstances`), all the same operation.

use super::{ApiCatalog, Operation, Overlay, Service, ServiceEntry};
use crate::check::suggest;

/// How an `Api` name matched its operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelling {
    /// The operation name itself.
    Canonical,
    /// The boto3 method name (`describe_instances`).
    Method,
    /// The operation name with a lower-case first letter (`describeInstances`).
    LowerCamel,
}

/// The style an unknown name is written in, so a suggestion keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Canonical,
    Method,
    LowerCamel,
}

impl Style {
    pub fn of(name: &str) -> Style {
        if name.contains('_') || name.chars().all(|c| !c.is_ascii_uppercase()) {
            Style::Method
        } else if name.starts_with(|c: char| c.is_ascii_lowercase()) {
            Style::LowerCamel
        } else {
            Style::Canonical
        }
    }

    /// `op` written in this style.
    pub fn spell(self, op: &Operation) -> String {
        match self {
            Style::Canonical => op.name.clone(),
            Style::Method => op.method.clone(),
            Style::LowerCamel => lower_camel(&op.name),
        }
    }
}

/// `DescribeInstances` → `describeInstances`.
pub fn lower_camel(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// The service a client name (any case) names.
pub fn service<'a>(cat: &'a ApiCatalog, name: &str) -> Option<&'a ServiceEntry> {
    let services = cat.services();
    services
        .iter()
        .find(|s| s.name == name)
        .or_else(|| services.iter().find(|s| s.name.eq_ignore_ascii_case(name)))
}

/// The service a client name (any case) names, a project's own models first:
/// an overlay service replaces the embedded one of the same client name.
pub fn resolve<'a>(overlay: &'a Overlay, name: &str) -> Option<&'a Service> {
    let own = overlay.services();
    if let Some(s) = own
        .iter()
        .find(|s| s.name == name)
        .or_else(|| own.iter().find(|s| s.name.eq_ignore_ascii_case(name)))
    {
        return Some(s);
    }
    let cat = super::catalog();
    service(cat, name).map(|e| cat.decoded(e))
}

/// The client name closest to an unknown `name`, a project's own models included.
pub fn suggest_resolved<'a>(overlay: &'a Overlay, name: &str) -> Option<&'a str> {
    let lower = name.to_ascii_lowercase();
    let own = overlay.services().iter().map(|s| s.name.as_str());
    let all = own.chain(super::catalog().services().iter().map(|s| s.name.as_str()));
    suggest(&lower, all).or_else(|| suggest_service(super::catalog(), name))
}

/// The client name closest to an unknown `name`.
pub fn suggest_service<'a>(cat: &'a ApiCatalog, name: &str) -> Option<&'a str> {
    let lower = name.to_ascii_lowercase();
    let found = suggest(&lower, cat.services().iter().map(|s| s.name.as_str()));
    found.or_else(|| {
        // `elasticloadbalancingv2` style: a service written as its long name.
        cat.services()
            .iter()
            .find(|s| s.name.replace('-', "") == lower.replace(['-', '_', ' '], ""))
            .map(|s| s.name.as_str())
    })
}

/// The operation `api` names, and how it was spelt.
pub fn operation<'a>(svc: &'a Service, api: &str) -> Option<(&'a Operation, Spelling)> {
    if let Some(op) = svc.operation(api) {
        return Some((op, Spelling::Canonical));
    }
    if let Some(op) = svc.operations.iter().find(|o| o.method == api) {
        return Some((op, Spelling::Method));
    }
    let op = svc.operations.iter().find(|o| {
        api.starts_with(|c: char| c.is_ascii_lowercase()) && lower_camel(&o.name) == api
    })?;
    Some((op, Spelling::LowerCamel))
}

/// The operation closest to an unknown `api`, spelt in the author's style.
pub fn suggest_operation(svc: &Service, api: &str) -> Option<String> {
    let style = Style::of(api);
    let mut spelt: Vec<String> = svc.operations.iter().map(|o| style.spell(o)).collect();
    if style == Style::Method && !api.contains('_') {
        // `deletebject` may be lowerCamel with its capital lost as well as a method.
        spelt.extend(svc.operations.iter().map(|o| Style::LowerCamel.spell(o)));
    }
    suggest(api, spelt.iter().map(String::as_str)).map(str::to_string)
}
