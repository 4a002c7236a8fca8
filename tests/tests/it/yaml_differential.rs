//! Differential test of the YAML reader against libyaml (PyYAML's CSafeLoader).
//!
//! `tests/yaml_differential.py` writes random YAML in every style libyaml reads
//! (flow collections at any indentation, trailing commas, multi-line plain and
//! quoted scalars, block scalars with indicators, comments, anchors, aliases,
//! merge keys, markers, directives, tabs) with the value libyaml reads from
//! each; every text libyaml accepts must read to the same value here. Needs
//! `python3` with PyYAML: without it the test is skipped, except under CI
//! (`CI` set), where that is a failure.

use crate::codegen::{first_difference, to_json};
use ssmc_core::codegen::read::parse_yaml;
use ssmc_core::FileId;

/// Texts per run: about a second of Python and of reading.
const COUNT: usize = 3000;

#[test]
fn yaml_reader_reads_what_libyaml_reads() {
    let seed = std::env::var("YAML_DIFF_SEED").unwrap_or_else(|_| "19".into());
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/yaml_differential.py");
    let args = [script.to_string(), seed.clone(), COUNT.to_string()];
    let Some(output) = crate::harness::python_with_pyyaml(&args) else {
        return;
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let (mut agreed, mut refused_by_libyaml, mut failures) = (0, 0, Vec::new());
    let mut repeated_keys = 0;
    for line in stdout.lines() {
        let case: serde_json::Value =
            serde_json::from_str(line).expect("the generator prints JSON lines");
        let text = case["yaml"].as_str().expect("a yaml text");
        let ours = parse_yaml(FileId(0), text);
        match (case.get("value"), ours) {
            (Some(theirs), Ok(node)) => {
                let ours = to_json(&node);
                match first_difference(theirs, &ours, "") {
                    None => agreed += 1,
                    Some(d) => failures.push(format!("{text}\n--- differs: {d}")),
                }
            }
            // libyaml keeps the last of a repeated key; the reader refuses it
            // on purpose (E0607: readers disagree on which one counts).
            (Some(_), Err(d)) if d.code == ssmc_core::codegen::read::codes::DUPLICATE_KEY => {
                repeated_keys += 1;
            }
            (Some(_), Err(d)) => failures.push(format!("{text}\n--- refused: {}", d.message)),
            (None, _) => refused_by_libyaml += 1,
        }
    }
    if let Ok(path) = std::env::var("YAML_DIFF_DUMP") {
        std::fs::write(path, failures.join("\n=====\n")).expect("the dump file is writable");
    }
    assert!(
        failures.is_empty(),
        "{} of {COUNT} texts read differently from libyaml (seed {seed}; YAML_DIFF_DUMP=file writes them all); the first:\n{}",
        failures.len(),
        failures.iter().take(3).cloned().collect::<Vec<_>>().join("\n=====\n")
    );
    assert!(
        agreed > COUNT * 9 / 10,
        "the generator should mostly write valid YAML: {agreed} agreed, {refused_by_libyaml} refused by libyaml, {repeated_keys} with a repeated key"
    );
}

/// Reads `text` to JSON, or the reader's message.
fn read(text: &str) -> serde_json::Value {
    parse_yaml(FileId(0), text).map_or_else(|d| d.message.into(), |n| to_json(&n))
}

#[test]
fn block_scalars_of_empty_lines_read_as_libyaml_reads_them() {
    assert_eq!(
        read("a: |+\n\nb: 1\n"),
        serde_json::json!({"a": "\n", "b": 1})
    );
    assert_eq!(
        read("a: |+2 # c\n\n\nb: 1\n"),
        serde_json::json!({"a": "\n\n", "b": 1})
    );
    assert_eq!(read("a: |2\n\n\n"), serde_json::json!({"a": ""}));
    assert_eq!(read("- >-\n\n- x\n"), serde_json::json!(["", "x"]));
}
