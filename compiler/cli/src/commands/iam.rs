//! `ssmc iam RUNBOOK [--format json|cloudformation|terraform] [--explain] [--check POLICY]`:
//! the least-privilege IAM policy a runbook's steps need.
//!
//! Input: one `.rbk` runbook or one SSM document in JSON/YAML, and, when it
//! starts automations, the project's documents (their own needs are added).
//! Output: the
//! policy on stdout (IAM JSON, a CloudFormation role, or Terraform); with
//! `--explain`, each statement with the steps that need it; with `--check`,
//! what the given policy lacks and what it grants beyond need. What could not
//! be derived (a script's calls, an API chosen at run time) is printed on
//! stderr as warnings. Exit: 0 a policy was derived (with `--check`: the
//! policy grants every need); 1 the input has errors that leave no document,
//! or the checked policy lacks a need; 2 a file cannot be read or the
//! checked file is not a policy.

use std::path::Path;

use ssmc_core::iam::{self, compare, explain, policy};
use ssmc_core::SourceMap;

use super::document::{one_document, Wording};
use super::{EXIT_ERRORS, EXIT_FAILURE, EXIT_OK};
use crate::files::read_text;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IamFormat {
    Json,
    CloudFormation,
    Terraform,
}

const WORDING: Wording = Wording {
    command: "iam",
    nothing: "no policy derived",
    verb: "derive a policy for",
    gerund: "deriving a policy for",
};

pub fn run(path: &Path, format: IamFormat, explain_it: bool, check: Option<&Path>) -> u8 {
    let mut sources = SourceMap::new();
    let doc = match one_document(path, &mut sources, &WORDING) {
        Ok(doc) => doc,
        Err(code) => return code,
    };
    // A child automation's own needs come from the project's documents.
    let project = if super::children::starts_automations(&doc) {
        super::children::project_documents(path, &mut sources)
    } else {
        Vec::new()
    };
    let lookup = |name: &str| {
        project
            .iter()
            .find(|d| d.name == name && d.name != doc.name)
    };
    let (policy, derivation) = iam::derive_policy_with(&doc, &lookup);
    for note in &derivation.notes {
        if note.step.is_empty() {
            errln!("warning: {}", note.message);
        } else {
            errln!("warning: step `{}`: {}", note.step, note.message);
        }
    }
    if let Some(file) = check {
        return run_check(file, &policy);
    }
    if explain_it {
        out!("{}", explain::explain(&policy, &[]));
        return EXIT_OK;
    }
    let text = match format {
        IamFormat::Json => policy::pretty(&policy::document(&policy, policy::Places::Plain)),
        IamFormat::CloudFormation => policy::cloudformation(&policy, &doc.name),
        IamFormat::Terraform => policy::terraform(&policy, &doc.name),
    };
    out!("{text}");
    EXIT_OK
}

fn run_check(file: &Path, needed: &iam::Policy) -> u8 {
    let text = match read_text(file) {
        Ok(t) => t,
        Err(e) => {
            errln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let findings = match compare::compare(&text, needed, iam::catalog::catalog()) {
        Ok(f) => f,
        Err(e) => {
            errln!("error: `{}`: {e}", file.display());
            return EXIT_FAILURE;
        }
    };
    let (mut lacking, mut conditional) = (0, 0);
    for f in &findings {
        match f {
            compare::Finding::Lacks { action, resource } => {
                lacking += 1;
                outln!("lacks: {action} on {resource}");
            }
            compare::Finding::GrantedIf {
                action,
                resource,
                condition,
            } => {
                conditional += 1;
                outln!("granted only if {condition}: {action} on {resource}");
            }
            compare::Finding::Beyond { pattern, extra: 0 } => {
                outln!("beyond need: {pattern} (no step needs it)");
            }
            compare::Finding::Beyond { pattern, extra } => {
                outln!("beyond need: {pattern} grants {extra} actions no step needs");
            }
            compare::Finding::WiderResource { action, needed } => {
                outln!(
                    "beyond need: {action} on \"*\" where {} is enough",
                    needed.join(", ")
                );
            }
            compare::Finding::Note(n) => errln!("note: {n}"),
        }
    }
    let name = file.display();
    if lacking > 0 {
        super::status(format_args!(
            "iam: `{name}` lacks {lacking} of the runbook's needs"
        ));
        EXIT_ERRORS
    } else if conditional > 0 {
        super::status(format_args!(
            "iam: `{name}` grants every need of the runbook, {conditional} of them only under a condition of the request"
        ));
        EXIT_OK
    } else {
        super::status(format_args!(
            "iam: `{name}` grants every need of the runbook"
        ));
        EXIT_OK
    }
}
