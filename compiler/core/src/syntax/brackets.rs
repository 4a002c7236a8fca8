//! The bracket pass between lexer and parser: balance `{}`, `[]`, `()` and cap nesting.
//!
//! Input: the lexer's tokens. Output: tokens in which every opener has its closer
//! (missing closers are inserted as zero-width tokens, stray closers dropped) and no
//! bracket or `!` run nests deeper than [`MAX_DEPTH`], plus one diagnostic per fix.
//! Invariants: a file whose brackets already balance is only changed by the depth cap,
//! so valid code never depends on the indentation heuristic. An over-deep region is
//! replaced by one `Tok::Error`, so the (recursive) parser never descends past the cap.
//! Why a pass of its own: with balanced brackets every chumsky recovery that skips a
//! bracketed group (`nested_delimiters`) stays inside the construct that failed, so one
//! missing `}` costs one diagnostic instead of swallowing the rest of the file.

use std::ops::Range;

use super::codes;
use super::token::Tok;
use crate::diagnostic::Diagnostic;
use crate::span::{FileId, Span};

/// The deepest bracket (or `!`) nesting the parser accepts.
pub const MAX_DEPTH: usize = 128;

struct Open {
    tok: Tok,
    span: Range<usize>,
    /// Indentation (bytes of leading whitespace) of the opener's line.
    indent: usize,
    /// Offset of the start of the opener's line.
    line: usize,
    what: &'static str,
}

/// `quiet_eof`: the lexer already reported why the file ends early (an unclosed
/// block string), so brackets left open at the end are not reported again.
pub fn balance(
    file: FileId,
    text: &str,
    tokens: Vec<(Tok, Range<usize>)>,
    quiet_eof: bool,
) -> (Vec<(Tok, Range<usize>)>, Vec<Diagnostic>) {
    let heuristic = !already_balanced(&tokens);
    let mut b = Balancer {
        file,
        out: Vec::with_capacity(tokens.len()),
        diags: Vec::new(),
        stack: Vec::new(),
        lines: std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .map(|start| (start, indent_at(text, start)))
            .collect(),
    };
    let mut at_line_start = true;
    let mut swallowed_to_eof = false;
    let mut i = 0usize;
    while let Some((tok, r)) = tokens.get(i) {
        let (tok, r) = (tok.clone(), r.clone());
        if tok == Tok::Newline {
            at_line_start = true;
            b.out.push((tok, r));
            i += 1;
            continue;
        }
        let line_start = at_line_start;
        if heuristic && at_line_start {
            b.close_by_indentation(&tok, r.start);
        }
        at_line_start = false;
        // Broken files only: a closer starting a line indented deeper than the construct
        // it would close is a stray one (the usual extra `}`).
        if heuristic && line_start && tok.is_closer() {
            let (indent, line) = b.line_info(r.start);
            if b.stack
                .last()
                .is_some_and(|top| top.line < line && top.indent < indent)
            {
                b.stray(&tok, r);
                i += 1;
                continue;
            }
        }
        if tok.is_opener() {
            if b.stack.len() >= MAX_DEPTH {
                let end = region_end(&tokens, i);
                let end_offset = match end {
                    Some(j) => tokens.get(j).map_or(r.end, |(_, rr)| rr.end),
                    None => {
                        swallowed_to_eof = true;
                        tokens.last().map_or(r.end, |(_, rr)| rr.end)
                    }
                };
                b.too_deep(r.clone());
                b.out.push((Tok::Error, r.start..end_offset));
                i = end.map_or(tokens.len(), |j| j + 1);
                continue;
            }
            let what = b.describe_opener(&tok);
            let (indent, line) = b.line_info(r.start);
            b.stack.push(Open {
                tok: tok.clone(),
                span: r.clone(),
                indent,
                line,
                what,
            });
            b.out.push((tok, r));
        } else if tok.is_closer() {
            b.closer(tok, r);
        } else if tok == Tok::Bang {
            let mut j = i;
            while matches!(tokens.get(j), Some((Tok::Bang, _))) {
                j += 1;
            }
            if j - i > MAX_DEPTH {
                let end = tokens.get(j - 1).map_or(r.end, |(_, rr)| rr.end);
                b.too_deep(r.start..end);
                b.out.push((Tok::Error, r.start..end));
                i = j;
                continue;
            }
            b.out.push((tok, r));
        } else {
            b.out.push((tok, r));
        }
        i += 1;
    }
    // At the end of the file: one diagnostic for the innermost open bracket, naming
    // the outer ones as secondary labels (they are one mistake: a truncated file).
    if !swallowed_to_eof && !quiet_eof {
        if let Some(inner) = b.stack.last() {
            let mut d = b.unclosed_diag(inner, "the file ends here");
            for outer in b.stack.iter().rev().skip(1) {
                let closer = outer.tok.closer_of().unwrap_or(Tok::RBrace);
                d = d.with_secondary(
                    b.span(outer.span.clone()),
                    format!("the {} opened here also needs {closer}", outer.what),
                );
            }
            b.diags.push(d);
        }
    }
    while let Some(open) = b.stack.pop() {
        let at = b.last_end().max(open.span.end);
        let closer = open.tok.closer_of().unwrap_or(Tok::RBrace);
        b.out.push((closer, at..at));
    }
    (b.out, b.diags)
}

/// Plain stack matching: do the brackets already pair up?
fn already_balanced(tokens: &[(Tok, Range<usize>)]) -> bool {
    let mut stack: Vec<Tok> = Vec::new();
    for (t, _) in tokens {
        if let Some(c) = t.closer_of() {
            stack.push(c);
        } else if t.is_closer() && stack.pop().as_ref() != Some(t) {
            return false;
        }
    }
    stack.is_empty()
}

/// The index of the closer that ends the bracketed region opened at `i`, counting all kinds.
fn region_end(tokens: &[(Tok, Range<usize>)], i: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (j, (t, _)) in tokens.iter().enumerate().skip(i) {
        if t.is_opener() {
            depth += 1;
        } else if t.is_closer() {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(j);
            }
        }
    }
    None
}

/// The spaces and tabs that start the line starting at `start`.
fn indent_at(text: &str, start: usize) -> usize {
    text.get(start..)
        .unwrap_or("")
        .bytes()
        .take_while(|b| *b == b' ' || *b == b'\t')
        .count()
}

struct Balancer {
    file: FileId,
    out: Vec<(Tok, Range<usize>)>,
    diags: Vec<Diagnostic>,
    stack: Vec<Open>,
    /// Where each line starts and its indentation: finding a token's line by
    /// searching back for `\n` cost the line's length per bracket, minutes on
    /// one 400 KB line of `}`.
    lines: Vec<(usize, usize)>,
}

impl Balancer {
    fn span(&self, r: Range<usize>) -> Span {
        Span::new(self.file, r.start, r.end)
    }

    /// The indentation and the start of the line holding `offset`.
    fn line_info(&self, offset: usize) -> (usize, usize) {
        let after = self.lines.partition_point(|&(start, _)| start <= offset);
        let (line, indent) = after
            .checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .copied()
            .unwrap_or((0, 0));
        (indent, line)
    }

    /// The end of the last real (non-newline) token emitted so far.
    fn last_end(&self) -> usize {
        self.out
            .iter()
            .rev()
            .find(|(t, _)| *t != Tok::Newline)
            .map_or(0, |(_, r)| r.end)
    }

    /// What an opener opens, from the tokens before it on its line (for messages).
    fn describe_opener(&self, tok: &Tok) -> &'static str {
        match tok {
            Tok::LBracket => return "list",
            Tok::LParen => return "parenthesis",
            _ => {}
        }
        let line_start = self
            .out
            .iter()
            .rposition(|(t, _)| *t == Tok::Newline)
            .map_or(0, |i| i + 1);
        let line = self.out.get(line_start..).unwrap_or(&[]);
        if let Some((prev, _)) = line.last() {
            if prev.is_ident("do") {
                return "loop body";
            }
            if *prev == Tok::Colon || *prev == Tok::LBracket || *prev == Tok::Comma {
                return "map";
            }
        }
        let first = line.iter().find(|(t, _)| !matches!(t, Tok::DocComment(_)));
        match first.map(|(t, _)| t) {
            Some(Tok::Ident(w)) => match w.as_str() {
                "automation" | "command" => "document",
                "step" => "step",
                "action" | "extern" => "action declaration",
                "param" | "var" | "input" => "attribute map",
                "if" | "else" | "guard" | "match" | "branch" => "block",
                "defaults" => "defaults block",
                "plugin" => "plugin",
                "outputs" => "outputs clause",
                _ => "map",
            },
            Some(Tok::At) => "declaration",
            Some(Tok::RBrace) => "block",
            _ => "map",
        }
    }

    fn unclosed(&mut self, open: &Open, at_label: &str) {
        let d = self.unclosed_diag(open, at_label);
        self.diags.push(d);
    }

    fn unclosed_diag(&self, open: &Open, at_label: &str) -> Diagnostic {
        let closer = open.tok.closer_of().unwrap_or(Tok::RBrace);
        let last = self.last_end();
        Diagnostic::error(
            codes::UNCLOSED_DELIMITER,
            self.span(last.max(open.span.end)..last.max(open.span.end)),
            format!("expected {closer} to close the {} opened here", open.what),
        )
        .with_label(format!("expected {closer} after this"))
        .with_secondary(
            self.span(open.span.clone()),
            format!("the {} opened here", open.what),
        )
        .with_help(format!(
            "add {closer}; {at_label}, so the {} cannot continue past it",
            open.what
        ))
    }

    /// Broken files only: a line that starts at or left of an open construct's
    /// indentation ends that construct (a `}` line may sit at its opener's indentation).
    fn close_by_indentation(&mut self, first: &Tok, offset: usize) {
        let (indent, line) = self.line_info(offset);
        while let Some(top) = self.stack.last() {
            if top.line >= line {
                break;
            }
            let ends = if first.is_closer() {
                top.indent > indent
            } else {
                top.indent >= indent
            };
            if !ends {
                break;
            }
            let Some(open) = self.stack.pop() else { break };
            self.unclosed(&open, "the next line is indented outside it");
            let at = self.last_end();
            let closer = open.tok.closer_of().unwrap_or(Tok::RBrace);
            // Insert the closer before the newline(s) that end the previous line.
            let pos = self
                .out
                .iter()
                .rposition(|(t, _)| *t != Tok::Newline)
                .map_or(0, |i| i + 1);
            self.out.insert(pos, (closer, at..at));
        }
    }

    fn closer(&mut self, tok: Tok, r: Range<usize>) {
        if self.stack.last().and_then(|o| o.tok.closer_of()).as_ref() == Some(&tok) {
            self.stack.pop();
            self.out.push((tok, r));
            return;
        }
        // `["a", "b"}`: the wrong closer for a bracket opened on the same line is a typo
        // for the right one.
        let (_, line) = self.line_info(r.start);
        if let Some(top) = self.stack.last() {
            if top.line == line {
                let expected = top.tok.closer_of().unwrap_or(Tok::RBrace);
                let d = Diagnostic::error(
                    codes::UNMATCHED_CLOSER,
                    self.span(r.clone()),
                    format!("mismatched {tok}: expected {expected}"),
                )
                .with_label(format!("expected {expected} here"))
                .with_secondary(
                    self.span(top.span.clone()),
                    format!("the {} opened here", top.what),
                )
                .with_help(format!("close the {} with {expected}", top.what));
                self.diags.push(d);
                self.stack.pop();
                self.out.push((expected, r));
                return;
            }
        }
        let matching = self
            .stack
            .iter()
            .rposition(|o| o.tok.closer_of().as_ref() == Some(&tok));
        match matching {
            Some(k) => {
                // Everything opened after the match is unclosed: close it here.
                while self.stack.len() > k + 1 {
                    let Some(open) = self.stack.pop() else { break };
                    self.unclosed(&open, &format!("{tok} closes an outer bracket"));
                    let at = self.last_end();
                    let closer = open.tok.closer_of().unwrap_or(Tok::RBrace);
                    self.out.push((closer, at..at));
                }
                self.stack.pop();
                self.out.push((tok, r));
            }
            None => self.stray(&tok, r),
        }
    }

    /// A closer with nothing (or the wrong thing) open: reported and dropped.
    fn stray(&mut self, tok: &Tok, r: Range<usize>) {
        let opener = match tok {
            Tok::RBracket => "`[`",
            Tok::RParen => "`(`",
            _ => "`{`",
        };
        let mut d = Diagnostic::error(
            codes::UNMATCHED_CLOSER,
            self.span(r),
            format!("unexpected {tok}"),
        )
        .with_label(format!("no open {opener} to close here"));
        if let Some(top) = self.stack.last() {
            let expected = top.tok.closer_of().unwrap_or(Tok::RBrace);
            let top_span = self.span(top.span.clone());
            let what = top.what;
            d = d
                .with_secondary(top_span, format!("the {what} opened here is still open"))
                .with_help(format!("remove it, or close the {what} with {expected}"));
        } else {
            d = d.with_help("remove it");
        }
        self.diags.push(d);
    }

    fn too_deep(&mut self, r: Range<usize>) {
        let d = Diagnostic::error(
            codes::TOO_DEEP,
            self.span(r.start..r.start.saturating_add(1).min(r.end.max(r.start))),
            format!("nesting deeper than {MAX_DEPTH} levels"),
        )
        .with_label("this is nested too deep")
        .with_help(format!(
            "split the value into smaller parts; brackets and `!` may nest at most {MAX_DEPTH} levels"
        ));
        self.diags.push(d);
    }
}
