//! File-system work of the CLI: reading sources safely and writing outputs
//! (over `ssmc-fs`). Finding files, `ssmc.toml`, the project root and the
//! `file(…)` loader are `ssmc-project`'s, shared with the language server.

use std::path::Path;

pub use ssmc_fs::{read_capped, rewrite_source, Batch, Follow, ReadError};

// The size limits are `ssmc-project`'s, shared with the language server's
// open documents (see docs/robustness.md).
use ssmc_project::text_limit;

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

/// Creates `path` with `text` atomically and only when it does not exist: the
/// text goes to a temporary file beside it, which is then linked in place
/// without replacing anything (a file that appears meanwhile is kept).
pub fn write_new_atomic(path: &Path, text: &str) -> Result<(), String> {
    use std::io::Write as _;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| format!("cannot write in `{}`: {e}", dir.display()))?;
    tmp.write_all(text.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    tmp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            format!("`{}` already exists", path.display())
        } else {
            format!("cannot write `{}`: {}", path.display(), e.error)
        }
    })?;
    Ok(())
}
