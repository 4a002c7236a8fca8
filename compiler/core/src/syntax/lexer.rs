//! The hand-written lexer: normalised source text → tokens with byte spans.
//!
//! Input: text already passed through `span::normalize_source` (no BOM, `\n` line ends).
//! Output: tokens (with `Newline` tokens; `///` runs merged into one `DocComment`),
//! `//` comments as trivia, and diagnostics.
//! Invariants: lexing never stops: every mistake is a diagnostic and the lexer goes on
//! after it; text it reported becomes a `Tok::Error` token (or a best-effort string
//! token) so the parser does not report it a second time. Token spans are in order
//! and do not overlap.

use std::ops::Range;

use super::ast::{Comment, StringStyle};
use super::codes;
use super::token::{StrTok, Tok};
use crate::diagnostic::Diagnostic;
use crate::span::{FileId, Span};

/// The lexer's result.
#[derive(Debug, Default)]
pub struct Lexed {
    pub tokens: Vec<(Tok, Range<usize>)>,
    pub comments: Vec<Comment>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Lexes a whole file.
pub fn lex(file: FileId, text: &str) -> Lexed {
    let mut lx = Lexer {
        file,
        src: text,
        bytes: text.as_bytes(),
        pos: 0,
        out: Lexed::default(),
    };
    lx.run();
    lx.out
}

struct Lexer<'s> {
    file: FileId,
    src: &'s str,
    bytes: &'s [u8],
    pos: usize,
    out: Lexed,
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident_continue(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A control character that may not appear in source text (tab and newline are fine).
fn is_bad_control(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || c == '\u{7f}'
}

fn describe_control(c: char) -> String {
    if c == '\0' {
        "a NUL byte".to_string()
    } else {
        format!("control character U+{:04X}", u32::from(c))
    }
}

impl<'s> Lexer<'s> {
    fn span(&self, r: Range<usize>) -> Span {
        Span::new(self.file, r.start, r.end)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<u8> {
        self.bytes.get(self.pos + n).copied()
    }

    fn starts_with(&self, s: &str) -> bool {
        self.src.get(self.pos..).is_some_and(|r| r.starts_with(s))
    }

    fn push(&mut self, tok: Tok, r: Range<usize>) {
        self.out.tokens.push((tok, r));
    }

    fn error(&mut self, d: Diagnostic) {
        self.out.diagnostics.push(d);
    }

    fn char_at(&self, at: usize) -> Option<char> {
        self.src.get(at..).and_then(|s| s.chars().next())
    }

    /// The end of the current line (the offset of its `\n`, or the end of text).
    fn line_end(&self, from: usize) -> usize {
        self.bytes
            .get(from..)
            .and_then(|r| r.iter().position(|&b| b == b'\n'))
            .map_or(self.bytes.len(), |i| from + i)
    }

    fn run(&mut self) {
        while let Some(b) = self.peek() {
            let start = self.pos;
            match b {
                b' ' | b'\t' => self.pos += 1,
                b'\n' => {
                    self.pos += 1;
                    self.push(Tok::Newline, start..self.pos);
                }
                b'/' if self.peek_at(1) == Some(b'/') => self.comment(),
                b'"' => self.string(start, false),
                b'#' => self.hash_string(start, false),
                b'`' => self.backticked(),
                b'0'..=b'9' => self.number(start),
                b'-' if self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) => self.number(start),
                _ if is_ident_start(b) => self.ident(),
                _ => self.punct(),
            }
        }
    }

    fn ident(&mut self) {
        let start = self.pos;
        while self.peek().is_some_and(is_ident_continue) {
            self.pos += 1;
        }
        let text = self.src.get(start..self.pos).unwrap_or("");
        // `lit` before a string (`lit"…"`, `lit """`) marks it literal.
        if text == "lit" {
            let mut at = self.pos;
            while matches!(self.bytes.get(at), Some(b' ' | b'\t')) {
                at += 1;
            }
            let mut h = at;
            while self.bytes.get(h) == Some(&b'#') {
                h += 1;
            }
            if self.bytes.get(h) == Some(&b'"') {
                self.pos = at;
                return if h > at {
                    self.hash_string(start, true)
                } else {
                    self.string(start, true)
                };
            }
        }
        self.push(Tok::Ident(text.into()), start..self.pos);
    }

    fn backticked(&mut self) {
        let start = self.pos;
        self.pos += 1;
        while self
            .peek()
            .is_some_and(|b| is_ident_continue(b) || b == b'.' || b == b'-')
        {
            self.pos += 1;
        }
        let inner = self.src.get(start + 1..self.pos).unwrap_or("");
        if self.peek() == Some(b'`') && !inner.is_empty() {
            self.pos += 1;
            self.push(Tok::Backticked(inner.into()), start..self.pos);
            return;
        }
        let d = if inner.is_empty() {
            Diagnostic::error(
                codes::BAD_BACKTICK_NAME,
                self.span(start..start + 1),
                "empty or invalid name in backticks",
            )
            .with_label("a name in backticks holds letters, digits, `_`, `.` or `-`")
            .with_help("write a name such as `` `end` `` or `` `2ndStep` ``")
        } else {
            Diagnostic::error(
                codes::BAD_BACKTICK_NAME,
                self.span(self.pos..self.pos),
                "expected `` ` `` to close the name opened here",
            )
            .with_label("expected `` ` `` here")
            .with_secondary(self.span(start..start + 1), "the name starts here")
            .with_help("add a closing backtick after the name")
        };
        self.error(d);
        if inner.is_empty() {
            self.push(Tok::Error, start..self.pos);
        } else {
            self.push(Tok::Backticked(inner.into()), start..self.pos);
        }
    }

    fn comment(&mut self) {
        let start = self.pos;
        let end = self.line_end(start);
        let text = self.src.get(start..end).unwrap_or("");
        self.check_controls(start..end);
        if text.starts_with("///") && !text.starts_with("////") {
            self.doc_comment();
            return;
        }
        self.out.comments.push(Comment {
            text: text.to_string(),
            span: self.span(start..end),
        });
        self.pos = end;
    }

    /// A run of `///` lines (with `//` lines between them skipped) becomes one token.
    fn doc_comment(&mut self) {
        let start = self.pos;
        let mut lines: Vec<String> = Vec::new();
        let mut end = start;
        let mut pending_comments: Vec<Comment> = Vec::new();
        let mut at = start;
        loop {
            // `at` is at the start of `//…` (after indentation).
            let line_end = self.line_end(at);
            let text = self.src.get(at..line_end).unwrap_or("");
            if text.starts_with("///") && !text.starts_with("////") {
                let body = text.get(3..).unwrap_or("");
                lines.push(body.strip_prefix(' ').unwrap_or(body).to_string());
                end = line_end;
                // Comments between doc lines are kept as trivia.
                self.out.comments.append(&mut pending_comments);
            } else if text.starts_with("//") {
                pending_comments.push(Comment {
                    text: text.to_string(),
                    span: self.span(at..line_end),
                });
            } else {
                break;
            }
            // Look at the next line: indentation, then `//`?
            let mut next = line_end + 1;
            while matches!(self.bytes.get(next), Some(b' ' | b'\t')) {
                next += 1;
            }
            if line_end >= self.bytes.len()
                || self.src.get(next..).is_none_or(|r| !r.starts_with("//"))
            {
                break;
            }
            self.check_controls(next..self.line_end(next));
            at = next;
        }
        self.push(Tok::DocComment(lines.join("\n").into()), start..end);
        self.pos = end;
    }

    fn check_controls(&mut self, r: Range<usize>) {
        let Some(text) = self.src.get(r.clone()) else {
            return;
        };
        // Printable ASCII and tabs hold no control: skip the decoding.
        if text
            .bytes()
            .all(|b| (b' '..=b'~').contains(&b) || b == b'\t')
        {
            return;
        }
        for (i, c) in text.char_indices() {
            if is_bad_control(c) {
                let at = r.start + i;
                self.control_error(at, c);
            }
        }
    }

    fn control_error(&mut self, at: usize, c: char) {
        let what = describe_control(c);
        let d = Diagnostic::error(
            codes::CONTROL_CHAR,
            self.span(at..at + c.len_utf8()),
            format!("{what} in the source"),
        )
        .with_label(format!("{what} here"))
        .with_help("remove it; in a quoted string write it as an escape such as `\\u0000`");
        self.error(d);
    }

    fn number(&mut self, start: usize) {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let digits_start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        // A duration: digits immediately followed by a unit letter.
        if self.bytes.get(start) != Some(&b'-')
            && matches!(self.peek(), Some(b'd' | b'h' | b'm' | b's'))
        {
            return self.duration(start);
        }
        let mut is_float = false;
        if self.peek() == Some(b'.') && self.peek_at(1).is_some_and(|b| b.is_ascii_digit()) {
            is_float = true;
            self.pos += 1;
            while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                self.pos += 1;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            let save = self.pos;
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    self.pos += 1;
                }
            } else {
                self.pos = save;
            }
        }
        let _ = is_float;
        // Letters glued to a number (`2ndStep`, `10x`) are a mistake, not two tokens.
        if self.peek().is_some_and(is_ident_continue) {
            while self.peek().is_some_and(is_ident_continue) {
                self.pos += 1;
            }
            let text = self.src.get(start..self.pos).unwrap_or("");
            let d = Diagnostic::error(codes::BAD_NUMBER, self.span(start..self.pos), format!("invalid number `{text}`"))
                .with_label("not a number, a duration or a name")
                .with_help(format!(
                    "a name that starts with a digit is written in backticks: `` `{text}` ``; durations use the units d, h, m, s"
                ));
            self.error(d);
            self.push(Tok::Error, start..self.pos);
            return;
        }
        let text = self.src.get(start..self.pos).unwrap_or("");
        let int_part = self.src.get(digits_start..).unwrap_or("");
        if int_part.len() > 1
            && int_part.starts_with('0')
            && int_part.as_bytes().get(1).is_some_and(u8::is_ascii_digit)
        {
            let d = Diagnostic::error(
                codes::BAD_NUMBER,
                self.span(start..self.pos),
                format!("invalid number `{text}`"),
            )
            .with_label("a number may not start with `0`")
            .with_help("write it without leading zeros, or as a string if the zeros matter");
            self.error(d);
        }
        self.push(Tok::Number(text.into()), start..self.pos);
    }

    fn duration(&mut self, start: usize) {
        // `start..pos` holds the first run of digits; read (digits unit)+.
        let mut seconds: u64 = 0;
        let mut last_rank = 0usize;
        let mut ok = true;
        let mut too_long = false;
        let mut num_start = start;
        loop {
            let num = self.src.get(num_start..self.pos).unwrap_or("");
            let unit = self.peek();
            let (rank, mult) = match unit {
                Some(b'd') => (1, 86_400u64),
                Some(b'h') => (2, 3_600),
                Some(b'm') => (3, 60),
                Some(b's') => (4, 1),
                _ => break,
            };
            self.pos += 1;
            if rank <= last_rank || num.is_empty() {
                ok = false;
            }
            last_rank = rank;
            match num
                .parse::<u64>()
                .ok()
                .and_then(|n| n.checked_mul(mult))
                .and_then(|n| n.checked_add(seconds))
            {
                // A document holds a duration as a 64-bit signed integer.
                Some(s) if i64::try_from(s).is_ok() => seconds = s,
                _ => too_long = true,
            }
            num_start = self.pos;
            while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                self.pos += 1;
            }
            if num_start == self.pos {
                break;
            }
        }
        // Trailing digits without a unit, or letters glued on, spoil it.
        if num_start != self.pos || self.peek().is_some_and(is_ident_continue) {
            ok = false;
            while self.peek().is_some_and(is_ident_continue) {
                self.pos += 1;
            }
        }
        let text = self.src.get(start..self.pos).unwrap_or("");
        if ok && too_long {
            let d = Diagnostic::error(
                codes::BAD_NUMBER,
                self.span(start..self.pos),
                format!("the duration `{text}` is out of range"),
            )
            .with_label("more seconds than a document can hold")
            .with_help(format!(
                "a duration is at most {} seconds (about 292 billion years)",
                i64::MAX
            ));
            self.error(d);
            self.push(Tok::Error, start..self.pos);
        } else if ok {
            self.push(
                Tok::Duration {
                    seconds,
                    text: text.into(),
                },
                start..self.pos,
            );
        } else {
            let d = Diagnostic::error(codes::BAD_NUMBER, self.span(start..self.pos), format!("invalid duration `{text}`"))
                .with_label("not a duration")
                .with_help("a duration is digits with units d, h, m, s in that order, each at most once (`1h30m`); a name that starts with a digit is written in backticks");
            self.error(d);
            self.push(Tok::Error, start..self.pos);
        }
    }

    fn punct(&mut self) {
        let start = self.pos;
        let two = |a: u8, b: u8| self.peek() == Some(a) && self.peek_at(1) == Some(b);
        let (tok, len) = if two(b':', b':') {
            (Tok::ColonColon, 2)
        } else if two(b'=', b'=') {
            (Tok::EqEq, 2)
        } else if two(b'!', b'=') {
            (Tok::Ne, 2)
        } else if two(b'>', b'=') {
            (Tok::Ge, 2)
        } else if two(b'<', b'=') {
            (Tok::Le, 2)
        } else if two(b'&', b'&') {
            (Tok::AndAnd, 2)
        } else if two(b'|', b'|') {
            (Tok::OrOr, 2)
        } else if two(b'-', b'>') {
            (Tok::Arrow, 2)
        } else if two(b'.', b'.') {
            (Tok::DotDot, 2)
        } else {
            let t = match self.peek() {
                Some(b'{') => Tok::LBrace,
                Some(b'}') => Tok::RBrace,
                Some(b'[') => Tok::LBracket,
                Some(b']') => Tok::RBracket,
                Some(b'(') => Tok::LParen,
                Some(b')') => Tok::RParen,
                Some(b',') => Tok::Comma,
                Some(b':') => Tok::Colon,
                Some(b'=') => Tok::Eq,
                Some(b'.') => Tok::Dot,
                Some(b'@') => Tok::At,
                Some(b'<') => Tok::Lt,
                Some(b'>') => Tok::Gt,
                Some(b'!') => Tok::Bang,
                Some(b'\'') => return self.single_quoted(),
                _ => return self.unexpected(),
            };
            (t, 1)
        };
        self.pos += len;
        self.push(tok, start..self.pos);
    }

    /// `'text'`: a common slip; reported once and read as the string it was meant to be.
    fn single_quoted(&mut self) {
        let start = self.pos;
        let line_end = self.line_end(start + 1);
        let rest = self.src.get(start + 1..line_end).unwrap_or("");
        let Some(close) = rest.find('\'') else {
            return self.unexpected();
        };
        let end = start + 1 + close + 1;
        let value = rest.get(..close).unwrap_or("").to_string();
        let d = Diagnostic::error(
            codes::UNEXPECTED_CHAR,
            self.span(start..end),
            "strings are written in double quotes",
        )
        .with_label("single quotes do not make a string")
        .with_help(format!(
            "write \"{value}\" (or #\"{value}\"# to avoid escapes)"
        ));
        self.error(d);
        self.check_controls(start..end);
        self.pos = end;
        let tok = StrTok {
            value: value.into(),
            style: StringStyle::Quoted,
            lit: false,
        };
        self.push(Tok::Str(tok), start..end);
    }

    /// A run of characters that start no token: one diagnostic, one error token.
    fn unexpected(&mut self) {
        let start = self.pos;
        let Some(first) = self.char_at(start) else {
            self.pos += 1;
            return;
        };
        if is_bad_control(first) {
            self.pos += first.len_utf8();
            self.control_error(start, first);
            self.push(Tok::Error, start..self.pos);
            return;
        }
        while let Some(c) = self.char_at(self.pos) {
            let b = self.peek().unwrap_or(b' ');
            let starts_token = b.is_ascii_alphanumeric()
                || b"_\"#`{}[](),:=.@<>! \t\n/".contains(&b)
                || (b == b'-' && self.pos != start);
            if self.pos != start && (starts_token || is_bad_control(c)) {
                break;
            }
            self.pos += c.len_utf8();
        }
        let text = self.src.get(start..self.pos).unwrap_or("");
        let help = match text {
            "&" => "write `&&` for \"and\"".to_string(),
            "|" => "write `||` for \"or\"".to_string(),
            "'" | "'…" => "strings are written in double quotes: \"text\"".to_string(),
            t if t.starts_with('\'') => {
                "strings are written in double quotes: \"text\"".to_string()
            }
            "-" => "`-` only appears in `->` and before a number".to_string(),
            _ => "remove it, or put it inside a string".to_string(),
        };
        let d = Diagnostic::error(
            codes::UNEXPECTED_CHAR,
            self.span(start..self.pos),
            format!("unexpected character `{text}`"),
        )
        .with_label("not part of any token")
        .with_help(help);
        self.error(d);
        self.push(Tok::Error, start..self.pos);
    }

    /// `#…"…"#…`, `#…"""…"""#…`; `start` includes a `lit` prefix if there was one.
    fn hash_string(&mut self, start: usize, lit: bool) {
        let hash_start = self.pos;
        let mut n = 0usize;
        while self.peek() == Some(b'#') {
            n += 1;
            self.pos += 1;
        }
        if self.peek() != Some(b'"') {
            let d = Diagnostic::error(
                codes::UNEXPECTED_CHAR,
                self.span(hash_start..self.pos),
                "unexpected character `#`",
            )
            .with_label("`#` only starts a raw string")
            .with_help("a raw string is written `#\"…\"#`; comments start with `//`");
            self.error(d);
            self.push(Tok::Error, start..self.pos);
            return;
        }
        let hashes = u8::try_from(n).unwrap_or(u8::MAX);
        if self.starts_with("\"\"\"") {
            return self.block_string(start, lit, Some(hashes));
        }
        self.pos += 1;
        let close: String = std::iter::once('"')
            .chain(std::iter::repeat_n('#', n))
            .collect();
        let line_end = self.line_end(self.pos);
        let body = self.src.get(self.pos..line_end).unwrap_or("");
        let value_start = self.pos;
        let (value, end) = match body.find(&close) {
            Some(i) => (
                body.get(..i).unwrap_or("").to_string(),
                value_start + i + close.len(),
            ),
            None => {
                let d = Diagnostic::error(
                    codes::UNTERMINATED_STRING,
                    self.span(line_end..line_end),
                    format!("expected `{close}` to close the string opened here"),
                )
                .with_label(format!("expected `{close}` before the end of the line"))
                .with_secondary(self.span(start..value_start), "the string starts here")
                .with_help("a raw string ends on its line; use `#\"\"\"` … `\"\"\"#` for text over several lines");
                self.error(d);
                (body.to_string(), line_end)
            }
        };
        self.check_controls(value_start..end);
        self.pos = end;
        let tok = StrTok {
            value: value.into(),
            style: StringStyle::Raw(hashes),
            lit,
        };
        self.push(Tok::Str(tok), start..end);
    }

    /// `"…"` with JSON escapes; or a `"""` block. `start` includes a `lit` prefix.
    fn string(&mut self, start: usize, lit: bool) {
        if self.starts_with("\"\"\"") {
            return self.block_string(start, lit, None);
        }
        let quote = self.pos;
        self.pos += 1;
        // Most strings are plain printable ASCII up to their closing quote: read
        // that run as bytes; the loop below decodes the rest (escapes, controls,
        // other characters, a missing quote) one character at a time.
        let run = self.plain_run(self.pos);
        let plain = self.src.get(self.pos..self.pos + run).unwrap_or("");
        self.pos += run;
        if self.peek() == Some(b'"') {
            self.pos += 1;
            let tok = StrTok {
                value: plain.into(),
                style: StringStyle::Quoted,
                lit,
            };
            self.push(Tok::Str(tok), start..self.pos);
            return;
        }
        let mut value = String::from(plain);
        loop {
            let Some(c) = self.char_at(self.pos) else {
                self.unterminated(start, quote);
                break;
            };
            match c {
                '"' => {
                    self.pos += 1;
                    break;
                }
                '\n' => {
                    self.unterminated(start, quote);
                    break;
                }
                '\\' => self.escape(&mut value),
                c => {
                    if is_bad_control(c) {
                        self.control_error(self.pos, c);
                    }
                    value.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
        let tok = StrTok {
            value: value.into(),
            style: StringStyle::Quoted,
            lit,
        };
        self.push(Tok::Str(tok), start..self.pos);
    }

    /// How many bytes from `from` are printable ASCII other than `"` and `\\`:
    /// characters a quoted string keeps as they are, with nothing to report.
    fn plain_run(&self, from: usize) -> usize {
        self.bytes.get(from..).map_or(0, |rest| {
            rest.iter()
                .position(|&b| !(b' '..=b'~').contains(&b) || b == b'"' || b == b'\\')
                .unwrap_or(rest.len())
        })
    }

    fn unterminated(&mut self, start: usize, quote: usize) {
        let at = self.pos;
        let d = Diagnostic::error(codes::UNTERMINATED_STRING, self.span(at..at), "expected `\"` to close the string opened here")
            .with_label("expected `\"` before the end of the line")
            .with_secondary(self.span(start..quote + 1), "the string starts here")
            .with_help("a quoted string ends on its line; use a `\"\"\"` block string for text over several lines");
        self.error(d);
    }

    /// One escape sequence; `self.pos` is at the backslash.
    fn escape(&mut self, value: &mut String) {
        let at = self.pos;
        let Some(c) = self.char_at(at + 1) else {
            self.pos += 1;
            return;
        };
        let simple = match c {
            '"' => Some('"'),
            '\\' => Some('\\'),
            '/' => Some('/'),
            'b' => Some('\u{8}'),
            'f' => Some('\u{c}'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            _ => None,
        };
        if let Some(v) = simple {
            value.push(v);
            self.pos += 2;
            return;
        }
        if c == 'u' {
            let Some(hi) = self.hex4(at + 2) else {
                return self.bad_escape(at, at + 2, "`\\u` needs four hex digits");
            };
            let mut end = at + 6;
            let ch = if (0xD800..0xDC00).contains(&hi) {
                // A high surrogate must be followed by `\uDC00`–`\uDFFF`.
                let low = if self.src.get(end..).is_some_and(|r| r.starts_with("\\u")) {
                    self.hex4(end + 2).filter(|l| (0xDC00..0xE000).contains(l))
                } else {
                    None
                };
                match low {
                    Some(lo) => {
                        end += 6;
                        char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                    }
                    None => None,
                }
            } else {
                char::from_u32(hi)
            };
            match ch {
                Some(ch) => {
                    value.push(ch);
                    self.pos = end;
                }
                None => self.bad_escape(at, end, "a lone surrogate is not a character"),
            }
            return;
        }
        if c == '\n' {
            return self.bad_escape(
                at,
                at + 1,
                "a quoted string cannot continue on the next line",
            );
        }
        self.bad_escape(at, at + 1 + c.len_utf8(), "not a JSON escape");
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let h = self.src.get(at..at + 4)?;
        if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(h, 16).ok()
    }

    fn bad_escape(&mut self, at: usize, end: usize, why: &str) {
        let end = end.min(self.line_end(at)).max(at + 1);
        let text = self.src.get(at..end).unwrap_or("\\");
        let d = Diagnostic::error(codes::BAD_ESCAPE, self.span(at..end), format!("invalid escape `{text}`"))
            .with_label(why.to_string())
            .with_help(
                "the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX; for text with backslashes use a raw string #\"…\"#",
            );
        self.error(d);
        self.pos = end;
    }

    /// A `"""` (or `#"""`) block string. `self.pos` is at the first `"`.
    fn block_string(&mut self, start: usize, lit: bool, hashes: Option<u8>) {
        let open_end = self.pos + 3;
        let n = hashes.map_or(0, usize::from);
        let close: String = std::iter::repeat_n('"', 3)
            .chain(std::iter::repeat_n('#', n))
            .collect();
        let first_end = self.line_end(open_end);
        let rest = self.src.get(open_end..first_end).unwrap_or("");
        if !rest.trim_matches([' ', '\t']).is_empty() {
            let d = Diagnostic::error(
                codes::BAD_BLOCK_STRING,
                self.span(open_end..first_end),
                "expected a line break after `\"\"\"`",
            )
            .with_label("text after the opening delimiter")
            .with_help(
                "a block string's text starts on the next line; for one line use \"…\" or #\"…\"#",
            );
            self.error(d);
        }
        // Find the closing line: its first non-whitespace is the delimiter.
        let mut line_start = first_end + 1;
        let mut content_lines: Vec<Range<usize>> = Vec::new();
        let mut closing: Option<(usize, usize)> = None; // (line start, delimiter start)
        while line_start <= self.bytes.len() && first_end < self.bytes.len() {
            let end = self.line_end(line_start);
            let line = self.src.get(line_start..end).unwrap_or("");
            let trimmed = line.trim_start_matches([' ', '\t']);
            if trimmed.starts_with(&close) {
                closing = Some((line_start, end - trimmed.len()));
                break;
            }
            content_lines.push(line_start..end);
            if end >= self.bytes.len() {
                break;
            }
            line_start = end + 1;
        }
        let style = hashes.map_or(StringStyle::Block, StringStyle::RawBlock);
        let Some((close_line, delim)) = closing else {
            let eof = self.bytes.len();
            let d = Diagnostic::error(
                codes::BAD_BLOCK_STRING,
                self.span(eof..eof),
                format!("expected `{close}` to close the block string opened here"),
            )
            .with_label("the file ends inside the block string")
            .with_secondary(
                self.span(start..open_end + n),
                "the block string starts here",
            )
            .with_help(format!(
                "end the block with `{close}` alone at the start of a line, indented like the text"
            ));
            self.error(d);
            self.check_controls(open_end..eof);
            let value = content_lines
                .iter()
                .map(|r| self.src.get(r.clone()).unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n");
            self.pos = eof;
            self.push(
                Tok::Str(StrTok {
                    value: value.into(),
                    style,
                    lit,
                }),
                start..eof,
            );
            return;
        };
        let indent = self.src.get(close_line..delim).unwrap_or("");
        let mut out: Vec<&str> = Vec::with_capacity(content_lines.len());
        let mut bad: Vec<Range<usize>> = Vec::new();
        for r in &content_lines {
            let line = self.src.get(r.clone()).unwrap_or("");
            if let Some(stripped) = line.strip_prefix(indent) {
                out.push(stripped);
            } else if line.trim_matches([' ', '\t']).is_empty() {
                out.push("");
            } else {
                let ws = line.len() - line.trim_start_matches([' ', '\t']).len();
                let first = line.chars().next().map_or(1, char::len_utf8);
                bad.push(r.start..r.start + if ws == 0 { first } else { ws });
                out.push(line.trim_start_matches([' ', '\t']));
            }
        }
        let value = out.join("\n");
        self.check_controls(open_end..delim);
        let end = delim + close.len();
        for r in bad {
            let d = Diagnostic::error(
                codes::BAD_BLOCK_INDENT,
                self.span(r),
                "block string line is not indented like its closing delimiter",
            )
            .with_label("this line must start with the closing line's indentation")
            .with_secondary(self.span(close_line..delim + close.len()), "the closing delimiter sets the indentation")
            .with_help("indent every line of the block at least as far as the closing `\"\"\"` (with the same spaces or tabs)");
            self.error(d);
        }
        self.pos = end;
        self.push(
            Tok::Str(StrTok {
                value: value.into(),
                style,
                lit,
            }),
            start..end,
        );
    }
}
