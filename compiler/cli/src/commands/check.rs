//! `ssmc check [PATHS]`: parse and type-check every `.rbk`; print the
//! compiler's diagnostics (the check view of the one verdict, suppressions
//! and `ssmc.toml` applied).

use std::path::PathBuf;

use super::{counts, open, paths_or_cwd, plural, report, EXIT_ERRORS, EXIT_FAILURE, EXIT_OK};

pub fn run(paths: &[PathBuf]) -> u8 {
    let paths = paths_or_cwd(paths);
    let mut session = match open(&paths, &["rbk"]) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let verdict = match session.judge(None) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let diags = verdict.check_view();
    report(&diags, &session.sources);
    let n = session.inputs.len();
    eprintln!("checked {n} {}: {}", plural(n, "file"), counts(&diags));
    if verdict.has_check_errors() {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}
