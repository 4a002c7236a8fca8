use crate::declare_rule;
use crate::lint::walk::input;
use crate::lint::LintContext;
use crate::model::{Node, Step, Value};

declare_rule! {
    /// ## What it does
    /// Flags failure paths that skip a rollback or cleanup the runbook has: when some
    /// steps send failures to a rollback step (`onFailure: step:Rollback`), a later
    /// step that changes something and lets failures abort the run; and an `isEnd: true`
    /// that ends the run before a cleanup step further down.
    /// (Unreachable steps and cycles without an exit are the checker's `unreachable-step`
    /// and `cycle-without-exit`.)
    ///
    /// ## Why is this bad?
    /// A rollback that only some failures reach leaves the system half-changed exactly
    /// when a later step fails; an early end leaves temporary resources behind.
    ///
    /// ## Example
    /// ```rbk
    /// automation Deploy {
    ///   step Stop = aws:executeAwsApi { Service: "ecs", Api: "UpdateService", cluster: "c", service: "s", desiredCount: 0 } on_failure goto Rollback
    ///   step Migrate = aws:executeAwsApi { Service: "rds", Api: "ModifyDBInstance", DBInstanceIdentifier: "db" }
    ///   end
    ///   step Rollback = aws:executeAwsApi { Service: "ecs", Api: "UpdateService", cluster: "c", service: "s", desiredCount: 2 }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// automation Deploy {
    ///   step Stop = aws:executeAwsApi { Service: "ecs", Api: "UpdateService", cluster: "c", service: "s", desiredCount: 0 } on_failure goto Rollback
    ///   step Migrate = aws:executeAwsApi { Service: "rds", Api: "ModifyDBInstance", DBInstanceIdentifier: "db" } on_failure goto Rollback
    ///   end
    ///   step Rollback = aws:executeAwsApi { Service: "ecs", Api: "UpdateService", cluster: "c", service: "s", desiredCount: 2 }
    /// }
    /// ```
    pub UnhandledFailurePath { name: "unhandled-failure-path", default: Warning, fix: Never }
}

fn is_recovery(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    [
        "rollback",
        "revert",
        "restore",
        "undo",
        "cleanup",
        "clean_up",
        "teardown",
        "tear_down",
    ]
    .iter()
    .any(|w| l.contains(w))
}

fn is_cleanup(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    [
        "cleanup",
        "clean_up",
        "teardown",
        "tear_down",
        "delete_temp",
        "deletetemp",
    ]
    .iter()
    .any(|w| l.contains(w))
}

/// Actions that change nothing (a failure there leaves nothing to roll back).
fn read_only(step: &Step) -> bool {
    match step.action_str() {
        "aws:sleep"
        | "aws:pause"
        | "aws:approve"
        | "aws:branch"
        | "aws:assertAwsResourceProperty"
        | "aws:waitForAwsResourceProperty"
        | "aws:loop"
        | "aws:updateVariable" => true,
        "aws:executeAwsApi" => input(step, "Api")
            .and_then(Node::as_str)
            // Reads and notifications change nothing a rollback would undo.
            .is_some_and(|a| {
                ["Describe", "Get", "List"].iter().any(|p| a.starts_with(p))
                    || [
                        "Publish",
                        "SendEmail",
                        "PutMetricData",
                        "PutEvents",
                        "SendMessage",
                    ]
                    .contains(&a)
            }),
        _ => false,
    }
}

/// API names that make something a cleanup would remove.
const CREATING_PREFIXES: &[&str] = &[
    "Create", "Run", "Allocate", "Copy", "Import", "Register", "Request", "Launch",
];

/// Calls that create, in a script: boto3 (`ec2.run_instances(`), the AWS CLI
/// (`aws ec2 create-snapshot`) and AWS Tools for PowerShell (`New-EC2Instance`).
static SCRIPT_CREATES: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\b(?:create|run|allocate|copy|import|register|request)_[a-z_]+\s*\(|\baws\s+[a-z0-9-]+\s+(?:create|run|allocate|copy|import|register|request)-[a-z-]+|\bNew-(?:EC2|CFN|RDS|IAM|S3)",
    )
    .expect("invariant: the pattern is a valid regex")
});

/// Whether a step can leave behind something a cleanup step would remove.
fn creates_something(step: &Step) -> bool {
    match step.action_str() {
        "aws:runInstances"
        | "aws:createStack"
        | "aws:createImage"
        | "aws:copyImage"
        | "aws:createTags"
        | "aws:executeAutomation" => true,
        "aws:executeAwsApi" => input(step, "Api")
            .and_then(Node::as_str)
            .is_some_and(|a| CREATING_PREFIXES.iter().any(|p| a.starts_with(p))),
        "aws:executeScript"
        | "aws:runCommand"
        | "aws:runShellScript"
        | "aws:runPowerShellScript" => {
            let mut found = false;
            if let Some(inputs) = &step.inputs {
                crate::lint::walk::each_string_in(inputs, &mut |n| {
                    found = found || n.as_str().is_some_and(|t| SCRIPT_CREATES.is_match(t));
                });
            }
            found
        }
        _ => false,
    }
}

/// Whether only `onFailure`/`onCancel` lead to `cleanup`: no `nextStep`, no
/// branch choice and no fall-through from the step before it.
fn failure_only(steps: &[&Step], cleanup: &Step) -> bool {
    let name = cleanup.name_str();
    let jumps_here = |n: Option<&Node>| n.and_then(Node::as_str) == Some(name);
    let mut by_failure = false;
    for (i, s) in steps.iter().enumerate() {
        let step_target = |n: &Option<Node>| {
            n.as_ref()
                .and_then(Node::as_str)
                .and_then(|t| t.strip_prefix("step:"))
                == Some(name)
        };
        by_failure |= step_target(&s.on_failure) || step_target(&s.on_cancel);
        if jumps_here(s.next_step.as_ref()) || jumps_here(input(s, "Default")) {
            return false;
        }
        let choices = input(s, "Choices").and_then(Node::as_list).unwrap_or(&[]);
        if choices.iter().any(|c| jumps_here(c.get("NextStep"))) {
            return false;
        }
        let falls_through = s.next_step.is_none()
            && !is_end(s)
            && s.action_str() != "aws:branch"
            && steps.get(i + 1).is_some_and(|n| std::ptr::eq(*n, cleanup));
        if falls_through {
            return false;
        }
    }
    by_failure
}

/// The step an `onFailure` sends to (`step:X`).
fn failure_target(step: &Step) -> Option<&str> {
    step.on_failure.as_ref()?.as_str()?.strip_prefix("step:")
}

fn is_end(step: &Step) -> bool {
    match step.is_end.as_ref().map(|n| &n.value) {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    if !cx.is_automation() {
        return;
    }
    let Some(main) = &cx.doc.steps else {
        return;
    };
    let steps: Vec<&Step> = main.iter().collect();
    // 1. A rollback some steps reach on failure, skipped by a later changing step.
    let first_handled = steps
        .iter()
        .position(|s| failure_target(s).is_some_and(is_recovery));
    if let Some(first) = first_handled {
        let target = steps
            .get(first)
            .and_then(|s| failure_target(s))
            .unwrap_or("")
            .to_string();
        let target_at = steps
            .iter()
            .position(|s| s.name_str() == target)
            .unwrap_or(steps.len());
        for s in steps.iter().take(target_at).skip(first + 1) {
            if s.on_failure.is_some() || read_only(s) || is_recovery(s.name_str()) {
                continue;
            }
            let d = cx
                .finding(s.name.span, format!("a failure of step `{}` skips rollback step `{target}`", s.name_str()))
                .with_label("fails without `onFailure`: the run aborts")
                .with_help(format!("earlier steps send failures to `{target}`; add `onFailure: step:{target}` (in `.rbk`: `on_failure goto {target}`) or say why not with an allow comment"));
            cx.report(d);
        }
    }
    // 2. An end before a cleanup step.
    for (i, s) in steps.iter().enumerate() {
        if !is_end(s) {
            continue;
        }
        let Some(cleanup) = steps.iter().skip(i + 1).find(|c| is_cleanup(c.name_str())) else {
            continue;
        };
        // Ends inside the recovery section itself are fine.
        if is_recovery(s.name_str()) {
            continue;
        }
        // An end taken before anything was created leaves nothing to clean up
        // (checks and branches that stop early, as AWSSupport runbooks do).
        if !steps.iter().take(i + 1).any(|p| creates_something(p)) {
            continue;
        }
        // A cleanup step only failures reach is not skipped by a successful end.
        if failure_only(&steps, cleanup) {
            continue;
        }
        let span = s.is_end.as_ref().map_or(s.name.span, |n| n.span);
        let d = cx
            .finding(
                span,
                format!(
                    "step `{}` ends the run before cleanup step `{}`",
                    s.name_str(),
                    cleanup.name_str()
                ),
            )
            .with_label("`isEnd: true` here")
            .with_secondary(cleanup.name.span, "the cleanup step")
            .with_help(format!(
                "go on to `{}` (remove `isEnd` or set `nextStep`)",
                cleanup.name_str()
            ));
        cx.report(d);
    }
}
