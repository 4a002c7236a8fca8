//! YAML text from a value tree, block style, our own deterministic emitter.
//!
//! Input: a [`Node`]. Output: YAML that YAML 1.1 readers (PyYAML, our reader)
//! and YAML 1.2 readers (libyaml-based serde_yaml_ng, yaml-rust2) all read back
//! to exactly the same value.
//! Invariants: a string is written plain only when no reader could take it for
//! anything else (bool, number, null, date, merge key, indicator syntax);
//! multi-line strings are literal block scalars only when that is exact, else
//! double-quoted with escapes; the top-level `schemaVersion` is always quoted.

use super::json::format_float;
use super::read::resolve::{resolve_plain, Resolved};
use crate::model::{Key, Node, Value};

/// Serialises `node` as block-style YAML ending with a newline.
pub fn emit_yaml(node: &Node) -> String {
    let mut out = String::new();
    match &node.value {
        Value::Map(entries) if !entries.is_empty() => write_map(&mut out, entries, 0, false, true),
        Value::List(items) if !items.is_empty() => write_list(&mut out, items, 0, false),
        value => {
            write_scalar(&mut out, value, 0, false);
            out.push('\n');
        }
    }
    out
}

fn indent(out: &mut String, n: usize) {
    for _ in 0..n {
        out.push(' ');
    }
}

/// Writes map entries at column `col`; the first entry's indentation is
/// already written when `positioned` (a map that starts a list item).
fn write_map(out: &mut String, entries: &[(Key, Node)], col: usize, positioned: bool, top: bool) {
    for (i, (key, node)) in entries.iter().enumerate() {
        if i > 0 || !positioned {
            indent(out, col);
        }
        let mut key_text = String::new();
        write_string(&mut key_text, &key.name, col, true, false);
        // An implicit key may be at most 1024 characters long; longer ones use
        // the explicit `? key` / `: value` form.
        if key_text.chars().count() > 1000 {
            out.push_str("? ");
            out.push_str(&key_text);
            out.push('\n');
            indent(out, col);
        } else {
            out.push_str(&key_text);
        }
        out.push(':');
        match &node.value {
            Value::Map(m) if !m.is_empty() => {
                out.push('\n');
                write_map(out, m, col + 2, false, false);
            }
            Value::List(l) if !l.is_empty() => {
                out.push('\n');
                write_list(out, l, col + 2, false);
            }
            Value::String(s) if top && key.name == "schemaVersion" => {
                out.push(' ');
                write_double_quoted(out, s);
                out.push('\n');
            }
            value => {
                out.push(' ');
                write_scalar(out, value, col, false);
                out.push('\n');
            }
        }
    }
}

/// Writes list items with their `-` at column `col`.
fn write_list(out: &mut String, items: &[Node], col: usize, positioned: bool) {
    for (i, node) in items.iter().enumerate() {
        if i > 0 || !positioned {
            indent(out, col);
        }
        out.push_str("- ");
        match &node.value {
            Value::Map(m) if !m.is_empty() => write_map(out, m, col + 2, true, false),
            Value::List(l) if !l.is_empty() => write_list(out, l, col + 2, true),
            value => {
                write_scalar(out, value, col, false);
                out.push('\n');
            }
        }
    }
}

/// A scalar (or an empty collection) after `key: ` or `- `. `col` is the
/// indentation of the enclosing collection, which block scalar content exceeds by 2.
fn write_scalar(out: &mut String, value: &Value, col: usize, is_key: bool) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) => out.push_str(&yaml_float(*f)),
        Value::String(s) => write_string(out, s, col, is_key, true),
        Value::List(_) => out.push_str("[]"),
        Value::Map(_) => out.push_str("{}"),
    }
}

/// A float that YAML 1.1 (`[0-9]+\.[0-9]*([eE][-+][0-9]+)?`) and YAML 1.2
/// readers both take as the same float.
pub fn yaml_float(f: f64) -> String {
    if f.is_nan() {
        return ".nan".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { ".inf" } else { "-.inf" }.to_string();
    }
    let text = format_float(f);
    let Some((mantissa, exp)) = text.split_once('e') else {
        return text;
    };
    let mantissa = if mantissa.contains('.') {
        mantissa.to_string()
    } else {
        format!("{mantissa}.0")
    };
    let exp = if exp.starts_with('-') {
        exp.to_string()
    } else {
        format!("+{exp}")
    };
    format!("{mantissa}e{exp}")
}

fn write_string(out: &mut String, s: &str, col: usize, is_key: bool, allow_block: bool) {
    if is_plain_safe(s) {
        out.push_str(s);
    } else if allow_block && !is_key && literal_ok(s) {
        write_literal(out, s, col + 2);
    } else {
        write_double_quoted(out, s);
    }
}

/// Whether `s` may be written as a plain scalar and read back as this string
/// by every YAML 1.1 and 1.2 reader.
pub fn is_plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) || s.starts_with("...") {
        return false;
    }
    if s.starts_with(char::is_whitespace) || s.ends_with(char::is_whitespace) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    if !s.chars().all(plain_char) {
        return false;
    }
    !looks_typed(s)
}

/// Whether some YAML reader would resolve the plain scalar `s` to a non-string.
fn looks_typed(s: &str) -> bool {
    if !matches!(resolve_plain(s), Resolved::String) {
        return true;
    }
    // YAML 1.1 booleans PyYAML leaves out; YAML 1.2 and Rust float spellings.
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "y" | "n"
            | "yes"
            | "no"
            | "on"
            | "off"
            | "true"
            | "false"
            | "null"
            | "~"
            | "inf"
            | "+inf"
            | "-inf"
            | "infinity"
            | "+infinity"
            | "-infinity"
            | "nan"
            | ".inf"
            | "+.inf"
            | "-.inf"
            | ".nan"
            | "<<"
            | "="
    ) {
        return true;
    }
    // Anything that starts like a number (ints in any base, floats, dates,
    // sexagesimal, `1_000`) is quoted: some reader takes most of them as numbers.
    let mut chars = s.chars();
    let first = chars.next().unwrap_or(' ');
    let second = chars.next().unwrap_or(' ');
    first.is_ascii_digit() || ("+-.".contains(first) && (second.is_ascii_digit() || second == '.'))
}

/// Characters a plain scalar may hold: printable, no tab or line break.
fn plain_char(c: char) -> bool {
    c != '\t' && c != '\u{feff}' && printable(c) && !is_break(c)
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// YAML's printable set (as PyYAML checks it).
fn printable(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | '\u{20}'..='\u{7e}' | '\u{85}' | '\u{a0}'..='\u{d7ff}'
        | '\u{e000}'..='\u{fffd}' | '\u{10000}'..='\u{10ffff}')
}

/// A literal block scalar is exact when every line survives verbatim: no
/// trailing blanks (editors and some readers drop them), no characters that
/// need escapes or that YAML 1.1 treats as line breaks, and some content.
fn literal_ok(s: &str) -> bool {
    s.contains('\n')
        && s.chars()
            .all(|c| c == '\n' || c == '\t' || (printable(c) && !is_break(c) && c != '\u{feff}'))
        && s.split('\n')
            .all(|line| !line.ends_with(' ') && !line.ends_with('\t'))
        && s.split('\n').any(|line| !line.is_empty())
}

/// Writes `|`, `|-` or `|+` (with an indentation indicator when the text
/// starts with a blank or a line break) and the lines at column `col`.
fn write_literal(out: &mut String, s: &str, col: usize) {
    out.push('|');
    let first_content = s.split('\n').find(|line| !line.is_empty()).unwrap_or("");
    if s.starts_with('\n') || first_content.starts_with(' ') || first_content.starts_with('\t') {
        out.push('2');
    }
    let body = s.trim_end_matches('\n');
    let trailing = s.len() - body.len();
    match trailing {
        0 => out.push('-'),
        1 => {}
        _ => out.push('+'),
    }
    out.push('\n');
    for line in body.split('\n') {
        if !line.is_empty() {
            indent(out, col);
            out.push_str(line);
        }
        out.push('\n');
    }
    // `|+` keeps the final line breaks as empty lines after the content.
    for _ in 1..trailing {
        out.push('\n');
    }
    // The caller ends the entry with '\n'; the last content line already has it.
    out.pop();
}

/// A double-quoted scalar on one line with YAML escapes.
pub fn write_double_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            '\u{feff}' => out.push_str("\\uFEFF"),
            c if !printable(c) => {
                let n = u32::from(c);
                if n <= 0xff {
                    out.push_str(&format!("\\x{n:02X}"));
                } else {
                    out.push_str(&format!("\\u{n:04X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
