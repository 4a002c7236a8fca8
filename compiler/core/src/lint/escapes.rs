//! Where each byte of a double-quoted string's value is in its source.
//!
//! Input: the source of a JSON (or YAML double-quoted, one-line) string,
//! quotes included, and its decoded value. Output: for every byte of the value
//! the offset in the source of the character or escape it came from, so a
//! finding inside a script written as one JSON string (`"#!/bin/bash\nset
//! -e\n…"`) points at its own line and column rather than at the string.
//! Invariant: `None` unless decoding the source gives exactly the value.

/// Source offsets (relative to `src`) of each value byte, plus one past the end.
pub fn value_offsets(src: &str, value: &str) -> Option<Vec<usize>> {
    let body = src.strip_prefix('"')?.strip_suffix('"')?;
    let b = body.as_bytes();
    let mut out = Vec::with_capacity(value.len() + 1);
    let mut decoded = String::with_capacity(value.len());
    let mut i = 0;
    while i < b.len() {
        let at = i + 1;
        let c = if *b.get(i)? == b'\\' {
            let (c, used) = escape(body.get(i + 1..)?)?;
            i += 1 + used;
            c
        } else {
            let c = body.get(i..)?.chars().next()?;
            i += c.len_utf8();
            c
        };
        decoded.push(c);
        out.extend(std::iter::repeat_n(at, c.len_utf8()));
    }
    out.push(src.len() - 1);
    (decoded == value).then_some(out)
}

/// The character of the escape after a backslash, and the bytes it used.
fn escape(rest: &str) -> Option<(char, usize)> {
    let c = rest.chars().next()?;
    let simple = match c {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        'b' => '\u{8}',
        'f' => '\u{c}',
        '0' => '\0',
        '"' | '\\' | '/' => c,
        'u' => return unicode(rest),
        _ => return None,
    };
    Some((simple, 1))
}

/// `uXXXX`, or a surrogate pair `uD83D\uDE00`.
fn unicode(rest: &str) -> Option<(char, usize)> {
    let hi = u32::from_str_radix(rest.get(1..5)?, 16).ok()?;
    if (0xD800..0xDC00).contains(&hi) {
        let lo_text = rest.get(5..11)?.strip_prefix("\\u")?;
        let lo = u32::from_str_radix(lo_text, 16).ok()?;
        let code = 0x10000 + ((hi - 0xD800) << 10) + (lo.checked_sub(0xDC00)?);
        return Some((char::from_u32(code)?, 11));
    }
    Some((char::from_u32(hi)?, 5))
}

#[cfg(test)]
mod tests {
    use super::value_offsets;

    #[test]
    fn each_value_byte_maps_to_its_escape() {
        let src = r#""a\nb\"c\u00e9d""#;
        let value = "a\nb\"céd";
        let o = value_offsets(src, value).expect("decodes");
        // a at 1, \n at 2, b at 4, \" at 5, c at 7, é (2 bytes) at 8, d at 14, end 15.
        assert_eq!(o, vec![1, 2, 4, 5, 7, 8, 8, 14, 15]);
    }

    #[test]
    fn a_source_that_is_not_the_value_gives_none() {
        assert_eq!(value_offsets(r#""a\nb""#, "a b"), None);
        assert_eq!(value_offsets("'a'", "a"), None);
    }

    #[test]
    fn a_surrogate_pair_is_one_character() {
        let o = value_offsets(r#""\ud83d\ude00!""#, "\u{1F600}!").expect("decodes");
        assert_eq!(o, vec![1, 1, 1, 1, 13, 14]);
    }
}
