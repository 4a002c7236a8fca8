//! Keeps a real document's AWS API faults through an import.
//!
//! Input: the `.rbk` text the importer wrote. Output: the same text with a
//! `// ssmc: allow(rule): reason` line above each line where the checker finds
//! an error against botocore's models (unknown parameter, impossible selector,
//! …), or the text unchanged when there is none or the allows would not
//! silence exactly those errors. Why: such a document was accepted and run by
//! SSM as written, so the runbook must build back to it; the allow keeps the
//! fault visible to a reviewer instead of dropping or "fixing" it.

use ssmc_core::check::codes;
use ssmc_core::lower::NoFiles;
use ssmc_core::{verdict, Diagnostic, SourceMap};

/// The checker codes that come from AWS's API models, which a document that
/// ran in SSM may still break (a parameter SSM passes on and the API ignores,
/// a selector on an output nothing reads).
const MODEL_CODES: &[&str] = &[
    "E1027", "E1028", "E1029", "E1030", "E1031", "E1032", "E1033", "E1034", "E1035",
];

/// The errors of `rbk` (named `name`), compiled alone against the stdlib.
fn errors(name: &str, rbk: &str) -> Vec<Diagnostic> {
    let mut sources = SourceMap::new();
    let file = sources.add(name.to_string(), rbk);
    verdict::judge_files(&mut sources, &[file], &NoFiles)
        .check_view()
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

/// `rbk` with an allow comment above each line holding a model error.
pub fn keep_model_faults(name: &str, rbk: &str) -> String {
    let before = errors(name, rbk);
    let is_model = |d: &Diagnostic| MODEL_CODES.contains(&d.code);
    // (line index, rule name, message) of each model error, one per line and rule.
    let mut marks: Vec<(usize, &'static str, String)> = Vec::new();
    for d in before.iter().filter(|d| is_model(d)) {
        let Some(info) = codes::ALL.iter().find(|i| i.code == d.code) else {
            continue;
        };
        let start = usize::try_from(d.primary.span.start).unwrap_or(usize::MAX);
        let Some(head) = rbk.get(..start) else {
            continue;
        };
        let line = head.matches('\n').count();
        if !marks.iter().any(|(l, n, _)| *l == line && *n == info.name) {
            marks.push((line, info.name, d.message.replace('\n', " ")));
        }
    }
    if marks.is_empty() {
        return rbk.to_string();
    }
    let mut out = String::with_capacity(rbk.len() + marks.len() * 120);
    for (i, line) in rbk.split_inclusive('\n').enumerate() {
        let indent: String = line.chars().take_while(|c| *c == ' ').collect();
        for (_, rule, message) in marks.iter().filter(|(l, _, _)| *l == i) {
            out.push_str(&format!(
                "{indent}// ssmc: allow({rule}): kept from the imported document, which SSM ran as is: {message}\n"
            ));
        }
        out.push_str(line);
    }
    // Keep the allows only if they silence exactly the model errors and add
    // nothing (a comment line inside a multi-line string would change it).
    let after = errors(name, &out);
    let rest: Vec<_> = before.iter().filter(|d| !is_model(d)).collect();
    if after.len() == rest.len()
        && after
            .iter()
            .zip(&rest)
            .all(|(a, b)| a.code == b.code && a.message == b.message)
    {
        out
    } else {
        rbk.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::keep_model_faults;

    #[test]
    fn a_model_fault_gets_an_allow_that_silences_it_and_nothing_else_changes() {
        let rbk = "automation Flows {\n  step Describe = aws:executeAwsApi {\n    Service: \"ec2\",\n    Api: \"DescribeFlowLogs\",\n    Filters: [{ Name: \"flow-log-id\", Values: [\"fl-1\"] }],\n  }\n}\n";
        let out = keep_model_faults("flows.rbk", rbk);
        assert_eq!(
            out.lines()
                .filter(|l| l.contains("ssmc: allow(unknown-api-parameter)"))
                .count(),
            1,
            "{out}"
        );
        assert!(super::errors("flows.rbk", rbk)
            .iter()
            .any(|d| d.code == "E1029"));
        assert!(super::errors("flows.rbk", &out).is_empty(), "{out}");
        let without: String = out
            .lines()
            .filter(|l| !l.contains("ssmc: allow("))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(without, rbk);
    }

    #[test]
    fn a_clean_runbook_is_left_alone() {
        let rbk = "automation Ok {\n  step Wait = aws:sleep { Duration: \"PT1S\" }\n}\n";
        assert_eq!(keep_model_faults("ok.rbk", rbk), rbk);
    }
}
