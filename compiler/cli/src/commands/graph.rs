//! `ssmc graph PATH [--format mermaid|dot|svg] [-o FILE]`: draw a document's flow.
//!
//! Input: one `.rbk` runbook, or one SSM document in JSON/YAML (any
//! schemaVersion). Output: the picture on stdout, or written atomically to
//! `FILE`. Exit: 0 a picture was drawn (flow faults are marked in it and
//! printed on stderr as warnings), 1 the input has errors that leave nothing
//! to draw (syntax, lowering, not an SSM document: printed as `ssmc check`
//! prints them, no output written), 2 the file cannot be read or written.
//!
//! A step that calls another document of the project (`aws:executeAutomation`,
//! `aws:runCommand`, `aws:runDocument`) links to that document's picture,
//! taken to be written beside this one and named after the called
//! document's source file: `ssmc graph a.rbk -o docs/a.svg` links a call to
//! the document of `restart-service.rbk` to `restart-service.svg`.

use std::path::Path;

use ssmc_core::documents::{Callee, Documents, Origin, Signature};
use ssmc_core::graph::{self, links, Graph};
use ssmc_core::model::Document;
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

impl GraphFormat {
    /// The file extension of a picture in this format.
    fn extension(self) -> &'static str {
        match self {
            GraphFormat::Mermaid => "mmd",
            GraphFormat::Dot => "dot",
            GraphFormat::Svg => "svg",
        }
    }
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
    let (mut g, faults) = graph::draw(&doc);
    link_project_calls(&mut g, &doc, path, format, &mut sources);
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

/// Links each call of `doc` to a project document to that document's picture
/// (see the module comment). The project is read only when `doc` calls a
/// document; a name computed at run time, another account's ARN or a
/// document outside the project gets no link.
fn link_project_calls(
    g: &mut Graph,
    doc: &Document,
    path: &Path,
    format: GraphFormat,
    sources: &mut SourceMap,
) {
    if links::called_names(doc).is_empty() {
        return;
    }
    let project = super::children::project_documents(path, sources);
    let documents = Documents::new(project.iter().map(|d| Signature::of_document(&d.name, d)));
    let picture_of = |written: &str| {
        let Callee::Known(sig) = documents.resolve(written) else {
            return None;
        };
        let Origin::Project(span) = sig.origin else {
            return None;
        };
        let file = sources.get(span.file)?;
        let stem = Path::new(&file.name).file_stem()?.to_string_lossy();
        Some(format!("{stem}.{}", format.extension()))
    };
    links::link_calls(g, doc, picture_of);
}
