//! Unit tests of the drawable graph: kinds, labels, faults.

use super::*;
use crate::codegen::read::{read_document, Format};
use crate::span::FileId;

fn graph_of(json: &str) -> Graph {
    let doc = read_document(FileId(0), "Doc", json, Format::Json).expect("a valid document");
    of_document(&doc)
}

#[test]
fn choice_labels_are_conditions_and_default_is_else() {
    let g = graph_of(
        r#"{"schemaVersion":"0.3","parameters":{"Env":{"type":"String"}},"mainSteps":[
        {"name":"B","action":"aws:branch","inputs":{"Choices":[
          {"NextStep":"P","Variable":"{{ Env }}","StringEquals":"prod"}],"Default":"Q"}},
        {"name":"P","action":"aws:sleep","inputs":{"Duration":"PT1S"},"isEnd":true},
        {"name":"Q","action":"aws:sleep","inputs":{"Duration":"PT1S"}}]}"#,
    );
    let labels: Vec<Option<&str>> = g.edges.iter().map(|e| e.label.as_deref()).collect();
    assert!(labels.contains(&Some("Env == \"prod\"")), "{labels:?}");
    assert!(labels.contains(&Some("else")), "{labels:?}");
    assert_eq!(g.nodes.first().map(|n| n.kind), Some(NodeKind::Branch));
    assert_eq!(g.nodes.get(1).map(|n| n.kind), Some(NodeKind::Wait));
}

#[test]
fn dangling_targets_get_one_missing_node_and_unreachable_steps_are_flagged() {
    let g = graph_of(
        r#"{"schemaVersion":"0.3","mainSteps":[
        {"name":"A","action":"aws:sleep","inputs":{"Duration":"PT1S"},"nextStep":"Nope","onFailure":"step:Nope"},
        {"name":"B","action":"aws:sleep","inputs":{"Duration":"PT1S"}}]}"#,
    );
    let missing: Vec<&GraphNode> = g
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Missing)
        .collect();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing.first().map(|n| n.title.as_str()), Some("Nope"));
    assert_eq!(
        g.edges
            .iter()
            .filter(|e| e.style == EdgeStyle::Fault)
            .count(),
        2
    );
    assert_eq!(g.nodes.get(1).map(|n| n.unreachable), Some(true));
    assert_eq!(g.nodes.first().map(|n| n.unreachable), Some(false));
}

#[test]
fn schema_1_2_plugins_run_in_order() {
    let g = graph_of(
        r#"{"schemaVersion":"1.2","runtimeConfig":{
        "aws:runShellScript":{"properties":[{"runCommand":["echo a"]}]},
        "aws:runPowerShellScript":{"properties":[{"runCommand":["echo b"]}]}}}"#,
    );
    let names: Vec<&str> = g.nodes.iter().map(|n| n.title.as_str()).collect();
    assert_eq!(
        names,
        [
            "aws:runShellScript",
            "aws:runPowerShellScript",
            "start",
            "end"
        ]
    );
    let pairs: Vec<(usize, usize)> = g.edges.iter().map(|e| (e.from, e.to)).collect();
    assert_eq!(pairs, [(2, 0), (0, 1), (1, 3)]);
}

#[test]
fn mermaid_labels_cannot_break_out_of_their_quotes() {
    assert_eq!(
        mermaid::text(r#"a "b" <c> #d | `e`"#),
        "a #quot;b#quot; #lt;c#gt; #35;d #124; #96;e#96;"
    );
    assert_eq!(dot::quote("a \"b\" \\ c\nd"), r#""a \"b\" \\ c\nd""#);
}

#[test]
fn loops_are_clusters_and_a_jump_into_a_body_is_a_fault_edge() {
    let g = graph_of(
        r#"{"schemaVersion":"0.3","mainSteps":[
        {"name":"Before","action":"aws:sleep","inputs":{"Duration":"PT1S"},"nextStep":"Inner"},
        {"name":"Each","action":"aws:loop","inputs":{"Iterators":["a","b"],"Steps":[
          {"name":"Inner","action":"aws:sleep","inputs":{"Duration":"PT1S"},"nextStep":"After"}]}},
        {"name":"After","action":"aws:sleep","inputs":{"Duration":"PT1S"}}]}"#,
    );
    assert_eq!(g.clusters.len(), 1);
    let inner = g
        .nodes
        .iter()
        .position(|n| n.title == "Inner")
        .expect("Inner");
    let each = g
        .nodes
        .iter()
        .position(|n| n.title == "Each")
        .expect("Each");
    assert_eq!(g.nodes.get(inner).and_then(|n| n.cluster), Some(0));
    assert_eq!(g.nodes.get(each).and_then(|n| n.cluster), Some(0));
    assert_eq!(g.clusters.first().map(|c| c.loop_node), Some(each));
    let into: Vec<&GraphEdge> = g.edges.iter().filter(|e| e.to == inner).collect();
    assert!(
        into.iter()
            .any(|e| e.from == 0 && e.style == EdgeStyle::Fault),
        "{into:?}"
    );
    assert!(into
        .iter()
        .any(|e| e.from == each && e.label.as_deref() == Some("each")));
    // The jump out of the body is an ordinary edge.
    let after = g
        .nodes
        .iter()
        .position(|n| n.title == "After")
        .expect("After");
    assert!(g
        .edges
        .iter()
        .any(|e| e.from == inner && e.to == after && e.style == EdgeStyle::Success));
    // No missing node: the target exists.
    assert!(g.nodes.iter().all(|n| n.kind != NodeKind::Missing));
}

#[test]
fn svg_escapes_user_text_and_marks_steps() {
    let g = graph_of(
        r#"{"schemaVersion":"0.3","mainSteps":[
        {"name":"A<&\"'>","action":"aws:sleep","inputs":{"Duration":"PT1S"}}]}"#,
    );
    let svg = svg::render(&g);
    assert!(
        svg.contains(r#"data-step="A&lt;&amp;&quot;&apos;&gt;""#),
        "{svg}"
    );
    assert!(!svg.contains("A<&"), "raw user text in the SVG");
    assert_eq!(svg, svg::render(&g), "deterministic");
}

/// A document with a loop whose body starts an automation, a Command call
/// and a call whose name is computed at run time.
const CALLS: &str = r#"{"schemaVersion":"0.3","parameters":{"Doc":{"type":"String"}},"mainSteps":[
  {"name":"Child","action":"aws:executeAutomation","inputs":{"DocumentName":"Restart Service\"<&>"}},
  {"name":"Each","action":"aws:loop","inputs":{"Iterators":["a"],"Steps":[
    {"name":"Run","action":"aws:runCommand","inputs":{"DocumentName":"AWS-RunShellScript","InstanceIds":["i-1"],"Parameters":{"commands":["true"]}}}]}},
  {"name":"Dynamic","action":"aws:executeAutomation","inputs":{"DocumentName":"{{ Doc }}"}}]}"#;

#[test]
fn calls_to_documents_with_a_picture_link_to_it_in_every_format() {
    let doc = read_document(FileId(0), "Doc", CALLS, Format::Json).expect("a valid document");
    let names = links::called_names(&doc);
    assert_eq!(names.get("Child"), Some(&"Restart Service\"<&>"));
    assert_eq!(
        names.get("Run"),
        Some(&"AWS-RunShellScript"),
        "a loop body's call"
    );
    assert_eq!(names.get("Dynamic"), Some(&"{{ Doc }}"));
    let mut g = of_document(&doc);
    // Only the first name has a picture here (the CLI's project lookup).
    links::link_calls(&mut g, &doc, |written| {
        written
            .starts_with("Restart")
            .then(|| format!("{written}.svg"))
    });
    let linked: Vec<(&str, &str)> = g
        .nodes
        .iter()
        .filter_map(|n| Some((n.step.as_deref()?, n.link.as_ref()?.href.as_str())))
        .collect();
    assert_eq!(
        linked,
        [("Child", "Restart%20Service%22%3C%26%3E.svg")],
        "percent-encoded, on the calling step only"
    );

    let mermaid = mermaid::render(&g);
    assert!(
        mermaid.contains(r#"click s0 href "Restart%20Service%22%3C%26%3E.svg" "open Restart Service#quot;#lt;#amp;#gt;""#),
        "{mermaid}"
    );
    assert_eq!(mermaid.matches("click ").count(), 1, "{mermaid}");
    let dot = dot::render(&g);
    assert!(
        dot.contains(
            r#"URL="Restart%20Service%22%3C%26%3E.svg", tooltip="open Restart Service\"<&>""#
        ),
        "{dot}"
    );
    let svg = svg::render(&g);
    assert!(svg.contains(r#"xmlns:xlink="http://www.w3.org/1999/xlink""#));
    assert!(
        svg.contains(r#"<a href="Restart%20Service%22%3C%26%3E.svg" xlink:href="Restart%20Service%22%3C%26%3E.svg">"#),
        "{svg}"
    );
    assert_eq!(svg.matches("<a ").count(), svg.matches("</a>").count());

    // Without links the picture is as before: no XLink namespace, no anchors.
    let plain = svg::render(&of_document(&doc));
    assert!(
        !plain.contains("xlink") && !plain.contains("<a "),
        "{plain}"
    );
}
