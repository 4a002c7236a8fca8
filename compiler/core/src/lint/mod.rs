//! The best-practice linter.
//!
//! Input: one [`Document`] of the one document model (lowered from `.rbk` or
//! read from JSON/YAML), the action [`Catalog`], a [`LintConfig`] and, when
//! known, the text the document came from ([`DocInfo`]). Output: findings as
//! [`Diagnostic`]s whose `code` is the rule's code (`SSM301`), sorted by
//! position.
//!
//! Every rule is one file in `rules/`, listed once in [`registry`]; rules work
//! on the model only, so each runs on `.rbk` sources and raw documents alike.
//! Invariants: a rule turned off in the config runs no code; a finding's
//! primary span points into the file its value came from; the linter never
//! panics on any document (walks are depth-limited, lookups use `get`).
//! Suppression comments are matched to findings by [`suppress`] after
//! linting, because they are text, not model.

pub mod escapes;
pub mod python;
pub mod python_contract;
pub mod registry;
pub mod rules;
pub mod secrets;
pub mod source;
pub mod suppress;
pub mod walk;

#[cfg(test)]
mod tests;

pub use registry::{find, Rule, RuleEntry, RuleMeta, RULES};
pub use walk::{all_steps, for_each_string, Place};

use std::ops::Range;

use crate::catalog::Catalog;
use crate::codes::Code;
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::model::{DocKind, Document, Node};
use crate::span::{FileId, Span};

/// Rule levels chosen by the project (`[lint.rules]` of `ssmc.toml`).
#[derive(Debug, Clone, Default)]
pub struct LintConfig {
    /// `(rule name or code, level)`; `None` turns the rule off. Later entries win.
    pub levels: Vec<(String, Option<Severity>)>,
    /// Whether preview rules run (`--preview`, `[lint] preview = true`).
    pub preview: bool,
}

impl LintConfig {
    /// Every rule off (a path `[lint] ignore` covers).
    pub fn all_off() -> LintConfig {
        LintConfig {
            levels: RULES
                .iter()
                .map(|r| (r.code.as_str().to_string(), None))
                .collect(),
            preview: false,
        }
    }

    /// The level a rule runs at, or `None` when it is off (a preview rule is
    /// off unless preview is on, whatever level the project gives it).
    pub fn level(&self, entry: &RuleEntry) -> Option<Severity> {
        if entry.meta().preview && !self.preview {
            return None;
        }
        self.levels
            .iter()
            .rev()
            .find(|(k, _)| entry.code.is_named(k))
            .map_or(Some(entry.meta().default), |(_, l)| *l)
    }
}

/// Where a document came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Lowered from a `.rbk` source.
    Rbk,
    /// Read from a JSON or YAML SSM document.
    Raw,
}

/// What the linter may know beyond the model.
#[derive(Debug, Clone, Copy)]
pub struct DocInfo<'a> {
    pub origin: Origin,
    /// The file the document was read or lowered from, and its normalised
    /// text: lets findings inside a string point at the exact characters
    /// even where the string's source differs from its value (escapes, YAML
    /// block scalars, `.rbk` block strings).
    pub source: Option<(FileId, &'a str)>,
    /// `tags { … }` of a `.rbk` document: the keys written (`None`: no tags item).
    pub tags: Option<&'a [String]>,
    /// Where findings about the whole document point (a `.rbk` document's
    /// name); else the `schemaVersion` value.
    pub anchor: Option<Span>,
    /// The checker's findings on this document, when the caller has them:
    /// rules that need the checker's analysis (secret flow) read them instead
    /// of running the checker again.
    pub checked: Option<&'a [Diagnostic]>,
}

impl DocInfo<'_> {
    pub fn raw() -> DocInfo<'static> {
        DocInfo {
            origin: Origin::Raw,
            source: None,
            tags: None,
            anchor: None,
            checked: None,
        }
    }
}

/// Lints one document with every rule the config leaves on.
pub fn lint_document(doc: &Document, catalog: &Catalog, config: &LintConfig) -> Vec<Diagnostic> {
    lint_document_with(doc, catalog, config, &DocInfo::raw())
}

/// [`lint_document`] knowing where the document came from.
pub fn lint_document_with(
    doc: &Document,
    catalog: &Catalog,
    config: &LintConfig,
    info: &DocInfo<'_>,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let shared = python::Shared::default();
    for entry in RULES {
        let Some(level) = config.level(entry) else {
            continue;
        };
        if entry.meta().external {
            continue;
        }
        let mut cx = LintContext {
            doc,
            catalog,
            info: *info,
            code: entry.code,
            severity: level,
            diags,
            shared: &shared,
        };
        entry.rule.check(&mut cx);
        diags = cx.diags;
    }
    diagnostic::sort(&mut diags);
    diags.dedup_by(|a, b| {
        a.code == b.code && a.primary.span == b.primary.span && a.message == b.message
    });
    diags
}

/// The state of one lint run: the document and the findings so far.
pub struct LintContext<'a> {
    pub doc: &'a Document,
    pub catalog: &'a Catalog,
    pub info: DocInfo<'a>,
    code: Code,
    severity: Severity,
    diags: Vec<Diagnostic>,
    /// What the rules of this document compute once and share (the Python
    /// scripts' findings).
    shared: &'a python::Shared,
}

impl<'a> LintContext<'a> {
    /// The parameter `assumeRole` names (`"{{ AutomationAssumeRole }}"`), when
    /// the document declares it.
    pub fn assume_role_parameter(&self) -> Option<&'a crate::model::Parameter> {
        let role = self.doc.assume_role.as_ref()?.as_str()?;
        let refs = crate::syntax::refs::find_refs(role);
        let name = refs
            .iter()
            .find(|r| r.kind == crate::syntax::refs::RefKind::Param)?
            .name
            .clone();
        self.doc
            .parameters
            .iter()
            .flatten()
            .find(|p| p.name.name == name)
    }

    /// A finding of the running rule at its configured level (not yet reported).
    pub fn finding(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.code, self.severity, span, message)
    }

    pub fn report(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Where a finding about the whole document points.
    pub fn doc_anchor(&self) -> Span {
        self.info.anchor.unwrap_or(self.doc.schema_version.span)
    }

    /// The source text of a span, when the document's text is known.
    pub fn source_of(&self, span: Span) -> Option<&str> {
        let (file, text) = self.info.source?;
        (file == span.file)
            .then(|| text.get(span.range()))
            .flatten()
    }

    pub fn is_automation(&self) -> bool {
        self.doc.kind == DocKind::Automation
    }

    /// The span of bytes `range` of a string node's value.
    ///
    /// Exact when the source shows the value verbatim (quoted or plain); else
    /// the same text is searched in the node's source (escapes, block
    /// scalars); else the whole node.
    pub fn locate(&self, node: &Node, range: Range<usize>) -> Span {
        locate_in(node, range, self.info.source)
    }
}

/// See [`LintContext::locate`].
pub fn locate_in(node: &Node, range: Range<usize>, source: Option<(FileId, &str)>) -> Span {
    let Some(value) = node.as_str() else {
        return node.span;
    };
    let Some(part) = value.get(range.clone()) else {
        return node.span;
    };
    let span = node.span;
    let (start, end) = (span.start as usize, span.end as usize);
    if let Some((file, text)) = source.filter(|(f, _)| *f == span.file) {
        let Some(src) = text.get(start..end) else {
            return span;
        };
        if src == value {
            return Span::new(file, start + range.start, start + range.end);
        }
        if src.len() == value.len() + 2 && src.get(1..src.len() - 1) == Some(value) {
            return Span::new(file, start + 1 + range.start, start + 1 + range.end);
        }
        // A double-quoted string with escapes: map through them.
        if let Some(offsets) = escapes::value_offsets(src, value) {
            if let (Some(a), Some(b)) = (offsets.get(range.start), offsets.get(range.end)) {
                return Span::new(file, start + a, start + b);
            }
        }
        // The value is not the source verbatim: find the same text, as the
        // occurrence with the same index as in the value.
        if !part.is_empty() {
            let nth = value
                .get(..range.start)
                .map_or(0, |before| before.matches(part).count());
            if let Some((at, _)) = src.match_indices(part).nth(nth) {
                return Span::new(file, start + at, start + at + part.len());
            }
        }
        return span;
    }
    // No text: trust the lengths.
    if span.len() == value.len() {
        return Span::new(span.file, start + range.start, start + range.end);
    }
    if span.len() == value.len() + 2 {
        return Span::new(span.file, start + 1 + range.start, start + 1 + range.end);
    }
    span
}
