//! The worked examples of `docs/language.md` are tests: each runbook block that
//! is followed by a ```json block must compile to exactly that document.
//!
//! Asserts: every such pair compiles without errors and the compiled JSON equals
//! the JSON shown (as values: key order free, types exact).

use ssmc_core::codegen::{self, Format};
use ssmc_core::lower::FileLoader;
use ssmc_core::{pipeline, SourceMap};
use ssmc_tests::{describe, repo_root};

/// The files the spec's examples embed, as the spec describes them.
struct SpecFiles;

impl FileLoader for SpecFiles {
    fn load(&self, _from: ssmc_core::FileId, path: &str) -> Result<String, String> {
        match path {
            "hello.zip" => Ok("hello\n".to_string()),
            _ => Err(format!("the spec shows no file `{path}`")),
        }
    }
}

/// `(line, runbook, json)` for every runbook block followed by a JSON block.
fn pairs(markdown: &str) -> Vec<(usize, String, String)> {
    let mut blocks: Vec<(usize, String, String)> = Vec::new(); // (line, lang, text)
    let mut current: Option<(usize, String, String)> = None;
    for (n, line) in markdown.lines().enumerate() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(lang)) => current = Some((n + 1, lang.trim().to_string(), String::new())),
            (Some(_), Some("")) => {
                if let Some(block) = current.take() {
                    blocks.push(block);
                }
            }
            (Some((_, _, text)), _) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => {}
        }
    }
    blocks
        .windows(2)
        .filter_map(|w| match w {
            [(line, lang, rbk), (_, next, json)]
                if lang.is_empty()
                    && next == "json"
                    && rbk
                        .lines()
                        .any(|l| l.starts_with("automation ") || l.starts_with("command ")) =>
            {
                Some((*line, rbk.clone(), json.clone()))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn language_spec_examples_compile_to_the_json_they_show() {
    let path = repo_root().join("docs/language.md");
    let markdown = std::fs::read_to_string(&path).expect("docs/language.md exists");
    let pairs = pairs(&markdown);
    assert!(
        pairs.len() >= 10,
        "expected the spec's worked examples, found {}",
        pairs.len()
    );
    let mut failures = Vec::new();
    for (line, rbk, json) in &pairs {
        let mut sources = SourceMap::new();
        let id = sources.add(format!("docs/language.md:{line}"), rbk);
        let result = pipeline::compile(&mut sources, &[id], &SpecFiles);
        let errors: Vec<_> = result
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        if !errors.is_empty() {
            failures.push(format!(
                "block at line {line} does not compile:\n{}",
                describe(&errors, &sources)
            ));
            continue;
        }
        let Some((_, doc)) = result.documents().next() else {
            failures.push(format!("block at line {line} has no document"));
            continue;
        };
        let ours: serde_json::Value =
            serde_json::from_str(&codegen::emit(doc, Format::Json)).expect("our JSON parses");
        let shown: serde_json::Value = match serde_json::from_str(json) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("the JSON after line {line} is not JSON: {e}"));
                continue;
            }
        };
        if ours != shown {
            failures.push(format!(
                "block at line {line} compiles to\n{}\nbut the spec shows\n{}",
                serde_json::to_string_pretty(&ours).unwrap_or_default(),
                serde_json::to_string_pretty(&shown).unwrap_or_default()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} spec examples differ:\n\n{}",
        failures.len(),
        pairs.len(),
        failures.join("\n\n")
    );
}
