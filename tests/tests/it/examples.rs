//! The shipped runbooks in `examples/` and the runbooks shown in `README.md`.
//!
//! Input: every `examples/*.rbk` and every fenced code block of `README.md`
//! that holds a runbook.
//! Asserts: the seven examples the README lists exist; each example and
//! README runbook parses, lowers and checks with zero diagnostics (of any
//! severity) and is in the canonical layout `ssmc fmt` prints; each example has
//! no `ssmc lint` finding under the default rules, builds to JSON (snapshotted)
//! and YAML, and the README's `ssmc check` session is what ssmc prints. These
//! files are documentation, so a change that breaks them must fail here.

use std::path::{Path, PathBuf};

use ssmc_core::codegen::{self, read, Format};
use ssmc_core::lint::{source::lint_rbk, LintConfig};
use ssmc_core::lower::FileLoader;
use ssmc_core::model::Document;
use ssmc_core::{catalog, fmt, import, pipeline, syntax, Diagnostic, FileId, SourceMap};

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

/// `file("…")` paths are relative to the runbook; every example sits directly in
/// `examples/` (README runbooks embed the same files).
struct ExamplesLoader;

impl FileLoader for ExamplesLoader {
    fn load(&self, _from: FileId, path: &str) -> Result<String, String> {
        std::fs::read_to_string(examples_dir().join(path)).map_err(|e| format!("{path}: {e}"))
    }
}

/// Compiles one source with the pipeline `ssmc check` and `ssmc build` use;
/// returns the documents and every diagnostic, described.
fn compile(name: &str, text: &str) -> (Vec<Document>, String) {
    let (result, sources) = compile_raw(name, text);
    let docs = result.documents().map(|(_, d)| d.clone()).collect();
    (docs, describe(&result.diagnostics, &sources))
}

/// Every example compiled together, as `ssmc check examples` compiles the
/// folder (a runbook calls another example's document: `RestartService`).
fn compile_examples() -> (Vec<Document>, String) {
    let mut sources = SourceMap::new();
    let ids: Vec<FileId> = read_examples()
        .into_iter()
        .map(|(name, text)| sources.add(name, &text))
        .collect();
    let result = pipeline::compile(&mut sources, &ids, &ExamplesLoader);
    let docs = result.documents().map(|(_, d)| d.clone()).collect();
    (docs, describe(&result.diagnostics, &sources))
}

pub(crate) fn compile_raw(name: &str, text: &str) -> (pipeline::Compilation, SourceMap) {
    let mut sources = SourceMap::new();
    let id = sources.add(name.to_string(), text);
    let result = pipeline::compile(&mut sources, &[id], &ExamplesLoader);
    (result, sources)
}

/// `path:line:column: severity[code]: message` for each diagnostic, so a failure shows what broke.
pub(crate) fn describe(diags: &[Diagnostic], sources: &SourceMap) -> String {
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
                d.help
                    .as_deref()
                    .map(|h| format!(" (help: {h})"))
                    .unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub(crate) fn read_examples() -> Vec<(String, String)> {
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
        assert!(
            names.iter().any(|n| n == expected),
            "examples/{expected} is missing"
        );
    }
}

#[test]
fn every_example_checks_without_diagnostics() {
    let (docs, diags) = compile_examples();
    assert!(diags.is_empty(), "the examples have diagnostics:\n{diags}");
    let mut names: Vec<String> = docs.into_iter().map(|d| d.name).collect();
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

/// The examples follow the best practices they are meant to teach.
#[test]
fn every_example_is_lint_clean() {
    for (name, text) in read_examples() {
        let mut sources = SourceMap::new();
        let (catalog, _) = catalog::load_stdlib(&mut sources);
        let id = sources.add(name.clone(), &text);
        let src = sources.get(id).expect("just added").text.clone();
        let findings = lint_rbk(id, &src, &catalog, &LintConfig::default(), &ExamplesLoader);
        assert!(
            findings.is_empty(),
            "{name} has lint findings:\n{}",
            describe(&findings, &sources)
        );
    }
}

/// What `ssmc build examples --format json` writes, one snapshot per document;
/// the YAML output reads back to the same document.
#[test]
fn every_example_builds_to_json_and_yaml() {
    let (docs, diags) = compile_examples();
    assert!(diags.is_empty(), "the examples have diagnostics:\n{diags}");
    {
        for doc in docs {
            let json = codegen::emit(&doc, Format::Json);
            let yaml = codegen::emit(&doc, Format::Yaml);
            let back = read::parse(FileId(0), &yaml, Format::Yaml)
                .map_err(|d| d.message)
                .and_then(|node| {
                    read::document_from_node(&doc.name, &node).map_err(|ds| {
                        ds.into_iter()
                            .map(|d| d.message)
                            .collect::<Vec<_>>()
                            .join("; ")
                    })
                });
            match back {
                Ok(again) => assert_eq!(
                    codegen::emit(&again, Format::Json),
                    json,
                    "{}: the YAML output does not read back to the same document",
                    doc.name
                ),
                Err(e) => panic!("{}: the YAML output does not read back: {e}", doc.name),
            }
            insta::assert_snapshot!(format!("example_{}", doc.name), json);
        }
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

/// `ssmc fmt` would leave `text` unchanged; otherwise what it would print.
fn unformatted(name: &str, text: &str) -> Option<String> {
    let mut sources = SourceMap::new();
    let id = sources.add(name.to_string(), text);
    let src = sources.get(id).expect("just added").text.clone();
    let parsed = syntax::parse(id, &src);
    let printed = fmt::format_file(&parsed.ast, Some(&src));
    (printed != *src).then_some(printed)
}

#[test]
fn every_example_is_in_canonical_layout() {
    for (name, text) in read_examples() {
        if let Some(printed) = unformatted(&name, &text) {
            panic!("{name} is not in canonical layout; `ssmc fmt` prints:\n{printed}");
        }
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
                if ["///", "command ", "automation "]
                    .iter()
                    .any(|p| first.starts_with(p))
                {
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
    assert!(
        blocks.len() >= 2,
        "README.md should show a Command and an Automation runbook"
    );
    for (i, block) in blocks.iter().enumerate() {
        let (_, diags) = compile(&format!("README.md runbook {}", i + 1), block);
        assert!(
            diags.is_empty(),
            "README.md runbook {} has diagnostics:\n{diags}\n{block}",
            i + 1
        );
    }
}

#[test]
fn readme_runbooks_are_in_canonical_layout() {
    for (i, block) in readme_runbooks().iter().enumerate() {
        if let Some(printed) = unformatted("README.md", block) {
            panic!(
                "README.md runbook {} is not in canonical layout; `ssmc fmt` prints:\n{printed}",
                i + 1
            );
        }
    }
}

#[test]
fn readme_runbooks_parse_without_diagnostics() {
    let blocks = readme_runbooks();
    assert!(
        blocks.len() >= 2,
        "README.md should show a Command and an Automation runbook"
    );
    for (i, block) in blocks.iter().enumerate() {
        let mut sources = SourceMap::new();
        let id = sources.add(format!("README.md runbook {}", i + 1), block);
        let src = sources.get(id).expect("just added").text.clone();
        let parsed = syntax::parse(id, &src);
        assert!(
            parsed.diagnostics.is_empty(),
            "README.md runbook {} does not parse cleanly:\n{}\n{block}",
            i + 1,
            describe(&parsed.diagnostics, &sources)
        );
    }
}

/// The output the README shows after the line `command` in a fenced block.
fn readme_session(command: &str) -> String {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).expect("README.md exists");
    let shown: String = readme
        .lines()
        .skip_while(|l| *l != command)
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        !shown.is_empty(),
        "README.md should show `{command}` and its output"
    );
    shown
}

/// `examples/patch-fleet.rbk` with `from` replaced by `to` (once).
fn patch_fleet_with(from: &str, to: &str) -> String {
    let text =
        std::fs::read_to_string(examples_dir().join("patch-fleet.rbk")).expect("the example");
    let changed = text.replacen(from, to, 1);
    assert_ne!(changed, text, "patch-fleet.rbk no longer has `{from}`");
    changed
}

/// Rendered diagnostics and the summary line, as the CLI prints them without
/// colour; trailing spaces (the renderer pads some lines) are not kept in Markdown.
fn printed(diags: &[Diagnostic], sources: &SourceMap, summary: &str) -> String {
    let text = format!(
        "{}{summary} 1 file: {}\n",
        ssmc::render::render(diags, sources, false),
        ssmc::commands::counts(diags)
    );
    text.lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect()
}

/// The `ssmc check` session the README shows: `examples/patch-fleet.rbk` with
/// `MaxConcurrency` misspelt in its first stage.
#[test]
fn readme_check_session_is_what_ssmc_prints() {
    let shown = readme_session("$ ssmc check patch-fleet.rbk");
    let text = patch_fleet_with("MaxConcurrency: \"1\"", "MaxConcurency: \"1\"");
    let (result, sources) = compile_raw("patch-fleet.rbk", &text);
    assert_eq!(
        shown,
        printed(&result.diagnostics, &sources, "checked"),
        "README.md's `ssmc check` output is not what ssmc prints"
    );
}

/// The `ssmc lint` session the README shows: `examples/patch-fleet.rbk` whose
/// second stage has lost its rate controls.
#[test]
fn readme_lint_session_is_what_ssmc_prints() {
    let shown = readme_session("$ ssmc lint patch-fleet.rbk");
    let text = patch_fleet_with("    MaxConcurrency: \"10%\",\n    MaxErrors: \"5%\",\n", "");
    let mut sources = SourceMap::new();
    let (catalog, _) = catalog::load_stdlib(&mut sources);
    let id = sources.add("patch-fleet.rbk", &text);
    let src = sources.get(id).expect("just added").text.clone();
    let findings = lint_rbk(id, &src, &catalog, &LintConfig::default(), &ExamplesLoader);
    assert_eq!(
        shown,
        printed(&findings, &sources, "linted"),
        "README.md's `ssmc lint` output is not what ssmc prints"
    );
}

/// The `ssmc import` example of the README is what ssmc writes for AWS's
/// `AWS-RestartEC2Instance` (skipped when `../shared/corpus` is absent).
#[test]
fn readme_import_example_is_what_ssmc_writes() {
    let Some(path) = ssmc_tests::corpus_files().into_iter().find(|p| {
        p.file_name()
            .is_some_and(|n| n == "AWS-RestartEC2Instance.json")
    }) else {
        eprintln!("no ../shared/corpus here: skipped");
        return;
    };
    let shown = readme_runbooks()
        .into_iter()
        .find(|b| b.contains("automation \"AWS-RestartEC2Instance\""))
        .expect("README.md shows the imported AWS-RestartEC2Instance");
    let text = std::fs::read_to_string(&path).expect("the corpus document");
    let doc = read::read_document(FileId(0), "AWS-RestartEC2Instance", &text, Format::Json)
        .expect("the corpus document reads");
    let mut sources = SourceMap::new();
    let (catalog, _) = catalog::load_stdlib(&mut sources);
    let imported = import::import_document(&doc, &catalog);
    assert_eq!(shown, fmt::format_file(&imported.ast, None));
}
