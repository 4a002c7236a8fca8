//! The registry holds itself to its invariants, and every documented code's
//! examples are tests: the Example reports exactly that code, the Use-instead
//! block does not report it (nor any error).

use std::collections::HashSet;

use super::docs::{code_block, explain, markdown, section, HEADINGS};
use super::{all, by_code, find, Group};
use crate::diagnostic::Severity;
use crate::lint::LintConfig;
use crate::lower::NoFiles;
use crate::span::SourceMap;
use crate::verdict::{self, Input, Kind, Options};

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for c in all() {
        assert!(codes.insert(c.as_str()), "duplicate code {c}");
        assert!(names.insert(c.name()), "duplicate name {}", c.name());
        assert!(
            c.name()
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch == '-'),
            "{c}: name `{}` is not kebab-case",
            c.name()
        );
        assert!(!c.summary().is_empty(), "{c} has no summary");
        let s = c.as_str();
        let well_formed = match c.group() {
            Group::Lint => s.len() == 6 && s.starts_with("SSM"),
            _ => s.len() == 5 && s.starts_with(['E', 'W', 'I']),
        };
        assert!(well_formed, "{c}: malformed code");
        let letter_fits = match s.as_bytes().first() {
            Some(b'E') => c.level() == Severity::Error,
            Some(b'W') => c.level() == Severity::Warning,
            Some(b'I') => c.level() == Severity::Info,
            _ => true,
        };
        assert!(letter_fits, "{c}: the letter says another level");
        assert_eq!(by_code(s), Some(*c));
        assert_eq!(find(c.name()), Some(*c));
    }
    // Every phase's table is part of the registry (a table left out of
    // `all()` would still compile: its codes are typed values all the same).
    for g in [
        Group::Syntax,
        Group::Read,
        Group::Lower,
        Group::Project,
        Group::Import,
        Group::Declaration,
        Group::Check,
        Group::Limit,
        Group::Lint,
    ] {
        assert!(all().iter().any(|c| c.group() == g), "no code of {g:?}");
    }
    for table in [
        crate::syntax::codes::ALL,
        crate::lower::codes::ALL,
        crate::codegen::read::codes::ALL,
        crate::project::codes::ALL,
        crate::import::codes::ALL,
        crate::catalog::codes::ALL,
        crate::check::codes::ALL,
        crate::cap::ALL,
    ] {
        assert!(table.iter().all(|c| all().contains(c)));
    }
}

#[test]
fn only_errors_that_stop_a_build_may_not_be_suppressed() {
    for c in all() {
        let build_stopper =
            c.level() == Severity::Error && !matches!(c.group(), Group::Check | Group::Lint);
        assert_eq!(c.suppressible(), !build_stopper, "{c}");
    }
    assert!(!find("unexpected-token").is_some_and(|c| c.suppressible()));
    assert!(find("unknown-parameter").is_some_and(|c| c.suppressible()));
}

#[test]
fn documented_codes_have_the_four_headings_and_examples() {
    for c in all() {
        if c.docs().is_empty() {
            assert_ne!(c.group(), Group::Lint, "{c}: a lint rule without docs");
            continue;
        }
        for h in HEADINGS {
            assert!(!section(c.docs(), h).is_empty(), "{c} lacks `## {h}`");
        }
        for h in ["Example", "Use instead"] {
            assert!(
                code_block(&section(c.docs(), h)).is_some(),
                "{c} `## {h}` has no code block"
            );
        }
    }
}

/// The compiler's findings (lint rules off) on one example text.
fn compiler_codes(lang: &str, text: &str) -> Vec<(String, Severity)> {
    let mut sources = SourceMap::new();
    let (catalog, stdlib) = crate::catalog::load_stdlib(&mut sources);
    let name = format!("example.{lang}");
    let inputs = [Input {
        file: sources.add(name.clone(), text),
        kind: Kind::of_path(&name),
        name: "example".to_string(),
        lint: false,
    }];
    let off = LintConfig::all_off();
    let options = Options {
        lint: &off,
        external: None,
    };
    verdict::judge(&mut sources, &inputs, &NoFiles, catalog, stdlib, options)
        .check_view()
        .iter()
        .map(|d| (d.code.as_str().to_string(), d.severity))
        .collect()
}

/// Every compiler code with docs: the Example reports that code and no
/// other, the Use-instead reports neither it nor any error.
#[test]
fn compiler_examples_report_exactly_their_code() {
    let mut documented = 0;
    let mut wrong = Vec::new();
    for c in all().iter().filter(|c| c.group() != Group::Lint) {
        if c.docs().is_empty() {
            continue;
        }
        documented += 1;
        let block = |h: &str| code_block(&section(c.docs(), h)).expect("a code block");
        let (lang, bad) = block("Example");
        let found = compiler_codes(&lang, &bad);
        if found.is_empty() || found.iter().any(|(code, _)| code != c.as_str()) {
            wrong.push(format!("{c}: the Example reports {found:?}"));
        }
        let (lang, good) = block("Use instead");
        let found = compiler_codes(&lang, &good);
        if found
            .iter()
            .any(|(code, sev)| code == c.as_str() || *sev == Severity::Error)
        {
            wrong.push(format!("{c}: the Use-instead block reports {found:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert!(
        documented >= 20,
        "only {documented} compiler codes are documented"
    );
}

#[test]
fn explain_names_the_code_its_facts_and_docs() {
    let c = find("E1010").expect("E1010");
    let text = explain(c);
    assert!(
        text.starts_with("E1010 unknown-parameter (default: error, fix: no, suppressible: yes)")
    );
    assert!(text.contains("## Example"), "{text}");
    let undocumented = find("E0001").expect("E0001");
    assert_eq!(
        markdown(undocumented),
        "## What it does\n\nA character that cannot start any token.\n\nReported by syntax."
    );
}
