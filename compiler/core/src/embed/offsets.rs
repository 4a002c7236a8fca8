//! Where each byte of an embedded document's text was written in its template.
//!
//! Input: the template text, the range of the string (or heredoc) that holds
//! the document, and the string's decoded value. Output: an [`OffsetMap`]
//! that turns a span of the decoded text into the span of the template text
//! it came from, so a finding inside a document written as a string points
//! at its line and column in the template.
//! Invariant: every mapped span lies inside the string's range and on
//! character boundaries of the template text.

use crate::lint::escapes;
use crate::span::{FileId, Span};

/// For each byte of a decoded text, the template range it was written at.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OffsetMap {
    /// `starts[i]..ends[i]`: the template bytes that produced decoded byte `i`.
    starts: Vec<u32>,
    ends: Vec<u32>,
    /// Where a span at the end of the text points.
    end: u32,
}

/// The most template bytes skipped to find the next decoded character
/// (indentation, a quote doubled, an escape): past it the alignment gives up
/// and points at the last place found rather than run far ahead.
const MAX_SKIP: usize = 256;

impl OffsetMap {
    /// The map of `value`, written at `range` of `template`: exact for a
    /// double-quoted string with escapes; else each character of the value
    /// is found in order in the source, skipping what decoding dropped
    /// (indentation of block scalars and heredocs, doubled quotes, `$${`).
    pub fn align(template: &str, range: std::ops::Range<usize>, value: &str) -> OffsetMap {
        let src = template.get(range.clone()).unwrap_or("");
        if let Some(offsets) = escapes::value_offsets(src, value) {
            return OffsetMap::from_escapes(template, range.start, &offsets, value);
        }
        let mut map = OffsetMap {
            starts: Vec::with_capacity(value.len()),
            ends: Vec::with_capacity(value.len()),
            end: clamp(range.end),
        };
        let mut cursor = 0usize;
        for c in value.chars() {
            let found = src
                .get(cursor..)
                .and_then(|rest| {
                    rest.char_indices()
                        .take_while(|(i, _)| *i <= MAX_SKIP)
                        .find(|(_, s)| *s == c)
                })
                .map(|(i, s)| (cursor + i, s.len_utf8()));
            let (at, len) = match found {
                Some((at, len)) => {
                    cursor = at + len;
                    (at, len)
                }
                None => (cursor.min(src.len()), 0),
            };
            for _ in 0..c.len_utf8() {
                map.starts.push(clamp(range.start + at));
                map.ends.push(clamp(range.start + at + len));
            }
        }
        map
    }

    /// The map of a double-quoted string through its escapes.
    fn from_escapes(template: &str, base: usize, offsets: &[usize], value: &str) -> OffsetMap {
        let mut map = OffsetMap {
            starts: Vec::with_capacity(value.len()),
            ends: Vec::with_capacity(value.len()),
            end: clamp(base + offsets.last().copied().unwrap_or(0)),
        };
        for (i, &at) in offsets.iter().enumerate().take(value.len()) {
            let start = base + at;
            // The source of a byte ends where the next character's source starts.
            let next = offsets
                .get(i + 1..)
                .and_then(|rest| rest.iter().find(|&&o| o != at))
                .map_or(start + 1, |&o| base + o);
            let end = next.max(start);
            let end = if template.is_char_boundary(end) {
                end
            } else {
                start
            };
            map.starts.push(clamp(start));
            map.ends.push(clamp(end));
        }
        map
    }

    /// A map where decoded byte `i` is template byte `offsets[i]` (text
    /// copied byte for byte, such as heredoc lines without their
    /// indentation); `end` is where a span at the end of the text points.
    pub fn from_offsets(offsets: &[usize], end: usize) -> OffsetMap {
        OffsetMap {
            starts: offsets.iter().map(|&o| clamp(o)).collect(),
            ends: offsets.iter().map(|&o| clamp(o + 1)).collect(),
            end: clamp(end),
        }
    }

    /// The map after the decoded text was rewritten: `sources[j]` is the byte
    /// of the old text that new byte `j` came from.
    pub fn compose(&self, sources: &[usize]) -> OffsetMap {
        let pick = |v: &[u32], i: usize| v.get(i).copied().unwrap_or(self.end);
        OffsetMap {
            starts: sources.iter().map(|&i| pick(&self.starts, i)).collect(),
            ends: sources.iter().map(|&i| pick(&self.ends, i)).collect(),
            end: self.end,
        }
    }

    /// The template span of `span` of the decoded text.
    pub fn span(&self, file: FileId, span: Span) -> Span {
        let (a, b) = (span.start as usize, span.end as usize);
        let start = self.starts.get(a).copied().unwrap_or(self.end);
        let end = if b > a {
            self.ends.get(b - 1).copied().unwrap_or(self.end)
        } else {
            start
        };
        Span::new(file, start as usize, end.max(start) as usize)
    }
}

fn clamp(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapped(template: &str, value: &str, part: &str) -> String {
        let start = template.find(['"', '|']).unwrap_or(0);
        let map = OffsetMap::align(template, start..template.len(), value);
        let at = value.find(part).expect("part in value");
        let s = map.span(FileId(0), Span::new(FileId(0), at, at + part.len()));
        template[s.range()].to_string()
    }

    #[test]
    fn a_json_string_maps_through_its_escapes() {
        let t = r#""a\n\"b\" \u00e9c""#;
        assert_eq!(mapped(t, "a\n\"b\" éc", "\"b\""), r#"\"b\""#);
        assert_eq!(mapped(t, "a\n\"b\" éc", "éc"), r"\u00e9c");
    }

    #[test]
    fn a_block_scalar_maps_past_its_indentation() {
        let t = "|\n    echo a\n    rm -rf /\n";
        assert_eq!(mapped(t, "echo a\nrm -rf /\n", "rm -rf /"), "rm -rf /");
    }

    #[test]
    fn a_rewrite_keeps_the_places_of_the_bytes_it_kept() {
        let t = "\"ab${!X}\"";
        let map = OffsetMap::align(t, 0..t.len(), "ab${!X}");
        // `${!X}` → `${X}`: the `!` is dropped.
        let rewritten = map.compose(&[0, 1, 2, 3, 5, 6]);
        let s = rewritten.span(FileId(0), Span::new(FileId(0), 4, 5));
        assert_eq!(&t[s.range()], "X");
    }
}
