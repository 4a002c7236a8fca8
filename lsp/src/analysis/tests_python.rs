//! The Python of `aws:executeScript` steps in the editor: hover on a boto3
//! call in `.rbk`, YAML and JSON documents, and the `python-*` diagnostics
//! on every analysis (what the server publishes as the user types).

use ssmc_core::lower::NoFiles;

use super::*;

/// The analysis of `src` (named `name`) without its `$0`, and the marker's offset.
fn fixture(name: &str, src: &str) -> (Analysis, u32) {
    let at = src.find("$0").expect("invariant: fixture has a $0 cursor");
    let text = src.replacen("$0", "", 1);
    let a = Analysis::new(name, &text, &NoFiles);
    (a, u32::try_from(at).expect("small fixture"))
}

const STOP_INSTANCES: &str = "```\nec2.StopInstances\n```\n\nboto3 method `stop_instances`.\n\n**Parameters**\n\n- `InstanceIds`: list<string> (required)\n- `DryRun`: boolean\n- `Force`: boolean\n- `Hibernate`: boolean\n- `SkipOsShutdown`: boolean\n\n**Response**\n\n- `StoppingInstances`: list<InstanceStateChange>\n- `ResponseMetadata`";

#[test]
fn hover_on_a_boto3_call_in_an_rbk_block_string() {
    let (a, o) = fixture(
        "test.rbk",
        "automation X {\n  step Stop = aws:executeScript {\n    Runtime: \"python3.11\",\n    Handler: \"main\",\n    Script: \"\"\"\n      import boto3\n\n      def main(events, context):\n          ec2 = boto3.client(\"ec2\")\n          return ec2.stop_in$0stances(InstanceIds=[\"i-1\"])\n      \"\"\",\n  }\n}\n",
    );
    let h = a.hover(o).expect("hover on the method");
    assert_eq!(h.markdown, STOP_INSTANCES);
    assert_eq!(
        &a.text[h.span.start as usize..h.span.end as usize],
        "stop_instances"
    );
}

#[test]
fn hover_on_a_boto3_call_in_a_yaml_block_scalar() {
    let (a, o) = fixture(
        "test.yaml",
        "schemaVersion: \"0.3\"\nmainSteps:\n  - name: Stop\n    action: aws:executeScript\n    inputs:\n      Runtime: python3.11\n      Handler: main\n      Script: |-\n        import boto3\n        def main(events, context):\n            return boto3.client(\"ec2\").$0stop_instances(InstanceIds=[\"i-1\"])\n",
    );
    let h = a.hover(o).expect("hover on the method");
    assert_eq!(h.markdown, STOP_INSTANCES);
    assert_eq!(
        &a.text[h.span.start as usize..h.span.end as usize],
        "stop_instances"
    );
}

#[test]
fn hover_on_a_boto3_call_through_json_escapes() {
    let (a, o) = fixture(
        "test.json",
        "{\"schemaVersion\": \"0.3\", \"mainSteps\": [{\"name\": \"Stop\", \"action\": \"aws:executeScript\", \"inputs\": {\"Runtime\": \"python3.11\", \"Handler\": \"main\", \"Script\": \"import boto3\\ndef main(events, context):\\n    s = \\\"x\\\"\\n    return boto3.client(\\\"ec2\\\").stop_instan$0ces(InstanceIds=[s])\\n\"}}]}\n",
    );
    let h = a.hover(o).expect("hover on the method");
    assert_eq!(h.markdown, STOP_INSTANCES);
    assert_eq!(
        &a.text[h.span.start as usize..h.span.end as usize],
        "stop_instances"
    );
}

#[test]
fn no_boto3_hover_off_a_call_or_on_an_unknown_operation() {
    for src in [
        // The client, not a call on it.
        "automation X {\n  step S = aws:executeScript {\n    Runtime: \"python3.11\",\n    Handler: \"main\",\n    Script: \"\"\"\n      import boto3\n      def main(events, context):\n          return boto3.cli$0ent(\"ec2\").stop_instances(InstanceIds=[])\n      \"\"\",\n  }\n}\n",
        // An operation the catalog does not know (python-aws-api reports it).
        "automation X {\n  step S = aws:executeScript {\n    Runtime: \"python3.11\",\n    Handler: \"main\",\n    Script: \"\"\"\n      import boto3\n      def main(events, context):\n          return boto3.client(\"ec2\").stop_every$0thing()\n      \"\"\",\n  }\n}\n",
    ] {
        let (a, o) = fixture("test.rbk", src);
        let h = a.hover(o);
        assert!(
            h.as_ref().is_none_or(|h| !h.markdown.contains("boto3 method")),
            "{h:?}"
        );
    }
}

#[test]
fn python_diagnostics_are_in_every_analysis() {
    // What the server publishes on each change: the analysis's diagnostics.
    let src = "automation X {\n  step S = aws:executeScript {\n    Runtime: \"python3.11\",\n    Handler: \"main\",\n    Script: \"\"\"\n      import json\n      import requests\n\n      def main(events, context):\n          return {\"s\": PENDING}\n      \"\"\",\n  }\n}\n";
    let a = Analysis::new("test.rbk", src, &NoFiles);
    let at = |code: &str| {
        a.diagnostics
            .iter()
            .filter(|d| d.code == code)
            .map(|d| &a.text[d.primary.span.start as usize..d.primary.span.end as usize])
            .collect::<Vec<_>>()
    };
    assert_eq!(at("SSM503"), ["PENDING"], "{:#?}", a.diagnostics);
    assert_eq!(at("SSM508"), ["json", "requests"], "{:#?}", a.diagnostics);
    assert_eq!(at("SSM511"), ["requests"], "{:#?}", a.diagnostics);
}
