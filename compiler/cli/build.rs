//! Fingerprints the sources this binary is built from, so the result cache
//! (`src/cache.rs`) never serves findings of another build, even when the
//! version number did not change (every development build). FNV-1a (64
//! bits) over every file under the workspace crates' `src/` folders, the
//! stdlib and `Cargo.lock`, in sorted path order; outside this repository
//! (a published crate) it covers this crate's sources only.

use std::path::{Path, PathBuf};

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
