use crate::declare_rule;
use crate::lint::LintContext;
use crate::model::Node;

declare_rule! {
    /// ## What it does
    /// Flags a document without a `description`, and a parameter without one.
    /// (In `.rbk` a `///` doc comment is the description.)
    ///
    /// ## Why is this bad?
    /// The console, `ssm describe-document` and the people who run a runbook in an
    /// incident see only the description: what it does, what each parameter means.
    ///
    /// ## Example
    /// ```rbk
    /// command Restart {
    ///   param Service: String
    ///   step Run = aws:runShellScript { runCommand: ["systemctl restart {{ Service }}"] }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// /// Restarts a systemd service.
    /// command Restart {
    ///   /// The unit to restart.
    ///   param Service: String
    ///   step Run = aws:runShellScript { runCommand: ["systemctl restart {{ Service }}"] }
    /// }
    /// ```
    pub MissingDescription { name: "missing-description", default: Warning, fix: Never }
}

fn blank(n: Option<&Node>) -> bool {
    n.and_then(Node::as_str).is_none_or(|s| s.trim().is_empty())
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    if blank(cx.doc.description.as_ref()) {
        let d = cx
            .finding(cx.doc_anchor(), "document without a description")
            .with_help("say what the document does and when to run it (`description`, or a `///` comment in `.rbk`)");
        cx.report(d);
    }
    let params: Vec<_> = cx
        .doc
        .parameters
        .iter()
        .flatten()
        .filter(|p| blank(p.description.as_ref()))
        .collect();
    for p in params {
        let d = cx
            .finding(
                p.name.span,
                format!("parameter `{}` has no description", p.name.name),
            )
            .with_help("say what the value means and give an example");
        cx.report(d);
    }
}
