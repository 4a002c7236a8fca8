//! Project-root discovery and the `file(…)` policy, pure: the caller injects
//! what the file system says.
//!
//! The project root is the nearest folder holding `ssmc.toml`, else the
//! nearest holding a VCS folder (`.git`, `.hg`, `.jj`), else the folder given.
//! `file(…)` may read anything inside the root and nothing outside it
//! (`ssmc-project` resolves paths with `ssmc-fs`, link by link).

use std::path::{Component, Path, PathBuf};

/// The file naming a project root.
pub const CONFIG_FILE: &str = "ssmc.toml";

const VCS_MARKERS: &[&str] = &[".git", ".hg", ".jj"];

/// The project root for the folder `start`. `exists(path)` tells whether
/// a file or folder exists at `path`.
pub fn find_root(start: &Path, exists: &dyn Fn(&Path) -> bool) -> PathBuf {
    if let Some(d) = start.ancestors().find(|d| exists(&d.join(CONFIG_FILE))) {
        return d.to_path_buf();
    }
    find_vcs_root(start, exists).unwrap_or_else(|| start.to_path_buf())
}

/// The nearest folder at or above `start` holding a VCS folder (`.git`, …).
pub fn find_vcs_root(start: &Path, exists: &dyn Fn(&Path) -> bool) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|d| VCS_MARKERS.iter().any(|m| exists(&d.join(m))))
        .map(Path::to_path_buf)
}

/// `rel` (as written in `file(…)`) joined to the folder of the including file;
/// an absolute path is refused (the caller canonicalises the result and asks [`inside`]).
pub fn join_relative(base_dir: &Path, rel: &str) -> Result<PathBuf, String> {
    let p = Path::new(rel);
    if p.is_absolute()
        || p.components()
            .any(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
    {
        return Err("an absolute path; use a path relative to the runbook".to_string());
    }
    Ok(base_dir.join(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fs(existing: &'static [&'static str]) -> impl Fn(&Path) -> bool {
        move |p: &Path| existing.iter().any(|e| Path::new(e) == p)
    }

    #[test]
    fn the_nearest_config_wins_then_the_vcs_root_then_the_folder() {
        let f = fs(&["/r/.git", "/r/app/ssmc.toml"]);
        assert_eq!(
            find_root(Path::new("/r/app/run/x"), &f),
            Path::new("/r/app")
        );
        assert_eq!(find_root(Path::new("/r/other"), &f), Path::new("/r"));
        let none = fs(&[]);
        assert_eq!(find_root(Path::new("/a/b"), &none), Path::new("/a/b"));
    }

    #[test]
    fn the_policy_keeps_reads_inside_the_root() {
        assert!(join_relative(Path::new("/r/a"), "/etc/passwd").is_err());
        let j = join_relative(Path::new("/r/a"), "../scripts/x.ps1").unwrap();
        assert_eq!(j, Path::new("/r/a/../scripts/x.ps1"));
    }
}
