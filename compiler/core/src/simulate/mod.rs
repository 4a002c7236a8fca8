//! `ssmc test`'s simulator: runs a compiled document (built from `.rbk` or
//! read from JSON/YAML, so imported documents run too) under a [`Scenario`]
//! of inputs and mocked step results, deterministically, on a virtual clock.
//!
//! - `scenario`: what a run is given; `run`: what it gives back.
//! - `automation`: the Automation engine; `command`: the Command engine.
//! - `condition`: branch and loop conditions; `interp`: `{{ }}` references;
//!   `json`: selectors evaluated with the checker's selector parser.
//! - `shape`: mocks typed against botocore's output shapes, and samples.
//! - `testfile`: the `*.test.toml` format; `codes`: its diagnostics.
//! - `coverage`: steps and branch edges reached; `junit`: JUnit XML.
//! - `generate`: mocks and inputs derived from a document's types; `cases`:
//!   the cases `ssmc test init` picks (one per path worth testing);
//!   `render`: them written as a test file; `execution`: a recorded
//!   execution (`GetAutomationExecution`) turned into a case that replays it.
//!
//! Invariants: pure (no IO); every run ends (a step budget stops one that
//! would not, and says so); the same document and scenario give the same run.

pub mod automation;
pub mod cases;
pub mod codes;
pub mod command;
pub mod condition;
pub mod coverage;
pub mod execution;
pub mod generate;
pub mod interp;
pub mod json;
pub mod junit;
pub mod render;
pub mod run;
pub mod scenario;
pub mod shape;
pub mod testfile;

#[cfg(test)]
mod tests;

pub use run::{Run, StepRun};
pub use scenario::{Attempt, Scenario, Status, StepMock};

use crate::model::{DocKind, Document};

/// Runs `doc` under `scenario`.
pub fn simulate(doc: &Document, scenario: &Scenario) -> Run {
    match doc.kind {
        DocKind::Automation => automation::simulate(doc, scenario),
        DocKind::Command => command::simulate(doc, scenario),
    }
}
