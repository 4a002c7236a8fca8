//! The compile of a set of `.rbk` files: the one pipeline the CLI, the
//! language server and the importer's self-check share.
//!
//! Input: source files already in a [`SourceMap`] and a [`FileLoader`].
//! Output: per-file syntax trees, the lowered documents of files without
//! syntax errors, and every diagnostic, sorted by place.
//! Invariant: all files' `action`/`extern action` declarations are loaded
//! into one catalog before any document is lowered or checked, so files of a
//! project share them regardless of order.
//! The project's other files may be given as [`Neighbour`]s instead of being
//! compiled again (the language server, on each keystroke): what reaches the
//! compiled files from them (their declarations, in file order, and their
//! documents' names) is what compiling them along would give.
//! Files are parsed, and then lowered and checked, on all cores ([`par_map`]);
//! results are gathered in file order, so the output is the same as a
//! one-thread run, byte for byte.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::catalog::{self, Catalog};
use crate::check;
use crate::diagnostic::{self, Diagnostic};
use crate::documents::{Documents, Signature};
use crate::lower::{self, FileLoader};
use crate::model;
use crate::span::{FileId, SourceMap, Span};
use crate::syntax::{self, ast};

/// The result of compiling one user file.
#[derive(Debug)]
pub struct FileOutput {
    pub file: FileId,
    pub ast: ast::SourceFileAst,
    /// The file parsed without errors (only such files are formatted or lowered).
    pub parsed_clean: bool,
    pub documents: Vec<model::Document>,
    /// Lowering gave no error (its documents were checked and may be linted).
    pub lowered_clean: bool,
}

#[derive(Debug)]
pub struct Compilation {
    pub catalog: Catalog,
    pub files: Vec<FileOutput>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Compilation {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Every lowered document with the file it came from.
    pub fn documents(&self) -> impl Iterator<Item = (FileId, &model::Document)> {
        self.files
            .iter()
            .flat_map(|f| f.documents.iter().map(move |d| (f.file, d)))
    }
}

/// Parses, lowers and checks `files` (ids in `sources`), with the stdlib catalog.
pub fn compile(sources: &mut SourceMap, files: &[FileId], loader: &dyn FileLoader) -> Compilation {
    let (catalog, diagnostics) = catalog::load_stdlib(sources);
    compile_with_catalog(sources, files, loader, catalog, diagnostics)
}

/// What another file of the project lends a compile without being compiled
/// again: its action declarations and its documents' names (a file that does
/// not parse cleanly has no documents). Made by [`Neighbour::of`] from one
/// parse, and kept while the file's text is unchanged.
#[derive(Debug, Clone, Default)]
pub struct Neighbour {
    /// Its `action`/`extern action` declarations (`ast::Item::Action`).
    pub decls: Vec<ast::Item>,
    /// Each document's name and place.
    pub documents: Vec<(String, crate::span::Span)>,
    /// Each document's signature, for the steps that call it (shared by
    /// every analysis that sees this neighbour).
    pub signatures: Vec<Arc<Signature>>,
    /// Each action declaration's text (its doc comment and attributes
    /// included): what it lends without its place, for [`Neighbour::changes_since`].
    pub decl_texts: Vec<String>,
}

/// What a file lends that changed between two of its summaries, places
/// aside (an edit anywhere moves the spans after it; what others compile
/// against is the rest).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LentChange {
    /// An action declaration was added, removed or changed: every other
    /// file's catalog (and its "did you mean" over action names) may differ.
    pub actions: bool,
    /// The document names whose documents (how many, their signatures)
    /// changed: only a file that calls or declares one of these names, or
    /// that lists every name in a hint, may compile differently.
    pub documents: std::collections::BTreeSet<String>,
}

impl LentChange {
    /// Nothing lent changed (at most places moved).
    pub fn is_empty(&self) -> bool {
        !self.actions && self.documents.is_empty()
    }
}

impl Neighbour {
    /// The neighbour summary of `file` (parsed here; its diagnostics are its own).
    pub fn of(file: FileId, text: &str) -> Neighbour {
        let parsed = syntax::parse(file, text);
        // The documents a compile of the file would lower (see `compile_among`).
        let whole = syntax::tree_is_whole(&parsed.diagnostics);
        let mut out = Neighbour::default();
        if whole {
            // Parameters lower without the catalog or files (`file(…)` reads
            // only step contents), so the signatures are those of a compile.
            let lowered =
                lower::lower_file_full(&parsed.ast, file, &Catalog::default(), &lower::NoFiles);
            out.signatures = lowered
                .documents
                .iter()
                .map(|d| Arc::new(Signature::of_document(&d.name, d)))
                .collect();
        }
        for item in parsed.ast.items {
            match item {
                ast::Item::Action(ref decl) => {
                    out.decl_texts.push(decl_text(decl, text));
                    out.decls.push(item);
                }
                ast::Item::Document(doc) if whole => out.documents.push((doc.name.text, doc.span)),
                _ => {}
            }
        }
        out
    }
}

impl Neighbour {
    /// What `self` lends differently from `before` (the same file's earlier
    /// summary), places aside.
    pub fn changes_since(&self, before: &Neighbour) -> LentChange {
        let documents = named_documents(self);
        let was = named_documents(before);
        let changed = documents
            .iter()
            .filter(|(name, now)| was.get(*name) != Some(*now))
            .chain(
                was.iter()
                    .filter(|(name, _)| !documents.contains_key(*name)),
            )
            .map(|(name, _)| (*name).to_string())
            .collect();
        LentChange {
            actions: self.decl_texts != before.decl_texts,
            documents: changed,
        }
    }
}

/// A document's name with what it lends under it: how many documents of
/// the file have it, and their signatures without places.
type Named<'a> = std::collections::BTreeMap<&'a str, (usize, Vec<Signature>)>;

fn named_documents(n: &Neighbour) -> Named<'_> {
    let mut out = Named::new();
    for (name, _) in &n.documents {
        out.entry(name.as_str()).or_default().0 += 1;
    }
    for sig in &n.signatures {
        out.entry(sig.name.as_str())
            .or_default()
            .1
            .push(sig.without_places());
    }
    out
}

/// The text of an action declaration from its doc comment or first
/// attribute to its end (`text` is the file's, as parsed).
fn decl_text(decl: &ast::ActionDecl, text: &str) -> String {
    let start = decl
        .docs
        .iter()
        .map(|d| d.span.start)
        .chain(decl.attrs.iter().map(|a| a.span.start))
        .fold(decl.span.start, u32::min);
    let range = start as usize..decl.span.end as usize;
    text.get(range).unwrap_or_default().to_string()
}

impl Neighbour {
    /// The neighbour summary of a file by its name: a raw JSON/YAML document
    /// lends only its signature (named by its file stem, as deployed; a file
    /// that is not an SSM document lends nothing), a `.rbk` file what
    /// [`Neighbour::of`] gives, any other file nothing.
    pub fn of_file(file: FileId, name: &str, text: &str) -> Neighbour {
        match crate::verdict::Kind::of_path(name) {
            crate::verdict::Kind::Rbk => Neighbour::of(file, text),
            crate::verdict::Kind::Raw(format) => {
                let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
                let stem = base.split('.').next().unwrap_or(base);
                let signatures = crate::codegen::read::read_document(file, stem, text, format)
                    .map(|doc| vec![Arc::new(Signature::of_document(stem, &doc))])
                    .unwrap_or_default();
                Neighbour {
                    signatures,
                    ..Neighbour::default()
                }
            }
            crate::verdict::Kind::Terraform => Neighbour::default(),
        }
    }
}

/// The project's files around the compiled ones, in the project's file order
/// (`before` every compiled file, `after` every one).
#[derive(Debug, Clone, Copy, Default)]
pub struct Neighbours<'a> {
    pub before: &'a [&'a Neighbour],
    pub after: &'a [&'a Neighbour],
}

/// [`compile`] from a stdlib catalog loaded earlier into `sources` (with
/// `catalog::load_stdlib`, its files keeping their ids), so a caller that
/// compiles on every keystroke (the language server) parses the stdlib once.
pub fn compile_with_catalog(
    sources: &mut SourceMap,
    files: &[FileId],
    loader: &dyn FileLoader,
    catalog: Catalog,
    diagnostics: Vec<Diagnostic>,
) -> Compilation {
    let none = Neighbours::default();
    compile_among(sources, files, none, loader, catalog, diagnostics)
}

/// [`compile_with_catalog`] of `files` among `neighbours`: their declarations
/// load into the catalog in file order and their documents count for
/// duplicate names, as if they were compiled along; only the compiled files'
/// diagnostics are returned.
pub fn compile_among(
    sources: &mut SourceMap,
    files: &[FileId],
    neighbours: Neighbours<'_>,
    loader: &dyn FileLoader,
    mut catalog: Catalog,
    mut diagnostics: Vec<Diagnostic>,
) -> Compilation {
    let texts: Vec<(FileId, Arc<str>)> = files
        .iter()
        .filter_map(|&file| sources.get(file).map(|f| (file, f.text.clone())))
        .collect();
    let parsed: Vec<(FileId, ast::SourceFileAst, bool, Vec<Diagnostic>)> =
        par_map(&texts, |(file, text)| {
            let result = syntax::parse(*file, text);
            let clean = !result.diagnostics.iter().any(Diagnostic::is_error);
            (*file, result.ast, clean, result.diagnostics)
        });
    // Per file: its tree, whether it parsed without error, and whether the
    // tree is whole all the same (its errors left no hole to lower around).
    let mut parsed: Vec<(FileId, ast::SourceFileAst, bool, bool)> = parsed
        .into_iter()
        .map(|(file, ast, clean, diags)| {
            let whole = clean || syntax::tree_is_whole(&diags);
            diagnostics.extend(diags);
            (file, ast, clean, whole)
        })
        .collect();
    // A neighbour's own clashes are reported in its own file, not here.
    for n in neighbours.before {
        let _ = catalog::load_decls(&n.decls, &mut catalog);
    }
    for (_, ast, _, _) in &parsed {
        diagnostics.extend(catalog::load_decls(&ast.items, &mut catalog));
    }
    for n in neighbours.after {
        let _ = catalog::load_decls(&n.decls, &mut catalog);
    }
    // Lowering reads the catalog and the file's own tree only.
    let lowered: Vec<Option<lower::Lowered>> = par_map(&parsed, |(file, ast, _, whole)| {
        whole.then(|| lower::lower_file_full(ast, *file, &catalog, loader))
    });
    // Every document a step may call, before any is checked: the neighbours'
    // and the compiled files' in project order, then those the caller gave
    // (raw documents).
    catalog.documents = project_documents(neighbours, &lowered, &catalog.documents);
    // Checking reads the catalog and the file's own documents only.
    let checked: Vec<(Vec<Diagnostic>, bool)> = par_map(&lowered, |lowered| {
        check_lowered(lowered.as_ref(), &catalog)
    });
    let lowered = lowered
        .into_iter()
        .zip(checked)
        .map(|(l, (found, clean))| match l {
            Some(l) => {
                let mut diags = l.diagnostics;
                diags.extend(found);
                (l.documents, diags, clean)
            }
            None => (Vec::new(), found, clean),
        });
    let mut outputs = Vec::with_capacity(parsed.len());
    for ((file, ast, clean, _), (documents, diags, lowered_clean)) in parsed.drain(..).zip(lowered)
    {
        diagnostics.extend(diags);
        outputs.push(FileOutput {
            file,
            ast,
            parsed_clean: clean,
            documents,
            lowered_clean: clean && lowered_clean,
        });
    }
    report_duplicate_documents(&outputs, neighbours, &mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    Compilation {
        catalog,
        files: outputs,
        diagnostics,
    }
}

/// The project's callable documents: the neighbours' before, the compiled
/// files', the neighbours' after, then `given` (the first of a name wins).
fn project_documents(
    neighbours: Neighbours<'_>,
    lowered: &[Option<lower::Lowered>],
    given: &Documents,
) -> Documents {
    let compiled = lowered
        .iter()
        .flatten()
        .flat_map(|l| &l.documents)
        .map(|d| Arc::new(Signature::of_document(&d.name, d)));
    let of = |list: &[&Neighbour]| -> Vec<Arc<Signature>> {
        list.iter()
            .flat_map(|n| n.signatures.iter().cloned())
            .collect()
    };
    given.behind(
        of(neighbours.before)
            .into_iter()
            .chain(compiled)
            .chain(of(neighbours.after)),
    )
}

/// Checks one lowered file (`None`: its tree has holes, nothing was
/// lowered): the checker's diagnostics kept, and whether lowering was free
/// of errors.
///
/// A lowering error is local: the document is still checked, and only the
/// checker's findings at a step or a place that lowering could not lower are
/// dropped, since they may be echoes of the same mistake. So one
/// run reports every independent error (the first fault never hides the
/// rest), and a build is still refused by the lowering error itself.
fn check_lowered(lowered: Option<&lower::Lowered>, catalog: &Catalog) -> (Vec<Diagnostic>, bool) {
    let mut diagnostics = Vec::new();
    let Some(lowered) = lowered else {
        return (diagnostics, false);
    };
    let faults: Vec<Span> = lowered
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.primary.span)
        .collect();
    // Suppression comments are applied after every finding exists
    // (`crate::verdict`), not here.
    let options = check::CheckOptions {
        literal_spans: lowered.literal_spans.clone(),
        allows: Vec::new(),
    };
    for doc in &lowered.documents {
        let found = check::check_document_with(doc, catalog, &options);
        if faults.is_empty() {
            diagnostics.extend(found);
            continue;
        }
        let damaged = damaged_places(doc, &faults);
        // A finding at a damaged place may be an echo; so is a duplicate step
        // whose other copy is damaged (a generated name that clashed, E0236).
        let touches_damage = |d: &Diagnostic| {
            let damaged_at = |s: Span| damaged.iter().any(|p| overlaps(*p, s));
            damaged_at(d.primary.span)
                || (d.code == check::codes::DUPLICATE_STEP
                    && d.secondary.iter().any(|l| damaged_at(l.span)))
        };
        diagnostics.extend(found.into_iter().filter(|d| !touches_damage(d)));
    }
    (diagnostics, faults.is_empty())
}

/// The places of `doc` a lowering error makes unreliable: each step (at any
/// depth) holding one, and the error's own span.
fn damaged_places(doc: &model::Document, faults: &[Span]) -> Vec<Span> {
    let mut places = faults.to_vec();
    let mut stack: Vec<&model::Step> = doc.steps.iter().flatten().collect();
    while let Some(step) = stack.pop() {
        if faults.iter().any(|f| overlaps(step.span, *f)) {
            places.push(step.span);
        }
        stack.extend(step.loop_steps.iter().flatten());
    }
    places
}

/// Whether two spans of one file share a byte (an empty span counts at its offset).
fn overlaps(a: Span, b: Span) -> bool {
    a.file == b.file && a.start <= b.end.max(b.start) && b.start <= a.end.max(a.start)
}

/// Stack of each worker thread: lowering and checking recurse (depth-limited
/// to 128 levels); the parser grows its own stack when it runs low.
const WORKER_STACK: usize = 64 * 1024 * 1024;

/// The number of cores, asked once per process: the standard library reads
/// the cgroup's quota files on every call (13 system calls), and one run
/// calls [`par_map`] several times.
fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES
        .get_or_init(|| std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get))
}

/// `f` of every item, on as many threads as there are cores (one item: no
/// thread). Items are handed out one at a time, so a large file does not hold
/// up a whole share; results come back in item order whatever the timing.
pub fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if items.len() <= 1 {
        return items.iter().map(f).collect();
    }
    let threads = cores().min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut out = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                break;
            };
            out.push((i, f(item)));
        }
        out
    };
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                std::thread::Builder::new()
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, worker)
            })
            .collect();
        let mut done = Vec::with_capacity(items.len());
        let mut missed = false;
        for handle in handles {
            match handle {
                // A panic in a worker is the panic a one-thread run would have had.
                Ok(h) => done.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))),
                // No thread to be had: the work is done below, on this one.
                Err(_) => missed = true,
            }
        }
        if missed {
            done.extend(worker());
        }
        done
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Two documents with one name would be built to the same output file.
/// Reported on the later one in file order; a neighbour's second document is
/// reported in its own compile.
fn report_duplicate_documents<'a>(
    files: &'a [FileOutput],
    neighbours: Neighbours<'a>,
    diags: &mut Vec<Diagnostic>,
) {
    let named = |list: &'a [&'a Neighbour]| {
        list.iter()
            .flat_map(|n| &n.documents)
            .map(|(name, span)| (name.as_str(), *span, false))
    };
    let before = named(neighbours.before);
    let compiled = files
        .iter()
        .flat_map(|f| &f.documents)
        .map(|d| (d.name.as_str(), d.span, true));
    let after = named(neighbours.after);
    // A map, not a list: thousands of files must not cost a quadratic search.
    let mut seen: HashMap<&str, crate::span::Span> = HashMap::new();
    for (name, span, report) in before.chain(compiled).chain(after) {
        if let Some(first) = seen.get(name) {
            if !report {
                continue;
            }
            diags.push(
                Diagnostic::error(
                    crate::lower::codes::DUPLICATE_DOCUMENT,
                    span,
                    format!("a document named `{name}` already exists"),
                )
                .with_label("second document with this name")
                .with_secondary(*first, "first one here")
                .with_help("document names become output file names and must be unique in a build"),
            );
        } else {
            seen.insert(name, span);
        }
    }
}

#[cfg(test)]
#[path = "pipeline_lent_tests.rs"]
mod lent_tests;
