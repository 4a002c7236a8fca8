//! `ssmc test --from-execution FILE [PATHS] [--runbook PATH] [--output PATH]`:
//! writes a test case that replays a recorded Automation execution (the
//! JSON `aws ssm get-automation-execution` prints), built by
//! `ssmc_core::simulate::execution`.
//!
//! The runbook is `--runbook`, else the runbook or SSM document under PATHS
//! (default: the current folder) that defines the execution's
//! `DocumentName` (`.rbk` sources first). The test file goes to `--output`,
//! else beside the runbook as `STEM.execution-ID.test.toml` (the first 8
//! characters of the execution's id); it is written atomically and never
//! replaces a file. It is then run: a replay that does not pass shows how
//! the runbook's path differs from the recorded one.
//!
//! Exit: 0 written and passing; 1 written but failing, or the runbook has
//! errors; 2 the execution cannot be read or has not ended, no runbook
//! defines it, or the file cannot be written.

use std::path::{Component, Path, PathBuf};

use ssmc_core::codegen::Format;
use ssmc_core::model::Document;
use ssmc_core::simulate::{self, execution, render, testfile};
use ssmc_core::SourceMap;

use super::test::{load_document, TEST_SUFFIX};
use super::{paths_or_cwd, report, EXIT_ERRORS, EXIT_FAILURE, EXIT_OK};
use crate::files::{read_text, write_new_atomic};

pub struct ReplayOptions<'a> {
    pub execution: &'a Path,
    pub paths: &'a [PathBuf],
    pub runbook: Option<&'a Path>,
    pub output: Option<&'a Path>,
}

pub fn run(options: &ReplayOptions<'_>) -> u8 {
    let exec = match read_text(options.execution).and_then(|t| {
        execution::read(&t).map_err(|e| format!("`{}`: {e}", options.execution.display()))
    }) {
        Ok(exec) => exec,
        Err(e) => {
            errln!("error: {e}");
            errln!("expected the output of `aws ssm get-automation-execution --automation-execution-id ID`");
            return EXIT_FAILURE;
        }
    };
    for misfit in &exec.misfits {
        errln!(
            "warning: `{}`: {misfit} (botocore's `GetAutomationExecution` output shape)",
            options.execution.display()
        );
    }
    let mut sources = SourceMap::new();
    let found = match options.runbook {
        Some(path) => load_named(path, &exec.document_name, &mut sources)
            .map(|doc| doc.map(|d| (path.to_path_buf(), d))),
        None => find_runbook(options.paths, &exec.document_name, &mut sources),
    };
    let (runbook, doc) = match found {
        Ok(Some(found)) => found,
        Ok(None) => {
            errln!(
                "error: no runbook defines `{}` under the given paths; name it with `--runbook PATH`",
                exec.document_name
            );
            return EXIT_FAILURE;
        }
        Err(Loaded::Unreadable(e)) => {
            errln!("error: {e}");
            return EXIT_FAILURE;
        }
        Err(Loaded::Errors(diags)) => {
            report(&diags, &sources);
            errln!("error: the runbook has errors; no test was written");
            return EXIT_ERRORS;
        }
    };
    let replay = match execution::replay(&exec, &doc) {
        Ok(r) => r,
        Err(e) => {
            errln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    for note in &replay.notes {
        errln!("note: {note}");
    }
    let out = options
        .output
        .map_or_else(|| default_output(&runbook, &exec.id), Path::to_path_buf);
    let Some(runbook_key) = relative_from(&out, &runbook) else {
        errln!(
            "error: cannot name `{}` relative to `{}`",
            runbook.display(),
            out.display()
        );
        return EXIT_FAILURE;
    };
    let mut header = format!(
        "Written by `ssmc test --from-execution {}`: replays execution {}\n\
         of {} ({}): its parameters, a mock per executed step from its outputs,\n\
         the steps it ran in order and its final status.",
        options.execution.display(),
        exec.id,
        exec.document_name,
        exec.status
    );
    for note in &replay.notes {
        header.push_str("\nNote: ");
        header.push_str(note);
    }
    let text = render::test_file_headed(&header, &runbook_key, &doc, &[replay.case]);
    if let Err(e) = write_new_atomic(&out, &text) {
        errln!("error: {e}");
        if out.exists() {
            errln!(
                "ssmc test --from-execution never replaces a file; name another with `--output`"
            );
        }
        return EXIT_FAILURE;
    }
    let failures = replay_failures(&text, &doc);
    if failures.is_empty() {
        super::status(format_args!(
            "wrote {}: the replay of {} passes; next: `ssmc test {}`",
            out.display(),
            exec.id,
            out.display()
        ));
        EXIT_OK
    } else {
        outln!("test {} :: replay of {} ... FAILED", out.display(), exec.id);
        for f in &failures {
            outln!("  {}", f.replace('\n', "\n  "));
        }
        super::status(format_args!(
            "wrote {}, but the runbook no longer runs as execution {} did",
            out.display(),
            exec.id
        ));
        EXIT_ERRORS
    }
}

enum Loaded {
    Unreadable(String),
    Errors(Vec<ssmc_core::Diagnostic>),
}

/// The document `name` of `path`; an SSM document file (one document, named
/// after the file) is taken whatever its name.
fn load_named(
    path: &Path,
    name: &str,
    sources: &mut SourceMap,
) -> Result<Option<Document>, Loaded> {
    let single = Format::from_path_ext(&path.to_string_lossy()).is_some();
    let wanted = (!single).then_some(name);
    match load_document(path, wanted, sources) {
        Err(e) => Err(Loaded::Unreadable(e)),
        Ok(Ok(doc)) => Ok(Some(doc)),
        Ok(Err(diags)) if diags.iter().any(|d| d.message.contains("has no document")) => Ok(None),
        Ok(Err(diags)) => Err(Loaded::Errors(diags)),
    }
}

/// The first file under `paths` that defines document `name`: `.rbk`
/// sources (whose text names it), then SSM documents named `name.json`,
/// `.yaml` or `.yml`.
fn find_runbook(
    paths: &[PathBuf],
    name: &str,
    sources: &mut SourceMap,
) -> Result<Option<(PathBuf, Document)>, Loaded> {
    let paths = paths_or_cwd(paths);
    let first = paths.first().map_or(Path::new("."), PathBuf::as_path);
    let project = ssmc_project::Project::discover(first);
    let walked = ssmc_project::walk(&paths, &project, &["rbk", "json", "yaml", "yml"])
        .map_err(Loaded::Unreadable)?;
    let mut candidates: Vec<PathBuf> = walked.files.into_iter().map(|f| f.path).collect();
    candidates.sort_by_key(|p| p.extension().is_none_or(|e| e != "rbk"));
    for path in candidates {
        let is_source = path.extension().is_some_and(|e| e == "rbk");
        let named = if is_source {
            read_text(&path).is_ok_and(|t| t.contains(name))
        } else {
            path.file_stem().is_some_and(|s| s == name)
        };
        if !named {
            continue;
        }
        match load_named(&path, name, sources) {
            Ok(Some(doc)) if doc.name == name => return Ok(Some((path, doc))),
            Ok(_) => {}
            // A source naming the document that does not compile is the
            // runbook: its errors are the answer.
            Err(e) if is_source => return Err(e),
            Err(_) => {}
        }
    }
    Ok(None)
}

/// `STEM.execution-ID8.test.toml` beside the runbook.
fn default_output(runbook: &Path, id: &str) -> PathBuf {
    let stem = runbook.file_stem().map_or_else(
        || "runbook".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let short: String = id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect();
    let short = if short.is_empty() {
        "replay".to_string()
    } else {
        short
    };
    runbook.with_file_name(format!("{stem}.execution-{short}{TEST_SUFFIX}"))
}

/// `target` as a test file at `file` names it: relative to its folder, `/`-separated.
fn relative_from(file: &Path, target: &Path) -> Option<String> {
    let dir = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir = std::fs::canonicalize(dir).ok()?;
    let target = std::fs::canonicalize(target).ok()?;
    let from: Vec<Component> = dir.components().collect();
    let to: Vec<Component> = target.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    for c in to.get(common..).unwrap_or_default() {
        parts.push(c.as_os_str().to_string_lossy().into_owned());
    }
    Some(parts.join("/"))
}

/// The written text read back as `ssmc test` reads it, its case run.
fn replay_failures(text: &str, doc: &Document) -> Vec<String> {
    let mut sources = SourceMap::new();
    let id = sources.add("replay", text);
    let (parsed, mut diags) = testfile::parse(id, text);
    let Some(tests) = parsed else {
        return diags.into_iter().map(|d| d.message).collect();
    };
    diags.extend(testfile::check(&tests, doc));
    if !diags.is_empty() {
        return diags.into_iter().map(|d| d.message).collect();
    }
    tests
        .cases
        .iter()
        .flat_map(|case| testfile::judge(case, &simulate::simulate(doc, &case.scenario)))
        .collect()
}
