//! Unit tests of the lexer and parser on small inputs.

use super::*;
use crate::span::FileId;

fn p(src: &str) -> Parsed {
    parse(FileId(0), src)
}

#[test]
fn empty_file_parses_clean() {
    let r = p("");
    assert!(r.diagnostics.is_empty());
    assert!(r.ast.items.is_empty());
}

fn messages(src: &str) -> Vec<String> {
    p(src)
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code, d.message))
        .collect()
}

#[test]
fn every_stdlib_declaration_parses_clean() {
    for (name, src) in ssmc_stdlib::SOURCES {
        let text = crate::span::normalize_source(src);
        let r = p(&text);
        assert!(r.diagnostics.is_empty(), "{name}: {:#?}", r.diagnostics);
        assert!(!r.ast.items.is_empty(), "{name}: no items");
    }
}

fn toks(src: &str) -> Vec<token::Tok> {
    lexer::lex(FileId(0), src)
        .tokens
        .into_iter()
        .map(|(t, _)| t)
        .collect()
}

fn str_value(src: &str) -> (String, ast::StringStyle, bool) {
    let l = lexer::lex(FileId(0), src);
    assert!(l.diagnostics.is_empty(), "{:#?}", l.diagnostics);
    match l.tokens.first() {
        Some((token::Tok::Str(s), _)) => (s.value.to_string(), s.style, s.lit),
        other => panic!("not a string: {other:?}"),
    }
}

#[test]
fn quoted_strings_decode_json_escapes() {
    let (v, style, lit) = str_value(r#""a\"b\\c\/d\b\f\n\r\t\u0041\ud83d\ude00""#);
    assert_eq!(v, "a\"b\\c/d\u{8}\u{c}\n\r\tA😀");
    assert_eq!(style, ast::StringStyle::Quoted);
    assert!(!lit);
}

#[test]
fn raw_strings_take_no_escapes_and_count_hashes() {
    assert_eq!(str_value(r##"#"C:\dir\n"#"##).0, r"C:\dir\n");
    let (v, style, _) = str_value(r###"##"say "#hi"# now"##"###);
    assert_eq!(v, r##"say "#hi"# now"##);
    assert_eq!(style, ast::StringStyle::Raw(2));
}

#[test]
fn lit_prefix_marks_the_string() {
    let (v, _, lit) = str_value(r#"lit"{{ item }}""#);
    assert_eq!(v, "{{ item }}");
    assert!(lit);
    assert_eq!(
        toks("lit x"),
        vec![
            token::Tok::Ident("lit".into()),
            token::Tok::Ident("x".into())
        ]
    );
}

#[test]
fn block_string_removes_the_closing_indentation() {
    let src = "\"\"\"\n    a\n      b\n\n  \n    c  \n    \"\"\"";
    let (v, style, _) = str_value(src);
    assert_eq!(v, "a\n  b\n\n\nc  ");
    assert_eq!(style, ast::StringStyle::Block);
}

#[test]
fn block_string_blank_line_before_close_gives_final_newline() {
    let (v, _, _) = str_value("\"\"\"\n  x\n\n  \"\"\"");
    assert_eq!(v, "x\n");
}

#[test]
fn raw_block_string_may_contain_triple_quotes() {
    let (v, style, _) = str_value("#\"\"\"\n  print(\"\"\"hi\"\"\")\n  \"\"\"#");
    assert_eq!(v, "print(\"\"\"hi\"\"\")");
    assert_eq!(style, ast::StringStyle::RawBlock(1));
}

#[test]
fn block_string_closing_line_may_continue_with_tokens() {
    let t = toks("x: \"\"\"\n  a\n  \"\"\" },");
    assert_eq!(t.last(), Some(&token::Tok::Comma));
    assert!(t.contains(&token::Tok::RBrace));
}

#[test]
fn underindented_block_line_is_reported_at_the_line() {
    let l = lexer::lex(FileId(0), "\"\"\"\n    a\n  b\n    \"\"\"");
    assert_eq!(l.diagnostics.len(), 1);
    assert_eq!(l.diagnostics[0].code, codes::BAD_BLOCK_INDENT);
    assert_eq!(l.diagnostics[0].primary.span.range(), 10..12);
}

#[test]
fn numbers_and_durations() {
    use token::Tok::{Duration, Number};
    assert_eq!(
        toks("60 -1 60.0 1e3 45s 1h30m 5d"),
        vec![
            Number("60".into()),
            Number("-1".into()),
            Number("60.0".into()),
            Number("1e3".into()),
            Duration {
                seconds: 45,
                text: "45s".into()
            },
            Duration {
                seconds: 5400,
                text: "1h30m".into()
            },
            Duration {
                seconds: 432_000,
                text: "5d".into()
            },
        ]
    );
    assert_eq!(
        messages("automation A { param P: Integer = 1m30h }").len(),
        1
    );
    assert_eq!(
        messages("automation A { param P: Integer = 2ndStep }")[0]
            .split(' ')
            .next(),
        Some("E0013")
    );
}

#[test]
fn durations_beyond_what_a_document_holds_are_errors_not_clamped() {
    use token::Tok::Duration;
    // i64::MAX seconds is 106751991167300d 15h 30m 7s: the last one that fits.
    assert_eq!(
        toks("106751991167300d15h30m7s"),
        vec![Duration {
            seconds: 9_223_372_036_854_775_807,
            text: "106751991167300d15h30m7s".into()
        }]
    );
    for text in [
        "213503982334601d",
        "106751991167300d15h30m8s",
        "99999999999999999999s",
    ] {
        let found = messages(&format!("automation A {{ param P: Integer = {text} }}"));
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert!(
            found[0].starts_with(&format!("E0013 the duration `{text}` is out of range")),
            "{text}: {found:?}"
        );
    }
}

#[test]
fn doc_comments_merge_and_skip_plain_comments() {
    let l = lexer::lex(FileId(0), "/// one\n  // skipped\n///two\n///\nx");
    assert_eq!(
        l.tokens.first().map(|t| t.0.clone()),
        Some(token::Tok::DocComment("one\ntwo\n".into()))
    );
    assert_eq!(l.comments.len(), 1);
    let l = lexer::lex(FileId(0), "//// four\nx");
    assert_eq!(l.comments.len(), 1);
    assert_eq!(
        l.tokens.first().map(|t| t.0.clone()),
        Some(token::Tok::Newline)
    );
}

#[test]
fn action_names_need_adjacent_parts() {
    assert!(messages("command C { step S = aws:runShellScript {} }").is_empty());
    let m = messages("command C { step S = aws : runShellScript {} }");
    assert_eq!(m, vec!["E0010 spaces inside an action name".to_string()]);
}

#[test]
fn misspelled_keyword_suggests_the_closest() {
    let m = messages("automation A {\n  stpe S = aws:sleep {}\n}\n");
    assert_eq!(
        m,
        vec!["E0009 unknown keyword `stpe`: did you mean `step`?".to_string()]
    );
}

#[test]
fn mixing_and_or_needs_parentheses() {
    let m = messages("automation A {\n  guard A == 1 && B == 2 || C == 3 else end\n}\n");
    assert_eq!(
        m,
        vec!["E0012 `&&` and `||` mixed without parentheses".to_string()]
    );
    assert!(
        messages("automation A {\n  guard (A == 1 && B == 2) || C == 3 else end\n}\n").is_empty()
    );
}

/// The lexer reads a plain ASCII run as bytes and decodes from the first
/// other character on: the value is the same wherever that character falls.
#[test]
fn quoted_strings_read_the_same_after_a_plain_run() {
    for (src, value) in [
        ("\"PT1M\"", "PT1M"),
        ("\"\"", ""),
        ("\"ab\\ncd\"", "ab\ncd"),
        ("\"caf\u{e9} au lait\"", "caf\u{e9} au lait"),
        ("\"a\tb\"", "a\tb"),
        ("\"~ {x} \"", "~ {x} "),
    ] {
        assert_eq!(str_value(src).0, value, "{src}");
    }
    let l = lexer::lex(FileId(0), "\"plain\u{7f}\"");
    assert_eq!(l.diagnostics.len(), 1, "{:#?}", l.diagnostics);
    assert_eq!(l.diagnostics[0].primary.span.start, 6);
    let l = lexer::lex(FileId(0), "\"never closed");
    assert_eq!(l.diagnostics.len(), 1, "{:#?}", l.diagnostics);
    assert_eq!(l.diagnostics[0].code, codes::UNTERMINATED_STRING);
}

#[test]
fn unterminated_string_reports_and_continues() {
    let m = messages("automation A {\n  param P: String = \"abc\n  param Q: Strin = 1 2\n}\n");
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(m[0].starts_with("E0002 expected `\"` to close the string opened here"));
}

fn deep(open: char, n: usize) -> String {
    let mut s = String::from("automation A {\n  param P: String = ");
    s.extend(std::iter::repeat_n(open, n));
    s.push_str("\n}\n");
    s
}

#[test]
fn deep_nesting_is_one_error_and_no_overflow() {
    for open in ['[', '{', '('] {
        let src = deep(open, 100_000);
        let handle = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || parse(FileId(0), &src).diagnostics)
            .expect("thread starts");
        let diags = handle.join().expect("no stack overflow");
        assert!(
            diags.iter().any(|d| d.code == codes::TOO_DEEP),
            "{open}: {diags:#?}"
        );
        assert_eq!(
            diags.iter().filter(|d| d.code == codes::TOO_DEEP).count(),
            1
        );
    }
    // Closed deep nesting too, and long runs of `!`.
    let mut src = String::from("automation A {\n  param P: String = ");
    src.push_str(&"[".repeat(5000));
    src.push_str(&"]".repeat(5000));
    src.push_str("\n  guard ");
    src.push_str(&"!".repeat(50_000));
    src.push_str("A == 1 else end\n}\n");
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || parse(FileId(0), &src).diagnostics)
        .expect("thread starts");
    let diags = handle.join().expect("no stack overflow");
    assert_eq!(
        diags.iter().filter(|d| d.code == codes::TOO_DEEP).count(),
        2,
        "{diags:#?}"
    );
}

#[test]
fn nesting_at_the_limit_is_fine() {
    let inner = "[".repeat(MAX_DEPTH - 2) + &"]".repeat(MAX_DEPTH - 2);
    let src = format!("automation A {{\n  param P: String = {inner}\n}}\n");
    assert!(messages(&src).is_empty(), "{:?}", messages(&src));
}

#[test]
fn nesting_just_under_the_limit_fits_a_small_stack() {
    let n = MAX_DEPTH - 2;
    let list = "[".repeat(n) + &"]".repeat(n);
    let map = "{ a: ".repeat(n) + "1" + &" }".repeat(n);
    let paren = "(".repeat(n) + "A == 1" + &")".repeat(n);
    let ifs = "if A == 1 {\n".repeat(n - 1) + "step S = aws:sleep {}\n" + &"}\n".repeat(n - 1);
    let srcs = [
        format!("automation A {{\n  param P: String = {list}\n}}\n"),
        format!("automation A {{\n  param P: String = {map}\n}}\n"),
        format!("automation A {{\n  guard {paren} else end\n}}\n"),
        format!("automation A {{\n{ifs}}}\n"),
    ];
    for src in srcs {
        let h = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || parse(FileId(0), &src).diagnostics)
            .expect("thread starts");
        let diags = h.join().expect("no stack overflow");
        assert!(diags.is_empty(), "{diags:#?}");
    }
}

#[test]
fn syntax_codes_are_unique() {
    let mut all = codes::ALL.to_vec();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), codes::ALL.len());
}

#[test]
fn custom_errors_keep_their_code() {
    let m = messages("automation A {\n  step S = brnch {}\n}\n");
    assert_eq!(
        m,
        vec!["E0009 unknown keyword `brnch`: did you mean `branch`?".to_string()]
    );
}

#[test]
fn single_quotes_are_one_error_and_read_as_a_string() {
    let m = messages("automation A {\n  param P: String = 'x'\n}\n");
    assert_eq!(
        m,
        vec!["E0001 strings are written in double quotes".to_string()]
    );
}

#[test]
fn truncated_file_is_one_diagnostic() {
    let m = messages("automation A {\n  step S = aws:sleep {\n    X: [1,");
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].starts_with("E0006 expected `]`"), "{m:?}");
}

/// The tree and whether there were errors, from each pass of the grammar over `src`.
fn both_passes(src: &str) -> [(Option<ast::SourceFileAst>, bool); 2] {
    let text = crate::span::normalize_source(src);
    let lexed = lexer::lex(FileId(0), &text);
    let (tokens, _) = brackets::balance(FileId(0), &text, lexed.tokens, false);
    let tokens: Vec<parser::TokSpan> = tokens
        .into_iter()
        .map(|(t, r)| (t, SimpleSpan::from(r)))
        .collect();
    let eoi = SimpleSpan::from(text.len()..text.len());
    let (cheap, cheap_errors) = run_pass::<chumsky::error::EmptyErr>(FileId(0), &tokens, eoi);
    let (rich, rich_errors) = run_pass::<Rich<'_, token::Tok, SimpleSpan>>(FileId(0), &tokens, eoi);
    [
        (cheap, !cheap_errors.is_empty()),
        (rich, !rich_errors.is_empty()),
    ]
}

/// `parse` keeps the cheap pass's tree when that pass reports no error: so
/// both passes must build the same tree, and report an error on the same
/// inputs (the custom errors of `validate` included, which leave the tree whole).
#[test]
fn the_cheap_and_the_rich_pass_build_the_same_tree_and_fail_on_the_same_inputs() {
    // The examples are the runbooks that use the most of the grammar.
    let examples = [
        (
            "asg-instance-refresh",
            include_str!("../../../../examples/asg-instance-refresh.rbk"),
        ),
        (
            "collect-diagnostics",
            include_str!("../../../../examples/collect-diagnostics.rbk"),
        ),
        (
            "ebs-snapshot-backup",
            include_str!("../../../../examples/ebs-snapshot-backup.rbk"),
        ),
        (
            "golden-ami",
            include_str!("../../../../examples/golden-ami.rbk"),
        ),
        (
            "incident-remediation",
            include_str!("../../../../examples/incident-remediation.rbk"),
        ),
        (
            "patch-fleet",
            include_str!("../../../../examples/patch-fleet.rbk"),
        ),
        (
            "restart-service",
            include_str!("../../../../examples/restart-service.rbk"),
        ),
    ];
    let sources: Vec<(&str, &str)> = ssmc_stdlib::SOURCES
        .iter()
        .copied()
        .chain(examples)
        .collect();
    assert!(sources.len() > 30, "{} sources", sources.len());
    let broken = [
        "automation A {\n  step S = if X == 1 && Y == 2 || Z == 3 { step T = aws:sleep {} }\n}\n",
        "automation A {\n  step S = aws:sleep { Duration: \"PT1S\" Other: 1 }\n}\n",
        "automation A {\n  step S = aws:sleep {} timeout 1e999\n}\n",
        "automation A {\n  step S = if X.Startz(\"a\") { step T = aws:sleep {} }\n}\n",
        "automation A {\n  stepp S = aws:sleep {}\n}\n",
        "automation A {\n  step S = aws : sleep {}\n}\n",
    ];
    for (name, src) in sources
        .into_iter()
        .chain(broken.iter().map(|s| ("broken", *s)))
    {
        let [(cheap, cheap_failed), (rich, rich_failed)] = both_passes(src);
        assert_eq!(cheap_failed, rich_failed, "{name}:\n{src}");
        assert_eq!(cheap, rich, "{name}:\n{src}");
        assert_eq!(rich_failed, name == "broken", "{name}:\n{src}");
    }
}
