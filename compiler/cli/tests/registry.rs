//! The code registry as the CLI shows it: `ssmc explain` for every code,
//! SARIF's rule list, fix applicability (`--fix`, `--unsafe-fixes`) and
//! fixes and `fmt` that keep a file's BOM and CRLF line ends.

mod common;

use common::{repo, ssmc, text};

/// A scratch folder, removed when the returned guard is dropped.
fn temp_dir(name: &str) -> common::Scratch {
    common::Scratch::new(&format!("registry-{name}"))
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/lint").join(name)).expect("fixture")
}

/// BOM and CRLF line ends, as an editor on Windows may save a file.
fn windows(s: &str) -> String {
    format!("\u{feff}{}", s.replace('\n', "\r\n"))
}

#[test]
fn explain_prints_a_checker_code_by_code_and_by_name() {
    let by_code = ssmc(&["explain", "E1010"], &repo());
    assert_eq!(by_code.status.code(), Some(0), "{}", text(&by_code.stderr));
    let out = text(&by_code.stdout);
    assert!(
        out.starts_with("E1010 unknown-parameter (default: error, fix: no, suppressible: yes)"),
        "{out}"
    );
    for heading in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
    ] {
        assert!(out.contains(heading), "{heading}: {out}");
    }
    assert!(out.contains("{{ InstanceID }}"), "{out}");
    let by_name = ssmc(&["explain", "unknown-parameter"], &repo());
    assert_eq!(text(&by_name.stdout), out);
    // A syntax error has its docs too, and its facts: not suppressible.
    let syntax = text(&ssmc(&["explain", "E0010"], &repo()).stdout);
    assert!(
        syntax.starts_with("E0010 unexpected-token (default: error, fix: no, suppressible: no)"),
        "{syntax}"
    );
    assert!(syntax.contains("## Use instead"), "{syntax}");
    let unknown = ssmc(&["explain", "unknown-paramter"], &repo());
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("did you mean `unknown-parameter`?"));
}

#[test]
fn sarif_lists_every_code_that_occurs_from_the_registry() {
    let dir = temp_dir("sarif");
    std::fs::write(
        dir.join("typo.rbk"),
        "/// Says hello.\ncommand Hello {\n  /// The name.\n  param Name: String\n  step Run = aws:runShellScript { runCommand: [\"echo {{ Nmae }}\"] }\n}\n",
    )
    .expect("write");
    let run = ssmc(&["lint", "--format", "sarif", "typo.rbk"], &dir);
    assert_eq!(run.status.code(), Some(1), "{}", text(&run.stderr));
    let sarif: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert!(results.iter().any(|r| r["ruleId"] == "E1010"));
    for r in results {
        let i = r["ruleIndex"].as_u64().expect("index") as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    let e1010 = rules
        .iter()
        .find(|r| r["id"] == "E1010")
        .expect("E1010 listed");
    assert_eq!(e1010["name"], "unknown-parameter");
    assert_eq!(e1010["defaultConfiguration"]["level"], "error");
    assert_eq!(e1010["helpUri"], "docs/rules.md#e1010-unknown-parameter");
    assert!(e1010["fullDescription"]["text"]
        .as_str()
        .is_some_and(|t| t.contains("unresolved")));
    assert!(e1010["help"]["markdown"]
        .as_str()
        .is_some_and(|t| t.contains("## Use instead")));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fix_applies_safe_fixes_and_keeps_bom_and_crlf() {
    let dir = temp_dir("crlf");
    let src = fixture("SSM302_plaintext_secret_parameter.rbk");
    std::fs::write(dir.join("connect.rbk"), windows(&src)).expect("write");
    let run = ssmc(&["lint", "--fix", "connect.rbk"], &dir);
    assert!(
        text(&run.stderr).contains("[SSM302] declare `DbPassword` secret"),
        "{}",
        text(&run.stderr)
    );
    let after = std::fs::read_to_string(dir.join("connect.rbk")).expect("read");
    let want = windows(&src.replace(
        "param DbPassword: String\n",
        "param DbPassword: String secret\n",
    ));
    assert_eq!(after, want);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unsafe_fixes_wait_for_unsafe_fixes_and_keep_the_bytes_around_them() {
    let dir = temp_dir("unsafe");
    let src = windows(&fixture("SSM401_deprecated_runtime.yaml"));
    std::fs::write(dir.join("old.yaml"), &src).expect("write");
    let run = ssmc(&["lint", "--fix", "old.yaml"], &dir);
    let err = text(&run.stderr);
    assert!(
        err.contains("1 unsafe fix available with `--fix --unsafe-fixes`"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("old.yaml")).expect("read"),
        src,
        "an unsafe fix applied without --unsafe-fixes"
    );
    let run = ssmc(&["lint", "--fix", "--unsafe-fixes", "old.yaml"], &dir);
    let err = text(&run.stderr);
    assert!(err.contains("[SSM401] use `python3.11` (unsafe)"), "{err}");
    assert!(!err.contains("unsafe fix available"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join("old.yaml")).expect("read"),
        src.replacen("Runtime: python3.6\r\n", "Runtime: python3.11\r\n", 1)
    );
    // `--unsafe-fixes` alone is a usage error: it only widens `--fix`.
    assert_eq!(
        ssmc(&["lint", "--unsafe-fixes", "old.yaml"], &dir)
            .status
            .code(),
        Some(2)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fmt_keeps_bom_and_crlf() {
    let dir = temp_dir("fmt");
    let messy = "/// Hi.\ncommand Hi {\n    step Run   = aws:runShellScript { runCommand: [\"echo hi\"] }\n}\n";
    let canonical =
        "/// Hi.\ncommand Hi {\n  step Run = aws:runShellScript { runCommand: [\"echo hi\"] }\n}\n";
    std::fs::write(dir.join("hi.rbk"), windows(messy)).expect("write");
    let run = ssmc(&["fmt", "hi.rbk"], &dir);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert_eq!(
        std::fs::read_to_string(dir.join("hi.rbk")).expect("read"),
        windows(canonical)
    );
    // A formatted CRLF file is formatted: `--check` does not ask to rewrite it.
    let run = ssmc(&["fmt", "--check", "hi.rbk"], &dir);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}
