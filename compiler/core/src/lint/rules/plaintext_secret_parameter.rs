use crate::declare_rule;
use crate::diagnostic::{Edit, Fix};
use crate::lint::secrets::is_secret_name;
use crate::lint::{LintContext, Origin};
use crate::model::{Node, Value};
use crate::syntax::refs::{find_refs, RefKind};

declare_rule! {
    /// ## What it does
    /// Flags a parameter whose name says it holds a secret (`DbPassword`, `ApiToken`,
    /// `ClientSecret`; not `PasswordParameterName` or `SecretArn`) when it has a plaintext
    /// default, or, in `.rbk`, when it is not declared `secret`.
    ///
    /// ## Why is this bad?
    /// A default is part of the document, readable by everyone who can describe it.
    /// Parameter values are shown in the execution's details; a parameter declared
    /// `secret` lets the compiler keep its value out of logged places.
    ///
    /// ## Example
    /// ```rbk
    /// command Connect {
    ///   param DbPassword: String = "hunter2x"
    ///   step Run = aws:runShellScript { runCommand: ["connect --password-file <(echo {{ DbPassword }})"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// command Connect {
    ///   param DbPassword: String secret = ssm_secure("/shop/prod/db-password")
    ///   step Run = aws:runShellScript { runCommand: ["connect --password-file <(echo {{ DbPassword }})"] }
    /// }
    /// ```
    pub PlaintextSecretParameter { name: "plaintext-secret-parameter", default: Error, fix: Sometimes }
}

/// A default that is a literal value rather than a SecureString or Secrets Manager reference.
fn plaintext(default: &Node) -> bool {
    let Value::String(s) = &default.value else {
        return false;
    };
    // `''` or `""` written as the value: an empty default in the author's mind.
    if s.trim().trim_matches(|c| c == '\'' || c == '"').is_empty() {
        return false;
    }
    let refs = find_refs(s);
    !refs.iter().any(|r| {
        matches!(
            r.kind,
            RefKind::SsmSecure | RefKind::Resolve | RefKind::Param
        )
    })
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    let mut found = Vec::new();
    for p in cx.doc.parameters.iter().flatten() {
        let ty = p.ty.as_ref().and_then(Node::as_str).unwrap_or("String");
        if !p.secret && (ty != "String" || !is_secret_name(&p.name.name)) {
            continue;
        }
        if let Some(default) = p.default.as_ref().filter(|d| plaintext(d)) {
            found.push((
                default.span,
                format!("secret parameter `{}` has a plaintext default", p.name.name),
                None,
            ));
        } else if cx.info.origin == Origin::Rbk && !p.secret {
            // Declaring it `secret` changes no emitted byte: only what the checker allows.
            let fix =
                p.ty.as_ref()
                    .filter(|t| cx.source_of(t.span) == Some(ty))
                    .map(|t| {
                        // Safe: no emitted byte changes, only what the checker allows.
                        Fix::safe(
                            format!("declare `{}` secret", p.name.name),
                            vec![Edit {
                                span: crate::span::Span::point(t.span.file, t.span.end as usize),
                                replacement: " secret".into(),
                            }],
                        )
                    });
            found.push((
                p.name.span,
                format!(
                    "parameter `{}` holds a secret but is not declared `secret`",
                    p.name.name
                ),
                fix,
            ));
        }
    }
    for (span, message, fix) in found {
        let mut d = cx
            .finding(span, message)
            .with_help("declare it `secret` and take the value from a SecureString (`ssm_secure(\"/app/env/name\")`, in JSON/YAML `{{ssm-secure:/app/env/name}}`), with no plaintext default");
        if let Some(f) = fix {
            d = d.with_fix(f);
        }
        cx.report(d);
    }
}
