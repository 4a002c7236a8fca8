//! Our own small JSON parser into a positioned value tree.
//!
//! Input: JSON text (a BOM and CRLF line ends are accepted; spans are byte
//! offsets into the normalised text, as everywhere). Output: a [`Node`] with a
//! span on every value and key, or one located [`Diagnostic`].
//! Invariants: integers stay `Int` (or `Float` beyond i64), numbers with a
//! fraction or exponent are `Float`; key order is kept; a repeated key keeps
//! its first position and takes the last value (as AWS and Python do);
//! nesting deeper than [`MAX_DEPTH`] is an error, never a stack overflow.

use super::{codes, MAX_DEPTH};
use crate::diagnostic::Diagnostic;
use crate::model::{Key, Node, Value};
use crate::span::{normalize_source, FileId, Span};
use std::collections::HashMap;

/// Parses a JSON document.
pub fn parse_json(file: FileId, text: &str) -> Result<Node, Diagnostic> {
    let text = normalize_source(text);
    let mut p = Parser {
        file,
        src: text.as_bytes(),
        text: &text,
        pos: 0,
    };
    p.skip_ws()?;
    if p.pos >= p.src.len() {
        return Err(p
            .error(p.pos, p.pos, "empty JSON document")
            .with_label("expected a value here")
            .with_help("an SSM document is a JSON object: `{ \"schemaVersion\": \"2.2\", … }`"));
    }
    let node = p.value(0)?;
    p.skip_ws()?;
    if p.pos < p.src.len() {
        return Err(p
            .error(p.pos, p.pos + 1, "unexpected text after the JSON value")
            .with_label("the document already ended")
            .with_help("a JSON file holds one value; remove this or wrap both in a list"));
    }
    Ok(node)
}

struct Parser<'a> {
    file: FileId,
    src: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    fn error(&self, start: usize, end: usize, message: impl Into<String>) -> Diagnostic {
        let end = end.min(self.src.len()).max(start);
        // Keep the span on a char boundary so renderers can slice it.
        let mut end = end;
        while end < self.src.len() && !self.text.is_char_boundary(end) {
            end += 1;
        }
        Diagnostic::error(codes::INVALID_JSON, self.span(start, end), message)
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    /// Skips whitespace; a comment is an error with a hint (JSON has none).
    fn skip_ws(&mut self) -> Result<(), Diagnostic> {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                b'/' if matches!(self.src.get(self.pos + 1), Some(b'/' | b'*')) => {
                    return Err(self
                        .error(self.pos, self.pos + 2, "comments are not allowed in JSON")
                        .with_label("comment")
                        .with_help("remove the comment, or write the document in YAML, which has `#` comments"));
                }
                _ => break,
            }
        }
        Ok(())
    }

    fn unexpected(&self, what: &str) -> Diagnostic {
        match self.peek() {
            None => self
                .error(
                    self.pos,
                    self.pos,
                    format!("unexpected end of file, expected {what}"),
                )
                .with_label("the file ends here")
                .with_help("the document is cut short; close every `{` and `[`"),
            Some(_) => {
                let c = self
                    .text
                    .get(self.pos..)
                    .and_then(|s| s.chars().next())
                    .unwrap_or('?');
                let mut d = self
                    .error(
                        self.pos,
                        self.pos + c.len_utf8(),
                        format!("unexpected `{}`, expected {what}", shown(c)),
                    )
                    .with_label(format!("expected {what}"));
                d = match c {
                    '\'' => d.with_help("JSON strings use double quotes: \"…\""),
                    '}' | ']' => d.with_help("remove the trailing comma before this bracket"),
                    c if c.is_alphabetic() => d.with_help(
                        "strings must be quoted; the only bare words are true, false and null",
                    ),
                    _ => d.with_help("check the punctuation just before this point"),
                };
                d
            }
        }
    }

    /// After an entry: a value-like token here most likely lacks a comma before it.
    fn missing_comma(&self, what: &str) -> Diagnostic {
        let d = self.unexpected(what);
        match self.peek() {
            Some(b'"' | b'{' | b'[' | b'-' | b'0'..=b'9') => {
                d.with_help("add a `,` between the entries")
            }
            _ => d,
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, Diagnostic> {
        let start = self.pos;
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let s = self.string()?;
                Ok(Node::new(Value::String(s), self.span(start, self.pos)))
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            _ => Err(self.unexpected("a value")),
        }
    }

    fn enter(&self, depth: usize) -> Result<(), Diagnostic> {
        if depth >= MAX_DEPTH {
            return Err(Diagnostic::error(
                codes::TOO_DEEP,
                self.span(self.pos, self.pos + 1),
                format!("values are nested more than {MAX_DEPTH} levels deep"),
            )
            .with_label("too deep")
            .with_help("no SSM document needs this much nesting; flatten the value"));
        }
        Ok(())
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Node, Diagnostic> {
        let start = self.pos;
        if self.src.get(start..start + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            if !self
                .peek()
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
            {
                return Ok(Node::new(value, self.span(start, self.pos)));
            }
        }
        let end = self.src[start..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
            .map_or(self.src.len(), |n| start + n);
        self.pos = start;
        let text = self.text.get(start..end).unwrap_or("");
        Err(self
            .error(start, end, format!("unknown word `{text}`"))
            .with_label("not a JSON value")
            .with_help(
                "the bare words are `true`, `false` and `null` (lower case); quote anything else",
            ))
    }

    fn number(&mut self) -> Result<Node, Diagnostic> {
        let start = self.pos;
        let digits = |p: &mut Parser<'_>| {
            let from = p.pos;
            while p.peek().is_some_and(|b| b.is_ascii_digit()) {
                p.pos += 1;
            }
            p.pos - from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        let n = digits(self);
        if n == 0 {
            return Err(self.bad_number(start, "a digit after `-`"));
        }
        if n > 1 && self.src.get(int_start) == Some(&b'0') {
            return Err(self.bad_number(
                start,
                "no leading zeros (`0777` is not JSON; quote it if it is text)",
            ));
        }
        let mut float = false;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            float = true;
            if digits(self) == 0 {
                return Err(self.bad_number(start, "a digit after `.` (write `1.0`, not `1.`)"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            float = true;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.bad_number(start, "digits in the exponent"));
            }
        }
        let text = self.text.get(start..self.pos).unwrap_or("0");
        let span = self.span(start, self.pos);
        if !float {
            if let Ok(i) = text.parse::<i64>() {
                return Ok(Node::new(Value::Int(i), span));
            }
        }
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Node::new(Value::Float(f), span)),
            _ => Err(self
                .error(start, self.pos, "number out of range")
                .with_label("too large for a 64-bit float")
                .with_help("quote it to keep it as text")),
        }
    }

    fn bad_number(&self, start: usize, expected: &str) -> Diagnostic {
        self.error(start, self.pos.max(start + 1), "invalid number")
            .with_label("not a JSON number")
            .with_help(format!("JSON numbers need {expected}"))
    }

    /// A string literal; `self.pos` is at the opening quote.
    fn string(&mut self) -> Result<String, Diagnostic> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            // Copy the run of plain characters at once.
            let run_start = self.pos;
            while self
                .peek()
                .is_some_and(|b| b != b'"' && b != b'\\' && b >= 0x20)
            {
                self.pos += 1;
            }
            out.push_str(self.text.get(run_start..self.pos).unwrap_or(""));
            match self.peek() {
                None => {
                    return Err(self
                        .error(open, open + 1, "unterminated string")
                        .with_label("this string is never closed")
                        .with_help("add the closing `\"`"));
                }
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => out.push(self.escape()?),
                Some(b'\n') => {
                    return Err(self
                        .error(open, self.pos, "line break inside a string")
                        .with_label("the string is not closed on this line")
                        .with_help(
                            "write a line break inside a JSON string as `\\n`, or close the string",
                        ));
                }
                Some(b) => {
                    return Err(self
                        .error(
                            self.pos,
                            self.pos + 1,
                            format!("control character 0x{b:02x} inside a string"),
                        )
                        .with_label("raw control character")
                        .with_help("escape it: `\\t` for a tab, `\\u00XX` otherwise"));
                }
            }
        }
    }

    fn escape(&mut self) -> Result<char, Diagnostic> {
        let start = self.pos;
        self.pos += 1;
        let Some(b) = self.peek() else {
            return Err(self.unexpected("an escape character"));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(start),
            _ => {
                return Err(self
                    .error(start, self.pos, "invalid escape in a string")
                    .with_label("unknown escape")
                    .with_help("JSON escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX; write a backslash as `\\\\`"));
            }
        };
        Ok(c)
    }

    fn hex4(&mut self, start: usize) -> Result<u32, Diagnostic> {
        let digits = self.text.get(self.pos..self.pos + 4).unwrap_or("");
        match u32::from_str_radix(digits, 16) {
            Ok(n) if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_hexdigit()) => {
                self.pos += 4;
                Ok(n)
            }
            _ => Err(self
                .error(start, self.pos, "invalid `\\u` escape")
                .with_label("expected 4 hex digits after `\\u`")
                .with_help("write `\\u` followed by exactly four hex digits, e.g. `\\u00e9`")),
        }
    }

    fn unicode_escape(&mut self, start: usize) -> Result<char, Diagnostic> {
        let hi = self.hex4(start)?;
        let code = if (0xD800..0xDC00).contains(&hi) {
            // A high surrogate must be followed by `\uDC00`–`\uDFFF`.
            if self.src.get(self.pos..self.pos + 2) == Some(b"\\u") {
                self.pos += 2;
                let lo = self.hex4(start)?;
                if (0xDC00..0xE000).contains(&lo) {
                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                } else {
                    return Err(self.lone_surrogate(start));
                }
            } else {
                return Err(self.lone_surrogate(start));
            }
        } else {
            hi
        };
        char::from_u32(code).ok_or_else(|| self.lone_surrogate(start))
    }

    fn lone_surrogate(&self, start: usize) -> Diagnostic {
        self.error(start, self.pos, "unpaired surrogate in a `\\u` escape")
            .with_label("not a complete character")
            .with_help("a character above U+FFFF is written as a pair, e.g. `\\ud83d\\ude00`")
    }

    fn array(&mut self, depth: usize) -> Result<Node, Diagnostic> {
        self.enter(depth)?;
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws()?;
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Node::new(Value::List(items), self.span(start, self.pos)));
        }
        loop {
            self.skip_ws()?;
            items.push(self.value(depth + 1)?);
            self.skip_ws()?;
            match self.peek() {
                Some(b',') => {
                    let comma = self.pos;
                    self.pos += 1;
                    self.skip_ws()?;
                    if self.peek() == Some(b']') {
                        return Err(self.trailing_comma(comma));
                    }
                }
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Node::new(Value::List(items), self.span(start, self.pos)));
                }
                _ => {
                    return Err(self
                        .missing_comma("`,` or `]`")
                        .with_secondary(self.span(start, start + 1), "the list starts here"));
                }
            }
        }
    }

    fn trailing_comma(&self, comma: usize) -> Diagnostic {
        self.error(comma, comma + 1, "trailing comma")
            .with_label("JSON allows no comma before the closing bracket")
            .with_help("remove the last comma")
    }

    fn object(&mut self, depth: usize) -> Result<Node, Diagnostic> {
        self.enter(depth)?;
        let start = self.pos;
        self.pos += 1;
        let mut entries: Vec<(Key, Node)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        self.skip_ws()?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Node::new(Value::Map(entries), self.span(start, self.pos)));
        }
        loop {
            self.skip_ws()?;
            let key_start = self.pos;
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("a key in double quotes"));
            }
            let name = self.string()?;
            let key = Key {
                name,
                span: self.span(key_start, self.pos),
            };
            self.skip_ws()?;
            if self.peek() != Some(b':') {
                return Err(self.unexpected("`:` after the key"));
            }
            self.pos += 1;
            self.skip_ws()?;
            if let Some(first) = index.get(&key.name).and_then(|&at| entries.get(at)) {
                return Err(super::duplicate_key(&first.0, &key));
            }
            let value = self.value(depth + 1)?;
            insert(&mut entries, &mut index, key, value);
            self.skip_ws()?;
            match self.peek() {
                Some(b',') => {
                    let comma = self.pos;
                    self.pos += 1;
                    self.skip_ws()?;
                    if self.peek() == Some(b'}') {
                        return Err(self.trailing_comma(comma));
                    }
                }
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Node::new(Value::Map(entries), self.span(start, self.pos)));
                }
                _ => {
                    return Err(self
                        .missing_comma("`,` or `}`")
                        .with_secondary(self.span(start, start + 1), "the object starts here"));
                }
            }
        }
    }
}

/// Adds an entry; a repeated key keeps its first position and takes the new value.
pub(super) fn insert(
    entries: &mut Vec<(Key, Node)>,
    index: &mut HashMap<String, usize>,
    key: Key,
    value: Node,
) {
    if let Some(&at) = index.get(&key.name) {
        if let Some(slot) = entries.get_mut(at) {
            *slot = (key, value);
            return;
        }
    }
    index.insert(key.name.clone(), entries.len());
    entries.push((key, value));
}

/// A character as a message shows it: control characters (NUL, …) would
/// print as nothing, so they are escaped (`\0`, `\u{1b}`).
fn shown(c: char) -> String {
    if c.is_control() {
        c.escape_debug().to_string()
    } else {
        c.to_string()
    }
}
