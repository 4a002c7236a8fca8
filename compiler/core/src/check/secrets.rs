//! Secrets as a type (principle 6): where a secret may flow.
//!
//! Secret sources: `{{ssm-secure:…}}`, `{{resolve:secretsmanager:…}}`, and
//! parameters declared `secret`. A secret may flow only where AWS resolves it
//! without logging it:
//!
//! | place | allowed | why |
//! | --- | --- | --- |
//! | any input of a Command document step (2.x `mainSteps`, 1.2 `runtimeConfig` properties) | yes | SSM Agent resolves `{{ssm-secure:…}}` on the node (`parameterstore.ResolveSecureString*`); the command carries only the reference |
//! | Automation `aws:runCommand` `Parameters` values | yes | handed on to a Command document's parameter |
//! | Automation `aws:executeAutomation` `RuntimeParameters` values | yes | handed on to a child runbook's parameter (which should itself be `secret`) |
//! | the default of a parameter declared `secret` | yes | the parameter itself is secret |
//! | any other Automation step input (API calls, `aws:approve` `Message`, `aws:executeScript` payloads and scripts) | no | Automation records each step's resolved inputs in the execution's details (and API calls in CloudTrail) |
//! | a branch condition (`Choices`, `LoopCondition`) | no | the same: inputs of the branch or loop step |
//! | step `outputs`, document `outputs`, `assumeRole` | no | stored and returned in plain text |
//! | descriptions | no | shown by the console and `GetDocument` |
//! | a plain parameter's or a variable's default | no | parameter and variable values are shown in the execution's details |
//!
//! This is the decision of docs/language.md section 15. A `secret` parameter
//! whose default is plain text is E3002: the value is in the document itself.
//!
//! Invariant: one E3001 per reference, unless the author allowed
//! `secret-flow` at that step (see [`crate::check::CheckOptions`]).

use crate::check::refs::{Sink, Site};
use crate::check::{codes, Checker};
use crate::diagnostic::Diagnostic;
use crate::model::DocKind;
use crate::span::Span;
use crate::syntax::refs::{RefKind, StrRef};

pub(crate) const STEP_INPUT: &str =
    "Automation records each step's resolved inputs in the execution's details";
pub(crate) const OUTPUT: &str = "outputs are stored and returned in plain text";
pub(crate) const DESCRIPTION: &str = "descriptions are shown by the console and GetDocument";
pub(crate) const PLAIN_DEFAULT: &str =
    "parameter and variable values are shown in the execution's details";
pub(crate) const ASSUME_ROLE: &str = "the role ARN is recorded with the execution";
pub(crate) const OTHER: &str = "SSM does not treat this place as secret";

/// The secret policy of input `input` of `action` in a document of `kind`.
pub(crate) fn input_sink(kind: DocKind, action: &str, input: &str) -> Sink {
    match (kind, action, input) {
        (DocKind::Command, _, _)
        | (DocKind::Automation, "aws:runCommand", "Parameters")
        | (DocKind::Automation, "aws:executeAutomation", "RuntimeParameters") => Sink::Allowed,
        (DocKind::Automation, _, _) => Sink::Denied(STEP_INPUT),
    }
}

impl Checker<'_> {
    /// A secret reference at `site`: fine in an allowed sink, else E3001.
    pub(crate) fn secret_use(&mut self, r: &StrRef, span: Span, site: &Site<'_>) {
        let Sink::Denied(reason) = site.sink else {
            return;
        };
        if self.allowed("secret-flow", site.step) {
            return;
        }
        let source = match r.kind {
            RefKind::SsmSecure => format!(
                "`{{{{ssm-secure:{}}}}}` is a SecureString parameter",
                r.name
            ),
            RefKind::Resolve => "a Secrets Manager secret".to_string(),
            _ => format!("parameter `{}` is declared secret", r.name),
        };
        let mut d = Diagnostic::error(
            codes::SECRET_FLOW,
            span,
            format!("a secret flows into {}", site.place),
        )
        .with_label(source)
        .with_help(format!(
            "{reason}; pass secrets only to a Command document's steps, to `aws:runCommand` `Parameters` \
             or `aws:executeAutomation` `RuntimeParameters`, or read them at run time (`aws ssm get-parameter \
             --with-decryption`); to keep this flow, write `// ssmc: allow(secret-flow): <reason>` above it"
        ));
        if let Some(step) = site.step.and_then(|s| self.scope.steps.get(s)) {
            d = d.with_secondary(step.step.name.span, "in this step");
        }
        self.report(d);
    }
}
