//! The one walker: the files of the given paths that a command works on.
//!
//! Folders are walked with the `ignore` crate, so `.gitignore` (also outside
//! a git checkout), `.ignore` and hidden files are respected, as are
//! `[lint] ignore` globs of `ssmc.toml`; `target/` and `node_modules/` are
//! never entered. Files named explicitly are taken unless `ssmc.toml`
//! ignores them. The result is sorted and free of duplicates.

use std::path::PathBuf;

use crate::Project;

/// Folders never entered, whatever the ignore files say.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules"];

/// The deepest folder nesting walked.
const MAX_DEPTH: usize = 64;

/// One file to work on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    pub path: PathBuf,
    /// Named on the command line (a read failure is then an error, not a note).
    pub explicit: bool,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walked {
    pub files: Vec<Found>,
}

/// The files with one of `exts` under `paths`; a path that does not exist is
/// an error.
pub fn walk(paths: &[PathBuf], project: &Project, exts: &[&str]) -> Result<Walked, String> {
    let mut files: Vec<Found> = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        if !meta.is_dir() {
            if !project.is_ignored(path) {
                files.push(Found {
                    path: path.clone(),
                    explicit: true,
                });
            }
            continue;
        }
        let walker = ignore::WalkBuilder::new(path)
            .require_git(false)
            .follow_links(false)
            .max_depth(Some(MAX_DEPTH))
            .sort_by_file_name(|a, b| a.cmp(b))
            .filter_entry(|e| {
                let dir = e.file_type().is_some_and(|t| t.is_dir());
                !(dir && e.depth() > 0 && SKIPPED_DIRS.iter().any(|s| e.file_name() == *s))
            })
            .build();
        for entry in walker {
            let entry = entry.map_err(|e| format!("cannot walk `{}`: {e}", path.display()))?;
            let p = entry.path();
            if !entry.file_type().is_some_and(|t| t.is_file()) || !has_ext(p, exts) {
                continue;
            }
            if project.is_ignored(p) {
                continue;
            }
            files.push(Found {
                path: p.to_path_buf(),
                explicit: false,
            });
        }
    }
    files.sort();
    files.dedup_by(|a, b| {
        if a.path == b.path {
            b.explicit |= a.explicit;
            true
        } else {
            false
        }
    });
    Ok(Walked { files })
}

/// Whether `path` ends in one of `exts` (case-insensitive).
pub fn has_ext(path: &std::path::Path, exts: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn respects_gitignore_config_globs_and_skipped_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        for f in [
            "a.rbk",
            "b/c.yaml",
            "gen/x.rbk",
            "built/y.json",
            "target/z.rbk",
            "node_modules/w.json",
            ".hidden/v.rbk",
            "notes.txt",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "built/\n").unwrap();
        std::fs::write(root.join("ssmc.toml"), "[lint]\nignore = [\"gen\"]\n").unwrap();
        let project = Project::discover(&root);
        let walked = walk(
            std::slice::from_ref(&root),
            &project,
            &["rbk", "yaml", "json"],
        )
        .unwrap();
        let names: Vec<String> = walked
            .files
            .iter()
            .map(|f| project.relative(&f.path).unwrap())
            .collect();
        assert_eq!(names, vec!["a.rbk", "b/c.yaml"]);
        assert!(walked.files.iter().all(|f| !f.explicit));
        // Named explicitly: taken (unless ssmc.toml ignores it).
        let named = walk(&[root.join("built/y.json")], &project, &["json"]).unwrap();
        assert_eq!(named.files.len(), 1);
        assert!(named.files.iter().all(|f| f.explicit));
        let ignored = walk(&[root.join("gen/x.rbk")], &project, &["rbk"]).unwrap();
        assert!(ignored.files.is_empty());
        assert!(walk(&[root.join("missing")], &project, &["rbk"]).is_err());
    }
}
