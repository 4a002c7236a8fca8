//! Unit tests of the linter: the registry holds itself to its rules, every
//! rule's documented Example fires and its Use-instead does not, and the
//! secret detectors catch real shapes and stay quiet on references and prose.

use std::collections::HashSet;

use super::secrets::{is_secret_name, scan};
use super::source::lint_rbk;
use super::{LintConfig, RULES};
use crate::catalog::{self, Catalog};
use crate::codes::docs::{code_block, section, HEADINGS};
use crate::diagnostic::Diagnostic;
use crate::lower::NoFiles;
use crate::span::SourceMap;

fn stdlib() -> (SourceMap, Catalog) {
    let mut sources = SourceMap::new();
    let (catalog, diags) = catalog::load_stdlib(&mut sources);
    assert!(diags.is_empty(), "stdlib: {diags:?}");
    (sources, catalog)
}

/// Every rule on, preview rules included: the tests of what rules find.
fn with_preview() -> LintConfig {
    LintConfig {
        preview: true,
        ..LintConfig::default()
    }
}

fn lint_text(text: &str) -> Vec<Diagnostic> {
    let (mut sources, catalog) = stdlib();
    let file = sources.add("example.rbk", text);
    let src = sources.get(file).map(|f| f.text.clone()).expect("added");
    lint_rbk(file, &src, &catalog, &with_preview(), &NoFiles)
}

/// Lints a JSON/YAML document's text.
fn lint_raw_text(text: &str, lang: &str) -> Vec<Diagnostic> {
    let (mut sources, catalog) = stdlib();
    let file = sources.add(format!("example.{lang}"), text);
    let src = sources.get(file).map(|f| f.text.clone()).expect("added");
    let fmt = crate::codegen::Format::from_path_ext(&format!("example.{lang}")).expect("a format");
    match super::source::lint_raw(file, "example", &src, fmt, &catalog, &with_preview()) {
        super::source::FileOutcome::Findings(d) => d,
        super::source::FileOutcome::NotSsm(why) => panic!("not an SSM document: {why}"),
    }
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for r in RULES {
        assert!(codes.insert(r.code), "duplicate code {}", r.code);
        assert!(names.insert(r.name()), "duplicate name {}", r.name());
        assert!(
            r.code.as_str().len() == 6 && r.code.as_str().starts_with("SSM"),
            "{}",
            r.code
        );
        assert!(
            matches!(r.code.as_str().as_bytes().get(3), Some(b'1'..=b'5')),
            "{}: range 1xx-5xx",
            r.code
        );
        assert!(
            r.name().chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            r.name()
        );
    }
}

#[test]
fn every_rule_documents_the_four_headings() {
    for r in RULES {
        for h in HEADINGS {
            assert!(
                !section(r.meta().docs, h).is_empty(),
                "{} lacks `## {h}`",
                r.code
            );
        }
        for h in ["Example", "Use instead"] {
            assert!(
                code_block(&section(r.meta().docs, h)).is_some(),
                "{} `## {h}` has no code block",
                r.code
            );
        }
        assert!(!r.summary().is_empty());
    }
}

/// The docs are tests: the Example fires the rule, the Use-instead does not.
#[test]
fn examples_fire_and_fixes_do_not() {
    for r in RULES {
        let fires = |h: &str| {
            let (lang, code) = code_block(&section(r.meta().docs, h)).expect("a code block");
            let diags = match lang.as_str() {
                "rbk" => lint_text(&code),
                "yaml" | "json" => lint_raw_text(&code, &lang),
                other => panic!("{} {h}: a code block in `{other}`", r.code),
            };
            assert!(
                diags.iter().all(|d| d.code.as_str().starts_with("SSM")),
                "{} {h}: the example must compile: {diags:#?}",
                r.code
            );
            diags.iter().any(|d| d.code == r.code)
        };
        if r.meta().external && r.name() == "shellcheck" {
            continue; // run by the CLI; tested there when shellcheck is installed
        }
        assert!(
            fires("Example"),
            "{} {}: the Example does not fire",
            r.code,
            r.name()
        );
        assert!(
            !fires("Use instead"),
            "{} {}: the Use-instead block fires",
            r.code,
            r.name()
        );
    }
}

fn secrets(text: &str) -> Vec<&str> {
    scan(text)
        .into_iter()
        .filter_map(|h| text.get(h.range))
        .collect()
}

#[test]
fn secret_shapes_are_found() {
    assert_eq!(secrets("mysql -u root -pS3cretPw db"), ["S3cretPw"]);
    assert_eq!(secrets("sshpass -p hunter22 ssh host"), ["hunter22"]);
    assert_eq!(secrets("psql --password=Tr0ub4dor host"), ["Tr0ub4dor"]);
    assert_eq!(secrets("export DB_PASSWORD=Tr0ub4dor3"), ["Tr0ub4dor3"]);
    assert_eq!(secrets(r#"$password = "Tr0ub4dor3""#), ["Tr0ub4dor3"]);
    assert_eq!(
        secrets("postgres://app:Sup3rSecret@db.internal:5432/shop"),
        ["Sup3rSecret"]
    );
    assert_eq!(
        secrets("curl https://api.example.com/x?access_token=abcdef123456"),
        ["abcdef123456"]
    );
    assert_eq!(
        secrets("-----BEGIN RSA PRIVATE KEY-----\nMIIE"),
        ["-----BEGIN RSA PRIVATE KEY-----"]
    );
    assert_eq!(
        secrets("AWS_ACCESS_KEY_ID=AKIAQWERTYUIOPASDFGH AWS_SECRET_ACCESS_KEY=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"),
        ["AKIAQWERTYUIOPASDFGH", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzzzz1234"]
    );
    assert_eq!(
        secrets(r#"ConvertTo-SecureString "P@ssw0rd1" -AsPlainText -Force"#),
        ["P@ssw0rd1"]
    );
}

#[test]
fn references_variables_and_prose_are_quiet() {
    for quiet in [
        "mysql -u root -p{{ssm-secure:/db/pw}} db",
        "psql --password={{resolve:secretsmanager:prod/db:SecretString:password}}",
        "export DB_PASSWORD={{ DbPassword }}",
        "export DB_PASSWORD=$(aws ssm get-parameter --name /db/pw --with-decryption)",
        "PASSWORD=$DB_PASSWORD",
        "The password of the admin user, stored as a SecureString parameter.",
        "Password: the database password",
        "password = get_password()",
        "docker login --username AWS --password-stdin 123.dkr.ecr.amazonaws.com",
        "mkdir -p /opt/app",
        "postgres://app:{{ssm-secure:/db/pw}}@db/shop",
        "AKIAIOSFODNN7EXAMPLE",
        "aws secretsmanager get-secret-value --secret-id prod/db",
    ] {
        assert_eq!(secrets(quiet), Vec::<&str>::new(), "{quiet}");
    }
}

#[test]
fn secret_names_exclude_pointers_to_secrets() {
    for yes in [
        "DbPassword",
        "ApiToken",
        "ClientSecret",
        "apiKey",
        "AdminPassword",
        "SecretKey",
    ] {
        assert!(is_secret_name(yes), "{yes}");
    }
    for no in [
        "PasswordParameterName",
        "SecretArn",
        "TokenExpiry",
        "SecretId",
        "InstanceId",
        "RotatePassword",
    ] {
        assert!(!is_secret_name(no), "{no}");
    }
}

#[test]
fn suppression_needs_a_reason_and_must_silence_something() {
    let text = "command Show {\n  // ssmc: allow(flat-parameter-name)\n  step Run = aws:runShellScript { runCommand: [\"echo {{ssm:DbHost}}\"] }\n}\n";
    let codes: Vec<&str> = lint_text(text).iter().map(|d| d.code.as_str()).collect();
    assert!(
        codes.contains(&"SSM210") && !codes.contains(&"SSM203"),
        "{codes:?}"
    );
    let text = text.replace(
        "flat-parameter-name)",
        "flat-parameter-name) shared legacy name",
    );
    let codes: Vec<&str> = lint_text(&text).iter().map(|d| d.code.as_str()).collect();
    assert!(
        !codes.contains(&"SSM210") && !codes.contains(&"SSM203"),
        "{codes:?}"
    );
    let text = text.replace("DbHost", "/app/prod/db-host");
    let codes: Vec<&str> = lint_text(&text).iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"SSM211"), "{codes:?}");
}

#[test]
fn preview_rules_run_only_with_preview() {
    let (mut sources, catalog) = stdlib();
    let text = "schemaVersion: '0.3'\ndescription: Notifies.\nassumeRole: '{{ AutomationAssumeRole }}'\nparameters:\n  AutomationAssumeRole:\n    type: String\n    description: The role.\nmainSteps:\n  - name: Tag\n    action: aws:executeAwsApi\n    inputs:\n      Service: sns\n      Api: Publish\n      TopicArn: arn:aws:sns:us-east-1:123456789012:alerts\n      Message: done\n    isEnd: true\n";
    let file = sources.add("x.yaml", text);
    let fmt = crate::codegen::Format::Yaml;
    let codes = |config: &LintConfig| -> Vec<&'static str> {
        match super::source::lint_raw(file, "x", text, fmt, &catalog, config) {
            super::source::FileOutcome::Findings(d) => d.iter().map(|d| d.code.as_str()).collect(),
            super::source::FileOutcome::NotSsm(why) => panic!("{why}"),
        }
    };
    let preview: Vec<&str> = RULES
        .iter()
        .filter(|r| r.meta().preview)
        .map(|r| r.code.as_str())
        .collect();
    assert!(preview.contains(&"SSM402"), "{preview:?}");
    let by_default = codes(&LintConfig::default());
    assert!(
        !by_default.iter().any(|c| preview.contains(c)),
        "{by_default:?}"
    );
    // Not even when the project sets its level: preview is the switch.
    let levelled = LintConfig {
        levels: vec![(
            "hardcoded-arn-environment".into(),
            Some(crate::Severity::Error),
        )],
        preview: false,
    };
    assert!(!codes(&levelled).contains(&"SSM402"));
    assert!(
        codes(&with_preview()).contains(&"SSM402"),
        "{:?}",
        codes(&with_preview())
    );
}

#[test]
fn config_turns_rules_off_and_changes_levels() {
    let (mut sources, catalog) = stdlib();
    let text = "command Show {\n  step Run = aws:runShellScript { runCommand: [\"echo {{ssm:DbHost}}\"] }\n}\n";
    let file = sources.add("x.rbk", text);
    let off = LintConfig {
        levels: vec![("flat-parameter-name".into(), None)],
        preview: false,
    };
    assert!(lint_rbk(file, text, &catalog, &off, &NoFiles)
        .iter()
        .all(|d| d.code != "SSM203"));
    let err = LintConfig {
        levels: vec![("SSM203".into(), Some(crate::Severity::Error))],
        preview: false,
    };
    let d = lint_rbk(file, text, &catalog, &err, &NoFiles);
    assert!(
        d.iter().any(|d| d.code == "SSM203" && d.is_error()),
        "{d:?}"
    );
}

/// False positives from real documents (issue 20), fixed at their cause.
#[test]
fn pagination_tokens_file_paths_and_the_working_directory_are_not_secrets() {
    assert!(secrets("$NEXT_TOKEN = 'nextToken'").is_empty());
    assert!(secrets("next_token = \"nextToken\"").is_empty());
    assert!(secrets("PASSWORD_FILE='/etc/passwd'").is_empty());
    assert!(secrets("pwd = \"/mnt\" + cwd").is_empty());
    assert!(secrets("PWD=/opt/app").is_empty());
    // Still found: a real password assigned, whatever else is near.
    assert_eq!(secrets("DB_PASSWORD='Tr0ub4dor3'"), ["Tr0ub4dor3"]);
    assert!(!is_secret_name("SecretIdList"));
    assert!(!is_secret_name("NextPageToken"));
    assert!(is_secret_name("ApiToken"));
    assert!(is_secret_name("AdminPassword"));
}

#[test]
fn a_secret_access_key_is_found_without_an_access_key_id() {
    let key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8b3c9d2/";
    assert_eq!(key.len(), 40);
    let text = format!("aws configure set aws_secret_access_key {key}");
    assert_eq!(secrets(&text), [key]);
    let text = format!("export AWS_SECRET_ACCESS_KEY={key}");
    assert_eq!(secrets(&text), [key]);
}

#[test]
fn a_secret_id_list_with_an_empty_default_is_quiet() {
    let d = lint_raw_text(
        "schemaVersion: \"2.2\"\ndescription: d\nparameters:\n  SecretIdList:\n    type: String\n    description: d\n    default: \"''\"\nmainSteps:\n  - name: a\n    action: aws:runShellScript\n    inputs: {runCommand: [\"echo '{{ SecretIdList }}'\"]}\n",
        "yaml",
    );
    assert!(
        d.iter().all(|d| !d.code.as_str().starts_with("SSM3")),
        "{d:#?}"
    );
}

#[test]
fn consent_parameters_are_not_unused() {
    let d = lint_raw_text(
        "schemaVersion: \"2.2\"\ndescription: d\nparameters:\n  Acknowledge:\n    type: String\n    description: d\n  ThirdPartySoftwareConsent:\n    type: String\n    description: d\n  Confirm:\n    type: String\n    description: d\n    allowedValues: [\"Yes\"]\n  Unused:\n    type: String\n    description: d\nmainSteps:\n  - name: a\n    action: aws:runShellScript\n    inputs: {runCommand: [uptime]}\n",
        "yaml",
    );
    let unused: Vec<&str> = d
        .iter()
        .filter(|d| d.code == "SSM205")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(unused, ["parameter `Unused` is never used"]);
}

fn codes_of(text: &str, code: &str) -> usize {
    lint_raw_text(text, "yaml")
        .iter()
        .filter(|d| d.code == code)
        .count()
}

const ROLE: &str = "schemaVersion: \"0.3\"\ndescription: d\nassumeRole: \"{{ AutomationAssumeRole }}\"\nparameters:\n  AutomationAssumeRole:\n    type: AWS::IAM::Role::Arn\n    description: d\n";

/// An `isEnd` taken before anything was created skips no cleanup; nor does a
/// successful end before a cleanup step only failures reach. An end after a
/// step that created something, before a cleanup on the success path, still fires.
#[test]
fn ends_before_cleanup_fire_only_when_something_is_left_behind() {
    let early = format!("{ROLE}mainSteps:\n  - name: Check\n    action: aws:executeAwsApi\n    inputs: {{Service: ec2, Api: DescribeInstances}}\n  - name: Decide\n    action: aws:branch\n    isEnd: true\n    inputs:\n      Choices: [{{NextStep: Create, Variable: \"{{{{ Check.X }}}}\", StringEquals: \"y\"}}]\n  - name: Create\n    action: aws:executeAwsApi\n    inputs: {{Service: ec2, Api: CreateSnapshot, VolumeId: v}}\n  - name: Cleanup\n    action: aws:executeAwsApi\n    inputs: {{Service: ec2, Api: DeleteSnapshot, SnapshotId: s}}\n");
    assert_eq!(codes_of(&early, "SSM105"), 0, "{early}");
    let failure_only = format!("{ROLE}mainSteps:\n  - name: Create\n    action: aws:executeAwsApi\n    onFailure: step:Cleanup\n    inputs: {{Service: ec2, Api: CreateSnapshot, VolumeId: v}}\n  - name: Share\n    action: aws:executeAwsApi\n    onFailure: step:Cleanup\n    isEnd: true\n    inputs: {{Service: ec2, Api: ModifySnapshotAttribute, SnapshotId: s}}\n  - name: Cleanup\n    action: aws:executeAwsApi\n    inputs: {{Service: ec2, Api: DeleteSnapshot, SnapshotId: s}}\n");
    assert_eq!(codes_of(&failure_only, "SSM105"), 0, "{failure_only}");
    let skipped = format!("{ROLE}mainSteps:\n  - name: Create\n    action: aws:executeAwsApi\n    nextStep: Use\n    inputs: {{Service: ec2, Api: CreateSnapshot, VolumeId: v}}\n  - name: Use\n    action: aws:executeAwsApi\n    isEnd: true\n    inputs: {{Service: ec2, Api: ModifySnapshotAttribute, SnapshotId: s}}\n  - name: Other\n    action: aws:executeAwsApi\n    nextStep: Cleanup\n    inputs: {{Service: ec2, Api: DescribeSnapshots}}\n  - name: Cleanup\n    action: aws:executeAwsApi\n    inputs: {{Service: ec2, Api: DeleteSnapshot, SnapshotId: s}}\n");
    assert_eq!(codes_of(&skipped, "SSM105"), 1, "{skipped}");
}

/// Instances the runbook launched itself in a script are its own to terminate.
#[test]
fn resources_created_by_a_script_are_the_runbooks_own() {
    let own = format!("{ROLE}mainSteps:\n  - name: Launch\n    action: aws:executeScript\n    inputs:\n      Runtime: python3.11\n      Handler: main\n      Script: \"import boto3\\ndef main(e, c):\\n    return boto3.client('ec2').run_instances(MinCount=1, MaxCount=1)\\n\"\n  - name: Terminate\n    action: aws:changeInstanceState\n    inputs: {{InstanceIds: [\"{{{{ Launch.InstanceId }}}}\"], DesiredState: terminated}}\n");
    assert_eq!(codes_of(&own, "SSM102"), 0, "{own}");
    let other = own.replace("run_instances", "describe_instances");
    assert_eq!(codes_of(&other, "SSM102"), 1, "{other}");
}

/// `allowedPattern` is compiled in Java's dialect: group syntax that only the
/// Rust and Python engines accept is reported, Java's own group forms are not.
#[test]
fn allowed_patterns_are_judged_in_javas_dialect() {
    use super::rules::invalid_allowed_pattern::regex_error;
    assert!(regex_error("^(?P<env>dev|prod)$").is_some());
    assert!(regex_error("^(?P<env>a)(?P=env)$").is_some());
    assert!(regex_error("^(?<my_env>dev|prod)$").is_some());
    assert!(regex_error("^(?<1env>dev)$").is_some());
    assert!(regex_error("^(?<env>dev|prod)$").is_none());
    assert!(regex_error("^(?<=a)b(?<!c)$").is_none());
    // Literal text, not a group: escaped, or inside a class.
    assert!(regex_error("^\\(?P<x>$").is_none());
    assert!(regex_error("^[(?P<]+$").is_none());
}

/// Texts with every kind of secret, several at once, and none: the one-pass
/// test of which patterns match skips none that would find something.
#[test]
fn the_one_pass_test_of_the_patterns_changes_no_hit() {
    use crate::lint::secrets::scan_every_pattern;
    let texts = [
        "mysql -u root -pS3cretPw db",
        "sshpass -p hunter22 ssh host && psql --password=Tr0ub4dor host",
        "export DB_PASSWORD=Tr0ub4dor3\nexport API_TOKEN='abc123def'",
        "postgres://app:Sup3rSecret@db.internal:5432/shop?access_token=abcdef123456",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nAKIAQWERTYUIOPASDFGH wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzzzz1234",
        "aws_secret_access_key = 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",
        r#"ConvertTo-SecureString "P@ssw0rd1" -AsPlainText -Force; $token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789""#,
        "xoxb-1234567890-abcdef sk_live_abcdefghijklmnopqrstuvwx glpat-abcdefghij0123456789",
        "curl -H 'x' https://h/p?x-amz-signature=abc123&apikey=zzz999",
        "The password of the admin user, stored as a SecureString parameter.",
        "PASSWORD=$DB_PASSWORD; password = get_password()",
        "ec2",
        "",
        "DescribeInstances",
        "$.Reservations[0].Instances[0].State.Name",
        "Ünïcödé password=Geheim123 ünd mehr",
    ];
    let mut found = 0;
    for text in texts {
        assert_eq!(scan(text), scan_every_pattern(text), "{text}");
        found += scan(text).len();
    }
    assert!(found >= 15, "{found}");
}
