//! The files around the open documents: workspace `.rbk` files that declare
//! actions, and the `ssmc-stdlib:` URIs of the embedded stdlib.
//!
//! Input: workspace folders; a document's path; file names of an analysis's
//! source map.
//! Output: the texts of the workspace files that declare actions (by URI),
//! read at start-up and again when the client reports a file changed; the
//! AWS API models of each folder's `ssmc.toml` (read at start-up); the
//! `[lint]` settings of the nearest `ssmc.toml` above a document (read at
//! each analysis); the URI of a file name (`stdlib/actions/…` →
//! `ssmc-stdlib:///actions/…`, anything else is already a URI); the stdlib
//! text of an `ssmc-stdlib:` URI.
//! Invariants: the scan is bounded (depth, file count and size) and skips
//! hidden folders and `target`; nothing is written to disk (stdlib sources
//! are served from the binary by `ssmc/stdlibSource`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ssmc_core::lint::config::{glob_match, parse_config};
use std::str::FromStr;

use tower_lsp_server::ls_types::Uri;

use crate::analysis::{declares_actions, LintSettings};

/// The URI scheme of stdlib files.
pub const STDLIB_SCHEME: &str = "ssmc-stdlib";

const MAX_DEPTH: usize = 8;
const MAX_FILES: usize = 5_000;
const MAX_BYTES: u64 = 1024 * 1024;

/// The `.rbk` files under `roots` that declare actions.
pub fn scan(roots: &[Uri]) -> HashMap<Uri, String> {
    let mut out = HashMap::new();
    let mut seen = 0usize;
    for root in roots {
        if let Some(dir) = root.to_file_path() {
            walk(&dir, 0, &mut seen, &mut out);
        }
    }
    out
}

fn walk(dir: &Path, depth: usize, seen: &mut usize, out: &mut HashMap<Uri, String>) {
    if depth > MAX_DEPTH {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        *seen += 1;
        if *seen > MAX_FILES {
            return;
        }
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !name.starts_with('.') && name != "target" && name != "node_modules" {
                walk(&path, depth + 1, seen, out);
            }
            continue;
        }
        if !kind.is_file() || !name.ends_with(".rbk") {
            continue;
        }
        if let Some(text) = read_declaring(&path) {
            if let Some(uri) = Uri::from_file_path(&path) {
                out.insert(uri, text);
            }
        }
    }
}

/// The text of the `.rbk` file at `path` when it declares actions (and is
/// no larger than the scan reads); `None` otherwise or when unreadable.
pub fn read_declaring(path: &Path) -> Option<String> {
    let bytes = ssmc_fs::read_capped(path, MAX_BYTES, ssmc_fs::Follow::Yes).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    declares_actions(&text).then_some(text)
}

/// The URI of a source-map file name: stdlib files get `ssmc-stdlib:///…`;
/// every other name the server gives is its document's URI.
pub fn uri_of_file_name(name: &str) -> Option<Uri> {
    match name.strip_prefix("stdlib/") {
        Some(rest) => Uri::from_str(&format!("{STDLIB_SCHEME}:///{rest}")).ok(),
        None => Uri::from_str(name).ok(),
    }
}

/// The embedded text of a stdlib URI, in either spelling clients send:
/// `ssmc-stdlib:///actions/automation/sleep.rbk` (as the server writes it)
/// or `ssmc-stdlib:/actions/automation/sleep.rbk` (VS Code drops the empty
/// authority when it hands the URI back).
pub fn stdlib_text(uri: &Uri) -> Option<&'static str> {
    let path = uri
        .as_str()
        .strip_prefix(STDLIB_SCHEME)?
        .strip_prefix(':')?;
    let rest = path
        .strip_prefix("///")
        .or_else(|| path.strip_prefix('/').filter(|p| !p.starts_with('/')))?;
    ssmc_stdlib::SOURCES
        .iter()
        .find(|(name, _)| *name == rest)
        .map(|(_, text)| *text)
}

/// A model file over this is refused unread (botocore's largest, ec2, is about 3 MB).
const MAX_MODEL_BYTES: u64 = 32 * 1024 * 1024;

/// The AWS API models the `ssmc.toml` of each workspace folder lists
/// (`[aws-api] models`, as `ssmc check` reads them), and one message per
/// folder whose models cannot be used (the file and its fault). A model path
/// that leads outside its folder is refused, never read.
pub fn aws_models(folders: &[std::path::PathBuf]) -> (ssmc_core::awsapi::Overlay, Vec<String>) {
    let mut services = Vec::new();
    let mut faults = Vec::new();
    for folder in folders {
        let config = folder.join("ssmc.toml");
        let text = match read_config(folder, folder) {
            Ok(Some(text)) => text,
            Ok(None) => continue,
            Err(e) => {
                faults.push(format!("ssmc: {}: {e}", config.display()));
                continue;
            }
        };
        let shown = |rel: &str| folder.join(rel).display().to_string();
        let mut read = |rel: &str| read_inside(folder, rel);
        match ssmc_core::awsapi::project::load(&text, &mut read, &shown) {
            Ok(overlay) => services.extend(overlay.services().iter().cloned()),
            Err(e) => faults.push(format!(
                "ssmc: {}: AWS API models not loaded: {e}",
                config.display()
            )),
        }
    }
    (ssmc_core::awsapi::Overlay::new(services), faults)
}

/// The text of `rel` under `folder`, resolved inside it (no `..` or link
/// leads out), a regular file only (a FIFO is refused, never waited on).
fn read_inside(folder: &Path, rel: &str) -> Result<String, String> {
    let p = Path::new(rel);
    if p.is_absolute() {
        return Err("an absolute path; write it relative to the folder of ssmc.toml".into());
    }
    let bytes = ssmc_fs::read_inside(folder, folder, p, MAX_MODEL_BYTES).map_err(|e| match e {
        ssmc_fs::InsideError::Resolve(ssmc_fs::Resolved::Leaves) => {
            "the path leaves the workspace folder".to_string()
        }
        e => e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())
}

/// The text of `ssmc.toml` in `dir` (inside the workspace folder `folder`),
/// `None` without one. A link leading out of the folder, a FIFO, a device or
/// a `/proc` file is a fault naming the file, never its content.
fn read_config(folder: &Path, dir: &Path) -> Result<Option<String>, String> {
    if std::fs::symlink_metadata(dir.join("ssmc.toml")).is_err() {
        return Ok(None);
    }
    let bytes = ssmc_fs::read_inside(folder, dir, Path::new("ssmc.toml"), MAX_BYTES).map_err(
        |e| match e {
            ssmc_fs::InsideError::Resolve(ssmc_fs::Resolved::Leaves) => {
                "a symbolic link that leaves the workspace folder; it is not read".to_string()
            }
            e => e.to_string(),
        },
    )?;
    String::from_utf8(bytes).map(Some).map_err(|e| {
        format!(
            "not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The `[lint]` settings for the document at `path`: from the nearest
/// `ssmc.toml` in its folder or above, up to the workspace folder that holds
/// it (as `ssmc lint` finds the project root, but never leaving the
/// workspace). Read at each analysis, so an edited `ssmc.toml` applies at the
/// next change. No workspace folder, or none found: the defaults.
pub fn lint_settings(folders: &[PathBuf], path: &Path) -> LintSettings {
    let Some(dir) = path.parent().and_then(|d| std::fs::canonicalize(d).ok()) else {
        return LintSettings::default();
    };
    let Some(folder) = folders.iter().find(|f| dir.starts_with(f)) else {
        return LintSettings::default();
    };
    for root in dir.ancestors().take_while(|d| d.starts_with(folder)) {
        let config = root.join("ssmc.toml");
        let text = match read_config(folder, root) {
            Ok(Some(text)) => Ok(text),
            Ok(None) => continue,
            Err(e) => Err(e),
        };
        let parsed = text.and_then(|t| parse_config(&t));
        return match parsed {
            Ok(project) => {
                // The canonical folder and the file's own name: an unsaved
                // new file has no canonical path yet.
                let rel = path
                    .file_name()
                    .map(|name| dir.join(name))
                    .and_then(|p| p.strip_prefix(root).ok().map(Path::to_path_buf))
                    .map(|p| p.to_string_lossy().replace('\\', "/"));
                LintSettings {
                    ignored: rel.is_some_and(|r| project.ignore.iter().any(|g| glob_match(g, &r))),
                    config: project.lint,
                    fault: None,
                }
            }
            Err(e) => LintSettings {
                fault: Some(format!("{}: {e}", config.display())),
                ..LintSettings::default()
            },
        };
    }
    LintSettings::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stdlib_names_round_trip_through_uris() {
        let (name, text) = ssmc_stdlib::SOURCES[0];
        let uri = uri_of_file_name(&format!("stdlib/{name}")).expect("uri");
        assert_eq!(uri.as_str(), format!("ssmc-stdlib:///{name}"));
        assert_eq!(stdlib_text(&uri), Some(text));
        // VS Code's normalised form (no empty authority) names the same file.
        let short = Uri::from_str(&format!("ssmc-stdlib:/{name}")).expect("uri");
        assert_eq!(stdlib_text(&short), Some(text));
        // `ssmc-stdlib://actions/…` would make `actions` a host: refused.
        let host = Uri::from_str(&format!("ssmc-stdlib://{name}")).expect("uri");
        assert_eq!(stdlib_text(&host), None);
        let other = uri_of_file_name("file:///w/lib.rbk").expect("uri");
        assert_eq!(other.as_str(), "file:///w/lib.rbk");
        assert_eq!(stdlib_text(&other), None);
    }
}
