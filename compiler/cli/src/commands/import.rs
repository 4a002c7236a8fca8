//! `ssmc import DOC... [-o DIR]`: turn SSM documents (JSON/YAML) into `.rbk`
//! runbooks named after each document's file stem. A document that cannot be
//! imported is reported and skipped; the others are still imported.
//! Actions the catalog lacks get `extern action` declarations in `DIR/actions.rbk`.

use std::path::{Path, PathBuf};

use ssmc_core::codegen::read::{self, Format};
use ssmc_core::syntax::ast::{Item, SourceFileAst};
use ssmc_core::{catalog, fmt, import, SourceMap};

use super::{plural, report, EXIT_ERRORS, EXIT_FAILURE, EXIT_OK};
use crate::files::{read_text, write_output};

pub fn run(docs: &[PathBuf], out_dir: &Path) -> u8 {
    let mut sources = SourceMap::new();
    let (catalog, _) = catalog::load_stdlib(&mut sources);
    let root = crate::files::project_root(Path::new("."));
    let mut failed = 0usize;
    // A file that cannot be read at all (missing, not UTF-8, too large) means
    // the command could not do its job: exit 2, as every command does.
    let mut unreadable = false;
    let mut written = 0usize;
    let mut externs: Vec<ssmc_core::syntax::ast::ActionDecl> = Vec::new();
    for path in docs {
        let text = match read_text(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: {e}");
                failed += 1;
                unreadable = true;
                continue;
            }
        };
        let Some(format) = Format::from_path_ext(&path.to_string_lossy()) else {
            eprintln!(
                "error: `{}`: expected a .json, .yaml or .yml file",
                path.display()
            );
            failed += 1;
            continue;
        };
        let stem = path.file_stem().map_or_else(
            || "document".to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        let file = sources.add(path.display().to_string(), &text);
        let text = sources
            .get(file)
            .map(|f| f.text.clone())
            .unwrap_or_default();
        let doc = match read::read_document(file, &stem, &text, format) {
            Ok(doc) => doc,
            Err(diags) => {
                report(&diags, &sources);
                eprintln!("{}: not imported", path.display());
                failed += 1;
                continue;
            }
        };
        let imported = import::import_document(&doc, &catalog);
        report(&imported.diagnostics, &sources);
        externs.extend(imported.extern_actions);
        let rbk = fmt::format_file(&imported.ast, None);
        let rbk = super::import_allows::keep_model_faults(&format!("{stem}.rbk"), &rbk);
        let target = out_dir.join(format!("{stem}.rbk"));
        if let Err(e) = write_output(&root, &target, &rbk) {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
        written += 1;
    }
    if !externs.is_empty() {
        // One declaration per action, with every output any document uses.
        let ast = SourceFileAst {
            items: import::merge_extern_actions(externs)
                .into_iter()
                .map(Item::Action)
                .collect(),
            comments: Vec::new(),
        };
        let target = out_dir.join("actions.rbk");
        if let Err(e) = write_output(&root, &target, &fmt::format_file(&ast, None)) {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    }
    eprintln!(
        "imported {written} {} into {}",
        plural(written, "document"),
        out_dir.display()
    );
    if failed > 0 {
        eprintln!(
            "{failed} {} could not be imported",
            plural(failed, "document")
        );
        return if unreadable {
            EXIT_FAILURE
        } else {
            EXIT_ERRORS
        };
    }
    EXIT_OK
}
