use crate::declare_rule;
use crate::lint::LintContext;
use crate::model::Node;
use crate::syntax::refs::{find_refs, RefKind};

declare_rule! {
    /// ## What it does
    /// Flags an Automation runbook without an `assumeRole`, one whose `assumeRole` is a
    /// hard-coded ARN, and (in `.rbk` sources) one whose role parameter is not of type
    /// `AWS::IAM::Role::Arn`.
    ///
    /// ## Why is this bad?
    /// Without `assumeRole` the runbook runs with the permissions of whoever starts it,
    /// which is rarely least privilege and blurs the audit trail. A parameter
    /// (conventionally `AutomationAssumeRole`) of type `AWS::IAM::Role::Arn` lets each
    /// caller pass a scoped role, and SSM validates that it is a role ARN.
    ///
    /// ## Example
    /// ```rbk
    /// automation Restart {
    ///   param InstanceId: String
    ///   step Reboot = aws:executeAwsApi { Service: "ec2", Api: "RebootInstances", InstanceIds: [InstanceId] }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// automation Restart {
    ///   assume_role AutomationAssumeRole
    ///   param AutomationAssumeRole: AWS::IAM::Role::Arn
    ///   param InstanceId: String
    ///   step Reboot = aws:executeAwsApi { Service: "ec2", Api: "RebootInstances", InstanceIds: [InstanceId] }
    /// }
    /// ```
    pub MissingAssumeRole { name: "missing-assume-role", default: Warning, fix: Never }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    if !cx.is_automation() {
        return;
    }
    let Some(role) = &cx.doc.assume_role else {
        let d = cx
            .finding(cx.doc_anchor(), "automation runbook without `assumeRole`")
            .with_label("runs with the caller's permissions")
            .with_help("add a parameter `AutomationAssumeRole` of type `AWS::IAM::Role::Arn` and set `assumeRole: \"{{ AutomationAssumeRole }}\"` (in `.rbk`: `assume_role AutomationAssumeRole`)");
        cx.report(d);
        return;
    };
    let Some(text) = role.as_str() else {
        return;
    };
    let refs = find_refs(text);
    if !refs.iter().any(|r| r.kind == RefKind::Param) {
        if refs.is_empty() && text.starts_with("arn:") {
            let d = cx
                .finding(role.span, "`assumeRole` is a hard-coded role ARN")
                .with_label("every caller gets this role")
                .with_help("take the role as a parameter of type `AWS::IAM::Role::Arn` so each caller passes a scoped role");
            cx.report(d);
        }
        return;
    }
    let Some(param) = cx.assume_role_parameter() else {
        return; // the checker reports an unknown parameter
    };
    let ty = param.ty.as_ref().and_then(Node::as_str).unwrap_or("String");
    // Many AWS-published runbooks type the role `String`; the type is checked
    // in new `.rbk` sources, where fixing it costs nothing.
    if ty != "AWS::IAM::Role::Arn" && cx.info.origin == crate::lint::Origin::Rbk {
        let span = param.ty.as_ref().map_or(param.name.span, |t| t.span);
        let d = cx
            .finding(
                span,
                format!("role parameter `{}` is of type `{ty}`", param.name.name),
            )
            .with_label("expected `AWS::IAM::Role::Arn`")
            .with_secondary(role.span, "used as `assumeRole` here")
            .with_help("type it `AWS::IAM::Role::Arn` so SSM checks that callers pass a role ARN");
        cx.report(d);
    }
}
