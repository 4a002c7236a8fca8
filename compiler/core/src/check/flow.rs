//! The control-flow graph of a document, and the flow checks over it.
//!
//! Input: a [`Document`]. Output: a [`FlowGraph`] whose nodes are the steps
//! (loop bodies included, in document order: a loop step, then its body) and
//! whose edges are every way control moves between them, plus the flow
//! diagnostics (dangling targets, jumps into loop bodies, unreachable steps,
//! cycles with no exit, branches without `Default`, `nextStep` beside
//! `isEnd: true`). `ssmc graph` reuses the graph.
//!
//! Semantics (AWS documents it only in part; these follow its own runbooks):
//! - a step runs `nextStep` if it has one; else `isEnd: true` ends the
//!   automation (inside a loop body: ends the iteration, back to the loop);
//!   else it falls through to the next step of its list; off the end of the
//!   main steps the automation ends, off the end of a body control returns to
//!   the loop step;
//! - an `aws:branch` goes to a choice's `NextStep` or to `Default`; with no
//!   `Default` it continues as any other step would;
//! - an `aws:loop` enters its body (`LoopBody`) or leaves (`LoopExit`, along
//!   its own `nextStep`/fall-through);
//! - `onFailure`/`onCancel: step:X` add failure edges;
//! - jumps may leave a loop body for an enclosing list, never enter a body;
//! - a schema 1.0/1.2 Command document (no `mainSteps`) runs its
//!   `runtimeConfig` plugins in order: one node per plugin.
//!
//! Invariant: edges only name existing nodes; a dangling target is reported
//! and left out of the graph.

use std::collections::{HashMap, HashSet};

use crate::check::codes;
use crate::check::{shares_enough, suggest_among};
use crate::diagnostic::Diagnostic;
use crate::model::{DocKind, Document, Node, Step, Value};
use crate::similar::Names;
use crate::span::Span;

/// A step in the graph.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowNode {
    pub name: String,
    pub action: String,
    /// The step's `name` value (where diagnostics about the step point).
    pub span: Span,
    /// The loop step whose body holds this step, if any.
    pub parent: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EdgeKind {
    /// `nextStep`.
    Next,
    /// To the next step of the list (or, off the end of a body, back to the loop).
    FallThrough,
    /// A branch's `Choices[i].NextStep`.
    Choice(usize),
    /// A branch's `Default`.
    Default,
    /// `onFailure: step:X`.
    OnFailure,
    /// `onCancel: step:X`.
    OnCancel,
    /// `isEnd: true` (inside a body: back to the loop), or off the end of the main steps.
    End,
    /// A loop step into the first step of its body.
    LoopBody,
    /// A loop step to where it continues when the loop is done.
    LoopExit,
}

impl EdgeKind {
    /// Whether the edge is taken when the step succeeds (not a failure or cancel handler).
    pub fn is_success(self) -> bool {
        !matches!(self, EdgeKind::OnFailure | EdgeKind::OnCancel)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EdgeTarget {
    Step(usize),
    /// The automation (or command) ends.
    End,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FlowEdge {
    pub from: usize,
    pub to: EdgeTarget,
    pub kind: EdgeKind,
    /// Where the edge is written (the target string), or the step's name for implicit edges.
    pub span: Span,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FlowGraph {
    pub nodes: Vec<FlowNode>,
    pub edges: Vec<FlowEdge>,
    /// The first main step.
    pub entry: Option<usize>,
    /// Jumps whose target is not a step (or is inside a loop body): `(from,
    /// kind, target name)`. They are reported by [`FlowGraph::build`] and left
    /// out of `edges`; the flow checks treat such a step as having a way out,
    /// so one mistake is not reported again as a cycle or an unreachable step.
    pub unresolved: Vec<(usize, EdgeKind, String)>,
}

/// Deepest loop nesting walked; deeper bodies are left out (AWS allows no nesting at all).
const MAX_DEPTH: usize = 128;

/// How many broken jumps of a document are searched for a did-you-mean (and
/// for the steps they nearly name, which are then not reported unreachable).
/// Each search looks at every step name, so 6,000 broken jumps among 6,000
/// steps took minutes; past the first ones, the diagnostics are beyond what
/// a file shows ([`crate::cap::MAX_PER_FILE`]) anyway.
const MAX_SUGGESTED: usize = crate::cap::MAX_PER_FILE;

impl FlowGraph {
    /// Builds the graph of `doc`, reporting targets that name no step and jumps into loop bodies.
    pub fn build(doc: &Document) -> (FlowGraph, Vec<Diagnostic>) {
        let (g, _, diags) = FlowGraph::build_with_steps(doc);
        (g, diags)
    }

    /// [`FlowGraph::build`], also giving the model step of each node (by node
    /// id), for readers that need more of a step than its name and action
    /// (`ssmc graph` reads a branch's choice conditions). The plugin nodes of
    /// a schema 1.2 document have no step: the list is then shorter than `nodes`.
    pub fn build_with_steps(doc: &Document) -> (FlowGraph, Vec<&Step>, Vec<Diagnostic>) {
        let mut b = Builder {
            g: FlowGraph::default(),
            steps: Vec::new(),
            lists: Vec::new(),
            by_name: HashMap::new(),
            names: None,
            suggested: 0,
            diags: Vec::new(),
            kind: doc.kind,
        };
        if let Some(steps) = &doc.steps {
            b.collect(steps, None, 0);
        }
        b.g.entry = b.lists.first().and_then(|(_, l)| l.first().copied());
        b.link();
        if doc.steps.is_none() {
            b.plugins(doc.runtime_config.as_ref());
        }
        (b.g, b.steps, b.diags)
    }

    /// The node named `name` (the first, if names repeat).
    pub fn find(&self, name: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.name == name)
    }

    pub fn out_edges(&self, node: usize) -> impl Iterator<Item = &FlowEdge> {
        self.edges.iter().filter(move |e| e.from == node)
    }

    /// Which nodes a path from the entry reaches (success and failure edges).
    pub fn reachable(&self) -> Vec<bool> {
        let mut seen = vec![false; self.nodes.len()];
        let mut stack: Vec<usize> = self.entry.into_iter().collect();
        let succ = self.successors(|_| true);
        while let Some(n) = stack.pop() {
            match seen.get_mut(n) {
                Some(s) if !*s => *s = true,
                _ => continue,
            }
            if let Some(next) = succ.get(n) {
                stack.extend(next.iter().copied());
            }
        }
        seen
    }

    /// Successor lists over the edges `keep` accepts (step targets only).
    fn successors(&self, keep: impl Fn(&FlowEdge) -> bool) -> Vec<Vec<usize>> {
        let mut succ = vec![Vec::new(); self.nodes.len()];
        for e in self.edges.iter().filter(|e| keep(e)) {
            if let (EdgeTarget::Step(t), Some(list)) = (e.to, succ.get_mut(e.from)) {
                if !list.contains(&t) {
                    list.push(t);
                }
            }
        }
        succ
    }

    /// For each node, the set of nodes that lie on every path from the entry
    /// to it (itself included); `None` for unreachable nodes.
    pub fn dominators(&self) -> Vec<Option<Vec<bool>>> {
        let n = self.nodes.len();
        let Some(entry) = self.entry else {
            return vec![None; n];
        };
        let reach = self.reachable();
        let mut preds = vec![Vec::new(); n];
        for (from, succ) in self.successors(|_| true).into_iter().enumerate() {
            for t in succ {
                if let Some(p) = preds.get_mut(t) {
                    p.push(from);
                }
            }
        }
        let mut dom: Vec<Option<Vec<bool>>> = (0..n)
            .map(|i| {
                reach
                    .get(i)
                    .copied()
                    .unwrap_or(false)
                    .then(|| vec![true; n])
            })
            .collect();
        if let Some(d) = dom.get_mut(entry) {
            let mut only = vec![false; n];
            if let Some(x) = only.get_mut(entry) {
                *x = true;
            }
            *d = Some(only);
        }
        let mut changed = true;
        while changed {
            changed = false;
            for i in (0..n).filter(|&i| i != entry) {
                if dom.get(i).is_none_or(Option::is_none) {
                    continue;
                }
                let mut new: Option<Vec<bool>> = None;
                for &p in preds.get(i).map_or(&[][..], Vec::as_slice) {
                    let Some(Some(pd)) = dom.get(p) else { continue };
                    new = Some(match new {
                        None => pd.clone(),
                        Some(acc) => acc.iter().zip(pd).map(|(a, b)| *a && *b).collect(),
                    });
                }
                let mut new = new.unwrap_or_else(|| vec![false; n]);
                if let Some(x) = new.get_mut(i) {
                    *x = true;
                }
                if let Some(slot) = dom.get_mut(i) {
                    if slot.as_ref() != Some(&new) {
                        *slot = Some(new);
                        changed = true;
                    }
                }
            }
        }
        dom
    }
}

/// Steps as the builder sees them: the model step and its list position.
struct Builder<'a> {
    g: FlowGraph,
    steps: Vec<&'a Step>,
    /// Each step list (main, then bodies): its loop step and its node ids.
    lists: Vec<(Option<usize>, Vec<usize>)>,
    by_name: HashMap<&'a str, usize>,
    /// The step names indexed for did-you-mean, built at the first broken jump.
    names: Option<Names<'a>>,
    /// How many broken jumps got a did-you-mean search (see [`MAX_SUGGESTED`]).
    suggested: usize,
    diags: Vec<Diagnostic>,
    kind: DocKind,
}

impl<'a> Builder<'a> {
    fn collect(&mut self, steps: &'a [Step], parent: Option<usize>, depth: usize) {
        let list_index = self.lists.len();
        self.lists.push((parent, Vec::new()));
        for step in steps {
            let id = self.g.nodes.len();
            self.g.nodes.push(FlowNode {
                name: step.name_str().to_string(),
                action: step.action_str().to_string(),
                span: step.name.span,
                parent,
            });
            self.steps.push(step);
            self.by_name.entry(step.name_str()).or_insert(id);
            if let Some((_, ids)) = self.lists.get_mut(list_index) {
                ids.push(id);
            }
            if let Some(body) = &step.loop_steps {
                if depth < MAX_DEPTH {
                    self.collect(body, Some(id), depth + 1);
                }
            }
        }
    }

    /// A schema 1.2 Command document: its `runtimeConfig` plugins run one
    /// after the other, in the order written; each is a node named as its plugin.
    fn plugins(&mut self, runtime_config: Option<&Node>) {
        let Some(plugins) = runtime_config.and_then(Node::as_map) else {
            return;
        };
        let first = self.g.nodes.len();
        for (key, _) in plugins {
            let id = self.g.nodes.len();
            self.g.nodes.push(FlowNode {
                name: key.name.clone(),
                action: key.name.clone(),
                span: key.span,
                parent: None,
            });
            if id > first {
                self.edge(
                    id - 1,
                    EdgeTarget::Step(id),
                    EdgeKind::FallThrough,
                    key.span,
                );
            }
        }
        if let Some(last) = self.g.nodes.len().checked_sub(1).filter(|&l| l >= first) {
            let span = self.g.nodes.get(last).map_or(Span::default(), |n| n.span);
            self.edge(last, EdgeTarget::End, EdgeKind::FallThrough, span);
            self.g.entry = Some(first);
        }
    }

    fn link(&mut self) {
        let lists = std::mem::take(&mut self.lists);
        for (parent, ids) in &lists {
            for (pos, &id) in ids.iter().enumerate() {
                let next = ids.get(pos + 1).copied();
                self.link_step(id, *parent, next, &lists);
            }
        }
    }

    fn link_step(
        &mut self,
        id: usize,
        parent: Option<usize>,
        next: Option<usize>,
        lists: &[(Option<usize>, Vec<usize>)],
    ) {
        let Some(step) = self.steps.get(id).copied() else {
            return;
        };
        let is_loop = step.loop_steps.is_some();
        let mut continues = true;
        if step.action_str() == "aws:branch" {
            let inputs = step.inputs.as_ref();
            if let Some(choices) = inputs
                .and_then(|i| i.get("Choices"))
                .and_then(Node::as_list)
            {
                for (i, choice) in choices.iter().enumerate() {
                    if let Some(target) = choice.get("NextStep") {
                        self.jump(id, target, None, EdgeKind::Choice(i));
                    }
                }
            }
            if let Some(default) = inputs.and_then(|i| i.get("Default")) {
                self.jump(id, default, None, EdgeKind::Default);
                continues = false;
            }
        }
        if is_loop {
            if let Some(first) = lists
                .iter()
                .find(|(p, _)| *p == Some(id))
                .and_then(|(_, l)| l.first())
            {
                self.edge(
                    id,
                    EdgeTarget::Step(*first),
                    EdgeKind::LoopBody,
                    step.name.span,
                );
            }
        }
        if continues {
            let end = is_true(step.is_end.as_ref());
            if let Some(target) = &step.next_step {
                let kind = if is_loop {
                    EdgeKind::LoopExit
                } else {
                    EdgeKind::Next
                };
                self.jump(id, target, None, kind);
                if end {
                    if let Some(is_end) = &step.is_end {
                        self.diags.push(
                            Diagnostic::warning(
                                codes::NEXT_STEP_WITH_END,
                                target.span,
                                format!(
                                    "step `{}` has both `nextStep` and `isEnd: true`",
                                    step.name_str()
                                ),
                            )
                            .with_label("this nextStep")
                            .with_secondary(is_end.span, "and this isEnd")
                            .with_help("keep one: `isEnd: true` ends here, `nextStep` goes on"),
                        );
                    }
                }
            }
            if end {
                let span = step.is_end.as_ref().map_or(step.name.span, |n| n.span);
                let to = parent.map_or(EdgeTarget::End, EdgeTarget::Step);
                self.edge(id, to, EdgeKind::End, span);
            } else if step.next_step.is_none() {
                let kind = if is_loop {
                    EdgeKind::LoopExit
                } else {
                    EdgeKind::FallThrough
                };
                let to = next.or(parent).map_or(EdgeTarget::End, EdgeTarget::Step);
                self.edge(id, to, kind, step.name.span);
            }
        }
        if self.kind == DocKind::Automation {
            for (node, kind) in [
                (&step.on_failure, EdgeKind::OnFailure),
                (&step.on_cancel, EdgeKind::OnCancel),
            ] {
                let Some(node) = node else { continue };
                if let Some(name) = node.as_str().and_then(|s| s.strip_prefix("step:")) {
                    self.jump(id, node, Some(name), kind);
                }
            }
        }
    }

    fn edge(&mut self, from: usize, to: EdgeTarget, kind: EdgeKind, span: Span) {
        self.g.edges.push(FlowEdge {
            from,
            to,
            kind,
            span,
        });
    }

    /// An edge to the step named by `node` (or by `name`, for `step:X`), or a diagnostic.
    fn jump(&mut self, from: usize, node: &Node, name: Option<&str>, kind: EdgeKind) {
        let Some(name) = name.or_else(|| node.as_str()) else {
            return; // not a string: reported by the type checks
        };
        let what = match kind {
            EdgeKind::Next | EdgeKind::LoopExit => "nextStep",
            EdgeKind::Choice(_) => "NextStep",
            EdgeKind::Default => "Default",
            EdgeKind::OnFailure => "onFailure",
            EdgeKind::OnCancel => "onCancel",
            _ => "target",
        };
        let Some(&to) = self.by_name.get(name) else {
            self.g.unresolved.push((from, kind, name.to_string()));
            let mut d = Diagnostic::error(
                codes::UNKNOWN_TARGET,
                node.span,
                format!("{what} names no step: `{name}`"),
            )
            .with_label("no step has this name");
            if self.suggested < MAX_SUGGESTED {
                self.suggested += 1;
                let by_name = &self.by_name;
                let names = self
                    .names
                    .get_or_insert_with(|| Names::new(by_name.keys().copied()));
                if let Some(s) = suggest_among(names, name) {
                    d = d.with_help(format!("did you mean `{s}`?"));
                }
            }
            self.diags.push(d);
            return;
        };
        let from_parent = self.g.nodes.get(from).and_then(|n| n.parent);
        let to_parent = self.g.nodes.get(to).and_then(|n| n.parent);
        if let Some(body_of) = to_parent {
            if !self.encloses(body_of, from_parent) {
                self.g.unresolved.push((from, kind, name.to_string()));
                let loop_name = self.g.nodes.get(body_of).map_or("", |n| n.name.as_str());
                self.diags.push(
                    Diagnostic::error(
                        codes::JUMP_INTO_LOOP,
                        node.span,
                        format!("{what} jumps into the body of loop `{loop_name}`"),
                    )
                    .with_label(format!("`{name}` is inside the loop"))
                    .with_help(format!("jump to the loop step `{loop_name}` instead; a body is entered only by its loop")),
                );
                return;
            }
        }
        self.edge(from, EdgeTarget::Step(to), kind, node.span);
    }

    /// Whether the body of loop `body_of` is `list` or encloses it.
    fn encloses(&self, body_of: usize, mut list: Option<usize>) -> bool {
        let mut guard = 0;
        while let Some(l) = list {
            if l == body_of {
                return true;
            }
            list = self.g.nodes.get(l).and_then(|n| n.parent);
            guard += 1;
            if guard > MAX_DEPTH {
                break;
            }
        }
        false
    }
}

/// `true` or the string `"true"` (which AWS accepts).
pub(crate) fn is_true(node: Option<&Node>) -> bool {
    matches!(node.map(|n| &n.value), Some(Value::Bool(true)))
        || node.and_then(Node::as_str) == Some("true")
}

/// Unreachable steps, cycles with no exit, branches with no `Default`.
pub fn check_graph(doc: &Document, g: &FlowGraph) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let reach = g.reachable();
    // A step a broken jump names (or nearly names) is unreachable because of that
    // mistake, already reported.
    let meant = meant_names(g);
    for (i, node) in g.nodes.iter().enumerate() {
        if !reach.get(i).copied().unwrap_or(true) && !meant.contains(node.name.as_str()) {
            diags.push(
                Diagnostic::warning(
                    codes::UNREACHABLE_STEP,
                    node.span,
                    format!("step `{}` is never run", node.name),
                )
                .with_label("no path from the first step reaches this step")
                .with_help(
                    "remove it, or jump to it with `nextStep`, a branch, `onFailure` or `onCancel`",
                ),
            );
        }
    }
    cycles(g, &mut diags);
    if doc.kind == DocKind::Automation {
        branch_defaults(doc.steps.as_deref().unwrap_or(&[]), 0, &mut diags);
    }
    diags
}

/// The step names broken jumps name, or nearly name (as a did-you-mean would
/// suggest them, for the first [`MAX_SUGGESTED`] broken jumps).
fn meant_names(g: &FlowGraph) -> HashSet<&str> {
    let mut meant: HashSet<&str> = g.unresolved.iter().map(|(_, _, t)| t.as_str()).collect();
    if g.unresolved.is_empty() {
        return meant;
    }
    let names = Names::new(g.nodes.iter().map(|n| n.name.as_str()));
    for (_, _, t) in g.unresolved.iter().take(MAX_SUGGESTED) {
        for (d, name) in names.within(t) {
            if shares_enough(t, name, d) {
                meant.insert(name);
            }
        }
    }
    meant
}

fn branch_defaults(steps: &[Step], depth: usize, diags: &mut Vec<Diagnostic>) {
    if depth > MAX_DEPTH {
        return;
    }
    for step in steps {
        if step.action_str() == "aws:branch"
            && step
                .inputs
                .as_ref()
                .and_then(|i| i.get("Default"))
                .is_none()
            && !is_true(step.is_end.as_ref())
            && step.next_step.is_none()
        {
            diags.push(
                Diagnostic::warning(
                    codes::BRANCH_WITHOUT_DEFAULT,
                    step.name.span,
                    format!("branch `{}` has no `Default`", step.name_str()),
                )
                .with_label("when no choice matches, the automation falls through to the next step")
                .with_help("add `Default` (an `else ->` arm), or `isEnd: true` to end when no choice matches"),
            );
        }
        if let Some(body) = &step.loop_steps {
            branch_defaults(body, depth + 1, diags);
        }
    }
}

/// Strongly connected components over success edges (iterative Tarjan); a
/// component that loops and has no success edge out of it never finishes.
fn cycles(g: &FlowGraph, diags: &mut Vec<Diagnostic>) {
    let n = g.nodes.len();
    let succ = g.successors(|e| e.kind.is_success());
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut comp = vec![usize::MAX; n];
    let mut comps: Vec<Vec<usize>> = Vec::new();
    let mut counter = 0usize;
    for root in 0..n {
        if index.get(root).copied() != Some(usize::MAX) {
            continue;
        }
        // (node, next successor position)
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (v, ref mut pos)) = work.last_mut() {
            if *pos == 0 && index.get(v).copied() == Some(usize::MAX) {
                set(&mut index, v, counter);
                set(&mut low, v, counter);
                counter += 1;
                stack.push(v);
                set(&mut on_stack, v, true);
            }
            let next = succ.get(v).and_then(|s| s.get(*pos)).copied();
            *pos += 1;
            if let Some(w) = next {
                if index.get(w).copied() == Some(usize::MAX) {
                    work.push((w, 0));
                } else if on_stack.get(w).copied().unwrap_or(false) {
                    let m = low
                        .get(v)
                        .copied()
                        .unwrap_or(0)
                        .min(index.get(w).copied().unwrap_or(0));
                    set(&mut low, v, m);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                let m = low
                    .get(parent)
                    .copied()
                    .unwrap_or(0)
                    .min(low.get(v).copied().unwrap_or(0));
                set(&mut low, parent, m);
            }
            if low.get(v) == index.get(v) {
                let id = comps.len();
                let mut members = Vec::new();
                while let Some(w) = stack.pop() {
                    set(&mut on_stack, w, false);
                    set(&mut comp, w, id);
                    members.push(w);
                    if w == v {
                        break;
                    }
                }
                comps.push(members);
            }
        }
    }
    // The components with a way out, in one pass over the jumps (a scan of
    // every jump per component was quadratic in a document of many cycles).
    // A broken jump counts as a way out: it was reported already.
    let mut exits = vec![false; comps.len()];
    let broken = g
        .unresolved
        .iter()
        .filter(|(_, kind, _)| kind.is_success())
        .filter_map(|(from, _, _)| comp.get(*from));
    let leaving = g
        .edges
        .iter()
        .filter(|e| e.kind.is_success())
        .filter_map(|e| {
            let from = comp.get(e.from)?;
            let leaves = match e.to {
                EdgeTarget::End => true,
                EdgeTarget::Step(t) => comp.get(t) != Some(from),
            };
            leaves.then_some(from)
        });
    for &c in broken.chain(leaving) {
        set(&mut exits, c, true);
    }
    for (id, members) in comps.iter().enumerate() {
        let self_loop = members.len() == 1
            && members
                .first()
                .is_some_and(|&m| succ.get(m).is_some_and(|s| s.contains(&m)));
        if members.len() < 2 && !self_loop {
            continue;
        }
        if exits.get(id).copied().unwrap_or(false) {
            continue;
        }
        let mut sorted = members.clone();
        sorted.sort_unstable();
        let Some(first) = sorted.first().and_then(|&f| g.nodes.get(f)) else {
            continue;
        };
        let names: Vec<String> = sorted
            .iter()
            .filter_map(|&m| g.nodes.get(m))
            .map(|n| format!("`{}`", n.name))
            .collect();
        let mut d = Diagnostic::error(
            codes::CYCLE_WITHOUT_EXIT,
            first.span,
            format!("steps {} run each other forever", names.join(", ")),
        )
        .with_label("this cycle has no way out")
        .with_help("give one step of the cycle a way out: `isEnd: true`, a branch choice or `Default` leaving it, or a `nextStep` past it");
        for &m in sorted.iter().skip(1).take(8) {
            if let Some(node) = g.nodes.get(m) {
                d = d.with_secondary(node.span, "part of the cycle");
            }
        }
        diags.push(d);
    }
}

fn set<T>(v: &mut [T], i: usize, x: T) {
    if let Some(slot) = v.get_mut(i) {
        *slot = x;
    }
}
