//! ssmc-project: the file access of a project, one implementation for the
//! CLI and the language server.
//!
//! Input: a path (a runbook, a folder). Output: the [`Project`] it belongs
//! to (root, typed `ssmc.toml`), the files to work on ([`walk`]), the
//! `file(…)` loader that never leaves the root ([`ProjectLoader`]) and the
//! project's AWS API models ([`aws_models`]) and the signatures of the
//! documents it calls from outside ([`document_signatures`]).
//! Invariants: the decisions (what the root is, which paths are allowed,
//! which are ignored, what `ssmc.toml` means) are the core's
//! (`ssmc_core::project`); this crate only asks the file system. Nothing here
//! panics on any input; every read is size-capped.

mod documents;
mod limits;
mod loader;
mod models;
mod read;
mod walk;

use std::path::{Path, PathBuf};

use ssmc_core::project::root::{find_root, find_vcs_root, CONFIG_FILE};
use ssmc_core::project::{config, ConfigError, ProjectConfig};

pub use documents::{document_files, document_signatures, MAX_DOCUMENT_FILES};
pub use limits::{text_limit, MAX_DOCUMENT_BYTES, MAX_SOURCE_BYTES};
pub use loader::{ProjectLoader, MAX_ATTACHMENT_BYTES};
pub use models::aws_models;
pub use read::{read_capped, resolve, MAX_CONFIG_BYTES};
pub use walk::{walk, Found, Walked};

/// A project: its root and its settings.
#[derive(Debug, Clone, Default)]
pub struct Project {
    /// Canonical root folder (see `ssmc_core::project::root`).
    pub root: PathBuf,
    /// The settings (the defaults when there is no `ssmc.toml` or it is faulty).
    pub config: ProjectConfig,
    /// Why `ssmc.toml` cannot be used.
    pub fault: Option<ConfigFault>,
    /// The text of `ssmc.toml` (empty without one), for cache keys.
    pub config_text: String,
}

/// An unusable `ssmc.toml`: where it is, its text, and the error.
#[derive(Debug, Clone)]
pub struct ConfigFault {
    pub path: PathBuf,
    /// The text read (empty when it could not be read).
    pub text: String,
    pub error: ConfigError,
}

impl std::fmt::Display for ConfigFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(r) = &self.error.range {
            let before = self.text.get(..r.start).unwrap_or("");
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": {}", self.error)
    }
}

impl Project {
    /// The project holding `start` (a file or a folder; a path that does not
    /// exist counts as a file in its folder).
    pub fn discover(start: &Path) -> Project {
        // A file's own folder, not the target of a link named as the file:
        // a link leading out of the project must not make the outside its root.
        let start = absolute(start);
        let dir = if start.is_dir() {
            start
        } else {
            start
                .parent()
                .map_or_else(|| start.clone(), Path::to_path_buf)
        };
        let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
        // Any entry named ssmc.toml marks the root (a FIFO or a link too, so
        // that reading it reports it rather than a folder above being used).
        let root = find_root(&dir, &|p| std::fs::symlink_metadata(p).is_ok());
        Project::at(root)
    }

    /// The project whose root is `root`, with its `ssmc.toml` when there is one.
    pub fn at(root: PathBuf) -> Project {
        let path = root.join(CONFIG_FILE);
        if std::fs::symlink_metadata(&path).is_err() {
            return Project {
                root,
                ..Project::default()
            };
        }
        let (config, fault) = match read_config(&root) {
            Ok(text) => match config::parse(&text) {
                Ok(c) => (c, None),
                Err(error) => (
                    ProjectConfig::default(),
                    Some(ConfigFault { path, text, error }),
                ),
            },
            Err(e) => {
                let error = ConfigError {
                    message: e,
                    range: None,
                    help: None,
                };
                let fault = ConfigFault {
                    path,
                    text: String::new(),
                    error,
                };
                (ProjectConfig::default(), Some(fault))
            }
        };
        let config_text = match (&fault, read_config(&root)) {
            (None, Ok(text)) => text,
            _ => String::new(),
        };
        Project {
            root,
            config,
            fault,
            config_text,
        }
    }

    /// `path` relative to the root, `/`-separated (`None` outside the root).
    pub fn relative(&self, path: &Path) -> Option<String> {
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| absolute(path));
        let rel = abs.strip_prefix(&self.root).ok()?;
        Some(rel.to_string_lossy().replace('\\', "/"))
    }

    /// Whether `[lint] ignore` covers `path`.
    pub fn is_ignored(&self, path: &Path) -> bool {
        self.relative(path)
            .is_some_and(|rel| self.config.ignore.is_ignored(&rel))
    }
}

/// The text of `ssmc.toml` in `root`: a link is followed only to a file
/// inside the project; a FIFO, device, `/proc` file, non-UTF-8 or oversized
/// file is an error that never shows its content (a link to
/// `/proc/self/environ` must not print the environment).
fn read_config(root: &Path) -> Result<String, String> {
    let bytes = ssmc_fs::read_inside(root, root, Path::new(CONFIG_FILE), MAX_CONFIG_BYTES)
        .map_err(|e| match e {
            ssmc_fs::InsideError::Resolve(ssmc_fs::Resolved::Leaves) => {
                "a symbolic link that leaves the project; it is not read".to_string()
            }
            ssmc_fs::InsideError::Read(ssmc_fs::ReadError::TooBig(len)) => {
                format!("{len} bytes, over the {MAX_CONFIG_BYTES} bytes a config may have")
            }
            e => format!("cannot read it: {e}"),
        })?;
    read::utf8(bytes)
}

/// `path` made absolute against the working directory (no file access).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// How a path is shown in CI output (GitHub annotations, SARIF): relative to
/// the repository root holding it (what GitHub resolves annotation paths
/// against), else to the working directory, else to the project root;
/// `/`-separated, whatever form of the path was given.
pub fn display_path(path: &Path, project: &Project) -> String {
    PathDisplay::new(project).show(path)
}

/// [`display_path`] for the many files of one run: the repository root of
/// each folder and the working directory are looked up once, not once per
/// file (for 10,000 files those were 14 `stat`s and 3 `getcwd`s each, most
/// of a re-lint answered from the result cache).
pub struct PathDisplay<'p> {
    project: &'p Project,
    /// Folder → the repository root holding it.
    vcs_roots: std::collections::HashMap<PathBuf, Option<PathBuf>>,
    /// The working directory, canonical, once asked for.
    cwd: Option<Option<PathBuf>>,
}

impl<'p> PathDisplay<'p> {
    pub fn new(project: &'p Project) -> PathDisplay<'p> {
        PathDisplay {
            project,
            vcs_roots: std::collections::HashMap::new(),
            cwd: None,
        }
    }

    /// The path as [`display_path`] shows it.
    pub fn show(&mut self, path: &Path) -> String {
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| absolute(path));
        let shown = |base: &Path| {
            abs.strip_prefix(base)
                .ok()
                .map(|rel| rel.to_string_lossy().replace('\\', "/"))
        };
        let dir = abs.parent().unwrap_or(&abs);
        let root = self
            .vcs_roots
            .entry(dir.to_path_buf())
            .or_insert_with(|| find_vcs_root(dir, &|p| p.exists()));
        if let Some(rel) = root.as_deref().and_then(shown) {
            return rel;
        }
        let cwd = self.cwd.get_or_insert_with(|| {
            std::env::current_dir()
                .ok()
                .and_then(|c| std::fs::canonicalize(c).ok())
        });
        if let Some(rel) = cwd.as_deref().and_then(shown) {
            return rel;
        }
        self.project
            .relative(&abs)
            .unwrap_or_else(|| abs.to_string_lossy().replace('\\', "/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One `PathDisplay` over files of two repositories shows each against
    /// its own repository root, as `display_path` does file by file.
    #[test]
    fn path_display_shows_each_file_against_its_own_repository() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        for f in [
            "a/.git",
            "a/x/one.rbk",
            "a/x/two.rbk",
            "b/.git",
            "b/three.rbk",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        let project = Project::discover(&root);
        let mut shown = PathDisplay::new(&project);
        for (file, want) in [
            ("a/x/one.rbk", "x/one.rbk"),
            ("b/three.rbk", "three.rbk"),
            ("a/x/two.rbk", "x/two.rbk"),
            ("b/./three.rbk", "three.rbk"),
        ] {
            assert_eq!(shown.show(&root.join(file)), want, "{file}");
            assert_eq!(display_path(&root.join(file), &project), want, "{file}");
        }
    }

    #[test]
    fn discovers_the_root_and_reads_the_config_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir_all(root.join("app/runbooks")).unwrap();
        std::fs::write(root.join(".git"), "gitdir: elsewhere").unwrap();
        std::fs::write(
            root.join("app/ssmc.toml"),
            "[lint]\nignore = [\"gen/**\"]\n",
        )
        .unwrap();
        let p = Project::discover(&root.join("app/runbooks/x.rbk"));
        assert_eq!(p.root, root.join("app"));
        assert!(p.fault.is_none());
        assert!(p.is_ignored(&root.join("app/gen/a.rbk")));
        assert_eq!(
            p.relative(&root.join("app/runbooks")).as_deref(),
            Some("runbooks")
        );
        // Without ssmc.toml: the repository root.
        let q = Project::discover(&root.join("other"));
        assert_eq!(q.root, root);
    }

    #[test]
    fn a_faulty_config_is_kept_with_its_place() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ssmc.toml"), "[lint]\n\nignor = []\n").unwrap();
        let p = Project::discover(dir.path());
        let fault = p.fault.expect("fault");
        let shown = fault.to_string();
        assert!(shown.ends_with("ssmc.toml:3:1: unknown field `ignor`, expected one of `ignore`, `docs_url`, `preview`, `rules`, `shellcheck` (did you mean `ignore`?)"), "{shown}");
    }
}
