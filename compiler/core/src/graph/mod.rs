//! `ssmc graph`: a document's flow as a picture.
//!
//! Input: a [`Document`] and the checker's [`FlowGraph`] of it (built once by
//! [`FlowGraph::build_with_steps`]: the picture never reads flow a second
//! time). Output: a drawable [`Graph`] (nodes with a kind that picks the
//! shape, labelled edges with a style, loop clusters), which the renderers
//! turn into text: [`mermaid`], [`dot`] and [`svg`] (laid out in-process by
//! [`layout`]).
//!
//! What the checker knows is shown: steps no path reaches are flagged
//! `unreachable`; a jump whose target names no step goes to a "missing" node
//! (one per distinct name); a jump into a loop body is drawn as a fault edge.
//!
//! Choice labels: the model keeps no condition text (lowering turns
//! `Environment == "prod"` into `{Variable, StringEquals}`), so the label is
//! derived from the choice rule with the importer's exact inverse of that
//! lowering and printed as `fmt` prints a condition. For a `.rbk` source this
//! gives back what the author wrote (canonical spacing); for a JSON/YAML
//! document it is the rule written as `.rbk` would write it (`raw { … }`
//! when nothing shorter says it exactly).
//!
//! A step that calls another document can carry a link to that document's
//! picture ([`links`]); the renderers make it clickable.
//!
//! Invariants: node `i < steps` is flow node `i`; then come the start node,
//! the end node and the missing nodes. Everything is built from ordered
//! lists, so the same document always gives the same graph and the same
//! bytes from every renderer.

pub mod dot;
pub mod layout;
pub mod links;
pub mod mermaid;
pub mod svg;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use crate::check::flow::{check_graph, EdgeKind, EdgeTarget, FlowGraph};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Document, Step};
use crate::span::Span;

/// What a node is, which picks its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Start,
    End,
    /// The target of a jump that names no step.
    Missing,
    /// `aws:branch`.
    Branch,
    /// `aws:loop`.
    Loop,
    /// `aws:approve`, `aws:pause`, `aws:sleep`: waits for a person or a time.
    Wait,
    /// `aws:executeScript`, `aws:runCommand` and the Command plugins that run scripts.
    Script,
    /// `aws:executeAwsApi` and the actions that call one API and read it.
    Api,
    /// Any other action.
    Action,
}

impl NodeKind {
    /// The kind of a step with this action.
    pub fn of_action(action: &str) -> NodeKind {
        match action {
            "aws:branch" => NodeKind::Branch,
            "aws:loop" => NodeKind::Loop,
            "aws:approve" | "aws:pause" | "aws:sleep" => NodeKind::Wait,
            "aws:executeScript"
            | "aws:runCommand"
            | "aws:runShellScript"
            | "aws:runPowerShellScript"
            | "aws:psModule" => NodeKind::Script,
            "aws:executeAwsApi"
            | "aws:assertAwsResourceProperty"
            | "aws:waitForAwsResourceProperty" => NodeKind::Api,
            _ => NodeKind::Action,
        }
    }

    /// A short name, used as a CSS class and in DOT comments.
    pub fn class(self) -> &'static str {
        match self {
            NodeKind::Start => "start",
            NodeKind::End => "end",
            NodeKind::Missing => "missing",
            NodeKind::Branch => "branch",
            NodeKind::Loop => "loop",
            NodeKind::Wait => "wait",
            NodeKind::Script => "script",
            NodeKind::Api => "api",
            NodeKind::Action => "action",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct GraphNode {
    /// An identifier safe in every output format (`s0`, `begin`, `finish`, `m0`).
    pub id: String,
    pub kind: NodeKind,
    /// The step's name (`None` for start, end and missing nodes).
    pub step: Option<String>,
    /// The first label line: the step name, `start`, `end`, or the missing name.
    pub title: String,
    /// The second label line: the action (empty for start and end).
    pub subtitle: String,
    /// No path from the first step reaches it.
    pub unreachable: bool,
    /// Where the step's name is written.
    pub span: Option<Span>,
    /// The innermost loop cluster holding the node (a loop step sits in its own cluster).
    pub cluster: Option<usize>,
    /// A call to another document whose picture is known ([`links::link_calls`]).
    pub link: Option<links::Link>,
}

/// How an edge is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeStyle {
    /// Taken when the step succeeds (next step, choice, default, loop).
    Success,
    /// `onFailure: step:X`.
    Failure,
    /// `onCancel: step:X`.
    Cancel,
    /// A jump the checker rejects (it names no step, or enters a loop body).
    Fault,
}

impl EdgeStyle {
    pub fn class(self) -> &'static str {
        match self {
            EdgeStyle::Success => "success",
            EdgeStyle::Failure => "failure",
            EdgeStyle::Cancel => "cancel",
            EdgeStyle::Fault => "fault",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct GraphEdge {
    pub from: usize,
    pub to: usize,
    pub style: EdgeStyle,
    /// A choice's condition, `else`, `on failure`, `each`, `done`, …
    pub label: Option<String>,
}

/// A loop step and its body.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// The loop step's node.
    pub loop_node: usize,
    /// The enclosing cluster (AWS allows no nesting; the model does).
    pub parent: Option<usize>,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    /// The document's name.
    pub name: String,
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
    pub clusters: Vec<Cluster>,
    /// The start node.
    pub start: usize,
    /// The end node.
    pub end: usize,
}

/// Labels longer than this are cut with `…` (a picture, not a listing).
const MAX_LABEL_CHARS: usize = 80;

/// The drawable graph of `doc`. `flow` and `steps` come from one call of
/// [`FlowGraph::build_with_steps`] on `doc`.
pub fn build(doc: &Document, flow: &FlowGraph, steps: &[&Step]) -> Graph {
    let reach = flow.reachable();
    let types = crate::import::declared_types(doc);
    let n = flow.nodes.len();
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut cluster_of_loop: HashMap<usize, usize> = HashMap::new();
    // Nodes come in document order, a loop before its body, so a body's
    // parent loop already has its cluster when the body is seen.
    for (i, node) in flow.nodes.iter().enumerate() {
        if node.action == "aws:loop" {
            let parent = node.parent.and_then(|p| cluster_of_loop.get(&p).copied());
            cluster_of_loop.insert(i, clusters.len());
            clusters.push(Cluster {
                loop_node: i,
                parent,
                label: format!("loop {}", node.name),
            });
        }
    }
    let mut nodes: Vec<GraphNode> = flow
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| {
            let own = cluster_of_loop.get(&i).copied();
            let cluster =
                own.or_else(|| node.parent.and_then(|p| cluster_of_loop.get(&p).copied()));
            GraphNode {
                id: format!("s{i}"),
                kind: NodeKind::of_action(&node.action),
                step: Some(node.name.clone()),
                title: node.name.clone(),
                subtitle: node.action.clone(),
                unreachable: !reach.get(i).copied().unwrap_or(false),
                span: Some(node.span),
                cluster,
                link: None,
            }
        })
        .collect();
    let start = nodes.len();
    nodes.push(GraphNode {
        id: "begin".to_string(),
        kind: NodeKind::Start,
        step: None,
        title: "start".to_string(),
        subtitle: String::new(),
        unreachable: false,
        span: None,
        cluster: None,
        link: None,
    });
    let end = nodes.len();
    nodes.push(GraphNode {
        id: "finish".to_string(),
        kind: NodeKind::End,
        step: None,
        title: "end".to_string(),
        subtitle: String::new(),
        unreachable: false,
        span: None,
        cluster: None,
        link: None,
    });
    let mut edges = Vec::with_capacity(flow.edges.len() + 1);
    edges.push(GraphEdge {
        from: start,
        to: flow.entry.unwrap_or(end),
        style: EdgeStyle::Success,
        label: None,
    });
    for e in &flow.edges {
        let to = match e.to {
            EdgeTarget::Step(t) if t < n => t,
            EdgeTarget::Step(_) => continue,
            EdgeTarget::End => end,
        };
        // Off the end of a loop body, or `isEnd` inside it: the next iteration.
        let to_own_loop = matches!(e.kind, EdgeKind::End | EdgeKind::FallThrough)
            && flow.nodes.get(e.from).and_then(|f| f.parent) == Some(to);
        let label = if to_own_loop {
            Some("next iteration".to_string())
        } else {
            label_of(e.kind, steps.get(e.from).copied(), &types)
        };
        edges.push(GraphEdge {
            from: e.from,
            to,
            style: style_of(e.kind),
            label,
        });
    }
    let mut missing: HashMap<&str, usize> = HashMap::new();
    for (from, kind, name) in &flow.unresolved {
        let to = match flow.find(name) {
            Some(t) => t,
            None => *missing.entry(name.as_str()).or_insert_with(|| {
                let id = nodes.len();
                nodes.push(GraphNode {
                    id: format!("m{}", id - end - 1),
                    kind: NodeKind::Missing,
                    step: None,
                    title: name.clone(),
                    subtitle: "missing step".to_string(),
                    unreachable: false,
                    span: None,
                    cluster: None,
                    link: None,
                });
                id
            }),
        };
        edges.push(GraphEdge {
            from: *from,
            to,
            style: EdgeStyle::Fault,
            label: label_of(*kind, steps.get(*from).copied(), &types),
        });
    }
    Graph {
        name: doc.name.clone(),
        nodes,
        edges,
        clusters,
        start,
        end,
    }
}

/// Builds the flow graph of `doc` and its drawable graph in one go.
pub fn of_document(doc: &Document) -> Graph {
    draw(doc).0
}

/// The drawable graph of `doc` and its flow faults (what the checker's flow
/// checks find: dangling targets, unreachable steps, cycles with no exit, …),
/// all as warnings: a faulty document still gets its picture.
pub fn draw(doc: &Document) -> (Graph, Vec<Diagnostic>) {
    let (flow, steps, mut faults) = FlowGraph::build_with_steps(doc);
    faults.extend(check_graph(doc, &flow));
    for d in &mut faults {
        d.severity = Severity::Warning;
    }
    crate::diagnostic::sort(&mut faults);
    (build(doc, &flow, &steps), faults)
}

fn style_of(kind: EdgeKind) -> EdgeStyle {
    match kind {
        EdgeKind::OnFailure => EdgeStyle::Failure,
        EdgeKind::OnCancel => EdgeStyle::Cancel,
        _ => EdgeStyle::Success,
    }
}

fn label_of(kind: EdgeKind, step: Option<&Step>, types: &[(String, String)]) -> Option<String> {
    let text = match kind {
        EdgeKind::Next | EdgeKind::FallThrough | EdgeKind::End => return None,
        EdgeKind::Choice(i) => condition(step?, i, types)?,
        EdgeKind::Default => "else".to_string(),
        EdgeKind::OnFailure => "on failure".to_string(),
        EdgeKind::OnCancel => "on cancel".to_string(),
        EdgeKind::LoopBody => "each".to_string(),
        EdgeKind::LoopExit => "done".to_string(),
    };
    Some(shorten(&text))
}

/// The condition of choice `i` of a branch step, as `.rbk` writes it.
fn condition(step: &Step, i: usize, types: &[(String, String)]) -> Option<String> {
    let choice = step.inputs.as_ref()?.get("Choices")?.as_list()?.get(i)?;
    let entries: Vec<_> = choice
        .as_map()?
        .iter()
        .filter(|(k, _)| k.name != "NextStep")
        .cloned()
        .collect();
    Some(crate::import::condition_text(&entries, types))
}

/// `text` on one line, cut at [`MAX_LABEL_CHARS`].
fn shorten(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= MAX_LABEL_CHARS {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(MAX_LABEL_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// Deepest cluster nesting drawn (the flow graph walks no deeper either).
pub(crate) const MAX_CLUSTER_DEPTH: usize = 128;

/// One item of a scope: a node, or a nested cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Member {
    Node(usize),
    Cluster(usize),
}

/// The items of the top level and of each cluster, in node order (a cluster
/// stands where its loop step stands), for renderers that nest clusters.
pub(crate) struct Scopes {
    top: Vec<Member>,
    inner: Vec<Vec<Member>>,
}

impl Scopes {
    pub(crate) fn members(&self, scope: Option<usize>) -> &[Member] {
        match scope {
            None => &self.top,
            Some(c) => self.inner.get(c).map_or(&[][..], Vec::as_slice),
        }
    }
}

pub(crate) fn scopes(g: &Graph) -> Scopes {
    let mut s = Scopes {
        top: Vec::new(),
        inner: vec![Vec::new(); g.clusters.len()],
    };
    let own: HashMap<usize, usize> = g
        .clusters
        .iter()
        .enumerate()
        .map(|(c, cl)| (cl.loop_node, c))
        .collect();
    // The start node first: renderers that keep declaration order draw it on top.
    let order = std::iter::once(g.start).chain((0..g.nodes.len()).filter(|&i| i != g.start));
    for i in order {
        let Some(node) = g.nodes.get(i) else { continue };
        if let Some(&c) = own.get(&i) {
            let parent = g.clusters.get(c).and_then(|cl| cl.parent);
            push(&mut s, parent, Member::Cluster(c));
        }
        push(&mut s, node.cluster, Member::Node(i));
    }
    s
}

fn push(s: &mut Scopes, scope: Option<usize>, m: Member) {
    match scope {
        None => s.top.push(m),
        Some(c) => {
            if let Some(list) = s.inner.get_mut(c) {
                list.push(m);
            }
        }
    }
}
