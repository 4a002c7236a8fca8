//! The editor's questions about a selector, answered with the checker's own
//! parser ([`selector`]) and walk (`walk`), so that completion, hover and
//! the checker always agree on what a selector reaches.
//!
//! Input: a service, an operation's output shape and a selector as written
//! (or the part of it before the cursor). Output: a [`Place`]: the type
//! there, its enum, whether the selector fans out into a list, and the
//! members one more `.name` can read there (`ResponseMetadata` at the root;
//! for a list, its elements' members, read after `[0]` or `[*]`: a `.name`
//! on the list itself never matches); or, for an offset, the
//! [`SegmentInfo`] of the segment written there.
//!
//! Invariants: a selector that does not parse or cannot be walked answers
//! `None`, never a panic; an offset outside every segment answers `None`.

use super::selector::{self, Segment, Sel};
use super::walk::{self, At, Yield, META_MEMBERS};
use crate::awsapi::describe::{element, enumeration, kind_text, members, type_text};
use crate::awsapi::{Service, ShapeId, ShapeKind};
use std::ops::Range;

/// Lists nested deeper than this are not unwrapped for their members.
const MAX_UNLIST: usize = 8;

/// A member one more `.name` can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    /// Its type as [`type_text`] writes it (`list<Reservation>`, `string`).
    pub ty: String,
    /// It is a list (`[0]` or `[*]` picks its elements).
    pub list: bool,
}

/// A place in the response a selector reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The type there (`response` at the root, `ResponseMetadata`, `any` where anything goes).
    pub ty: String,
    /// What kind of value it is, in words (`structure`, `string enum`, `list`).
    pub kind: &'static str,
    pub enumeration: Vec<String>,
    /// The selector went through `[*]`, a slice, a filter or `..`: it yields a list of these.
    pub fan_out: bool,
    /// The place is a list: `[0]`, `[*]` read its elements (and `.name` reads nothing).
    pub list: bool,
    /// The members `.name` reads here; for a list, its elements' members
    /// (after `[0]` or `[*]`).
    pub fields: Vec<Field>,
    /// A map or free-form document (or unknown): any key reads.
    pub open: bool,
}

/// The segment written at an offset of a selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentInfo {
    /// The bytes of the segment's name (of the whole bracket for `[…]`).
    pub range: Range<usize>,
    /// The selector up to and including this segment.
    pub path: String,
    pub place: Place,
}

/// Where `prefix` (a selector, possibly empty or just `$`) leads.
pub fn place_after(svc: &Service, output: Option<ShapeId>, prefix: &str) -> Option<Place> {
    let segs = selector::parse(prefix).ok()?;
    let y = walk::walk(svc, output, &segs).ok()?;
    Some(place(svc, output, y))
}

/// The segment of `selector` at byte `at` and where the selector reaches
/// through it. A selector that stops parsing later still answers for the
/// segments before the fault.
pub fn segment_at(
    svc: &Service,
    output: Option<ShapeId>,
    selector: &str,
    at: usize,
) -> Option<SegmentInfo> {
    let segs = match selector::parse(selector) {
        Ok(segs) => segs,
        Err(e) => selector::parse(selector.get(..e.range.start)?).ok()?,
    };
    let n = segs
        .iter()
        .position(|s| s.range.start <= at && at < s.range.end)
        .or_else(|| segs.iter().position(|s| s.range.end == at))?;
    let seg = segs.get(n)?;
    let upto = segs.get(..=n)?;
    let y = walk::walk(svc, output, upto).ok()?;
    Some(SegmentInfo {
        range: seg.name_range.clone(),
        path: selector.get(..seg.range.end)?.trim_start().to_string(),
        place: place(svc, output, y),
    })
}

fn place(svc: &Service, output: Option<ShapeId>, y: Yield) -> Place {
    let mut p = Place {
        ty: "any".to_string(),
        kind: "any value",
        enumeration: Vec::new(),
        fan_out: y.fan_out,
        list: false,
        fields: Vec::new(),
        open: false,
    };
    match y.at {
        At::Root(out) => {
            p.ty = "response".to_string();
            p.kind = "structure";
            if let Some(id) = out {
                p.fields = fields(svc, id);
                p.open = is_open(svc, id);
            }
            p.fields.push(Field {
                name: "ResponseMetadata".to_string(),
                ty: "ResponseMetadata".to_string(),
                list: false,
            });
        }
        At::Shape(id) => {
            p.ty = type_text(svc, id);
            p.kind = kind_text(svc, id);
            p.enumeration = enumeration(svc, id)
                .map(<[String]>::to_vec)
                .unwrap_or_default();
            p.list = element(svc, id).is_some();
            let mut inner = id;
            for _ in 0..MAX_UNLIST {
                match element(svc, inner) {
                    Some(e) => inner = e,
                    None => break,
                }
            }
            p.fields = fields(svc, inner);
            p.open = is_open(svc, inner);
        }
        At::Meta => {
            p.ty = "ResponseMetadata".to_string();
            p.kind = "structure";
            p.fields = META_MEMBERS
                .iter()
                .map(|name| {
                    let segs = [member_seg("ResponseMetadata"), member_seg(name)];
                    let at = walk::walk(svc, output, &segs).map_or(At::Any, |y| y.at);
                    Field {
                        name: name.to_string(),
                        ty: meta_type(at).0.to_string(),
                        list: false,
                    }
                })
                .collect();
        }
        At::MetaHeaders | At::MetaString | At::MetaInteger | At::Any => {
            let (ty, kind) = meta_type(y.at);
            p.ty = ty.to_string();
            p.kind = kind;
            p.open = matches!(y.at, At::MetaHeaders | At::Any);
        }
    }
    p
}

/// The type of the places `ResponseMetadata` holds.
fn meta_type(at: At) -> (&'static str, &'static str) {
    match at {
        At::MetaHeaders => ("map<string, string>", "map"),
        At::MetaString => ("string", "string"),
        At::MetaInteger => ("integer", "integer"),
        _ => ("any", "any value"),
    }
}

fn member_seg(name: &str) -> Segment {
    Segment {
        sel: Sel::Member(name.to_string()),
        deep: false,
        range: 0..0,
        name_range: 0..0,
    }
}

fn fields(svc: &Service, id: ShapeId) -> Vec<Field> {
    members(svc, id)
        .iter()
        .map(|m| Field {
            name: m.name.clone(),
            ty: type_text(svc, m.shape),
            list: element(svc, m.shape).is_some(),
        })
        .collect()
}

fn is_open(svc: &Service, id: ShapeId) -> bool {
    matches!(
        svc.shape(id).map(|s| &s.kind),
        Some(ShapeKind::Map { .. } | ShapeKind::Structure { document: true, .. }) | None
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::awsapi::catalog;

    fn ec2_describe() -> (&'static Service, Option<ShapeId>) {
        let ec2 = catalog().service("ec2").expect("ec2");
        let op = ec2.operation("DescribeInstances").expect("op");
        (ec2, op.output)
    }

    fn names(p: &Place) -> Vec<&str> {
        p.fields.iter().map(|f| f.name.as_str()).collect()
    }

    #[test]
    fn the_root_has_the_output_members_and_response_metadata() {
        let (ec2, out) = ec2_describe();
        for prefix in ["", "$", " $"] {
            let p = place_after(ec2, out, prefix).expect("root");
            assert_eq!(p.ty, "response");
            assert_eq!(
                names(&p),
                ["NextToken", "Reservations", "ResponseMetadata"],
                "{prefix:?}"
            );
            let r = p.fields.get(1).expect("Reservations");
            assert_eq!((r.ty.as_str(), r.list), ("list<Reservation>", true));
        }
    }

    #[test]
    fn members_along_the_walk() {
        let (ec2, out) = ec2_describe();
        // A list describes its elements' members (read after `[0]` or `[*]`);
        // a member read on the list itself never matches, so leads nowhere.
        let p = place_after(ec2, out, "$.Reservations").expect("list");
        assert!(p.list && !p.fan_out);
        assert_eq!(p.ty, "list<Reservation>");
        assert!(names(&p).contains(&"Instances"), "{:?}", names(&p));
        assert_eq!(place_after(ec2, out, "$.Reservations.Instances"), None);
        let p = place_after(ec2, out, "$.Reservations[*].Instances").expect("fan-out");
        assert!(p.list && p.fan_out);
        let p = place_after(ec2, out, "$.Reservations[*].Instances[0].State").expect("state");
        assert_eq!(
            (p.ty.as_str(), p.fan_out, p.list),
            ("InstanceState", true, false)
        );
        assert_eq!(names(&p), ["Code", "Name"]);
        let p = place_after(ec2, out, "$.Reservations[0].Instances[0].State.Name").expect("name");
        assert_eq!(
            (p.ty.as_str(), p.kind),
            ("InstanceStateName", "string enum")
        );
        assert!(p.enumeration.iter().any(|v| v == "stopped"));
        assert!(p.fields.is_empty());
        // Tags are a list of Tag; `Key`/`Value` read on each.
        let p = place_after(ec2, out, "$.Reservations[0].Instances[0].Tags").expect("tags");
        assert_eq!(names(&p), ["Key", "Value"]);
    }

    #[test]
    fn response_metadata_members_have_their_types() {
        let (ec2, out) = ec2_describe();
        let p = place_after(ec2, out, "$.ResponseMetadata").expect("meta");
        let typed: Vec<String> = p
            .fields
            .iter()
            .map(|f| format!("{}: {}", f.name, f.ty))
            .collect();
        assert_eq!(
            typed,
            [
                "HTTPHeaders: map<string, string>",
                "HTTPStatusCode: integer",
                "RequestId: string",
                "RetryAttempts: integer"
            ]
        );
        let p = place_after(ec2, out, "$.ResponseMetadata.HTTPHeaders").expect("headers");
        assert!(p.open && p.fields.is_empty());
    }

    #[test]
    fn impossible_or_broken_prefixes_answer_nothing() {
        let (ec2, out) = ec2_describe();
        assert_eq!(place_after(ec2, out, "$.Nope"), None);
        assert_eq!(place_after(ec2, out, "$.Reservations["), None);
        assert_eq!(place_after(ec2, out, "$."), None);
        assert_eq!(place_after(ec2, out, "$.NextToken[0]"), None);
    }

    #[test]
    fn the_segment_at_an_offset() {
        let (ec2, out) = ec2_describe();
        let sel = "$.Reservations[0].Instances[0].State.Name";
        let at = |needle: &str| sel.find(needle).expect("in selector") + 1;
        let s = segment_at(ec2, out, sel, at("Reservations")).expect("segment");
        assert_eq!(sel.get(s.range.clone()), Some("Reservations"));
        assert_eq!(s.path, "$.Reservations");
        assert_eq!(s.place.ty, "list<Reservation>");
        let s = segment_at(ec2, out, sel, at("[0]")).expect("index");
        assert_eq!(
            (s.path.as_str(), s.place.ty.as_str()),
            ("$.Reservations[0]", "Reservation")
        );
        let s = segment_at(ec2, out, sel, sel.len()).expect("end of the last");
        assert_eq!(s.place.ty, "InstanceStateName");
        // Before the first segment, or past a fault: nothing; before the fault: still an answer.
        assert_eq!(segment_at(ec2, out, sel, 0), None);
        assert_eq!(segment_at(ec2, out, "$.Nope.X", 3), None);
        let broken = "$.Reservations[0].Instances[";
        let s = segment_at(ec2, out, broken, 4).expect("before the fault");
        assert_eq!(s.place.ty, "list<Reservation>");
        assert_eq!(segment_at(ec2, out, broken, broken.len()), None);
        assert_eq!(segment_at(ec2, out, "", 0), None);
        assert_eq!(segment_at(ec2, out, sel, usize::MAX), None);
    }
}
