//! The botocore conversion against the embedded catalog (what the generator
//! wrote) and against a model written here in botocore's format.

use super::{service_from_json, xform_name};
use crate::awsapi::{catalog, Service, ShapeKind};
use serde_json::{json, Map, Value as J};

/// `svc` written back as a botocore `service-2.json` (the generator's input format).
fn to_botocore(svc: &Service) -> String {
    let name = |id: u32| svc.shape(id).map_or(String::new(), |s| s.name.clone());
    let mut shapes = Map::new();
    for s in &svc.shapes {
        let mut d = Map::new();
        match &s.kind {
            ShapeKind::Structure {
                members,
                union,
                document,
            } => {
                d.insert("type".into(), json!("structure"));
                let mut m = Map::new();
                for mem in members {
                    m.insert(mem.name.clone(), json!({ "shape": name(mem.shape) }));
                }
                d.insert("members".into(), J::Object(m));
                let req: Vec<&str> = members
                    .iter()
                    .filter(|m| m.required)
                    .map(|m| m.name.as_str())
                    .collect();
                if !req.is_empty() {
                    d.insert("required".into(), json!(req));
                }
                if *union {
                    d.insert("union".into(), json!(true));
                }
                if *document {
                    d.insert("document".into(), json!(true));
                }
            }
            ShapeKind::List { member, min, max } => {
                d.insert("type".into(), json!("list"));
                d.insert("member".into(), json!({ "shape": name(*member) }));
                if let Some(v) = min {
                    d.insert("min".into(), json!(v));
                }
                if let Some(v) = max {
                    d.insert("max".into(), json!(v));
                }
            }
            ShapeKind::Map { key, value } => {
                d.insert("type".into(), json!("map"));
                d.insert("key".into(), json!({ "shape": name(*key) }));
                d.insert("value".into(), json!({ "shape": name(*value) }));
            }
            ShapeKind::Scalar {
                kind,
                enumeration,
                min,
                max,
            } => {
                d.insert("type".into(), json!(kind.name()));
                if let Some(e) = enumeration {
                    d.insert("enum".into(), json!(e));
                }
                if let Some(v) = min {
                    d.insert("min".into(), json!(v));
                }
                if let Some(v) = max {
                    d.insert("max".into(), json!(v));
                }
            }
        }
        shapes.insert(s.name.clone(), J::Object(d));
    }
    let mut ops = Map::new();
    for op in &svc.operations {
        let mut o = Map::new();
        o.insert("name".into(), json!(op.name));
        if let Some(i) = op.input {
            o.insert("input".into(), json!({ "shape": name(i) }));
        }
        if let Some(i) = op.output {
            o.insert("output".into(), json!({ "shape": name(i) }));
        }
        if op.deprecated {
            o.insert("deprecated".into(), json!(true));
        }
        ops.insert(op.name.clone(), J::Object(o));
    }
    // A streaming flag lives on a member of the request or response structure.
    for op in &svc.operations {
        for (streams, io) in [(op.input_streams, op.input), (op.output_streams, op.output)] {
            let Some(id) = io.filter(|_| streams) else {
                continue;
            };
            let member = match svc.shape(id).map(|s| &s.kind) {
                Some(ShapeKind::Structure { members, .. }) => members.first(),
                _ => None,
            };
            let (Some(m), Some(J::Object(d))) = (member, shapes.get_mut(&name(id))) else {
                continue;
            };
            if let Some(J::Object(ms)) = d.get_mut("members") {
                ms.insert(
                    m.name.clone(),
                    json!({ "shape": name(m.shape), "streaming": true }),
                );
            }
        }
    }
    json!({
        "version": "2.0",
        "metadata": { "apiVersion": svc.api_version },
        "operations": ops,
        "shapes": shapes,
    })
    .to_string()
}

#[test]
fn every_catalog_service_converts_back_to_itself() {
    // The generator's output, written as botocore's input and converted by
    // the Rust conversion, is the same service: shape ids, members, required
    // flags, enums, bounds, streaming flags and boto3 method names.
    let cat = catalog();
    assert!(cat.services().len() > 400, "the embedded catalog is loaded");
    let mut differ = Vec::new();
    for entry in cat.services() {
        // botocore's parameter aliases come from its handler table, not from a
        // model file, so a converted model has none.
        let mut svc = cat.decoded(entry).clone();
        for op in &mut svc.operations {
            op.aliases.clear();
        }
        let svc = &svc;
        let back = service_from_json(&svc.name, &to_botocore(svc)).expect("converts");
        if &back != svc {
            let ops: Vec<String> = back
                .operations
                .iter()
                .zip(&svc.operations)
                .filter(|(a, b)| a != b)
                .map(|(a, b)| {
                    if a.method != b.method && a.name == b.name {
                        format!("(\"{}\", \"{}\"),", a.name, b.method)
                    } else {
                        format!("{a:?} != {b:?}")
                    }
                })
                .collect();
            differ.push(format!("{}: {}", svc.name, ops.join("\n")));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn boto3_method_names_follow_botocore() {
    for (op, method) in [
        ("DescribeInstances", "describe_instances"),
        ("ListWebACLs", "list_web_acls"),
        ("GetBucketAcl", "get_bucket_acl"),
        ("DescribeDBInstances", "describe_db_instances"),
        ("CreateCachediSCSIVolume", "create_cached_iscsi_volume"),
        ("already_snake", "already_snake"),
    ] {
        assert_eq!(xform_name(op), method, "{op}");
    }
}

/// One line per shape and operation.
fn outline(svc: &Service) -> String {
    let mut out = format!("{} {}\n", svc.name, svc.api_version);
    for (i, s) in svc.shapes.iter().enumerate() {
        out.push_str(&format!("{i} {} {:?}\n", s.name, s.kind));
    }
    for op in &svc.operations {
        out.push_str(&format!(
            "op {} {} in={:?} out={:?} streams={}/{} deprecated={}\n",
            op.name,
            op.method,
            op.input,
            op.output,
            op.input_streams,
            op.output_streams,
            op.deprecated
        ));
    }
    out
}

#[test]
fn a_model_written_in_botocore_format_converts() {
    let svc = service_from_json("newsvc", include_str!("newsvc.json")).expect("converts");
    insta::assert_snapshot!(outline(&svc));
}

#[test]
fn bad_models_say_what_is_wrong() {
    let e = |t: &str| service_from_json("x", t).expect_err("rejected").0;
    assert!(e("{").starts_with("not valid JSON"));
    assert_eq!(
        e("[]"),
        "not a botocore service model: the top level is not an object"
    );
    assert_eq!(
        e(r#"{"operations": {}}"#),
        "not a botocore service model: no `shapes` object"
    );
    assert_eq!(
        e(r#"{"shapes": {}, "operations": {"A": {"input": {"shape": "In"}}}, "x": 1}"#),
        "operation `A` refers to `In`, which the model does not define"
    );
    assert_eq!(
        e(
            r#"{"shapes": {"In": {"type": "structure", "members": {"B": {"shape": "Nope"}}}}, "operations": {"A": {"input": {"shape": "In"}}}}"#
        ),
        "shape `In` refers to `Nope`, which the model does not define"
    );
    assert_eq!(
        e(
            r#"{"shapes": {"In": {"type": "tuple"}}, "operations": {"A": {"input": {"shape": "In"}}}}"#
        ),
        "shape `In` has an unknown type `tuple`"
    );
}
