//! Keeps an imported document's check errors as reasoned allows.
//!
//! Input: the `.rbk` text the importer wrote (and the sources it is built
//! with, such as its `extern action` declarations). Output: [`Kept`]: the
//! text with a `// ssmc: allow(rule): reason` line above each line where the
//! checker reports an error, the errors so allowed, and those no allow can
//! silence (errors of the lowering, or an allow that would change the
//! document, as a comment line inside a multi-line string would).
//! Why: a document SSM accepted may still hold what the checker calls an
//! error (an output nobody declared, a default outside `allowedValues`, an
//! API parameter the model lacks); SSM meets it at run time or never. The
//! runbook must build back to the document, and the allow keeps the fault
//! visible to a reviewer instead of dropping or "fixing" it.
//! Invariant: an allow is kept only when the text with it checks to exactly
//! the errors before, less the ones it covers.

use crate::diagnostic::Diagnostic;
use crate::lower::NoFiles;
use crate::span::SourceMap;
use crate::verdict;

/// An imported runbook with its check errors allowed.
#[derive(Debug, Clone)]
pub struct Kept {
    /// The runbook, with an allow line above each kept error.
    pub text: String,
    /// The errors now allowed.
    pub allowed: Vec<Diagnostic>,
    /// The errors left (no allow can silence them).
    pub remaining: Vec<Diagnostic>,
}

/// One allow to write: the line it goes above, the rule, the reason.
#[derive(Clone, PartialEq)]
struct Mark {
    line: usize,
    rule: &'static str,
    reason: String,
}

/// The errors of `rbk` (named `name`) compiled with `context` (other
/// `(name, text)` sources, such as `actions.rbk`) against the stdlib.
fn errors(name: &str, rbk: &str, context: &[(String, String)]) -> Vec<Diagnostic> {
    let mut sources = SourceMap::new();
    let file = sources.add(name.to_string(), rbk);
    let mut files = vec![file];
    for (n, t) in context {
        files.push(sources.add(n.clone(), t));
    }
    // The verdict applies allow comments, so an allow that silences an error
    // is seen doing so (the bare pipeline knows nothing of suppressions).
    verdict::judge_files(&mut sources, &files, &NoFiles)
        .check_view()
        .into_iter()
        .filter(|d| d.is_error() && d.primary.span.file == file)
        .collect()
}

/// The allow a check error becomes, if it is one the checker allows.
fn mark_of(d: &Diagnostic, rbk: &str) -> Option<Mark> {
    if d.code.group() != crate::codes::Group::Check {
        return None;
    }
    let start = usize::try_from(d.primary.span.start).ok()?;
    let line = rbk.get(..start)?.matches('\n').count();
    Some(Mark {
        line,
        rule: d.code.name(),
        reason: format!(
            "kept from the imported document as written ({}): {}",
            d.code,
            d.message.replace('\n', " ")
        ),
    })
}

/// `rbk` with an allow comment above each line of `marks`.
fn with_allows(rbk: &str, marks: &[Mark]) -> String {
    let mut out = String::with_capacity(rbk.len() + marks.len() * 120);
    for (i, line) in rbk.split_inclusive('\n').enumerate() {
        let indent: String = line.chars().take_while(|c| *c == ' ').collect();
        for m in marks.iter().filter(|m| m.line == i) {
            out.push_str(&format!(
                "{indent}// ssmc: allow({}): {}\n",
                m.rule, m.reason
            ));
        }
        out.push_str(line);
    }
    out
}

/// `(code, message)` of each error, sorted, to compare two runs.
fn signature<'a>(
    errors: impl Iterator<Item = &'a Diagnostic>,
) -> Vec<(crate::codes::Code, String)> {
    let mut sig: Vec<_> = errors.map(|d| (d.code, d.message.clone())).collect();
    sig.sort();
    sig
}

/// Writes a reasoned allow above each check error of `rbk`.
pub fn keep_check_errors(name: &str, rbk: &str, context: &[(String, String)]) -> Kept {
    let before = errors(name, rbk, context);
    let marked: Vec<(Option<Mark>, &Diagnostic)> =
        before.iter().map(|d| (mark_of(d, rbk), d)).collect();
    let mut unique: Vec<Mark> = Vec::new();
    for m in marked.iter().filter_map(|(m, _)| m.clone()) {
        if !unique.iter().any(|u| u.line == m.line && u.rule == m.rule) {
            unique.push(m);
        }
    }
    // Which errors a set of allows covers, and whether the text with them
    // checks to exactly the rest.
    let covered = |marks: &[Mark], d: &Diagnostic| {
        mark_of(d, rbk).is_some_and(|m| marks.iter().any(|k| k.line == m.line && k.rule == m.rule))
    };
    let works = |marks: &[Mark]| {
        let text = with_allows(rbk, marks);
        let after = errors(name, &text, context);
        let rest = before.iter().filter(|d| !covered(marks, d));
        (signature(after.iter()) == signature(rest)).then_some(text)
    };
    let mut kept: Vec<Mark> = Vec::new();
    let mut text = rbk.to_string();
    if !unique.is_empty() {
        if let Some(t) = works(&unique) {
            kept = unique;
            text = t;
        } else {
            // Some allow changes the document (inside a multi-line string):
            // keep each one that works alongside those kept so far.
            for m in unique {
                let mut trial = kept.clone();
                trial.push(m);
                if let Some(t) = works(&trial) {
                    kept = trial;
                    text = t;
                }
            }
        }
    }
    let (allowed, remaining) = before.into_iter().partition(|d| covered(&kept, d));
    Kept {
        text,
        allowed,
        remaining,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn without_allows(text: &str) -> String {
        text.lines()
            .filter(|l| !l.contains("ssmc: allow("))
            .map(|l| format!("{l}\n"))
            .collect()
    }

    #[test]
    fn a_model_fault_gets_an_allow_that_silences_it_and_nothing_else_changes() {
        let rbk = "automation Flows {\n  step Describe = aws:executeAwsApi {\n    Service: \"ec2\",\n    Api: \"DescribeVolumes\",\n    Filterz: [{ Name: \"volume-id\", Values: [\"v-1\"] }],\n  }\n}\n";
        let kept = keep_check_errors("flows.rbk", rbk, &[]);
        assert_eq!(
            kept.text
                .lines()
                .filter(|l| l.contains("ssmc: allow(unknown-api-parameter)"))
                .count(),
            1,
            "{}",
            kept.text
        );
        assert_eq!(kept.allowed.len(), 1);
        assert!(kept.remaining.is_empty());
        assert!(errors("flows.rbk", &kept.text, &[]).is_empty());
        assert_eq!(without_allows(&kept.text), rbk);
    }

    #[test]
    fn any_check_error_is_kept_with_its_code_and_message() {
        // A default outside allowedValues, and an output nobody declared.
        let rbk = "automation Odd {\n  param Mode: String = \"c\" { allowedValues: [\"a\", \"b\"] }\n  step Wait = aws:sleep { Duration: \"PT1S\" }\n  outputs [Wait.Nothing]\n}\n";
        let before = errors("odd.rbk", rbk, &[]);
        assert!(before.len() >= 2, "{before:?}");
        let kept = keep_check_errors("odd.rbk", rbk, &[]);
        assert!(kept.remaining.is_empty(), "{:?}", kept.remaining);
        assert_eq!(kept.allowed.len(), before.len());
        for d in &before {
            assert!(
                kept.text.contains(&format!("({}): ", d.code)),
                "{}",
                kept.text
            );
        }
        assert!(
            errors("odd.rbk", &kept.text, &[]).is_empty(),
            "{}",
            kept.text
        );
        assert_eq!(without_allows(&kept.text), rbk);
    }

    #[test]
    fn a_clean_runbook_is_left_alone() {
        let rbk = "automation Ok {\n  step Wait = aws:sleep { Duration: \"PT1S\" }\n}\n";
        let kept = keep_check_errors("ok.rbk", rbk, &[]);
        assert_eq!(kept.text, rbk);
        assert!(kept.allowed.is_empty() && kept.remaining.is_empty());
    }
}
