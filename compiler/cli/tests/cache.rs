//! The result cache of `check` and `lint` (`src/cache.rs`), against the real
//! binary: a warm run prints exactly what a cold run and a `--no-cache` run
//! print; an edit, a new `file(…)` target or a changed configuration is seen;
//! a corrupt cache is a miss; concurrent runs agree and leave a valid cache.

mod common;

use common::ssmc;

use std::process::{Command, Output};

/// A scratch folder, removed when the returned guard is dropped.
fn temp_dir(name: &str) -> common::Scratch {
    common::Scratch::new(&format!("cache-{name}"))
}

/// Exit code, stdout and stderr, for comparing runs.
fn outcome(o: &Output) -> (Option<i32>, String, String) {
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

const RUNBOOK: &str = r#"/// Restarts the app.
command Restart {
  /// Restart it.
  step Run = aws:runShellScript {
    runCommand: lines file("restart.sh"),
  }
}
"#;

const DOCUMENT: &str = r#"{
  "schemaVersion": "2.2",
  "description": "no main steps named",
  "mainSteps": [
    { "action": "aws:runShellScript", "name": "a", "inputs": { "runCommand": ["echo $X"] } },
    { "action": "aws:runShellScript", "name": "a", "inputs": { "runCommand": ["echo hi"] } }
  ]
}
"#;

fn project(name: &str) -> common::Scratch {
    let dir = temp_dir(name);
    std::fs::write(dir.join("restart.rbk"), RUNBOOK).expect("write");
    std::fs::write(dir.join("restart.sh"), "systemctl restart app\n").expect("write");
    std::fs::write(dir.join("doc.json"), DOCUMENT).expect("write");
    dir
}

#[test]
fn warm_runs_print_what_cold_and_uncached_runs_print() {
    let dir = project("same");
    for args in [
        &["check", "."][..],
        &["lint", "."],
        &["lint", "--format", "json", "."],
        &["lint", "--format", "sarif", "."],
    ] {
        let cold = outcome(&ssmc(args, &dir));
        assert!(dir.join(".ssmc_cache").is_dir(), "{args:?} wrote no cache");
        let warm = outcome(&ssmc(args, &dir));
        let mut uncached: Vec<&str> = args.to_vec();
        uncached.insert(1, "--no-cache");
        let fresh = outcome(&ssmc(&uncached, &dir));
        assert_eq!(cold, warm, "{args:?}: warm run differs");
        assert_eq!(cold, fresh, "{args:?}: --no-cache run differs");
    }
    // The lint findings are real (a duplicate step name), not an empty cache hit.
    let lint = outcome(&ssmc(&["lint", "--format", "json", "."], &dir));
    assert!(lint.1.contains("doc.json"), "{}", lint.1);
}

#[test]
fn no_cache_writes_nothing() {
    let dir = project("nocache");
    ssmc(&["check", "--no-cache", "."], &dir);
    ssmc(&["lint", "--no-cache", "."], &dir);
    assert!(!dir.join(".ssmc_cache").exists());
}

#[test]
fn edits_and_dependencies_are_seen() {
    let dir = project("edits");
    let first = ssmc(&["check", "."], &dir);
    assert_eq!(first.status.code(), Some(0), "{}", outcome(&first).2);
    // An edit of the runbook.
    let broken = RUNBOOK.replace("aws:runShellScript", "aws:runShelScript");
    std::fs::write(dir.join("restart.rbk"), &broken).expect("write");
    let second = outcome(&ssmc(&["check", "."], &dir));
    assert_eq!(second.0, Some(1), "{}", second.2);
    assert!(second.2.contains("aws:runShelScript"), "{}", second.2);
    std::fs::write(dir.join("restart.rbk"), RUNBOOK).expect("write");
    // A `file(…)` target that disappears, then comes back.
    std::fs::remove_file(dir.join("restart.sh")).expect("remove");
    let missing = outcome(&ssmc(&["check", "."], &dir));
    assert_eq!(missing.0, Some(1), "{}", missing.2);
    std::fs::write(dir.join("restart.sh"), "systemctl restart app\n").expect("write");
    let back = outcome(&ssmc(&["check", "."], &dir));
    assert_eq!(back.0, Some(0), "{}", back.2);
    // The configuration: turning a rule off changes lint's answer.
    let before = outcome(&ssmc(&["lint", "--format", "json", "."], &dir));
    assert!(before.1.contains("\"SSM"), "{}", before.1);
    std::fs::write(dir.join("ssmc.toml"), "[lint]\nignore = [\"doc.json\"]\n").expect("write");
    let after = outcome(&ssmc(&["lint", "--format", "json", "."], &dir));
    let uncached = outcome(&ssmc(
        &["lint", "--no-cache", "--format", "json", "."],
        &dir,
    ));
    assert_ne!(before.1, after.1);
    assert_eq!(after, uncached);
}

#[test]
fn a_corrupt_cache_is_a_miss() {
    let dir = project("corrupt");
    let cold = outcome(&ssmc(&["lint", "."], &dir));
    for garbage in ["", "{", "{\"key\": 1}", "[1, 2, 3]"] {
        std::fs::write(dir.join(".ssmc_cache/lint.json"), garbage).expect("write");
        assert_eq!(outcome(&ssmc(&["lint", "."], &dir)), cold, "{garbage:?}");
    }
}

#[test]
fn concurrent_runs_agree_and_leave_a_valid_cache() {
    let dir = project("concurrent");
    let expected = outcome(&ssmc(&["lint", "--no-cache", "."], &dir));
    let children: Vec<_> = (0..6)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_ssmc"))
                .args(["lint", "."])
                .current_dir(&dir)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert_eq!(outcome(&out), expected);
    }
    let text = std::fs::read_to_string(dir.join(".ssmc_cache/lint.json")).expect("cache");
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    // One entry for the whole run (the verdict judges the files together).
    assert!(json["entries"].as_object().is_some_and(|e| e.len() == 1));
    assert_eq!(outcome(&ssmc(&["lint", "."], &dir)), expected);
}
