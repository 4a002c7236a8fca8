//! The Python checks over every inline script of the shared corpus: what they
//! cost per script (docs/scripts.md), and that they never panic.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ssmc_core::codegen::{read, Format};
use ssmc_core::lint::python::scripts;
use ssmc_core::python::{self, Script};
use ssmc_core::span::SourceMap;

fn corpus_dir() -> Option<PathBuf> {
    let mut dir = Some(Path::new(env!("CARGO_MANIFEST_DIR")));
    while let Some(d) = dir {
        let candidate = d.join("../shared/corpus");
        if candidate.join("MANIFEST.tsv").is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

/// Every inline Python script of the corpus: (text, runtime, handler).
fn corpus_scripts(dir: &Path) -> Vec<(String, String, Option<String>)> {
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("manifest");
    let mut out = Vec::new();
    for line in manifest.lines().skip(1) {
        let Some(file) = line.split('\t').nth(6) else {
            continue;
        };
        let (Ok(text), Some(format)) = (
            std::fs::read_to_string(dir.join(file)),
            Format::from_path_ext(file),
        ) else {
            continue;
        };
        let mut sources = SourceMap::new();
        let id = sources.add(file, &text);
        let Ok(node) = read::parse(id, &text, format) else {
            continue;
        };
        let Ok(doc) = read::document_from_node("corpus", &node) else {
            continue;
        };
        for (step, script, runtime) in scripts(&doc) {
            let handler = ssmc_core::lint::walk::input(step, "Handler")
                .and_then(|h| h.as_str())
                .map(str::to_string);
            out.push((
                script.as_str().unwrap_or_default().to_string(),
                runtime.to_string(),
                handler,
            ));
        }
    }
    out
}

#[test]
fn corpus_scripts_are_checked_quickly() {
    let Some(dir) = corpus_dir() else {
        eprintln!("skipped: ../shared/corpus is absent");
        return;
    };
    let all = corpus_scripts(&dir);
    assert!(
        all.len() > 400,
        "the corpus holds 450 inline Python scripts; read {}",
        all.len()
    );
    let start = Instant::now();
    let mut findings = 0;
    for (text, runtime, handler) in &all {
        findings += python::check(&Script {
            text,
            runtime,
            handler: handler.as_deref(),
        })
        .len();
    }
    let per_script = start.elapsed() / u32::try_from(all.len()).unwrap_or(u32::MAX);
    eprintln!(
        "{} scripts, {findings} findings, {per_script:?} per script",
        all.len()
    );
    // The measured cost (docs/scripts.md) is well under 1 ms a script; this bound is
    // ten times that, so a shared, loaded machine does not fail the test while a
    // check that went quadratic or worse still does.
    assert!(
        per_script < Duration::from_millis(10),
        "{per_script:?} per script"
    );
}
