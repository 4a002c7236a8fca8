//! SSM documents embedded in CloudFormation templates and Terraform files
//! (`tests/fixtures/embed/`): each fixture is judged as `ssmc lint` judges it
//! and snapshotted as source and findings, each finding with its line and
//! column in the template. `*_bad.*` fixtures hold a fault at a known place;
//! `*_good.*` fixtures and files that are not templates stay quiet.

use ssmc_core::lint::LintConfig;
use ssmc_core::lower::NoFiles;
use ssmc_core::span::SourceMap;
use ssmc_core::verdict::{self, Input, Kind};

/// Every finding on `name` (`text`) as `line:col CODE severity message`, and
/// whether the file was skipped as not holding SSM documents.
fn judge(name: &str, text: &str) -> (Vec<String>, Option<String>, String) {
    let mut sources = SourceMap::new();
    let (catalog, stdlib) = ssmc_core::catalog::load_stdlib(&mut sources);
    let file = sources.add(name, text);
    let inputs = [Input {
        file,
        kind: Kind::of_file(name, text),
        name: name.split('.').next().unwrap_or("").to_string(),
        lint: true,
    }];
    let config = LintConfig::default();
    let options = verdict::Options {
        lint: &config,
        external: None,
    };
    let v = verdict::judge(&mut sources, &inputs, &NoFiles, catalog, stdlib, options);
    let lines = v
        .diagnostics
        .iter()
        .map(|d| {
            assert_eq!(d.primary.span.file, file, "{d:?} is not in the template");
            let at = sources
                .get(file)
                .map(|f| f.lines.line_col(d.primary.span.start))
                .expect("the template");
            format!(
                "{}:{} {} {} {}",
                at.line + 1,
                at.col + 1,
                d.code,
                d.severity.as_str(),
                d.message
            )
        })
        .collect();
    let skipped = v.raw.iter().find_map(|r| r.not_ssm.clone());
    let rendered = ssmc::render::render(&v.diagnostics, &sources, false);
    (lines, skipped, rendered)
}

#[test]
fn embedded_documents_are_judged_at_their_place_in_the_template() {
    insta::glob!("../../fixtures/embed", "*.*", |path| {
        let name = path.file_name().and_then(|n| n.to_str()).expect("name");
        let text = std::fs::read_to_string(path).expect("fixture");
        let (lines, skipped, rendered) = judge(name, &text);
        if name.contains("_good.") {
            assert!(lines.is_empty(), "{name} should stay quiet: {lines:#?}");
        }
        if name.contains("_bad.") {
            assert!(
                lines.iter().any(|l| l.contains(" error ")),
                "{name} should have an error: {lines:#?}"
            );
        }
        insta::assert_snapshot!(format!(
            "--- SOURCE\n{text}--- FINDINGS\n{}\n--- SKIPPED\n{}\n--- RENDERED\n{rendered}",
            lines.join("\n"),
            skipped.unwrap_or_default()
        ));
    });
}

#[test]
fn yaml_that_is_not_a_template_is_not_claimed() {
    let text = "apiVersion: v1\nkind: ConfigMap\ndata:\n  Resources: none\n";
    let (lines, skipped, _) = judge("k8s.yaml", text);
    assert!(lines.is_empty(), "{lines:?}");
    assert!(
        skipped.is_some_and(|s| s.contains("schemaVersion")),
        "skipped as any other YAML without schemaVersion"
    );
}
