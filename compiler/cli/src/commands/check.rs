//! `ssmc check [PATHS] [--no-cache]`: parse and type-check every `.rbk`;
//! print the compiler's diagnostics (the check view of the one verdict,
//! suppressions and `ssmc.toml` applied). An unchanged project is answered
//! from the result cache (`crate::cache`; one entry for the whole run, since
//! every file's declarations reach every other file).

use std::path::PathBuf;

use ssmc_core::verdict::is_lint;

use super::{counts, open, paths_or_cwd, plural, report, EXIT_ERRORS, EXIT_FAILURE, EXIT_OK};

pub fn run(paths: &[PathBuf], use_cache: bool) -> u8 {
    let paths = paths_or_cwd(paths);
    let mut session = match open(&paths, &["rbk", "template", "tf"]) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let judged = match session.judge_cached("check", use_cache, None, b"") {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let diags: Vec<_> = judged
        .diagnostics
        .into_iter()
        .filter(|d| !is_lint(d))
        .collect();
    report(&diags, &session.sources);
    let n = session.inputs.len();
    super::status(format_args!(
        "checked {n} {}: {}",
        plural(n, "file"),
        counts(&diags)
    ));
    if diags.iter().any(ssmc_core::Diagnostic::is_error) {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}
