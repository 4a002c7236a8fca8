//! The command-line contract (docs/cli.md), run against the real binary.
//!
//! Asserts exit codes (0 clean, 1 errors, 2 could not do the job), that
//! diagnostics carry `file:line:col`, that a failed build writes nothing,
//! that `fmt` restores the canonical form, and that `file(…)` cannot leave
//! the project.

mod common;

use common::{repo, ssmc, stderr};

use std::path::Path;

/// A scratch folder, removed when the returned guard is dropped.
fn temp_dir(name: &str) -> common::Scratch {
    common::Scratch::new(&format!("cli-{name}"))
}

fn copy_examples(to: &Path) {
    let src = repo().join("examples");
    for entry in std::fs::read_dir(&src).expect("examples") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
        } else if path.is_dir() {
            let sub = to.join(path.file_name().expect("name"));
            std::fs::create_dir_all(&sub).expect("mkdir");
            for f in std::fs::read_dir(&path).expect("dir") {
                let f = f.expect("entry").path();
                std::fs::copy(&f, sub.join(f.file_name().expect("name"))).expect("copy");
            }
        }
    }
}

#[test]
fn examples_check_clean_and_build() {
    let out = ssmc(&["check", "examples"], &repo());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let dir = temp_dir("build");
    let out = ssmc(
        &[
            "build",
            "examples",
            "-o",
            dir.to_str().expect("utf8"),
            "--format",
            "json",
        ],
        &repo(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let built = std::fs::read_dir(&dir).expect("out dir").count();
    let examples = std::fs::read_dir(repo().join("examples"))
        .expect("examples")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "rbk"))
        })
        .count();
    assert_eq!(built, examples, "one document per example");
}

#[test]
fn broken_copies_of_every_example_fail_with_a_location_and_write_nothing() {
    for entry in std::fs::read_dir(repo().join("examples")).expect("examples") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "rbk") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        let breakages = [
            (
                "truncated",
                text.get(..text.len() / 2).unwrap_or("").to_string(),
            ),
            (
                "garbage",
                format!(
                    "{}\n%%% )( garbage ]] \n{}",
                    text.get(..text.len() / 3).unwrap_or(""),
                    text.get(text.len() / 3..).unwrap_or("")
                ),
            ),
            ("unclosed", text.replacen('}', "", 1)),
        ];
        for (kind, broken) in breakages {
            let dir = temp_dir(&format!("broken-{kind}"));
            let file = dir.join("broken.rbk");
            std::fs::write(&file, broken).expect("write");
            let out_dir = dir.join("out");
            let out = ssmc(&["build", "broken.rbk", "-o", "out"], &dir);
            let err = stderr(&out);
            assert_eq!(
                out.status.code(),
                Some(1),
                "{kind} copy of {}: {err}",
                path.display()
            );
            assert!(
                err.contains("broken.rbk:"),
                "{kind} copy of {}: no file:line:col in\n{err}",
                path.display()
            );
            assert!(!out_dir.exists(), "{kind}: a failed build wrote output");
        }
    }
}

#[test]
fn three_separate_faults_are_all_reported() {
    let dir = temp_dir("three");
    std::fs::write(
        dir.join("faults.rbk"),
        "automation Faults {\n  step A = aws:sleep { Duration: \"PT1M\" \n  stpe B = aws:sleep {}\n  param X: = 3\n}\n",
    )
    .expect("write");
    let out = ssmc(&["check", "faults.rbk"], &dir);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for line in ["faults.rbk:2:", "faults.rbk:3:", "faults.rbk:4:"] {
        assert!(err.contains(line), "missing a fault at {line} in\n{err}");
    }
}

#[test]
fn fmt_check_passes_on_examples_and_restores_reindented_copies() {
    let out = ssmc(&["fmt", "--check", "examples"], &repo());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let dir = temp_dir("fmt");
    copy_examples(&dir);
    for entry in std::fs::read_dir(&dir).expect("dir") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "rbk") {
            let text = std::fs::read_to_string(&path).expect("read");
            // Shift every line right: block strings keep their content because
            // their closing delimiter moves with them.
            let mangled: String = text.lines().map(|l| format!("   {l}\n")).collect();
            std::fs::write(&path, mangled).expect("write");
        }
    }
    let out = ssmc(&["fmt", "--check", "."], &dir);
    assert_eq!(out.status.code(), Some(1), "mangled copies must differ");
    let out = ssmc(&["fmt", "."], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for entry in std::fs::read_dir(&dir).expect("dir") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "rbk") {
            let name = path.file_name().expect("name");
            let original =
                std::fs::read_to_string(repo().join("examples").join(name)).expect("read");
            let restored = std::fs::read_to_string(&path).expect("read");
            assert_eq!(original, restored, "fmt did not restore {}", path.display());
        }
    }
}

#[test]
fn fmt_leaves_a_file_with_syntax_errors_untouched() {
    let dir = temp_dir("fmt-broken");
    let broken = "automation X {\n    step A = aws:sleep {\n";
    std::fs::write(dir.join("x.rbk"), broken).expect("write");
    let out = ssmc(&["fmt", "x.rbk"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.join("x.rbk")).expect("read"),
        broken
    );
}

#[test]
fn unreadable_input_exits_2() {
    let out = ssmc(&["check", "no/such/path.rbk"], &repo());
    assert_eq!(out.status.code(), Some(2));
    let dir = temp_dir("utf8");
    std::fs::write(dir.join("bad.rbk"), b"automation X {\xff\xfe}\n").expect("write");
    let out = ssmc(&["check", "bad.rbk"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("offset 14"), "{}", stderr(&out));
}

#[test]
fn file_includes_cannot_leave_the_project() {
    let dir = temp_dir("escape");
    let project = dir.join("project");
    std::fs::create_dir_all(&project).expect("mkdir");
    std::fs::write(project.join("ssmc.toml"), "").expect("write");
    std::fs::write(dir.join("secret.txt"), "top secret\n").expect("write");
    let runbook = |path: &str| {
        format!(
            "/// Doc.\ncommand Escape {{\n  /// Step.\n  step Run = aws:runShellScript {{ runCommand: lines file(\"{path}\") }}\n}}\n"
        )
    };
    std::fs::write(project.join("dots.rbk"), runbook("../secret.txt")).expect("write");
    let out = ssmc(&["build", "dots.rbk", "-o", "out"], &project);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("leaves the project"),
        "{}",
        stderr(&out)
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.join("secret.txt"), project.join("link.txt"))
            .expect("symlink");
        std::fs::write(project.join("dots.rbk"), runbook("link.txt")).expect("write");
        let out = ssmc(&["build", "dots.rbk", "-o", "out"], &project);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("leaves the project"),
            "{}",
            stderr(&out)
        );
    }
    assert!(!project.join("out").exists());
}

#[test]
fn an_allow_comment_with_a_reason_silences_its_rule_on_the_next_line() {
    let dir = temp_dir("allow");
    let runbook = |allow: &str| {
        format!(
            "/// Doc.\nautomation AllowDemo {{\n  /// A secret.\n  param Token: String secret\n\n  /// Step.\n  step Call = aws:executeAwsApi {{\n    Service: \"sns\",\n    Api: \"Publish\",\n    TopicArn: \"arn:aws:sns:us-east-1:111122223333:t\",\n{allow}    Message: \"token {{{{ Token }}}}\",\n  }}\n}}\n"
        )
    };
    std::fs::write(dir.join("a.rbk"), runbook("")).expect("write");
    let out = ssmc(&["check", "a.rbk"], &dir);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("E3001"), "{}", stderr(&out));
    std::fs::write(
        dir.join("a.rbk"),
        runbook("    // ssmc: allow(secret-flow): only the on-call team reads this topic\n"),
    )
    .expect("write");
    let out = ssmc(&["check", "a.rbk"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn lint_fail_on_sets_the_level_that_fails_the_run() {
    let dir = temp_dir("fail-on");
    std::fs::write(
        dir.join("a.rbk"),
        "automation NoDocs {\n  step Wait = aws:sleep { Duration: \"PT1M\" } timeout 2m\n}\n",
    )
    .expect("write");
    // Only warnings here: the default gate (errors) passes, a warning gate fails.
    let out = ssmc(&["lint", "a.rbk"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("Warning"), "{}", stderr(&out));
    let out = ssmc(&["lint", "--fail-on", "warning", "a.rbk"], &dir);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn graph_draws_examples_in_every_format_to_stdout_or_a_file() {
    let out = ssmc(&["graph", "examples/incident-remediation.rbk"], &repo());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("flowchart TD\n"), "{text}");
    assert!(text.contains("ApproveReplacement"), "{text}");
    let dir = temp_dir("graph");
    for (format, file, head) in [
        ("dot", "g.dot", "digraph \"IncidentRemediation\" {"),
        ("svg", "g.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\""),
        ("mermaid", "g.mmd", "flowchart TD"),
    ] {
        let target = dir.join(file);
        let out = ssmc(
            &[
                "graph",
                "examples/incident-remediation.rbk",
                "--format",
                format,
                "-o",
                &target.display().to_string(),
            ],
            &repo(),
        );
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr(&out));
        assert!(
            out.stdout.is_empty(),
            "{format}: -o writes nothing to stdout"
        );
        let written = std::fs::read_to_string(&target).expect("written");
        assert!(written.starts_with(head), "{format}: {written}");
    }
}

/// A call to another document of the project links to that document's
/// picture, named after its source file; a call to an AWS document or to a
/// name computed at run time does not.
#[test]
fn graph_links_a_call_to_a_project_document_to_its_picture() {
    let dir = temp_dir("graph-links");
    std::fs::write(dir.join("ssmc.toml"), "").expect("write");
    std::fs::write(
        dir.join("stop-fleet.rbk"),
        "/// Stops.\nautomation StopFleet {\n  /// Waits.\n  step Wait = aws:sleep { Duration: \"PT1S\" }\n}\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("parent.rbk"),
        "/// Parent.\nautomation Parent {\n  /// Which.\n  param Other: String = \"X\"\n  /// Child.\n  step Child = aws:executeAutomation { DocumentName: \"StopFleet\" }\n  /// AWS's.\n  step Shell = aws:runCommand { DocumentName: \"AWS-RunShellScript\", InstanceIds: [\"i-0123456789abcdef0\"], Parameters: { commands: [\"true\"] } }\n  /// Computed.\n  step Dynamic = aws:executeAutomation { DocumentName: \"{{ Other }}\" }\n}\n",
    )
    .expect("write");
    let out = ssmc(&["graph", "parent.rbk"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mermaid = String::from_utf8_lossy(&out.stdout);
    let clicks: Vec<&str> = mermaid.lines().filter(|l| l.contains("click ")).collect();
    assert_eq!(
        clicks,
        ["  click s0 href \"stop-fleet.mmd\" \"open StopFleet\""],
        "{mermaid}"
    );
    let out = ssmc(
        &[
            "graph",
            "parent.rbk",
            "--format",
            "svg",
            "-o",
            "pictures/parent.svg",
        ],
        &dir,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let svg = std::fs::read_to_string(dir.join("pictures/parent.svg")).expect("written");
    assert_eq!(svg.matches("<a href=").count(), 1, "{svg}");
    assert!(svg.contains("<a href=\"stop-fleet.svg\""), "{svg}");
}

#[test]
fn graph_of_a_file_with_syntax_errors_exits_1_and_writes_nothing() {
    let dir = temp_dir("graph-syntax");
    std::fs::write(dir.join("bad.rbk"), "automation X {\n  step = \n}\n").expect("write");
    let out = ssmc(&["graph", "bad.rbk", "-o", "out.mmd"], &dir);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("bad.rbk:2:"), "{}", stderr(&out));
    assert!(
        !dir.join("out.mmd").exists(),
        "no picture for a broken file"
    );
    std::fs::write(dir.join("bad.json"), "{\"schemaVersion\": ").expect("write");
    let out = ssmc(&["graph", "bad.json"], &dir);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn graph_of_a_document_with_flow_faults_draws_them_and_warns() {
    let out = ssmc(
        &[
            "graph",
            "tests/fixtures/graph/faults.json",
            "--format",
            "dot",
        ],
        &repo(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("Warning") && err.contains("Finsh"), "{err}");
    assert!(!err.contains("Error"), "faults are warnings: {err}");
    let dot = String::from_utf8_lossy(&out.stdout);
    assert!(dot.contains("label=\"Finsh\\nmissing step\""), "{dot}");
}

/// A document whose default is not among its `allowedValues` (SSM only meets it
/// when the default is used): imported with a reasoned allow that lets it build
/// back, or refused under `--strict`.
#[test]
fn import_keeps_a_check_error_as_an_allow_and_strict_refuses_it() {
    let dir = temp_dir("import-allows");
    let doc = r#"{
  "schemaVersion": "0.3",
  "parameters": {
    "Mode": { "type": "String", "default": "c", "allowedValues": ["a", "b"] }
  },
  "mainSteps": [
    { "name": "Wait", "action": "aws:sleep", "inputs": { "Duration": "PT1S" } }
  ]
}
"#;
    std::fs::write(dir.join("odd.json"), doc).expect("write");
    let out = ssmc(&["import", "odd.json", "-o", "rb"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("kept as `// ssmc: allow(...)`"),
        "{}",
        stderr(&out)
    );
    let rbk = std::fs::read_to_string(dir.join("rb/odd.rbk")).expect("imported");
    assert!(rbk.contains("// ssmc: allow("), "{rbk}");
    assert!(
        rbk.contains("kept from the imported document as written (E"),
        "{rbk}"
    );
    let built = ssmc(
        &["build", "rb/odd.rbk", "-o", "built", "--format", "json"],
        &dir,
    );
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    let back: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("built/odd.json")).expect("built"))
            .expect("json");
    let original: serde_json::Value = serde_json::from_str(doc).expect("json");
    assert_eq!(back, original);

    let strict = ssmc(&["import", "--strict", "odd.json", "-o", "strict"], &dir);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    assert!(
        stderr(&strict).contains("not imported (--strict)"),
        "{}",
        stderr(&strict)
    );
    assert!(!dir.join("strict/odd.rbk").exists());
}

/// The faulty documents of `tests/fixtures/import/faulty/` (each a fault the
/// issue names, written as a user-guide example would be): `ssmc import`
/// keeps each fault as a reasoned allow of its rule, the runbook builds back
/// to the document's value, and `--strict` refuses every one that has a fault.
#[test]
fn import_keeps_every_faulty_document_and_it_builds_back() {
    let cases = [
        ("default_not_allowed.json", Some("invalid-default")),
        ("required_input_missing.json", Some("missing-input")),
        ("step_without_inputs_automation.yaml", Some("aws-schema")),
        ("stringmap_in_script.yaml", None),
        ("undeclared_output.yaml", Some("unknown-output")),
        ("undeclared_ref_command.yaml", Some("unknown-parameter")),
    ];
    let fixtures = repo().join("tests/fixtures/import/faulty");
    let dir = temp_dir("import-faulty");
    for (file, rule) in cases {
        let text = std::fs::read_to_string(fixtures.join(file)).expect("fixture");
        std::fs::write(dir.join(file), &text).expect("write");
        let stem = file.split('.').next().expect("a stem");
        let out = ssmc(&["import", file, "-o", "rb"], &dir);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
        let rbk = std::fs::read_to_string(dir.join(format!("rb/{stem}.rbk"))).expect("imported");
        match rule {
            Some(rule) => assert!(
                rbk.contains(&format!(
                    "// ssmc: allow({rule}): kept from the imported document as written (E"
                )),
                "{file}: {rbk}"
            ),
            None => assert!(!rbk.contains("ssmc: allow"), "{file}: {rbk}"),
        }
        let built = ssmc(
            &[
                "build",
                &format!("rb/{stem}.rbk"),
                "-o",
                "built",
                "--format",
                "json",
            ],
            &dir,
        );
        assert_eq!(built.status.code(), Some(0), "{file}: {}", stderr(&built));
        let back: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("built/{stem}.json"))).expect("built"),
        )
        .expect("json");
        let original: serde_json::Value = if file.ends_with(".json") {
            serde_json::from_str(&text).expect("json")
        } else {
            serde_yaml_ng::from_str(&text).expect("yaml")
        };
        assert_eq!(back, original, "{file}");
        let strict = ssmc(&["import", "--strict", file, "-o", "strict"], &dir);
        let expected = if rule.is_some() { 1 } else { 0 };
        assert_eq!(
            strict.status.code(),
            Some(expected),
            "{file}: {}",
            stderr(&strict)
        );
    }
}

/// A document the checker finds nothing in but AWS's schema refuses (an
/// Automation step without `inputs`) is a build error: nothing is written.
/// Lenient forms with an AWS form are built in it instead.
#[test]
fn build_refuses_a_document_that_fails_the_schema_and_fixes_lenient_forms() {
    let dir = temp_dir("build-schema");
    std::fs::write(
        dir.join("ts.rbk"),
        "automation Ts {\n  step S = aws:pause\n}\n",
    )
    .expect("write");
    let out = ssmc(&["build", "ts.rbk", "-o", "out"], &dir);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("AWS would refuse `Ts`"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("\"inputs\" is a required property at /mainSteps/0"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("out/Ts.json").exists());

    std::fs::write(
        dir.join("ts.rbk"),
        "automation Ts {\n  param N: Integer = \"5\"\n  step S = aws:sleep { Duration: 2m } attempts \"2\"\n  step A = aws:approve { Approvers: [\"arn:aws:iam::123456789012:role/A\"], Message: 5, MinRequiredApprovals: 1 }\n}\n",
    )
    .expect("write");
    let out = ssmc(&["build", "ts.rbk", "-o", "out", "--format", "json"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let built = std::fs::read_to_string(dir.join("out/Ts.json")).expect("built");
    let built: serde_json::Value = serde_json::from_str(&built).expect("json");
    assert_eq!(built["parameters"]["N"]["default"], 5);
    assert_eq!(built["mainSteps"][0]["maxAttempts"], 2);
    assert_eq!(built["mainSteps"][0]["inputs"]["Duration"], "PT2M");
    // A number for a String input is built as its text; an Integer input keeps its number.
    assert_eq!(built["mainSteps"][1]["inputs"]["Message"], "5");
    assert_eq!(built["mainSteps"][1]["inputs"]["MinRequiredApprovals"], 1);
}

/// `ssmc lint` and `ssmc check` walk Terraform and CloudFormation files and
/// report an embedded document's fault at its line and column in the template;
/// a `.tf` file without SSM documents is skipped with a note.
#[test]
fn lint_and_check_report_embedded_documents_at_their_place_in_the_template() {
    let dir = temp_dir("embedded");
    let tf = "resource \"aws_ssm_document\" \"wait\" {\n  document_type = \"Automation\"\n  content = <<-EOF\n    {\n      \"schemaVersion\": \"0.3\",\n      \"description\": \"Waits for ${var.minutes}.\",\n      \"mainSteps\": [{\"name\": \"Wait\", \"action\": \"aws:sleep\", \"inputs\": {\"Duration\": \"PT1M\"}, \"nextStep\": \"Gone\"}]\n    }\n  EOF\n}\n";
    std::fs::write(dir.join("main.tf"), tf).expect("write");
    std::fs::write(dir.join("vars.tf"), "variable \"minutes\" {}\n").expect("write");
    let cfn = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Doc:\n    Type: AWS::SSM::Document\n    Properties:\n      Content:\n        schemaVersion: '2.2'\n        description: Says hello.\n        mainSteps:\n          - action: aws:runShellScript\n            name: Hello\n            inputs:\n              runCommand: [echo {{ Nmae }}]\n";
    std::fs::write(dir.join("stack.template"), cfn).expect("write");
    for command in ["lint", "check"] {
        let out = ssmc(&[command, "--no-cache", "."], &dir);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{command}: {err}");
        // `"nextStep": "Gone"` on line 7 of main.tf; `{{ Nmae }}` on line 13 of the template.
        assert!(err.contains("main.tf:7:"), "{command}: {err}");
        assert!(err.contains("stack.template:13:"), "{command}: {err}");
        if command == "lint" {
            assert!(
                err.contains("note: skipped ./vars.tf"),
                "skipped with a note: {err}"
            );
        }
    }
}

/// shellcheck's findings on a script inside a template point at the script's
/// characters in the template: through a heredoc with a masked `${var.dir}`,
/// and through a JSON string inside a JSON string.
#[test]
fn shellcheck_findings_in_templates_point_into_the_template() {
    if !ssmc::commands::shellcheck::available() {
        eprintln!("skipped: shellcheck is not on PATH");
        return;
    }
    let dir = temp_dir("embedded-shellcheck");
    let tf = "resource \"aws_ssm_document\" \"d\" {\n  content = <<DOC\n{\"schemaVersion\": \"2.2\", \"description\": \"x\", \"mainSteps\": [{\"action\": \"aws:runShellScript\", \"name\": \"Run\",\n \"inputs\": {\"runCommand\": [\"for f in $(ls ${var.dir}); do rm $f; done\"]}}]}\nDOC\n}\n";
    std::fs::write(dir.join("main.tf"), tf).expect("write");
    let script = r#"#!/bin/bash\\nfor f in $(ls /tmp); do\\n  rm $f\\ndone"#;
    let cfn = format!(
        "{{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {{\"Doc\": {{\"Type\": \"AWS::SSM::Document\", \"Properties\": {{\n\"Content\": \"{{\\\"schemaVersion\\\": \\\"2.2\\\", \\\"description\\\": \\\"x\\\", \\\"mainSteps\\\": [{{\\\"action\\\": \\\"aws:runShellScript\\\", \\\"name\\\": \\\"Run\\\", \\\"inputs\\\": {{\\\"runCommand\\\": [\\\"{script}\\\"]}}}}]}}\"\n}}}}}}}}\n"
    );
    std::fs::write(dir.join("stack.json"), &cfn).expect("write");
    let out = ssmc(&["lint", "--no-cache", "."], &dir);
    let err = stderr(&out);
    let col = |text: &str, line: usize, needle: &str| {
        text.lines()
            .nth(line - 1)
            .and_then(|l| l.find(needle))
            .map_or(0, |c| c + 1)
    };
    // SC2045 (iterating over ls) at `$(ls …`, in each file.
    let tf_at = format!("main.tf:4:{}", col(tf, 4, "$(ls"));
    let cfn_at = format!("stack.json:2:{}", col(&cfn, 2, "$(ls"));
    assert!(err.contains("SC2045"), "{err}");
    assert!(err.contains(&tf_at), "{tf_at}: {err}");
    assert!(err.contains(&cfn_at), "{cfn_at}: {err}");
}

/// `ssmc test`: the examples' tests pass (exit 0) and the JUnit file lists
/// them; a failing expectation is exit 1 with the diverging step on stdout;
/// a broken test file is exit 1 with its diagnostic; no test file is exit 2.
#[test]
fn test_command_runs_reports_and_exits_by_the_contract() {
    let dir = temp_dir("test-command");
    copy_examples(&dir);
    let ok = ssmc(
        &["test", ".", "--coverage", "--junit", "out/junit.xml"],
        &dir,
    );
    let stdout = String::from_utf8_lossy(&ok.stdout).into_owned();
    assert_eq!(ok.status.code(), Some(0), "{stdout}{}", stderr(&ok));
    assert!(
        stdout.contains("PatchFleet: steps 10/10 (100.0%), branch edges 2/2 (100.0%)"),
        "{stdout}"
    );
    let junit = std::fs::read_to_string(dir.join("out/junit.xml")).expect("junit written");
    assert!(
        junit.contains("<testsuite name=\"./patch-fleet.test.toml\""),
        "{junit}"
    );
    assert_eq!(
        junit.matches("<testcase ").count(),
        stdout.matches(" ... ok").count()
    );

    std::fs::write(
        dir.join("wrong.test.toml"),
        "runbook = \"patch-fleet.rbk\"\n[[test]]\nname = \"wrong turn\"\n\
         inputs = { AutomationAssumeRole = \"arn:aws:iam::123456789012:role/P\", Application = \"web\", Approvers = [\"a\"] }\n\
         ssm = { \"/platform/automation/approval-topic-arn\" = \"a\", \"/platform/ops/notification-topic-arn\" = \"n\", \"/platform/ssm/output-bucket-name\" = \"b\" }\n\
         expect.path = [\"NeedsApproval\", \"Approve\"]\n",
    )
    .expect("write");
    let failed = ssmc(&["test", "wrong.test.toml"], &dir);
    let out = String::from_utf8_lossy(&failed.stdout).into_owned();
    assert_eq!(failed.status.code(), Some(1));
    assert!(
        out.contains("path diverges at step 2: expected `Approve`, ran `PatchCanary`"),
        "{out}"
    );

    std::fs::write(
        dir.join("broken.test.toml"),
        "runbook = \"patch-fleet.rbk\"\n[[test]]\nname = \"x\"\nmock.NoSuchStep = {}\n",
    )
    .expect("write");
    let broken = ssmc(&["test", "broken.test.toml"], &dir);
    assert_eq!(broken.status.code(), Some(1));
    assert!(stderr(&broken).contains("E0502"), "{}", stderr(&broken));

    let empty = temp_dir("test-command-empty");
    let none = ssmc(&["test", "."], &empty);
    assert_eq!(none.status.code(), Some(2), "{}", stderr(&none));
}

/// `ssmc test init`: on every example (its own tests removed) it writes a
/// test file that `ssmc test` passes; it never replaces a file without
/// `--force` (exit 2, the file unchanged); a runbook with errors is exit 1.
#[test]
fn test_init_writes_passing_tests_and_never_overwrites_without_force() {
    let dir = temp_dir("test-init");
    copy_examples(&dir);
    let mut runbooks = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("the copy") {
        let path = entry.expect("an entry").path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let Some(name) = name else { continue };
        if name.ends_with(".test.toml") {
            std::fs::remove_file(&path).expect("remove the example's tests");
        } else if name.ends_with(".rbk") {
            runbooks.push(name);
        }
    }
    assert!(runbooks.len() >= 7, "{runbooks:?}");
    for rbk in &runbooks {
        let out = ssmc(&["test", "init", rbk], &dir);
        assert_eq!(out.status.code(), Some(0), "{rbk}: {}", stderr(&out));
    }
    let run = ssmc(&["test", "."], &dir);
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    assert_eq!(run.status.code(), Some(0), "{stdout}{}", stderr(&run));
    assert!(
        stdout.contains("patch-fleet.test.toml :: `NeedsApproval` chooses `Approve` ... ok"),
        "{stdout}"
    );

    let written = dir.join("patch-fleet.test.toml");
    std::fs::write(&written, "# mine\n").expect("write");
    let again = ssmc(&["test", "init", "patch-fleet.rbk"], &dir);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(std::fs::read_to_string(&written).expect("kept"), "# mine\n");
    let forced = ssmc(&["test", "init", "--force", "patch-fleet.rbk"], &dir);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert!(std::fs::read_to_string(&written)
        .expect("replaced")
        .contains("[[test]]"));

    std::fs::write(
        dir.join("broken.rbk"),
        "automation Broken {\n  step A = \n}\n",
    )
    .expect("write");
    let broken = ssmc(&["test", "init", "broken.rbk"], &dir);
    assert_eq!(broken.status.code(), Some(1), "{}", stderr(&broken));
    assert!(!dir.join("broken.test.toml").exists());
}

/// `ssmc test --from-execution`: finds the runbook by the execution's
/// `DocumentName`, writes a replay that `ssmc test` passes, never replaces a
/// file (exit 2); once the runbook's path changes the replay fails (exit 1,
/// the diverging step shown); an execution still running is exit 2.
#[test]
fn test_from_execution_writes_a_replay_that_fails_when_the_path_changes() {
    let dir = temp_dir("test-replay");
    copy_examples(&dir);
    let fixture = repo().join("tests/fixtures/executions/incident-remediation-replaced.json");
    let fixture = fixture.to_string_lossy().into_owned();
    let out = ssmc(&["test", "--from-execution", &fixture, "."], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = dir.join("incident-remediation.execution-4b2f9c1e.test.toml");
    let text = std::fs::read_to_string(&written).expect("the replay is written");
    assert!(
        text.contains("runbook = \"incident-remediation.rbk\""),
        "{text}"
    );
    let run = ssmc(
        &["test", "incident-remediation.execution-4b2f9c1e.test.toml"],
        &dir,
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));

    let again = ssmc(&["test", "--from-execution", &fixture, "."], &dir);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(&written).expect("kept"), text);

    // `--runbook` and `--output` name both files; the runbook key follows.
    std::fs::create_dir_all(dir.join("replays")).expect("mkdir");
    let named = ssmc(
        &[
            "test",
            "--from-execution",
            &fixture,
            "--runbook",
            "incident-remediation.rbk",
            "--output",
            "replays/restart-failed.test.toml",
        ],
        &dir,
    );
    assert_eq!(named.status.code(), Some(0), "{}", stderr(&named));
    let moved =
        std::fs::read_to_string(dir.join("replays/restart-failed.test.toml")).expect("written");
    assert!(
        moved.contains("runbook = \"../incident-remediation.rbk\""),
        "{moved}"
    );

    // The restart's failure no longer leads to the approval.
    let runbook = dir.join("incident-remediation.rbk");
    let source = std::fs::read_to_string(&runbook).expect("the runbook");
    let changed = source.replace(
        "} timeout 10m, on_failure goto ApproveReplacement",
        "} timeout 10m",
    );
    assert_ne!(changed, source);
    std::fs::write(&runbook, changed).expect("write");
    let diverged = ssmc(
        &["test", "incident-remediation.execution-4b2f9c1e.test.toml"],
        &dir,
    );
    let stdout = String::from_utf8_lossy(&diverged.stdout).into_owned();
    assert_eq!(
        diverged.status.code(),
        Some(1),
        "{stdout}{}",
        stderr(&diverged)
    );
    assert!(
        stdout.contains("FAILED") && stdout.contains("RestartService"),
        "{stdout}"
    );

    let running = dir.join("running.json");
    let recorded =
        std::fs::read_to_string(repo().join("tests/fixtures/executions/patch-fleet-rejected.json"))
            .expect("fixture");
    std::fs::write(
        &running,
        recorded.replace(
            "\"AutomationExecutionStatus\": \"Failed\"",
            "\"AutomationExecutionStatus\": \"Waiting\"",
        ),
    )
    .expect("write");
    let refused = ssmc(&["test", "--from-execution", "running.json", "."], &dir);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("`Waiting`"),
        "{}",
        stderr(&refused)
    );
    let unknown = ssmc(&["test", "--from-execution", &fixture, "replays"], &dir);
    assert_eq!(unknown.status.code(), Some(2), "{}", stderr(&unknown));
    assert!(
        stderr(&unknown).contains("--runbook"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn iam_prints_the_policy_of_a_runbook_in_every_format() {
    let out = ssmc(&["iam", "examples/golden-ami.rbk"], &repo());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let policy: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON policy");
    assert_eq!(policy["Version"], "2012-10-17");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("\"ec2:RunInstances\"") && text.contains("\"iam:PassRole\""),
        "{text}"
    );
    let cfn = ssmc(
        &[
            "iam",
            "examples/golden-ami.rbk",
            "--format",
            "cloudformation",
        ],
        &repo(),
    );
    assert_eq!(cfn.status.code(), Some(0), "{}", stderr(&cfn));
    let template: serde_json::Value = serde_json::from_slice(&cfn.stdout).expect("JSON template");
    let role = &template["Resources"]["GoldenAmiAutomationRole"];
    assert_eq!(role["Type"], "AWS::IAM::Role");
    assert_eq!(
        role["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"],
        "ssm.amazonaws.com"
    );
    let tf = ssmc(
        &["iam", "examples/golden-ami.rbk", "--format", "terraform"],
        &repo(),
    );
    let tf = String::from_utf8_lossy(&tf.stdout);
    assert!(
        tf.contains("resource \"aws_iam_role\" \"goldenami\"")
            && tf.contains("aws_iam_role_policy"),
        "{tf}"
    );
    let explain = ssmc(&["iam", "examples/golden-ami.rbk", "--explain"], &repo());
    let explain = String::from_utf8_lossy(&explain.stdout);
    assert!(
        explain.contains("step `LaunchInstance` needs iam:PassRole"),
        "{explain}"
    );
}

#[test]
fn iam_warns_about_a_script_and_reads_raw_documents() {
    let dir = temp_dir("iam-raw");
    std::fs::write(
        dir.join("doc.yaml"),
        "schemaVersion: '0.3'\nmainSteps:\n\
         - {name: s, action: aws:executeScript, inputs: {Runtime: python3.11, Handler: h, Script: \"import boto3\\ndef h(e, c):\\n    ec2 = boto3.client('ec2')\\n    ec2.describe_instances()\\n    ec2.no_such_call()\\n\"}}\n\
         - {name: q, action: aws:executeAwsApi, inputs: {Service: sqs, Api: ListQueues}}\n",
    )
    .expect("write");
    let out = ssmc(&["iam", "doc.yaml"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("warning: step `s`: the script's call `ec2.no_such_call` (script line 5)"),
        "{}",
        stderr(&out)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("sqs:ListQueues"), "{stdout}");
    assert!(stdout.contains("ec2:DescribeInstances"), "{stdout}");
}

#[test]
fn iam_check_names_what_a_policy_lacks_and_exits_1() {
    let dir = temp_dir("iam-check");
    std::fs::write(
        dir.join("doc.json"),
        r#"{"schemaVersion":"0.3","mainSteps":[{"name":"q","action":"aws:executeAwsApi","inputs":{"Service":"sqs","Api":"ListQueues"}}]}"#,
    )
    .expect("write");
    std::fs::write(
        dir.join("thin.json"),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#,
    )
    .expect("write");
    std::fs::write(
        dir.join("wide.json"),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:*","Resource":"*"}]}"#,
    )
    .expect("write");
    let thin = ssmc(&["iam", "--check", "thin.json", "doc.json"], &dir);
    assert_eq!(thin.status.code(), Some(1), "{}", stderr(&thin));
    let text = String::from_utf8_lossy(&thin.stdout);
    assert!(
        text.contains("lacks: sqs:ListQueues on *") && text.contains("beyond need: s3:GetObject"),
        "{text}"
    );
    let wide = ssmc(&["iam", "--check", "wide.json", "doc.json"], &dir);
    assert_eq!(wide.status.code(), Some(0), "{}", stderr(&wide));
    assert!(String::from_utf8_lossy(&wide.stdout).contains("beyond need: sqs:* grants"));
    std::fs::write(
        dir.join("regional.json"),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:ListQueues","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}"#,
    )
    .expect("write");
    let regional = ssmc(&["iam", "--check", "regional.json", "doc.json"], &dir);
    assert_eq!(regional.status.code(), Some(0), "{}", stderr(&regional));
    assert!(
        String::from_utf8_lossy(&regional.stdout).contains(
            "granted only if StringEquals aws:RequestedRegion = eu-west-1: sqs:ListQueues on *"
        ),
        "{}",
        String::from_utf8_lossy(&regional.stdout)
    );
    let missing = ssmc(&["iam", "--check", "none.json", "doc.json"], &dir);
    assert_eq!(missing.status.code(), Some(2));
    std::fs::write(dir.join("bad.rbk"), "automation {").expect("write");
    assert_eq!(ssmc(&["iam", "bad.rbk"], &dir).status.code(), Some(1));
}

/// `[documents] paths` of `ssmc.toml` lends the signatures of documents outside
/// the project (a GetDocument response here) to the calls that name them: a
/// misspelt parameter is E1060 against the vendored document, which is itself
/// neither checked nor linted. Without the setting the name is unknown (W1020).
#[test]
fn documents_paths_type_calls_to_vendored_documents() {
    let dir = temp_dir("documents-paths");
    std::fs::create_dir_all(dir.join("vendor")).expect("mkdir");
    let content = r#"{\"schemaVersion\": \"2.2\", \"parameters\": {\"Service\": {\"type\": \"String\"}}, \"mainSteps\": [{\"action\": \"aws:runShellScript\", \"name\": \"R\", \"inputs\": {\"runCommand\": [\"systemctl restart {{ Service }}\"]}}]}"#;
    std::fs::write(
        dir.join("vendor/team-restart.json"),
        format!(r#"{{"Name": "Team-Restart", "DocumentType": "Command", "DocumentFormat": "JSON", "Content": "{content}"}}"#),
    )
    .expect("write");
    std::fs::write(
        dir.join("restart.rbk"),
        "automation Restart {\n  step Run = aws:runCommand {\n    DocumentName: \"Team-Restart\",\n    InstanceIds: [\"i-0123456789abcdef0\"],\n    Parameters: { Servce: [\"nginx\"] },\n  }\n}\n",
    )
    .expect("write");
    let out = ssmc(&["check", "--no-cache", "restart.rbk"], &dir);
    assert!(stderr(&out).contains("[W1020]"), "{}", stderr(&out));

    std::fs::write(dir.join("ssmc.toml"), "[documents]\npaths = [\"vendor\"]\n").expect("write");
    let out = ssmc(&["check", "--no-cache", "restart.rbk"], &dir);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("[E1060]") && err.contains("`Servce`"), "{err}");
    assert!(err.contains("`Service`"), "did you mean: {err}");
    assert!(!err.contains("W1020"), "{err}");
    assert!(
        !err.contains("team-restart.json"),
        "the vendored file is not judged: {err}"
    );

    std::fs::write(
        dir.join("ssmc.toml"),
        "[documents]\npaths = [\"../outside\"]\n",
    )
    .expect("write");
    let out = ssmc(&["check", "--no-cache", "restart.rbk"], &dir);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("leaves the project"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn iam_adds_the_needs_of_a_child_automation_of_the_project() {
    let dir = temp_dir("iam-children");
    std::fs::write(dir.join("ssmc.toml"), "[documents]\npaths = [\"shared\"]\n").expect("write");
    std::fs::create_dir_all(dir.join("shared")).expect("mkdir");
    std::fs::write(
        dir.join("shared/StopFleet.yaml"),
        "schemaVersion: '0.3'\nmainSteps:\n\
         - {name: stop, action: aws:executeAwsApi, inputs: {Service: ec2, Api: StopInstances, InstanceIds: [i-1]}}\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("parent.yaml"),
        "schemaVersion: '0.3'\nmainSteps:\n\
         - {name: child, action: aws:executeAutomation, inputs: {DocumentName: StopFleet}}\n\
         - {name: aws, action: aws:executeAutomation, inputs: {DocumentName: AWS-RestartEC2Instance}}\n",
    )
    .expect("write");
    let out = ssmc(&["iam", "parent.yaml", "--explain"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "- step `child` needs ec2:StopInstances for its child `StopFleet`'s step `stop`"
        ),
        "{text}"
    );
    assert!(
        stderr(&out).contains("warning: step `aws`: `AWS-RestartEC2Instance` is AWS-owned"),
        "{}",
        stderr(&out)
    );

    // Without ssmc.toml, the automations of the `.rbk` files beside the runbook.
    let bare = temp_dir("iam-children-bare");
    std::fs::write(
        bare.join("child.rbk"),
        "/// Stops the fleet.\nautomation StopFleet {\n  /// Stop them.\n  \
         step Stop = aws:executeAwsApi { Service: \"ec2\", Api: \"StopInstances\", InstanceIds: [\"i-1\"] }\n}\n",
    )
    .expect("write");
    std::fs::write(
        bare.join("parent.yaml"),
        "schemaVersion: '0.3'\nmainSteps:\n\
         - {name: child, action: aws:executeAutomation, inputs: {DocumentName: StopFleet}}\n",
    )
    .expect("write");
    let out = ssmc(&["iam", "parent.yaml", "--explain"], &bare);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("needs ec2:StopInstances for its child `StopFleet`'s step `Stop`"),
        "{text}"
    );
}

/// `[documents] namespace` of `ssmc.toml` makes an unknown name under one of
/// its prefixes an error (E1066, with did-you-mean among the project's
/// documents); a name outside it stays the warning W1020, and without the
/// setting nothing is in the namespace.
#[test]
fn an_unknown_name_in_the_projects_namespace_is_an_error() {
    let dir = temp_dir("documents-namespace");
    std::fs::write(
        dir.join("restart.rbk"),
        "command AcmeRestart {\n  param Service: String\n  step Run = aws:runShellScript { runCommand: [\"systemctl restart {{ Service }}\"] }\n}\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("caller.rbk"),
        "automation Caller {\n  step Run = aws:runCommand {\n    DocumentName: \"AcmeRestrat\",\n    InstanceIds: [\"i-0123456789abcdef0\"],\n  }\n  step Other = aws:runCommand {\n    DocumentName: \"Team-Unknown\",\n    InstanceIds: [\"i-0123456789abcdef0\"],\n  }\n}\n",
    )
    .expect("write");
    let out = ssmc(&["check", "--no-cache", "."], &dir);
    let err = stderr(&out);
    assert!(!err.contains("E1066"), "no namespace configured: {err}");
    assert_eq!(err.matches("[W1020]").count(), 2, "{err}");

    std::fs::write(
        dir.join("ssmc.toml"),
        "[documents]\nnamespace = [\"Acme\"]\n",
    )
    .expect("write");
    let out = ssmc(&["check", "--no-cache", "."], &dir);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("[E1066]")
            && err.contains("no document of the project is named `AcmeRestrat`"),
        "{err}"
    );
    assert!(err.contains("did you mean `AcmeRestart`?"), "{err}");
    assert_eq!(
        err.matches("[W1020]").count(),
        1,
        "`Team-Unknown` stays a warning: {err}"
    );
}
