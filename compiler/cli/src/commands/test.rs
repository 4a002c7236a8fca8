//! `ssmc test [PATHS] [--coverage] [--junit FILE]`: runs the `*.test.toml`
//! files under PATHS against the runbooks (or SSM documents) they name, in
//! the simulator (`ssmc_core::simulate`): no AWS account, no script runs.
//!
//! Output: one line per case on stdout, a failing case's differences (the
//! diverging step and both paths) under it, coverage with `--coverage`;
//! test-file errors on stderr as diagnostics. Exit: 0 every case passed, 1
//! a case failed or a test file or its runbook has errors, 2 no test file
//! was found or a file cannot be read or written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ssmc_core::codegen::{read, Format};
use ssmc_core::model::Document;
use ssmc_core::simulate::{self, coverage::Coverage, junit, testfile};
use ssmc_core::{pipeline, Diagnostic, SourceMap};

use super::{paths_or_cwd, plural, report, EXIT_ERRORS, EXIT_FAILURE, EXIT_OK};
use crate::files::{read_text, write_output};

/// The suffix that makes a TOML file a test file.
pub const TEST_SUFFIX: &str = ".test.toml";

pub struct TestOptions {
    pub coverage: bool,
    pub junit: Option<PathBuf>,
}

/// What one run of the command found.
#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
    /// Test files or runbooks that could not be used.
    broken: usize,
    suites: Vec<junit::SuiteResult>,
    coverage: BTreeMap<String, Coverage>,
}

pub fn run(paths: &[PathBuf], options: &TestOptions) -> u8 {
    let paths = paths_or_cwd(paths);
    let first = paths.first().map_or(Path::new("."), PathBuf::as_path);
    let project = ssmc_project::Project::discover(first);
    if let Some(fault) = &project.fault {
        errln!("error: {fault}");
        return EXIT_FAILURE;
    }
    let walked = match ssmc_project::walk(&paths, &project, &["toml"]) {
        Ok(w) => w,
        Err(e) => {
            errln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let files: Vec<PathBuf> = walked
        .files
        .into_iter()
        .filter(|f| f.path.to_string_lossy().ends_with(TEST_SUFFIX))
        .map(|f| f.path)
        .collect();
    if files.is_empty() {
        errln!("error: no test files (`*{TEST_SUFFIX}`) found; see docs/testing.md");
        return EXIT_FAILURE;
    }
    let mut sources = SourceMap::new();
    let mut tally = Tally::default();
    for file in &files {
        if let Err(e) = run_file(file, &project, &mut sources, &mut tally) {
            errln!("error: {e}");
            return EXIT_FAILURE;
        }
    }
    if options.coverage {
        print_coverage(&tally.coverage);
    }
    if let Some(out) = &options.junit {
        if let Err(e) = write_output(&project.root, out, &junit::render(&tally.suites)) {
            errln!("error: {e}");
            return EXIT_FAILURE;
        }
    }
    super::status(format_args!(
        "test: {} passed, {} failed{}",
        tally.passed,
        tally.failed,
        if tally.broken > 0 {
            format!(
                ", {} {} could not run",
                tally.broken,
                plural(tally.broken, "file")
            )
        } else {
            String::new()
        }
    ));
    if tally.failed > 0 || tally.broken > 0 {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

/// Runs one test file; `Err` only when a file cannot be read (exit 2).
fn run_file(
    file: &Path,
    project: &ssmc_project::Project,
    sources: &mut SourceMap,
    tally: &mut Tally,
) -> Result<(), String> {
    let text = read_text(file)?;
    let id = sources.add(file.display().to_string(), &text);
    let normalised = sources.get(id).map(|f| f.text.clone()).unwrap_or_default();
    let (parsed, mut diags) = testfile::parse(id, &normalised);
    let Some(tests) = parsed else {
        report(&diags, sources);
        tally.broken += 1;
        return Ok(());
    };
    let parent = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let from = std::fs::canonicalize(parent)
        .map_err(|e| format!("cannot read `{}`: {e}", parent.display()))?;
    let runbook = ssmc_project::resolve(&project.root, &from, &tests.runbook.0).map_err(|e| {
        format!(
            "{}: `runbook = \"{}\"`: {e}",
            file.display(),
            tests.runbook.0
        )
    })?;
    let doc = match load_document(&runbook, tests.document.as_deref(), sources)? {
        Ok(doc) => doc,
        Err(diags) => {
            report(&diags, sources);
            errln!(
                "error: `{}` cannot run: its runbook `{}` has errors",
                file.display(),
                runbook.display()
            );
            tally.broken += 1;
            return Ok(());
        }
    };
    diags.extend(testfile::check(&tests, &doc));
    if !diags.is_empty() {
        report(&diags, sources);
        tally.broken += 1;
        return Ok(());
    }
    let coverage = tally
        .coverage
        .entry(doc.name.clone())
        .or_insert_with(|| Coverage::of(&doc));
    let mut suite = junit::SuiteResult {
        name: file.display().to_string(),
        cases: Vec::new(),
    };
    for case in &tests.cases {
        let run = simulate::simulate(&doc, &case.scenario);
        coverage.add(&run);
        let failures = testfile::judge(case, &run);
        if failures.is_empty() {
            tally.passed += 1;
            outln!("test {} :: {} ... ok", file.display(), case.name);
        } else {
            tally.failed += 1;
            outln!("test {} :: {} ... FAILED", file.display(), case.name);
            for f in &failures {
                outln!("  {}", f.replace('\n', "\n  "));
            }
        }
        suite.cases.push(junit::CaseResult {
            name: case.name.clone(),
            failures,
            seconds: run.clock,
        });
    }
    tally.suites.push(suite);
    Ok(())
}

/// The document `name` (default: the first) of a runbook or an SSM document.
/// The outer `Err` is a file that cannot be read; the inner one its errors.
pub fn load_document(
    path: &Path,
    name: Option<&str>,
    sources: &mut SourceMap,
) -> Result<Result<Document, Vec<Diagnostic>>, String> {
    let text = read_text(path)?;
    let id = sources.add(path.display().to_string(), &text);
    let src = sources.get(id).map(|f| f.text.clone()).unwrap_or_default();
    let docs = match Format::from_path_ext(&path.to_string_lossy()) {
        Some(fmt) => {
            let stem = path
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            match read::read_document(id, &stem, &src, fmt) {
                Ok(doc) => vec![doc],
                Err(diags) => return Ok(Err(diags)),
            }
        }
        None => {
            let project = ssmc_project::Project::discover(path);
            let mut loader = ssmc_project::ProjectLoader::new(&project.root);
            loader.set_path(id, path.to_path_buf());
            let result = pipeline::compile(sources, &[id], &loader);
            let errors: Vec<Diagnostic> = result
                .diagnostics
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect();
            if !errors.is_empty() {
                return Ok(Err(errors));
            }
            result.files.into_iter().flat_map(|f| f.documents).collect()
        }
    };
    let found = match name {
        Some(n) => docs.into_iter().find(|d| d.name == n),
        None => docs.into_iter().next(),
    };
    Ok(found.ok_or_else(|| {
        let what = name.map_or("a document".to_string(), |n| format!("document `{n}`"));
        vec![Diagnostic::error(
            simulate::codes::INVALID_TEST_FILE,
            ssmc_core::Span::point(id, 0),
            format!("`{}` has no {what}", path.display()),
        )]
    }))
}

fn percent(covered: usize, total: usize) -> String {
    if total == 0 {
        "100%".to_string()
    } else {
        format!("{:.1}%", covered as f64 * 100.0 / total as f64)
    }
}

fn print_coverage(all: &BTreeMap<String, Coverage>) {
    outln!("coverage:");
    for (doc, c) in all {
        let (s, st) = c.step_count();
        let (e, et) = c.edge_count();
        outln!(
            "  {doc}: steps {s}/{st} ({}), branch edges {e}/{et} ({})",
            percent(s, st),
            percent(e, et)
        );
        let missed = c.missed_steps();
        if !missed.is_empty() {
            outln!("    steps not run: {}", missed.join(", "));
        }
        let edges: Vec<String> = c
            .missed_edges()
            .iter()
            .map(|(a, b)| format!("{a} → {b}"))
            .collect();
        if !edges.is_empty() {
            outln!("    edges not taken: {}", edges.join(", "));
        }
    }
}
