//! Printing of top-level items: documents with their items (parameters,
//! variables, header items, `files`, `outputs`, plugins) and action declarations.
//!
//! Input: `Document`, `DocItem`, `ActionDecl`. Output: canonical text, one
//! item per line group. Invariant: items keep their order; blank lines
//! follow the source (at most one), or, without source, separate groups of
//! different kinds and multi-line statements.

use super::expr::closing;
use super::text::{doc_name, name, type_expr};
use super::{Blank, Printer};
use crate::syntax::ast::{
    ActionDecl, ActionMember, Attribute, DocItem, DocKind, Document, Item, Param, Plugin, Var,
};

pub(crate) fn item_start(item: &Item) -> usize {
    match item {
        Item::Document(d) => {
            let mut start = d.span.start;
            if let Some(doc) = &d.docs {
                start = start.min(doc.span.start);
            }
            if let Some(a) = d.attrs.first() {
                start = start.min(a.span.start);
            }
            start as usize
        }
        Item::Action(a) => {
            let mut start = a.span.start;
            if let Some(doc) = &a.docs {
                start = start.min(doc.span.start);
            }
            if let Some(at) = a.attrs.first() {
                start = start.min(at.span.start);
            }
            start as usize
        }
        Item::Error(span) => span.start as usize,
    }
}

pub(crate) fn item_end(item: &Item) -> usize {
    match item {
        Item::Document(d) => d.span.end as usize,
        Item::Action(a) => a.span.end as usize,
        Item::Error(span) => span.end as usize,
    }
}

fn doc_item_span(item: &DocItem) -> (usize, usize) {
    let docs_start = |d: &Option<crate::syntax::ast::DocComment>, s: u32| {
        d.as_ref().map_or(s, |d| d.span.start.min(s)) as usize
    };
    match item {
        DocItem::Schema(s) | DocItem::Description(s) => {
            (s.span.start as usize, s.span.end as usize)
        }
        DocItem::AssumeRole(e) => (e.span.start as usize, e.span.end as usize),
        DocItem::Defaults(d) => (d.span.start as usize, d.span.end as usize),
        DocItem::Raw(m) | DocItem::Files(m) | DocItem::Tags(m) => {
            (m.span.start as usize, m.span.end as usize)
        }
        DocItem::Param(p) => (docs_start(&p.docs, p.span.start), p.span.end as usize),
        DocItem::Var(v) => (docs_start(&v.docs, v.span.start), v.span.end as usize),
        DocItem::Attachment(a) => (a.span.start as usize, a.span.end as usize),
        DocItem::Outputs(o) => (o.span.start as usize, o.span.end as usize),
        DocItem::Step(s) => (docs_start(&s.docs, s.span.start), s.span.end as usize),
        DocItem::Plugin(p) => (docs_start(&p.docs, p.span.start), p.span.end as usize),
        DocItem::Error(span) => (span.start as usize, span.end as usize),
    }
}

/// Kinds of document items, for blank lines in synthesized output.
fn group(item: &DocItem) -> u8 {
    match item {
        DocItem::Schema(_)
        | DocItem::AssumeRole(_)
        | DocItem::Description(_)
        | DocItem::Defaults(_)
        | DocItem::Raw(_) => 0,
        DocItem::Param(_) | DocItem::Var(_) => 1,
        DocItem::Files(_) | DocItem::Tags(_) | DocItem::Attachment(_) => 2,
        DocItem::Step(_) | DocItem::Plugin(_) => 3,
        DocItem::Outputs(_) => 4,
        DocItem::Error(_) => 5,
    }
}

impl Printer<'_> {
    fn attributes(&mut self, attrs: &[Attribute]) {
        for a in attrs {
            self.anchor(a.span.start as usize, Blank::Never);
            self.write("@");
            self.write(&name(&a.name));
            if !a.args.is_empty() {
                self.write("(");
                for (i, arg) in a.args.iter().enumerate() {
                    if i > 0 {
                        self.write(", ");
                    }
                    self.expr(arg);
                }
                self.write(")");
            }
            self.newline();
            self.done(a.span.end as usize);
        }
    }

    pub(crate) fn document(&mut self, d: &Document) {
        self.doc_comment(d.docs.as_ref());
        self.attributes(&d.attrs);
        self.anchor(d.kind_span.start as usize, Blank::Never);
        self.write(match d.kind {
            DocKind::Automation => "automation ",
            DocKind::Command => "command ",
        });
        self.write(&doc_name(&d.name));
        self.write(" {");
        self.open_block(d.name.span.end as usize);
        self.indented(|p| {
            let mut prev: Option<(u8, bool)> = None;
            for item in &d.items {
                let (start, end) = doc_item_span(item);
                let g = group(item);
                let synth_blank = prev.is_some_and(|(pg, multi)| pg != g || (g == 3 && multi));
                p.anchor(start, Blank::Synth(synth_blank));
                let len_before = p.out.len();
                p.doc_item(item);
                let multi = p.lines_since(len_before) > 0;
                p.newline();
                p.done(end);
                prev = Some((g, multi));
            }
            p.anchor(closing(d.span), Blank::Never);
        });
        self.write("}");
        self.done(d.span.end as usize);
    }

    fn doc_item(&mut self, item: &DocItem) {
        match item {
            DocItem::Schema(s) => {
                self.write("schema ");
                self.string(s);
            }
            DocItem::AssumeRole(e) => {
                self.write("assume_role ");
                self.expr(e);
            }
            DocItem::Description(s) => {
                self.write("description ");
                self.string(s);
            }
            DocItem::Defaults(d) => {
                self.write("defaults ");
                self.clause_block(&d.clauses, d.span);
            }
            DocItem::Raw(m) => {
                self.write("raw ");
                self.map(m);
            }
            DocItem::Param(p) => self.param(p),
            DocItem::Var(v) => self.var(v),
            DocItem::Files(m) => {
                self.write("files ");
                self.map(m);
            }
            DocItem::Tags(m) => {
                self.write("tags ");
                self.map(m);
            }
            DocItem::Attachment(a) => {
                self.write("attachment ");
                self.string(&a.name);
                self.write(" = ");
                self.expr(&a.value);
            }
            DocItem::Outputs(o) => {
                self.write("outputs ");
                self.list(&o.entries, o.span);
            }
            DocItem::Step(s) => self.statement(s),
            DocItem::Plugin(p) => self.plugin(p),
            DocItem::Error(span) => self.error_text(*span),
        }
    }

    fn param(&mut self, p: &Param) {
        self.doc_comment(p.docs.as_ref());
        self.anchor(p.span.start as usize, Blank::Never);
        self.write("param ");
        self.write(&name(&p.name));
        self.write(": ");
        self.write(&type_expr(&p.ty));
        if p.secret.is_some() {
            self.write(" secret");
        }
        if let Some(d) = &p.default {
            self.write(" = ");
            self.expr(d);
        }
        if let Some(m) = &p.attrs {
            self.write(" ");
            self.map(m);
        }
    }

    fn var(&mut self, v: &Var) {
        self.doc_comment(v.docs.as_ref());
        self.anchor(v.span.start as usize, Blank::Never);
        self.write("var ");
        self.write(&name(&v.name));
        self.write(": ");
        self.write(&type_expr(&v.ty));
        if let Some(d) = &v.default {
            self.write(" = ");
            self.expr(d);
        }
        if let Some(m) = &v.attrs {
            self.write(" ");
            self.map(m);
        }
    }

    fn plugin(&mut self, p: &Plugin) {
        self.doc_comment(p.docs.as_ref());
        self.anchor(p.action.span.start as usize, Blank::Never);
        self.write("plugin ");
        self.action_name(&p.action);
        self.write(" ");
        self.map(&p.body);
    }

    pub(crate) fn action_decl(&mut self, a: &ActionDecl) {
        self.doc_comment(a.docs.as_ref());
        self.attributes(&a.attrs);
        self.anchor(a.name.span.start as usize, Blank::Never);
        if a.is_extern {
            self.write("extern ");
        }
        self.write("action ");
        self.string(&a.name);
        for (i, (kind, _)) in a.kinds.iter().enumerate() {
            self.write(if i == 0 { " for " } else { ", " });
            self.write(match kind {
                DocKind::Automation => "automation",
                DocKind::Command => "command",
            });
        }
        if a.members.is_empty() && !self.has_comment_inside(a.span) {
            self.write(" {}");
            self.done(a.span.end as usize);
            return;
        }
        self.write(" {");
        self.open_block(a.name.span.end as usize);
        self.indented(|p| {
            for m in &a.members {
                p.member(m);
            }
            p.anchor(closing(a.span), Blank::Never);
        });
        self.write("}");
        self.done(a.span.end as usize);
    }

    fn member(&mut self, m: &ActionMember) {
        match m {
            ActionMember::Input(i) => {
                let start = i
                    .docs
                    .as_ref()
                    .map_or(i.span.start, |d| d.span.start.min(i.span.start));
                self.anchor(start as usize, Blank::Keep);
                self.doc_comment(i.docs.as_ref());
                self.anchor(i.span.start as usize, Blank::Never);
                self.write("input ");
                self.write(&name(&i.name));
                self.write(": ");
                self.write(&type_expr(&i.ty));
                if i.required.is_some() {
                    self.write(" required");
                }
                if let Some(attrs) = &i.attrs {
                    self.write(" ");
                    self.map(attrs);
                }
                self.newline();
                self.done(i.span.end as usize);
            }
            ActionMember::AnyInput(span) => {
                self.anchor(span.start as usize, Blank::Keep);
                self.write("input ..");
                self.newline();
                self.done(span.end as usize);
            }
            ActionMember::Output(o) => {
                let start = o
                    .docs
                    .as_ref()
                    .map_or(o.span.start, |d| d.span.start.min(o.span.start));
                self.anchor(start as usize, Blank::Keep);
                self.doc_comment(o.docs.as_ref());
                self.anchor(o.span.start as usize, Blank::Never);
                self.write("output ");
                self.write(&name(&o.name));
                self.write(": ");
                self.write(&type_expr(&o.ty));
                self.newline();
                self.done(o.span.end as usize);
            }
            ActionMember::Error(span) => {
                self.anchor(span.start as usize, Blank::Keep);
                self.error_text(*span);
                self.newline();
            }
        }
    }
}
