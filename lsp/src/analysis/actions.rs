//! Code actions: the linter's fixes, the fixes a diagnostic's help proposes
//! (`fixes`) and "suppress with a reason".
//!
//! Input: a byte range of the normalised text. Output: [`CodeAction`]s for
//! the diagnostics touching it: each fix a rule attached to its finding
//! (`Diagnostic::fix`, as `ssmc lint --fix` would apply it), and for lint
//! findings and checker warnings an `// ssmc: allow(RULE): <reason>` line
//! inserted above the finding's line, at its indentation.
//! Invariants: edits only touch this file; a suppression is never offered
//! where its line would fall inside a multi-line string (it would change the
//! string instead of silencing the finding); errors of the compiler are not
//! suppressible here.

use ssmc_core::diagnostic::{Applicability, Diagnostic};
use ssmc_core::lint::registry;
use ssmc_core::span::Span;
use ssmc_core::syntax::lexer;
use ssmc_core::syntax::token::Tok;

use super::refs::Edit;
use super::Analysis;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeActionKind {
    /// A rule's own fix.
    QuickFix,
    /// An allow comment.
    Suppress,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeAction {
    pub title: String,
    pub kind: CodeActionKind,
    /// A quick fix that can change what the document does at run time is
    /// unsafe: offered, but never the preferred (auto-applied) action.
    pub applicability: Applicability,
    /// The diagnostic it answers (an index into `Analysis::diagnostics`).
    pub diagnostic: usize,
    pub edits: Vec<Edit>,
}

/// The name an allow comment uses for this finding's rule (none for an
/// error of the compiler, or a code the registry says may not be suppressed).
fn rule_name(d: &Diagnostic) -> Option<&'static str> {
    if let Some(rule) = registry::by_code(d.code) {
        let meta = rule.meta();
        return (!meta.external).then_some(meta.name);
    }
    (!d.is_error() && d.code.suppressible()).then_some(d.code.name())
}

impl Analysis {
    /// The code actions for diagnostics overlapping `start..=end`.
    pub fn code_actions(&self, start: u32, end: u32) -> Vec<CodeAction> {
        let mut out = Vec::new();
        let mut string_ranges: Option<Vec<(usize, usize)>> = None;
        for (i, d) in self.diagnostics.iter().enumerate() {
            let at = d.primary.span;
            if at.file != self.file || at.start > end || at.end < start {
                continue;
            }
            if let Some(fix) = &d.fix {
                let edits: Vec<Edit> = fix
                    .edits
                    .iter()
                    .filter(|e| e.span.file == self.file)
                    .map(|e| Edit {
                        span: e.span,
                        text: e.replacement.clone(),
                    })
                    .collect();
                if edits.len() == fix.edits.len() && !edits.is_empty() {
                    let title = if fix.is_safe() {
                        format!("{} ({})", fix.message, d.code)
                    } else {
                        format!("{} ({}, unsafe: review it)", fix.message, d.code)
                    };
                    out.push(CodeAction {
                        title,
                        kind: CodeActionKind::QuickFix,
                        applicability: fix.applicability,
                        diagnostic: i,
                        edits,
                    });
                }
            }
            if d.fix.is_none() {
                out.extend(self.help_fixes(i, d));
            }
            let Some(rule) = rule_name(d) else { continue };
            // YAML comments are `#`; JSON has none, so nothing to offer there.
            let marker = match self.raw {
                None => "//",
                Some(ssmc_core::codegen::Format::Yaml) => "#",
                Some(ssmc_core::codegen::Format::Json) => continue,
            };
            let line_start = self
                .text
                .get(..at.start as usize)
                .and_then(|t| t.rfind('\n'))
                .map_or(0, |n| n + 1);
            let ranges = string_ranges.get_or_insert_with(|| {
                if self.raw.is_some() {
                    Vec::new()
                } else {
                    self.multi_line_strings()
                }
            });
            if ranges
                .iter()
                .any(|&(a, b)| a < line_start && line_start < b)
            {
                continue;
            }
            let indent: String = self
                .text
                .get(line_start..)
                .unwrap_or("")
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            out.push(CodeAction {
                title: format!("suppress `{rule}` here with a reason ({})", d.code),
                kind: CodeActionKind::Suppress,
                applicability: Applicability::Safe,
                diagnostic: i,
                edits: vec![Edit {
                    span: Span::point(self.file, line_start),
                    text: format!("{indent}{marker} ssmc: allow({rule}): <reason>\n"),
                }],
            });
        }
        out
    }

    /// Byte ranges of string tokens spanning more than one line.
    fn multi_line_strings(&self) -> Vec<(usize, usize)> {
        lexer::lex(self.file, &self.text)
            .tokens
            .into_iter()
            .filter(|(t, r)| {
                matches!(t, Tok::Str(_))
                    && self.text.get(r.clone()).is_some_and(|s| s.contains('\n'))
            })
            .map(|(_, r)| (r.start, r.end))
            .collect()
    }
}
