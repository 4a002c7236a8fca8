//! Characters a reader cannot see: terminal controls and bidirectional
//! (Trojan Source) controls in text that came from a document.
//!
//! Input: any text. Output: whether it holds such characters, where, and the
//! text with each one written as a visible `\u{…}` escape.
//! Invariants: tab and line feed are never escaped (they lay text out);
//! everything else in Unicode's `Cc` category (C0, DEL, C1) and every
//! text-flow control is; [`escape`] borrows when there is nothing to escape,
//! so clean text costs one scan.

use std::borrow::Cow;

/// The text-flow (bidirectional) controls, rustc's list for its
/// `text_direction_codepoint_in_literal` and `…_in_comment` lints: the
/// embeddings, overrides and isolates and their terminators. Each can make
/// code display in an order other than the one a compiler or shell reads
/// (CVE-2021-42574, "Trojan Source").
pub const BIDI_CONTROLS: [char; 9] = [
    '\u{202A}', // LEFT-TO-RIGHT EMBEDDING
    '\u{202B}', // RIGHT-TO-LEFT EMBEDDING
    '\u{202C}', // POP DIRECTIONAL FORMATTING
    '\u{202D}', // LEFT-TO-RIGHT OVERRIDE
    '\u{202E}', // RIGHT-TO-LEFT OVERRIDE
    '\u{2066}', // LEFT-TO-RIGHT ISOLATE
    '\u{2067}', // RIGHT-TO-LEFT ISOLATE
    '\u{2068}', // FIRST STRONG ISOLATE
    '\u{2069}', // POP DIRECTIONAL ISOLATE
];

/// Whether `c` is one of the [`BIDI_CONTROLS`].
pub fn is_bidi_control(c: char) -> bool {
    BIDI_CONTROLS.contains(&c)
}

/// Whether `c` must not reach a terminal or a picture as is: a control
/// character other than tab and line feed (ESC starts terminal commands,
/// CR and backspace overwrite what was shown, NUL shows as nothing), or a
/// bidirectional control.
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

/// `c` as its visible escape, `\u{1b}`.
pub fn escaped(c: char) -> String {
    format!("\\u{{{:x}}}", u32::from(c))
}

/// The Unicode name of a bidirectional control, for messages.
pub fn bidi_name(c: char) -> &'static str {
    match c {
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => "not a bidirectional control",
    }
}

/// `text` with every [`is_hidden`] character written as [`escaped`].
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) {
            out.push_str(&escaped(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The byte offset and character of every bidirectional control in `text`.
pub fn bidi_controls(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    text.char_indices().filter(|&(_, c)| is_bidi_control(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_escaped_and_layout_is_kept() {
        let text = "a\u{1b}[2J\0b\tc\nd\u{7f}\u{85}\u{202e}e\r";
        assert_eq!(
            escape(text),
            "a\\u{1b}[2J\\u{0}b\tc\nd\\u{7f}\\u{85}\\u{202e}e\\u{d}"
        );
        assert!(matches!(escape("plain ünïcode\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn bidi_controls_are_found_with_their_offsets() {
        let found: Vec<_> = bidi_controls("ab\u{202e}c\u{2066}").collect();
        assert_eq!(found, vec![(2, '\u{202e}'), (6, '\u{2066}')]);
        assert!(BIDI_CONTROLS.iter().all(|&c| is_hidden(c)));
        assert_eq!(bidi_name('\u{2069}'), "POP DIRECTIONAL ISOLATE");
        assert!(!is_hidden('\u{200b}'));
    }
}
