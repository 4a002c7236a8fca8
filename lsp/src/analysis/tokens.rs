//! Semantic tokens and inlay hints.
//!
//! Input: the analysed document (its text, lexed again here, and its name
//! index). Output: classified, non-overlapping, single-line [`SemToken`]s in
//! text order; [`InlayHint`]s (the seconds of a duration, the implied type
//! of an output declared without one).
//! Invariants: names come from the same index as hover and references, so a
//! `{{ P }}` inside a string is coloured as the parameter it is; the lexer's
//! tokens give keywords, strings, numbers and comments; a token never spans
//! a line break (clients need not support multi-line tokens).

use ssmc_core::syntax::lexer;
use ssmc_core::syntax::token::Tok;

use super::complete::is_keyword;
use super::index::Target;
use super::Analysis;

/// A token type; [`TOKEN_KINDS`] is the legend, in index order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Keyword,
    String,
    Number,
    Comment,
    Parameter,
    Variable,
    /// A step name.
    Step,
    /// A step output or an input key.
    Property,
    /// An action name.
    Action,
}

/// Every token kind in legend order (the server maps them to LSP names).
pub const TOKEN_KINDS: &[TokenKind] = &[
    TokenKind::Keyword,
    TokenKind::String,
    TokenKind::Number,
    TokenKind::Comment,
    TokenKind::Parameter,
    TokenKind::Variable,
    TokenKind::Step,
    TokenKind::Property,
    TokenKind::Action,
];

impl TokenKind {
    pub fn index(self) -> u32 {
        let i = TOKEN_KINDS.iter().position(|k| *k == self).unwrap_or(0);
        u32::try_from(i).unwrap_or(0)
    }
}

/// One classified piece of a line: bytes `start..end` of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SemToken {
    pub start: u32,
    pub end: u32,
    pub kind: TokenKind,
    /// The name's definition (a `declaration` modifier).
    pub declaration: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InlayKind {
    /// An implied type (`: String`).
    Type,
    /// A computed value (`= 3600s`).
    Value,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the hint is shown (after the thing it explains).
    pub offset: u32,
    pub label: String,
    pub kind: InlayKind,
}

fn target_kind(t: &Target) -> TokenKind {
    match t {
        Target::Action(_) => TokenKind::Action,
        Target::InputKey { .. } | Target::Output { .. } => TokenKind::Property,
        Target::Param(_) => TokenKind::Parameter,
        Target::Var(_) => TokenKind::Variable,
        Target::Step(_) => TokenKind::Step,
    }
}

impl Analysis {
    /// Every semantic token of the document, in order.
    pub fn semantic_tokens(&self) -> Vec<SemToken> {
        if self.raw.is_some() {
            // JSON/YAML keep their own highlighting.
            return Vec::new();
        }
        let lexed = lexer::lex(self.file, &self.text);
        let mut names: Vec<SemToken> = self
            .occurrences()
            .iter()
            .filter(|o| o.span.file == self.file && o.span.start < o.span.end)
            .map(|o| SemToken {
                start: o.span.start,
                end: o.span.end,
                kind: target_kind(&o.target),
                declaration: o.is_def,
            })
            .collect();
        names.sort_by_key(|t| (t.start, t.end));
        names.dedup_by_key(|t| t.start);
        // Drop names nested in an earlier one (never expected; keeps the output valid).
        let mut last_end = 0;
        names.retain(|t| {
            let keep = t.start >= last_end;
            if keep {
                last_end = t.end;
            }
            keep
        });

        let mut base: Vec<SemToken> = Vec::new();
        let mut push = |start: usize, end: usize, kind: TokenKind| {
            if let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(end)) {
                base.push(SemToken {
                    start,
                    end,
                    kind,
                    declaration: false,
                });
            }
        };
        for (tok, range) in &lexed.tokens {
            let kind = match tok {
                Tok::Ident(w) if is_keyword(w) => TokenKind::Keyword,
                Tok::Number(_) | Tok::Duration { .. } => TokenKind::Number,
                Tok::Str(_) => TokenKind::String,
                Tok::DocComment(_) => TokenKind::Comment,
                _ => continue,
            };
            push(range.start, range.end, kind);
        }
        for c in &lexed.comments {
            push(
                c.span.start as usize,
                c.span.end as usize,
                TokenKind::Comment,
            );
        }
        base.sort_by_key(|t| (t.start, t.end));

        // Base tokens minus the names inside them, then the names. The names
        // are sorted and never overlap, so their ends are sorted too: the
        // names inside a base token are found by binary search, not by a scan
        // of every name per token (quadratic: a 40,000-step runbook took 33 s).
        let mut pieces: Vec<SemToken> = Vec::new();
        for b in &base {
            let mut at = b.start;
            let first = names.partition_point(|n| n.end <= b.start);
            let inside = names.get(first..).unwrap_or_default();
            for n in inside.iter().take_while(|n| n.start < b.end) {
                if n.start > at {
                    pieces.push(SemToken { end: n.start, ..*b });
                }
                at = at.max(n.end);
            }
            if at < b.end {
                pieces.push(SemToken { start: at, ..*b });
            }
        }
        pieces.extend(names);
        pieces.sort_by_key(|t| (t.start, t.end));
        let mut out = Vec::with_capacity(pieces.len());
        let mut covered = 0u32;
        for p in pieces {
            let start = p.start.max(covered);
            if start >= p.end {
                continue;
            }
            covered = p.end;
            self.split_lines(SemToken { start, ..p }, &mut out);
        }
        out
    }

    /// Splits a token at line breaks (dropping the breaks themselves).
    fn split_lines(&self, t: SemToken, out: &mut Vec<SemToken>) {
        let Some(text) = self.text.get(t.start as usize..t.end as usize) else {
            return;
        };
        let mut at = t.start;
        for line in text.split('\n') {
            let len = u32::try_from(line.len()).unwrap_or(0);
            if len > 0 {
                out.push(SemToken {
                    start: at,
                    end: at + len,
                    ..t
                });
            }
            at += len + 1;
        }
    }

    /// Inlay hints whose place is in `start..=end`: a duration's seconds
    /// where it is not already written in seconds (`1h` → `= 3600s`), and
    /// `: String` after an output declared without a type (what SSM assumes).
    pub fn inlay_hints(&self, start: u32, end: u32) -> Vec<InlayHint> {
        let mut out = Vec::new();
        let lexed = lexer::lex(self.file, &self.text);
        for (tok, range) in &lexed.tokens {
            let Tok::Duration { seconds, text } = tok else {
                continue;
            };
            let Ok(offset) = u32::try_from(range.end) else {
                continue;
            };
            if *text != format!("{seconds}s") && (start..=end).contains(&offset) {
                out.push(InlayHint {
                    offset,
                    label: format!("= {seconds}s"),
                    kind: InlayKind::Value,
                });
            }
        }
        let untyped = (0..)
            .map_while(|i| self.defs(i))
            .flat_map(|d| &d.steps)
            .flat_map(|s| &s.outputs)
            .filter(|o| o.ty.is_none() && o.name_span.file == self.file);
        for o in untyped {
            let offset = o.name_span.end;
            if (start..=end).contains(&offset) {
                out.push(InlayHint {
                    offset,
                    label: ": String".to_string(),
                    kind: InlayKind::Type,
                });
            }
        }
        out.sort_by_key(|h| h.offset);
        out
    }
}
