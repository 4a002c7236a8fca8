//! The stable codes of syntax diagnostics (`E00xx`), one per kind of mistake.
//!
//! Invariant: a code is never reused for another kind; removed kinds leave a gap.

crate::define_codes! {
    group: Syntax;
    UNEXPECTED_CHAR = "E0001", "unexpected-char", Error, "a character that cannot start any token";
    UNTERMINATED_STRING = "E0002", "unterminated-string", Error, "a `\"…\"` or `#\"…\"#` string not closed on its line";
    BAD_ESCAPE = "E0003", "bad-escape", Error, "a `\\x` escape JSON does not define, or a broken `\\uXXXX`";
    BAD_BLOCK_INDENT = "E0004", "bad-block-indent", Error, "a block string line that does not start with the closing delimiter's indentation";
    CONTROL_CHAR = "E0005", "control-char", Error, "a NUL byte or another control character in the source";
    UNCLOSED_DELIMITER = "E0006", "unclosed-delimiter", Error, "a `{`, `[` or `(` that is never closed";
    UNMATCHED_CLOSER = "E0007", "unmatched-closer", Error, "a `}`, `]` or `)` with nothing open to close";
    TOO_DEEP = "E0008", "too-deep", Error, "brackets (or `!`) nested deeper than the limit";
    UNKNOWN_KEYWORD = "E0009", "unknown-keyword", Error, "an identifier where a keyword was expected, close to one of them";
    UNEXPECTED_TOKEN = "E0010", "unexpected-token", Error, "a token the grammar does not allow at that place";
    UNEXPECTED_EOF = "E0011", "unexpected-eof", Error, "the file ends in the middle of a construct";
    MIXED_AND_OR = "E0012", "mixed-and-or", Error, "`&&` and `||` in one condition without parentheses";
    BAD_NUMBER = "E0013", "bad-number", Error, "a malformed number or duration";
    BAD_BLOCK_STRING = "E0014", "bad-block-string", Error, "a `\"\"\"` block string that is not closed, or has text after its opening `\"\"\"`";
    EXPECTED_CONDITION = "E0015", "expected-condition", Error, "a value where a condition is required (or the reverse)";
    BAD_BACKTICK_NAME = "E0016", "bad-backtick-name", Error, "an unclosed `` ` `` name or an empty one";
    UNKNOWN_METHOD = "E0017", "unknown-method", Error, "a method call that is not one of the AWS condition operators";
    BIDI_CONTROL = "E0018", "bidi-control", Error, "a bidirectional control character (Trojan Source) in a source or document";
}
