//! Source files and byte spans.
//!
//! Invariant: every span's `start <= end`, both byte offsets into the text of
//! `file` after BOM removal and CRLF normalisation (see [`SourceFile::new`]).
//! Line/column and UTF-16 positions exist only in [`LineIndex`], used by renderers.

use std::sync::{Arc, OnceLock};

/// Identifies one source text inside a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A half-open byte range `[start, end)` in one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        let end = u32::try_from(end).unwrap_or(u32::MAX).max(start);
        Span { file, start, end }
    }

    /// A zero-length span, for synthesized nodes that point at a place.
    pub fn point(file: FileId, at: usize) -> Span {
        Span::new(file, at, at)
    }

    /// The smallest span covering both (they must be in the same file).
    #[must_use]
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn contains(self, offset: u32) -> bool {
        self.start <= offset && offset <= self.end
    }
}

/// One source text, already normalised: a leading BOM is removed and every
/// `\r\n` (and lone `\r`) becomes `\n`, so byte offsets are stable for all phases.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub id: FileId,
    /// The path as the user gave it (for messages); the core never opens it.
    pub name: String,
    pub text: Arc<str>,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn new(id: FileId, name: impl Into<String>, raw: &str) -> SourceFile {
        let text = shared_normalised(raw);
        SourceFile {
            id,
            name: name.into(),
            lines: LineIndex::of_shared(Arc::clone(&text)),
            text,
        }
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
}

/// [`normalize_source`] straight into the shared text: a text without `\r`
/// (nearly all) is copied once, not once into a `String` and again into the `Arc`.
fn shared_normalised(raw: &str) -> Arc<str> {
    if raw.contains('\r') {
        Arc::from(normalize_source(raw))
    } else {
        Arc::from(raw.strip_prefix('\u{feff}').unwrap_or(raw))
    }
}

/// Removes a BOM and normalises line endings to `\n`.
pub fn normalize_source(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    if !raw.contains('\r') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Byte offset → line/column conversions.
///
/// The line starts are found on first use, not when a file is added: most
/// files of a run (the stdlib's, those answered from the result cache, those
/// without findings) are never asked for a position, and a start-up that
/// indexes nothing is what makes `ssmc check` of one small file cheap.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset of the start of each line, once asked for.
    line_starts: OnceLock<Vec<u32>>,
    /// The same text as the [`SourceFile`]'s (one allocation for both).
    text: Arc<str>,
}

/// A 0-based line and column; `col` counts bytes, chars or UTF-16 units
/// depending on the method that produced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        LineIndex::of_shared(Arc::from(text))
    }

    /// The index of a text already shared, without copying it.
    pub fn of_shared(text: Arc<str>) -> LineIndex {
        LineIndex {
            line_starts: OnceLock::new(),
            text,
        }
    }

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut starts = Vec::with_capacity(self.text.len() / 32 + 1);
            starts.push(0);
            starts.extend(
                memchr::memchr_iter(b'\n', self.text.as_bytes())
                    .map(|i| u32::try_from(i + 1).unwrap_or(u32::MAX)),
            );
            starts
        })
    }

    fn line_of(&self, offset: u32) -> usize {
        match self.line_starts().binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    fn clamp(&self, offset: u32) -> u32 {
        let len = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        let mut o = offset.min(len);
        while o > 0 && !self.text.is_char_boundary(o as usize) {
            o -= 1;
        }
        o
    }

    /// 0-based line and column in Unicode scalar values (what humans count).
    pub fn line_col(&self, offset: u32) -> LineCol {
        let offset = self.clamp(offset);
        let line = self.line_of(offset);
        let start = self.line_starts().get(line).copied().unwrap_or(0);
        let col = self
            .text
            .get(start as usize..offset as usize)
            .map_or(0, |s| s.chars().count());
        LineCol {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
        }
    }

    /// 0-based line and column in UTF-16 code units (what LSP counts).
    pub fn line_col_utf16(&self, offset: u32) -> LineCol {
        let offset = self.clamp(offset);
        let line = self.line_of(offset);
        let start = self.line_starts().get(line).copied().unwrap_or(0);
        let col: usize = self
            .text
            .get(start as usize..offset as usize)
            .map_or(0, |s| s.chars().map(char::len_utf16).sum());
        LineCol {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset of a 0-based line and UTF-16 column, clamped to the text.
    pub fn offset_utf16(&self, pos: LineCol) -> u32 {
        let Some(&start) = self.line_starts().get(pos.line as usize) else {
            return u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        };
        let rest = self.text.get(start as usize..).unwrap_or("");
        let mut units = 0u32;
        let mut bytes = 0usize;
        for c in rest.chars() {
            if c == '\n' || units >= pos.col {
                break;
            }
            units += u32::try_from(c.len_utf16()).unwrap_or(2);
            bytes += c.len_utf8();
        }
        start + u32::try_from(bytes).unwrap_or(0)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }
}

/// A set of source files addressed by [`FileId`]. The files are shared, so a
/// copy of a map (the language server starts each analysis from one) costs a
/// reference count per file, not a copy of every text and line index.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<Arc<SourceFile>>,
}

impl SourceMap {
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    /// Adds a file (normalising its text) and returns its id.
    pub fn add(&mut self, name: impl Into<String>, raw: &str) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(Arc::new(SourceFile::new(id, name, raw)));
        id
    }

    /// Puts `file` in its id's place (the language server keeps one id per
    /// workspace file and swaps the text when it changes); an id past the
    /// end is refused (`false`).
    pub fn replace(&mut self, file: Arc<SourceFile>) -> bool {
        match self.files.get_mut(file.id.0 as usize) {
            Some(slot) => {
                *slot = file;
                true
            }
            None => false,
        }
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize).map(|f| &**f)
    }

    pub fn files(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter().map(|f| &**f)
    }

    /// The id the next [`SourceMap::add`] gives.
    pub fn next_id(&self) -> FileId {
        FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_bom_are_normalised() {
        assert_eq!(normalize_source("\u{feff}a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let idx = LineIndex::new("x\n😀y");
        // "😀" is 4 bytes, 2 UTF-16 units.
        assert_eq!(idx.line_col_utf16(6), LineCol { line: 1, col: 2 });
        assert_eq!(idx.line_col(6), LineCol { line: 1, col: 1 });
        assert_eq!(idx.offset_utf16(LineCol { line: 1, col: 2 }), 6);
    }

    /// The line starts found on first use give, at every offset, the line and
    /// column a plain count of the preceding characters gives.
    #[test]
    fn lazy_line_index_agrees_with_counting() {
        let text = "a\n\nbé😀\n\n  x\ny\n";
        let file = SourceFile::new(FileId(0), "t", text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let before = &text[..offset];
            let line = before.matches('\n').count();
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
            let want = LineCol {
                line: u32::try_from(line).unwrap_or(u32::MAX),
                col: u32::try_from(col).unwrap_or(u32::MAX),
            };
            let at = u32::try_from(offset).unwrap_or(u32::MAX);
            assert_eq!(file.lines.line_col(at), want, "offset {offset}");
        }
        assert_eq!(file.lines.line_count(), 7);
    }

    /// The file and its index share one copy of the normalised text.
    #[test]
    fn file_and_index_share_the_text() {
        let file = SourceFile::new(FileId(0), "t", "\u{feff}a\r\nb");
        assert_eq!(&*file.text, "a\nb");
        assert!(Arc::ptr_eq(&file.text, &file.lines.text));
        let plain = SourceFile::new(FileId(1), "u", "\u{feff}a\nb");
        assert_eq!(&*plain.text, "a\nb");
        assert!(Arc::ptr_eq(&plain.text, &plain.lines.text));
    }
}
