//! The linter over fixtures, its generated docs, its CI formats, and the corpus.
//!
//! - `tests/fixtures/lint/<CODE>_<name>.{rbk,yaml,json}`: each file holds a case that
//!   fires rule CODE and one that does not; snapshotted as source and findings
//!   (exact line:column in the file, raw documents included).
//! - `docs/rules.md` is generated from the rules' docs; `UPDATE_DOCS=1` rewrites it.
//! - The corpus run (skipped when `../shared/corpus` is absent) must not crash;
//!   with `UPDATE_DOCS=1` it rewrites the counts table in `docs/lint-corpus.md`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ssmc::commands::lint::{fixed_text, github_line, sarif};
use ssmc_core::catalog::{self, Catalog};
use ssmc_core::codegen::Format;
use ssmc_core::codes::docs;
use ssmc_core::diagnostic::Diagnostic;
use ssmc_core::lint::source::{lint_raw, lint_rbk, FileOutcome};
use ssmc_core::lint::{LintConfig, RULES};
use ssmc_core::lower::NoFiles;
use ssmc_core::project::config::parse as parse_config;
use ssmc_core::span::{FileId, SourceMap};
use ssmc_tests::corpus_dir;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn stdlib(sources: &mut SourceMap) -> Catalog {
    let (catalog, diags) = catalog::load_stdlib(sources);
    assert!(diags.is_empty(), "the stdlib must load cleanly: {diags:?}");
    catalog
}

/// Lints one file's text as `name` (its extension picks the reader).
fn lint_file(
    sources: &mut SourceMap,
    catalog: &Catalog,
    name: &str,
    text: &str,
) -> (FileId, Option<Vec<Diagnostic>>) {
    let id = sources.add(name, text);
    let src = sources.get(id).map(|f| f.text.clone()).expect("added");
    // Preview rules too: every rule's fixture fires.
    let cfg = LintConfig {
        preview: true,
        ..LintConfig::default()
    };
    let out = match Format::from_path_ext(name) {
        None => Some(lint_rbk(id, &src, catalog, &cfg, &NoFiles)),
        Some(fmt) => {
            let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
            match lint_raw(id, stem, &src, fmt, catalog, &cfg) {
                FileOutcome::Findings(d) => Some(d),
                FileOutcome::NotSsm(_) => None,
            }
        }
    };
    (id, out)
}

fn fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/fixtures/lint"))
        .expect("fixtures/lint")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_fixture_fires_its_rule_at_the_right_place() {
    insta::glob!("../../fixtures/lint", "*.*", |path| {
        let name = path.file_name().and_then(|n| n.to_str()).expect("name");
        let code = name.split('_').next().expect("code prefix");
        let text = std::fs::read_to_string(path).expect("fixture");
        let mut sources = SourceMap::new();
        let catalog = stdlib(&mut sources);
        let (_, diags) = lint_file(&mut sources, &catalog, name, &text);
        let diags = diags.expect("an SSM document");
        assert!(
            diags.iter().any(|d| d.code == code),
            "{name}: {code} does not fire: {diags:#?}"
        );
        let rendered = ssmc::render::render(&diags, &sources, false);
        insta::assert_snapshot!(format!("--- SOURCE\n{text}--- FINDINGS\n{rendered}"));
    });
}

#[test]
fn every_rule_has_a_fixture_or_a_tested_example() {
    let names: Vec<String> = fixtures()
        .iter()
        .filter_map(|p| p.file_name().and_then(|n| n.to_str()).map(str::to_string))
        .collect();
    let mut missing = Vec::new();
    for r in RULES {
        let has = names
            .iter()
            .any(|n| n.starts_with(&format!("{}_{}", r.code, r.name().replace('-', "_"))));
        // The rbk Example of every rule is a test in ssmc-core (lint::tests).
        if !has && !matches!(r.name(), "shellcheck") {
            missing.push(r.code);
        }
    }
    assert!(missing.len() <= 2, "rules without a fixture: {missing:?}");
}

#[test]
fn docs_rules_md_is_fresh() {
    let path = repo().join("docs/rules.md");
    let want = docs::rules_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).expect("write docs/rules.md");
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/rules.md is stale: run `UPDATE_DOCS=1 cargo test -p ssmc-tests docs_rules_md`"
    );
}

fn lint_fixture(name: &str) -> (SourceMap, FileId, String, Vec<Diagnostic>) {
    let text =
        std::fs::read_to_string(repo().join("tests/fixtures/lint").join(name)).expect("fixture");
    let mut sources = SourceMap::new();
    let catalog = stdlib(&mut sources);
    let (id, diags) = lint_file(&mut sources, &catalog, name, &text);
    let src = sources.get(id).map(|f| f.text.to_string()).expect("added");
    (sources, id, src, diags.expect("an SSM document"))
}

/// A minimal SARIF 2.1.0 schema of our own: the parts GitHub code scanning reads.
const SARIF_SCHEMA: &str = r#"{
  "type": "object",
  "required": ["version", "runs"],
  "properties": {
    "version": {"const": "2.1.0"},
    "runs": {"type": "array", "minItems": 1, "items": {
      "type": "object", "required": ["tool", "results"],
      "properties": {
        "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
          "type": "object", "required": ["name", "rules"],
          "properties": {"name": {"type": "string"}, "rules": {"type": "array", "items": {
            "type": "object", "required": ["id", "shortDescription", "fullDescription", "helpUri"],
            "properties": {
              "id": {"type": "string"},
              "shortDescription": {"type": "object", "required": ["text"]},
              "fullDescription": {"type": "object", "required": ["text"]},
              "helpUri": {"type": "string"},
              "defaultConfiguration": {"type": "object", "properties": {"level": {"enum": ["none", "note", "warning", "error"]}}}
            }}}}}}},
        "results": {"type": "array", "items": {
          "type": "object", "required": ["ruleId", "message", "locations"],
          "properties": {
            "level": {"enum": ["none", "note", "warning", "error"]},
            "message": {"type": "object", "required": ["text"]},
            "locations": {"type": "array", "minItems": 1, "items": {"type": "object", "required": ["physicalLocation"],
              "properties": {"physicalLocation": {"type": "object", "required": ["artifactLocation", "region"],
                "properties": {
                  "artifactLocation": {"type": "object", "required": ["uri"]},
                  "region": {"type": "object", "required": ["startLine", "startColumn"],
                    "properties": {"startLine": {"type": "integer", "minimum": 1}, "startColumn": {"type": "integer", "minimum": 1},
                      "endLine": {"type": "integer", "minimum": 1}, "endColumn": {"type": "integer", "minimum": 1}}}}}}}}
          }}}
      }}}
  }
}"#;

#[test]
fn sarif_is_well_formed_and_points_at_the_finding() {
    let (sources, id, _, diags) = lint_fixture("SSM301_plaintext_secret.yaml");
    let rel = |_: FileId| "tests/fixtures/lint/SSM301_plaintext_secret.yaml".to_string();
    let out = sarif(&diags, &sources, &rel, None);
    let schema: serde_json::Value = serde_json::from_str(SARIF_SCHEMA).expect("schema");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let errors: Vec<String> = validator.iter_errors(&out).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let rules = out["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert!(rules.len() >= RULES.len());
    let results = out["runs"][0]["results"].as_array().expect("results");
    let first = results
        .iter()
        .find(|r| r["ruleId"] == "SSM301")
        .expect("an SSM301 result");
    let idx = first["ruleIndex"].as_u64().expect("ruleIndex") as usize;
    assert_eq!(rules[idx]["id"], "SSM301");
    let region = &first["locations"][0]["physicalLocation"]["region"];
    // `--password=hunter2x` on line 8: the value starts at column 41.
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(8), Some(41))
    );
    assert_eq!(region["endColumn"].as_u64(), Some(49));
    let _ = id;
}

#[test]
fn github_annotations_escape_and_locate() {
    let (sources, _, _, diags) = lint_fixture("SSM301_plaintext_secret.yaml");
    let rel = |_: FileId| "docs/x,y.yaml".to_string();
    let d = diags.iter().find(|d| d.code == "SSM301").expect("finding");
    insta::assert_snapshot!(github_line(d, &sources, &rel), @"::error file=docs/x%2Cy.yaml,line=8,col=41,endLine=8,endColumn=49,title=SSM301 plaintext-secret::plaintext secret: a password on a command line");
}

#[test]
fn fix_replaces_a_deprecated_runtime_in_yaml() {
    let (_, id, src, diags) = lint_fixture("SSM401_deprecated_runtime.yaml");
    // A runtime upgrade can change what the script does: unsafe, so not
    // applied without `--unsafe-fixes`.
    let (unchanged, none) = fixed_text(&src, &src, id, &diags, false);
    assert!(none.is_empty() && unchanged == src);
    let (fixed, done) = fixed_text(&src, &src, id, &diags, true);
    assert_eq!(done.len(), 1);
    assert!(fixed.contains("Runtime: python3.11\n      Handler: main\n      Script: \"def main(events, context):\\n    return {}\\n\"\n  - name: Current"));
    assert!(!fixed.contains("python3.6"));
    // The fixed document lints clean of the rule.
    let mut sources = SourceMap::new();
    let catalog = stdlib(&mut sources);
    let (_, again) = lint_file(&mut sources, &catalog, "fixed.yaml", &fixed);
    assert!(again.expect("doc").iter().all(|d| d.code != "SSM401"));
}

#[test]
fn fix_declares_a_secret_parameter_in_rbk() {
    let (_, id, src, diags) = lint_fixture("SSM302_plaintext_secret_parameter.rbk");
    // Declaring it `secret` changes no emitted byte: safe.
    let (fixed, done) = fixed_text(&src, &src, id, &diags, false);
    assert_eq!(done.len(), 1, "{diags:#?}");
    assert!(
        fixed.contains("param DbPassword: String secret\n"),
        "{fixed}"
    );
}

#[test]
fn config_reads_levels_and_ignores() {
    let cfg = parse_config("[lint]\nignore = [\"legacy/**\", \"*.tmp.yaml\"]\n[lint.rules]\nmissing-timeout = \"off\"\nSSM201 = \"error\"\n")
        .expect("valid config");
    assert!(cfg.ignore.is_ignored("legacy/a/b.yaml"));
    assert!(cfg.ignore.is_ignored("x.tmp.yaml"));
    assert!(!cfg.ignore.is_ignored("dir/x.tmp.yaml"));
    assert!(!cfg.ignore.is_ignored("src/legacy.yaml"));
    let timeout = ssmc_core::lint::find("missing-timeout").expect("rule");
    let desc = ssmc_core::lint::find("SSM201").expect("rule");
    assert_eq!(cfg.lint.level(timeout), None);
    assert_eq!(cfg.lint.level(desc), Some(ssmc_core::Severity::Error));
    assert!(parse_config("[lint.rules]\nno-such-rule = \"off\"\n").is_err());
    assert!(parse_config("[lint.rules]\nmissing-timeout = \"loud\"\n").is_err());
}

#[test]
fn files_that_are_not_ssm_documents_are_skipped() {
    let mut sources = SourceMap::new();
    let catalog = stdlib(&mut sources);
    let (_, out) = lint_file(
        &mut sources,
        &catalog,
        "package.json",
        "{\"name\": \"x\", \"version\": \"1.0.0\"}",
    );
    assert!(out.is_none());
    let (_, out) = lint_file(&mut sources, &catalog, "ci.yaml", "on: push\njobs: {}\n");
    assert!(out.is_none());
}

/// The error-level lint findings on the corpus, each a real fault (docs/scripts.md).
const REAL_FAULTS: &[(&str, &str)] = &[
    (
        "ceshihao+ssm-public-documents/documents/AWS-SetupJupyter.json",
        "SSM503",
    ),
    (
        "ceshihao+ssm-public-documents/documents/AWSSupport-CollectAmazonConnectContactFlowLog.json",
        "SSM502",
    ),
];

const BEGIN: &str = "<!-- corpus counts: begin -->";
const END: &str = "<!-- corpus counts: end -->";

#[test]
fn corpus_lints_without_crashing() {
    let Some(dir) = corpus_dir() else {
        eprintln!("skipped: ../shared/corpus is absent");
        return;
    };
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("manifest");
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut docs = 0usize;
    let mut files_with_findings = 0usize;
    let mut errors: Vec<(String, String)> = Vec::new();
    for line in manifest.lines().skip(1) {
        let Some(file) = line.split('\t').nth(6) else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(dir.join(file)) else {
            continue;
        };
        let mut sources = SourceMap::new();
        let catalog = stdlib(&mut sources);
        let (_, out) = lint_file(&mut sources, &catalog, file, &text);
        let Some(diags) = out else { continue };
        docs += 1;
        if diags.iter().any(|d| d.code.as_str().starts_with("SSM")) {
            files_with_findings += 1;
        }
        for d in diags.iter().filter(|d| d.code.as_str().starts_with("SSM")) {
            if d.severity == ssmc_core::Severity::Error {
                errors.push((file.to_string(), d.code.to_string()));
            }
            *counts
                .entry((d.code.to_string(), d.severity.as_str().to_string()))
                .or_default() += 1;
        }
    }
    assert!(docs > 300, "the corpus holds 387 documents; read {docs}");
    let mut table = format!(
        "{BEGIN}\n{docs} documents linted, {files_with_findings} with at least one lint finding.\n\n| code | name | status | level | findings |\n| --- | --- | --- | --- | --- |\n"
    );
    for r in RULES {
        let n: usize = counts
            .iter()
            .filter(|((c, _), _)| c == r.code.as_str())
            .map(|(_, n)| n)
            .sum();
        table.push_str(&format!(
            "| {} | `{}` | {} | {} | {n} |\n",
            r.code,
            r.name(),
            r.status(),
            r.meta().default.as_str()
        ));
    }
    table.push_str(END);
    let path = repo().join("docs/lint-corpus.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        let new = match (have.find(BEGIN), have.find(END)) {
            (Some(a), Some(b)) => format!("{}{table}{}", &have[..a], &have[b + END.len()..]),
            _ => format!("# Lint findings on the corpus\n\n{table}\n"),
        };
        std::fs::write(&path, new).expect("write docs/lint-corpus.md");
    }
    errors.sort();
    // Every error-level lint finding on AWS's and the community's documents must be
    // one a reviewer agrees with: the real faults in AWS's own scripts, each listed with
    // its reason in docs/scripts.md.
    assert_eq!(
        errors,
        REAL_FAULTS
            .iter()
            .map(|(f, c)| ((*f).to_string(), (*c).to_string()))
            .collect::<Vec<_>>(),
        "error-level lint findings on the corpus: {counts:?}"
    );
}

fn shellcheck_findings(name: &str, text: &str) -> Vec<(String, ssmc_core::Severity, u32, u32)> {
    let mut sources = SourceMap::new();
    let catalog = stdlib(&mut sources);
    let id = sources.add(name, text);
    let src = sources.get(id).map(|f| f.text.to_string()).expect("added");
    let fmt = Format::from_path_ext(name);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let docs = ssmc_core::lint::source::documents(id, stem, &src, fmt, &catalog, &NoFiles);
    let sc = ssmc::commands::shellcheck::Shellcheck::start(
        ssmc::commands::shellcheck::Settings::default(),
    )
    .expect("shellcheck runs");
    sc.check(&docs, (id, &src))
        .iter()
        .map(|d| {
            let (l, c, _, _) = ssmc::commands::lint::position(d.primary.span, &sources);
            let code = d.message.split(':').next().unwrap_or("");
            (code.to_string(), d.severity, l, c)
        })
        .collect()
}

#[test]
fn shellcheck_findings_map_to_the_document() {
    use ssmc_core::Severity::{Info, Warning};
    if !ssmc::commands::shellcheck::available() {
        eprintln!("skipped: shellcheck is not on PATH");
        return;
    }
    let text = "schemaVersion: \"2.2\"\ndescription: Clean.\nmainSteps:\n  - name: Run\n    action: aws:runShellScript\n    inputs:\n      runCommand:\n        - echo \"{{ global:REGION }}\"\n        - |\n          cd /opt\n          rm -rf $DIR/*\n";
    let at = shellcheck_findings("clean.yaml", text);
    // `cd /opt` on line 10 (SC2164, a warning) and `$DIR` on line 11, column 18
    // (SC2086, info: shellcheck's own level); the masked `{{ global:REGION }}` gives nothing.
    assert!(
        at.contains(&("shellcheck SC2164".to_string(), Warning, 10, 11)),
        "{at:?}"
    );
    assert!(
        at.contains(&("shellcheck SC2086".to_string(), Info, 11, 18)),
        "{at:?}"
    );
    assert!(at.iter().all(|(_, _, l, _)| *l != 8), "{at:?}");
}

/// A script written as one JSON string reports each finding at its own line and
/// column (through the `\n` and `\"` escapes); `[ "{{ P }}" = "yes" ]` is not a
/// constant expression (SC2050) and a function called from a trap is not
/// unreachable (SC2317, excluded by default).
#[test]
fn shellcheck_in_a_one_string_script_points_at_the_line() {
    if !ssmc::commands::shellcheck::available() {
        eprintln!("skipped: shellcheck is not on PATH");
        return;
    }
    let text = r##"{
  "schemaVersion": "2.2",
  "description": "One string.",
  "parameters": {"Force": {"type": "String", "description": "Force.", "default": "no"}},
  "mainSteps": [{"name": "Run", "action": "aws:runShellScript", "inputs": {"runCommand": [
    "#!/bin/bash\nclean() {\n  echo \"bye\"\n}\ntrap clean EXIT\nif [ \"{{ Force }}\" = \"yes\" ]; then\n  cd /opt\nfi\n"
  ]}}]
}
"##;
    let at = shellcheck_findings("one.json", text);
    // `cd /opt` is the script's 7th line, on the file's line 6.
    let line6 = text.lines().nth(5).expect("line 6");
    let col = line6.find("cd /opt").expect("cd") + 1;
    assert!(
        at.contains(&(
            "shellcheck SC2164".to_string(),
            ssmc_core::Severity::Warning,
            6,
            u32::try_from(col).expect("col")
        )),
        "{at:?}"
    );
    assert!(
        at.iter()
            .all(|(c, _, _, _)| c != "shellcheck SC2050" && c != "shellcheck SC2317"),
        "{at:?}"
    );
}

/// `--select` runs only the rules named (codes, prefixes, names), even one the
/// project turned off; `--ignore` leaves rules out; an unknown name is an error.
#[test]
fn select_and_ignore_choose_the_rules() {
    use ssmc::commands::lint::{apply_selection, LintOptions};
    let find = |c: &str| ssmc_core::lint::find(c).expect("rule");
    let mut config = LintConfig::default();
    config.levels.push(("SSM302".into(), None));
    let options = LintOptions {
        select: vec!["SSM3".into(), "missing-timeout".into()],
        ignore: vec!["SSM301".into()],
        ..LintOptions::default()
    };
    apply_selection(&mut config, &options).expect("known rules");
    assert!(
        config.level(find("SSM302")).is_some(),
        "selected though off"
    );
    assert!(config.level(find("SSM303")).is_some());
    assert!(config.level(find("SSM103")).is_some(), "selected by name");
    assert!(config.level(find("SSM301")).is_none(), "ignored");
    assert!(config.level(find("SSM101")).is_none(), "not selected");
    let bad = LintOptions {
        ignore: vec!["SSM999".into()],
        ..LintOptions::default()
    };
    assert!(apply_selection(&mut LintConfig::default(), &bad).is_err());
}

/// Preview rules run only with `--preview`; selecting only preview rules
/// without it is an error (it would run nothing), with it they run.
#[test]
fn preview_rules_need_preview() {
    use ssmc::commands::lint::{apply_selection, LintOptions};
    let find = |c: &str| ssmc_core::lint::find(c).expect("rule");
    let mut config = LintConfig::default();
    apply_selection(&mut config, &LintOptions::default()).expect("no selection");
    assert!(
        config.level(find("SSM402")).is_none(),
        "preview: off by default"
    );
    assert!(config.level(find("SSM301")).is_some(), "stable: on");
    let only_preview = LintOptions {
        select: vec!["hardcoded-arn-environment".into()],
        ..LintOptions::default()
    };
    let err = apply_selection(&mut LintConfig::default(), &only_preview).expect_err("preview");
    assert!(err.contains("--preview"), "{err}");
    let with = LintOptions {
        preview: true,
        ..only_preview
    };
    let mut config = LintConfig::default();
    apply_selection(&mut config, &with).expect("preview on");
    assert!(config.level(find("SSM402")).is_some());
    assert!(config.level(find("SSM301")).is_none(), "not selected");
}

const RECALL_BEGIN: &str = "<!-- recall: begin -->";
const RECALL_END: &str = "<!-- recall: end -->";

/// Recall on seeded faults (`tests/fixtures/lint/recall/CODE_what.yaml`: one
/// fault an author makes per document, the code that should report it first
/// in the name): judged as `ssmc lint` does (checker and rules), by default and
/// with `--preview`. Every fault is found with preview; the numbers are in
/// docs/lint-corpus.md (`UPDATE_DOCS=1` rewrites them).
/// The codes `ssmc lint` reports on one file (without shellcheck).
fn judge_as_lint(name: &str, text: &str, preview: bool) -> Vec<String> {
    use ssmc_core::verdict::{self, Input, Kind};
    let mut sources = SourceMap::new();
    let (catalog, stdlib) = catalog::load_stdlib(&mut sources);
    let file = sources.add(name, text);
    let inputs = [Input {
        file,
        kind: Kind::of_path(name),
        name: "judged".to_string(),
        lint: true,
    }];
    let config = LintConfig {
        preview,
        ..LintConfig::default()
    };
    let options = verdict::Options {
        lint: &config,
        external: None,
    };
    let v = verdict::judge(&mut sources, &inputs, &NoFiles, catalog, stdlib, options);
    v.diagnostics.iter().map(|d| d.code.to_string()).collect()
}

/// The false positives real documents showed (issue 20), each as the real
/// pattern in `tests/fixtures/lint/quiet/`, named after the code that fired:
/// that code stays quiet, with preview rules on.
#[test]
fn false_positive_patterns_stay_quiet() {
    let dir = repo().join("tests/fixtures/lint/quiet");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("quiet fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    assert!(files.len() >= 7, "{} quiet documents", files.len());
    let mut loud = Vec::new();
    for path in &files {
        let name = path.file_name().and_then(|n| n.to_str()).expect("name");
        let code = name.split('_').next().expect("code prefix");
        let text = std::fs::read_to_string(path).expect("fixture");
        let codes = judge_as_lint(name, &text, true);
        if codes.iter().any(|c| c == code) {
            loud.push(format!("{name}: {codes:?}"));
        }
    }
    assert!(loud.is_empty(), "false positives are back: {loud:#?}");
}

#[test]
fn seeded_faults_are_found() {
    let dir = repo().join("tests/fixtures/lint/recall");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("recall fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    assert!(files.len() >= 30, "{} seeded documents", files.len());
    let missed = |preview: bool| -> Vec<String> {
        let mut out = Vec::new();
        for path in &files {
            let name = path.file_name().and_then(|n| n.to_str()).expect("name");
            let code = name.split('_').next().expect("code prefix");
            let text = std::fs::read_to_string(path).expect("fixture");
            if !judge_as_lint(name, &text, preview)
                .iter()
                .any(|c| c == code)
            {
                out.push(name.to_string());
            }
        }
        out
    };
    let (by_default, with_preview) = (missed(false), missed(true));
    assert!(
        with_preview.is_empty(),
        "missed with --preview: {with_preview:?}"
    );
    let n = files.len();
    let text = format!(
        "{RECALL_BEGIN}\n{} of {n} seeded faults found by default ({}%), {n} of {n} with `--preview`. \
         Missed by default (preview rules): {}.\n{RECALL_END}",
        n - by_default.len(),
        (n - by_default.len()) * 100 / n,
        by_default
            .iter()
            .map(|f| format!("`{f}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let path = repo().join("docs/lint-corpus.md");
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    let (Some(a), Some(b)) = (have.find(RECALL_BEGIN), have.find(RECALL_END)) else {
        panic!("docs/lint-corpus.md has no recall markers");
    };
    let want = format!("{}{text}{}", &have[..a], &have[b + RECALL_END.len()..]);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).expect("write docs/lint-corpus.md");
    } else {
        assert!(
            have == want,
            "docs/lint-corpus.md recall is stale: run `UPDATE_DOCS=1 cargo test -p ssmc-tests seeded_faults`"
        );
    }
}
