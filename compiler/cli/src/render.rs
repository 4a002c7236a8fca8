//! Diagnostics → text for a terminal (ariadne), the only place that draws them.
//!
//! Input: diagnostics (byte spans) and the [`SourceMap`] holding their files.
//! Output: one string; with `color = false` plain text, stable for snapshots.
//! Invariants: every rendered diagnostic names its place as `name:line:col`
//! (1-based, columns in characters): ariadne's header `╭─[ name:line:col ]`, or the
//! first line of the plain fallback;
//! spans are clamped to the text so a bad span can never make rendering fail;
//! no control or bidirectional character of a document reaches the output
//! raw (messages, labels, help, file names and excerpts show `\u{1b}`).

use std::fmt::Write as _;
use std::ops::Range;

use std::collections::HashMap;
use std::sync::Arc;

use ariadne::{Cache, CharSet, Color, Config, IndexType, Label, Report, ReportKind};
use ssmc_core::controls;
use ssmc_core::diagnostic::{Diagnostic, Severity};
use ssmc_core::span::{FileId, SourceFile, SourceMap, Span};

/// Renders every diagnostic, in the order given, separated by blank lines.
pub fn render(diags: &[Diagnostic], sources: &SourceMap, color: bool) -> String {
    // One cache for the whole run: building ariadne's line table per
    // diagnostic made rendering O(diagnostics × file size), which turned a
    // 60 KB document with a thousand repeated step names into a minute-long hang.
    let mut shown: HashMap<FileId, Shown> = HashMap::new();
    for d in diags {
        let spans = std::iter::once(d.primary.span).chain(d.secondary.iter().map(|l| l.span));
        for f in spans.filter_map(|s| sources.get(s.file)) {
            shown.entry(f.id).or_insert_with(|| Shown::new(f));
        }
    }
    let mut cache = ariadne::sources(
        shown
            .values()
            .map(|f| (f.name.clone(), f.text.clone()))
            .collect::<Vec<_>>(),
    );
    let mut out = String::new();
    for d in diags {
        out.push_str(&render_one(d, sources, &shown, color, &mut cache));
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// A file as the reader sees it: its name and text with control and
/// bidirectional characters escaped (`\u{1b}`), so an excerpt cannot drive
/// the terminal or reorder what is shown, and the map from the text's byte
/// offsets to the shown text's.
struct Shown {
    name: String,
    /// The file's own text when it holds nothing to escape (shared, not copied).
    text: Arc<str>,
    /// `(end of an escaped character in the original, bytes added up to there)`, in order.
    shifts: Vec<(usize, usize)>,
}

impl Shown {
    fn new(file: &SourceFile) -> Shown {
        let name = controls::escape(&file.name).into_owned();
        let mut hidden = hidden_chars(&file.text).peekable();
        if hidden.peek().is_none() {
            // Most documents: nothing to escape, so the text is shared as it is.
            return Shown {
                name,
                text: Arc::clone(&file.text),
                shifts: Vec::new(),
            };
        }
        let mut text = String::with_capacity(file.text.len() + 16);
        let mut shifts = Vec::new();
        let mut added = 0;
        let mut copied = 0;
        for (at, c) in hidden {
            text.push_str(file.text.get(copied..at).unwrap_or_default());
            let esc = controls::escaped(c);
            added += esc.len() - c.len_utf8();
            text.push_str(&esc);
            copied = at + c.len_utf8();
            shifts.push((copied, added));
        }
        text.push_str(file.text.get(copied..).unwrap_or_default());
        Shown {
            name,
            text: Arc::from(text),
            shifts,
        }
    }

    /// An offset of the original text (on a character boundary) in the shown text.
    fn offset(&self, at: usize) -> usize {
        let passed = self.shifts.partition_point(|&(end, _)| end <= at);
        let added = passed
            .checked_sub(1)
            .and_then(|i| self.shifts.get(i))
            .map_or(0, |&(_, added)| added);
        at + added
    }

    fn range(&self, r: Range<usize>) -> Range<usize> {
        self.offset(r.start)..self.offset(r.end)
    }
}

/// The byte offset and character of every [`controls::is_hidden`] character
/// of `text`. Rendering escapes whole files, so this skips the ASCII bytes
/// that cannot be hidden without decoding them: decoding and testing every
/// character was a third of rendering a warning in a small file.
fn hidden_chars(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let rest = bytes.get(at..)?;
        // Printable ASCII, tab and line feed are never hidden.
        let skip = rest
            .iter()
            .position(|&b| !(b == b'\n' || b == b'\t' || (0x20..0x7f).contains(&b)))?;
        at += skip;
        let c = text.get(at..)?.chars().next()?;
        let here = at;
        at += c.len_utf8();
        if controls::is_hidden(c) {
            return Some((here, c));
        }
    })
}

/// `name:line:col` of a span's start (1-based), or `<unknown>` for a file not in the map.
pub fn location(span: Span, sources: &SourceMap) -> String {
    match sources.get(span.file) {
        Some(f) => {
            let lc = f.lines.line_col(span.start);
            format!(
                "{}:{}:{}",
                controls::escape(&f.name),
                lc.line + 1,
                lc.col + 1
            )
        }
        None => "<unknown>".to_string(),
    }
}

/// A span's byte range clamped to the file's text and to character boundaries.
fn clamp(file: &SourceFile, span: Span) -> Range<usize> {
    let text = &file.text;
    let fix = |mut o: usize| {
        o = o.min(text.len());
        while o > 0 && !text.is_char_boundary(o) {
            o -= 1;
        }
        o
    };
    let start = fix(span.start as usize);
    let end = fix(span.end as usize).max(start);
    start..end
}

fn render_one(
    d: &Diagnostic,
    sources: &SourceMap,
    shown: &HashMap<FileId, Shown>,
    color: bool,
    cache: &mut impl Cache<String>,
) -> String {
    let (kind, paint) = match d.severity {
        Severity::Error => (ReportKind::Error, Color::Red),
        Severity::Warning => (ReportKind::Warning, Color::Yellow),
        // "Info", the level's one name (docs/cli.md); ariadne's own kind says "Advice".
        // A custom kind is painted whatever the config says: `Primary` paints nothing.
        Severity::Info => {
            let head = if color { Color::Blue } else { Color::Primary };
            (ReportKind::Custom("Info", head), Color::Blue)
        }
    };
    let loc = location(d.primary.span, sources);
    let (Some(file), Some(primary_shown)) = (
        sources.get(d.primary.span.file),
        shown.get(&d.primary.span.file),
    ) else {
        return plain(d, &loc);
    };
    // An excerpt of a huge line (minified JSON) costs its whole length per
    // label and per diagnostic, and helps nobody: name the place instead.
    let labels = std::iter::once(d.primary.span).chain(d.secondary.iter().map(|l| l.span));
    if labels
        .filter_map(|s| sources.get(s.file).map(|f| (f, s)))
        .any(|(f, s)| long_line(f, s))
    {
        return plain(d, &loc);
    }
    let config = Config::default()
        .with_color(color)
        .with_index_type(IndexType::Byte)
        .with_char_set(CharSet::Unicode);
    let id = primary_shown.name.clone();
    let at = primary_shown.range(clamp(file, d.primary.span));
    let mut report = Report::build(kind, (id.clone(), at.clone()))
        .with_config(config)
        .with_code(d.code)
        .with_message(controls::escape(&d.message));
    let orders = label_orders(d);
    let mut primary = Label::new((id, at)).with_order(orders.first().copied().unwrap_or(0));
    if !d.primary.text.is_empty() {
        primary = primary.with_message(controls::escape(&d.primary.text));
    }
    if color {
        primary = primary.with_color(paint);
    }
    report = report.with_label(primary);
    for (i, l) in d.secondary.iter().enumerate() {
        let (Some(f), Some(s)) = (sources.get(l.span.file), shown.get(&l.span.file)) else {
            continue;
        };
        let mut label = Label::new((s.name.clone(), s.range(clamp(f, l.span))))
            .with_order(orders.get(i + 1).copied().unwrap_or(i32::MAX));
        if !l.text.is_empty() {
            label = label.with_message(controls::escape(&l.text));
        }
        if color {
            label = label.with_color(Color::Blue);
        }
        report = report.with_label(label);
    }
    if let Some(help) = &d.help {
        report = report.with_help(controls::escape(help));
    }
    let mut buf = Vec::new();
    if report.finish().write(&mut *cache, &mut buf).is_err() {
        return plain(d, &loc);
    }
    let text = String::from_utf8_lossy(&buf).into_owned();
    if color {
        text
    } else {
        unpaint_header(text)
    }
}

/// The drawing order of the primary label (index 0) and of each secondary:
/// the primary's file first, then by file and position. ariadne draws labels
/// in this order and starts a new snippet, headed by the report's own
/// `file:line:col`, whenever a label sits above the one before it; ordered by
/// position, all labels of one file share one snippet, and a snippet of
/// another file is headed by its own first label's place.
fn label_orders(d: &Diagnostic) -> Vec<i32> {
    let primary_file = d.primary.span.file;
    let mut by_place: Vec<(usize, Span)> = std::iter::once(d.primary.span)
        .chain(d.secondary.iter().map(|l| l.span))
        .enumerate()
        .collect();
    by_place.sort_by_key(|&(i, s)| (s.file != primary_file, s.file, s.start, i));
    let mut orders = vec![0; by_place.len()];
    for (rank, (i, _)) in by_place.into_iter().enumerate() {
        if let Some(order) = orders.get_mut(i) {
            *order = i32::try_from(rank).unwrap_or(i32::MAX);
        }
    }
    orders
}

/// ariadne paints a custom kind's name (our "Info") even with colour off: the
/// header line starts with the `Primary` colour code and resets after the kind.
fn unpaint_header(text: String) -> String {
    const PAINT: &str = "\u{1b}[39m";
    const RESET: &str = "\u{1b}[0m";
    let Some(rest) = text.strip_prefix(PAINT) else {
        return text;
    };
    let header_end = rest.find('\n').unwrap_or(rest.len());
    let kind_end = rest.get(..header_end).and_then(|h| h.find(RESET));
    match kind_end.and_then(|at| Some((rest.get(..at)?, rest.get(at + RESET.len()..)?))) {
        Some((kind, after)) => format!("{kind}{after}"),
        None => text,
    }
}

/// Lines longer than this (in bytes) are not shown as excerpts.
const MAX_EXCERPT_LINE: usize = 1000;

/// Whether the line holding the span's start or its end is longer than
/// [`MAX_EXCERPT_LINE`]. Scans at most that many bytes each way, so the
/// check costs the same on a 4 MB one-line file as on a short one.
fn long_line(file: &SourceFile, span: Span) -> bool {
    let range = clamp(file, span);
    let bytes = file.text.as_bytes();
    let too_long = |at: usize| {
        let lo = at.saturating_sub(MAX_EXCERPT_LINE + 1);
        let hi = (at + MAX_EXCERPT_LINE + 1).min(bytes.len());
        let start = bytes
            .get(lo..at)
            .and_then(|b| b.iter().rposition(|&c| c == b'\n'))
            .map(|i| lo + i + 1);
        let end = bytes
            .get(at..hi)
            .and_then(|b| b.iter().position(|&c| c == b'\n'))
            .map(|i| at + i);
        match (
            start.or((lo == 0).then_some(0)),
            end.or((hi == bytes.len()).then_some(hi)),
        ) {
            (Some(s), Some(e)) => e - s > MAX_EXCERPT_LINE,
            _ => true,
        }
    };
    too_long(range.start) || too_long(range.end)
}

/// A fallback without source excerpts (file unknown, or ariadne failed).
fn plain(d: &Diagnostic, loc: &str) -> String {
    let mut s = format!(
        "{}[{}]: {} ({loc})\n",
        d.severity.as_str(),
        d.code,
        d.message
    );
    if !d.primary.text.is_empty() {
        let _ = writeln!(s, "  label: {}", d.primary.text);
    }
    if let Some(h) = &d.help {
        let _ = writeln!(s, "  help: {h}");
    }
    controls::escape(&s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ssmc_core::diagnostic::Diagnostic;

    #[test]
    fn plain_rendering_names_the_place_and_has_no_escapes() {
        let mut map = SourceMap::new();
        let f = map.add("a.rbk", "automation A {\n  stpe S = aws:sleep {}\n}\n");
        let d = Diagnostic::error(
            ssmc_core::syntax::codes::UNKNOWN_KEYWORD,
            Span::new(f, 17, 21),
            "unknown keyword `stpe`",
        )
        .with_label("not a keyword here")
        .with_secondary(Span::new(f, 13, 14), "the document opened here")
        .with_help("did you mean `step`?");
        let out = render(&[d], &map, false);
        assert!(out.contains("a.rbk:2:3"), "{out}");
        assert!(out.contains("not a keyword here"), "{out}");
        assert!(out.contains("the document opened here"), "{out}");
        assert!(out.contains("did you mean `step`?"), "{out}");
        assert!(!out.contains('\u{1b}'), "{out}");
    }

    #[test]
    fn the_lowest_level_is_called_info_and_plain_text_has_no_escapes() {
        let mut map = SourceMap::new();
        let f = map.add("a.rbk", "automation A {}\n");
        let d = Diagnostic::new(
            ssmc_core::lint::registry::MISSING_DOCUMENT_TAGS,
            Severity::Info,
            Span::new(f, 11, 12),
            "document without tags",
        );
        let out = render(std::slice::from_ref(&d), &map, false);
        assert!(
            out.starts_with("[SSM204] Info: document without tags\n"),
            "{out}"
        );
        assert!(!out.contains('\u{1b}'), "{out:?}");
        assert!(!out.contains("Advice"), "{out}");
        assert!(render(&[d], &map, true).contains("Info:"));
    }

    #[test]
    fn document_controls_are_escaped_in_messages_and_excerpts() {
        let mut map = SourceMap::new();
        let text = "step \u{1b}[2J\u{202e}x = 1\nstep y\u{0} = 2\n";
        let f = map.add("e\u{1b}.rbk", text);
        let y = text.find('y').unwrap_or_default();
        let d = Diagnostic::error(
            ssmc_core::check::codes::DUPLICATE_STEP,
            Span::new(f, y, y + 1),
            "duplicate step `\u{1b}[2J\u{202e}x`",
        )
        .with_label("again \u{7}")
        .with_secondary(Span::new(f, 5, 12), "first here")
        .with_help("rename \u{9b}31m");
        let out = render(&[d], &map, false);
        let raw = out.chars().find(|&c| ssmc_core::controls::is_hidden(c));
        assert_eq!(raw, None, "{out:?}");
        assert!(out.contains("e\\u{1b}.rbk:2:6"), "{out}");
        assert!(
            out.contains("duplicate step `\\u{1b}[2J\\u{202e}x`"),
            "{out}"
        );
        assert!(out.contains("step \\u{1b}[2J\\u{202e}x = 1"), "{out}");
        assert!(out.contains("step y\\u{0} = 2"), "{out}");
        assert!(out.contains("again \\u{7}"), "{out}");
        assert!(out.contains("rename \\u{9b}31m"), "{out}");
        // The first line's underline spans the escaped `\u{1b}[2J\u{202e}`: 17 columns.
        let widest = out
            .lines()
            .filter(|l| l.contains('┬'))
            .map(|l| l.chars().filter(|&c| c == '─' || c == '┬').count())
            .max();
        assert_eq!(widest, Some(17), "{out}");
    }

    /// The byte scan finds exactly the characters a per-character test finds,
    /// in ASCII, multi-byte text, C1 controls and bidirectional controls.
    #[test]
    fn hidden_chars_are_those_a_per_character_test_finds() {
        let texts = [
            "",
            "plain ascii\n\ttabbed\n",
            "cr\r\nlf\x7f del \u{1b}[31m esc",
            "é ü 中文 \u{1F600} \u{9b}c1 \u{85}nel",
            "\u{202e}rlo\u{2066}lri\u{2069} \u{200f}rlm",
            "\u{0}",
            "end\u{1b}",
        ];
        for text in texts {
            let slow: Vec<(usize, char)> = text
                .char_indices()
                .filter(|&(_, c)| controls::is_hidden(c))
                .collect();
            assert_eq!(hidden_chars(text).collect::<Vec<_>>(), slow, "{text:?}");
        }
    }

    /// A file without hidden characters is shown as it is, shared; one with
    /// them shows each escaped, and offsets after them move by the escapes.
    #[test]
    fn a_clean_file_is_shared_and_a_dirty_one_is_escaped() {
        let mut map = SourceMap::new();
        let clean = map.add("c.rbk", "step x = 1\n");
        let dirty = map.add("d.rbk", "a\u{1b}b\u{202e}c\n");
        let (Some(clean), Some(dirty)) = (map.get(clean), map.get(dirty)) else {
            panic!("files not in the map");
        };
        let shown = Shown::new(clean);
        assert!(Arc::ptr_eq(&shown.text, &clean.text));
        assert_eq!(shown.offset(5), 5);
        let shown = Shown::new(dirty);
        assert_eq!(&*shown.text, "a\\u{1b}b\\u{202e}c\n");
        assert_eq!(shown.offset(1), 1);
        assert_eq!(shown.offset(2), 7);
        assert_eq!(shown.offset(6), 16);
    }

    #[test]
    fn spans_past_the_end_and_unknown_files_do_not_fail() {
        let mut map = SourceMap::new();
        let f = map.add("é.rbk", "é");
        let d = Diagnostic::error(
            ssmc_core::syntax::codes::UNEXPECTED_EOF,
            Span::new(f, 1, 99),
            "unexpected end of file",
        );
        assert!(render(&[d], &map, false).contains("é.rbk:1:1"));
        let d = Diagnostic::error(
            ssmc_core::syntax::codes::UNEXPECTED_EOF,
            Span::new(ssmc_core::FileId(7), 0, 1),
            "x",
        );
        assert!(render(&[d], &map, true).contains("<unknown>"));
    }

    /// Labels above the primary share its snippet; a label in another file
    /// gets a snippet headed by its own place, never by the primary's.
    #[test]
    fn every_snippet_is_headed_by_its_own_place() {
        let mut map = SourceMap::new();
        let main = "automation A {\n  step One = aws:sleep {}\n  step Two = aws:approve {\n    Message: \"{{ One.Nope }}\"\n  }\n}\n";
        let lib = "// lib\naction Y {}\n";
        let f = map.add("main.rbk", main);
        let g = map.add("lib.rbk", lib);
        let at = |text: &str, needle: &str| text.find(needle).unwrap_or_default();
        let use_at = at(main, "One.Nope");
        let step_at = at(main, "One =");
        let lib_at = at(lib, "Y");
        let d = Diagnostic::error(
            ssmc_core::check::codes::UNKNOWN_OUTPUT,
            Span::new(f, use_at, use_at + 8),
            "step `One` has no output `Nope`",
        )
        .with_label("used here")
        .with_secondary(Span::new(f, step_at, step_at + 3), "the step")
        .with_secondary(Span::new(g, lib_at, lib_at + 1), "declared elsewhere");
        let out = render(&[d], &map, false);
        insta::assert_snapshot!(format!(
            "--- main.rbk\n{main}--- lib.rbk\n{lib}--- rendered\n{out}"
        ));
        assert!(out.contains("╭─[ main.rbk:4:18 ]"), "{out}");
        assert!(out.contains("├─[ lib.rbk:2:8 ]"), "{out}");
        assert_eq!(out.matches("main.rbk:").count(), 1, "{out}");
    }
}
