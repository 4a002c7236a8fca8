//! One module per subcommand. Each returns the process exit status:
//! 0 nothing at error level, 1 errors in the input, 2 the command could not
//! do its job (see docs/cli.md).

pub mod build;
pub mod check;
pub mod explain;
pub mod fmt;
pub mod graph;
pub mod import;
mod import_allows;
pub mod lint;
pub mod lsp;
pub mod shellcheck;

use std::io::IsTerminal;
use std::path::PathBuf;

use ssmc_core::{Diagnostic, Severity, SourceMap};

pub const EXIT_OK: u8 = 0;
pub const EXIT_ERRORS: u8 = 1;
pub const EXIT_FAILURE: u8 = 2;

/// Prints diagnostics on stderr (colour only on a terminal).
pub fn report(diags: &[Diagnostic], sources: &SourceMap) {
    if diags.is_empty() {
        return;
    }
    let color = std::io::stderr().is_terminal();
    eprint!("{}", crate::render::render(diags, sources, color));
}

/// "2 errors, 1 warning" for summaries.
pub fn counts(diags: &[Diagnostic]) -> String {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    format!(
        "{} {}, {} {}",
        errors,
        plural(errors, "error"),
        warnings,
        plural(warnings, "warning")
    )
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// The paths to work on: the given ones, or the current folder.
pub fn paths_or_cwd(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    }
}

/// The files of one run, read into a source map, with their project.
pub struct Session {
    pub project: ssmc_project::Project,
    pub sources: SourceMap,
    pub inputs: Vec<ssmc_core::verdict::Input>,
    pub loader: ssmc_project::ProjectLoader,
    /// The path of each input, in input order.
    pub paths: Vec<PathBuf>,
}

/// Opens the project of `paths` (the first one's) and reads every file with
/// one of `exts` under them. A faulty `ssmc.toml`, a path that does not exist
/// or a named file that cannot be read is an error message (exit 2); a file
/// found by walking a folder that cannot be read (too large, not UTF-8) is
/// skipped with a note.
pub fn open(paths: &[PathBuf], exts: &[&str]) -> Result<Session, String> {
    let first = paths
        .first()
        .map_or(std::path::Path::new("."), PathBuf::as_path);
    let project = ssmc_project::Project::discover(first);
    if let Some(fault) = &project.fault {
        return Err(fault.to_string());
    }
    let walked = ssmc_project::walk(paths, &project, exts)?;
    let mut sources = SourceMap::new();
    let mut loader = ssmc_project::ProjectLoader::new(&project.root);
    let mut inputs = Vec::new();
    let mut kept = Vec::new();
    for found in walked.files {
        let text = match crate::files::read_text(&found.path) {
            Ok(t) => t,
            Err(e) if found.explicit => return Err(e),
            Err(e) => {
                eprintln!("note: skipped: {e}");
                continue;
            }
        };
        let shown = found.path.display().to_string();
        let id = sources.add(shown.clone(), &text);
        loader.set_path(id, found.path.clone());
        let name = found
            .path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        inputs.push(ssmc_core::verdict::Input {
            file: id,
            kind: ssmc_core::verdict::Kind::of_path(&shown),
            name,
            lint: true,
        });
        kept.push(found.path);
    }
    Ok(Session {
        project,
        sources,
        inputs,
        loader,
        paths: kept,
    })
}

impl Session {
    /// Judges every file (see `ssmc_core::verdict`) with the stdlib, the
    /// project's AWS API models and its rule levels; an unreadable or
    /// malformed model is an error message naming the file.
    pub fn judge(
        &mut self,
        external: Option<ssmc_core::verdict::External<'_>>,
    ) -> Result<ssmc_core::verdict::Verdict, String> {
        let models = ssmc_project::aws_models(&self.project)?;
        let (mut catalog, diags) = ssmc_core::catalog::load_stdlib(&mut self.sources);
        catalog.aws_models = models;
        let options = ssmc_core::verdict::Options {
            lint: &self.project.config.lint,
            external,
        };
        Ok(ssmc_core::verdict::judge(
            &mut self.sources,
            &self.inputs,
            &self.loader,
            catalog,
            diags,
            options,
        ))
    }
}
