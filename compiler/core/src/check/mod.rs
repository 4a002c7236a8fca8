//! The type and flow checker.
//!
//! Input: one [`model::Document`] (lowered from `.rbk` or read from JSON/YAML)
//! and the action [`Catalog`]. Output: diagnostics, sorted by position; the
//! checker never stops at the first error.
//!
//! Invariants:
//! - a value whose type is unknown (an unknown action, parameter type or
//!   reference) is `Ty::Error` downstream and never causes a second report;
//! - where AWS is lenient (a string where a StringList goes, `"true"` for a
//!   boolean, an integer for a String) the finding is a warning, never an
//!   error: a real document AWS runs checks without errors;
//! - every diagnostic has a stable code from [`codes`].
//!
//! Suppression comments are applied after checking and linting, by
//! `crate::verdict` (one pass). Modules: [`flow`] (the control-flow graph, reused by `ssmc graph`),
//! `scope` (names in the document), `refs` (`{{ … }}` references and their
//! places), `values` (a value against a [`Ty`]), `steps` (actions, inputs,
//! step properties), `branch` (choices and conditions), `params`
//! (parameters and variables), `secrets` (where a secret may flow), `command`
//! (Command-document rules), `timeout` (`timeoutSeconds` against the action's
//! documented limit).
//!
//! [`Catalog`]: crate::catalog::Catalog
//! [`Ty`]: crate::types::Ty

pub mod codes;
pub mod flow;

pub mod awsapi;
mod branch;
pub mod calls;
mod change_template;
mod command;
mod params;
mod pattern;
mod refs;
mod scope;
mod secrets;
mod steps;
mod timeout;
mod values;

#[cfg(test)]
mod tests;

use crate::catalog::Catalog;
use crate::diagnostic::{self, Diagnostic};
use crate::model;
use crate::similar::Names;
use crate::span::Span;

/// A did-you-mean that never suggests a word sharing nothing with `word`
/// (`z` → `x` is noise): the edit distance must be below both lengths.
pub(crate) fn suggest<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    suggest_among(&Names::new(candidates), word)
}

/// [`suggest`] among names indexed once (for many lookups in one document).
pub(crate) fn suggest_among<'c>(names: &Names<'c>, word: &str) -> Option<&'c str> {
    let best = names.closest(word)?;
    let d = diagnostic::edit_distance(&word.to_lowercase(), &best.to_lowercase());
    shares_enough(word, best, d).then_some(best)
}

/// Whether a name `d` edits from `word` shares something with it: the
/// distance is below both lengths.
pub(crate) fn shares_enough(word: &str, name: &str, d: usize) -> bool {
    d < word.chars().count() && d < name.chars().count()
}

/// An author's permission to break a rule (`// ssmc: allow(secret-flow): reason`),
/// at a step, at a place, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allow {
    /// The rule's name from [`codes`] (e.g. `secret-flow`).
    pub rule: String,
    /// The step it applies to (every finding of the rule inside that step).
    pub step: Option<String>,
    /// The source it applies to (findings whose primary span overlaps it,
    /// e.g. the line after an allow comment and the comment's own line).
    pub span: Option<Span>,
}

/// What the caller tells the checker beyond the document.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub allows: Vec<Allow>,
    /// Spans of strings written with `lit` in a `.rbk` source: text in them
    /// that looks like `{{ X }}` is not a reference.
    pub literal_spans: Vec<Span>,
}

/// Checks one document against the catalog.
pub fn check_document(doc: &model::Document, catalog: &Catalog) -> Vec<Diagnostic> {
    check_document_with(doc, catalog, &CheckOptions::default())
}

/// [`check_document`] with options (allows).
pub fn check_document_with(
    doc: &model::Document,
    catalog: &Catalog,
    opts: &CheckOptions,
) -> Vec<Diagnostic> {
    let mut cx = Checker::new(doc, catalog, opts);
    cx.run();
    let mut diags = cx.diags;
    diags.retain(|d| !allowed_at(opts, d));
    diagnostic::sort(&mut diags);
    diags
}

/// Whether an allow with a place covers this finding.
fn allowed_at(opts: &CheckOptions, d: &Diagnostic) -> bool {
    if d.code.group() != crate::codes::Group::Check {
        return false;
    }
    let at = d.primary.span;
    opts.allows.iter().any(|a| {
        a.rule == d.code.name()
            && a.span
                .is_some_and(|s| s.file == at.file && s.start <= at.end && at.start <= s.end)
    })
}

/// The state of one check: the document, its names, the findings so far.
pub(crate) struct Checker<'a> {
    pub doc: &'a model::Document,
    pub catalog: &'a Catalog,
    pub opts: &'a CheckOptions,
    pub scope: scope::Scope<'a>,
    pub diags: Vec<Diagnostic>,
    /// `(use step, referenced step, place)` for every `{{ Step.Out }}` inside a step.
    pub step_uses: Vec<(usize, usize, Span)>,
}

impl<'a> Checker<'a> {
    fn new(doc: &'a model::Document, catalog: &'a Catalog, opts: &'a CheckOptions) -> Checker<'a> {
        Checker {
            doc,
            catalog,
            opts,
            scope: scope::Scope::build(doc, catalog),
            diags: Vec::new(),
            step_uses: Vec::new(),
        }
    }

    fn run(&mut self) {
        self.check_schema_version();
        self.check_document_shape();
        self.check_change_template();
        self.check_params();
        self.check_document_refs();
        self.check_steps();
        self.check_runtime_config();
        let (graph, flow_diags) = flow::FlowGraph::build(self.doc);
        self.diags.extend(flow_diags);
        self.diags.extend(flow::check_graph(self.doc, &graph));
        self.check_dominance(&graph);
    }

    pub(crate) fn report(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Whether the author allowed `rule` at step `step`.
    pub(crate) fn allowed(&self, rule: &str, step: Option<usize>) -> bool {
        let Some(name) = step
            .and_then(|s| self.scope.steps.get(s))
            .map(|s| s.step.name_str())
        else {
            return false;
        };
        self.opts
            .allows
            .iter()
            .any(|a| a.rule == rule && a.span.is_none() && a.step.as_deref() == Some(name))
    }

    /// A reference to a step's output from a step the referenced step does not
    /// always precede: the output may not exist yet.
    fn check_dominance(&mut self, graph: &flow::FlowGraph) {
        if self.step_uses.is_empty() {
            return;
        }
        let dom = graph.dominators();
        let mut uses = std::mem::take(&mut self.step_uses);
        // One finding per (user, referenced step): the first place it is read.
        let mut seen = std::collections::HashSet::new();
        uses.retain(|(u, t, _)| seen.insert((*u, *t)));
        for (user, target, span) in uses {
            let Some(Some(d)) = dom.get(user) else {
                continue;
            };
            if d.get(target).copied().unwrap_or(true) {
                continue;
            }
            let (Some(u), Some(t)) = (graph.nodes.get(user), graph.nodes.get(target)) else {
                continue;
            };
            self.report(
                Diagnostic::warning(
                    codes::MAYBE_NOT_RUN,
                    span,
                    format!(
                        "step `{}` may run without step `{}` having run before it",
                        u.name, t.name
                    ),
                )
                .with_label(format!("`{}` is not on every path to `{}`", t.name, u.name))
                .with_secondary(t.span, "the referenced step")
                .with_help("on some path this output does not exist yet; SSM then fails the step"),
            );
        }
    }
}
