//! Names and keys as the importer writes them.
//!
//! Input: names from a document (step, parameter, variable and output names,
//! map keys). Output: [`ast::Name`]s and [`ast::Key`]s that the printer writes
//! so that the parser reads back the same text.
//! Invariant: a name is escaped (backticks) when it is not an identifier or
//! when it is a word the grammar gives a meaning somewhere; escaping is always
//! safe, so the list errs on the side of escaping.

use crate::span::Span;
use crate::syntax::ast;

/// Words written in backticks when they name a step, parameter, variable or output.
const KEYWORDS: &[&str] = &[
    "abort",
    "action",
    "assume_role",
    "attachment",
    "attempts",
    "automation",
    "branch",
    "command",
    "continue",
    "critical",
    "defaults",
    "description",
    "do",
    "else",
    "end",
    "extern",
    "false",
    "file",
    "files",
    "for",
    "global",
    "goto",
    "guard",
    "if",
    "input",
    "lines",
    "lit",
    "match",
    "null",
    "on_cancel",
    "on_failure",
    "output",
    "outputs",
    "param",
    "platform",
    "plugin",
    "raw",
    "required",
    "schema",
    "secret",
    "ssm",
    "ssm_secure",
    "step",
    "tags",
    "timeout",
    "true",
    "var",
    "when",
];

/// The synthesized span every importer node carries (no source text exists yet).
pub(crate) fn sp() -> Span {
    Span::default()
}

/// `[A-Za-z_][A-Za-z0-9_]*`.
pub(crate) fn is_ident(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `[A-Za-z0-9_]+`: what AWS allows for step and parameter names (and what backticks may hold).
pub(crate) fn is_name_text(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

pub(crate) fn is_keyword(text: &str) -> bool {
    KEYWORDS.contains(&text)
}

/// A step/parameter/variable/output name; `None` when backticks cannot hold it.
pub(crate) fn name(text: &str) -> Option<ast::Name> {
    if !is_name_text(text) {
        return None;
    }
    Some(ast::Name {
        text: text.to_string(),
        span: sp(),
        escaped: !is_ident(text) || is_keyword(text),
    })
}

/// A map key: bare when it is an identifier, quoted otherwise.
pub(crate) fn key(text: &str) -> ast::Key {
    ast::Key {
        text: text.to_string(),
        quoted: !is_ident(text),
        span: sp(),
    }
}

/// The document name: an identifier (backticked when it is a keyword), or a
/// name the printer writes as a string (`"AWS-RestartEC2Instance"`).
pub(crate) fn document_name(text: &str) -> ast::Name {
    ast::Name {
        text: text.to_string(),
        span: sp(),
        escaped: is_ident(text) && is_keyword(text),
    }
}
