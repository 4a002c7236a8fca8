//! `file(…)` loading for open documents: paths relative to the document's
//! directory, never absolute, never through `..`, and never through a
//! symlink that leads out of that directory (the canonical path must stay
//! inside it), so the server reads nothing outside the folder it was given.
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
    /// The real path of `path` under the document's folder: resolved link by
    /// link without looking outside it (the same answer whether a file
    /// outside exists or not).
    fn resolve(&self, path: &str) -> Result<PathBuf, String> {
        let dir = self
            .dir
            .as_ref()
            .ok_or_else(|| "the document is not saved in a folder of the workspace".to_string())?;
        let rel = Path::new(path);
        if rel
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
        {
            return Err("use a path relative to the runbook, without `..`".to_string());
        }
        ssmc_fs::resolve_inside(dir, dir, rel).map_err(|e| match e {
            ssmc_fs::Resolved::Leaves => {
                "the path leads out of the runbook's folder (through a symlink)".to_string()
            }
            e => e.to_string(),
        })
    }

    /// The bytes of `path`: a regular file only (a FIFO is refused at once,
    /// never waited on), at most [`MAX_BYTES`].
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        let full = self.resolve(path)?;
        ssmc_fs::read_capped(&full, MAX_BYTES, ssmc_fs::Follow::Yes).map_err(|e| match e {
            ssmc_fs::ReadError::TooBig(_) => format!("it is over {MAX_BYTES} bytes"),
            e => e.to_string(),
        })
    }
}

impl FileLoader for DirLoader {
    fn load(&self, _from: FileId, path: &str) -> Result<String, String> {
        String::from_utf8(self.read(path)?).map_err(|_| "not UTF-8 text".to_string())
    }

    fn load_bytes(&self, _from: FileId, path: &str) -> Result<Vec<u8>, String> {
        self.read(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("ssmc-lsp-loader-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("project/scripts")).expect("mkdir");
        std::fs::write(dir.join("secret.txt"), "top secret").expect("write");
        std::fs::write(dir.join("project/scripts/run.sh"), "echo hi").expect("write");
        dir
    }

    #[test]
    fn reads_inside_the_folder_and_nothing_outside() {
        let dir = temp("escape");
        let loader = DirLoader {
            dir: Some(dir.join("project")),
        };
        assert_eq!(
            loader.load(FileId(0), "scripts/run.sh").as_deref(),
            Ok("echo hi")
        );
        for bad in ["../secret.txt", "/etc/passwd", "scripts/../../secret.txt"] {
            assert!(loader.load(FileId(0), bad).is_err(), "{bad}");
            assert!(loader.load_bytes(FileId(0), bad).is_err(), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.join("secret.txt"), dir.join("project/link.txt"))
                .expect("symlink");
            std::os::unix::fs::symlink(&dir, dir.join("project/up")).expect("symlink");
            for bad in ["link.txt", "up/secret.txt"] {
                let err = loader.load(FileId(0), bad).expect_err(bad);
                assert!(err.contains("leads out"), "{bad}: {err}");
                assert!(loader.load_bytes(FileId(0), bad).is_err(), "{bad}");
            }
        }
        let unsaved = DirLoader { dir: None };
        assert!(unsaved.load(FileId(0), "scripts/run.sh").is_err());
    }
}
