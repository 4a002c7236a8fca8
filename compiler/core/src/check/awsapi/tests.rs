//! AWS API steps checked against the embedded botocore catalog: small JSON
//! documents through the real reader and the stdlib action catalog.

use crate::awsapi::{botocore, Overlay};
use crate::catalog::stdlib::load_stdlib;
use crate::check::check_document;
use crate::codegen::{read::read_document, Format};
use crate::span::{FileId, SourceMap};

/// `CODE severity message @ text under the span [help]` per finding of this module.
pub(crate) fn render(src: &str) -> String {
    render_with(src, &Overlay::default())
}

/// [`render`] with a project's own AWS API models.
pub(crate) fn render_with(src: &str, models: &Overlay) -> String {
    let mut sources = SourceMap::default();
    let (mut catalog, _) = load_stdlib(&mut sources);
    catalog.aws_models = models.clone();
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
    insta::assert_snapshot!(api(r#""Service": "ec2", "Api": "DescribeFlowLogs", "Filtrs": []"#), @"E1029 error: `DescribeFlowLogs` has no parameter `Filtrs` @ `\"Filtrs\"` [did you mean `Filters`?]");
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
        // `..name` descends into lists, `.*` reads a list's elements.
        ("$.Reservations..Instances", "MapList"),
        ("$.Reservations.*.Instances[0].InstanceId", "StringList"),
        (
            "$.Reservations[0].Instances[?(@.Tags[0].Key == 'Name')].InstanceId",
            "StringList",
        ),
        // Jayway's functions apply to what the path yields, a list included.
        ("$.Reservations[0].Instances.length()", "Integer"),
        ("$.Reservations[*].Instances[*].length()", "Integer"),
        (
            "$.Reservations[0].Instances[0].CpuOptions.CoreCount.sum()",
            "Integer",
        ),
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

/// Jayway (SSM's JSONPath) reads a member on an object only: on a list it
/// finds nothing (found by the selector differential, both judges agree).
#[test]
fn a_member_read_on_a_list_never_matches() {
    insta::assert_snapshot!(out(DESCRIBE, "$.Reservations.Instances", "MapList"), @"E1034 error: selector `$.Reservations.Instances` never matches a `DescribeInstances` response @ `Instances` [`Reservations` is a list: select an element first, `Reservations[0].Instances`, or all of them, `Reservations[*].Instances`]");
    insta::assert_snapshot!(out(DESCRIBE, "Reservations['Instances']", "MapList"), @"E1034 error: selector `Reservations['Instances']` never matches a `DescribeInstances` response @ `['Instances']` [`Reservations` is a list: select an element first, `Reservations[0]['Instances']`, or all of them, `Reservations[*]['Instances']`]");
    insta::assert_snapshot!(out(DESCRIBE, "$.Reservations[0].Instances.'InstanceId'", "String"), @"E1034 error: selector `$.Reservations[0].Instances.'InstanceId'` never matches a `DescribeInstances` response @ `InstanceId` [`Instances` is a list: select an element first, `Instances[0].'InstanceId'`, or all of them, `Instances[*].'InstanceId'`]");
    insta::assert_snapshot!(out(DESCRIBE, "$.Reservations[*].Instances[*].Tags.Key", "StringList"), @"E1034 error: selector `$.Reservations[*].Instances[*].Tags.Key` never matches a `DescribeInstances` response @ `Key` [`Tags` is a list: select an element first, `Tags[0].Key`, or all of them, `Tags[*].Key`]");
    insta::assert_snapshot!(out(DESCRIBE, "$..Instances.InstanceId", "StringList"), @"E1034 error: selector `$..Instances.InstanceId` never matches a `DescribeInstances` response @ `InstanceId` [`Instances` is a list: select an element first, `Instances[0].InstanceId`, or all of them, `Instances[*].InstanceId`]");
    insta::assert_snapshot!(out(DESCRIBE, "$.Reservations[0].Instances['InstanceId','ImageId']", "StringList"), @"E1034 error: selector `$.Reservations[0].Instances['InstanceId','ImageId']` never matches a `DescribeInstances` response @ `['InstanceId','ImageId']` [`Instances` is a list: select an element first, `Instances[0]['InstanceId','ImageId']`, or all of them, `Instances[*]['InstanceId','ImageId']`]");
    // In a filter: `@.Tags.Key` finds nothing on an instance, so no test passes (also with `!=`).
    insta::assert_snapshot!(out(DESCRIBE, "$.Reservations[0].Instances[?(@.Tags.Key != 'x')].InstanceId", "StringList"), @"E1034 error: selector `$.Reservations[0].Instances[?(@.Tags.Key != 'x')].InstanceId` never matches a `DescribeInstances` response @ `Key` [`@.Tags` is a list: select an element first, `@.Tags[0].Key` (a filter path takes no `[*]`)]");
    // The label names the list's shape and the member.
    let src = step(
        "aws:executeAwsApi",
        DESCRIBE,
        r#"{"Name": "O", "Selector": "$.Reservations.Instances", "Type": "MapList"}"#,
    );
    let mut sources = SourceMap::default();
    let (catalog, _) = load_stdlib(&mut sources);
    let doc = read_document(FileId(u32::MAX - 1), "test", &src, Format::Json).expect("reads");
    let labels: Vec<String> = check_document(&doc, &catalog)
        .iter()
        .filter(|d| d.code == "E1034")
        .map(|d| d.primary.text.clone())
        .collect();
    assert_eq!(
        labels,
        ["`ReservationList` is a list; a list has no member `Instances`"]
    );
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

#[test]
fn a_string_list_where_one_value_goes_is_a_warning() {
    insta::assert_snapshot!(api(r#""Service": "ssm", "Api": "GetParameter", "Name": "{{ Ids }}""#), @"W1010 warning: parameter `Name` expects a string, found `{{ Ids }}` (StringList) @ `{{ Ids }}` [this works only when `Ids` holds one value; declare it `String`, or pass a list parameter to a parameter that takes a list]");
    insta::assert_snapshot!(api(r#""Service": "ssm", "Api": "GetParameter", "Name": ["{{ Ids }}"]"#), @"W1010 warning: parameter `Name` expects a string, found `{{ Ids }}` (StringList) @ `{{ Ids }}` [this works only when `Ids` holds one value; declare it `String`, or pass a list parameter to a parameter that takes a list]");
    // A list reference inside a list is flattened into it; a String reference is one value.
    assert_eq!(
        api(r#""Service": "ec2", "Api": "StopInstances", "InstanceIds": ["{{ Ids }}"]"#),
        ""
    );
    assert_eq!(
        api(r#""Service": "ssm", "Api": "GetParameter", "Name": "{{ Id }}""#),
        ""
    );
}

/// A `DescribeInstances` step `Call` with `outputs`, then a step `Use`.
fn two_steps(outputs: &str, use_action: &str, use_inputs: &str) -> String {
    format!(
        r#"{{"schemaVersion": "0.3", "mainSteps": [{{"name": "Call", "action": "aws:executeAwsApi", "inputs": {{"Service": "ec2", "Api": "DescribeInstances"}}, "outputs": [{outputs}]}}, {{"name": "Use", "action": "{use_action}", "inputs": {{{use_inputs}}}}}]}}"#
    )
}

#[test]
fn an_output_without_a_type_has_its_selector_s_type() {
    let ids = r#"{"Name": "Ids", "Selector": "$.Reservations[*].Instances[*].InstanceId"}"#;
    let groups =
        r#"{"Name": "Groups", "Selector": "$.Reservations[0].Instances[0].SecurityGroups"}"#;
    // A list of instance ids where the API takes one name.
    insta::assert_snapshot!(render(&two_steps(ids, "aws:executeAwsApi", r#""Service": "ssm", "Api": "GetParameter", "Name": "{{ Call.Ids }}""#)), @"W1010 warning: parameter `Name` expects a string, found `{{ Call.Ids }}` (StringList) @ `{{ Call.Ids }}` [this works only when `Call.Ids` holds one value; declare it `String`, or pass a list parameter to a parameter that takes a list]");
    // Where an action input wants a String.
    insta::assert_snapshot!(render(&two_steps(ids, "aws:sleep", r#""Duration": "{{ Call.Ids }}""#)), @r#"W1001 warning: input `Duration` of `aws:sleep` expects String, found `{{ Call.Ids }}` of type StringList @ `"{{ Call.Ids }}"` [AWS accepts this and converts it at run time; to be exact, write a string: "…"]"#);
    // A list of objects where the API takes a list of strings.
    insta::assert_snapshot!(render(&two_steps(groups, "aws:executeAwsApi", r#""Service": "ec2", "Api": "StopInstances", "InstanceIds": "{{ Call.Groups }}""#)), @r#"E1031 error: parameter `InstanceIds` expects a list of string, found a MapList @ `"{{ Call.Groups }}"` [pass a list of string]"#);
    // A declared Type stays the reference's type (SSM converts to it); the
    // selector is checked against it (W1008) instead.
    let typed = r#"{"Name": "Ids", "Selector": "$.Reservations[*].Instances[*].InstanceId", "Type": "String"}"#;
    assert_eq!(
        render(&two_steps(
            typed,
            "aws:executeAwsApi",
            r#""Service": "ssm", "Api": "GetParameter", "Name": "{{ Call.Ids }}""#
        )),
        ""
    );
    // A single string selected without a Type fits a String.
    let one = r#"{"Name": "Id", "Selector": "$.Reservations[0].Instances[0].InstanceId"}"#;
    assert_eq!(
        render(&two_steps(
            one,
            "aws:executeAwsApi",
            r#""Service": "ssm", "Api": "GetParameter", "Name": "{{ Call.Id }}""#
        )),
        ""
    );
}

fn newsvc(name: &str) -> Overlay {
    let svc = botocore::service_from_json(name, include_str!("../../awsapi/botocore/newsvc.json"))
        .expect("the fixture converts");
    Overlay::new(vec![svc])
}

#[test]
fn a_project_model_adds_a_service() {
    let models = newsvc("newsvc");
    let call = |inputs: &str| render_with(&step("aws:executeAwsApi", inputs, ""), &models);
    assert_eq!(
        call(r#""Service": "newsvc", "Api": "GetWidget", "WidgetId": "w-1", "Colour": "RED""#),
        ""
    );
    insta::assert_snapshot!(call(r#""Service": "newsvc", "Api": "GetWidgt", "WidgetId": "w-1""#), @"E1028 error: `newsvc` has no API `GetWidgt` @ `GetWidgt` [did you mean `GetWidget`?]");
    insta::assert_snapshot!(call(r#""Service": "NewSvc", "Api": "GetWidget", "Colour": "PURPLE""#), @r#"
    I1002 info: service `NewSvc` is spelt `newsvc` in boto3 @ `NewSvc` [write `newsvc`, the canonical spelling]
    E1030 error: step `Call` is missing parameter `WidgetId`, which `GetWidget` requires @ `GetWidget` [add `WidgetId: …` (a string) to the step's inputs]
    E1032 error: `PURPLE` is not a value of `Colour` @ `PURPLE` [its values are `RED`, `GREEN`, `BLUE`]
    "#);
    insta::assert_snapshot!(call(r#""Service": "newsv", "Api": "GetWidget""#), @"E1027 error: unknown AWS service `newsv` @ `newsv` [did you mean `newsvc`?]");
    // Without the project's model the service is unknown.
    insta::assert_snapshot!(api(r#""Service": "newsvc", "Api": "GetWidget""#), @"E1027 error: unknown AWS service `newsvc` @ `newsvc` [did you mean `sesv2`?]");
}

#[test]
fn a_project_model_overrides_a_service_by_client_name() {
    let models = newsvc("ec2");
    let call = |inputs: &str| render_with(&step("aws:executeAwsApi", inputs, ""), &models);
    assert_eq!(
        call(r#""Service": "ec2", "Api": "GetWidget", "WidgetId": "w-1""#),
        ""
    );
    insta::assert_snapshot!(call(r#""Service": "ec2", "Api": "DescribeInstances""#), @"E1028 error: `ec2` has no API `DescribeInstances` @ `DescribeInstances` [see the 4 operations of `ec2` (`ssmc explain aws:ec2`)]");
}

/// botocore's parameter aliases (its handler table, generated into the catalog):
/// EC2's `Filters` for the modelled `Filter`, CloudWatch Logs' `fromTime` for
/// `from`; both names are accepted, the alias is checked by the member's shape,
/// and giving both is refused as botocore refuses it.
#[test]
fn botocore_parameter_aliases_are_accepted() {
    insta::assert_snapshot!(api(r#""Service": "ec2", "Api": "DescribeFlowLogs", "Filters": [{"Name": "resource-id", "Values": ["vpc-1"]}]"#), @"");
    insta::assert_snapshot!(api(r#""Service": "ec2", "Api": "DescribeNatGateways", "Filter": [{"Name": "vpc-id", "Values": ["vpc-1"]}]"#), @"");
    insta::assert_snapshot!(api(r#""Service": "ec2", "Api": "DescribeNatGateways", "Filters": [{"Nme": "vpc-id"}]"#), @"E1029 error: `Filters[0]` has no parameter `Nme` @ `\"Nme\"` [did you mean `Name`?]");
    insta::assert_snapshot!(api(r#""Service": "ec2", "Api": "DescribeFlowLogs", "Filter": [], "Filters": []"#), @"E1029 error: `Filters` is botocore's other name for `Filter` of `DescribeFlowLogs`, which is also given @ `\"Filters\"` [keep one of `Filter` and `Filters`]");
    insta::assert_snapshot!(api(r#""Service": "logs", "Api": "CreateExportTask", "logGroupName": "g", "fromTime": 1, "to": 2, "destination": "b""#), @"");
    // Only where botocore applies it: DescribeInstances models `Filters` itself.
    insta::assert_snapshot!(api(r#""Service": "ec2", "Api": "DescribeInstances", "Filter": []"#), @"E1029 error: `DescribeInstances` has no parameter `Filter` @ `\"Filter\"` [did you mean `Filters`?]");
}
