//! Cross-document typing: the embedded catalog of AWS-owned documents is the
//! one `ssmc_core::documents::catalog::generate` makes from the shared facts
//! file and `stdlib/aws-documents/get-document/*.json`.

use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("invariant: the tests crate is inside the repository")
        .to_path_buf()
}

/// `shared/facts/aws-documents.json` in this crate's directory or an ancestor.
fn facts_file() -> Option<PathBuf> {
    let mut dir = Some(Path::new(env!("CARGO_MANIFEST_DIR")));
    while let Some(d) = dir {
        let candidate = d.join("shared/facts/aws-documents.json");
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

/// The GetDocument responses a team added, sorted by file name.
fn get_documents(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    files
        .iter()
        .map(|p| {
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (
                name,
                std::fs::read_to_string(p).expect("read a GetDocument file"),
            )
        })
        .collect()
}

/// The generator's run: `UPDATE_DOCS=1 cargo test -p ssmc-tests --test it
/// aws_documents_catalog_is_fresh` writes `stdlib/aws-documents/catalog.bin`.
#[test]
fn aws_documents_catalog_is_fresh() {
    let Some(facts) = facts_file() else {
        eprintln!("shared/facts/aws-documents.json not found: skipped");
        return;
    };
    let root = repo_root().join("stdlib/aws-documents");
    let facts = std::fs::read_to_string(facts).expect("read the facts file");
    let bytes =
        ssmc_core::documents::catalog::generate(&facts, &get_documents(&root.join("get-document")))
            .expect("the facts file and GetDocument files are readable");
    let path = root.join("catalog.bin");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &bytes).expect("write catalog.bin");
        return;
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == bytes,
        "stdlib/aws-documents/catalog.bin is stale: run \
         `UPDATE_DOCS=1 cargo test -p ssmc-tests --test it aws_documents_catalog_is_fresh`"
    );
}

use ssmc_core::lint::LintConfig;
use ssmc_core::lower::NoFiles;
use ssmc_core::span::SourceMap;
use ssmc_core::verdict::{self, Input, Kind};

/// Every file of `files` (`(path, text)`) judged together, as `ssmc check`
/// judges a project (lint rules off: the checker's findings only).
pub(crate) fn judge_together(files: &[(String, String)]) -> (SourceMap, verdict::Verdict) {
    let mut sources = SourceMap::new();
    let (catalog, stdlib) = ssmc_core::catalog::load_stdlib(&mut sources);
    let inputs: Vec<Input> = files
        .iter()
        .map(|(path, text)| {
            let stem = Path::new(path)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Input {
                file: sources.add(path, text),
                kind: Kind::of_file(path, text),
                name: stem,
                lint: false,
            }
        })
        .collect();
    let config = LintConfig::all_off();
    let options = verdict::Options {
        lint: &config,
        external: None,
    };
    let v = verdict::judge(&mut sources, &inputs, &NoFiles, catalog, stdlib, options);
    (sources, v)
}

/// The checker's findings of [`judge_together`].
fn findings_together(
    files: &[(String, String)],
) -> (SourceMap, Vec<ssmc_core::diagnostic::Diagnostic>) {
    let (sources, v) = judge_together(files);
    (sources, v.diagnostics)
}

/// The files of a fixture folder, `(path relative to it, text)`, sorted.
fn folder(dir: &Path) -> Vec<(String, String)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                let rel = path.strip_prefix(root).unwrap_or(&path);
                out.push((rel.to_string_lossy().replace('\\', "/"), text));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn snapshot_of(files: &[(String, String)]) -> String {
    let (sources, diags) = findings_together(files);
    let mut out = String::new();
    for (path, text) in files {
        out.push_str(&format!("--- {path}\n{text}"));
    }
    out.push_str("--- DIAGNOSTICS\n");
    out.push_str(&ssmc::render::render(&diags, &sources, false));
    out
}

/// The corpus case, in a fixture of its own: an Automation document
/// passes `{cpu, duration}` to `cpu-stress`, whose (Linux) version declares
/// `CPU` and `DurationSeconds`.
#[test]
fn chaos_parameters_of_the_linux_document() {
    let files = folder(&crate::harness::fixtures(
        "documents/chaos_parameters_of_the_linux_document",
    ));
    let out = snapshot_of(&files);
    assert!(out.contains("E1060"), "{out}");
    insta::assert_snapshot!(out);
}

/// A runbook passes `install` where the called project runbook allows
/// `[Install, Uninstall]` (CrowdStrike/aws-ssm-distributor#100's run-time
/// failure), across a `.rbk` and a raw JSON document.
#[test]
fn allowed_value_in_other_case() {
    let files = folder(&crate::harness::fixtures(
        "documents/allowed_value_in_other_case",
    ));
    let out = snapshot_of(&files);
    assert!(out.contains("E1062"), "{out}");
    insta::assert_snapshot!(out);
}

/// The first case: `examples/incident-remediation.rbk` calls the
/// project's `RestartService` (`examples/restart-service.rbk`); with
/// `HealthTimeoutSeconds` misspelt, the check fails with did-you-mean.
#[test]
fn misspelt_parameter_of_a_project_document() {
    let read = |p: &str| {
        let text = std::fs::read_to_string(repo_root().join(p)).expect("an example");
        (p.to_string(), text)
    };
    let restart = read("examples/restart-service.rbk");
    let (path, incident) = read("examples/incident-remediation.rbk");
    // As written, the call fits the called document.
    let (_, diags) = findings_together(&[restart.clone(), (path.clone(), incident.clone())]);
    assert!(
        !diags.iter().any(|d| d.code.as_str().starts_with("E106")),
        "{diags:?}"
    );
    let broken = incident.replace("HealthTimeoutSeconds", "HealthTimeoutSecs");
    assert_ne!(broken, incident);
    let (sources, diags) = findings_together(&[restart, (path, broken)]);
    // The incident runbook's errors (the restart document's `file(…)` cannot
    // be read without a loader: not this test's concern).
    let incident_file = sources
        .files()
        .find(|f| f.name.ends_with("incident-remediation.rbk"))
        .map(|f| f.id);
    let errors: Vec<_> = diags
        .into_iter()
        .filter(|d| d.is_error() && Some(d.primary.span.file) == incident_file)
        .collect();
    insta::assert_snapshot!(ssmc::render::render(&errors, &sources, false));
}

/// Two documents of the project deployed as `cpu-stress` (the corpus's Linux
/// and Windows versions in two folders): the call is W1022, naming both,
/// and only what is wrong against both is an error (`cpu`, which neither
/// declares; `duration` fits the Windows one).
#[test]
fn ambiguous_deployed_name() {
    let files = folder(&crate::harness::fixtures(
        "documents/ambiguous_deployed_name",
    ));
    let (_, diags) = findings_together(&files);
    let codes: Vec<(&str, usize)> = diags
        .iter()
        .map(|d| (d.code.as_str(), d.secondary.len()))
        .collect();
    assert_eq!(codes, [("W1022", 2), ("E1060", 0)], "{diags:#?}");
    insta::assert_snapshot!(snapshot_of(&files));
}

/// The same document judged twice (the one file given two times) is one
/// claimant: no W1022, and the call is judged against it in full.
#[test]
fn the_same_document_twice_is_not_ambiguous() {
    let files = folder(&crate::harness::fixtures(
        "documents/chaos_parameters_of_the_linux_document",
    ));
    let mut twice = files.clone();
    twice.extend(
        files
            .iter()
            .filter(|(p, _)| p.starts_with("run-command/"))
            .map(|(p, t)| (format!("copy/{p}"), t.clone())),
    );
    let (_, diags) = findings_together(&twice);
    let codes: Vec<&str> = diags.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["E1060", "E1060"], "{diags:#?}");
}
