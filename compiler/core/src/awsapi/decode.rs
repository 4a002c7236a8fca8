//! The binary catalog format (see `stdlib/aws-api/generate.py` for the writer).
//!
//! Input: `b"SSMCAWS1"`, a little-endian u32 index length, the index (compact
//! JSON), then raw-deflate bodies of compact JSON, one per service. Output:
//! the index as [`ApiCatalog`] and, on demand, one body as a [`Service`].
//!
//! Invariant: any malformed part yields `None` (the caller treats it as an
//! empty catalog or service); nothing here panics on bad bytes.

use super::{
    ApiCatalog, Member, Operation, Provenance, Scalar, Service, ServiceEntry, Shape, ShapeId,
    ShapeKind,
};
use serde_json::Value as J;
use std::sync::OnceLock;

const MAGIC: &[u8] = b"SSMCAWS1";
/// A service body never inflates beyond this (EC2, the largest, is ~1.3 MB).
const MAX_INFLATED: usize = 64 << 20;

/// The index and the bodies of an indexed catalog file: `magic`, a
/// little-endian u32 index length, the index, then the bodies. The IAM
/// catalog (`crate::iam`) has the same frame with its own magic.
pub(crate) fn split_indexed(
    bytes: &'static [u8],
    magic: &[u8],
) -> Option<(&'static [u8], &'static [u8])> {
    let rest = bytes.strip_prefix(magic)?;
    let len_bytes: [u8; 4] = rest.get(..4)?.try_into().ok()?;
    let len = u32::from_le_bytes(len_bytes) as usize;
    let index = rest.get(4..4usize.checked_add(len)?)?;
    let body = rest.get(4 + len..)?;
    Some((index, body))
}

pub(super) fn index(bytes: &'static [u8]) -> Option<ApiCatalog> {
    let (index, body) = split_indexed(bytes, MAGIC)?;
    let j: J = serde_json::from_slice(index).ok()?;
    let provenance = Provenance {
        botocore: j.get("botocore")?.as_str()?.to_string(),
        date: j.get("date")?.as_str()?.to_string(),
        wheel_sha256: j.get("wheel_sha256")?.as_str()?.to_string(),
    };
    let mut services = Vec::new();
    for s in j.get("services")?.as_array()? {
        let a = s.as_array()?;
        services.push(ServiceEntry {
            name: a.first()?.as_str()?.to_string(),
            api_version: a.get(1)?.as_str()?.to_string(),
            offset: usize::try_from(a.get(2)?.as_u64()?).ok()?,
            len: usize::try_from(a.get(3)?.as_u64()?).ok()?,
            operation_count: usize::try_from(a.get(4)?.as_u64()?).ok()?,
            decoded: OnceLock::new(),
        });
    }
    Some(ApiCatalog {
        provenance,
        services,
        body,
    })
}

pub(super) fn service(name: &str, api_version: &str, deflated: &[u8]) -> Option<Service> {
    let raw = miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_INFLATED).ok()?;
    let j: J = serde_json::from_slice(&raw).ok()?;
    let shapes_j = j.get("shapes")?.as_array()?;
    let count = shapes_j.len();
    let id = |v: &J| -> Option<ShapeId> {
        let n = v.as_u64()?;
        (n < count as u64).then(|| ShapeId::try_from(n).ok())?
    };
    let opt_id = |v: &J| -> Option<Option<ShapeId>> {
        if v.as_i64() == Some(-1) {
            Some(None)
        } else {
            Some(Some(id(v)?))
        }
    };
    let mut shapes = Vec::with_capacity(count);
    for s in shapes_j {
        let a = s.as_array()?;
        let name = a.first()?.as_str()?.to_string();
        let kind = match a.get(1)?.as_str()? {
            "structure" => {
                let mut members = Vec::new();
                for m in a.get(2)?.as_array()? {
                    let m = m.as_array()?;
                    members.push(Member {
                        name: m.first()?.as_str()?.to_string(),
                        shape: id(m.get(1)?)?,
                        required: m.get(2)?.as_u64()? == 1,
                    });
                }
                ShapeKind::Structure {
                    members,
                    union: a.get(3)?.as_u64()? == 1,
                    document: a.get(4)?.as_u64()? == 1,
                }
            }
            "list" => ShapeKind::List {
                member: id(a.get(2)?)?,
                min: a.get(3).and_then(J::as_f64),
                max: a.get(4).and_then(J::as_f64),
            },
            "map" => ShapeKind::Map {
                key: id(a.get(2)?)?,
                value: id(a.get(3)?)?,
            },
            other => ShapeKind::Scalar {
                kind: Scalar::from_botocore(other)?,
                enumeration: a.get(2).and_then(J::as_array).map(|e| {
                    e.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                }),
                min: a.get(3).and_then(J::as_f64),
                max: a.get(4).and_then(J::as_f64),
            },
        };
        shapes.push(Shape { name, kind });
    }
    let mut operations = Vec::new();
    for o in j.get("ops")?.as_array()? {
        let a = o.as_array()?;
        let flags = a.get(3)?.as_u64()?;
        operations.push(Operation {
            name: a.first()?.as_str()?.to_string(),
            input: opt_id(a.get(1)?)?,
            output: opt_id(a.get(2)?)?,
            input_streams: flags & 1 != 0,
            output_streams: flags & 2 != 0,
            deprecated: flags & 4 != 0,
            method: a.get(4)?.as_str()?.to_string(),
            // Only operations that have aliases carry the sixth item.
            aliases: a
                .get(5)
                .and_then(J::as_array)
                .map(|pairs| {
                    pairs
                        .iter()
                        .filter_map(|p| {
                            let p = p.as_array()?;
                            Some((
                                p.first()?.as_str()?.to_string(),
                                p.get(1)?.as_str()?.to_string(),
                            ))
                        })
                        .collect()
                })
                .unwrap_or_default(),
        });
    }
    Some(Service {
        name: name.to_string(),
        api_version: api_version.to_string(),
        operations,
        shapes,
    })
}
