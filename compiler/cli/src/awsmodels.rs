//! A project's own AWS API models: `[aws-api] models` of `ssmc.toml`.
//!
//! Input: the project root (the folder of `ssmc.toml`). Output: an
//! [`Overlay`] of the botocore `service-2.json` files listed there (read here;
//! the table is parsed and the models converted by the core's
//! `awsapi::project`), for APIs newer than the pinned botocore; or an error
//! naming the file and what is wrong with it.
//!
//! Invariants: paths are relative to the project root and never leave it (no
//! absolute path, no `..` or symlink escape); a file over [`MAX_MODEL_BYTES`]
//! is refused unread; nothing here panics on a bad file.

use std::path::{Component, Path, PathBuf};

use ssmc_core::awsapi::{project, Overlay};

/// botocore's largest model (ec2) is about 3 MB of JSON.
pub const MAX_MODEL_BYTES: u64 = 32 * 1024 * 1024;

/// The model files `ssmc.toml` at `root` lists (none without the file or the table).
pub fn load(root: &Path) -> Result<Overlay, String> {
    load_keyed(root).map(|(overlay, _)| overlay)
}

/// [`load`], with a hash of everything it read (`ssmc.toml` and each model
/// file), for the result cache's key.
pub fn load_keyed(root: &Path) -> Result<(Overlay, u64), String> {
    let config = root.join("ssmc.toml");
    let Some(text) = crate::files::read_config(root)? else {
        return Ok((Overlay::default(), 0));
    };
    let shown = |rel: &str| root.join(rel).display().to_string();
    let mut hasher = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(&text, &mut hasher);
    let mut read = |rel: &str| -> Result<String, String> {
        let model = inside(root, rel).and_then(|p| read_model(&p))?;
        std::hash::Hash::hash(&(rel, &model), &mut hasher);
        Ok(model)
    };
    let overlay = project::load(&text, &mut read, &shown).map_err(|e| {
        // A fault of the table itself (not of a listed file) names ssmc.toml.
        if e.starts_with(&root.display().to_string()) {
            e
        } else {
            format!("{}: {e}", config.display())
        }
    })?;
    Ok((overlay, std::hash::Hasher::finish(&hasher)))
}

/// The real path of `rel` under `root`, if it stays inside (the same answer
/// whether a file outside exists or not).
pub fn inside(root: &Path, rel: &str) -> Result<PathBuf, String> {
    let p = Path::new(rel);
    if p.is_absolute() || p.components().any(|c| matches!(c, Component::Prefix(_))) {
        return Err("an absolute path; write it relative to the folder of ssmc.toml".into());
    }
    ssmc_fs::resolve_inside(root, root, p).map_err(|e| match e {
        ssmc_fs::Resolved::Leaves => {
            format!("the path leaves the project folder `{}`", root.display())
        }
        e => e.to_string(),
    })
}

/// The text of a model file (the caller names the file in messages): a
/// regular file only (a FIFO is refused, never waited on), capped in size.
pub fn read_model(path: &Path) -> Result<String, String> {
    let bytes =
        ssmc_fs::read_capped(path, MAX_MODEL_BYTES, ssmc_fs::Follow::Yes).map_err(|e| match e {
            ssmc_fs::ReadError::TooBig(len) => {
                format!("{len} bytes, over the {MAX_MODEL_BYTES} bytes a model may have")
            }
            ssmc_fs::ReadError::Io(e) => e.to_string(),
        })?;
    String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())
}
