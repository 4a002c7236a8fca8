//! Name uses and definitions of a syntax tree, for hover and go to definition.
//!
//! Input: a parsed file (possibly with recovered errors) and its text.
//! Output: every [`Occurrence`] (a span naming an action, an input key, a
//! parameter, a variable, a step or a step output) and, per document, what it
//! defines ([`DocDefs`]). References inside `{{ … }}` in strings are included.
//! Invariant: the walk is bounded by [`MAX_DEPTH`] so no tree overflows the stack;
//! names are resolved per document (a reference only sees its own document).

use ssmc_core::span::Span;
use ssmc_core::syntax::ast::{
    self, Clause, Cond, ElseArm, Expr, ExprKind, FlowTarget, GuardElse, IfArm, Item, MapLit,
    Precondition, StepBody,
};
use ssmc_core::syntax::refs::{self, RefKind};

const MAX_DEPTH: usize = 128;

/// What a span names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `aws:runCommand` after `step X =`.
    Action(String),
    /// A key of an action step's inputs map.
    InputKey {
        action: String,
        key: String,
    },
    Param(String),
    Var(String),
    Step(String),
    /// `Step.Output`, the span covering the output part.
    Output {
        step: String,
        output: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub span: Span,
    pub target: Target,
    /// The index of the document it is in ([`DocDefs`]); `None` for action declarations.
    pub doc: Option<usize>,
    /// This occurrence is the definition itself.
    pub is_def: bool,
}

/// A declared parameter, variable or step output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameDef {
    pub name: String,
    pub name_span: Span,
    pub ty: Option<String>,
    pub secret: bool,
    pub docs: Option<String>,
    /// A parameter without a default (a caller must give it); false for variables and outputs.
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepDef {
    pub name: String,
    pub name_span: Span,
    pub span: Span,
    /// The action of an action step (`None` for branch/if/guard/match).
    pub action: Option<String>,
    pub docs: Option<String>,
    /// Outputs declared in an `outputs { … }` clause.
    pub outputs: Vec<NameDef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocDefs {
    pub name: String,
    pub span: Span,
    pub is_automation: bool,
    pub params: Vec<NameDef>,
    pub vars: Vec<NameDef>,
    pub steps: Vec<StepDef>,
}

impl DocDefs {
    pub fn param(&self, name: &str) -> Option<&NameDef> {
        self.params.iter().find(|p| p.name == name)
    }
    pub fn var(&self, name: &str) -> Option<&NameDef> {
        self.vars.iter().find(|p| p.name == name)
    }
    pub fn step(&self, name: &str) -> Option<&StepDef> {
        self.steps.iter().find(|s| s.name == name)
    }
}

/// Walks `file` and returns every occurrence and each document's definitions.
pub fn collect(file: &ast::SourceFileAst, text: &str) -> (Vec<Occurrence>, Vec<DocDefs>) {
    let mut all_occ = Vec::new();
    let mut all_defs = Vec::new();
    for item in &file.items {
        if let Item::Action(decl) = item {
            all_occ.extend(decl_occurrences(decl));
            continue;
        }
        let Item::Document(doc) = item else { continue };
        let idx = all_defs.len();
        let defs = doc_defs(doc);
        let mut w = Walker {
            text,
            defs: &defs,
            doc: idx,
            out: Vec::new(),
        };
        w.document(doc);
        all_occ.extend(w.out);
        all_defs.push(defs);
    }
    (all_occ, all_defs)
}

/// An action declaration's name and input names, as definitions.
fn decl_occurrences(decl: &ast::ActionDecl) -> Vec<Occurrence> {
    let action = decl.name.value.clone();
    let mut out = vec![Occurrence {
        span: decl.name.span,
        target: Target::Action(action.clone()),
        doc: None,
        is_def: true,
    }];
    for m in &decl.members {
        if let ast::ActionMember::Input(i) = m {
            out.push(Occurrence {
                span: i.name.span,
                target: Target::InputKey {
                    action: action.clone(),
                    key: i.name.text.clone(),
                },
                doc: None,
                is_def: true,
            });
        }
    }
    out
}

fn docs_text(d: Option<&ast::DocComment>) -> Option<String> {
    d.map(|d| d.text.clone())
}

fn doc_defs(doc: &ast::Document) -> DocDefs {
    let mut defs = DocDefs {
        name: doc.name.text.clone(),
        span: doc.span,
        is_automation: doc.kind == ast::DocKind::Automation,
        ..DocDefs::default()
    };
    for item in &doc.items {
        match item {
            ast::DocItem::Param(p) => defs.params.push(NameDef {
                name: p.name.text.clone(),
                name_span: p.name.span,
                ty: Some(p.ty.text.clone()),
                secret: p.secret.is_some(),
                docs: docs_text(p.docs.as_ref()),
                required: p.default.is_none(),
            }),
            ast::DocItem::Var(v) => defs.vars.push(NameDef {
                name: v.name.text.clone(),
                name_span: v.name.span,
                ty: Some(v.ty.text.clone()),
                secret: false,
                docs: docs_text(v.docs.as_ref()),
                required: false,
            }),
            ast::DocItem::Step(s) => step_defs(s, &mut defs.steps, 0),
            _ => {}
        }
    }
    defs
}

/// Every named step, nested ones included (they share the document's namespace).
fn step_defs(step: &ast::Step, out: &mut Vec<StepDef>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    if let Some(name) = &step.name {
        let outputs = step
            .clauses
            .iter()
            .filter_map(|c| match c {
                Clause::Outputs { outputs, .. } => Some(outputs),
                _ => None,
            })
            .flatten()
            .map(|o| NameDef {
                name: o.name.text.clone(),
                name_span: o.name.span,
                ty: o.ty.as_ref().map(|t| t.text.clone()),
                secret: false,
                docs: docs_text(o.docs.as_ref()),
                required: false,
            })
            .collect();
        let action = match &step.body {
            StepBody::Action(a) => Some(a.action.text.clone()),
            _ => None,
        };
        out.push(StepDef {
            name: name.text.clone(),
            name_span: name.span,
            span: step.span,
            action,
            docs: docs_text(step.docs.as_ref()),
            outputs,
        });
    }
    for block in child_blocks(step) {
        for s in &block.steps {
            step_defs(s, out, depth + 1);
        }
    }
}

/// The statement blocks directly inside a step (loop body, `if` arms).
pub fn child_blocks(step: &ast::Step) -> Vec<&ast::Block> {
    let mut blocks = Vec::new();
    match &step.body {
        StepBody::Action(a) => blocks.extend(a.loop_body.as_ref()),
        StepBody::If(i) => {
            let arms = std::iter::once(&i.then_block)
                .chain(i.else_ifs.iter().map(|(_, a)| a))
                .chain(i.else_arm.as_ref().and_then(|e| match e {
                    ElseArm::Arm(a) => Some(a),
                    ElseArm::End(_) => None,
                }));
            for arm in arms {
                if let IfArm::Block(b) = arm {
                    blocks.push(b);
                }
            }
        }
        _ => {}
    }
    blocks
}

struct Walker<'a> {
    text: &'a str,
    defs: &'a DocDefs,
    doc: usize,
    out: Vec<Occurrence>,
}

impl Walker<'_> {
    fn push(&mut self, span: Span, target: Target, is_def: bool) {
        self.out.push(Occurrence {
            span,
            target,
            doc: Some(self.doc),
            is_def,
        });
    }

    fn document(&mut self, doc: &ast::Document) {
        for item in &doc.items {
            match item {
                ast::DocItem::Param(p) => {
                    self.push(p.name.span, Target::Param(p.name.text.clone()), true);
                    self.opt_expr(p.default.as_ref(), 0);
                    self.opt_map(p.attrs.as_ref(), 0);
                }
                ast::DocItem::Var(v) => {
                    self.push(v.name.span, Target::Var(v.name.text.clone()), true);
                    self.opt_expr(v.default.as_ref(), 0);
                }
                ast::DocItem::AssumeRole(e) => self.expr(e, 0),
                ast::DocItem::Defaults(d) => self.clauses(&d.clauses, 0),
                ast::DocItem::Outputs(o) => o.entries.iter().for_each(|e| self.expr(e, 0)),
                ast::DocItem::Attachment(a) => self.expr(&a.value, 0),
                ast::DocItem::Step(s) => self.step(s, 0),
                ast::DocItem::Plugin(p) => {
                    self.push(p.action.span, Target::Action(p.action.text.clone()), false);
                    self.map(&p.body, 0);
                }
                _ => {}
            }
        }
    }

    fn step(&mut self, step: &ast::Step, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        if let Some(name) = &step.name {
            self.push(name.span, Target::Step(name.text.clone()), true);
        }
        match &step.body {
            StepBody::Action(a) => {
                self.push(a.action.span, Target::Action(a.action.text.clone()), false);
                match &a.precondition {
                    Some(Precondition::Equals { left, right, .. }) => {
                        self.expr(left, depth + 1);
                        self.expr(right, depth + 1);
                    }
                    Some(Precondition::Raw(m)) => self.map(m, depth + 1),
                    Some(Precondition::Platform { .. }) | None => {}
                }
                for entry in a.inputs.iter().flat_map(|m| &m.entries) {
                    self.push(
                        entry.key.span,
                        Target::InputKey {
                            action: a.action.text.clone(),
                            key: entry.key.text.clone(),
                        },
                        false,
                    );
                    if a.action.text == "aws:updateVariable" && entry.key.text == "Name" {
                        self.updated_variable(&entry.value);
                    }
                    self.expr(&entry.value, depth + 1);
                }
            }
            StepBody::Branch(b) => {
                for c in &b.choices {
                    self.cond(&c.condition, depth + 1);
                    self.step_ref(&c.target);
                }
                if let Some(d) = &b.default {
                    self.step_ref(d);
                }
            }
            StepBody::If(i) => {
                self.cond(&i.condition, depth + 1);
                self.arm(&i.then_block);
                for (c, arm) in &i.else_ifs {
                    self.cond(c, depth + 1);
                    self.arm(arm);
                }
                if let Some(ElseArm::Arm(arm)) = &i.else_arm {
                    self.arm(arm);
                }
            }
            StepBody::Guard(g) => {
                self.cond(&g.condition, depth + 1);
                if let GuardElse::Goto(n) = &g.otherwise {
                    self.step_ref(n);
                }
            }
            StepBody::Match(m) => {
                self.expr(&m.subject, depth + 1);
                for (e, target) in &m.arms {
                    self.expr(e, depth + 1);
                    self.step_ref(target);
                }
                if let Some(d) = &m.default {
                    self.step_ref(d);
                }
            }
            StepBody::Error(_) => {}
        }
        for block in child_blocks(step) {
            for s in &block.steps {
                self.step(s, depth + 1);
            }
        }
        self.clauses(&step.clauses, depth + 1);
        if let Some(name) = &step.name {
            for c in &step.clauses {
                if let Clause::Outputs { outputs, .. } = c {
                    for o in outputs {
                        let target = Target::Output {
                            step: name.text.clone(),
                            output: o.name.text.clone(),
                        };
                        self.push(o.name.span, target, true);
                    }
                }
            }
        }
    }

    fn arm(&mut self, arm: &IfArm) {
        if let IfArm::Goto { target, .. } = arm {
            self.step_ref(target);
        }
    }

    fn step_ref(&mut self, name: &ast::Name) {
        self.push(name.span, Target::Step(name.text.clone()), false);
    }

    fn clauses(&mut self, clauses: &[Clause], depth: usize) {
        for c in clauses {
            match c {
                Clause::Goto { target, .. } => self.step_ref(target),
                Clause::OnFailure { target, .. } | Clause::OnCancel { target, .. } => {
                    if let FlowTarget::Goto(n) = target {
                        self.step_ref(n);
                    }
                }
                Clause::End { value, .. } => self.opt_expr(value.as_ref(), depth),
                Clause::Timeout { value, .. }
                | Clause::Attempts { value, .. }
                | Clause::Critical { value, .. } => self.expr(value, depth),
                Clause::Outputs { outputs, .. } => {
                    outputs.iter().for_each(|o| self.expr(&o.selector, depth))
                }
                Clause::Raw(m) => self.map(m, depth),
                Clause::Description { .. } => {}
            }
        }
    }

    fn opt_expr(&mut self, e: Option<&Expr>, depth: usize) {
        if let Some(e) = e {
            self.expr(e, depth);
        }
    }

    fn opt_map(&mut self, m: Option<&MapLit>, depth: usize) {
        if let Some(m) = m {
            self.map(m, depth);
        }
    }

    fn map(&mut self, m: &MapLit, depth: usize) {
        for entry in &m.entries {
            self.expr(&entry.value, depth + 1);
        }
    }

    fn expr(&mut self, e: &Expr, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match &e.kind {
            ExprKind::Ref(r) => self.reference(r),
            ExprKind::String(s) => self.string(s),
            ExprKind::List(items) => items.iter().for_each(|i| self.expr(i, depth + 1)),
            ExprKind::Map(m) => self.map(m, depth + 1),
            ExprKind::Call { args, .. } => args.iter().for_each(|a| self.expr(a, depth + 1)),
            ExprKind::Lines(inner) => self.expr(inner, depth + 1),
            ExprKind::Cond(c) => self.cond(c, depth + 1),
            _ => {}
        }
    }

    fn cond(&mut self, c: &Cond, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match c {
            Cond::Compare { left, right, .. } => {
                self.expr(left, depth + 1);
                self.expr(right, depth + 1);
            }
            Cond::Method { subject, arg, .. } => {
                self.expr(subject, depth + 1);
                self.expr(arg, depth + 1);
            }
            Cond::Not { inner, .. } | Cond::Paren { inner, .. } => self.cond(inner, depth + 1),
            Cond::And { items, .. } | Cond::Or { items, .. } => {
                items.iter().for_each(|i| self.cond(i, depth + 1))
            }
            Cond::Raw(m) => self.map(m, depth + 1),
            Cond::Error(_) => {}
        }
    }

    /// `P`, `Step.Out`, `var.X`; other prefixes (`global.`, `automation.`) name nothing here.
    fn reference(&mut self, r: &ast::Reference) {
        let Some(first) = r.parts.first() else { return };
        let second = r.parts.get(1);
        if first.text == "var" {
            if let Some(v) = second {
                self.push(v.span, Target::Var(v.text.clone()), false);
            }
            return;
        }
        if let Some(out) = second {
            if self.defs.step(&first.text).is_some() {
                self.push(first.span, Target::Step(first.text.clone()), false);
                let target = Target::Output {
                    step: first.text.clone(),
                    output: out.text.clone(),
                };
                self.push(out.span, target, false);
            }
            return;
        }
        if self.defs.param(&first.text).is_some() {
            self.push(first.span, Target::Param(first.text.clone()), false);
        }
    }

    /// `Name: "variable:X"` of `aws:updateVariable`: a use of the variable
    /// `X` written without braces (so rename and references reach it).
    fn updated_variable(&mut self, value: &Expr) {
        let ExprKind::String(s) = &value.kind else {
            return;
        };
        let Some(name) = s.value.strip_prefix("variable:") else {
            return;
        };
        let Some(src) = self.text.get(s.span.start as usize..s.span.end as usize) else {
            return;
        };
        // The source spelling must hold the value verbatim (no escapes), so
        // the span is exactly the name.
        let Some(at) = src.find(s.value.as_str()) else {
            return;
        };
        let start = s.span.start as usize + at + "variable:".len();
        let span = Span::new(s.span.file, start, start + name.len());
        self.push(span, Target::Var(name.to_string()), false);
    }

    /// `{{ P }}`, `{{ Step.Out }}`, `{{ variable:X }}` inside a string (not `lit`).
    fn string(&mut self, s: &ast::StringLit) {
        if s.lit {
            return;
        }
        let Some(src) = self.text.get(s.span.start as usize..s.span.end as usize) else {
            return;
        };
        for r in refs::find_refs(src) {
            let Some(inner) = src.get(r.range.clone()) else {
                continue;
            };
            let Some(name_at) = inner.find(r.name.as_str()) else {
                continue;
            };
            let Ok(base) = u32::try_from(r.range.start + name_at) else {
                continue;
            };
            let start = s.span.start + base;
            let len = u32::try_from(r.name.len()).unwrap_or(0);
            let span = Span::new(s.span.file, start as usize, (start + len) as usize);
            match r.kind {
                RefKind::Param if self.defs.param(&r.name).is_some() => {
                    self.push(span, Target::Param(r.name.clone()), false);
                }
                RefKind::Variable => self.push(span, Target::Var(r.name.clone()), false),
                RefKind::StepOutput => {
                    let Some((step, output)) = r.name.split_once('.') else {
                        continue;
                    };
                    if self.defs.step(step).is_none() {
                        continue;
                    }
                    let step_len = step.len();
                    let step_span = Span::new(
                        span.file,
                        span.start as usize,
                        span.start as usize + step_len,
                    );
                    let out_span = Span::new(
                        span.file,
                        span.start as usize + step_len + 1,
                        span.end as usize,
                    );
                    self.push(step_span, Target::Step(step.to_string()), false);
                    let target = Target::Output {
                        step: step.to_string(),
                        output: output.to_string(),
                    };
                    self.push(out_span, target, false);
                }
                _ => {}
            }
        }
    }
}
