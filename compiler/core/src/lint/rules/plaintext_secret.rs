use crate::declare_rule;
use crate::lint::secrets::scan;
use crate::lint::walk::{for_each_string, Place};
use crate::lint::LintContext;
use crate::model::Node;

declare_rule! {
    /// ## What it does
    /// Flags a literal that looks like a credential: a password on a command line
    /// (`--password=…`, `mysql -p…`, `PASSWORD=…`), a connection string with a password
    /// (`postgres://user:pass@host`), an AWS access key ID (`AKIA…`/`ASIA…`) and a secret
    /// key near it, a private key block, a token in a URL (`?access_token=…`) or a
    /// well-known API token. References (`{{ssm-secure:…}}`,
    /// `{{resolve:secretsmanager:…}}`, `{{ Param }}`), shell variables and the word
    /// "password" in prose are not flagged.
    ///
    /// ## Why is this bad?
    /// A document's content is readable by everyone who can describe it, and what a
    /// command sends is recorded in CloudTrail and in command history and output, readable
    /// by whoever can read those logs and buckets.
    ///
    /// ## Example
    /// ```rbk
    /// command Backup {
    ///   step Dump = aws:runShellScript { runCommand: ["mysqldump -u admin --password=hunter2x shop > /tmp/shop.sql"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// command Backup {
    ///   step Dump = aws:runShellScript { runCommand: ["mysqldump -u admin --password={{ssm-secure:/shop/prod/db-password}} shop > /tmp/shop.sql"] }
    /// }
    /// ```
    pub PlaintextSecret { name: "plaintext-secret", default: Error, fix: Never }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    let mut found: Vec<(&Node, std::ops::Range<usize>, &'static str)> = Vec::new();
    for_each_string(cx.doc, &mut |place, node| {
        if matches!(place, Place::ParamAttr(_)) {
            return;
        }
        let Some(s) = node.as_str() else { return };
        for hit in scan(s) {
            found.push((node, hit.range, hit.what));
        }
    });
    for (node, range, what) in found {
        let span = cx.locate(node, range);
        let d = cx
            .finding(span, format!("plaintext secret: {what}"))
            .with_label("readable by anyone who can read the document or its logs")
            .with_help("store it as a SecureString parameter and reference it (`{{ssm-secure:/app/env/name}}`), or read it at run time from Secrets Manager");
        cx.report(d);
    }
}
