//! Lexing and parsing of `.rbk` sources into [`ast`].
//!
//! Input: normalised source text (`span::normalize_source`). Output: [`Parsed`], a tree
//! and every syntax diagnostic (`E00xx`, see [`codes`]).
//! Pipeline: `lexer` (tokens, trivia, lexical errors) → `brackets` (balance brackets,
//! cap nesting at 128) → `parser` (chumsky grammar with recovery) → `errors`
//! (chumsky errors → diagnostics). Invariants: `parse` never fails and never panics on
//! any input; no input overflows the stack; diagnostics are sorted by position.

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

use crate::diagnostic::{self, Diagnostic};
use crate::span::FileId;

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
    let (output, errors) = parser::file_parser(file)
        .parse(tokens.as_slice().split_token_span(eoi))
        .into_output_errors();
    for e in &errors {
        if let Some(d) = errors::convert(file, text.len(), e) {
            if explained_by_bracket_fix(&d, &bracket_diags) {
                continue;
            }
            // One place, one complaint: keep the first diagnostic at a position.
            if !diagnostics
                .iter()
                .any(|x| x.primary.span == d.primary.span && x.message == d.message)
            {
                diagnostics.push(d);
            }
        }
    }
    let mut ast = output.unwrap_or_default();
    ast.comments = lexed.comments;
    diagnostic::sort(&mut diagnostics);
    Parsed { ast, diagnostics }
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

/// A parser complaint about a missing closer inside a construct whose closer the
/// bracket pass already reported missing is the same mistake, said twice.
fn explained_by_bracket_fix(d: &Diagnostic, bracket_diags: &[Diagnostic]) -> bool {
    bracket_diags.iter().any(|u| {
        if u.code != codes::UNCLOSED_DELIMITER {
            return false;
        }
        let Some(opener) = u.secondary.first() else {
            return false;
        };
        let closer = u.message.split('`').nth(1).unwrap_or("");
        let at = d.primary.span.start;
        !closer.is_empty()
            && opener.span.start <= at
            && at <= u.primary.span.end
            && d.message.contains(&format!("`{closer}`"))
    })
}
