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
