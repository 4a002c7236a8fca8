//! Lexing and parsing of `.rbk` sources into [`ast`].
//!
//! Input: normalised source text (`span::normalize_source`). Output: [`Parsed`], a tree
//! and every syntax diagnostic (`E00xx`, see [`codes`]).
//! Pipeline: `lexer` (tokens, trivia, lexical errors) → `brackets` (balance brackets,
//! cap nesting at 128) → `parser` (chumsky grammar with recovery; a cheap pass first,
//! the rich pass only when it finds an error) → `errors` (chumsky errors → diagnostics).
//! Invariants: `parse` never fails and never panics on any input; no input overflows the
//! stack; diagnostics are sorted by position; the tree does not depend on the pass.

pub mod ast;
pub mod bidi;
mod brackets;
pub mod codes;
mod errors;
pub mod lexer;
mod parser;
pub mod refs;
pub mod token;

#[cfg(test)]
mod tests;

use chumsky::input::Input as _;
use chumsky::prelude::*;

use std::collections::HashSet;

use crate::diagnostic::{self, Diagnostic};
use crate::span::{FileId, Span};

pub use brackets::MAX_DEPTH;

/// The result of parsing one file.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub ast: ast::SourceFileAst,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses one file. `text` must already be normalised (`span::normalize_source`).
pub fn parse(file: FileId, text: &str) -> Parsed {
    let lexed = lexer::lex(file, text);
    let mut diagnostics = lexed.diagnostics;
    diagnostics.extend(bidi::check(file, text));
    let quiet_eof = diagnostics.iter().any(|d| {
        d.code == codes::BAD_BLOCK_STRING && d.message.contains("to close the block string")
    });
    let (tokens, bracket_diags) = brackets::balance(file, text, lexed.tokens, quiet_eof);
    diagnostics.extend(bracket_diags.iter().cloned());

    let tokens: Vec<parser::TokSpan> = tokens
        .into_iter()
        .map(|(t, r)| (t, SimpleSpan::from(r)))
        .collect();
    let eoi = SimpleSpan::from(text.len()..text.len());
    // A file the lexer and the bracket pass found clean usually parses clean:
    // try the cheap pass first, and keep its tree when it reports nothing.
    // Otherwise the rich pass gives the tree and the errors. Both passes are
    // the same grammar, so the tree does not depend on which one built it.
    let lexically_clean = !diagnostics.iter().any(Diagnostic::is_error);
    let quick = lexically_clean
        .then(|| run_pass::<chumsky::error::EmptyErr>(file, &tokens, eoi))
        .and_then(|(output, errors)| output.filter(|_| errors.is_empty()));
    let (output, errors) = match quick {
        Some(ast) => (Some(ast), Vec::new()),
        None => run_pass::<Rich<'_, token::Tok, SimpleSpan>>(file, &tokens, eoi),
    };
    let unclosed = UnclosedRegions::new(&bracket_diags);
    // One place, one complaint: keep the first diagnostic at a position. A set,
    // not a scan of the list: 400 KB of `}` gives 400,000 diagnostics.
    let mut said: HashSet<(Span, String)> = diagnostics
        .iter()
        .map(|d| (d.primary.span, d.message.clone()))
        .collect();
    for e in &errors {
        if let Some(d) = errors::convert(file, text.len(), e) {
            if unclosed.explain(&d) {
                continue;
            }
            if said.insert((d.primary.span, d.message.clone())) {
                diagnostics.push(d);
            }
        }
    }
    let mut ast = output.unwrap_or_default();
    ast.comments = lexed.comments;
    diagnostic::sort(&mut diagnostics);
    Parsed { ast, diagnostics }
}

/// One run of the grammar over `tokens`, with errors of type `E` (see
/// [`parser::GrammarError`]).
fn run_pass<'t, E: parser::GrammarError<'t>>(
    file: FileId,
    tokens: &'t [parser::TokSpan],
    eoi: SimpleSpan,
) -> (Option<ast::SourceFileAst>, Vec<E>) {
    parser::file_parser::<E>(file)
        .parse(tokens.split_token_span(eoi))
        .into_output_errors()
}

/// Syntax errors that leave the tree whole: the parser built every node
/// anyway (`&&`/`||` grouped as `&&` first, a string with a bad escape or a
/// control character, a file with bidirectional controls), so lowering and
/// checking can still run and report the file's other faults in the same
/// run. (An unknown condition method is kept by name, but lowering would
/// report the same mistake again as an unknown operator.)
const TREE_KEEPING: [crate::codes::Code; 4] = [
    codes::MIXED_AND_OR,
    codes::BAD_ESCAPE,
    codes::CONTROL_CHAR,
    codes::BIDI_CONTROL,
];

/// Whether a file with these syntax diagnostics still has a whole tree: every
/// error it has is one of [`TREE_KEEPING`].
pub fn tree_is_whole(diagnostics: &[Diagnostic]) -> bool {
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .all(|d| TREE_KEEPING.contains(&d.code))
}

/// The regions the bracket pass reported unclosed (from the opener to where
/// its closer was expected), by the closer each needed. A parser complaint
/// about that closer inside such a region is the same mistake, said twice.
/// Indexed so the check costs a binary search: a broken file may have as
/// many unclosed brackets as parser complaints.
struct UnclosedRegions {
    by_closer: Vec<Regions>,
}

/// The unclosed regions of one closer.
struct Regions {
    closer: String,
    /// `(start, end)`, sorted.
    spans: Vec<(u32, u32)>,
    /// The largest end among the first `i + 1` spans.
    max_end: Vec<u32>,
}

impl UnclosedRegions {
    fn new(bracket_diags: &[Diagnostic]) -> UnclosedRegions {
        let mut by_closer: Vec<Regions> = Vec::new();
        for u in bracket_diags {
            if u.code != codes::UNCLOSED_DELIMITER {
                continue;
            }
            let Some(opener) = u.secondary.first() else {
                continue;
            };
            let closer = u.message.split('`').nth(1).unwrap_or("");
            if closer.is_empty() {
                continue;
            }
            let region = (opener.span.start, u.primary.span.end);
            match by_closer.iter_mut().find(|r| r.closer == closer) {
                Some(r) => r.spans.push(region),
                None => by_closer.push(Regions {
                    closer: closer.to_string(),
                    spans: vec![region],
                    max_end: Vec::new(),
                }),
            }
        }
        for r in &mut by_closer {
            r.spans.sort_unstable();
            let mut end = 0;
            r.max_end = r
                .spans
                .iter()
                .map(|&(_, e)| {
                    end = end.max(e);
                    end
                })
                .collect();
        }
        UnclosedRegions { by_closer }
    }

    /// Whether `d` complains about a closer inside a region that lacks it.
    fn explain(&self, d: &Diagnostic) -> bool {
        let at = d.primary.span.start;
        self.by_closer.iter().any(|r| {
            let opened_before = r.spans.partition_point(|&(start, _)| start <= at);
            d.message.contains(&format!("`{}`", r.closer))
                && opened_before
                    .checked_sub(1)
                    .and_then(|i| r.max_end.get(i))
                    .is_some_and(|&end| at <= end)
        })
    }
}
