//! SSM documents embedded in CloudFormation templates and Terraform files
//! (`tests/fixtures/embed/`): each fixture is judged as `ssmc lint` judges it
//! and snapshotted as source and findings, each finding with its line and
//! column in the template. `*_bad.*` fixtures hold a fault at a known place;
//! `*_good.*` fixtures and files that are not templates stay quiet.

use ssmc_core::lint::LintConfig;
use ssmc_core::lower::{FileLoader, NoFiles};
use ssmc_core::span::SourceMap;
use ssmc_core::verdict::{self, Input, Kind};
use ssmc_core::FileId;

/// Every finding on `name` (`text`) as `line:col CODE severity message`, and
/// whether the file was skipped as not holding SSM documents.
fn judge(name: &str, text: &str) -> (Vec<String>, Option<String>, String) {
    judge_with(name, text, &NoFiles)
}

/// [`judge`] with a loader for the files `file(…)` names.
fn judge_with(
    name: &str,
    text: &str,
    loader: &dyn FileLoader,
) -> (Vec<String>, Option<String>, String) {
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
    let v = verdict::judge(&mut sources, &inputs, loader, catalog, stdlib, options);
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

/// One file `file(…)` may name.
struct OneFile(&'static str, &'static str);

impl FileLoader for OneFile {
    fn load(&self, _from: FileId, path: &str) -> Result<String, String> {
        if path == self.0 {
            Ok(self.1.to_string())
        } else {
            Err(format!("no file `{path}`"))
        }
    }
}

/// `content = file(…)`: the file is linted where it is walked; the `.tf`
/// adds only its `document_type`, which must match the file's kind.
#[test]
fn a_document_in_a_file_of_its_own_is_held_to_the_declared_type() {
    let runbook = "schemaVersion: '0.3'\ndescription: Waits.\nmainSteps:\n  - name: Wait\n    action: aws:sleep\n    inputs: {Duration: PT1M}\n";
    let loader = OneFile("docs/wait.yaml", runbook);
    let tf = |kind: &str| {
        format!("resource \"aws_ssm_document\" \"wait\" {{\n  document_type   = \"{kind}\"\n  document_format = \"YAML\"\n  content         = file(\"${{path.module}}/docs/wait.yaml\")\n}}\n")
    };
    let (lines, _, _) = judge_with("main.tf", &tf("Command"), &loader);
    assert_eq!(
        lines,
        ["2:21 E1041 error `aws_ssm_document.wait` is declared a Command document, but the `schemaVersion` of `docs/wait.yaml` makes it an Automation document"]
    );
    let (lines, skipped, _) = judge_with("main.tf", &tf("Automation"), &loader);
    assert!(
        lines.is_empty() && skipped.is_none(),
        "{lines:?} {skipped:?}"
    );
    // A file that cannot be read says nothing here (Terraform reports it).
    let (lines, _, _) = judge_with("main.tf", &tf("Command"), &NoFiles);
    assert!(lines.is_empty(), "{lines:?}");
}
