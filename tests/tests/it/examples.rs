//! The shipped runbooks in `examples/` and the runbooks shown in `README.md`.
//!
//! Input: every `examples/*.rbk` (with the files they embed) and every fenced
//! code block of `README.md` that holds a runbook.
//! Asserts: each parses, lowers and checks with zero diagnostics (of any
//! severity) and is in the canonical format `ssmc fmt` prints; the examples
//! are the documents the README's table lists. These files are documentation,
//! so a change to the language that breaks them must fail here.

use std::path::{Path, PathBuf};

use ssmc_core::lower::FileLoader;
use ssmc_core::{fmt, pipeline, syntax, Diagnostic, FileId, SourceMap};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate sits in the repository")
        .to_path_buf()
}

fn examples_dir() -> PathBuf {
    repo_root().join("examples")
}

/// Every `.rbk` directly under `examples/`, sorted by name.
fn example_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(examples_dir())
        .expect("examples/ exists")
        .map(|e| e.expect("a readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rbk"))
        .collect();
    files.sort();
    files
}

/// `file("…")` paths are relative to the runbook; every example sits directly in `examples/`.
struct ExamplesLoader;

impl FileLoader for ExamplesLoader {
    fn load(&self, _from: FileId, path: &str) -> Result<String, String> {
        std::fs::read_to_string(examples_dir().join(path)).map_err(|e| format!("{path}: {e}"))
    }
}

/// `path:line:column: severity[code]: message` for each diagnostic, so a failure shows what broke.
fn describe(diags: &[Diagnostic], sources: &SourceMap) -> String {
    diags
        .iter()
        .map(|d| {
            let (name, pos) = match sources.get(d.primary.span.file) {
                Some(f) => {
                    let lc = f.lines.line_col(d.primary.span.start);
                    (f.name.clone(), format!("{}:{}", lc.line + 1, lc.col + 1))
                }
                None => ("?".to_string(), "?".to_string()),
            };
            format!(
                "{name}:{pos}: {}[{}]: {}{}",
                d.severity.as_str(),
                d.code,
                d.message,
                d.help.as_deref().map(|h| format!(" (help: {h})")).unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Compiles `(name, text)` sources together, as `ssmc check` does a folder.
fn compile(inputs: &[(String, String)]) -> (pipeline::Compilation, SourceMap) {
    let mut sources = SourceMap::new();
    let ids: Vec<FileId> = inputs.iter().map(|(name, text)| sources.add(name.clone(), text)).collect();
    let result = pipeline::compile(&mut sources, &ids, &ExamplesLoader);
    (result, sources)
}

fn read_examples() -> Vec<(String, String)> {
    example_files()
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("a readable example");
            (p.display().to_string(), text)
        })
        .collect()
}

#[test]
fn there_are_at_least_seven_examples() {
    let names: Vec<String> = example_files()
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    for expected in [
        "restart-service.rbk",
        "collect-diagnostics.rbk",
        "patch-fleet.rbk",
        "golden-ami.rbk",
        "incident-remediation.rbk",
        "ebs-snapshot-backup.rbk",
        "asg-instance-refresh.rbk",
    ] {
        assert!(names.iter().any(|n| n == expected), "examples/{expected} is missing");
    }
}

#[test]
fn every_example_parses_without_diagnostics() {
    for (name, text) in read_examples() {
        let mut sources = SourceMap::new();
        let id = sources.add(name.clone(), &text);
        let src = sources.get(id).expect("just added").text.clone();
        let parsed = syntax::parse(id, &src);
        assert!(
            parsed.diagnostics.is_empty(),
            "{name} does not parse cleanly:\n{}",
            describe(&parsed.diagnostics, &sources)
        );
    }
}

#[test]
fn every_example_checks_without_diagnostics() {
    let (result, sources) = compile(&read_examples());
    assert!(
        result.diagnostics.is_empty(),
        "the examples have diagnostics:\n{}",
        describe(&result.diagnostics, &sources)
    );
    let mut names: Vec<&str> = result.documents().map(|(_, d)| d.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "AsgInstanceRefresh",
            "CollectDiagnostics",
            "EbsSnapshotBackup",
            "GoldenAmi",
            "IncidentRemediation",
            "PatchFleet",
            "RestartService",
        ]
    );
}

#[test]
fn every_example_is_in_canonical_format() {
    for (name, text) in read_examples() {
        let mut sources = SourceMap::new();
        let id = sources.add(name.clone(), &text);
        let src = sources.get(id).expect("just added").text.clone();
        let parsed = syntax::parse(id, &src);
        let printed = fmt::format_file(&parsed.ast, Some(&src));
        assert!(printed == *src, "{name} is not formatted; `ssmc fmt examples` prints:\n{printed}");
    }
}

/// The fenced blocks of `README.md` that hold a runbook (they start with `///`,
/// `command` or `automation`).
fn readme_runbooks() -> Vec<String> {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).expect("README.md exists");
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in readme.lines() {
        match current.as_mut() {
            None if line.starts_with("```") => current = Some(String::new()),
            None => {}
            Some(block) if line.starts_with("```") => {
                let first = block.lines().next().unwrap_or("");
                if ["///", "command ", "automation "].iter().any(|p| first.starts_with(p)) {
                    blocks.push(block.clone());
                }
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    blocks
}

#[test]
fn readme_runbooks_check_without_diagnostics() {
    let blocks = readme_runbooks();
    assert!(blocks.len() >= 2, "README.md should show a Command and an Automation runbook");
    // Each block alone: they reuse document names of the examples.
    for (i, block) in blocks.iter().enumerate() {
        let (result, sources) = compile(&[(format!("README.md block {}", i + 1), block.clone())]);
        assert!(
            result.diagnostics.is_empty(),
            "README.md runbook {} has diagnostics:\n{}\n{block}",
            i + 1,
            describe(&result.diagnostics, &sources)
        );
    }
}
