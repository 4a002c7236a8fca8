//! Compilation to SSM documents: the codegen fixtures and every example.
//!
//! Asserts: each fixture and example compiles without errors; one snapshot per
//! file shows the source, the JSON and the YAML together; JSON and YAML are the
//! same document (the YAML re-read by an independent reader, serde_yaml_ng);
//! every output passes the project's JSON Schema for its schemaVersion; two
//! compilations are byte-identical.

use std::path::PathBuf;

use ssmc_core::codegen::{self, Format};
use ssmc_tests::{compile, describe, files_in};

fn outputs(path: &PathBuf) -> Vec<(String, String, String)> {
    let (result, sources) = compile(std::slice::from_ref(path));
    let errors = ssmc_tests::errors_of(&result);
    assert!(
        errors.is_empty(),
        "{} does not compile:\n{}",
        path.display(),
        describe(&errors, &sources)
    );
    result
        .documents()
        .map(|(_, doc)| {
            (
                doc.name.clone(),
                codegen::emit(doc, Format::Json),
                codegen::emit(doc, Format::Yaml),
            )
        })
        .collect()
}

fn check_same_document(name: &str, json: &str, yaml: &str) {
    let from_json: serde_json::Value = serde_json::from_str(json).expect("our JSON parses");
    let from_yaml: serde_json::Value = serde_yaml_ng::from_str(yaml).expect("our YAML parses");
    assert_eq!(from_json, from_yaml, "{name}: JSON and YAML differ");
}

fn check_schema(name: &str, json: &str) {
    let value: serde_json::Value = serde_json::from_str(json).expect("our JSON parses");
    let version = value
        .get("schemaVersion")
        .and_then(|v| v.as_str())
        .unwrap_or("");
    let Some(schema) = codegen::schema::schema_for(version) else {
        return; // 1.2 and 2.0 documents have no project schema
    };
    let schema: serde_json::Value = serde_json::from_str(schema).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "{name} fails the {version} schema:\n{}",
        errors.join("\n")
    );
}

fn snapshot_all(dir: &str) {
    let files = files_in(dir, "rbk");
    assert!(!files.is_empty(), "no runbooks in {dir}");
    for path in &files {
        let source = std::fs::read_to_string(path).expect("readable");
        let mut text = format!("--- SOURCE ---\n{source}");
        for (name, json, yaml) in outputs(path) {
            check_same_document(&name, &json, &yaml);
            check_schema(&name, &json);
            text.push_str(&format!(
                "--- {name}.json ---\n{json}--- {name}.yaml ---\n{yaml}"
            ));
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        insta::with_settings!({ snapshot_suffix => stem, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(format!("build_{}", dir.replace('/', "_")), text);
        });
    }
}

#[test]
fn codegen_fixtures_compile_to_snapshotted_documents() {
    snapshot_all("tests/fixtures/codegen");
}

#[test]
fn examples_compile_to_snapshotted_documents() {
    snapshot_all("examples");
}

#[test]
fn two_builds_are_byte_identical() {
    for path in files_in("examples", "rbk")
        .iter()
        .chain(files_in("tests/fixtures/codegen", "rbk").iter())
    {
        assert_eq!(
            outputs(path),
            outputs(path),
            "{} builds differently twice",
            path.display()
        );
    }
}
