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
use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate sits in the repository")
        .to_path_buf()
}

/// `shared/corpus` in the nearest folder above the repository that has one.
fn corpus_dir() -> Option<PathBuf> {
    repo_root()
        .ancestors()
        .map(|a| a.join("shared").join("corpus"))
        .find(|p| p.join("MANIFEST.tsv").is_file())
}

fn format_of(path: &Path) -> read::Format {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    read::Format::from_path_ext(ext).expect("a .json, .yaml or .yml file")
}

/// What happened to one document on the way round.
struct Trip {
    rbk: String,
    actions: Option<String>,
    /// `None` when the built document equals the original.
    difference: Option<String>,
    /// Diagnostics of parsing the imported text (must be none).
    parse_diagnostics: Vec<String>,
    /// The imported text formatted again, when that changes it.
    not_idempotent: Option<String>,
}

fn round_trip(path: &Path) -> Result<Trip, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let format = format_of(path);
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("document")
        .to_string();
    let mut sources = SourceMap::new();
    let (catalog, _) = catalog::load_stdlib(&mut sources);
    let file = sources.add(path.display().to_string(), &text);
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
    let errors: Vec<String> = compiled
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
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

fn manifest_files(corpus: &Path) -> Vec<PathBuf> {
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

fn fixture_dir() -> PathBuf {
    repo_root().join("tests").join("fixtures").join("import")
}

fn fixtures(dir: &Path) -> Vec<PathBuf> {
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
