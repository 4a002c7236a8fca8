//! `ssmc check [PATHS]`: parse and type-check every `.rbk`; print diagnostics.

use std::path::PathBuf;

use super::{
    compile_project, counts, load_sources, paths_or_cwd, plural, report, EXIT_ERRORS, EXIT_FAILURE,
    EXIT_OK,
};
use crate::files::{project_root, ProjectLoader};

pub fn run(paths: &[PathBuf]) -> u8 {
    let paths = paths_or_cwd(paths);
    let mut loaded = match load_sources(&paths) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let root = project_root(
        paths
            .first()
            .map_or(std::path::Path::new("."), PathBuf::as_path),
    );
    let loader = ProjectLoader {
        root,
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
    let n = loaded.ids.len();
    super::status(format_args!(
        "checked {n} {}: {}",
        plural(n, "file"),
        counts(&result.diagnostics)
    ));
    if result.has_errors() {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}
