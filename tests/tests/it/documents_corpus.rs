//! The corpus report of cross-document typing (docs/cross-document.md): over
//! every `aws:runCommand`, `aws:executeAutomation` and `aws:runDocument` step
//! of `../shared/corpus`, how many calls name a document whose signature is
//! known, why the others are skipped, and every error-level finding of the
//! call checks with its message.
//!
//! Each source repository of the corpus is judged as one project (its
//! documents may call each other, named by file stem as deployed), over the
//! embedded catalog of AWS-owned documents. The report is a snapshot, so a
//! change in what is resolved or reported shows in review. Skips cleanly when
//! the corpus is absent.
//!
//! Run: `cargo test -p ssmc-tests --test it documents_corpus`.

use std::collections::BTreeMap;
use std::path::Path;

use ssmc_core::documents::{Callee, Documents, Origin};
use ssmc_core::lint::walk::all_steps;
use ssmc_core::model::{Node, Step};

use crate::documents::judge_together;
use ssmc_tests::corpus_dir;

/// The corpus's documents grouped by source repository: `repo → [(path, text)]`.
fn projects(dir: &Path) -> BTreeMap<String, Vec<(String, String)>> {
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("manifest");
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for line in manifest.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(repo), Some(file)) = (cols.first(), cols.get(6)) else {
            continue;
        };
        let text = std::fs::read_to_string(dir.join(file)).expect("corpus file");
        out.entry(repo.to_string())
            .or_default()
            .push((file.to_string(), text));
    }
    out
}

/// How one call was treated.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    /// To a document of the project (the same source repository).
    Project,
    /// To an AWS-owned document of the embedded catalog.
    Aws,
    /// `aws:runDocument` with `documentType: LocalPath` (a file on the node).
    LocalPath,
    /// No `DocumentName` (or `documentPath`) given as text.
    NoName,
    /// Skipped by `Documents::resolve`, with its reason.
    Skipped(&'static str),
    /// A literal name no project document and no AWS-owned one has.
    Unknown(String),
}

fn name_key(action: &str) -> Option<&'static str> {
    match action {
        "aws:runCommand" | "aws:executeAutomation" => Some("DocumentName"),
        "aws:runDocument" => Some("documentPath"),
        _ => None,
    }
}

fn classify(step: &Step, documents: &Documents) -> Option<Outcome> {
    let action = step.action_str();
    let key = name_key(action)?;
    let inputs = step.inputs.as_ref();
    let get = |k: &str| inputs.and_then(|i| i.get_ignore_case(k)).map(|(_, v)| v);
    if action == "aws:runDocument"
        && get("documentType").and_then(Node::as_str) != Some("SSMDocument")
    {
        return Some(Outcome::LocalPath);
    }
    let Some(written) = get(key).and_then(Node::as_str) else {
        return Some(Outcome::NoName);
    };
    Some(match documents.resolve(written) {
        Callee::Known(sig) => match sig.origin {
            Origin::Project(_) => Outcome::Project,
            Origin::Aws => Outcome::Aws,
        },
        Callee::Skipped(why) => Outcome::Skipped(why),
        Callee::Unknown { name } => Outcome::Unknown(name.to_string()),
    })
}

/// The call checks' codes: errors first, then the warnings.
const ERRORS: [&str; 5] = ["E1060", "E1061", "E1062", "E1065", "E1066"];
const WARNINGS: [&str; 3] = ["W1020", "W1021", "W1022"];

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "-".into();
    }
    format!("{:.1}%", 100.0 * part as f64 / whole as f64)
}

#[test]
fn documents_corpus_report() {
    let Some(dir) = corpus_dir() else {
        eprintln!("shared/corpus not found: skipped");
        return;
    };
    let mut by_action: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut outcomes: BTreeMap<Outcome, usize> = BTreeMap::new();
    let mut errors = String::new();
    let mut warnings: BTreeMap<&str, usize> = BTreeMap::new();
    for (repo, files) in projects(&dir) {
        let (sources, verdict) = judge_together(&files);
        let documents = &verdict.compilation.catalog.documents;
        for (_, doc) in verdict.documents() {
            for step in all_steps(doc) {
                let Some(outcome) = classify(step, documents) else {
                    continue;
                };
                let action = match step.action_str() {
                    "aws:runCommand" => "aws:runCommand",
                    "aws:executeAutomation" => "aws:executeAutomation",
                    _ => "aws:runDocument",
                };
                *by_action.entry(action).or_default() += 1;
                *outcomes.entry(outcome).or_default() += 1;
            }
        }
        for d in &verdict.diagnostics {
            let code = d.code.as_str();
            let file = sources
                .get(d.primary.span.file)
                .map(|f| f.name.clone())
                .unwrap_or_default();
            if ERRORS.contains(&code) {
                let line = sources
                    .get(d.primary.span.file)
                    .map_or(0, |f| f.lines.line_col(d.primary.span.start).line + 1);
                errors.push_str(&format!("{repo} {file}:{line}\n  {code} {}\n", d.message));
                if let Some(help) = &d.help {
                    errors.push_str(&format!("  help: {help}\n"));
                }
            } else if let Some(w) = WARNINGS.iter().find(|w| **w == code) {
                *warnings.entry(w).or_default() += 1;
            }
        }
    }
    let total: usize = by_action.values().sum();
    let count = |o: &Outcome| outcomes.get(o).copied().unwrap_or(0);
    let resolved = count(&Outcome::Project) + count(&Outcome::Aws);
    let named = outcomes
        .iter()
        .filter(|(o, _)| matches!(o, Outcome::Project | Outcome::Aws | Outcome::Unknown(_)))
        .map(|(_, n)| n)
        .sum::<usize>();
    let mut out = format!("calls: {total}\n");
    for (action, n) in &by_action {
        out.push_str(&format!("  {action}: {n}\n"));
    }
    out.push_str(&format!(
        "resolved: {resolved} ({} of all calls; {} of the calls naming a literal document)\n",
        percent(resolved, total),
        percent(resolved, named)
    ));
    out.push_str(&format!(
        "  to a project document: {}\n  to an AWS-owned document: {}\n",
        count(&Outcome::Project),
        count(&Outcome::Aws)
    ));
    out.push_str("not resolved:\n");
    for (outcome, n) in &outcomes {
        let why = match outcome {
            Outcome::Project | Outcome::Aws => continue,
            Outcome::LocalPath => "aws:runDocument of a LocalPath (a file on the node)".into(),
            Outcome::NoName => "no document name given as text".into(),
            Outcome::Skipped(why) => format!("skipped: {why}"),
            Outcome::Unknown(name) => format!("unknown: `{name}` (no document of this name)"),
        };
        out.push_str(&format!("  {n} {why}\n"));
    }
    out.push_str("warnings:\n");
    for w in WARNINGS {
        out.push_str(&format!(
            "  {w}: {}\n",
            warnings.get(w).copied().unwrap_or(0)
        ));
    }
    out.push_str("errors:\n");
    out.push_str(&errors);
    assert!(
        total > 200,
        "expected the corpus's calls, found {total}\n{out}"
    );
    insta::assert_snapshot!(out);
}
