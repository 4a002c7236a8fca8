//! shellcheck's results cached by script: one file per script, named by the
//! SHA-256 of the shellcheck version, its arguments and the script text.
//!
//! Input: a cache folder (`$XDG_CACHE_HOME/ssmc/shellcheck`, else
//! `.ssmc_cache/shellcheck` at the project root). Output: the findings of a
//! script seen before. Invariants: an entry is written to a temporary file in
//! the same folder and renamed into place, so concurrent runs read a whole
//! entry or none; an unreadable, unwritable or corrupt cache only costs time
//! (the script is checked again), never a wrong or missing finding.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;
use sha2::{Digest as _, Sha256};

/// The cache folder for a project at `root`.
pub fn default_dir(root: &Path) -> PathBuf {
    match std::env::var_os("XDG_CACHE_HOME").filter(|v| !v.is_empty()) {
        Some(xdg) => PathBuf::from(xdg).join("ssmc").join("shellcheck"),
        None => root.join(".ssmc_cache").join("shellcheck"),
    }
}

/// The key of a script checked by shellcheck `version` with `args`.
pub fn key(version: &str, args: &[String], script: &str) -> String {
    let mut h = Sha256::new();
    for part in [version, &args.join(" "), script] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

pub fn get(dir: &Path, key: &str) -> Option<Vec<Json>> {
    let text = std::fs::read(dir.join(format!("{key}.json"))).ok()?;
    serde_json::from_slice::<Json>(&text)
        .ok()?
        .as_array()
        .cloned()
}

pub fn put(dir: &Path, key: &str, findings: &[Json]) {
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    // A `.ssmc_cache` at the project root keeps itself out of version control.
    if let Some(parent) = dir.parent().filter(|p| p.ends_with(".ssmc_cache")) {
        let ignore = parent.join(".gitignore");
        if !ignore.exists() {
            let _ = std::fs::write(ignore, "# made by ssmc\n*\n");
        }
    }
    let Ok(mut tmp) = tempfile::NamedTempFile::new_in(dir) else {
        return;
    };
    let body = Json::Array(findings.to_vec()).to_string();
    if std::io::Write::write_all(&mut tmp, body.as_bytes()).is_ok() {
        let _ = tmp.persist(dir.join(format!("{key}.json")));
    }
}
