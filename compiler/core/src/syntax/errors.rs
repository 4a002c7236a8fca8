//! Chumsky's `Rich` errors → our [`Diagnostic`]s with `E00xx` codes and hints in words.
//!
//! Input: the parser's errors (byte spans). Output: diagnostics.
//! Invariants: an error found at a `Tok::Error` token is dropped (the lexer or the
//! bracket pass already reported that text); an identifier where keywords were
//! expected gets a "did you mean" over exactly the keywords valid there.

use chumsky::error::{Rich, RichPattern, RichReason};
use chumsky::span::SimpleSpan;

use super::codes;
use super::parser::{self, SEP};
use super::token::Tok;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::span::{FileId, Span};

pub fn convert(
    file: FileId,
    text_len: usize,
    err: &Rich<'_, Tok, SimpleSpan>,
) -> Option<Diagnostic> {
    let s = err.span();
    let span = Span::new(file, s.start, s.end);
    match err.reason() {
        RichReason::Custom(msg) => Some(from_custom(span, msg)),
        RichReason::ExpectedFound { expected, found } => {
            let found = found.as_deref();
            if found == Some(&Tok::Error) {
                return None;
            }
            Some(expected_found(file, text_len, span, expected, found))
        }
    }
}

fn from_custom(span: Span, msg: &str) -> Diagnostic {
    let mut parts = msg.split(SEP);
    let raw_code = parts.next().unwrap_or("");
    let code = codes::ALL
        .iter()
        .copied()
        .find(|c| *c == raw_code)
        .unwrap_or(codes::UNEXPECTED_TOKEN);
    let message = parts.next().unwrap_or("syntax error");
    let label = parts.next().unwrap_or("");
    let help = parts.next().unwrap_or("");
    let mut d = Diagnostic::error(code, span, message).with_label(label);
    if !help.is_empty() {
        d = d.with_help(help);
    }
    d
}

/// The keywords a group label stands for (see `parser::L_*`).
fn keywords_of(label: &str) -> &'static [&'static str] {
    match label {
        parser::L_TOP => parser::TOP_KWS,
        parser::L_DOC_ITEM => parser::DOC_ITEM_KWS,
        parser::L_STATEMENT => parser::STATEMENT_KWS,
        parser::L_CLAUSE => parser::CLAUSE_KWS,
        parser::L_STEP_BODY => parser::STEP_BODY_KWS,
        parser::L_MEMBER => parser::MEMBER_KWS,
        _ => &[],
    }
}

fn describe(p: &RichPattern<'_, Tok>) -> Option<String> {
    match p {
        RichPattern::Token(t) => Some(t.to_string()),
        RichPattern::Label(l) => Some(l.to_string()),
        RichPattern::Identifier(i) => Some(format!("`{i}`")),
        RichPattern::Any => Some("more text".to_string()),
        RichPattern::SomethingElse => None,
        RichPattern::EndOfInput => Some("the end of the file".to_string()),
        _ => None,
    }
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => "something else".to_string(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn expected_found(
    file: FileId,
    text_len: usize,
    span: Span,
    expected: &[RichPattern<'_, Tok>],
    found: Option<&Tok>,
) -> Diagnostic {
    // Keywords valid here: single keyword tokens and keyword groups.
    let mut keywords: Vec<&str> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    for p in expected {
        match p {
            RichPattern::Token(t) => {
                if let Tok::Ident(w) = &**t {
                    if let Some(k) = static_keyword(w) {
                        keywords.push(k);
                    }
                }
            }
            RichPattern::Label(l) => keywords.extend_from_slice(keywords_of(l)),
            _ => {}
        }
        if let Some(d) = describe(p) {
            if !items.contains(&d) {
                items.push(d);
            }
        }
    }
    // Ways a finished value could continue (`.`, `(`, operators), a line break and the
    // end of the file are noise next to what the construct needs, unless alone.
    const NOISE: &[&str] = &[
        "a line break",
        "the end of the file",
        "`.`",
        "`(`",
        "`==`",
        "`!=`",
        "`<`",
        "`>`",
        "`<=`",
        "`>=`",
        "`&&`",
        "`||`",
    ];
    let essential: Vec<String> = items
        .iter()
        .filter(|i| !NOISE.contains(&i.as_str()))
        .cloned()
        .collect();
    if !essential.is_empty() {
        items = essential;
    }
    // A label such as "`,` or `}`" already names the tokens it stands for.
    let labels: Vec<String> = items
        .iter()
        .filter(|i| i.contains(" or "))
        .cloned()
        .collect();
    items.retain(|i| i.contains(' ') || !labels.iter().any(|l| l.contains(i.as_str())));
    // Long lists read badly: name the first few.
    let expected_text = if items.len() > 6 {
        let head = items.get(..5).unwrap_or(&[]).join(", ");
        format!("{head} or another of {} items", items.len())
    } else {
        join_or(&items)
    };

    let Some(found) = found else {
        let at = Span::new(file, text_len, text_len);
        return Diagnostic::error(codes::UNEXPECTED_EOF, at, "unexpected end of file")
            .with_label(format!("expected {expected_text}"))
            .with_help("the file ends in the middle of a construct; finish it or remove it");
    };

    if let Tok::Ident(word) = found {
        if !keywords.is_empty() && !keywords.contains(&word.as_str()) {
            if let Some(k) = did_you_mean(word, keywords.iter().copied()) {
                let mut valid = keywords.clone();
                valid.sort_unstable();
                valid.dedup();
                let list = valid.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>();
                return Diagnostic::error(
                    codes::UNKNOWN_KEYWORD,
                    span,
                    format!("unknown keyword `{word}`: did you mean `{k}`?"),
                )
                .with_label("not a keyword here")
                .with_help(format!("the keywords allowed here are {}", join_or(&list)));
            }
        }
    }

    let found_text = match found {
        Tok::Newline => "the end of the line".to_string(),
        t => t.to_string(),
    };
    let mut d = Diagnostic::error(
        codes::UNEXPECTED_TOKEN,
        span,
        format!("expected {expected_text}, found {found_text}"),
    )
    .with_label(format!("expected {expected_text}"));
    if let Some(help) = help_for(&items, found) {
        d = d.with_help(help);
    }
    d
}

fn static_keyword(w: &str) -> Option<&'static str> {
    const ALL: &[&str] = &[
        "automation",
        "command",
        "action",
        "extern",
        "for",
        "step",
        "if",
        "else",
        "guard",
        "match",
        "branch",
        "when",
        "platform",
        "do",
        "end",
        "goto",
        "abort",
        "continue",
        "secret",
        "required",
        "input",
        "output",
        "raw",
        "lines",
    ];
    ALL.iter()
        .copied()
        .chain(parser::DOC_ITEM_KWS.iter().copied())
        .chain(parser::CLAUSE_KWS.iter().copied())
        .find(|k| *k == w)
}

/// A hint in words for the common cases.
fn help_for(items: &[String], found: &Tok) -> Option<String> {
    let has = |s: &str| items.iter().any(|i| i.contains(s));
    if items.iter().any(|i| i == parser::L_VALUE) {
        return Some(
            "a value is a string, number, duration, `true`/`false`/`null`, a list `[…]`, a map `{…}` or a reference like `Step.Output`"
                .to_string(),
        );
    }
    if has("`=` after the step name") {
        return Some("a step is written `step Name = aws:action { … }`".to_string());
    }
    if has("a line break") && items.len() == 1 {
        return Some(format!("put {found} on a new line, or remove it"));
    }
    if has("`,` or `}`") || has("`,` or `]`") {
        return Some("separate entries with `,`".to_string());
    }
    if has(parser::L_CLAUSE) {
        return Some("after a step's body come its clauses: `timeout 10m`, `on_failure abort`, `goto Next`, …".to_string());
    }
    if has("`automation`, `command` or `action`") {
        return Some(
            "a file holds documents (`automation Name { … }`, `command Name { … }`) and `action` declarations; everything else goes inside a document"
                .to_string(),
        );
    }
    if has(parser::L_DOC_ITEM) || has(parser::L_STATEMENT) {
        return Some(
            "each line of a document starts with a keyword such as `param`, `var` or `step`"
                .to_string(),
        );
    }
    if matches!(found, Tok::Backticked(_)) || has("a name") {
        return Some("names are letters, digits and `_`; write a keyword or a name starting with a digit in backticks".to_string());
    }
    None
}
