//! Template interpolations in an embedded document's text, made opaque.
//!
//! Input: the decoded text of a CloudFormation `Fn::Sub` string or a
//! Terraform heredoc, the dialect, and whether the text is a JSON document.
//! Output: the text SSM would receive, with every interpolation replaced by
//! an opaque value of the same length, and for each output byte the input
//! byte it came from (for [`super::offsets::OffsetMap::compose`]).
//! Why: `${AWS::Region}` or `${var.name}` is not shell or SSM syntax; left in
//! place it gives false findings (shellcheck's bad substitution, an invalid
//! JSON number). Masked with the same length, every other finding keeps its
//! column. Inside a JSON string (and in YAML) the mask is letters, a string
//! value; outside a JSON string it is the number `1` and spaces, so
//! `"timeoutSeconds": ${var.t}` stays valid JSON (and no limit is exceeded).
//! Invariant: text without interpolations comes back unchanged.

/// Which template language wrote the interpolations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// `Fn::Sub`: `${Name}`, `${Res.Attr}`, `${AWS::Region}`; `${!X}` is the literal `${X}`.
    CfnSub,
    /// HCL templates: `${expr}`, `%{directive}`; `$${` and `%%{` are literal.
    Terraform,
}

/// The masked text and the input byte of each output byte.
pub fn mask(text: &str, dialect: Dialect, json: bool) -> (String, Vec<usize>) {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut from = Vec::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut i = 0;
    while i < b.len() {
        let rest = text.get(i..).unwrap_or("");
        let literal = match dialect {
            Dialect::CfnSub => rest.starts_with("${!").then_some(("${", 3)),
            Dialect::Terraform => (rest.starts_with("$${") || rest.starts_with("%%{"))
                .then(|| (rest.get(1..3).unwrap_or("${"), 3)),
        };
        if let Some((lit, used)) = literal {
            push(&mut out, &mut from, lit, i);
            // The dropped escape byte maps to where it was written.
            i += used;
            continue;
        }
        let opens =
            rest.starts_with("${") || (dialect == Dialect::Terraform && rest.starts_with("%{"));
        if opens {
            if let Some(len) = interpolation_len(rest) {
                let number = json && !in_string;
                for k in 0..len {
                    let fill = if rest.starts_with('%') || (number && k > 0) {
                        ' '
                    } else if number {
                        '1'
                    } else {
                        'x'
                    };
                    out.push(fill);
                    from.push(i + k);
                }
                i += len;
                continue;
            }
        }
        let Some(c) = rest.chars().next() else {
            break;
        };
        if json {
            match (c, escaped) {
                (_, true) => escaped = false,
                ('\\', false) if in_string => escaped = true,
                ('"', false) => in_string = !in_string,
                _ => {}
            }
        }
        out.push(c);
        from.extend(i..i + c.len_utf8());
        i += c.len_utf8();
    }
    (out, from)
}

fn push(out: &mut String, from: &mut Vec<usize>, s: &str, at: usize) {
    for (k, c) in s.char_indices() {
        out.push(c);
        from.extend(std::iter::repeat_n(at + k, c.len_utf8()));
    }
}

/// The length of the interpolation at the start of `rest` (`${…}` with
/// nested braces and quoted strings), or `None` when it is not closed.
fn interpolation_len(rest: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = false;
    let mut escaped = false;
    for (i, c) in rest.char_indices().skip(1) {
        if quote {
            match (c, escaped) {
                (_, true) => escaped = false,
                ('\\', false) => escaped = true,
                ('"', false) => quote = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => quote = true,
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            '\n' => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_variables_become_opaque_strings_of_the_same_length() {
        let (out, from) = mask("echo ${AWS::Region} ${!HOME}", Dialect::CfnSub, false);
        assert_eq!(out, "echo xxxxxxxxxxxxxx ${HOME}");
        assert_eq!(from.len(), out.len());
        assert_eq!(
            from[out.find("HOME").unwrap()],
            "echo ${AWS::Region} ${!".len()
        );
    }

    #[test]
    fn terraform_masks_by_json_position_and_keeps_literal_dollars() {
        let text = r#"{"timeoutSeconds": ${var.t}, "x": "a ${lookup(m, "k")} $${HOME} %{ if c }y%{ endif }"}"#;
        let (out, _) = mask(text, Dialect::Terraform, true);
        assert_eq!(
            out,
            r#"{"timeoutSeconds": 1       , "x": "a xxxxxxxxxxxxxxxxx ${HOME}          y          "}"#
        );
    }

    #[test]
    fn text_without_interpolations_is_unchanged() {
        let text = "echo $HOME ${PATH:-x} 100%";
        let (out, from) = mask(text, Dialect::Terraform, false);
        assert_eq!(out, text.replace("${PATH:-x}", "xxxxxxxxxx"));
        let (out, _) = mask("echo $HOME 100% {a}", Dialect::CfnSub, false);
        assert_eq!(out, "echo $HOME 100% {a}");
        assert_eq!(from.len(), text.len());
    }
}
