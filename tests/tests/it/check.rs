//! The checker over fixtures and over the real corpus.
//!
//! - `tests/fixtures/check/err/*.rbk`: one fault each, named after it; parse →
//!   lower → check, snapshotted as the source and the rendered diagnostics.
//! - the shared corpus (`shared/corpus`, found by walking up from this crate;
//!   skipped when absent): every real document is read with `codegen::read`
//!   and checked; AWS ran them, so none may have an error-level diagnostic
//!   except the few listed in `CORPUS_EXCEPTIONS`, each with its reason.

use std::path::Path;

use ssmc_core::catalog::{self, Catalog};
use ssmc_core::check::{check_document, check_document_with, CheckOptions};
use ssmc_core::codegen::{self, read::read_document};
use ssmc_core::diagnostic::{self, Diagnostic};
use ssmc_core::lower;
use ssmc_core::span::{SourceMap, Span};
use ssmc_core::syntax;
use ssmc_tests::corpus_dir;

fn stdlib(sources: &mut SourceMap) -> Catalog {
    let (catalog, diags) = catalog::load_stdlib(sources);
    assert!(diags.is_empty(), "the stdlib must load cleanly: {diags:?}");
    catalog
}

/// `line:col` (1-based) of a span's start.
fn position(sources: &SourceMap, span: Span) -> (usize, usize, String) {
    let Some(file) = sources.get(span.file) else {
        return (0, 0, String::new());
    };
    let lc = file.lines.line_col(span.start);
    let line = file
        .text
        .lines()
        .nth(lc.line as usize)
        .unwrap_or("")
        .to_string();
    (lc.line as usize + 1, lc.col as usize + 1, line)
}

/// A plain-text rendering: `severity[code]: message`, the line with a caret
/// under the primary span, secondary labels, help.
fn render(sources: &SourceMap, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let (line, col, text) = position(sources, d.primary.span);
        let width = (d.primary.span.len())
            .max(1)
            .min(text.chars().count().saturating_sub(col - 1).max(1));
        out.push_str(&format!(
            "{}[{}]: {}\n",
            d.severity.as_str(),
            d.code,
            d.message
        ));
        out.push_str(&format!(
            "  --> {line}:{col}\n   | {text}\n   | {}{} {}\n",
            " ".repeat(col - 1),
            "^".repeat(width),
            d.primary.text
        ));
        for s in &d.secondary {
            let (l, c, _) = position(sources, s.span);
            out.push_str(&format!("   = {l}:{c}: {}\n", s.text));
        }
        if let Some(h) = &d.help {
            out.push_str(&format!("   = help: {h}\n"));
        }
    }
    out
}

fn check_and_render(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("fixture");
    let mut sources = SourceMap::new();
    let mut catalog = stdlib(&mut sources);
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("fixture.rbk");
    let file = sources.add(name, &text);
    let src = sources.get(file).map(|f| f.text.clone()).expect("added");
    let parsed = syntax::parse(file, &src);
    let mut diags = parsed.diagnostics;
    diags.extend(catalog::load_decls(&parsed.ast.items, &mut catalog));
    let lowered = lower::lower_file_full(&parsed.ast, file, &catalog, &lower::NoFiles);
    diags.extend(lowered.diagnostics);
    let opts = CheckOptions {
        literal_spans: lowered.literal_spans,
        ..CheckOptions::default()
    };
    for doc in &lowered.documents {
        diags.extend(check_document_with(doc, &catalog, &opts));
    }
    diagnostic::sort(&mut diags);
    format!(
        "--- SOURCE\n{src}--- DIAGNOSTICS\n{}",
        render(&sources, &diags)
    )
}

#[test]
fn check_errors() {
    insta::glob!("../../fixtures/check/err", "*.rbk", |path| {
        let out = check_and_render(path);
        // Each fixture is one fault: it must produce at least one finding.
        assert!(
            !out.ends_with("--- DIAGNOSTICS\n"),
            "{} has no diagnostic",
            path.display()
        );
        insta::assert_snapshot!(out);
    });
}

/// Error-level findings the corpus keeps, as `(file suffix, code, reason)`.
const CORPUS_EXCEPTIONS: &[(&str, &str, &str)] = &[
    (
        "AWSConfigRemediation-DetachAndDeleteInternetGateway.json",
        "E1034",
        "selects `$.DetachInternetGatewayResponse.return` (the raw XML's wrapper) from ec2 calls whose parsed response is only ResponseMetadata: the output `Response` is never set (unreferenced): a real fault, docs/aws-api.md",
    ),
    (
        "AWSResilienceHub-ScaleUpEc2SOP_2020-05-20.json",
        "E1034",
        "selects `$.InstanceType` from ec2 ModifyInstanceAttribute, whose response is empty: the output is never set (unreferenced): a real fault, docs/aws-api.md",
    ),
    (
        "AWSSupport-MigrateXenToNitroLinux.json",
        "E1034",
        "selects `IamInstanceProfile.Name`, but an instance's IamInstanceProfile has only Arn and Id: the output is never set (unreferenced): a real fault, docs/aws-api.md",
    ),
    (
        "AWSSupport-ValidateFSxWindowsADConfig.json",
        "E1034",
        "selects `$.InstanceInformationList[0].SubnetId` (ssm's DescribeInstanceInformation shape) from ec2 DescribeInstances: the output is never set (unreferenced): a real fault, docs/aws-api.md",
    ),
    (
        "aurora-postgres-cluster-loadtest-failover-ssm-template.json",
        "E3001",
        "a {{resolve:secretsmanager:…}} reference as a plain parameter's default: the secret-flow rule's very case (the importer writes an allow)",
    ),
];

#[test]
fn corpus_documents_check_without_errors() {
    let Some(root) = corpus_dir() else {
        eprintln!("shared/corpus not found: skipped");
        return;
    };
    let manifest = std::fs::read_to_string(root.join("MANIFEST.tsv")).expect("manifest");
    let mut sources = SourceMap::new();
    let catalog = stdlib(&mut sources);
    let (mut docs, mut warnings) = (0, 0);
    let mut by_code = std::collections::BTreeMap::new();
    let mut unexpected = Vec::new();
    let mut seen_exceptions = Vec::new();
    for line in manifest.lines().skip(1) {
        let Some(rel) = line.split('\t').next_back() else {
            continue;
        };
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).expect("corpus file");
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("doc");
        let file = sources.add(rel, &text);
        let src = sources.get(file).map(|f| f.text.clone()).expect("added");
        let format = codegen::Format::from_path_ext(rel).expect("a .json/.yml/.yaml file");
        let doc = match read_document(file, stem, &src, format) {
            Ok(doc) => doc,
            Err(diags) => panic!("{rel} does not read: {diags:?}"),
        };
        docs += 1;
        for d in check_document(&doc, &catalog) {
            *by_code.entry(d.code).or_insert(0usize) += 1;
            if !d.is_error() {
                warnings += 1;
                continue;
            }
            match CORPUS_EXCEPTIONS
                .iter()
                .find(|(f, code, _)| rel.ends_with(f) && *code == d.code)
            {
                Some(e) => {
                    if !seen_exceptions.contains(&e.0) {
                        seen_exceptions.push(e.0);
                    }
                }
                None => {
                    let (l, c, _) = position(&sources, d.primary.span);
                    unexpected.push(format!("{rel}:{l}:{c}: {} {}", d.code, d.message));
                }
            }
        }
    }
    println!(
        "checked {docs} corpus documents: {warnings} warnings and notes, {} documents with listed errors",
        seen_exceptions.len()
    );
    println!("findings by code: {by_code:?}");
    for (file, code, reason) in CORPUS_EXCEPTIONS {
        println!("  exception {code} in {file}: {reason}");
    }
    assert!(docs > 300, "the corpus has 387 documents, read {docs}");
    assert!(
        unexpected.is_empty(),
        "error-level findings in documents AWS ran:\n{}",
        unexpected.join("\n")
    );
    let stale: Vec<_> = CORPUS_EXCEPTIONS
        .iter()
        .filter(|e| !seen_exceptions.contains(&e.0))
        .collect();
    assert!(
        stale.is_empty(),
        "listed exceptions that no longer occur: {stale:?}"
    );
}
