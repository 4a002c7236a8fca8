use crate::check::flow::FlowGraph;
use crate::declare_rule;
use crate::lint::walk::{all_steps, input};
use crate::lint::LintContext;
use crate::model::{Node, Step};

declare_rule! {
    /// ## What it does
    /// Flags a destructive step in an Automation runbook (terminating, stopping or
    /// rebooting instances; deleting stacks, images, snapshots, volumes, databases or
    /// parameters) that no `aws:approve` step precedes on every path.
    ///
    /// Resources the runbook creates itself (a temporary stack, image or instance) may be
    /// cleaned up without approval: the rule stays quiet when the runbook also creates that
    /// kind of resource.
    ///
    /// ## Why is this bad?
    /// A runbook that can run against production can destroy what it is pointed at with
    /// one wrong parameter. An approval step puts a human decision before the irreversible
    /// part.
    ///
    /// ## Example
    /// ```rbk
    /// automation Retire {
    ///   param InstanceId: String
    ///   step Terminate = aws:changeInstanceState { InstanceIds: [InstanceId], DesiredState: "terminated" }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// automation Retire {
    ///   param InstanceId: String
    ///   param Approvers: StringList
    ///   step Approve = aws:approve { Approvers: Approvers, MinRequiredApprovals: 1 } timeout 1d
    ///   step Terminate = aws:changeInstanceState { InstanceIds: [InstanceId], DesiredState: "terminated" }
    /// }
    /// ```
    pub DestructiveWithoutApproval { name: "destructive-without-approval", default: Warning, fix: Never }
}

/// APIs that destroy or interrupt, with the creating APIs that make cleanup of
/// the runbook's own resources plausible.
const DESTRUCTIVE_APIS: &[(&str, &[&str])] = &[
    ("TerminateInstances", &["RunInstances", "aws:runInstances"]),
    ("StopInstances", &[]),
    ("RebootInstances", &[]),
    ("DeleteStack", &["CreateStack", "aws:createStack"]),
    (
        "DeregisterImage",
        &[
            "CreateImage",
            "CopyImage",
            "aws:createImage",
            "aws:copyImage",
        ],
    ),
    (
        "DeleteSnapshot",
        &[
            "CreateSnapshot",
            "CreateSnapshots",
            "CopySnapshot",
            "CreateImage",
            "aws:createImage",
        ],
    ),
    ("DeleteVolume", &["CreateVolume"]),
    (
        "DeleteDBInstance",
        &[
            "CreateDBInstance",
            "RestoreDBInstanceFromDBSnapshot",
            "RestoreDBInstanceToPointInTime",
        ],
    ),
    (
        "DeleteDBCluster",
        &[
            "CreateDBCluster",
            "RestoreDBClusterFromSnapshot",
            "RestoreDBClusterToPointInTime",
        ],
    ),
    ("DeleteParameter", &["PutParameter"]),
    ("DeleteParameters", &["PutParameter"]),
    ("DeleteBucket", &["CreateBucket"]),
    ("DeleteTable", &["CreateTable"]),
];

/// What a step destroys, and what would create it.
fn destroys(step: &Step) -> Option<(String, &'static [&'static str])> {
    match step.action_str() {
        "aws:changeInstanceState" => {
            let state = input(step, "DesiredState").and_then(Node::as_str)?;
            match state {
                "terminated" => Some((
                    "terminates instances".into(),
                    &["RunInstances", "aws:runInstances"][..],
                )),
                "stopped" => Some(("stops instances".into(), &[][..])),
                _ => None,
            }
        }
        "aws:deleteStack" => Some((
            "deletes a stack".into(),
            &["CreateStack", "aws:createStack"][..],
        )),
        "aws:deleteImage" => Some((
            "deletes an image".into(),
            &["CreateImage", "aws:createImage", "aws:copyImage"][..],
        )),
        "aws:executeAwsApi" => {
            let api = input(step, "Api").and_then(Node::as_str)?;
            let (name, creators) = DESTRUCTIVE_APIS
                .iter()
                .find(|(a, _)| a.eq_ignore_ascii_case(api))?;
            Some((format!("calls `{name}`"), *creators))
        }
        _ => None,
    }
}

fn creates(steps: &[&Step], creators: &[&str]) -> bool {
    steps.iter().any(|s| {
        creators.contains(&s.action_str())
            || (s.action_str() == "aws:executeAwsApi"
                && input(s, "Api")
                    .and_then(Node::as_str)
                    .is_some_and(|a| creators.iter().any(|c| c.eq_ignore_ascii_case(a))))
    })
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    if !cx.is_automation() {
        return;
    }
    let steps = all_steps(cx.doc);
    let found: Vec<(&Step, String)> = steps
        .iter()
        .filter_map(|s| {
            let (what, creators) = destroys(s)?;
            (!creates(&steps, creators)).then_some((*s, what))
        })
        .collect();
    if found.is_empty() {
        return;
    }
    let (graph, _) = FlowGraph::build(cx.doc);
    let dom = graph.dominators();
    let approvals: Vec<usize> = graph
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.action == "aws:approve")
        .map(|(i, _)| i)
        .collect();
    for (step, what) in found {
        let Some(node) = graph.find(step.name_str()) else {
            continue;
        };
        let approved = match dom.get(node) {
            Some(Some(d)) => approvals
                .iter()
                .any(|a| d.get(*a).copied().unwrap_or(false)),
            // Unreachable: the checker reports that.
            _ => true,
        };
        if approved {
            continue;
        }
        let d = cx
            .finding(step.name.span, format!("step `{}` {what} without an approval before it", step.name_str()))
            .with_label("no `aws:approve` step on every path to this step")
            .with_help("add an `aws:approve` step before it (or on the production branch), so a human confirms the target");
        cx.report(d);
    }
}
