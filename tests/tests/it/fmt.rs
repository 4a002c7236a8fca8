//! `ssmc fmt`: the canonical printer over every example and every `ok/` fixture.
//!
//! For each file: format → parse gives the same tree as the original (spans
//! ignored, step clauses in canonical order), formatting is idempotent, the
//! comments survive, and copies with mangled whitespace format back to the
//! same canonical text. Snapshots of `fixtures/fmt/*.rbk` show input and output.

use std::path::{Path, PathBuf};

use ssmc_core::fmt::format_file;
use ssmc_core::span::{normalize_source, FileId};
use ssmc_core::syntax::ast::{
    Block, Clause, DocItem, ElseArm, IfArm, Item, SourceFileAst, Step, StepBody,
};
use ssmc_core::syntax::parse;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("invariant: the tests crate sits in the repo root")
        .to_path_buf()
}

fn rbk_files_under(dir: &Path, only_ok: bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rbk_files_under(&path, only_ok, out);
        } else if path.extension().is_some_and(|e| e == "rbk")
            && (!only_ok
                || path
                    .parent()
                    .and_then(|p| p.file_name())
                    .is_some_and(|n| n == "ok"))
        {
            out.push(path);
        }
    }
}

/// `examples/**/*.rbk`, `tests/fixtures/**/ok/*.rbk`, `tests/fixtures/fmt/*.rbk` and the
/// stdlib's declarations, found at test time.
fn corpus() -> Vec<PathBuf> {
    let root = repo_root();
    let mut files = Vec::new();
    rbk_files_under(&root.join("examples"), false, &mut files);
    rbk_files_under(&root.join("tests/fixtures"), true, &mut files);
    rbk_files_under(&root.join("tests/fixtures/fmt"), false, &mut files);
    rbk_files_under(&root.join("stdlib/actions"), false, &mut files);
    files
}

fn read(path: &Path) -> String {
    normalize_source(&std::fs::read_to_string(path).expect("fixture is readable UTF-8"))
}

/// Parses, failing the test (with the diagnostics) when the text has errors.
fn parse_clean(text: &str, what: &str) -> SourceFileAst {
    let parsed = parse(FileId(0), text);
    let errors: Vec<String> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{} at {:?}: {}", d.code, d.primary.span.range(), d.message))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not parse:\n{}\n---\n{text}",
        errors.join("\n")
    );
    parsed.ast
}

fn format(text: &str, what: &str) -> String {
    let ast = parse_clean(text, what);
    format_file(&ast, Some(text))
}

// ---- span-insensitive comparison ---------------------------------------------

/// The clauses of every step in canonical order (the printer's stable partition).
fn normalize_clauses(ast: &mut SourceFileAst) {
    fn block(b: &mut Block) {
        b.steps.iter_mut().for_each(step);
    }
    fn arm(a: &mut IfArm) {
        if let IfArm::Block(b) = a {
            block(b);
        }
    }
    fn step(s: &mut Step) {
        let rank = |c: &Clause| match c {
            Clause::Outputs { .. } => 1,
            Clause::Goto { .. } | Clause::End { .. } => 2,
            _ => 0,
        };
        s.clauses.sort_by_key(rank);
        match &mut s.body {
            StepBody::Action(a) => {
                if let Some(b) = &mut a.loop_body {
                    block(b);
                }
            }
            StepBody::If(i) => {
                arm(&mut i.then_block);
                i.else_ifs.iter_mut().for_each(|(_, a)| arm(a));
                if let Some(ElseArm::Arm(a)) = &mut i.else_arm {
                    arm(a);
                }
            }
            _ => {}
        }
    }
    for item in &mut ast.items {
        if let Item::Document(d) = item {
            for di in &mut d.items {
                if let DocItem::Step(s) = di {
                    step(s);
                }
            }
        }
    }
}

/// The tree's Debug text with every `Span { … }` removed.
fn shape(ast: &SourceFileAst) -> String {
    let mut ast = ast.clone();
    ast.comments.clear();
    normalize_clauses(&mut ast);
    let text = format!("{:?}", ast.items);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find("Span { file: ") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let close = after
            .find('}')
            .expect("invariant: a Span's Debug text closes");
        out.push_str("Span");
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn comment_texts(ast: &SourceFileAst) -> Vec<String> {
    ast.comments
        .iter()
        .map(|c| c.text.trim_end().to_string())
        .collect()
}

#[test]
fn formatting_keeps_the_tree_and_the_comments_and_is_idempotent() {
    let files = corpus();
    assert!(!files.is_empty(), "no examples or ok fixtures found");
    for path in files {
        let what = path.display().to_string();
        let text = read(&path);
        let before = parse_clean(&text, &what);
        let once = format_file(&before, Some(&text));
        let after = parse_clean(&once, &format!("formatted {what}"));
        assert_eq!(
            shape(&before),
            shape(&after),
            "{what}: formatting changed the tree:\n{once}"
        );
        assert_eq!(
            comment_texts(&before),
            comment_texts(&after),
            "{what}: comments changed:\n{once}"
        );
        let twice = format_file(&after, Some(&once));
        assert_eq!(once, twice, "{what}: formatting is not idempotent");
        assert!(
            once.ends_with('\n') && !once.ends_with("\n\n"),
            "{what}: must end with one newline"
        );
    }
}

// ---- mangled copies ---------------------------------------------------------

/// The lines of `text` with a flag: inside a block string (content or closing line).
fn block_string_lines(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut closer: Option<String> = None;
    for line in text.split('\n') {
        if let Some(c) = &closer {
            let done = line.trim() == c;
            out.push((line, true));
            if done {
                closer = None;
            }
            continue;
        }
        out.push((line, false));
        let code = line.trim_end();
        if !code.trim_start().starts_with("//") && code.ends_with("\"\"\"") {
            let hashes = code
                .trim_end_matches("\"\"\"")
                .chars()
                .rev()
                .take_while(|&c| c == '#')
                .count();
            closer = Some(format!("\"\"\"{}", "#".repeat(hashes)));
        }
    }
    out
}

/// Adds spaces around `:`, `=` and `,` outside strings, comments and names.
fn space_out(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        let prev = if i == 0 {
            None
        } else {
            chars.get(i - 1).copied()
        };
        match c {
            '/' if next == Some('/') => {
                out.extend(&chars[i..]);
                return out;
            }
            '"' | '#' | '`' => {
                // Copy a string (`"…"`, `#"…"#`) or a backticked name verbatim.
                let hashes = chars[i..].iter().take_while(|&&c| c == '#').count();
                let open = i + hashes;
                if c == '#' && chars.get(open) != Some(&'"') {
                    out.push(c);
                    i += 1;
                    continue;
                }
                let quote = if c == '`' { '`' } else { '"' };
                let mut j = open + 1;
                while let Some(&d) = chars.get(j) {
                    if d == '\\' && hashes == 0 && quote == '"' {
                        j += 2;
                        continue;
                    }
                    if d == quote
                        && chars[j + 1..]
                            .iter()
                            .take(hashes)
                            .filter(|&&h| h == '#')
                            .count()
                            == hashes
                    {
                        j += 1 + hashes;
                        break;
                    }
                    j += 1;
                }
                let end = j.min(chars.len());
                out.extend(&chars[i..end]);
                i = end;
                continue;
            }
            ':' if next == Some(' ') => out.push_str("  :"),
            ',' => out.push_str("  ,  "),
            '=' if next == Some(' ') && prev == Some(' ') => out.push_str("  =  "),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// Every line re-indented (block strings shifted as a whole) and spaced out.
fn mangle(text: &str) -> String {
    let mut out = Vec::new();
    for (n, (line, in_block)) in block_string_lines(text).into_iter().enumerate() {
        if in_block {
            out.push(if line.is_empty() {
                String::new()
            } else {
                format!("   {line}")
            });
            continue;
        }
        let body = line.trim_start();
        if body.is_empty() {
            out.push(String::new());
            continue;
        }
        let indent = match n % 4 {
            0 => "",
            1 => "\t",
            2 => "     ",
            _ => " \t ",
        };
        let body = if body.starts_with("///") || body.contains("\"\"\"") {
            body.to_string()
        } else {
            space_out(body)
        };
        out.push(format!("{indent}{body}"));
    }
    out.join("\n")
}

#[test]
fn mangled_whitespace_formats_back_to_canonical_text() {
    for path in corpus() {
        let what = path.display().to_string();
        let text = read(&path);
        let canonical = format(&text, &what);
        let mangled = mangle(&text);
        assert_ne!(mangled, text, "{what}: the mangling changed nothing");
        let from_mangled = format(&mangled, &format!("mangled {what}"));
        assert_eq!(
            canonical, from_mangled,
            "{what}: a mangled copy formats differently"
        );
    }
}

// ---- snapshots --------------------------------------------------------------

#[test]
fn fmt_fixtures() {
    insta::glob!("../../fixtures", "fmt/*.rbk", |path| {
        let text = read(path);
        let formatted = format(&text, &path.display().to_string());
        insta::assert_snapshot!(format!(
            "--- INPUT ---\n{text}\n--- FORMATTED ---\n{formatted}"
        ));
    });
}

#[test]
fn comments_are_all_kept() {
    let text = read(&repo_root().join("tests/fixtures/fmt/comments.rbk"));
    let before = parse_clean(&text, "comments.rbk");
    assert!(
        before.comments.len() >= 10,
        "the fixture should exercise many comments"
    );
    let formatted = format_file(&before, Some(&text));
    let after = parse_clean(&formatted, "formatted comments.rbk");
    assert_eq!(before.comments.len(), after.comments.len());
    for c in &before.comments {
        assert!(
            formatted.contains(c.text.trim_end()),
            "lost comment {:?}",
            c.text
        );
    }
}

#[test]
fn error_nodes_are_printed_verbatim_without_panicking() {
    let text =
        "automation Broken {\n  step A = aws:sleep { Duration: }\n  step B = aws:sleep {}\n}\n";
    let parsed = parse(FileId(0), text);
    assert!(parsed.diagnostics.iter().any(|d| d.is_error()));
    let out = format_file(&parsed.ast, Some(text));
    assert!(out.contains("step B = aws:sleep {}"), "{out}");
    assert!(out.ends_with('\n'));
}

/// The `.rbk` examples of `docs/language.md`: every fenced block without a
/// language tag that starts with a document or a declaration.
fn spec_examples() -> Vec<(usize, String)> {
    let text = read(&repo_root().join("docs/language.md"));
    let mut out = Vec::new();
    let mut current: Option<(usize, String, bool)> = None;
    for (n, line) in text.lines().enumerate() {
        match current.take() {
            None => {
                if let Some(tag) = line.strip_prefix("```") {
                    current = Some((n + 2, String::new(), tag.is_empty()));
                }
            }
            Some((start, body, plain)) => {
                if line.starts_with("```") {
                    let first = body
                        .lines()
                        .map(str::trim)
                        .find(|l| !l.is_empty() && (!l.starts_with("//") || l.starts_with("///")));
                    let is_source = first.is_some_and(|l| {
                        ["///", "@", "automation ", "command ", "extern ", "action "]
                            .iter()
                            .any(|p| l.starts_with(p))
                    });
                    // Templates (`NAME`, `[/// doc]`, `…`) are grammar, not examples.
                    let template =
                        body.contains("NAME") || body.contains('…') || body.contains("[/// doc]");
                    if plain && is_source && !template {
                        out.push((start, body));
                    }
                } else {
                    let mut body = body;
                    body.push_str(line);
                    body.push('\n');
                    current = Some((start, body, plain));
                }
            }
        }
    }
    out
}

#[test]
fn language_spec_examples_parse_and_are_canonical() {
    let examples = spec_examples();
    assert!(
        examples.len() >= 20,
        "expected the spec's worked examples, found {}",
        examples.len()
    );
    for (line, text) in examples {
        let what = format!("docs/language.md example at line {line}");
        assert_eq!(
            format(&text, &what),
            text,
            "{what} is not in canonical form"
        );
    }
}

/// Broken copies (a line dropped, the text cut short) parse with errors; the
/// printer must still print every node, `Error` nodes as their source text.
#[test]
fn broken_sources_never_panic_the_printer() {
    let mut broken_seen = 0;
    for path in corpus() {
        let text = read(&path);
        let lines: Vec<&str> = text.lines().collect();
        let mut variants = Vec::new();
        for n in (0..lines.len()).step_by(7) {
            let mut copy = lines.clone();
            copy.remove(n);
            variants.push(copy.join("\n"));
        }
        for cut in (0..text.len()).step_by(211) {
            if let Some(prefix) = text.get(..cut) {
                variants.push(prefix.to_string());
            }
        }
        for variant in variants {
            let parsed = parse(FileId(0), &variant);
            if parsed.diagnostics.iter().any(|d| d.is_error()) {
                broken_seen += 1;
            }
            let out = format_file(&parsed.ast, Some(&variant));
            assert!(
                out.ends_with('\n'),
                "{}: output must end with a newline",
                path.display()
            );
        }
    }
    assert!(broken_seen > 0, "no broken variant was produced");
}

/// The importer's path: the same trees printed without source text (layout
/// by the 100-column rule, comments by span order) parse back to the same
/// tree, and that output is stable under `fmt` with its source.
#[test]
fn printing_without_source_keeps_the_tree_and_is_stable() {
    for path in corpus() {
        let what = path.display().to_string();
        let text = read(&path);
        let before = parse_clean(&text, &what);
        let printed = format_file(&before, None);
        let after = parse_clean(&printed, &format!("{what} printed without source"));
        assert_eq!(
            shape(&before),
            shape(&after),
            "{what}: tree changed:\n{printed}"
        );
        assert_eq!(
            comment_texts(&before),
            comment_texts(&after),
            "{what}: comments changed:\n{printed}"
        );
        let again = format_file(&after, Some(&printed));
        assert_eq!(
            printed, again,
            "{what}: fmt changes the output printed without source"
        );
        for (line, in_block) in block_string_lines(&printed) {
            if in_block {
                continue;
            }
            let code = code_only(line);
            assert!(
                line.chars().count() <= 100 || !(code.contains('{') && code.contains('}')),
                "{what}: a map was left on a line over 100 columns:\n{line}"
            );
        }
    }
}

/// A line without its one-line strings and comment (roughly: for the width check).
fn code_only(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                while let Some(d) = chars.next() {
                    if d == '\\' {
                        chars.next();
                    } else if d == '"' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'/') => break,
            c => out.push(c),
        }
    }
    out
}

#[test]
fn large_files_format_quickly() {
    let one = read(&repo_root().join("examples/asg-instance-refresh.rbk"));
    let text = vec![one.as_str(); 200].join("\n");
    let ast = parse(FileId(0), &text).ast;
    let started = std::time::Instant::now();
    let out = format_file(&ast, Some(&text));
    let elapsed = started.elapsed();
    assert!(out.len() >= text.len() / 2);
    assert!(
        elapsed.as_secs() < 5,
        "formatting {} bytes took {elapsed:?}",
        text.len()
    );
}

/// `ssmc fmt --check` over the repository's own sources: the examples and
/// the stdlib are kept in canonical form.
#[test]
fn examples_and_stdlib_are_canonical() {
    let root = repo_root();
    let mut files = Vec::new();
    rbk_files_under(&root.join("examples"), false, &mut files);
    rbk_files_under(&root.join("stdlib/actions"), false, &mut files);
    assert!(!files.is_empty());
    for path in files {
        let what = path.display().to_string();
        let text = read(&path);
        assert_eq!(
            format(&text, &what),
            text,
            "{what} is not in canonical form (run `ssmc fmt`)"
        );
    }
}

#[test]
fn deeply_nested_input_does_not_overflow_the_printer() {
    let bangs = "!".repeat(20_000);
    let brackets = format!("{}1{}", "[".repeat(500), "]".repeat(500));
    let text = format!(
        "automation A {{\n  step B = branch {{\n    when {bangs}a == 1 -> C\n  }}\n  step C = aws:sleep {{ X: {brackets} }}\n}}\n"
    );
    let parsed = parse(FileId(0), &text);
    let out = format_file(&parsed.ast, Some(&text));
    assert!(out.ends_with('\n'));
}

/// Every fixture of every area that parses cleanly (check and codegen
/// fixtures too) round-trips through the printer, with and without source.
#[test]
fn every_clean_fixture_round_trips_with_and_without_source() {
    let mut files = Vec::new();
    rbk_files_under(&repo_root().join("tests/fixtures"), false, &mut files);
    let mut checked = 0;
    for path in files {
        let what = path.display().to_string();
        let text = read(&path);
        let parsed = parse(FileId(0), &text);
        if parsed.diagnostics.iter().any(|d| d.is_error()) {
            continue; // a syntax-error fixture: `fmt` refuses such files
        }
        for source in [Some(text.as_str()), None] {
            let printed = format_file(&parsed.ast, source);
            let again = parse_clean(&printed, &format!("{what} printed"));
            assert_eq!(
                shape(&parsed.ast),
                shape(&again),
                "{what}: tree changed:\n{printed}"
            );
            assert_eq!(
                comment_texts(&parsed.ast),
                comment_texts(&again),
                "{what}: comments changed"
            );
            assert_eq!(
                format_file(&again, Some(&printed)),
                printed,
                "{what}: not idempotent"
            );
        }
        checked += 1;
    }
    assert!(checked > 0, "no fixture parsed cleanly");
}
