//! `{{ Parameter }}` inside a script, masked before parsing.
//!
//! Automation substitutes `{{ … }}` in a step's inputs, the script
//! included, before Python sees it. Each one is replaced by underscores of
//! the same length: a name inside code, plain characters inside a string,
//! so every offset stays the document's own. Names made only of underscores
//! are never reported undefined ([`is_mask`]).

/// The text with every `{{ reference }}` replaced by underscores.
pub fn mask(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let (before, from) = rest.split_at(open);
        out.push_str(before);
        let close = from
            .find("}}")
            .filter(|&c| from.get(2..c).is_some_and(is_reference));
        match close {
            Some(c) => {
                out.extend(std::iter::repeat_n(
                    '_',
                    from.get(..c + 2).map_or(0, |s| s.chars().count()),
                ));
                rest = from.get(c + 2..).unwrap_or("");
            }
            None => {
                out.push_str("{{");
                rest = from.get(2..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// What Automation substitutes: a parameter, a step output, `global:…`,
/// `ssm:…` (not the `{{`/`}}` brace escapes of an f-string, `f"{{{x}}}"`).
fn is_reference(inner: &str) -> bool {
    let inner = inner.trim_matches(' ');
    !inner.is_empty()
        && inner
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '/' | '-'))
}

/// Whether a name is a masked `{{ … }}`.
pub fn is_mask(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_become_underscores_of_the_same_length() {
        assert_eq!(mask("x = '{{ Id }}'"), "x = '________'");
        assert_eq!(mask("y = {{Count}} + 1"), "y = _________ + 1");
        assert_eq!(
            mask("t = '{{ global:DATE_TIME }}'"),
            "t = '______________________'"
        );
        // f-string brace escapes and sets of sets are Python, not references.
        assert_eq!(mask("f'{{{x}}}'"), "f'{{{x}}}'");
        assert_eq!(mask("d = {{'a': 1}}"), "d = {{'a': 1}}");
        assert_eq!(mask("s = {{\n1}}"), "s = {{\n1}}");
        assert!(is_mask("_____") && !is_mask("_x"));
    }
}
