//! The documents a step can call, by name: the project's own (`.rbk` and raw
//! documents judged together, then `[documents] paths` of `ssmc.toml`) over
//! the embedded catalog of AWS-owned documents.
//!
//! Input: the project's [`Signature`]s (made by the pipeline and the verdict)
//! and the embedded catalog ([`catalog::aws`]). Output: [`Documents::resolve`],
//! what a written `DocumentName` calls.
//! Invariants: a name is never guessed: an ARN of another account or a name
//! computed from `{{ }}` is [`Callee::Skipped`]; a project document shadows an
//! AWS one of the same name (SSM looks up the caller's account first, and
//! AWS's reserved prefixes keep the two apart anyway). Cheap to clone.
//!
//! Modules: [`signature`] (a signature from a document model), [`catalog`]
//! (the embedded catalog's generator and reader).

pub mod catalog;
pub mod signature;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::sync::Arc;

pub use signature::{Limits, Origin, ParamSig, Signature};

/// The project's callable documents (the AWS catalog is consulted behind them).
#[derive(Debug, Clone, Default)]
pub struct Documents {
    project: Arc<BTreeMap<String, Arc<Signature>>>,
}

/// What a written document name calls.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Callee<'a> {
    /// A document whose signature is known.
    Known(&'a Signature),
    /// Not checked, and why (a name computed at run time, another account's ARN).
    Skipped(&'static str),
    /// No document of this name is known: `name` is the name looked up (a
    /// version suffix removed).
    Unknown { name: &'a str },
}

impl Documents {
    /// The project's documents; the first of a name wins (a duplicate name is
    /// reported where the documents are declared).
    pub fn new(signatures: impl IntoIterator<Item = Signature>) -> Documents {
        Documents::of_shared(signatures.into_iter().map(Arc::new))
    }

    /// [`Documents::new`] of signatures shared with their owner (the language
    /// server's neighbour summaries), so every analysis that sees them holds
    /// a reference count each, not a copy.
    pub fn of_shared(signatures: impl IntoIterator<Item = Arc<Signature>>) -> Documents {
        let mut map = BTreeMap::new();
        for s in signatures {
            map.entry(s.name.clone()).or_insert(s);
        }
        Documents {
            project: Arc::new(map),
        }
    }

    /// The project's documents, sorted by name.
    pub fn project(&self) -> impl Iterator<Item = &Signature> {
        self.project.values().map(|s| &**s)
    }

    /// [`Documents::project`], each shared (for [`Documents::of_shared`]).
    pub fn project_shared(&self) -> impl Iterator<Item = &Arc<Signature>> {
        self.project.values()
    }

    /// The signature of a document called `name` exactly (project first, then AWS's).
    pub fn get(&self, name: &str) -> Option<&Signature> {
        self.project
            .get(name)
            .map(|s| &**s)
            .or_else(|| catalog::aws().get(name))
    }

    /// What `written` (a `DocumentName` as written) calls.
    pub fn resolve<'a>(&'a self, written: &'a str) -> Callee<'a> {
        let name = written.trim();
        if name.contains("{{") {
            return Callee::Skipped("the name is computed at run time");
        }
        let name = match name.strip_prefix("arn:") {
            Some(arn) => match aws_owned_arn(arn) {
                Some(n) => n,
                None => return Callee::Skipped("an ARN names another account's document"),
            },
            None => without_version(name),
        };
        match self.get(name) {
            Some(sig) => Callee::Known(sig),
            None => Callee::Unknown { name },
        }
    }

    /// Every known name: the project's, then AWS's (for did-you-mean and completion).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.project
            .keys()
            .map(String::as_str)
            .chain(catalog::aws().documents.iter().map(|d| d.name.as_str()))
    }
}

/// The document name of an ARN of an AWS-owned document
/// (`arn:aws:ssm:us-east-1::document/AWS-RunShellScript`: no account), or
/// `None` for another account's document, which the project cannot know.
fn aws_owned_arn(arn: &str) -> Option<&str> {
    // partition:service:region:account:resource
    let mut parts = arn.splitn(5, ':');
    let (_, service, _, account, resource) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    let name = resource.strip_prefix("document/")?;
    (service == "ssm" && account.is_empty() && !name.contains("{{")).then(|| without_version(name))
}

/// `Name:3`, `Name:$DEFAULT` and `Name:$LATEST` call `Name` (at a version).
fn without_version(name: &str) -> &str {
    match name.rsplit_once(':') {
        Some((base, v))
            if !base.is_empty()
                && (v == "$DEFAULT"
                    || v == "$LATEST"
                    || (!v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))) =>
        {
            base
        }
        _ => name,
    }
}
