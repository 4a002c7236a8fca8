//! The checker over fixtures and over the real corpus.
//!
//! - `tests/fixtures/check/err/*.rbk`: one fault each, named after it; parse →
//!   lower → check, snapshotted as the source and the rendered diagnostics.

use std::path::Path;

use ssmc_core::catalog::{self, Catalog};
use ssmc_core::check::{check_document_with, CheckOptions};
use ssmc_core::diagnostic::{self, Diagnostic};
use ssmc_core::lower;
use ssmc_core::span::{SourceMap, Span};
use ssmc_core::syntax;

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
