//! Step clauses and the document devices that fill them in.
//!
//! `Props` is a step's clause set lowered to AWS keys. `defaults { }` fills
//! its props into every non-branch step (at every depth) that does not
//! already produce the key; `@explicit_next` gives a `nextStep` to every
//! non-branch step that would fall through to the next listed step.

use super::Lowerer;
use crate::diagnostic::Diagnostic;
use crate::model::{Key, Node, Step, Value};
use crate::span::Span;
use crate::syntax::ast::{Clause, Defaults, ExprKind, FlowTarget};

/// The AWS step properties a clause list produces.
#[derive(Debug, Default, Clone)]
pub(super) struct Props {
    pub next_step: Option<Node>,
    pub is_end: Option<Node>,
    pub on_failure: Option<Node>,
    pub on_cancel: Option<Node>,
    pub timeout_seconds: Option<Node>,
    pub max_attempts: Option<Node>,
    pub is_critical: Option<Node>,
    pub outputs: Option<Node>,
    pub description: Option<Node>,
    pub extra: Vec<(Key, Node)>,
}

fn slot<'a>(
    slot: &'a mut Option<Node>,
    span: Span,
    name: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<&'a mut Option<Node>> {
    if let Some(first) = slot {
        diags.push(
            Diagnostic::error(
                crate::lower::codes::DUPLICATE_CLAUSE,
                span,
                format!("`{name}` is written twice for this step"),
            )
            .with_label("second time here")
            .with_secondary(first.span, "first here")
            .with_help("each clause appears at most once per step"),
        );
        return None;
    }
    Some(slot)
}

impl Lowerer<'_> {
    /// Lowers a clause list. `allow_flow` is false for `if`/`guard`/`match`,
    /// which take no `goto`/`end` (they would set dead keys).
    pub(super) fn clauses(&mut self, clauses: &[Clause], allow_flow: bool) -> Props {
        let mut p = Props::default();
        for clause in clauses {
            let span = clause.span();
            match clause {
                Clause::Goto { .. } | Clause::End { .. } if !allow_flow => {
                    self.diags.push(
                        Diagnostic::error(crate::lower::codes::FLOW_ON_STRUCTURED, span, "`if`, `guard` and `match` take no `goto` or `end`")
                            .with_label("not allowed here")
                            .with_help("write this branch as a flat `step B = branch { … }` to set `nextStep` or `isEnd` on it"),
                    );
                }
                Clause::Goto { target, .. } => {
                    if let Some(s) = slot(&mut p.next_step, span, "goto", &mut self.diags) {
                        *s = Some(Node::string(target.text.clone(), target.span));
                    }
                }
                Clause::End { value, .. } => {
                    let node = match value {
                        None => Node::new(Value::Bool(true), span),
                        Some(e) => self.literal_clause_value(e, "end", "a boolean"),
                    };
                    if let Some(s) = slot(&mut p.is_end, span, "end", &mut self.diags) {
                        *s = Some(node);
                    }
                }
                Clause::OnFailure { target, .. } => {
                    let node = self.flow_target(target, span, true);
                    if let Some(s) = slot(&mut p.on_failure, span, "on_failure", &mut self.diags) {
                        *s = Some(node);
                    }
                }
                Clause::OnCancel { target, .. } => {
                    let node = self.flow_target(target, span, false);
                    if let Some(s) = slot(&mut p.on_cancel, span, "on_cancel", &mut self.diags) {
                        *s = Some(node);
                    }
                }
                Clause::Timeout { value, .. } => {
                    let node = self.literal_clause_value(
                        value,
                        "timeout",
                        "a duration or a number of seconds",
                    );
                    if let Some(s) = slot(&mut p.timeout_seconds, span, "timeout", &mut self.diags)
                    {
                        *s = Some(node);
                    }
                }
                Clause::Attempts { value, .. } => {
                    let node = self.literal_clause_value(value, "attempts", "an integer");
                    if let Some(s) = slot(&mut p.max_attempts, span, "attempts", &mut self.diags) {
                        *s = Some(node);
                    }
                }
                Clause::Critical { value, .. } => {
                    let node = self.literal_clause_value(value, "critical", "a boolean");
                    if let Some(s) = slot(&mut p.is_critical, span, "critical", &mut self.diags) {
                        *s = Some(node);
                    }
                }
                Clause::Outputs { outputs, .. } => {
                    let list = outputs
                        .iter()
                        .map(|o| {
                            let mut entries = vec![
                                (
                                    key("Name", o.name.span),
                                    Node::string(o.name.text.clone(), o.name.span),
                                ),
                                (
                                    key("Selector", o.selector.span),
                                    self.expr(&o.selector, None),
                                ),
                            ];
                            if let Some(ty) = &o.ty {
                                entries.push((
                                    key("Type", ty.span),
                                    Node::string(ty.text.clone(), ty.span),
                                ));
                            }
                            Node::new(Value::Map(entries), o.span)
                        })
                        .collect();
                    if let Some(s) = slot(&mut p.outputs, span, "outputs", &mut self.diags) {
                        *s = Some(Node::new(Value::List(list), span));
                    }
                }
                Clause::Description { text, .. } => {
                    if let Some(s) = slot(&mut p.description, span, "description", &mut self.diags)
                    {
                        *s = Some(Node::string(text.value.clone(), text.span));
                    }
                }
                Clause::Raw(map) => {
                    if let Value::Map(entries) = self.map(map).value {
                        for (k, v) in entries {
                            self.raw_step_key(&mut p, k, v);
                        }
                    }
                }
            }
        }
        p
    }

    fn raw_step_key(&mut self, p: &mut Props, k: Key, v: Node) {
        const FLOW_KEYS: &[&str] = &["nextStep", "onFailure", "onCancel", "Choices", "Default"];
        const TYPED: &[(&str, &str)] = &[
            ("isEnd", "end"),
            ("timeoutSeconds", "timeout"),
            ("maxAttempts", "attempts"),
            ("isCritical", "critical"),
            ("outputs", "outputs"),
            ("description", "description"),
            ("name", "step Name ="),
            ("action", "step Name = aws:…"),
            ("inputs", "the step body"),
            ("precondition", "when"),
        ];
        if FLOW_KEYS.contains(&k.name.as_str()) {
            self.diags.push(
                Diagnostic::error(crate::lower::codes::RAW_FLOW_KEY, k.span, format!("`raw` may not set `{}`", k.name))
                    .with_label("a flow key")
                    .with_help("flow keys always have a typed form (`goto`, `on_failure`, `on_cancel`, `branch`), so the checker and rename see every step name"),
            );
            return;
        }
        let produced = match k.name.as_str() {
            "isEnd" => p.is_end.is_some(),
            "timeoutSeconds" => p.timeout_seconds.is_some(),
            "maxAttempts" => p.max_attempts.is_some(),
            "isCritical" => p.is_critical.is_some(),
            "outputs" => p.outputs.is_some(),
            "description" => p.description.is_some(),
            "name" | "action" | "inputs" => true,
            _ => false,
        };
        if produced || p.extra.iter().any(|(e, _)| e.name == k.name) {
            let clause = TYPED
                .iter()
                .find(|(n, _)| *n == k.name)
                .map_or("another `raw` entry", |(_, c)| c);
            self.diags.push(
                Diagnostic::error(
                    crate::lower::codes::RAW_SETS_PRODUCED_KEY,
                    k.span,
                    format!("`raw` sets `{}`, which the step already produces", k.name),
                )
                .with_label("set twice")
                .with_help(format!("it is already set by {clause}; keep one")),
            );
            return;
        }
        p.extra.push((k, v));
    }

    /// A clause value: the clause's canonical JSON type, or a string literal
    /// emitted verbatim with a warning (AWS accepts `"600"`, `"true"`).
    fn literal_clause_value(
        &mut self,
        e: &crate::syntax::ast::Expr,
        clause: &str,
        expected: &str,
    ) -> Node {
        let ok = matches!(
            (clause, &e.kind),
            ("end" | "critical", ExprKind::Bool(_))
                | ("timeout", ExprKind::Int(_) | ExprKind::Duration { .. })
                | ("attempts", ExprKind::Int(_))
        );
        if !ok {
            if matches!(e.kind, ExprKind::String(_)) {
                self.diags.push(
                    Diagnostic::warning(
                        crate::lower::codes::CLAUSE_AS_STRING,
                        e.span,
                        format!("`{clause}` given as a string"),
                    )
                    .with_label("emitted verbatim as a string")
                    .with_help(format!("AWS accepts it, but `{clause}` expects {expected}")),
                );
            } else {
                self.diags.push(
                    Diagnostic::error(
                        crate::lower::codes::BAD_CLAUSE_VALUE,
                        e.span,
                        format!("`{clause}` expects {expected}"),
                    )
                    .with_label(format!("found {}", describe(&e.kind)))
                    .with_help(format!("for example `{}`", example(clause))),
                );
            }
        }
        self.expr(e, None)
    }

    fn flow_target(&mut self, target: &FlowTarget, span: Span, failure: bool) -> Node {
        match target {
            FlowTarget::Abort(s) => Node::string("Abort", *s),
            FlowTarget::Continue(s) => {
                if !failure {
                    self.diags.push(
                        Diagnostic::error(crate::lower::codes::ON_CANCEL_CONTINUE, *s, "`on_cancel` cannot continue")
                            .with_label("not an onCancel value")
                            .with_help("AWS accepts `Abort` or `step:<name>` for onCancel: write `on_cancel abort` or `on_cancel goto Step`"),
                    );
                }
                Node::string("Continue", *s)
            }
            FlowTarget::Goto(name) => Node::string(format!("step:{}", name.text), name.span),
            FlowTarget::Literal(s) => {
                self.diags.push(
                    Diagnostic::warning(
                        crate::lower::codes::FLOW_TARGET_AS_STRING,
                        s.span,
                        "flow target given as a string",
                    )
                    .with_label("emitted verbatim")
                    .with_help(
                        "write `abort`, `continue` or `goto Step` so the checker can follow it",
                    ),
                );
                let _ = span;
                Node::string(s.value.clone(), s.span)
            }
        }
    }

    /// `defaults { … }`: fill its clauses into every non-branch step lacking them.
    pub(super) fn apply_defaults(&mut self, steps: &mut [Step], defaults: &Defaults) {
        for clause in &defaults.clauses {
            if matches!(
                clause,
                Clause::Goto { .. }
                    | Clause::End { .. }
                    | Clause::Outputs { .. }
                    | Clause::Description { .. }
            ) {
                self.diags.push(
                    Diagnostic::error(crate::lower::codes::BAD_DEFAULT_CLAUSE, clause.span(), "this clause cannot be a default")
                        .with_label("not allowed in `defaults`")
                        .with_help("`defaults` takes on_failure, on_cancel, timeout, attempts, critical and raw"),
                );
            }
        }
        let props = self.clauses(&defaults.clauses, true);
        if let Some(timeout) = &props.timeout_seconds {
            self.warn_default_timeout_on_loops(steps, timeout);
        }
        fill(steps, &props, self.catalog);
    }

    /// A `defaults` timeout reaches `aws:loop` steps too, where it bounds the
    /// whole loop, every iteration together, not one step: a default meant
    /// for steps cuts a loop short without a word. W0204 on each loop that
    /// would get it (one without its own timeout).
    fn warn_default_timeout_on_loops(&mut self, steps: &[Step], timeout: &Node) {
        for step in steps {
            let Some(body) = &step.loop_steps else {
                continue;
            };
            let own = step.timeout_seconds.is_some()
                || step.extra.iter().any(|(k, _)| k.name == "timeoutSeconds");
            if !own {
                let seconds = match &timeout.value {
                    Value::Int(n) => format!("{n} s"),
                    _ => "the default".to_string(),
                };
                self.diags.push(
                    Diagnostic::warning(
                        crate::lower::codes::DEFAULT_TIMEOUT_ON_LOOP,
                        step.name.span,
                        format!(
                            "the default timeout ({seconds}) also bounds loop `{}` as a whole, all its iterations together",
                            step.name_str()
                        ),
                    )
                    .with_label("this loop gets the default timeout")
                    .with_secondary(timeout.span, "the default set here")
                    .with_help("give the loop its own `timeout`, long enough for every iteration"),
                );
            }
            self.warn_default_timeout_on_loops(body, timeout);
        }
    }
}

fn fill(steps: &mut [Step], props: &Props, catalog: &crate::catalog::Catalog) {
    for step in steps.iter_mut() {
        if step.action_str() != "aws:branch" {
            let sig = catalog.action(step.action_str());
            let no_cancel = sig.is_some_and(|s| s.attrs.iter().any(|a| a == "no_on_cancel"));
            fill_slot(
                &mut step.on_failure,
                props.on_failure.as_ref(),
                &step.extra,
                "onFailure",
            );
            if !no_cancel {
                fill_slot(
                    &mut step.on_cancel,
                    props.on_cancel.as_ref(),
                    &step.extra,
                    "onCancel",
                );
            }
            fill_slot(
                &mut step.timeout_seconds,
                props.timeout_seconds.as_ref(),
                &step.extra,
                "timeoutSeconds",
            );
            fill_slot(
                &mut step.max_attempts,
                props.max_attempts.as_ref(),
                &step.extra,
                "maxAttempts",
            );
            fill_slot(
                &mut step.is_critical,
                props.is_critical.as_ref(),
                &step.extra,
                "isCritical",
            );
            for (k, v) in &props.extra {
                if !step.extra.iter().any(|(e, _)| e.name == k.name) {
                    step.extra.push((k.clone(), v.clone()));
                }
            }
        }
        if let Some(body) = &mut step.loop_steps {
            fill(body, props, catalog);
        }
    }
}

fn fill_slot(slot: &mut Option<Node>, value: Option<&Node>, extra: &[(Key, Node)], key: &str) {
    if slot.is_none() && !extra.iter().any(|(k, _)| k.name == key) {
        if let Some(v) = value {
            *slot = Some(v.clone());
        }
    }
}

/// `@explicit_next`: every non-branch step that falls through to the next
/// listed step gets that step as its `nextStep` (also inside loop bodies).
pub(super) fn explicit_next(steps: &mut [Step]) {
    let names: Vec<(String, Span)> = steps
        .iter()
        .map(|s| (s.name_str().to_string(), s.name.span))
        .collect();
    for (i, step) in steps.iter_mut().enumerate() {
        if let Some(body) = &mut step.loop_steps {
            explicit_next(body);
        }
        let ends = step
            .is_end
            .as_ref()
            .is_some_and(|n| n.value == Value::Bool(true));
        if step.action_str() == "aws:branch" || step.next_step.is_some() || ends {
            continue;
        }
        if let Some((next, span)) = names.get(i + 1) {
            step.next_step = Some(Node::string(next.clone(), *span));
        }
    }
}

fn key(name: &str, span: Span) -> Key {
    Key {
        name: name.to_string(),
        span,
    }
}

fn describe(kind: &ExprKind) -> &'static str {
    match kind {
        ExprKind::Null => "null",
        ExprKind::Bool(_) => "a boolean",
        ExprKind::Int(_) => "an integer",
        ExprKind::Float { .. } => "a number with a fraction",
        ExprKind::Duration { .. } => "a duration",
        ExprKind::String(_) => "a string",
        ExprKind::List(_) | ExprKind::Lines(_) => "a list",
        ExprKind::Map(_) => "a map",
        ExprKind::Ref(_) => "a reference",
        ExprKind::Call { .. } => "a function call",
        ExprKind::Cond(_) => "a condition",
        ExprKind::Error => "an error",
    }
}

fn example(clause: &str) -> &'static str {
    match clause {
        "timeout" => "timeout 10m",
        "attempts" => "attempts 3",
        "critical" => "critical false",
        _ => "end",
    }
}
