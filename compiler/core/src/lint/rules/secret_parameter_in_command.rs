use crate::declare_rule;
use crate::lint::secrets::is_secret_name;
use crate::lint::walk::scripts;
use crate::lint::{LintContext, Origin};
use crate::model::Node;
use crate::syntax::refs::{find_refs, RefKind};

declare_rule! {
    /// ## What it does
    /// In a JSON/YAML document, flags a parameter whose name says it holds a secret
    /// (`DbPassword`, `ApiToken`) and whose value is pasted into a script (`{{ DbPassword }}`
    /// in `runCommand`, `commands` or an `aws:executeScript` script). In `.rbk`,
    /// `plaintext-secret-parameter` asks for `secret` instead.
    ///
    /// ## Why is this bad?
    /// SSM writes the script with the value in it: the value is shown in the command's
    /// or execution's details, kept in its history and readable by whoever may describe
    /// it. Pass the name of a SecureString parameter and read it on the node instead.
    ///
    /// ## Example
    /// ```yaml
    /// schemaVersion: "2.2"
    /// description: Connect to the database.
    /// parameters:
    ///   DbPassword:
    ///     type: String
    ///     description: The password.
    /// mainSteps:
    ///   - name: Connect
    ///     action: aws:runShellScript
    ///     inputs: {runCommand: ["PGPASSWORD='{{ DbPassword }}' psql -h db -c 'select 1'"]}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// schemaVersion: "2.2"
    /// description: Connect to the database.
    /// parameters:
    ///   DbPasswordParameterName:
    ///     type: String
    ///     description: The SecureString parameter that holds the password.
    /// mainSteps:
    ///   - name: Connect
    ///     action: aws:runShellScript
    ///     inputs: {runCommand: ["PGPASSWORD=\"$(aws ssm get-parameter --name '{{ DbPasswordParameterName }}' --with-decryption --query Parameter.Value --output text)\" psql -h db -c 'select 1'"]}
    /// ```
    pub SecretParameterInCommand { name: "secret-parameter-in-command", default: Warning, fix: Never }
}

/// Whether the text before a reference passes it as the name or ID of a
/// secret (`--secret-id {{ X }}`, `Get-SECSecretValue -SecretId {{ X }}`,
/// `get_parameter(Name='{{ X }}'`): then the value is a pointer, not the secret.
fn names_a_secret(before: &str) -> bool {
    let start = before.len().saturating_sub(40);
    let tail = (start..=before.len())
        .find_map(|i| before.get(i..))
        .unwrap_or("")
        .to_ascii_lowercase();
    // The flag or keyword right before: `-SecretsManagerId `, `--secret-id `, `SecretId='`.
    let last = tail
        .trim_end_matches([' ', '\'', '"', '=', ':', '\\'])
        .rsplit([' ', '(', ',', '{'])
        .next()
        .unwrap_or("");
    ["id", "arn", "name"].iter().any(|w| last.ends_with(w))
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    if cx.info.origin != Origin::Raw {
        return;
    }
    let secret: Vec<&str> = cx
        .doc
        .parameters
        .iter()
        .flatten()
        .filter(|p| {
            p.ty.as_ref().and_then(Node::as_str).unwrap_or("String") == "String"
                && is_secret_name(&p.name.name)
        })
        .map(|p| p.name.name.as_str())
        .collect();
    if secret.is_empty() {
        return;
    }
    let mut found = Vec::new();
    for script in scripts(cx.doc) {
        for node in script.lines {
            let Some(s) = node.as_str() else { continue };
            for r in find_refs(s) {
                if r.kind == RefKind::Param
                    && secret.contains(&r.name.as_str())
                    && !names_a_secret(s.get(..r.range.start).unwrap_or(""))
                {
                    found.push((node, r.range, r.name));
                }
            }
        }
    }
    for (node, range, name) in found {
        let span = cx.locate(node, range);
        let d = cx
            .finding(span, format!("secret parameter `{name}` is pasted into a script"))
            .with_label("the value is written into the command, visible in its details and history")
            .with_help("take the name of a SecureString parameter instead and read it on the node (`aws ssm get-parameter --with-decryption`), or pass `{{ssm-secure:/app/env/name}}` as its value");
        cx.report(d);
    }
}
