//! The result cache of `ssmc check` and `ssmc lint` (ruff's model): findings
//! kept in `.ssmc_cache/` at the project root, keyed by everything that
//! decides them, so an unchanged project is answered without compiling.
//!
//! One JSON file per command (`check.json`, `lint.json`) maps an entry name
//! (`run`: the whole run, whose findings depend on every file's
//! declarations) to the key it was made under, the files it read through the
//! loader (`file(…)`, `attachment(…)`) with their hashes, and the findings as
//! printed ([`crate::findings::Findings`]: at most 200 per file and the
//! counts of all, so a file with 400,000 errors does not make a cache of
//! 400,000 entries). The file's own `key` covers the build (`SSMC_BUILD_FINGERPRINT`:
//! a hash of the sources this binary was built from) and the configuration;
//! a mismatch starts an empty cache.
//!
//! Invariants: a hit gives exactly the findings a fresh run gives (every input
//! is in the key, or checked as a dependency); the cache is only an
//! accelerator, so a missing, unreadable or corrupt cache file is a miss and a
//! failed write is ignored; writes go to a temporary file renamed into place,
//! so concurrent runs never see a half-written cache (the last one wins).
//! Content is hashed, not modification times, so a fresh checkout (CI) hits.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use ssmc_core::diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
use ssmc_core::lower::FileLoader;
use ssmc_core::span::{FileId, Span};

use crate::findings::{Findings, Tally};

/// The folder, at the project root.
pub const DIR: &str = ".ssmc_cache";

/// A 64-bit hash of content (std's `DefaultHasher` with its fixed keys:
/// stable within a build, which the cache key pins).
pub fn hash_bytes(parts: &[&[u8]]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    for p in parts {
        p.len().hash(&mut h);
        h.write(p);
    }
    h.finish()
}

/// The key of the build and the configuration, `extra` included.
pub fn run_key(command: &str, extra: &[&[u8]]) -> String {
    let mut parts: Vec<&[u8]> = vec![
        env!("CARGO_PKG_VERSION").as_bytes(),
        env!("SSMC_BUILD_FINGERPRINT").as_bytes(),
        command.as_bytes(),
    ];
    parts.extend_from_slice(extra);
    format!("{:016x}", hash_bytes(&parts))
}

#[derive(Serialize, Deserialize, Default)]
struct CacheFile {
    key: String,
    entries: BTreeMap<String, Entry>,
}

#[derive(Serialize, Deserialize)]
pub struct Entry {
    key: String,
    /// Files read through the loader: canonical path and content hash
    /// (`None`: the read failed, which the findings reflect too).
    deps: Vec<(PathBuf, Option<String>)>,
    value: Stored,
}

/// What a run's entry keeps: its findings as printed (the capped list and the
/// counts of all) and the raw files that are not SSM documents (file id, why). Typed rather than a `serde_json::Value`, so a
/// warm run reads the file straight into these structs: building a tree of
/// JSON values and converting it again was a fifth of a warm re-lint
/// (docs/performance.md).
#[derive(Serialize, Deserialize)]
pub struct Stored {
    diagnostics: Vec<StoredDiag>,
    tally: Tally,
    not_ssm: Vec<(u32, String)>,
    /// The human rendering of the diagnostics, as the run that made the
    /// entry printed it: drawing thousands of warnings was most of a warm
    /// re-lint (docs/performance.md, round 6). `None` when that run printed
    /// another format.
    #[serde(default)]
    rendered: Option<Rendered>,
}

/// Diagnostics drawn for the terminal (`crate::render::render`) and whether
/// in colour.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Debug)]
pub struct Rendered {
    pub color: bool,
    pub text: String,
}

impl Stored {
    /// Keeps `rendered` with the findings.
    pub fn with_rendered(mut self, rendered: Option<Rendered>) -> Stored {
        self.rendered = rendered;
        self
    }

    /// Takes the stored rendering out.
    pub fn take_rendered(&mut self) -> Option<Rendered> {
        self.rendered.take()
    }
}

/// One command's cache, loaded at the start of a run and saved at its end.
pub struct Cache {
    root: PathBuf,
    path: PathBuf,
    file: CacheFile,
    dirty: bool,
}

impl Cache {
    /// The cache of `command` under `root` for a run keyed `key` (empty when
    /// absent, unreadable or made by another build or configuration).
    pub fn open(root: &Path, command: &str, key: String) -> Cache {
        let path = root.join(DIR).join(format!("{command}.json"));
        let file = ssmc_fs::read_capped(&path, MAX_CACHE_BYTES, ssmc_fs::Follow::No)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<CacheFile>(&bytes).ok())
            .filter(|f| f.key == key)
            .unwrap_or(CacheFile {
                key,
                entries: BTreeMap::new(),
            });
        Cache {
            root: root.to_path_buf(),
            path,
            file,
            dirty: false,
        }
    }

    /// The value stored for `name` under `key`, if its dependencies are
    /// unchanged; taken out of the cache (a hit leaves nothing to save).
    pub fn take(&mut self, name: &str, key: &str) -> Option<Stored> {
        let entry = self.file.entries.get(name)?;
        if entry.key != key || !entry.deps.iter().all(|(p, h)| dep_hash(p) == *h) {
            return None;
        }
        self.file.entries.remove(name).map(|e| e.value)
    }

    pub fn put(&mut self, name: String, key: String, deps: Deps, value: Stored) {
        let deps = deps.into_sorted();
        self.file.entries.insert(name, Entry { key, deps, value });
        self.dirty = true;
    }

    /// Writes the cache when it changed; failures are ignored (see the module
    /// doc). Written like every output (`ssmc_fs::write_output`): through an
    /// exclusive temporary file renamed into place, never through a link
    /// planted at `.ssmc_cache` that leaves the project.
    pub fn save(self) {
        if !self.dirty {
            return;
        }
        let Some(dir) = self.path.parent() else {
            return;
        };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let write = |name: &str, bytes: &[u8]| {
            ssmc_fs::write_output(Some(&self.root), &dir.join(name), bytes).is_ok()
        };
        // Tell backup and version-control tools the folder is disposable.
        if !dir.join("CACHEDIR.TAG").exists() {
            write(
                "CACHEDIR.TAG",
                b"Signature: 8a477f597d28d172789f06886806bc55\n",
            );
            write(".gitignore", b"*\n");
        }
        if let Ok(bytes) = serde_json::to_vec(&self.file) {
            ssmc_fs::write_output(Some(&self.root), &self.path, &bytes).ok();
        }
    }
}

/// A larger cache file is not read (a miss); 10,000 files' findings take a few MB.
const MAX_CACHE_BYTES: u64 = 512 * 1024 * 1024;

fn dep_hash(path: &Path) -> Option<String> {
    ssmc_fs::read_capped(
        path,
        ssmc_project::MAX_ATTACHMENT_BYTES,
        ssmc_fs::Follow::Yes,
    )
    .ok()
    .map(|b| format!("{:016x}", hash_bytes(&[&b])))
}

/// The files a run read through its loader.
#[derive(Default)]
pub struct Deps(Mutex<BTreeMap<PathBuf, Option<String>>>);

impl Deps {
    fn into_sorted(self) -> Vec<(PathBuf, Option<String>)> {
        self.0
            .into_inner()
            .map(|m| m.into_iter().collect())
            .unwrap_or_default()
    }
}

/// A loader that records which files it read (and their hashes) in [`Deps`].
pub struct Recording<'a, L: FileLoader> {
    pub inner: &'a L,
    pub resolve: &'a (dyn Fn(FileId, &str) -> Option<PathBuf> + Sync),
    pub deps: &'a Deps,
}

impl<L: FileLoader> Recording<'_, L> {
    fn record(&self, from: FileId, path: &str) {
        if let Some(p) = (self.resolve)(from, path) {
            let hash = dep_hash(&p);
            if let Ok(mut m) = self.deps.0.lock() {
                m.insert(p, hash);
            }
        }
    }
}

impl<L: FileLoader> FileLoader for Recording<'_, L> {
    fn load(&self, from: FileId, path: &str) -> Result<String, String> {
        self.record(from, path);
        self.inner.load(from, path)
    }

    fn load_bytes(&self, from: FileId, path: &str) -> Result<Vec<u8>, String> {
        self.record(from, path);
        self.inner.load_bytes(from, path)
    }
}

/// A diagnostic as stored; spans name files through `file_out`/`file_in`.
#[derive(Serialize, Deserialize)]
struct StoredDiag {
    code: String,
    severity: u8,
    message: String,
    primary: StoredLabel,
    secondary: Vec<StoredLabel>,
    help: Option<String>,
    fix: Option<StoredFix>,
}

#[derive(Serialize, Deserialize)]
struct StoredLabel(StoredSpan, String);

/// A fix as stored: message, edits, whether it is safe.
type StoredFix = (String, Vec<(StoredSpan, String)>, bool);

#[derive(Serialize, Deserialize, Clone, Copy)]
struct StoredSpan(u32, u32, u32);

/// `findings` and the files that are not SSM documents as stored, each file
/// id mapped by `file_out` (`None`: the findings cannot be stored, e.g. a span
/// in a file whose id is not stable).
pub fn store(
    findings: &Findings,
    not_ssm: &[(FileId, String)],
    file_out: &dyn Fn(FileId) -> Option<u32>,
) -> Option<Stored> {
    let span = |s: Span| file_out(s.file).map(|f| StoredSpan(f, s.start, s.end));
    let label = |l: &Label| span(l.span).map(|s| StoredLabel(s, l.text.clone()));
    let mut out = Vec::with_capacity(findings.shown.len());
    for d in &findings.shown {
        let fix = match &d.fix {
            None => None,
            Some(f) => {
                let edits: Option<Vec<_>> = f
                    .edits
                    .iter()
                    .map(|e| span(e.span).map(|s| (s, e.replacement.clone())))
                    .collect();
                Some((f.message.clone(), edits?, f.is_safe()))
            }
        };
        out.push(StoredDiag {
            code: d.code.to_string(),
            severity: match d.severity {
                Severity::Error => 0,
                Severity::Warning => 1,
                Severity::Info => 2,
            },
            message: d.message.clone(),
            primary: label(&d.primary)?,
            secondary: d.secondary.iter().map(label).collect::<Option<_>>()?,
            help: d.help.clone(),
            fix,
        });
    }
    let not_ssm = not_ssm
        .iter()
        .map(|(f, why)| Some((file_out(*f)?, why.clone())))
        .collect::<Option<_>>()?;
    Some(Stored {
        diagnostics: out,
        tally: findings.tally,
        not_ssm,
        rendered: None,
    })
}

/// The findings and not-SSM notes [`store`] kept, file ids mapped back by
/// `file_in` (`None`: an entry this build cannot read, e.g. an unknown code).
#[allow(clippy::type_complexity)]
pub fn load(
    stored: Stored,
    file_in: &dyn Fn(u32) -> FileId,
) -> Option<(Findings, Vec<(FileId, String)>)> {
    let not_ssm = stored
        .not_ssm
        .into_iter()
        .map(|(f, why)| (file_in(f), why))
        .collect();
    let span = |s: StoredSpan| Span {
        file: file_in(s.0),
        start: s.1,
        end: s.2,
    };
    let label = |l: StoredLabel| Label {
        span: span(l.0),
        text: l.1,
    };
    let diagnostics = stored
        .diagnostics
        .into_iter()
        .map(|d| {
            Some(Diagnostic {
                code: ssmc_core::codes::by_code(&d.code)?,
                severity: match d.severity {
                    0 => Severity::Error,
                    1 => Severity::Warning,
                    2 => Severity::Info,
                    _ => return None,
                },
                message: d.message,
                primary: label(d.primary),
                secondary: d.secondary.into_iter().map(label).collect(),
                help: d.help,
                fix: d.fix.map(|(message, edits, safe)| Fix {
                    message,
                    applicability: if safe {
                        Applicability::Safe
                    } else {
                        Applicability::Unsafe
                    },
                    edits: edits
                        .into_iter()
                        .map(|(s, replacement)| Edit {
                            span: span(s),
                            replacement,
                        })
                        .collect(),
                }),
            })
        })
        .collect::<Option<_>>()?;
    let findings = Findings {
        shown: diagnostics,
        tally: stored.tally,
    };
    Some((findings, not_ssm))
}
