//! One document from a path, for the commands that work on a single runbook
//! (`ssmc graph`, `ssmc iam`): a `.rbk` source compiled (its first
//! `automation`/`command`), or an SSM document in JSON/YAML read as it is.
//!
//! Errors that leave no document are printed as `ssmc check` prints them;
//! the result is then the exit status (1 input errors, 2 unreadable file).

use std::path::Path;

use ssmc_core::codegen::{read, Format};
use ssmc_core::model::Document;
use ssmc_core::{pipeline, Diagnostic, SourceMap};

use super::{report, EXIT_ERRORS, EXIT_FAILURE};
use crate::files::read_text;

/// How a command words its messages about the document it did not get.
pub struct Wording {
    /// The command (`graph`).
    pub command: &'static str,
    /// What it did not do (`nothing drawn`).
    pub nothing: &'static str,
    /// What it does with a document (`draw`), and doing it (`drawing`).
    pub verb: &'static str,
    pub gerund: &'static str,
}

/// The document at `path`, its text added to `sources`.
pub fn one_document(
    path: &Path,
    sources: &mut SourceMap,
    wording: &Wording,
) -> Result<Document, u8> {
    let text = match read_text(path) {
        Ok(t) => t,
        Err(e) => {
            errln!("error: {e}");
            return Err(EXIT_FAILURE);
        }
    };
    let id = sources.add(path.display().to_string(), &text);
    match Format::from_path_ext(&path.to_string_lossy()) {
        Some(fmt) => {
            let name = path
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            let Some(src) = sources.get(id).map(|f| f.text.clone()) else {
                return Err(EXIT_FAILURE);
            };
            read::read_document(id, &name, &src, fmt)
                .map_err(|diags| errors(&diags, sources, wording))
        }
        None => rbk_document(path, sources, id, wording),
    }
}

/// The first document of a `.rbk` file, or the exit status after printing
/// why there is none.
fn rbk_document(
    path: &Path,
    sources: &mut SourceMap,
    id: ssmc_core::FileId,
    wording: &Wording,
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
                "error: `{}` holds no `automation` or `command` to {}",
                path.display(),
                wording.verb
            );
            return Err(EXIT_ERRORS);
        }
        return Err(errors(&errs, sources, wording));
    }
    if docs.len() > 1 {
        let names: Vec<String> = docs.iter().map(|d| format!("`{}`", d.name)).collect();
        super::status(format_args!(
            "note: `{}` holds {} documents ({}); {} the first",
            path.display(),
            docs.len(),
            names.join(", "),
            wording.gerund
        ));
    }
    Ok(docs.swap_remove(0))
}

/// Prints the errors that leave no document; exit 1.
fn errors(diags: &[Diagnostic], sources: &SourceMap, wording: &Wording) -> u8 {
    report(diags, sources);
    errln!(
        "{}: {}: {}",
        wording.command,
        wording.nothing,
        super::counts(diags)
    );
    EXIT_ERRORS
}
