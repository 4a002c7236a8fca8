//! Printing of names, keys, types and string literals.
//!
//! Input: AST leaves. Output: their canonical source text.
//! Invariant: a string's value and style never change; one-line strings are
//! printed from their source text when it is available (so escapes stay as
//! the author spelled them), block strings are re-indented only.

use super::Printer;
use crate::syntax::ast::{Key, Name, StringLit, StringStyle, TypeExpr};

pub(crate) fn is_ident(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A name, backticked when it was written so or cannot be written bare.
pub(crate) fn name(n: &Name) -> String {
    if n.escaped || !is_ident(&n.text) {
        format!("`{}`", n.text)
    } else {
        n.text.clone()
    }
}

/// A document name: bare, backticked, or a string (for names such as `AWS-Restart`).
pub(crate) fn doc_name(n: &Name) -> String {
    if n.escaped {
        format!("`{}`", n.text)
    } else if is_ident(&n.text) {
        n.text.clone()
    } else {
        quote(&n.text)
    }
}

pub(crate) fn key(k: &Key) -> String {
    if k.quoted || !is_ident(&k.text) {
        quote(&k.text)
    } else {
        k.text.clone()
    }
}

pub(crate) fn type_expr(t: &TypeExpr) -> String {
    if t.quoted {
        quote(&t.text)
    } else {
        t.text.clone()
    }
}

/// A `"…"` string with JSON escapes for `value`.
pub(crate) fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            // Every control character the lexer rejects in source (C0, DEL, C1) is escaped.
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The number of `#`s a raw string needs so that `value` cannot close it.
fn hashes_needed(value: &str, at_least: u8, closer: &str) -> usize {
    let mut n = usize::from(at_least.max(1));
    while value.contains(&format!("{closer}{}", "#".repeat(n))) {
        n += 1;
    }
    n
}

impl Printer<'_> {
    pub(crate) fn string(&mut self, s: &StringLit) {
        if s.lit {
            self.write("lit");
        }
        match s.style {
            StringStyle::Quoted => {
                let text = self
                    .one_line_source(s, '"')
                    .unwrap_or_else(|| quote(&s.value));
                self.write(&text);
            }
            StringStyle::Raw(n) => {
                if s.value.contains('\n') {
                    // Cannot be a one-line raw string (synthesized AST): keep the value.
                    self.write(&quote(&s.value));
                } else if let Some(text) = self.one_line_source(s, '#') {
                    self.write(&text);
                } else {
                    let h = "#".repeat(hashes_needed(&s.value, n, "\""));
                    self.write(&format!("{h}\"{}\"{h}", s.value));
                }
            }
            StringStyle::Block => {
                let closes = s.value.split('\n').any(|l| l.trim() == "\"\"\"");
                if closes {
                    self.block_string(&s.value, 1);
                } else {
                    self.block_string(&s.value, 0);
                }
            }
            StringStyle::RawBlock(n) => {
                let h = hashes_needed(&s.value, n, "\"\"\"");
                self.block_string(&s.value, h);
            }
        }
    }

    /// The source text of a one-line string, without any `lit` prefix, when
    /// it starts with `first` (a sanity check that the span is the string's).
    fn one_line_source(&self, s: &StringLit, first: char) -> Option<String> {
        let text = self.slice(s.span)?;
        let text = text.strip_prefix("lit").unwrap_or(text).trim_start();
        (text.starts_with(first) && text.ends_with(['"', '#']) && !text.contains('\n'))
            .then(|| text.to_string())
    }

    /// A block string: opening delimiter here, content lines and the closing
    /// delimiter indented two more than the line the string starts on.
    fn block_string(&mut self, value: &str, hashes: usize) {
        let h = "#".repeat(hashes);
        if self.out.is_empty() || self.out.ends_with('\n') {
            self.push_indent();
        }
        self.write_verbatim(&format!("{h}\"\"\""));
        let line_indent = self.current_line_indent() + super::INDENT;
        let pad = " ".repeat(line_indent);
        for line in value.split('\n') {
            self.write_verbatim("\n");
            if !line.is_empty() {
                self.write_verbatim(&pad);
                self.write_verbatim(line);
            }
        }
        self.write_verbatim("\n");
        self.write_verbatim(&pad);
        self.write_verbatim(&format!("\"\"\"{h}"));
    }

    /// The indentation of the line being written.
    fn current_line_indent(&self) -> usize {
        let line_start = self.out.rfind('\n').map_or(0, |i| i + 1);
        self.out
            .get(line_start..)
            .map_or(0, |l| l.len() - l.trim_start_matches(' ').len())
    }
}
