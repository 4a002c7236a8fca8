//! Size-capped reads of regular files, over `ssmc-fs` (a FIFO, device or
//! `/proc` file is refused at once, never waited on).

use std::path::Path;

use ssmc_fs::{Follow, ReadError};

/// `ssmc.toml` over this is refused unread.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The bytes of the regular file at `path`, refused when over `limit`.
pub fn read_bytes_capped(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    ssmc_fs::read_capped(path, limit, Follow::Yes).map_err(|e| match e {
        ReadError::TooBig(n) => format!("it is {n} bytes, over the {limit} bytes read"),
        ReadError::Io(e) => e.to_string(),
    })
}

/// [`read_bytes_capped`] as UTF-8 text.
pub fn read_capped(path: &Path, limit: u64) -> Result<String, String> {
    utf8(read_bytes_capped(path, limit)?)
}

/// Bytes as UTF-8 text, or where they are not.
pub fn utf8(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The real path of `rel` (relative to the folder `from`) inside `root`: the
/// project's `file(…)` policy, resolved link by link by `ssmc-fs` (the answer
/// for a path that leaves is the same whether the outside file exists or not).
pub fn resolve(root: &Path, from: &Path, rel: &str) -> Result<std::path::PathBuf, String> {
    let joined = ssmc_core::project::root::join_relative(Path::new(""), rel)?;
    ssmc_fs::resolve_inside(root, from, &joined).map_err(|e| match e {
        ssmc_fs::Resolved::Leaves => format!(
            "the path leaves the project folder `{}` (the folder of ssmc.toml, else of the repository)",
            root.display()
        ),
        ssmc_fs::Resolved::Missing => "No such file in the project".to_string(),
        ssmc_fs::Resolved::Other(e) => e,
    })
}
