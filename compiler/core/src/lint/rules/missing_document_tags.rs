use crate::declare_rule;
use crate::lint::{LintContext, Origin};

declare_rule! {
    /// ## What it does
    /// Flags a `.rbk` document whose `tags { }` do not say its function (a `Function`,
    /// `Purpose`, `Team`, `Application` or `Service` tag) and its environment (`Env`,
    /// `Environment` or `Stage`). Raw JSON/YAML documents carry no tags in their content
    /// (tags are set when the document is created), so the rule runs on `.rbk` only.
    ///
    /// ## Why is this bad?
    /// Tags are how a platform team finds, owns and scopes access to hundreds of
    /// documents (IAM conditions on `ssm:resourceTag/Env`, cost and audit reports).
    ///
    /// ## Example
    /// ```rbk
    /// command Restart {
    ///   step Run = aws:runShellScript { runCommand: ["systemctl restart app"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// command Restart {
    ///   tags { Function: "restart", Environment: "all" }
    ///   step Run = aws:runShellScript { runCommand: ["systemctl restart app"] }
    /// }
    /// ```
    pub MissingDocumentTags { name: "missing-document-tags", default: Info, fix: Never }
}

const FUNCTION: &[&str] = &[
    "function",
    "purpose",
    "team",
    "application",
    "app",
    "service",
    "owner",
];
const ENVIRONMENT: &[&str] = &["env", "environment", "stage"];

pub(crate) fn check(cx: &mut LintContext<'_>) {
    if cx.info.origin != Origin::Rbk {
        return;
    }
    let keys: Vec<String> = cx
        .info
        .tags
        .unwrap_or(&[])
        .iter()
        .map(|k| k.to_ascii_lowercase())
        .collect();
    let has = |words: &[&str]| keys.iter().any(|k| words.contains(&k.as_str()));
    let mut missing = Vec::new();
    if !has(FUNCTION) {
        missing.push("function");
    }
    if !has(ENVIRONMENT) {
        missing.push("environment");
    }
    if missing.is_empty() {
        return;
    }
    let message = if cx.info.tags.is_none() {
        "document without tags".to_string()
    } else {
        format!("document tags do not say its {}", missing.join(" or "))
    };
    let d = cx
        .finding(cx.doc_anchor(), message)
        .with_help("add `tags { Function: \"…\", Environment: \"…\" }`");
    cx.report(d);
}
