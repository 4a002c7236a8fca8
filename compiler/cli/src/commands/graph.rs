//! `ssmc graph PATH [--format mermaid|dot|svg] [-o FILE]`: draw a document's flow.
//!
//! Input: one `.rbk` runbook, or one SSM document in JSON/YAML (any
//! schemaVersion). Output: the picture on stdout, or written atomically to
//! `FILE`. Exit: 0 a picture was drawn (flow faults are marked in it and
//! printed on stderr as warnings), 1 the input has errors that leave nothing
//! to draw (syntax, lowering, not an SSM document: printed as `ssmc check`
//! prints them, no output written), 2 the file cannot be read or written.

use std::path::Path;

use ssmc_core::graph::{self, Graph};
use ssmc_core::SourceMap;

use super::document::{one_document, Wording};
use super::{report, EXIT_FAILURE, EXIT_OK};
use crate::files::write_output;

const WORDING: Wording = Wording {
    command: "graph",
    nothing: "nothing drawn",
    verb: "draw",
    gerund: "drawing",
};

/// Flow faults printed in full; a picture of a broken generated document
/// should not drown the terminal (nor wait on rendering thousands).
const MAX_FAULTS_SHOWN: usize = 20;

/// The picture formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    Mermaid,
    Dot,
    Svg,
}

/// Renders `g` in `format`.
pub fn render(g: &Graph, format: GraphFormat) -> String {
    match format {
        GraphFormat::Mermaid => graph::mermaid::render(g),
        GraphFormat::Dot => graph::dot::render(g),
        GraphFormat::Svg => graph::svg::render(g),
    }
}

pub fn run(path: &Path, format: GraphFormat, out: Option<&Path>) -> u8 {
    let mut sources = SourceMap::new();
    let doc = match one_document(path, &mut sources, &WORDING) {
        Ok(doc) => doc,
        Err(code) => return code,
    };
    let (g, faults) = graph::draw(&doc);
    report(faults.get(..MAX_FAULTS_SHOWN).unwrap_or(&faults), &sources);
    if faults.len() > MAX_FAULTS_SHOWN {
        errln!(
            "warning: {} more flow faults not shown (`ssmc check` or `ssmc lint` lists them all)",
            faults.len() - MAX_FAULTS_SHOWN
        );
    }
    let picture = render(&g, format);
    match out {
        Some(file) => {
            let root = ssmc_project::Project::discover(path).root;
            if let Err(e) = write_output(&root, file, &picture) {
                errln!("error: {e}");
                return EXIT_FAILURE;
            }
        }
        None => out!("{picture}"),
    }
    EXIT_OK
}
