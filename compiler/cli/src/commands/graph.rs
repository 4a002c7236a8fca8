//! `ssmc graph PATH [--format mermaid|dot|svg] [-o FILE]`: draw a document's flow.
//!
//! Input: one `.rbk` runbook, or one SSM document in JSON/YAML (any
//! schemaVersion). Output: the picture on stdout, or written atomically to
//! `FILE`. Exit: 0 a picture was drawn (flow faults are marked in it and
//! printed on stderr as warnings), 1 the input has errors that leave nothing
//! to draw (syntax, lowering, not an SSM document: printed as `ssmc check`
//! prints them, no output written), 2 the file cannot be read or written.

use std::path::Path;

use ssmc_core::codegen::{read, Format};
use ssmc_core::graph::{self, Graph};
use ssmc_core::model::Document;
use ssmc_core::{pipeline, Diagnostic, SourceMap};

use super::{report, EXIT_ERRORS, EXIT_FAILURE, EXIT_OK};
use crate::files::{read_text, write_output};

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
    let text = match read_text(path) {
        Ok(t) => t,
        Err(e) => {
            errln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let mut sources = SourceMap::new();
    let id = sources.add(path.display().to_string(), &text);
    let doc = match Format::from_path_ext(&path.to_string_lossy()) {
        Some(fmt) => {
            let name = path
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            let Some(src) = sources.get(id).map(|f| f.text.clone()) else {
                return EXIT_FAILURE;
            };
            match read::read_document(id, &name, &src, fmt) {
                Ok(doc) => doc,
                Err(diags) => return errors(&diags, &sources),
            }
        }
        None => match rbk_document(path, &mut sources, id) {
            Ok(doc) => doc,
            Err(code) => return code,
        },
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

/// The first document of a `.rbk` file, or the exit status after printing
/// why there is none.
fn rbk_document(
    path: &Path,
    sources: &mut SourceMap,
    id: ssmc_core::FileId,
) -> Result<Document, u8> {
    let project = ssmc_project::Project::discover(path);
    let mut loader = ssmc_project::ProjectLoader::new(&project.root);
    loader.set_path(id, path.to_path_buf());
    let result = pipeline::compile(sources, &[id], &loader);
    let mut docs: Vec<Document> = result.files.into_iter().flat_map(|f| f.documents).collect();
    if docs.is_empty() {
        let errs: Vec<Diagnostic> = result
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        if errs.is_empty() {
            errln!(
                "error: `{}` holds no `automation` or `command` to draw",
                path.display()
            );
            return Err(EXIT_ERRORS);
        }
        return Err(errors(&errs, sources));
    }
    if docs.len() > 1 {
        let names: Vec<String> = docs.iter().map(|d| format!("`{}`", d.name)).collect();
        super::status(format_args!(
            "note: `{}` holds {} documents ({}); drawing the first",
            path.display(),
            docs.len(),
            names.join(", ")
        ));
    }
    Ok(docs.swap_remove(0))
}

/// Prints the errors that leave nothing to draw; exit 1.
fn errors(diags: &[Diagnostic], sources: &SourceMap) -> u8 {
    report(diags, sources);
    errln!("graph: nothing drawn: {}", super::counts(diags));
    EXIT_ERRORS
}
