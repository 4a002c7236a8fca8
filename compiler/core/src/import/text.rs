//! How the importer writes text: doc comments, string styles, `lines`.
//!
//! Input: string values of a document. Output: the most readable
//! [`ast::StringLit`] style whose lexing gives back exactly the same text.
//! Invariants (each function states when its form is exact):
//! - a `///` comment holds text whose lines the lexer gives back unchanged;
//! - a `"""` block holds text with no control character other than newline
//!   and tab, and no line the lexer would take for the closing delimiter;
//! - a `#"…"#` raw string holds one line with no control character and no `"`;
//! - everything else is a quoted string with JSON escapes (always exact).

use super::names::sp;
use crate::syntax::ast::{StringLit, StringStyle};

/// True when `///` lines give back exactly `text`.
///
/// The lexer takes each `///` line minus one leading space and joins the lines
/// with `\n`; the printer writes `/// line` (or a lone `///` for an empty line).
/// That is exact for any text except: control characters (other than the
/// newline that separates lines), which a comment cannot hold, and whitespace
/// at the end of a line, which editors and `fmt` users strip. A final `\n`
/// becomes a final lone `///`.
pub(crate) fn doc_comment_ok(text: &str) -> bool {
    text.split('\n').all(|line| {
        !line.chars().any(char::is_control)
            && !line.chars().next_back().is_some_and(char::is_whitespace)
    })
}

/// True when a `"""` block (of any flavour) can hold `text` exactly.
fn block_ok(text: &str) -> bool {
    text.contains('\n')
        && !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
}

/// The block style for `text`: `"""` when no line could close it, else `#"""`
/// with enough `#`s; `None` when no block holds it exactly.
pub(crate) fn block_style(text: &str) -> Option<StringStyle> {
    if !block_ok(text) {
        return None;
    }
    if !text.contains("\"\"\"") {
        return Some(StringStyle::Block);
    }
    (1u8..=8)
        .find(|n| {
            let close = format!("\"\"\"{}", "#".repeat(usize::from(*n)));
            !text.contains(&close)
        })
        .map(StringStyle::RawBlock)
}

/// The style for a one-line string: `#"…"#` when it has a backslash and no
/// quote (regexes, Windows paths), else quoted.
fn line_style(text: &str) -> StringStyle {
    if text.contains('\\') && !text.contains('"') && !text.chars().any(char::is_control) {
        StringStyle::Raw(1)
    } else {
        StringStyle::Quoted
    }
}

/// A string literal for `text` in the most readable exact style.
pub(crate) fn string_lit(text: &str) -> StringLit {
    let style = if text.contains('\n') {
        block_style(text).unwrap_or(StringStyle::Quoted)
    } else {
        line_style(text)
    };
    StringLit {
        value: text.to_string(),
        style,
        lit: false,
        span: sp(),
    }
}

/// A quoted string literal (for `description "…"` when `///` is not exact).
pub(crate) fn quoted(text: &str) -> StringLit {
    StringLit {
        value: text.to_string(),
        style: StringStyle::Quoted,
        lit: false,
        span: sp(),
    }
}

/// The text of `lines """…"""` for a list of strings, when `lines` gives back
/// exactly these elements: `lines` splits on `\n` (n newlines give n+1
/// elements), so no element may contain `\n`; the joined text must fit a block.
pub(crate) fn lines_text(items: &[&str]) -> Option<(String, StringStyle)> {
    if items.len() < 2 || items.iter().any(|s| s.contains('\n')) {
        return None;
    }
    let text = items.join("\n");
    let style = block_style(&text)?;
    Some((text, style))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_comments_refuse_trailing_space_and_control_chars() {
        assert!(doc_comment_ok("one\ntwo\n"));
        assert!(doc_comment_ok(""));
        assert!(doc_comment_ok("  indented\n\n"));
        assert!(!doc_comment_ok("trailing \nx"));
        assert!(!doc_comment_ok("tab\there"));
        assert!(!doc_comment_ok("bell\u{7}"));
    }

    #[test]
    fn block_styles_avoid_closing_delimiters() {
        assert_eq!(block_style("a\nb"), Some(StringStyle::Block));
        assert_eq!(
            block_style("x = \"\"\"doc\"\"\"\ny"),
            Some(StringStyle::RawBlock(1))
        );
        assert_eq!(
            block_style("a \"\"\"# b\nc"),
            Some(StringStyle::RawBlock(2))
        );
        assert_eq!(block_style("no newline"), None);
        assert_eq!(block_style("a\u{1}\nb"), None);
    }

    #[test]
    fn regexes_become_raw_strings() {
        assert_eq!(string_lit(r"^\d+$").style, StringStyle::Raw(1));
        assert_eq!(string_lit(r#"say "\n""#).style, StringStyle::Quoted);
        assert_eq!(string_lit("plain").style, StringStyle::Quoted);
    }

    #[test]
    fn lines_need_two_single_line_elements() {
        assert_eq!(
            lines_text(&["a", "", "b "]),
            Some(("a\n\nb ".to_string(), StringStyle::Block))
        );
        assert_eq!(lines_text(&["only"]), None);
        assert_eq!(lines_text(&["a\nb", "c"]), None);
    }
}
