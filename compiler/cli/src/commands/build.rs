//! `ssmc build [PATHS] [-o DIR] [--format json|yaml]`: check, then write one
//! SSM document per `command`/`automation`, named `DIR/<DocumentName>.<ext>`.
//! Nothing is written when any file has an error; the outputs are all
//! replaced or none. A path with no runbooks is an error (exit 2), so a CI job
//! pointed at the wrong folder fails. Every document is validated against the
//! project's own JSON Schema of its version (docs/schemas.md) as part of the
//! verdict (E1044, `ssmc_core::codegen::validate`): a document AWS would
//! refuse is an error, never an output, unless the error is allowed with a
//! reason on its line (as the importer does for a document AWS accepted).

use std::path::{Path, PathBuf};

use ssmc_core::codegen::{self, read::Format};

use super::{counts, open, paths_or_cwd, plural, report, EXIT_ERRORS, EXIT_FAILURE, EXIT_OK};
use crate::files::Batch;

pub fn run(paths: &[PathBuf], out_dir: &Path, format: Format) -> u8 {
    let paths = paths_or_cwd(paths);
    let mut session = match open(&paths, &["rbk"]) {
        Ok(s) => s,
        Err(e) => {
            errln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    if session.inputs.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| format!("`{}`", p.display())).collect();
        errln!(
            "error: no runbooks (`.rbk` files) in {}; nothing was built",
            shown.join(", ")
        );
        return EXIT_FAILURE;
    }
    let verdict = match session.judge(None) {
        Ok(v) => v,
        Err(e) => {
            errln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let diags = verdict.check_view();
    report(&diags, &session.sources);
    if verdict.has_check_errors() {
        errln!("build failed: {}; nothing was written", counts(&diags));
        return EXIT_ERRORS;
    }
    let ext = match format {
        Format::Json => "json",
        Format::Yaml => "yaml",
    };
    // Render everything first, so a failure cannot leave half a build behind.
    let outputs: Vec<(PathBuf, String)> = verdict
        .compilation
        .documents()
        .map(|(_, doc)| {
            (
                out_dir.join(format!("{}.{ext}", doc.name)),
                codegen::emit(doc, format),
            )
        })
        .collect();
    // Every output is written to a temporary file before any is renamed into
    // place: a full disk or an unwritable folder leaves the old build whole.
    let mut batch = Batch::new(Some(&session.project.root));
    for (path, text) in &outputs {
        if let Err(e) = batch.stage(path, text.as_bytes()) {
            errln!("error: {e}; nothing was written");
            return EXIT_FAILURE;
        }
    }
    if let Err(e) = batch.commit() {
        errln!("error: {e}");
        return EXIT_FAILURE;
    }
    let n = outputs.len();
    super::status(format_args!(
        "built {n} {} into {}",
        plural(n, "document"),
        out_dir.display()
    ));
    EXIT_OK
}
