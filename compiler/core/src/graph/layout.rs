//! A layered (Sugiyama-style) layout of a [`Graph`], for the SVG renderer.
//!
//! Input: a graph and each node's box size. Output: a [`Layout`]: each
//! node's centre, each edge's polyline, each cluster's box, the picture's size.
//!
//! Steps, each linear or `O(E log V)` so 10,000 steps lay out in well under a second:
//! 1. break cycles: a depth-first walk from the start node (then from every
//!    node not yet seen, in order) reverses each edge that closes a cycle;
//! 2. layers by longest path over the now acyclic graph (Kahn's order);
//! 3. an edge spanning several layers gets a dummy node on each layer between
//!    (within a budget proportional to the graph; edges past it are drawn
//!    straight, so a pathological document cannot blow up);
//! 4. order within layers: depth-first discovery order, then a fixed number
//!    of barycenter sweeps down and up (crossing reduction, capped);
//! 5. x: each node moves towards the mean of its neighbours in the layer
//!    before, keeping the gap, the layer then shifted to the mean wish;
//! 6. edges are polylines through their dummies.
//!
//! Invariant: no hashing, no clock, float ties broken by position: the same
//! graph always gives the same layout.

use super::Graph;

/// Space between nodes of a layer, and between layers.
const NODE_GAP: f64 = 28.0;
const LAYER_GAP: f64 = 36.0;
const MARGIN: f64 = 24.0;
/// Barycenter sweeps (each one down and one up).
const ORDER_SWEEPS: usize = 4;
/// Coordinate passes (each one down and one up).
const X_PASSES: usize = 4;
/// Width a dummy node takes in its layer.
const DUMMY_WIDTH: f64 = 12.0;

/// A box: centre and size.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct NodeBox {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// A rectangle: top-left and size.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    /// By graph node index.
    pub nodes: Vec<NodeBox>,
    /// By graph edge index: the polyline from the source's border to the target's.
    pub edges: Vec<Vec<(f64, f64)>>,
    /// By graph edge index: the centre of the edge's label, if it has one.
    pub labels: Vec<Option<(f64, f64)>>,
    /// By cluster index: the box around the loop and its body (`None` if empty).
    pub clusters: Vec<Option<Rect>>,
    pub width: f64,
    pub height: f64,
}

/// One node of the layered graph: a graph node or a dummy.
#[derive(Debug, Clone, Default)]
struct LNode {
    layer: usize,
    pos: usize,
    x: f64,
    w: f64,
    h: f64,
    up: Vec<usize>,
    down: Vec<usize>,
}

/// Height of the slot a label takes in its layer.
const LABEL_HEIGHT: f64 = 16.0;

/// Lays out `g`; `sizes` gives each graph node's width and height and
/// `label_widths` each edge's label width (0 for none). A labelled edge spans
/// at least two layers and its label takes the place of its first dummy, so
/// labels get room like nodes do (as Graphviz does it).
pub fn layout(g: &Graph, sizes: &[(f64, f64)], label_widths: &[f64]) -> Layout {
    let labelled = |ei: usize| label_widths.get(ei).is_some_and(|w| *w > 0.0);
    let n = g.nodes.len();
    let mut ln: Vec<LNode> = (0..n)
        .map(|i| {
            let (w, h) = sizes.get(i).copied().unwrap_or((DUMMY_WIDTH, 0.0));
            LNode {
                w,
                h,
                ..LNode::default()
            }
        })
        .collect();

    // 1. Cycle breaking by depth-first search; remember discovery order.
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (ei, e) in g.edges.iter().enumerate() {
        if e.from != e.to && e.from < n && e.to < n {
            if let Some(list) = out.get_mut(e.from) {
                list.push((e.to, ei));
            }
        }
    }
    let mut reversed = vec![false; g.edges.len()];
    let mut state = vec![0u8; n]; // 0 new, 1 on the stack, 2 done
    let mut discovery: Vec<usize> = Vec::with_capacity(n);
    let roots = std::iter::once(g.start).chain(0..n);
    for root in roots {
        if state.get(root).copied() != Some(0) {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        set(&mut state, root, 1);
        discovery.push(root);
        while let Some(top) = stack.last_mut() {
            let (v, next) = (top.0, top.1);
            top.1 += 1;
            match out.get(v).and_then(|l| l.get(next)).copied() {
                Some((w, ei)) => match state.get(w).copied() {
                    Some(0) => {
                        set(&mut state, w, 1);
                        discovery.push(w);
                        stack.push((w, 0));
                    }
                    Some(1) => set(&mut reversed, ei, true),
                    _ => {}
                },
                None => {
                    set(&mut state, v, 2);
                    stack.pop();
                }
            }
        }
    }

    // 2. Longest-path layers over the acyclic edges.
    let dag = |ei: usize| -> Option<(usize, usize)> {
        let e = g.edges.get(ei)?;
        if e.from == e.to || e.from >= n || e.to >= n {
            return None;
        }
        Some(if reversed.get(ei).copied().unwrap_or(false) {
            (e.to, e.from)
        } else {
            (e.from, e.to)
        })
    };
    let mut dag_out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    for ei in 0..g.edges.len() {
        if let Some((a, b)) = dag(ei) {
            if let Some(l) = dag_out.get_mut(a) {
                l.push((b, ei));
            }
            if let Some(d) = indegree.get_mut(b) {
                *d += 1;
            }
        }
    }
    let mut queue: std::collections::VecDeque<usize> = discovery
        .iter()
        .copied()
        .filter(|&v| indegree.get(v) == Some(&0))
        .collect();
    while let Some(v) = queue.pop_front() {
        let lv = ln.get(v).map_or(0, |x| x.layer);
        for &(w, ei) in dag_out.get(v).map_or(&[][..], Vec::as_slice) {
            let minlen = if labelled(ei) { 2 } else { 1 };
            if let Some(node) = ln.get_mut(w) {
                node.layer = node.layer.max(lv + minlen);
            }
            if let Some(d) = indegree.get_mut(w) {
                *d -= 1;
                if *d == 0 {
                    queue.push_back(w);
                }
            }
        }
    }

    // 3. Dummies, and the layers in discovery order.
    let layer_count = ln.iter().map(|x| x.layer + 1).max().unwrap_or(0);
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    let budget = 20_000usize.max(n.saturating_mul(8));
    let mut dummies = 0usize;
    let mut chains: Vec<Option<Vec<usize>>> = vec![None; g.edges.len()];
    let mut label_node: Vec<Option<usize>> = vec![None; g.edges.len()];
    for &v in &discovery {
        let lv = ln.get(v).map_or(0, |x| x.layer);
        if let Some(layer) = layers.get_mut(lv) {
            layer.push(v);
        }
        for &(w, ei) in dag_out.get(v).map_or(&[][..], Vec::as_slice) {
            let lw = ln.get(w).map_or(0, |x| x.layer);
            let span = lw.saturating_sub(lv);
            let mut chain = vec![v];
            if span > 1 && dummies + span - 1 <= budget {
                for l in lv + 1..lw {
                    let d = ln.len();
                    let first = l == lv + 1 && labelled(ei);
                    if first {
                        set(&mut label_node, ei, Some(d));
                    }
                    ln.push(LNode {
                        layer: l,
                        w: if first {
                            label_widths.get(ei).copied().unwrap_or(DUMMY_WIDTH)
                        } else {
                            DUMMY_WIDTH
                        },
                        h: if first { LABEL_HEIGHT } else { 0.0 },
                        ..LNode::default()
                    });
                    if let Some(layer) = layers.get_mut(l) {
                        layer.push(d);
                    }
                    chain.push(d);
                    dummies += 1;
                }
            }
            chain.push(w);
            for pair in chain.windows(2) {
                if let [a, b] = *pair {
                    if ln.get(b).map(|x| x.layer) == ln.get(a).map(|x| x.layer + 1) {
                        if let Some(x) = ln.get_mut(a) {
                            x.down.push(b);
                        }
                        if let Some(x) = ln.get_mut(b) {
                            x.up.push(a);
                        }
                    }
                }
            }
            set(&mut chains, ei, Some(chain));
        }
    }
    renumber(&layers, &mut ln);

    // 4. Crossing reduction: barycenter sweeps.
    for _ in 0..ORDER_SWEEPS {
        for l in 1..layers.len() {
            sort_layer(&mut layers, l, &mut ln, true);
        }
        for l in (0..layers.len().saturating_sub(1)).rev() {
            sort_layer(&mut layers, l, &mut ln, false);
        }
    }

    // 5. Coordinates.
    for layer in &layers {
        let mut left = 0.0;
        for &v in layer {
            if let Some(x) = ln.get_mut(v) {
                x.x = left + x.w / 2.0;
                left += x.w + NODE_GAP;
            }
        }
    }
    for _ in 0..X_PASSES {
        for l in 1..layers.len() {
            place_layer(&layers, l, &mut ln, true);
        }
        for l in (0..layers.len().saturating_sub(1)).rev() {
            place_layer(&layers, l, &mut ln, false);
        }
    }
    let min_left = ln
        .iter()
        .map(|x| x.x - x.w / 2.0)
        .fold(f64::INFINITY, f64::min);
    let shift = if min_left.is_finite() {
        MARGIN - min_left
    } else {
        MARGIN
    };
    let mut layer_y = Vec::with_capacity(layers.len());
    let mut top = MARGIN;
    for layer in &layers {
        let h = layer
            .iter()
            .filter_map(|&v| ln.get(v))
            .map(|x| x.h)
            .fold(0.0, f64::max);
        layer_y.push(top + h / 2.0);
        top += h + LAYER_GAP;
    }
    let boxes: Vec<NodeBox> = ln
        .iter()
        .map(|x| NodeBox {
            x: (x.x + shift).round(),
            y: layer_y.get(x.layer).copied().unwrap_or(MARGIN).round(),
            w: x.w,
            h: x.h,
        })
        .collect();

    // 6. Edges.
    let edges: Vec<Vec<(f64, f64)>> = g
        .edges
        .iter()
        .enumerate()
        .map(|(ei, e)| {
            if e.from == e.to {
                let Some(b) = boxes.get(e.from) else {
                    return Vec::new();
                };
                let right = b.x + b.w / 2.0;
                return vec![
                    (right, b.y - 8.0),
                    (right + 22.0, b.y - 8.0),
                    (right + 22.0, b.y + 8.0),
                    (right, b.y + 8.0),
                ];
            }
            let Some(Some(chain)) = chains.get(ei) else {
                return Vec::new();
            };
            let mut pts: Vec<(f64, f64)> = Vec::with_capacity(chain.len());
            for (k, &v) in chain.iter().enumerate() {
                let Some(b) = boxes.get(v) else { continue };
                let y = if k == 0 {
                    b.y + b.h / 2.0
                } else if k + 1 == chain.len() {
                    b.y - b.h / 2.0
                } else {
                    b.y
                };
                pts.push((b.x, y));
            }
            if reversed.get(ei).copied().unwrap_or(false) {
                pts.reverse();
                // Leave the source by its top and reach the target's bottom.
                if let (Some(first), Some(b)) = (pts.first_mut(), boxes.get(e.from)) {
                    first.1 = b.y - b.h / 2.0;
                }
                if let (Some(last), Some(b)) = (pts.last_mut(), boxes.get(e.to)) {
                    last.1 = b.y + b.h / 2.0;
                }
            }
            pts
        })
        .collect();

    let mut edges = edges;
    spread_ports(g, &boxes, &mut edges);

    let labels: Vec<Option<(f64, f64)>> = (0..g.edges.len())
        .map(|ei| {
            if let Some(Some(d)) = label_node.get(ei) {
                return boxes.get(*d).map(|b| (b.x, b.y));
            }
            if !labelled(ei) {
                return None;
            }
            // No dummy (a self loop, or past the budget): the middle of the first segment.
            match edges.get(ei).map(Vec::as_slice) {
                Some([(x0, y0), (x1, y1), ..]) => {
                    Some((((x0 + x1) / 2.0).round(), ((y0 + y1) / 2.0).round()))
                }
                _ => None,
            }
        })
        .collect();

    // Clusters: the box around every node inside (nested clusters included).
    let mut clusters: Vec<Option<Rect>> = vec![None; g.clusters.len()];
    for (i, node) in g.nodes.iter().enumerate() {
        let Some(b) = boxes.get(i) else { continue };
        let mut c = node.cluster;
        let mut depth = 0;
        while let Some(ci) = c {
            let pad = 12.0 + 8.0 * depth as f64;
            if let Some(slot) = clusters.get_mut(ci) {
                // Room for the cluster's label under its last node.
                let r = Rect {
                    x: b.x - b.w / 2.0 - pad,
                    y: b.y - b.h / 2.0 - pad,
                    w: b.w + 2.0 * pad,
                    h: b.h + 2.0 * pad + 14.0,
                };
                *slot = Some(match *slot {
                    None => r,
                    Some(o) => union(o, r),
                });
            }
            c = g.clusters.get(ci).and_then(|cl| cl.parent);
            depth += 1;
            if depth > super::MAX_CLUSTER_DEPTH {
                break;
            }
        }
    }
    let mut width = boxes.iter().map(|b| b.x + b.w / 2.0).fold(0.0, f64::max);
    let mut height = boxes.iter().map(|b| b.y + b.h / 2.0).fold(0.0, f64::max);
    for r in clusters.iter().flatten() {
        width = width.max(r.x + r.w);
        height = height.max(r.y + r.h);
    }
    for p in edges.iter().flatten() {
        width = width.max(p.0);
    }
    Layout {
        nodes: boxes.into_iter().take(n).collect(),
        edges,
        labels,
        clusters,
        width: (width + MARGIN).ceil(),
        height: (height + MARGIN).ceil(),
    }
}

/// Edges meeting a node's top (or bottom) at one point are spread along
/// that side, in the order of where they come from, so they stay apart.
/// Branches keep their tips (a diamond has no flat side).
fn spread_ports(g: &Graph, boxes: &[NodeBox], edges: &mut [Vec<(f64, f64)>]) {
    // (node, bottom side, neighbour x, edge, at the path's end)
    let mut ends: Vec<(usize, bool, f64, usize, bool)> = Vec::new();
    for (ei, e) in g.edges.iter().enumerate() {
        let Some(pts) = edges.get(ei) else { continue };
        if e.from == e.to || pts.len() < 2 {
            continue;
        }
        for (node, at_end) in [(e.from, false), (e.to, true)] {
            let (Some(b), Some(n)) = (boxes.get(node), g.nodes.get(node)) else {
                continue;
            };
            if n.kind == super::NodeKind::Branch {
                continue;
            }
            let (own, nbr) = if at_end {
                (pts.last(), pts.get(pts.len() - 2))
            } else {
                (pts.first(), pts.get(1))
            };
            let (Some(own), Some(nbr)) = (own, nbr) else {
                continue;
            };
            ends.push((node, own.1 > b.y, nbr.0, ei, at_end));
        }
    }
    ends.sort_by(|a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then(a.2.total_cmp(&b.2))
            .then((a.3, a.4).cmp(&(b.3, b.4)))
    });
    for group in ends.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        let Some(&(node, _, _, _, _)) = group.first() else {
            continue;
        };
        let Some(b) = boxes.get(node) else { continue };
        let m = group.len();
        if m < 2 {
            continue;
        }
        let step = (b.w * 0.5 / (m - 1) as f64).min(14.0);
        for (k, &(_, _, _, ei, at_end)) in group.iter().enumerate() {
            let x = (b.x + (k as f64 - (m - 1) as f64 / 2.0) * step).round();
            let Some(pts) = edges.get_mut(ei) else {
                continue;
            };
            let slot = if at_end {
                pts.last_mut()
            } else {
                pts.first_mut()
            };
            if let Some(p) = slot {
                p.0 = x;
            }
        }
    }
}

fn union(a: Rect, b: Rect) -> Rect {
    let x = a.x.min(b.x);
    let y = a.y.min(b.y);
    let right = (a.x + a.w).max(b.x + b.w);
    let bottom = (a.y + a.h).max(b.y + b.h);
    Rect {
        x,
        y,
        w: right - x,
        h: bottom - y,
    }
}

fn set<T>(v: &mut [T], i: usize, x: T) {
    if let Some(slot) = v.get_mut(i) {
        *slot = x;
    }
}

fn renumber(layers: &[Vec<usize>], ln: &mut [LNode]) {
    for layer in layers {
        for (p, &v) in layer.iter().enumerate() {
            if let Some(x) = ln.get_mut(v) {
                x.pos = p;
            }
        }
    }
}

/// Orders layer `l` by the mean position of its neighbours in the layer
/// above (`down` sweep) or below; a node with none keeps its place.
fn sort_layer(layers: &mut [Vec<usize>], l: usize, ln: &mut [LNode], from_above: bool) {
    let Some(layer) = layers.get(l) else { return };
    let mut keyed: Vec<(f64, usize, usize)> = layer
        .iter()
        .map(|&v| {
            let Some(node) = ln.get(v) else {
                return (0.0, 0, v);
            };
            let nbrs = if from_above { &node.up } else { &node.down };
            let key = if nbrs.is_empty() {
                node.pos as f64
            } else {
                let sum: f64 = nbrs
                    .iter()
                    .filter_map(|&u| ln.get(u))
                    .map(|u| u.pos as f64)
                    .sum();
                sum / nbrs.len() as f64
            };
            (key, node.pos, v)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let new: Vec<usize> = keyed.into_iter().map(|(_, _, v)| v).collect();
    for (p, &v) in new.iter().enumerate() {
        if let Some(x) = ln.get_mut(v) {
            x.pos = p;
        }
    }
    if let Some(slot) = layers.get_mut(l) {
        *slot = new;
    }
}

/// Moves layer `l`'s nodes towards the mean x of their neighbours above (or
/// below), keeping order and gaps, then shifts the layer so it sits on
/// average where its nodes wish to be.
fn place_layer(layers: &[Vec<usize>], l: usize, ln: &mut [LNode], from_above: bool) {
    let Some(layer) = layers.get(l) else { return };
    let wish: Vec<f64> = layer
        .iter()
        .map(|&v| {
            let Some(node) = ln.get(v) else { return 0.0 };
            let nbrs = if from_above { &node.up } else { &node.down };
            if nbrs.is_empty() {
                node.x
            } else {
                let sum: f64 = nbrs.iter().filter_map(|&u| ln.get(u)).map(|u| u.x).sum();
                sum / nbrs.len() as f64
            }
        })
        .collect();
    let mut xs: Vec<f64> = Vec::with_capacity(layer.len());
    let mut prev: Option<(f64, f64)> = None; // (x, w)
    for (k, &v) in layer.iter().enumerate() {
        let w = ln.get(v).map_or(0.0, |x| x.w);
        let mut x = wish.get(k).copied().unwrap_or(0.0);
        if let Some((px, pw)) = prev {
            x = x.max(px + (pw + w) / 2.0 + NODE_GAP);
        }
        xs.push(x);
        prev = Some((x, w));
    }
    if xs.is_empty() {
        return;
    }
    let drift: f64 = wish.iter().zip(&xs).map(|(w, x)| w - x).sum::<f64>() / xs.len() as f64;
    for (&v, x) in layer.iter().zip(xs) {
        if let Some(node) = ln.get_mut(v) {
            node.x = x + drift;
        }
    }
}
