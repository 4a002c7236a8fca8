//! Placeholder plain renderer; replaced by the ariadne renderer from the syntax branch.
use ssmc_core::{Diagnostic, SourceMap};

pub fn render(diags: &[Diagnostic], sources: &SourceMap, _color: bool) -> String {
    let mut out = String::new();
    for d in diags {
        let (name, lc) = sources
            .get(d.primary.span.file)
            .map(|f| (f.name.clone(), f.lines.line_col(d.primary.span.start)))
            .unwrap_or_else(|| (String::new(), ssmc_core::span::LineCol { line: 0, col: 0 }));
        out.push_str(&format!(
            "{}[{}]: {}\n  --> {}:{}:{}\n",
            d.severity.as_str(),
            d.code,
            d.message,
            name,
            lc.line + 1,
            lc.col + 1
        ));
    }
    out
}
