//! The stable codes of syntax diagnostics (`E00xx`), one per kind of mistake.
//!
//! Invariant: a code is never reused for another kind; removed kinds leave a gap.

/// A character that cannot start any token.
pub const UNEXPECTED_CHAR: &str = "E0001";
/// A `"…"` or `#"…"#` string not closed on its line.
pub const UNTERMINATED_STRING: &str = "E0002";
/// A `\x` escape JSON does not define, or a broken `\uXXXX`.
pub const BAD_ESCAPE: &str = "E0003";
/// A block string line that does not start with the closing delimiter's indentation.
pub const BAD_BLOCK_INDENT: &str = "E0004";
/// A NUL byte or another control character in the source.
pub const CONTROL_CHAR: &str = "E0005";
/// A `{`, `[` or `(` that is never closed.
pub const UNCLOSED_DELIMITER: &str = "E0006";
/// A `}`, `]` or `)` with nothing open to close.
pub const UNMATCHED_CLOSER: &str = "E0007";
/// Brackets (or `!`) nested deeper than the limit.
pub const TOO_DEEP: &str = "E0008";
/// An identifier where a keyword was expected, close to one of them.
pub const UNKNOWN_KEYWORD: &str = "E0009";
/// A token the grammar does not allow at that place.
pub const UNEXPECTED_TOKEN: &str = "E0010";
/// The file ends in the middle of a construct.
pub const UNEXPECTED_EOF: &str = "E0011";
/// `&&` and `||` in one condition without parentheses.
pub const MIXED_AND_OR: &str = "E0012";
/// A malformed number or duration.
pub const BAD_NUMBER: &str = "E0013";
/// A `"""` block string that is not closed, or has text after its opening `"""`.
pub const BAD_BLOCK_STRING: &str = "E0014";
/// A value where a condition is required (or the reverse).
pub const EXPECTED_CONDITION: &str = "E0015";
/// An unclosed `` ` `` name or an empty one.
pub const BAD_BACKTICK_NAME: &str = "E0016";
/// A method call that is not one of the AWS condition operators.
pub const UNKNOWN_METHOD: &str = "E0017";
/// A bidirectional control character (Trojan Source) in a source or document.
pub const BIDI_CONTROL: &str = "E0018";

/// Every code above, to turn a code carried as text back into the constant.
pub const ALL: &[&str] = &[
    UNEXPECTED_CHAR,
    UNTERMINATED_STRING,
    BAD_ESCAPE,
    BAD_BLOCK_INDENT,
    CONTROL_CHAR,
    UNCLOSED_DELIMITER,
    UNMATCHED_CLOSER,
    TOO_DEEP,
    UNKNOWN_KEYWORD,
    UNEXPECTED_TOKEN,
    UNEXPECTED_EOF,
    MIXED_AND_OR,
    BAD_NUMBER,
    BAD_BLOCK_STRING,
    EXPECTED_CONDITION,
    BAD_BACKTICK_NAME,
    UNKNOWN_METHOD,
    BIDI_CONTROL,
];
