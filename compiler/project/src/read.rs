//! Size-capped reads of regular files.

use std::io::Read as _;
use std::path::Path;

/// `ssmc.toml` over this is refused unread.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The bytes of the regular file at `path`, refused when over `limit` (checked
/// on the open file, and the read is capped, so a growing file cannot slip past).
pub fn read_bytes_capped(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".to_string());
    }
    let too_big = |n: u64| format!("it is {n} bytes, over the {limit} bytes read");
    if meta.len() > limit {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// [`read_bytes_capped`] as UTF-8 text.
pub fn read_capped(path: &Path, limit: u64) -> Result<String, String> {
    let bytes = read_bytes_capped(path, limit)?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}
