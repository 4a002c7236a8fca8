//! `// ssmc: allow(rule): reason` comments → [`Allow`]s for the checker.
//!
//! Input: the comments of a parsed `.rbk` file and its text. Output: one
//! [`Allow`] per well-formed comment, covering the comment's own line and the
//! line after it (docs/language.md section 15: "on the line before or on the
//! line itself"); diagnostics for an allow without a reason (an allow must say
//! why) or naming no rule of the checker.

use crate::check::codes;
use crate::check::suggest as did_you_mean;
use crate::check::Allow;
use crate::diagnostic::Diagnostic;
use crate::span::Span;
use crate::syntax::ast::Comment;

/// The allows written in `comments` of a file whose text is `text`.
pub fn allows_from_comments(comments: &[Comment], text: &str) -> (Vec<Allow>, Vec<Diagnostic>) {
    let mut allows = Vec::new();
    let mut diags = Vec::new();
    for c in comments {
        let body = c.text.trim_start_matches('/').trim();
        let Some(rest) = body.strip_prefix("ssmc:").map(str::trim_start) else {
            continue;
        };
        let Some(rest) = rest.strip_prefix("allow(") else {
            continue;
        };
        let Some((rule, after)) = rest.split_once(')') else {
            diags.push(
                Diagnostic::warning(codes::BAD_ALLOW, c.span, "unclosed `allow(`")
                    .with_label("this allow is ignored")
                    .with_help("write `// ssmc: allow(secret-flow): <reason>`"),
            );
            continue;
        };
        let rule = rule.trim();
        if codes::ALL.iter().all(|i| i.name != rule) {
            let mut d = Diagnostic::warning(
                codes::BAD_ALLOW,
                c.span,
                format!("`{rule}` is not a rule of the checker"),
            )
            .with_label("this allow is ignored");
            if let Some(s) = did_you_mean(rule, codes::ALL.iter().map(|i| i.name)) {
                d = d.with_help(format!("did you mean `{s}`?"));
            }
            diags.push(d);
            continue;
        }
        let reason = after.trim_start().strip_prefix(':').map_or("", str::trim);
        if reason.is_empty() {
            diags.push(
                Diagnostic::warning(
                    codes::BAD_ALLOW,
                    c.span,
                    format!("`allow({rule})` without a reason"),
                )
                .with_label("this allow is ignored")
                .with_help(format!("say why: `// ssmc: allow({rule}): <reason>`")),
            );
            continue;
        }
        allows.push(Allow {
            rule: rule.to_string(),
            step: None,
            span: Some(line_and_next(c.span, text)),
        });
    }
    (allows, diags)
}

/// From the start of the line holding `span` to the end of the line after it.
fn line_and_next(span: Span, text: &str) -> Span {
    let start = text
        .get(..span.start as usize)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let mut end = span.end as usize;
    for _ in 0..2 {
        match text.get(end..).and_then(|t| t.find('\n')) {
            Some(i) => end += i + 1,
            None => {
                end = text.len();
                break;
            }
        }
    }
    Span::new(span.file, start, end)
}
