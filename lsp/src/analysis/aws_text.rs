//! Where the cursor is in an AWS API step, read from the text alone.
//!
//! Input: the normalised text and a byte offset. Output: the string literal
//! the offset is in (its content's range), the action step whose inputs map
//! holds a place (the map's `{` and the action), the top-level entries of that
//! map (keys and literal string values), and the inputs map of the step an
//! `outputs { … }` clause belongs to.
//!
//! Why text and not the tree: completion runs while the line being typed does
//! not parse yet (an unclosed string, a key without a value). Invariants:
//! every offset is checked with `get`, scans are linear and stop at the end
//! of the text; braces inside strings and `//` comments are skipped where
//! the scan reads strings (`{{ ref }}` pairs balance anyway).

use std::ops::Range;

/// One `key: value` of a map, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TextEntry {
    pub key: String,
    pub key_range: Range<usize>,
    /// The value when it is one string literal: its content and the content's range.
    pub value: Option<(String, Range<usize>)>,
}

/// The content range of the `"…"` string on the offset's line that holds the
/// offset (content start ≤ offset ≤ content end); an unclosed string runs to
/// the end of the line.
pub(super) fn string_at(text: &str, offset: usize) -> Option<Range<usize>> {
    let line_start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text
        .get(offset..)?
        .find('\n')
        .map_or(text.len(), |i| offset + i);
    let bytes = text.as_bytes();
    let mut i = line_start;
    while i < line_end {
        match bytes.get(i) {
            Some(b'"') => {
                let start = i + 1;
                let end = string_end(bytes, start, line_end);
                if start <= offset && offset <= end {
                    return Some(start..end);
                }
                if end >= line_end {
                    return None;
                }
                i = end + 1;
            }
            Some(b'/') if bytes.get(i + 1) == Some(&b'/') => return None,
            _ => i += 1,
        }
    }
    None
}

/// The index of the `"` closing a string whose content starts at `start`
/// (or `limit` when it does not close before it).
fn string_end(bytes: &[u8], start: usize, limit: usize) -> usize {
    let mut j = start;
    while j < limit {
        match bytes.get(j) {
            Some(b'\\') => j += 2,
            Some(b'"') => return j,
            Some(_) => j += 1,
            None => break,
        }
    }
    limit
}

/// The key a string value at `quote` (the index of its opening `"`) belongs
/// to: `Service` in `Service: "…"` (the key may be quoted).
pub(super) fn key_before(text: &str, quote: usize) -> Option<String> {
    let line_start = text.get(..quote)?.rfind('\n').map_or(0, |i| i + 1);
    let head = text.get(line_start..quote)?.trim_end().strip_suffix(':')?;
    let head = head.trim_end();
    if let Some(q) = head.strip_suffix('"') {
        let open = q.rfind('"')?;
        return q.get(open + 1..).map(str::to_string);
    }
    let len = head
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .count();
    let key = head.get(head.len() - len..)?;
    (!key.is_empty()).then(|| key.to_string())
}

/// The innermost unclosed `{` before `end`.
///
/// This and the other backward scans here walk bytes, not characters: the
/// brackets are ASCII, which never occurs inside a multi-byte UTF-8
/// character, and a completion request scans up to the whole file before the
/// cursor (decoding characters backwards made that most of a completion's
/// cost on a 3,000-line runbook).
pub(super) fn innermost_open(text: &str, end: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in text.get(..end)?.bytes().enumerate().rev() {
        match b {
            b'}' => depth += 1,
            b'{' if depth == 0 => return Some(i),
            b'{' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The action whose inputs map opens with the `{` at `open`: the line reads
/// `… = aws:x {` or `… = aws:x when … {` (so a nested map is not taken for it).
pub(super) fn action_of_brace(text: &str, open: usize) -> Option<String> {
    let head = text.get(..open)?;
    let line = head.get(head.rfind('\n').map_or(0, |i| i + 1)..)?;
    // The step's own `=` (not one of `==` in a `when` precondition).
    let b = line.as_bytes();
    let eq = (0..b.len()).find(|&i| {
        b.get(i) == Some(&b'=')
            && i.checked_sub(1).and_then(|p| b.get(p)) != Some(&b'=')
            && b.get(i + 1) != Some(&b'=')
    })?;
    let after_eq = line.get(eq + 1..)?.trim();
    let token = after_eq.split_whitespace().next()?;
    let rest = after_eq.get(token.len()..)?.trim();
    let token = token.trim_matches('"');
    let valid = token.contains(':')
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ':' || c == '_' || c == '-')
        && (rest.is_empty() || rest.starts_with("when "));
    valid.then(|| token.to_string())
}

/// The inputs map directly holding `at` (the innermost unclosed `{` before it
/// opens an action step's inputs): the `{` and the action.
pub(super) fn step_inputs(text: &str, at: usize) -> Option<(usize, String)> {
    let open = innermost_open(text, at)?;
    Some((open, action_of_brace(text, open)?))
}

/// For a place inside an `outputs { … }` clause, the inputs map of its step:
/// the `{` and the action.
pub(super) fn outputs_step(text: &str, at: usize) -> Option<(usize, String)> {
    let open = innermost_open(text, at)?;
    let head = text.get(..open)?.trim_end();
    let before = head.strip_suffix("outputs")?;
    // The step's inputs map is the last `{ … }` before the clause.
    let close = before.rfind('}')?;
    let mut depth = 0usize;
    for (i, b) in text.get(..=close)?.bytes().enumerate().rev() {
        match b {
            b'}' => depth += 1,
            b'{' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some((i, action_of_brace(text, i)?));
                }
            }
            _ => {}
        }
    }
    None
}

/// An unclosed `{` or `[` and the key written before it (`Filters` in `Filters: [`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Opener {
    pub pos: usize,
    pub brace: bool,
    pub key: Option<String>,
}

/// Nesting deeper than this inside a step's inputs is not followed.
const MAX_NESTING: usize = 128;

/// The unclosed `{`/`[` before `at`, outermost first, inside the inputs map
/// of an action step (which is not among them): the map's `{`, the action,
/// the openers. `None` when no step's inputs map encloses `at`.
pub(super) fn nesting(text: &str, at: usize) -> Option<(usize, String, Vec<Opener>)> {
    let mut openers = Vec::new();
    let mut pending = 0usize;
    for (i, b) in text.get(..at)?.bytes().enumerate().rev() {
        match b {
            b'}' | b']' => pending += 1,
            b'{' | b'[' if pending > 0 => pending -= 1,
            b'{' | b'[' => {
                if b == b'{' {
                    if let Some(action) = action_of_brace(text, i) {
                        openers.reverse();
                        return Some((i, action, openers));
                    }
                }
                if openers.len() >= MAX_NESTING {
                    return None;
                }
                openers.push(Opener {
                    pos: i,
                    brace: b == b'{',
                    key: key_before(text, i),
                });
            }
            _ => {}
        }
    }
    None
}

/// The top-level entries of the map opened at `open` (up to its `}` or the
/// end of the text).
pub(super) fn map_entries(text: &str, open: usize) -> Vec<TextEntry> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut expect_key = true;
    let mut i = open + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let start = i + 1;
                let end = string_end(bytes, start, text.len());
                let content = text.get(start..end).unwrap_or("").to_string();
                let after = end + 1;
                if depth == 0 && expect_key && next_is_colon(bytes, after) {
                    out.push(entry(text, content, start..end, after));
                }
                expect_key = false;
                i = after;
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while bytes.get(i).is_some_and(|c| *c != b'\n') {
                    i += 1;
                }
                continue;
            }
            b'{' | b'[' | b'(' => depth += 1,
            b'}' | b']' | b')' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            b',' | b'\n' if depth == 0 => expect_key = true,
            b' ' | b'\t' | b'\r' | b',' | b'\n' => {}
            _ if depth == 0 && expect_key && (b.is_ascii_alphabetic() || b == b'_') => {
                let start = i;
                while bytes
                    .get(i)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
                {
                    i += 1;
                }
                if next_is_colon(bytes, i) {
                    let key = text.get(start..i).unwrap_or("").to_string();
                    out.push(entry(text, key, start..i, i));
                }
                expect_key = false;
                continue;
            }
            _ => {
                if depth == 0 {
                    expect_key = false;
                }
            }
        }
        i += 1;
    }
    out
}

fn next_is_colon(bytes: &[u8], mut i: usize) -> bool {
    while bytes.get(i).is_some_and(|c| *c == b' ' || *c == b'\t') {
        i += 1;
    }
    bytes.get(i) == Some(&b':')
}

/// An entry whose key ends before `after`: its value if it is one string.
fn entry(text: &str, key: String, key_range: Range<usize>, after: usize) -> TextEntry {
    let bytes = text.as_bytes();
    let mut j = after;
    while bytes
        .get(j)
        .is_some_and(|c| matches!(c, b' ' | b'\t' | b':'))
    {
        j += 1;
    }
    let value = (bytes.get(j) == Some(&b'"')).then(|| {
        let start = j + 1;
        let end = string_end(bytes, start, text.len());
        (text.get(start..end).unwrap_or("").to_string(), start..end)
    });
    TextEntry {
        key,
        key_range,
        value,
    }
}

/// The identifier at `offset` (touching it on either side) and its range.
pub(super) fn word_at(text: &str, offset: usize) -> Option<(&str, Range<usize>)> {
    let bytes = text.as_bytes();
    let is_word = |i: usize| {
        bytes
            .get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    };
    let mut start = offset.min(text.len());
    while start > 0 && is_word(start - 1) {
        start -= 1;
    }
    let mut end = offset.min(text.len());
    while is_word(end) {
        end += 1;
    }
    (start < end).then(|| text.get(start..end).map(|w| (w, start..end)))?
}

/// Whether a `:` follows `end` (spaces between): the word is a map key.
pub(super) fn is_key_end(text: &str, end: usize) -> bool {
    next_is_colon(text.as_bytes(), end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_on_the_line() {
        let t = "a: \"x\\\"y\", b: \"zz\"\nc: \"open";
        let at = |n: &str| t.find(n).expect("present");
        assert_eq!(string_at(t, at("x")), Some(4..8));
        assert_eq!(string_at(t, at("zz") + 2), Some(15..17));
        assert_eq!(string_at(t, at("b:")), None);
        assert_eq!(string_at(t, t.len()), Some(at("open")..t.len()));
        assert_eq!(string_at("// \"x\"", 4), None);
        assert_eq!(string_at("", 0), None);
        assert_eq!(string_at("ab", 9), None);
    }

    #[test]
    fn keys_before_values() {
        let t = "  Service: \"ec2\", \"Api\" : \"X\"";
        assert_eq!(
            key_before(t, t.find("\"ec2").expect("q")).as_deref(),
            Some("Service")
        );
        assert_eq!(
            key_before(t, t.find("\"X").expect("q")).as_deref(),
            Some("Api")
        );
        assert_eq!(key_before("x = \"a\"", 4), None);
        assert_eq!(key_before(": \"a\"", 2), None);
    }

    #[test]
    fn step_inputs_and_entries() {
        let t = "step A = aws:executeAwsApi {\n  Service: \"ec2\", Api: \"X\",\n  Filters: [{ Name: \"n\" }],\n  // Api: \"no\"\n  \"Odd Key\": 1\n} timeout 5m\n  outputs { S: String = \"$.\" }";
        let (open, action) = step_inputs(t, t.find("Service").expect("k")).expect("inputs");
        assert_eq!(action, "aws:executeAwsApi");
        assert_eq!(t.get(open..open + 1), Some("{"));
        // Inside the nested map the innermost brace is no step's inputs.
        assert_eq!(step_inputs(t, t.find("Name").expect("k")), None);
        let keys: Vec<(String, Option<String>)> = map_entries(t, open)
            .into_iter()
            .map(|e| (e.key, e.value.map(|v| v.0)))
            .collect();
        assert_eq!(
            keys,
            [
                ("Service".to_string(), Some("ec2".to_string())),
                ("Api".to_string(), Some("X".to_string())),
                ("Filters".to_string(), None),
                ("Odd Key".to_string(), None),
            ]
        );
        let (o, a) = outputs_step(t, t.find("$.").expect("sel")).expect("outputs");
        assert_eq!((o, a.as_str()), (open, "aws:executeAwsApi"));
        assert_eq!(outputs_step(t, t.find("Api").expect("k")), None);
        assert_eq!(
            action_of_brace("x = aws:loop when A == B {", 25).as_deref(),
            Some("aws:loop")
        );
    }

    #[test]
    fn nesting_inside_step_inputs() {
        let t = "step A = aws:executeAwsApi {\n  Filters: [\n    { Name: \"a\" },\n    { Na";
        let (open, action, openers) = nesting(t, t.len()).expect("inside");
        assert_eq!((open, action.as_str()), (27, "aws:executeAwsApi"));
        let shown: Vec<(bool, Option<&str>)> = openers
            .iter()
            .map(|o| (o.brace, o.key.as_deref()))
            .collect();
        assert_eq!(shown, [(false, Some("Filters")), (true, None)]);
        let (_, _, top) = nesting(t, 30).expect("top level");
        assert!(top.is_empty());
        assert_eq!(nesting("x { y: [", 8), None);
    }

    #[test]
    fn words_and_keys() {
        let t = "{ Instance_Ids : [] }";
        let (w, r) = word_at(t, 4).expect("word");
        assert_eq!((w, r.clone()), ("Instance_Ids", 2..14));
        assert!(is_key_end(t, r.end));
        assert_eq!(word_at(t, 0), None);
        assert_eq!(word_at(t, 999), None);
        assert!(!is_key_end(t, 0));
    }
}
