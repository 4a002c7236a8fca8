//! `ssmc build [PATHS] [-o DIR] [--format json|yaml]`: check, then write one
//! SSM document per `command`/`automation`, named `DIR/<DocumentName>.<ext>`.
//! Nothing is written when any file has an error; the outputs are all
//! replaced or none. A path with no runbooks is an error (exit 2), so a CI job
//! pointed at the wrong folder fails. Every document is validated against the
//! project's own JSON Schema of its version (docs/schemas.md) before anything
//! is written: a document AWS would refuse is an error, never an output.

use std::path::{Path, PathBuf};

use ssmc_core::codegen::{self, read::Format};

use super::{counts, open, paths_or_cwd, plural, report, EXIT_ERRORS, EXIT_FAILURE, EXIT_OK};
use crate::files::Batch;

pub fn run(paths: &[PathBuf], out_dir: &Path, format: Format) -> u8 {
    let paths = paths_or_cwd(paths);
    let mut session = match open(&paths, &["rbk"]) {
        Ok(s) => s,
        Err(e) => {
            errln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    if session.inputs.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| format!("`{}`", p.display())).collect();
        errln!(
            "error: no runbooks (`.rbk` files) in {}; nothing was built",
            shown.join(", ")
        );
        return EXIT_FAILURE;
    }
    let verdict = match session.judge(None) {
        Ok(v) => v,
        Err(e) => {
            errln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let diags = verdict.check_view();
    report(&diags, &session.sources);
    if verdict.has_check_errors() {
        errln!("build failed: {}; nothing was written", counts(&diags));
        return EXIT_ERRORS;
    }
    let ext = match format {
        Format::Json => "json",
        Format::Yaml => "yaml",
    };
    // Render everything first, so a failure cannot leave half a build behind.
    let outputs: Vec<(PathBuf, String)> = verdict
        .compilation
        .documents()
        .map(|(_, doc)| {
            (
                out_dir.join(format!("{}.{ext}", doc.name)),
                codegen::emit(doc, format),
            )
        })
        .collect();
    let refused = schema_errors(verdict.compilation.documents().map(|(_, doc)| doc));
    if !refused.is_empty() {
        for line in &refused {
            errln!("error: {line}");
        }
        errln!("build failed: a built document does not match AWS's schema; nothing was written");
        return EXIT_ERRORS;
    }
    // Every output is written to a temporary file before any is renamed into
    // place: a full disk or an unwritable folder leaves the old build whole.
    let mut batch = Batch::new(Some(&session.project.root));
    for (path, text) in &outputs {
        if let Err(e) = batch.stage(path, text.as_bytes()) {
            errln!("error: {e}; nothing was written");
            return EXIT_FAILURE;
        }
    }
    if let Err(e) = batch.commit() {
        errln!("error: {e}");
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
