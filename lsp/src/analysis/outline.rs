//! Document symbols (the outline) and folding ranges.
//!
//! Input: a parsed file. Output: a tree of [`Symbol`]s (documents, action
//! declarations, parameters, variables, steps with the steps of their
//! `if`/loop blocks nested) and the spans worth folding.
//! Invariant: recursion is bounded by [`MAX_DEPTH`]; error nodes are skipped.

use ssmc_core::span::Span;
use ssmc_core::syntax::ast::{self, ActionStep, Clause, DocItem, Item, StepBody};

use super::index::child_blocks;
use super::Analysis;

const MAX_DEPTH: usize = 128;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    Document,
    Action,
    Param,
    Var,
    Step,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    /// A short description shown next to the name (the type, the action).
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole construct.
    pub span: Span,
    /// The name (inside `span`).
    pub selection: Span,
    pub children: Vec<Symbol>,
}

impl Analysis {
    /// The outline of the file.
    pub fn symbols(&self) -> Vec<Symbol> {
        if self.raw.is_some() {
            return self.raw_symbols();
        }
        let mut out = Vec::new();
        for item in &self.ast.items {
            match item {
                Item::Document(doc) => out.push(document(doc)),
                Item::Action(decl) => out.push(Symbol {
                    name: decl.name.value.clone(),
                    detail: Some("action".to_string()),
                    kind: SymbolKind::Action,
                    span: decl.span,
                    selection: decl.name.span,
                    children: Vec::new(),
                }),
                Item::Error(_) => {}
            }
        }
        out
    }

    /// Spans that can be folded: documents, action declarations, steps,
    /// blocks, multi-line maps and block strings (single-line ones are
    /// dropped by the protocol layer).
    pub fn folding_spans(&self) -> Vec<Span> {
        if self.raw.is_some() {
            // The user's YAML/JSON support folds these files.
            return Vec::new();
        }
        let mut out = Vec::new();
        for item in &self.ast.items {
            match item {
                Item::Document(doc) => {
                    out.push(doc.span);
                    for di in &doc.items {
                        match di {
                            DocItem::Step(s) => fold_step(s, &mut out, 0),
                            DocItem::Defaults(d) => out.push(d.span),
                            DocItem::Param(p) => out.extend(p.attrs.as_ref().map(|m| m.span)),
                            DocItem::Raw(m) | DocItem::Files(m) | DocItem::Tags(m) => {
                                out.push(m.span)
                            }
                            _ => {}
                        }
                    }
                }
                Item::Action(decl) => out.push(decl.span),
                Item::Error(_) => {}
            }
        }
        let comments: Vec<Span> = self.ast.comments.iter().map(|c| c.span).collect();
        out.extend(comment_runs(&comments, &self.text));
        out
    }
}

fn document(doc: &ast::Document) -> Symbol {
    let mut children = Vec::new();
    for item in &doc.items {
        match item {
            DocItem::Param(p) => children.push(Symbol {
                name: p.name.text.clone(),
                detail: Some(p.ty.text.clone()),
                kind: SymbolKind::Param,
                span: p.span,
                selection: p.name.span,
                children: Vec::new(),
            }),
            DocItem::Var(v) => children.push(Symbol {
                name: v.name.text.clone(),
                detail: Some(v.ty.text.clone()),
                kind: SymbolKind::Var,
                span: v.span,
                selection: v.name.span,
                children: Vec::new(),
            }),
            DocItem::Step(s) => children.extend(step(s, 0)),
            _ => {}
        }
    }
    let kind = match doc.kind {
        ast::DocKind::Automation => "automation",
        ast::DocKind::Command => "command",
    };
    Symbol {
        name: doc.name.text.clone(),
        detail: Some(kind.to_string()),
        kind: SymbolKind::Document,
        span: doc.span,
        selection: doc.name.span,
        children,
    }
}

/// A step's symbol; an unnamed `if`/`guard`/`match` contributes its nested steps directly.
fn step(s: &ast::Step, depth: usize) -> Vec<Symbol> {
    if depth > MAX_DEPTH {
        return Vec::new();
    }
    let children: Vec<Symbol> = child_blocks(s)
        .into_iter()
        .flat_map(|b| b.steps.iter())
        .flat_map(|c| step(c, depth + 1))
        .collect();
    let Some(name) = &s.name else {
        return children;
    };
    let detail = match &s.body {
        StepBody::Action(a) => a.action.text.clone(),
        StepBody::Branch(_) => "branch".to_string(),
        StepBody::If(_) => "if".to_string(),
        StepBody::Guard(_) => "guard".to_string(),
        StepBody::Match(_) => "match".to_string(),
        StepBody::Error(_) => String::new(),
    };
    vec![Symbol {
        name: name.text.clone(),
        detail: (!detail.is_empty()).then_some(detail),
        kind: SymbolKind::Step,
        span: s.span,
        selection: name.span,
        children,
    }]
}

fn fold_step(s: &ast::Step, out: &mut Vec<Span>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    out.push(s.span);
    if let StepBody::Action(ActionStep {
        inputs: Some(inputs),
        ..
    }) = &s.body
    {
        out.push(inputs.span);
    }
    for c in &s.clauses {
        if let Clause::Outputs { span, .. } = c {
            out.push(*span);
        }
    }
    for b in child_blocks(s) {
        out.push(b.span);
        for inner in &b.steps {
            fold_step(inner, out, depth + 1);
        }
    }
}

/// Runs of own-line comments on consecutive lines fold as one region.
fn comment_runs(comments: &[Span], text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut run: Option<Span> = None;
    for &c in comments {
        match run {
            Some(r) if only_blank_newline_between(text, r.end, c.start) => run = Some(r.to(c)),
            Some(r) => {
                out.push(r);
                run = Some(c);
            }
            None => run = Some(c),
        }
    }
    out.extend(run);
    out
}

fn only_blank_newline_between(text: &str, a: u32, b: u32) -> bool {
    text.get(a as usize..b as usize)
        .is_some_and(|s| s.chars().filter(|&c| c == '\n').count() == 1 && s.trim().is_empty())
}
