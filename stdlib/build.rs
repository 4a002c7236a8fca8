//! Fingerprints the catalog sources, so `ssmc-core` can tell whether its
//! catalog prepared ahead of time (`compiler/core/src/catalog/prepared.rs`)
//! was made from exactly these sources, and parse them instead when not.
//!
//! The fingerprint is FNV-1a (64 bits) over `src/lib.rs` (the list and order
//! of the files) and every file under `actions/` (relative path, then bytes),
//! in sorted path order. It guards against a stale table, not an adversary.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=actions");
    println!("cargo:rerun-if-changed=src/lib.rs");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut files = Vec::new();
    collect(&root.join("actions"), &mut files);
    files.sort();
    let mut hash = Fnv::new();
    hash.write(&read(&root.join("src/lib.rs")));
    for file in &files {
        let rel = file.strip_prefix(&root).unwrap_or(file);
        hash.write(rel.to_string_lossy().replace('\\', "/").as_bytes());
        hash.write(&[0]);
        hash.write(&read(file));
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let text = format!("pub const SOURCES_FINGERPRINT: u64 = {:#018x};\n", hash.0);
    if let Err(e) = std::fs::write(out.join("fingerprint.rs"), text) {
        println!("cargo:warning=cannot write the stdlib fingerprint: {e}");
    }
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}
