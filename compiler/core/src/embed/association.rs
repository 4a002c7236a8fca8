//! An association's `Parameters` against the parameters of the document it
//! runs (a document of the same template).
//!
//! Input: the association and the document read from the template. Output:
//! E1042 for each parameter the document does not declare (with a
//! did-you-mean), E1043 for each parameter without a default the association
//! leaves out. `CreateAssociation` refuses both (`InvalidParameters`).
//! Invariant: nothing is said when `Parameters` is not a plain map (a
//! `Fn::If` or a parameter of the template decides it).

use super::Association;
use crate::check::codes;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::model::Document;

/// The findings on `association`, which runs `doc`.
pub fn check(association: &Association, doc: &Document) -> Vec<Diagnostic> {
    let declared: Vec<&str> = doc
        .parameters
        .iter()
        .flatten()
        .map(|p| p.name.name.as_str())
        .collect();
    let given = match &association.parameters {
        None => Vec::new(),
        Some(node) => match node.as_map() {
            Some(entries) => entries.iter().map(|(k, _)| k).collect(),
            None => return Vec::new(),
        },
    };
    let mut out = Vec::new();
    for key in &given {
        if declared.contains(&key.name.as_str()) {
            continue;
        }
        let mut d = Diagnostic::error(
            codes::UNKNOWN_ASSOCIATION_PARAMETER,
            key.span,
            format!(
                "document `{}` has no parameter `{}`",
                association.document, key.name
            ),
        )
        .with_label("not a parameter of the document")
        .with_secondary(association.at, "the document this association runs");
        d = match did_you_mean(&key.name, declared.iter().copied()) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => d.with_help(format!("the document declares {}", list_or_none(&declared))),
        };
        out.push(d);
    }
    for p in doc.parameters.iter().flatten() {
        let set = given.iter().any(|k| k.name == p.name.name);
        if set || p.default.is_some() {
            continue;
        }
        out.push(
            Diagnostic::error(
                codes::MISSING_ASSOCIATION_PARAMETER,
                association.at,
                format!(
                    "the association does not set `{}`, which document `{}` requires",
                    p.name.name, association.document
                ),
            )
            .with_label("this association runs the document")
            .with_secondary(p.name.span, "declared here without a default")
            .with_help(format!(
                "set `{}` in the association's `Parameters`, or give the parameter a default",
                p.name.name
            )),
        );
    }
    out
}

fn list_or_none(names: &[&str]) -> String {
    if names.is_empty() {
        "no parameters".to_string()
    } else {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
