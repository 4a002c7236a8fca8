//! `ssmc init`: the starter project is clean for every command, never
//! overwrites a file, and `--from` imports existing documents.

mod common;

use common::stderr;
use std::path::Path;
use std::process::{Command, Output};

fn ssmc(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ssmc"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .output()
        .expect("ssmc runs")
}

/// Runs `ssmc ARGS` in `cwd` and asserts it exits 0 with no diagnostic at all.
fn clean(args: &[&str], cwd: &Path) -> Output {
    let out = ssmc(args, cwd);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "ssmc {args:?}:\n{err}");
    for bad in ["error", "warning", "Warning", "Info", "note:", "╭─["] {
        let lines: Vec<&str> = err
            .lines()
            .filter(|l| l.contains(bad) && !l.contains("0 errors, 0 warnings"))
            .collect();
        assert!(lines.is_empty(), "ssmc {args:?} printed {bad}:\n{err}");
    }
    out
}

#[test]
fn init_in_an_empty_folder_checks_lints_builds_and_formats_clean() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let out = ssmc(&["init"], root);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for file in [
        "ssmc.toml",
        ".gitignore",
        ".editorconfig",
        ".pre-commit-config.yaml",
        ".github/workflows/runbooks.yml",
        ".vscode/extensions.json",
        "runbooks/disk-usage.rbk",
        "runbooks/restart-instance.rbk",
    ] {
        assert!(root.join(file).is_file(), "init did not write {file}");
    }
    clean(&["check"], root);
    clean(&["fmt", "--check"], root);
    let lint = clean(&["lint", "--format", "json", "--fail-on", "info"], root);
    assert_eq!(String::from_utf8_lossy(&lint.stdout).trim(), "[]");
    clean(&["build"], root);
    for doc in ["build/DiskUsage.yaml", "build/RestartInstance.yaml"] {
        let text = std::fs::read_to_string(root.join(doc)).expect("built document");
        assert!(text.contains("schemaVersion"), "{doc}:\n{text}");
    }
    // The built documents are ignored by lint (ssmc.toml) and by git (.gitignore).
    let lint = clean(&["lint", "--format", "json", "--fail-on", "info"], root);
    assert_eq!(String::from_utf8_lossy(&lint.stdout).trim(), "[]");
    let gitignore = std::fs::read_to_string(root.join(".gitignore")).expect("gitignore");
    assert!(
        gitignore.lines().any(|l| l.trim() == "/build/"),
        "{gitignore}"
    );
}

#[test]
fn the_starter_workflow_lints_with_annotations_uploads_sarif_and_builds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = ssmc(&["init", "proj"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.path().join("proj/.github/workflows/runbooks.yml"))
        .expect("workflow");
    let workflow: serde_yaml_ng::Value = serde_yaml_ng::from_str(&text).expect("workflow is YAML");
    let steps = workflow["jobs"]["ssmc"]["steps"]
        .as_sequence()
        .expect("one job with steps");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        runs.iter()
            .any(|r| r.contains(&format!("cargo install ssmc --locked --version {version}"))),
        "{runs:?}"
    );
    for cmd in [
        "ssmc check",
        "ssmc fmt --check",
        "ssmc lint --format github",
        "ssmc lint --format sarif",
        "ssmc build",
    ] {
        assert!(
            runs.iter().any(|r| r.starts_with(cmd)),
            "no `{cmd}` in {runs:?}"
        );
    }
    assert!(
        uses.iter()
            .any(|u| u.starts_with("github/codeql-action/upload-sarif")),
        "{uses:?}"
    );
    let pre_commit = std::fs::read_to_string(dir.path().join("proj/.pre-commit-config.yaml"))
        .expect("pre-commit");
    let pre_commit: serde_yaml_ng::Value = serde_yaml_ng::from_str(&pre_commit).expect("YAML");
    let ids: Vec<&str> = pre_commit["repos"][0]["hooks"]
        .as_sequence()
        .expect("hooks")
        .iter()
        .filter_map(|h| h["id"].as_str())
        .collect();
    assert_eq!(ids, ["ssmc-fmt", "ssmc-check", "ssmc-lint"]);
    let ext =
        std::fs::read_to_string(dir.path().join("proj/.vscode/extensions.json")).expect("ext");
    assert!(ext.contains("\"ssmc.ssmc-runbooks\""), "{ext}");
}

#[test]
fn init_never_overwrites_a_file_and_names_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::write(root.join("ssmc.toml"), "# mine\n").expect("write");
    std::fs::create_dir_all(root.join("runbooks")).expect("mkdir");
    std::fs::write(root.join("runbooks/disk-usage.rbk"), "// mine\n").expect("write");
    let out = ssmc(&["init"], root);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("ssmc.toml` already exists"), "{err}");
    assert!(err.contains("disk-usage.rbk` already exists"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(
        std::fs::read_to_string(root.join("ssmc.toml")).expect("read"),
        "# mine\n"
    );
    assert!(
        !root.join(".gitignore").exists(),
        "init wrote beside an existing file"
    );
    assert!(!root.join("runbooks/restart-instance.rbk").exists());
}

const DOCUMENT: &str = r#"{
  "schemaVersion": "0.3",
  "description": "Stops an instance.",
  "assumeRole": "{{ AutomationAssumeRole }}",
  "parameters": {
    "AutomationAssumeRole": { "type": "AWS::IAM::Role::Arn", "description": "The role." },
    "InstanceId": { "type": "String", "description": "The instance." }
  },
  "mainSteps": [
    {
      "name": "Stop",
      "action": "aws:changeInstanceState",
      "timeoutSeconds": 600,
      "inputs": { "InstanceIds": ["{{ InstanceId }}"], "DesiredState": "stopped" }
    }
  ]
}
"#;

#[test]
fn init_from_imports_existing_documents_that_build_back_to_themselves() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(docs.join("nested")).expect("mkdir");
    std::fs::write(docs.join("nested/StopInstance.json"), DOCUMENT).expect("write");
    std::fs::write(docs.join("package.json"), "{\"name\": \"not ssm\"}").expect("write");
    let out = ssmc(&["init", "proj", "--from", "docs"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("package.json: not an SSM document, skipped"));
    let proj = dir.path().join("proj");
    assert!(proj.join("runbooks/StopInstance.rbk").is_file());
    assert!(proj.join("ssmc.toml").is_file());
    assert!(
        !proj.join("runbooks/disk-usage.rbk").exists(),
        "--from imports instead of the examples"
    );
    clean(&["check"], &proj);
    clean(&["fmt", "--check"], &proj);
    clean(&["build", "--format", "json"], &proj);
    let built: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(proj.join("build/StopInstance.json")).expect("built"),
    )
    .expect("JSON");
    let original: serde_json::Value = serde_json::from_str(DOCUMENT).expect("JSON");
    assert_eq!(built, original);
    // Nothing to import is a failure that writes nothing.
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).expect("mkdir");
    let out = ssmc(&["init", "proj2", "--from", "empty"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!dir.path().join("proj2").exists());
}
