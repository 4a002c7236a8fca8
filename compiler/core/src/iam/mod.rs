//! `ssmc iam`: the least-privilege IAM policy a runbook's steps need.
//!
//! Input: a [`crate::model::Document`] (from a `.rbk` source or a raw JSON/YAML
//! document alike). Output: a [`Policy`] and the notes on what could not be
//! derived. Pure: the catalogs are embedded, nothing is read.
//!
//! Modules: [`catalog`] (the embedded IAM catalog, `stdlib/iam/catalog.bin`),
//! [`exceptions`] (where an API call's action is not `prefix:Operation`),
//! [`builtin`] (what the built-in Automation actions call), [`arn`] (ARNs
//! from ARN formats and step inputs), [`derive`] (the needs of each step),
//! [`policy`] (statements and the output formats), [`explain`] (each
//! statement with the steps needing it), [`compare`] (a policy against the
//! needs: what it lacks, what it grants beyond them).

pub mod arn;
pub mod builtin;
pub mod catalog;
pub mod compare;
pub mod derive;
pub mod exceptions;
pub mod explain;
pub mod policy;

#[cfg(test)]
mod tests;

pub use derive::{Derivation, Need, Note};
pub use policy::{Because, Policy, Statement};

/// The derivation of `doc`'s needs and the policy that grants them.
pub fn derive_policy(doc: &crate::model::Document) -> (Policy, Derivation) {
    let derivation = derive::derive(doc, catalog::catalog());
    (policy::policy(&derivation), derivation)
}

/// As [`derive_policy`], with the needs of the project documents (`children`,
/// by name) that its `aws:executeAutomation` steps start.
pub fn derive_policy_with<'a>(
    doc: &crate::model::Document,
    children: &derive::Children<'a>,
) -> (Policy, Derivation) {
    let derivation = derive::derive_with(doc, catalog::catalog(), children);
    (policy::policy(&derivation), derivation)
}
