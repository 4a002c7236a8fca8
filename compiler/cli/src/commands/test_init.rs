//! `ssmc test init RUNBOOK [--document NAME] [--force]`: writes
//! `RUNBOOK.test.toml` beside the runbook (`patch-fleet.rbk` →
//! `patch-fleet.test.toml`), one case per path worth testing, mocks generated
//! from the document's types and expectations from a simulated run
//! (`ssmc_core::simulate::cases`, `render`).
//!
//! The file is read back and run before it is written: what `init` writes
//! passes `ssmc test`. Written atomically; an existing file is never
//! replaced without `--force`. Exit: 0 written; 1 the runbook has errors;
//! 2 a file cannot be read or written, or the test file exists.

use std::path::{Path, PathBuf};

use ssmc_core::model::Document;
use ssmc_core::simulate::{self, cases, render, testfile};
use ssmc_core::SourceMap;

use super::test::{load_document, TEST_SUFFIX};
use super::{plural, report, EXIT_ERRORS, EXIT_FAILURE, EXIT_OK};
use crate::files::{write_new_atomic, write_output};

pub fn run(runbook: &Path, document: Option<&str>, force: bool) -> u8 {
    let project = ssmc_project::Project::discover(runbook);
    if let Some(fault) = &project.fault {
        errln!("error: {fault}");
        return EXIT_FAILURE;
    }
    let mut sources = SourceMap::new();
    let doc = match load_document(runbook, document, &mut sources) {
        Err(e) => {
            errln!("error: {e}");
            return EXIT_FAILURE;
        }
        Ok(Err(diags)) => {
            report(&diags, &sources);
            errln!(
                "error: `{}` has errors; no tests were written",
                runbook.display()
            );
            return EXIT_ERRORS;
        }
        Ok(Ok(doc)) => doc,
    };
    let Some((out, name)) = test_path(runbook) else {
        errln!("error: `{}` is not a file", runbook.display());
        return EXIT_FAILURE;
    };
    let generated = cases::cases(&doc);
    let text = render::test_file(&name, &doc, &generated);
    if let Err(why) = passes(&text, &doc) {
        // A bug of the generator, never of the runbook: write nothing.
        errln!(
            "error: the generated tests do not pass ({why}); nothing was written, please report it"
        );
        return EXIT_FAILURE;
    }
    let written = if force {
        write_output(&project.root, &out, &text)
    } else {
        write_new_atomic(&out, &text)
    };
    if let Err(e) = written {
        errln!("error: {e}");
        if !force && out.exists() {
            errln!("ssmc test init never overwrites a test file without `--force`");
        }
        return EXIT_FAILURE;
    }
    super::status(format_args!(
        "wrote {} ({} {}); next: `ssmc test {}`",
        out.display(),
        generated.len(),
        plural(generated.len(), "test"),
        out.display()
    ));
    EXIT_OK
}

/// `dir/stem.test.toml` for `dir/stem.ext`, and the runbook's file name as
/// the test file names it.
fn test_path(runbook: &Path) -> Option<(PathBuf, String)> {
    let name = runbook.file_name()?.to_string_lossy().into_owned();
    let stem = runbook.file_stem()?.to_string_lossy().into_owned();
    Some((runbook.with_file_name(format!("{stem}{TEST_SUFFIX}")), name))
}

/// The written text read back as `ssmc test` reads it, every case run.
fn passes(text: &str, doc: &Document) -> Result<(), String> {
    let mut sources = SourceMap::new();
    let id = sources.add("generated", text);
    let (parsed, mut diags) = testfile::parse(id, text);
    let tests = parsed.ok_or("it does not read back")?;
    diags.extend(testfile::check(&tests, doc));
    if let Some(d) = diags.first() {
        return Err(d.message.clone());
    }
    for case in &tests.cases {
        let run = simulate::simulate(doc, &case.scenario);
        if let Some(f) = testfile::judge(case, &run).first() {
            return Err(format!("`{}`: {f}", case.name));
        }
    }
    Ok(())
}
