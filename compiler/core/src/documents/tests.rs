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
