//! `ssmc graph`: the pictures of every example, of fixtures covering each
//! flow construct, and of every corpus document.
//!
//! Input: `examples/*.rbk`, `tests/fixtures/graph/*` (`.rbk`, `.json`,
//! `.yaml`), `../shared/corpus` when present.
//! Asserts: the Mermaid and DOT of each example and fixture (snapshots, with
//! the source and the flow faults); the SVG is well-formed XML with one
//! `data-step` group per step; every format is byte-identical across runs;
//! every corpus document draws in all three formats; 10,000 steps draw.

use std::path::{Path, PathBuf};

use ssmc_core::codegen::{read, Format};
use ssmc_core::graph::{self, Graph};
use ssmc_core::model::Document;
use ssmc_core::SourceMap;
use ssmc_tests::{compile, corpus_files, describe, files_in, repo_root};

/// The document of a runbook or a raw document, its flow faults, and the sources.
fn load(path: &Path) -> (Document, String, SourceMap) {
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match Format::from_path_ext(&path.to_string_lossy()) {
        Some(fmt) => {
            let text = std::fs::read_to_string(path).expect("readable fixture");
            let mut sources = SourceMap::new();
            let id = sources.add(path.display().to_string(), &text);
            let src = sources.get(id).map(|f| f.text.clone()).unwrap_or_default();
            let doc = read::read_document(id, &name, &src, fmt).expect("a readable SSM document");
            (doc, String::new(), sources)
        }
        None => {
            let (result, sources) = compile(&[path.to_path_buf()]);
            let doc = result
                .documents()
                .next()
                .map(|(_, d)| d.clone())
                .expect("the runbook lowers");
            (doc, String::new(), sources)
        }
    }
}

fn picture_text(path: &Path) -> String {
    let (doc, _, sources) = load(path);
    let (g, faults) = graph::draw(&doc);
    let source = std::fs::read_to_string(path).unwrap_or_default();
    format!(
        "---- source ----\n{source}\n---- faults ----\n{}\n---- mermaid ----\n{}\n---- dot ----\n{}",
        describe(&faults, &sources),
        graph::mermaid::render(&g),
        graph::dot::render(&g)
    )
}

fn snapshot_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().replace('.', "_"))
        .unwrap_or_default()
}

fn fixtures() -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = ["rbk", "json", "yaml"]
        .iter()
        .flat_map(|ext| files_in("tests/fixtures/graph", ext))
        .collect();
    all.sort();
    all
}

#[test]
fn every_example_draws_as_mermaid_and_dot() {
    let examples = files_in("examples", "rbk");
    assert!(examples.len() >= 7, "examples/ lists the shipped runbooks");
    for path in examples {
        insta::assert_snapshot!(
            format!("example_{}", snapshot_name(&path)),
            picture_text(&path)
        );
    }
}

#[test]
fn every_flow_construct_draws_as_mermaid_and_dot() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 6, "{fixtures:?}");
    for path in fixtures {
        insta::assert_snapshot!(
            format!("fixture_{}", snapshot_name(&path)),
            picture_text(&path)
        );
    }
}

/// Every step has exactly one `<g data-step>`; the SVG parses as XML.
fn assert_svg_ok(svg: &str, g: &Graph, what: &str) {
    let xml =
        roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{what}: SVG is not XML: {e}"));
    let mut drawn: Vec<String> = xml
        .descendants()
        .filter(|n| n.has_tag_name("g"))
        .filter_map(|n| n.attribute("data-step").map(str::to_string))
        .collect();
    let mut steps: Vec<String> = g.nodes.iter().filter_map(|n| n.step.clone()).collect();
    drawn.sort();
    steps.sort();
    assert_eq!(drawn, steps, "{what}: data-step groups");
    for s in &steps {
        assert!(
            xml.descendants()
                .any(|n| n.text() == Some(s.as_str()) || s.chars().count() > 48),
            "{what}: step name `{s}` is not drawn"
        );
    }
}

#[test]
fn svg_is_well_formed_has_every_step_and_is_deterministic() {
    for path in files_in("examples", "rbk").into_iter().chain(fixtures()) {
        let (doc, _, _) = load(&path);
        let g = graph::of_document(&doc);
        let svg = graph::svg::render(&g);
        assert_svg_ok(&svg, &g, &path.display().to_string());
        let (doc2, _, _) = load(&path);
        let g2 = graph::of_document(&doc2);
        assert_eq!(
            svg,
            graph::svg::render(&g2),
            "{}: SVG differs between runs",
            path.display()
        );
        assert_eq!(graph::mermaid::render(&g), graph::mermaid::render(&g2));
        assert_eq!(graph::dot::render(&g), graph::dot::render(&g2));
    }
}

#[test]
fn faults_are_marked_in_the_picture() {
    let path = repo_root().join("tests/fixtures/graph/faults.json");
    let (doc, _, _) = load(&path);
    let g = graph::of_document(&doc);
    let svg = graph::svg::render(&g);
    let xml = roxmltree::Document::parse(&svg).expect("XML");
    let class_of = |step: &str| {
        xml.descendants()
            .find(|n| n.attribute("data-step") == Some(step))
            .and_then(|n| n.attribute("class"))
            .map(str::to_string)
    };
    assert_eq!(class_of("Orphan").as_deref(), Some("node wait unreachable"));
    assert_eq!(class_of("First").as_deref(), Some("node wait"));
    let missing: Vec<_> = xml
        .descendants()
        .filter(|n| n.attribute("class") == Some("node missing"))
        .collect();
    assert_eq!(missing.len(), 2, "Finsh and Cleanup");
}

#[test]
fn every_corpus_document_draws_in_all_three_formats() {
    let files = corpus_files();
    if files.is_empty() {
        eprintln!("skipped: ../shared/corpus is absent");
        return;
    }
    let mut drawn = 0;
    let mut not_ssm = Vec::new();
    for path in &files {
        let Some(fmt) = Format::from_path_ext(&path.to_string_lossy()) else {
            continue;
        };
        let text = std::fs::read_to_string(path).expect("readable corpus file");
        let mut sources = SourceMap::new();
        let id = sources.add(path.display().to_string(), &text);
        let src = sources.get(id).map(|f| f.text.clone()).unwrap_or_default();
        let doc = match read::read_document(id, "Doc", &src, fmt) {
            Ok(d) => d,
            Err(diags) => {
                not_ssm.push(format!(
                    "{}: {}",
                    path.display(),
                    describe(&diags, &sources)
                ));
                continue;
            }
        };
        let g = graph::of_document(&doc);
        assert!(graph::mermaid::render(&g).starts_with("flowchart TD\n"));
        assert!(graph::dot::render(&g).ends_with("}\n"));
        assert_svg_ok(&graph::svg::render(&g), &g, &path.display().to_string());
        drawn += 1;
    }
    assert!(
        not_ssm.is_empty(),
        "corpus documents that did not read:\n{}",
        not_ssm.join("\n")
    );
    assert!(drawn > 300, "only {drawn} corpus documents drawn");
}

/// A generated automation of `n` steps: runs of plain steps, a branch every
/// 10 steps jumping ahead, failure handlers to a shared tail, backward
/// retries on failure (tests/graph-render/big.py writes the same).
pub fn big_document(n: usize) -> String {
    let mut steps = Vec::new();
    for i in 0..n {
        let step = if i % 10 == 0 && i + 12 < n {
            format!(
                r#"{{"name":"S{i}","action":"aws:branch","inputs":{{"Choices":[{{"NextStep":"S{}","Variable":"{{{{ P }}}}","StringEquals":"x{i}"}}],"Default":"S{}"}}}}"#,
                i + 5,
                i + 1
            )
        } else if i % 7 == 3 && i > 20 {
            format!(
                r#"{{"name":"S{i}","action":"aws:executeAwsApi","inputs":{{"Service":"ec2","Api":"DescribeInstances"}},"onFailure":"step:S{}"}}"#,
                i - 20
            )
        } else {
            format!(
                r#"{{"name":"S{i}","action":"aws:sleep","inputs":{{"Duration":"PT1S"}},"onFailure":"step:S{}"}}"#,
                n - 1
            )
        };
        steps.push(step);
    }
    format!(
        r#"{{"schemaVersion":"0.3","parameters":{{"P":{{"type":"String"}}}},"mainSteps":[{}]}}"#,
        steps.join(",")
    )
}

#[test]
fn ten_thousand_steps_draw() {
    let text = big_document(10_000);
    let doc = read::read_document(ssmc_core::FileId(0), "Big", &text, Format::Json).expect("valid");
    let started = std::time::Instant::now();
    let (g, faults) = graph::draw(&doc);
    assert!(
        faults.is_empty(),
        "the generated document is sound: {}",
        faults.len()
    );
    let svg = graph::svg::render(&g);
    let mermaid = graph::mermaid::render(&g);
    let dot = graph::dot::render(&g);
    let took = started.elapsed();
    assert_eq!(g.nodes.iter().filter(|n| n.step.is_some()).count(), 10_000);
    assert!(svg.matches("data-step=").count() == 10_000);
    assert!(mermaid.lines().count() > 10_000 && dot.lines().count() > 10_000);
    // Unoptimised test builds are ~10x slower than release; the bound only catches blow-ups.
    assert!(took.as_secs() < 120, "10,000 steps took {took:?}");
}

/// The README's picture and the picture its `RestartService` step links to,
/// drawn as `ssmc graph examples/X.rbk --format svg` draws them: a call to
/// another example links to that example's picture, named after its file.
#[test]
fn readme_picture_is_up_to_date() {
    let examples: Vec<(String, String)> = files_in("examples", "rbk")
        .iter()
        .map(|p| {
            let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned());
            (load(p).0.name, stem.unwrap_or_default())
        })
        .collect();
    for stem in ["incident-remediation", "restart-service"] {
        let (doc, _, _) = load(&repo_root().join(format!("examples/{stem}.rbk")));
        let mut g = graph::of_document(&doc);
        graph::links::link_calls(&mut g, &doc, |written| {
            let (_, file) = examples.iter().find(|(name, _)| name == written)?;
            Some(format!("{file}.svg"))
        });
        let fresh = graph::svg::render(&g);
        let picture = format!("docs/images/{stem}.svg");
        let checked_in = std::fs::read_to_string(repo_root().join(&picture))
            .unwrap_or_else(|_| panic!("{picture} exists"));
        assert!(
            fresh == checked_in,
            "{picture} is out of date: run tests/graph-render/regenerate.sh"
        );
    }
    let incident =
        std::fs::read_to_string(repo_root().join("docs/images/incident-remediation.svg"))
            .expect("picture");
    assert!(
        incident.contains("<a href=\"restart-service.svg\""),
        "the README picture links the RestartService step to its picture"
    );
    let readme = std::fs::read_to_string(repo_root().join("README.md")).expect("README");
    assert!(
        readme.contains("docs/images/incident-remediation.svg"),
        "the README shows the picture"
    );
}
