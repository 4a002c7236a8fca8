//! `ssmc build [PATHS] [-o DIR] [--format json|yaml]`: check, then write one
//! SSM document per `command`/`automation`, named `DIR/<DocumentName>.<ext>`.
//! Nothing is written when any file has an error; the outputs are all replaced or none.

use std::path::{Path, PathBuf};

use ssmc_core::codegen::{self, read::Format};

use super::{
    compile_project, counts, load_sources, paths_or_cwd, plural, report, EXIT_ERRORS, EXIT_FAILURE,
    EXIT_OK,
};
use crate::files::{project_root, Batch, ProjectLoader};

pub fn run(paths: &[PathBuf], out_dir: &Path, format: Format) -> u8 {
    let paths = paths_or_cwd(paths);
    let mut loaded = match load_sources(&paths) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let root = project_root(paths.first().map_or(Path::new("."), PathBuf::as_path));
    let loader = ProjectLoader {
        root: root.clone(),
        paths: loaded.paths.clone(),
    };
    let result = match compile_project(&mut loaded, &loader) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    report(&result.diagnostics, &loaded.sources);
    if result.has_errors() {
        eprintln!(
            "build failed: {}; nothing was written",
            counts(&result.diagnostics)
        );
        return EXIT_ERRORS;
    }
    let ext = match format {
        Format::Json => "json",
        Format::Yaml => "yaml",
    };
    // Render everything first, so a failure cannot leave half a build behind.
    let outputs: Vec<(PathBuf, String)> = result
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
    let mut batch = Batch::new(Some(&root));
    for (path, text) in &outputs {
        if let Err(e) = batch.stage(path, text.as_bytes()) {
            eprintln!("error: {e}; nothing was written");
            return EXIT_FAILURE;
        }
    }
    if let Err(e) = batch.commit() {
        eprintln!("error: {e}");
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
