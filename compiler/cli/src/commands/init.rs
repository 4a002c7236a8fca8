//! `ssmc init [DIR] [--from DOCS]`: a starter project that checks, lints, builds
//! and formats clean: `ssmc.toml`, a Command and an Automation runbook under
//! `runbooks/` (or, with `--from`, the SSM documents of `DOCS` imported there),
//! `.gitignore` for the build folder, a GitHub Actions workflow, a pre-commit
//! configuration, `.editorconfig` and `.vscode/extensions.json`.
//!
//! Invariant: it never overwrites a file. Every target is checked first; if one
//! exists, it is named, nothing is written, and the exit status is 2.

use std::path::{Path, PathBuf};

use super::import::{convert, NotSsm};
use super::{plural, EXIT_FAILURE, EXIT_OK};
use crate::files::write_new;

/// Where the starter runbooks go, relative to the project folder.
pub const RUNBOOKS: &str = "runbooks";

/// The project files every starter gets: `(path in the project, text)`.
/// Hidden files are stored without their dot, so that they do not act on this repository.
const PROJECT_FILES: &[(&str, &str)] = &[
    ("ssmc.toml", include_str!("../../templates/init/ssmc.toml")),
    (".gitignore", include_str!("../../templates/init/gitignore")),
    (
        ".editorconfig",
        include_str!("../../templates/init/editorconfig"),
    ),
    (
        ".pre-commit-config.yaml",
        include_str!("../../templates/init/pre-commit-config.yaml"),
    ),
    (
        ".github/workflows/runbooks.yml",
        include_str!("../../templates/init/github/workflows/runbooks.yml"),
    ),
    (
        ".vscode/extensions.json",
        include_str!("../../templates/init/vscode/extensions.json"),
    ),
];

/// The example runbooks, written unless `--from` imports the project's own documents.
const STARTER_RUNBOOKS: &[(&str, &str)] = &[
    (
        "runbooks/disk-usage.rbk",
        include_str!("../../templates/init/runbooks/disk-usage.rbk"),
    ),
    (
        "runbooks/restart-instance.rbk",
        include_str!("../../templates/init/runbooks/restart-instance.rbk"),
    ),
];

/// The files of a new project in `dir`, with the workflow pinned to this version of ssmc.
fn starter_files(dir: &Path, with_examples: bool) -> Vec<(PathBuf, String)> {
    let examples = if with_examples { STARTER_RUNBOOKS } else { &[] };
    PROJECT_FILES
        .iter()
        .chain(examples)
        .map(|(rel, text)| {
            (
                dir.join(rel),
                text.replace("@SSMC_VERSION@", env!("CARGO_PKG_VERSION")),
            )
        })
        .collect()
}

pub fn run(dir: &Path, from: Option<&Path>) -> u8 {
    let mut files = starter_files(dir, from.is_none());
    if let Some(from) = from {
        let project = ssmc_project::Project::discover(from);
        let docs =
            match ssmc_project::walk(&[from.to_path_buf()], &project, &["json", "yaml", "yml"]) {
                Ok(d) => d.files.into_iter().map(|f| f.path).collect::<Vec<_>>(),
                Err(e) => {
                    errln!("error: {e}");
                    return EXIT_FAILURE;
                }
            };
        let converted = convert(&docs, &dir.join(RUNBOOKS), NotSsm::Skip, false);
        if converted.failed > 0 {
            errln!(
                "error: {} {} could not be imported; nothing was written",
                converted.failed,
                plural(converted.failed, "document")
            );
            return EXIT_FAILURE;
        }
        if converted.imported == 0 {
            errln!(
                "error: `{}` holds no SSM document (.json, .yaml or .yml); nothing was written",
                from.display()
            );
            return EXIT_FAILURE;
        }
        files.extend(converted.outputs);
    }
    let existing: Vec<&PathBuf> = files
        .iter()
        .map(|(p, _)| p)
        .filter(|p| p.exists())
        .collect();
    if !existing.is_empty() {
        for p in &existing {
            errln!("error: `{}` already exists", p.display());
        }
        errln!("ssmc init never overwrites a file: nothing was written; move them away or choose another folder");
        return EXIT_FAILURE;
    }
    let mut written: Vec<&Path> = Vec::new();
    for (path, text) in &files {
        if let Err(e) = write_new(path, text) {
            errln!("error: {e}");
            // Leave the folder as it was: remove what this run created.
            for p in written {
                let _ = std::fs::remove_file(p);
            }
            return EXIT_FAILURE;
        }
        written.push(path);
    }
    let cd = if dir == Path::new(".") {
        String::new()
    } else {
        format!("cd {} && ", dir.display())
    };
    super::status(format_args!(
        "created an ssmc project in {} ({} files); next: `{cd}ssmc check && ssmc lint && ssmc build`",
        dir.display(),
        files.len()
    ));
    EXIT_OK
}
