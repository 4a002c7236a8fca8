//! The Python checks over every inline script of the shared corpus: that
//! they never panic, and that none went quadratic (the cost itself is
//! measured by `cargo bench -p ssmc-tests --bench python`, docs/scripts.md).

use std::time::{Duration, Instant};

use ssmc_core::python::{self, Script};
use ssmc_tests::python_corpus::corpus_scripts;

#[test]
fn corpus_scripts_are_checked_quickly() {
    let all = corpus_scripts();
    if all.is_empty() {
        eprintln!("skipped: ../shared/corpus is absent");
        return;
    }
    assert!(
        all.len() > 400,
        "the corpus holds 450 inline Python scripts; read {}",
        all.len()
    );
    let start = Instant::now();
    let mut findings = 0;
    for s in &all {
        findings += python::check(&Script {
            text: &s.text,
            runtime: &s.runtime,
            handler: s.handler.as_deref(),
        })
        .len();
    }
    let per_script = start.elapsed() / u32::try_from(all.len()).unwrap_or(u32::MAX);
    eprintln!(
        "{} scripts, {findings} findings, {per_script:?} per script",
        all.len()
    );
    // The release bench measures well under 1 ms a script; this bound, in a
    // debug build on a shared, loaded machine, still fails a check gone
    // quadratic or worse.
    assert!(
        per_script < Duration::from_millis(10),
        "{per_script:?} per script"
    );
}
