//! What a simulated run is given: input parameters, a mock per step, the
//! platform of a Command document's node. Pure data, built by the test-file
//! reader (`testfile`), by `ssmc test init`'s generator, or by hand in tests.

use std::collections::BTreeMap;

use serde_json::Value as Json;

/// How a step (or one attempt of it) ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Success,
    Failed,
    TimedOut,
    Cancelled,
}

impl Status {
    /// The name AWS gives it (`AutomationExecutionStatus`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Success => "Success",
            Status::Failed => "Failed",
            Status::TimedOut => "TimedOut",
            Status::Cancelled => "Cancelled",
        }
    }

    /// The status AWS writes as `text` (any case), also `Succeeded`/`Success`.
    pub fn parse(text: &str) -> Option<Status> {
        Some(match text.to_ascii_lowercase().as_str() {
            "success" | "succeeded" => Status::Success,
            "failed" | "failure" => Status::Failed,
            "timedout" => Status::TimedOut,
            "cancelled" | "canceled" => Status::Cancelled,
            _ => return None,
        })
    }
}

/// One run of a step: what the mocked service answered.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attempt {
    /// How the attempt ends; `None` is success (or, for an `aws:approve`, the decision).
    pub status: Option<Status>,
    /// The API response (`aws:executeAwsApi`, `aws:waitForAwsResourceProperty`,
    /// `aws:assertAwsResourceProperty`) that output selectors and
    /// `PropertySelector` read; for `aws:executeScript` the handler's return
    /// value is put under `Payload` by the reader.
    pub response: Option<Json>,
    /// Named outputs set directly (`aws:runCommand`'s `Status`, an
    /// `aws:executeAutomation`'s `Output`…); they win over selectors.
    pub outputs: BTreeMap<String, Json>,
    /// Virtual seconds the attempt takes (default 1).
    pub duration: Option<u64>,
    /// `aws:approve`: approved (`true`) or rejected.
    pub approve: Option<bool>,
    /// A Command document step's exit code (0 success; 3010 reboot; others fail).
    pub exit_code: Option<i64>,
}

/// The mocked runs of one step, in order: attempt after attempt (retries,
/// polls, loop iterations); the last one repeats when they run out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StepMock {
    pub attempts: Vec<Attempt>,
}

/// Everything a run depends on besides the document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scenario {
    /// Input parameters; a missing one takes its `default`.
    pub inputs: BTreeMap<String, Json>,
    /// By step name.
    pub mocks: BTreeMap<String, StepMock>,
    /// `{{ ssm:name }}` Parameter Store values.
    pub ssm_parameters: BTreeMap<String, Json>,
    /// A Command document's node platform: `Linux`, `Windows` or `MacOS` (default `Linux`).
    pub platform: Option<String>,
    /// Step runs allowed before the run is stopped as not terminating (default [`DEFAULT_STEP_BUDGET`]).
    pub step_budget: Option<usize>,
}

/// Step runs allowed by default: 100 loop iterations of a 20-step body over a
/// 50-step document with retries stays far below it; a run that reaches it
/// does not end.
pub const DEFAULT_STEP_BUDGET: usize = 10_000;
