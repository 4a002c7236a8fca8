use crate::check::{check_document, codes};
use crate::declare_rule;
use crate::lint::secrets::is_secret_name;
use crate::lint::{LintContext, Origin};

declare_rule! {
    /// ## What it does
    /// Flags a secret (`{{ssm-secure:…}}`, `{{resolve:secretsmanager:…}}`, a parameter
    /// declared `secret`) that flows where SSM logs or returns it: a step output, an
    /// Automation API call's parameters, an approval message, a script payload, a
    /// description. This is the checker's `secret-flow` analysis; the rule brings it to
    /// raw JSON/YAML documents, where the checker's findings are lint findings.
    ///
    /// ## Why is this bad?
    /// Automation records each step's resolved inputs in the execution's details and API
    /// calls in CloudTrail; outputs and descriptions are returned in plain text. Only
    /// Command document steps (resolved on the node) and the `Parameters` of
    /// `aws:runCommand` keep a SecureString secret.
    ///
    /// ## Example
    /// ```rbk
    /// automation Notify {
    ///   step Send = aws:executeAwsApi { Service: "sns", Api: "Publish", TopicArn: "arn:aws:sns:us-east-1:111122223333:ops", Message: "{{ssm-secure:/ops/token}}" }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// automation Notify {
    ///   step Send = aws:runCommand {
    ///     DocumentName: "Ops-SendWithToken",
    ///     InstanceIds: ["{{ automation:EXECUTION_ID }}"],
    ///     Parameters: { Token: ["{{ssm-secure:/ops/token}}"] },
    ///   }
    /// }
    /// ```
    pub SecretInLoggedPlace { name: "secret-in-logged-place", default: Error, fix: Never }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    // A raw document cannot declare a parameter secret: a secret-named
    // parameter whose default is a SecureString reference is the right pattern.
    let secret_defaults: Vec<crate::span::Span> = cx
        .doc
        .parameters
        .iter()
        .flatten()
        .filter(|p| cx.info.origin == Origin::Raw && is_secret_name(&p.name.name))
        .filter_map(|p| p.default.as_ref().map(|d| d.span))
        .collect();
    // The checker's findings when the caller has them (one checker run per document).
    let owned;
    let checked: &[crate::diagnostic::Diagnostic] = match cx.info.checked {
        Some(c) => c,
        None => {
            owned = check_document(cx.doc, cx.catalog);
            &owned
        }
    };
    let flows: Vec<_> = checked
        .iter()
        .filter(|d| d.code == codes::SECRET_FLOW)
        .filter(|d| {
            let at = d.primary.span;
            !secret_defaults
                .iter()
                .any(|s| s.file == at.file && s.start <= at.start && at.end <= s.end)
        })
        .cloned()
        .collect();
    for f in flows {
        let mut d = cx
            .finding(f.primary.span, f.message)
            .with_label(f.primary.text);
        for s in f.secondary {
            d = d.with_secondary(s.span, s.text);
        }
        if let Some(h) = f.help {
            d = d.with_help(h);
        }
        cx.report(d);
    }
}
