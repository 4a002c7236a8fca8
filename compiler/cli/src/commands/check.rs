//! `ssmc check [PATHS] [--no-cache]`: parse and type-check every `.rbk`;
//! print the compiler's diagnostics (the check view of the one verdict,
//! suppressions and `ssmc.toml` applied). An unchanged project is answered
//! from the result cache (`crate::cache`; one entry for the whole run, since
//! every file's declarations reach every other file).

use std::path::PathBuf;

use ssmc_core::verdict::is_lint;

use super::{
    open, paths_or_cwd, plural, print_rendered, report_shown, EXIT_ERRORS, EXIT_FAILURE, EXIT_OK,
};

pub fn run(paths: &[PathBuf], use_cache: bool) -> u8 {
    let paths = paths_or_cwd(paths);
    let mut session = match open(&paths, &["rbk", "template", "tf"]) {
        Ok(s) => s,
        Err(e) => {
            errln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let not_lint = |d: &ssmc_core::Diagnostic| !is_lint(d);
    let human = Some(super::color());
    let judged = match session.judge_cached("check", use_cache, None, b"", not_lint, human) {
        Ok(v) => v,
        Err(e) => {
            errln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let findings = judged.findings;
    match &judged.rendered {
        Some(text) => print_rendered(text),
        None => report_shown(&findings.shown, &session.sources),
    }
    let n = session.inputs.len();
    super::status(format_args!(
        "checked {n} {}: {}",
        plural(n, "file"),
        super::tally_counts(&findings.tally)
    ));
    if findings.tally.errors > 0 {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}
