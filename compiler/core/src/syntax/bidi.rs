//! Trojan Source (CVE-2021-42574): bidirectional control characters in a
//! source or document make its text display in another order than the one
//! a parser, shell or SSM reads, so a reviewer approves code that does not
//! run as shown. rustc refuses them outside escapes; so does ssmc.
//!
//! Input: a normalised text (`.rbk`, or a raw JSON/YAML document).
//! Output: one [`codes::BIDI_CONTROL`] error per line that holds such
//! characters, naming each code point, as rustc does.
//! Invariant: one pass over the text, whatever the number of lines or characters.

use super::codes;
use crate::controls;
use crate::diagnostic::Diagnostic;
use crate::span::{FileId, Span};

/// Every line of `text` with a bidirectional control, as an error at its first one.
pub fn check(file: FileId, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut on_line: Vec<(usize, char)> = Vec::new();
    for (at, c) in text.char_indices() {
        if c == '\n' {
            out.extend(line_diagnostic(file, &on_line));
            on_line.clear();
        } else if controls::is_bidi_control(c) {
            on_line.push((at, c));
        }
    }
    out.extend(line_diagnostic(file, &on_line));
    out
}

fn span_of(file: FileId, at: usize, c: char) -> Span {
    Span::new(file, at, at + c.len_utf8())
}

fn line_diagnostic(file: FileId, found: &[(usize, char)]) -> Option<Diagnostic> {
    let (&(first_at, first), rest) = found.split_first()?;
    let names: Vec<String> = found
        .iter()
        .map(|&(_, c)| format!("`{}` ({})", controls::escaped(c), controls::bidi_name(c)))
        .collect();
    let mut d = Diagnostic::error(
        codes::BIDI_CONTROL,
        span_of(file, first_at, first),
        format!(
            "a bidirectional control character changes the order this line is shown in: {}",
            names.join(", ")
        ),
    )
    .with_label(format!("`{}`", controls::escaped(first)));
    for &(at, c) in rest {
        d = d.with_secondary(span_of(file, at, c), format!("`{}`", controls::escaped(c)));
    }
    Some(d.with_help(
        "these characters make the text read in another order than it runs (Trojan Source); \
         remove them, or write the character as an escape (`\\u202E`) in a string",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_with_bidi_controls_is_one_error_naming_them() {
        let text = "ok\n/* \u{202e} } \u{2066} */\nstill ok\n\"\u{2069}\"";
        let found = check(FileId(0), text);
        assert_eq!(found.len(), 2, "{found:?}");
        let first = &found[0];
        assert_eq!(first.code, "E0018");
        assert!(
            first.message.contains(
                "`\\u{202e}` (RIGHT-TO-LEFT OVERRIDE), `\\u{2066}` (LEFT-TO-RIGHT ISOLATE)"
            ),
            "{}",
            first.message
        );
        assert_eq!(first.primary.span.start, 6);
        assert_eq!(first.secondary.len(), 1);
        assert!(found[1].message.contains("POP DIRECTIONAL ISOLATE"));
        assert!(check(FileId(0), "plain\ntext — ünïcode\n").is_empty());
    }
}
