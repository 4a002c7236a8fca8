//! Fingerprints the sources this binary is built from, so the result cache
//! (`src/cache.rs`) never serves findings of another build, even when the
//! version number did not change (every development build). FNV-1a (64
//! bits) over every file under the workspace crates' `src/` folders, the
//! stdlib and `Cargo.lock`, in sorted path order; outside this repository
//! (a published crate) it covers this crate's sources only.
//!
//! It also records the commit the binary is built from, for `ssmc --version`;
//! outside a git checkout (a crates.io package) the commit is unknown and said so.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Folders and files, relative to this crate, whose contents decide behaviour.
const INPUTS: &[&str] = &[
    "src",
    "../core/src",
    "../../stdlib/src",
    "../../stdlib/actions",
    "../../Cargo.lock",
];

fn main() {
    let here = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut files = Vec::new();
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
        collect(&here.join(input), &mut files);
    }
    files.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in &files {
        let name = file.strip_prefix(&here).unwrap_or(file).to_string_lossy();
        for &b in name.as_bytes().iter().chain(&[0]).chain(&read(file)) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=SSMC_BUILD_FINGERPRINT={hash:016x}");
    record_commit();
}

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// `SSMC_COMMIT` for `--version`, and a rebuild when HEAD moves (HEAD itself,
/// the branch it points to, packed refs).
fn record_commit() {
    let commit = git(&["rev-parse", "--short=12", "HEAD"]).map_or_else(
        || "commit unknown".to_string(),
        |hash| format!("commit {hash}"),
    );
    println!("cargo:rustc-env=SSMC_COMMIT={commit}");
    for path in [
        git(&["rev-parse", "--git-path", "HEAD"]),
        git(&["symbolic-ref", "-q", "HEAD"]).and_then(|r| git(&["rev-parse", "--git-path", &r])),
        git(&["rev-parse", "--git-path", "packed-refs"]),
    ]
    .into_iter()
    .flatten()
    // A path that does not exist would make cargo run this script on every build.
    .filter(|p| Path::new(p).exists())
    {
        println!("cargo:rerun-if-changed={path}");
    }
}

fn collect(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_file() {
        files.push(path.to_path_buf());
        return;
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    for entry in entries.flatten() {
        collect(&entry.path(), files);
    }
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}
