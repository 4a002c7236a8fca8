//! The JSONPath dialect of SSM selectors, parsed into segments with spans.
//!
//! Input: a selector as written (`$.Reservations[0].Instances[*].State.Name`).
//! Output: its segments, each with the byte range it covers in the selector,
//! or a parse error with the range at fault.
//!
//! Accepted, as real runbooks use it: an optional leading `$`; `.name`
//! (any characters but `.`, `[`, `]`, quotes and spaces); `.'quoted.name'` and
//! `."quoted"`; `['x']`, `["x"]` and unions `['a','b']`; `[n]` (negative
//! allowed), also after a dot (`.[0]`); `[*]` and `.*`; slices `[a:b]`, `[:b]`, `[a:]`, `[a:b:c]`; `..`
//! before a name, `*` or a bracket (recursive descent); filters `[?(…)]`,
//! kept as text with their own span (their `@.a.b` paths are parsed by
//! [`filter_paths`]). Invariant: every segment's range lies inside the input
//! and ranges increase; the parser never loops without consuming input.

use std::ops::Range;

/// What one segment selects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sel {
    /// `.name`, `['name']`.
    Member(String),
    /// `['a','b']`: several members (a list of values).
    Members(Vec<String>),
    /// `[n]`.
    Index(i64),
    /// `[a:b:c]`.
    Slice,
    /// `[*]`, `.*`.
    Wildcard,
    /// `[?(…)]`: the text between `?(` and `)`.
    Filter(String),
    /// `.length()` and Jayway's other functions without arguments: computed
    /// from what the path before yields (a list's length, a number's sum…).
    Function(String),
}

/// Jayway's functions that take no argument (`.length()`); they apply to
/// what the path before them yields, a list included.
const FUNCTIONS: &[&str] = &[
    "avg", "first", "keys", "last", "length", "max", "min", "stddev", "sum",
];

/// A member name, or a function when it is `name()` of [`FUNCTIONS`].
fn name_or_function(name: &str) -> Sel {
    match name.strip_suffix("()") {
        Some(f) if FUNCTIONS.contains(&f) => Sel::Function(f.to_string()),
        _ => Sel::Member(name.to_string()),
    }
}

/// One segment and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Segment {
    pub sel: Sel,
    /// `..` before it: searched at any depth.
    pub deep: bool,
    /// Bytes of the selector this segment covers (its `.`/`..` included).
    pub range: Range<usize>,
    /// Bytes of the name alone (for a member), else the same as `range`.
    pub name_range: Range<usize>,
}

/// A selector SSM cannot parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub message: String,
    pub range: Range<usize>,
}

fn err<T>(message: impl Into<String>, range: Range<usize>) -> Result<T, ParseError> {
    Err(ParseError {
        message: message.into(),
        range,
    })
}

/// Parses a selector into segments.
pub(crate) fn parse(s: &str) -> Result<Vec<Segment>, ParseError> {
    let b = s.as_bytes();
    let mut i = 0;
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    let dollar = b.get(i) == Some(&b'$');
    if dollar {
        i += 1;
    }
    let mut out = Vec::new();
    let mut first = !dollar;
    loop {
        let start = i;
        let Some(&c) = b.get(i) else { break };
        if c == b' ' && s.get(i..).is_some_and(|r| r.trim().is_empty()) {
            break;
        }
        let deep = s.get(i..).is_some_and(|r| r.starts_with(".."));
        match c {
            b'.' => {
                i += if deep { 2 } else { 1 };
                match b.get(i) {
                    Some(b'[') => {
                        // `.[0]` reads as `[0]` (Jayway's reading; AWS runbooks use it).
                        let (sel, end) = bracket(s, i)?;
                        out.push(Segment {
                            sel,
                            deep,
                            range: start..end,
                            name_range: i..end,
                        });
                        i = end;
                    }
                    Some(b'*') => {
                        out.push(Segment {
                            sel: Sel::Wildcard,
                            deep,
                            range: start..i + 1,
                            name_range: i..i + 1,
                        });
                        i += 1;
                    }
                    Some(&q @ (b'\'' | b'"')) => {
                        let Some(len) = s.get(i + 1..).and_then(|r| r.find(q as char)) else {
                            return err("an unclosed quoted name", start..s.len());
                        };
                        let name = s.get(i + 1..i + 1 + len).unwrap_or("").to_string();
                        let end = i + len + 2;
                        out.push(Segment {
                            sel: Sel::Member(name),
                            deep,
                            range: start..end,
                            name_range: i + 1..i + 1 + len,
                        });
                        i = end;
                    }
                    _ => {
                        let name_start = i;
                        while b
                            .get(i)
                            .is_some_and(|c| !matches!(c, b'.' | b'[' | b']' | b' ' | b'\'' | b'"'))
                        {
                            i += 1;
                        }
                        if i == name_start {
                            return err(
                                "a `.` must be followed by a name",
                                start..i.max(start + 1),
                            );
                        }
                        let name = s.get(name_start..i).unwrap_or("");
                        out.push(Segment {
                            sel: name_or_function(name),
                            deep,
                            range: start..i,
                            name_range: name_start..i,
                        });
                    }
                }
            }
            b'[' => {
                let (sel, end) = bracket(s, i)?;
                out.push(Segment {
                    sel,
                    deep: false,
                    range: start..end,
                    name_range: start..end,
                });
                i = end;
            }
            _ if first => {
                // A selector without `$`: `Reservations[0]` reads as `$.Reservations[0]`.
                let name_start = i;
                while b
                    .get(i)
                    .is_some_and(|c| !matches!(c, b'.' | b'[' | b']' | b' ' | b'\'' | b'"'))
                {
                    i += 1;
                }
                if i == name_start {
                    return err(format!("unexpected `{}`", c as char), i..i + 1);
                }
                out.push(Segment {
                    sel: Sel::Member(s.get(name_start..i).unwrap_or("").to_string()),
                    deep: false,
                    range: start..i,
                    name_range: start..i,
                });
            }
            _ => {
                let end = s
                    .get(i..)
                    .and_then(|r| r.chars().next())
                    .map_or(i + 1, |ch| i + ch.len_utf8());
                return err(
                    format!("unexpected `{}`", s.get(i..end).unwrap_or("?")),
                    i..end,
                );
            }
        }
        first = false;
        if i <= start {
            return err("the selector does not parse here", start..start + 1);
        }
    }
    Ok(out)
}

/// A `[…]` segment starting at `at` (the `[`): what it selects and the index past `]`.
fn bracket(s: &str, at: usize) -> Result<(Sel, usize), ParseError> {
    let rest = s.get(at + 1..).unwrap_or("");
    if let Some(inner) = rest.strip_prefix("?(") {
        // A filter: find the `)]` that closes it, counting parentheses.
        let mut depth = 1usize;
        let mut quote: Option<char> = None;
        for (k, ch) in inner.char_indices() {
            match (quote, ch) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(ch),
                (None, '(') => depth += 1,
                (None, ')') => {
                    depth -= 1;
                    if depth == 0 {
                        let close = at + 3 + k;
                        if s.as_bytes().get(close + 1) != Some(&b']') {
                            return err("a filter must end with `)]`", at..close + 1);
                        }
                        let text = inner.get(..k).unwrap_or("").to_string();
                        return Ok((Sel::Filter(text), close + 2));
                    }
                }
                _ => {}
            }
        }
        return err("an unclosed filter `[?(`", at..s.len());
    }
    let Some(close) = find_close(rest) else {
        return err("an unclosed `[`", at..s.len());
    };
    let inner = rest.get(..close).unwrap_or("").trim();
    let end = at + 1 + close + 1;
    let range = at..end;
    if inner == "*" {
        return Ok((Sel::Wildcard, end));
    }
    if inner.starts_with(['\'', '"']) {
        let mut names = Vec::new();
        for part in split_quoted(inner) {
            let part = part.trim();
            let unq = part
                .strip_prefix('\'')
                .and_then(|p| p.strip_suffix('\''))
                .or_else(|| part.strip_prefix('"').and_then(|p| p.strip_suffix('"')));
            let Some(name) = unq else {
                return err(format!("`{part}` is not a quoted name"), range);
            };
            names.push(name.to_string());
        }
        return Ok(match <[String; 1]>::try_from(names) {
            Ok([one]) => (Sel::Member(one), end),
            Err(many) => (Sel::Members(many), end),
        });
    }
    if inner.contains(':') {
        let ok = inner
            .split(':')
            .all(|p| p.trim().is_empty() || p.trim().parse::<i64>().is_ok());
        if ok && inner.split(':').count() <= 3 {
            return Ok((Sel::Slice, end));
        }
        return err(format!("`[{inner}]` is not a slice"), range);
    }
    if let Ok(n) = inner.parse::<i64>() {
        return Ok((Sel::Index(n), end));
    }
    if inner.contains(',') && inner.split(',').all(|p| p.trim().parse::<i64>().is_ok()) {
        return Ok((Sel::Slice, end));
    }
    err(
        format!("`[{inner}]` is not an index, a quoted name, `*`, a slice or a filter"),
        range,
    )
}

/// The offset of the `]` closing a bracket, skipping quoted text.
fn find_close(rest: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (k, ch) in rest.char_indices() {
        match (quote, ch) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(ch),
            (None, ']') => return Some(k),
            _ => {}
        }
    }
    None
}

/// `'a','b'` → `'a'`, `'b'` (commas inside quotes kept).
fn split_quoted(inner: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quote: Option<char> = None;
    let mut from = 0;
    for (k, ch) in inner.char_indices() {
        match (quote, ch) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(ch),
            (None, ',') => {
                parts.push(inner.get(from..k).unwrap_or(""));
                from = k + 1;
            }
            _ => {}
        }
    }
    parts.push(inner.get(from..).unwrap_or(""));
    parts
}

/// The `@.a.b` paths of a filter's text, as member names with their ranges
/// relative to the filter text (`@` alone, `@.length()` and the like are skipped).
pub(crate) fn filter_paths(text: &str) -> Vec<Vec<(String, Range<usize>)>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut quote: Option<u8> = None;
    while let Some(&c) = b.get(i) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'\'' | b'"') => quote = Some(c),
            (None, b'@') => {
                let mut path = Vec::new();
                let mut j = i + 1;
                while b.get(j) == Some(&b'.') {
                    let start = j + 1;
                    let mut k = start;
                    while b
                        .get(k)
                        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-')
                    {
                        k += 1;
                    }
                    if k == start || b.get(k) == Some(&b'(') {
                        break;
                    }
                    path.push((text.get(start..k).unwrap_or("").to_string(), start..k));
                    j = k;
                }
                if !path.is_empty() {
                    out.push(path);
                }
                i = j.max(i + 1);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Segments as `deep?sel@range` for compact assertions.
    fn show(s: &str) -> String {
        match parse(s) {
            Ok(segs) => segs
                .iter()
                .map(|g| {
                    let text = s.get(g.range.clone()).unwrap_or("?");
                    let deep = if g.deep { "deep " } else { "" };
                    format!("{deep}{:?} `{text}`", g.sel)
                })
                .collect::<Vec<_>>()
                .join(" | "),
            Err(e) => format!("error: {} `{}`", e.message, s.get(e.range).unwrap_or("?")),
        }
    }

    #[test]
    fn the_dialect_runbooks_use() {
        insta::assert_snapshot!(show("$.Reservations[0].Instances[*].State.Name"), @r#"Member("Reservations") `.Reservations` | Index(0) `[0]` | Member("Instances") `.Instances` | Wildcard `[*]` | Member("State") `.State` | Member("Name") `.Name`"#);
        insta::assert_snapshot!(show("Reservations[-1]"), @r#"Member("Reservations") `Reservations` | Index(-1) `[-1]`"#);
        insta::assert_snapshot!(show("$.'a.b'['c']['d','e'][1:3]..Name.*"), @r#"Member("a.b") `.'a.b'` | Member("c") `['c']` | Members(["d", "e"]) `['d','e']` | Slice `[1:3]` | deep Member("Name") `..Name` | Wildcard `.*`"#);
        insta::assert_snapshot!(show("$.Items[?(@.Name == 'x)]' && @.B.C > 1)].Id"), @r#"Member("Items") `.Items` | Filter("@.Name == 'x)]' && @.B.C > 1") `[?(@.Name == 'x)]' && @.B.C > 1)]` | Member("Id") `.Id`"#);
        insta::assert_snapshot!(show("$"), @"");
        insta::assert_snapshot!(show("$..[0]"), @"deep Index(0) `..[0]`");
    }

    #[test]
    fn malformed_selectors_point_at_the_fault() {
        insta::assert_snapshot!(show("$.a[0"), @"error: an unclosed `[` `[0`");
        insta::assert_snapshot!(show("$.a.[0]"), @r#"Member("a") `.a` | Index(0) `.[0]`"#);
        insta::assert_snapshot!(show("$.a."), @"error: a `.` must be followed by a name `.`");
        insta::assert_snapshot!(show("$.a[x]"), @"error: `[x]` is not an index, a quoted name, `*`, a slice or a filter `[x]`");
        insta::assert_snapshot!(show("$.a[?(@.b == 1]"), @"error: an unclosed filter `[?(` `[?(@.b == 1]`");
        insta::assert_snapshot!(show("$a"), @"error: unexpected `a` `a`");
    }

    #[test]
    fn filter_paths_are_found_outside_quotes() {
        let paths = filter_paths("@.Name == '@.x' && @.B.C > 1 || @.length() > 0");
        let names: Vec<Vec<&str>> = paths
            .iter()
            .map(|p| p.iter().map(|(n, _)| n.as_str()).collect())
            .collect();
        assert_eq!(names, vec![vec!["Name"], vec!["B", "C"]]);
    }
}
