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

mod as_json;
mod step_cache;

use super::{order, schema};
use crate::check::codes::AWS_SCHEMA;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, Node, Value};
use std::sync::OnceLock;
use step_cache::{Finding, Findings};

/// What a schema version is judged with, compiled once per process.
struct Validators {
    /// The version as `'static` (a cache key).
    version: &'static str,
    /// The schema's text.
    text: &'static str,
    /// The whole schema, compiled when first needed (a document whose steps
    /// and rest both have findings, or [`schema_findings_at_once`]): most
    /// processes never need it.
    whole: OnceLock<Option<jsonschema::Validator>>,
    /// The schema with any step accepted (`$defs/step` is `true`): what is
    /// judged of a document apart from its steps.
    stepless: jsonschema::Validator,
    /// `$defs/step` alone, with the schema's definitions: one step.
    step: jsonschema::Validator,
}

/// The validators of a schema version (`None` for a version without a
/// project schema).
fn validators(version: &str) -> Option<&'static Validators> {
    static COMMAND: OnceLock<Option<Validators>> = OnceLock::new();
    static AUTOMATION: OnceLock<Option<Validators>> = OnceLock::new();
    let (cell, version) = match version {
        "2.2" => (&COMMAND, "2.2"),
        "0.3" => (&AUTOMATION, "0.3"),
        _ => return None,
    };
    cell.get_or_init(|| {
        let text = schema::schema_for(version)?;
        let schema = serde_json::from_str::<serde_json::Value>(text).ok()?;
        let mut stepless = schema.clone();
        *stepless.pointer_mut("/$defs/step")? = serde_json::Value::Bool(true);
        let mut step = serde_json::Map::new();
        for key in ["$schema", "$id", "$defs"] {
            step.insert(key.to_string(), schema.get(key)?.clone());
        }
        step.insert("$ref".to_string(), "#/$defs/step".into());
        Some(Validators {
            version,
            text,
            whole: OnceLock::new(),
            stepless: compile_as_2019_09(stepless)?,
            step: compile_as_2019_09(serde_json::Value::Object(step))?,
        })
    })
    .as_ref()
}

impl Validators {
    /// The whole schema's validator (`None` if it does not compile, which a
    /// test rules out).
    fn whole(&self) -> Option<&jsonschema::Validator> {
        self.whole
            .get_or_init(|| {
                let schema = serde_json::from_str::<serde_json::Value>(self.text).ok()?;
                compile_as_2019_09(schema)
            })
            .as_ref()
    }
}

/// The draft the schemas are compiled as (they are written as 2020-12).
const COMPILED_DRAFT: &str = "https://json-schema.org/draft/2019-09/schema";

/// Compiles a schema of ours as draft 2019-09. Why: jsonschema 0.33 compiles a
/// 2020-12 schema's `$ref`s into a copy of the whole schema document per use,
/// so the two validators held 112 MB and 79 MB for the life of the process
/// (the language server's largest memory cost, and 0.8 s of CPU on first use);
/// compiled as 2019-09 they hold 11 MB and 8 MB (docs/performance.md, round 3).
/// The schemas use only keywords whose meaning 2020-12 did not change
/// ([`SAME_IN_2019_09`], held by a test), so the findings are the same.
fn compile_as_2019_09(mut value: serde_json::Value) -> Option<jsonschema::Validator> {
    if let Some(root) = value.as_object_mut() {
        root.insert("$schema".to_string(), COMPILED_DRAFT.into());
    }
    jsonschema::validator_for(&value).ok()
}

/// The keywords whose meaning is the same in drafts 2019-09 and 2020-12
/// (2020-12 changed `items`' array form, `additionalItems`, `$recursiveRef`
/// and `$recursiveAnchor`, and added `prefixItems`, `$dynamicRef`,
/// `$dynamicAnchor`); `items` is here for its one-schema form only.
#[cfg(test)]
const SAME_IN_2019_09: &[&str] = &[
    "$schema",
    "$id",
    "$defs",
    "$ref",
    "$comment",
    "title",
    "description",
    "type",
    "enum",
    "const",
    "required",
    "properties",
    "additionalProperties",
    "patternProperties",
    "propertyNames",
    "minProperties",
    "maxProperties",
    "items",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "if",
    "then",
    "else",
    "default",
    "examples",
    "format",
];

/// Every way `doc`, as built, breaks the schema of its `schemaVersion` (none
/// for a version without a project schema).
///
/// The steps are judged one by one by the step schema, each kept by its
/// content ([`step_cache`]), and the rest of the document by the schema with
/// every step accepted; the findings are those of judging the whole document
/// at once, in the same order (held by tests over the corpus and mutants):
/// the schema's `items` judges the steps in order, each by `$defs/step`
/// alone. When both the steps and the rest have findings, the whole
/// document is judged again at once, so that their interleaving is the
/// schema's own.
pub fn schema_findings(doc: &Document) -> Vec<Diagnostic> {
    judged(doc, Judge::ByStep)
}

/// [`schema_findings`] with the whole document judged at once by the whole
/// schema, as it was before steps were judged apart: the reference the tests
/// hold the step-by-step judgement to.
pub fn schema_findings_at_once(doc: &Document) -> Vec<Diagnostic> {
    judged(doc, Judge::AtOnce)
}

/// How a document is judged (the findings are the same).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Judge {
    ByStep,
    AtOnce,
}

fn judged(doc: &Document, how: Judge) -> Vec<Diagnostic> {
    let Value::String(version) = &doc.schema_version.value else {
        return Vec::new();
    };
    let Some(validators) = validators(version) else {
        return Vec::new();
    };
    // YAML and JSON output come from the same model, so the JSON form is
    // what is judged.
    let tree = order::to_node(doc);
    let split = split_steps(&tree).filter(|_| how == Judge::ByStep);
    let found = match split {
        Some((rest, steps)) => by_steps(validators, &rest, steps, &tree),
        None => whole(validators.whole(), &as_json::to_json(&tree)),
    };
    found
        .into_iter()
        .map(|(path, message)| {
            let at = if path.is_empty() { "/" } else { path.as_str() };
            Diagnostic::error(
                AWS_SCHEMA,
                node_at(&tree, &path).span,
                format!("AWS would refuse `{}`: {message} at {at} (schema {version})", doc.name),
            )
            .with_help(
                "write the value in the form AWS accepts (docs/schemas.md); if AWS accepted this document as it is, allow it with a reason",
            )
        })
        .collect()
}

/// Each finding of `validator` on `value`: its instance path and message.
fn whole(
    validator: Option<&jsonschema::Validator>,
    value: &serde_json::Value,
) -> Vec<(String, String)> {
    let Some(validator) = validator else {
        return Vec::new();
    };
    if validator.is_valid(value) {
        return Vec::new();
    }
    validator
        .iter_errors(value)
        .map(|e| (e.instance_path.to_string(), e.to_string()))
        .collect()
}

/// The document's JSON with a `null` in place of each step, and its steps;
/// `None` when its `mainSteps` is not one list (then it is judged whole).
fn split_steps(tree: &Node) -> Option<(serde_json::Value, &[Node])> {
    let Value::Map(entries) = &tree.value else {
        return None;
    };
    let mut lists = entries.iter().filter(|(k, _)| k.name == "mainSteps");
    let (Some((_, node)), None) = (lists.next(), lists.next()) else {
        return None;
    };
    let Value::List(steps) = &node.value else {
        return None;
    };
    let mut rest = serde_json::Map::with_capacity(entries.len());
    for (key, item) in entries {
        let value = if key.name == "mainSteps" {
            serde_json::Value::Array(vec![serde_json::Value::Null; steps.len()])
        } else {
            as_json::to_json(item)
        };
        rest.insert(key.name.clone(), value);
    }
    Some((serde_json::Value::Object(rest), steps))
}

/// The findings of a document judged step by step (see [`schema_findings`]).
fn by_steps(
    validators: &Validators,
    rest: &serde_json::Value,
    steps: &[Node],
    tree: &Node,
) -> Vec<(String, String)> {
    let of_rest = whole(Some(&validators.stepless), rest);
    let keys: Vec<(step_cache::Key, &Node)> = steps
        .iter()
        .map(|s| (step_cache::key(validators.version, s), s))
        .collect();
    let mut found = step_cache::find_all(&keys);
    let mut judged = Vec::new();
    for ((key, step), slot) in keys.iter().zip(found.iter_mut()) {
        if slot.is_none() {
            let findings: Findings = whole(Some(&validators.step), &as_json::to_json(step))
                .into_iter()
                .map(|(path, message)| Finding { path, message })
                .collect();
            judged.push((*key, (*step).clone(), findings.clone()));
            *slot = Some(findings);
        }
    }
    if !judged.is_empty() {
        step_cache::keep_all(judged);
    }
    let of_steps: Vec<(String, String)> = found
        .iter()
        .enumerate()
        .flat_map(|(i, f)| {
            f.iter()
                .flat_map(|f| f.iter())
                .map(move |f| (format!("/mainSteps/{i}{}", f.path), f.message.clone()))
        })
        .collect();
    // Only one side has findings: they are the whole document's (a finding
    // of the rest at the root or at `mainSteps` itself would show the
    // placeholders, so it is judged whole too).
    let at_root = |(path, _): &(String, String)| path.is_empty() || path == "/mainSteps";
    if of_steps.is_empty() && !of_rest.iter().any(at_root) {
        return of_rest;
    }
    if of_rest.is_empty() {
        return of_steps;
    }
    whole(validators.whole(), &as_json::to_json(tree))
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
        findings_with(text, schema_findings)
    }

    /// The findings of `judge` on the JSON document `text`: each message
    /// and the text it points at.
    fn findings_with(text: &str, judge: fn(&Document) -> Vec<Diagnostic>) -> Vec<(String, String)> {
        let mut sources = SourceMap::new();
        let file = sources.add("doc.json".to_string(), text);
        let Some(f) = sources.get(file) else {
            return Vec::new();
        };
        let Ok(doc) = read::read_document(file, "doc", &f.text, In::Json) else {
            return Vec::new();
        };
        judge(&doc)
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

    /// Documents whose findings are in their steps, in the rest, in both, or
    /// in `mainSteps` itself: judged step by step (twice: the second time
    /// from the cache), they get the findings of the whole document judged
    /// at once, in its order and at its places.
    #[test]
    fn judged_step_by_step_the_findings_are_those_of_the_whole_document() {
        let bad_step = r#"{"name": "A", "action": "aws:sleep", "inputs": {"Timestamp": 5}}"#;
        let ok_step = r#"{"name": "S", "action": "aws:sleep", "inputs": {"Duration": "PT1S"}}"#;
        let missing = r#"{"name": "B", "action": "aws:pause"}"#;
        let looped = r#"{"name": "L", "action": "aws:loop", "inputs": {"MaxIterations": 2,
            "Steps": [{"name": "In", "action": "aws:sleep", "inputs": {"Timestamp": 5}}]}}"#;
        let automation = |rest: &str, steps: &[&str]| {
            format!(
                r#"{{"schemaVersion": "0.3", {rest} "mainSteps": [{}]}}"#,
                steps.join(", ")
            )
        };
        let cases = [
            automation("", &[bad_step, ok_step, missing]),
            automation("", &[ok_step, looped, bad_step, bad_step]),
            automation(r#""extra": 1,"#, &[ok_step]),
            automation(r#""extra": 1,"#, &[bad_step, ok_step]),
            automation(r#""assumeRole": 5,"#, &[missing]),
            automation(r#""parameters": {"P": {"type": "Bad"}}, "outputs": ["x"],"#, &[bad_step]),
            automation(r#""outputs": ["x"],"#, &[ok_step]),
            automation("", &[]),
            automation("", &[ok_step, ok_step]),
            r#"{"schemaVersion": "2.2", "parameters": {"P": {"type": "Nope"}}, "mainSteps": [
                {"name": "A", "action": "aws:runShellScript", "inputs": {"runCommand": "echo"}},
                {"name": "B", "action": "aws:runPowerShellScript", "precondition": {"StringEquals": ["x"]}}]}"#
                .to_string(),
            r#"{"schemaVersion": "2.2", "mainSteps": [
                {"name": "A", "action": "aws:runShellScript", "inputs": {"runCommand": "echo"}}]}"#
                .to_string(),
        ];
        let mut with_findings = 0;
        for text in &cases {
            let at_once = findings_with(text, schema_findings_at_once);
            with_findings += usize::from(!at_once.is_empty());
            for _ in 0..2 {
                assert_eq!(findings_with(text, schema_findings), at_once, "{text}");
            }
        }
        assert!(with_findings >= 9, "{with_findings}");
    }

    /// Every keyword of every schema object in `value` (property names and
    /// `$defs` names are not keywords: their values are schemas).
    fn keywords(value: &serde_json::Value, out: &mut Vec<String>) {
        let Some(map) = value.as_object() else {
            return;
        };
        for (key, sub) in map {
            out.push(key.clone());
            match (key.as_str(), sub) {
                ("properties" | "$defs" | "patternProperties", serde_json::Value::Object(m)) => {
                    m.values().for_each(|s| keywords(s, out));
                }
                (_, serde_json::Value::Array(items)) => items.iter().for_each(|s| keywords(s, out)),
                (_, serde_json::Value::Object(_)) => keywords(sub, out),
                _ => {}
            }
        }
    }

    #[test]
    fn the_schemas_use_only_keywords_that_mean_the_same_in_2019_09() {
        for version in ["2.2", "0.3"] {
            let text = schema::schema_for(version).expect("a schema");
            let value: serde_json::Value = serde_json::from_str(text).expect("JSON");
            let mut found = Vec::new();
            keywords(&value, &mut found);
            let changed: Vec<&String> = found
                .iter()
                .filter(|k| !SAME_IN_2019_09.contains(&k.as_str()))
                .collect();
            assert!(changed.is_empty(), "schema {version}: {changed:?}");
            // `items` in its array form changed meaning in 2020-12.
            assert!(!text.contains(r#""items": ["#), "schema {version}");
        }
    }

    /// Documents breaking each schema in many ways: the 2019-09 compile finds
    /// exactly what a 2020-12 compile of the same text finds.
    #[test]
    fn compiled_as_2019_09_the_findings_are_those_of_2020_12() {
        let automation = serde_json::json!({
            "schemaVersion": "0.3", "extra": 1, "assumeRole": 5,
            "parameters": {"Role": {"type": "Bad"}, "bad name": {"type": "String"}},
            "mainSteps": [
                {"name": "A", "action": "aws:sleep", "inputs": {"Timestamp": 5}},
                {"name": "B", "action": "aws:pause"},
                {"name": "C", "action": "aws:executeAwsApi", "inputs": {"Api": "X"}, "timeoutSeconds": "x"},
                {"name": "D", "action": "aws:branch", "onFailure": 5, "inputs": {"Choices": [
                    {"And": [{"Variable": "x", "Nope": 1}, {"Not": {"Or": []}}], "NextStep": "A"},
                    {"Variable": "{{ x }}", "StringEquals": 5}]}},
                {"name": "E", "action": "aws:loop", "inputs": {"Steps": [{"name": "F"}]}},
                {"name": "G", "action": "aws:nope", "outputs": [{"Name": 1}]},
            ],
        });
        let command = serde_json::json!({
            "schemaVersion": "2.2", "parameters": {"P": {"type": "Nope"}},
            "mainSteps": [
                {"name": "A", "action": "aws:runShellScript", "inputs": {"runCommand": "echo"}},
                {"name": "B", "action": "aws:runPowerShellScript", "precondition": {"StringEquals": ["x"]}},
                {"action": "aws:applications", "inputs": {"action": "Nope"}},
            ],
        });
        for (version, doc) in [("0.3", automation), ("2.2", command)] {
            let text = schema::schema_for(version).expect("a schema");
            let as_written: serde_json::Value = serde_json::from_str(text).expect("JSON");
            let written = jsonschema::validator_for(&as_written).expect("compiles as 2020-12");
            let compiled = compile_as_2019_09(as_written.clone()).expect("compiles as 2019-09");
            let errors = |v: &jsonschema::Validator| {
                v.iter_errors(&doc)
                    .map(|e| format!("{e} at {}", e.instance_path))
                    .collect::<Vec<_>>()
            };
            let expected = errors(&written);
            assert!(expected.len() >= 5, "schema {version}: {expected:?}");
            assert_eq!(errors(&compiled), expected, "schema {version}");
        }
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
