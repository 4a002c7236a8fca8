//! `Content-Length` framing of LSP messages read from a client that may send
//! anything.
//!
//! Input: bytes as they arrive (any chunking). Output: frames, each a body
//! or a fault, in order.
//! Invariants: never panics and never waits on a fault: a bad or missing
//! `Content-Length`, a header block that never ends, a length over
//! [`MAX_BODY`] are reported at once, and decoding resumes at the next
//! `Content-Length:` in the stream (so one bad frame costs that frame only).
//! Memory is bounded by [`MAX_BODY`] plus what one read adds: a length over
//! the cap is never waited for, and garbage between frames is dropped as it
//! is scanned. The decoder knows nothing of JSON: `message.rs` judges bodies,
//! and hands a body that is not JSON back ([`Decoder::rescan`]), since a
//! `Content-Length` larger than the body it announced swallows the next
//! frame's header into the body.

/// The largest body accepted: the server's document cap (4 MiB, see
/// `server.rs`) with room for JSON escapes (up to 6 bytes per character).
pub const MAX_BODY: usize = 32 * 1024 * 1024;

/// The largest header block accepted (real clients send one or two short lines).
pub const MAX_HEADER: usize = 8 * 1024;

const CONTENT_LENGTH: &[u8] = b"Content-Length:";
const HEADER_END: &[u8] = b"\r\n\r\n";

/// What is wrong with a frame's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// A header block without `Content-Length`.
    MissingLength,
    /// A `Content-Length` that is not a decimal number, or two that differ.
    BadLength(String),
    /// A `Content-Length` over [`MAX_BODY`].
    TooLarge(u64),
    /// A header line that is not `Name: value` in UTF-8.
    BadHeader,
    /// No blank line within [`MAX_HEADER`] bytes.
    HeaderTooLong,
    /// The stream ended inside a frame (or inside garbage).
    Truncated,
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Fault::MissingLength => write!(f, "a header without Content-Length"),
            Fault::BadLength(v) => write!(f, "an invalid Content-Length `{}`", v.escape_debug()),
            Fault::TooLarge(n) => write!(
                f,
                "a Content-Length of {n} bytes, over the limit of {MAX_BODY}"
            ),
            Fault::BadHeader => write!(f, "a header line that is not `Name: value`"),
            Fault::HeaderTooLong => write!(f, "a header over {MAX_HEADER} bytes"),
            Fault::Truncated => write!(f, "the input ended inside a message"),
        }
    }
}

/// One decoded frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    Body(Vec<u8>),
    Fault(Fault),
}

/// Splits a byte stream into frames. Feed it with [`Decoder::push`], take
/// frames with [`Decoder::next_frame`] until it answers `None`, and call
/// [`Decoder::finish`] at the end of the stream.
#[derive(Debug)]
pub struct Decoder {
    buf: Vec<u8>,
    /// The largest body taken (a trusted stream may need more than [`MAX_BODY`]).
    limit: usize,
    /// After a fault: skip to the next `Content-Length:` before decoding.
    resync: bool,
}

impl Default for Decoder {
    fn default() -> Decoder {
        Decoder::new()
    }
}

impl Decoder {
    /// A decoder for a client's bytes: bodies up to [`MAX_BODY`].
    pub fn new() -> Decoder {
        Decoder::with_limit(MAX_BODY)
    }

    pub fn with_limit(limit: usize) -> Decoder {
        Decoder {
            buf: Vec::new(),
            limit,
            resync: false,
        }
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Bytes held, waiting for the rest of a frame.
    pub fn buffered(&self) -> usize {
        self.buf.len()
    }

    /// The next complete frame or fault; `None` when more bytes are needed.
    pub fn next_frame(&mut self) -> Option<Frame> {
        if self.resync && !self.skip_to_header() {
            return None;
        }
        let Some(end) = find(
            &self.buf[..self.buf.len().min(MAX_HEADER + HEADER_END.len())],
            HEADER_END,
        ) else {
            if self.buf.len() > MAX_HEADER {
                return Some(self.fault(Fault::HeaderTooLong));
            }
            return None;
        };
        let length = match content_length(&self.buf[..end]) {
            Ok(n) => n,
            Err(fault) => return Some(self.block_fault(fault, end)),
        };
        let Some(length) = usize::try_from(length).ok().filter(|n| *n <= self.limit) else {
            // Never wait for (or hold) a body this large: resume after its header.
            self.buf.drain(..end + HEADER_END.len());
            self.resync = true;
            return Some(Frame::Fault(Fault::TooLarge(length)));
        };
        let start = end + HEADER_END.len();
        if self.buf.len() - start < length {
            return None;
        }
        let body = self.buf[start..start + length].to_vec();
        self.buf.drain(..start + length);
        Some(Frame::Body(body))
    }

    /// Puts a body that turned out not to be a message back in front of the
    /// stream and resynchronises from its first byte: when its header
    /// announced more bytes than it had, the next frame's header is inside it.
    pub fn rescan(&mut self, body: Vec<u8>) {
        let rest = std::mem::replace(&mut self.buf, body);
        self.buf.extend_from_slice(&rest);
        self.resync = true;
    }

    /// At the end of the stream: a fault when bytes of an unfinished frame
    /// remain.
    pub fn finish(&mut self) -> Option<Fault> {
        // After a fault the bytes left are that fault's, already reported.
        let unfinished = !self.resync && !self.buf.iter().all(u8::is_ascii_whitespace);
        self.buf.clear();
        unfinished.then_some(Fault::Truncated)
    }

    /// Reports `fault` for the frame at the front and resynchronises past its first byte.
    fn fault(&mut self, fault: Fault) -> Frame {
        self.buf.drain(..1.min(self.buf.len()));
        self.resync = true;
        Frame::Fault(fault)
    }

    /// Reports `fault` for the header block ending at `end` and drops the
    /// block, or only what comes before a `Content-Length:` glued inside its
    /// first line (garbage, then a real header).
    fn block_fault(&mut self, fault: Fault, end: usize) -> Frame {
        let block = &self.buf[..end];
        let glued = find(&block[1..], CONTENT_LENGTH)
            .map(|i| i + 1)
            .filter(|&at| !block[..at].windows(2).any(|w| w == b"\r\n"));
        self.buf.drain(..glued.unwrap_or(end + HEADER_END.len()));
        self.resync = true;
        Frame::Fault(fault)
    }

    /// Drops bytes up to the next `Content-Length:`; true when one is at the
    /// front. Keeps a possible partial match at the end for the next push.
    fn skip_to_header(&mut self) -> bool {
        match find(&self.buf, CONTENT_LENGTH) {
            Some(at) => {
                self.buf.drain(..at);
                self.resync = false;
                true
            }
            None => {
                let keep = (CONTENT_LENGTH.len() - 1).min(self.buf.len());
                self.buf.drain(..self.buf.len() - keep);
                false
            }
        }
    }
}

/// The `Content-Length` of a header block (without its blank line).
fn content_length(block: &[u8]) -> Result<u64, Fault> {
    let block = std::str::from_utf8(block).map_err(|_| Fault::BadHeader)?;
    let mut length = None;
    for line in block.split("\r\n") {
        let (name, value) = line.split_once(':').ok_or(Fault::BadHeader)?;
        if !name.trim().eq_ignore_ascii_case("content-length") {
            // `Content-Type` and unknown headers are allowed and ignored.
            continue;
        }
        let value = value.trim();
        let bad = || Fault::BadLength(value.chars().take(40).collect());
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let n: u64 = value.parse().unwrap_or(u64::MAX);
        if length.is_some_and(|l| l != n) {
            return Err(bad());
        }
        length = Some(n);
    }
    length.ok_or(Fault::MissingLength)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A body with its `Content-Length` header, as the server writes messages.
pub fn encode(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Frame> {
        let mut d = Decoder::new();
        d.push(input);
        let mut out = Vec::new();
        while let Some(f) = d.next_frame() {
            out.push(f);
        }
        out.extend(d.finish().map(Frame::Fault));
        out
    }

    fn body(s: &str) -> Frame {
        Frame::Body(s.as_bytes().to_vec())
    }

    #[test]
    fn frames_in_any_chunking_decode_alike() {
        let input = [encode(b"{\"a\":1}"), encode(b"[]")].concat();
        let whole = frames(&input);
        assert_eq!(whole, vec![body("{\"a\":1}"), body("[]")]);
        let mut d = Decoder::new();
        let mut out = Vec::new();
        for b in &input {
            d.push(std::slice::from_ref(b));
            while let Some(f) = d.next_frame() {
                out.push(f);
            }
        }
        assert_eq!(out, whole);
        assert_eq!(d.finish(), None);
    }

    #[test]
    fn headers_are_case_insensitive_and_content_type_is_ignored() {
        let input = b"content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}";
        assert_eq!(frames(input), vec![body("{}")]);
    }

    #[test]
    fn a_bad_header_costs_that_frame_only() {
        let good = encode(b"{}");
        for (bad, fault) in [
            (
                &b"Content-Length: abc\r\n\r\n{}"[..],
                Fault::BadLength("abc".into()),
            ),
            (b"Content-Length: -1\r\n\r\n", Fault::BadLength("-1".into())),
            (
                b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
                Fault::BadLength("3".into()),
            ),
            (b"Content-Type: x\r\n\r\n{}", Fault::MissingLength),
            (b"hello\r\n\r\n", Fault::BadHeader),
            (b"xyz: 1\r\nContent-Length 2\r\n\r\n{}", Fault::BadHeader),
            (b"Content-Length: 2\r\nX: \xff\r\n\r\n{}", Fault::BadHeader),
        ] {
            let input = [bad, &good[..]].concat();
            assert_eq!(
                frames(&input),
                vec![Frame::Fault(fault), body("{}")],
                "{bad:?}"
            );
        }
    }

    #[test]
    fn garbage_glued_to_a_header_costs_nothing_more() {
        let input = [&b"junk"[..], &encode(b"{}")].concat();
        assert_eq!(
            frames(&input),
            vec![Frame::Fault(Fault::MissingLength), body("{}")]
        );
    }

    #[test]
    fn a_huge_length_is_refused_without_waiting_for_it() {
        let input = [
            &b"Content-Length: 99999999999999999999999\r\n\r\n"[..],
            &encode(b"{}"),
        ]
        .concat();
        assert_eq!(
            frames(&input),
            vec![Frame::Fault(Fault::TooLarge(u64::MAX)), body("{}")]
        );
        let over = format!("Content-Length: {}\r\n\r\n", MAX_BODY + 1);
        let input = [over.as_bytes(), &encode(b"{}")].concat();
        assert_eq!(
            frames(&input),
            vec![
                Frame::Fault(Fault::TooLarge(MAX_BODY as u64 + 1)),
                body("{}")
            ]
        );
    }

    #[test]
    fn a_header_that_never_ends_is_refused_and_dropped() {
        let mut d = Decoder::new();
        d.push(&vec![b'x'; MAX_HEADER + 10]);
        assert_eq!(d.next_frame(), Some(Frame::Fault(Fault::HeaderTooLong)));
        assert_eq!(d.next_frame(), None);
        // The garbage is not kept while waiting for a header.
        assert!(d.buffered() < CONTENT_LENGTH.len());
        d.push(&encode(b"{}"));
        assert_eq!(d.next_frame(), Some(body("{}")));
    }

    #[test]
    fn a_short_body_followed_by_a_frame_is_recovered_by_rescanning() {
        // The first header announces 40 bytes but only 2 follow: the body
        // swallows the next frame's header, and rescanning finds it.
        let next = encode(br#"{"jsonrpc":"2.0","method":"x"}"#);
        let input = [&b"Content-Length: 40\r\n\r\n{}"[..], &next].concat();
        let mut d = Decoder::new();
        d.push(&input);
        let swallowed = d
            .next_frame()
            .and_then(|f| match f {
                Frame::Body(b) => Some(b),
                Frame::Fault(_) => None,
            })
            .expect("a 40-byte body");
        assert_eq!(swallowed.len(), 40);
        d.rescan(swallowed);
        assert_eq!(
            d.next_frame(),
            Some(body(r#"{"jsonrpc":"2.0","method":"x"}"#))
        );
        assert_eq!(d.next_frame(), None);
        assert_eq!(d.finish(), None);
    }

    #[test]
    fn the_end_inside_a_frame_is_a_truncation() {
        assert_eq!(
            frames(b"Content-Length: 10\r\n\r\n{}"),
            vec![Frame::Fault(Fault::Truncated)]
        );
        assert_eq!(frames(b"Content-Le"), vec![Frame::Fault(Fault::Truncated)]);
        assert_eq!(frames(b""), vec![]);
    }
}
