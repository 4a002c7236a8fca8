//! The flat form: every key of a document as `.rbk` syntax, 1:1 and in order.
//!
//! Input: a [`model::Document`]. Output: an [`ast::Document`] whose steps are
//! action steps and flat `branch` steps with explicit `goto`/`end` clauses, a
//! clause for each step property whose value has the clause's JSON type, and
//! one `raw { }` for every other key.
//! Invariant: lowering the result gives back the document (the folds in
//! [`super::fold`] and devices in [`super::devices`] start from this form and
//! are kept only where a lowering check confirms them). What cannot be said
//! at all (a step name that is not `[A-Za-z0-9_]+`, a non-string `nextStep`)
//! is reported as an error.

use super::cond::{cond, is_condition_key, raw_cond, Types};
use super::names::{self, document_name, sp};
use super::text::{doc_comment_ok, quoted, string_lit};
use super::value::{expr, map_lit, mk, Refs, ValueCx, MAX_DEPTH};
use crate::diagnostic::Diagnostic;
use crate::model::{self, DocKind, Key, Node, Value};
use crate::span::Span;
use crate::syntax::ast::{
    self, ActionName, ActionStep, Block, BranchChoice, BranchStep, Clause, DocComment, DocItem,
    ExprKind, FlowTarget, MapLit, OutputDecl, Precondition, StepBody, TypeExpr,
};

pub(crate) struct Cx<'a> {
    pub kind: DocKind,
    /// Declared parameter and variable types (see [`super::cond::Types`]).
    pub types: Vec<(String, String)>,
    pub diags: &'a mut Vec<Diagnostic>,
}

impl Cx<'_> {
    fn value(&mut self, node: &Node, refs: Refs) -> ast::Expr {
        expr(
            node,
            &mut ValueCx {
                refs,
                diags: self.diags,
            },
        )
    }

    fn map(&mut self, entries: &[(Key, Node)], refs: Refs) -> MapLit {
        map_lit(
            entries,
            &mut ValueCx {
                refs,
                diags: self.diags,
            },
        )
    }

    fn error(&mut self, span: Span, message: String, label: &str, help: &str) {
        self.diags.push(
            Diagnostic::error(crate::import::codes::NOT_IMPORTABLE, span, message)
                .with_label(label)
                .with_help(help),
        );
    }
}

fn doc_comment(text: &str) -> DocComment {
    DocComment {
        text: text.to_string(),
        span: sp(),
    }
}

/// `description` as a `///` comment when that is exact, else `None`.
fn docs_for(description: Option<&Node>) -> Option<DocComment> {
    description
        .and_then(Node::as_str)
        .filter(|t| doc_comment_ok(t))
        .map(doc_comment)
}

fn default_schema(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Automation => "0.3",
        DocKind::Command => "2.2",
    }
}

pub(crate) fn document(doc: &model::Document, cx: &mut Cx<'_>) -> ast::Document {
    cx.types = super::declared_types(doc);
    let mut items = Vec::new();
    let mut raw: Vec<(Key, Node)> = Vec::new();
    let raw_key = |name: &str| Key {
        name: name.to_string(),
        span: sp(),
    };

    match doc.schema_version.as_str() {
        Some(s) if s == default_schema(doc.kind) => {}
        Some(s) => items.push(DocItem::Schema(quoted(s))),
        None => cx.error(
            doc.schema_version.span,
            "`schemaVersion` is not a string".to_string(),
            "expected \"0.3\", \"2.2\", \"2.0\" or \"1.2\"",
            "write the schema version as a string",
        ),
    }
    if let Some(role) = &doc.assume_role {
        items.push(DocItem::AssumeRole(cx.value(role, Refs::Bare)));
    }
    let docs = match &doc.description {
        Some(d) => match d.as_str() {
            Some(t) if doc_comment_ok(t) => Some(doc_comment(t)),
            Some(t) => {
                items.push(DocItem::Description(quoted(t)));
                None
            }
            None => {
                raw.push((raw_key("description"), d.clone()));
                None
            }
        },
        None => None,
    };
    match &doc.parameters {
        Some(ps) if ps.is_empty() => raw.push((raw_key("parameters"), empty_map())),
        Some(ps) => {
            for p in ps {
                if let Some(param) = parameter(p, cx) {
                    items.push(DocItem::Param(param));
                }
            }
        }
        None => {}
    }
    match &doc.variables {
        Some(vs) if vs.is_empty() => raw.push((raw_key("variables"), empty_map())),
        Some(vs) => {
            for v in vs {
                if let Some(var) = variable(v, cx) {
                    items.push(DocItem::Var(var));
                }
            }
        }
        None => {}
    }
    if let Some(files) = &doc.files {
        match files.as_map() {
            Some(entries) => items.push(DocItem::Files(cx.map(entries, Refs::Verbatim))),
            None => raw.push((raw_key("files"), files.clone())),
        }
    }
    if let Some(rc) = &doc.runtime_config {
        match rc.as_map() {
            Some(entries)
                if !entries.is_empty() && entries.iter().all(|(_, v)| v.as_map().is_some()) =>
            {
                for (k, v) in entries {
                    items.push(DocItem::Plugin(ast::Plugin {
                        docs: None,
                        action: ActionName {
                            text: k.name.clone(),
                            span: sp(),
                        },
                        body: cx.map(v.as_map().unwrap_or_default(), Refs::Bare),
                        span: sp(),
                    }));
                }
            }
            _ => raw.push((raw_key("runtimeConfig"), rc.clone())),
        }
    }
    match &doc.steps {
        Some(steps) if steps.is_empty() => raw.push((raw_key("mainSteps"), empty_list())),
        Some(steps) => {
            for s in steps {
                items.push(DocItem::Step(step(s, cx, 0)));
            }
        }
        None => {}
    }
    if let Some(outputs) = &doc.outputs {
        match doc_outputs(outputs) {
            Some(list) => items.push(DocItem::Outputs(list)),
            None => raw.push((raw_key("outputs"), outputs.clone())),
        }
    }
    raw.extend(doc.extra.iter().cloned());
    if !raw.is_empty() {
        // A header item: before the first statement, after schema/role/description.
        let at = items
            .iter()
            .position(|i| {
                !matches!(
                    i,
                    DocItem::Schema(_) | DocItem::AssumeRole(_) | DocItem::Description(_)
                )
            })
            .unwrap_or(items.len());
        items.insert(at, DocItem::Raw(cx.map(&raw, Refs::Verbatim)));
    }

    ast::Document {
        docs,
        attrs: Vec::new(),
        kind: match doc.kind {
            DocKind::Automation => ast::DocKind::Automation,
            DocKind::Command => ast::DocKind::Command,
        },
        kind_span: sp(),
        name: document_name(&doc.name),
        items,
        span: sp(),
    }
}

fn empty_map() -> Node {
    Node::new(Value::Map(Vec::new()), sp())
}

fn empty_list() -> Node {
    Node::new(Value::List(Vec::new()), sp())
}

/// `outputs [S.O, …]` when every entry is a `"Step.Output"` string.
fn doc_outputs(outputs: &Node) -> Option<ast::OutputsList> {
    let entries = outputs
        .as_list()?
        .iter()
        .map(|o| {
            let (step, out) = o.as_str()?.split_once('.')?;
            Some(mk(ExprKind::Ref(ast::Reference {
                parts: vec![names::name(step)?, names::name(out)?],
                span: sp(),
            })))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(ast::OutputsList {
        entries,
        span: sp(),
    })
}

/// The type as written: bare for `Ident(::Ident)*` and `List<…>`, else quoted.
fn type_expr(text: &str) -> TypeExpr {
    fn path_ok(t: &str) -> bool {
        t.split("::").all(names::is_ident)
    }
    let bare = path_ok(text)
        || text
            .strip_prefix("List<")
            .and_then(|t| t.strip_suffix('>'))
            .is_some_and(path_ok);
    TypeExpr {
        text: text.to_string(),
        quoted: !bare,
        span: sp(),
    }
}

/// Name, type, doc comment and attribute map shared by parameters and variables.
struct ParamParts {
    docs: Option<DocComment>,
    name: ast::Name,
    ty: TypeExpr,
    attrs: Option<MapLit>,
}

/// The default the build would change (`"5"` for an Integer, see
/// `lower::aws_form`): written as `raw: { default: … }` so it stays as it is.
fn verbatim_default(p: &model::Parameter) -> Option<&Node> {
    let ty = p.ty.as_ref().and_then(Node::as_str)?;
    p.default
        .as_ref()
        .filter(|d| crate::lower::aws_form::default_in_aws_form(ty, &d.value).is_some())
}

fn param_parts(p: &model::Parameter, cx: &mut Cx<'_>, what: &str) -> Option<ParamParts> {
    let Some(name) = names::name(&p.name.name) else {
        cx.error(
            p.name.span,
            format!("{what} name `{}` cannot be written", p.name.name),
            "names are letters, digits and `_`",
            "rename it",
        );
        return None;
    };
    let Some(ty) = p.ty.as_ref().and_then(Node::as_str) else {
        cx.error(
            p.span,
            format!("{what} `{}` has no string `type`", p.name.name),
            "no type",
            "add a `type` such as \"String\"",
        );
        return None;
    };
    let docs = docs_for(p.description.as_ref());
    let mut attrs: Vec<(Key, Node)> = Vec::new();
    if docs.is_none() {
        if let Some(d) = &p.description {
            attrs.push((
                Key {
                    name: "description".to_string(),
                    span: sp(),
                },
                d.clone(),
            ));
        }
    }
    attrs.extend(p.attrs.iter().cloned());
    if let Some(default) = verbatim_default(p) {
        let key = |name: &str| Key {
            name: name.to_string(),
            span: sp(),
        };
        let entries = vec![(key("default"), default.clone())];
        attrs.push((key("raw"), Node::new(Value::Map(entries), sp())));
    }
    let attrs = if attrs.is_empty() {
        None
    } else {
        let mut map = cx.map(&attrs, Refs::Verbatim);
        // A string description is written as `description: "…"` (quoted), never a block.
        for e in &mut map.entries {
            if e.key.text == "description" {
                if let ExprKind::String(s) = &mut e.value.kind {
                    *s = quoted(&s.value);
                }
            }
        }
        Some(map)
    };
    Some(ParamParts {
        docs,
        name,
        ty: type_expr(ty),
        attrs,
    })
}

fn parameter(p: &model::Parameter, cx: &mut Cx<'_>) -> Option<ast::Param> {
    let parts = param_parts(p, cx, "parameter")?;
    let default = match verbatim_default(p) {
        Some(_) => None,
        None => p.default.as_ref().map(|d| cx.value(d, Refs::Verbatim)),
    };
    // A default that resolves a secret makes the parameter Secret (emitted
    // the same; it tells the checker where the value may flow).
    let secret = p
        .default
        .as_ref()
        .and_then(Node::as_str)
        .is_some_and(|d| d.contains("ssm-secure:") || d.contains("resolve:secretsmanager:"))
        .then(sp);
    Some(ast::Param {
        docs: parts.docs,
        name: parts.name,
        ty: parts.ty,
        secret,
        default,
        attrs: parts.attrs,
        span: sp(),
    })
}

fn variable(p: &model::Parameter, cx: &mut Cx<'_>) -> Option<ast::Var> {
    let parts = param_parts(p, cx, "variable")?;
    let default = match verbatim_default(p) {
        Some(_) => None,
        None => p.default.as_ref().map(|d| cx.value(d, Refs::Bare)),
    };
    Some(ast::Var {
        docs: parts.docs,
        name: parts.name,
        ty: parts.ty,
        default,
        attrs: parts.attrs,
        span: sp(),
    })
}

/// One step in the flat form.
pub(crate) fn step(s: &model::Step, cx: &mut Cx<'_>, depth: usize) -> ast::Step {
    let step_name = match s.name.as_str().and_then(names::name) {
        Some(n) => n,
        None => {
            cx.error(
                s.name.span,
                "step name cannot be written".to_string(),
                "step names are letters, digits and `_`",
                "rename the step",
            );
            names::name("invalid_name").expect("invariant: a valid name")
        }
    };
    let mut raw: Vec<(Key, Node)> = Vec::new();
    let raw_key = |name: &str| Key {
        name: name.to_string(),
        span: sp(),
    };
    let mut clauses = Vec::new();

    let docs = match &s.description {
        Some(d) => match d.as_str() {
            Some(t) if doc_comment_ok(t) => Some(doc_comment(t)),
            Some(t) => {
                clauses.push(Clause::Description {
                    text: quoted(t),
                    span: sp(),
                });
                None
            }
            None => {
                raw.push((raw_key("description"), d.clone()));
                None
            }
        },
        None => None,
    };

    let body = body(s, cx, &mut raw, depth);

    if let Some(v) = &s.on_failure {
        match flow_target(v, true) {
            Some(target) => clauses.push(Clause::OnFailure { target, span: sp() }),
            None => cx.error(
                v.span,
                "`onFailure` is not a string".to_string(),
                "expected \"Abort\", \"Continue\" or \"step:Name\"",
                "write it as a string",
            ),
        }
    }
    if let Some(v) = &s.on_cancel {
        match flow_target(v, false) {
            Some(target) => clauses.push(Clause::OnCancel { target, span: sp() }),
            None => cx.error(
                v.span,
                "`onCancel` is not a string".to_string(),
                "expected \"Abort\" or \"step:Name\"",
                "write it as a string",
            ),
        }
    }
    if let Some(v) = &s.timeout_seconds {
        match &v.value {
            Value::Int(n) => clauses.push(Clause::Timeout {
                value: timeout(*n),
                span: sp(),
            }),
            _ => raw.push((raw_key("timeoutSeconds"), v.clone())),
        }
    }
    if let Some(v) = &s.max_attempts {
        match &v.value {
            Value::Int(n) => clauses.push(Clause::Attempts {
                value: mk(ExprKind::Int(*n)),
                span: sp(),
            }),
            _ => raw.push((raw_key("maxAttempts"), v.clone())),
        }
    }
    if let Some(v) = &s.is_critical {
        match &v.value {
            Value::Bool(b) => clauses.push(Clause::Critical {
                value: mk(ExprKind::Bool(*b)),
                span: sp(),
            }),
            _ => raw.push((raw_key("isCritical"), v.clone())),
        }
    }
    if let Some(v) = &s.outputs {
        match step_outputs(v) {
            Some(outputs) => clauses.push(Clause::Outputs {
                outputs,
                span: sp(),
            }),
            None => raw.push((raw_key("outputs"), v.clone())),
        }
    }
    raw.extend(s.extra.iter().cloned());
    if !raw.is_empty() {
        clauses.push(Clause::Raw(cx.map(&raw, Refs::Verbatim)));
    }
    if let Some(v) = &s.next_step {
        match v.as_str().and_then(names::name) {
            Some(target) => clauses.push(Clause::Goto { target, span: sp() }),
            None => cx.error(
                v.span,
                "`nextStep` does not name a step".to_string(),
                "expected a step name",
                "write the name of a step",
            ),
        }
    }
    if let Some(v) = &s.is_end {
        match &v.value {
            Value::Bool(true) => clauses.push(Clause::End {
                value: None,
                span: sp(),
            }),
            Value::Bool(false) => clauses.push(Clause::End {
                value: Some(mk(ExprKind::Bool(false))),
                span: sp(),
            }),
            // `end "true"` would print on its own line and read oddly; raw says it plainly.
            _ => {
                let mut extra = vec![(raw_key("isEnd"), v.clone())];
                merge_raw(&mut clauses, &mut extra, cx);
            }
        }
    }

    ast::Step {
        docs,
        name: Some(step_name),
        body,
        clauses,
        span: sp(),
    }
}

/// Adds `extra` to the step's one `raw { }` clause (creating it when absent).
fn merge_raw(clauses: &mut Vec<Clause>, extra: &mut Vec<(Key, Node)>, cx: &mut Cx<'_>) {
    let more = cx.map(extra, Refs::Verbatim);
    extra.clear();
    for c in clauses.iter_mut() {
        if let Clause::Raw(map) = c {
            map.entries.extend(more.entries);
            return;
        }
    }
    let at = clauses
        .iter()
        .position(|c| matches!(c, Clause::Goto { .. } | Clause::End { .. }))
        .unwrap_or(clauses.len());
    clauses.insert(at, Clause::Raw(more));
}

/// `timeout 10m` / `2h` for whole minutes or hours, else the number of seconds.
fn timeout(n: i64) -> ast::Expr {
    let duration = |seconds: i64, text: String| {
        mk(ExprKind::Duration {
            seconds: u64::try_from(seconds).unwrap_or(0),
            text,
        })
    };
    if n > 0 && n % 3600 == 0 {
        duration(n, format!("{}h", n / 3600))
    } else if n > 0 && n % 60 == 0 {
        duration(n, format!("{}m", n / 60))
    } else {
        mk(ExprKind::Int(n))
    }
}

/// `on_failure`/`on_cancel` targets; an unusual string is kept as a literal.
fn flow_target(v: &Node, failure: bool) -> Option<FlowTarget> {
    let s = v.as_str()?;
    Some(match s {
        "Abort" => FlowTarget::Abort(sp()),
        "Continue" if failure => FlowTarget::Continue(sp()),
        _ => match s.strip_prefix("step:").and_then(names::name) {
            Some(n) => FlowTarget::Goto(n),
            None => FlowTarget::Literal(quoted(s)),
        },
    })
}

/// `outputs { N: Type = "$.sel" }` when every entry is `{Name, Selector[, Type]}` of strings.
fn step_outputs(v: &Node) -> Option<Vec<OutputDecl>> {
    v.as_list()?
        .iter()
        .map(|o| {
            let entries = o.as_map()?;
            let mut name = None;
            let mut selector = None;
            let mut ty = None;
            for (k, v) in entries {
                match k.name.as_str() {
                    "Name" if name.is_none() => name = Some(names::name(v.as_str()?)?),
                    "Selector" if selector.is_none() => {
                        selector = Some(mk(ExprKind::String(string_lit(v.as_str()?))));
                    }
                    "Type" if ty.is_none() => ty = Some(type_expr(v.as_str()?)),
                    _ => return None,
                }
            }
            Some(OutputDecl {
                docs: None,
                name: name?,
                ty,
                selector: selector?,
                span: sp(),
            })
        })
        .collect()
}

/// The step's body: a flat branch, or an action with its inputs (and loop body).
fn body(s: &model::Step, cx: &mut Cx<'_>, raw: &mut Vec<(Key, Node)>, depth: usize) -> StepBody {
    let action = s.action_str();
    if action == "aws:branch" && s.precondition.is_none() && s.loop_steps.is_none() {
        if let Some(branch) = s.inputs.as_ref().and_then(|i| branch(i, &cx.types)) {
            return StepBody::Branch(branch);
        }
    }
    if s.action.as_str().is_none() {
        cx.error(
            s.action.span,
            "`action` is not a string".to_string(),
            "expected an action name such as \"aws:runCommand\"",
            "write the action name as a string",
        );
    }
    let precondition = s.precondition.as_ref().and_then(|p| match cx.kind {
        DocKind::Command => Some(precondition(p, cx)),
        DocKind::Automation => {
            raw.push((
                Key {
                    name: "precondition".to_string(),
                    span: sp(),
                },
                p.clone(),
            ));
            None
        }
    });
    // A step without `inputs` stays without: `None` prints no `{ }`. A loop
    // keeps its `Steps` in `loop_steps`, so its inputs are a map even when
    // `Steps` was the only key.
    let mut inputs = match &s.inputs {
        Some(node) => match node.as_map() {
            Some(entries) => Some(cx.map(entries, Refs::Bare)),
            None => {
                raw.push((
                    Key {
                        name: "inputs".to_string(),
                        span: sp(),
                    },
                    node.clone(),
                ));
                None
            }
        },
        None => None,
    };
    let loop_body = s.loop_steps.as_ref().map(|steps| {
        if depth >= MAX_DEPTH {
            cx.error(
                s.span,
                "loops nested too deeply to import".to_string(),
                "more than 128 nested loops",
                "flatten the loops",
            );
            return Block {
                steps: Vec::new(),
                errors: Vec::new(),
                span: sp(),
            };
        }
        Block {
            steps: steps.iter().map(|b| step(b, cx, depth + 1)).collect(),
            errors: Vec::new(),
            span: sp(),
        }
    });
    if loop_body.is_some() {
        // The model keeps a loop's `Steps` out of `inputs`; a while-loop's
        // condition reads best as a condition.
        let inputs = inputs.get_or_insert_with(empty_map_lit);
        inputs.entries.retain(|e| e.key.text != "Steps");
        for e in &mut inputs.entries {
            if e.key.text == "LoopCondition" {
                if let Some(c) = s
                    .inputs
                    .as_ref()
                    .and_then(|i| i.get("LoopCondition"))
                    .and_then(Node::as_map)
                    .and_then(|m| cond(m, &cx.types, 0))
                {
                    e.value = mk(ExprKind::Cond(Box::new(c)));
                }
            }
        }
    }
    StepBody::Action(ActionStep {
        action: ActionName {
            text: action.to_string(),
            span: sp(),
        },
        precondition,
        inputs,
        loop_body,
    })
}

fn empty_map_lit() -> MapLit {
    MapLit {
        entries: Vec::new(),
        span: sp(),
    }
}

/// `when platform linux` / `when A == B` / `when raw { … }`.
fn precondition(p: &Node, cx: &mut Cx<'_>) -> Precondition {
    if let Some([(k, v)]) = p.as_map() {
        if k.name == "StringEquals" {
            if let Some([a, b]) = v.as_list() {
                if let (Some(a), Some(b)) = (a.as_str(), b.as_str()) {
                    let platform = match (a, b) {
                        ("platformType", "Linux") => Some("linux"),
                        ("platformType", "Windows") => Some("windows"),
                        ("platformType", "MacOS") => Some("macos"),
                        _ => None,
                    };
                    return match platform {
                        Some(word) => Precondition::Platform {
                            platform: ast::Name {
                                text: word.to_string(),
                                span: sp(),
                                escaped: false,
                            },
                            span: sp(),
                        },
                        None => Precondition::Equals {
                            left: super::value::string_expr(a, Refs::Bare),
                            right: super::value::string_expr(b, Refs::Bare),
                            span: sp(),
                        },
                    };
                }
            }
        }
    }
    match p.as_map() {
        Some(entries) => Precondition::Raw(cx.map(entries, Refs::Verbatim)),
        None => {
            cx.error(
                p.span,
                "`precondition` is not a map".to_string(),
                "expected `{ StringEquals: [platformType, Linux] }`",
                "write the precondition as a map",
            );
            Precondition::Raw(empty_map_lit())
        }
    }
}

/// A flat `branch { when C -> X … else -> Y }` when the inputs are exactly
/// `Choices` (a list of maps with a string `NextStep`) and an optional string `Default`.
fn branch(inputs: &Node, types: &Types) -> Option<BranchStep> {
    let mut choices = None;
    let mut default = None;
    for (k, v) in inputs.as_map()? {
        match k.name.as_str() {
            "Choices" if choices.is_none() => {
                choices = Some(
                    v.as_list()?
                        .iter()
                        .map(|c| choice(c, types))
                        .collect::<Option<Vec<_>>>()?,
                );
            }
            "Default" if default.is_none() => default = Some(names::name(v.as_str()?)?),
            _ => return None,
        }
    }
    Some(BranchStep {
        choices: choices?,
        default,
        span: sp(),
    })
}

fn choice(c: &Node, types: &Types) -> Option<BranchChoice> {
    let entries = c.as_map()?;
    let mut target = None;
    let mut condition: Vec<(Key, Node)> = Vec::new();
    let mut extra: Vec<(Key, Node)> = Vec::new();
    for (k, v) in entries {
        if k.name == "NextStep" {
            if target.is_some() {
                return None;
            }
            target = Some(names::name(v.as_str()?)?);
        } else if is_condition_key(&k.name) {
            condition.push((k.clone(), v.clone()));
        } else {
            extra.push((k.clone(), v.clone()));
        }
    }
    let (condition, raw) = match cond(&condition, types, 0) {
        Some(c) => (c, extra),
        None => {
            let all: Vec<(Key, Node)> = entries
                .iter()
                .filter(|(k, _)| k.name != "NextStep")
                .cloned()
                .collect();
            (raw_cond(&all), Vec::new())
        }
    };
    let raw = if raw.is_empty() {
        None
    } else {
        let mut diags = Vec::new();
        Some(map_lit(
            &raw,
            &mut ValueCx {
                refs: Refs::Verbatim,
                diags: &mut diags,
            },
        ))
    };
    Some(BranchChoice {
        condition,
        target: target?,
        raw,
        span: sp(),
    })
}
