//! The Mermaid renderer: a `flowchart TD` that GitHub Markdown renders as is.
//!
//! Input: a [`Graph`]. Output: Mermaid text, one statement a line.
//! Invariants: every label is quoted and its user text escaped with Mermaid
//! entity codes (`#quot;`, `#lt;`, `#35;`, …), so no step name or condition
//! can end a label or inject markup; node ids are generated (`s0`, `begin`,
//! `finish`, `m0`), never user text, and never Mermaid's keyword `end`.
//! Failure and cancel edges are dotted and coloured with `linkStyle`, which
//! counts edges in the order they are written.

use std::fmt::Write;

use super::{EdgeStyle, Graph, GraphNode, NodeKind};

const FAILURE_STYLE: &str = "stroke:#c0392b,color:#c0392b";
const CANCEL_STYLE: &str = "stroke:#d68910,color:#d68910";
const FAULT_STYLE: &str = "stroke:#c0392b,stroke-width:3px,color:#c0392b";

/// Renders `g` as a Mermaid flowchart.
pub fn render(g: &Graph) -> String {
    let mut out = String::from("flowchart TD\n");
    let scopes = super::scopes(g);
    emit_scope(g, &scopes, None, 1, &mut out);
    let mut by_style: [(EdgeStyle, Vec<usize>); 3] = [
        (EdgeStyle::Failure, Vec::new()),
        (EdgeStyle::Cancel, Vec::new()),
        (EdgeStyle::Fault, Vec::new()),
    ];
    for (i, e) in g.edges.iter().enumerate() {
        let (Some(from), Some(to)) = (g.nodes.get(e.from), g.nodes.get(e.to)) else {
            continue;
        };
        let arrow = match e.style {
            EdgeStyle::Success => "-->",
            EdgeStyle::Failure | EdgeStyle::Cancel => "-.->",
            EdgeStyle::Fault => "==>",
        };
        match &e.label {
            Some(l) => {
                let _ = writeln!(out, "  {} {arrow}|\"{}\"| {}", from.id, text(l), to.id);
            }
            None => {
                let _ = writeln!(out, "  {} {arrow} {}", from.id, to.id);
            }
        }
        if let Some((_, list)) = by_style.iter_mut().find(|(s, _)| *s == e.style) {
            list.push(i);
        }
    }
    out.push_str(
        "  classDef unreachable fill:#eeeeee,stroke:#999999,stroke-dasharray:4 3,color:#777777\n",
    );
    out.push_str(
        "  classDef missing fill:#fdecea,stroke:#c0392b,stroke-dasharray:4 3,color:#c0392b\n",
    );
    let unreachable: Vec<&str> = g
        .nodes
        .iter()
        .filter(|n| n.unreachable)
        .map(|n| n.id.as_str())
        .collect();
    if !unreachable.is_empty() {
        let _ = writeln!(out, "  class {} unreachable", unreachable.join(","));
    }
    let missing: Vec<&str> = g
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Missing)
        .map(|n| n.id.as_str())
        .collect();
    if !missing.is_empty() {
        let _ = writeln!(out, "  class {} missing", missing.join(","));
    }
    // Renderers with a strict security level (GitHub's) draw no links.
    for node in &g.nodes {
        if let Some(link) = &node.link {
            let _ = writeln!(
                out,
                "  click {} href \"{}\" \"{}\"",
                node.id,
                link.href,
                text(&format!("open {}", link.document))
            );
        }
    }
    for (style, list) in &by_style {
        if list.is_empty() {
            continue;
        }
        let css = match style {
            EdgeStyle::Failure => FAILURE_STYLE,
            EdgeStyle::Cancel => CANCEL_STYLE,
            _ => FAULT_STYLE,
        };
        let ids: Vec<String> = list.iter().map(usize::to_string).collect();
        let _ = writeln!(out, "  linkStyle {} {css}", ids.join(","));
    }
    out
}

/// Writes the nodes and clusters of one scope (the top level or a cluster).
fn emit_scope(
    g: &Graph,
    scopes: &super::Scopes,
    scope: Option<usize>,
    depth: usize,
    out: &mut String,
) {
    let indent = "  ".repeat(depth.min(super::MAX_CLUSTER_DEPTH + 1));
    for item in scopes.members(scope) {
        match *item {
            super::Member::Node(i) => {
                if let Some(node) = g.nodes.get(i) {
                    let _ = writeln!(out, "{indent}{}", node_decl(node));
                }
            }
            super::Member::Cluster(c) => {
                let Some(cluster) = g.clusters.get(c) else {
                    continue;
                };
                if depth > super::MAX_CLUSTER_DEPTH {
                    continue;
                }
                let _ = writeln!(out, "{indent}subgraph c{c} [\"{}\"]", text(&cluster.label));
                emit_scope(g, scopes, Some(c), depth + 1, out);
                let _ = writeln!(out, "{indent}end");
            }
        }
    }
}

fn node_decl(node: &GraphNode) -> String {
    let label = if node.subtitle.is_empty() {
        text(&node.title)
    } else {
        format!("{}<br/>{}", text(&node.title), text(&node.subtitle))
    };
    let (open, close) = match node.kind {
        NodeKind::Start => ("((", "))"),
        NodeKind::End => ("(((", ")))"),
        NodeKind::Branch => ("{", "}"),
        NodeKind::Loop => ("{{", "}}"),
        NodeKind::Wait => ("([", "])"),
        NodeKind::Script => ("[[", "]]"),
        NodeKind::Api => ("[/", "/]"),
        NodeKind::Missing | NodeKind::Action => ("[", "]"),
    };
    format!("{}{open}\"{label}\"{close}", node.id)
}

/// User text inside a quoted Mermaid label: every character that could end
/// the label, start markup or an entity is an entity code; line breaks are
/// spaces, and other control and bidirectional characters are visible
/// `\u{…}` escapes (they would reach the terminal of whoever prints the file).
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if crate::controls::is_hidden(c) => out.push_str(&crate::controls::escaped(c)),
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '#' => out.push_str("#35;"),
            '`' => out.push_str("#96;"),
            '|' => out.push_str("#124;"),
            c => out.push(c),
        }
    }
    out
}
