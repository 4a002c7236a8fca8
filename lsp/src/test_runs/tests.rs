//! `ssmc.runTests` without a client: a test file beside a runbook is run as
//! `ssmc test` runs it, and each failure lands where the editor shows it.

use std::path::{Path, PathBuf};

use ssmc_project::ProjectLoader;

use super::*;

const RUNBOOK: &str = "automation Flow {
  param Env: String = \"dev\"

  step Route = branch {
    when Env == \"prod\" -> Careful
    else -> Quick
  }

  step Careful = aws:approve { Approvers: [\"arn:aws:iam::123456789012:role/Ops\"] }
  end

  step Quick = aws:sleep { Duration: \"PT1S\" }
}
";

const TESTS: &str = "runbook = \"flow.rbk\"

[[test]]
name = \"dev is quick\"
expect.path = [\"Route\", \"Quick\"]
expect.status = \"Success\"

[[test]]
name = \"prod is careful\"
inputs = { Env = \"prod\" }
expect.path = [\"Route\", \"Careful\"]
expect.status = \"Success\"
";

/// A project folder with `flow.rbk` and its tests, removed when dropped.
struct Project(PathBuf);

impl Project {
    fn new(name: &str, tests: &str) -> Project {
        let dir =
            std::env::temp_dir().join(format!("ssmc-test-runs-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        std::fs::write(dir.join("ssmc.toml"), "").expect("ssmc.toml");
        std::fs::write(dir.join("flow.rbk"), RUNBOOK).expect("the runbook");
        std::fs::write(dir.join("flow.test.toml"), tests).expect("the tests");
        Project(std::fs::canonicalize(&dir).expect("canonical"))
    }

    fn run(&self, tests: &str, open: Option<&str>) -> Report {
        let runbook = self.0.join("flow.rbk");
        let open = open.map(|text| Open {
            path: &runbook,
            text,
        });
        run(
            &self.0.join("flow.test.toml"),
            tests,
            open.as_ref(),
            &self.0,
            &ProjectLoader::new(&self.0),
        )
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The line (0-based) of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> u32 {
    let at = text.find(needle).expect("needle");
    u32::try_from(text[..at].matches('\n').count()).expect("small")
}

#[test]
fn passing_tests_publish_no_diagnostics() {
    let p = Project::new("pass", TESTS);
    let report = p.run(TESTS, None);
    assert_eq!((report.passed, report.failed, report.errors), (2, 0, 0));
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}

/// The open, unsaved runbook is what runs: prod no longer asks, so the
/// case's path diverges (on `expect.path`, naming both steps).
#[test]
fn a_diverging_path_is_reported_on_the_case_expected_path() {
    let p = Project::new("diverge", TESTS);
    let edited = RUNBOOK.replace("-> Careful", "-> Quick");
    let report = p.run(TESTS, Some(&edited));
    assert_eq!((report.passed, report.failed, report.errors), (1, 1, 0));
    let [d] = report.diagnostics.as_slice() else {
        panic!("one diagnostic: {:?}", report.diagnostics);
    };
    let second_path = TESTS.rfind("expect.path").expect("the second case's path");
    let line = u32::try_from(TESTS[..second_path].matches('\n').count()).expect("small");
    assert_eq!(d.range.start.line, line, "{d:?}");
    assert!(
        d.message.starts_with("test `prod is careful` failed"),
        "{}",
        d.message
    );
    assert!(
        d.message.contains("Careful") && d.message.contains("Quick"),
        "{}",
        d.message
    );
    assert_eq!(d.source.as_deref(), Some("ssmc test"));
}

/// A status that differs, the path being right, is on the case itself.
#[test]
fn another_failing_expectation_is_reported_on_its_case() {
    let tests = TESTS.replacen(
        "expect.status = \"Success\"",
        "expect.status = \"Failed\"",
        1,
    );
    let p = Project::new("status", &tests);
    let report = p.run(&tests, None);
    assert_eq!((report.passed, report.failed), (1, 1));
    let [d] = report.diagnostics.as_slice() else {
        panic!("one diagnostic: {:?}", report.diagnostics);
    };
    assert_eq!(d.range.start.line, line_of(&tests, "[[test]]"), "{d:?}");
    assert!(
        d.message.contains("status: expected Failed, got Success"),
        "{}",
        d.message
    );
}

/// Broken test files and runbooks are diagnostics, never a panic.
#[test]
fn a_broken_test_file_or_runbook_is_a_diagnostic() {
    let p = Project::new("broken", TESTS);
    for (what, tests, open) in [
        ("not TOML", "runbook = \"flow.rbk\"\n[[test]\nname = ", None),
        (
            "unknown key",
            &*TESTS.replace("expect.status", "expect.statut"),
            None,
        ),
        (
            "unknown step",
            &*TESTS.replace("\"Quick\"]", "\"Nowhere\"]"),
            None,
        ),
        (
            "missing runbook",
            &*TESTS.replace("flow.rbk", "gone.rbk"),
            None,
        ),
        (
            "outside the project",
            &*TESTS.replace("flow.rbk", "../../etc/passwd"),
            None,
        ),
        (
            "runbook with errors",
            TESTS,
            Some("automation Flow {\n  step A = \n}\n"),
        ),
        ("empty", "", None),
        ("binary", "\u{0}\u{1}[[[\"", None),
    ] {
        let report = p.run(tests, open);
        assert!(report.errors > 0, "{what}: {report:?}");
        assert!(!report.diagnostics.is_empty(), "{what}: {report:?}");
        assert_eq!(report.passed + report.failed, 0, "{what}");
    }
    let missing = p.run(&TESTS.replace("flow.rbk", "gone.rbk"), None);
    assert_eq!(
        missing.diagnostics[0].range.start.line,
        line_of(TESTS, "runbook ="),
        "{:?}",
        missing.diagnostics
    );
}

#[test]
fn only_a_runbook_with_a_test_file_beside_it_gets_the_lens() {
    let p = Project::new("lens", TESTS);
    let range = lsp::Range::default();
    let uri = |name: &str| lsp::Uri::from_file_path(p.0.join(name)).expect("a file URI");
    let found = lenses(&uri("flow.rbk"), &[range, range]);
    assert_eq!(found.len(), 1, "one per document name: {found:?}");
    let command = found[0].command.as_ref().expect("a command");
    assert_eq!(
        (command.title.as_str(), command.command.as_str()),
        ("Run tests", RUN_TESTS)
    );
    std::fs::write(p.0.join("other.rbk"), RUNBOOK).expect("write");
    assert!(lenses(&uri("other.rbk"), &[range]).is_empty());
    assert!(lenses(&uri("flow.test.toml"), &[range]).is_empty());
    assert_eq!(
        test_file_beside(Path::new(&p.0.join("flow.rbk"))),
        Some(p.0.join("flow.test.toml"))
    );
}
