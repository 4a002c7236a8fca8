//! docs/tutorial.md is a test: every runbook it shows checks without an error
//! or a warning and is already formatted, the lint output it shows is the
//! real one, the last runbook lints clean, and the YAML it shows is how the
//! build begins.

mod common;

use common::text;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn ssmc(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ssmc"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .output()
        .expect("ssmc runs")
}

/// Fenced blocks of a Markdown text: `(line, language, body)`.
fn blocks(markdown: &str) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    for (n, line) in markdown.lines().enumerate() {
        match (open.as_mut(), line.strip_prefix("```")) {
            (None, Some(lang)) => open = Some((n + 1, lang.trim().to_string(), String::new())),
            (Some(_), Some("")) => out.extend(open.take()),
            (Some((_, _, body)), _) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

/// Lines without trailing spaces (the Markdown drops them, ariadne writes some).
fn trimmed(s: &str) -> String {
    s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_tutorial_runbooks_check_lint_and_build_as_shown() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/tutorial.md");
    let markdown = std::fs::read_to_string(&path).expect("docs/tutorial.md");
    let blocks = blocks(&markdown);
    let runbooks: Vec<_> = blocks.iter().filter(|(_, l, _)| l == "rbk").collect();
    assert!(runbooks.len() >= 3, "expected the tutorial's runbooks");
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let init = ssmc(&["init", "--quiet"], root);
    assert_eq!(init.status.code(), Some(0), "{}", text(&init.stderr));
    let file = root.join("runbooks/stop-instances.rbk");
    let mut last_lint = String::new();
    for (line, lang, body) in &blocks {
        match lang.as_str() {
            "rbk" => {
                std::fs::write(&file, body).expect("write");
                let check = ssmc(&["check"], root);
                let err = text(&check.stderr);
                assert!(
                    check.status.success() && err.contains("0 errors, 0 warnings"),
                    "the runbook at docs/tutorial.md:{line} does not check clean:\n{err}"
                );
                let fmt = ssmc(&["fmt", "--check"], root);
                assert!(
                    fmt.status.success(),
                    "the runbook at docs/tutorial.md:{line} is not formatted:\n{}",
                    text(&fmt.stderr)
                );
                last_lint = text(&ssmc(&["lint"], root).stderr);
            }
            "text" if body.starts_with("$ ssmc lint\n") => {
                let shown = body.trim_start_matches("$ ssmc lint\n");
                assert_eq!(
                    trimmed(shown),
                    trimmed(&last_lint),
                    "the lint output at docs/tutorial.md:{line} is not what ssmc prints"
                );
            }
            _ => {}
        }
    }
    let lint = ssmc(&["lint", "--fail-on", "info", "--format", "json"], root);
    assert_eq!(
        text(&lint.stdout).trim(),
        "[]",
        "the tutorial's last runbook is not lint-clean:\n{}",
        text(&lint.stdout)
    );
    let build = ssmc(&["build"], root);
    assert!(build.status.success(), "{}", text(&build.stderr));
    let built = std::fs::read_to_string(root.join("build/StopInstances.yaml")).expect("built");
    let (line, _, yaml) = blocks
        .iter()
        .find(|(_, l, _)| l == "yaml")
        .expect("the tutorial shows the built YAML");
    assert!(
        built.starts_with(yaml.as_str()),
        "the YAML at docs/tutorial.md:{line} is not how the build begins:\n{built}"
    );
}
