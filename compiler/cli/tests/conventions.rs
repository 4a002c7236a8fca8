//! The conventions of a Rust command line: shell completions, a man page,
//! `--color`/`NO_COLOR`, `--quiet`, `--version` with the commit, and the files
//! other tools read (`.pre-commit-hooks.yaml`, the composite `action.yml`).

mod common;

use common::{repo, text};
use std::path::Path;
use std::process::{Command, Output};

fn ssmc_env(args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ssmc"));
    cmd.args(args).current_dir(cwd).env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("ssmc runs")
}

fn ssmc(args: &[&str], cwd: &Path) -> Output {
    ssmc_env(args, cwd, &[])
}

/// Whether `program` can be run here (optional shells are checked when present).
fn have(program: &str) -> bool {
    Command::new(program)
        .arg("-c")
        .arg("exit 0")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn completions_name_every_subcommand_in_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = ssmc(&["completions", shell], &repo());
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", text(&out.stderr));
        let script = text(&out.stdout);
        for sub in [
            "build",
            "check",
            "lint",
            "fmt",
            "init",
            "completions",
            "explain",
        ] {
            assert!(script.contains(sub), "{shell} completion lacks `{sub}`");
        }
        // fish spells options `-l color`; the others `--color`.
        assert!(script.contains("color"), "{shell} completion lacks --color");
    }
    let out = ssmc(&["completions", "tcsh"], &repo());
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown shell is a usage error"
    );
}

#[test]
fn the_bash_and_zsh_completions_load_in_their_shell() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (shell, check) in [
        ("bash", "source ./ssmc.completion && complete -p ssmc"),
        (
            "zsh",
            "autoload -U compinit && compinit -u && source ./ssmc.completion",
        ),
    ] {
        if !have(shell) {
            eprintln!("{shell} is not installed: its completion script is not loaded");
            continue;
        }
        let out = ssmc(&["completions", shell], &repo());
        std::fs::write(dir.path().join("ssmc.completion"), &out.stdout).expect("write");
        let run = Command::new(shell)
            .args(["-c", check])
            .current_dir(dir.path())
            .output()
            .expect("shell runs");
        assert!(
            run.status.success() && run.stderr.is_empty(),
            "{shell}: {}{}",
            text(&run.stdout),
            text(&run.stderr)
        );
    }
}

#[test]
fn the_man_page_is_roff_for_ssmc_and_lists_the_subcommands() {
    let out = ssmc(&["man"], &repo());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let page = text(&out.stdout);
    assert!(page.contains(".TH ssmc 1"), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "no {section}:\n{page}");
    }
    for sub in ["ssmc\\-build", "ssmc\\-check", "ssmc\\-lint", "ssmc\\-init"] {
        assert!(page.contains(sub), "no {sub}:\n{page}");
    }
    if Command::new("groff").arg("-v").output().is_ok() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("ssmc.1"), &out.stdout).expect("write");
        let run = Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "ssmc.1"])
            .current_dir(dir.path())
            .output()
            .expect("groff runs");
        assert!(run.status.success(), "{}", text(&run.stderr));
        assert!(run.stderr.is_empty(), "groff warns: {}", text(&run.stderr));
    }
}

/// A project with one error, to see how diagnostics are drawn.
fn broken_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.rbk"),
        "automation A {\n  step S = aws:sleep { Duration: \"PT1M\", Bogus: 1 }\n}\n",
    )
    .expect("write");
    dir
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let dir = broken_project();
    let esc = |o: &Output| o.stderr.contains(&0x1b);
    let always = ssmc(&["check", "--color", "always"], dir.path());
    assert_eq!(always.status.code(), Some(1), "{}", text(&always.stderr));
    assert!(esc(&always), "--color always drew no colour");
    // `--color always` wins over NO_COLOR: it is the user's explicit choice.
    assert!(esc(&ssmc_env(
        &["--color=always", "check"],
        dir.path(),
        &[("NO_COLOR", "1")]
    )));
    assert!(!esc(&ssmc(&["check", "--color", "never"], dir.path())));
    // Not a terminal here, so `auto` draws none.
    assert!(!esc(&ssmc(&["check"], dir.path())));
    let bad = ssmc(&["check", "--color", "sometimes"], dir.path());
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn no_color_turns_auto_colour_off_on_a_terminal() {
    use ssmc::commands::auto_color;
    use std::ffi::OsStr;
    assert!(auto_color(None, true));
    assert!(!auto_color(Some(OsStr::new("1")), true));
    // no-color.org: an empty NO_COLOR does not count.
    assert!(auto_color(Some(OsStr::new("")), true));
    assert!(!auto_color(None, false));
}

#[test]
fn quiet_prints_diagnostics_but_no_summaries() {
    let out = ssmc(&["check", "--quiet", "examples"], &repo());
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let loud = ssmc(&["check", "examples"], &repo());
    assert!(
        text(&loud.stderr).contains("checked"),
        "{}",
        text(&loud.stderr)
    );
    let dir = broken_project();
    let out = ssmc(&["-q", "check"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("a.rbk:2:"), "{err}");
    assert!(!err.contains("checked 1 file"), "{err}");
}

#[test]
fn version_names_the_commit_it_was_built_from() {
    let out = ssmc(&["--version"], &repo());
    assert_eq!(out.status.code(), Some(0));
    let line = text(&out.stdout);
    assert!(
        line.starts_with(&format!("ssmc {} (", env!("CARGO_PKG_VERSION"))),
        "{line}"
    );
    let head = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(repo())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| text(&o.stdout).trim().to_string());
    match head {
        // A test binary is built at the commit under test (a dirty tree still names HEAD).
        Some(head) => assert!(line.contains(&format!("commit {head}")), "{line}"),
        None => assert!(line.contains("commit unknown"), "{line}"),
    }
}

fn yaml(path: &Path) -> serde_yaml_ng::Value {
    let text = std::fs::read_to_string(path).expect("file exists");
    serde_yaml_ng::from_str(&text).expect("valid YAML")
}

#[test]
fn pre_commit_hooks_call_ssmc_lint_fmt_and_check() {
    let hooks = yaml(&repo().join(".pre-commit-hooks.yaml"));
    let hooks = hooks.as_sequence().expect("a list of hooks");
    let by_id = |id: &str| {
        hooks
            .iter()
            .find(|h| h["id"].as_str() == Some(id))
            .unwrap_or_else(|| unreachable!("no hook {id}"))
    };
    for (id, entry) in [
        ("ssmc-lint", "ssmc lint"),
        ("ssmc-fmt", "ssmc fmt"),
        ("ssmc-check", "ssmc check"),
    ] {
        let hook = by_id(id);
        assert_eq!(hook["entry"].as_str(), Some(entry));
        assert!(hook["name"].is_string() && hook["language"].is_string());
        let files = hook["files"].as_str().expect("a files pattern");
        assert!(files.contains("rbk"), "{id}: {files}");
    }
}

/// Runs the `run:` script of each step of `action.yml` as GitHub would (bash
/// -e, the step's `env:` with the inputs substituted), skipping the install
/// step: the ssmc under test is on PATH.
fn run_action(project: &Path, inputs: &[(&str, &str)]) -> Vec<(String, Output)> {
    let action = yaml(&repo().join("action.yml"));
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let defaults = &action["inputs"];
    let input = |name: &str| -> String {
        inputs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| (*v).to_string())
            .or_else(|| defaults[name]["default"].as_str().map(str::to_string))
            .unwrap_or_default()
    };
    let bin = Path::new(env!("CARGO_BIN_EXE_ssmc"))
        .parent()
        .expect("bin dir")
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let temp = tempfile::tempdir().expect("runner temp");
    let output_file = temp.path().join("github_output");
    let mut results = Vec::new();
    for step in action["runs"]["steps"].as_sequence().expect("steps") {
        let name = step["name"].as_str().unwrap_or("").to_string();
        let Some(script) = step["run"].as_str() else {
            continue;
        };
        if name.starts_with("Install") {
            assert!(script.contains("cargo install --locked --path"), "{script}");
            continue;
        }
        let mut cmd = Command::new("bash");
        cmd.args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
            .current_dir(project)
            .env("PATH", &path)
            .env("RUNNER_TEMP", temp.path())
            .env("GITHUB_OUTPUT", &output_file);
        if let Some(env) = step["env"].as_mapping() {
            for (k, v) in env {
                let v = v.as_str().unwrap_or("");
                let v = match v
                    .strip_prefix("${{ inputs.")
                    .and_then(|r| r.strip_suffix(" }}"))
                {
                    Some(name) => input(name),
                    None => v.to_string(),
                };
                cmd.env(k.as_str().expect("env name"), v);
            }
        }
        results.push((name, cmd.output().expect("bash runs")));
    }
    let sarif = std::fs::read_to_string(temp.path().join("ssmc.sarif")).unwrap_or_default();
    results.push((
        "sarif".to_string(),
        Output {
            status: results.last().map(|(_, o)| o.status).expect("a step ran"),
            stdout: sarif.into_bytes(),
            stderr: std::fs::read(&output_file).unwrap_or_default(),
        },
    ));
    results
}

#[test]
fn the_action_lints_with_annotations_and_writes_sarif() {
    let dir = tempfile::tempdir().expect("temp dir");
    let init = ssmc(&["init", "proj"], dir.path());
    assert_eq!(init.status.code(), Some(0), "{}", text(&init.stderr));
    let proj = dir.path().join("proj");
    let results = run_action(&proj, &[("paths", "runbooks")]);
    for (name, out) in &results {
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
    }
    let (_, lint) = &results[0];
    assert!(lint.stdout.is_empty(), "a clean project has no annotation");
    let (_, sarif) = results.last().expect("sarif");
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    assert!(text(&results.last().expect("out").1.stderr).contains("file="));

    // Findings at the `fail-on` level: the annotation step fails with
    // `::warning`, the SARIF step still succeeds and records them.
    std::fs::write(
        proj.join("runbooks/bare.rbk"),
        "automation Bare {\n  step S = aws:sleep { Duration: \"PT1M\" }\n}\n",
    )
    .expect("write");
    let results = run_action(&proj, &[("paths", "runbooks"), ("fail-on", "warning")]);
    let (_, lint) = &results[0];
    assert_eq!(lint.status.code(), Some(1), "{}", text(&lint.stderr));
    let annotations = text(&lint.stdout);
    assert!(
        annotations.contains("::warning file=runbooks/bare.rbk"),
        "{annotations}"
    );
    let (_, sarif_step) = &results[1];
    assert!(sarif_step.status.success(), "{}", text(&sarif_step.stderr));
    let (_, sarif) = results.last().expect("sarif");
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).expect("SARIF is JSON");
    assert!(!sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .is_empty());
}
