use super::*;

fn sig(name: &str, doc_type: &str) -> Signature {
    Signature {
        name: name.into(),
        doc_type: doc_type.into(),
        description: String::new(),
        params: Vec::new(),
        outputs: Vec::new(),
        params_known: true,
        origin: Origin::Aws,
    }
}

#[test]
fn the_embedded_catalog_knows_aws_documents_with_their_parameters() {
    let run = catalog::aws()
        .get("AWS-RunShellScript")
        .expect("in the catalog");
    assert_eq!(run.doc_type, "Command");
    let commands = run.param("commands").expect("commands");
    assert_eq!(commands.ty, "StringList");
    assert!(commands.required());
    assert!(!run.param("executionTimeout").expect("timeout").required());
    let patch = catalog::aws().get("AWS-RunPatchBaseline").expect("patch");
    let op = patch.param("Operation").expect("Operation");
    assert_eq!(
        op.allowed_values.as_deref(),
        Some(&["Scan".to_string(), "Install".to_string()][..])
    );
    // A names-only document: its type, no parameters.
    let policy = catalog::aws()
        .get("AWS-GatherSoftwareInventory")
        .expect("policy");
    assert_eq!(policy.doc_type, "Policy");
    assert!(!policy.params_known);
}

#[test]
fn names_resolve_without_guessing() {
    let docs = Documents::new([sig("RestartService", "Automation")]);
    let known = |w: &str| match docs.resolve(w) {
        Callee::Known(s) => s.name.clone(),
        other => panic!("{w}: {other:?}"),
    };
    assert_eq!(known("RestartService"), "RestartService");
    assert_eq!(known("RestartService:3"), "RestartService");
    assert_eq!(known("AWS-RunShellScript:$DEFAULT"), "AWS-RunShellScript");
    assert_eq!(
        known("arn:aws:ssm:us-east-1::document/AWS-RunShellScript"),
        "AWS-RunShellScript"
    );
    assert!(matches!(
        docs.resolve("arn:aws:ssm:us-east-1:123456789012:document/Shared"),
        Callee::Skipped(_)
    ));
    assert!(matches!(docs.resolve("{{ Doc }}"), Callee::Skipped(_)));
    assert!(matches!(
        docs.resolve("Team-{{ Env }}-Restart"),
        Callee::Skipped(_)
    ));
    assert_eq!(
        docs.resolve("Restart:latest"),
        Callee::Unknown {
            name: "Restart:latest"
        }
    );
}

#[test]
fn a_project_document_shadows_an_aws_one_and_the_first_of_a_name_wins() {
    let docs = Documents::new([
        sig("AWS-RunShellScript", "Automation"),
        sig("AWS-RunShellScript", "Command"),
    ]);
    match docs.resolve("AWS-RunShellScript") {
        Callee::Known(s) => assert_eq!(s.doc_type, "Automation"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_get_document_response_becomes_a_signature_and_replaces_the_facts_entry() {
    let facts = r#"{"source": "test", "documents": {"Team-Restart": {"documentType": "Command", "parameters": {"Old": {"type": "String"}}}}, "otherDocuments": {"Team-Session": "Session"}}"#;
    let content = r#"{"schemaVersion": "2.2", "description": "Restarts", "parameters": {"Service": {"type": "String", "allowedValues": ["nginx", "sshd"]}, "Wait": {"type": "Integer", "default": null}}, "mainSteps": [{"action": "aws:runShellScript", "name": "Run", "inputs": {"runCommand": ["systemctl restart {{ Service }}"]}}]}"#;
    let got = serde_json::json!({
        "Name": "Team-Restart", "DocumentType": "Command", "DocumentFormat": "JSON", "Content": content
    })
    .to_string();
    let bytes = catalog::generate(facts, &[("restart.json".into(), got)]).expect("generates");
    let cat = catalog::AwsDocuments::from_bytes(&bytes);
    assert_eq!(cat.source, "test");
    let restart = cat.get("Team-Restart").expect("replaced, not dropped");
    assert_eq!(restart.description, "Restarts");
    let names: Vec<&str> = restart.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Service", "Wait"]);
    assert!(restart.params[0].required());
    assert!(
        !restart.params[1].required(),
        "`default: null` is a default"
    );
    assert_eq!(
        cat.get("Team-Session").map(|s| s.doc_type.as_str()),
        Some("Session")
    );
    // Deterministic: the same input gives the same bytes.
    assert_eq!(catalog::generate(facts, &[]), catalog::generate(facts, &[]));
}

#[test]
fn a_malformed_catalog_is_empty() {
    assert!(catalog::AwsDocuments::from_bytes(b"SSMCDOC1garbage")
        .documents
        .is_empty());
    assert!(catalog::AwsDocuments::from_bytes(b"").documents.is_empty());
    assert!(catalog::from_get_document("{}").is_err());
}

/// A project document of `name` declared in file `file` at `at`, with `params`
/// (each a required String).
fn project_sig(name: &str, file: u32, at: usize, params: &[&str]) -> Signature {
    let span = crate::span::Span::new(crate::span::FileId(file), at, at + 10);
    Signature {
        params: params
            .iter()
            .map(|p| ParamSig {
                name: (*p).into(),
                ty: "String".into(),
                default: None,
                allowed_values: None,
                allowed_pattern: None,
                description: String::new(),
                limits: Limits::default(),
                span: Some(span),
            })
            .collect(),
        origin: Origin::Project(span),
        ..sig(name, "Command")
    }
}

fn claimant_params(docs: &Documents, name: &str) -> Vec<Vec<String>> {
    docs.claimants(name)
        .iter()
        .map(|s| s.params.iter().map(|p| p.name.clone()).collect())
        .collect()
}

#[test]
fn two_project_documents_of_one_name_with_different_signatures_both_claim_it() {
    let linux = project_sig("cpu-stress", 1, 0, &["DurationSeconds", "CPU"]);
    let windows = project_sig("cpu-stress", 2, 0, &["duration"]);
    let docs = Documents::new([linux, windows]);
    assert_eq!(
        claimant_params(&docs, "cpu-stress"),
        [vec!["DurationSeconds", "CPU"], vec!["duration"]]
    );
    // Calls still use the first, in project order.
    assert_eq!(docs.get("cpu-stress").map(|s| s.params.len()), Some(2));
    assert_eq!(docs.project().count(), 1);
    // Put in front of others, the order and the claimants hold.
    let front = project_sig("cpu-stress", 3, 0, &["Seconds"]);
    let behind = docs.behind([front]);
    assert_eq!(
        claimant_params(&behind, "cpu-stress"),
        [
            vec!["Seconds"],
            vec!["DurationSeconds", "CPU"],
            vec!["duration"]
        ]
    );
}

#[test]
fn the_same_document_seen_twice_or_from_outside_the_project_claims_nothing_more() {
    // An editor's buffer and its copy on disk: two places, one signature.
    let buffer = project_sig("Restart", 1, 0, &["Service"]);
    let on_disk = project_sig("Restart", 7, 40, &["Service"]);
    // `[documents] paths` lends signatures outside the project (origin AWS-like).
    let outside = Signature {
        origin: Origin::Aws,
        ..project_sig("Restart", 9, 0, &["Other"])
    };
    let docs = Documents::new([buffer, on_disk, outside]);
    assert_eq!(claimant_params(&docs, "Restart"), [vec!["Service"]]);
}

#[test]
fn the_namespace_is_the_prefixes_configured_and_survives_putting_documents_in_front() {
    let docs = Documents::new([]).with_namespace(["Acme-".to_string(), String::new()]);
    assert_eq!(docs.namespace(), ["Acme-"]);
    assert_eq!(docs.owned_prefix("Acme-Restart"), Some("Acme-"));
    assert_eq!(docs.owned_prefix("AWS-RunShellScript"), None);
    assert_eq!(
        docs.owned_prefix("acme-restart"),
        None,
        "SSM names are case-sensitive"
    );
    let behind = docs.behind([project_sig("Acme-Restart", 1, 0, &[])]);
    assert_eq!(behind.namespace(), ["Acme-"]);
    assert!(Documents::new([]).owned_prefix("Acme-X").is_none());
}
