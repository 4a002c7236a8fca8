use crate::declare_rule;
use crate::lint::LintContext;
use crate::model::Node;

declare_rule! {
    /// ## What it does
    /// Flags an Automation runbook whose `assumeRole` is a parameter (conventionally
    /// `AutomationAssumeRole`) when neither that parameter's description nor the
    /// document's names the IAM actions the role must allow. The actions are the ones
    /// `ssmc iam` derives from the steps (docs/iam.md); the finding lists those no
    /// description names.
    ///
    /// ## Why is this bad?
    /// "AccessDenied" is the commonest way a runbook fails in production, and the person
    /// who creates the role has only the description to go by. AWS's own runbooks list
    /// the permissions their role needs; a list that is missing, or older than the steps,
    /// sends every caller to the CloudTrail log to find out.
    ///
    /// ## Example
    /// ```rbk
    /// /// Reboots an instance.
    /// automation Restart {
    ///   assume_role AutomationAssumeRole
    ///   /// The role Automation assumes.
    ///   param AutomationAssumeRole: AWS::IAM::Role::Arn
    ///   param InstanceId: String
    ///   step Reboot = aws:executeAwsApi { Service: "ec2", Api: "RebootInstances", InstanceIds: [InstanceId] }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// /// Reboots an instance.
    /// automation Restart {
    ///   assume_role AutomationAssumeRole
    ///   /// The role Automation assumes; it must allow ec2:RebootInstances.
    ///   param AutomationAssumeRole: AWS::IAM::Role::Arn
    ///   param InstanceId: String
    ///   step Reboot = aws:executeAwsApi { Service: "ec2", Api: "RebootInstances", InstanceIds: [InstanceId] }
    /// }
    /// ```
    pub UndocumentedRolePermissions { name: "undocumented-role-permissions", default: Warning, fix: Never, preview: true }
}

/// How many missing actions the message lists before "and N more".
const LISTED: usize = 6;

pub(crate) fn check(cx: &mut LintContext<'_>) {
    if !cx.is_automation() {
        return;
    }
    // A hard-coded role is `missing-assume-role`'s finding; an unknown
    // parameter the checker's.
    let Some(param) = cx.assume_role_parameter() else {
        return;
    };
    let (policy, _) = crate::iam::derive_policy(cx.doc);
    let mut needed: Vec<&str> = policy
        .statements
        .iter()
        .flat_map(|s| s.actions.iter().map(String::as_str))
        .collect();
    needed.sort_unstable();
    needed.dedup();
    if needed.is_empty() {
        return;
    }
    let text = [param.description.as_ref(), cx.doc.description.as_ref()]
        .into_iter()
        .flatten()
        .filter_map(Node::as_str)
        .collect::<Vec<_>>()
        .join("\n");
    let named = named_actions(&text);
    let missing: Vec<&str> = needed
        .iter()
        .copied()
        .filter(|action| !named.iter().any(|n| grants(n, action)))
        .collect();
    if missing.is_empty() {
        return;
    }
    let mut list = missing
        .iter()
        .take(LISTED)
        .map(|a| format!("`{a}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if missing.len() > LISTED {
        list.push_str(&format!(" and {} more", missing.len() - LISTED));
    }
    let message = if missing.len() == needed.len() {
        format!(
            "no description says what role `{}` must allow: {list}",
            param.name.name
        )
    } else {
        format!(
            "the descriptions do not name {} of the actions role `{}` must allow: {list}",
            missing.len(),
            param.name.name
        )
    };
    let d = cx
        .finding(param.name.span, message)
        .with_label("the role the steps run as")
        .with_help("name the actions in this parameter's description, as AWS's runbooks do, or attach the policy `ssmc iam` prints for this runbook");
    cx.report(d);
}

/// The IAM actions a text names: `ec2:RebootInstances`, `ec2:Describe*`, `ssm:*`.
fn named_actions(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in
        text.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, ':' | '*' | '-' | '_')))
    {
        let Some((service, action)) = word.split_once(':') else {
            continue;
        };
        let service_ok = !service.is_empty()
            && service
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        let action_ok = !action.is_empty()
            && action
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '*');
        if service_ok && action_ok {
            out.push(word.to_ascii_lowercase());
        }
    }
    out
}

/// Whether the named action (maybe with `*`) covers `action`: IAM's match,
/// case-insensitive as IAM compares action names.
fn grants(named: &str, action: &str) -> bool {
    crate::iam::compare::glob(named, action, true)
}

#[cfg(test)]
mod tests {
    use super::{grants, named_actions};

    #[test]
    fn actions_are_read_from_prose_with_wildcards() {
        let named = named_actions(
            "Needs ec2:RebootInstances, ec2:Describe* and ssm:*; see https://example.com/x.",
        );
        assert_eq!(named, ["ec2:rebootinstances", "ec2:describe*", "ssm:*"]);
        assert!(named.iter().any(|n| grants(n, "ec2:DescribeInstances")));
        assert!(named.iter().any(|n| grants(n, "ssm:SendCommand")));
        assert!(!named.iter().any(|n| grants(n, "ec2:StopInstances")));
    }
}
