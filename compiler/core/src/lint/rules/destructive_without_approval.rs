use crate::check::flow::FlowGraph;
use crate::declare_rule;
use crate::lint::walk::{all_steps, input};
use crate::lint::LintContext;
use crate::model::{Node, Step, Value};
use crate::syntax::refs::{find_refs, RefKind};

declare_rule! {
    /// ## What it does
    /// Flags a destructive step in an Automation runbook (terminating, stopping or
    /// rebooting instances; deleting stacks, images, snapshots, volumes, databases or
    /// parameters) that no `aws:approve` step precedes on every path.
    ///
    /// The rule flags destruction of what the runbook selects itself (from a query, a
    /// previous step's output, or a written ID), not of what the caller names in a
    /// parameter (`{{ InstanceId }}`): naming the target is the caller's decision.
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
    /// automation RetireIdle {
    ///   step Find = aws:executeAwsApi { Service: "ec2", Api: "DescribeInstances" }
    ///     outputs { Ids: StringList = "$.Reservations..Instances..InstanceId" }
    ///   step Terminate = aws:changeInstanceState { InstanceIds: Find.Ids, DesiredState: "terminated" }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// automation RetireIdle {
    ///   param Approvers: StringList
    ///   step Find = aws:executeAwsApi { Service: "ec2", Api: "DescribeInstances" }
    ///     outputs { Ids: StringList = "$.Reservations..Instances..InstanceId" }
    ///   step Approve = aws:approve { Approvers: Approvers, MinRequiredApprovals: 1 } timeout 1d
    ///   step Terminate = aws:changeInstanceState { InstanceIds: Find.Ids, DesiredState: "terminated" }
    /// }
    /// ```
    pub DestructiveWithoutApproval { name: "destructive-without-approval", default: Warning, fix: Never }
}

/// APIs that destroy or interrupt, with the creating APIs that make cleanup of
/// the runbook's own resources plausible.
const DESTRUCTIVE_APIS: &[(&str, &[&str])] = &[
    ("TerminateInstances", &["RunInstances", "aws:runInstances"]),
    ("StopInstances", &["RunInstances", "aws:runInstances"]),
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
                "stopped" => Some((
                    "stops instances".into(),
                    &["RunInstances", "aws:runInstances"][..],
                )),
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

/// Whether the caller names the target: every reference in the step's inputs is
/// a parameter, and no ID is written out.
fn caller_named(step: &Step) -> bool {
    let mut refs = Vec::new();
    let mut literal_target = false;
    if let Some(inputs) = &step.inputs {
        collect(inputs, 0, &mut refs, &mut literal_target);
    }
    !literal_target && !refs.is_empty() && refs.iter().all(|k| *k == RefKind::Param)
}

fn collect(n: &Node, depth: usize, refs: &mut Vec<RefKind>, literal: &mut bool) {
    if depth > crate::lint::walk::MAX_DEPTH {
        return;
    }
    match &n.value {
        Value::String(s) => {
            let found = find_refs(s);
            if found.is_empty()
                && (s.starts_with("i-")
                    || s.starts_with("ami-")
                    || s.starts_with("snap-")
                    || s.starts_with("vol-"))
            {
                *literal = true;
            }
            refs.extend(
                found
                    .into_iter()
                    .map(|r| r.kind)
                    .filter(|k| !matches!(k, RefKind::Global | RefKind::Automation)),
            );
        }
        Value::List(items) => items
            .iter()
            .for_each(|i| collect(i, depth + 1, refs, literal)),
        Value::Map(entries) => entries
            .iter()
            .for_each(|(_, v)| collect(v, depth + 1, refs, literal)),
        _ => {}
    }
}

fn creates(steps: &[&Step], creators: &[&str]) -> bool {
    steps.iter().any(|s| {
        creators.contains(&s.action_str())
            || (s.action_str() == "aws:executeAwsApi"
                && input(s, "Api")
                    .and_then(Node::as_str)
                    .is_some_and(|a| creators.iter().any(|c| c.eq_ignore_ascii_case(a))))
            || script_calls(s, creators)
    })
}

/// Whether an `aws:executeScript` step calls one of `apis` itself, through
/// boto3 (`ec2.run_instances(`) or the AWS CLI (`aws ec2 run-instances`):
/// resources the runbook made in a script are its own to remove.
fn script_calls(step: &Step, apis: &[&str]) -> bool {
    if step.action_str() != "aws:executeScript" {
        return false;
    }
    let Some(script) = input(step, "Script") else {
        return false;
    };
    let calls: Vec<(String, String)> = apis
        .iter()
        .filter(|a| !a.starts_with("aws:"))
        .map(|a| (format!("{}(", words_joined(a, '_')), words_joined(a, '-')))
        .collect();
    let mut found = false;
    crate::lint::walk::each_string_in(script, &mut |n| {
        let Some(text) = n.as_str() else { return };
        found = found
            || calls
                .iter()
                .any(|(boto, cli)| text.contains(boto.as_str()) || text.contains(cli.as_str()));
    });
    found
}

/// `RunInstances` → `run_instances` (with `_`) or `run-instances` (with `-`).
fn words_joined(api: &str, sep: char) -> String {
    crate::lint::secrets::words(api).join(&sep.to_string())
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
            (!creates(&steps, creators) && !caller_named(s)).then_some((*s, what))
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
