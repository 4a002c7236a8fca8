//! Generated cases written as a `*.test.toml` file (`testfile` reads it
//! back to the same scenarios): one `[[test]]` per case, values as inline
//! TOML, expectations (path, status, the document's outputs) from the run.
//!
//! JSON's `null` has no TOML form: a null member or item is left out, and an
//! expected output holding one is not written (what is not written is not
//! checked).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value as Json;

use super::cases::GeneratedCase;
use super::scenario::Attempt;
use super::testfile::all_steps;
use crate::model::Document;

/// The test file of `cases` for `doc`, which the file names as `runbook`.
pub fn test_file(runbook: &str, doc: &Document, cases: &[GeneratedCase]) -> String {
    test_file_headed(
        "Written by `ssmc test init`: mocks generated from the document's types,\n\
         expectations from a simulated run. Replace the samples with the answers\n\
         you expect from AWS, and run `ssmc test`.",
        runbook,
        doc,
        cases,
    )
}

/// [`test_file`] under `header`, each of its lines written as a comment.
pub fn test_file_headed(
    header: &str,
    runbook: &str,
    doc: &Document,
    cases: &[GeneratedCase],
) -> String {
    let scripts: Vec<&str> = all_steps(doc)
        .into_iter()
        .filter(|s| s.action_str() == "aws:executeScript")
        .map(|s| s.name_str())
        .collect();
    let mut out = String::new();
    for line in header.lines() {
        let _ = writeln!(out, "# {line}");
    }
    let _ = writeln!(out, "runbook = {}", string(runbook));
    let _ = writeln!(out, "document = {}", string(&doc.name));
    for case in cases {
        let s = &case.scenario;
        let _ = write!(out, "\n[[test]]\nname = {}\n", string(&case.name));
        if let Some(platform) = &s.platform {
            let _ = writeln!(out, "platform = {}", string(platform));
        }
        for (key, map) in [("inputs", &s.inputs), ("ssm", &s.ssm_parameters)] {
            if !map.is_empty() {
                let _ = writeln!(out, "{key} = {}", table(map));
            }
        }
        for (step, mock) in &s.mocks {
            let payload = scripts.contains(&step.as_str());
            match mock.attempts.as_slice() {
                [one] => {
                    for (k, v) in attempt_fields(one, payload) {
                        let _ = writeln!(out, "mock.{}.{k} = {v}", key(step));
                    }
                }
                many => {
                    let items: Vec<String> = many
                        .iter()
                        .map(|a| {
                            let fields: Vec<String> = attempt_fields(a, payload)
                                .into_iter()
                                .map(|(k, v)| format!("{k} = {v}"))
                                .collect();
                            inline(&fields)
                        })
                        .collect();
                    let _ = writeln!(out, "mock.{}.attempts = [{}]", key(step), items.join(", "));
                }
            }
        }
        let path: Vec<Json> = case
            .run
            .step_names()
            .into_iter()
            .map(|n| Json::String(n.to_string()))
            .collect();
        if let Some(path) = value(&Json::Array(path)) {
            let _ = writeln!(out, "expect.path = {path}");
        }
        let _ = writeln!(out, "expect.status = {}", string(case.run.status.as_str()));
        let outputs: BTreeMap<String, Json> = case
            .run
            .outputs
            .iter()
            .filter(|(_, v)| !has_null(v))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if !outputs.is_empty() {
            let _ = writeln!(out, "expect.outputs = {}", table(&outputs));
        }
    }
    out
}

/// An attempt's keys as `docs/testing.md` names them (`payload` for a script).
fn attempt_fields(a: &Attempt, payload: bool) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(status) = a.status {
        out.push(("status", string(status.as_str())));
    }
    if let Some(r) = a.response.as_ref().and_then(value) {
        out.push((if payload { "payload" } else { "response" }, r));
    }
    if !a.outputs.is_empty() {
        out.push(("outputs", table(&a.outputs)));
    }
    if let Some(d) = a.duration {
        out.push(("duration", d.to_string()));
    }
    if let Some(b) = a.approve {
        out.push(("approve", b.to_string()));
    }
    if let Some(c) = a.exit_code {
        out.push(("exit_code", c.to_string()));
    }
    out
}

fn has_null(v: &Json) -> bool {
    match v {
        Json::Null => true,
        Json::Array(items) => items.iter().any(has_null),
        Json::Object(m) => m.values().any(has_null),
        _ => false,
    }
}

fn table(map: &BTreeMap<String, Json>) -> String {
    let fields: Vec<String> = map
        .iter()
        .filter_map(|(k, v)| Some(format!("{} = {}", key(k), value(v)?)))
        .collect();
    inline(&fields)
}

fn inline(fields: &[String]) -> String {
    if fields.is_empty() {
        "{}".to_string()
    } else {
        format!("{{ {} }}", fields.join(", "))
    }
}

/// A TOML value; `None` for `null`.
fn value(v: &Json) -> Option<String> {
    Some(match v {
        Json::Null => return None,
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.to_string(),
            // TOML integers are 64-bit signed; a float keeps a larger one.
            (None, Some(f)) if f.fract() == 0.0 => format!("{f:.1}"),
            (None, Some(f)) => f.to_string(),
            (None, None) => return None,
        },
        Json::String(s) => string(s),
        Json::Array(items) => {
            let items: Vec<String> = items.iter().filter_map(value).collect();
            format!("[{}]", items.join(", "))
        }
        Json::Object(m) => {
            let fields: Vec<String> = m
                .iter()
                .filter_map(|(k, v)| Some(format!("{} = {}", key(k), value(v)?)))
                .collect();
            inline(&fields)
        }
    })
}

/// A TOML basic string: JSON's string escapes are all valid TOML escapes.
fn string(s: &str) -> String {
    Json::String(s.to_string()).to_string()
}

/// A bare key when TOML allows one, else a quoted key.
fn key(k: &str) -> String {
    let bare = !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        k.to_string()
    } else {
        string(k)
    }
}
