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
