//! What a simulated run gives back: the path, the final status, outputs,
//! variables and the branch edges it took.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::scenario::Status;

/// One run of a step, in the order steps ran (loop bodies included).
#[derive(Debug, Clone, PartialEq)]
pub struct StepRun {
    pub name: String,
    pub action: String,
    pub status: Status,
    /// Attempts made (`maxAttempts` retries, reboots of a Command step).
    pub attempts: u32,
    /// Why it did not succeed, or the branch target it chose.
    pub message: Option<String>,
}

/// A whole run.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub path: Vec<StepRun>,
    pub status: Status,
    /// Why the run failed, timed out or was cancelled.
    pub reason: Option<String>,
    /// The document's `outputs` (`Step.Output` → value) that have a value.
    pub outputs: BTreeMap<String, Json>,
    /// Every step output set (`Step.Output` → value).
    pub step_outputs: BTreeMap<String, Json>,
    pub variables: BTreeMap<String, Json>,
    /// Branch edges taken: (branch step, the step it chose), in order.
    pub edges: Vec<(String, String)>,
    /// Virtual seconds the run took.
    pub clock: u64,
    /// The run was stopped by the step budget: it does not end.
    pub budget_exhausted: bool,
}

impl Run {
    /// A run before its first step: successful so far, nothing recorded.
    pub fn start() -> Run {
        Run {
            path: Vec::new(),
            status: Status::Success,
            reason: None,
            outputs: BTreeMap::new(),
            step_outputs: BTreeMap::new(),
            variables: BTreeMap::new(),
            edges: Vec::new(),
            clock: 0,
            budget_exhausted: false,
        }
    }

    /// The names of the steps run, in order.
    pub fn step_names(&self) -> Vec<&str> {
        self.path.iter().map(|s| s.name.as_str()).collect()
    }
}
