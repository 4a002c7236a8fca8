//! The corpus re-serialised: every document of `shared/corpus` written again in
//! other YAML styles and as JSON, with mutations, by `tests/corpus_styles.py`
//! (PyYAML). Each text must read here to the value libyaml reads from it (the
//! value of the original document), and round-trip through import and build to
//! that value. The import works on the value read (positions aside), so by
//! default each document is round-tripped in one of its styles, in turn, and
//! read in all of them; `CORPUS_STYLES=all` writes every document in every style
//! and round-trips each (minutes in a debug build). Needs `python3` with PyYAML
//! and the corpus: without either the test is skipped, except under CI (`CI`
//! set), where missing PyYAML is a failure.

use crate::codegen::{first_difference, to_json};
use crate::import::round_trip_text;
use ssmc_core::codegen::read::{self, Format};
use ssmc_core::FileId;
use ssmc_tests::corpus_dir;
use std::collections::BTreeMap;

#[test]
fn corpus_reads_and_round_trips_in_every_style() {
    let Some(corpus) = corpus_dir() else {
        eprintln!("shared/corpus not found: skipped");
        return;
    };
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus_styles.py");
    let mut args = vec![
        script.to_string(),
        corpus.display().to_string(),
        "19".into(),
    ];
    let all = std::env::var("CORPUS_STYLES").as_deref() == Ok("all");
    if all {
        args.push("all".into());
    }
    let Some(output) = crate::harness::python_with_pyyaml(&args) else {
        return;
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut file = String::new();
    let mut value = serde_json::Value::Null;
    let mut failures = Vec::new();
    let mut per_style: BTreeMap<String, usize> = BTreeMap::new();
    let mut dropped = serde_json::Value::Null;
    let (mut documents, mut style_index, mut round_trips) = (0usize, 0usize, 0usize);
    for line in stdout.lines() {
        let case: serde_json::Value =
            serde_json::from_str(line).expect("the generator prints JSON lines");
        if let Some(d) = case.get("dropped") {
            dropped = d.clone();
            continue;
        }
        if let Some(f) = case.get("file").and_then(|f| f.as_str()) {
            file = f.to_string();
            value = case["value"].clone();
            documents += 1;
            style_index = 0;
            continue;
        }
        // This document's turn to round-trip in this style.
        let round_trip = all || style_index == documents % 7;
        style_index += 1;
        let style = case["style"].as_str().unwrap_or("?").to_string();
        let text = case["text"].as_str().unwrap_or("");
        let format = if case["format"] == "json" {
            Format::Json
        } else {
            Format::Yaml
        };
        round_trips += usize::from(round_trip);
        let failure = check(&file, text, format, &value, round_trip);
        *per_style.entry(style.clone()).or_default() += 1;
        if let Some(why) = failure {
            failures.push(format!("{file} [{style}]: {why}"));
        }
    }
    let total: usize = per_style.values().sum();
    println!(
        "{total} re-serialised documents ({round_trips} round-tripped): {per_style:?}; dropped by the generator: {dropped}"
    );
    assert!(
        failures.is_empty(),
        "{} of {total} re-serialised documents fail; the first:\n{}",
        failures.len(),
        failures
            .iter()
            .take(8)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    // Every document in at least the six styles the generator writes for all,
    // and round-tripped in one of them.
    assert!(
        total >= documents * 6,
        "only {total} re-serialised documents"
    );
    assert!(round_trips >= documents, "only {round_trips} round trips");
}

/// Why one re-serialised document fails, or `None`.
fn check(
    file: &str,
    text: &str,
    format: Format,
    value: &serde_json::Value,
    round_trip: bool,
) -> Option<String> {
    let ours = match read::parse(FileId(0), text, format) {
        Ok(node) => to_json(&node),
        Err(d) => return Some(format!("refused: {}", d.message)),
    };
    if let Some(d) = first_difference(value, &ours, "") {
        return Some(format!("reads differently from libyaml: {d}"));
    }
    if !round_trip {
        return None;
    }
    let stem = file
        .rsplit('/')
        .next()
        .map(|b| b.rsplit_once('.').map_or(b, |(s, _)| s))
        .unwrap_or("document");
    match round_trip_text(stem, text, format) {
        Err(e) => Some(format!("not imported: {e}")),
        Ok(trip) => trip.difference.map(|d| format!("round trip: {d}")),
    }
}
