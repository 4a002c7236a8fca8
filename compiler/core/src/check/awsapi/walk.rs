//! A parsed selector walked over an operation's response shape.
//!
//! Input: the service, the operation's output shape and the segments of a
//! selector. Output: what the selector yields (a shape, whether it fans out
//! into a list) or the first segment that can never match, with the members
//! that exist there.
//!
//! The response is the output shape plus `ResponseMetadata` (every boto3
//! response carries it: `RequestId`, `HTTPStatusCode`, `HTTPHeaders` (the
//! response's headers, names lower-cased), `RetryAttempts`, and for some
//! calls `HostId` and `ChecksumAlgorithm`). Leniency, so that what SSM
//! matches is never called impossible: a free-form document or an unknown
//! place accepts anything; `..name` searches every shape reachable from where
//! it starts, and from the response or its metadata a lower-case `..name` may
//! be a header. A member read directly on a list (`$.Reservations.Instances`,
//! also `['a','b']` and a filter's `@.a.b`) is impossible: Jayway, which SSM
//! evaluates selectors with, reads members on objects only and finds nothing
//! there (the elements are reached through `[0]`, `[*]`, a slice, a filter or
//! `..name`).

use super::selector::{filter_paths, Segment, Sel};
use crate::awsapi::{Service, ShapeId, ShapeKind};
use std::collections::HashSet;
use std::ops::Range;

/// A place in the response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum At {
    /// The response: the output shape's members and `ResponseMetadata`.
    Root(Option<ShapeId>),
    Shape(ShapeId),
    /// `ResponseMetadata` and its parts.
    Meta,
    MetaHeaders,
    MetaString,
    MetaInteger,
    /// Anything (a document, a mixed result).
    Any,
}

/// What a selector yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Yield {
    pub at: At,
    /// Through `[*]`, a slice, a filter or `..`: a list of what `at` is.
    pub fan_out: bool,
}

/// A segment that can never match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Impossible {
    /// The index of the segment.
    pub segment: usize,
    pub message: String,
    /// Names that exist where it was looked up (for a did-you-mean and the list).
    pub members: Vec<String>,
    /// The byte range (in the selector) to point at, when narrower than the segment.
    pub range: Option<Range<usize>>,
    /// `members` are every name below (`..name`): for a suggestion, too many to list.
    pub deep: bool,
    /// A member read directly on a list: where the two are written.
    pub on_list: Option<Box<OnList>>,
}

/// Where a member read on a list and the list are written, for the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OnList {
    /// The bytes (in the selector) that name the list: its segment, or the
    /// selector up to it when that segment is not a name (`[*]`), or `@.a`.
    pub list: Range<usize>,
    /// The member's segment (`.Instances`, `['Instances']`).
    pub member: Range<usize>,
    /// Inside a filter, where Jayway accepts only definite paths (`[0]`, no `[*]`).
    pub filter: bool,
}

impl Impossible {
    /// A help naming the fix, when the fault has one beyond its members.
    pub(crate) fn help(&self, selector: &str) -> Option<String> {
        let l = self.on_list.as_ref()?;
        let list = selector.get(l.list.clone())?.trim().trim_start_matches('.');
        let member = selector.get(l.member.clone())?;
        Some(if l.filter {
            format!(
                "`{list}` is a list: select an element first, `{list}[0]{member}` \
                 (a filter path takes no `[*]`)"
            )
        } else {
            format!(
                "`{list}` is a list: select an element first, `{list}[0]{member}`, \
                 or all of them, `{list}[*]{member}`"
            )
        })
    }
}

pub(super) const META_MEMBERS: &[&str] = &[
    "HTTPHeaders",
    "HTTPStatusCode",
    "RequestId",
    "RetryAttempts",
];

/// Strings botocore's parsers add to some responses' metadata only: `HostId`
/// when the response has S3's `x-amz-request-id` header, `ChecksumAlgorithm`
/// when a checksum was validated (so not offered by completion).
const SOMETIMES_META: &[&str] = &["ChecksumAlgorithm", "HostId"];

pub(crate) fn walk(
    svc: &Service,
    output: Option<ShapeId>,
    segs: &[Segment],
) -> Result<Yield, Impossible> {
    let mut cur = Yield {
        at: At::Root(output),
        fan_out: false,
    };
    for (n, seg) in segs.iter().enumerate() {
        // The list a member is read on: named by the segment before when it
        // is a name, else by the whole selector up to here.
        let list = match n.checked_sub(1).and_then(|p| segs.get(p)) {
            Some(prev) if matches!(prev.sel, Sel::Member(_)) => prev.range.clone(),
            Some(prev) => segs.first().map_or(0, |f| f.range.start)..prev.range.end,
            None => 0..0,
        };
        let written = OnList {
            list,
            member: seg.range.clone(),
            filter: false,
        };
        cur = step(svc, cur, seg, n, written)?;
    }
    Ok(cur)
}

fn step(
    svc: &Service,
    cur: Yield,
    seg: &Segment,
    n: usize,
    written: OnList,
) -> Result<Yield, Impossible> {
    if seg.deep {
        return deep(svc, cur, seg, n);
    }
    let at = cur.at;
    let fan = cur.fan_out;
    let out = |at: At, more: bool| {
        Ok(Yield {
            at,
            fan_out: fan || more,
        })
    };
    match &seg.sel {
        // What a function yields (a count, a number, keys) is not a place in
        // the response: anything may be read from it, it fans out no further.
        Sel::Function(_) => Ok(Yield {
            at: At::Any,
            fan_out: false,
        }),
        Sel::Member(name) => out(member(svc, at, name, n, &written)?, false),
        Sel::Members(names) => {
            let mut last = At::Any;
            for name in names {
                last = member(svc, at, name, n, &written)?;
            }
            out(if names.len() == 1 { last } else { At::Any }, true)
        }
        Sel::Index(_) | Sel::Slice | Sel::Wildcard | Sel::Filter(_) => {
            let more = !matches!(seg.sel, Sel::Index(_));
            match at {
                At::Any => out(At::Any, more),
                At::Shape(id) => match svc.shape(id).map(|s| &s.kind) {
                    Some(ShapeKind::List { member, .. }) => {
                        if let Sel::Filter(text) = &seg.sel {
                            filter(svc, *member, text, seg, n)?;
                        }
                        out(At::Shape(*member), more)
                    }
                    Some(ShapeKind::Structure { document: true, .. }) => out(At::Any, more),
                    Some(ShapeKind::Map { value, .. }) if matches!(seg.sel, Sel::Wildcard) => {
                        out(At::Shape(*value), true)
                    }
                    Some(ShapeKind::Structure { .. }) if matches!(seg.sel, Sel::Wildcard) => {
                        out(At::Any, true)
                    }
                    Some(ShapeKind::Structure { .. } | ShapeKind::Map { .. })
                        if matches!(seg.sel, Sel::Filter(_)) =>
                    {
                        // A filter on an object tests the object itself.
                        out(At::Any, true)
                    }
                    _ => Err(not_a_list(svc, at, n)),
                },
                At::Root(_) | At::Meta | At::MetaHeaders if matches!(seg.sel, Sel::Wildcard) => {
                    out(At::Any, true)
                }
                _ => Err(not_a_list(svc, at, n)),
            }
        }
    }
}

/// `name` read at `at`; `written` says where, for the help when `at` is a list.
fn member(svc: &Service, at: At, name: &str, n: usize, written: &OnList) -> Result<At, Impossible> {
    let missing = |members: Vec<String>, what: String| Impossible {
        segment: n,
        message: format!("{what} has no member `{name}`"),
        members,
        range: None,
        deep: false,
        on_list: None,
    };
    match at {
        At::Any => Ok(At::Any),
        At::Root(output) => {
            if name == "ResponseMetadata" {
                return Ok(At::Meta);
            }
            let members = output.map(|id| struct_members(svc, id)).unwrap_or_default();
            match output.and_then(|id| find_member(svc, id, name)) {
                Some(m) => Ok(m),
                None if output.is_some_and(|id| is_document(svc, id)) => Ok(At::Any),
                None => {
                    let mut names: Vec<String> = members.iter().map(|m| m.to_string()).collect();
                    names.push("ResponseMetadata".to_string());
                    Err(missing(names, "the response".to_string()))
                }
            }
        }
        At::Meta => match name {
            "HTTPHeaders" => Ok(At::MetaHeaders),
            "HTTPStatusCode" | "RetryAttempts" => Ok(At::MetaInteger),
            "RequestId" | "HostId" | "ChecksumAlgorithm" => Ok(At::MetaString),
            _ => Err(missing(
                META_MEMBERS
                    .iter()
                    .chain(SOMETIMES_META)
                    .map(|s| s.to_string())
                    .collect(),
                "`ResponseMetadata`".to_string(),
            )),
        },
        At::MetaHeaders => Ok(At::MetaString),
        At::MetaString | At::MetaInteger => Err(Impossible {
            segment: n,
            message: format!("a scalar has no member `{name}`"),
            members: Vec::new(),
            range: None,
            deep: false,
            on_list: None,
        }),
        At::Shape(id) => {
            let Some(shape) = svc.shape(id) else {
                return Ok(At::Any);
            };
            match &shape.kind {
                ShapeKind::Structure { document: true, .. } => Ok(At::Any),
                ShapeKind::Structure { .. } => find_member(svc, id, name).ok_or_else(|| {
                    missing(
                        struct_members(svc, id)
                            .iter()
                            .map(|m| m.to_string())
                            .collect(),
                        format!("`{}`", shape.name),
                    )
                }),
                ShapeKind::Map { value, .. } => Ok(At::Shape(*value)),
                // Jayway reads a member on an object only: on a list it finds nothing.
                ShapeKind::List { .. } => Err(Impossible {
                    segment: n,
                    message: format!("`{}` is a list; a list has no member `{name}`", shape.name),
                    members: Vec::new(),
                    range: None,
                    deep: false,
                    on_list: Some(Box::new(written.clone())),
                }),
                ShapeKind::Scalar { kind, .. } => Err(Impossible {
                    segment: n,
                    message: format!(
                        "`{}` is a {}; it has no member `{name}`",
                        shape.name,
                        kind.name()
                    ),
                    members: Vec::new(),
                    range: None,
                    deep: false,
                    on_list: None,
                }),
            }
        }
    }
}

fn find_member(svc: &Service, id: ShapeId, name: &str) -> Option<At> {
    match &svc.shape(id)?.kind {
        ShapeKind::Structure { members, .. } => members
            .iter()
            .find(|m| m.name == name)
            .map(|m| At::Shape(m.shape)),
        _ => None,
    }
}

fn struct_members(svc: &Service, id: ShapeId) -> Vec<&str> {
    match svc.shape(id).map(|s| &s.kind) {
        Some(ShapeKind::Structure { members, .. }) => {
            members.iter().map(|m| m.name.as_str()).collect()
        }
        _ => Vec::new(),
    }
}

fn is_document(svc: &Service, id: ShapeId) -> bool {
    matches!(
        svc.shape(id).map(|s| &s.kind),
        Some(ShapeKind::Structure { document: true, .. })
    )
}

fn not_a_list(svc: &Service, at: At, n: usize) -> Impossible {
    let what = match at {
        At::Shape(id) => svc.shape(id).map_or("a value".to_string(), |s| {
            let kind = match &s.kind {
                ShapeKind::Structure { .. } => "structure",
                ShapeKind::Map { .. } => "map",
                ShapeKind::List { .. } => "list",
                ShapeKind::Scalar { kind, .. } => kind.name(),
            };
            format!("`{}` is a {kind}", s.name)
        }),
        At::Root(_) => "the response is a structure".to_string(),
        At::Meta => "`ResponseMetadata` is a structure".to_string(),
        _ => "this value is not a list".to_string(),
    };
    let members = match at {
        At::Shape(id) => struct_members(svc, id)
            .iter()
            .map(|m| m.to_string())
            .collect(),
        At::Root(Some(id)) => struct_members(svc, id)
            .iter()
            .map(|m| m.to_string())
            .collect(),
        _ => Vec::new(),
    };
    Impossible {
        segment: n,
        message: format!("{what}, not a list: an index, slice or filter never matches"),
        members,
        range: None,
        deep: false,
        on_list: None,
    }
}

/// The `@.a.b` paths of a filter checked against the list's element shape.
fn filter(
    svc: &Service,
    elem: ShapeId,
    text: &str,
    seg: &Segment,
    n: usize,
) -> Result<(), Impossible> {
    // The filter text starts after `[?(` in the segment.
    let base = seg.name_range.start + 3;
    for path in filter_paths(text) {
        let mut at = At::Shape(elem);
        // `@` and the names so far: the list a member may be read on.
        let mut list = base..base;
        for (name, range) in path {
            let dotted = base + range.start.saturating_sub(1)..base + range.end;
            if list.is_empty() {
                list = base + range.start.saturating_sub(2)..base + range.start.saturating_sub(1);
            }
            let written = OnList {
                list: list.clone(),
                member: dotted.clone(),
                filter: true,
            };
            list.end = dotted.end;
            // Jayway tests a filter path as a path: a member on a list finds
            // nothing, and the test fails (also with `!=`).
            match member(svc, at, &name, n, &written) {
                Ok(next) => at = next,
                Err(mut e) => {
                    e.range = Some(base + range.start..base + range.end);
                    return Err(e);
                }
            }
        }
    }
    Ok(())
}

/// `..name`, `..*`, `..[…]`: anywhere below the current place.
fn deep(svc: &Service, cur: Yield, seg: &Segment, n: usize) -> Result<Yield, Impossible> {
    let any = Yield {
        at: At::Any,
        fan_out: true,
    };
    let Sel::Member(name) = &seg.sel else {
        return Ok(any);
    };
    if name == "ResponseMetadata"
        || META_MEMBERS.contains(&name.as_str())
        || SOMETIMES_META.contains(&name.as_str())
    {
        return Ok(any);
    }
    // `HTTPHeaders` is below the response and its metadata, keyed by header
    // names that botocore lower-cases: `$..date` matches the `date` header.
    let headers_below = matches!(cur.at, At::Root(_) | At::Meta | At::MetaHeaders);
    if headers_below && !name.bytes().any(|b| b.is_ascii_uppercase()) {
        return Ok(any);
    }
    let start: Vec<ShapeId> = match cur.at {
        At::Root(Some(id)) | At::Shape(id) => vec![id],
        At::Any => return Ok(any),
        _ => Vec::new(),
    };
    let mut seen = HashSet::new();
    let mut stack = start;
    let mut found: Vec<ShapeId> = Vec::new();
    let mut all_names: Vec<String> = Vec::new();
    let mut open = false;
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        let Some(shape) = svc.shape(id) else { continue };
        match &shape.kind {
            ShapeKind::Structure { document: true, .. } => open = true,
            ShapeKind::Structure { members, .. } => {
                for m in members {
                    all_names.push(m.name.clone());
                    if &m.name == name {
                        found.push(m.shape);
                    }
                    stack.push(m.shape);
                }
            }
            ShapeKind::List { member, .. } => stack.push(*member),
            ShapeKind::Map { value, .. } => {
                open = true;
                stack.push(*value);
            }
            ShapeKind::Scalar { .. } => {}
        }
    }
    if found.is_empty() && !open {
        all_names.sort();
        all_names.dedup();
        return Err(Impossible {
            segment: n,
            message: format!("no member `{name}` exists at any depth below here"),
            members: all_names,
            range: None,
            deep: true,
            on_list: None,
        });
    }
    let at = match found.as_slice() {
        [one, rest @ ..] if !open && rest.iter().all(|r| same_kind(svc, *r, *one)) => {
            At::Shape(*one)
        }
        _ => At::Any,
    };
    Ok(Yield { at, fan_out: true })
}

fn same_kind(svc: &Service, a: ShapeId, b: ShapeId) -> bool {
    a == b || svc.shape(a).map(|s| &s.kind) == svc.shape(b).map(|s| &s.kind)
}
