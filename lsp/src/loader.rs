//! `file(…)` loading for open documents: paths relative to the document's
//! directory, never absolute and never through `..`.
//!
//! Input: the directory of the document (`None` for unsaved, non-file URIs).
//! Output: the text or bytes of the file, or a reason it cannot be read.

use std::path::{Component, Path, PathBuf};

use ssmc_core::lower::FileLoader;
use ssmc_core::span::FileId;

/// Files larger than this are not read (a runbook script is far smaller).
const MAX_BYTES: u64 = 4 * 1024 * 1024;

pub struct DirLoader {
    pub dir: Option<PathBuf>,
}

impl DirLoader {
    fn resolve(&self, path: &str) -> Result<PathBuf, String> {
        let dir = self
            .dir
            .as_ref()
            .ok_or_else(|| "the document is not saved in a folder".to_string())?;
        let rel = Path::new(path);
        if rel
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
        {
            return Err("use a path relative to the runbook, without `..`".to_string());
        }
        let full = dir.join(rel);
        let meta = std::fs::metadata(&full).map_err(|e| e.to_string())?;
        if meta.len() > MAX_BYTES {
            return Err(format!("it is over {MAX_BYTES} bytes"));
        }
        Ok(full)
    }
}

impl FileLoader for DirLoader {
    fn load(&self, _from: FileId, path: &str) -> Result<String, String> {
        let full = self.resolve(path)?;
        std::fs::read_to_string(full).map_err(|e| e.to_string())
    }

    fn load_bytes(&self, _from: FileId, path: &str) -> Result<Vec<u8>, String> {
        let full = self.resolve(path)?;
        std::fs::read(full).map_err(|e| e.to_string())
    }
}
