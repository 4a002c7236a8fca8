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

use ssmc_project::Project;
use std::str::FromStr;

use tower_lsp_server::ls_types::Uri;

use crate::analysis::{declares_actions, LintSettings};

/// The URI scheme of stdlib files.
pub const STDLIB_SCHEME: &str = "ssmc-stdlib";

const MAX_FILES: usize = 5_000;
const MAX_BYTES: u64 = 1024 * 1024;

/// The `.rbk` files under `roots` that declare actions (the one walker:
/// `.gitignore` and `[lint] ignore` respected, as `ssmc check` walks).
pub fn scan(roots: &[Uri]) -> HashMap<Uri, String> {
    let mut out = HashMap::new();
    for root in roots {
        let Some(dir) = root.to_file_path() else {
            continue;
        };
        let dir = dir.to_path_buf();
        let project = Project::discover(&dir);
        let Ok(walked) = ssmc_project::walk(std::slice::from_ref(&dir), &project, &["rbk"]) else {
            continue;
        };
        for found in walked.files.into_iter().take(MAX_FILES) {
            if let Some(text) = read_declaring(&found.path) {
                if let Some(uri) = Uri::from_file_path(&found.path) {
                    out.insert(uri, text);
                }
            }
        }
    }
    out
}

/// The text of the `.rbk` file at `path` when it declares actions (and is
/// no larger than the scan reads); `None` otherwise or when unreadable.
pub fn read_declaring(path: &Path) -> Option<String> {
    let bytes = ssmc_fs::read_capped(path, MAX_BYTES, ssmc_fs::Follow::Yes).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    declares_actions(&text).then_some(text)
}

/// The path of the code registry's page under the `ssmc-stdlib:` scheme.
const RULES_PAGE: &str = "docs/rules.md";

/// Where a diagnostic's code is documented: the project's `[lint] docs_url`
/// (the published `docs/rules.md`) or the page the server serves itself.
pub fn code_href(docs_url: Option<&str>, code: ssmc_core::codes::Code) -> Option<Uri> {
    let base = docs_url.map_or_else(
        || format!("{STDLIB_SCHEME}:///{RULES_PAGE}"),
        str::to_string,
    );
    Uri::from_str(&ssmc_core::codes::docs::href(&base, code)).ok()
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
///
/// `ssmc-stdlib:///docs/rules.md` is the page of every diagnostic code,
/// generated from the code registry: where a diagnostic's `codeDescription`
/// points when the project's `ssmc.toml` gives no `[lint] docs_url`.
pub fn stdlib_text(uri: &Uri) -> Option<&'static str> {
    let path = uri
        .as_str()
        .strip_prefix(STDLIB_SCHEME)?
        .strip_prefix(':')?;
    let path = path.split_once('#').map_or(path, |(p, _)| p);
    let rest = path
        .strip_prefix("///")
        .or_else(|| path.strip_prefix('/').filter(|p| !p.starts_with('/')))?;
    if rest == RULES_PAGE {
        static RULES: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        return Some(RULES.get_or_init(ssmc_core::codes::docs::rules_markdown));
    }
    ssmc_stdlib::SOURCES
        .iter()
        .find(|(name, _)| *name == rest)
        .map(|(_, text)| *text)
}

/// The AWS API models the `ssmc.toml` of each workspace folder's project
/// lists (`[aws-api] models`, as `ssmc check` reads them), and one message per
/// folder whose models cannot be used (the file and its fault).
pub fn aws_models(folders: &[PathBuf]) -> (ssmc_core::awsapi::Overlay, Vec<String>) {
    let mut services = Vec::new();
    let mut faults = Vec::new();
    for folder in folders {
        let project = Project::discover(folder);
        match ssmc_project::aws_models(&project) {
            Ok(overlay) => services.extend(overlay.services().iter().cloned()),
            Err(e) => faults.push(format!("ssmc: AWS API models not loaded: {e}")),
        }
    }
    (ssmc_core::awsapi::Overlay::new(services), faults)
}

/// The project settings for the document at `path`: its project's
/// `ssmc.toml` (found as `ssmc lint` finds it). No path: the defaults.
pub fn lint_settings(path: &Path) -> LintSettings {
    let project = Project::discover(path);
    LintSettings {
        ignored: project.is_ignored(path),
        fault: project.fault.as_ref().map(ToString::to_string),
        docs_url: project.config.docs_url,
        config: project.config.lint,
    }
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
