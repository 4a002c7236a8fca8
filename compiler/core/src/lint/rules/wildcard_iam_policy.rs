use std::sync::LazyLock;

use regex::Regex;

use crate::declare_rule;
use crate::lint::walk::for_each_string;
use crate::lint::LintContext;
use crate::model::Node;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Flags an inline IAM or resource policy (`PutRolePolicy`, `CreatePolicy`,
    /// `PutBucketPolicy`, a policy in a script) with a statement that allows every action
    /// (`"Action": "*"`) on every resource (`"Resource": "*"`).
    ///
    /// ## Why is this bad?
    /// It grants administrator access: whoever holds the role (or, for a bucket policy,
    /// the principal named) can do anything in the account.
    ///
    /// ## Example
    /// ```rbk
    /// automation Grant {
    ///   param AutomationAssumeRole: AWS::IAM::Role::Arn
    ///   assume_role AutomationAssumeRole
    ///   step Attach = aws:executeAwsApi { Service: "iam", Api: "PutRolePolicy", RoleName: "app", PolicyName: "app", PolicyDocument: "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}" }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// automation Grant {
    ///   param AutomationAssumeRole: AWS::IAM::Role::Arn
    ///   assume_role AutomationAssumeRole
    ///   step Attach = aws:executeAwsApi { Service: "iam", Api: "PutRolePolicy", RoleName: "app", PolicyName: "app", PolicyDocument: "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\"], \"Resource\": \"arn:aws:s3:::app-bucket/*\"}]}" }
    /// }
    /// ```
    pub WildcardIamPolicy { name: "wildcard-iam-policy", default: Warning, fix: Never }
}

/// One policy statement written as JSON text (no nested braces).
static STATEMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{[^{}]*\}").expect("invariant: the pattern is a valid regex"));
static ALLOW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\\?"Effect\\?"\s*:\s*\\?"Allow\\?""#).expect("invariant: valid regex")
});
static ANY_ACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\\?"Action\\?"\s*:\s*\[?\s*\\?"\*\\?""#).expect("invariant: valid regex")
});
static ANY_RESOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\\?"Resource\\?"\s*:\s*\[?\s*\\?"\*\\?""#).expect("invariant: valid regex")
});

pub(crate) fn check(cx: &mut LintContext<'_>) {
    let mut texts: Vec<(&Node, std::ops::Range<usize>)> = Vec::new();
    for_each_string(cx.doc, &mut |place, node| {
        if place.is_prose() {
            return;
        }
        let Some(s) = node.as_str() else { return };
        for m in STATEMENT.find_iter(s) {
            let st = m.as_str();
            if ALLOW.is_match(st) && ANY_ACTION.is_match(st) && ANY_RESOURCE.is_match(st) {
                texts.push((node, m.range()));
            }
        }
    });
    let spans: Vec<Span> = texts.into_iter().map(|(n, r)| cx.locate(n, r)).collect();
    for span in spans {
        let d = cx
            .finding(
                span,
                "policy statement allows every action on every resource",
            )
            .with_label("`\"Action\": \"*\"` on `\"Resource\": \"*\"`")
            .with_help(
                "grant the actions the role needs on the resources it needs (least privilege)",
            );
        cx.report(d);
    }
}
