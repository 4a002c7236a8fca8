//! AWS API steps checked against the embedded botocore catalog: small JSON
//! documents through the real reader and the stdlib action catalog.

use crate::catalog::stdlib::load_stdlib;
use crate::check::check_document;
use crate::codegen::{read::read_document, Format};
use crate::span::{FileId, SourceMap};

/// `CODE severity message @ text under the span [help]` per finding of this module.
pub(crate) fn render(src: &str) -> String {
    let mut sources = SourceMap::default();
    let (catalog, _) = load_stdlib(&mut sources);
    let file = FileId(u32::MAX - 1);
    let doc = read_document(file, "test", src, Format::Json).expect("test document reads");
    check_document(&doc, &catalog)
        .iter()
        .filter(|d| d.primary.span.file == file)
        .map(|d| {
            let at = src.get(d.primary.span.range()).unwrap_or("?");
            let help = d
                .help
                .as_deref()
                .map(|h| format!(" [{h}]"))
                .unwrap_or_default();
            format!(
                "{} {}: {} @ `{at}`{help}",
                d.code,
                d.severity.as_str(),
                d.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A runbook with one step of `action` and these inputs (plus optional outputs).
pub(crate) fn step(action: &str, inputs: &str, outputs: &str) -> String {
    let outputs = if outputs.is_empty() {
        String::new()
    } else {
        format!(r#", "outputs": [{outputs}]"#)
    };
    format!(
        r#"{{"schemaVersion": "0.3", "parameters": {{"Id": {{"type": "String"}}, "Ids": {{"type": "StringList"}}, "N": {{"type": "Integer"}}, "M": {{"type": "StringMap"}}}}, "mainSteps": [{{"name": "Call", "action": "{action}", "inputs": {{{inputs}}}{outputs}}}]}}"#
    )
}

fn api(inputs: &str) -> String {
    render(&step("aws:executeAwsApi", inputs, ""))
}

#[test]
fn a_correct_call_has_no_findings() {
    assert_eq!(
        api(
            r#""Service": "ec2", "Api": "DescribeInstances", "InstanceIds": ["{{ Id }}"], "Filters": [{"Name": "tag:x", "Values": ["a"]}], "MaxResults": 10"#
        ),
        ""
    );
}

#[test]
fn unknown_service_and_api_suggest_the_closest() {
    insta::assert_snapshot!(api(r#""Service": "ec3", "Api": "DescribeInstances""#), @"E1027 error: unknown AWS service `ec3` @ `ec3` [did you mean `ec2`?]");
    insta::assert_snapshot!(api(r#""Service": "ec2", "Api": "DescribeInstnces""#), @"E1028 error: `ec2` has no API `DescribeInstnces` @ `DescribeInstnces` [did you mean `DescribeInstances`?]");
    insta::assert_snapshot!(api(r#""Service": "ec2", "Api": "describe_instnces""#), @"E1028 error: `ec2` has no API `describe_instnces` @ `describe_instnces` [did you mean `describe_instances`?]");
}

#[test]
fn other_spellings_ssm_accepts_are_info() {
    insta::assert_snapshot!(api(r#""Service": "EC2", "Api": "describe_instances""#), @r"
    I1002 info: service `EC2` is spelt `ec2` in boto3 @ `EC2` [write `ec2`, the canonical spelling]
    I1002 info: API `describe_instances` is the operation `DescribeInstances` @ `describe_instances` [write `DescribeInstances`, the canonical spelling]
    ");
    insta::assert_snapshot!(api(r#""Service": "ec2", "Api": "describeInstances""#), @"I1002 info: API `describeInstances` is the operation `DescribeInstances` @ `describeInstances` [write `DescribeInstances`, the canonical spelling]");
}

#[test]
fn unknown_and_missing_parameters() {
    insta::assert_snapshot!(api(r#""Service": "ec2", "Api": "DescribeFlowLogs", "Filters": []"#), @"E1029 error: `DescribeFlowLogs` has no parameter `Filters` @ `\"Filters\"` [did you mean `Filter`?]");
    insta::assert_snapshot!(api(r#""Service": "ec2", "Api": "StopInstances""#), @"E1030 error: step `Call` is missing parameter `InstanceIds`, which `StopInstances` requires @ `StopInstances` [add `InstanceIds: …` (a list of string) to the step's inputs]");
    insta::assert_snapshot!(api(r#""Service": "ec2", "Api": "DescribeInstances", "Filters": [{"Nme": "x", "Values": []}]"#), @"E1029 error: `Filters[0]` has no parameter `Nme` @ `\"Nme\"` [did you mean `Name`?]");
}

#[test]
fn literal_types_with_ssm_conversions() {
    // Accepted: numbers and booleans as strings, a one-element list for a scalar, null as absent.
    assert_eq!(
        api(
            r#""Service": "ec2", "Api": "DescribeInstances", "MaxResults": "10", "DryRun": "true", "InstanceIds": null"#
        ),
        ""
    );
    assert_eq!(
        api(r#""Service": "ssm", "Api": "GetParameter", "Name": ["x"]"#),
        ""
    );
    insta::assert_snapshot!(api(r#""Service": "ec2", "Api": "StopInstances", "InstanceIds": "i-1", "Force": "yes""#), @r#"
    E1031 error: parameter `InstanceIds` expects a list of string, found a string @ `"i-1"` [write a list of string]
    E1031 error: parameter `Force` expects a boolean, found a string @ `"yes"` [write a boolean]
    "#);
}

#[test]
fn enum_and_range_violations() {
    insta::assert_snapshot!(api(r#""Service": "ssm", "Api": "DescribeInstanceInformation", "MaxResults": 2000"#), @"E1032 error: `MaxResults` is 2000, above its maximum 50 @ `2000` [the model allows 5 to 50]");
    insta::assert_snapshot!(api(r#""Service": "ssm", "Api": "GetParameters", "Names": []"#), @"E1032 error: `Names` has 0 items, fewer than its minimum 1 @ `[]` [give at least 1 items]");
    insta::assert_snapshot!(api(r#""Service": "ec2", "Api": "ModifyInstanceAttribute", "InstanceId": "i-1", "Attribute": "instanceTyp""#), @"E1032 error: `instanceTyp` is not a value of `Attribute` @ `instanceTyp` [did you mean `instanceType`?]");
}

#[test]
fn references_are_typed_by_their_source() {
    assert_eq!(
        api(r#""Service": "ec2", "Api": "StopInstances", "InstanceIds": "{{ Ids }}""#),
        ""
    );
    insta::assert_snapshot!(api(r#""Service": "ec2", "Api": "StopInstances", "InstanceIds": "{{ M }}""#), @"E1031 error: parameter `InstanceIds` expects a list of string, found a StringMap @ `\"{{ M }}\"` [pass a list of string]");
}

#[test]
fn streaming_operations_cannot_be_called() {
    insta::assert_snapshot!(api(r#""Service": "s3", "Api": "GetObject", "Bucket": "b", "Key": "k""#), @"E1033 error: `s3.GetObject` streams its response @ `GetObject` [call it from `aws:executeScript` with boto3 instead]");
}

fn out(inputs: &str, selector: &str, ty: &str) -> String {
    render(&step(
        "aws:executeAwsApi",
        inputs,
        &format!(r#"{{"Name": "O", "Selector": "{selector}", "Type": "{ty}"}}"#),
    ))
}

const DESCRIBE: &str = r#""Service": "ec2", "Api": "DescribeInstances""#;

#[test]
fn selectors_that_match_have_no_findings() {
    for (sel, ty) in [
        ("$.Reservations[0].Instances[0].State.Name", "String"),
        (
            "$.Reservations[0].Instances[0].CpuOptions.CoreCount",
            "Integer",
        ),
        ("Reservations[0].Instances[0].InstanceId", "String"),
        ("$.Reservations..InstanceId", "StringList"),
        ("$.Reservations[*].Instances[*]", "MapList"),
        (
            "$.Reservations[0].Instances[0].Tags[?(@.Key == 'Name')].Value",
            "StringList",
        ),
        ("$.Reservations[0].Instances[0]", "StringMap"),
        ("$.ResponseMetadata.HTTPStatusCode", "Integer"),
        ("$.ResponseMetadata.HTTPHeaders.date", "String"),
        ("$.Reservations.Instances.InstanceId", "StringList"),
    ] {
        assert_eq!(out(DESCRIBE, sel, ty), "", "{sel}");
    }
}

#[test]
fn impossible_segments_point_at_the_segment_with_a_suggestion() {
    insta::assert_snapshot!(out(DESCRIBE, "$.Reservations[0].Instances[0].State.Nme", "String"), @"E1034 error: selector `$.Reservations[0].Instances[0].State.Nme` never matches a `DescribeInstances` response @ `Nme` [did you mean `Name`?]");
    insta::assert_snapshot!(out(DESCRIBE, "$.Reservation[0]", "String"), @"E1034 error: selector `$.Reservation[0]` never matches a `DescribeInstances` response @ `Reservation` [did you mean `Reservations`?]");
    insta::assert_snapshot!(out(DESCRIBE, "$.Reservations[0].Instances[0].InstanceId[0]", "String"), @"E1034 error: selector `$.Reservations[0].Instances[0].InstanceId[0]` never matches a `DescribeInstances` response @ `[0]`");
    insta::assert_snapshot!(out(DESCRIBE, "$.Reservations[0].Instances[0].Tags[?(@.Kye == 'x')].Value", "StringList"), @"E1034 error: selector `$.Reservations[0].Instances[0].Tags[?(@.Kye == 'x')].Value` never matches a `DescribeInstances` response @ `Kye` [did you mean `Key`?]");
    insta::assert_snapshot!(out(DESCRIBE, "$..Nothing", "String"), @"E1034 error: selector `$..Nothing` never matches a `DescribeInstances` response @ `Nothing`");
    insta::assert_snapshot!(out(DESCRIBE, "$.Reservations[0", "String"), @"E1035 error: selector `$.Reservations[0` does not parse: an unclosed `[` @ `[0` [write a JSONPath such as `$.Reservations[0].Instances[0].InstanceId`]");
}

#[test]
fn result_types_against_the_declared_type() {
    insta::assert_snapshot!(out(r#""Service": "cloudwatch", "Api": "GetMetricStatistics", "Namespace": "n", "MetricName": "m", "StartTime": "2020-01-01", "EndTime": "2020-01-02", "Period": 60"#, "$.Datapoints[0].Average", "Integer"), @"W1008 warning: selector `$.Datapoints[0].Average` yields a double, declared `Integer` @ `Integer` [declare `Type: String`, or select a value of that type]");
    insta::assert_snapshot!(out(DESCRIBE, "$.Reservations[0].Instances[0].SecurityGroups", "String"), @"W1008 warning: selector `$.Reservations[0].Instances[0].SecurityGroups` yields a list of objects, declared `String` @ `String` [declare `Type: MapList`, or select a value of that type]");
    // SSM takes the one element of a one-element fan-out as a String.
    assert_eq!(
        out(
            DESCRIBE,
            "$.Reservations[*].Instances[*].InstanceId",
            "String"
        ),
        ""
    );
    insta::assert_snapshot!(out(DESCRIBE, "$.Reservations", "StringList"), @"W1008 warning: selector `$.Reservations` yields a list of objects, declared `StringList` @ `StringList` [declare `Type: MapList`, or select a value of that type]");
}

#[test]
fn desired_values_against_the_enum() {
    let wait = |desired: &str| {
        render(&step(
            "aws:waitForAwsResourceProperty",
            &format!(
                r#""Service": "ec2", "Api": "DescribeInstances", "InstanceIds": ["i-1"], "PropertySelector": "$.Reservations[0].Instances[0].State.Name", "DesiredValues": {desired}"#
            ),
            "",
        ))
    };
    assert_eq!(wait(r#"["running", "stopped"]"#), "");
    insta::assert_snapshot!(wait(r#"["runing"]"#), @"W1009 warning: `runing` is not a value of `InstanceStateName` in the model @ `runing` [did you mean `running`?]");
    insta::assert_snapshot!(render(&step("aws:assertAwsResourceProperty", r#""Service": "ec2", "Api": "DescribeInstances", "PropertySelector": "$.Reservations[0].Instances[0].Stat.Name", "DesiredValues": ["running"]"#, "")), @"E1034 error: selector `$.Reservations[0].Instances[0].Stat.Name` never matches a `DescribeInstances` response @ `Stat` [did you mean `State`?]");
}

#[test]
fn an_api_parameter_spelt_like_an_own_input_is_no_near_miss() {
    // ecs UpdateService takes `service` (and `cluster`), not a slip of `Service`.
    assert_eq!(
        api(
            r#""Service": "ecs", "Api": "UpdateService", "cluster": "c", "service": "s", "desiredCount": 0"#
        ),
        ""
    );
}

/// Found by the selector differential (tests/aws_api_selector_differential.py):
/// botocore's `ResponseMetadata` has `HostId` for S3 and `HTTPHeaders` keyed
/// by lower-cased header names, which `..name` from the response reaches.
#[test]
fn response_metadata_as_botocore_fills_it() {
    let s3 = r#""Service": "s3", "Api": "ListBuckets""#;
    for sel in [
        "$.ResponseMetadata.HostId",
        "$.ResponseMetadata.ChecksumAlgorithm",
        "$..date",
        "$..['content-type']",
        "$.ResponseMetadata..x-amzn-requestid",
        "$.ResponseMetadata.HTTPHeaders..date",
    ] {
        assert_eq!(out(s3, sel, "String"), "", "{sel}");
    }
    // A name with an upper-case letter is no header: still searched in the shapes.
    insta::assert_snapshot!(out(s3, "$..Nothing", "String"), @"E1034 error: selector `$..Nothing` never matches a `ListBuckets` response @ `Nothing`");
    // Below the response's own members there are no headers.
    insta::assert_snapshot!(out(s3, "$.Buckets[0]..date", "String"), @"E1034 error: selector `$.Buckets[0]..date` never matches a `ListBuckets` response @ `date` [did you mean `Name`?]");
    insta::assert_snapshot!(out(s3, "$.ResponseMetadata.HostID", "String"), @"E1034 error: selector `$.ResponseMetadata.HostID` never matches a `ListBuckets` response @ `HostID` [did you mean `HostId`?]");
}
