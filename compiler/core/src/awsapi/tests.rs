use super::names::{self, Spelling};
use super::*;

#[test]
fn the_embedded_catalog_has_every_service_and_its_provenance() {
    let cat = catalog();
    assert!(cat.services().len() > 400, "{}", cat.services().len());
    assert_eq!(cat.provenance.botocore, "1.44.5");
    assert_eq!(cat.provenance.date.len(), 10);
    let ec2 = cat.service("ec2").expect("ec2");
    let op = ec2
        .operation("DescribeInstances")
        .expect("DescribeInstances");
    assert_eq!(op.method, "describe_instances");
    let input = ec2.shape(op.input.expect("input")).expect("shape");
    let ShapeKind::Structure { members, .. } = &input.kind else {
        unreachable!("DescribeInstancesRequest is a structure")
    };
    let names: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
    assert!(names.contains(&"InstanceIds") && names.contains(&"Filters"));
}

#[test]
fn services_decode_lazily_and_once() {
    let cat = catalog();
    let entry = cat
        .services()
        .iter()
        .find(|s| s.name == "sqs")
        .expect("sqs");
    let a: *const Service = cat.decoded(entry);
    let b: *const Service = cat.decoded(entry);
    assert_eq!(a, b);
}

#[test]
fn streaming_operations_are_flagged() {
    let s3 = catalog().service("s3").expect("s3");
    assert!(s3.operation("GetObject").expect("op").output_streams);
    assert!(s3.operation("PutObject").expect("op").input_streams);
    assert!(!s3.operation("ListBuckets").expect("op").output_streams);
}

#[test]
fn names_resolve_as_ssm_does() {
    let cat = catalog();
    assert_eq!(
        names::service(cat, "SQS").map(|s| s.name.as_str()),
        Some("sqs")
    );
    assert!(names::service(cat, "sqsx").is_none());
    assert_eq!(names::suggest_service(cat, "ec3"), Some("ec2"));
    let ec2 = cat.service("ec2").expect("ec2");
    for (api, spelling) in [
        ("DescribeInstances", Spelling::Canonical),
        ("describe_instances", Spelling::Method),
        ("describeInstances", Spelling::LowerCamel),
    ] {
        let (op, how) = names::operation(ec2, api).expect(api);
        assert_eq!((op.name.as_str(), how), ("DescribeInstances", spelling));
    }
    assert!(names::operation(ec2, "describeinstances").is_none());
    assert_eq!(
        names::suggest_operation(ec2, "DescribeInstnces").as_deref(),
        Some("DescribeInstances")
    );
    assert_eq!(
        names::suggest_operation(ec2, "describe_instnces").as_deref(),
        Some("describe_instances")
    );
}

#[test]
fn a_malformed_catalog_is_empty_not_a_panic() {
    for bytes in [
        &b""[..],
        b"SSMCAWS1",
        b"SSMCAWS1\xff\xff\xff\xff",
        b"SSMCAWS1\x02\0\0\0{}",
    ] {
        assert!(ApiCatalog::from_bytes(bytes).services().is_empty());
    }
}
