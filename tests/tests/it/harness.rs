//! Shared helpers of the integration tests: fixture paths, parse-and-render, AST outlines.

use std::path::{Path, PathBuf};

use ssmc_core::span::SourceMap;
use ssmc_core::syntax::{self, ast::*};

/// `tests/fixtures/<rel>`.
pub fn fixtures(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

/// Parses text as the CLI would (normalised, file named `name`), returns the map and result.
pub fn parse_text(name: &str, raw: &str) -> (SourceMap, syntax::Parsed) {
    let mut map = SourceMap::new();
    let id = map.add(name, raw);
    let text = map.get(id).expect("just added").text.clone();
    let parsed = syntax::parse(id, &text);
    (map, parsed)
}

/// The `--- SOURCE --- / --- DIAGNOSTICS ---` snapshot text of one source.
pub fn parse_and_render(name: &str, raw: &str) -> String {
    let (map, parsed) = parse_text(name, raw);
    let rendered = ssmc::render::render(&parsed.diagnostics, &map, false);
    format!("--- SOURCE ---\n{raw}\n--- DIAGNOSTICS ---\n{rendered}")
}

/// A file name for snapshots: the fixture's name without directories.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// An indented one-line-per-construct outline of a tree, for snapshots.
pub fn outline(ast: &SourceFileAst) -> String {
    let mut o = Outline { out: String::new() };
    for item in &ast.items {
        o.item(item);
    }
    o.out
        .push_str(&format!("({} comments)\n", ast.comments.len()));
    o.out
}

struct Outline {
    out: String,
}

fn docs(d: &Option<DocComment>) -> String {
    match d {
        Some(d) => format!(" /// {:?}", d.text),
        None => String::new(),
    }
}

fn name(n: &Name) -> String {
    if n.escaped {
        format!("`{}`", n.text)
    } else {
        n.text.clone()
    }
}

fn string(s: &StringLit) -> String {
    let style = match s.style {
        StringStyle::Quoted => String::new(),
        StringStyle::Raw(n) => format!("raw{n}"),
        StringStyle::Block => "block".to_string(),
        StringStyle::RawBlock(n) => format!("rawblock{n}"),
    };
    format!("{}{style}{:?}", if s.lit { "lit " } else { "" }, s.value)
}

fn map(m: &MapLit) -> String {
    let entries: Vec<String> = m
        .entries
        .iter()
        .map(|e| {
            let k = if e.key.quoted {
                format!("{:?}", e.key.text)
            } else {
                e.key.text.clone()
            };
            format!("{k}: {}", expr(&e.value))
        })
        .collect();
    format!("{{{}}}", entries.join(", "))
}

fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Null => "null".into(),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Int(i) => format!("{i}"),
        ExprKind::Float { text, .. } => format!("float {text}"),
        ExprKind::Duration { seconds, text } => format!("{text}={seconds}s"),
        ExprKind::String(s) => string(s),
        ExprKind::List(items) => format!(
            "[{}]",
            items.iter().map(expr).collect::<Vec<_>>().join(", ")
        ),
        ExprKind::Map(m) => map(m),
        ExprKind::Ref(r) => format!(
            "ref {}",
            r.parts.iter().map(name).collect::<Vec<_>>().join(".")
        ),
        ExprKind::Call { func, args } => {
            format!(
                "{}({})",
                name(func),
                args.iter().map(expr).collect::<Vec<_>>().join(", ")
            )
        }
        ExprKind::Lines(inner) => format!("lines {}", expr(inner)),
        ExprKind::Cond(c) => format!("cond({})", cond(c)),
        ExprKind::Error => "<error>".into(),
    }
}

fn cond(c: &Cond) -> String {
    match c {
        Cond::Compare {
            left, op, right, ..
        } => format!("{} {op:?} {}", expr(left), expr(right)),
        Cond::Method {
            subject,
            method,
            arg,
            ..
        } => format!("{}.{}({})", expr(subject), name(method), expr(arg)),
        Cond::Not { inner, .. } => format!("Not({})", cond(inner)),
        Cond::And { items, .. } => format!(
            "And({})",
            items.iter().map(cond).collect::<Vec<_>>().join("; ")
        ),
        Cond::Or { items, .. } => format!(
            "Or({})",
            items.iter().map(cond).collect::<Vec<_>>().join("; ")
        ),
        Cond::Paren { inner, .. } => format!("Paren({})", cond(inner)),
        Cond::Raw(m) => format!("raw {}", map(m)),
        Cond::Error(_) => "<error>".into(),
    }
}

fn flow(f: &FlowTarget) -> String {
    match f {
        FlowTarget::Abort(_) => "abort".into(),
        FlowTarget::Continue(_) => "continue".into(),
        FlowTarget::Goto(n) => format!("goto {}", name(n)),
        FlowTarget::Literal(s) => string(s),
    }
}

fn clause(c: &Clause) -> String {
    match c {
        Clause::Goto { target, .. } => format!("goto {}", name(target)),
        Clause::End { value, .. } => match value {
            Some(v) => format!("end {}", expr(v)),
            None => "end".into(),
        },
        Clause::OnFailure { target, .. } => format!("on_failure {}", flow(target)),
        Clause::OnCancel { target, .. } => format!("on_cancel {}", flow(target)),
        Clause::Timeout { value, .. } => format!("timeout {}", expr(value)),
        Clause::Attempts { value, .. } => format!("attempts {}", expr(value)),
        Clause::Critical { value, .. } => format!("critical {}", expr(value)),
        Clause::Outputs { outputs, .. } => {
            let o: Vec<String> = outputs
                .iter()
                .map(|o| {
                    let ty =
                        o.ty.as_ref()
                            .map(|t| format!(": {}", ty(t)))
                            .unwrap_or_default();
                    format!(
                        "{}{ty} = {}{}",
                        name(&o.name),
                        expr(&o.selector),
                        docs(&o.docs)
                    )
                })
                .collect();
            format!("outputs {{{}}}", o.join(", "))
        }
        Clause::Description { text, .. } => format!("description {}", string(text)),
        Clause::Raw(m) => format!("raw {}", map(m)),
    }
}

fn ty(t: &TypeExpr) -> String {
    if t.quoted {
        format!("{:?}", t.text)
    } else {
        t.text.clone()
    }
}

impl Outline {
    fn line(&mut self, depth: usize, s: &str) {
        self.out.push_str(&"  ".repeat(depth));
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Document(d) => {
                let attrs: Vec<String> = d
                    .attrs
                    .iter()
                    .map(|a| {
                        if a.args.is_empty() {
                            format!("@{}", name(&a.name))
                        } else {
                            format!(
                                "@{}({})",
                                name(&a.name),
                                a.args.iter().map(expr).collect::<Vec<_>>().join(", ")
                            )
                        }
                    })
                    .collect();
                self.line(
                    0,
                    format!(
                        "{:?} {}{} {}",
                        d.kind,
                        name(&d.name),
                        docs(&d.docs),
                        attrs.join(" ")
                    )
                    .trim_end(),
                );
                for it in &d.items {
                    self.doc_item(1, it);
                }
            }
            Item::Action(a) => {
                let attrs: Vec<String> = a
                    .attrs
                    .iter()
                    .map(|a| format!("@{}", name(&a.name)))
                    .collect();
                let kinds: Vec<String> = a.kinds.iter().map(|(k, _)| format!("{k:?}")).collect();
                self.line(
                    0,
                    format!(
                        "{}action {} for {}{} {}",
                        if a.is_extern { "extern " } else { "" },
                        string(&a.name),
                        kinds.join(", "),
                        docs(&a.docs),
                        attrs.join(" ")
                    )
                    .trim_end(),
                );
                for m in &a.members {
                    let s = match m {
                        ActionMember::Input(i) => format!(
                            "input {}: {}{}{}{}",
                            name(&i.name),
                            ty(&i.ty),
                            if i.required.is_some() {
                                " required"
                            } else {
                                ""
                            },
                            i.attrs
                                .as_ref()
                                .map(|m| format!(" {}", map(m)))
                                .unwrap_or_default(),
                            docs(&i.docs)
                        ),
                        ActionMember::AnyInput(_) => "input ..".into(),
                        ActionMember::Output(o) => {
                            format!("output {}: {}{}", name(&o.name), ty(&o.ty), docs(&o.docs))
                        }
                        ActionMember::Error(_) => "<error>".into(),
                    };
                    self.line(1, &s);
                }
            }
            Item::Error(_) => self.line(0, "<error>"),
        }
    }

    fn doc_item(&mut self, depth: usize, it: &DocItem) {
        let s = match it {
            DocItem::Schema(s) => format!("schema {}", string(s)),
            DocItem::AssumeRole(e) => format!("assume_role {}", expr(e)),
            DocItem::Description(s) => format!("description {}", string(s)),
            DocItem::Defaults(d) => format!(
                "defaults [{}]",
                d.clauses.iter().map(clause).collect::<Vec<_>>().join(", ")
            ),
            DocItem::Raw(m) => format!("raw {}", map(m)),
            DocItem::Param(p) => format!(
                "param {}: {}{}{}{}{}",
                name(&p.name),
                ty(&p.ty),
                if p.secret.is_some() { " secret" } else { "" },
                p.default
                    .as_ref()
                    .map(|e| format!(" = {}", expr(e)))
                    .unwrap_or_default(),
                p.attrs
                    .as_ref()
                    .map(|m| format!(" {}", map(m)))
                    .unwrap_or_default(),
                docs(&p.docs)
            ),
            DocItem::Var(v) => format!(
                "var {}: {}{}{}{}",
                name(&v.name),
                ty(&v.ty),
                v.default
                    .as_ref()
                    .map(|e| format!(" = {}", expr(e)))
                    .unwrap_or_default(),
                v.attrs
                    .as_ref()
                    .map(|m| format!(" {}", map(m)))
                    .unwrap_or_default(),
                docs(&v.docs)
            ),
            DocItem::Files(m) => format!("files {}", map(m)),
            DocItem::Tags(m) => format!("tags {}", map(m)),
            DocItem::Attachment(a) => {
                format!("attachment {} = {}", string(&a.name), expr(&a.value))
            }
            DocItem::Outputs(o) => format!(
                "outputs [{}]",
                o.entries.iter().map(expr).collect::<Vec<_>>().join(", ")
            ),
            DocItem::Plugin(p) => {
                format!("plugin {} {}{}", p.action.text, map(&p.body), docs(&p.docs))
            }
            DocItem::Step(s) => return self.step(depth, s),
            DocItem::Error(_) => "<error>".into(),
        };
        self.line(depth, &s);
    }

    fn block(&mut self, depth: usize, b: &Block) {
        for s in &b.steps {
            self.step(depth, s);
        }
        for _ in &b.errors {
            self.line(depth, "<error>");
        }
    }

    fn arm(&mut self, depth: usize, head: &str, a: &IfArm) {
        match a {
            IfArm::Block(b) => {
                self.line(depth, head);
                self.block(depth + 1, b);
            }
            IfArm::Goto { target, .. } => {
                self.line(depth, &format!("{head} goto {}", name(target)))
            }
        }
    }

    fn step(&mut self, depth: usize, s: &Step) {
        let head = match &s.name {
            Some(n) => format!("step {} =", name(n)),
            None => "(unnamed)".to_string(),
        };
        let clauses = if s.clauses.is_empty() {
            String::new()
        } else {
            format!(
                " | {}",
                s.clauses.iter().map(clause).collect::<Vec<_>>().join(", ")
            )
        };
        let d = docs(&s.docs);
        match &s.body {
            StepBody::Action(a) => {
                let pre = match &a.precondition {
                    None => String::new(),
                    Some(Precondition::Platform { platform, .. }) => {
                        format!(" when platform {}", name(platform))
                    }
                    Some(Precondition::Equals { left, right, .. }) => {
                        format!(" when {} == {}", expr(left), expr(right))
                    }
                    Some(Precondition::Raw(m)) => format!(" when raw {}", map(m)),
                };
                self.line(
                    depth,
                    &format!(
                        "{head} {}{pre}{}{clauses}{d}",
                        a.action.text,
                        a.inputs
                            .as_ref()
                            .map_or_else(String::new, |m| format!(" {}", map(m)))
                    ),
                );
                if let Some(b) = &a.loop_body {
                    self.line(depth + 1, "do");
                    self.block(depth + 2, b);
                }
            }
            StepBody::Branch(b) => {
                self.line(depth, &format!("{head} branch{clauses}{d}"));
                for c in &b.choices {
                    let raw = c
                        .raw
                        .as_ref()
                        .map(|m| format!(" raw {}", map(m)))
                        .unwrap_or_default();
                    self.line(
                        depth + 1,
                        &format!("when {} -> {}{raw}", cond(&c.condition), name(&c.target)),
                    );
                }
                if let Some(t) = &b.default {
                    self.line(depth + 1, &format!("else -> {}", name(t)));
                }
            }
            StepBody::If(i) => {
                self.line(
                    depth,
                    &format!("{head} if {}{clauses}{d}", cond(&i.condition)),
                );
                self.arm(depth + 1, "then", &i.then_block);
                for (c, a) in &i.else_ifs {
                    self.arm(depth + 1, &format!("else if {}", cond(c)), a);
                }
                match &i.else_arm {
                    None => {}
                    Some(ElseArm::End(_)) => self.line(depth + 1, "else end"),
                    Some(ElseArm::Arm(a)) => self.arm(depth + 1, "else", a),
                }
            }
            StepBody::Guard(g) => {
                let other = match &g.otherwise {
                    GuardElse::End(_) => "end".to_string(),
                    GuardElse::Goto(n) => format!("goto {}", name(n)),
                };
                self.line(
                    depth,
                    &format!(
                        "{head} guard {} else {other}{clauses}{d}",
                        cond(&g.condition)
                    ),
                );
            }
            StepBody::Match(m) => {
                self.line(
                    depth,
                    &format!("{head} match {}{clauses}{d}", expr(&m.subject)),
                );
                for (v, t) in &m.arms {
                    self.line(depth + 1, &format!("{} -> {}", expr(v), name(t)));
                }
                if let Some(t) = &m.default {
                    self.line(depth + 1, &format!("else -> {}", name(t)));
                }
            }
            StepBody::Error(_) => self.line(depth, &format!("{head} <error>{clauses}")),
        }
    }
}

/// Runs `python3 ARGS` for a script that needs PyYAML and returns its output
/// when it succeeded. Under CI a failure fails the test (CI installs PyYAML);
/// elsewhere the test is skipped with the reason, so a machine without
/// PyYAML can still run the rest.
pub fn python_with_pyyaml(args: &[String]) -> Option<std::process::Output> {
    let why = match std::process::Command::new("python3").args(args).output() {
        Ok(o) if o.status.success() => return Some(o),
        Ok(o) => String::from_utf8_lossy(&o.stderr).into_owned(),
        Err(e) => e.to_string(),
    };
    assert!(
        std::env::var_os("CI").is_none(),
        "python3 with PyYAML is needed under CI: {why}"
    );
    eprintln!("skipped: python3 with PyYAML is not available ({why})");
    None
}
