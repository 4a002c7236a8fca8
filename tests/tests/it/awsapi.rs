//! Mutation recall of the AWS API checks over real corpus steps.
//!
//! From every `aws:executeAwsApi`/wait/assert step of `../shared/corpus`
//! whose original checks clean, mutants are made in the document model: a
//! character dropped from the API name, from a parameter name and from a
//! selector member; a required parameter dropped; a list parameter given as a
//! scalar and a scalar string as a two-element list. Each mutant must be
//! reported on its step with the expected code, and the suggestion (where one
//! applies) must name the original. Mutants equal to another valid name are
//! not faults and are skipped. Skips cleanly when the corpus is absent.

use std::collections::BTreeMap;

use ssmc_core::awsapi::{self, names, ShapeKind};
use ssmc_core::catalog::{self, Catalog};
use ssmc_core::check::check_document;
use ssmc_core::codegen::{self, read::read_document};
use ssmc_core::diagnostic::Diagnostic;
use ssmc_core::model::{Document, Key, Node, Value};
use ssmc_core::span::{SourceMap, Span};
use ssmc_tests::corpus_dir;

const ACTIONS: &[&str] = &[
    "aws:executeAwsApi",
    "aws:waitForAwsResourceProperty",
    "aws:assertAwsResourceProperty",
];

/// `name` without its character at the middle (a one-character slip).
fn drop_char(name: &str) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    if chars.len() < 4 {
        return None;
    }
    let at = chars.len() / 2;
    Some(
        chars
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != at)
            .map(|(_, c)| c)
            .collect(),
    )
}

struct Mutant {
    kind: &'static str,
    doc: Document,
    code: &'static str,
    /// The help must contain this (`did you mean `X`?`), or the message must name it.
    expect: Option<String>,
    /// The same place with a name nothing resembles: when even that is not
    /// reported, the place takes any key (a map) and the mutant is no fault.
    control: Option<Document>,
}

fn steps_mut(doc: &mut Document) -> &mut Vec<ssmc_core::model::Step> {
    doc.steps.get_or_insert_with(Vec::new)
}

fn inputs_mut(doc: &mut Document, step: usize) -> Option<&mut Vec<(Key, Node)>> {
    match &mut steps_mut(doc).get_mut(step)?.inputs.as_mut()?.value {
        Value::Map(m) => Some(m),
        _ => None,
    }
}

fn mutants(doc: &Document, step: usize) -> Vec<Mutant> {
    let mut out = Vec::new();
    let Some(s) = doc.steps.as_ref().and_then(|v| v.get(step)) else {
        return out;
    };
    let Some(inputs) = s.inputs.as_ref() else {
        return out;
    };
    let cat = awsapi::catalog();
    let (Some(service), Some(api)) = (
        inputs.get("Service").and_then(Node::as_str),
        inputs.get("Api").and_then(Node::as_str),
    ) else {
        return out;
    };
    let Some(entry) = names::service(cat, service) else {
        return out;
    };
    let svc = cat.decoded(entry);
    let Some((op, _)) = names::operation(svc, api) else {
        return out;
    };
    let own = ["Service", "Api", "PropertySelector", "DesiredValues"];
    // 1. The API name a character off.
    if let Some(bad) = drop_char(api).filter(|b| names::operation(svc, b).is_none()) {
        let mut d = doc.clone();
        if let Some(m) = inputs_mut(&mut d, step) {
            for (k, v) in m.iter_mut() {
                if k.name == "Api" {
                    v.value = Value::String(bad.clone());
                }
            }
        }
        out.push(Mutant {
            kind: "api name",
            doc: d,
            code: "E1028",
            expect: Some(api.to_string()),
            control: None,
        });
    }
    let members: Vec<(String, bool, u32)> =
        match op.input.and_then(|i| svc.shape(i)).map(|s| &s.kind) {
            Some(ShapeKind::Structure { members, .. }) => members
                .iter()
                .map(|m| (m.name.clone(), m.required, m.shape))
                .collect(),
            _ => Vec::new(),
        };
    let params: Vec<&(Key, Node)> = inputs
        .as_map()
        .unwrap_or(&[])
        .iter()
        .filter(|(k, _)| !own.contains(&k.name.as_str()))
        .collect();
    // 2. A parameter name a character off (the first non-null parameter: SSM drops nulls).
    if let Some((key, _)) = params.iter().find(|(_, v)| v.value != Value::Null) {
        let taken = |b: &str| members.iter().any(|m| m.0 == b) || own.contains(&b);
        if let Some(bad) = drop_char(&key.name).filter(|b| !taken(b)) {
            let mut d = doc.clone();
            let orig = key.name.clone();
            if let Some(m) = inputs_mut(&mut d, step) {
                for (k, _) in m.iter_mut() {
                    if k.name == orig {
                        k.name = bad.clone();
                    }
                }
            }
            out.push(Mutant {
                kind: "parameter name",
                doc: d,
                code: "E1029",
                expect: Some(orig),
                control: None,
            });
        }
    }
    // 3. A required parameter dropped.
    if let Some((name, _, _)) = members.iter().find(|m| m.1) {
        if params.iter().any(|(k, _)| &k.name == name) {
            let mut d = doc.clone();
            if let Some(m) = inputs_mut(&mut d, step) {
                m.retain(|(k, _)| &k.name != name);
            }
            out.push(Mutant {
                kind: "required parameter dropped",
                doc: d,
                code: "E1030",
                expect: Some(name.clone()),
                control: None,
            });
        }
    }
    // 4. List/scalar swaps on literal values.
    for (key, value) in &params {
        let Some((_, _, shape)) = members.iter().find(|m| m.0 == key.name) else {
            continue;
        };
        let kind = svc.shape(*shape).map(|s| &s.kind);
        let swapped = match (kind, &value.value) {
            (Some(ShapeKind::List { .. }), Value::List(items)) => items
                .first()
                .filter(|n| n.as_str().is_some_and(|s| !s.contains("{{")))
                .map(|n| n.value.clone()),
            (
                Some(ShapeKind::Scalar {
                    kind: ssmc_core::awsapi::Scalar::String,
                    ..
                }),
                Value::String(s),
            ) if !s.contains("{{") => Some(Value::List(vec![
                Node::string(s.clone(), value.span),
                Node::string(s.clone(), value.span),
            ])),
            _ => None,
        };
        let Some(swapped) = swapped else { continue };
        let mut d = doc.clone();
        if let Some(m) = inputs_mut(&mut d, step) {
            for (k, v) in m.iter_mut() {
                if k.name == key.name {
                    v.value = swapped.clone();
                }
            }
        }
        out.push(Mutant {
            kind: "list/scalar swap",
            doc: d,
            code: "E1031",
            expect: Some(key.name.clone()),
            control: None,
        });
        break;
    }
    // 5. A selector member a character off (the last member segment of the first selector).
    let selector = s
        .outputs
        .as_ref()
        .and_then(Node::as_list)
        .and_then(|l| l.first())
        .and_then(|o| o.get("Selector"))
        .or_else(|| inputs.get("PropertySelector"));
    if let Some(sel) = selector
        .and_then(Node::as_str)
        .filter(|s| !s.contains("{{"))
    {
        // The last `.Name` segment made of letters only.
        let last = sel
            .rsplit('.')
            .next()
            .filter(|seg| seg.len() >= 4 && seg.chars().all(|c| c.is_ascii_alphanumeric()));
        if let Some(seg) = last {
            if let Some(bad) = drop_char(seg) {
                let prefix = &sel[..sel.len() - seg.len()];
                let make = |last: &str| set_selector(doc, step, sel, &format!("{prefix}{last}"));
                out.push(Mutant {
                    kind: "selector segment",
                    doc: make(&bad),
                    code: "E1034",
                    expect: Some(seg.to_string()),
                    control: Some(make("Zq9Nothing")),
                });
            }
        }
    }
    out
}

/// `doc` with the step's selector `old` (its first output's, else its
/// PropertySelector) replaced by `new`.
fn set_selector(doc: &Document, step: usize, old: &str, new: &str) -> Document {
    let mut d = doc.clone();
    let Some(s) = steps_mut(&mut d).get_mut(step) else {
        return d;
    };
    let mut nodes: Vec<&mut Node> = Vec::new();
    if let Some(Value::List(l)) = s.outputs.as_mut().map(|o| &mut o.value) {
        if let Some(Value::Map(m)) = l.first_mut().map(|n| &mut n.value) {
            nodes.extend(
                m.iter_mut()
                    .filter(|(k, _)| k.name == "Selector")
                    .map(|(_, v)| v),
            );
        }
    }
    if let Some(Value::Map(m)) = s.inputs.as_mut().map(|o| &mut o.value) {
        nodes.extend(
            m.iter_mut()
                .filter(|(k, _)| k.name == "PropertySelector")
                .map(|(_, v)| v),
        );
    }
    if let Some(n) = nodes.into_iter().find(|n| n.as_str() == Some(old)) {
        n.value = Value::String(new.to_string());
    }
    d
}

fn step_span(doc: &Document, step: usize) -> Option<Span> {
    doc.steps.as_ref()?.get(step).map(|s| s.span)
}

fn within(d: &Diagnostic, outer: Span) -> bool {
    let s = d.primary.span;
    s.file == outer.file && s.start >= outer.start && s.end <= outer.end
}

#[test]
fn corpus_mutants_are_reported_with_the_right_suggestion() {
    let Some(root) = corpus_dir() else {
        eprintln!("shared/corpus not found: skipped");
        return;
    };
    let manifest = std::fs::read_to_string(root.join("MANIFEST.tsv")).expect("manifest");
    let mut sources = SourceMap::new();
    let (catalog, _): (Catalog, _) = catalog::load_stdlib(&mut sources);
    // kind → (mutants, detected, detected with the right suggestion)
    let mut tally: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut skipped: BTreeMap<&str, usize> = BTreeMap::new();
    for line in manifest.lines().skip(1) {
        let Some(rel) = line.split('\t').next_back() else {
            continue;
        };
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).expect("corpus file");
        let file = sources.add(rel, &text);
        let Some(format) = codegen::Format::from_path_ext(rel) else {
            continue;
        };
        let Ok(doc) = read_document(file, "doc", &text, format) else {
            continue;
        };
        let base = check_document(&doc, &catalog);
        let count = doc.steps.as_ref().map_or(0, Vec::len);
        for step in 0..count {
            let Some(s) = doc.steps.as_ref().and_then(|v| v.get(step)) else {
                continue;
            };
            if !ACTIONS.contains(&s.action_str()) {
                continue;
            }
            let Some(outer) = step_span(&doc, step) else {
                continue;
            };
            // Only steps that check clean: a mutant's finding is then the mutant's.
            if base.iter().any(|d| d.is_error() && within(d, outer)) {
                continue;
            }
            for m in mutants(&doc, step) {
                if let Some(control) = &m.control {
                    let silent = !check_document(control, &catalog)
                        .iter()
                        .any(|d| d.code == m.code && within(d, outer));
                    if silent {
                        *skipped.entry(m.kind).or_default() += 1;
                        continue;
                    }
                }
                let diags = check_document(&m.doc, &catalog);
                let hit = diags.iter().find(|d| d.code == m.code && within(d, outer));
                let entry = tally.entry(m.kind).or_default();
                entry.0 += 1;
                let Some(hit) = hit else {
                    misses.push(format!(
                        "{rel} step {}: {} not reported",
                        s.name_str(),
                        m.kind
                    ));
                    continue;
                };
                entry.1 += 1;
                let right = m.expect.as_ref().is_none_or(|e| {
                    let tick = format!("`{e}`");
                    hit.help.as_deref().is_some_and(|h| h.contains(&tick))
                        || hit.message.contains(&tick)
                        || hit.primary.text.contains(&tick)
                });
                if right {
                    entry.2 += 1;
                } else {
                    misses.push(format!(
                        "{rel} step {}: {} reported without `{}`: {} [{}]",
                        s.name_str(),
                        m.kind,
                        m.expect.as_deref().unwrap_or(""),
                        hit.message,
                        hit.help.as_deref().unwrap_or("")
                    ));
                }
            }
        }
    }
    let (mut all, mut found, mut right) = (0, 0, 0);
    for (kind, (n, d, r)) in &tally {
        println!("{kind}: {n} mutants, {d} reported, {r} with the right suggestion");
        all += n;
        found += d;
        right += r;
    }
    println!("total: {all} mutants, {found} reported, {right} with the right suggestion");
    for (kind, n) in &skipped {
        println!("not faults ({kind} under a map or document, which takes any key): {n}");
    }
    for m in &misses {
        println!("  {m}");
    }
    assert!(
        all > 500,
        "expected many mutants from the corpus, made {all}"
    );
    assert_eq!(
        found,
        all,
        "every mutant must be reported:\n{}",
        misses.join("\n")
    );
    assert_eq!(
        right,
        all,
        "every mutant must carry the right suggestion:\n{}",
        misses.join("\n")
    );
}
