//! A built document judged by the JSON Schema of its version.
//!
//! Input: a [`Document`] about to be built. Output: one E1044 diagnostic for
//! each way its emitted JSON breaks the project's schema (docs/schemas.md), at
//! the source of the offending value (or of the nearest value that exists,
//! such as the step a required key is missing from).
//! Why here, as a check finding, and not only in `ssmc build`: an error with a
//! place can be allowed with a reason on its line like any other check error,
//! so the importer keeps a document AWS accepted but our schema refuses (it
//! builds back to itself), `--strict` refuses it, and the editor shows it.
//! Invariant: what `ssmc build` writes either passes the schema or carries an
//! allow for each finding.

use super::{emit, order, schema, Format};
use crate::check::codes::AWS_SCHEMA;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, Node, Value};
use std::sync::OnceLock;

/// The compiled validator of a schema version, made once per process.
fn validator(version: &str) -> Option<&'static jsonschema::Validator> {
    static COMMAND: OnceLock<Option<jsonschema::Validator>> = OnceLock::new();
    static AUTOMATION: OnceLock<Option<jsonschema::Validator>> = OnceLock::new();
    let cell = match version {
        "2.2" => &COMMAND,
        "0.3" => &AUTOMATION,
        _ => return None,
    };
    cell.get_or_init(|| {
        let text = schema::schema_for(version)?;
        let value = serde_json::from_str::<serde_json::Value>(text).ok()?;
        jsonschema::validator_for(&value).ok()
    })
    .as_ref()
}

/// Every way `doc`, as built, breaks the schema of its `schemaVersion` (none
/// for a version without a project schema).
pub fn schema_findings(doc: &Document) -> Vec<Diagnostic> {
    let Value::String(version) = &doc.schema_version.value else {
        return Vec::new();
    };
    let Some(validator) = validator(version) else {
        return Vec::new();
    };
    // YAML and JSON output come from the same model, so the JSON form is
    // what is validated.
    let Ok(value) = serde_json::from_str::<serde_json::Value>(&emit(doc, Format::Json)) else {
        return vec![Diagnostic::error(
            AWS_SCHEMA,
            doc.span,
            "the built JSON does not parse (a bug in ssmc)",
        )];
    };
    let tree = order::to_node(doc);
    validator
        .iter_errors(&value)
        .map(|e| {
            let path = e.instance_path.to_string();
            let at = if path.is_empty() { "/" } else { path.as_str() };
            Diagnostic::error(
                AWS_SCHEMA,
                node_at(&tree, &path).span,
                format!("AWS would refuse `{}`: {e} at {at} (schema {version})", doc.name),
            )
            .with_help(
                "write the value in the form AWS accepts (docs/schemas.md); if AWS accepted this document as it is, allow it with a reason",
            )
        })
        .collect()
}

/// The deepest node of `tree` along the JSON pointer `path`.
fn node_at<'a>(tree: &'a Node, path: &str) -> &'a Node {
    let mut node = tree;
    for raw in path.split('/').skip(1) {
        let segment = raw.replace("~1", "/").replace("~0", "~");
        let next = match &node.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.name == segment)
                .map(|(_, v)| v),
            Value::List(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codegen::read::{self, Format as In};
    use crate::span::SourceMap;

    fn findings_of(text: &str) -> Vec<(String, String)> {
        let mut sources = SourceMap::new();
        let file = sources.add("doc.json".to_string(), text);
        let Some(f) = sources.get(file) else {
            return Vec::new();
        };
        let Ok(doc) = read::read_document(file, "doc", &f.text, In::Json) else {
            return Vec::new();
        };
        schema_findings(&doc)
            .iter()
            .map(|d| {
                let (s, e) = (d.primary.span.start as usize, d.primary.span.end as usize);
                (d.message.clone(), f.text[s..e].to_string())
            })
            .collect()
    }

    #[test]
    fn a_finding_points_at_the_value_or_at_the_step_missing_a_key() {
        let found = findings_of(
            r#"{"schemaVersion": "0.3", "mainSteps": [
  {"name": "A", "action": "aws:sleep", "inputs": {"Timestamp": 5}},
  {"name": "B", "action": "aws:pause"}
]}"#,
        );
        insta::assert_debug_snapshot!(found, @r#"
        [
            (
                "AWS would refuse `doc`: 5 is not of type \"string\" at /mainSteps/0/inputs/Timestamp (schema 0.3)",
                "5",
            ),
            (
                "AWS would refuse `doc`: \"inputs\" is a required property at /mainSteps/1 (schema 0.3)",
                "{\"name\": \"B\", \"action\": \"aws:pause\"}",
            ),
        ]
        "#);
    }

    #[test]
    fn a_document_that_passes_and_an_unknown_version_have_no_finding() {
        let ok = r#"{"schemaVersion": "2.2", "mainSteps": [
  {"name": "A", "action": "aws:runShellScript", "inputs": {"runCommand": ["echo"]}}]}"#;
        assert_eq!(findings_of(ok), Vec::new());
        let old = r#"{"schemaVersion": "1.2", "runtimeConfig": {"aws:runShellScript": 5}}"#;
        assert_eq!(findings_of(old), Vec::new());
    }
}
