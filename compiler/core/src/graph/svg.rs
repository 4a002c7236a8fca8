//! The SVG renderer: the graph laid out by [`layout`] and drawn in-process.
//!
//! Input: a [`Graph`]. Output: a standalone SVG 1.1 document (presentation
//! attributes only, no CSS or script, so it renders the same in a browser,
//! in GitHub's Markdown and in a VS Code webview).
//!
//! Contract (the VS Code panel relies on it): each step node is a
//! `<g class="node KIND" data-step="STEP NAME">`; start, end and missing
//! nodes have no `data-step`. A step that calls a document with a picture
//! ([`super::links`]) holds its shapes in an `<a>` with both `href` (SVG 2)
//! and `xlink:href` (SVG 1.1) to it. Invariants: all user text is XML-escaped (text
//! and attributes); coordinates are whole numbers, so output is byte-stable.

use std::fmt::Write;

use super::layout::{self, Layout, NodeBox};
use super::{EdgeStyle, Graph, GraphNode, NodeKind};

const FONT: &str = "Helvetica, Arial, sans-serif";
/// Rough advance of one character (12px title, 10px action line).
const TITLE_CHAR: f64 = 7.2;
const SUB_CHAR: f64 = 6.0;
/// Longest label line drawn (longer ones end with `…`).
const MAX_LINE_CHARS: usize = 48;

/// Renders `g` as SVG.
pub fn render(g: &Graph) -> String {
    let sizes: Vec<(f64, f64)> = g.nodes.iter().map(size).collect();
    let label_widths: Vec<f64> = g
        .edges
        .iter()
        .map(|e| e.label.as_deref().map_or(0.0, label_width))
        .collect();
    let lay = layout::layout(g, &sizes, &label_widths);
    draw(g, &lay)
}

/// The box a node needs for its shape and label.
fn size(node: &GraphNode) -> (f64, f64) {
    let title = clip(&node.title).chars().count() as f64 * TITLE_CHAR;
    let sub = clip(&node.subtitle).chars().count() as f64 * SUB_CHAR;
    let text = title.max(sub);
    match node.kind {
        NodeKind::Start => (44.0, 44.0),
        NodeKind::End => (48.0, 48.0),
        NodeKind::Branch => ((text * 1.5 + 28.0).round().max(90.0), 64.0),
        NodeKind::Loop => ((text + 56.0).round().max(90.0), 48.0),
        NodeKind::Api => ((text + 44.0).round().max(90.0), 44.0),
        NodeKind::Script => ((text + 40.0).round().max(90.0), 44.0),
        _ => ((text + 28.0).round().max(90.0), 44.0),
    }
}

fn label_width(label: &str) -> f64 {
    (clip(label).chars().count() as f64 * SUB_CHAR + 8.0).round()
}

fn clip(s: &str) -> String {
    if s.chars().count() <= MAX_LINE_CHARS {
        return s.to_string();
    }
    let mut out: String = s.chars().take(MAX_LINE_CHARS - 1).collect();
    out.push('…');
    out
}

fn draw(g: &Graph, lay: &Layout) -> String {
    let mut out = String::new();
    let (w, h) = (lay.width.max(1.0), lay.height.max(1.0));
    // The XLink namespace only where a link uses it: pictures without links
    // keep their bytes.
    let xlink = if g.nodes.iter().any(|n| n.link.is_some()) {
        " xmlns:xlink=\"http://www.w3.org/1999/xlink\""
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\"{xlink} width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONT}\" font-size=\"12\">"
    );
    let _ = writeln!(out, "<title>{}</title>", esc(&g.name));
    out.push_str("<defs>\n");
    for (id, color) in [
        ("arrow", "#34495e"),
        ("arrow-failure", "#c0392b"),
        ("arrow-cancel", "#d68910"),
    ] {
        let _ = writeln!(
            out,
            "<marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"{color}\"/></marker>"
        );
    }
    out.push_str("</defs>\n");
    let _ = writeln!(out, "<rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>");
    for (c, rect) in lay.clusters.iter().enumerate() {
        let (Some(r), Some(cluster)) = (rect, g.clusters.get(c)) else {
            continue;
        };
        let loop_name = g
            .nodes
            .get(cluster.loop_node)
            .and_then(|n| n.step.as_deref())
            .unwrap_or("");
        let _ = writeln!(
            out,
            "<g class=\"cluster\" data-loop=\"{}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"#f4f8fb\" stroke=\"#7f8c8d\" stroke-dasharray=\"6 4\"/><text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#566573\">{}</text></g>",
            esc(loop_name),
            r.x,
            r.y,
            r.w,
            r.h,
            r.x + 8.0,
            r.y + r.h - 6.0,
            esc(&clip(&cluster.label))
        );
    }
    for (e, pts) in g.edges.iter().zip(&lay.edges) {
        if pts.len() < 2 {
            continue;
        }
        let (stroke, dash, marker, width) = match e.style {
            EdgeStyle::Success => ("#34495e", "", "arrow", "1.4"),
            EdgeStyle::Failure => (
                "#c0392b",
                " stroke-dasharray=\"6 4\"",
                "arrow-failure",
                "1.4",
            ),
            EdgeStyle::Cancel => (
                "#d68910",
                " stroke-dasharray=\"2 3\"",
                "arrow-cancel",
                "1.4",
            ),
            EdgeStyle::Fault => ("#c0392b", "", "arrow-failure", "3"),
        };
        let mut d = String::new();
        for (k, (x, y)) in pts.iter().enumerate() {
            let _ = write!(d, "{}{x} {y}", if k == 0 { "M " } else { " L " });
        }
        let _ = writeln!(
            out,
            "<path class=\"edge {}\" d=\"{d}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{width}\"{dash} marker-end=\"url(#{marker})\"/>",
            e.style.class()
        );
    }
    for (node, b) in g.nodes.iter().zip(&lay.nodes) {
        node_svg(node, b, &mut out);
    }
    for (e, at) in g.edges.iter().zip(&lay.labels) {
        let (Some(label), Some((mx, my))) = (&e.label, at) else {
            continue;
        };
        let text = clip(label);
        let tw = label_width(label);
        let color = match e.style {
            EdgeStyle::Success => "#1f3a4d",
            EdgeStyle::Failure | EdgeStyle::Fault => "#c0392b",
            EdgeStyle::Cancel => "#9c640c",
        };
        let _ = writeln!(
            out,
            "<g class=\"label\"><rect x=\"{}\" y=\"{}\" width=\"{tw}\" height=\"16\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.9\"/><text x=\"{mx}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"{color}\">{}</text></g>",
            mx - tw / 2.0,
            my - 8.0,
            my + 4.0,
            esc(&text)
        );
    }
    out.push_str("</svg>\n");
    out
}

fn node_svg(node: &GraphNode, b: &NodeBox, out: &mut String) {
    let (x, y, w, h) = (b.x, b.y, b.w, b.h);
    let (l, r, t, btm) = (x - w / 2.0, x + w / 2.0, y - h / 2.0, y + h / 2.0);
    let (mut fill, mut stroke, mut text_color) = match node.kind {
        NodeKind::Start => ("#e8f5e9", "#2e7d32", "#1b5e20"),
        NodeKind::End => ("#eceff1", "#37474f", "#263238"),
        NodeKind::Missing => ("#fdecea", "#c0392b", "#c0392b"),
        NodeKind::Branch => ("#fff8e1", "#b7950b", "#1f2d3d"),
        NodeKind::Loop => ("#e8f0fe", "#2e5c9a", "#1f2d3d"),
        NodeKind::Wait => ("#f3e5f5", "#7b1fa2", "#1f2d3d"),
        NodeKind::Script => ("#e0f2f1", "#00796b", "#1f2d3d"),
        NodeKind::Api => ("#e3f2fd", "#1565c0", "#1f2d3d"),
        NodeKind::Action => ("#ffffff", "#455a64", "#1f2d3d"),
    };
    let mut dash = "";
    if node.kind == NodeKind::Missing {
        dash = " stroke-dasharray=\"5 3\"";
    }
    if node.unreachable {
        (fill, stroke, text_color) = ("#eeeeee", "#999999", "#777777");
        dash = " stroke-dasharray=\"5 3\"";
    }
    let mut classes = format!("node {}", node.kind.class());
    if node.unreachable {
        classes.push_str(" unreachable");
    }
    match &node.step {
        Some(step) => {
            let _ = write!(out, "<g class=\"{classes}\" data-step=\"{}\">", esc(step));
        }
        None => {
            let _ = write!(out, "<g class=\"{classes}\">");
        }
    }
    let tooltip = if node.unreachable {
        format!(
            "{} (unreachable: no path from the start reaches it)",
            node.title
        )
    } else if node.subtitle.is_empty() {
        node.title.clone()
    } else {
        format!("{} ({})", node.title, node.subtitle)
    };
    let _ = write!(out, "<title>{}</title>", esc(&tooltip));
    if let Some(link) = &node.link {
        let href = esc(&link.href);
        let _ = write!(out, "<a href=\"{href}\" xlink:href=\"{href}\">");
    }
    let paint = format!("fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"{dash}");
    match node.kind {
        NodeKind::Start => {
            let _ = write!(
                out,
                "<circle cx=\"{x}\" cy=\"{y}\" r=\"{}\" {paint}/>",
                w / 2.0
            );
        }
        NodeKind::End => {
            let _ = write!(
                out,
                "<circle cx=\"{x}\" cy=\"{y}\" r=\"{}\" {paint}/><circle cx=\"{x}\" cy=\"{y}\" r=\"{}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"1.5\"/>",
                w / 2.0,
                w / 2.0 - 5.0
            );
        }
        NodeKind::Branch => {
            let _ = write!(
                out,
                "<polygon points=\"{x},{t} {r},{y} {x},{btm} {l},{y}\" {paint}/>"
            );
        }
        NodeKind::Loop => {
            let _ = write!(
                out,
                "<polygon points=\"{},{t} {},{t} {r},{y} {},{btm} {},{btm} {l},{y}\" {paint}/>",
                l + 14.0,
                r - 14.0,
                r - 14.0,
                l + 14.0
            );
        }
        NodeKind::Api => {
            let _ = write!(
                out,
                "<polygon points=\"{},{t} {r},{t} {},{btm} {l},{btm}\" {paint}/>",
                l + 12.0,
                r - 12.0
            );
        }
        NodeKind::Script => {
            let _ = write!(
                out,
                "<rect x=\"{l}\" y=\"{t}\" width=\"{w}\" height=\"{h}\" {paint}/><path d=\"M {} {t} L {} {btm} M {} {t} L {} {btm}\" stroke=\"{stroke}\" stroke-width=\"1.5\"/>",
                l + 8.0,
                l + 8.0,
                r - 8.0,
                r - 8.0
            );
        }
        NodeKind::Wait => {
            let _ = write!(
                out,
                "<rect x=\"{l}\" y=\"{t}\" width=\"{w}\" height=\"{h}\" rx=\"{}\" {paint}/>",
                h / 2.0
            );
        }
        NodeKind::Missing | NodeKind::Action => {
            let _ = write!(
                out,
                "<rect x=\"{l}\" y=\"{t}\" width=\"{w}\" height=\"{h}\" rx=\"4\" {paint}/>"
            );
        }
    }
    if node.subtitle.is_empty() {
        let _ = write!(
            out,
            "<text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" fill=\"{text_color}\">{}</text>",
            y + 4.0,
            esc(&clip(&node.title))
        );
    } else {
        let _ = write!(
            out,
            "<text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"{text_color}\">{}</text><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{text_color}\">{}</text>",
            y - 2.0,
            esc(&clip(&node.title)),
            y + 12.0,
            esc(&clip(&node.subtitle))
        );
    }
    if node.link.is_some() {
        out.push_str("</a>");
    }
    out.push_str("</g>\n");
}

/// XML text and attribute escaping. Control characters (XML 1.0 forbids
/// most) and bidirectional controls become visible `\u{…}` escapes, so the
/// document stays well-formed and shows what the source holds.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if crate::controls::is_hidden(c) => out.push_str(&crate::controls::escaped(c)),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}
