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

/// A file with more diagnostics than the 200 a file shows: warm, cold and
/// `--no-cache` runs print the same 200, the same `I0801` summary, the same
/// counts of all 600 and exit the same, in every format; and the cache keeps
/// what is shown, not all 600.
#[test]
fn a_file_over_the_cap_prints_the_same_warm_and_cold_and_is_stored_capped() {
    let dir = temp_dir("cap");
    let mut text = String::from("command Many {\n");
    for i in 0..600 {
        text.push_str(&format!(
            "  step S{i} = aws:runShellScript {{ runCommand: [nope{i}] }}\n"
        ));
    }
    text.push_str("}\n");
    std::fs::write(dir.join("many.rbk"), text).expect("write");
    for args in [
        &["check", "."][..],
        &["lint", "."],
        &["lint", "--format", "json", "."],
        &["lint", "--format", "sarif", "."],
        &["lint", "--format", "github", "."],
    ] {
        let cold = outcome(&ssmc(args, &dir));
        let warm = outcome(&ssmc(args, &dir));
        let mut uncached: Vec<&str> = args.to_vec();
        uncached.insert(1, "--no-cache");
        let fresh = outcome(&ssmc(&uncached, &dir));
        assert_eq!(cold.0, Some(1), "{args:?}: {}", cold.2);
        assert_eq!(cold, warm, "{args:?}: warm run differs");
        assert_eq!(cold, fresh, "{args:?}: --no-cache run differs");
        let printed = format!("{}{}", cold.1, cold.2);
        assert!(
            printed.contains("more diagnostics in this file are not shown"),
            "{args:?}: {printed}"
        );
        if args == ["check", "."] {
            assert!(
                printed.contains("400 more diagnostics in this file are not shown (400 errors)"),
                "{printed}"
            );
            assert!(cold.2.contains("checked 1 file: 600 errors"), "{}", cold.2);
        }
        let command = args[0];
        let stored: serde_json::Value = serde_json::from_slice(
            &std::fs::read(dir.join(format!(".ssmc_cache/{command}.json"))).expect("cache file"),
        )
        .expect("cache JSON");
        let entry = &stored["entries"]["run"]["value"];
        assert_eq!(
            entry["diagnostics"].as_array().map(Vec::len),
            Some(201),
            "{args:?}: the cache keeps the 200 shown and the summary"
        );
        assert_eq!(entry["tally"]["errors"], 600, "{args:?}");
    }
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

/// The human drawing of the findings is kept with the entry and printed
/// from it when the colour matches; in the other colour, or after a run in
/// another format (which keeps no drawing), a warm run draws them again and
/// prints what an uncached run prints.
#[test]
fn the_drawing_is_kept_and_used_only_in_its_own_colour() {
    let dir = project("drawing");
    let cold = outcome(&ssmc(&["lint", "--color", "never", "."], &dir));
    assert!(cold.2.contains("╭─["), "{}", cold.2);
    let path = dir.join(".ssmc_cache/lint.json");
    let mut stored: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("cache file")).expect("cache JSON");
    let rendered = &stored["entries"]["run"]["value"]["rendered"];
    assert_eq!(rendered["color"], false);
    let text = rendered["text"].as_str().unwrap_or_default().to_string();
    assert!(
        !text.is_empty() && cold.2.starts_with(&text),
        "{text}\n---\n{}",
        cold.2
    );
    // A warm run prints the kept drawing: a marked one shows it is not redrawn.
    stored["entries"]["run"]["value"]["rendered"]["text"] = "KEPT DRAWING\n".into();
    std::fs::write(&path, serde_json::to_vec(&stored).expect("JSON")).expect("write");
    let warm = outcome(&ssmc(&["lint", "--color", "never", "."], &dir));
    assert!(warm.2.starts_with("KEPT DRAWING\n"), "{}", warm.2);
    // In colour, the kept plain drawing is not used.
    let colour = outcome(&ssmc(&["lint", "--color", "always", "."], &dir));
    let fresh = outcome(&ssmc(
        &["lint", "--no-cache", "--color", "always", "."],
        &dir,
    ));
    assert_eq!(colour, fresh);
    assert!(colour.2.contains('\u{1b}'), "{}", colour.2);
    // A JSON run makes an entry without a drawing; a human run then draws.
    std::fs::remove_dir_all(dir.join(".ssmc_cache")).expect("remove");
    ssmc(&["lint", "--format", "json", "."], &dir);
    let stored: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("cache file")).expect("cache JSON");
    assert!(stored["entries"]["run"]["value"]["rendered"].is_null());
    let warm = outcome(&ssmc(&["lint", "--color", "never", "."], &dir));
    assert_eq!(warm, cold);
}
