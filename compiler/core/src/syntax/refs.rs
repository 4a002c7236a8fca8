//! SSM references inside strings: `{{ P }}`, `{{ Step.Out }}`, `{{ variable:X }}`,
//! `{{ global:REGION }}`, `{{ssm:/p}}`, `{{ssm-secure:/p}}`, `{{resolve:…}}`.
//!
//! Input: a string's text. Output: every reference in it, in order, with the
//! byte range of the whole `{{ … }}` in that text.
//! Invariant: only text matching the reference grammar of the language sketch
//! is a reference (`{{`, spaces, `Name` | `Name.Name` | `prefix:` text without
//! `}`, spaces, `}}`, on one line, `Name = [A-Za-z0-9_]+`); any other `{{` text
//! (`'{{print $2}}'`, `{{{}}}`) is literal, as SSM leaves it.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefKind {
    /// `{{ P }}`: a parameter (or a Maintenance Window pseudo-parameter).
    Param,
    /// `{{ Step.Out }}`.
    StepOutput,
    /// `{{ variable:X }}`.
    Variable,
    /// `{{ global:REGION }}`.
    Global,
    /// `{{ automation:EXECUTION_ID }}`.
    Automation,
    /// `{{ssm:/p}}`.
    Ssm,
    /// `{{ssm-secure:/p}}`.
    SsmSecure,
    /// `{{resolve:ssm:…}}`, `{{resolve:secretsmanager:…}}`.
    Resolve,
}

/// One reference found in a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrRef {
    pub kind: RefKind,
    /// `P`, `Step.Out`; for prefixed kinds the text after the prefix
    /// (`X` for `variable:X`, `secretsmanager:id` for `resolve:secretsmanager:id`).
    pub name: String,
    /// Byte range of the whole `{{ … }}` in the searched string.
    pub range: Range<usize>,
}

const PREFIXES: [(&str, RefKind); 6] = [
    ("variable:", RefKind::Variable),
    ("global:", RefKind::Global),
    ("automation:", RefKind::Automation),
    ("ssm-secure:", RefKind::SsmSecure),
    ("ssm:", RefKind::Ssm),
    ("resolve:", RefKind::Resolve),
];

/// Every reference in `s`, in order.
pub fn find_refs(s: &str) -> Vec<StrRef> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = s.get(from..).and_then(|t| t.find("{{")) {
        let start = from + rel;
        match parse_at(s, start) {
            Some(r) => {
                from = r.range.end;
                out.push(r);
            }
            None => from = start + 1,
        }
    }
    out
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn skip_spaces(s: &[u8], mut i: usize) -> usize {
    while matches!(s.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    i
}

/// Parses a reference whose `{{` is at `start`.
fn parse_at(s: &str, start: usize) -> Option<StrRef> {
    let bytes = s.as_bytes();
    let body_start = skip_spaces(bytes, start + 2);
    let rest = s.get(body_start..)?;
    if let Some((prefix, kind)) = PREFIXES.iter().find(|(p, _)| rest.starts_with(p)) {
        // `prefix:` text without `}` or a newline, then `}}`.
        let text_start = body_start + prefix.len();
        let mut i = text_start;
        while let Some(&b) = bytes.get(i) {
            if b == b'}' || b == b'\n' {
                break;
            }
            i += 1;
        }
        if bytes.get(i) != Some(&b'}') || bytes.get(i + 1) != Some(&b'}') {
            return None;
        }
        let name = s
            .get(text_start..i)?
            .trim_end_matches([' ', '\t'])
            .to_string();
        return Some(StrRef {
            kind: *kind,
            name,
            range: start..i + 2,
        });
    }
    let mut i = body_start;
    while bytes.get(i).copied().is_some_and(is_name_byte) {
        i += 1;
    }
    if i == body_start {
        return None;
    }
    let mut kind = RefKind::Param;
    if bytes.get(i) == Some(&b'.') {
        let second = i + 1;
        let mut j = second;
        while bytes.get(j).copied().is_some_and(is_name_byte) {
            j += 1;
        }
        if j == second {
            return None;
        }
        kind = RefKind::StepOutput;
        i = j;
    }
    let name = s.get(body_start..i)?.to_string();
    let close = skip_spaces(bytes, i);
    if bytes.get(close) != Some(&b'}') || bytes.get(close + 1) != Some(&b'}') {
        return None;
    }
    Some(StrRef {
        kind,
        name,
        range: start..close + 2,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(RefKind, String)> {
        find_refs(s).into_iter().map(|r| (r.kind, r.name)).collect()
    }

    #[test]
    fn finds_each_kind_with_its_range() {
        let s = "a {{ P }} b {{S.O}} {{ variable:X }} {{ssm-secure:/db/pw}}";
        let refs = find_refs(s);
        assert_eq!(refs.len(), 4);
        assert_eq!(&s[refs[0].range.clone()], "{{ P }}");
        assert_eq!(refs[1].kind, RefKind::StepOutput);
        assert_eq!(refs[1].name, "S.O");
        assert_eq!(
            (refs[2].kind, refs[2].name.as_str()),
            (RefKind::Variable, "X")
        );
        assert_eq!(
            (refs[3].kind, refs[3].name.as_str()),
            (RefKind::SsmSecure, "/db/pw")
        );
    }

    #[test]
    fn other_brace_text_is_literal() {
        assert!(kinds("awk '{{print $2}}'").is_empty());
        assert!(kinds("{{{}}}").is_empty());
        assert!(kinds("{{ a.b.c }}").is_empty());
    }

    #[test]
    fn resolve_keeps_its_service() {
        assert_eq!(
            kinds("{{resolve:secretsmanager:db:SecretString:pw}}"),
            vec![(RefKind::Resolve, "secretsmanager:db:SecretString:pw".into())]
        );
    }
}
