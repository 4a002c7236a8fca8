//! Whether a parameter's default matches its `allowedPattern`, at a cost set
//! by the default's characters rather than the pattern's classes.
//!
//! Input: the pattern (the `regex` crate's syntax, which the checker uses for
//! Java's) and the default's text. Output: whether the pattern matches the
//! text, or `None` when the pattern does not compile (not this check's
//! concern: SSM108 reports syntax).
//! Invariants: the answer is the one `regex::Regex::new(pattern)` gives on the
//! text. A match can only use the text's own characters, so every character
//! class is first narrowed to them: `[\w\p{L}]{1,64}` would otherwise build
//! 64 copies of a Unicode automaton (140 ms each in a debug build; 2,000 such
//! parameters took minutes), and now builds 64 copies of a class of a few
//! characters.

use regex_automata::nfa::thompson::{self, pikevm::PikeVM};
use regex_syntax::hir::{Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode};
use regex_syntax::hir::{ClassUnicodeRange, Hir, HirKind, Repetition};

/// The most the narrowed automaton may take (the `regex` crate's own limit
/// is 10 MB; a pattern over this is left unjudged, as before).
const SIZE_LIMIT: usize = 1 << 20;

/// Whether `pattern` matches `text`; `None` when it does not compile.
pub fn matches(pattern: &str, text: &str) -> Option<bool> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let chars = ClassUnicode::new(text.chars().map(|c| ClassUnicodeRange::new(c, c)));
    let bytes = ClassBytes::new(text.bytes().map(|b| ClassBytesRange::new(b, b)));
    let narrowed = narrow(hir, &chars, &bytes);
    // One forward automaton run by the PikeVM: the default is a short text
    // matched once, so the `regex` crate's other engines (a reverse
    // automaton, a DFA, prefilters) cost far more to build than they save
    // (three quarters of this function's instructions over the corpus).
    // The same crate and configuration underneath: the same answers and,
    // with every capture kept, the same size accounting.
    let config = thompson::Config::new()
        .nfa_size_limit(Some(SIZE_LIMIT))
        .which_captures(thompson::WhichCaptures::All);
    let nfa = thompson::Compiler::new()
        .configure(config)
        .build_from_hir(&narrowed)
        .ok()?;
    let vm = PikeVM::new_from_nfa(nfa).ok()?;
    let mut cache = vm.create_cache();
    Some(vm.is_match(&mut cache, text))
}

/// `hir` with every class intersected with the text's characters (or bytes).
fn narrow(hir: Hir, chars: &ClassUnicode, bytes: &ClassBytes) -> Hir {
    match hir.into_kind() {
        HirKind::Class(Class::Unicode(mut c)) => {
            c.intersect(chars);
            Hir::class(Class::Unicode(c))
        }
        HirKind::Class(Class::Bytes(mut c)) => {
            c.intersect(bytes);
            Hir::class(Class::Bytes(c))
        }
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(narrow(*r.sub, chars, bytes)),
            ..r
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(narrow(*c.sub, chars, bytes)),
            ..c
        }),
        HirKind::Concat(subs) => {
            Hir::concat(subs.into_iter().map(|s| narrow(s, chars, bytes)).collect())
        }
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.into_iter().map(|s| narrow(s, chars, bytes)).collect())
        }
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(l) => Hir::literal(l.0),
        HirKind::Look(l) => Hir::look(l),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The answer of the whole pattern compiled as it is.
    fn whole(pattern: &str, text: &str) -> Option<bool> {
        regex::Regex::new(pattern).ok().map(|re| re.is_match(text))
    }

    #[test]
    fn narrowing_to_the_texts_characters_keeps_every_answer() {
        let patterns = [
            r"^[\w\p{L}é]{1,64}$",
            r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$",
            r"^(?i)abc$",
            r"^\d+(\.\d+)?$",
            r"^[^/]+/[^/]+$",
            r"^.*$",
            r"\bword\b",
            r"^(?P<x>[A-Z]{2})-\d{3}$",
            r"^$",
            r"(?-u:\w)+",
            r"^[[:alpha:]]+$",
            r"^\S+$",
            r"^\x{1F600}?ok$",
            r"[",
            r"^(a|b|)$",
        ];
        let texts = [
            "",
            "abc",
            "ABC",
            "é0",
            "my-bucket",
            "My_Bucket",
            "1.5",
            "a/b",
            "a/b/c",
            "a word here",
            "AB-123",
            "ab-123",
            "ok",
            "\u{1F600}ok",
            "line\nbreak",
            "b",
            " ",
        ];
        for p in patterns {
            for t in texts {
                assert_eq!(matches(p, t), whole(p, t), "{p:?} on {t:?}");
            }
        }
    }
}
