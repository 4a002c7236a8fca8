//! The action catalog as the compiler sees it: the whole stdlib parses and
//! loads cleanly, holds every action AWS documents (lists taken from
//! `shared/facts/automation-actions.md` and `command-plugins.md`), agrees with
//! the real documents of the corpus, and renders `docs/actions.md`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ssmc_core::catalog::{load_stdlib, reference, ActionSig, Catalog};
use ssmc_core::model::{DocKind, Value};
use ssmc_core::types::Ty;
use ssmc_core::{Diagnostic, SourceMap};

/// The documented Automation actions: the 23 of the facts ("Actions") and one documented since.
const AUTOMATION_ACTIONS: &[&str] = &[
    "aws:approve",
    "aws:assertAwsResourceProperty",
    "aws:branch",
    "aws:changeInstanceState",
    "aws:copyImage",
    "aws:createImage",
    "aws:createStack",
    "aws:createTags",
    "aws:deleteImage",
    "aws:deleteStack",
    "aws:executeAutomation",
    "aws:executeAwsApi",
    "aws:executeScript",
    "aws:executeStateMachine",
    "aws:invokeLambdaFunction",
    "aws:invokeWebhook",
    "aws:loop",
    "aws:pause",
    "aws:runCommand",
    "aws:runInstances",
    "aws:sleep",
    "aws:updateVariable",
    "aws:waitForAwsResourceProperty",
    // Documented later than the list above (automation-action-installDistributorPackageOnAzure).
    "aws:installDistributorPackageOnAzure",
];

/// The Command plugins the agent registers (facts: "Plugin names").
/// `aws:configureDaemon` is left out: its registration is commented out in the
/// agent and AWS does not document it, so no document can run it.
const COMMAND_PLUGINS: &[&str] = &[
    "aws:runShellScript",
    "aws:runPowerShellScript",
    "aws:runDocument",
    "aws:downloadContent",
    "aws:configurePackage",
    "aws:updateSsmAgent",
    "aws:refreshAssociation",
    "aws:softwareInventory",
    "aws:runDockerAction",
    "aws:configureDocker",
    "aws:domainJoin",
    "aws:psModule",
    "aws:applications",
    "aws:updateAgent",
    "aws:cloudWatch",
];

/// Actions AWS runs in its own runbooks without documenting them: in the
/// catalog (a document SSM runs does not use an unknown action), loosely typed.
const UNDOCUMENTED_ACTIONS: &[&str] = &["aws:putServerUpgradeMetrics", "aws:shareSQLMedia"];

fn load() -> (SourceMap, Catalog, Vec<Diagnostic>) {
    let mut sources = SourceMap::new();
    let (catalog, diags) = load_stdlib(&mut sources);
    (sources, catalog, diags)
}

fn catalog() -> Catalog {
    let (sources, catalog, diags) = load();
    assert!(diags.is_empty(), "{}", render(&sources, &diags));
    catalog
}

fn render(sources: &SourceMap, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let (file, line) = sources
            .get(d.primary.span.file)
            .map(|f| {
                (
                    f.name.clone(),
                    f.lines.line_col(d.primary.span.start).line + 1,
                )
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{file}:{line}: {} {}: {}",
            d.severity.as_str(),
            d.code,
            d.message
        );
    }
    out
}

fn action<'a>(catalog: &'a Catalog, name: &str) -> &'a ActionSig {
    catalog
        .action(name)
        .unwrap_or_else(|| panic!("`{name}` is not in the catalog"))
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("invariant: the tests crate is inside the repository")
        .to_path_buf()
}

#[test]
fn whole_stdlib_parses_and_loads_without_diagnostics() {
    let (sources, catalog, diags) = load();
    assert!(diags.is_empty(), "{}", render(&sources, &diags));
    assert_eq!(
        sources.files().count(),
        ssmc_stdlib_sources_count(),
        "every stdlib file is in the source map"
    );
    assert!(sources
        .files()
        .all(|f| f.name.starts_with("stdlib/actions/")));
    assert_eq!(
        catalog.actions.len(),
        AUTOMATION_ACTIONS.len() + COMMAND_PLUGINS.len() + UNDOCUMENTED_ACTIONS.len()
    );
}

fn ssmc_stdlib_sources_count() -> usize {
    // Counted from the directory, so a file missing from `SOURCES` is caught.
    ["automation", "command"]
        .iter()
        .map(|d| {
            std::fs::read_dir(repo_root().join("stdlib/actions").join(d))
                .expect("stdlib/actions exists")
                .filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "rbk"))
                .count()
        })
        .sum()
}

#[test]
fn every_documented_action_is_declared_with_its_kind() {
    let catalog = catalog();
    for name in AUTOMATION_ACTIONS {
        assert_eq!(
            action(&catalog, name).kinds,
            vec![DocKind::Automation],
            "{name}"
        );
    }
    for name in COMMAND_PLUGINS {
        assert_eq!(
            action(&catalog, name).kinds,
            vec![DocKind::Command],
            "{name}"
        );
    }
    for name in UNDOCUMENTED_ACTIONS {
        let sig = action(&catalog, name);
        assert_eq!(sig.kinds, vec![DocKind::Automation], "{name}");
        assert!(sig.any_input, "{name}: its inputs are not documented");
        assert!(
            sig.inputs.iter().all(|i| !i.required),
            "{name}: no input is known to be required"
        );
    }
    assert!(catalog.actions.iter().all(|a| !a.is_extern));
}

#[test]
fn every_action_input_and_output_has_a_doc_line() {
    let catalog = catalog();
    for a in &catalog.actions {
        assert!(!a.docs.is_empty(), "{} has no doc", a.name);
        for i in &a.inputs {
            assert!(!i.docs.is_empty(), "{}.{} has no doc", a.name, i.name);
        }
        for o in &a.outputs {
            assert!(
                !o.docs.is_empty(),
                "{} output {} has no doc",
                a.name,
                o.name
            );
        }
    }
}

#[test]
fn spot_checks_against_aws_docs() {
    let catalog = catalog();

    let approve = action(&catalog, "aws:approve");
    let approvers = approve.input("Approvers", false).expect("Approvers");
    // Required unless a change template gives `EnhancedApprovals` instead: the
    // checker requires one of the two (check/steps.rs, `approvers`).
    assert!(!approvers.required);
    assert_eq!(approvers.ty, Ty::StringList);
    assert_eq!(
        approve.input("EnhancedApprovals", false).map(|i| &i.ty),
        Some(&Ty::Map)
    );
    assert_eq!(
        approve.input("MinRequiredApprovals", false).map(|i| &i.ty),
        Some(&Ty::Integer)
    );
    assert!(approve.attrs.iter().any(|a| a == "no_cancel_target"));

    let run = action(&catalog, "aws:runCommand");
    assert_eq!(run.output("CommandId").map(|o| &o.ty), Some(&Ty::String));
    assert_eq!(
        run.input("Targets", false).map(|i| &i.ty),
        Some(&Ty::Targets)
    );
    assert_eq!(
        run.input("Parameters", false).map(|i| &i.ty),
        Some(&Ty::Map)
    );
    assert!(run.input("DocumentName", false).is_some_and(|i| i.required));
    for out in ["CommandId", "Status", "ResponseCode", "Output"] {
        assert!(run.output(out).is_some(), "aws:runCommand output {out}");
    }

    let shell = action(&catalog, "aws:runShellScript");
    assert!(shell.input("runCommand", false).is_some_and(|i| i.required));
    // The agent matches plugin inputs case-insensitively; AWS documents use `RunCommand`.
    assert!(shell.input("RunCommand", true).is_some());

    let state = action(&catalog, "aws:changeInstanceState");
    let desired = state.input("DesiredState", false).expect("DesiredState");
    assert!(desired.required);
    assert_eq!(
        desired.allowed_values,
        Some(
            ["running", "stopped", "terminated"]
                .map(|s| Value::String(s.into()))
                .to_vec()
        )
    );

    let lp = action(&catalog, "aws:loop");
    assert!(lp.attrs.iter().any(|a| a == "loop"));
    assert!(lp.attrs.iter().any(|a| a == "no_on_cancel"));
    assert!(lp.input("Steps", false).is_none(), "Steps is the `do` body");
    assert_eq!(
        lp.input("LoopCondition", false).map(|i| &i.ty),
        Some(&Ty::Condition)
    );
    assert_eq!(
        lp.output("CurrentIteration").map(|o| &o.ty),
        Some(&Ty::Integer)
    );
    assert_eq!(
        lp.output("CurrentIteratorValue").map(|o| &o.ty),
        Some(&Ty::Any)
    );

    let branch = action(&catalog, "aws:branch");
    assert!(branch
        .input("Choices", false)
        .is_some_and(|i| i.required && i.ty == Ty::List));
    assert_eq!(
        branch.input("Default", false).map(|i| &i.ty),
        Some(&Ty::String)
    );

    let script = action(&catalog, "aws:executeScript");
    assert_eq!(
        script.output("Payload").map(|o| &o.ty),
        Some(&Ty::StringMap)
    );
    assert_eq!(
        script.output("OutputPayload").map(|o| &o.ty),
        Some(&Ty::String)
    );

    for name in [
        "aws:executeAwsApi",
        "aws:waitForAwsResourceProperty",
        "aws:assertAwsResourceProperty",
    ] {
        assert!(
            action(&catalog, name).any_input,
            "{name} passes inputs through"
        );
    }
    assert!(action(&catalog, "aws:updateVariable")
        .attrs
        .iter()
        .any(|a| a == "no_on_cancel"));

    // The onCancel row of the facts: steps that a cancel may not move to.
    let mut no_cancel_target: Vec<&str> = catalog
        .actions
        .iter()
        .filter(|a| a.attrs.iter().any(|x| x == "no_cancel_target"))
        .map(|a| a.name.as_str())
        .collect();
    no_cancel_target.sort_unstable();
    assert_eq!(
        no_cancel_target,
        [
            "aws:approve",
            "aws:copyImage",
            "aws:createImage",
            "aws:createStack",
            "aws:createTags",
            "aws:pause",
            "aws:runInstances",
            "aws:sleep"
        ]
    );
}

#[test]
fn every_command_plugin_reads_the_control_flow_inputs() {
    let catalog = catalog();
    for name in COMMAND_PLUGINS {
        let a = action(&catalog, name);
        if a.any_input {
            continue; // aws:cloudWatch: untyped legacy configuration
        }
        for input in ["onFailure", "onSuccess", "finallyStep"] {
            assert!(a.input(input, true).is_some(), "{name} lacks {input}");
        }
    }
}

/// One line per action: kinds, inputs (`!` required, `*` has allowedValues), outputs, attributes.
fn summary(catalog: &Catalog) -> String {
    let mut out = String::new();
    for a in &catalog.actions {
        let kinds: Vec<&str> = a
            .kinds
            .iter()
            .map(|k| match k {
                DocKind::Automation => "automation",
                DocKind::Command => "command",
            })
            .collect();
        let inputs: Vec<String> = a
            .inputs
            .iter()
            .map(|i| {
                format!(
                    "{}{}{}: {}",
                    i.name,
                    if i.required { "!" } else { "" },
                    if i.allowed_values.is_some() { "*" } else { "" },
                    i.ty
                )
            })
            .chain(a.any_input.then(|| "..".to_string()))
            .collect();
        let outputs: Vec<String> = a
            .outputs
            .iter()
            .map(|o| format!("{}: {}", o.name, o.ty))
            .collect();
        let attrs: String = a.attrs.iter().map(|x| format!(" @{x}")).collect();
        let _ = writeln!(
            out,
            "{} [{}]{}\n  in:  {}\n  out: {}",
            a.name,
            kinds.join(","),
            attrs,
            inputs.join(", "),
            if outputs.is_empty() {
                "-".to_string()
            } else {
                outputs.join(", ")
            },
        );
    }
    out
}

#[test]
fn catalog_summary() {
    insta::assert_snapshot!(summary(&catalog()));
}

#[test]
fn docs_are_fresh() {
    let text = reference::markdown(&catalog());
    let path = repo_root().join("docs/actions.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(repo_root().join("docs")).expect("create docs/");
        std::fs::write(&path, &text).expect("write docs/actions.md");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "docs/actions.md is stale: run `UPDATE_DOCS=1 cargo test -p ssmc-tests docs_are_fresh`"
    );
}

/// Every input key of every known action in the corpus's JSON documents is
/// declared, and every required input is present (loop bodies and schema 1.2
/// `runtimeConfig` properties included). Skips when the corpus is absent.
#[test]
fn corpus_documents_agree_with_the_catalog() {
    // Found by walking up, as the other corpus tests do, so a worktree in a
    // subdirectory does not skip it.
    let corpus = repo_root()
        .ancestors()
        .map(|d| d.join("shared/corpus"))
        .find(|c| c.join("MANIFEST.tsv").is_file())
        .unwrap_or_default();
    let Ok(manifest) = std::fs::read_to_string(corpus.join("MANIFEST.tsv")) else {
        eprintln!("corpus absent: skipped");
        return;
    };
    let catalog = catalog();
    let mut problems = Vec::new();
    let mut checked = 0usize;
    for line in manifest.lines().skip(1) {
        let Some(file) = line.split('\t').next_back() else {
            continue;
        };
        if !file.ends_with(".json") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(corpus.join(file)) else {
            continue;
        };
        let Ok(doc) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        let mut steps: Vec<(&str, &serde_json::Value)> = Vec::new();
        if let Some(main) = doc.get("mainSteps").and_then(|m| m.as_array()) {
            let mut stack: Vec<&serde_json::Value> = main.iter().collect();
            while let Some(step) = stack.pop() {
                let (Some(act), Some(inputs)) = (
                    step.get("action").and_then(|a| a.as_str()),
                    step.get("inputs"),
                ) else {
                    continue;
                };
                if act == "aws:loop" {
                    if let Some(body) = inputs.get("Steps").and_then(|s| s.as_array()) {
                        stack.extend(body.iter());
                    }
                }
                steps.push((act, inputs));
            }
        }
        if let Some(rc) = doc.get("runtimeConfig").and_then(|r| r.as_object()) {
            for (act, cfg) in rc {
                match cfg.get("properties") {
                    Some(serde_json::Value::Array(items)) => {
                        steps.extend(items.iter().map(|p| (act.as_str(), p)))
                    }
                    Some(p) => steps.push((act.as_str(), p)),
                    None => {}
                }
            }
        }
        for (act, inputs) in steps {
            let Some(sig) = catalog.action(act) else {
                problems.push(format!("{file}: unknown action {act}"));
                continue;
            };
            let Some(inputs) = inputs.as_object() else {
                continue;
            };
            checked += 1;
            let ignore_case = sig.allows(DocKind::Command);
            for key in inputs.keys() {
                let is_loop_body = act == "aws:loop" && key == "Steps";
                if !is_loop_body && !sig.any_input && sig.input(key, ignore_case).is_none() {
                    problems.push(format!("{act}: undeclared input {key} ({file})"));
                }
            }
            for required in sig.inputs.iter().filter(|i| i.required) {
                let present = inputs.keys().any(|k| {
                    if ignore_case {
                        k.eq_ignore_ascii_case(&required.name)
                    } else {
                        *k == required.name
                    }
                });
                if !present {
                    problems.push(format!(
                        "{act}: missing required {} ({file})",
                        required.name
                    ));
                }
            }
        }
    }
    assert!(checked > 1000, "only {checked} steps checked");
    // Known: AWS's fault-injection documents put the step property `maxAttempts`
    // inside the plugin's inputs, where the agent ignores it. It stays undeclared.
    problems.retain(|p| {
        !(p.starts_with("aws:runShellScript: undeclared input maxAttempts (")
            && p.contains("AWSFIS-"))
    });
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A project's own declarations, loaded on top of the stdlib through the real
/// parser: each mistake gets one diagnostic at its place.
#[test]
fn project_declarations_load_on_top_of_the_stdlib() {
    let source = r#"/// An action the catalog lacks.
extern action "aws:examplePutUpgradeMetric" for automation {
  input ..
}

/// Already in the catalog.
extern action "aws:runCommand" for automation {
  input DocumentName: String required
}

/// Declared twice in the project.
action "my:tool" for command {
  /// A list.
  input items: Stringlist required
  input other: String { allowedValue: ["a"] }
  output Result: Strng
}

@no_cancel_targets
action "my:tool" for command {
}
"#;
    let (mut sources, mut catalog, diags) = load();
    assert!(diags.is_empty());
    let file = sources.add("project/actions.rbk", source);
    let text = sources
        .get(file)
        .map(|f| f.text.clone())
        .expect("just added");
    let parsed = ssmc_core::syntax::parse(file, &text);
    assert!(
        parsed.diagnostics.is_empty(),
        "{}",
        render(&sources, &parsed.diagnostics)
    );
    let before = catalog.actions.len();
    let diags = ssmc_core::catalog::load_decls(&parsed.ast.items, &mut catalog);

    let extern_action = catalog
        .action("aws:examplePutUpgradeMetric")
        .expect("extern declared");
    assert!(extern_action.is_extern && extern_action.any_input);
    assert!(!catalog.action("aws:runCommand").expect("stdlib").is_extern);
    assert_eq!(
        catalog.actions.len(),
        before + 2,
        "the extern and the first my:tool"
    );

    let mut out = String::new();
    for d in &diags {
        let at = |span: ssmc_core::Span| {
            let lc = text_line_col(&sources, span);
            format!("{}:{}", lc.0, lc.1)
        };
        let _ = writeln!(
            out,
            "{} {} {}: {}",
            at(d.primary.span),
            d.severity.as_str(),
            d.code,
            d.message
        );
        for s in &d.secondary {
            let _ = writeln!(out, "    {} {}", at(s.span), s.text);
        }
        if let Some(h) = &d.help {
            let _ = writeln!(out, "    help: {h}");
        }
    }
    insta::assert_snapshot!(format!("--- SOURCE\n{source}--- DIAGNOSTICS\n{out}"));
}

fn text_line_col(sources: &SourceMap, span: ssmc_core::Span) -> (String, u32) {
    sources.get(span.file).map_or((String::new(), 0), |f| {
        let lc = f.lines.line_col(span.start);
        (format!("{}:{}", f.name, lc.line + 1), lc.col + 1)
    })
}

/// The catalog prepared ahead of time (`compiler/core/src/catalog/prepared_table.rs`)
/// is the one parsing the stdlib gives now; `UPDATE_DOCS=1` rewrites it.
#[test]
fn prepared_catalog_is_fresh() {
    let mut sources = SourceMap::new();
    let (parsed, diags, files) = ssmc_core::catalog::parse_stdlib(&mut sources);
    assert!(diags.is_empty(), "{}", render(&sources, &diags));
    let text = ssmc_core::catalog::prepared::render_table(&parsed, &files)
        .expect("every stdlib span is in a stdlib file");
    let path = repo_root().join("compiler/core/src/catalog/prepared_table.rs");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &text).expect("write prepared_table.rs");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "compiler/core/src/catalog/prepared_table.rs is stale (stdlib/actions changed): \
         run `UPDATE_DOCS=1 cargo test -p ssmc-tests prepared_catalog_is_fresh`"
    );
}

/// `load_stdlib` (the prepared table) gives exactly the catalog a parse gives,
/// spans included, also when the source map already holds other files.
#[test]
fn prepared_catalog_equals_parsed() {
    let mut parsed_sources = SourceMap::new();
    parsed_sources.add("user.rbk", "");
    let (parsed, _, _) = ssmc_core::catalog::parse_stdlib(&mut parsed_sources);
    let mut sources = SourceMap::new();
    sources.add("user.rbk", "");
    let (prepared, diags) = load_stdlib(&mut sources);
    assert!(diags.is_empty());
    assert!(!prepared.actions.is_empty());
    assert_eq!(format!("{prepared:#?}"), format!("{parsed:#?}"));
    let names = |s: &SourceMap| s.files().map(|f| f.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&sources), names(&parsed_sources));
}
