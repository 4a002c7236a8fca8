//! Shapes described as short text, for the editor's hover and completion.
//!
//! Input: a decoded [`Service`] and a shape id. Output: a type text
//! (`string`, `Reservation` for a structure, `list<Filter>`,
//! `map<string, string>`, the enum's own name for a string enum, `document`
//! for free-form JSON), the shape's limits (`length 1..255`, `1..1000`,
//! `1..5 items`), its enum values and its structure members.
//!
//! Invariants: nesting is described at most [`MAX_DEPTH`] levels deep (a
//! recursive shape never loops); an id the service does not have is `any`.

use super::{Member, Scalar, Service, ShapeId, ShapeKind};

/// Deeper nesting is written `…` (`list<list<list<…>>>`).
const MAX_DEPTH: usize = 3;

/// The type of a shape as the editor shows it.
pub fn type_text(svc: &Service, id: ShapeId) -> String {
    type_at(svc, id, 0)
}

fn type_at(svc: &Service, id: ShapeId, depth: usize) -> String {
    let Some(shape) = svc.shape(id) else {
        return "any".to_string();
    };
    if depth > MAX_DEPTH {
        return "…".to_string();
    }
    match &shape.kind {
        ShapeKind::Structure { document: true, .. } => "document".to_string(),
        ShapeKind::Structure { .. } => shape.name.clone(),
        ShapeKind::List { member, .. } => format!("list<{}>", type_at(svc, *member, depth + 1)),
        ShapeKind::Map { key, value } => format!(
            "map<{}, {}>",
            type_at(svc, *key, depth + 1),
            type_at(svc, *value, depth + 1)
        ),
        ShapeKind::Scalar {
            enumeration: Some(_),
            kind: Scalar::String,
            ..
        } => shape.name.clone(),
        ShapeKind::Scalar { kind, .. } => kind.name().to_string(),
    }
}

/// What kind of shape it is, in words (`structure`, `string enum`, `list`, `integer`).
pub fn kind_text(svc: &Service, id: ShapeId) -> &'static str {
    match svc.shape(id).map(|s| &s.kind) {
        None => "any value",
        Some(ShapeKind::Structure { document: true, .. }) => "free-form JSON document",
        Some(ShapeKind::Structure { union: true, .. }) => "structure (exactly one member set)",
        Some(ShapeKind::Structure { .. }) => "structure",
        Some(ShapeKind::List { .. }) => "list",
        Some(ShapeKind::Map { .. }) => "map",
        Some(ShapeKind::Scalar {
            enumeration: Some(_),
            ..
        }) => "string enum",
        Some(ShapeKind::Scalar { kind, .. }) => kind.name(),
    }
}

/// The shape's min/max as text: a length for strings and blobs, a value for
/// numbers, an item count for lists; `None` without limits.
pub fn limits_text(svc: &Service, id: ShapeId) -> Option<String> {
    let (min, max, what) = match &svc.shape(id)?.kind {
        ShapeKind::List { min, max, .. } => (*min, *max, "items"),
        ShapeKind::Scalar {
            kind: Scalar::String | Scalar::Blob,
            min,
            max,
            ..
        } => (*min, *max, "length"),
        ShapeKind::Scalar { min, max, .. } => (*min, *max, "value"),
        _ => return None,
    };
    let range = match (min, max) {
        (None, None) => return None,
        (Some(lo), Some(hi)) => format!("{}..{}", number(lo), number(hi)),
        (Some(lo), None) => format!("≥ {}", number(lo)),
        (None, Some(hi)) => format!("≤ {}", number(hi)),
    };
    Some(match what {
        "items" => format!("{range} items"),
        _ => format!("{what} {range}"),
    })
}

/// `1` for a whole number, `0.5` otherwise.
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The enum values of a string shape.
pub fn enumeration(svc: &Service, id: ShapeId) -> Option<&[String]> {
    match &svc.shape(id)?.kind {
        ShapeKind::Scalar {
            enumeration: Some(values),
            ..
        } => Some(values),
        _ => None,
    }
}

/// The members of a structure shape (none for any other shape).
pub fn members(svc: &Service, id: ShapeId) -> &[Member] {
    match svc.shape(id).map(|s| &s.kind) {
        Some(ShapeKind::Structure { members, .. }) => members,
        _ => &[],
    }
}

/// The element shape of a list.
pub fn element(svc: &Service, id: ShapeId) -> Option<ShapeId> {
    match svc.shape(id)?.kind {
        ShapeKind::List { member, .. } => Some(member),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::awsapi::catalog;

    fn member_shape(svc: &Service, owner: ShapeId, name: &str) -> ShapeId {
        members(svc, owner)
            .iter()
            .find(|m| m.name == name)
            .map(|m| m.shape)
            .expect("member exists")
    }

    #[test]
    fn types_of_ec2_describe_instances() {
        let ec2 = catalog().service("ec2").expect("ec2");
        let op = ec2.operation("DescribeInstances").expect("op");
        let input = op.input.expect("input");
        let output = op.output.expect("output");
        let ids = member_shape(ec2, input, "InstanceIds");
        assert_eq!(type_text(ec2, ids), "list<string>");
        assert_eq!(kind_text(ec2, ids), "list");
        assert_eq!(
            type_text(ec2, member_shape(ec2, input, "Filters")),
            "list<Filter>"
        );
        let max = member_shape(ec2, input, "MaxResults");
        assert_eq!(type_text(ec2, max), "integer");
        assert_eq!(
            type_text(ec2, member_shape(ec2, input, "DryRun")),
            "boolean"
        );
        let reservations = member_shape(ec2, output, "Reservations");
        assert_eq!(type_text(ec2, reservations), "list<Reservation>");
        let reservation = element(ec2, reservations).expect("a list");
        assert_eq!(kind_text(ec2, reservation), "structure");
        assert!(members(ec2, reservation)
            .iter()
            .any(|m| m.name == "Instances"));
        assert_eq!(element(ec2, reservation), None);
    }

    #[test]
    fn enums_and_limits() {
        let ec2 = catalog().service("ec2").expect("ec2");
        let instance = ec2
            .shapes
            .iter()
            .position(|s| s.name == "InstanceState")
            .and_then(|i| ShapeId::try_from(i).ok())
            .expect("InstanceState");
        let name = member_shape(ec2, instance, "Name");
        assert_eq!(type_text(ec2, name), "InstanceStateName");
        assert_eq!(kind_text(ec2, name), "string enum");
        let values = enumeration(ec2, name).expect("an enum");
        assert!(values.iter().any(|v| v == "running"), "{values:?}");
        assert_eq!(enumeration(ec2, instance), None);
        assert!(members(ec2, name).is_empty());

        let ssm = catalog().service("ssm").expect("ssm");
        let op = ssm.operation("GetParameter").expect("op");
        let pname = member_shape(ssm, op.input.expect("input"), "Name");
        assert_eq!(limits_text(ssm, pname).as_deref(), Some("length 1..2048"));
        let tags = ssm.operation("AddTagsToResource").expect("op");
        let list = member_shape(ssm, tags.input.expect("input"), "Tags");
        assert_eq!(limits_text(ssm, list).as_deref(), Some("≤ 1000 items"));
    }

    #[test]
    fn unknown_ids_and_deep_nesting_are_safe() {
        let ec2 = catalog().service("ec2").expect("ec2");
        assert_eq!(type_text(ec2, u32::MAX), "any");
        assert_eq!(kind_text(ec2, u32::MAX), "any value");
        assert_eq!(limits_text(ec2, u32::MAX), None);
        assert_eq!(element(ec2, u32::MAX), None);
        assert_eq!(number(0.5), "0.5");
        assert_eq!(number(-3.0), "-3");
    }
}
