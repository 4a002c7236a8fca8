use std::sync::LazyLock;

use regex::Regex;

use crate::declare_rule;
use crate::lint::walk::{all_steps, input, scripts};
use crate::lint::LintContext;
use crate::model::Node;

declare_rule! {
    /// ## What it does
    /// Flags scripts and API calls that open remote access to a node: starting or
    /// enabling `sshd`, allowing inbound ports in the host firewall (`ufw allow`,
    /// `iptables -A INPUT … -j ACCEPT`, `firewall-cmd --add-port`, `New-NetFirewallRule
    /// -Direction Inbound`, `netsh … dir=in`), turning on SSH password or root login, and
    /// `AuthorizeSecurityGroupIngress` from anywhere (`0.0.0.0/0`, `::/0`).
    ///
    /// ## Why is this bad?
    /// Session Manager gives shell access with IAM authorization, session logging and no
    /// open inbound port. An open port or a running SSH daemon is attack surface that
    /// outlives the runbook.
    ///
    /// ## Example
    /// ```rbk
    /// command Debug {
    ///   step Open = aws:runShellScript { runCommand: ["systemctl start sshd", "ufw allow 22"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// command Debug {
    ///   /// Connect with `aws ssm start-session --target <instance>` instead.
    ///   step Collect = aws:runShellScript { runCommand: ["journalctl -u app --since -1h"] }
    /// }
    /// ```
    pub OpensInboundAccess { name: "opens-inbound-access", default: Warning, fix: Never }
}

static OPENS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(systemctl\s+(?:start|enable|restart)\s+(?:--now\s+)?sshd?\b",
        r"|service\s+sshd?\s+(?:start|restart)",
        r"|ufw\s+allow\s+\S+",
        r"|iptables\s+[^\n;]*-A\s+INPUT[^\n;]*-j\s+ACCEPT",
        r"|firewall-cmd\s+[^\n;]*--add-(?:port|service)\S*",
        r"|New-NetFirewallRule\b[^\n;]*-Direction\s+Inbound",
        r"|netsh\s+advfirewall\s+firewall\s+add\s+rule\b[^\n;]*dir=in",
        r"|PasswordAuthentication\s+yes|PermitRootLogin\s+yes",
        r"|authorize-security-group-ingress\b[^\n;]*(?:0\.0\.0\.0/0|::/0))",
    ))
    .expect("invariant: valid regex")
});

fn from_anywhere(n: &Node) -> bool {
    match &n.value {
        crate::model::Value::String(s) => s == "0.0.0.0/0" || s == "::/0",
        crate::model::Value::List(items) => items.iter().any(from_anywhere),
        crate::model::Value::Map(entries) => entries.iter().any(|(_, v)| from_anywhere(v)),
        _ => false,
    }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    let mut found = Vec::new();
    for script in scripts(cx.doc) {
        for node in &script.lines {
            let Some(text) = node.as_str() else { continue };
            for m in OPENS.find_iter(text) {
                found.push((
                    cx.locate(node, m.range()),
                    "script opens inbound access to the node".to_string(),
                ));
            }
        }
    }
    for step in all_steps(cx.doc) {
        if step.action_str() == "aws:executeAwsApi"
            && input(step, "Api")
                .and_then(Node::as_str)
                .is_some_and(|a| a.starts_with("AuthorizeSecurityGroupIngress"))
            && step.inputs.as_ref().is_some_and(from_anywhere)
        {
            found.push((
                step.name.span,
                format!(
                    "step `{}` opens a security group to the internet",
                    step.name_str()
                ),
            ));
        }
    }
    for (span, message) in found {
        let d = cx
            .finding(span, message)
            .with_help("use Session Manager (`aws ssm start-session`) for shell access: IAM-authorized, logged, no open port");
        cx.report(d);
    }
}
