//! The action reference (`docs/actions.md`) rendered from a [`Catalog`].
//!
//! Input: a loaded catalog. Output: Markdown text. Invariant: the output
//! depends only on the catalog's content and order, so a committed copy can be
//! compared byte for byte (a test fails when `docs/actions.md` is stale).

use std::fmt::Write as _;

use crate::catalog::{ActionSig, Catalog};
use crate::model::{DocKind, Value};

/// Markdown reference of every action: one section per action (sorted by name
/// within each document kind) with its inputs and outputs.
pub fn markdown(catalog: &Catalog) -> String {
    let mut out = String::new();
    out.push_str("# Action reference\n\n");
    out.push_str(
        "<!-- Generated from stdlib/actions/*.rbk by the ssmc-tests test `stdlib::docs_are_fresh`; \
         regenerate with `UPDATE_DOCS=1 cargo test -p ssmc-tests docs_are_fresh`. Do not edit. -->\n\n",
    );
    out.push_str(
        "Every action the compiler knows, as declared in `stdlib/actions/`. \
         Command plugin inputs match case-insensitively (the agent reads them that way).\n",
    );
    for (kind, title) in [
        (DocKind::Automation, "Automation actions"),
        (DocKind::Command, "Command plugins"),
    ] {
        // By name, not by file: readers look actions up alphabetically.
        let mut actions: Vec<&ActionSig> = catalog
            .actions
            .iter()
            .map(|a| &**a)
            .filter(|a| a.allows(kind))
            .collect();
        actions.sort_by(|a, b| a.name.cmp(&b.name));
        let _ = write!(out, "\n## {title} ({})\n\n", actions.len());
        for a in &actions {
            let _ = writeln!(out, "- [`{}`](#{})", a.name, anchor(&a.name));
        }
        for a in actions {
            action_section(&mut out, a);
        }
    }
    out
}

fn action_section(out: &mut String, a: &ActionSig) {
    let _ = write!(out, "\n### `{}`\n\n", a.name);
    if !a.docs.is_empty() {
        let _ = writeln!(out, "{}\n", one_line(&a.docs));
    }
    let kinds: Vec<&str> = a
        .kinds
        .iter()
        .map(|k| match k {
            DocKind::Automation => "automation",
            DocKind::Command => "command",
        })
        .collect();
    let _ = write!(out, "For: {}.", kinds.join(", "));
    if !a.attrs.is_empty() {
        let attrs: Vec<String> = a.attrs.iter().map(|x| format!("`@{x}`")).collect();
        let _ = write!(out, " Attributes: {}.", attrs.join(", "));
    }
    out.push('\n');

    if a.inputs.is_empty() {
        out.push_str("\nInputs: none declared.\n");
    } else {
        out.push_str("\n| input | type | required | allowed values | description |\n");
        out.push_str("| --- | --- | --- | --- | --- |\n");
        for i in &a.inputs {
            let allowed = i.allowed_values.as_ref().map_or_else(String::new, |vs| {
                vs.iter()
                    .map(|v| format!("`{}`", cell(&value_text(v))))
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            let _ = writeln!(
                out,
                "| `{}` | `{}` | {} | {} | {} |",
                i.name,
                cell(&i.ty.to_string()),
                if i.required { "yes" } else { "no" },
                allowed,
                cell(&one_line(&i.docs)),
            );
        }
    }
    if a.any_input {
        out.push_str("\nAny other input is accepted and passed through (`input ..`).\n");
    }
    if a.outputs.is_empty() {
        out.push_str("\nOutputs: none.\n");
    } else {
        out.push_str("\n| output | type | description |\n| --- | --- | --- |\n");
        for o in &a.outputs {
            let _ = writeln!(
                out,
                "| `{}` | `{}` | {} |",
                o.name,
                cell(&o.ty.to_string()),
                cell(&one_line(&o.docs))
            );
        }
    }
}

/// GitHub's heading anchor for `` `aws:runCommand` ``: lower-case, punctuation dropped.
fn anchor(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .flat_map(char::to_lowercase)
        .collect()
}

fn one_line(text: &str) -> String {
    text.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Escapes a table cell's `|`.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::String(s) => s.clone(),
        Value::List(_) => "[…]".into(),
        Value::Map(_) => "{…}".into(),
    }
}
