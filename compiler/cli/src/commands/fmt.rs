//! `ssmc fmt [--check] [PATHS]`: rewrite sources in the canonical style.
//! A file with syntax errors is reported and left untouched; a file keeps
//! its BOM and its line ends (CRLF stays CRLF): the style is the layout, not
//! the bytes an editor or `core.autocrlf` chose.

use std::path::PathBuf;

use ssmc_core::{fmt, syntax};

use super::{open, paths_or_cwd, plural, report, EXIT_ERRORS, EXIT_FAILURE, EXIT_OK};
use crate::files::{read_text, stage_rewrite, Batch};

pub fn run(paths: &[PathBuf], check_only: bool) -> u8 {
    let paths = paths_or_cwd(paths);
    let loaded = match open(&paths, &["rbk"]) {
        Ok(l) => l,
        Err(e) => {
            errln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let root = loaded.project.root.clone();
    let mut batch = Batch::new(Some(&root));
    let mut failed = false;
    let mut changed = 0usize;
    for (input, path) in loaded.inputs.iter().zip(&loaded.paths) {
        let id = input.file;
        let Some(source) = loaded.sources.get(id) else {
            continue;
        };
        let parsed = syntax::parse(id, &source.text);
        if parsed
            .diagnostics
            .iter()
            .any(ssmc_core::Diagnostic::is_error)
        {
            report(&parsed.diagnostics, &loaded.sources);
            errln!("{}: not formatted: it has syntax errors", path.display());
            failed = true;
            continue;
        }
        let on_disk = read_text(path).unwrap_or_default();
        let formatted = ssmc_core::raw_text::restyle(
            &on_disk,
            &fmt::format_file(&parsed.ast, Some(&source.text)),
        );
        if formatted == on_disk {
            continue;
        }
        changed += 1;
        if check_only {
            errln!("would reformat {}", path.display());
        } else if let Err(e) = stage_rewrite(&mut batch, &root, path, &source.text, &formatted) {
            errln!("error: {e}");
            return EXIT_FAILURE;
        }
    }
    // Every file is formatted before any is replaced.
    if let Err(e) = batch.commit() {
        errln!("error: {e}");
        return EXIT_FAILURE;
    }
    let n = loaded.inputs.len();
    if check_only {
        super::status(format_args!(
            "{changed} of {n} {} would be reformatted",
            plural(n, "file")
        ));
        if changed > 0 {
            failed = true;
        }
    } else {
        super::status(format_args!(
            "reformatted {changed} of {n} {}",
            plural(n, "file")
        ));
    }
    if failed {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}
