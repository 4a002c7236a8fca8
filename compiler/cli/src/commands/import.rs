//! `ssmc import DOC... [-o DIR] [--strict]`: turn SSM documents (JSON/YAML) into `.rbk`
//! runbooks named after each document's file stem. A document that cannot be
//! imported is reported and skipped; the others are still imported.
//! Actions the catalog lacks get `extern action` declarations in `DIR/actions.rbk`.
//! Each check error of an imported document becomes a reasoned
//! `// ssmc: allow(rule): reason` line above it (`import::allows`), so the
//! runbook builds back to the document; `--strict` refuses such a document.
//! A document whose runbook would keep an error no allow silences is not
//! imported (exit 1). An existing file at a target is replaced only with
//! `--force` (else exit 2, nothing written); two documents with one stem
//! (`a/dup.json`, `b/dup.json`) are an error for the second.
//! [`convert`] does the work without writing, so `ssmc init --from` can refuse
//! to overwrite before anything is written.

use std::path::{Path, PathBuf};

use ssmc_core::codegen::read::{self, Format};
use ssmc_core::syntax::ast::{Item, SourceFileAst};
use ssmc_core::{catalog, fmt, import, SourceMap};

use super::{plural, report, EXIT_ERRORS, EXIT_FAILURE, EXIT_OK};
use crate::files::{read_text, Batch};

/// The runbooks made from a set of documents, not written yet.
pub struct Converted {
    /// `(target path, .rbk text)`, the runbooks then `actions.rbk` if any.
    pub outputs: Vec<(PathBuf, String)>,
    /// Documents imported (the first entries of `outputs`).
    pub imported: usize,
    /// Documents not imported (reported on stderr).
    pub failed: usize,
    /// Whether a file could not be read at all (the command could not do its job).
    pub unreadable: bool,
}

/// What [`convert`] does with JSON/YAML that is not an SSM document.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum NotSsm {
    /// It was named on the command line: a failure.
    Fail,
    /// It was found in a folder (`init --from`): skipped with a note.
    Skip,
}

/// Imports each document into a runbook under `out_dir`, reporting problems on stderr.
/// `strict`: refuse a document the checker finds errors in, instead of
/// keeping its errors as allows.
pub fn convert(docs: &[PathBuf], out_dir: &Path, not_ssm: NotSsm, strict: bool) -> Converted {
    let mut sources = SourceMap::new();
    let (catalog, _) = catalog::load_stdlib(&mut sources);
    let mut done = Converted {
        outputs: Vec::new(),
        imported: 0,
        failed: 0,
        unreadable: false,
    };
    let mut externs: Vec<ssmc_core::syntax::ast::ActionDecl> = Vec::new();
    for path in docs {
        let text = match read_text(path) {
            Ok(t) => t,
            Err(e) => {
                errln!("error: {e}");
                done.failed += 1;
                done.unreadable = true;
                continue;
            }
        };
        let Some(format) = Format::from_path_ext(&path.to_string_lossy()) else {
            errln!(
                "error: `{}`: expected a .json, .yaml or .yml file",
                path.display()
            );
            done.failed += 1;
            continue;
        };
        let stem = path.file_stem().map_or_else(
            || "document".to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        let target = out_dir.join(format!("{stem}.rbk"));
        if done.outputs.iter().any(|(t, _)| *t == target) {
            errln!(
                "error: `{}` would also become `{}`; rename one of the documents",
                path.display(),
                target.display()
            );
            done.failed += 1;
            continue;
        }
        let file = sources.add(path.display().to_string(), &text);
        let text = sources
            .get(file)
            .map(|f| f.text.clone())
            .unwrap_or_default();
        let doc = match read::read_document(file, &stem, &text, format) {
            Ok(doc) => doc,
            Err(diags) if not_ssm == NotSsm::Skip && read::is_not_ssm(&diags) => {
                super::status(format_args!(
                    "note: {}: not an SSM document, skipped",
                    path.display()
                ));
                continue;
            }
            Err(diags) => {
                report(&diags, &sources);
                errln!("{}: not imported", path.display());
                done.failed += 1;
                continue;
            }
        };
        let imported = import::import_document(&doc, &catalog);
        report(&imported.diagnostics, &sources);
        if imported
            .diagnostics
            .iter()
            .any(ssmc_core::Diagnostic::is_error)
        {
            errln!("{}: not imported", path.display());
            done.failed += 1;
            continue;
        }
        let rbk = fmt::format_file(&imported.ast, None);
        let context = extern_context(&imported.extern_actions);
        let kept = import::allows::keep_check_errors(&format!("{stem}.rbk"), &rbk, &context);
        if strict && !(kept.allowed.is_empty() && kept.remaining.is_empty()) {
            for d in kept.allowed.iter().chain(&kept.remaining) {
                errln!("error[{}]: {}", d.code, d.message);
            }
            errln!(
                "{}: not imported (--strict): the checker finds errors in it",
                path.display()
            );
            done.failed += 1;
            continue;
        }
        if !kept.allowed.is_empty() {
            errln!(
                "note: {}: {} check {} kept as `// ssmc: allow(...)` lines with the reason",
                path.display(),
                kept.allowed.len(),
                plural(kept.allowed.len(), "error")
            );
        }
        // A runbook that does not build is no import: say why and write nothing for it.
        if !kept.remaining.is_empty() {
            for d in &kept.remaining {
                errln!("error[{}]: {}", d.code, d.message);
            }
            errln!(
                "{}: not imported: the runbook would keep {} {} no allow can silence",
                path.display(),
                kept.remaining.len(),
                plural(kept.remaining.len(), "error")
            );
            done.failed += 1;
            continue;
        }
        externs.extend(imported.extern_actions);
        done.outputs.push((target, kept.text));
        done.imported += 1;
    }
    let extern_target = out_dir.join("actions.rbk");
    if !externs.is_empty() && done.outputs.iter().all(|(t, _)| *t != extern_target) {
        // One declaration per action, with every output any document uses.
        let ast = SourceFileAst {
            items: import::merge_extern_actions(externs)
                .into_iter()
                .map(Item::Action)
                .collect(),
            comments: Vec::new(),
        };
        done.outputs
            .push((extern_target, fmt::format_file(&ast, None)));
    } else if !externs.is_empty() {
        errln!(
            "error: `{}` is one of the imported runbooks, so the undocumented actions' declarations have no place; rename that document",
            extern_target.display()
        );
        done.failed += 1;
    }
    done
}

pub fn run(docs: &[PathBuf], out_dir: &Path, strict: bool, force: bool) -> u8 {
    let done = convert(docs, out_dir, NotSsm::Fail, strict);
    // Someone's runbook may sit at a target: replacing it takes `--force`.
    let existing: Vec<&PathBuf> = done
        .outputs
        .iter()
        .map(|(target, _)| target)
        .filter(|target| std::fs::symlink_metadata(target).is_ok())
        .collect();
    if !force && !existing.is_empty() {
        for target in &existing {
            errln!("error: `{}` already exists", target.display());
        }
        errln!("ssmc import replaces no file without --force: nothing was written");
        return EXIT_FAILURE;
    }
    // All the runbooks or none: a failed write leaves no half-imported set.
    let mut batch = Batch::new(Some(&ssmc_project::Project::discover(Path::new(".")).root));
    let staged = done
        .outputs
        .iter()
        .try_for_each(|(target, text)| batch.stage(target, text.as_bytes()));
    if let Err(e) = staged.and_then(|()| batch.commit().map(|_| ())) {
        errln!("error: {e}");
        return EXIT_FAILURE;
    }
    let written = done.imported;
    super::status(format_args!(
        "imported {written} {} into {}",
        plural(written, "document"),
        out_dir.display()
    ));
    if done.failed > 0 {
        errln!(
            "{} {} could not be imported",
            done.failed,
            plural(done.failed, "document")
        );
        return if done.unreadable {
            EXIT_FAILURE
        } else {
            EXIT_ERRORS
        };
    }
    EXIT_OK
}

/// The document's own `extern action` declarations as a source to check it with.
fn extern_context(externs: &[ssmc_core::syntax::ast::ActionDecl]) -> Vec<(String, String)> {
    if externs.is_empty() {
        return Vec::new();
    }
    let ast = SourceFileAst {
        items: externs.iter().cloned().map(Item::Action).collect(),
        comments: Vec::new(),
    };
    vec![("actions.rbk".to_string(), fmt::format_file(&ast, None))]
}
