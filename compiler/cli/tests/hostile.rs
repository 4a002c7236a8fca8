//! Hostile and odd inputs, run through the real `ssmc` binary (docs/robustness.md).
//!
//! Every case asserts that the command ends within a deadline (the child is
//! killed and the test fails on a hang), exits with the documented status
//! (1 or 2 for bad input; never 101, a signal or an internal error), names
//! the problem in a diagnostic, and stays within a memory bound (peak RSS,
//! from `/usr/bin/time` when the machine has it, else sampled from /proc).
//! The deadline is generous: this is not a timing test.

mod common;

use common::repo;

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A command that runs longer than this is a hang.
const DEADLINE: Duration = Duration::from_secs(10);

/// Peak resident memory any run may reach (debug build, generous).
const MAX_RSS_KB: u64 = 512 * 1024;

struct Run {
    code: Option<i32>,
    stderr: String,
    /// Peak resident set size in KiB, when it could be measured.
    rss_kb: Option<u64>,
}

/// A scratch folder, removed when the returned guard is dropped.
fn temp_dir(name: &str) -> common::Scratch {
    common::Scratch::new(&format!("hostile-{name}"))
}

/// `VmHWM` (peak RSS, KiB) of a running process, from /proc.
fn vm_hwm(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `ssmc args` in `cwd`, killing it at the deadline (then the test fails).
fn ssmc(args: &[&str], cwd: &Path) -> Run {
    ssmc_with(args, cwd, None, DEADLINE)
}

/// [`ssmc`] with another `PATH` and deadline.
fn ssmc_with(args: &[&str], cwd: &Path, path_env: Option<&str>, deadline: Duration) -> Run {
    let time = Path::new("/usr/bin/time");
    let rss_file = cwd.join(format!(".rss-{}", std::process::id()));
    let _ = std::fs::remove_file(&rss_file);
    let mut cmd = if time.is_file() {
        let mut c = Command::new(time);
        c.arg("-o")
            .arg(&rss_file)
            .args(["-f", "%M", env!("CARGO_BIN_EXE_ssmc")]);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_ssmc"))
    };
    if let Some(p) = path_env {
        cmd.env("PATH", p);
    }
    let mut child = cmd
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ssmc starts");
    // Drain both pipes on threads so a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let err_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err.read_to_end(&mut b);
        b
    });
    let start = Instant::now();
    let mut sampled = None;
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        sampled = vm_hwm(child.id()).max(sampled);
        if start.elapsed() > deadline {
            timed_out = true;
            let _ = child.kill();
            break child.wait().expect("wait");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    assert!(
        !timed_out,
        "`ssmc {}` did not finish within {deadline:?}",
        args.join(" ")
    );
    let _ = out_t.join();
    let stderr = String::from_utf8_lossy(&err_t.join().unwrap_or_default()).into_owned();
    let measured = std::fs::read_to_string(&rss_file)
        .ok()
        .and_then(|t| t.lines().last().and_then(|l| l.trim().parse().ok()));
    let _ = std::fs::remove_file(&rss_file);
    // Through /usr/bin/time, a signal shows as a message and exit status 128+n.
    let killed_by_signal = stderr.contains("Command terminated by signal");
    Run {
        code: if killed_by_signal {
            None
        } else {
            status.code()
        },
        stderr,
        rss_kb: measured.or(sampled),
    }
}

/// The checks every hostile run must pass.
fn assert_handled(run: &Run, what: &str, codes: &[i32], needle: &str) {
    let err = &run.stderr;
    assert!(
        run.code.is_some_and(|c| codes.contains(&c)),
        "{what}: exit {:?}, expected one of {codes:?}\n{err}",
        run.code
    );
    for bad in ["internal compiler error", "panicked", "overflow"] {
        assert!(!err.contains(bad), "{what}: `{bad}` in\n{err}");
    }
    assert!(
        err.contains(needle),
        "{what}: no `{needle}` in the diagnostics\n{err}"
    );
    if let Some(kb) = run.rss_kb {
        assert!(kb < MAX_RSS_KB, "{what}: peak RSS {kb} KiB");
    }
}

/// A valid SSM document (built from an example) in JSON and YAML.
fn built_documents(dir: &Path) -> (String, String) {
    let file = repo().join("examples/restart-service.rbk");
    let file = file.to_str().expect("utf8");
    for (fmt, out) in [("json", "json"), ("yaml", "yaml")] {
        let run = ssmc(&["build", file, "-o", out, "--format", fmt], dir);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
    }
    let one = |sub: &str| {
        let entry = std::fs::read_dir(dir.join(sub))
            .expect("built")
            .filter_map(Result::ok)
            .next()
            .expect("one document");
        std::fs::read_to_string(entry.path()).expect("read")
    };
    (one("json"), one("yaml"))
}

/// A case: file name, contents, and per command (exit codes, expected text).
struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    expect: Vec<(&'static str, &'static [i32], &'static str)>,
}

const RBK_COMMANDS: [&str; 4] = ["check", "fmt", "build", "lint"];
const DOC_COMMANDS: [&str; 2] = ["lint", "import"];

fn run_case(dir: &Path, case: &Case) {
    let file = dir.join(case.name);
    let is_rbk = case.name.ends_with(".rbk");
    let commands: &[&str] = if is_rbk { &RBK_COMMANDS } else { &DOC_COMMANDS };
    for &command in commands {
        // `fmt` rewrites its input: give each command a fresh copy.
        std::fs::write(&file, &case.bytes).expect("write");
        let out = dir.join(format!("out-{command}"));
        let out = out.to_str().expect("utf8");
        let mut args = vec![command];
        match command {
            "build" => args.extend(["-o", out]),
            // Each case imports into the same folder: replacing is the point.
            "import" => args.extend(["-o", out, "--force"]),
            "fmt" => args.push("--check"),
            _ => {}
        }
        args.push(case.name);
        let run = ssmc(&args, dir);
        let found = case
            .expect
            .iter()
            .find(|(c, _, _)| *c == command || *c == "*");
        assert!(
            found.is_some(),
            "{}: no expectation for {command}",
            case.name
        );
        let Some((_, codes, needle)) = found else {
            return;
        };
        assert_handled(
            &run,
            &format!("ssmc {command} {}", case.name),
            codes,
            needle,
        );
    }
}

fn nested(open: &str, close: &str, n: usize) -> String {
    format!("{}{}", open.repeat(n), close.repeat(n))
}

const ERR: &[i32] = &[1];
const CANNOT: &[i32] = &[2];

#[test]
fn deep_nesting_is_one_located_error() {
    let dir = temp_dir("deep");
    let rbk = format!(
        "automation Deep {{\n  param P: String = {}\n}}\n",
        nested("[", "]", 100_000)
    );
    let block_yaml: String = "- ".repeat(100_000) + "x\n";
    let cases = [
        Case {
            name: "deep.rbk",
            bytes: rbk.into_bytes(),
            expect: vec![("*", ERR, "nesting deeper than 128 levels")],
        },
        Case {
            name: "deep.json",
            bytes: nested("{\"a\":[", "]}", 50_000).into_bytes(),
            expect: vec![("*", ERR, "nested more than 128 levels deep")],
        },
        Case {
            name: "deep-flow.yaml",
            bytes: nested("[", "]", 100_000).into_bytes(),
            expect: vec![("*", ERR, "nested more than 128 levels deep")],
        },
        Case {
            name: "deep-block.yaml",
            bytes: block_yaml.into_bytes(),
            expect: vec![("*", ERR, "nested more than 128 levels deep")],
        },
    ];
    for case in &cases {
        run_case(&dir, case);
    }
}

#[test]
fn yaml_alias_bombs_are_refused_at_the_alias() {
    let dir = temp_dir("bomb");
    // The "billion laughs": ten levels of nine aliases each.
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (prev, name) in ('a'..='i').zip('b'..='j') {
        let refs = vec![format!("*{prev}"); 9].join(", ");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    // Wide instead of deep: many aliases to one big anchor.
    let mut wide = String::from("big: &big [");
    wide.push_str(&vec!["x"; 1000].join(", "));
    wide.push_str("]\nrefs: [");
    wide.push_str(&vec!["*big"; 1000].join(", "));
    wide.push_str("]\n");
    for (name, text) in [("bomb.yaml", bomb), ("wide.yaml", wide)] {
        run_case(
            &dir,
            &Case {
                name,
                bytes: text.into_bytes(),
                expect: vec![("*", ERR, "YAML aliases expand to more than 100000 nodes")],
            },
        );
    }
}

#[test]
fn bad_bytes_are_located() {
    let dir = temp_dir("bytes");
    let cases = [
        Case {
            name: "utf8.rbk",
            bytes: b"automation X {\n  \xff\xfe\n}\n".to_vec(),
            expect: vec![("*", CANNOT, "not valid UTF-8 (invalid byte at offset 17)")],
        },
        Case {
            name: "utf8.json",
            bytes: b"{\"schemaVersion\": \"0.3\xc3\x28\"}".to_vec(),
            expect: vec![("*", CANNOT, "not valid UTF-8 (invalid byte at offset 22)")],
        },
        Case {
            name: "utf8.yaml",
            bytes: b"schemaVersion: '0.3'\ndescription: \xe2\x82\n".to_vec(),
            expect: vec![("*", CANNOT, "not valid UTF-8 (invalid byte at offset 34)")],
        },
        Case {
            name: "nul.rbk",
            bytes: b"automation X {\0}\n".to_vec(),
            expect: vec![("*", ERR, "a NUL byte in the source")],
        },
        Case {
            name: "nul.json",
            bytes: b"{\"schemaVersion\": \"0.3\"\0}".to_vec(),
            expect: vec![("*", ERR, "unexpected `\\0`")],
        },
        // yaml-rust2 ends the stream at a NUL: the reader must refuse it, not
        // silently drop the rest of the document.
        Case {
            name: "nul.yaml",
            bytes: b"schemaVersion: '0.3'\0\nmainSteps:\n- name: a\n  action: aws:sleep\n".to_vec(),
            expect: vec![("*", ERR, "a NUL byte in the YAML text")],
        },
    ];
    for case in &cases {
        run_case(&dir, case);
    }
}

#[test]
fn empty_files_and_scalars_where_a_document_should_be() {
    let dir = temp_dir("empty");
    let cases = [
        // An empty source is an empty program (like an empty module): it checks
        // clean and builds nothing; the summary line says so.
        Case {
            name: "empty.rbk",
            bytes: Vec::new(),
            expect: vec![
                ("check", &[0], "checked 1 file: 0 errors"),
                // The canonical form of an empty file is one line break.
                ("fmt", ERR, "would reformat empty.rbk"),
                ("build", &[0], "built 0 documents"),
                ("lint", &[0], "linted 1 file"),
            ],
        },
        Case {
            name: "scalar.rbk",
            bytes: b"42\n".to_vec(),
            expect: vec![("*", ERR, "scalar.rbk:1:1")],
        },
        Case {
            name: "string.rbk",
            bytes: b"\"a runbook\"\n".to_vec(),
            expect: vec![("*", ERR, "string.rbk:1:1")],
        },
        // `lint` reads every JSON/YAML file of a project and skips those that
        // are not SSM documents, with a note; `import` is asked for a document.
        Case {
            name: "empty.json",
            bytes: Vec::new(),
            expect: vec![("*", ERR, "empty JSON document")],
        },
        Case {
            name: "empty.yaml",
            bytes: Vec::new(),
            expect: vec![
                ("lint", &[0], "skipped empty.yaml: not an SSM document"),
                ("import", ERR, "the top level is a null, not a map"),
            ],
        },
        Case {
            name: "scalar.json",
            bytes: b"42".to_vec(),
            expect: vec![
                ("lint", &[0], "skipped scalar.json: not an SSM document"),
                ("import", ERR, "the top level is an integer, not a map"),
            ],
        },
        Case {
            name: "scalar.yaml",
            bytes: b"just a string\n".to_vec(),
            expect: vec![
                ("lint", &[0], "skipped scalar.yaml: not an SSM document"),
                ("import", ERR, "the top level is a string, not a map"),
            ],
        },
        Case {
            name: "list.yaml",
            bytes: b"- schemaVersion: '2.2'\n".to_vec(),
            expect: vec![
                ("lint", &[0], "skipped list.yaml: not an SSM document"),
                ("import", ERR, "the top level is a list, not a map"),
            ],
        },
    ];
    for case in &cases {
        run_case(&dir, case);
    }
}

#[test]
fn very_large_files_are_refused_in_bounded_memory() {
    let dir = temp_dir("large");
    let size = 50 * 1024 * 1024;
    let line = format!("  // {}\n", "x".repeat(90));
    let rbk = format!("automation Big {{\n{}}}\n", line.repeat(size / line.len()));
    let item = r#"{"name":"s","action":"aws:sleep","inputs":{"Duration":"PT1S"}},"#;
    let steps = item.repeat(size / item.len());
    let json = format!(
        r#"{{"schemaVersion":"0.3","mainSteps":[{}]}}"#,
        steps.trim_end_matches(',')
    );
    let yaml = format!(
        "schemaVersion: '0.3'\nmainSteps:\n{}",
        "- name: s\n  action: aws:sleep\n  inputs: {Duration: PT1S}\n".repeat(size / 60)
    );
    for (name, text, needle) in [
        ("big.rbk", rbk, "text files over 4 MiB are not read"),
        ("big.json", json, "files over 1 MiB are not read"),
        ("big.yaml", yaml, "files over 1 MiB are not read"),
    ] {
        let case = Case {
            name,
            bytes: text.into_bytes(),
            expect: vec![("*", CANNOT, needle)],
        };
        run_case(&dir, &case);
    }
}

/// Just under the size limit, with a thousand findings on one 60 KB line:
/// rendering must not copy the line into every diagnostic (it used to take
/// minutes and gigabytes).
#[test]
fn many_findings_on_one_long_line_render_quickly() {
    let dir = temp_dir("long-line");
    let item = r#"{"name":"s","action":"aws:sleep","inputs":{"Duration":"PT1S"}},"#;
    let json = format!(
        r#"{{"schemaVersion":"0.3","mainSteps":[{}]}}"#,
        item.repeat(1000).trim_end_matches(',')
    );
    std::fs::write(dir.join("dups.json"), json).expect("write");
    let run = ssmc(&["lint", "dups.json"], &dir);
    assert_handled(&run, "lint dups.json", ERR, "dups.json:1:");
    assert!(
        run.stderr.len() < 4 * 1024 * 1024,
        "{} bytes",
        run.stderr.len()
    );
}

#[test]
fn bom_and_crlf_sources_and_documents_are_ordinary() {
    let dir = temp_dir("bom");
    let (json, yaml) = built_documents(&dir);
    let odd = |s: &str| format!("\u{feff}{}", s.replace('\n', "\r\n"));
    for entry in std::fs::read_dir(repo().join("examples")).expect("examples") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "rbk") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        let name = path.file_name().expect("name");
        std::fs::write(dir.join(name), odd(&text)).expect("write");
    }
    std::fs::create_dir_all(dir.join("scripts")).expect("mkdir");
    for f in std::fs::read_dir(repo().join("examples/scripts")).expect("scripts") {
        let f = f.expect("entry").path();
        std::fs::copy(&f, dir.join("scripts").join(f.file_name().expect("name"))).expect("copy");
    }
    let run = ssmc(&["check", "."], &dir);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("0 errors, 0 warnings"),
        "{}",
        run.stderr
    );
    let run = ssmc(&["build", ".", "-o", "odd-out"], &dir);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    std::fs::write(dir.join("doc.json"), odd(&json)).expect("write");
    std::fs::write(dir.join("doc.yaml"), odd(&yaml)).expect("write");
    for doc in ["doc.json", "doc.yaml"] {
        // `doc.json` and `doc.yaml` both become `imported/doc.rbk`.
        let run = ssmc(&["import", doc, "-o", "imported", "--force"], &dir);
        assert_eq!(run.code, Some(0), "{doc}: {}", run.stderr);
        let run = ssmc(&["lint", doc], &dir);
        assert!(!run.stderr.contains("error["), "{doc}: {}", run.stderr);
        assert!(
            run.stderr.contains("linted 1 file"),
            "{doc}: {}",
            run.stderr
        );
    }
}

/// A small deterministic generator (xorshift), so mutations are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// One random edit on characters (so the text stays UTF-8): delete, duplicate
/// or move a range, insert a syntax character, or cut the text short.
fn mutate(text: &str, rng: &mut Rng) -> String {
    const SPICE: &[&str] = &[
        "{", "}", "[", "]", "(", ")", "\"", "'", ":", ",", "=", "\n", "#", "//", "{{", "}}", "&a",
        "*a", "- ", "\\", "\u{0}", "é", "\u{feff}", "\t", "step", "if", "->", "|",
    ];
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..=rng.below(3) {
        let n = chars.len();
        let at = rng.below(n + 1);
        let len = rng.below(12).min(n - at.min(n));
        match rng.below(5) {
            0 => {
                chars.drain(at..at + len);
            }
            1 => {
                let copy: Vec<char> = chars.get(at..at + len).unwrap_or_default().to_vec();
                let to = rng.below(chars.len() + 1);
                chars.splice(to..to, copy);
            }
            2 => {
                let spice = SPICE.get(rng.below(SPICE.len())).copied().unwrap_or("{");
                chars.splice(at..at, spice.chars());
            }
            3 => {
                let moved: Vec<char> = chars.drain(at..at + len).collect();
                let to = rng.below(chars.len() + 1);
                chars.splice(to..to, moved);
            }
            _ => chars.truncate(at),
        }
    }
    chars.into_iter().collect()
}

/// Seeded mutations of every example and of built documents: whatever the
/// mutation did, each command ends with 0 or 1 and no internal error.
#[test]
fn random_mutations_of_every_example_are_handled() {
    let dir = temp_dir("mutate");
    let (json, yaml) = built_documents(&dir);
    let mut rng = Rng(0x5eed_1234_abcd_0042);
    let mut sources: Vec<(String, String)> = Vec::new();
    for entry in std::fs::read_dir(repo().join("examples")).expect("examples") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "rbk") {
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            sources.push((name, std::fs::read_to_string(&path).expect("read")));
        }
    }
    sources.sort();
    assert!(sources.len() >= 5, "examples found: {}", sources.len());
    const PER_FILE: usize = 3;
    for (name, text) in &sources {
        for i in 0..PER_FILE {
            let mutated = mutate(text, &mut rng);
            let file = format!("m{i}-{name}");
            std::fs::write(dir.join(&file), &mutated).expect("write");
            for command in ["check", "lint", "fmt"] {
                let mut args = vec![command];
                if command == "fmt" {
                    args.push("--check");
                }
                args.push(&file);
                let run = ssmc(&args, &dir);
                let what = format!("ssmc {command} on mutation {i} of {name}:\n{mutated}");
                assert_handled(&run, &what, &[0, 1], "");
            }
        }
    }
    for (ext, text) in [("json", &json), ("yaml", &yaml)] {
        for i in 0..6 {
            let mutated = mutate(text, &mut rng);
            let file = format!("m{i}.{ext}");
            std::fs::write(dir.join(&file), &mutated).expect("write");
            for command in DOC_COMMANDS {
                let mut args = vec![command, file.as_str()];
                if command == "import" {
                    args.extend(["-o", "imported", "--force"]);
                }
                let run = ssmc(&args, &dir);
                let what =
                    format!("ssmc {command} on mutation {i} of the {ext} document:\n{mutated}");
                assert_handled(&run, &what, &[0, 1], "");
            }
        }
    }
}

/// A failed build neither leaves a partial document nor replaces an existing
/// output; a build that cannot write exits 2 and leaves no temporary file.
#[test]
fn failed_builds_keep_existing_outputs_whole() {
    let dir = temp_dir("atomic");
    let good = std::fs::read_to_string(repo().join("examples/restart-service.rbk")).expect("read");
    std::fs::create_dir_all(dir.join("scripts")).expect("mkdir");
    for f in std::fs::read_dir(repo().join("examples/scripts")).expect("scripts") {
        let f = f.expect("entry").path();
        std::fs::copy(&f, dir.join("scripts").join(f.file_name().expect("name"))).expect("copy");
    }
    std::fs::write(dir.join("r.rbk"), &good).expect("write");
    let run = ssmc(&["build", "r.rbk", "-o", "out"], &dir);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let listing = |d: &Path| {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .expect("out")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let before = listing(&dir.join("out"));
    let doc = dir.join("out").join(before.first().expect("one output"));
    let built = std::fs::read(&doc).expect("built");
    // Now break the source: the earlier output stays exactly as it was.
    std::fs::write(dir.join("r.rbk"), good.replacen('}', "", 1)).expect("write");
    let run = ssmc(&["build", "r.rbk", "-o", "out"], &dir);
    assert_handled(&run, "broken build", ERR, "nothing was written");
    assert_eq!(std::fs::read(&doc).expect("still there"), built);
    assert_eq!(
        listing(&dir.join("out")),
        before,
        "no partial or temporary file"
    );
    // An output folder that is a file: the build cannot write, says so, exits 2.
    std::fs::write(dir.join("r.rbk"), &good).expect("write");
    std::fs::write(dir.join("blocked"), "a file").expect("write");
    let run = ssmc(&["build", "r.rbk", "-o", "blocked/out"], &dir);
    assert_handled(&run, "unwritable output", CANNOT, "cannot");
    assert_eq!(
        std::fs::read_to_string(dir.join("blocked")).expect("file"),
        "a file"
    );
}

/// A shellcheck that never answers is killed when the run's shellcheck budget
/// (here 10 s, `[lint.shellcheck] budget_seconds`) is spent; the lint run
/// still ends, says which script was not checked, and the script was only
/// read, never run.
#[cfg(unix)]
#[test]
fn a_hanging_shellcheck_is_stopped() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = temp_dir("shellcheck");
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("mkdir");
    let fake = bin.join("shellcheck");
    std::fs::write(
        &fake,
        "#!/bin/sh\ncase \"$1\" in --version) echo 0.9; exit 0;; esac\nexec sleep 300\n",
    )
    .expect("write");
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    std::fs::write(
        dir.join("r.rbk"),
        "/// Doc.\ncommand Sh {\n  /// Step.\n  step Run = aws:runShellScript { runCommand: [\"touch ran\"] }\n}\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("ssmc.toml"),
        "[lint.shellcheck]\nbudget_seconds = 10\n",
    )
    .expect("write");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let start = Instant::now();
    let run = ssmc_with(
        &["lint", "--no-cache", "r.rbk"],
        &dir,
        Some(&path),
        Duration::from_secs(40),
    );
    assert_handled(
        &run,
        "lint with a hanging shellcheck",
        &[0, 1],
        "linted 1 file",
    );
    assert!(
        start.elapsed() >= Duration::from_secs(9),
        "the fake shellcheck was not run"
    );
    assert!(!dir.join("ran").exists(), "the script was executed");
    assert!(
        run.stderr.contains("not checked: timed out"),
        "the timeout is not visible: {}",
        run.stderr
    );
}
