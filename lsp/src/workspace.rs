//! The files around the open documents: the workspace's `.rbk` files, and
//! the `ssmc-stdlib:` URIs of the embedded stdlib.
//!
//! Input: workspace folders; a document's path; file names of an analysis's
//! source map.
//! Output: the texts of the workspace's `.rbk` files (by path), read at
//! start-up and again when the client reports a file changed, kept in
//! [`Files`] with what each lends an analysis (declarations, document names:
//! `pipeline::Neighbour`), computed once per change of that file; the AWS
//! API models of each folder's `ssmc.toml` (read at start-up); the `[lint]`
//! settings of a document's project; the URI of a file name
//! (`stdlib/actions/…` → `ssmc-stdlib:///actions/…`, anything else is
//! already a URI); the stdlib text of an `ssmc-stdlib:` URI.
//! Invariants: the scan is bounded (depth, file count and size) and walks as
//! `ssmc lint` walks (the one walker); nothing is written to disk (stdlib
//! sources are served from the binary by `ssmc/stdlibSource`).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use ssmc_core::pipeline::Neighbour;
use ssmc_core::span::{FileId, SourceFile};
use ssmc_project::Project;
use tower_lsp_server::ls_types::Uri;

use crate::analysis::{LintSettings, Surroundings};

/// The URI scheme of stdlib files.
pub const STDLIB_SCHEME: &str = "ssmc-stdlib";

const MAX_FILES: usize = 5_000;
const MAX_BYTES: u64 = 1024 * 1024;

/// The extensions of the files that lend an analysis something: `.rbk`
/// files (declarations, document names, signatures) and raw JSON/YAML
/// documents (their signatures, for the steps that call them).
pub const LENDING: &[&str] = &["rbk", "json", "yaml", "yml"];

/// The files under `roots` with a [`LENDING`] extension (the one walker: `.gitignore` and
/// `[lint] ignore` respected, as `ssmc lint` walks), by path.
pub fn scan(roots: &[Uri]) -> HashMap<PathBuf, (Uri, String)> {
    let mut out = HashMap::new();
    for root in roots {
        let Some(dir) = root.to_file_path() else {
            continue;
        };
        let dir = dir.to_path_buf();
        let project = Project::discover(&dir);
        let Ok(walked) = ssmc_project::walk(std::slice::from_ref(&dir), &project, LENDING) else {
            continue;
        };
        for found in walked.files.into_iter().take(MAX_FILES) {
            if let Some(text) = read_lending(&found.path) {
                if let Some(uri) = Uri::from_file_path(&found.path) {
                    out.insert(found.path, (uri, text));
                }
            }
        }
    }
    out
}

/// The text of the lending file at `path` (no larger than the scan reads);
/// `None` when unreadable.
pub fn read_lending(path: &Path) -> Option<String> {
    let bytes = ssmc_fs::read_capped(path, MAX_BYTES, ssmc_fs::Follow::Yes).ok()?;
    String::from_utf8(bytes).ok()
}

/// The path that orders a document among the project's files: its file
/// path, or for a document that has none (`untitled:`) its URI.
pub fn order_key(uri: &Uri) -> PathBuf {
    uri.to_file_path()
        .map_or_else(|| PathBuf::from(uri.as_str()), |p| p.to_path_buf())
}

/// One workspace `.rbk` file.
#[derive(Debug)]
struct Entry {
    /// Its id in [`Files::sources`] (for good: spans of its declarations keep it).
    file: FileId,
    uri: Uri,
    /// The text on disk, and the editor's while the file is open (it wins).
    disk: Option<Arc<str>>,
    open: Option<Arc<str>>,
    /// What it lends an analysis: the summary last stored, and the text it
    /// is of (`None`: of no text, it lends nothing). Analyses see this one
    /// even after the text changed, until the new summary is stored: each
    /// store is compared with the one before ([`Files::store`]), so the
    /// documents that saw the old one are re-analysed when it matters.
    neighbour: Option<(Option<Arc<str>>, Arc<Neighbour>)>,
}

impl Entry {
    fn text(&self) -> Option<&Arc<str>> {
        self.open.as_ref().or(self.disk.as_ref())
    }

    fn is_current(&self) -> bool {
        match &self.neighbour {
            Some((seen, _)) => same_text(self.text(), seen.as_ref()),
            // Never summarised: only a file with text has anything to lend.
            None => self.text().is_none(),
        }
    }
}

/// Whether two texts are the same one (by pointer: each change makes a new one).
fn same_text(a: Option<&Arc<str>>, b: Option<&Arc<str>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// A file whose neighbour summary is out of date: computed off the lock.
pub struct Stale {
    path: PathBuf,
    file: FileId,
    uri: Uri,
    /// `None`: the file has no text any more (closed, and not on disk).
    text: Option<Arc<str>>,
}

/// A stale file brought up to date.
pub struct Fresh {
    path: PathBuf,
    text: Option<Arc<str>>,
    /// Its text in the source map (`None`: it has none; the old one stays
    /// for the places older analyses hold).
    source: Option<Arc<SourceFile>>,
    neighbour: Arc<Neighbour>,
}

/// What a file lends that changed at one [`Files::store`]: its path (the
/// lender's own analysis does not depend on it), its id, and the change.
#[derive(Debug, Clone)]
pub struct Lent {
    pub path: PathBuf,
    pub file: FileId,
    pub change: ssmc_core::pipeline::LentChange,
    /// Every document name it lent before or lends now, and whether it
    /// declared or declares an action: what a diagnostic of another file
    /// could point at in it.
    pub names: Vec<String>,
    pub declares_actions: bool,
}

impl Stale {
    /// Parses the file (the only work of a change to another file).
    pub fn refresh(self) -> Fresh {
        let Some(text) = &self.text else {
            return Fresh {
                path: self.path,
                text: None,
                source: None,
                neighbour: Arc::default(),
            };
        };
        let source = Arc::new(SourceFile::new(self.file, self.uri.as_str(), text));
        let name = self.path.to_string_lossy();
        let neighbour = Arc::new(Neighbour::of_file(self.file, &name, &source.text));
        let source = Some(source);
        Fresh {
            path: self.path,
            text: self.text,
            source,
            neighbour,
        }
    }
}

/// The workspace's `.rbk` files (on disk, and open in the editor) and what
/// each lends the analysis of another: kept between keystrokes, recomputed
/// for a file only when its text changes, and only when another document's
/// analysis needs it.
#[derive(Debug, Default)]
pub struct Files {
    /// The stdlib's files and one id per workspace file ever seen.
    sources: Option<ssmc_core::span::SourceMap>,
    entries: BTreeMap<PathBuf, Entry>,
}

impl Files {
    fn sources(&mut self) -> &mut ssmc_core::span::SourceMap {
        self.sources
            .get_or_insert_with(|| Surroundings::default().sources)
    }

    fn entry(&mut self, path: PathBuf, uri: &Uri) -> &mut Entry {
        let sources = self
            .sources
            .get_or_insert_with(|| Surroundings::default().sources);
        self.entries.entry(path).or_insert_with(|| Entry {
            file: sources.add(uri.as_str(), ""),
            uri: uri.clone(),
            disk: None,
            open: None,
            neighbour: None,
        })
    }

    /// Sets (or with `None` forgets) the text on disk of the file at `path`;
    /// whether it changed.
    pub fn set_disk(&mut self, path: PathBuf, uri: &Uri, text: Option<&str>) -> bool {
        let entry = self.entry(path, uri);
        let changed = entry.disk.as_deref() != text;
        if changed {
            entry.disk = text.map(Arc::from);
        }
        changed
    }

    /// Sets (or with `None` forgets: closed) the editor's text of a document.
    pub fn set_open(&mut self, path: PathBuf, uri: &Uri, text: Option<&str>) {
        let entry = self.entry(path, uri);
        if entry.open.as_deref() != text {
            entry.open = text.map(Arc::from);
        }
    }

    /// The files other than `me` (every file: `None`) whose summaries are
    /// out of date.
    pub fn stale(&self, me: Option<&Path>) -> Vec<Stale> {
        self.entries
            .iter()
            .filter(|(p, e)| Some(p.as_path()) != me && !e.is_current())
            .map(|(p, e)| Stale {
                path: p.clone(),
                file: e.file,
                uri: e.uri.clone(),
                text: e.text().cloned(),
            })
            .collect()
    }

    /// Stores summaries computed off the lock (those of a text that changed
    /// meanwhile are dropped: whoever finds it stale computes it again), and
    /// says what each lends differently from the summary it replaces (the
    /// one analyses saw until now); an unchanged lending is left out.
    pub fn store(&mut self, fresh: Vec<Fresh>) -> Vec<Lent> {
        let mut changed = Vec::new();
        for f in fresh {
            let Some(entry) = self.entries.get(&f.path) else {
                continue;
            };
            if !same_text(entry.text(), f.text.as_ref()) {
                continue;
            }
            let file = entry.file;
            if let Some(source) = f.source {
                self.sources().replace(source);
            }
            let Some(e) = self.entries.get_mut(&f.path) else {
                continue;
            };
            let before = e.neighbour.take().map(|(_, n)| n).unwrap_or_default();
            let change = f.neighbour.changes_since(&before);
            let both = [&before, &f.neighbour];
            let names = both
                .iter()
                .flat_map(|n| &n.documents)
                .map(|(name, _)| name.clone())
                .chain(
                    both.iter()
                        .flat_map(|n| &n.signatures)
                        .map(|s| s.name.clone()),
                )
                .collect();
            let declares_actions = both.iter().any(|n| !n.decls.is_empty());
            e.neighbour = Some((f.text, f.neighbour));
            // Places moved (the text changed): only analyses that show a
            // place of this file in a diagnostic care (`server.rs`).
            changed.push(Lent {
                path: f.path,
                file,
                change,
                names,
                declares_actions,
            });
        }
        changed
    }

    /// The text of the file `name` by its id as the last stored summary read
    /// it (normalised; `None` when the workspace has no such file under
    /// that id: an analysis's own files are numbered after the workspace's
    /// of its time, and the workspace may have numbered others since).
    pub fn stored_text(&self, file: FileId, name: &str) -> Option<Arc<str>> {
        let found = self.sources.as_ref()?.get(file)?;
        (found.name == name).then(|| found.text.clone())
    }

    /// What an analysis of a document sees of the other files: each one's
    /// summary last stored (see [`Entry::neighbour`]).
    pub fn surroundings(&mut self) -> Surroundings {
        let sources = self.sources().clone();
        let neighbours = self
            .entries
            .iter()
            .filter_map(|(p, e)| Some((p.clone(), e.neighbour.as_ref()?.1.clone())))
            .collect();
        Surroundings {
            sources,
            neighbours,
        }
    }
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
pub fn stdlib_text(uri: &Uri) -> Option<std::borrow::Cow<'static, str>> {
    use std::borrow::Cow;
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
        return Some(Cow::Borrowed(
            RULES.get_or_init(ssmc_core::codes::docs::rules_markdown),
        ));
    }
    // `aws-documents/NAME.yaml`: the read-only view of an AWS-owned
    // document's signature, rendered from the embedded catalog.
    if let Some(name) = ssmc_core::documents::view::name_of(rest) {
        let sig = ssmc_core::documents::catalog::aws().get(name)?;
        return Some(Cow::Owned(ssmc_core::documents::view::render(sig)));
    }
    ssmc_stdlib::SOURCES
        .iter()
        .find(|(name, _)| *name == rest)
        .map(|(_, text)| Cow::Borrowed(*text))
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

/// The documents the `ssmc.toml` of each workspace folder's project lists
/// for calls from outside the project (`[documents] paths`, as `ssmc check`
/// reads them), and one message per folder whose documents cannot be read.
pub fn outside_documents(folders: &[PathBuf]) -> (ssmc_core::documents::Documents, Vec<String>) {
    let mut signatures = Vec::new();
    let mut namespace = Vec::new();
    let mut faults = Vec::new();
    for folder in folders {
        let project = Project::discover(folder);
        // The namespace holds even when the paths cannot be read.
        namespace.extend(project.config.document_namespace.iter().cloned());
        match ssmc_project::document_signatures(&project) {
            Ok(docs) => signatures.extend(docs.project().cloned()),
            Err(e) => faults.push(format!("ssmc: `[documents] paths` not loaded: {e}")),
        }
    }
    let documents = ssmc_core::documents::Documents::new(signatures).with_namespace(namespace);
    (documents, faults)
}

/// The project settings for the document at `path` in `project` (found as
/// `ssmc lint` finds it).
pub fn lint_settings(project: &Project, path: &Path) -> LintSettings {
    LintSettings {
        ignored: project.is_ignored(path),
        fault: project.fault.as_ref().map(ToString::to_string),
        docs_url: project.config.docs_url.clone(),
        config: project.config.lint.clone(),
        shellcheck_exclude: project.config.shellcheck_exclude.clone(),
        shellcheck_budget: project.config.shellcheck_budget,
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    /// The server reads `[documents] paths` as `ssmc check` does (the same
    /// reader), and a folder whose setting is broken is named in a message.
    #[test]
    fn outside_documents_are_read_from_each_folders_ssmc_toml() {
        let base = std::env::temp_dir().join(format!("ssmc-lsp-docs-{}", std::process::id()));
        let (good, bad) = (base.join("good"), base.join("bad"));
        for d in [&good, &bad] {
            std::fs::create_dir_all(d.join(".git")).expect("mkdir");
        }
        std::fs::create_dir_all(good.join("vendor")).expect("mkdir");
        std::fs::write(
            good.join("ssmc.toml"),
            "[documents]\npaths = [\"vendor\"]\n",
        )
        .expect("write");
        std::fs::write(
            good.join("vendor/Team-Wait.yaml"),
            "schemaVersion: '0.3'\nparameters:\n  Minutes: {type: String}\nmainSteps:\n  - {name: W, action: 'aws:sleep', inputs: {Duration: PT1M}}\n",
        )
        .expect("write");
        std::fs::write(
            bad.join("ssmc.toml"),
            "[documents]\npaths = [\"missing\"]\n",
        )
        .expect("write");
        let folders = [
            good.canonicalize().expect("good"),
            bad.canonicalize().expect("bad"),
        ];
        let (docs, faults) = outside_documents(&folders);
        let _ = std::fs::remove_dir_all(&base);
        let names: Vec<&str> = docs.project().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Team-Wait"]);
        assert!(docs
            .get("Team-Wait")
            .and_then(|s| s.param("Minutes"))
            .is_some());
        assert_eq!(faults.len(), 1, "{faults:?}");
        assert!(faults[0].contains("`missing`"), "{faults:?}");
    }

    #[test]
    fn stdlib_names_round_trip_through_uris() {
        let (name, text) = ssmc_stdlib::SOURCES[0];
        let uri = uri_of_file_name(&format!("stdlib/{name}")).expect("uri");
        assert_eq!(uri.as_str(), format!("ssmc-stdlib:///{name}"));
        assert_eq!(stdlib_text(&uri).as_deref(), Some(text));
        // VS Code's normalised form (no empty authority) names the same file.
        let short = Uri::from_str(&format!("ssmc-stdlib:/{name}")).expect("uri");
        assert_eq!(stdlib_text(&short).as_deref(), Some(text));
        // `ssmc-stdlib://actions/…` would make `actions` a host: refused.
        let host = Uri::from_str(&format!("ssmc-stdlib://{name}")).expect("uri");
        assert_eq!(stdlib_text(&host), None);
        let other = uri_of_file_name("file:///w/lib.rbk").expect("uri");
        assert_eq!(other.as_str(), "file:///w/lib.rbk");
        assert_eq!(stdlib_text(&other), None);
    }
}
