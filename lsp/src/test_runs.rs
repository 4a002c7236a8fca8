//! Running a runbook's tests from the editor (docs/lsp.md, "Running tests"):
//! a "Run tests" code lens on each document of a `.rbk` file that has a test
//! file beside it (`STEM.test.toml`, as `ssmc test init` names it), and the
//! `ssmc.runTests` command (`workspace/executeCommand`) that runs that file in
//! the simulator as `ssmc test` does and publishes the outcome as
//! diagnostics on the test file: a case whose path diverged at its
//! `expect.path` (the diverging step and both paths), any other failing
//! expectation at its `[[test]]`, a test-file error at its key.
//!
//! Input: the runbook's URI (its open, unsaved text is what runs) or the
//! test file's own. Output: `{ testFile, passed, failed, errors }`.
//! Invariant: the server never dies on a test file: bad TOML, a missing or
//! broken runbook, anything are diagnostics; the run is on a blocking
//! thread under `catch_unwind`, and a panic answers an internal error.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use ssmc_core::codegen::{read, Format};
use ssmc_core::lower::FileLoader;
use ssmc_core::model::Document;
use ssmc_core::simulate::{self, testfile};
use ssmc_core::span::{FileId, SourceMap, Span};
use ssmc_core::{pipeline, Diagnostic};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types as lsp;

use crate::convert;
use crate::server::Backend;

/// The command a "Run tests" lens runs; the server implements it.
pub const RUN_TESTS: &str = "ssmc.runTests";

/// The suffix that makes a TOML file a test file (as `ssmc test` reads them).
const TEST_SUFFIX: &str = ".test.toml";

/// The test file beside the runbook at `path`, if there is one.
pub fn test_file_beside(path: &Path) -> Option<PathBuf> {
    if path.to_string_lossy().ends_with(TEST_SUFFIX) {
        return Some(path.to_path_buf());
    }
    let stem = path.file_stem()?.to_string_lossy();
    let test = path.with_file_name(format!("{stem}{TEST_SUFFIX}"));
    test.is_file().then_some(test)
}

/// What one run of a test file found.
#[derive(Debug, Default, PartialEq)]
pub struct Report {
    pub passed: usize,
    pub failed: usize,
    /// Test-file errors (the file, or its runbook, could not be run).
    pub errors: usize,
    /// On the test file.
    pub diagnostics: Vec<lsp::Diagnostic>,
}

/// The runbook the editor has open: its path and unsaved text.
pub struct Open<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

/// Runs the test file at `test_path` (text `test_text`) as `ssmc test` does;
/// `root` is the project folder its `runbook` must stay inside.
pub fn run(
    test_path: &Path,
    test_text: &str,
    open: Option<&Open<'_>>,
    root: &Path,
    loader: &dyn FileLoader,
) -> Report {
    let mut sources = SourceMap::new();
    let id = sources.add(test_path.display().to_string(), test_text);
    let normalised = sources.get(id).map(|f| f.text.clone()).unwrap_or_default();
    let mut report = Report::default();
    let (parsed, mut diags) = testfile::parse(id, &normalised);
    let Some(tests) = parsed else {
        report.errors = diags.len().max(1);
        report.diagnostics = converted(&sources, id, &diags);
        return report;
    };
    let at_runbook = tests.runbook.1;
    let doc = match document(&tests, test_path, open, root, loader, &mut sources) {
        Ok(doc) => doc,
        Err(message) => {
            diags.push(Diagnostic::error(
                simulate::codes::INVALID_TEST_FILE,
                at_runbook,
                message,
            ));
            report.errors = diags.len();
            report.diagnostics = converted(&sources, id, &diags);
            return report;
        }
    };
    diags.extend(testfile::check(&tests, &doc));
    if !diags.is_empty() {
        report.errors = diags.len();
        report.diagnostics = converted(&sources, id, &diags);
        return report;
    }
    let mut out: Vec<(Span, String)> = Vec::new();
    for case in &tests.cases {
        let ran = simulate::simulate(&doc, &case.scenario);
        let failures = testfile::judge(case, &ran);
        if failures.is_empty() {
            report.passed += 1;
            continue;
        }
        report.failed += 1;
        // The path's own difference goes on `expect.path`: the diverging step.
        let path_failure = case.expect.path.as_ref().and_then(|(expected, span)| {
            let diff = testfile::path_diff(expected, &ran.step_names());
            failures.contains(&diff).then_some((diff, *span))
        });
        let rest: Vec<&String> = failures
            .iter()
            .filter(|f| path_failure.as_ref().is_none_or(|(d, _)| d != *f))
            .collect();
        if let Some((diff, span)) = &path_failure {
            out.push((*span, format!("test `{}` failed: {diff}", case.name)));
        }
        if !rest.is_empty() {
            let listed: Vec<&str> = rest.iter().map(|s| s.as_str()).collect();
            out.push((
                case.span,
                format!("test `{}` failed: {}", case.name, listed.join("\n")),
            ));
        }
    }
    // A failing case is no error of the file: it has no code.
    let placed: Vec<(Span, Option<String>, String)> =
        out.into_iter().map(|(span, m)| (span, None, m)).collect();
    report.diagnostics = placed_in(&sources, id, &placed);
    report
}

/// The document the test file names, compiled from the open text when it
/// is the runbook the editor has open; `Err` says why it cannot run.
fn document(
    tests: &testfile::TestFile,
    test_path: &Path,
    open: Option<&Open<'_>>,
    root: &Path,
    loader: &dyn FileLoader,
    sources: &mut SourceMap,
) -> std::result::Result<Document, String> {
    let rel = &tests.runbook.0;
    let from = test_path
        .parent()
        .and_then(|p| std::fs::canonicalize(p).ok())
        .ok_or_else(|| format!("cannot read the folder of `{}`", test_path.display()))?;
    let path = ssmc_project::resolve(root, &from, rel).map_err(|e| format!("`{rel}`: {e}"))?;
    let same = |p: &Path| std::fs::canonicalize(p).ok() == std::fs::canonicalize(&path).ok();
    let text = match open.filter(|o| same(o.path)) {
        Some(o) => o.text.to_string(),
        None => {
            let (limit, why) = ssmc_project::text_limit(&path);
            let bytes = ssmc_fs::read_capped(&path, limit, ssmc_fs::Follow::Yes)
                .map_err(|_| format!("cannot read `{rel}` ({why})"))?;
            String::from_utf8(bytes).map_err(|_| format!("`{rel}` is not UTF-8"))?
        }
    };
    let file = sources.add(path.display().to_string(), &text);
    let normalised = sources
        .get(file)
        .map(|f| f.text.clone())
        .unwrap_or_default();
    let docs = match Format::from_path_ext(&path.to_string_lossy()) {
        Some(fmt) => {
            let stem = path
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            vec![read::read_document(file, &stem, &normalised, fmt)
                .map_err(|_| format!("`{rel}` has errors: fix them to run its tests"))?]
        }
        None => {
            let result = pipeline::compile(sources, &[file], loader);
            if result.diagnostics.iter().any(Diagnostic::is_error) {
                return Err(format!("`{rel}` has errors: fix them to run its tests"));
            }
            result.files.into_iter().flat_map(|f| f.documents).collect()
        }
    };
    let found = match tests.document.as_deref() {
        Some(name) => docs.into_iter().find(|d| d.name == name),
        None => docs.into_iter().next(),
    };
    found.ok_or_else(|| match tests.document.as_deref() {
        Some(name) => format!("`{rel}` has no document `{name}`"),
        None => format!("`{rel}` has no document"),
    })
}

/// Test-file errors as the editor shows them.
fn converted(sources: &SourceMap, id: FileId, diags: &[Diagnostic]) -> Vec<lsp::Diagnostic> {
    let placed: Vec<(Span, Option<String>, String)> = diags
        .iter()
        .map(|d| (d.primary.span, Some(d.code.to_string()), d.message.clone()))
        .collect();
    placed_in(sources, id, &placed)
}

/// Diagnostics in the test file `id`: (where, code, message); a place in
/// another file (the runbook) is shown at the file's start.
fn placed_in(
    sources: &SourceMap,
    id: FileId,
    placed: &[(Span, Option<String>, String)],
) -> Vec<lsp::Diagnostic> {
    let Some(file) = sources.get(id) else {
        return Vec::new();
    };
    placed
        .iter()
        .map(|(span, code, message)| lsp::Diagnostic {
            range: if span.file == id {
                convert::range(&file.lines, *span)
            } else {
                lsp::Range::default()
            },
            severity: Some(lsp::DiagnosticSeverity::ERROR),
            code: code.clone().map(lsp::NumberOrString::String),
            source: Some("ssmc test".to_string()),
            message: message.clone(),
            ..lsp::Diagnostic::default()
        })
        .collect()
}

/// "Run tests" above each document name (`ranges`, the other lenses' places).
pub fn lenses(uri: &lsp::Uri, ranges: &[lsp::Range]) -> Vec<lsp::CodeLens> {
    let Some(path) = uri.to_file_path() else {
        return Vec::new();
    };
    if !path.to_string_lossy().ends_with(".rbk") || test_file_beside(&path).is_none() {
        return Vec::new();
    }
    let mut seen: Vec<lsp::Range> = Vec::new();
    ranges
        .iter()
        .filter(|r| {
            let new = !seen.contains(r);
            seen.push(**r);
            new
        })
        .map(|range| lsp::CodeLens {
            range: *range,
            command: Some(lsp::Command {
                title: "Run tests".to_string(),
                command: RUN_TESTS.to_string(),
                arguments: Some(vec![serde_json::json!(uri.as_str())]),
            }),
            data: None,
        })
        .collect()
}

impl Backend {
    /// `workspace/executeCommand` `ssmc.runTests [uri]`: runs the test file
    /// of the runbook `uri` (or the test file `uri`), publishes its
    /// diagnostics, answers the counts.
    pub(crate) async fn run_tests(
        &self,
        params: lsp::ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
        let refuse = Error::invalid_params::<String>;
        if params.command != RUN_TESTS {
            return Err(refuse(format!("unknown command `{}`", params.command)));
        }
        let uri: lsp::Uri = params
            .arguments
            .first()
            .and_then(|a| a.as_str())
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| refuse(format!("{RUN_TESTS} takes the runbook's URI")))?;
        let runbook = uri
            .to_file_path()
            .ok_or_else(|| refuse(format!("`{}` is not a file", uri.as_str())))?
            .into_owned();
        let test_path = test_file_beside(&runbook)
            .filter(|t| self.in_workspace(t))
            .ok_or_else(|| {
                refuse(format!(
                    "no test file beside `{}` in the workspace (`ssmc test init` writes one)",
                    runbook.display()
                ))
            })?;
        let test_uri = lsp::Uri::from_file_path(&test_path)
            .ok_or_else(|| refuse(format!("`{}` has no URI", test_path.display())))?;
        // The test file's unsaved text, if the editor has it open.
        let test_text = match self.open_text(&test_uri) {
            Some(t) => t,
            None => {
                let (limit, why) = ssmc_project::text_limit(&test_path);
                let bytes = ssmc_fs::read_capped(&test_path, limit, ssmc_fs::Follow::Yes).map_err(
                    |_| refuse(format!("cannot read `{}` ({why})", test_path.display())),
                )?;
                String::from_utf8_lossy(&bytes).into_owned()
            }
        };
        let open_text = self.open_text(&uri);
        let loader = self.loader(Some(runbook.as_path()));
        let root = ssmc_project::Project::discover(&test_path).root;
        let path = test_path.clone();
        let ran = tokio::task::spawn_blocking(move || {
            catch_unwind(AssertUnwindSafe(|| {
                let open = open_text.as_deref().map(|text| Open {
                    path: &runbook,
                    text,
                });
                run(&path, &test_text, open.as_ref(), &root, &loader)
            }))
        })
        .await;
        let Some(report) = ran.ok().and_then(|r| r.ok()) else {
            let mut e = Error::internal_error();
            e.message = "internal error while running the tests; the server keeps running".into();
            return Err(e);
        };
        self.client
            .publish_diagnostics(test_uri.clone(), report.diagnostics, None)
            .await;
        Ok(Some(serde_json::json!({
            "testFile": test_uri.as_str(),
            "passed": report.passed,
            "failed": report.failed,
            "errors": report.errors,
        })))
    }
}

#[cfg(test)]
mod tests;
