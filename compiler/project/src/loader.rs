//! The `file(…)` loader of the CLI and the language server: paths relative to
//! the including file, anything inside the project root, nothing outside
//! (canonical paths, so no `..` or symlink escape), size-capped.

use std::path::{Path, PathBuf};

use ssmc_core::lower::FileLoader;
use ssmc_core::FileId;

use crate::read::{read_bytes_capped, read_capped, resolve};

/// Larger text includes are refused (a runbook compiles to at most 64 KB).
pub const MAX_TEXT_BYTES: u64 = 4 * 1024 * 1024;
/// Larger `file(…)` attachments are refused (bounded memory).
pub const MAX_ATTACHMENT_BYTES: u64 = 64 * 1024 * 1024;

/// Loads `file(…)` paths for the files of one compile.
#[derive(Debug, Clone)]
pub struct ProjectLoader {
    /// The canonical project root.
    pub root: PathBuf,
    /// The path of each source file, indexed by `FileId` (empty: not on disk).
    pub paths: Vec<PathBuf>,
    /// The path of a file the loader has no entry for (the language server
    /// compiles one saved document, whose id it does not know in advance).
    pub fallback: Option<PathBuf>,
}

impl ProjectLoader {
    /// A loader for files of the project at `root`.
    pub fn new(root: &Path) -> ProjectLoader {
        ProjectLoader {
            root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            paths: Vec::new(),
            fallback: None,
        }
    }

    /// A loader for the one document saved at `path` in the project at `root`.
    pub fn for_document(root: &Path, path: &Path) -> ProjectLoader {
        ProjectLoader {
            fallback: Some(path.to_path_buf()),
            ..ProjectLoader::new(root)
        }
    }

    /// Records the path of the source file `id`.
    pub fn set_path(&mut self, id: FileId, path: PathBuf) {
        let i = id.0 as usize;
        if self.paths.len() <= i {
            self.paths.resize(i + 1, PathBuf::new());
        }
        if let Some(slot) = self.paths.get_mut(i) {
            *slot = path;
        }
    }

    /// The file `from`'s `file(path)` would read, for the result cache's
    /// dependencies: the real path, or for a missing file a path that stays
    /// inside by its words (no `..`, not absolute), so the cache never reads outside.
    pub fn dependency(&self, from: FileId, path: &str) -> Option<PathBuf> {
        self.resolve(from, path).ok().or_else(|| {
            let rel = Path::new(path);
            let plain = rel.components().all(|c| {
                matches!(
                    c,
                    std::path::Component::Normal(_) | std::path::Component::CurDir
                )
            });
            let base = self
                .paths
                .get(from.0 as usize)
                .filter(|p| !p.as_os_str().is_empty())
                .or(self.fallback.as_ref())?
                .parent()?;
            plain.then(|| base.join(rel))
        })
    }

    /// The real path of `path` relative to the file `from`, if it stays in the project.
    fn resolve(&self, from: FileId, path: &str) -> Result<PathBuf, String> {
        let base = self
            .paths
            .get(from.0 as usize)
            .filter(|p| !p.as_os_str().is_empty())
            .or(self.fallback.as_ref())
            .and_then(|p| p.parent())
            .ok_or_else(|| "the including file is not saved in a folder".to_string())?;
        let base = if base.as_os_str().is_empty() {
            Path::new(".")
        } else {
            base
        };
        resolve(&self.root, base, path)
    }
}

impl FileLoader for ProjectLoader {
    fn load(&self, from: FileId, path: &str) -> Result<String, String> {
        read_capped(&self.resolve(from, path)?, MAX_TEXT_BYTES)
    }

    fn load_bytes(&self, from: FileId, path: &str) -> Result<Vec<u8>, String> {
        read_bytes_capped(&self.resolve(from, path)?, MAX_ATTACHMENT_BYTES)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_anywhere_in_the_project_and_nothing_outside() {
        let dir = tempfile::tempdir().unwrap();
        let top = std::fs::canonicalize(dir.path()).unwrap();
        let root = top.join("project");
        std::fs::create_dir_all(root.join("runbooks")).unwrap();
        std::fs::create_dir_all(root.join("scripts")).unwrap();
        std::fs::write(top.join("secret.txt"), "top secret").unwrap();
        std::fs::write(root.join("scripts/x.ps1"), "Write-Host hi").unwrap();
        let mut loader = ProjectLoader::new(&root);
        loader.set_path(FileId(3), root.join("runbooks/a.rbk"));
        assert_eq!(
            loader.load(FileId(3), "../scripts/x.ps1").as_deref(),
            Ok("Write-Host hi")
        );
        for bad in ["../../secret.txt", "/etc/passwd"] {
            assert!(loader.load(FileId(3), bad).is_err(), "{bad}");
            assert!(loader.load_bytes(FileId(3), bad).is_err(), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(top.join("secret.txt"), root.join("link.txt")).unwrap();
            let err = loader.load(FileId(3), "../link.txt").unwrap_err();
            assert!(err.contains("leaves the project"), "{err}");
        }
        // A file the loader has no path for (unsaved) reads nothing.
        assert!(loader.load(FileId(1), "x").is_err());
        let doc = ProjectLoader::for_document(&root, &root.join("runbooks/b.rbk"));
        assert!(doc.load(FileId(7), "../scripts/x.ps1").is_ok());
        assert!(doc.load(FileId(7), "../../secret.txt").is_err());
    }
}
