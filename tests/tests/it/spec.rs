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
        let errors = ssmc_tests::errors_of(&result);
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

/// The backticked, comma-separated key list after `**what**:` in §17.
fn spec_order(markdown: &str, what: &str) -> Vec<String> {
    let section = markdown
        .split("## 17. Emission order")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("docs/language.md has §17");
    let start = section
        .find(&format!("**{what}**: `"))
        .map(|i| i + what.len() + 7)
        .expect("§17 names the order");
    let rest = section.get(start..).unwrap_or("");
    let list = rest.split('`').next().unwrap_or("");
    list.split(',')
        .map(|k| k.split_whitespace().collect::<String>())
        .filter(|k| !k.is_empty())
        .collect()
}

/// §17's order of a step's and a document's keys is the order codegen emits.
#[test]
fn emission_order_is_the_specs() {
    use ssmc_core::model::{Document, Node, Step, Value};
    let markdown = std::fs::read_to_string(repo_root().join("docs/language.md")).expect("spec");
    let s = |v: &str| Some(Node::string(v, ssmc_core::span::Span::default()));
    let step = Step {
        name: Node::string("A", ssmc_core::span::Span::default()),
        action: Node::string("aws:sleep", ssmc_core::span::Span::default()),
        description: s("d"),
        on_failure: s("Abort"),
        on_cancel: s("Abort"),
        next_step: s("B"),
        is_end: s("true"),
        is_critical: s("true"),
        max_attempts: s("1"),
        timeout_seconds: s("1"),
        precondition: s("p"),
        inputs: Some(Node::new(Value::Map(Vec::new()), Default::default())),
        loop_steps: None,
        loop_steps_index: 0,
        outputs: Some(Node::new(Value::List(Vec::new()), Default::default())),
        extra: Vec::new(),
        span: Default::default(),
    };
    let keys = |n: &Node| match &n.value {
        Value::Map(m) => m.iter().map(|(k, _)| k.name.clone()).collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    let emitted = keys(&codegen::order::step_node(&step));
    assert_eq!(emitted, spec_order(&markdown, "Step"), "step keys");
    let doc = Document {
        name: "D".into(),
        kind: ssmc_core::model::DocKind::Automation,
        schema_version: Node::string("0.3", Default::default()),
        description: s("d"),
        assume_role: s("r"),
        parameters: Some(Vec::new()),
        variables: Some(Vec::new()),
        files: Some(Node::new(Value::Map(Vec::new()), Default::default())),
        steps: Some(vec![step]),
        runtime_config: None,
        outputs: Some(Node::new(Value::List(Vec::new()), Default::default())),
        extra: Vec::new(),
        span: Default::default(),
    };
    // `mainSteps|runtimeConfig`: one or the other; this document has steps.
    let spec: Vec<String> = spec_order(&markdown, "Document")
        .into_iter()
        .map(|k| k.split('|').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(keys(&codegen::to_node(&doc)), spec, "document keys");
}
