//! A project's own AWS API models (`[aws-api] models` of `ssmc.toml`) in
//! `check`, `build` and `lint`, run against the real binary in a temporary
//! project; and the catalog's date in `ssmc --version`.
//!
//! Asserts that a model file adds a service (its enum is checked), overrides
//! an embedded one by client name, that a bad model or a path leaving the
//! project stops the command with exit 2 and a message naming the file, and
//! that a project without the table behaves as before.

mod common;

use common::{ssmc, stderr, stdout};

use std::path::Path;

/// A fresh project folder holding the botocore-format fixture as `models/newsvc.json`.
fn project(name: &str) -> common::Scratch {
    let dir = common::Scratch::new(&format!("awsmodels-{name}"));
    std::fs::create_dir_all(dir.join("models")).expect("temp dir");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/src/awsapi/botocore/newsvc.json");
    std::fs::copy(fixture, dir.join("models/newsvc.json")).expect("copy fixture");
    dir
}

fn runbook(service: &str, api: &str, colour: &str) -> String {
    format!(
        "/// Doc.\nautomation Widgets {{\n  /// Step.\n  step Get = aws:executeAwsApi {{ Service: \"{service}\", Api: \"{api}\", WidgetId: \"w-1\", Colour: \"{colour}\" }}\n    outputs {{ Colour: String = \"$.Widget.Colour\" }}\n}}\n"
    )
}

#[test]
fn a_project_model_adds_a_service_to_check_build_and_lint() {
    let dir = project("adds");
    std::fs::write(dir.join("r.rbk"), runbook("newsvc", "GetWidget", "RED")).expect("write");
    // Without the table the service is unknown.
    let out = ssmc(&["check", "r.rbk"], &dir);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("unknown AWS service `newsvc`"),
        "{}",
        stderr(&out)
    );

    std::fs::write(
        dir.join("ssmc.toml"),
        "[aws-api]\nmodels = [\"models/newsvc.json\"]\n",
    )
    .expect("write");
    let out = ssmc(&["check", "r.rbk"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = ssmc(&["build", "r.rbk", "-o", "out", "--format", "json"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.join("out/Widgets.json").is_file());

    // The model's enum is checked, on the value, with its values.
    std::fs::write(dir.join("r.rbk"), runbook("newsvc", "GetWidget", "PURPLE")).expect("write");
    let out = ssmc(&["check", "r.rbk"], &dir);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("`PURPLE` is not a value of `Colour`"), "{err}");
    assert!(err.contains("r.rbk:4:"), "{err}");
    // The built JSON document lints against the same model: clean as built,
    // and the enum checked once the value is edited.
    let out = ssmc(&["lint", "--format", "json", "out/Widgets.json"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stdout(&out).contains("E10"), "{}", stdout(&out));
    let built = std::fs::read_to_string(dir.join("out/Widgets.json")).expect("read");
    std::fs::write(
        dir.join("out/Widgets.json"),
        built.replace("\"RED\"", "\"PURPLE\""),
    )
    .expect("write");
    let out = ssmc(&["lint", "--format", "json", "out/Widgets.json"], &dir);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("\"rule\": \"E1032\""),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_project_model_overrides_an_embedded_service() {
    let dir = project("overrides");
    std::fs::create_dir_all(dir.join("models/ec2/2026-01-01")).expect("mkdir");
    std::fs::copy(
        dir.join("models/newsvc.json"),
        dir.join("models/ec2/2026-01-01/service-2.json"),
    )
    .expect("copy");
    std::fs::write(
        dir.join("ssmc.toml"),
        "[aws-api]\nmodels = [\"models/ec2/2026-01-01/service-2.json\"]\n",
    )
    .expect("write");
    // botocore's layout names the client by its folder: `ec2` is now the fixture.
    std::fs::write(dir.join("r.rbk"), runbook("ec2", "GetWidget", "RED")).expect("write");
    let out = ssmc(&["check", "r.rbk"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::write(
        dir.join("r.rbk"),
        runbook("ec2", "DescribeInstances", "RED"),
    )
    .expect("write");
    let out = ssmc(&["check", "r.rbk"], &dir);
    assert!(
        stderr(&out).contains("`ec2` has no API `DescribeInstances`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_bad_model_stops_the_command_naming_the_file() {
    let dir = project("bad");
    std::fs::write(dir.join("r.rbk"), runbook("newsvc", "GetWidget", "RED")).expect("write");
    let cases: [(&str, &str, &str); 4] = [
        (
            "models/broken.json",
            "{\"shapes\": ",
            "models/broken.json: not valid JSON",
        ),
        (
            "models/dangling.json",
            r#"{"shapes": {}, "operations": {"A": {"input": {"shape": "In"}}}}"#,
            "dangling.json: operation `A` refers to `In`, which the model does not define",
        ),
        ("models/missing.json", "", "models/missing.json: "),
        ("../outside.json", "{}", "leaves the project folder"),
    ];
    for (path, text, expected) in cases {
        if !text.is_empty() {
            std::fs::write(dir.join(path), text).expect("write");
        }
        std::fs::write(
            dir.join("ssmc.toml"),
            format!("[aws-api]\nmodels = [\"{path}\"]\n"),
        )
        .expect("write");
        for cmd in ["check", "lint"] {
            let out = ssmc(&[cmd, "r.rbk"], &dir);
            assert_eq!(out.status.code(), Some(2), "{cmd} {path}: {}", stderr(&out));
            assert!(
                stderr(&out).contains(expected),
                "{cmd} {path}: {}",
                stderr(&out)
            );
        }
    }
    std::fs::write(
        dir.join("ssmc.toml"),
        "[aws-api]\nmodels = \"models/newsvc.json\"\n",
    )
    .expect("write");
    let out = ssmc(&["check", "r.rbk"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "ssmc.toml:2:10: invalid type: string \"models/newsvc.json\", expected a sequence"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_version_names_the_botocore_models() {
    let out = ssmc(&["--version"], Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("ssmc {} (commit ", env!("CARGO_PKG_VERSION")))
            && text.contains("; AWS API models: botocore "),
        "{text}"
    );
    // `… of YYYY-MM-DD)`
    let date = text
        .trim()
        .trim_end_matches(')')
        .rsplit(' ')
        .next()
        .unwrap_or("");
    assert!(
        date.len() == 10 && date.chars().filter(|c| *c == '-').count() == 2,
        "{text}"
    );
}
