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
fn only_errors_that_stop_a_build_and_the_limit_summary_may_not_be_suppressed() {
    for c in all() {
        let build_stopper =
            c.level() == Severity::Error && !matches!(c.group(), Group::Check | Group::Lint);
        let made_after_suppression = c.group() == Group::Limit;
        assert_eq!(
            c.suppressible(),
            !build_stopper && !made_after_suppression,
            "{c}"
        );
    }
    assert!(!find("unexpected-token").is_some_and(|c| c.suppressible()));
    assert!(!find("too-many-diagnostics").is_some_and(|c| c.suppressible()));
    assert!(find("unknown-parameter").is_some_and(|c| c.suppressible()));
}

/// Codes with no Example and Use-instead, each with the reason; their docs
/// have the first two headings only, and say why.
const NO_EXAMPLE: &[(&str, &str)] = &[
    (
        "W1022",
        "needs two documents of one deployed name, in two files, which one code block cannot hold",
    ),
    (
        "E1066",
        "needs `[documents] namespace` in ssmc.toml beside the runbook, which one code block cannot hold",
    ),
    ("W1007", "retired: nothing reports it"),
    (
        "W0901",
        "reported only for a bug in ssmc; a document known to cause it gets the bug fixed",
    ),
    (
        "I0801",
        "reported only for a file with more than 200 diagnostics, too long for an example",
    ),
];

#[test]
fn every_code_has_the_four_headings_and_examples() {
    for c in all() {
        assert!(!c.docs().is_empty(), "{c} has no docs");
        let no_example = NO_EXAMPLE.iter().any(|(code, _)| c == code);
        for h in HEADINGS {
            let required = !no_example || !matches!(h, "Example" | "Use instead");
            assert_eq!(
                !section(c.docs(), h).is_empty(),
                required,
                "{c}: `## {h}` (listed without examples: {no_example})"
            );
        }
        if no_example {
            continue;
        }
        for h in ["Example", "Use instead"] {
            assert!(
                code_block(&section(c.docs(), h)).is_some(),
                "{c} `## {h}` has no code block"
            );
        }
    }
}

/// The info strings an example's code block may have (see [`compiler_codes`]):
/// any other would be judged as something it is not.
const EXAMPLE_LANGUAGES: [&str; 8] = [
    "rbk",
    "json",
    "yaml",
    "tf",
    "json import",
    "yaml import",
    "toml",
    "rbk test",
];

/// The compiler's findings (lint rules off) on one example text. `lang` is
/// the code block's info string: `rbk`, `json`, `yaml`, `tf` are judged as
/// `ssmc check` judges such a file; `json import`/`yaml import` are read and
/// imported as `ssmc import` does; `toml` is read as the project's `ssmc.toml`.
fn compiler_codes(lang: &str, text: &str) -> Vec<(String, Severity)> {
    let mut sources = SourceMap::new();
    let (catalog, stdlib) = crate::catalog::load_stdlib(&mut sources);
    let (lang, import_or_test) = match lang.split_once(' ') {
        Some((lang, how)) => (lang, Some(how)),
        None => (lang, None),
    };
    let import = import_or_test == Some("import");
    let name = format!("example.{lang}");
    let found = |diags: &[crate::Diagnostic]| {
        diags
            .iter()
            .map(|d| (d.code.as_str().to_string(), d.severity))
            .collect::<Vec<_>>()
    };
    if lang == "rbk" && import_or_test == Some("test") {
        return test_file_codes(&mut sources, text);
    }
    if lang == "toml" {
        return match crate::project::config::parse(text) {
            Ok(_) => Vec::new(),
            Err(_) => vec![(
                crate::project::codes::INVALID_CONFIG.as_str().to_string(),
                Severity::Error,
            )],
        };
    }
    if import {
        let format = crate::codegen::read::Format::from_path_ext(&name).expect("json or yaml");
        let file = sources.add(name.clone(), text);
        return match crate::codegen::read::read_document(file, "example", text, format) {
            Ok(doc) => found(&crate::import::import_document(&doc, &catalog).diagnostics),
            Err(diags) => found(&diags),
        };
    }
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
    found(&verdict::judge(&mut sources, &inputs, &NoFiles, catalog, stdlib, options).check_view())
}

/// An `rbk test` example: a runbook, a `---` line, and a test file; the
/// codes reported reading the test file and judging it against the runbook
/// (the runbook itself must compile).
fn test_file_codes(sources: &mut SourceMap, text: &str) -> Vec<(String, Severity)> {
    let (runbook, tests) = text
        .split_once("\n---\n")
        .expect("an `rbk test` example has a `---` line");
    let file = sources.add("example.rbk".to_string(), runbook);
    let compiled = crate::pipeline::compile(sources, &[file], &NoFiles);
    let errors: Vec<_> = compiled
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(
        errors.is_empty(),
        "the runbook of an `rbk test` example has errors: {errors:?}"
    );
    let doc = compiled
        .files
        .into_iter()
        .flat_map(|f| f.documents)
        .next()
        .expect("the example's runbook has a document");
    let test_file = sources.add("example.test.toml".to_string(), tests);
    let (parsed, mut diags) = crate::simulate::testfile::parse(test_file, tests);
    if let Some(parsed) = parsed {
        diags.extend(crate::simulate::testfile::check(&parsed, &doc));
    }
    diags
        .iter()
        .map(|d| (d.code.as_str().to_string(), d.severity))
        .collect()
}

/// The example text with each `<U+XXXX>` replaced by that character: the
/// docs name control and bidirectional characters this way, since the
/// character itself would be invisible (or reorder the page) in
/// `ssmc explain` and docs/rules.md.
fn with_hidden_characters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("<U+") {
        let (before, tail) = rest.split_at(at);
        out.push_str(before);
        let decoded = tail.get(3..).and_then(|t| {
            let end = t.find('>')?;
            let c = u32::from_str_radix(t.get(..end)?, 16).ok()?;
            Some((char::from_u32(c)?, 3 + end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = tail.get(len..).unwrap_or("");
            }
            None => {
                out.push_str("<U+");
                rest = tail.get(3..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn hidden_characters_are_named_by_their_code_point() {
    assert_eq!(with_hidden_characters("a<U+0007>b"), "a\u{7}b");
    assert_eq!(with_hidden_characters("<U+202E>"), "\u{202e}");
    assert_eq!(with_hidden_characters("<U+zz> <U+"), "<U+zz> <U+");
}

/// Codes no source text can reach, each with the code its Example reports
/// instead and why. The Example still has to report exactly that code, so
/// the entry goes stale (and fails) if the code becomes reachable.
const REPORTED_FIRST: &[(&str, &str, &str)] = &[
    (
        "E0208",
        "E0017",
        "the parser reports a method that is not a condition operator before lowering; \
         E0208 guards syntax trees the importer builds",
    ),
    (
        "E0901",
        "E0603",
        "the reader refuses a document nested that deep before the importer sees it",
    ),
];

/// Every compiler code with docs: the Example reports that code and no
/// other, the Use-instead reports neither it nor any error.
#[test]
fn compiler_examples_report_exactly_their_code() {
    let mut documented = 0;
    let mut wrong = Vec::new();
    for c in all().iter().filter(|c| c.group() != Group::Lint) {
        if NO_EXAMPLE.iter().any(|(code, _)| c == code) {
            continue;
        }
        documented += 1;
        let block = |h: &str| code_block(&section(c.docs(), h)).expect("a code block");
        let expected = REPORTED_FIRST
            .iter()
            .find(|(code, _, _)| c == code)
            .map_or(c.as_str(), |(_, first, _)| *first);
        let (lang, bad) = block("Example");
        let (good_lang, good) = block("Use instead");
        if !EXAMPLE_LANGUAGES.contains(&lang.as_str()) || good_lang != lang {
            wrong.push(format!("{c}: examples in `{lang}` and `{good_lang}`"));
            continue;
        }
        let found = compiler_codes(&lang, &with_hidden_characters(&bad));
        if found.is_empty() || found.iter().any(|(code, _)| code != expected) {
            wrong.push(format!(
                "{c}: the Example reports {found:?}, expected {expected} only"
            ));
        }
        let found = compiler_codes(&lang, &with_hidden_characters(&good));
        if found
            .iter()
            .any(|(code, sev)| code == c.as_str() || *sev == Severity::Error)
        {
            wrong.push(format!("{c}: the Use-instead block reports {found:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    let compiler = all().iter().filter(|c| c.group() != Group::Lint).count();
    assert_eq!(documented + NO_EXAMPLE.len(), compiler);
}

#[test]
fn rules_md_keeps_the_examples_indentation() {
    let page = super::docs::rules_markdown();
    let example = "```rbk\nautomation Restart {\n  step Run = aws:runComand {";
    assert!(
        page.contains(example),
        "E1001's example lost its indentation"
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
    let retired = find("W1007").expect("W1007");
    assert!(
        markdown(retired).starts_with("## What it does\n\nRetired"),
        "{}",
        markdown(retired)
    );
}
