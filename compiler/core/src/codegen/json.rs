//! JSON text from a value tree.
//!
//! Input: a [`Node`]. Output: 2-space indented UTF-8 JSON ending with a newline.
//! Invariants: deterministic (map order as given); integers print as integers
//! and floats always with a fraction or exponent, so they re-read as the same
//! float; only `"`, `\` and control characters are escaped.
//! Non-finite floats (only reachable from YAML `.inf`/`.nan`) have no JSON form
//! and print as `null`.

use crate::model::{Node, Value};

/// Serialises `node` as pretty JSON.
pub fn emit_json(node: &Node) -> String {
    let mut out = String::new();
    write_value(&mut out, &node.value, 0);
    out.push('\n');
    out
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

fn write_value(out: &mut String, value: &Value, level: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) => out.push_str(&format_float(*f)),
        Value::String(s) => write_string(out, s),
        Value::List(items) if items.is_empty() => out.push_str("[]"),
        Value::List(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                indent(out, level + 1);
                write_value(out, &item.value, level + 1);
                if i + 1 < items.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            indent(out, level);
            out.push(']');
        }
        Value::Map(entries) if entries.is_empty() => out.push_str("{}"),
        Value::Map(entries) => {
            out.push_str("{\n");
            for (i, (key, item)) in entries.iter().enumerate() {
                indent(out, level + 1);
                write_string(out, &key.name);
                out.push_str(": ");
                write_value(out, &item.value, level + 1);
                if i + 1 < entries.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            indent(out, level);
            out.push('}');
        }
    }
}

/// A float as JSON: the shortest text that parses back to the same `f64`,
/// always with a `.` or an exponent so that it stays a float.
pub fn format_float(f: f64) -> String {
    if !f.is_finite() {
        return "null".to_string();
    }
    // Rust's `Debug` for f64 is the shortest round-trip form and always has
    // `.0` or an exponent (`1.0`, `0.1`, `1e21`, `1.5e-7`).
    format!("{f:?}")
}

/// A JSON string literal with the minimal escapes.
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
