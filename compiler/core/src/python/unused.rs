//! Unused imports, unused local variables and redefinitions, following
//! pyflakes' checker (4.1) step by step.
//!
//! Input: a parsed module without syntax errors. Output: [`Unused`] findings
//! in source order.
//!
//! Like pyflakes, the walk is in source order with function bodies deferred
//! until the module's top level has run (a function sees every module name,
//! whatever its place), and a binding is "used" when a load reaches it
//! before the scope dies. The readings that keep these findings quiet where
//! pyflakes' are:
//! - a rebinding inherits the used state of the binding it replaces (the
//!   name may be read in a loop or as a global);
//! - bindings in different branches of an `if`, `try` or `match` never
//!   redefine each other;
//! - tuple unpacking (`a, b = f()`), loop targets and `global` names are never
//!   unused variables, nor `_`, nor a function's locals when it calls
//!   `locals()`;
//! - imports in a class body are its public members, and names listed in
//!   `__all__` are exported.
//!
//! One reading is ours, not pyflakes' (docs/scripts.md): an import inside a
//! `try` whose handler catches `ImportError` (or `ModuleNotFoundError`) probes
//! whether the module exists, so it is never unused.

use std::collections::{HashMap, HashSet, VecDeque};

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, ExprContext, Pattern, Stmt};
use ruff_text_size::{TextRange, TextSize};

use super::mask;

/// What is unused or redefined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// An import nothing reads; `imported` is the import as written
    /// (`os.path`, `json as j`).
    UnusedImport { imported: String },
    /// A local variable assigned (or only annotated) and never read.
    UnusedVariable { name: String, annotated_only: bool },
    /// A definition or import replaced before anything read it; `earlier`
    /// is where the replaced one is.
    Redefinition { name: String, earlier: TextSize },
    /// An import a `for` loop's target rebinds.
    ShadowedByLoop { name: String, earlier: TextSize },
}

/// One finding, at the binding it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unused {
    pub what: What,
    pub range: TextRange,
}

/// Every unused import, unused local variable and redefinition of `module`.
pub fn unused(module: &ast::ModModule) -> Vec<Unused> {
    let mut checker = Checker::default();
    let module_scope = checker.push_scope(ScopeKind::Module);
    checker.visit_body(&module.body);
    checker.run_deferred();
    checker.pop_scope();
    debug_assert_eq!(module_scope, 0);
    checker.report_dead_scopes();
    let mut found = checker.found;
    found.sort_by_key(|u| (u.range.start(), u.range.end()));
    found
}

/// A branch of an `if`, `try` or `match` statement: the statement's start and
/// the branch's number (`try`: 0 for the body and `else`, one per handler,
/// `u32::MAX` for `finally`).
type Fork = (TextSize, u32);

#[derive(Debug, Clone, PartialEq, Eq)]
enum BindingKind {
    /// A loop target, an unpacked tuple's element, a comprehension variable.
    Plain,
    Argument,
    Assignment,
    NamedExpr,
    /// `x: int` without a value.
    Annotation,
    /// `__all__ = [...]` at module level, with the names it lists.
    Export(Vec<String>),
    Function,
    Class,
    /// `import a.b as c`: `full` is `a.b`.
    Import {
        full: String,
    },
    /// `import a.b` (binds `a`).
    Submodule {
        full: String,
    },
    /// `from m import n as a`: `full` is `m.n`.
    From {
        full: String,
    },
    Star {
        module: String,
    },
    Future,
}

impl BindingKind {
    fn is_import(&self) -> bool {
        matches!(
            self,
            Self::Import { .. }
                | Self::Submodule { .. }
                | Self::From { .. }
                | Self::Star { .. }
                | Self::Future
        )
    }

    /// pyflakes' `Definition`: functions, classes and imports.
    fn is_definition(&self) -> bool {
        matches!(self, Self::Function | Self::Class) || self.is_import()
    }

    fn is_assignment(&self) -> bool {
        matches!(self, Self::Assignment | Self::NamedExpr)
    }

    fn full_name(&self) -> Option<&str> {
        match self {
            Self::Import { full } | Self::Submodule { full } | Self::From { full } => Some(full),
            Self::Star { module } => Some(module),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
struct Binding {
    name: String,
    kind: BindingKind,
    /// Where a finding about it points.
    range: TextRange,
    used: bool,
    forks: Vec<Fork>,
    /// Inside a `try` that catches `ImportError`.
    probe: bool,
    /// A function decorated `@overload`.
    overload: bool,
    /// Where it was redefined from an inner scope (reported if it stays unused).
    redefined: Vec<TextRange>,
}

impl Binding {
    /// pyflakes' `redefines`: whether binding `self` replacing `old` is a
    /// redefinition worth naming.
    fn redefines(&self, old: &Binding) -> bool {
        let same_full =
            || self.kind.full_name().is_some() && self.kind.full_name() == old.kind.full_name();
        match &self.kind {
            BindingKind::Annotation => false,
            BindingKind::Submodule { .. } if old.kind.is_import() => same_full(),
            _ if self.kind.is_import() && matches!(old.kind, BindingKind::Submodule { .. }) => {
                same_full()
            }
            BindingKind::Function | BindingKind::Class => {
                self.name == old.name && (old.kind.is_definition() || old.kind.is_assignment())
            }
            _ => self.name == old.name && old.kind.is_definition(),
        }
    }

    /// The import as written, for the message.
    fn imported_name(&self) -> String {
        match &self.kind {
            BindingKind::Submodule { full } => full.clone(),
            BindingKind::Import { full } | BindingKind::From { full } => {
                if full.rsplit('.').next() == Some(self.name.as_str()) {
                    full.clone()
                } else {
                    format!("{full} as {}", self.name)
                }
            }
            BindingKind::Star { module } if module.ends_with('.') => {
                format!("from {module} import *")
            }
            BindingKind::Star { module } => format!("{module}.*"),
            _ => self.name.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScopeKind {
    Module,
    Class,
    Function,
    Comprehension,
}

#[derive(Debug)]
struct Scope {
    kind: ScopeKind,
    names: HashMap<String, usize>,
    uses_locals: bool,
    star_import: bool,
}

/// Names a function's locals may hold that are read by tools, not code.
const ALWAYS_USED: &[&str] = &[
    "__tracebackhide__",
    "__traceback_info__",
    "__traceback_supplement__",
    "__debuggerskip__",
];

/// A function body (or lambda) to walk once the enclosing code has been.
enum Body<'a> {
    Function(&'a ast::StmtFunctionDef),
    Lambda(&'a ast::ExprLambda),
}

struct Deferred<'a> {
    body: Body<'a>,
    stack: Vec<usize>,
    forks: Vec<Fork>,
    conditional: usize,
}

/// How a name a target binds is bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// A name directly on the left of `=` (or `with … as x`, a pattern).
    Direct,
    /// Inside an unpacked tuple or list, a comprehension target.
    Unpacked,
    /// A `for` loop's target.
    Loop,
}

#[derive(Default)]
struct Checker<'a> {
    bindings: Vec<Binding>,
    scopes: Vec<Scope>,
    stack: Vec<usize>,
    dead: Vec<usize>,
    deferred: VecDeque<Deferred<'a>>,
    forks: Vec<Fork>,
    /// Inside an `if`, `while` or conditional expression: a `del` there
    /// may not run, so it unbinds nothing.
    conditional: usize,
    /// Inside a `try` whose handlers catch `ImportError`.
    probing: usize,
    found: Vec<Unused>,
}

impl<'a> Checker<'a> {
    fn push_scope(&mut self, kind: ScopeKind) -> usize {
        let id = self.scopes.len();
        self.scopes.push(Scope {
            kind,
            names: HashMap::new(),
            uses_locals: false,
            star_import: false,
        });
        self.stack.push(id);
        id
    }

    fn pop_scope(&mut self) {
        if let Some(id) = self.stack.pop() {
            self.dead.push(id);
        }
    }

    fn current(&self) -> usize {
        self.stack.last().copied().unwrap_or(0)
    }

    fn new_binding(&self, name: &str, kind: BindingKind, range: TextRange) -> Binding {
        Binding {
            probe: self.probing > 0 && kind.is_import(),
            used: kind == BindingKind::Future,
            name: name.to_string(),
            kind,
            range,
            forks: self.forks.clone(),
            overload: false,
            redefined: Vec::new(),
        }
    }

    /// pyflakes' `addBinding`: name a redefinition, then bind.
    fn add(&mut self, mut binding: Binding, loop_target: bool) {
        let name = binding.name.clone();
        let holder = self
            .stack
            .iter()
            .rev()
            .copied()
            .find(|s| self.scopes[*s].names.contains_key(&name));
        let current = self.current();
        if let Some(holder) = holder {
            let existing_id = self.scopes[holder].names[&name];
            let existing = &self.bindings[existing_id];
            if !different_forks(&binding.forks, &existing.forks) {
                if existing.kind.is_import() && loop_target {
                    self.found.push(Unused {
                        what: What::ShadowedByLoop {
                            name: name.clone(),
                            earlier: existing.range.start(),
                        },
                        range: binding.range,
                    });
                } else if holder == current {
                    if !existing.used
                        && binding.redefines(existing)
                        && (name != "_" || existing.kind.is_import())
                        && !existing.overload
                    {
                        self.found.push(Unused {
                            what: What::Redefinition {
                                name: name.clone(),
                                earlier: existing.range.start(),
                            },
                            range: binding.range,
                        });
                    }
                } else if existing.kind.is_import() && binding.redefines(existing) {
                    let range = binding.range;
                    self.bindings[existing_id].redefined.push(range);
                }
            }
        }
        if let Some(&previous) = self.scopes[current].names.get(&name) {
            // The rebound name may be read in a loop or as a global.
            binding.used = self.bindings[previous].used;
            if binding.kind == BindingKind::Annotation {
                return;
            }
        }
        let is_named_expr = binding.kind == BindingKind::NamedExpr;
        let id = self.bindings.len();
        self.bindings.push(binding);
        if is_named_expr {
            // PEP 572: a walrus binds in the scope around its comprehensions.
            let target = self
                .stack
                .iter()
                .rev()
                .copied()
                .find(|s| self.scopes[*s].kind != ScopeKind::Comprehension)
                .unwrap_or(0);
            let names = &mut self.scopes[target].names;
            match names.get(&name) {
                Some(&old) if self.bindings[old].kind == BindingKind::Annotation => {
                    names.insert(name, id);
                }
                Some(_) => {}
                None => {
                    names.insert(name, id);
                }
            }
        } else {
            self.scopes[current].names.insert(name, id);
        }
    }

    /// pyflakes' `handleNodeLoad`: mark the binding a load reaches as used.
    fn load(&mut self, name: &str) {
        let mut class_visible: Option<bool> = None;
        let mut star = false;
        for i in (0..self.stack.len()).rev() {
            let sid = self.stack[i];
            let kind = self.scopes[sid].kind;
            if kind == ScopeKind::Class {
                if name == "__class__" {
                    return;
                }
                if class_visible == Some(false) {
                    continue;
                }
            }
            if let Some(&b) = self.scopes[sid].names.get(name) {
                self.bindings[b].used = true;
                if self.bindings[b].kind == BindingKind::Annotation {
                    // An annotation defines nothing: the value is further out.
                    continue;
                }
                // `import a.b as c` read as `c` also uses `a.b` bound by `import a.b`.
                if let BindingKind::Import { full } = &self.bindings[b].kind {
                    if let Some(&sub) = self.scopes[sid].names.get(full.as_str()) {
                        self.bindings[sub].used = true;
                    }
                }
                return;
            }
            star |= self.scopes[sid].star_import;
            if class_visible != Some(false) {
                class_visible = Some(kind == ScopeKind::Comprehension);
            }
        }
        if star {
            for &sid in &self.stack {
                for &b in self.scopes[sid].names.values() {
                    if matches!(self.bindings[b].kind, BindingKind::Star { .. }) {
                        self.bindings[b].used = true;
                    }
                }
            }
        }
    }

    /// The names an assignment's target binds, and the loads inside it
    /// (`a[i] = …` reads `a` and `i`).
    fn bind_target(&mut self, target: &'a Expr, how: Target) {
        match target {
            Expr::Name(n) => {
                let kind = match how {
                    Target::Direct => BindingKind::Assignment,
                    Target::Unpacked | Target::Loop => BindingKind::Plain,
                };
                let b = self.new_binding(n.id.as_str(), kind, n.range);
                self.add(b, how == Target::Loop);
            }
            Expr::Tuple(t) => t.elts.iter().for_each(|e| self.bind_target(e, inner(how))),
            Expr::List(l) => l.elts.iter().for_each(|e| self.bind_target(e, inner(how))),
            Expr::Starred(s) => self.bind_target(&s.value, inner(how)),
            other => self.visit_expr(other),
        }
    }

    fn bind_assign(&mut self, targets: &'a [Expr], value: &'a Expr) {
        // pyflakes: `(a, b) = 1, 2` binds real assignments, `a, b = f()` does not.
        let literal_unpacking =
            has_elts(value) && targets.iter().all(has_elts) && !targets.is_empty();
        for target in targets {
            if let (Expr::Name(n), true) = (target, self.at_module()) {
                if n.id.as_str() == "__all__" {
                    let names = exported_names(value);
                    let b = self.new_binding("__all__", BindingKind::Export(names), n.range);
                    self.add(b, false);
                    continue;
                }
            }
            match target {
                Expr::Tuple(_) | Expr::List(_) if literal_unpacking => {
                    self.bind_literal_unpacking(target);
                }
                _ => self.bind_target(target, Target::Direct),
            }
        }
    }

    fn bind_literal_unpacking(&mut self, target: &'a Expr) {
        match target {
            Expr::Tuple(t) => t.elts.iter().for_each(|e| self.bind_literal_unpacking(e)),
            Expr::List(l) => l.elts.iter().for_each(|e| self.bind_literal_unpacking(e)),
            Expr::Starred(s) => self.bind_literal_unpacking(&s.value),
            other => self.bind_target(other, Target::Direct),
        }
    }

    fn at_module(&self) -> bool {
        self.scopes[self.current()].kind == ScopeKind::Module
    }

    fn in_fork(&mut self, fork: Fork, f: impl FnOnce(&mut Self)) {
        self.forks.push(fork);
        f(self);
        self.forks.pop();
    }

    fn defer(&mut self, body: Body<'a>) {
        self.deferred.push_back(Deferred {
            body,
            stack: self.stack.clone(),
            forks: self.forks.clone(),
            conditional: self.conditional,
        });
    }

    fn run_deferred(&mut self) {
        let saved = (
            std::mem::take(&mut self.stack),
            std::mem::take(&mut self.forks),
            self.conditional,
            self.probing,
        );
        while let Some(d) = self.deferred.pop_front() {
            self.stack = d.stack;
            self.forks = d.forks;
            self.conditional = d.conditional;
            self.probing = 0;
            self.push_scope(ScopeKind::Function);
            match d.body {
                Body::Function(f) => {
                    self.bind_parameters(&f.parameters);
                    self.visit_body(&f.body);
                }
                Body::Lambda(l) => {
                    if let Some(params) = &l.parameters {
                        self.bind_parameters(params);
                    }
                    self.visit_expr(&l.body);
                }
            }
            self.pop_scope();
        }
        (self.stack, self.forks, self.conditional, self.probing) = saved;
    }

    fn bind_parameters(&mut self, params: &ast::Parameters) {
        for p in params.iter() {
            let name = p.name();
            let b = self.new_binding(name.as_str(), BindingKind::Argument, name.range);
            self.add(b, false);
        }
    }

    /// Parameters' annotations and defaults, read where the function is defined.
    fn visit_parameter_outsides(&mut self, params: &'a ast::Parameters) {
        for p in params.iter() {
            if let Some(annotation) = p.annotation() {
                self.visit_annotation(annotation);
            }
        }
        for p in params.iter_non_variadic_params() {
            if let Some(default) = &p.default {
                self.visit_expr(default);
            }
        }
    }

    fn visit_comprehension_scope(
        &mut self,
        generators: &'a [ast::Comprehension],
        inner: &[&'a Expr],
    ) {
        // The first iterable is evaluated in the enclosing scope.
        if let Some(first) = generators.first() {
            self.visit_expr(&first.iter);
        }
        self.push_scope(ScopeKind::Comprehension);
        for (i, g) in generators.iter().enumerate() {
            self.bind_target(&g.target, Target::Unpacked);
            if i > 0 {
                self.visit_expr(&g.iter);
            }
            for cond in &g.ifs {
                self.visit_expr(cond);
            }
        }
        for e in inner {
            self.visit_expr(e);
        }
        self.pop_scope();
    }

    fn import(&mut self, stmt: &ast::StmtImport) {
        for alias in &stmt.names {
            let full = alias.name.as_str();
            let b = match &alias.asname {
                None if full.contains('.') => {
                    let root = full.split('.').next().unwrap_or(full);
                    let mut b = self.new_binding(
                        root,
                        BindingKind::Submodule {
                            full: full.to_string(),
                        },
                        alias.range,
                    );
                    b.name = root.to_string();
                    b
                }
                asname => {
                    let name = asname.as_ref().map_or(full, |a| a.as_str());
                    self.new_binding(
                        name,
                        BindingKind::Import {
                            full: full.to_string(),
                        },
                        alias.range,
                    )
                }
            };
            self.add(b, false);
        }
    }

    fn import_from(&mut self, stmt: &ast::StmtImportFrom) {
        let module = format!(
            "{}{}",
            ".".repeat(usize::try_from(stmt.level).unwrap_or(0)),
            stmt.module.as_ref().map_or("", |m| m.as_str())
        );
        for alias in &stmt.names {
            let real = alias.name.as_str();
            let name = alias.asname.as_ref().map_or(real, |a| a.as_str());
            let kind = if module == "__future__" {
                BindingKind::Future
            } else if real == "*" {
                if !self.at_module() {
                    continue;
                }
                let current = self.current();
                self.scopes[current].star_import = true;
                BindingKind::Star {
                    module: module.clone(),
                }
            } else if module.ends_with('.') {
                BindingKind::From {
                    full: format!("{module}{real}"),
                }
            } else {
                BindingKind::From {
                    full: format!("{module}.{real}"),
                }
            };
            let name = match &kind {
                BindingKind::Star { module } => format!("{module}.*"),
                _ => name.to_string(),
            };
            let b = self.new_binding(&name, kind, alias.range);
            self.add(b, false);
        }
    }

    /// `global x` in a function: `x` is the module's, and counts as used.
    fn declare_global(&mut self, names: &[ast::Identifier]) {
        if self.at_module() {
            return;
        }
        for n in names {
            let mut b = self.new_binding(n.as_str(), BindingKind::Assignment, n.range);
            b.used = true;
            let id = self.bindings.len();
            self.bindings.push(b);
            self.scopes[0].names.entry(n.to_string()).or_insert(id);
            for i in 1..self.stack.len() {
                let sid = self.stack[i];
                self.scopes[sid].names.insert(n.to_string(), id);
            }
        }
    }

    fn delete(&mut self, name: &str) {
        if self.conditional > 0 {
            return;
        }
        let current = self.current();
        self.scopes[current].names.remove(name);
    }

    fn except_handler(&mut self, h: &'a ast::ExceptHandlerExceptHandler) {
        if let Some(t) = &h.type_ {
            self.visit_expr(t);
        }
        let Some(name) = &h.name else {
            self.visit_body(&h.body);
            return;
        };
        let current = self.current();
        if self.scopes[current].names.contains_key(name.as_str()) {
            let b = self.new_binding(name.as_str(), BindingKind::Assignment, name.range);
            self.add(b, false);
        }
        let previous = self.scopes[current].names.remove(name.as_str());
        let b = self.new_binding(name.as_str(), BindingKind::Assignment, name.range);
        self.add(b, false);
        self.visit_body(&h.body);
        // The name is unbound when the handler ends.
        if let Some(b) = self.scopes[current].names.remove(name.as_str()) {
            if !self.bindings[b].used && !mask::is_mask(name.as_str()) {
                self.found.push(Unused {
                    what: What::UnusedVariable {
                        name: name.to_string(),
                        annotated_only: false,
                    },
                    range: name.range,
                });
            }
        }
        if let Some(p) = previous {
            self.scopes[current].names.insert(name.to_string(), p);
        }
    }

    fn report_dead_scopes(&mut self) {
        for &sid in &self.dead {
            let scope = &self.scopes[sid];
            // A class body's imports are its public members.
            if scope.kind == ScopeKind::Class {
                continue;
            }
            if scope.kind == ScopeKind::Function && !scope.uses_locals {
                for (name, &b) in &scope.names {
                    let b = &self.bindings[b];
                    let silent = b.used
                        || name == "_"
                        || ALWAYS_USED.contains(&name.as_str())
                        || mask::is_mask(name);
                    let annotated_only = b.kind == BindingKind::Annotation;
                    if !silent && (b.kind.is_assignment() || annotated_only) {
                        self.found.push(Unused {
                            what: What::UnusedVariable {
                                name: name.clone(),
                                annotated_only,
                            },
                            range: b.range,
                        });
                    }
                }
            }
            let exported: HashSet<&str> = match scope.names.get("__all__") {
                Some(&b) => match &self.bindings[b].kind {
                    BindingKind::Export(names) => names.iter().map(String::as_str).collect(),
                    _ => HashSet::new(),
                },
                None => HashSet::new(),
            };
            for &b in scope.names.values() {
                let b = &self.bindings[b];
                if !b.kind.is_import() || b.used || b.probe || exported.contains(b.name.as_str()) {
                    continue;
                }
                self.found.push(Unused {
                    what: What::UnusedImport {
                        imported: b.imported_name(),
                    },
                    range: b.range,
                });
                for r in &b.redefined {
                    self.found.push(Unused {
                        what: What::Redefinition {
                            name: b.name.clone(),
                            earlier: b.range.start(),
                        },
                        range: *r,
                    });
                }
            }
        }
    }
}

fn inner(how: Target) -> Target {
    match how {
        Target::Loop => Target::Loop,
        _ => Target::Unpacked,
    }
}

fn has_elts(e: &Expr) -> bool {
    matches!(e, Expr::Tuple(_) | Expr::List(_))
}

/// pyflakes' `__all__` reading: a list or tuple of strings, or a sum of them.
fn exported_names(value: &Expr) -> Vec<String> {
    let mut names = Vec::new();
    let mut add = |e: &Expr| {
        let elts = match e {
            Expr::List(l) => &l.elts,
            Expr::Tuple(t) => &t.elts,
            _ => return false,
        };
        for elt in elts {
            if let Expr::StringLiteral(s) = elt {
                names.push(s.value.to_str().to_string());
            }
        }
        true
    };
    let mut current = value;
    while let Expr::BinOp(b) = current {
        if !add(&b.right) {
            break;
        }
        current = &b.left;
    }
    add(current);
    names
}

/// pyflakes' `differentForks`: the two bindings sit in different branches of
/// the innermost `if`, `try` or `match` holding both.
fn different_forks(a: &[Fork], b: &[Fork]) -> bool {
    a.iter()
        .zip(b)
        .find(|(x, y)| x != y)
        .is_some_and(|(x, y)| x.0 == y.0)
}

/// Whether a `try`'s handlers catch a failed import.
fn catches_import_error(t: &ast::StmtTry) -> bool {
    let is_import_error = |e: &Expr| matches!(e, Expr::Name(n) if matches!(n.id.as_str(), "ImportError" | "ModuleNotFoundError"));
    t.handlers.iter().any(|h| {
        let ast::ExceptHandler::ExceptHandler(h) = h;
        match h.type_.as_deref() {
            Some(Expr::Tuple(t)) => t.elts.iter().any(is_import_error),
            Some(e) => is_import_error(e),
            None => false,
        }
    })
}

fn is_overload(decorators: &[ast::Decorator]) -> bool {
    decorators.iter().any(|d| match &d.expression {
        Expr::Name(n) => n.id.as_str() == "overload",
        Expr::Attribute(a) => a.attr.as_str() == "overload",
        _ => false,
    })
}

impl<'a> Visitor<'a> for Checker<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.visit_decorator(d);
                }
                self.visit_parameter_outsides(&f.parameters);
                if let Some(returns) = &f.returns {
                    self.visit_annotation(returns);
                }
                let mut b = self.new_binding(f.name.as_str(), BindingKind::Function, f.name.range);
                b.overload = is_overload(&f.decorator_list);
                self.add(b, false);
                self.defer(Body::Function(f));
            }
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.visit_decorator(d);
                }
                if let Some(arguments) = &c.arguments {
                    self.visit_arguments(arguments);
                }
                self.push_scope(ScopeKind::Class);
                self.visit_body(&c.body);
                self.pop_scope();
                let b = self.new_binding(c.name.as_str(), BindingKind::Class, c.name.range);
                self.add(b, false);
            }
            Stmt::Import(i) => self.import(i),
            Stmt::ImportFrom(i) => self.import_from(i),
            Stmt::Global(g) => self.declare_global(&g.names),
            Stmt::Nonlocal(n) => self.declare_global(&n.names),
            Stmt::Assign(a) => {
                self.visit_expr(&a.value);
                self.bind_assign(&a.targets, &a.value);
            }
            Stmt::AugAssign(a) => {
                if let Expr::Name(n) = a.target.as_ref() {
                    self.load(n.id.as_str());
                }
                self.visit_expr(&a.value);
                match a.target.as_ref() {
                    Expr::Name(n) if n.id.as_str() == "__all__" && self.at_module() => {
                        let current = self.current();
                        let mut names = match self.scopes[current].names.get("__all__") {
                            Some(&b) => match &self.bindings[b].kind {
                                BindingKind::Export(names) => names.clone(),
                                _ => Vec::new(),
                            },
                            None => Vec::new(),
                        };
                        names.extend(exported_names(&a.value));
                        let b = self.new_binding("__all__", BindingKind::Export(names), n.range);
                        self.add(b, false);
                    }
                    target => self.bind_target(target, Target::Direct),
                }
            }
            Stmt::AnnAssign(a) => {
                self.visit_annotation(&a.annotation);
                match &a.value {
                    Some(value) => {
                        self.visit_expr(value);
                        self.bind_assign(std::slice::from_ref(&a.target), value);
                    }
                    None => match a.target.as_ref() {
                        Expr::Name(n) => {
                            let b =
                                self.new_binding(n.id.as_str(), BindingKind::Annotation, n.range);
                            self.add(b, false);
                        }
                        other => self.visit_expr(other),
                    },
                }
            }
            Stmt::For(f) => {
                self.bind_target(&f.target, Target::Loop);
                self.visit_expr(&f.iter);
                self.visit_body(&f.body);
                self.visit_body(&f.orelse);
            }
            Stmt::With(w) => {
                for item in &w.items {
                    self.visit_expr(&item.context_expr);
                    if let Some(vars) = &item.optional_vars {
                        self.bind_target(vars, Target::Direct);
                    }
                }
                self.visit_body(&w.body);
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    match t {
                        Expr::Name(n) => self.delete(n.id.as_str()),
                        other => self.visit_expr(other),
                    }
                }
            }
            Stmt::If(s) => {
                let id = s.range.start();
                self.visit_expr(&s.test);
                self.conditional += 1;
                self.in_fork((id, 0), |c| c.visit_body(&s.body));
                for (i, clause) in s.elif_else_clauses.iter().enumerate() {
                    let branch = u32::try_from(i + 1).unwrap_or(u32::MAX - 1);
                    self.in_fork((id, branch), |c| {
                        if let Some(test) = &clause.test {
                            c.visit_expr(test);
                        }
                        c.visit_body(&clause.body);
                    });
                }
                self.conditional -= 1;
            }
            Stmt::While(_) => {
                self.conditional += 1;
                visitor::walk_stmt(self, stmt);
                self.conditional -= 1;
            }
            Stmt::Try(t) => {
                let id = t.range.start();
                let probe = usize::from(catches_import_error(t));
                self.in_fork((id, 0), |c| {
                    c.probing += probe;
                    c.visit_body(&t.body);
                    c.probing -= probe;
                });
                for (i, h) in t.handlers.iter().enumerate() {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    let branch = u32::try_from(i + 1).unwrap_or(u32::MAX - 1);
                    self.in_fork((id, branch), |c| c.except_handler(h));
                }
                self.in_fork((id, 0), |c| c.visit_body(&t.orelse));
                self.in_fork((id, u32::MAX), |c| c.visit_body(&t.finalbody));
            }
            Stmt::Match(m) => {
                let id = m.range.start();
                self.visit_expr(&m.subject);
                for (i, case) in m.cases.iter().enumerate() {
                    let branch = u32::try_from(i).unwrap_or(u32::MAX - 1);
                    self.in_fork((id, branch), |c| c.visit_match_case(case));
                }
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        let name = match pattern {
            Pattern::MatchAs(p) => p.name.as_ref(),
            Pattern::MatchStar(p) => p.name.as_ref(),
            Pattern::MatchMapping(p) => p.rest.as_ref(),
            _ => None,
        };
        if let Some(n) = name {
            let b = self.new_binding(n.as_str(), BindingKind::Assignment, n.range);
            self.add(b, false);
        }
        visitor::walk_pattern(self, pattern);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(n) => match n.ctx {
                ExprContext::Load => self.load(n.id.as_str()),
                ExprContext::Store => {
                    let b = self.new_binding(n.id.as_str(), BindingKind::Assignment, n.range);
                    self.add(b, false);
                }
                ExprContext::Del => self.delete(n.id.as_str()),
                ExprContext::Invalid => {}
            },
            Expr::Call(c) => {
                if matches!(c.func.as_ref(), Expr::Name(n) if n.id.as_str() == "locals") {
                    let current = self.current();
                    if self.scopes[current].kind == ScopeKind::Function {
                        self.scopes[current].uses_locals = true;
                    }
                }
                visitor::walk_expr(self, expr);
            }
            Expr::Named(n) => {
                self.visit_expr(&n.value);
                match n.target.as_ref() {
                    Expr::Name(t) => {
                        let b = self.new_binding(t.id.as_str(), BindingKind::NamedExpr, t.range);
                        self.add(b, false);
                    }
                    other => self.visit_expr(other),
                }
            }
            Expr::If(_) => {
                self.conditional += 1;
                visitor::walk_expr(self, expr);
                self.conditional -= 1;
            }
            Expr::Lambda(l) => {
                if let Some(params) = &l.parameters {
                    for p in params.iter_non_variadic_params() {
                        if let Some(default) = &p.default {
                            self.visit_expr(default);
                        }
                    }
                }
                self.defer(Body::Lambda(l));
            }
            Expr::ListComp(c) => self.visit_comprehension_scope(&c.generators, &[&c.elt]),
            Expr::SetComp(c) => self.visit_comprehension_scope(&c.generators, &[&c.elt]),
            Expr::Generator(c) => self.visit_comprehension_scope(&c.generators, &[&c.elt]),
            Expr::DictComp(c) => {
                self.visit_comprehension_scope(&c.generators, &[&c.key, &c.value]);
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}

#[cfg(test)]
mod tests;
