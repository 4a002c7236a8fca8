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
use ssmc_tests::repo_root;

/// Each example with its document and its test file.
fn examples() -> Vec<(String, Document, TestFile)> {
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
        let errors: Vec<_> = result
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
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
fn mutants(doc: &Document) -> Vec<(String, Document)> {
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
