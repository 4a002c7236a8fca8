//! Quick fixes read from a diagnostic's help: "did you mean `X`?" replaces
//! the misspelt name with `X`; "declare it: `param X: String`" (or `var …`)
//! inserts that declaration at the top of the document.
//!
//! Input: a diagnostic of this file. Output: at most one [`CodeAction`] of
//! each kind. Invariants: a replacement only touches the one name-shaped
//! word of the diagnostic's own place that is closest to the suggestion (the
//! place of a did-you-mean is the name, or a short string or `{{ … }}`
//! around it); nothing is offered when that word cannot be found, so a fix
//! never edits text it did not mean.

use ssmc_core::diagnostic::{edit_distance, Applicability, Diagnostic};
use ssmc_core::span::Span;

use super::actions::{CodeAction, CodeActionKind};
use super::refs::Edit;
use super::Analysis;

/// A did-you-mean place longer than this is not a name: no fix is guessed in it.
const MAX_PLACE: usize = 300;

/// The text between the first backticks after `marker`.
fn quoted_after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let rest = text.get(text.find(marker)? + marker.len()..)?;
    let rest = rest.strip_prefix('`')?;
    rest.get(..rest.find('`')?)
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '.' | '@' | '-')
}

impl Analysis {
    /// The quick fixes the help (or message) of diagnostic `i` proposes.
    ///
    /// On an error they are safe: the document could not run as written, so
    /// no run-time behaviour changes. On a warning or a note the document
    /// runs, and renaming or declaring something changes what it does: unsafe.
    pub(super) fn help_fixes(&self, i: usize, d: &Diagnostic) -> Vec<CodeAction> {
        let mut out = Vec::new();
        let applicability = if d.is_error() {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        let texts = [d.help.as_deref().unwrap_or(""), d.message.as_str()];
        if let Some(s) = texts.iter().find_map(|t| quoted_after(t, "did you mean ")) {
            if let Some(span) = self.misspelt(d.primary.span, s) {
                out.push(CodeAction {
                    title: format!("replace with `{s}` ({})", d.code),
                    kind: CodeActionKind::QuickFix,
                    applicability,
                    diagnostic: i,
                    edits: vec![Edit {
                        span,
                        text: s.to_string(),
                    }],
                });
            }
        }
        if let Some(decl) = texts.iter().find_map(|t| quoted_after(t, "declare it: ")) {
            let is_decl = decl.starts_with("param ") || decl.starts_with("var ");
            if let Some(edit) = is_decl
                .then(|| self.declaration_edit(d.primary.span, decl))
                .flatten()
            {
                out.push(CodeAction {
                    title: format!("declare `{decl}` ({})", d.code),
                    kind: CodeActionKind::QuickFix,
                    applicability,
                    diagnostic: i,
                    edits: vec![edit],
                });
            }
        }
        out
    }

    /// The name-shaped word in `place` closest to `suggestion` (not equal to
    /// it), when it is close enough to be its misspelling.
    fn misspelt(&self, place: Span, suggestion: &str) -> Option<Span> {
        if place.file != self.file || place.len() > MAX_PLACE {
            return None;
        }
        let text = self.text.get(place.start as usize..place.end as usize)?;
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            match (is_name_char(c), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push(s..i);
                    start = None;
                }
                _ => {}
            }
        }
        let limit = (suggestion.chars().count() / 2).max(3);
        let best = words
            .into_iter()
            .filter_map(|r| Some((text.get(r.clone())?, r)))
            .filter(|(w, _)| *w != suggestion)
            .map(|(w, r)| (edit_distance(w, suggestion), r))
            .filter(|(dist, _)| *dist <= limit)
            .min_by_key(|(dist, _)| *dist)?;
        let base = place.start as usize;
        Some(Span::new(self.file, base + best.1.start, base + best.1.end))
    }

    /// Inserts `decl` as the first line inside the document holding `place`,
    /// at the indentation of the document's first item.
    fn declaration_edit(&self, place: Span, decl: &str) -> Option<Edit> {
        let doc = self
            .doc_at(place.start as usize)
            .and_then(|i| self.defs(i))?;
        let header = self.text.get(doc.span.start as usize..)?;
        // The line of the document's opening brace (a `///` comment may come first).
        let brace = header.find('{')?;
        let line_end = doc.span.start as usize + brace + header.get(brace..)?.find('\n')? + 1;
        let next = self.text.get(line_end..)?;
        let indent: String = next
            .lines()
            .find(|l| !l.trim().is_empty())
            .map(|l| l.chars().take_while(|c| *c == ' ' || *c == '\t').collect())
            .filter(|s: &String| !s.is_empty())
            .unwrap_or_else(|| "  ".to_string());
        Some(Edit {
            span: Span::point(self.file, line_end),
            text: format!("{indent}{decl}\n"),
        })
    }
}
