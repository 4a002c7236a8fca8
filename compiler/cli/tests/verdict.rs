//! One verdict (issue 17): `check`, `lint` and `build` are views of one
//! pipeline and one project layer, run against the real binary.

mod common;

use common::{ssmc, stderr, stdout};

/// A repository (`.git`) with `runbooks/` and `scripts/`.
fn repo(name: &str) -> common::Scratch {
    let dir = common::Scratch::new(&format!("verdict-{name}"));
    for d in [".git", "runbooks", "scripts"] {
        std::fs::create_dir_all(dir.join(d)).expect("mkdir");
    }
    dir
}

const TYPO: &str = "/// Says hello.\ncommand Hello {\n  tags { Team: \"ops\" }\n  /// The name.\n  param Name: String\n  /// Runs.\n  step Run = aws:runShellScript { runCommand: [\"echo {{ Nmae }}\"], timeoutSeconds: 60 }\n}\n";

#[test]
fn lint_reports_check_errors_and_fails_on_them() {
    let dir = repo("typo");
    std::fs::write(dir.join("runbooks/hello.rbk"), TYPO).expect("write");
    let check = ssmc(&["check", "runbooks"], &dir);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert!(stderr(&check).contains("E1010"), "{}", stderr(&check));
    let lint = ssmc(&["lint", "runbooks", "--format", "github"], &dir);
    assert_eq!(lint.status.code(), Some(1), "{}", stderr(&lint));
    assert!(
        stdout(&lint).contains("::error file=runbooks/hello.rbk,line=7,"),
        "{}",
        stdout(&lint)
    );
    assert!(stdout(&lint).contains("E1010"), "{}", stdout(&lint));
}

#[test]
fn ci_paths_are_relative_to_the_repository_whatever_path_was_given() {
    let dir = repo("paths");
    std::fs::write(dir.join("runbooks/hello.rbk"), TYPO).expect("write");
    // ssmc.toml in a subfolder: the paths still name the file from the repository root.
    std::fs::write(dir.join("runbooks/ssmc.toml"), "[lint]\n").expect("write");
    for (args, cwd) in [
        (vec!["lint", "runbooks"], dir.to_path_buf()),
        (vec!["lint", "runbooks/hello.rbk"], dir.to_path_buf()),
        (
            vec!["lint", "./runbooks/../runbooks/hello.rbk"],
            dir.to_path_buf(),
        ),
        (vec!["lint", "hello.rbk"], dir.join("runbooks")),
    ] {
        let mut a = args.clone();
        a.extend(["--format", "github"]);
        let o = ssmc(&a, &cwd);
        assert!(
            stdout(&o).contains("file=runbooks/hello.rbk,"),
            "{args:?}: {}",
            stdout(&o)
        );
        let mut a = args.clone();
        a.extend(["--format", "sarif"]);
        let o = ssmc(&a, &cwd);
        assert!(
            stdout(&o).contains("\"uri\": \"runbooks/hello.rbk\""),
            "{args:?}: {}",
            stdout(&o)
        );
    }
}

#[test]
fn file_may_read_anywhere_in_the_project() {
    let dir = repo("include");
    std::fs::write(dir.join("scripts/x.sh"), "echo hi\n").expect("write");
    let rbk = "/// Says hello.\ncommand Hello {\n  tags { Team: \"ops\" }\n  /// Runs.\n  step Run = aws:runShellScript { runCommand: lines file(\"../scripts/x.sh\"), timeoutSeconds: 60 }\n}\n";
    std::fs::write(dir.join("runbooks/hello.rbk"), rbk).expect("write");
    let o = ssmc(&["check", "runbooks"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = ssmc(&["lint", "runbooks"], &dir);
    assert!(!stderr(&o).contains("E0205"), "{}", stderr(&o));
}

#[test]
fn a_typo_in_ssmc_toml_stops_the_run_with_a_did_you_mean() {
    let dir = repo("config");
    std::fs::write(dir.join("runbooks/hello.rbk"), TYPO).expect("write");
    std::fs::write(dir.join("ssmc.toml"), "[lint]\nignor = [\"gen/**\"]\n").expect("write");
    for cmd in ["check", "lint", "build"] {
        let o = ssmc(&[cmd, "runbooks"], &dir);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("ssmc.toml:2:1: unknown field `ignor`")
                && stderr(&o).contains("did you mean `ignore`?"),
            "{cmd}: {}",
            stderr(&o)
        );
    }
    std::fs::write(
        dir.join("ssmc.toml"),
        "[lint.rules]\nmissing-timout = \"off\"\n",
    )
    .expect("write");
    let o = ssmc(&["lint", "runbooks"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `missing-timeout`?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn walked_files_too_large_or_not_ssm_are_skipped_with_a_note() {
    let dir = repo("skip");
    let ok = TYPO.replace("Nmae", "Name");
    std::fs::write(dir.join("runbooks/hello.rbk"), ok).expect("write");
    std::fs::write(dir.join("package-lock.json"), "x".repeat(2 * 1024 * 1024)).expect("write");
    std::fs::write(dir.join("ci.yaml"), "on: push\njobs: {}\n").expect("write");
    let o = ssmc(&["lint", ".", "--format", "sarif"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("note: skipped"), "{}", stderr(&o));
    assert!(stderr(&o).contains("package-lock.json"), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("\"version\": \"2.1.0\""),
        "{}",
        stdout(&o)
    );
    // Named explicitly, the same file is an error (exit 2).
    let o = ssmc(&["lint", "package-lock.json"], &dir);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn gitignored_files_are_not_walked() {
    let dir = repo("gitignore");
    std::fs::create_dir_all(dir.join("runbooks/gen")).expect("mkdir");
    std::fs::write(dir.join("runbooks/gen/broken.rbk"), "command {").expect("write");
    std::fs::write(dir.join(".gitignore"), "gen/\n").expect("write");
    std::fs::write(dir.join("runbooks/hello.rbk"), TYPO.replace("Nmae", "Name")).expect("write");
    let o = ssmc(&["check", "."], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("checked 1 file"), "{}", stderr(&o));
}

#[test]
fn build_on_a_path_without_runbooks_fails() {
    let dir = repo("empty");
    let o = ssmc(&["build", "scripts", "-o", "out"], &dir);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("no runbooks"), "{}", stderr(&o));
    assert!(!dir.join("out").exists());
}
