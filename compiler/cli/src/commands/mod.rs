//! One module per subcommand. Each returns the process exit status:
//! 0 nothing at error level, 1 errors in the input, 2 the command could not
//! do its job (see docs/cli.md).

pub mod build;
pub mod check;
pub mod children;
pub mod document;
pub mod explain;
pub mod fmt;
pub mod graph;
pub mod iam;
pub mod import;
pub mod init;
pub mod lint;
pub mod lsp;
pub mod shellcheck;
pub mod test;
pub mod test_init;
pub mod test_replay;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::OnceLock;

use ssmc_core::{Diagnostic, SourceMap};

pub const EXIT_OK: u8 = 0;
pub const EXIT_ERRORS: u8 = 1;
pub const EXIT_FAILURE: u8 = 2;

/// `--color`: when diagnostics are drawn in colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set to a non-empty value.
    Auto,
    Always,
    Never,
}

/// The global options every command obeys (`--color`, `--quiet`).
#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub color: ColorChoice,
    /// Print diagnostics and errors only: no summaries, progress or notes.
    pub quiet: bool,
}

static OUTPUT: OnceLock<Output> = OnceLock::new();

/// Sets the global output options once, before a command runs.
pub fn set_output(output: Output) {
    let _ = OUTPUT.set(output);
}

fn output() -> Output {
    OUTPUT.get().copied().unwrap_or(Output {
        color: ColorChoice::Auto,
        quiet: false,
    })
}

/// Whether `--color auto` means colour: stderr is a terminal and `NO_COLOR`
/// (<https://no-color.org>) is unset or empty.
pub fn auto_color(no_color: Option<&std::ffi::OsStr>, terminal: bool) -> bool {
    terminal && no_color.is_none_or(std::ffi::OsStr::is_empty)
}

/// Whether diagnostics on stderr are drawn in colour.
pub fn color() -> bool {
    match output().color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => auto_color(
            std::env::var_os("NO_COLOR").as_deref(),
            std::io::stderr().is_terminal(),
        ),
    }
}

/// Prints a summary, progress or note line on stderr, unless `--quiet`.
pub fn status(line: std::fmt::Arguments<'_>) {
    if !output().quiet {
        errln!("{line}");
    }
}

/// Prints diagnostics on stderr (colour as `--color` says), at most
/// `ssmc_core::cap::MAX_PER_FILE` per file and a summary of the rest.
pub fn report(diags: &[Diagnostic], sources: &SourceMap) {
    if diags.is_empty() {
        return;
    }
    report_shown(&ssmc_core::cap::per_file(diags), sources);
}

/// Prints diagnostics drawn by [`crate::render::render`] (kept by the result
/// cache or drawn in this run).
pub fn print_rendered(rendered: &str) {
    if rendered.is_empty() {
        return;
    }
    // The renderer escaped the documents' text; its colour codes must pass.
    crate::output::stderr_raw(rendered.as_bytes());
}

/// Prints diagnostics already capped (`crate::findings::Findings::shown`).
pub fn report_shown(shown: &[Diagnostic], sources: &SourceMap) {
    if shown.is_empty() {
        return;
    }
    // The renderer escaped the documents' text; its colour codes must pass.
    crate::output::stderr_raw(crate::render::render(shown, sources, color()).as_bytes());
}

/// "2 errors, 1 warning" for summaries.
pub fn counts(diags: &[Diagnostic]) -> String {
    tally_counts(&crate::findings::Tally::of(diags))
}

/// [`counts`] of a tally.
pub fn tally_counts(tally: &crate::findings::Tally) -> String {
    let (errors, warnings) = (tally.errors, tally.warnings);
    format!(
        "{} {}, {} {}",
        errors,
        plural(errors, "error"),
        warnings,
        plural(warnings, "warning")
    )
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// The paths to work on: the given ones, or the current folder.
pub fn paths_or_cwd(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    }
}

/// The files of one run, read into a source map, with their project.
pub struct Session {
    pub project: ssmc_project::Project,
    pub sources: SourceMap,
    pub inputs: Vec<ssmc_core::verdict::Input>,
    pub loader: ssmc_project::ProjectLoader,
    /// The path of each input, in input order.
    pub paths: Vec<PathBuf>,
}

/// Opens the project of `paths` (the first one's) and reads every file with
/// one of `exts` under them. A faulty `ssmc.toml`, a path that does not exist
/// or a named file that cannot be read is an error message (exit 2); a file
/// found by walking a folder that cannot be read (too large, not UTF-8) is
/// skipped with a note.
pub fn open(paths: &[PathBuf], exts: &[&str]) -> Result<Session, String> {
    let first = paths
        .first()
        .map_or(std::path::Path::new("."), PathBuf::as_path);
    let project = ssmc_project::Project::discover(first);
    if let Some(fault) = &project.fault {
        return Err(fault.to_string());
    }
    let walked = ssmc_project::walk(paths, &project, exts)?;
    let mut sources = SourceMap::new();
    let mut loader = ssmc_project::ProjectLoader::new(&project.root);
    let mut inputs = Vec::new();
    let mut kept = Vec::new();
    for found in walked.files {
        let text = match crate::files::read_text(&found.path) {
            Ok(t) => t,
            Err(e) if found.explicit => return Err(e),
            Err(e) => {
                errln!("note: skipped: {e}");
                continue;
            }
        };
        let shown = found.path.display().to_string();
        let id = sources.add(shown.clone(), &text);
        loader.set_path(id, found.path.clone());
        let name = found
            .path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        inputs.push(ssmc_core::verdict::Input {
            file: id,
            kind: ssmc_core::verdict::Kind::of_file(&shown, &text),
            name,
            lint: true,
        });
        kept.push(found.path);
    }
    Ok(Session {
        project,
        sources,
        inputs,
        loader,
        paths: kept,
    })
}

/// What `check` and `lint` print: the findings of the command's view as
/// shown (capped per file, all counted), and the raw files that are not SSM
/// documents (skipped with a note), from the result cache when nothing the
/// run depends on changed.
pub struct Judged {
    pub findings: crate::findings::Findings,
    pub not_ssm: Vec<(ssmc_core::FileId, String)>,
    /// The shown findings drawn for the terminal, when the run asked for it
    /// (from the cache when the entry kept them in the same colour).
    pub rendered: Option<String>,
}

/// The findings of one run's view, every one, and the raw files that are not
/// SSM documents.
pub struct Viewed {
    pub diagnostics: Vec<ssmc_core::Diagnostic>,
    pub not_ssm: Vec<(ssmc_core::FileId, String)>,
}

impl Session {
    /// [`Session::judge_view`] as printed, through the result cache of
    /// `command` (`crate::cache`, one entry for the whole run: every file's
    /// declarations reach every other). `view` must be the same for every
    /// run of `command`: the cache keeps what it lets through. With
    /// `human` (whether in colour), the shown findings are drawn for the
    /// terminal too, and the drawing is kept with the entry.
    pub fn judge_cached(
        &mut self,
        command: &str,
        use_cache: bool,
        external: Option<ssmc_core::verdict::External<'_>>,
        extra_key: &[u8],
        view: fn(&ssmc_core::Diagnostic) -> bool,
        human: Option<bool>,
    ) -> Result<Judged, String> {
        use crate::cache;
        let models_key = self.models_key();
        let mut cache = use_cache.then(|| {
            cache::Cache::open(
                &self.project.root,
                command,
                cache::run_key(
                    command,
                    &[
                        &models_key.to_le_bytes(),
                        self.project.config_text.as_bytes(),
                        extra_key,
                    ],
                ),
            )
        });
        let mut parts: Vec<&[u8]> = Vec::new();
        for input in &self.inputs {
            if let Some(f) = self.sources.get(input.file) {
                parts.push(f.name.as_bytes());
                parts.push(f.text.as_bytes());
            }
        }
        let entry_key = format!("{:016x}", cache::hash_bytes(&parts));
        let hit = cache
            .as_mut()
            .and_then(|c| c.take("run", &entry_key))
            .and_then(|mut stored| {
                let rendered = stored.take_rendered();
                let (findings, not_ssm) = cache::load(stored, &ssmc_core::FileId)?;
                Some((findings, not_ssm, rendered))
            });
        if let Some((findings, not_ssm, rendered)) = hit {
            // Stdlib files keep their ids, so stored places render the same.
            let _ = ssmc_core::catalog::load_stdlib(&mut self.sources);
            let rendered = human.map(|color| match rendered {
                Some(r) if r.color == color => r.text,
                _ => crate::render::render(&findings.shown, &self.sources, color),
            });
            return Ok(Judged {
                findings,
                not_ssm,
                rendered,
            });
        }
        let deps = cache::Deps::default();
        let loader = self.loader.clone();
        let resolve = |from: ssmc_core::FileId, path: &str| loader.dependency(from, path);
        let recording = cache::Recording {
            inner: &loader,
            resolve: &resolve,
            deps: &deps,
        };
        let viewed = self.view_with(&recording, external, view)?;
        let findings = crate::findings::Findings::of(&viewed.diagnostics);
        let not_ssm = viewed.not_ssm;
        let rendered = human.map(|color| cache::Rendered {
            color,
            text: crate::render::render(&findings.shown, &self.sources, color),
        });
        let stable = u32::try_from(self.sources.files().count()).unwrap_or(0);
        if let Some(c) = cache.as_mut() {
            let stored = cache::store(&findings, &not_ssm, &|f: ssmc_core::FileId| {
                (f.0 < stable).then_some(f.0)
            });
            if let Some(stored) = stored {
                let stored = stored.with_rendered(rendered.clone());
                c.put("run".to_string(), entry_key, deps, stored);
            }
        }
        if let Some(c) = cache {
            c.save();
        }
        Ok(Judged {
            findings,
            not_ssm,
            rendered: rendered.map(|r| r.text),
        })
    }

    /// Every finding [`Session::judge`] gives that `view` lets through, and
    /// the raw files that are not SSM documents; no cache.
    pub fn judge_view(
        &mut self,
        external: Option<ssmc_core::verdict::External<'_>>,
        view: fn(&ssmc_core::Diagnostic) -> bool,
    ) -> Result<Viewed, String> {
        let loader = self.loader.clone();
        self.view_with(&loader, external, view)
    }

    fn view_with(
        &mut self,
        loader: &dyn ssmc_core::lower::FileLoader,
        external: Option<ssmc_core::verdict::External<'_>>,
        view: fn(&ssmc_core::Diagnostic) -> bool,
    ) -> Result<Viewed, String> {
        let verdict = self.judge_with(loader, external)?;
        let not_ssm = verdict
            .raw
            .iter()
            .filter_map(|r| r.not_ssm.clone().map(|why| (r.file, why)))
            .collect();
        let mut diagnostics = verdict.diagnostics;
        diagnostics.retain(view);
        Ok(Viewed {
            diagnostics,
            not_ssm,
        })
    }

    /// A hash of the AWS API model files and the `[documents] paths` files
    /// `ssmc.toml` lists (their names and content), for cache keys.
    fn models_key(&self) -> u64 {
        let mut parts: Vec<Vec<u8>> = Vec::new();
        let documents = ssmc_project::document_files(&self.project).unwrap_or_default();
        let files = self
            .project
            .config
            .aws_models
            .iter()
            .map(|rel| self.project.root.join(rel))
            .chain(documents);
        for path in files {
            let shown = path.strip_prefix(&self.project.root).unwrap_or(&path);
            parts.push(shown.to_string_lossy().as_bytes().to_vec());
            let bytes = ssmc_fs::read_capped(
                &path,
                ssmc_project::MAX_ATTACHMENT_BYTES,
                ssmc_fs::Follow::Yes,
            )
            .unwrap_or_default();
            parts.push(bytes);
        }
        let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        crate::cache::hash_bytes(&refs)
    }

    /// Judges every file (see `ssmc_core::verdict`) with the stdlib, the
    /// project's AWS API models and its rule levels; an unreadable or
    /// malformed model is an error message naming the file.
    pub fn judge(
        &mut self,
        external: Option<ssmc_core::verdict::External<'_>>,
    ) -> Result<ssmc_core::verdict::Verdict, String> {
        let loader = self.loader.clone();
        self.judge_with(&loader, external)
    }

    /// [`Session::judge`] with another `file(…)` loader (the cache records reads).
    fn judge_with(
        &mut self,
        loader: &dyn ssmc_core::lower::FileLoader,
        external: Option<ssmc_core::verdict::External<'_>>,
    ) -> Result<ssmc_core::verdict::Verdict, String> {
        let models = ssmc_project::aws_models(&self.project)?;
        let documents = ssmc_project::document_signatures(&self.project)?;
        let (mut catalog, diags) = ssmc_core::catalog::load_stdlib(&mut self.sources);
        catalog.aws_models = models;
        catalog.documents = documents;
        let options = ssmc_core::verdict::Options {
            lint: &self.project.config.lint,
            external,
        };
        Ok(ssmc_core::verdict::judge(
            &mut self.sources,
            &self.inputs,
            loader,
            catalog,
            diags,
            options,
        ))
    }
}
