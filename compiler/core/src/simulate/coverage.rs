//! Which steps and branch edges of a document the runs of its tests reached.
//! A branch edge is one `aws:branch` step's choice or `Default`, named by
//! the branch and the step it leads to (two choices to the same step are one edge).

use std::collections::BTreeSet;

use serde_json::Value as Json;

use super::json::inputs_and_choices;
use super::run::Run;
use super::testfile::all_steps;
use crate::model::Document;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Coverage {
    pub document: String,
    pub steps: Vec<String>,
    pub edges: Vec<(String, String)>,
    pub steps_run: BTreeSet<String>,
    pub edges_taken: BTreeSet<(String, String)>,
}

/// The branch edges of a document: (branch step, target), in document order.
pub fn branch_edges(doc: &Document) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for step in all_steps(doc) {
        if step.action_str() != "aws:branch" {
            continue;
        }
        let (inputs, choices) = inputs_and_choices(step);
        let targets = choices
            .iter()
            .filter_map(|c| c.get("NextStep").and_then(Json::as_str).map(str::to_string))
            .chain(
                inputs
                    .get("Default")
                    .and_then(Json::as_str)
                    .map(str::to_string),
            );
        for t in targets {
            let edge = (step.name_str().to_string(), t);
            if !out.contains(&edge) {
                out.push(edge);
            }
        }
    }
    out
}

impl Coverage {
    pub fn of(doc: &Document) -> Coverage {
        Coverage {
            document: doc.name.clone(),
            steps: all_steps(doc)
                .iter()
                .map(|s| s.name_str().to_string())
                .collect(),
            edges: branch_edges(doc),
            ..Coverage::default()
        }
    }

    pub fn add(&mut self, run: &Run) {
        self.steps_run
            .extend(run.path.iter().map(|s| s.name.clone()));
        self.edges_taken.extend(run.edges.iter().cloned());
    }

    /// (covered, total) steps.
    pub fn step_count(&self) -> (usize, usize) {
        let covered = self
            .steps
            .iter()
            .filter(|s| self.steps_run.contains(*s))
            .count();
        (covered, self.steps.len())
    }

    /// (covered, total) branch edges.
    pub fn edge_count(&self) -> (usize, usize) {
        let covered = self
            .edges
            .iter()
            .filter(|e| self.edges_taken.contains(*e))
            .count();
        (covered, self.edges.len())
    }

    pub fn missed_steps(&self) -> Vec<&str> {
        self.steps
            .iter()
            .filter(|s| !self.steps_run.contains(*s))
            .map(String::as_str)
            .collect()
    }

    pub fn missed_edges(&self) -> Vec<&(String, String)> {
        self.edges
            .iter()
            .filter(|e| !self.edges_taken.contains(*e))
            .collect()
    }

    /// Steps and edges together, as a fraction (1.0 for a document with neither).
    pub fn ratio(&self) -> f64 {
        let (s, st) = self.step_count();
        let (e, et) = self.edge_count();
        if st + et == 0 {
            1.0
        } else {
            (s + e) as f64 / (st + et) as f64
        }
    }
}
