//! Writing back to a file's own bytes: every phase works on normalised text
//! (see `span::normalize_source`: no BOM, `\n` line ends), but a fix or a
//! reformat must leave the rest of the file byte-identical, BOM and CRLF
//! line ends included.
//!
//! Input: the file's text as read (`raw`) and edits in normalised byte
//! offsets, or a whole new normalised text. Output: the raw text with the
//! edits applied at the matching raw offsets, new line ends written in the
//! file's own style. Invariant: bytes outside the edits are untouched.

use std::ops::Range;

/// The line end a file uses: its first one (`\n` when it has none).
fn line_end(raw: &str) -> &'static str {
    match raw.find(['\r', '\n']) {
        Some(i) if raw.get(i..i + 2) == Some("\r\n") => "\r\n",
        Some(i) if raw.get(i..i + 1) == Some("\r") => "\r",
        _ => "\n",
    }
}

/// `text`'s `\n` written as `end`.
fn with_line_end(text: &str, end: &str) -> String {
    if end == "\n" {
        text.to_string()
    } else {
        text.replace('\n', end)
    }
}

/// For each byte offset of the normalised text (and its end), the offset of
/// the same place in `raw`.
fn offset_map(raw: &str) -> Vec<usize> {
    let body = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let bom = raw.len() - body.len();
    let bytes = body.as_bytes();
    let mut map = Vec::with_capacity(body.len() + 1);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        map.push(bom + i);
        i += if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            2
        } else {
            1
        };
    }
    map.push(bom + body.len());
    map
}

/// `raw` with `edits` (ranges in the normalised text, not overlapping)
/// applied; `None` when an edit lies outside the text.
pub fn apply_edits(raw: &str, edits: &[(Range<usize>, &str)]) -> Option<String> {
    let map = offset_map(raw);
    let end = line_end(raw);
    let mut sorted: Vec<&(Range<usize>, &str)> = edits.iter().collect();
    sorted.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = raw.to_string();
    for (range, replacement) in sorted {
        let start = *map.get(range.start)?;
        let stop = *map.get(range.end)?;
        if start > stop || out.get(start..stop).is_none() {
            return None;
        }
        out.replace_range(start..stop, &with_line_end(replacement, end));
    }
    Some(out)
}

/// A whole new normalised text written as the file was: its BOM kept and
/// its line ends in the file's style.
pub fn restyle(raw: &str, normalised: &str) -> String {
    let bom = if raw.starts_with('\u{feff}') {
        "\u{feff}"
    } else {
        ""
    };
    format!("{bom}{}", with_line_end(normalised, line_end(raw)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::normalize_source;

    /// Applies `edits` found by searching `what` in the normalised text.
    fn fix(raw: &str, what: &str, with: &str) -> String {
        let norm = normalize_source(raw);
        let at = norm.find(what).expect("in the text");
        apply_edits(raw, &[(at..at + what.len(), with)]).expect("applies")
    }

    #[test]
    fn crlf_and_bom_stay_around_an_edit() {
        let raw = "\u{feff}a: 1\r\nkey: python3.8\r\nz: 2\r\n";
        assert_eq!(
            fix(raw, "python3.8", "python3.11"),
            "\u{feff}a: 1\r\nkey: python3.11\r\nz: 2\r\n"
        );
    }

    #[test]
    fn an_edit_across_a_line_end_keeps_the_style() {
        let raw = "one\r\ntwo\r\nthree\r\n";
        assert_eq!(
            fix(raw, "one\ntwo", "1\n2\n2b"),
            "1\r\n2\r\n2b\r\nthree\r\n"
        );
        assert_eq!(fix(raw, "two\n", ""), "one\r\nthree\r\n");
    }

    #[test]
    fn lf_files_and_lone_cr_are_mapped_too() {
        assert_eq!(fix("a\nb\n", "b", "c"), "a\nc\n");
        assert_eq!(fix("a\rb\rc", "b", "x\ny"), "a\rx\ry\rc");
        assert_eq!(apply_edits("ab", &[(5..6, "x")]), None);
    }

    #[test]
    fn restyle_keeps_bom_and_line_ends() {
        assert_eq!(restyle("\u{feff}x\r\n", "y\nz\n"), "\u{feff}y\r\nz\r\n");
        assert_eq!(restyle("x\n", "y\n"), "y\n");
    }
}
