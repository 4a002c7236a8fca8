//! A repository an outsider controls (issue 18, docs/robustness.md): symlinks
//! planted at every name the tool writes, a symlinked `ssmc.toml`, FIFOs
//! wherever a file is read, and a 1 GB sparse file, through the real binary.
//! Every run must end within a deadline (a FIFO must never block), write
//! nothing outside the project, and print no byte of a file outside it.

mod common;

use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(20);
/// Set in the child's environment: it must never reach the output.
const CANARY: &str = "AKIAHOSTILECANARY1234";

/// A scratch folder, removed when the returned guard is dropped.
fn temp_dir(name: &str) -> common::Scratch {
    common::Scratch::new(&format!("repo-{name}"))
}

/// Runs `ssmc args` in `cwd`; a run past the deadline is killed and fails.
fn ssmc(args: &[&str], cwd: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ssmc"))
        .args(args)
        .current_dir(cwd)
        .env("AWS_SECRET_ACCESS_KEY", CANARY)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ssmc starts");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        start.elapsed() <= DEADLINE + Duration::from_secs(1),
        "`ssmc {}` hung (over {DEADLINE:?})",
        args.join(" ")
    );
    let out = child.wait_with_output().expect("output");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !all.contains(CANARY),
        "`ssmc {}` printed the environment:\n{all}",
        args.join(" ")
    );
    assert!(
        !all.contains("OUTSIDE-SECRET"),
        "`ssmc {}` printed a file outside:\n{all}",
        args.join(" ")
    );
    assert!(
        !all.contains("panicked"),
        "`ssmc {}` panicked:\n{all}",
        args.join(" ")
    );
    out
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

const RUNBOOK: &str = "/// Doc.\ncommand Hello {\n  /// Step.\n  step Run = aws:runShellScript { runCommand: [\"echo hi\"] }\n}\n";

fn including(path: &str) -> String {
    format!(
        "/// Doc.\ncommand Include {{\n  /// Step.\n  step Run = aws:runShellScript {{ runCommand: lines file(\"{path}\") }}\n}}\n"
    )
}

/// A project beside an `outside` folder holding a secret and a fake `~/.bashrc`,
/// and the guard of the scratch folder holding both.
fn project(name: &str) -> (common::Scratch, PathBuf, PathBuf) {
    let dir = temp_dir(name);
    let project = dir.join("project");
    let outside = dir.join("outside");
    std::fs::create_dir_all(&project).expect("mkdir");
    std::fs::create_dir_all(&outside).expect("mkdir");
    std::fs::write(outside.join("bashrc"), "# OUTSIDE-SECRET\n").expect("write");
    std::fs::write(
        outside.join("ssmc.toml"),
        "[lint\nkey = \"OUTSIDE-SECRET\"\n",
    )
    .expect("write");
    std::fs::write(project.join("hello.rbk"), RUNBOOK).expect("write");
    (dir, project, outside)
}

fn untouched(outside: &Path) {
    assert_eq!(
        std::fs::read_to_string(outside.join("bashrc"))
            .ok()
            .as_deref(),
        Some("# OUTSIDE-SECRET\n"),
        "a file outside the project was written"
    );
    let names: Vec<_> = std::fs::read_dir(outside)
        .expect("read_dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let known = ["bashrc", "ssmc.toml", "evil.rbk"];
    assert!(
        names.iter().all(|n| known.contains(&n.as_str())),
        "files appeared outside: {names:?}"
    );
}

#[test]
fn planted_links_at_every_written_name_are_replaced_or_refused_never_followed() {
    let (_scratch, project, outside) = project("links");
    let bashrc = outside.join("bashrc");
    // The old temporary names (`.NAME.PID.tmp`) for a range of process ids,
    // and every output name.
    std::fs::create_dir_all(project.join("build")).expect("mkdir");
    for pid in 1..3000 {
        symlink(&bashrc, project.join(format!(".hello.rbk.{pid}.tmp"))).expect("symlink");
        symlink(
            &bashrc,
            project.join(format!("build/.Hello.yaml.{pid}.tmp")),
        )
        .expect("symlink");
    }
    symlink(&bashrc, project.join("build/Hello.yaml")).expect("symlink");
    symlink(&bashrc, project.join("graph.mmd")).expect("symlink");
    symlink(&bashrc, project.join("doc.rbk")).expect("symlink");
    std::fs::write(
        project.join("messy.rbk"),
        RUNBOOK.replace("  step", "      step"),
    )
    .expect("write");

    let out = ssmc(&["build", "hello.rbk"], &project);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let built = std::fs::symlink_metadata(project.join("build/Hello.yaml")).expect("built");
    assert!(built.is_file(), "the link was replaced by the output");
    untouched(&outside);

    let out = ssmc(&["graph", "hello.rbk", "-o", "graph.mmd"], &project);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    untouched(&outside);

    // fmt: a 0600 file keeps its mode; no temporary file is left behind.
    std::fs::set_permissions(
        project.join("messy.rbk"),
        std::fs::Permissions::from_mode(0o600),
    )
    .expect("chmod");
    let out = ssmc(&["fmt", "messy.rbk"], &project);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let meta = std::fs::metadata(project.join("messy.rbk")).expect("meta");
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert_eq!(
        std::fs::read_to_string(project.join("messy.rbk"))
            .ok()
            .as_deref(),
        Some(RUNBOOK)
    );

    // A symlinked source leading outside is refused, and left as it is.
    let messy = RUNBOOK.replace("  step", "      step");
    std::fs::write(outside.join("evil.rbk"), &messy).expect("write");
    symlink(outside.join("evil.rbk"), project.join("evil.rbk")).expect("symlink");
    let out = ssmc(&["fmt", "evil.rbk"], &project);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("outside the project"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(outside.join("evil.rbk")).ok(),
        Some(messy)
    );
    untouched(&outside);

    // A symlinked output folder leading outside is refused.
    symlink(&outside, project.join("out")).expect("symlink");
    let out = ssmc(&["build", "hello.rbk", "-o", "out"], &project);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("leads out of the project"),
        "{}",
        stderr(&out)
    );
    untouched(&outside);
    let leftovers: Vec<_> = std::fs::read_dir(&project)
        .expect("read_dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".ssmc-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn a_config_linked_out_of_the_project_is_refused_and_never_printed() {
    for target in ["/proc/self/environ", "OUTSIDE"] {
        let (_scratch, project, outside) = project("config");
        let target = if target == "OUTSIDE" {
            outside.join("ssmc.toml")
        } else {
            PathBuf::from(target)
        };
        symlink(&target, project.join("ssmc.toml")).expect("symlink");
        for args in [
            &["check", "hello.rbk"][..],
            &["lint", "hello.rbk"],
            &["build", "hello.rbk"],
        ] {
            let out = ssmc(args, &project);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
            assert!(
                stderr(&out).contains("leaves the project"),
                "{args:?}: {}",
                stderr(&out)
            );
        }
    }
    // Unreadable as text: reported, not ignored.
    let (_scratch, project, _) = project("config-bytes");
    std::fs::write(project.join("ssmc.toml"), b"[lint]\n\xff\xfe\n").expect("write");
    let out = ssmc(&["lint", "hello.rbk"], &project);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("not valid UTF-8"), "{}", stderr(&out));
}

#[test]
fn fifos_everywhere_are_refused_at_once() {
    let (_scratch, project, _) = project("fifos");
    mkfifo(&project.join("pipe.rbk"));
    mkfifo(&project.join("pipe.txt"));
    mkfifo(&project.join("pipe.json"));
    mkfifo(&project.join("newsvc.json"));
    std::fs::write(project.join("include.rbk"), including("pipe.txt")).expect("write");
    for args in [
        &["check", "pipe.rbk"][..],
        &["fmt", "pipe.rbk"],
        &["lint", "pipe.json"],
        &["import", "pipe.json", "-o", "imported"],
        &["graph", "pipe.rbk"],
    ] {
        let out = ssmc(args, &project);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("FIFO"), "{args:?}: {}", stderr(&out));
    }
    let out = ssmc(&["build", "include.rbk"], &project);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("FIFO"), "{}", stderr(&out));
    // A folder walk meets the FIFOs too.
    let out = ssmc(&["lint", "."], &project);
    assert_ne!(out.status.code(), None, "{}", stderr(&out));

    // As a model file and as ssmc.toml.
    std::fs::write(
        project.join("ssmc.toml"),
        "[aws-api]\nmodels = [\"newsvc.json\"]\n",
    )
    .expect("write");
    let out = ssmc(&["check", "hello.rbk"], &project);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("FIFO"), "{}", stderr(&out));
    std::fs::remove_file(project.join("ssmc.toml")).expect("rm");
    mkfifo(&project.join("ssmc.toml"));
    for args in [&["check", "hello.rbk"][..], &["lint", "hello.rbk"]] {
        let out = ssmc(args, &project);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("FIFO"), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn a_sparse_gigabyte_is_refused_unread() {
    let (_scratch, project, _) = project("sparse");
    for name in ["big.rbk", "big.json", "big.txt"] {
        let f = std::fs::File::create(project.join(name)).expect("create");
        f.set_len(1 << 30).expect("sparse");
    }
    std::fs::write(project.join("include.rbk"), including("big.txt")).expect("write");
    let start = Instant::now();
    for args in [
        &["check", "big.rbk"][..],
        &["lint", "big.json"],
        &["import", "big.json"],
    ] {
        let out = ssmc(args, &project);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("1073741824 bytes"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let out = ssmc(&["check", "include.rbk"], &project);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        start.elapsed() < Duration::from_secs(15),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn a_file_outside_gets_the_same_answer_whether_it_exists_or_not() {
    let (_scratch, project, outside) = project("oracle");
    symlink(&outside, project.join("up")).expect("symlink");
    let answer = |path: &str| {
        std::fs::write(project.join("include.rbk"), including(path)).expect("write");
        let out = ssmc(&["check", "include.rbk"], &project);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        stderr(&out).replace(path, "PATH")
    };
    assert_eq!(answer("up/bashrc"), answer("up/nobody"));
    assert!(answer("up/bashrc").contains("leaves the project"));
    symlink(outside.join("missing"), project.join("dangling")).expect("symlink");
    symlink(outside.join("bashrc"), project.join("existing")).expect("symlink");
    assert_eq!(answer("dangling"), answer("existing"));
}
