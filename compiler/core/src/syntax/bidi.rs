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

/// The first byte of every bidirectional control in UTF-8 (U+202A–U+202E and
/// U+2066–U+2069 are all `E2 80 xx` or `E2 81 xx`): the scan jumps from one
/// such byte to the next instead of decoding every character.
const LEAD_BYTE: u8 = 0xE2;

/// Every line of `text` with a bidirectional control, as an error at its first one.
pub fn check(file: FileId, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut on_line: Vec<(usize, char)> = Vec::new();
    // Where the line of the controls in `on_line` ends (its `\n` or the text's end).
    let mut line_end = 0;
    for at in memchr::memchr_iter(LEAD_BYTE, text.as_bytes()) {
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        if !controls::is_bidi_control(c) {
            continue;
        }
        if at > line_end || on_line.is_empty() {
            out.extend(line_diagnostic(file, &on_line));
            on_line.clear();
            line_end = memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i);
        }
        on_line.push((at, c));
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

    #[test]
    fn controls_on_one_line_are_one_error_and_other_three_byte_characters_are_not_controls() {
        // `—` (U+2014) shares the lead byte 0xE2 with the controls.
        let text = "a — \u{202a}b\u{2069}\n\n— \u{2066}\n\u{202e}";
        let found = check(FileId(0), text);
        let lines: Vec<(u32, usize)> = found
            .iter()
            .map(|d| (d.primary.span.start, d.secondary.len()))
            .collect();
        assert_eq!(lines, [(6, 1), (19, 0), (23, 0)], "{found:#?}");
    }
}
