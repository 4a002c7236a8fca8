//! SSM `{{ … }}` references inside string text.
//!
//! Input: a string's text (source text before escapes, or a decoded value).
//! Output: every reference, with the byte range of the whole `{{…}}`.
//! Invariant: exactly the sketch's reference grammar: on one line, `{{`, spaces, then
//! `Name`, `Name.Name` or `prefix:text` (text without `}`; prefixes `variable`,
//! `global`, `automation`, `ssm`, `ssm-secure`, `resolve`), spaces, `}}`, with
//! `Name = [A-Za-z0-9_]+`. Anything else (`{{print $2}}`, `{{{}}}`) is literal text, as
//! SSM leaves it.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefKind {
    /// `{{ P }}`
    Param,
    /// `{{ Step.Out }}`
    StepOutput,
    /// `{{ variable:X }}`
    Variable,
    /// `{{ global:REGION }}`
    Global,
    /// `{{ automation:EXECUTION_ID }}`
    Automation,
    /// `{{ssm:/p}}`
    Ssm,
    /// `{{ssm-secure:/p}}`
    SsmSecure,
    /// `{{resolve:ssm:…}}`, `{{resolve:secretsmanager:…}}`
    Resolve,
}

/// One reference found in a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrRef {
    pub kind: RefKind,
    /// `P`, `Step.Out`, or the text after the prefix's `:` (trailing spaces removed).
    pub name: String,
    /// Bytes of the whole `{{…}}` in the string.
    pub range: Range<usize>,
}

/// Every reference in `s`, in order.
pub fn find_refs(s: &str) -> Vec<StrRef> {
    let mut out = Vec::new();
    let mut i = 0usize;
    while let Some(start) = find_open(s.as_bytes(), i) {
        match parse_at(s, start) {
            Some(r) => {
                i = r.range.end;
                out.push(r);
            }
            None => i = start + 1,
        }
    }
    out
}

/// The byte offset of the next `{{` at or after `from`. A plain byte scan: most
/// strings hold no `{{` at all, and `str::find` sets up a two-way searcher on
/// every call, which cost more than the scan on the short strings of a runbook.
fn find_open(b: &[u8], from: usize) -> Option<usize> {
    let rest = b.get(from..)?;
    rest.windows(2).position(|w| w == b"{{").map(|p| from + p)
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn skip_spaces(b: &[u8], mut at: usize) -> usize {
    while matches!(b.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    at
}

/// Parses a reference whose `{{` starts at `start`.
fn parse_at(s: &str, start: usize) -> Option<StrRef> {
    let b = s.as_bytes();
    let body = skip_spaces(b, start + 2);
    // A prefix: letters and `-`, then `:`.
    let mut p = body;
    while b
        .get(p)
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'-')
    {
        p += 1;
    }
    if b.get(p) == Some(&b':') {
        let prefix = s.get(body..p)?;
        let kind = match prefix {
            "variable" => RefKind::Variable,
            "global" => RefKind::Global,
            "automation" => RefKind::Automation,
            "ssm" => RefKind::Ssm,
            "ssm-secure" => RefKind::SsmSecure,
            "resolve" => RefKind::Resolve,
            _ => return None,
        };
        let text_start = p + 1;
        let mut t = text_start;
        while b.get(t).is_some_and(|c| *c != b'}' && *c != b'\n') {
            t += 1;
        }
        if !s.get(t..)?.starts_with("}}") {
            return None;
        }
        let name = s.get(text_start..t)?.trim_end_matches([' ', '\t']);
        if name.is_empty() {
            return None;
        }
        return Some(StrRef {
            kind,
            name: name.to_string(),
            range: start..t + 2,
        });
    }
    // `Name` or `Name.Name`.
    let mut n = body;
    while b.get(n).is_some_and(|c| is_name_byte(*c)) {
        n += 1;
    }
    if n == body {
        return None;
    }
    let mut kind = RefKind::Param;
    if b.get(n) == Some(&b'.') {
        let second = n + 1;
        let mut m = second;
        while b.get(m).is_some_and(|c| is_name_byte(*c)) {
            m += 1;
        }
        if m == second {
            return None;
        }
        kind = RefKind::StepOutput;
        n = m;
    }
    let name = s.get(body..n)?.to_string();
    let close = skip_spaces(b, n);
    if !s.get(close..)?.starts_with("}}") {
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

    fn one(s: &str) -> Option<(RefKind, String, Range<usize>)> {
        let mut v = find_refs(s);
        assert!(v.len() <= 1, "more than one reference in {s:?}: {v:?}");
        v.pop().map(|r| (r.kind, r.name, r.range))
    }

    #[test]
    fn parameter_with_and_without_spaces() {
        assert_eq!(one("{{ P }}"), Some((RefKind::Param, "P".into(), 0..7)));
        assert_eq!(one("{{P}}"), Some((RefKind::Param, "P".into(), 0..5)));
        assert_eq!(
            one("x {{   InstanceId   }} y"),
            Some((RefKind::Param, "InstanceId".into(), 2..22))
        );
        assert_eq!(
            one("{{ 2nd_Param }}"),
            Some((RefKind::Param, "2nd_Param".into(), 0..15))
        );
    }

    #[test]
    fn step_output() {
        assert_eq!(
            one("{{ Step.Out }}"),
            Some((RefKind::StepOutput, "Step.Out".into(), 0..14))
        );
        assert_eq!(one("{{ A.B.C }}"), None);
        assert_eq!(one("{{ A. }}"), None);
        assert_eq!(one("{{ .B }}"), None);
    }

    #[test]
    fn every_prefix() {
        assert_eq!(
            one("{{ variable:X }}"),
            Some((RefKind::Variable, "X".into(), 0..16))
        );
        assert_eq!(
            one("{{ global:REGION }}"),
            Some((RefKind::Global, "REGION".into(), 0..19))
        );
        assert_eq!(
            one("{{ automation:EXECUTION_ID }}"),
            Some((RefKind::Automation, "EXECUTION_ID".into(), 0..29))
        );
        assert_eq!(
            one("{{ssm:/a/b}}"),
            Some((RefKind::Ssm, "/a/b".into(), 0..12))
        );
        assert_eq!(
            one("{{ssm-secure:/p}}"),
            Some((RefKind::SsmSecure, "/p".into(), 0..17))
        );
        assert_eq!(
            one("{{resolve:secretsmanager:arn:aws:x:y}}"),
            Some((RefKind::Resolve, "secretsmanager:arn:aws:x:y".into(), 0..38))
        );
        assert_eq!(
            one("{{resolve:ssm:/p:1}}"),
            Some((RefKind::Resolve, "ssm:/p:1".into(), 0..20))
        );
    }

    #[test]
    fn unknown_prefix_and_odd_text_are_literal() {
        assert_eq!(one("{{ other:X }}"), None);
        assert_eq!(one("{{print $2}}"), None);
        assert_eq!(one("awk '{{print $2}}'"), None);
        assert_eq!(one("{{{}}}"), None);
        assert_eq!(one("{{}}"), None);
        assert_eq!(one("{{ }}"), None);
        assert_eq!(one("{{ ssm: }}"), None);
        assert_eq!(one("{{ A B }}"), None);
        assert_eq!(one("{{ A-B }}"), None);
        assert_eq!(one("{ A }"), None);
        assert_eq!(one("{{ A }"), None);
    }

    #[test]
    fn references_stay_on_one_line() {
        assert_eq!(one("{{ A\n}}"), None);
        assert_eq!(one("{{ ssm:/a\n}}"), None);
    }

    #[test]
    fn several_references_in_order() {
        let v = find_refs("{{ A }}-{{ B.C }}/{{ssm:/x}} and {{ nope!}} {{variable:V}}");
        let kinds: Vec<_> = v.iter().map(|r| (r.kind, r.name.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (RefKind::Param, "A"),
                (RefKind::StepOutput, "B.C"),
                (RefKind::Ssm, "/x"),
                (RefKind::Variable, "V"),
            ]
        );
        let s = "{{ A }}-{{ B.C }}";
        assert_eq!(&s[v[1].range.clone()], "{{ B.C }}");
    }

    #[test]
    fn triple_braces_find_the_inner_reference() {
        // `{{{ X }}}`: the outer braces are text, the inner `{{ X }}` matches.
        let v = find_refs("{{{ X }}}");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].range, 1..8);
    }

    #[test]
    fn prefix_text_keeps_inner_spaces_and_drops_trailing_ones() {
        assert_eq!(
            one("{{ ssm:/a b  }}"),
            Some((RefKind::Ssm, "/a b".into(), 0..15))
        );
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
}
