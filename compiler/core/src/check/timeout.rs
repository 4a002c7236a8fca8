//! `timeoutSeconds` above the longest an Automation action runs or waits.
//!
//! Input: one step (its action and `timeoutSeconds`, an integer or a numeric
//! string, as `.rbk`'s `timeout 15m` lowers to 900). Output: a warning
//! (W1011) on the value's own token, naming the limit and where AWS states it.
//!
//! Only limits AWS documents are encoded (each with its source below). A
//! warning, not an error: SSM accepts a longer timeout (twelve AWS-owned
//! runbooks of the corpus give `aws:executeScript` 900 to 3600 seconds and
//! run); the action still stops at its own limit, so the extra time is never
//! waited for.

use crate::check::{codes, Checker};
use crate::diagnostic::Diagnostic;
use crate::model::{DocKind, Step, Value};

/// One documented limit.
struct Limit {
    action: &'static str,
    seconds: i64,
    /// What the limit is, completing "`action` …".
    what: &'static str,
}

/// `(action, longest run or wait in seconds)`, from the AWS Systems Manager
/// User Guide:
/// - `automation-action-executeScript.html`: "Each aws:executeScript action can
///   run up to a maximum duration of 600 seconds (10 minutes)";
/// - `automation-action-approve.html` and `automation-action-pause.html`: "The
///   default timeout for this action is 7 days (604800 seconds) and the maximum
///   value is 30 days (2592000 seconds)".
const LIMITS: &[Limit] = &[
    Limit {
        action: "aws:executeScript",
        seconds: 600,
        what: "runs for at most 600 seconds (10 minutes)",
    },
    Limit {
        action: "aws:approve",
        seconds: 2_592_000,
        what: "waits for at most 2592000 seconds (30 days)",
    },
    Limit {
        action: "aws:pause",
        seconds: 2_592_000,
        what: "waits for at most 2592000 seconds (30 days)",
    },
];

impl Checker<'_> {
    pub(crate) fn check_timeout_limit(&mut self, step: &Step) {
        if self.doc.kind != DocKind::Automation {
            return;
        }
        let Some(node) = &step.timeout_seconds else {
            return;
        };
        let action = step.action_str();
        let Some(limit) = LIMITS.iter().find(|l| l.action == action) else {
            return;
        };
        let seconds = match &node.value {
            Value::Int(n) => *n,
            Value::String(s) => match s.trim().parse::<i64>() {
                Ok(n) => n,
                Err(_) => return,
            },
            _ => return,
        };
        if seconds <= limit.seconds {
            return;
        }
        self.report(
            Diagnostic::warning(
                codes::TIMEOUT_BEYOND_LIMIT,
                node.span,
                format!(
                    "`timeoutSeconds` is {seconds}, above the {} seconds `{action}` allows",
                    limit.seconds
                ),
            )
            .with_label(format!("`{action}` {}", limit.what))
            .with_help(format!(
                "set a timeout of at most {} seconds; the step never runs longer",
                limit.seconds
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::check::awsapi::tests::render;
    use crate::lower::NoFiles;
    use crate::pipeline;
    use crate::span::SourceMap;

    fn script(timeout: &str) -> String {
        format!(
            r#"{{"schemaVersion": "0.3", "mainSteps": [{{"name": "S", "action": "aws:executeScript", "timeoutSeconds": {timeout}, "inputs": {{"Runtime": "python3.11", "Handler": "h", "Script": "def h(e, c): return {{}}"}}}}]}}"#
        )
    }

    #[test]
    fn a_timeout_beyond_the_action_s_limit_is_a_warning_on_its_value() {
        assert_eq!(render(&script("600")), "");
        insta::assert_snapshot!(render(&script("900")), @"W1011 warning: `timeoutSeconds` is 900, above the 600 seconds `aws:executeScript` allows @ `900` [set a timeout of at most 600 seconds; the step never runs longer]");
        let approve = r#"{"schemaVersion": "0.3", "mainSteps": [{"name": "A", "action": "aws:approve", "timeoutSeconds": 2592001, "inputs": {"Approvers": ["arn:aws:iam::111122223333:role/Ops"]}}]}"#;
        insta::assert_snapshot!(render(approve), @"W1011 warning: `timeoutSeconds` is 2592001, above the 2592000 seconds `aws:approve` allows @ `2592001` [set a timeout of at most 2592000 seconds; the step never runs longer]");
        // No documented limit: nothing said.
        let wait = r#"{"schemaVersion": "0.3", "mainSteps": [{"name": "W", "action": "aws:sleep", "timeoutSeconds": 999999, "inputs": {"Duration": "PT1S"}}]}"#;
        assert_eq!(render(wait), "");
    }

    #[test]
    fn a_rbk_timeout_is_reported_on_its_duration() {
        let src = "automation T {\n  step S = aws:executeScript { Runtime: \"python3.11\", Handler: \"h\", Script: \"def h(e, c): return {}\" } timeout 15m\n}\n";
        let mut sources = SourceMap::new();
        let file = sources.add("t.rbk".to_string(), src);
        let result = pipeline::compile(&mut sources, &[file], &NoFiles);
        let found: Vec<String> = result
            .diagnostics
            .iter()
            .filter(|d| d.primary.span.file == file)
            .map(|d| {
                let at = src.get(d.primary.span.range()).unwrap_or("?");
                format!("{} {} @ `{at}`", d.code, d.message)
            })
            .collect();
        insta::assert_snapshot!(found.join("\n"), @"W1011 `timeoutSeconds` is 900, above the 600 seconds `aws:executeScript` allows @ `15m`");
    }
}
