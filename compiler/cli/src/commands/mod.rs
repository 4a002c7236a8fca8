//! One module per subcommand. Each returns the process exit status:
//! 0 nothing at error level, 1 errors in the input, 2 the command could not
//! do its job (see docs/cli.md).

pub mod build;
pub mod check;
pub mod explain;
pub mod fmt;
pub mod graph;
pub mod import;
pub mod init;
pub mod lint;
pub mod lsp;
pub mod shellcheck;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::OnceLock;

use ssmc_core::{Diagnostic, Severity, SourceMap};

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
        eprintln!("{line}");
    }
}

/// Prints diagnostics on stderr (colour as `--color` says).
pub fn report(diags: &[Diagnostic], sources: &SourceMap) {
    if diags.is_empty() {
        return;
    }
    eprint!("{}", crate::render::render(diags, sources, color()));
}

/// "2 errors, 1 warning" for summaries.
pub fn counts(diags: &[Diagnostic]) -> String {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
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

/// Compiles the loaded `.rbk` files with the stdlib and the project's own AWS
/// API models (`[aws-api] models` of `ssmc.toml` at the loader's root); an
/// unreadable or malformed model is an error message naming the file.
pub fn compile_project(
    loaded: &mut Loaded,
    loader: &crate::files::ProjectLoader,
) -> Result<ssmc_core::pipeline::Compilation, String> {
    let models = crate::awsmodels::load(&loader.root)?;
    let (mut catalog, diags) = ssmc_core::catalog::load_stdlib(&mut loaded.sources);
    catalog.aws_models = models;
    Ok(ssmc_core::pipeline::compile_with_catalog(
        &mut loaded.sources,
        &loaded.ids,
        loader,
        catalog,
        diags,
    ))
}

/// Source files loaded into a source map, with their paths by `FileId`.
pub struct Loaded {
    pub sources: SourceMap,
    pub ids: Vec<ssmc_core::FileId>,
    pub paths: Vec<PathBuf>,
}

/// Finds and reads every `.rbk` under `paths`. A file that cannot be read is
/// an error message (exit 2).
pub fn load_sources(paths: &[PathBuf]) -> Result<Loaded, String> {
    let files = crate::files::discover(paths, &["rbk"])?;
    let mut sources = SourceMap::new();
    let mut ids = Vec::new();
    let mut by_id: Vec<PathBuf> = Vec::new();
    for path in files {
        let text = crate::files::read_text(&path)?;
        let id = sources.add(path.display().to_string(), &text);
        // Keep paths indexed by FileId (the map may hold other files first).
        while by_id.len() < id.0 as usize {
            by_id.push(PathBuf::new());
        }
        by_id.push(path);
        ids.push(id);
    }
    Ok(Loaded {
        sources,
        ids,
        paths: by_id,
    })
}
