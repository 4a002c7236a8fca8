//! The parser over `fixtures/parse`: `ok/` files parse clean (outline snapshotted),
//! `err/` files are snapshotted with their rendered diagnostics, and no input panics.

use std::path::Path;

use crate::harness::{file_name, fixtures, outline, parse_and_render, parse_text};
use ssmc_core::syntax::{ast::Item, lexer, token::Tok};
use ssmc_core::FileId;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("fixture is readable UTF-8")
}

fn ok_fixtures() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir(fixtures("parse/ok"))
        .expect("fixtures/parse/ok exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rbk"))
        .map(|p| (file_name(&p), read(&p)))
        .collect();
    v.sort();
    v
}

#[test]
fn parse_errors() {
    insta::glob!(
        concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"),
        "parse/err/*.rbk",
        |path| {
            let src = read(path);
            let (_, parsed) = parse_text(&file_name(path), &src);
            assert!(
                !parsed.diagnostics.is_empty(),
                "{}: no diagnostics",
                path.display()
            );
            insta::assert_snapshot!(parse_and_render(&file_name(path), &src));
        }
    );
}

#[test]
fn parse_ok_fixtures_have_no_diagnostics() {
    insta::glob!(
        concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"),
        "parse/ok/*.rbk",
        |path| {
            let src = read(path);
            let (_, parsed) = parse_text(&file_name(path), &src);
            assert!(
                parsed.diagnostics.is_empty(),
                "{}",
                parse_and_render(&file_name(path), &src)
            );
            insta::assert_snapshot!(format!(
                "--- SOURCE ---\n{src}\n--- OUTLINE ---\n{}",
                outline(&parsed.ast)
            ));
        }
    );
}

#[test]
fn there_are_enough_fixtures() {
    assert!(ok_fixtures().len() >= 12);
    let errs = std::fs::read_dir(fixtures("parse/err"))
        .expect("err dir")
        .count();
    assert!(errs >= 30, "only {errs} err fixtures");
}

#[test]
fn bom_and_crlf_parse_like_the_plain_file() {
    for (name, src) in ok_fixtures() {
        let crlf = format!("\u{feff}{}", src.replace('\n', "\r\n"));
        let (_, plain) = parse_text(&name, &src);
        let (_, odd) = parse_text(&name, &crlf);
        assert!(odd.diagnostics.is_empty(), "{name}: {:#?}", odd.diagnostics);
        assert_eq!(outline(&plain.ast), outline(&odd.ast), "{name}");
    }
}

/// Deeply nested brackets give one located error, quickly, even on a 2 MiB stack.
#[test]
fn deep_nesting_is_reported_once() {
    let src = format!(
        "automation Deep {{\n  param P: String = {}\n}}\n",
        "[".repeat(100_000)
    );
    let started = std::time::Instant::now();
    let out = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let (_, parsed) = parse_text("deep_nesting.rbk", &src);
            let (map, _) = parse_text("deep_nesting.rbk", &src);
            ssmc::render::render(&parsed.diagnostics, &map, false)
        })
        .expect("thread starts")
        .join()
        .expect("no stack overflow");
    assert!(
        started.elapsed().as_secs() < 20,
        "too slow: {:?}",
        started.elapsed()
    );
    assert_eq!(
        out.matches("nesting deeper than 128 levels").count(),
        1,
        "{out}"
    );
    // The document's `{` is level 1, so the 128th `[` (column 21 + 127) is level 129.
    assert!(out.contains("deep_nesting.rbk:2:148"), "{out}");
}

#[test]
fn nul_byte_is_reported_and_parsing_goes_on() {
    let src = "automation A {\n  param P: String = \"a\0b\"\n  param Q: Strin = \n}\n";
    let out = parse_and_render("nul_byte.rbk", src);
    assert!(out.contains("a NUL byte in the source"), "{out}");
    assert!(out.contains("nul_byte.rbk:2:23"), "{out}");
    // The independent second mistake is reported too.
    assert!(out.contains("nul_byte.rbk:3:20"), "{out}");
}

/// The prefix `text[..cut]` is valid only if it ends after a whole top-level item
/// (with only blank lines or comments after it).
fn valid_prefix(text: &str, items: &[Item], cut: usize) -> bool {
    let end = items
        .iter()
        .map(|i| match i {
            Item::Document(d) => d.span.end as usize,
            Item::Action(a) => a.span.end as usize,
            Item::Error(s) => s.end as usize,
        })
        .filter(|e| *e <= cut)
        .max()
        .unwrap_or(0);
    let rest = text.get(end..cut).unwrap_or("");
    lexer::lex(FileId(0), rest)
        .tokens
        .iter()
        .all(|(t, _)| *t == Tok::Newline)
        && lexer::lex(FileId(0), rest).diagnostics.is_empty()
}

#[test]
fn truncated_and_garbled_inputs_never_panic() {
    const GARBAGE: &[&str] = &["\u{1}", "}", "\"", "{ [", "\"\"\"", "step", "&& ="];
    for (name, src) in ok_fixtures() {
        let (_, full) = parse_text(&name, &src);
        let mut cut = 0;
        while cut < src.len() {
            if src.is_char_boundary(cut) {
                let prefix = &src[..cut];
                let (_, parsed) = parse_text(&name, prefix);
                if !valid_prefix(&src, &full.ast.items, cut) {
                    assert!(
                        !parsed.diagnostics.is_empty(),
                        "{name} cut at {cut} gave no diagnostic"
                    );
                }
                let junk = GARBAGE[(cut / 7) % GARBAGE.len()];
                let garbled = format!("{prefix}{junk}{}", &src[cut..]);
                let (_, parsed) = parse_text(&name, &garbled);
                if junk == "\u{1}" {
                    assert!(
                        !parsed.diagnostics.is_empty(),
                        "{name}: control char at {cut} not reported"
                    );
                }
            }
            cut += 7;
        }
    }
}
