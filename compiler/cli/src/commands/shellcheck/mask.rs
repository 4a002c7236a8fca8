//! Masking SSM `{{ … }}` references before a script goes to shellcheck.
//!
//! Input: a script's text. Output: the same text with every reference replaced
//! by text of the same byte length, so every line and column shellcheck reports
//! is the line and column in the original. Outside single quotes a reference
//! becomes a shell expansion (`{{ Mode }}` → `${MODE____}`): SSM pastes a value
//! there at run time, so quoting checks (SC2086) stay right and a test such as
//! `[ "{{ P }}" = "yes" ]` is not a constant expression (SC2050). Inside single
//! quotes, where an expansion would itself be a finding (SC2016), it becomes
//! plain letters. Names are upper-case, as environment variables are, so
//! shellcheck does not ask where they were assigned (SC2154).

use ssmc_core::syntax::refs::find_refs;

/// `text` with every `{{ … }}` masked (see the module docs).
pub fn mask(text: &str) -> String {
    let refs = find_refs(text);
    if refs.is_empty() {
        return text.to_string();
    }
    let quoted = single_quoted_at(text, refs.iter().map(|r| r.range.start));
    let mut out = text.to_string();
    for (r, in_single) in refs.iter().zip(quoted) {
        let len = r.range.len();
        let replacement = if in_single || len < 4 {
            "x".repeat(len)
        } else {
            expansion(&r.name, len)
        };
        out.replace_range(r.range.clone(), &replacement);
    }
    out
}

/// `${NAME…}` of exactly `len` bytes (`len` ≥ 4), the name taken from `name`.
fn expansion(name: &str, len: usize) -> String {
    let body_len = len - 3;
    let mut body: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .take(body_len)
        .collect();
    if body.starts_with(|c: char| c.is_ascii_digit()) || body.is_empty() {
        body.insert(0, '_');
        body.truncate(body_len);
    }
    while body.len() < body_len {
        body.push('_');
    }
    format!("${{{body}}}")
}

/// For each byte offset of `at` (ascending), whether it is inside a
/// single-quoted shell string. A small scan of shell quoting: backslash
/// escapes outside single quotes, `'…'` and `"…"`, `#` comments to the end of
/// the line.
fn single_quoted_at(text: &str, at: impl Iterator<Item = usize>) -> Vec<bool> {
    let mut want = at.peekable();
    let mut out = Vec::new();
    let (mut single, mut double, mut comment, mut escaped) = (false, false, false, false);
    let mut prev = b'\n';
    for (i, &b) in text.as_bytes().iter().enumerate() {
        while want.peek() == Some(&i) {
            out.push(single);
            want.next();
        }
        if comment {
            comment = b != b'\n';
        } else if escaped {
            escaped = false;
        } else if single {
            single = b != b'\'';
        } else {
            match b {
                b'\\' => escaped = true,
                b'\'' if !double => single = true,
                b'"' => double = !double,
                b'#' if !double && (prev.is_ascii_whitespace() || prev == b';') => comment = true,
                _ => {}
            }
        }
        prev = b;
    }
    out.extend(want.map(|_| single));
    out
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn a_reference_becomes_an_expansion_of_the_same_length() {
        let s = r#"[ "{{ Mode }}" = "yes" ] && echo {{Region}} {{ global:REGION }}"#;
        let m = mask(s);
        assert_eq!(m.len(), s.len());
        assert_eq!(
            m,
            r#"[ "${MODE___}" = "yes" ] && echo ${REGION_} ${REGION__________}"#
        );
    }

    #[test]
    fn inside_single_quotes_it_becomes_letters() {
        let s = "echo '{{ Name }}' \"{{ Name }}\"";
        assert_eq!(mask(s), "echo 'xxxxxxxxxx' \"${NAME___}\"");
    }

    #[test]
    fn an_apostrophe_in_a_comment_or_double_quotes_does_not_open_a_quote() {
        let s = "# it's here\necho \"it's {{ A }}\"";
        assert_eq!(mask(s), "# it's here\necho \"it's ${A___}\"");
    }

    #[test]
    fn a_short_or_numeric_name_still_gives_a_valid_expansion() {
        assert_eq!(mask("{{9}}"), "${_9}");
        assert_eq!(mask("{{A}}"), "${A_}");
    }
}
