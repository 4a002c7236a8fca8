//! Inline suppression: `// ssmc: allow(rule-name) reason` in `.rbk`,
//! `# ssmc: allow(rule-name) reason` in YAML (JSON has no comments).
//!
//! Input: a file's normalised text and the findings in it. Output: the
//! findings left, plus `invalid-suppression` (no reason, unknown rule) and
//! `unused-suppression` findings. A comment alone on its line covers the next
//! line that is not blank or a comment; a trailing comment covers its own line.
//! This is the one suppression pass: it runs after every diagnostic of a file
//! exists (checker and linter alike), for the CLI and the editor; a
//! suppression without a reason never silences an error-level finding.
//! A suppression naming a code that may not be suppressed (an error that
//! stops the document from being built, see `crate::codes`) silences nothing
//! and is itself reported.
//! Invariants: pure text scanning, no panics; a finding is matched by its
//! code or the code's name in the one code registry.

use crate::codes::{self, Code};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::{registry, LintConfig};
use crate::span::{FileId, Span};

/// The comment syntax of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentStyle {
    /// `//` comments (`.rbk`).
    Slashes,
    /// `#` comments (YAML).
    Hash,
}

/// One `ssmc: allow(...)` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub rules: Vec<String>,
    pub reason: String,
    /// The comment text.
    pub comment: Span,
    /// The line (start to end) whose findings it silences.
    pub covers: Span,
}

const MARK: &str = "ssmc: allow(";

/// Every suppression comment in `text`.
pub fn collect(file: FileId, text: &str, style: CommentStyle) -> Vec<Suppression> {
    let mut lines = Vec::new();
    let mut at = 0usize;
    for line in text.split('\n') {
        lines.push((at, line));
        at += line.len() + 1;
    }
    let mut out = Vec::new();
    for (i, (start, line)) in lines.iter().enumerate() {
        let Some(comment_at) = comment_start(line, style) else {
            continue;
        };
        let Some(comment) = line.get(comment_at..) else {
            continue;
        };
        let Some(m) = comment.find(MARK) else {
            continue;
        };
        let after = comment.get(m + MARK.len()..).unwrap_or("");
        let Some(close) = after.find(')') else {
            continue;
        };
        let rules = after
            .get(..close)
            .unwrap_or("")
            .split(',')
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty())
            .collect();
        let reason = after
            .get(close + 1..)
            .unwrap_or("")
            .trim_start_matches([':', ' ', '\t', '-'])
            .trim()
            .to_string();
        let own_line = line.get(..comment_at).unwrap_or("").trim().is_empty();
        let covers = if own_line {
            lines
                .iter()
                .skip(i + 1)
                .find(|(_, l)| {
                    !l.trim().is_empty()
                        && comment_start(l, style)
                            .is_none_or(|c| c > l.len() - l.trim_start().len())
                })
                .map_or(Span::point(file, *start), |(s, l)| {
                    Span::new(file, *s, s + l.len())
                })
        } else {
            Span::new(file, *start, start + line.len())
        };
        out.push(Suppression {
            rules,
            reason,
            comment: Span::new(file, start + comment_at, start + line.len()),
            covers,
        });
    }
    out
}

/// The suppressions of a file: `.rbk` (`format: None`) and YAML have
/// comments, JSON has none.
pub fn collect_for(
    file: FileId,
    text: &str,
    format: Option<crate::codegen::Format>,
) -> Vec<Suppression> {
    match format {
        None => collect(file, text, CommentStyle::Slashes),
        Some(crate::codegen::Format::Yaml) => collect(file, text, CommentStyle::Hash),
        Some(crate::codegen::Format::Json) => Vec::new(),
    }
}

/// Where a comment starts on a line (outside strings, approximately).
fn comment_start(line: &str, style: CommentStyle) -> Option<usize> {
    match style {
        CommentStyle::Slashes => {
            let mut in_str = false;
            let bytes = line.as_bytes();
            let mut i = 0;
            while let Some(&b) = bytes.get(i) {
                match b {
                    b'"' if i == 0 || bytes.get(i - 1) != Some(&b'\\') => in_str = !in_str,
                    b'/' if !in_str && bytes.get(i + 1) == Some(&b'/') => return Some(i),
                    _ => {}
                }
                i += 1;
            }
            None
        }
        CommentStyle::Hash => line.match_indices('#').map(|(i, _)| i).find(|&i| {
            i == 0
                || line
                    .as_bytes()
                    .get(i - 1)
                    .is_some_and(|b| *b == b' ' || *b == b'\t')
        }),
    }
}

/// Whether `name` (a code or a code's name) names diagnostic `d`.
fn names(name: &str, d: &Diagnostic) -> bool {
    if d.code.is_named(name) {
        return true;
    }
    // The checker calls the flow a lint rule reports on raw documents `secret-flow`.
    crate::check::codes::SECRET_FLOW.is_named(name) && d.code == registry::SECRET_IN_LOGGED_PLACE
}

/// Drops the findings the suppressions cover and reports the suppressions
/// that are malformed or silence nothing (at the levels `config` gives).
pub fn apply(diags: Vec<Diagnostic>, sups: &[Suppression], config: &LintConfig) -> Vec<Diagnostic> {
    let level = |code: Code| registry::by_code(code).and_then(|e| config.level(e));
    let all = codes::all();
    let known = |name: &str| all.iter().copied().find(|c| c.is_named(name));
    let mut used = vec![false; sups.len()];
    let mut out: Vec<Diagnostic> = Vec::new();
    for d in diags {
        let at = d.primary.span;
        // A suppression without a reason never silences an error: CI must not pass on it.
        let hit = sups.iter().position(|s| {
            s.covers.file == at.file
                && at.start <= s.covers.end
                && s.covers.start <= at.end.max(at.start)
                && (!s.reason.is_empty() || d.severity != Severity::Error)
                && d.code.suppressible()
                && s.rules.iter().any(|r| names(r, &d))
        });
        match hit.and_then(|i| used.get_mut(i)) {
            Some(u) => *u = true,
            None => out.push(d),
        }
    }
    for (s, used) in sups.iter().zip(used) {
        let unknown: Vec<&String> = s.rules.iter().filter(|r| known(r).is_none()).collect();
        let fixed: Vec<Code> = s
            .rules
            .iter()
            .filter_map(|r| known(r))
            .filter(|c| !c.suppressible())
            .collect();
        if let Some(sev) = level(registry::INVALID_SUPPRESSION) {
            if s.rules.is_empty() {
                out.push(invalid(
                    registry::INVALID_SUPPRESSION,
                    sev,
                    s.comment,
                    "suppression names no rule",
                ));
            }
            for r in &unknown {
                let mut d = invalid(
                    registry::INVALID_SUPPRESSION,
                    sev,
                    s.comment,
                    format!("suppression names unknown rule `{r}`"),
                );
                let names = all.iter().map(|c| c.name());
                if let Some(best) = crate::diagnostic::did_you_mean(r, names) {
                    d = d.with_help(format!("did you mean `{best}`?"));
                }
                out.push(d);
            }
            for c in &fixed {
                out.push(
                    invalid(
                        registry::INVALID_SUPPRESSION,
                        sev,
                        s.comment,
                        format!("`{}` ({}) may not be suppressed", c.name(), c.as_str()),
                    )
                    .with_help(format!(
                        "it is an error of {} that stops the document from being built: fix it instead (`ssmc explain {}`)",
                        c.group().title(),
                        c.as_str()
                    )),
                );
            }
            if s.reason.is_empty() && !s.rules.is_empty() {
                out.push(
                    invalid(
                        registry::INVALID_SUPPRESSION,
                        sev,
                        s.comment,
                        "suppression gives no reason",
                    )
                    .with_help(
                        "say why the rule does not apply here: `ssmc: allow(rule-name) the reason`",
                    ),
                );
            }
        }
        if !used && unknown.is_empty() && fixed.is_empty() && !s.rules.is_empty() {
            if let Some(sev) = level(registry::UNUSED_SUPPRESSION) {
                out.push(
                    Diagnostic::new(
                        registry::UNUSED_SUPPRESSION,
                        sev,
                        s.comment,
                        format!("suppression of `{}` silences nothing", s.rules.join(", ")),
                    )
                    .with_label("no finding of this rule on the line it covers")
                    .with_help("remove the comment, or move it to the line before the finding"),
                );
            }
        }
    }
    crate::diagnostic::sort(&mut out);
    out
}

fn invalid(code: Code, sev: Severity, span: Span, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(code, sev, span, message).with_label("this suppression")
}
