//! File-system work of the CLI: reading sources safely and writing outputs
//! atomically. Finding files, the project root and the `file(…)` policy are
//! `ssmc-project`'s, shared with the language server.

use std::io::Write;
use std::path::Path;

/// Larger `.rbk` sources and text includes are refused: a runbook compiles to a
/// document of at most 64 KB (the SSM quota), so 4 MiB of source is far past
/// any real one, and it keeps time and memory bounded (see docs/robustness.md).
pub const MAX_SOURCE_BYTES: u64 = 4 * 1024 * 1024;

/// Larger `.json`/`.yaml`/`.yml` files are not read as SSM documents: SSM
/// refuses documents over 64 KB; the largest real one we know is 80 KB.
pub const MAX_DOCUMENT_BYTES: u64 = 1024 * 1024;

/// The size limit for a text file, by its extension.
fn text_limit(path: &Path) -> (u64, &'static str) {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ["json", "yaml", "yml"]
        .iter()
        .any(|x| x.eq_ignore_ascii_case(ext))
    {
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
