//! The cap on diagnostics shown per file, and the summary that replaces the rest.
//!
//! Input: diagnostics sorted by place ([`crate::diagnostic::sort`]), as a view
//! of the verdict shows them (`ssmc check`'s compiler view, `ssmc lint`'s and
//! the language server's whole view). Output: at most [`MAX_PER_FILE`] of each
//! file's diagnostics, in the same order, followed by one `I0801` summary
//! that says how many more there are and of which severities.
//! Invariants: the kept diagnostics are the file's first ones by place (the
//! ones most likely to cause the rest); the summary sits at the first
//! diagnostic not shown, so it sorts after every shown one of its file; a
//! file at or under the cap is returned unchanged. Exit codes and counts are
//! the callers' and come from the whole list, so the cap changes only what
//! is printed or published.
//!
//! Why 200: no file of the shared corpus, the examples or the fixtures comes
//! near it (a real file has a few dozen at most), and it bounds what one file
//! can cost to draw and print: 400 KB of `}` made 400,000 errors, 41 MB of
//! terminal text and 95 MB of JSON. clang stops at 20 errors by default
//! (`-ferror-limit`), which is too few for a linter that reports warnings and
//! errors of many documents in one file; 200 still fits one screen's scroll-back
//! and one editor's problem list.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::span::FileId;

crate::define_codes! {
    group: Limit;
    /// ## What it does
    ///
    /// Says that a file has more diagnostics than are shown: every view (the terminal, `--format json`, SARIF, GitHub annotations, the editor) shows a file's first 200 by place, then this one summary at the first one not shown, with the number of the rest by severity.
    ///
    /// ## Why is this bad?
    ///
    /// Thousands of diagnostics from one file are almost always one mistake repeated (a stray brace, an unclosed string, a generated document gone wrong); printing them all took minutes and megabytes and buried the first one, which is usually the cause. Fix the diagnostics shown and run again. The exit status and the status line still count every diagnostic.
    ///
    /// No example can be shown: it takes a file with more than 200 diagnostics (`compiler/cli/tests/hostile_time.rs` has several).
    TOO_MANY_DIAGNOSTICS = "I0801", "too-many-diagnostics", Info, "a file has more diagnostics than the 200 shown; the rest are counted in one summary";
}

/// How many diagnostics of one file are shown.
pub const MAX_PER_FILE: usize = 200;

/// The first [`MAX_PER_FILE`] diagnostics of each file of `sorted`, with
/// one summary per file that had more. Only what is kept is copied, so a
/// file with 400,000 diagnostics costs one pass over them.
pub fn per_file(sorted: &[Diagnostic]) -> Vec<Diagnostic> {
    let mut shown: HashMap<FileId, usize> = HashMap::new();
    let mut hidden: Vec<Hidden> = Vec::new();
    let mut out = Vec::with_capacity(sorted.len().min(MAX_PER_FILE * 4));
    for d in sorted {
        let file = d.primary.span.file;
        let n = shown.entry(file).or_insert(0);
        if *n < MAX_PER_FILE {
            *n += 1;
            out.push(d.clone());
            continue;
        }
        match hidden
            .iter_mut()
            .find(|h| h.first.primary.span.file == file)
        {
            Some(h) => h.count(d),
            None => {
                let mut h = Hidden {
                    first: d,
                    by_severity: [0; 3],
                };
                h.count(d);
                hidden.push(h);
            }
        }
    }
    for h in hidden {
        let at = out
            .iter()
            .rposition(|d| d.primary.span.file == h.first.primary.span.file)
            .map_or(out.len(), |i| i + 1);
        out.insert(at, h.summary());
    }
    out
}

/// The diagnostics of one file beyond the cap.
struct Hidden<'a> {
    first: &'a Diagnostic,
    /// Errors, warnings, infos.
    by_severity: [usize; 3],
}

impl Hidden<'_> {
    fn count(&mut self, d: &Diagnostic) {
        let i = match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        };
        if let Some(n) = self.by_severity.get_mut(i) {
            *n += 1;
        }
    }

    fn summary(&self) -> Diagnostic {
        let total: usize = self.by_severity.iter().sum();
        let kinds: Vec<String> = self
            .by_severity
            .iter()
            .zip(["error", "warning", "info"])
            .filter(|(n, _)| **n > 0)
            .map(|(n, what)| {
                let s = if *n == 1 || what == "info" { "" } else { "s" };
                format!("{n} {what}{s}")
            })
            .collect();
        let more = if total == 1 {
            "diagnostic in this file is"
        } else {
            "diagnostics in this file are"
        };
        Diagnostic::new(
            TOO_MANY_DIAGNOSTICS,
            Severity::Info,
            self.first.primary.span,
            format!("{total} more {more} not shown ({})", kinds.join(", ")),
        )
        .with_label("the first one not shown is here")
        .with_help(format!(
            "only the first {MAX_PER_FILE} diagnostics of a file are shown; fix those and run again"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn diags(file: u32, n: usize, severity: Severity) -> Vec<Diagnostic> {
        (0..n)
            .map(|i| {
                Diagnostic::new(
                    crate::syntax::codes::UNMATCHED_CLOSER,
                    severity,
                    Span::new(FileId(file), i, i + 1),
                    format!("d{i}"),
                )
            })
            .collect()
    }

    fn messages(ds: &[Diagnostic]) -> Vec<(u32, String)> {
        ds.iter()
            .map(|d| (d.primary.span.file.0, d.message.clone()))
            .collect()
    }

    #[test]
    fn a_file_at_the_cap_is_unchanged() {
        let all = diags(0, MAX_PER_FILE, Severity::Error);
        assert_eq!(per_file(&all), all);
    }

    #[test]
    fn each_file_keeps_its_first_ones_and_one_summary_counts_the_rest() {
        let mut all = diags(0, MAX_PER_FILE + 3, Severity::Error);
        all.extend(diags(1, 5, Severity::Warning));
        let mut more = diags(2, MAX_PER_FILE + 1, Severity::Warning);
        if let Some(last) = more.last_mut() {
            last.severity = Severity::Info;
        }
        all.extend(more);
        let capped = per_file(&all);
        let got = messages(&capped);
        assert_eq!(got.len(), MAX_PER_FILE + 1 + 5 + MAX_PER_FILE + 1);
        let first_summary = got.get(MAX_PER_FILE).cloned();
        assert_eq!(
            first_summary,
            Some((
                0,
                "3 more diagnostics in this file are not shown (3 errors)".to_string()
            ))
        );
        let summary = capped.get(MAX_PER_FILE);
        assert_eq!(
            summary.map(|d| (d.code, d.severity, d.primary.span.start)),
            Some((TOO_MANY_DIAGNOSTICS, Severity::Info, MAX_PER_FILE as u32))
        );
        assert_eq!(got.get(MAX_PER_FILE + 1), Some(&(1, "d0".to_string())));
        assert_eq!(
            got.last(),
            Some(&(
                2,
                "1 more diagnostic in this file is not shown (1 info)".to_string()
            ))
        );
    }
}
