//! File-system work of the CLI: finding sources, reading them safely,
//! embedding files inside the project only, and writing outputs atomically.

use std::path::{Component, Path, PathBuf};

pub use ssmc_fs::{read_capped, rewrite_source, Batch, Follow, InsideError, ReadError, Resolved};

use ssmc_core::lower::FileLoader;
use ssmc_core::FileId;

/// Larger `file(…)` attachments are refused rather than read (bounded memory).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Larger `.rbk` sources and text includes are refused: a runbook compiles to a
/// document of at most 64 KB (the SSM quota), so 4 MiB of source is far past
/// any real one, and it keeps time and memory bounded (see docs/robustness.md).
pub const MAX_SOURCE_BYTES: u64 = 4 * 1024 * 1024;

/// Larger `.json`/`.yaml`/`.yml` files are not read as SSM documents: SSM
/// refuses documents over 64 KB; the largest real one we know is 80 KB.
pub const MAX_DOCUMENT_BYTES: u64 = 1024 * 1024;

/// The size limit for a text file, by its extension.
fn text_limit(path: &Path) -> (u64, &'static str) {
    if has_ext(path, &["json", "yaml", "yml"]) {
        (
            MAX_DOCUMENT_BYTES,
            "an SSM document is at most 64 KB, so files over 1 MiB are not read",
        )
    } else {
        (
            MAX_SOURCE_BYTES,
            "a runbook compiles to at most 64 KB, so text files over 4 MiB are not read",
        )
    }
}

/// Finds files with one of `exts` under `paths` (files are taken as given;
/// folders are walked recursively, skipping hidden folders and `target/`).
/// The result is sorted and free of duplicates so every run is deterministic.
pub fn discover(paths: &[PathBuf], exts: &[&str]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        if meta.is_dir() {
            walk(path, exts, &mut out, 0)?;
        } else {
            out.push(path.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>, depth: usize) -> Result<(), String> {
    if depth > 64 {
        return Err(format!("`{}`: folders nested too deep", dir.display()));
    }
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read folder `{}`: {e}", dir.display()))?;
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if name.starts_with('.') || name == "target" || name == "node_modules" {
                continue;
            }
            walk(&path, exts, out, depth + 1)?;
        } else if kind.is_file() && has_ext(&path, exts) {
            out.push(path);
        }
    }
    Ok(())
}

pub fn has_ext(path: &Path, exts: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Reads a text file the user named or a folder walk found: a regular file
/// only (a FIFO, device or `/proc` file is refused at once, see
/// `ssmc_fs::read`), refused over [`text_limit`], and invalid UTF-8 reported
/// with its byte offset.
pub fn read_text(path: &Path) -> Result<String, String> {
    let (limit, why) = text_limit(path);
    let bytes = read_capped(path, limit, Follow::Yes).map_err(|e| match e {
        ReadError::TooBig(len) => format!("`{}` is {len} bytes; {why}", path.display()),
        ReadError::Io(e) => format!("cannot read `{}`: {e}", path.display()),
    })?;
    utf8(path, bytes)
}

fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "`{}` is not valid UTF-8 (invalid byte at offset {}); save it as UTF-8",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// `ssmc.toml` is small; a larger one is refused unread.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The text of `ssmc.toml` in `root`, `None` when there is none. A link is
/// followed only to a file inside the project; a FIFO, device, `/proc` file,
/// non-UTF-8 or oversized file is an error naming the file and never its
/// content (a link to `/proc/self/environ` must not print the environment).
pub fn read_config(root: &Path) -> Result<Option<String>, String> {
    let config = root.join("ssmc.toml");
    let shown = config.display();
    if std::fs::symlink_metadata(&config).is_err() {
        return Ok(None);
    }
    let bytes = ssmc_fs::read_inside(root, root, Path::new("ssmc.toml"), MAX_CONFIG_BYTES)
        .map_err(|e| match e {
            InsideError::Resolve(Resolved::Leaves) => {
                format!("`{shown}` is a symbolic link that leaves the project; it is not read")
            }
            InsideError::Read(ReadError::TooBig(len)) => format!(
                "`{shown}` is {len} bytes, over the {MAX_CONFIG_BYTES} bytes a config may have"
            ),
            e => format!("cannot read `{shown}`: {e}"),
        })?;
    utf8(&config, bytes).map(Some)
}

/// The project root: the nearest folder holding `ssmc.toml`, walking up from
/// `start`; else `start` itself (or its folder when it is a file).
pub fn project_root(start: &Path) -> PathBuf {
    let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
    let dir = if start.is_dir() {
        start.clone()
    } else {
        start
            .parent()
            .map_or_else(|| start.clone(), Path::to_path_buf)
    };
    let mut cur = Some(dir.as_path());
    while let Some(d) = cur {
        // Any entry named ssmc.toml marks the root (a FIFO or a link too, so
        // that `read_config` reports it rather than a folder above being used).
        if std::fs::symlink_metadata(d.join("ssmc.toml")).is_ok() {
            return d.to_path_buf();
        }
        cur = d.parent();
    }
    dir
}

/// Loads `file(…)` paths relative to the including file, never outside `root`
/// (no `..` escape, no escape through a symlink: the canonical path must stay inside).
pub struct ProjectLoader {
    pub root: PathBuf,
    /// The path of each source file, indexed by `FileId`.
    pub paths: Vec<PathBuf>,
}

impl FileLoader for ProjectLoader {
    fn load(&self, from: FileId, path: &str) -> Result<String, String> {
        let canonical = self.resolve(from, path)?;
        read_text(&canonical)
    }

    fn load_bytes(&self, from: FileId, path: &str) -> Result<Vec<u8>, String> {
        let canonical = self.resolve(from, path)?;
        read_capped(&canonical, MAX_FILE_BYTES, Follow::Yes).map_err(|e| match e {
            ReadError::TooBig(_) => format!("it is over {MAX_FILE_BYTES} bytes"),
            ReadError::Io(e) => e.to_string(),
        })
    }
}

impl ProjectLoader {
    /// The file a `load(from, path)` depends on, also when it does not exist
    /// or is refused (the result cache re-checks it: creating the file must
    /// change the answer).
    pub fn dependency(&self, from: FileId, path: &str) -> Option<PathBuf> {
        self.resolve(from, path).ok().or_else(|| {
            // A missing file; only a path that stays inside by its words
            // (no `..`, not absolute), so the cache never reads outside.
            let rel = Path::new(path);
            let plain = rel
                .components()
                .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
            let base = self.paths.get(from.0 as usize)?.parent()?;
            plain.then(|| base.join(rel))
        })
    }

    /// The real path of `path` relative to the file `from`, if it stays in the
    /// project. The answer for a path that leaves it is the same whether the
    /// outside file exists or not (see `ssmc_fs::resolve`).
    fn resolve(&self, from: FileId, path: &str) -> Result<PathBuf, String> {
        let rel = Path::new(path);
        if rel.is_absolute() || rel.components().any(|c| matches!(c, Component::Prefix(_))) {
            return Err("an absolute path; use a path relative to the runbook".to_string());
        }
        let base = self
            .paths
            .get(from.0 as usize)
            .and_then(|p| p.parent())
            .map(|p| {
                if p.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    p
                }
            })
            .ok_or_else(|| "the including file is unknown".to_string())?;
        ssmc_fs::resolve_inside(&self.root, base, rel).map_err(|e| match e {
            Resolved::Leaves => format!(
                "the path leaves the project folder `{}`",
                self.root.display()
            ),
            Resolved::Missing => "No such file in the project".to_string(),
            Resolved::Other(e) => e,
        })
    }
}

/// Writes one output file `path` (see `ssmc_fs::write`): through an
/// exclusive temporary file and a rename, replacing a link at `path` rather
/// than following it; a folder inside `root` that links out is refused.
pub fn write_output(root: &Path, path: &Path, text: &str) -> Result<(), String> {
    ssmc_fs::write_output(Some(root), path, text.as_bytes())
}

/// Stages the rewrite of a loaded source `path` (for `fmt` and `lint --fix`)
/// whose loaded, normalised text was `loaded`: refused when the file on disk
/// no longer matches it (an edit saved meanwhile wins), and at the commit
/// when it changes after this read (see `ssmc_fs::rewrite_source`).
pub fn stage_rewrite(
    batch: &mut Batch,
    root: &Path,
    path: &Path,
    loaded: &str,
    text: &str,
) -> Result<(), String> {
    let on_disk = read_text(path)?;
    if ssmc_core::span::normalize_source(&on_disk) != loaded {
        return Err(format!(
            "`{}` changed on disk while ssmc was working on it; it was not overwritten, run ssmc again",
            path.display()
        ));
    }
    if on_disk == text {
        return Ok(());
    }
    rewrite_source(batch, root, path, on_disk.as_bytes(), text.as_bytes())
}

/// Creates `path` with `text`, failing when it already exists (the check and the
/// creation are one step, so a file that appears meanwhile is not overwritten either).
pub fn write_new(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    }
    use std::io::Write as _;
    let mut f = std::fs::File::create_new(path)
        .map_err(|e| format!("cannot create `{}`: {e}", path.display()))?;
    f.write_all(text.as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(|e| {
            let _ = std::fs::remove_file(path);
            format!("cannot write `{}`: {e}", path.display())
        })
}
