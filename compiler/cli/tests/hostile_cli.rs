//! Issue 18, round 2: hostile documents and hostile surroundings met by the
//! real binary (docs/robustness.md lists each guarantee and its test here).
//!
//! Every run has a deadline (the child is killed and the test fails), and
//! no run may panic or report an internal error.

mod common;

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A run longer than this is a hang.
const DEADLINE: Duration = Duration::from_secs(30);

struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
}

impl Run {
    fn out(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

/// A scratch folder, removed when the returned guard is dropped.
fn temp_dir(name: &str) -> common::Scratch {
    common::Scratch::new(&format!("hostile2-{name}"))
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("folder");
    }
    std::fs::write(&path, text).expect("write");
    path
}

fn command(args: &[&str], cwd: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ssmc"));
    cmd.args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null());
    cmd
}

/// Waits for `child` (stdout and stderr drained on threads), killing it at the deadline.
fn finish(mut child: Child, what: &str) -> Run {
    let start = Instant::now();
    let out = child.stdout.take().map(|mut o| {
        std::thread::spawn(move || {
            let mut b = Vec::new();
            let _ = o.read_to_end(&mut b);
            b
        })
    });
    let err = child.stderr.take().map(|mut e| {
        std::thread::spawn(move || {
            let mut b = Vec::new();
            let _ = e.read_to_end(&mut b);
            b
        })
    });
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
        }
        assert!(
            start.elapsed() <= DEADLINE + Duration::from_secs(1),
            "`ssmc {what}` hung (over {DEADLINE:?})"
        );
        std::thread::sleep(Duration::from_millis(5));
    };
    let stdout = out.map(|t| t.join().expect("stdout")).unwrap_or_default();
    let stderr = err.map(|t| t.join().expect("stderr")).unwrap_or_default();
    let stderr = String::from_utf8_lossy(&stderr).into_owned();
    assert!(
        !stderr.contains("panicked") && !stderr.contains("internal compiler error"),
        "`ssmc {what}` failed inside:\n{stderr}"
    );
    assert_ne!(status.code(), Some(101), "`ssmc {what}` panicked");
    Run {
        code: status.code(),
        stdout,
        stderr,
    }
}

/// Runs `ssmc args` in `cwd` with both outputs captured.
fn ssmc(args: &[&str], cwd: &Path) -> Run {
    let child = command(args, cwd)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ssmc starts");
    finish(child, &args.join(" "))
}

// ---------------------------------------------------------------- item 11

/// A project whose lint has findings on stdout and an error (exit 1).
fn project_with_findings(name: &str) -> common::Scratch {
    let dir = temp_dir(name);
    let mut doc =
        String::from("{\"schemaVersion\": \"0.3\", \"description\": \"x\", \"mainSteps\": [\n");
    for i in 0..40 {
        doc.push_str(&format!(
            "{}{{\"name\": \"s{i}\", \"action\": \"aws:sleep\", \"inputs\": {{\"Duration\": \"PT1S\"}}, \"nextStep\": \"nowhere{i}\"}}\n",
            if i == 0 { "" } else { "," }
        ));
    }
    doc.push_str("]}\n");
    write(&dir, "doc.json", &doc);
    write(&dir, "ssmc.toml", "");
    dir
}

/// A stdout whose reader has already gone: every write fails with a broken pipe.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    Stdio::from(writer)
}

fn dev_full() -> Stdio {
    Stdio::from(
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full"),
    )
}

#[test]
fn a_closed_stdout_ends_the_output_quietly_with_the_commands_status() {
    let dir = project_with_findings("closed");
    let expected = ssmc(&["lint", "--format", "json", "--no-cache"], &dir);
    assert_eq!(expected.code, Some(1), "{}", expected.stderr);
    for args in [
        &["lint", "--format", "json", "--no-cache"][..],
        &["lint", "--format", "sarif", "--no-cache"],
        &["lint", "--format", "github", "--no-cache"],
        &["graph", "doc.json"],
        &["graph", "doc.json", "--format", "svg"],
        &["explain", "SSM301"],
        &["man"],
        &["completions", "bash"],
    ] {
        let child = command(args, &dir)
            .stdout(closed_pipe())
            .stderr(Stdio::piped())
            .spawn()
            .expect("ssmc starts");
        let run = finish(child, &args.join(" "));
        let alone = ssmc(args, &dir);
        assert_eq!(
            run.code,
            alone.code,
            "`ssmc {}`: {}",
            args.join(" "),
            run.stderr
        );
        assert!(
            !run.stderr.contains("Broken pipe") && !run.stderr.contains("cannot write"),
            "`ssmc {}` complained about the closed pipe:\n{}",
            args.join(" "),
            run.stderr
        );
    }
}

#[test]
fn a_full_stdout_is_an_error_exit_2_and_a_full_stderr_changes_nothing() {
    let dir = project_with_findings("full");
    for args in [
        &["lint", "--format", "json", "--no-cache"][..],
        &["graph", "doc.json", "--format", "dot"],
        &["man"],
    ] {
        let child = command(args, &dir)
            .stdout(dev_full())
            .stderr(Stdio::piped())
            .spawn()
            .expect("ssmc starts");
        let run = finish(child, &args.join(" "));
        assert_eq!(
            run.code,
            Some(2),
            "`ssmc {}`: {}",
            args.join(" "),
            run.stderr
        );
        assert!(
            run.stderr
                .contains("error: cannot write the output: No space left on device"),
            "`ssmc {}`: {}",
            args.join(" "),
            run.stderr
        );
    }
    // Diagnostics and summaries on a full stderr: the status is the command's own.
    for (args, code) in [
        (&["lint", "--no-cache"][..], 1),
        (&["graph", "doc.json"], 0),
        (&["explain", "no-such-rule"], 2),
    ] {
        assert_eq!(
            ssmc(args, &dir).code,
            Some(code),
            "`ssmc {}`",
            args.join(" ")
        );
        let child = command(args, &dir)
            .stdout(Stdio::piped())
            .stderr(dev_full())
            .spawn()
            .expect("ssmc starts");
        let run = finish(child, &args.join(" "));
        assert_eq!(run.code, Some(code), "`ssmc {}`", args.join(" "));
    }
}

#[test]
fn every_print_goes_through_the_output_module() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src];
    let mut offenders = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.file_name().is_some_and(|n| n == "output.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("source");
            for (i, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                if [
                    "println!",
                    "print!(",
                    "eprint",
                    "std::io::stdout()",
                    "std::io::stderr()",
                ]
                .iter()
                .any(|m| code.contains(m))
                    && !code.contains("is_terminal")
                {
                    offenders.push(format!("{}:{}: {line}", path.display(), i + 1));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "print through compiler/cli/src/output.rs:\n{}",
        offenders.join("\n")
    );
}

// ---------------------------------------------------------------- item 13

/// The control characters a document may carry: ESC (a terminal command),
/// BEL, backspace, CR, NUL, DEL, a C1 CSI, and a right-to-left override.
const NASTY: &str = "\u{1b}[2J\u{7}\u{8}\r\u{7f}\u{9b}31m\u{202e}";

fn assert_no_raw_controls(text: &str, what: &str) {
    let raw: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect();
    assert!(raw.is_empty(), "{what} printed raw {raw:?}:\n{text:?}");
}

#[test]
fn document_control_characters_are_escaped_in_every_human_output() {
    let dir = temp_dir("escapes");
    let json_name = serde_json::to_string(&format!("bad{NASTY}")).expect("json");
    let doc = format!(
        "{{\"schemaVersion\": \"0.3\", \"description\": \"x\", \"mainSteps\": [
  {{\"name\": {json_name}, \"action\": \"aws:sleep\", \"inputs\": {{\"Duration\": \"PT1S\"}}, \"nextStep\": {json_name}}},
  {{\"name\": \"b\", \"action\": \"aws:sleep\", \"inputs\": {{\"Duration\": \"PT1S\"}}, \"nextStep\": \"gone{}\"}}
]}}\n",
        &json_name[1..json_name.len() - 1]
    );
    write(&dir, "doc.json", &doc);
    write(
        &dir,
        &format!("file{}.rbk", "\u{1b}[1m"),
        "automation A {\n  step S = aws:sleep { Duration: \"PT1S\" }\n  goto nowhere\n}\n",
    );
    write(&dir, "ssmc.toml", "");
    for args in [
        &["lint", "--no-cache", "--color", "never"][..],
        &["lint", "--no-cache", "--color", "always"],
        &["lint", "--no-cache", "--format", "github"],
        &["check", "--no-cache", "--color", "never"],
        &["graph", "doc.json"],
        &["graph", "doc.json", "--format", "dot"],
        &["graph", "doc.json", "--format", "svg"],
        &["import", "doc.json", "-o", "imported"],
    ] {
        let run = ssmc(args, &dir);
        let what = format!("`ssmc {}`", args.join(" "));
        assert_no_raw_controls(&run.out(), &format!("{what} (stdout)"));
        // With colour on, the renderer's own colour codes are the only escapes.
        let stderr = if args.contains(&"always") {
            strip_sgr(&run.stderr)
        } else {
            run.stderr.clone()
        };
        assert_no_raw_controls(&stderr, &format!("{what} (stderr)"));
        let all = format!("{}{stderr}", run.out());
        // Shown, escaped: ESC from a decoded name or a file name, DEL raw in the JSON text.
        assert!(
            all.contains("\\u{1b}[") || all.contains("\\u{7f}\\u{9b}31m\\u{202e}"),
            "{what} hid the character:\n{all}"
        );
    }
    // JSON stays JSON: the name comes back exactly.
    let run = ssmc(&["lint", "--no-cache", "--format", "json"], &dir);
    let findings: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
    assert!(
        findings
            .to_string()
            .contains(&json_name[1..json_name.len() - 1]),
        "{findings}"
    );
}

/// `text` without colour codes (`ESC [ digits;… m`, all ariadne writes);
/// any other escape sequence is kept, so a leak still shows.
fn strip_sgr(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let params = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(after.len());
        if after[params..].starts_with('m') {
            rest = &after[params + 1..];
        } else {
            out.push_str(&rest[at..at + 2]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------- item 10

/// A Trojan Source line: shown, it reads as a comment after `echo ok`; run,
/// the override hides `; rm -rf ~` inside what looks like the comment.
const TROJAN: &str = "echo ok # \u{202e} } ~ fr- mr ;\u{2066}";

#[test]
fn bidirectional_controls_are_errors_naming_the_code_points() {
    let dir = temp_dir("bidi");
    write(&dir, "ssmc.toml", "");
    let rbk = format!(
        "command Trojan {{\n  // note \u{2067}hidden\u{2069}\n  param P: String = \"a\u{202d}b\"\n  step Run = aws:runShellScript {{\n    runCommand: [\"{TROJAN}\"],\n  }}\n}}\n"
    );
    write(&dir, "trojan.rbk", &rbk);
    let run = ssmc(&["check", "--no-cache", "--color", "never"], &dir);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    // One error per line, at the line's first control, every one named.
    assert_eq!(run.stderr.matches("[E0018]").count(), 3, "{}", run.stderr);
    for named in [
        "`\\u{2067}` (RIGHT-TO-LEFT ISOLATE), `\\u{2069}` (POP DIRECTIONAL ISOLATE)",
        "`\\u{202d}` (LEFT-TO-RIGHT OVERRIDE)",
        "`\\u{202e}` (RIGHT-TO-LEFT OVERRIDE), `\\u{2066}` (LEFT-TO-RIGHT ISOLATE)",
        "trojan.rbk:2:11",
    ] {
        assert!(run.stderr.contains(named), "{named}:\n{}", run.stderr);
    }
    let build = ssmc(&["build", "-o", "out"], &dir);
    assert_eq!(build.code, Some(1), "{}", build.stderr);
    assert!(
        !dir.join("out").exists(),
        "a Trojan Source runbook was built"
    );

    // The same in raw documents, JSON and YAML: an error in lint and check,
    // and import writes no runbook that would not build.
    let script = serde_json::to_string(TROJAN).expect("json");
    let json = format!(
        "{{\"schemaVersion\": \"2.2\", \"description\": \"x\", \"mainSteps\": [{{\"action\": \"aws:runShellScript\", \"name\": \"run\", \"inputs\": {{\"runCommand\": [{script}]}}}}]}}\n"
    );
    let yaml = format!(
        "schemaVersion: '2.2'\ndescription: x\nmainSteps:\n  - action: aws:runShellScript\n    name: run\n    inputs:\n      runCommand:\n        - {script}\n"
    );
    let raw = temp_dir("bidi-raw");
    write(&raw, "ssmc.toml", "");
    write(&raw, "doc.json", &json);
    write(&raw, "doc2.yaml", &yaml);
    let lint = ssmc(&["lint", "--no-cache", "--color", "never"], &raw);
    assert_eq!(lint.code, Some(1), "{}", lint.stderr);
    for at in ["doc.json:1:", "doc2.yaml:8:"] {
        assert!(
            lint.stderr
                .lines()
                .any(|l| l.contains(at) && l.contains("─[")),
            "{at}:\n{}",
            lint.stderr
        );
    }
    assert_eq!(lint.stderr.matches("[E0018]").count(), 2, "{}", lint.stderr);
    let import = ssmc(&["import", "doc.json", "doc2.yaml", "-o", "imported"], &raw);
    assert_eq!(import.code, Some(1), "{}", import.stderr);
    assert!(import.stderr.contains("E0018"), "{}", import.stderr);
    assert!(
        !raw.join("imported/doc.rbk").exists() && !raw.join("imported/doc2.rbk").exists(),
        "import wrote a runbook that does not build"
    );
}

// ---------------------------------------------------------------- item 12

#[test]
fn duplicate_keys_are_errors_naming_both_places_and_import_refuses_them() {
    let dir = temp_dir("dupkeys");
    write(&dir, "ssmc.toml", "");
    let step = |name: &str| {
        format!("{{\"name\": \"{name}\", \"action\": \"aws:sleep\", \"inputs\": {{\"Duration\": \"PT1S\"}}}}")
    };
    write(
        &dir,
        "doc.json",
        &format!(
            "{{\"schemaVersion\": \"0.3\",\n \"mainSteps\": [{}],\n \"description\": \"x\",\n \"mainSteps\": [{}]}}\n",
            step("reviewed"),
            step("hidden")
        ),
    );
    write(
        &dir,
        "doc2.yaml",
        "schemaVersion: '0.3'\ndescription: x\nmainSteps:\n  - name: s\n    action: aws:sleep\n    inputs:\n      Duration: PT1S\n      Duration: PT9H\n",
    );
    // A key may override what a merge key (`<<`) brought in: no duplicate.
    write(
        &dir,
        "merged.yaml",
        "schemaVersion: '0.3'\ndescription: x\nmainSteps:\n  - name: s\n    action: aws:sleep\n    inputs: &b\n      Duration: PT1S\n  - name: t\n    action: aws:sleep\n    inputs:\n      <<: *b\n      Duration: PT2S\n",
    );
    let lint = ssmc(&["lint", "--no-cache", "--color", "never"], &dir);
    assert_eq!(lint.code, Some(1), "{}", lint.stderr);
    assert_eq!(lint.stderr.matches("[E0607]").count(), 2, "{}", lint.stderr);
    for needle in [
        "the key `mainSteps` is written twice in this map",
        "doc.json:4:2",
        "the key `Duration` is written twice in this map",
        "doc2.yaml:8:7",
        "first written here",
    ] {
        assert!(lint.stderr.contains(needle), "{needle}:\n{}", lint.stderr);
    }
    assert!(
        !lint
            .stderr
            .lines()
            .any(|l| l.contains("E0607") && l.contains("merged.yaml")),
        "{}",
        lint.stderr
    );
    let check = ssmc(&["check", "--no-cache", "doc.json"], &dir);
    assert!(
        check.stderr.contains("E0607") || check.code == Some(0),
        "{}",
        check.stderr
    );
    let import = ssmc(&["import", "doc.json", "doc2.yaml", "-o", "imported"], &dir);
    assert_eq!(import.code, Some(1), "{}", import.stderr);
    assert!(
        !dir.join("imported").join("doc.rbk").exists(),
        "the earlier mainSteps was dropped silently"
    );
    assert!(!dir.join("imported").join("doc2.rbk").exists());
    let merged = ssmc(&["import", "merged.yaml", "-o", "imported"], &dir);
    assert_eq!(merged.code, Some(0), "{}", merged.stderr);
}

// ---------------------------------------------------------------- item 14c

#[test]
fn a_duration_out_of_range_is_an_error_not_a_clamp() {
    let dir = temp_dir("duration");
    write(&dir, "ssmc.toml", "");
    write(
        &dir,
        "long.rbk",
        "automation Long {\n  param Wait: Integer = 213503982334601d\n  step S = aws:sleep { Duration: \"PT1S\" }\n}\n",
    );
    let run = ssmc(&["check", "--no-cache", "--color", "never"], &dir);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("[E0013] Error: the duration `213503982334601d` is out of range"),
        "{}",
        run.stderr
    );
    let build = ssmc(&["build", "-o", "out", "--format", "json"], &dir);
    assert_eq!(build.code, Some(1), "{}", build.stderr);
    assert!(!dir.join("out").exists());
}

// ---------------------------------------------------------------- item 6

fn sleep_doc(name: &str) -> String {
    format!(
        "{{\"schemaVersion\": \"0.3\", \"description\": \"{name}\", \"mainSteps\": [{{\"name\": \"{name}\", \"action\": \"aws:sleep\", \"inputs\": {{\"Duration\": \"PT1S\"}}}}]}}\n"
    )
}

#[test]
fn import_replaces_nothing_without_force_and_never_merges() {
    let dir = temp_dir("import");
    write(&dir, "ssmc.toml", "");
    write(&dir, "a/dup.json", &sleep_doc("first"));
    write(&dir, "b/dup.json", &sleep_doc("second"));
    write(&dir, "mine.json", &sleep_doc("mine"));
    let own =
        "// written by hand\nautomation Mine {\n  step S = aws:sleep { Duration: \"PT1S\" }\n}\n";
    write(&dir, "mine.rbk", own);
    write(&dir, "actions.rbk", "// my actions\n");

    // An existing runbook is named and kept; nothing else is written either.
    let run = ssmc(&["import", "mine.json", "a/dup.json"], &dir);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("`./mine.rbk` already exists"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("mine.rbk"))
            .ok()
            .as_deref(),
        Some(own)
    );
    assert!(
        !dir.join("dup.rbk").exists(),
        "a partial import was written"
    );
    // --force replaces it.
    let forced = ssmc(&["import", "mine.json", "--force"], &dir);
    assert_eq!(forced.code, Some(0), "{}", forced.stderr);
    assert!(std::fs::read_to_string(dir.join("mine.rbk")).is_ok_and(|t| t.contains("mine")));

    // Two documents with one stem: the second is an error, not a merge.
    let out = dir.join("out");
    let run = ssmc(&["import", "a/dup.json", "b/dup.json", "-o", "out"], &dir);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`b/dup.json` would also become `out/dup.rbk`"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("imported 2"), "{}", run.stderr);
    let written = std::fs::read_to_string(out.join("dup.rbk")).unwrap_or_default();
    assert!(
        written.contains("first") && !written.contains("second"),
        "{written}"
    );
}
