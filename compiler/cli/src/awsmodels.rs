//! A project's own AWS API models: `[aws-api] models` of `ssmc.toml`.
//!
//! Input: the project root (the folder of `ssmc.toml`). Output: an
//! [`Overlay`] of the botocore `service-2.json` files listed there, converted
//! by the core (`awsapi::botocore`), for APIs newer than the pinned botocore;
//! or an error naming the file and what is wrong with it.
//!
//! Invariants: paths are relative to the project root and never leave it (no
//! absolute path, no `..` or symlink escape); a file over [`MAX_MODEL_BYTES`]
//! is refused unread; nothing here panics on a bad file. A model's client name
//! is its file name without `.json` (`models/newsvc.json` → `newsvc`), or, in
//! botocore's own layout `NAME/VERSION/service-2.json`, the `NAME` folder.

use std::path::{Component, Path, PathBuf};

use ssmc_core::awsapi::{botocore, Overlay};

/// botocore's largest model (ec2) is about 3 MB of JSON.
pub const MAX_MODEL_BYTES: u64 = 32 * 1024 * 1024;

/// The model files `ssmc.toml` at `root` lists (none without the file or the table).
pub fn load(root: &Path) -> Result<Overlay, String> {
    let config = root.join("ssmc.toml");
    let Ok(text) = std::fs::read_to_string(&config) else {
        return Ok(Overlay::default());
    };
    let paths = model_paths(&text).map_err(|e| format!("{}: {e}", config.display()))?;
    let mut services = Vec::with_capacity(paths.len());
    for rel in paths {
        let path = inside(root, &rel).map_err(|e| format!("{}: `{rel}`: {e}", config.display()))?;
        let name = client_name(&path).ok_or_else(|| {
            format!(
                "{}: cannot tell the client name from the file name",
                path.display()
            )
        })?;
        let text = read_model(&path)?;
        let svc = botocore::service_from_json(&name, &text)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        services.push(svc);
    }
    Ok(Overlay::new(services))
}

/// `[aws-api] models = ["…", …]` of an `ssmc.toml` text.
pub fn model_paths(text: &str) -> Result<Vec<String>, String> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
    let Some(aws) = table.get("aws-api") else {
        return Ok(Vec::new());
    };
    let aws = aws.as_table().ok_or("`aws-api` must be a table")?;
    let Some(models) = aws.get("models") else {
        return Ok(Vec::new());
    };
    let list = models
        .as_array()
        .ok_or("`aws-api.models` must be a list of paths to botocore service-2.json files")?;
    list.iter()
        .map(|p| {
            p.as_str()
                .map(str::to_string)
                .ok_or_else(|| "`aws-api.models` entries must be strings".to_string())
        })
        .collect()
}

/// The canonical path of `rel` under `root`, if it stays inside.
fn inside(root: &Path, rel: &str) -> Result<PathBuf, String> {
    let p = Path::new(rel);
    if p.is_absolute() || p.components().any(|c| matches!(c, Component::Prefix(_))) {
        return Err("an absolute path; write it relative to the folder of ssmc.toml".into());
    }
    let canonical = std::fs::canonicalize(root.join(p)).map_err(|e| e.to_string())?;
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if !canonical.starts_with(&root) {
        return Err(format!(
            "the path leaves the project folder `{}`",
            root.display()
        ));
    }
    Ok(canonical)
}

/// `newsvc.json` → `newsvc`; `…/newsvc/2026-01-01/service-2.json` → `newsvc`.
pub fn client_name(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let name = if stem == "service-2" {
        path.parent()?.parent()?.file_name()?.to_str()?
    } else {
        stem
    };
    (!name.is_empty()).then(|| name.to_string())
}

fn read_model(path: &Path) -> Result<String, String> {
    let len = std::fs::metadata(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .len();
    if len > MAX_MODEL_BYTES {
        return Err(format!(
            "{}: {len} bytes, over the {MAX_MODEL_BYTES} bytes a model may have",
            path.display()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8 text", path.display()))
}
