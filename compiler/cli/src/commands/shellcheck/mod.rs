//! Rule `shellcheck` (SSM209): runs `shellcheck` on embedded shell scripts and
//! maps its findings back to the line and column in the document.
//!
//! Input: the documents of a file and the file's text. Output: SSM209
//! diagnostics at shellcheck's own levels (error → error, warning → warning,
//! info and style → info). Invariants: nothing runs when `shellcheck` is not on
//! PATH (the summary says so); all the scripts of a file go to one shellcheck
//! process (files are linted on all cores); each script's result is cached by
//! the hash of shellcheck's version, the arguments and the script; one time
//! budget covers the whole run, and a script not checked within it gets a
//! visible "not checked: timed out" finding, never silence.

mod cache;
mod mask;
mod process;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value as Json;
use ssmc_core::diagnostic::{Diagnostic, Severity};
use ssmc_core::lint::walk::{scripts, Lang};
use ssmc_core::lint::{locate_in, registry};
use ssmc_core::model::{Document, Node};
use ssmc_core::span::{FileId, Span};

pub use cache::default_dir as default_cache_dir;
pub use mask::mask;

/// Codes excluded unless the project says otherwise: SC2317 ("command appears
/// unreachable") is wrong for functions called from traps and helpers, and
/// SC1091 ("not following a sourced file") is about files that exist only on
/// the node.
pub const DEFAULT_EXCLUDE: &[&str] = &["SC2317", "SC1091"];

/// The overall time budget of one lint run's shellcheck work.
pub const DEFAULT_BUDGET: Duration = Duration::from_secs(120);

/// How shellcheck runs in this lint run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Codes shellcheck leaves out (`SC2317`).
    pub exclude: Vec<String>,
    pub budget: Duration,
    /// Where results are cached (`None`: no cache, `--no-cache`).
    pub cache: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            exclude: DEFAULT_EXCLUDE.iter().map(|s| (*s).to_string()).collect(),
            budget: DEFAULT_BUDGET,
            cache: None,
        }
    }
}

impl Settings {
    /// The settings `[lint.shellcheck]` of `ssmc.toml` gives (`exclude`,
    /// `budget_seconds`; the defaults for what it leaves out), without a cache.
    pub fn of_project(exclude: Option<&[String]>, budget_seconds: Option<u64>) -> Settings {
        let mut settings = Settings::default();
        if let Some(exclude) = exclude {
            settings.exclude = exclude.to_vec();
        }
        if let Some(secs) = budget_seconds {
            settings.budget = Duration::from_secs(secs);
        }
        settings
    }
}

/// The version of the `shellcheck` on PATH, or `None` when there is none.
pub fn version() -> Option<String> {
    let out = Command::new("shellcheck")
        .arg("--version")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let v = text
        .lines()
        .find_map(|l| l.strip_prefix("version:"))
        .or_else(|| text.lines().find(|l| !l.trim().is_empty()))?;
    Some(v.trim().to_string())
}

/// Whether `shellcheck` can be run.
pub fn available() -> bool {
    version().is_some()
}

/// One lint run's shellcheck: its version, settings, deadline and counts.
#[derive(Debug)]
pub struct Shellcheck {
    pub version: String,
    settings: Settings,
    args: Vec<String>,
    deadline: Instant,
    checked: AtomicUsize,
    cached: AtomicUsize,
    timed_out: AtomicUsize,
}

/// One shell script made ready for shellcheck.
struct Prepared<'d> {
    /// Per script line: the node, the line's byte offset in the node's value,
    /// and the line's masked text.
    lines: Vec<(&'d Node, usize, String)>,
    text: String,
    anchor: Span,
}

impl Shellcheck {
    /// Starts the run's clock; `None` when shellcheck is not on PATH.
    pub fn start(settings: Settings) -> Option<Shellcheck> {
        let version = version()?;
        let mut args = vec!["-s".to_string(), "bash".to_string()];
        if !settings.exclude.is_empty() {
            args.push("-e".into());
            args.push(settings.exclude.join(","));
        }
        Some(Shellcheck {
            version,
            deadline: Instant::now() + settings.budget,
            settings,
            args,
            checked: AtomicUsize::new(0),
            cached: AtomicUsize::new(0),
            timed_out: AtomicUsize::new(0),
        })
    }

    /// SSM209 findings for every shell script of `docs` (the documents of one file).
    pub fn check(&self, docs: &[Document], source: (FileId, &str)) -> Vec<Diagnostic> {
        let prepared: Vec<Prepared<'_>> = docs.iter().flat_map(prepare).collect();
        let keys: Vec<String> = prepared
            .iter()
            .map(|p| cache::key(&self.version, &self.args, &p.text))
            .collect();
        let mut results: Vec<Option<Vec<Json>>> = keys
            .iter()
            .map(|k| {
                let dir = self.settings.cache.as_deref()?;
                cache::get(dir, k)
            })
            .collect();
        let hits = results.iter().filter(|r| r.is_some()).count();
        self.cached.fetch_add(hits, Ordering::Relaxed);
        let todo: Vec<usize> = (0..prepared.len())
            .filter(|&i| results.get(i).is_some_and(Option::is_none))
            .collect();
        let texts: Vec<&str> = todo
            .iter()
            .filter_map(|&i| prepared.get(i).map(|p| p.text.as_str()))
            .collect();
        if let Some(found) = process::run(&self.args, &texts, self.deadline) {
            for (&i, f) in todo.iter().zip(found) {
                if let (Some(dir), Some(k)) = (self.settings.cache.as_deref(), keys.get(i)) {
                    cache::put(dir, k, &f);
                }
                if let Some(slot) = results.get_mut(i) {
                    *slot = Some(f);
                }
            }
        }
        let mut diags = Vec::new();
        for (p, r) in prepared.iter().zip(results) {
            match r {
                Some(findings) => {
                    self.checked.fetch_add(1, Ordering::Relaxed);
                    diags.extend(findings.iter().filter_map(|f| finding(p, f, source)));
                }
                None => {
                    self.timed_out.fetch_add(1, Ordering::Relaxed);
                    diags.push(
                        Diagnostic::new(
                            registry::SHELLCHECK,
                            Severity::Warning,
                            p.anchor,
                            format!(
                                "shellcheck: script not checked: timed out (the run's budget is {} s)",
                                self.settings.budget.as_secs()
                            ),
                        )
                        .with_help("lint fewer files at once, or look for a script that makes shellcheck slow"),
                    );
                }
            }
        }
        diags
    }

    /// One line for the end of the human output. It names the version and
    /// what was excluded, not how many scripts ran or came from a cache, so a
    /// warm run prints what a cold one does.
    pub fn summary(&self) -> String {
        let mut s = format!("shellcheck {} ran on the shell scripts", self.version);
        if !self.settings.exclude.is_empty() {
            s.push_str(&format!(" ({} excluded)", self.settings.exclude.join(", ")));
        }
        let timed_out = self.timed_out.load(Ordering::Relaxed);
        if timed_out > 0 {
            s.push_str(&format!(
                "; {timed_out} {} not checked: timed out",
                super::plural(timed_out, "script")
            ));
        }
        s
    }

    /// Scripts not checked within the time budget.
    pub fn timed_out(&self) -> usize {
        self.timed_out.load(Ordering::Relaxed)
    }

    pub fn excluded(&self) -> &[String] {
        &self.settings.exclude
    }
}

/// The shell scripts of `doc`, masked, with where each line came from.
fn prepare(doc: &Document) -> Vec<Prepared<'_>> {
    let mut out = Vec::new();
    for script in scripts(doc) {
        if script.lang != Lang::Shell {
            continue;
        }
        let Some(first) = script.lines.first() else {
            continue;
        };
        let mut raw: Vec<(&Node, usize, &str)> = Vec::new();
        for node in &script.lines {
            let Some(value) = node.as_str() else { continue };
            let mut at = 0;
            for l in value.split('\n') {
                raw.push((node, at, l));
                at += l.len() + 1;
            }
        }
        let joined = raw
            .iter()
            .map(|(_, _, l)| *l)
            .collect::<Vec<_>>()
            .join("\n");
        let masked = mask(&joined);
        let lines = raw
            .iter()
            .zip(masked.split('\n'))
            .map(|((node, at, _), m)| (*node, *at, m.to_string()))
            .collect();
        out.push(Prepared {
            lines,
            text: masked + "\n",
            anchor: first.span,
        });
    }
    out
}

/// Byte offset of 1-based `col` (characters) in `line`.
fn byte_at(line: &str, col: u64) -> usize {
    let n = usize::try_from(col.saturating_sub(1)).unwrap_or(0);
    line.char_indices().nth(n).map_or(line.len(), |(i, _)| i)
}

fn level(s: &str) -> Severity {
    match s {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        _ => Severity::Info,
    }
}

/// One shellcheck comment as a finding in the document.
fn finding(p: &Prepared<'_>, f: &Json, source: (FileId, &str)) -> Option<Diagnostic> {
    let (line, col, code, msg) = (
        f["line"].as_u64()?,
        f["column"].as_u64()?,
        f["code"].as_u64()?,
        f["message"].as_str()?,
    );
    let (node, off, ltext) = p.lines.get(usize::try_from(line).ok()?.checked_sub(1)?)?;
    let start = byte_at(ltext, col);
    let end = if f["endLine"].as_u64() == Some(line) {
        byte_at(ltext, f["endColumn"].as_u64().unwrap_or(col)).max(start)
    } else {
        ltext.len()
    };
    let span = locate_in(node, off + start..off + end, Some(source));
    Some(
        Diagnostic::new(
            registry::SHELLCHECK,
            level(f["level"].as_str().unwrap_or("")),
            span,
            format!("shellcheck SC{code}: {msg}"),
        )
        .with_help(format!("see https://www.shellcheck.net/wiki/SC{code}")),
    )
}
