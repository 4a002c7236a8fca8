//! `ssmc test --from-execution` over the recorded executions in
//! `tests/fixtures/executions/` (written from botocore's
//! `GetAutomationExecution` output shape and the AWS user guide, one per
//! example they replay): each fits botocore's shape, its replay passes
//! against the example it ran, and fails once the example's path changes.

use ssmc_core::model::Document;
use ssmc_core::simulate::{self, execution, render, testfile};
use ssmc_core::span::SourceMap;
use ssmc_tests::repo_root;

use crate::simulate::{examples, mutants};

/// Each fixture: its file name, the example it ran, its text.
fn fixtures() -> Vec<(String, String, Document)> {
    let dir = repo_root().join("tests/fixtures/executions");
    let examples = examples();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/executions exists")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 3, "{names:?}");
    names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(&name)).expect("a readable fixture");
            let exec = execution::read(&text).expect("a GetAutomationExecution response");
            let doc = examples
                .iter()
                .map(|(_, doc, _)| doc)
                .find(|d| d.name == exec.document_name)
                .unwrap_or_else(|| panic!("{name}: no example defines {}", exec.document_name))
                .clone();
            (name, text, doc)
        })
        .collect()
}

/// The replay of `text` on `doc`, as `ssmc test --from-execution` writes it.
fn replay_file(text: &str, doc: &Document) -> String {
    let exec = execution::read(text).expect("reads");
    let replay = execution::replay(&exec, doc).expect("an ended execution");
    render::test_file_headed("replay", "runbook.rbk", doc, &[replay.case])
}

/// The failures of the replay file's case on `doc` (a file error is one).
fn failures(file: &str, doc: &Document) -> Vec<String> {
    let mut sources = SourceMap::new();
    let id = sources.add("replay.test.toml", file);
    let (tests, mut diags) = testfile::parse(id, file);
    let tests = tests.expect("the replay reads back");
    diags.extend(testfile::check(&tests, doc));
    let mut out: Vec<String> = diags.into_iter().map(|d| d.message).collect();
    for case in &tests.cases {
        out.extend(testfile::judge(
            case,
            &simulate::simulate(doc, &case.scenario),
        ));
    }
    out
}

#[test]
fn every_recorded_execution_fits_botocore_and_its_replay_passes() {
    for (name, text, doc) in fixtures() {
        let exec = execution::read(&text).expect("reads");
        assert!(exec.misfits.is_empty(), "{name}: {:?}", exec.misfits);
        let file = replay_file(&text, &doc);
        let failed = failures(&file, &doc);
        assert!(failed.is_empty(), "{name}:\n{file}\n{failed:?}");
    }
}

/// A replay holds the recorded path: the example's branch choices negated
/// or its `onFailure` moves removed, where that changes the recorded path,
/// make it fail.
#[test]
fn a_replay_fails_when_its_runbook_changes_its_path() {
    for (name, text, doc) in fixtures() {
        let file = replay_file(&text, &doc);
        let recorded: Vec<String> = execution::read(&text)
            .expect("reads")
            .steps
            .iter()
            .map(|s| s.name.clone())
            .collect();
        let mut changed = 0;
        for (what, mutant) in mutants(&doc) {
            let exec = execution::read(&text).expect("reads");
            let scenario = execution::replay(&exec, &doc).expect("ended").case.scenario;
            let run = simulate::simulate(&mutant, &scenario);
            if run.step_names() == recorded {
                continue;
            }
            changed += 1;
            assert!(
                !failures(&file, &mutant).is_empty(),
                "{name}: `{what}` changes the path, but the replay passes"
            );
        }
        assert!(changed > 0, "{name}: no mutant changes its path");
    }
}

/// What the replay of each recorded execution is, beside the execution.
#[test]
fn from_execution_writes_this_file_for_each_recorded_execution() {
    for (name, text, doc) in fixtures() {
        let exec = execution::read(&text).expect("reads");
        let replay = execution::replay(&exec, &doc).expect("ended");
        let mut header = String::from("replay");
        for note in &replay.notes {
            header.push_str("\nNote: ");
            header.push_str(note);
        }
        let file = render::test_file_headed(&header, "runbook.rbk", &doc, &[replay.case]);
        insta::assert_snapshot!(
            name.trim_end_matches(".json").to_string(),
            format!("--- tests/fixtures/executions/{name}\n{text}\n--- its replay\n{file}")
        );
    }
}

/// An execution still running is not replayed: its path is not known yet.
#[test]
fn an_execution_that_has_not_ended_is_refused() {
    let (_, text, doc) = fixtures().into_iter().next().expect("a fixture");
    let running = text.replacen(
        "\"AutomationExecutionStatus\": \"",
        "\"AutomationExecutionStatus\": \"InProgress\", \"Was\": \"",
        1,
    );
    let exec = execution::read(&running).expect("reads");
    let err = execution::replay(&exec, &doc).expect_err("refused");
    assert!(err.contains("`InProgress`"), "{err}");
}
