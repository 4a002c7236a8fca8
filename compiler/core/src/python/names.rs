//! Undefined names, at pyflakes' level and never beyond it.
//!
//! Input: a parsed module without syntax errors. Output: every load of a
//! name that no scope the load can see binds, that is no builtin of any
//! runtime, and that no `{{ … }}` mask stands for.
//!
//! A false "undefined name" is the worst finding this module can make, so
//! where Python's rules depend on order or on what runs, it takes the
//! lenient reading: a binding anywhere in a scope defines the name for the
//! whole scope (pyflakes reports a module-level use before the assignment;
//! we do not), every `global x` anywhere defines `x` for the module, `del`
//! unbinds nothing, and a script with `from m import *` reports nothing (its
//! names cannot be known; pyflakes says "may be undefined"). As in pyflakes:
//! a function does not see its class's names (a comprehension directly in a
//! class body does), a comprehension's targets are its own, and a load
//! inside a `try` that catches `NameError` (or everything) is not reported.
//! Annotations are not checked under `from __future__ import annotations`.

use std::collections::HashSet;

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, ExprContext, Pattern, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::{builtins, mask};

/// A load of a name nothing defines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undefined {
    pub name: String,
    pub range: TextRange,
}

/// Every undefined name of `module`, in source order.
pub fn undefined(module: &ast::ModModule) -> Vec<Undefined> {
    let mut module_names = Names::default();
    bind_body(&module.body, &mut module_names);
    if module_names.star_import {
        return Vec::new();
    }
    let mut globals = Globals::default();
    globals.visit_body(&module.body);
    module_names.names.extend(globals.0);
    let mut resolver = Resolver {
        scopes: vec![Scope {
            kind: Kind::Module,
            names: module_names.names,
        }],
        found: Vec::new(),
        name_error_caught: 0,
        annotations_deferred: has_future_annotations(&module.body),
    };
    resolver.visit_body(&module.body);
    resolver.found
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Module,
    Function,
    Class,
    Comprehension,
}

struct Scope {
    kind: Kind,
    names: HashSet<String>,
}

/// What a scope's body binds.
#[derive(Default)]
struct Names {
    names: HashSet<String>,
    star_import: bool,
}

fn bind_body(body: &[Stmt], names: &mut Names) {
    let mut binder = Binder {
        out: names,
        in_comprehension: 0,
    };
    binder.visit_body(body);
}

fn bind_expr(expr: &Expr, names: &mut Names) {
    let mut binder = Binder {
        out: names,
        in_comprehension: 0,
    };
    binder.visit_expr(expr);
}

/// Collects the names a scope binds, without entering nested scopes (their
/// walrus targets included: a rare case, read leniently elsewhere).
struct Binder<'n> {
    out: &'n mut Names,
    in_comprehension: usize,
}

impl Binder<'_> {
    fn bind(&mut self, name: &str) {
        self.out.names.insert(name.to_string());
    }

    fn bind_type_params(&mut self, params: Option<&ast::TypeParams>) {
        for p in params.into_iter().flat_map(|p| p.iter()) {
            self.bind(p.name().as_str());
        }
    }
}

impl<'a> Visitor<'a> for Binder<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(f) => {
                self.bind(f.name.as_str());
                self.bind_type_params(f.type_params.as_deref());
            }
            Stmt::ClassDef(c) => {
                self.bind(c.name.as_str());
                self.bind_type_params(c.type_params.as_deref());
            }
            Stmt::Import(i) => {
                for alias in &i.names {
                    match &alias.asname {
                        Some(asname) => self.bind(asname.as_str()),
                        // `import a.b` binds `a`.
                        None => self.bind(alias.name.as_str().split('.').next().unwrap_or("")),
                    }
                }
            }
            Stmt::ImportFrom(i) => {
                for alias in &i.names {
                    if alias.name.as_str() == "*" {
                        self.out.star_import = true;
                    }
                    self.bind(alias.asname.as_ref().unwrap_or(&alias.name).as_str());
                }
            }
            Stmt::Global(g) => g.names.iter().for_each(|n| self.bind(n.as_str())),
            Stmt::Nonlocal(n) => n.names.iter().for_each(|n| self.bind(n.as_str())),
            Stmt::TypeAlias(t) => {
                self.bind_type_params(t.type_params.as_deref());
                visitor::walk_stmt(self, stmt);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_except_handler(&mut self, handler: &'a ast::ExceptHandler) {
        let ast::ExceptHandler::ExceptHandler(h) = handler;
        if let Some(name) = &h.name {
            self.bind(name.as_str());
        }
        visitor::walk_except_handler(self, handler);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(n) if n.ctx == ExprContext::Store && self.in_comprehension == 0 => {
                self.bind(n.id.as_str());
            }
            // `(x := …)` binds in the enclosing function even inside a comprehension.
            Expr::Named(n) => {
                if let Expr::Name(target) = n.target.as_ref() {
                    self.bind(target.id.as_str());
                }
                self.visit_expr(&n.value);
            }
            Expr::Lambda(_) => {}
            Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Generator(_) => {
                self.in_comprehension += 1;
                visitor::walk_expr(self, expr);
                self.in_comprehension -= 1;
            }
            _ => visitor::walk_expr(self, expr),
        }
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        match pattern {
            Pattern::MatchAs(p) => {
                if let Some(n) = &p.name {
                    self.bind(n.as_str());
                }
            }
            Pattern::MatchStar(p) => {
                if let Some(n) = &p.name {
                    self.bind(n.as_str());
                }
            }
            Pattern::MatchMapping(p) => {
                if let Some(n) = &p.rest {
                    self.bind(n.as_str());
                }
            }
            _ => {}
        }
        visitor::walk_pattern(self, pattern);
    }
}

/// Every name declared `global` anywhere in the script.
#[derive(Default)]
struct Globals(HashSet<String>);

impl<'a> Visitor<'a> for Globals {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if let Stmt::Global(g) = stmt {
            self.0
                .extend(g.names.iter().map(|n| n.as_str().to_string()));
        }
        visitor::walk_stmt(self, stmt);
    }
}

fn has_future_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| {
        matches!(s, Stmt::ImportFrom(i)
            if i.module.as_ref().is_some_and(|m| m.as_str() == "__future__")
                && i.names.iter().any(|a| a.name.as_str() == "annotations"))
    })
}

fn parameter_names(params: &ast::Parameters) -> impl Iterator<Item = String> + '_ {
    params.iter().map(|p| p.name().as_str().to_string())
}

/// The names a comprehension's targets bind.
fn comprehension_names(generators: &[ast::Comprehension]) -> HashSet<String> {
    let mut names = Names::default();
    for g in generators {
        bind_expr(&g.target, &mut names);
    }
    names.names
}

struct Resolver {
    scopes: Vec<Scope>,
    found: Vec<Undefined>,
    name_error_caught: usize,
    annotations_deferred: bool,
}

impl Resolver {
    fn defined(&self, name: &str) -> bool {
        if builtins::is_builtin(name) || mask::is_mask(name) {
            return true;
        }
        let innermost = self.scopes.len().saturating_sub(1);
        let mut class_visible = false;
        for (i, scope) in self.scopes.iter().enumerate().rev() {
            let skip = scope.kind == Kind::Class && i != innermost && !class_visible;
            if !skip && scope.names.contains(name) {
                return true;
            }
            class_visible = scope.kind == Kind::Comprehension;
        }
        false
    }

    fn in_scope(&mut self, kind: Kind, names: HashSet<String>, f: impl FnOnce(&mut Self)) {
        self.scopes.push(Scope { kind, names });
        // A `try … except NameError` outside a function does not guard its body.
        let caught = std::mem::take(&mut self.name_error_caught);
        f(self);
        self.name_error_caught = caught;
        self.scopes.pop();
    }

    /// Defaults and annotations of parameters, seen from the enclosing scope.
    fn visit_parameter_outsides(&mut self, params: &ast::Parameters) {
        for p in params.iter() {
            if let Some(annotation) = p.annotation() {
                self.visit_annotation(annotation);
            }
        }
        for p in params.iter_non_variadic_params() {
            if let Some(default) = p.default() {
                self.visit_expr(default);
            }
        }
    }

    fn visit_comprehension_scope(&mut self, generators: &[ast::Comprehension], inner: &[&Expr]) {
        // The first iterable is evaluated in the enclosing scope.
        if let Some(first) = generators.first() {
            self.visit_expr(&first.iter);
        }
        self.in_scope(Kind::Comprehension, comprehension_names(generators), |r| {
            for (i, g) in generators.iter().enumerate() {
                if i > 0 {
                    r.visit_expr(&g.iter);
                }
                r.visit_expr(&g.target);
                for cond in &g.ifs {
                    r.visit_expr(cond);
                }
            }
            for e in inner {
                r.visit_expr(e);
            }
        });
    }
}

fn catches_name_error(try_stmt: &ast::StmtTry) -> bool {
    try_stmt.handlers.iter().any(|h| {
        let ast::ExceptHandler::ExceptHandler(h) = h;
        match h.type_.as_deref() {
            None => true,
            Some(Expr::Tuple(t)) => t.elts.iter().any(is_name_error),
            Some(e) => is_name_error(e),
        }
    })
}

fn is_name_error(e: &Expr) -> bool {
    matches!(e, Expr::Name(n) if n.id.as_str() == "NameError")
}

impl<'a> Visitor<'a> for Resolver {
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
                let mut names = Names::default();
                names.names.extend(parameter_names(&f.parameters));
                bind_body(&f.body, &mut names);
                self.in_scope(Kind::Function, names.names, |r| r.visit_body(&f.body));
            }
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.visit_decorator(d);
                }
                if let Some(arguments) = &c.arguments {
                    self.visit_arguments(arguments);
                }
                let mut names = Names::default();
                bind_body(&c.body, &mut names);
                self.in_scope(Kind::Class, names.names, |r| r.visit_body(&c.body));
            }
            Stmt::Try(t) => {
                let guarded = catches_name_error(t);
                self.name_error_caught += usize::from(guarded);
                self.visit_body(&t.body);
                self.name_error_caught -= usize::from(guarded);
                for h in &t.handlers {
                    self.visit_except_handler(h);
                }
                self.visit_body(&t.orelse);
                self.visit_body(&t.finalbody);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_annotation(&mut self, expr: &'a Expr) {
        if !self.annotations_deferred {
            visitor::walk_annotation(self, expr);
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(n) => {
                if n.ctx == ExprContext::Load
                    && self.name_error_caught == 0
                    && !self.defined(n.id.as_str())
                {
                    self.found.push(Undefined {
                        name: n.id.as_str().to_string(),
                        range: n.range(),
                    });
                }
            }
            Expr::Lambda(l) => {
                let mut names = Names::default();
                if let Some(params) = &l.parameters {
                    for p in params.iter_non_variadic_params() {
                        if let Some(default) = p.default() {
                            self.visit_expr(default);
                        }
                    }
                    names.names.extend(parameter_names(params));
                }
                bind_expr(&l.body, &mut names);
                self.in_scope(Kind::Function, names.names, |r| r.visit_expr(&l.body));
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
mod tests {
    use super::*;
    use ruff_python_parser::parse_module;

    fn names(src: &str) -> Vec<String> {
        let parsed = parse_module(src).expect("test scripts parse");
        undefined(parsed.syntax())
            .into_iter()
            .map(|u| u.name)
            .collect()
    }

    #[test]
    fn undefined_constant_is_found() {
        let src = "def handler(events, context):\n    statuses = PENDING_AUTOMATION_STATUS\n    return statuses\n";
        assert_eq!(names(src), ["PENDING_AUTOMATION_STATUS"]);
    }

    #[test]
    fn scopes_params_builtins_and_order_free_module_names() {
        let src = "import os, xml.dom as d\nimport a.b\nfrom x import (y as z)\n\ndef f(p, *args, q=1, **kw):\n    return p + q + len(args) + later + os.sep + z + a + d\n\nlater = 1\n";
        assert!(names(src).is_empty(), "{:?}", names(src));
    }

    #[test]
    fn comprehension_targets_are_their_own() {
        assert!(names("r = [x for x in range(3) if x]\n").is_empty());
        assert_eq!(names("r = [x for x in range(3)]\nprint(x)\n"), ["x"]);
        assert!(names("if any((m := v) for v in [1]):\n    print(m)\n").is_empty());
    }

    #[test]
    fn functions_do_not_see_class_names() {
        let src = "class A:\n    X = 1\n    Y = [X for _ in range(2)]\n    def f(self):\n        return X\n";
        assert_eq!(names(src), ["X"]);
    }

    #[test]
    fn lenient_readings_stay_silent() {
        // global from a function, star imports, NameError guards, masks, del.
        assert!(names("def init():\n    global G\n    G = 1\ninit()\nprint(G)\n").is_empty());
        assert!(names("from os.path import *\nprint(join_us)\n").is_empty());
        assert!(names("try:\n    unicode\nexcept NameError:\n    unicode = str\n").is_empty());
        assert!(names("x = ________\n").is_empty());
        assert!(names("v = 1\ndel v\n").is_empty());
        assert!(names(
            "try:\n    import json\nexcept ImportError:\n    json = None\nprint(json)\n"
        )
        .is_empty());
    }

    #[test]
    fn lambdas_except_with_match_and_walrus_bind() {
        let src = "f = lambda a, b=1: a + b\ntry:\n    pass\nexcept Exception as e:\n    print(e)\nwith open('x') as fh:\n    fh.read()\nmatch f:\n    case {'k': v, **rest}:\n        print(v, rest)\n    case [h, *t]:\n        print(h, t)\nif (n := 2):\n    print(n)\n";
        assert!(names(src).is_empty(), "{:?}", names(src));
        assert_eq!(names("f = lambda a: a + b\n"), ["b"]);
    }

    #[test]
    fn annotations_checked_unless_deferred() {
        assert_eq!(
            names("def f(x: Missing) -> int:\n    return x\n"),
            ["Missing"]
        );
        assert!(
            names("from __future__ import annotations\ndef f(x: Missing):\n    return x\n")
                .is_empty()
        );
    }

    #[test]
    fn f_strings_and_nested_functions_are_seen() {
        assert_eq!(names("def f():\n    return f'{nope}'\n"), ["nope"]);
        assert!(
            names("def f():\n    y = 1\n    def g():\n        return y\n    return g\n").is_empty()
        );
    }
}
