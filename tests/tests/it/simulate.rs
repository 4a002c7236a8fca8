//! `ssmc test` over the shipped examples: every example has tests that pass
//! and cover at least 90% of its steps and branch edges, and every mutant of
//! an example (a branch choice negated, an `onFailure` removed) makes one of
//! its tests fail. Over the shared corpus (when the folder exists): every
//! Automation document runs with generated mocks, ends, and runs the same twice.

use std::path::PathBuf;

use ssmc_core::model::{Document, Key, Node, Step, Value};
use ssmc_core::simulate;
use ssmc_core::simulate::coverage::Coverage;
use ssmc_core::simulate::testfile::{self, TestFile};
use ssmc_core::span::SourceMap;

use crate::examples::{compile_raw, describe};
use ssmc_tests::corpus_dir;
use ssmc_tests::repo_root;

/// Each example with its document and its test file.
pub(crate) fn examples() -> Vec<(String, Document, TestFile)> {
    let dir = repo_root().join("examples");
    let mut rbk: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/ exists")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rbk"))
        .collect();
    rbk.sort();
    let mut out = Vec::new();
    for path in rbk {
        let stem = path
            .file_stem()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&path).expect("a readable example");
        let (result, sources) = compile_raw(&path.display().to_string(), &text);
        let errors = ssmc_tests::errors_of(&result);
        assert!(errors.is_empty(), "{}", describe(&errors, &sources));
        let doc = result
            .documents()
            .map(|(_, d)| d.clone())
            .next()
            .expect("a document");
        let test_path = dir.join(format!("{stem}.test.toml"));
        let test_text = std::fs::read_to_string(&test_path).unwrap_or_else(|_| {
            panic!("examples/{stem}.rbk has no tests: examples/{stem}.test.toml")
        });
        let mut sources = SourceMap::new();
        let id = sources.add(test_path.display().to_string(), &test_text);
        let (tests, mut diags) = testfile::parse(id, &test_text);
        let tests = tests.expect("the test file reads");
        diags.extend(testfile::check(&tests, &doc));
        assert!(diags.is_empty(), "{}", describe(&diags, &sources));
        assert_eq!(tests.runbook.0, format!("{stem}.rbk"));
        out.push((stem, doc, tests));
    }
    assert!(out.len() >= 7, "examples/ lists the shipped runbooks");
    out
}

/// The names of the cases that fail on `doc`.
fn failing(doc: &Document, tests: &TestFile) -> Vec<String> {
    tests
        .cases
        .iter()
        .filter(|c| !testfile::judge(c, &simulate::simulate(doc, &c.scenario)).is_empty())
        .map(|c| c.name.clone())
        .collect()
}

#[test]
fn every_example_passes_its_tests_with_90_percent_coverage() {
    for (stem, doc, tests) in examples() {
        let mut coverage = Coverage::of(&doc);
        for case in &tests.cases {
            let run = simulate::simulate(&doc, &case.scenario);
            let failures = testfile::judge(case, &run);
            assert!(
                failures.is_empty(),
                "{stem} :: {}:\n{}",
                case.name,
                failures.join("\n")
            );
            coverage.add(&run);
        }
        assert!(
            coverage.ratio() >= 0.9,
            "{stem}: steps {:?}, edges {:?}; not run: {:?}, not taken: {:?}",
            coverage.step_count(),
            coverage.edge_count(),
            coverage.missed_steps(),
            coverage.missed_edges()
        );
    }
}

/// The `n`th step in document order (loop bodies included), mutably.
fn nth_mut<'a>(steps: &'a mut [Step], n: &mut usize) -> Option<&'a mut Step> {
    for s in steps {
        if *n == 0 {
            return Some(s);
        }
        *n -= 1;
        if let Some(body) = s.loop_steps.as_mut() {
            if let Some(found) = nth_mut(body, n) {
                return Some(found);
            }
        }
    }
    None
}

/// (description, mutant) for each branch choice negated and each `onFailure` removed.
pub(crate) fn mutants(doc: &Document) -> Vec<(String, Document)> {
    let mut out = Vec::new();
    let count = simulate::testfile::all_steps(doc).len();
    for index in 0..count {
        // Negate each choice of a branch.
        let choices = with_step(doc, index, |s| {
            s.inputs
                .as_ref()
                .and_then(|i| i.get("Choices"))
                .and_then(Node::as_list)
                .map_or(0, <[Node]>::len)
        });
        for c in 0..choices {
            let mut mutant = doc.clone();
            let name = with_step_mut(&mut mutant, index, |s| {
                negate_choice(s, c);
                s.name_str().to_string()
            });
            out.push((format!("{name}: choice {} negated", c + 1), mutant));
        }
        // Removing `onFailure: Abort` changes nothing (Abort is the default).
        let moves = with_step(doc, index, |s| {
            s.on_failure
                .as_ref()
                .and_then(Node::as_str)
                .is_some_and(|f| f != "Abort")
        });
        if moves {
            let mut mutant = doc.clone();
            let name = with_step_mut(&mut mutant, index, |s| {
                s.on_failure = None;
                s.name_str().to_string()
            });
            out.push((format!("{name}: onFailure removed"), mutant));
        }
    }
    out
}

fn with_step<T>(doc: &Document, index: usize, f: impl FnOnce(&Step) -> T) -> T {
    f(simulate::testfile::all_steps(doc)[index])
}

fn with_step_mut<T>(doc: &mut Document, index: usize, f: impl FnOnce(&mut Step) -> T) -> T {
    let mut n = index;
    let steps = doc.steps.as_mut().expect("steps");
    f(nth_mut(steps, &mut n).expect("the step exists"))
}

/// Replaces choice `c` by `{ NextStep, Not: <its condition> }`.
fn negate_choice(step: &mut Step, c: usize) {
    let Some(Node {
        value: Value::Map(inputs),
        ..
    }) = step.inputs.as_mut()
    else {
        return;
    };
    let Some((
        _,
        Node {
            value: Value::List(choices),
            ..
        },
    )) = inputs.iter_mut().find(|(k, _)| k.name == "Choices")
    else {
        return;
    };
    let choice = &mut choices[c];
    let Value::Map(entries) = &choice.value else {
        return;
    };
    let next: Vec<(Key, Node)> = entries
        .iter()
        .filter(|(k, _)| k.name == "NextStep")
        .cloned()
        .collect();
    let condition: Vec<(Key, Node)> = entries
        .iter()
        .filter(|(k, _)| k.name != "NextStep")
        .cloned()
        .collect();
    let span = choice.span;
    let key = |name: &str| Key {
        name: name.to_string(),
        span,
    };
    let mut negated = next;
    negated.push((key("Not"), Node::new(Value::Map(condition), span)));
    choice.value = Value::Map(negated);
}

/// Mutants no test can catch, each with the reason.
const EQUIVALENT: &[(&str, &str, &str)] = &[
    (
        "asg-instance-refresh",
        "WaitForRefresh: onFailure removed",
        "a loop's own onFailure applies only when the loop step itself fails; each step of its body has its own",
    ),
    (
        "ebs-snapshot-backup",
        "SnapshotEach: onFailure removed",
        "a loop's own onFailure applies only when the loop step itself fails; a failing body step aborts (it has no onFailure)",
    ),
];

#[test]
fn every_mutant_of_an_example_fails_a_test() {
    let mut survivors = Vec::new();
    let mut total = 0;
    for (stem, doc, tests) in examples() {
        assert!(
            failing(&doc, &tests).is_empty(),
            "{stem}: its tests pass before mutation"
        );
        for (what, mutant) in mutants(&doc) {
            total += 1;
            let known = EQUIVALENT.iter().any(|(s, w, _)| *s == stem && *w == what);
            let caught = !failing(&mutant, &tests).is_empty();
            if !caught && !known {
                survivors.push(format!("{stem}: {what}"));
            }
            assert!(
                !(caught && known),
                "{stem}: {what} is caught now; drop it from EQUIVALENT"
            );
        }
    }
    assert!(total >= 30, "only {total} mutants");
    assert!(
        survivors.is_empty(),
        "mutants no test catches:\n{}",
        survivors.join("\n")
    );
}

/// The corpus's Automation documents, read: (path in the corpus, document).
fn corpus_automation() -> Option<Vec<(String, Document)>> {
    let root = corpus_dir()?;
    let manifest = std::fs::read_to_string(root.join("MANIFEST.tsv")).expect("the manifest");
    let mut out = Vec::new();
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(kind), Some(rel)) = (cols.get(4), cols.last()) else {
            continue;
        };
        if *kind != "Automation" {
            continue;
        }
        let text = std::fs::read_to_string(root.join(rel)).expect("a corpus file");
        let stem = std::path::Path::new(rel)
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let format = ssmc_core::codegen::Format::from_path_ext(rel).expect(".json/.yml/.yaml");
        let mut sources = SourceMap::new();
        let id = sources.add(*rel, &text);
        match ssmc_core::codegen::read::read_document(id, &stem, &text, format) {
            Ok(doc) => out.push((rel.to_string(), doc)),
            Err(diags) => panic!("{rel} does not read: {}", describe(&diags, &sources)),
        }
    }
    Some(out)
}

/// The "Done when": every Automation document of the corpus runs with
/// generated mocks, ends, and gives the same run twice. The numbers printed
/// are those docs/testing.md reports.
#[test]
fn every_corpus_automation_document_runs_with_generated_mocks_the_same_twice() {
    let Some(docs) = corpus_automation() else {
        eprintln!("shared/corpus not found: skipped");
        return;
    };
    let mut by_status = std::collections::BTreeMap::<&str, usize>::new();
    let (mut differ, mut endless, mut unfinished) = (Vec::new(), Vec::new(), Vec::new());
    for (rel, doc) in &docs {
        let scenario = simulate::cases::happy_path(doc);
        let first = simulate::simulate(doc, &scenario);
        let second = simulate::simulate(doc, &scenario);
        if first != second {
            differ.push(rel.clone());
        }
        if first.budget_exhausted {
            endless.push(rel.clone());
        }
        *by_status.entry(first.status.as_str()).or_default() += 1;
        if first.status != simulate::Status::Success {
            unfinished.push(format!(
                "{rel}: {} after {} steps: {}",
                first.status.as_str(),
                first.path.len(),
                first.reason.as_deref().unwrap_or("")
            ));
        }
    }
    println!("{} Automation documents: {by_status:?}", docs.len());
    for line in &unfinished {
        println!("  {line}");
    }
    assert!(docs.len() > 300, "the corpus has 316 Automation documents");
    assert!(
        differ.is_empty(),
        "runs that differ the second time: {differ:?}"
    );
    assert!(endless.is_empty(), "runs that do not end: {endless:?}");
}

/// A generated test file read back as `ssmc test` reads it; the names of
/// the cases that fail, with why.
fn generated_failures(doc: &Document, text: &str) -> Vec<String> {
    let mut sources = SourceMap::new();
    let id = sources.add("generated.test.toml", text);
    let (tests, mut diags) = testfile::parse(id, text);
    let Some(tests) = tests else {
        return vec![format!("does not read: {}", describe(&diags, &sources))];
    };
    diags.extend(testfile::check(&tests, doc));
    if !diags.is_empty() {
        return vec![describe(&diags, &sources)];
    }
    tests
        .cases
        .iter()
        .filter_map(|c| {
            let why = testfile::judge(c, &simulate::simulate(doc, &c.scenario));
            (!why.is_empty()).then(|| format!("{}: {}", c.name, why.join("; ")))
        })
        .collect()
}

/// `ssmc test init`'s cases on every example pass when read back, cover
/// every branch edge (asg-instance-refresh's `Outcome` reads a variable,
/// steered through the `aws:updateVariable` that sets it), and most steps.
#[test]
fn test_init_on_every_example_passes_and_covers_its_branches() {
    for (stem, doc, _) in examples() {
        let cases = simulate::cases::cases(&doc);
        let text = simulate::render::test_file(&format!("{stem}.rbk"), &doc, &cases);
        let failures = generated_failures(&doc, &text);
        assert!(failures.is_empty(), "{stem}:\n{}", failures.join("\n"));
        let mut coverage = Coverage::of(&doc);
        for c in &cases {
            coverage.add(&c.run);
        }
        let missed: Vec<String> = coverage
            .missed_edges()
            .iter()
            .map(|(a, b)| format!("{a} → {b}"))
            .collect();
        assert_eq!(missed, Vec::<String>::new(), "{stem}");
        let (run, all) = coverage.step_count();
        assert!(run * 10 >= all * 9, "{stem}: {run}/{all} steps");
    }
}

/// One generated file, beside the runbook it was made from.
#[test]
fn test_init_writes_this_file_for_patch_fleet() {
    let (_, doc, _) = examples()
        .into_iter()
        .find(|(stem, _, _)| stem == "patch-fleet")
        .expect("the patch-fleet example");
    let source =
        std::fs::read_to_string(repo_root().join("examples/patch-fleet.rbk")).expect("the example");
    let cases = simulate::cases::cases(&doc);
    let text = simulate::render::test_file("patch-fleet.rbk", &doc, &cases);
    insta::assert_snapshot!(format!(
        "--- examples/patch-fleet.rbk\n{source}\n--- patch-fleet.test.toml, as `ssmc test init` writes it\n{text}"
    ));
}

/// On every Automation document of the corpus, `ssmc test init`'s file reads
/// back and passes: the generator's mocks fit botocore's shapes and the
/// written TOML is the scenario it ran.
#[test]
fn test_init_on_every_corpus_document_writes_passing_tests() {
    let Some(docs) = corpus_automation() else {
        eprintln!("shared/corpus not found: skipped");
        return;
    };
    let (mut cases_written, mut failing) = (0, Vec::new());
    for (rel, doc) in &docs {
        let cases = simulate::cases::cases(doc);
        cases_written += cases.len();
        let text = simulate::render::test_file("doc.json", doc, &cases);
        for f in generated_failures(doc, &text) {
            failing.push(format!("{rel}: {f}"));
        }
    }
    println!("{} documents, {cases_written} generated cases", docs.len());
    assert!(failing.is_empty(), "{}", failing.join("\n"));
}
