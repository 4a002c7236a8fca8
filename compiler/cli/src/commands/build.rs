//! `ssmc build [PATHS] [-o DIR] [--format json|yaml]`: check, then write one
//! SSM document per `command`/`automation`, named `DIR/<DocumentName>.<ext>`.
//! Nothing is written when any file has an error; the outputs are all replaced or none.
//! Every document is validated against the project's own JSON Schema of its
//! version (docs/schemas.md) before anything is written: a document AWS would
//! refuse is an error, never an output.

use std::path::{Path, PathBuf};

use ssmc_core::codegen::{self, read::Format};

use super::{
    compile_project, counts, load_sources, paths_or_cwd, plural, report, EXIT_ERRORS, EXIT_FAILURE,
    EXIT_OK,
};
use crate::files::{project_root, Batch, ProjectLoader};

pub fn run(paths: &[PathBuf], out_dir: &Path, format: Format) -> u8 {
    let paths = paths_or_cwd(paths);
    let mut loaded = match load_sources(&paths) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let root = project_root(paths.first().map_or(Path::new("."), PathBuf::as_path));
    let loader = ProjectLoader {
        root: root.clone(),
        paths: loaded.paths.clone(),
    };
    let result = match compile_project(&mut loaded, &loader) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    report(&result.diagnostics, &loaded.sources);
    if result.has_errors() {
        eprintln!(
            "build failed: {}; nothing was written",
            counts(&result.diagnostics)
        );
        return EXIT_ERRORS;
    }
    let ext = match format {
        Format::Json => "json",
        Format::Yaml => "yaml",
    };
    // Render everything first, so a failure cannot leave half a build behind.
    let outputs: Vec<(PathBuf, String)> = result
        .documents()
        .map(|(_, doc)| {
            (
                out_dir.join(format!("{}.{ext}", doc.name)),
                codegen::emit(doc, format),
            )
        })
        .collect();
    let refused = schema_errors(result.documents().map(|(_, doc)| doc));
    if !refused.is_empty() {
        for line in &refused {
            eprintln!("error: {line}");
        }
        eprintln!(
            "build failed: a built document does not match AWS's schema; nothing was written"
        );
        return EXIT_ERRORS;
    }
    // Every output is written to a temporary file before any is renamed into
    // place: a full disk or an unwritable folder leaves the old build whole.
    let mut batch = Batch::new(Some(&root));
    for (path, text) in &outputs {
        if let Err(e) = batch.stage(path, text.as_bytes()) {
            eprintln!("error: {e}; nothing was written");
            return EXIT_FAILURE;
        }
    }
    if let Err(e) = batch.commit() {
        eprintln!("error: {e}");
        return EXIT_FAILURE;
    }
    let n = outputs.len();
    super::status(format_args!(
        "built {n} {} into {}",
        plural(n, "document"),
        out_dir.display()
    ));
    EXIT_OK
}

/// Each way a document breaks the JSON Schema of its `schemaVersion` (none
/// for versions without a project schema). YAML and JSON output come from the
/// same model, so the JSON form is what is validated.
fn schema_errors<'a>(docs: impl Iterator<Item = &'a ssmc_core::model::Document>) -> Vec<String> {
    let mut errors = Vec::new();
    for doc in docs {
        let json = codegen::emit(doc, Format::Json);
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&json) else {
            errors.push(format!(
                "`{}`: the built JSON does not parse (a bug in ssmc)",
                doc.name
            ));
            continue;
        };
        let version = value
            .get("schemaVersion")
            .and_then(|v| v.as_str())
            .unwrap_or("");
        let Some(schema) = codegen::schema::schema_for(version) else {
            continue;
        };
        let validator = serde_json::from_str::<serde_json::Value>(schema)
            .ok()
            .and_then(|s| jsonschema::validator_for(&s).ok());
        let Some(validator) = validator else {
            errors.push(format!(
                "the {version} schema does not compile (a bug in ssmc)"
            ));
            continue;
        };
        for e in validator.iter_errors(&value) {
            let at = e.instance_path.to_string();
            let at = if at.is_empty() { "/".to_string() } else { at };
            errors.push(format!(
                "`{}` would be refused by AWS: {e} at {at} (schema {version}, docs/schemas.md)",
                doc.name
            ));
        }
    }
    errors
}
