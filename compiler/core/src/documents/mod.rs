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
    /// By deployed name: the document a call is checked against first, then
    /// the project's other documents deployed under the same name whose
    /// signatures differ from every one before them (see [`Documents::claimants`]).
    project: Arc<BTreeMap<String, Vec<Arc<Signature>>>>,
    /// Name prefixes the project owns (`[documents] namespace` of
    /// `ssmc.toml`): a call to an unknown name under one is an error.
    namespace: Arc<[String]>,
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
    /// The project's documents; the first of a name is the one calls use (a
    /// duplicate `.rbk` name is reported where the documents are declared,
    /// other claimants at the calls: [`Documents::claimants`]).
    pub fn new(signatures: impl IntoIterator<Item = Signature>) -> Documents {
        let mut map = BTreeMap::new();
        for s in signatures {
            add(&mut map, Arc::new(s));
        }
        Documents {
            project: Arc::new(map),
            namespace: Arc::from(Vec::new()),
        }
    }

    /// These documents with `first` in front of them (a document of `first`
    /// shadows one of these of its name), the namespace kept.
    pub fn behind(&self, first: impl IntoIterator<Item = Signature>) -> Documents {
        let mut map = BTreeMap::new();
        for s in first {
            add(&mut map, Arc::new(s));
        }
        for claimants in self.project.values() {
            for s in claimants {
                add(&mut map, s.clone());
            }
        }
        Documents {
            project: Arc::new(map),
            namespace: self.namespace.clone(),
        }
    }

    /// These documents with the name prefixes the project owns.
    pub fn with_namespace(mut self, prefixes: impl IntoIterator<Item = String>) -> Documents {
        let mut all: Vec<String> = self.namespace.to_vec();
        for p in prefixes {
            if !p.is_empty() && !all.contains(&p) {
                all.push(p);
            }
        }
        self.namespace = Arc::from(all);
        self
    }

    /// The name prefixes the project owns (`[documents] namespace`).
    pub fn namespace(&self) -> &[String] {
        &self.namespace
    }

    /// The prefix of the project's namespace `name` starts with, if any.
    pub fn owned_prefix(&self, name: &str) -> Option<&str> {
        self.namespace
            .iter()
            .find(|p| name.starts_with(p.as_str()))
            .map(String::as_str)
    }

    /// The project's documents, sorted by name (the one of each name calls use).
    pub fn project(&self) -> impl Iterator<Item = &Signature> {
        self.project
            .values()
            .filter_map(|c| c.first())
            .map(|s| &**s)
    }

    /// Every project document deployed as `name` whose signature differs from
    /// the others', in project order (the first is the one [`Documents::get`]
    /// gives). Two or more: a call to `name` is ambiguous, since which one
    /// runs depends on which was deployed last. The same file seen twice (an
    /// editor's buffer and its copy on disk) has one signature and counts once;
    /// a document from outside the project (`[documents] paths`) never
    /// claims a name a project document has.
    pub fn claimants(&self, name: &str) -> &[Arc<Signature>] {
        self.project.get(name).map_or(&[], Vec::as_slice)
    }

    /// The signature of a document called `name` exactly (project first, then AWS's).
    pub fn get(&self, name: &str) -> Option<&Signature> {
        self.project
            .get(name)
            .and_then(|c| c.first())
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

/// Adds `s` to the documents of its name: as the first, or as another
/// claimant when both it and the first are the project's and its signature
/// differs from every claimant's so far.
fn add(map: &mut BTreeMap<String, Vec<Arc<Signature>>>, s: Arc<Signature>) {
    let claimants = map.entry(s.name.clone()).or_default();
    let Some(first) = claimants.first() else {
        claimants.push(s);
        return;
    };
    let of_project = |sig: &Signature| matches!(sig.origin, Origin::Project(_));
    if of_project(first) && of_project(&s) && !claimants.iter().any(|c| c.same_shape(&s)) {
        claimants.push(s);
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
