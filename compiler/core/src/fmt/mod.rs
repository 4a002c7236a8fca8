//! The canonical printer of `.rbk` syntax (`ssmc fmt`, and the last step of `ssmc import`).
//!
//! Input: a [`SourceFileAst`] and, when it was parsed, the normalised source
//! text it came from. Output: the file in the canonical style of
//! docs/language.md ("Appendix: the canonical format"), ending with exactly one newline.
//!
//! Invariants:
//! - every `//` comment of `ast.comments` is printed exactly once, at the
//!   next *line anchor* (a place where the printer starts a new line: a
//!   statement, a document item, a map entry, a closing brace) after its
//!   source position; it is a trailing comment (appended to the previous
//!   line) when code preceded it on its source line, else an own-line
//!   comment at the anchor's indentation;
//! - string contents are never changed (block strings are re-indented only);
//! - layout decisions read the source when it is given (a map stays on one
//!   line iff it was written on one line; blank lines are kept, at most one);
//!   without source (ASTs built by the importer, whose spans only order the
//!   comments) a bracket stays on one line iff it fits in 100 columns;
//! - printing is idempotent: the output parses to the same tree (modulo the
//!   canonical order of step clauses) and prints to itself.

mod expr;
mod items;
mod steps;
mod text;

use crate::span::Span;
use crate::syntax::ast::{Comment, DocComment, Item, SourceFileAst};

/// Maximum line width for layout decisions on ASTs without source.
const MAX_WIDTH: usize = 100;
const INDENT: usize = 2;

/// Prints `ast` in canonical style. `source` is the normalised text the AST
/// was parsed from (`None` for a synthesized AST). The AST should come from a
/// clean parse; `Error` nodes are printed as their source text when `source`
/// is given (and dropped otherwise).
pub fn format_file(ast: &SourceFileAst, source: Option<&str>) -> String {
    let mut comments: Vec<&Comment> = ast.comments.iter().collect();
    comments.sort_by_key(|c| (c.span.start, c.span.end));
    let mut p = Printer::new(source, comments);
    p.file(&ast.items);
    p.finish()
}

/// A condition on one line, as `fmt` prints it (`Environment == "prod"`),
/// for labels outside a file (`ssmc graph`).
pub(crate) fn cond_text(c: &crate::syntax::ast::Cond) -> String {
    let mut p = Printer::new(None, Vec::new());
    p.flat = true;
    p.cond(c);
    p.out
}

/// The printer state. Output is built line by line; a line anchor is only
/// ever taken at the start of a line, which is what lets a trailing comment
/// be appended to the line just finished.
pub(crate) struct Printer<'a> {
    out: String,
    indent: usize,
    src: Option<&'a str>,
    comments: Vec<&'a Comment>,
    next_comment: usize,
    /// Source offset up to which everything has been printed (for blank lines).
    last_pos: usize,
    /// Set right after an opening brace: no blank line may follow it.
    fresh_block: bool,
    /// Measuring mode: every bracket on one line, no comments.
    flat: bool,
}

impl<'a> Printer<'a> {
    fn new(src: Option<&'a str>, comments: Vec<&'a Comment>) -> Printer<'a> {
        Printer {
            out: String::new(),
            indent: 0,
            src,
            comments,
            next_comment: 0,
            last_pos: 0,
            fresh_block: true,
            flat: false,
        }
    }

    fn file(&mut self, items: &[Item]) {
        for (i, item) in items.iter().enumerate() {
            let start = items::item_start(item);
            self.anchor(start, if i == 0 { Blank::Keep } else { Blank::Always });
            match item {
                Item::Document(d) => self.document(d),
                Item::Action(a) => self.action_decl(a),
                Item::Error(span) => self.error_text(*span),
            }
            self.newline();
            self.done(items::item_end(item));
        }
        self.anchor(usize::MAX, Blank::Keep);
    }

    fn finish(self) -> String {
        let mut out = self.out;
        let trimmed = out.trim_end_matches(['\n', ' ', '\t']).len();
        out.truncate(trimmed);
        out.push('\n');
        out
    }

    // ---- primitive output -------------------------------------------------

    fn write(&mut self, s: &str) {
        if self.out.is_empty() || self.out.ends_with('\n') {
            if s.is_empty() {
                return;
            }
            self.push_indent();
        }
        self.out.push_str(s);
    }

    fn push_indent(&mut self) {
        for _ in 0..self.indent {
            self.out.push(' ');
        }
    }

    /// Ends the current line (if anything is on it).
    fn newline(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    /// Writes raw text that carries its own line structure (block strings).
    fn write_verbatim(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn column(&self) -> usize {
        let line_start = self.out.rfind('\n').map_or(0, |i| i + 1);
        let on_line = self.out.get(line_start..).unwrap_or("");
        if on_line.is_empty() {
            self.indent
        } else {
            on_line.chars().count()
        }
    }

    /// How many line breaks were written since the output had length `len`.
    fn lines_since(&self, len: usize) -> usize {
        self.out.get(len..).map_or(0, |t| t.matches('\n').count())
    }

    /// Prints the text `f` produces on one line, or `None` if it spans lines.
    fn measure(&self, f: impl FnOnce(&mut Printer<'a>)) -> Option<String> {
        let mut sub = Printer::new(self.src, Vec::new());
        sub.flat = true;
        f(&mut sub);
        if sub.out.contains('\n') {
            None
        } else {
            Some(sub.out)
        }
    }

    fn slice(&self, span: Span) -> Option<&'a str> {
        self.src.and_then(|s| s.get(span.range()))
    }

    /// Whether a bracketed construct goes on several lines: with source, iff
    /// it was written on several lines; without, iff its one-line form does
    /// not fit after the current column (`extra` counts what follows it).
    fn breaks(&self, span: Span, extra: usize, f: impl FnOnce(&mut Printer<'a>)) -> bool {
        if self.flat {
            return false;
        }
        if let Some(text) = self.slice(span) {
            if !text.is_empty() {
                return text.contains('\n');
            }
        }
        match self.measure(f) {
            Some(line) => self.column() + line.chars().count() + extra > MAX_WIDTH,
            None => true,
        }
    }

    /// Whether a comment still to print starts strictly inside `span` (such a
    /// construct is printed on several lines so the comment keeps its place).
    fn has_comment_inside(&self, span: Span) -> bool {
        self.comments
            .iter()
            .skip(self.next_comment)
            .take_while(|c| c.span.start < span.end) // sorted by start
            .any(|c| c.span.start > span.start)
    }

    // ---- anchors, comments, blank lines -----------------------------------

    /// Starts a new line for a construct at source offset `pos`: flushes the
    /// comments before it, then a blank line as `blank` says.
    fn anchor(&mut self, pos: usize, blank: Blank) {
        if self.flat {
            return;
        }
        self.newline();
        let mut first = true;
        while let Some(c) = self.comments.get(self.next_comment).copied() {
            if c.span.start as usize > pos {
                break;
            }
            self.next_comment += 1;
            let start = c.span.start as usize;
            if self.is_trailing(start) && self.append_to_last_line(&c.text) {
                self.done(c.span.end as usize);
                continue;
            }
            let blank_before = if first {
                self.policy(blank, start)
            } else {
                self.had_blank(start)
            };
            self.blank_line(blank_before);
            self.write(c.text.trim_end());
            self.newline();
            self.fresh_block = false;
            self.done(c.span.end as usize);
            first = false;
        }
        let blank_before = match (first, blank) {
            (_, Blank::Never) => false,
            (true, _) => self.policy(blank, pos),
            (false, _) => self.had_blank(pos),
        };
        self.blank_line(blank_before);
        self.fresh_block = false;
    }

    fn policy(&self, blank: Blank, at: usize) -> bool {
        match blank {
            Blank::Always => true,
            Blank::Never => false,
            Blank::Keep => self.had_blank(at),
            Blank::Synth(b) => {
                if self.src.is_some() {
                    self.had_blank(at)
                } else {
                    b
                }
            }
        }
    }

    fn blank_line(&mut self, wanted: bool) {
        if wanted && !self.fresh_block && !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    /// Records that everything up to `end` has been printed.
    fn done(&mut self, end: usize) {
        self.last_pos = self.last_pos.max(end);
    }

    /// Marks the start of a block's contents (no blank line right after `{`).
    fn open_block(&mut self, brace_end: usize) {
        self.fresh_block = true;
        self.done(brace_end);
    }

    fn is_trailing(&self, start: usize) -> bool {
        let Some(src) = self.src else { return false };
        let Some(before) = src.get(..start) else {
            return false;
        };
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        before
            .get(line_start..)
            .is_some_and(|l| !l.trim().is_empty())
    }

    /// Appends ` // text` to the last printed line; false if there is none.
    fn append_to_last_line(&mut self, text: &str) -> bool {
        if !self.out.ends_with('\n') || self.out.ends_with("\n\n") || self.out.len() < 2 {
            return false;
        }
        self.out.pop();
        self.out.push(' ');
        self.out.push_str(text.trim_end());
        self.out.push('\n');
        true
    }

    /// Whether the source has a blank line between what was printed last and `pos`.
    fn had_blank(&self, pos: usize) -> bool {
        let Some(src) = self.src else { return false };
        let Some(between) = src.get(self.last_pos.min(pos)..pos) else {
            return false;
        };
        let mut newlines = 0;
        for ch in between.chars() {
            match ch {
                '\n' => {
                    newlines += 1;
                    if newlines >= 2 {
                        return true;
                    }
                }
                ' ' | '\t' | '\r' => {}
                _ => newlines = 0,
            }
        }
        false
    }

    /// Skips the comments inside a span that is printed verbatim.
    fn skip_comments_in(&mut self, span: Span) {
        while let Some(c) = self.comments.get(self.next_comment) {
            if c.span.start >= span.end {
                break;
            }
            self.next_comment += 1;
        }
    }

    /// An `Error` node: its source text verbatim (nothing without source).
    fn error_text(&mut self, span: Span) {
        if let Some(text) = self.slice(span) {
            let text = text.trim_end();
            self.skip_comments_in(span);
            let mut lines = text.split('\n');
            if let Some(first) = lines.next() {
                self.write(first.trim_start());
            }
            for line in lines {
                self.out.push('\n');
                self.out.push_str(line);
            }
            self.done(span.end as usize);
        }
    }

    // ---- doc comments -------------------------------------------------------

    fn doc_comment(&mut self, docs: Option<&DocComment>) {
        let Some(doc) = docs else { return };
        if let Some(lines) = self.doc_source_lines(doc) {
            for line in lines {
                match line {
                    DocLine::Doc(rest) => self.write_doc_line(&rest),
                    DocLine::Comment(text) => {
                        self.write(&text);
                        self.newline();
                    }
                }
            }
            self.skip_comments_in(doc.span);
        } else {
            for line in doc.text.split('\n') {
                let rest = if line.is_empty() {
                    String::new()
                } else {
                    format!(" {line}")
                };
                self.write_doc_line(&rest);
            }
        }
        self.done(doc.span.end as usize);
    }

    fn write_doc_line(&mut self, rest: &str) {
        self.write("///");
        self.out.push_str(rest);
        self.newline();
    }

    /// The doc comment's source lines, normalised to `/// text` form, with
    /// the `//` comments between them; `None` unless they give exactly `doc.text`.
    fn doc_source_lines(&self, doc: &DocComment) -> Option<Vec<DocLine>> {
        let text = self.slice(doc.span)?;
        let mut lines = Vec::new();
        let mut derived: Vec<&str> = Vec::new();
        for raw in text.split('\n') {
            let line = raw.trim_start();
            if line.is_empty() {
                continue;
            }
            match line.strip_prefix("///") {
                Some(rest) if !rest.starts_with('/') => {
                    let content = rest.strip_prefix(' ').unwrap_or(rest);
                    derived.push(content);
                    let rest = if content.is_empty() {
                        String::new()
                    } else {
                        format!(" {content}")
                    };
                    lines.push(DocLine::Doc(rest));
                }
                _ if line.starts_with("//") => {
                    lines.push(DocLine::Comment(line.trim_end().to_string()))
                }
                _ => return None,
            }
        }
        (derived.join("\n") == doc.text).then_some(lines)
    }

    /// Runs `f` one indentation level deeper.
    fn indented(&mut self, f: impl FnOnce(&mut Printer<'a>)) {
        self.indent += INDENT;
        f(self);
        self.indent -= INDENT;
    }
}

enum DocLine {
    Doc(String),
    Comment(String),
}

/// Blank-line policy at an anchor.
#[derive(Clone, Copy)]
pub(crate) enum Blank {
    /// Exactly one blank line before (top-level items).
    Always,
    /// Never a blank line (map entries, clauses).
    Never,
    /// One blank line iff the source had one or more.
    Keep,
    /// As `Keep` with source; without source, the given choice.
    Synth(bool),
}

#[cfg(test)]
mod tests;
