//! `ssmc import` in process: read → import → format → parse → lower → emit,
//! compared with the original document the way `shared/tools/roundtrip.py`
//! compares (values, map key order free, spacing inside `{{ }}` folded).
//!
//! - every corpus document (skipped when `shared/corpus` is not found above
//!   the repository): prints `N/M round-trip exact` and the first difference
//!   of each inexact one; asserts at least 99%; every imported file parses
//!   with zero diagnostics and is `fmt`-idempotent;
//! - our own fixtures (`tests/fixtures/import/*.json|yaml`): snapshots of the
//!   imported `.rbk` with the input, and an exact round trip for each;
//! - malformed inputs (`tests/fixtures/import/err/`): the reader's diagnostics.

use ssmc_core::codegen::{self, read};
use ssmc_core::lower::NoFiles;
use ssmc_core::model::{Node, Value};
use ssmc_core::syntax::ast::{Item, SourceFileAst};
use ssmc_core::{catalog, fmt, import, pipeline, syntax, SourceMap};
use ssmc_tests::corpus_dir;
use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate sits in the repository")
        .to_path_buf()
}

pub(crate) fn format_of(path: &Path) -> read::Format {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    read::Format::from_path_ext(ext).expect("a .json, .yaml or .yml file")
}

/// What happened to one document on the way round.
pub(crate) struct Trip {
    rbk: String,
    actions: Option<String>,
    /// `None` when the built document equals the original.
    pub(crate) difference: Option<String>,
    /// Diagnostics of parsing the imported text (must be none).
    parse_diagnostics: Vec<String>,
    /// The imported text formatted again, when that changes it.
    not_idempotent: Option<String>,
}

fn round_trip(path: &Path) -> Result<Trip, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("document")
        .to_string();
    round_trip_text(&stem, &text, format_of(path))
}

pub(crate) fn round_trip_text(
    stem: &str,
    text: &str,
    format: read::Format,
) -> Result<Trip, String> {
    let stem = stem.to_string();
    let mut sources = SourceMap::new();
    let (catalog, _) = catalog::load_stdlib(&mut sources);
    let file = sources.add(format!("{stem}.{}", format.extension()), text);
    let text = sources
        .get(file)
        .map(|f| f.text.to_string())
        .unwrap_or_default();
    let original = read::parse(file, &text, format).map_err(|d| d.message)?;
    let doc = read::read_document(file, &stem, &text, format).map_err(|diags| {
        diags
            .iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let imported = import::import_document(&doc, &catalog);
    let rbk = fmt::format_file(&imported.ast, None);
    let actions = (!imported.extern_actions.is_empty()).then(|| {
        fmt::format_file(
            &SourceFileAst {
                items: imported
                    .extern_actions
                    .iter()
                    .cloned()
                    .map(Item::Action)
                    .collect(),
                comments: Vec::new(),
            },
            None,
        )
    });

    let rbk_file = sources.add(format!("{stem}.rbk"), &rbk);
    let parsed = syntax::parse(rbk_file, &rbk);
    let parse_diagnostics = parsed
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    let again = fmt::format_file(&parsed.ast, Some(&rbk));
    let not_idempotent = (again != rbk).then_some(again);

    let mut files = vec![rbk_file];
    if let Some(a) = &actions {
        files.push(sources.add("actions.rbk".to_string(), a));
    }
    let compiled = pipeline::compile(&mut sources, &files, &NoFiles);
    // Findings against AWS's API models (E1027–E1035) are faults of the
    // document itself, pinned by the corpus check test, not of the import.
    let aws_model = |code: &str| ("E1027"..="E1035").contains(&code);
    let errors: Vec<String> = compiled
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && !aws_model(d.code.as_str()))
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    let built: Vec<_> = compiled.documents().map(|(_, d)| d).collect();
    let difference = if !errors.is_empty() {
        Some(format!("build errors: {}", errors.join("; ")))
    } else if let [doc] = built.as_slice() {
        first_difference(
            &import::normalized(&original),
            &import::normalized(&codegen::to_node(doc)),
            "$",
        )
    } else {
        Some(format!("{} documents built", built.len()))
    };
    Ok(Trip {
        rbk,
        actions,
        difference,
        parse_diagnostics,
        not_idempotent,
    })
}

fn short(v: &Value) -> String {
    let text = format!("{v:?}");
    text.chars().take(80).collect()
}

/// The first place where two values differ, as the judge reports it.
fn first_difference(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Map(x), Value::Map(y)) => {
            for (k, v) in x {
                let Some((_, w)) = y.iter().find(|(k2, _)| k2.name == k.name) else {
                    return Some(format!("{at}.{}: missing after the round trip", k.name));
                };
                if let Some(d) = first_difference(&v.value, &w.value, &format!("{at}.{}", k.name)) {
                    return Some(d);
                }
            }
            y.iter()
                .find(|(k, _)| !x.iter().any(|(k2, _)| k2.name == k.name))
                .map(|(k, _)| format!("{at}.{}: added by the round trip", k.name))
        }
        (Value::List(x), Value::List(y)) => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                if let Some(d) = first_difference(&v.value, &w.value, &format!("{at}[{i}]")) {
                    return Some(d);
                }
            }
            (x.len() != y.len()).then(|| format!("{at}: {} items vs {}", x.len(), y.len()))
        }
        _ if a.same(b) => None,
        _ => Some(format!("{at}: {} vs {}", short(a), short(b))),
    }
}

pub(crate) fn manifest_files(corpus: &Path) -> Vec<PathBuf> {
    let manifest = std::fs::read_to_string(corpus.join("MANIFEST.tsv")).expect("MANIFEST.tsv");
    manifest
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next_back())
        .map(|rel| corpus.join(rel))
        .collect()
}

#[test]
fn corpus_round_trips() {
    let Some(corpus) = corpus_dir() else {
        eprintln!("shared/corpus not found: skipped");
        return;
    };
    let files = manifest_files(&corpus);
    let mut exact = 0usize;
    let mut problems = Vec::new();
    for path in &files {
        let rel = path
            .strip_prefix(&corpus)
            .unwrap_or(path)
            .display()
            .to_string();
        match round_trip(path) {
            Err(e) => problems.push(format!("{rel}: not imported: {e}")),
            Ok(trip) => {
                if !trip.parse_diagnostics.is_empty() {
                    problems.push(format!(
                        "{rel}: parse: {}",
                        trip.parse_diagnostics.join("; ")
                    ));
                }
                if trip.not_idempotent.is_some() {
                    problems.push(format!("{rel}: fmt is not idempotent on the imported file"));
                }
                match trip.difference {
                    None => exact += 1,
                    Some(d) => problems.push(format!("{rel}: {d}")),
                }
            }
        }
    }
    for p in &problems {
        println!("{p}");
    }
    println!("{exact}/{} round-trip exact", files.len());
    let parse_or_fmt = problems
        .iter()
        .filter(|p| p.contains(": parse: ") || p.contains("not idempotent"))
        .count();
    assert_eq!(
        parse_or_fmt, 0,
        "imported files must parse cleanly and be fmt-idempotent"
    );
    assert!(
        exact * 100 >= files.len() * 99,
        "{exact}/{} round-trip exact (need 99%)",
        files.len()
    );
}

pub(crate) fn fixture_dir() -> PathBuf {
    repo_root().join("tests").join("fixtures").join("import")
}

pub(crate) fn fixtures(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml")
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn fixtures_import_exactly() {
    let mut failures = Vec::new();
    for path in fixtures(&fixture_dir()) {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let input = std::fs::read_to_string(&path).expect("fixture");
        let trip = round_trip(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut snap = format!("--- INPUT ---\n{input}\n--- IMPORTED ---\n{}", trip.rbk);
        if let Some(actions) = &trip.actions {
            snap.push_str(&format!("\n--- actions.rbk ---\n{actions}"));
        }
        insta::assert_snapshot!(name.clone(), snap);
        if !trip.parse_diagnostics.is_empty() {
            failures.push(format!("{name}: parse: {:?}", trip.parse_diagnostics));
        }
        if trip.not_idempotent.is_some() {
            failures.push(format!("{name}: fmt changes the imported file"));
        }
        if let Some(d) = trip.difference {
            failures.push(format!("{name}: {d}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn malformed_inputs_are_reported() {
    let mut snap = String::new();
    for path in fixtures(&fixture_dir().join("err")) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let input = std::fs::read_to_string(&path).expect("fixture");
        let result = round_trip(&path);
        let Err(message) = result else {
            panic!("{name}: imported, but it is not a valid SSM document");
        };
        snap.push_str(&format!("--- {name} ---\n{input}\n=> {message}\n\n"));
    }
    insta::assert_snapshot!(snap);
}

#[test]
fn nothing_is_lost_for_a_plain_value() {
    // A sanity check of the comparison itself: a changed type is a difference.
    let a = Node::new(Value::String("600".into()), Default::default());
    let b = Node::new(Value::Int(600), Default::default());
    assert!(first_difference(&a.value, &b.value, "$").is_some());
    assert!(first_difference(&a.value, &a.value, "$").is_none());
}

/// A small deterministic generator (no dependency): xorshift64*.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n as u64)).unwrap_or(0)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Text made of the pieces that stress string styles and doc comments.
fn random_text(rng: &mut Rng) -> String {
    const PIECES: &[&str] = &[
        "word",
        " ",
        "  ",
        "\n",
        "\n",
        "\t",
        "\"",
        "\\",
        "\"\"\"",
        "\"\"\"#",
        "#",
        "{{ P0 }}",
        "{{P1}}",
        "{{print $2}}",
        "${HOME}",
        "é",
        "\u{1}",
        "\u{7f}",
        "\u{85}",
        "  \n",
        "///",
        "//",
        "{",
        "}",
        "lit",
        "end",
        "\r\n",
    ];
    let n = rng.below(8);
    (0..n).map(|_| rng.pick(PIECES)).collect()
}

fn random_value(rng: &mut Rng, depth: usize) -> serde_json::Value {
    use serde_json::Value as J;
    match rng.below(if depth > 2 { 6 } else { 9 }) {
        0 => J::Null,
        1 => J::Bool(rng.chance(50)),
        2 => J::from(i64::try_from(rng.below(100_000)).unwrap_or(0) - 50_000),
        3 => J::from([0.5, 100.0, -2.25, 1e21][rng.below(4)]),
        4 | 5 => J::String(
            [
                random_text(rng),
                "{{ P0 }}".into(),
                "{{ variable:V0 }}".into(),
            ][rng.below(3)]
            .clone(),
        ),
        6 => J::Array(
            (0..rng.below(4))
                .map(|_| random_value(rng, depth + 1))
                .collect(),
        ),
        7 => J::Array(
            (0..rng.below(4))
                .map(|_| J::String(random_text(rng)))
                .collect(),
        ),
        _ => {
            let mut m = serde_json::Map::new();
            for i in 0..rng.below(4) {
                let key = [format!("k{i}"), format!("odd key {i}"), "commands".into()]
                    [rng.below(3)]
                .clone();
                m.insert(key, random_value(rng, depth + 1));
            }
            J::Object(m)
        }
    }
}

/// A random Automation document that checks clean: pass-through inputs,
/// forward jumps only, references to declared parameters and variables.
pub(crate) fn random_document(seed: u64) -> String {
    use serde_json::{json, Value as J};
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let steps_n = 1 + rng.below(7);
    let mut steps = Vec::new();
    for i in 0..steps_n {
        let mut inputs = serde_json::Map::new();
        // An API whose `Settings` is a free-form JSON document: any value checks.
        inputs.insert("Service".into(), json!("cognito-idp"));
        inputs.insert("Api".into(), json!("UpdateManagedLoginBranding"));
        let mut settings = serde_json::Map::new();
        for k in 0..rng.below(4) {
            settings.insert(format!("In{k}"), random_value(&mut rng, 0));
        }
        inputs.insert("Settings".into(), J::Object(settings));
        let mut step = serde_json::Map::new();
        step.insert("name".into(), json!(format!("S{i}")));
        let later = |rng: &mut Rng| format!("S{}", i + 1 + rng.below(steps_n - i - 1));
        if i > 0 && i + 1 < steps_n && rng.chance(35) {
            // A branch: one to three choices to later steps, maybe a Default, maybe an end.
            step.insert("action".into(), json!("aws:branch"));
            let conditions = [
                json!({ "Variable": "{{ P0 }}", "StringEquals": "a" }),
                json!({ "Not": { "Variable": "{{ P0 }}", "StringEquals": "b" } }),
                json!({ "Variable": "{{ S0.Out }}", "StartsWith": "x" }),
                json!({ "And": [
                    { "Variable": "{{ P0 }}", "EqualsIgnoreCase": "c" },
                    { "Or": [ { "Variable": "{{ variable:V0 }}", "StringEquals": "d" }, { "Variable": "{{ P0 }}", "Contains": "e" } ] }
                ] }),
            ];
            let choices: Vec<J> = (0..1 + rng.below(3))
                .map(|_| {
                    let mut c = conditions[rng.below(conditions.len())].clone();
                    if let Some(m) = c.as_object_mut() {
                        m.insert("NextStep".into(), json!(later(&mut rng)));
                    }
                    c
                })
                .collect();
            let mut inputs = serde_json::Map::new();
            inputs.insert("Choices".into(), J::Array(choices));
            if rng.chance(60) {
                inputs.insert("Default".into(), json!(later(&mut rng)));
            }
            if rng.chance(40) {
                step.insert("isEnd".into(), json!(rng.chance(70)));
            }
            step.insert("inputs".into(), J::Object(inputs));
            steps.push(J::Object(step));
            continue;
        }
        step.insert("action".into(), json!("aws:executeAwsApi"));
        if rng.chance(50) {
            step.insert("description".into(), J::String(random_text(&mut rng)));
        }
        if rng.chance(40) {
            let v = [json!("Abort"), json!("Continue")][rng.below(2)].clone();
            let v = if i + 1 < steps_n && rng.chance(40) {
                json!(format!("step:{}", later(&mut rng)))
            } else {
                v
            };
            step.insert("onFailure".into(), v);
        }
        if rng.chance(40) {
            step.insert(
                "timeoutSeconds".into(),
                json!([45, 600, 7200, 90][rng.below(4)]),
            );
        }
        if rng.chance(30) {
            step.insert("maxAttempts".into(), json!(1 + rng.below(3)));
        }
        if rng.chance(30) {
            step.insert(
                "isCritical".into(),
                [json!(true), json!(false), json!("false")][rng.below(3)].clone(),
            );
        }
        if i + 1 < steps_n && rng.chance(40) {
            step.insert("nextStep".into(), json!(later(&mut rng)));
        }
        if rng.chance(20) {
            step.insert("isEnd".into(), json!(rng.chance(50)));
        }
        step.insert("inputs".into(), J::Object(inputs));
        if i == 0 || rng.chance(30) {
            step.insert(
                "outputs".into(),
                json!([{ "Name": "Out", "Selector": random_text(&mut rng), "Type": "String" }]),
            );
        }
        steps.push(J::Object(step));
    }
    let doc = json!({
        "schemaVersion": "0.3",
        "description": random_text(&mut rng),
        "parameters": {
            "P0": { "type": "String", "description": random_text(&mut rng), "default": random_text(&mut rng) },
            "P1": { "type": "StringList", "default": [random_text(&mut rng), random_text(&mut rng)] },
        },
        "variables": { "V0": { "type": "String", "default": "{{ P0 }}" } },
        "mainSteps": steps,
    });
    serde_json::to_string_pretty(&doc).expect("a JSON value serialises")
}

#[test]
fn random_documents_round_trip() {
    let mut failures = Vec::new();
    for seed in 0..300u64 {
        let text = random_document(seed);
        let stem = format!("Random{seed}");
        match round_trip_text(&stem, &text, read::Format::Json) {
            Err(e) => failures.push(format!("seed {seed}: not imported: {e}")),
            Ok(trip) => {
                if !trip.parse_diagnostics.is_empty() {
                    failures.push(format!(
                        "seed {seed}: parse: {:?}\n{}",
                        trip.parse_diagnostics, trip.rbk
                    ));
                }
                if let Some(d) = trip.difference {
                    failures.push(format!("seed {seed}: {d}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
