//! Every suggestion compiles: a did-you-mean help, applied, fixes what it
//! was given for and breaks nothing else.
//!
//! Input: every example runbook, mutated one name at a time (two letters of
//! a parameter reference, an input key, an action or a `goto` target swapped,
//! the typo an author makes).
//! Asserts: each mutant's diagnostic at the mutated name whose help says
//! "did you mean `X`?" is gone once the name is replaced by `X`, and the
//! result has no error the example itself does not have; every mutant gets
//! such a help (a typo one swap away always has a suggestion).

use super::examples::{compile_raw, describe, read_examples};

/// A name of the runbook a typo can hit: its byte range. Left out: names in
/// `"""` block strings (a diagnostic there points at the whole block, so a
/// replacement of its span is no quick fix: a known gap), the `automation:` /
/// `global:` / `variable:` prefixes (an unknown prefix is plain text to SSM,
/// not a reference), and keys outside a step's own inputs (output and tag
/// names, nested maps), which any spelling satisfies.
fn names(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let word_at = |from: usize| {
        let rest = &text[from..];
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        from..from + len
    };
    let mut in_block = false;
    let mut inputs_indent = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let blocks = line.matches("\"\"\"").count();
        if !in_block {
            if trimmed.starts_with("step ") && line.contains(" = ") {
                inputs_indent = Some(indent + 2);
            } else if trimmed.starts_with("outputs") || trimmed.starts_with('}') {
                inputs_indent = None;
            }
            let refs_end = line.find("\"\"\"").unwrap_or(line.len());
            for (at, _) in line[..refs_end].match_indices("{{ ") {
                let word = word_at(line_start + at + 3);
                if !text[word.end..].starts_with(':') {
                    out.push(word);
                }
            }
            for (at, _) in line.match_indices("goto ") {
                out.push(word_at(line_start + at + 5));
            }
            for (at, _) in line.match_indices("= aws:") {
                out.push(word_at(line_start + at + 6));
            }
            if Some(indent) == inputs_indent && trimmed.trim_end().ends_with(',') {
                if let Some((key, _)) = trimmed.split_once(": ") {
                    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric()) {
                        out.push(line_start + indent..line_start + indent + key.len());
                    }
                }
            }
        }
        if blocks % 2 == 1 {
            in_block = !in_block;
        }
        line_start += line.len();
    }
    // Names of 4 letters or more: a swap in a shorter one is often another word.
    out.retain(|r| r.len() >= 4);
    out.sort_by_key(|r| r.start);
    out.dedup();
    out
}

/// `word` with its second and third letters swapped (`Instance` → `Isntance`),
/// or `None` when they are equal.
fn swapped(word: &str) -> Option<String> {
    let mut chars: Vec<char> = word.chars().collect();
    if chars.len() < 4 || chars[1] == chars[2] {
        return None;
    }
    chars.swap(1, 2);
    Some(chars.into_iter().collect())
}

fn errors(text: &str, name: &str) -> Vec<String> {
    let (result, _) = compile_raw(name, text);
    let mut codes: Vec<String> = result
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code.to_string())
        .collect();
    codes.sort();
    codes
}

/// The `X` of a help "… did you mean `X`? …".
fn suggestion(help: &str) -> Option<&str> {
    let rest = help.split("did you mean `").nth(1)?;
    rest.split('`').next()
}

#[test]
fn every_did_you_mean_applied_to_a_typo_compiles() {
    let mut applied = 0;
    let mut failures = Vec::new();
    for (name, text) in read_examples() {
        let before = errors(&text, &name);
        for range in names(&text) {
            let word = &text[range.clone()];
            let Some(typo) = swapped(word) else { continue };
            let mutant = format!("{}{typo}{}", &text[..range.start], &text[range.end..]);
            let (result, sources) = compile_raw(&name, &mutant);
            let at_typo = |d: &&ssmc_core::Diagnostic| {
                d.primary.span.start as usize <= range.start + typo.len()
                    && range.start <= d.primary.span.end as usize
            };
            let helped: Vec<&ssmc_core::Diagnostic> = result
                .diagnostics
                .iter()
                .filter(at_typo)
                .filter(|d| d.help.as_deref().and_then(suggestion).is_some())
                .collect();
            let Some(d) = helped.first() else {
                failures.push(format!(
                    "{name}: `{word}` → `{typo}` got no did-you-mean at the typo:\n{}",
                    describe(&result.diagnostics, &sources)
                ));
                continue;
            };
            let Some(fix) = d.help.as_deref().and_then(suggestion) else {
                continue;
            };
            // A quick fix replaces the diagnostic's own span with the suggestion.
            let (from, to) = (d.primary.span.start as usize, d.primary.span.end as usize);
            let fixed = format!("{}{fix}{}", &mutant[..from], &mutant[to..]);
            let after = errors(&fixed, &name);
            applied += 1;
            let still = compile_raw(&name, &fixed)
                .0
                .diagnostics
                .iter()
                .any(|x| x.code == d.code && x.primary.span.start as usize == from);
            if still || after != before {
                failures.push(format!(
                    "{name}: `{word}` → `{typo}`: applying \"{}\" ({}) left errors {after:?} (example: {before:?})",
                    d.help.as_deref().unwrap_or(""),
                    d.code
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of the suggestions failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(applied >= 50, "only {applied} suggestions were applied");
}
