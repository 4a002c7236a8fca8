//! Shared test harness: repository paths, compiling runbooks from disk, and
//! rendering diagnostics as plain text for snapshots.

pub mod gen;
pub mod python_corpus;

use std::path::{Path, PathBuf};

use ssmc_core::lower::FileLoader;
use ssmc_core::pipeline::Compilation;
use ssmc_core::{Diagnostic, FileId, SourceMap};

/// The repository root (the tests crate sits directly under it).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// `shared/corpus` in the nearest folder above the repository that has one
/// (`../shared/corpus` beside a checkout, and beside a worktree nested
/// deeper), when this machine has it.
pub fn corpus_dir() -> Option<PathBuf> {
    repo_root()
        .ancestors()
        .map(|d| d.join("shared").join("corpus"))
        .find(|c| c.join("MANIFEST.tsv").is_file())
}

/// The corpus documents listed in its manifest, as paths.
pub fn corpus_files() -> Vec<PathBuf> {
    let Some(dir) = corpus_dir() else {
        return Vec::new();
    };
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap_or_default();
    manifest
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next_back())
        .map(|rel| dir.join(rel))
        .collect()
}

/// Files with `ext` directly under `dir` (relative to the repository), sorted.
pub fn files_in(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo_root().join(dir))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == ext))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Reads `file(…)` paths relative to the including file (tests only: no sandbox).
pub struct DiskLoader {
    pub paths: Vec<PathBuf>,
}

impl FileLoader for DiskLoader {
    fn load(&self, from: FileId, path: &str) -> Result<String, String> {
        let base = self
            .paths
            .get(from.0 as usize)
            .and_then(|p| p.parent())
            .ok_or("unknown file")?;
        std::fs::read_to_string(base.join(path)).map_err(|e| e.to_string())
    }
}

/// Compiles the given runbooks together, as `ssmc build` does.
pub fn compile(paths: &[PathBuf]) -> (Compilation, SourceMap) {
    let mut sources = SourceMap::new();
    let mut ids = Vec::new();
    let mut by_id = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let id = sources.add(path.display().to_string(), &text);
        while by_id.len() < id.0 as usize {
            by_id.push(PathBuf::new());
        }
        by_id.push(path.clone());
        ids.push(id);
    }
    let loader = DiskLoader { paths: by_id };
    // The check view of the one verdict: suppression comments applied.
    let verdict = ssmc_core::verdict::judge_files(&mut sources, &ids, &loader);
    let diagnostics = verdict.check_view();
    let mut result = verdict.compilation;
    result.diagnostics = diagnostics;
    (result, sources)
}

/// The error-level diagnostics of a compilation (what must be empty for a
/// runbook that builds).
pub fn errors_of(result: &Compilation) -> Vec<Diagnostic> {
    result
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect()
}

/// One line per diagnostic: `file:line:col: severity[code]: message (help)`,
/// with the file name relative to the repository.
pub fn describe(diags: &[Diagnostic], sources: &SourceMap) -> String {
    let root = repo_root().display().to_string();
    diags
        .iter()
        .map(|d| {
            let (name, pos) = match sources.get(d.primary.span.file) {
                Some(f) => {
                    let lc = f.lines.line_col(d.primary.span.start);
                    (
                        f.name
                            .trim_start_matches(&root)
                            .trim_start_matches('/')
                            .to_string(),
                        format!("{}:{}", lc.line + 1, lc.col + 1),
                    )
                }
                None => ("?".to_string(), "?".to_string()),
            };
            let help = d
                .help
                .as_ref()
                .map(|h| format!(" (help: {h})"))
                .unwrap_or_default();
            format!(
                "{name}:{pos}: {}[{}]: {}{help}\n",
                d.severity.as_str(),
                d.code,
                d.message
            )
        })
        .collect()
}
