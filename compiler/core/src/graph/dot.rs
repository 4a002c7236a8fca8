//! The Graphviz renderer: a `digraph` for `dot -Tsvg` and friends.
//!
//! Input: a [`Graph`]. Output: DOT text. Invariants: every id and label is a
//! double-quoted DOT string with `\` and `"` escaped and line breaks as `\n`,
//! so no user text can leave its string; loop clusters are `cluster_N`
//! subgraphs (Graphviz draws a box around them).

use std::fmt::Write;

use super::{EdgeStyle, Graph, GraphNode, Member, NodeKind, Scopes};

/// Renders `g` as a DOT digraph.
pub fn render(g: &Graph) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", quote(&g.name));
    out.push_str("  rankdir=TB;\n");
    out.push_str(
        "  node [fontname=\"Helvetica\", fontsize=11, style=filled, fillcolor=\"#ffffff\"];\n",
    );
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    let scopes = super::scopes(g);
    emit_scope(g, &scopes, None, 1, &mut out);
    for e in &g.edges {
        let (Some(from), Some(to)) = (g.nodes.get(e.from), g.nodes.get(e.to)) else {
            continue;
        };
        let mut attrs: Vec<String> = Vec::new();
        if let Some(l) = &e.label {
            attrs.push(format!("label={}", quote(l)));
        }
        match e.style {
            EdgeStyle::Success => {}
            EdgeStyle::Failure => {
                attrs.push("style=dashed, color=\"#c0392b\", fontcolor=\"#c0392b\"".to_string())
            }
            EdgeStyle::Cancel => {
                attrs.push("style=dotted, color=\"#d68910\", fontcolor=\"#d68910\"".to_string())
            }
            EdgeStyle::Fault => {
                attrs.push("style=bold, color=\"#c0392b\", fontcolor=\"#c0392b\"".to_string())
            }
        }
        if attrs.is_empty() {
            let _ = writeln!(out, "  {} -> {};", quote(&from.id), quote(&to.id));
        } else {
            let _ = writeln!(
                out,
                "  {} -> {} [{}];",
                quote(&from.id),
                quote(&to.id),
                attrs.join(", ")
            );
        }
    }
    out.push_str("}\n");
    out
}

fn emit_scope(g: &Graph, scopes: &Scopes, scope: Option<usize>, depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth.min(super::MAX_CLUSTER_DEPTH + 1));
    for item in scopes.members(scope) {
        match *item {
            Member::Node(i) => {
                if let Some(node) = g.nodes.get(i) {
                    let _ = writeln!(out, "{indent}{}", node_decl(node));
                }
            }
            Member::Cluster(c) => {
                let Some(cluster) = g.clusters.get(c) else {
                    continue;
                };
                if depth > super::MAX_CLUSTER_DEPTH {
                    continue;
                }
                let _ = writeln!(out, "{indent}subgraph cluster_{c} {{");
                let _ = writeln!(
                    out,
                    "{indent}  label={}; style=\"rounded,dashed\"; color=\"#7f8c8d\";",
                    quote(&cluster.label)
                );
                emit_scope(g, scopes, Some(c), depth + 1, out);
                let _ = writeln!(out, "{indent}}}");
            }
        }
    }
}

fn node_decl(node: &GraphNode) -> String {
    let label = if node.subtitle.is_empty() {
        node.title.clone()
    } else {
        format!("{}\n{}", node.title, node.subtitle)
    };
    let (shape, mut style) = match node.kind {
        NodeKind::Start => ("circle", "filled"),
        NodeKind::End => ("doublecircle", "filled"),
        NodeKind::Branch => ("diamond", "filled"),
        NodeKind::Loop => ("hexagon", "filled"),
        NodeKind::Wait => ("box", "rounded,filled"),
        NodeKind::Script => ("component", "filled"),
        NodeKind::Api => ("parallelogram", "filled"),
        NodeKind::Missing => ("box", "dashed,filled"),
        NodeKind::Action => ("box", "filled"),
    };
    let mut attrs = format!("label={}, shape={shape}", quote(&label));
    if node.kind == NodeKind::Missing {
        attrs.push_str(", color=\"#c0392b\", fontcolor=\"#c0392b\", fillcolor=\"#fdecea\"");
    }
    if node.unreachable {
        style = if style == "rounded,filled" {
            "rounded,dashed,filled"
        } else {
            "dashed,filled"
        };
        attrs.push_str(", color=\"#999999\", fontcolor=\"#777777\", fillcolor=\"#eeeeee\", xlabel=\"unreachable\"");
    }
    let _ = write!(attrs, ", style=\"{style}\"");
    if let Some(link) = &node.link {
        let _ = write!(
            attrs,
            ", URL={}, tooltip={}",
            quote(&link.href),
            quote(&format!("open {}", link.document))
        );
    }
    format!("{} [{attrs}];", quote(&node.id))
}

/// A DOT double-quoted string. Control and bidirectional characters are
/// shown as `\u{…}` (its backslash escaped for DOT), never written raw.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if crate::controls::is_hidden(c) => {
                out.push('\\');
                out.push_str(&crate::controls::escaped(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
