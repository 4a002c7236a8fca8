//! A botocore `service-2.json` model as a [`Service`], the same form the
//! embedded catalog decodes to (a project's own models for APIs newer than the
//! pinned botocore).
//!
//! Input: the model's JSON text and the boto3 client name it is known by.
//! Output: the [`Service`], or a [`ModelError`] saying what is wrong (never a
//! panic). The conversion is the one `stdlib/aws-api/generate.py` does, kept
//! in step with it: only shapes reachable from an operation's input or output,
//! sorted by name (a shape's id is its place in that order); members and
//! operations sorted by name; a structure's `required`, `union` and `document`;
//! a list's member, min and max; a map's key and value; a scalar's kind, enum,
//! min and max; an operation streams its request or response when a member of
//! that structure (or its shape) is `streaming` or an `eventstream`. The boto3
//! method name is botocore's `xform_name` of the operation name ([`xform_name`]).

use super::{Member, Operation, Scalar, Service, Shape, ShapeId, ShapeKind};
use regex::Regex;
use serde_json::{Map, Value as J};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// Why a model file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn err<T>(msg: impl Into<String>) -> Result<T, ModelError> {
    Err(ModelError(msg.into()))
}

/// The model in `text` (a botocore `service-2.json`), known as client `name`.
pub fn service_from_json(name: &str, text: &str) -> Result<Service, ModelError> {
    let j: J =
        serde_json::from_str(text).map_err(|e| ModelError(format!("not valid JSON: {e}")))?;
    let Some(root) = j.as_object() else {
        return err("not a botocore service model: the top level is not an object");
    };
    let Some(shapes) = root.get("shapes").and_then(J::as_object) else {
        return err("not a botocore service model: no `shapes` object");
    };
    let Some(ops) = root.get("operations").and_then(J::as_object) else {
        return err("not a botocore service model: no `operations` object");
    };
    let api_version = root
        .get("metadata")
        .and_then(|m| m.get("apiVersion"))
        .and_then(J::as_str)
        .unwrap_or("")
        .to_string();

    // Reachable shapes, from every operation's input and output.
    let mut reach: BTreeSet<&str> = BTreeSet::new();
    let mut stack: Vec<&str> = Vec::new();
    for op in ops.values() {
        for io in ["input", "output"] {
            if let Some(s) = op.get(io).and_then(|r| r.get("shape")).and_then(J::as_str) {
                stack.push(s);
            }
        }
    }
    while let Some(s) = stack.pop() {
        if reach.contains(s) {
            continue;
        }
        let Some(d) = shapes.get(s) else { continue };
        reach.insert(s);
        if let Some(members) = d.get("members").and_then(J::as_object) {
            stack.extend(members.values().filter_map(shape_ref));
        }
        for k in ["member", "key", "value"] {
            if let Some(r) = d.get(k).and_then(shape_ref) {
                stack.push(r);
            }
        }
    }
    let index: BTreeMap<&str, ShapeId> = reach
        .iter()
        .enumerate()
        .filter_map(|(i, n)| Some((*n, ShapeId::try_from(i).ok()?)))
        .collect();
    // `owner` names the referrer: "shape `X`" or "operation `Y`".
    let id_of = |owner: &str, target: Option<&str>| -> Result<ShapeId, ModelError> {
        let Some(target) = target else {
            return err(format!("{owner} has a reference without a `shape`"));
        };
        index.get(target).copied().ok_or_else(|| {
            ModelError(format!(
                "{owner} refers to `{target}`, which the model does not define"
            ))
        })
    };

    let mut out_shapes = Vec::with_capacity(reach.len());
    for &n in &reach {
        let owner = format!("shape `{n}`");
        let Some(d) = shapes.get(n).and_then(J::as_object) else {
            return err(format!("shape `{n}` is not an object"));
        };
        let kind = d.get("type").and_then(J::as_str).unwrap_or("");
        let num = |k: &str| d.get(k).and_then(J::as_f64);
        let kind = match kind {
            "structure" => {
                let required: BTreeSet<&str> = d
                    .get("required")
                    .and_then(J::as_array)
                    .map(|a| a.iter().filter_map(J::as_str).collect())
                    .unwrap_or_default();
                let empty = Map::new();
                let members_j = d.get("members").and_then(J::as_object).unwrap_or(&empty);
                let mut names: Vec<&String> = members_j.keys().collect();
                names.sort();
                let mut members = Vec::with_capacity(names.len());
                for m in names {
                    let target = members_j.get(m).and_then(shape_ref);
                    members.push(Member {
                        name: m.clone(),
                        shape: id_of(&owner, target)?,
                        required: required.contains(m.as_str()),
                    });
                }
                ShapeKind::Structure {
                    members,
                    union: flag(d, "union"),
                    document: flag(d, "document"),
                }
            }
            "list" => ShapeKind::List {
                member: id_of(&owner, d.get("member").and_then(shape_ref))?,
                min: num("min"),
                max: num("max"),
            },
            "map" => ShapeKind::Map {
                key: id_of(&owner, d.get("key").and_then(shape_ref))?,
                value: id_of(&owner, d.get("value").and_then(shape_ref))?,
            },
            other => {
                let Some(scalar) = Scalar::from_botocore(other) else {
                    return err(format!("shape `{n}` has an unknown type `{other}`"));
                };
                ShapeKind::Scalar {
                    kind: scalar,
                    enumeration: d
                        .get("enum")
                        .and_then(J::as_array)
                        .filter(|e| !e.is_empty())
                        .map(|e| {
                            e.iter()
                                .filter_map(|v| v.as_str().map(str::to_string))
                                .collect()
                        }),
                    min: num("min"),
                    max: num("max"),
                }
            }
        };
        out_shapes.push(Shape {
            name: n.to_string(),
            kind,
        });
    }

    let mut op_names: Vec<&String> = ops.keys().collect();
    op_names.sort();
    let mut operations = Vec::with_capacity(op_names.len());
    for name in op_names {
        let Some(op) = ops.get(name) else { continue };
        let owner = format!("operation `{name}`");
        let io = |k: &str| -> Result<Option<ShapeId>, ModelError> {
            match op.get(k) {
                None => Ok(None),
                Some(r) => id_of(&owner, shape_ref(r)).map(Some),
            }
        };
        let streams = |k: &str| {
            op.get(k)
                .and_then(shape_ref)
                .is_some_and(|s| streaming(shapes, s))
        };
        operations.push(Operation {
            name: name.clone(),
            method: xform_name(name),
            input: io("input")?,
            output: io("output")?,
            input_streams: streams("input"),
            output_streams: streams("output"),
            deprecated: flag_j(op, "deprecated"),
            // botocore's aliases are in its handler code, not in a model file.
            aliases: Vec::new(),
        });
    }
    Ok(Service {
        name: name.to_string(),
        api_version,
        operations,
        shapes: out_shapes,
    })
}

/// `{"shape": "X"}` → `X`.
fn shape_ref(r: &J) -> Option<&str> {
    r.get("shape").and_then(J::as_str)
}

fn flag(d: &Map<String, J>, k: &str) -> bool {
    d.get(k).and_then(J::as_bool).unwrap_or(false)
}

fn flag_j(d: &J, k: &str) -> bool {
    d.get(k).and_then(J::as_bool).unwrap_or(false)
}

/// Whether a request/response structure streams (as the generator decides).
fn streaming(shapes: &Map<String, J>, name: &str) -> bool {
    let Some(members) = shapes
        .get(name)
        .and_then(|s| s.get("members"))
        .and_then(J::as_object)
    else {
        return false;
    };
    members.values().any(|r| {
        let target = shape_ref(r).and_then(|t| shapes.get(t));
        flag_j(r, "streaming")
            || target.is_some_and(|t| flag_j(t, "streaming") || flag_j(t, "eventstream"))
    })
}

/// Operation names botocore spells by hand rather than by its rule (its
/// seeded cache), as the pinned botocore spells them.
const SPECIAL: &[(&str, &str)] = &[
    ("CreateCachediSCSIVolume", "create_cached_iscsi_volume"),
    ("CreateStorediSCSIVolume", "create_stored_iscsi_volume"),
    (
        "DescribeCachediSCSIVolumes",
        "describe_cached_iscsi_volumes",
    ),
    (
        "DescribeStorediSCSIVolumes",
        "describe_stored_iscsi_volumes",
    ),
    (
        "CreateStorediSCSIVolumeFromSnapshot",
        "create_stored_iscsi_volume_from_snapshot",
    ),
    (
        "ListHITsForQualificationType",
        "list_hits_for_qualification_type",
    ),
    ("CreateOAuth2Token", "create_oauth2_token"),
    ("CreateOAuth2TokenWithIAM", "create_oauth2_token_with_iam"),
    (
        "IntrospectOAuth2TokenWithIAM",
        "introspect_oauth2_token_with_iam",
    ),
    ("RevokeOAuth2TokenWithIAM", "revoke_oauth2_token_with_iam"),
];

/// Words botocore keeps whole (`SendWhatsAppMessage` → `send_whatsapp_message`),
/// as one capitalised word before its rule runs. Found by converting every
/// operation of the embedded catalog (the test `every_catalog_service_converts_back_to_itself`).
/// (botocore is not uniform: `CreateOAuth2TokenWithTokenExchange` keeps
/// `o_auth2`, so the `OAuth2` names are whole-name entries above).
const WORDS: &[(&str, &str)] = &[("WhatsApp", "Whatsapp"), ("OTel", "Otel")];

/// botocore's `xform_name` (with `_`): `DescribeInstances` →
/// `describe_instances`, `ListWebACLs` → `list_web_acls`; a name that already
/// holds `_` is kept as it is.
pub fn xform_name(name: &str) -> String {
    if name.contains('_') {
        return name.to_string();
    }
    if let Some((_, m)) = SPECIAL.iter().find(|(n, _)| *n == name) {
        return (*m).to_string();
    }
    static RES: OnceLock<Option<[Regex; 3]>> = OnceLock::new();
    let res = RES.get_or_init(|| {
        Some([
            Regex::new("[A-Z]{2,}s$").ok()?,
            Regex::new("(.)([A-Z][a-z]+)").ok()?,
            Regex::new("([a-z0-9])([A-Z])").ok()?,
        ])
    });
    let Some([special, first_cap, end_cap]) = res else {
        return name.to_ascii_lowercase();
    };
    let mut name = name.to_string();
    for (word, whole) in WORDS {
        name = name.replace(word, whole);
    }
    if let Some(m) = special.find(&name) {
        let (head, tail) = name.split_at(m.start());
        name = format!("{head}_{}", tail.to_lowercase());
    }
    let s1 = first_cap.replace_all(&name, "${1}_${2}");
    end_cap.replace_all(&s1, "${1}_${2}").to_lowercase()
}

#[cfg(test)]
mod tests;
