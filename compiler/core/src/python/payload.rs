//! The payload contract of a handler: the keys it reads from `events` (its
//! first parameter, SSM's `InputPayload`) and the keys and literal shapes of
//! the dicts it returns (the step's `$.Payload`).
//!
//! Input: a parsed module without syntax errors and the handler's name.
//! Output: a [`Contract`] whose every part says when it is not certain; the
//! rules (`python-payload-*`, `python-output-contract`) stay silent then.
//!
//! Reads follow `events` through the handler, through names bound once to it
//! (`e = events`) and into the module-level functions it is passed to, by
//! position or keyword. Anything else done with it (iterated, read with a
//! computed key, passed elsewhere, captured by a nested function, rebound)
//! makes the reads incomplete; anything that may add keys to it (a write
//! with a computed key, `update`, a call that may mutate it) makes a missing
//! key unprovable. Returns are judged only when every `return` of the
//! handler gives a dict written out with string keys, or a name bound once
//! to one and used nowhere else.

use std::collections::{HashMap, HashSet};

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, CmpOp, Expr, ExprContext, Stmt};
use ruff_text_size::{Ranged, TextRange};

/// How deep the reads follow `events` into the functions it is passed to.
const MAX_FOLLOW_DEPTH: usize = 8;

/// One key read from `events`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub key: String,
    /// The key's string literal in the script.
    pub range: TextRange,
    /// `events['key']` (raises `KeyError` when absent), not `events.get('key')`.
    pub required: bool,
}

/// What the handler reads and returns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contract {
    /// Required reads that nothing guards: not under a `try` that catches
    /// `KeyError`, not tested with `'key' in events`, not written first.
    pub unguarded: Vec<Read>,
    /// Every key read, guarded or not.
    pub reads: Vec<Read>,
    /// Whether `reads` are all the keys the script can read.
    pub reads_complete: bool,
    /// Whether the script may add keys to `events` before reading them.
    pub may_add_keys: bool,
    /// The keys of each returned dict with their values' shapes, when every
    /// `return` of the handler returns one written out.
    pub returns: Option<Vec<Vec<(String, Shape)>>>,
}

/// A returned value's shape, as far as its literal shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Str,
    Int,
    Float,
    Bool,
    None,
    /// A list or tuple, with what its items are when they all agree.
    List(Items),
    Dict,
    /// Not a literal: a name, a call…
    Unknown,
}

/// The items of a list literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Items {
    Empty,
    Str,
    Dict,
    /// Mixed, or not literals.
    Other,
}

/// The contract of the module-level function `handler`, or `None` when the
/// script defines no such function taking a first parameter. When `handler`
/// names no function and the script defines only one (a renamed handler,
/// which `python-handler` reports), the contract is that function's: the one
/// the author meant, whose payload the step's outputs were written for.
pub fn contract(module: &ast::ModModule, handler: &str) -> Option<Contract> {
    let functions = module_functions(&module.body);
    let defined: Vec<&ast::StmtFunctionDef> = module
        .body
        .iter()
        .filter_map(|s| match s {
            Stmt::FunctionDef(f) => Some(f),
            _ => None,
        })
        .collect();
    let named = defined.iter().rev().find(|f| f.name.as_str() == handler);
    let f = match (named, defined.as_slice()) {
        (Some(f), _) => *f,
        (None, [only]) => *only,
        (None, _) => return None,
    };
    let events = first_parameter(&f.parameters)?;
    let mut reader = Reader {
        functions: &functions,
        reads: Vec::new(),
        tested: HashSet::new(),
        written: HashSet::new(),
        complete: true,
        may_add_keys: false,
        guarded: 0,
        aliases: HashSet::new(),
        visited: HashSet::new(),
        depth: 0,
    };
    reader.read_function(f, events);
    let unguarded = reader
        .reads
        .iter()
        .filter(|r| r.required && !reader.tested.contains(&r.key))
        .filter(|r| !reader.written.contains(&r.key))
        .cloned()
        .collect();
    Some(Contract {
        unguarded,
        reads: reader.reads,
        reads_complete: reader.complete,
        may_add_keys: reader.may_add_keys,
        returns: returns(f),
    })
}

/// The functions defined exactly once at the top level, by name (a name
/// bound twice is not followed: which one runs depends on order).
fn module_functions(body: &[Stmt]) -> HashMap<&str, &ast::StmtFunctionDef> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    let mut out = HashMap::new();
    for stmt in body {
        match stmt {
            Stmt::FunctionDef(f) => {
                *count.entry(f.name.as_str()).or_default() += 1;
                out.insert(f.name.as_str(), f);
            }
            Stmt::ClassDef(c) => *count.entry(c.name.as_str()).or_default() += 2,
            Stmt::Assign(a) => {
                for t in &a.targets {
                    if let Expr::Name(n) = t {
                        *count.entry(n.id.as_str()).or_default() += 2;
                    }
                }
            }
            _ => {}
        }
    }
    out.retain(|name, _| count.get(name) == Some(&1));
    out
}

/// The name of a function's first positional parameter.
fn first_parameter(params: &ast::Parameters) -> Option<&str> {
    params
        .posonlyargs
        .iter()
        .chain(params.args.iter())
        .next()
        .map(|p| p.parameter.name.as_str())
}

/// The parameter of `f` that receives a call's positional argument `index`
/// or keyword `keyword`.
fn parameter_for<'a>(
    f: &'a ast::StmtFunctionDef,
    index: Option<usize>,
    keyword: Option<&str>,
) -> Option<&'a str> {
    let p = &f.parameters;
    match (index, keyword) {
        (Some(i), _) => p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .nth(i)
            .map(|a| a.parameter.name.as_str()),
        (None, Some(k)) => p
            .args
            .iter()
            .chain(p.kwonlyargs.iter())
            .find(|a| a.parameter.name.as_str() == k)
            .map(|a| a.parameter.name.as_str()),
        (None, None) => None,
    }
}

/// Calls that take a dict and never add keys to it: logging, printing,
/// serialising, measuring.
fn never_adds_keys(func: &Expr) -> bool {
    match func {
        Expr::Name(n) => matches!(
            n.id.as_str(),
            "print"
                | "str"
                | "repr"
                | "len"
                | "bool"
                | "dict"
                | "list"
                | "sorted"
                | "isinstance"
                | "type"
                | "id"
                | "hash"
                | "format"
        ),
        Expr::Attribute(a) => matches!(
            a.attr.as_str(),
            "dumps"
                | "dump"
                | "debug"
                | "info"
                | "warning"
                | "warn"
                | "error"
                | "exception"
                | "critical"
                | "log"
                | "pformat"
                | "pprint"
                | "format"
                | "write"
        ),
        _ => false,
    }
}

/// Whether a `try`'s handlers catch a missing key.
fn catches_key_error(t: &ast::StmtTry) -> bool {
    let catches = |e: &Expr| {
        matches!(e, Expr::Name(n) if matches!(
            n.id.as_str(),
            "KeyError" | "LookupError" | "Exception" | "BaseException"
        ))
    };
    t.handlers.iter().any(|h| {
        let ast::ExceptHandler::ExceptHandler(h) = h;
        match h.type_.as_deref() {
            None => true,
            Some(Expr::Tuple(tuple)) => tuple.elts.iter().any(catches),
            Some(e) => catches(e),
        }
    })
}

/// Every name a function body stores to (nested scopes left out), with how
/// many times, and whether it declares it `global`/`nonlocal`.
#[derive(Default)]
struct Stores<'a> {
    count: HashMap<&'a str, usize>,
}

impl<'a> Visitor<'a> for Stores<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(f) => {
                *self.count.entry(f.name.as_str()).or_default() += 1;
            }
            Stmt::ClassDef(c) => *self.count.entry(c.name.as_str()).or_default() += 1,
            Stmt::Global(g) => {
                for n in &g.names {
                    *self.count.entry(n.as_str()).or_default() += 2;
                }
            }
            Stmt::Nonlocal(g) => {
                for n in &g.names {
                    *self.count.entry(n.as_str()).or_default() += 2;
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let bound = a.asname.as_ref().unwrap_or(&a.name);
                    let first = bound.as_str().split('.').next().unwrap_or_default();
                    *self.count.entry(first).or_default() += 1;
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    let bound = a.asname.as_ref().unwrap_or(&a.name);
                    *self.count.entry(bound.as_str()).or_default() += 1;
                }
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_except_handler(&mut self, handler: &'a ast::ExceptHandler) {
        let ast::ExceptHandler::ExceptHandler(h) = handler;
        if let Some(name) = &h.name {
            *self.count.entry(name.as_str()).or_default() += 1;
        }
        visitor::walk_except_handler(self, handler);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(n) if n.ctx != ExprContext::Load => {
                *self.count.entry(n.id.as_str()).or_default() += 1;
            }
            Expr::Lambda(_)
            | Expr::ListComp(_)
            | Expr::SetComp(_)
            | Expr::DictComp(_)
            | Expr::Generator(_) => {}
            _ => visitor::walk_expr(self, expr),
        }
    }
}

fn stores(body: &[Stmt]) -> HashMap<&str, usize> {
    let mut s = Stores::default();
    s.visit_body(body);
    s.count
}

/// Whether any of `names` is loaded in `stmt` or `expr` (nested scopes too).
#[derive(Default)]
struct Mentions<'n> {
    names: Option<&'n HashSet<String>>,
    found: bool,
}

impl<'a> Visitor<'a> for Mentions<'_> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Name(n) = expr {
            if self.names.is_some_and(|s| s.contains(n.id.as_str())) {
                self.found = true;
            }
        }
        visitor::walk_expr(self, expr);
    }
}

struct Reader<'a> {
    functions: &'a HashMap<&'a str, &'a ast::StmtFunctionDef>,
    reads: Vec<Read>,
    /// Keys tested with `'key' in events`.
    tested: HashSet<String>,
    /// Keys written with `events['key'] = …` or `setdefault`.
    written: HashSet<String>,
    complete: bool,
    may_add_keys: bool,
    /// Inside a `try` that catches `KeyError`: reads recorded as optional.
    guarded: usize,
    /// The names bound to `events` in the function being read.
    aliases: HashSet<String>,
    visited: HashSet<(usize, String)>,
    depth: usize,
}

impl<'a> Reader<'a> {
    /// Reads `f`'s body with `param` bound to `events`.
    fn read_function(&mut self, f: &'a ast::StmtFunctionDef, param: &str) {
        let key = (f.range.start().to_usize(), param.to_string());
        if !self.visited.insert(key) {
            return;
        }
        if self.depth >= MAX_FOLLOW_DEPTH {
            self.complete = false;
            self.may_add_keys = true;
            return;
        }
        let bound = stores(&f.body);
        if bound.contains_key(param) {
            // `events = json.loads(…)`: what it holds is not the payload.
            self.complete = false;
            self.may_add_keys = true;
            return;
        }
        let mut aliases: HashSet<String> = HashSet::from([param.to_string()]);
        for stmt in &f.body {
            if let Some(name) = alias_of(stmt, param) {
                if bound.get(name) == Some(&1) {
                    aliases.insert(name.to_string());
                }
            }
        }
        let outer = std::mem::replace(&mut self.aliases, aliases);
        self.depth += 1;
        self.visit_body(&f.body);
        self.depth -= 1;
        self.aliases = outer;
    }

    fn is_alias(&self, expr: &Expr) -> bool {
        matches!(expr, Expr::Name(n) if n.ctx == ExprContext::Load && self.aliases.contains(n.id.as_str()))
    }

    fn record(&mut self, key: &ast::ExprStringLiteral, required: bool) {
        self.reads.push(Read {
            key: key.value.to_str().to_string(),
            range: key.range(),
            required: required && self.guarded == 0,
        });
    }

    /// A call with `events` among its arguments: followed into a module
    /// function, else judged by what the callee may do with it.
    fn call(&mut self, call: &'a ast::ExprCall) {
        let callee = match call.func.as_ref() {
            Expr::Name(n) => self.functions.get(n.id.as_str()).copied(),
            _ => None,
        };
        for (i, arg) in call.arguments.args.iter().enumerate() {
            if self.is_alias(arg) {
                match callee.and_then(|f| parameter_for(f, Some(i), None)) {
                    Some(p) => self.follow(callee, p),
                    None => self.escapes(never_adds_keys(&call.func)),
                }
            } else {
                self.visit_expr(arg);
            }
        }
        for kw in &call.arguments.keywords {
            if self.is_alias(&kw.value) {
                let name = kw.arg.as_ref().map(|a| a.as_str());
                match callee.and_then(|f| parameter_for(f, None, name)) {
                    Some(p) => self.follow(callee, p),
                    None => self.escapes(never_adds_keys(&call.func)),
                }
            } else {
                self.visit_expr(&kw.value);
            }
        }
        self.visit_expr(&call.func);
    }

    fn follow(&mut self, callee: Option<&'a ast::StmtFunctionDef>, param: &str) {
        if let Some(f) = callee {
            self.read_function(f, param);
        }
    }

    /// `events` used in a way that hides which keys are read.
    /// Whether what `visit` walks mentions an alias of `events` (a function,
    /// class or lambda that captures it: the payload escapes the reads seen).
    fn mentions(&self, visit: impl FnOnce(&mut Mentions<'_>)) -> bool {
        let mut m = Mentions {
            names: Some(&self.aliases),
            found: false,
        };
        visit(&mut m);
        m.found
    }

    fn escapes(&mut self, read_only: bool) {
        self.complete = false;
        if !read_only {
            self.may_add_keys = true;
        }
    }
}

/// `name = param`, as a statement.
fn alias_of<'s>(stmt: &'s Stmt, param: &str) -> Option<&'s str> {
    let Stmt::Assign(a) = stmt else { return None };
    match (a.targets.as_slice(), a.value.as_ref()) {
        ([Expr::Name(target)], Expr::Name(value)) if value.id.as_str() == param => {
            Some(target.id.as_str())
        }
        _ => None,
    }
}

impl<'a> Visitor<'a> for Reader<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {
                let found = self.mentions(|m| m.visit_stmt(stmt));
                if found {
                    self.escapes(false);
                }
            }
            Stmt::Assign(a) if a.targets.len() == 1 => {
                // `e = events` binds an alias: not a use.
                if let ([Expr::Name(t)], true) = (a.targets.as_slice(), self.is_alias(&a.value)) {
                    if self.aliases.contains(t.id.as_str()) {
                        return;
                    }
                }
                visitor::walk_stmt(self, stmt);
            }
            Stmt::For(f) if self.is_alias(&f.iter) => {
                self.escapes(true);
                self.visit_expr(&f.target);
                self.visit_body(&f.body);
                self.visit_body(&f.orelse);
            }
            Stmt::Try(t) => {
                let guarded = catches_key_error(t);
                self.guarded += usize::from(guarded);
                self.visit_body(&t.body);
                self.guarded -= usize::from(guarded);
                for h in &t.handlers {
                    self.visit_except_handler(h);
                }
                self.visit_body(&t.orelse);
                self.visit_body(&t.finalbody);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_comprehension(&mut self, c: &'a ast::Comprehension) {
        if self.is_alias(&c.iter) {
            self.escapes(true);
            self.visit_expr(&c.target);
            for cond in &c.ifs {
                self.visit_expr(cond);
            }
        } else {
            visitor::walk_comprehension(self, c);
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Subscript(s) if self.is_alias(&s.value) => match (s.slice.as_ref(), s.ctx) {
                (Expr::StringLiteral(k), ExprContext::Load) => self.record(k, true),
                (Expr::StringLiteral(k), _) => {
                    self.written.insert(k.value.to_str().to_string());
                }
                (slice, ctx) => {
                    self.escapes(ctx == ExprContext::Load);
                    self.visit_expr(slice);
                }
            },
            Expr::Call(c) => match c.func.as_ref() {
                Expr::Attribute(a) if self.is_alias(&a.value) => {
                    let first = c.arguments.args.first();
                    match (a.attr.as_str(), first) {
                        ("get" | "pop", Some(Expr::StringLiteral(k))) => {
                            let required = a.attr.as_str() == "pop" && c.arguments.len() == 1;
                            self.record(k, required);
                        }
                        ("setdefault", Some(Expr::StringLiteral(k))) => {
                            self.written.insert(k.value.to_str().to_string());
                        }
                        ("keys" | "items" | "values" | "copy" | "get" | "pop", _) => {
                            self.escapes(true);
                        }
                        _ => self.escapes(false),
                    }
                    for arg in c.arguments.args.iter().skip(1) {
                        self.visit_expr(arg);
                    }
                    for kw in &c.arguments.keywords {
                        self.visit_expr(&kw.value);
                    }
                }
                _ => self.call(c),
            },
            Expr::Compare(c)
                if c.comparators.len() == 1
                    && matches!(c.ops.first(), Some(CmpOp::In | CmpOp::NotIn))
                    && c.comparators.first().is_some_and(|e| self.is_alias(e)) =>
            {
                match c.left.as_ref() {
                    Expr::StringLiteral(k) => {
                        self.tested.insert(k.value.to_str().to_string());
                    }
                    other => {
                        self.complete = false;
                        self.visit_expr(other);
                    }
                }
            }
            Expr::Lambda(_) => {
                let found = self.mentions(|m| m.visit_expr(expr));
                if found {
                    self.escapes(false);
                }
            }
            Expr::Name(_) if self.is_alias(expr) => self.escapes(false),
            _ => visitor::walk_expr(self, expr),
        }
    }
}

/// The keys and shapes of every dict the handler returns, when each
/// `return` gives one written out.
fn returns(f: &ast::StmtFunctionDef) -> Option<Vec<Vec<(String, Shape)>>> {
    let mut found = Vec::new();
    collect_returns(&f.body, &mut found);
    if found.is_empty() {
        return None;
    }
    let bound = stores(&f.body);
    let mut out = Vec::new();
    for value in found {
        let dict = match value? {
            Expr::Dict(d) => d,
            Expr::Name(n) => dict_bound_once(f, n.id.as_str(), &bound)?,
            _ => return None,
        };
        out.push(dict_keys(dict)?);
    }
    Some(out)
}

/// The value of each `return` of `body` (`None` for a bare `return`),
/// nested functions and classes left out.
fn collect_returns<'a>(body: &'a [Stmt], out: &mut Vec<Option<&'a Expr>>) {
    struct Returns<'a, 'o> {
        out: &'o mut Vec<Option<&'a Expr>>,
    }
    impl<'a> Visitor<'a> for Returns<'a, '_> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            match stmt {
                Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
                Stmt::Return(r) => self.out.push(r.value.as_deref()),
                _ => visitor::walk_stmt(self, stmt),
            }
        }
    }
    Returns { out }.visit_body(body);
}

/// The dict literal `name` is bound to, when that is its only binding in
/// `f` and it is read nowhere but in `return name`.
fn dict_bound_once<'a>(
    f: &'a ast::StmtFunctionDef,
    name: &str,
    bound: &HashMap<&str, usize>,
) -> Option<&'a ast::ExprDict> {
    if bound.get(name) != Some(&1) {
        return None;
    }
    struct Uses<'a, 'n> {
        name: &'n str,
        dict: Option<&'a ast::ExprDict>,
        /// Loads outside `return name`.
        other_loads: usize,
    }
    impl<'a> Visitor<'a> for Uses<'a, '_> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            match stmt {
                Stmt::Return(r) if matches!(r.value.as_deref(), Some(Expr::Name(n)) if n.id.as_str() == self.name) =>
                    {}
                Stmt::Assign(a) if matches!(a.targets.as_slice(), [Expr::Name(t)] if t.id.as_str() == self.name) =>
                {
                    if let Expr::Dict(d) = a.value.as_ref() {
                        self.dict = Some(d);
                    }
                    self.visit_expr(&a.value);
                }
                _ => visitor::walk_stmt(self, stmt),
            }
        }
        fn visit_expr(&mut self, expr: &'a Expr) {
            if matches!(expr, Expr::Name(n) if n.id.as_str() == self.name) {
                self.other_loads += 1;
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut uses = Uses {
        name,
        dict: None,
        other_loads: 0,
    };
    uses.visit_body(&f.body);
    if uses.other_loads > 0 {
        return None;
    }
    uses.dict
}

/// A dict literal's keys with their values' shapes, when every key is a
/// string literal (no `**spread`).
fn dict_keys(d: &ast::ExprDict) -> Option<Vec<(String, Shape)>> {
    d.items
        .iter()
        .map(|item| match &item.key {
            Some(Expr::StringLiteral(k)) => {
                Some((k.value.to_str().to_string(), shape(&item.value)))
            }
            _ => None,
        })
        .collect()
}

fn shape(expr: &Expr) -> Shape {
    match expr {
        Expr::StringLiteral(_) | Expr::FString(_) => Shape::Str,
        Expr::NumberLiteral(n) => match n.value {
            ast::Number::Int(_) => Shape::Int,
            _ => Shape::Float,
        },
        Expr::BooleanLiteral(_) => Shape::Bool,
        Expr::NoneLiteral(_) => Shape::None,
        Expr::Dict(_) | Expr::DictComp(_) => Shape::Dict,
        Expr::List(l) => Shape::List(items(&l.elts)),
        Expr::Tuple(t) => Shape::List(items(&t.elts)),
        Expr::ListComp(_) => Shape::List(Items::Other),
        _ => Shape::Unknown,
    }
}

fn items(elts: &[Expr]) -> Items {
    let mut it = elts.iter().map(shape);
    let Some(first) = it.next() else {
        return Items::Empty;
    };
    let all_same = elts.iter().map(shape).all(|s| s == first);
    match (first, all_same) {
        (Shape::Str, true) => Items::Str,
        (Shape::Dict, true) => Items::Dict,
        _ => Items::Other,
    }
}

/// Whether a value of `shape` can never be an output of `ty` (String,
/// Integer, Boolean, StringList, MapList, StringMap). Scalars are left to
/// SSM's conversions: only a list, a map and a scalar are told apart, and
/// the items of a list where they are all strings or all dicts.
pub fn cannot_be(shape: Shape, ty: &str) -> bool {
    let scalar = matches!(shape, Shape::Str | Shape::Int | Shape::Float | Shape::Bool);
    match ty {
        "String" | "Integer" | "Boolean" => matches!(shape, Shape::List(_) | Shape::Dict),
        "StringList" => scalar || shape == Shape::Dict || shape == Shape::List(Items::Dict),
        "MapList" => scalar || shape == Shape::Dict || shape == Shape::List(Items::Str),
        "StringMap" => scalar || matches!(shape, Shape::List(_)),
        _ => false,
    }
}

/// A shape in words, for messages.
pub fn describe(shape: Shape) -> &'static str {
    match shape {
        Shape::Str => "a string",
        Shape::Int => "an integer",
        Shape::Float => "a float",
        Shape::Bool => "a boolean",
        Shape::None => "`None`",
        Shape::List(Items::Str) => "a list of strings",
        Shape::List(Items::Dict) => "a list of dicts",
        Shape::List(_) => "a list",
        Shape::Dict => "a dict",
        Shape::Unknown => "a value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_python_parser::parse_module;

    fn of(src: &str) -> Contract {
        let parsed = parse_module(src).expect("test scripts parse");
        contract(parsed.syntax(), "h").expect("a handler")
    }

    fn missing(src: &str) -> Vec<String> {
        of(src).unguarded.into_iter().map(|r| r.key).collect()
    }

    #[test]
    fn subscripts_are_required_and_get_is_not() {
        let c = of("def h(events, context):\n    a = events['A']\n    b = events.get('B')\n    return {}\n");
        assert_eq!(
            missing("def h(events, context):\n    a = events['A']\n    b = events.get('B')\n"),
            ["A"]
        );
        assert_eq!(c.reads.len(), 2);
        assert!(c.reads_complete && !c.may_add_keys);
    }

    #[test]
    fn a_renamed_handler_is_the_only_function() {
        let parsed = parse_module("def main(e, c):\n    return {'a': e['X']}\n").expect("parses");
        let c = contract(parsed.syntax(), "handler").expect("the only function");
        assert_eq!(c.unguarded.len(), 1);
        let two = parse_module("def a(e, c):\n    return {}\ndef b(e, c):\n    return {}\n")
            .expect("parses");
        assert_eq!(contract(two.syntax(), "handler"), None);
    }

    #[test]
    fn the_first_parameter_is_events_whatever_its_name() {
        assert_eq!(missing("def h(e, c):\n    return e[\"X\"]\n"), ["X"]);
    }

    #[test]
    fn aliases_bound_once_are_followed_and_others_are_not() {
        assert_eq!(
            missing("def h(events, c):\n    p = events\n    return p['X']\n"),
            ["X"]
        );
        let twice = of("def h(events, c):\n    p = events\n    p = {}\n    return p['X']\n");
        assert!(twice.unguarded.is_empty());
        assert!(!twice.reads_complete && twice.may_add_keys);
    }

    #[test]
    fn a_rebound_events_is_not_the_payload() {
        let c = of("import json\ndef h(events, c):\n    events = json.loads(events['body'])\n    return events['X']\n");
        assert!(c.reads.is_empty() && !c.reads_complete && c.may_add_keys);
    }

    #[test]
    fn module_functions_it_is_passed_to_are_read_too() {
        let src = "def get_id(payload):\n    return payload['InstanceId']\n\ndef h(events, c):\n    return {'id': get_id(events), 'r': other(p=events)}\n\ndef other(p):\n    return p.get('Region')\n";
        let c = of(src);
        let keys: Vec<_> = c
            .reads
            .iter()
            .map(|r| (r.key.as_str(), r.required))
            .collect();
        assert_eq!(keys, [("InstanceId", true), ("Region", false)]);
        assert!(c.reads_complete);
        // Recursion ends.
        let c = of("def h(events, c):\n    return h(events, c)\n");
        assert!(c.reads.is_empty());
    }

    #[test]
    fn guards_and_writes_make_a_read_safe() {
        for src in [
            "def h(events, c):\n    if 'X' in events:\n        return events['X']\n",
            "def h(events, c):\n    try:\n        return events['X']\n    except KeyError:\n        return None\n",
            "def h(events, c):\n    events['X'] = 1\n    return events['X']\n",
            "def h(events, c):\n    events.setdefault('X', 1)\n    return events['X']\n",
            "def h(events, c):\n    events.update(defaults)\n    return events['X']\n",
        ] {
            let c = of(src);
            assert!(c.unguarded.is_empty() || c.may_add_keys, "{src}");
        }
    }

    #[test]
    fn escapes_make_the_reads_incomplete() {
        for (src, may_add) in [
            (
                "def h(events, c):\n    for k in events:\n        print(k)\n",
                false,
            ),
            (
                "import json\ndef h(events, c):\n    print(json.dumps(events))\n",
                false,
            ),
            (
                "def h(events, c):\n    k = 'X'\n    return events[k]\n",
                false,
            ),
            ("def h(events, c):\n    return mutate(events)\n", true),
            (
                "def h(events, c):\n    f = lambda: events['X']\n    return f()\n",
                true,
            ),
        ] {
            let c = of(src);
            assert!(!c.reads_complete, "{src}");
            assert_eq!(c.may_add_keys, may_add, "{src}");
        }
    }

    #[test]
    fn returned_dicts_are_known_when_written_out() {
        let c = of("def h(e, c):\n    if e.get('x'):\n        return {'a': 'x', 'b': [1]}\n    return {'a': 'y', 'c': {}}\n");
        let keys: Vec<Vec<&str>> = c
            .returns
            .as_ref()
            .expect("known")
            .iter()
            .map(|r| r.iter().map(|(k, _)| k.as_str()).collect())
            .collect();
        assert_eq!(keys, [vec!["a", "b"], vec!["a", "c"]]);
        let named = of("def h(e, c):\n    out = {'n': 5}\n    return out\n");
        assert_eq!(
            named.returns,
            Some(vec![vec![("n".to_string(), Shape::Int)]])
        );
    }

    #[test]
    fn returns_stay_unknown_when_unsure() {
        for src in [
            "def h(e, c):\n    return build()\n",
            "def h(e, c):\n    out = {}\n    out['a'] = 1\n    return out\n",
            "def h(e, c):\n    return {**e, 'a': 1}\n",
            "def h(e, c):\n    if e:\n        return\n    return {'a': 1}\n",
            "def h(e, c):\n    print(e)\n",
        ] {
            assert_eq!(of(src).returns, None, "{src}");
        }
    }

    #[test]
    fn shapes_against_output_types() {
        assert!(cannot_be(Shape::List(Items::Str), "String"));
        assert!(cannot_be(Shape::Str, "StringList"));
        assert!(cannot_be(Shape::List(Items::Str), "MapList"));
        assert!(cannot_be(Shape::Dict, "StringList"));
        assert!(!cannot_be(Shape::Int, "String"));
        assert!(!cannot_be(Shape::List(Items::Other), "MapList"));
        assert!(!cannot_be(Shape::Unknown, "StringMap"));
        assert!(!cannot_be(Shape::None, "StringMap"));
    }
}
