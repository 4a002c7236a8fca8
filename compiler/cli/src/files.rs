//! File-system work of the CLI: finding sources, reading them safely,
//! embedding files inside the project only, and writing outputs atomically.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

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

/// Reads a text file: refuses files over [`text_limit`] and reports invalid
/// UTF-8 with its byte offset. The size is checked on the open file and the
/// read is capped, so a file that grows meanwhile cannot slip past the limit.
pub fn read_text(path: &Path) -> Result<String, String> {
    use std::io::Read as _;
    let (limit, why) = text_limit(path);
    let too_big = |len: u64| format!("`{}` is {len} bytes; {why}", path.display());
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    let len = file
        .metadata()
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?
        .len();
    if len > limit {
        return Err(too_big(len));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "`{}` is not valid UTF-8 (invalid byte at offset {}); save it as UTF-8",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
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
        if d.join("ssmc.toml").is_file() {
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
        let meta = std::fs::metadata(&canonical).map_err(|e| e.to_string())?;
        if meta.len() > MAX_FILE_BYTES {
            return Err(format!("it is over {MAX_FILE_BYTES} bytes"));
        }
        std::fs::read(&canonical).map_err(|e| e.to_string())
    }
}

impl ProjectLoader {
    /// The file a `load(from, path)` depends on, also when it does not exist
    /// or is refused (the result cache re-checks it: creating the file must
    /// change the answer).
    pub fn dependency(&self, from: FileId, path: &str) -> Option<PathBuf> {
        self.resolve(from, path).ok().or_else(|| {
            let base = self.paths.get(from.0 as usize)?.parent()?;
            Some(base.join(path))
        })
    }

    /// The canonical path of `path` relative to the file `from`, if it stays in the project.
    fn resolve(&self, from: FileId, path: &str) -> Result<PathBuf, String> {
        let rel = Path::new(path);
        if rel.is_absolute() || rel.components().any(|c| matches!(c, Component::Prefix(_))) {
            return Err("an absolute path; use a path relative to the runbook".to_string());
        }
        let base = self
            .paths
            .get(from.0 as usize)
            .and_then(|p| p.parent())
            .ok_or_else(|| "the including file is unknown".to_string())?;
        let joined = base.join(rel);
        let canonical = std::fs::canonicalize(&joined).map_err(|e| format!("{e}"))?;
        let root = std::fs::canonicalize(&self.root).unwrap_or_else(|_| self.root.clone());
        if !canonical.starts_with(&root) {
            return Err(format!(
                "the path leaves the project folder `{}`",
                self.root.display()
            ));
        }
        Ok(canonical)
    }
}

/// Writes `text` to `path` through a temporary file in the same folder and a
/// rename, so an interrupted or failed build never leaves a partial file.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), String> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("cannot write `{}`: {e}", path.display()));
    }
    Ok(())
}
