//! Completion and hover in AWS API steps, with `$0` cursor fixtures (no
//! transport): services, APIs in any spelling, request parameters as
//! snippets, selector segments, and no panic at any offset of broken steps.

use ssmc_core::lower::NoFiles;

use super::*;

/// The analysis of `src` without its `$0`, and the marker's offset.
fn fixture(src: &str) -> (Analysis, u32) {
    let at = src.find("$0").expect("invariant: fixture has a $0 cursor");
    let text = src.replacen("$0", "", 1);
    let a = Analysis::new("test.rbk", &text, &NoFiles);
    (a, u32::try_from(at).expect("small fixture"))
}

/// The items as a client lists them (by sort text, then label).
fn sorted(mut items: Vec<CompletionItem>) -> Vec<CompletionItem> {
    items.sort_by(|a, b| (&a.sort_text, &a.label).cmp(&(&b.sort_text, &b.label)));
    items
}

fn labels(items: &[CompletionItem]) -> Vec<&str> {
    items.iter().map(|i| i.label.as_str()).collect()
}

/// `src` (with `$0`) inside an automation document's `aws:executeAwsApi` step.
fn api_step(inputs: &str, outputs: &str) -> String {
    format!(
        "automation X {{\n  param InstanceId: String\n  step Call = aws:executeAwsApi {{\n    {inputs}\n  }}\n    outputs {{ {outputs} }}\n}}\n"
    )
}

fn wait_step(inputs: &str) -> String {
    format!(
        "automation X {{\n  step Wait = aws:waitForAwsResourceProperty {{\n    {inputs}\n    DesiredValues: [\"running\"],\n  }}\n}}\n"
    )
}

fn replaced<'a>(a: &'a Analysis, item: &CompletionItem) -> &'a str {
    let span = item.replace.expect("an AWS item names what it replaces");
    a.text
        .get(span.start as usize..span.end as usize)
        .unwrap_or("?")
}

#[test]
fn services_complete_from_the_index_by_client_name() {
    let (a, o) = fixture(&api_step(
        "Service: \"ssm-$0\", Api: \"X\"",
        "A: String = \"$.A\"",
    ));
    let items = sorted(a.complete(o));
    assert_eq!(
        labels(&items),
        [
            "ssm-contacts",
            "ssm-guiconnect",
            "ssm-incidents",
            "ssm-quicksetup",
            "ssm-sap"
        ]
    );
    let first = &items[0];
    assert_eq!(first.kind, CompletionKind::AwsService);
    assert_eq!(
        first.detail.as_deref(),
        Some("API version 2021-05-03, 39 operations")
    );
    assert_eq!(replaced(&a, first), "ssm-");
    // Case does not matter; names starting with the text come first.
    let (a, o) = fixture(&api_step("Service: \"EC$0\"", "A: String = \"$.A\""));
    let items = sorted(a.complete(o));
    assert_eq!(labels(&items).first(), Some(&"ec2"));
    assert!(labels(&items).contains(&"secretsmanager"));
}

#[test]
fn apis_complete_in_any_spelling_with_the_canonical_name() {
    for typed in [
        "DescribeInstanceS",
        "describe_instance_s",
        "describeInstanceS",
    ] {
        let (a, o) = fixture(&api_step(
            &format!("Service: \"ec2\", Api: \"{typed}$0\""),
            "A: String = \"$.A\"",
        ));
        let items = sorted(a.complete(o));
        assert_eq!(
            labels(&items),
            [
                "DescribeInstances",
                "DescribeInstanceSqlHaHistoryStates",
                "DescribeInstanceSqlHaStates",
                "DescribeInstanceStatus",
            ],
            "{typed}"
        );
        assert!(items.iter().all(|i| i.kind == CompletionKind::AwsApi));
        assert!(items.iter().all(|i| replaced(&a, i) == typed));
        // The client filters on the author's own spelling.
        let first = &items[0];
        let want = match typed {
            "describe_instance_s" => "describe_instances",
            "describeInstanceS" => "describeInstances",
            _ => "DescribeInstances",
        };
        assert_eq!(first.filter_text.as_deref(), Some(want));
        assert_eq!(first.detail.as_deref(), Some("describe_instances"));
    }
    // A word inside the name matches too, after the names starting with it.
    let (a, o) = fixture(&api_step(
        "Service: \"sqs\", Api: \"queueurl$0\"",
        "A: String = \"$.A\"",
    ));
    assert_eq!(labels(&sorted(a.complete(o))), ["GetQueueUrl"]);
    // Streaming operations (SSM cannot call them) come last and say so.
    let (a, o) = fixture(&api_step(
        "Service: \"s3\", Api: \"GetObject$0\"",
        "A: String = \"$.A\"",
    ));
    let items = sorted(a.complete(o));
    let streaming: Vec<&str> = items
        .iter()
        .skip_while(|i| !i.detail.as_deref().unwrap_or("").contains("streams"))
        .map(|i| i.label.as_str())
        .collect();
    assert_eq!(
        streaming,
        [
            "GetObject",
            "GetObjectAnnotation",
            "GetObjectTorrent",
            "WriteGetObjectResponse"
        ]
    );
    assert!(items.iter().take(items.len() - streaming.len()).all(|i| !i
        .detail
        .as_deref()
        .unwrap_or("")
        .contains("streams")));
    assert!(labels(&items).contains(&"GetObjectAcl"));
    let get = items.iter().find(|i| i.label == "GetObject").expect("item");
    assert_eq!(
        get.detail.as_deref(),
        Some("get_object · streams: SSM cannot call it")
    );
}

#[test]
fn apis_of_an_unknown_or_missing_service_complete_nothing() {
    for inputs in [
        "Service: \"nope\", Api: \"Desc$0\"",
        "Api: \"Desc$0\"",
        "Service: \"{{ Svc }}\", Api: \"Desc$0\"",
    ] {
        let (a, o) = fixture(&api_step(inputs, "A: String = \"$.A\""));
        assert_eq!(a.complete(o), [], "{inputs}");
    }
}

#[test]
fn parameters_complete_required_first_as_snippets_without_present_ones() {
    let (a, o) = fixture(&api_step(
        "Service: \"ec2\", Api: \"StopInstances\", Force: true,\n    $0",
        "A: String = \"$.A\"",
    ));
    let items: Vec<String> = sorted(a.complete(o))
        .iter()
        .map(|i| {
            format!(
                "{} | {} | {}",
                i.label,
                i.detail.as_deref().unwrap_or(""),
                i.insert_text.as_deref().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        items,
        [
            "InstanceIds | list<string> (required) | InstanceIds: [\"$1\"]",
            "DryRun | boolean (optional) | DryRun: ${1|true,false|}",
            "Hibernate | boolean (optional) | Hibernate: ${1|true,false|}",
            "SkipOsShutdown | boolean (optional) | SkipOsShutdown: ${1|true,false|}",
        ]
    );
    // Enums become choices, numbers their minimum, structures and maps braces.
    let (a, o) = fixture(&api_step(
        "Service: \"ssm\", Api: \"PutParameter\", $0",
        "A: String = \"$.A\"",
    ));
    let items = sorted(a.complete(o));
    let insert = |label: &str| {
        items
            .iter()
            .find(|i| i.label == label)
            .and_then(|i| i.insert_text.clone())
            .unwrap_or_default()
    };
    assert_eq!(labels(&items).get(..2), Some(&["Name", "Value"][..]));
    assert_eq!(
        insert("Type"),
        "Type: \"${1|String,StringList,SecureString|}\""
    );
    assert_eq!(insert("Tags"), "Tags: [{ $1 }]");
    assert_eq!(insert("Overwrite"), "Overwrite: ${1|true,false|}");
    assert!(items
        .iter()
        .all(|i| i.snippet && i.kind == CompletionKind::Input));
    let doc = items[0].documentation.as_deref().unwrap_or("");
    assert!(
        doc.starts_with("```\nName: string (required)\n```"),
        "{doc}"
    );
    // Numbers start at their minimum.
    let (a, o) = fixture(&api_step(
        "Service: \"ec2\", Api: \"DescribeInstances\", $0",
        "A: String = \"$.A\"",
    ));
    let items = a.complete(o);
    let max = items
        .iter()
        .find(|i| i.label == "MaxResults")
        .and_then(|i| i.insert_text.as_deref());
    assert_eq!(max, Some("MaxResults: ${1:0}"));
}

#[test]
fn parameters_of_wait_and_assert_steps_complete_too() {
    let (a, o) = fixture(&wait_step(
        "Service: \"cloudwatch\", Api: \"DescribeAlarms\",\n    $0",
    ));
    let items = sorted(a.complete(o));
    // The action's own required input first, then the API's (all optional here).
    assert_eq!(
        labels(&items).get(..3),
        Some(&["PropertySelector", "ActionPrefix", "AlarmNamePrefix"][..])
    );
    assert!(
        !labels(&items).contains(&"DesiredValues"),
        "already written"
    );
}

#[test]
fn nested_members_complete_inside_a_parameter_value() {
    for inputs in [
        "Service: \"ec2\", Api: \"DescribeInstances\", Filters: [{ Name: \"a\", $0 }]",
        "Service: \"ec2\", Api: \"DescribeInstances\",\n    Filters: [\n      { Name: \"a\", Values: [] },\n      {\n        $0\n      }]",
    ] {
        let (a, o) = fixture(&api_step(inputs, "A: String = \"$.A\""));
        let items = sorted(a.complete(o));
        let shown: Vec<String> = items
            .iter()
            .map(|i| format!("{} | {}", i.label, i.insert_text.as_deref().unwrap_or("")))
            .collect();
        let want: &[&str] = if inputs.contains('\n') {
            &["Name | Name: \"$1\"", "Values | Values: [\"$1\"]"]
        } else {
            &["Values | Values: [\"$1\"]"]
        };
        assert_eq!(shown, want, "{inputs}");
    }
    // A structure parameter's own members, required first.
    let (a, o) = fixture(&api_step(
        "Service: \"ssm\", Api: \"SendCommand\", DocumentName: \"d\", CloudWatchOutputConfig: { $0 }",
        "A: String = \"$.A\"",
    ));
    assert_eq!(
        labels(&sorted(a.complete(o))),
        ["CloudWatchLogGroupName", "CloudWatchOutputEnabled"]
    );
    // Under an unknown parameter or a map: nothing (not the top-level parameters).
    for inputs in [
        "Service: \"ec2\", Api: \"DescribeInstances\", Nope: { $0 }",
        "Service: \"ssm\", Api: \"SendCommand\", Parameters: { $0 }",
    ] {
        let (a, o) = fixture(&api_step(inputs, "A: String = \"$.A\""));
        assert_eq!(a.complete(o), [], "{inputs}");
    }
}

#[test]
fn hover_on_a_nested_member() {
    let (a, o) = fixture(&api_step(
        "Service: \"ec2\", Api: \"DescribeInstances\", Filters: [{ Na$0me: \"a\" }]",
        "A: String = \"$.A\"",
    ));
    let h = a.hover(o).expect("hover");
    assert_eq!(
        h.markdown,
        "```\nName: string (optional)\n```\n\nString member of `Filter` in `ec2.DescribeInstances`."
    );
}

#[test]
fn selector_members_after_a_dot_with_indexes_on_lists() {
    let (a, o) = fixture(&api_step(
        "Service: \"ec2\", Api: \"DescribeInstances\"",
        "S: String = \"$.Reservations.$0\"",
    ));
    let items = sorted(a.complete(o));
    let shown: Vec<String> = items
        .iter()
        .map(|i| {
            format!(
                "{} | {} | {}",
                i.label,
                i.detail.as_deref().unwrap_or(""),
                replaced(&a, i)
            )
        })
        .collect();
    // On a list only `[0]` and `[*]`, replacing the `.`: a member read on
    // the list itself (`$.Reservations.Instances`) never matches.
    assert_eq!(
        shown,
        [
            "[0] | the first Reservation | .",
            "[*] | every Reservation (a list) | .",
        ]
    );
    assert!(items.iter().all(|i| i.kind == CompletionKind::AwsField));
    // A fan-out ending on a list likewise; a partial name after the `.` is replaced too.
    let (a, o) = fixture(&api_step(
        "Service: \"ec2\", Api: \"DescribeInstances\"",
        "S: StringList = \"$.Reservations[*].Instances.Ins$0\"",
    ));
    let items = sorted(a.complete(o));
    assert_eq!(labels(&items), ["[0]", "[*]"]);
    assert_eq!(replaced(&a, &items[0]), ".Ins");
    // After an index, the element's members.
    let (a, o) = fixture(&api_step(
        "Service: \"ec2\", Api: \"DescribeInstances\"",
        "S: String = \"$.Reservations[0].$0\"",
    ));
    assert_eq!(
        labels(&sorted(a.complete(o))),
        [
            "Groups",
            "Instances",
            "OwnerId",
            "RequesterId",
            "ReservationId"
        ]
    );
    // A partial name is replaced; a structure offers no index.
    let (a, o) = fixture(&api_step(
        "Service: \"ec2\", Api: \"DescribeInstances\"",
        "S: String = \"$.Reservations[0].Instances[0].State.Na$0me\"",
    ));
    let items = sorted(a.complete(o));
    assert_eq!(labels(&items), ["Code", "Name"]);
    assert_eq!(replaced(&a, &items[1]), "Na");
}

#[test]
fn selectors_of_a_step_inside_a_loop_body_complete() {
    let (a, o) = fixture(
        "automation X {\n  param Ids: StringList\n  step L = aws:loop { Iterators: Ids, MaxIterations: 5 } do {\n    step Poll = aws:executeAwsApi { Service: \"ec2\", Api: \"DescribeInstances\" }\n      timeout 1m\n      outputs { S: String = \"$.Reservations[0].Instances[0].State.$0\" }\n  }\n}\n",
    );
    assert_eq!(labels(&sorted(a.complete(o))), ["Code", "Name"]);
}

#[test]
fn selector_at_the_start_offers_the_response_written_in_full() {
    for sel in ["$0", "$$0"] {
        let (a, o) = fixture(&api_step(
            "Service: \"ec2\", Api: \"DescribeInstances\"",
            &format!("S: String = \"{sel}\""),
        ));
        let items = sorted(a.complete(o));
        let shown: Vec<String> = items
            .iter()
            .map(|i| {
                format!(
                    "{} | {} | {}",
                    i.label,
                    i.insert_text.as_deref().unwrap_or(""),
                    replaced(&a, i)
                )
            })
            .collect();
        let dollar = if sel == "$$0" { "$" } else { "" };
        assert_eq!(
            shown,
            [
                format!("NextToken | $.NextToken | {dollar}"),
                format!("Reservations | $.Reservations | {dollar}"),
                format!("ResponseMetadata | $.ResponseMetadata | {dollar}"),
            ],
            "{sel}"
        );
    }
    let (a, o) = fixture(&api_step(
        "Service: \"ec2\", Api: \"DescribeInstances\"",
        "S: String = \"$.ResponseMetadata.$0\"",
    ));
    let items = sorted(a.complete(o));
    let shown: Vec<String> = items
        .iter()
        .map(|i| format!("{}: {}", i.label, i.detail.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        shown,
        [
            "HTTPHeaders: map<string, string>",
            "HTTPStatusCode: integer",
            "RequestId: string",
            "RetryAttempts: integer"
        ]
    );
}

#[test]
fn property_selectors_complete_indexes_after_a_bracket() {
    let (a, o) = fixture(&wait_step(
        "Service: \"ec2\", Api: \"DescribeInstances\", PropertySelector: \"$.Reservations[$0\",",
    ));
    let items = sorted(a.complete(o));
    assert_eq!(labels(&items), ["[0]", "[*]"]);
    assert!(items.iter().all(|i| replaced(&a, i) == "["));
    // After `[` on something that is no list, and after `..`: nothing.
    for sel in [
        "$.NextToken[$0",
        "$..$0",
        "$.Nope.$0",
        "$.Reservations[0]$0",
    ] {
        let (a, o) = fixture(&wait_step(&format!(
            "Service: \"ec2\", Api: \"DescribeInstances\", PropertySelector: \"{sel}\","
        )));
        assert_eq!(a.complete(o), [], "{sel}");
    }
}

#[test]
fn desired_values_complete_from_the_selected_property_enum() {
    let (a, o) = fixture(
        "automation X {\n  step W = aws:assertAwsResourceProperty {\n    Service: \"ec2\", Api: \"DescribeInstances\",\n    PropertySelector: \"$.Reservations[0].Instances[0].State.Name\",\n    DesiredValues: [\"running\", \"st$0\"],\n  }\n}\n",
    );
    let items = sorted(a.complete(o));
    assert_eq!(
        labels(&items),
        [
            "pending",
            "running",
            "shutting-down",
            "terminated",
            "stopping",
            "stopped"
        ]
    );
    assert!(items.iter().all(|i| i.kind == CompletionKind::AwsValue));
    assert_eq!(replaced(&a, &items[0]), "st");
    assert_eq!(items[0].detail.as_deref(), Some("InstanceStateName"));
    // A property without an enum, or an executeAwsApi step: nothing.
    for (action, sel) in [
        (
            "aws:waitForAwsResourceProperty",
            "$.Reservations[0].Instances[0].InstanceId",
        ),
        (
            "aws:executeAwsApi",
            "$.Reservations[0].Instances[0].State.Name",
        ),
    ] {
        let (a, o) = fixture(&format!(
            "automation X {{\n  step W = {action} {{ Service: \"ec2\", Api: \"DescribeInstances\", PropertySelector: \"{sel}\", DesiredValues: [\"$0\"] }}\n}}\n"
        ));
        assert_eq!(a.complete(o), [], "{action}");
    }
}

#[test]
fn hover_on_a_service_shows_its_client_version_and_operation_count() {
    let (a, o) = fixture(&api_step(
        "Service: \"E$0C2\", Api: \"StopInstances\"",
        "A: String = \"$.A\"",
    ));
    let h = a.hover(o).expect("hover");
    assert_eq!(
        h.markdown,
        "```\nservice ec2\n```\n\nboto3 client `ec2`, API version `2016-11-15`, 830 operations (botocore 1.44.5)."
    );
    assert_eq!(
        a.text.get(h.span.start as usize..h.span.end as usize),
        Some("EC2")
    );
}

#[test]
fn hover_on_an_api_lists_parameters_required_first_and_the_response() {
    let (a, o) = fixture(&api_step(
        "Service: \"ec2\", Api: \"stop_$0instances\"",
        "A: String = \"$.A\"",
    ));
    let h = a.hover(o).expect("hover");
    assert_eq!(
        h.markdown,
        "```\nec2.StopInstances\n```\n\nboto3 method `stop_instances`.\n\n**Parameters**\n\n- `InstanceIds`: list<string> (required)\n- `DryRun`: boolean\n- `Force`: boolean\n- `Hibernate`: boolean\n- `SkipOsShutdown`: boolean\n\n**Response**\n\n- `StoppingInstances`: list<InstanceStateChange>\n- `ResponseMetadata`"
    );
}

#[test]
fn hover_on_a_parameter_shows_type_required_enum_and_limits() {
    let (a, o) = fixture(&api_step(
        "Service: \"ssm\", Api: \"PutParameter\", Name: \"n\", Value: \"v\", Ty$0pe: \"String\"",
        "A: String = \"$.A\"",
    ));
    let h = a.hover(o).expect("hover");
    assert_eq!(
        h.markdown,
        "```\nType: ParameterType (optional)\n```\n\nString enum parameter of `ssm.PutParameter`.\n\nValues: `String`, `StringList`, `SecureString`."
    );
    assert_eq!(
        a.text.get(h.span.start as usize..h.span.end as usize),
        Some("Type")
    );
    let (a, o) = fixture(&api_step(
        "Service: \"ssm\", Api: \"PutParameter\", Na$0me: \"n\", Value: \"v\"",
        "A: String = \"$.A\"",
    ));
    let h = a.hover(o).expect("hover");
    assert_eq!(
        h.markdown,
        "```\nName: string (required)\n```\n\nString parameter of `ssm.PutParameter`.\n\nLimits: length 1..2048."
    );
    // A list of structures shows its element's members.
    let (a, o) = fixture(&api_step(
        "Service: \"ec2\", Api: \"DescribeInstances\", Filt$0ers: []",
        "A: String = \"$.A\"",
    ));
    let h = a.hover(o).expect("hover");
    assert_eq!(
        h.markdown,
        "```\nFilters: list<Filter> (optional)\n```\n\nList parameter of `ec2.DescribeInstances`.\n\n**Members** (each element)\n\n- `Name`: string\n- `Values`: list<string>"
    );
    // The action's own inputs keep their stdlib hover.
    let (a, o) = fixture(&api_step(
        "Serv$0ice: \"ec2\", Api: \"StopInstances\"",
        "A: String = \"$.A\"",
    ));
    let h = a.hover(o).expect("hover");
    assert!(
        h.markdown
            .starts_with("```\ninput Service: String (required)"),
        "{}",
        h.markdown
    );
}

#[test]
fn hover_on_a_selector_segment_shows_the_type_there() {
    let (a, o) = fixture(&api_step(
        "Service: \"ec2\", Api: \"DescribeInstances\"",
        "S: String = \"$.Reservations[0].Instances[*].State.Na$0me\"",
    ));
    let h = a.hover(o).expect("hover");
    assert_eq!(
        h.markdown,
        "```\n$.Reservations[0].Instances[*].State.Name: InstanceStateName\n```\n\nString enum. The selector yields a list of these (it goes through `[*]`, a slice, a filter or `..`).\n\nValues: `pending`, `running`, `shutting-down`, `terminated`, `stopping`, `stopped`."
    );
    assert_eq!(
        a.text.get(h.span.start as usize..h.span.end as usize),
        Some("Name")
    );
    let (a, o) = fixture(&wait_step(
        "Service: \"ec2\", Api: \"DescribeInstances\", PropertySelector: \"$.Reservations[0].Instances[0].St$0ate\",",
    ));
    let h = a.hover(o).expect("hover");
    assert_eq!(
        h.markdown,
        "```\n$.Reservations[0].Instances[0].State: InstanceState\n```\n\nStructure.\n\nMembers: `Code`, `Name`."
    );
    let (a, o) = fixture(&api_step(
        "Service: \"ec2\", Api: \"DescribeInstances\"",
        "S: String = \"$.ResponseMetadata.HTTPSta$0tusCode\"",
    ));
    let h = a.hover(o).expect("hover");
    assert_eq!(
        h.markdown,
        "```\n$.ResponseMetadata.HTTPStatusCode: integer\n```\n\nInteger."
    );
    // A list names its elements' members and how to reach them.
    let (a, o) = fixture(&api_step(
        "Service: \"ec2\", Api: \"DescribeInstances\"",
        "S: String = \"$.Reserv$0ations.Instances\"",
    ));
    let h = a.hover(o).expect("hover");
    assert_eq!(
        h.markdown,
        "```\n$.Reservations: list<Reservation>\n```\n\nList.\n\nMembers of each element (after `[0]` or `[*]`): `Groups`, `Instances`, `OwnerId`, `RequesterId`, `ReservationId`."
    );
    // An impossible segment hovers nothing (its diagnostic says why), also a
    // member read on a list.
    for sel in ["$.Reservations[0].No$0pe", "$.Reservations.Inst$0ances"] {
        let (a, o) = fixture(&api_step(
            "Service: \"ec2\", Api: \"DescribeInstances\"",
            &format!("S: String = \"{sel}\""),
        ));
        assert_eq!(a.hover(o), None, "{sel}");
    }
}

#[test]
fn an_opening_quote_elsewhere_completes_nothing() {
    let (a, o) = fixture("automation X {\n  step A = aws:sleep { Duration: \"$0\" }\n}\n");
    assert_eq!(a.complete(o), []);
}

/// Every offset of every text: completion and hover answer without panicking.
#[test]
fn no_offset_of_an_aws_step_panics() {
    let texts = [
        api_step(
            "Service: \"ec2\", Api: \"DescribeInstances\", Filters: [{ Name: \"x\", Values: [\"y\"] }]",
            "A: String = \"$.Reservations[0].Instances[?(@.State.Name == 'x')].InstanceId\", B: StringList = \"$..InstanceId\", C: String = \"\"",
        ),
        api_step("Service: \"\", Api: \"\"", "A: String = \"$.\""),
        api_step("Service: \"nope\", Api: \"X\"", "A: String = \"$.[\""),
        api_step("Service: \"ec2\", Api: \"Nope\"", "A: String = \"$['a','b'][1:2].*\""),
        api_step("Service: \"ec2\", Api: \"DescribeInstances\", \"Odd\": 1", "A: String = \"$.Reservations[0].Instances[0].State.Name.Nope\""),
        "automation X {\n  step A = aws:executeAwsApi { Service: \"ec2\", Api: \"DescribeInstances\"\n    outputs { S: String = \"$.Reservations[".to_string(),
        "automation X {\n  step A = aws:waitForAwsResourceProperty { Service: \"é😀\", Api: \"😀\", PropertySelector: \"$.😀.\\\"é\"".to_string(),
        "Service: \"ec2\"\"Api\": \"\" = \"$.\" outputs { = \"\" }".to_string(),
    ];
    for text in texts {
        let a = Analysis::new("test.rbk", &text, &NoFiles);
        for o in 0..=u32::try_from(text.len()).expect("small") + 2 {
            let _ = a.complete(o);
            let _ = a.hover(o);
        }
    }
}
