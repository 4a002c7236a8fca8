//! Property tests (proptest, bounded case counts so `cargo test` stays quick):
//! the parser, checker, linter and codegen never panic on arbitrary or
//! mutated-example text; the readers and importer never panic on arbitrary
//! JSON/YAML values; and a Secret never reaches a compiled output in plain
//! text (docs/robustness.md). Each runs on the test thread's default stack.

use proptest::prelude::*;
use ssmc_core::codegen::{self, read, Format};
use ssmc_core::lint::{source::lint_raw, source::lint_rbk, LintConfig};
use ssmc_core::lower::NoFiles;
use ssmc_core::{catalog, fmt, import, pipeline, syntax, Diagnostic, FileId, SourceMap};

/// Compiles, lints and (when clean) emits `text` as one `.rbk` file.
fn whole_pipeline(text: &str) -> (bool, Vec<String>) {
    let parsed = syntax::parse(FileId(0), text);
    if !parsed.diagnostics.iter().any(Diagnostic::is_error) {
        let _ = fmt::format_file(&parsed.ast, Some(text));
    }
    let mut sources = SourceMap::new();
    let file = sources.add("prop.rbk", text);
    let result = pipeline::compile(&mut sources, &[file], &NoFiles);
    let _ = lint_rbk(
        file,
        text,
        &result.catalog,
        &LintConfig::default(),
        &NoFiles,
    );
    if result.has_errors() {
        return (false, Vec::new());
    }
    let outputs = result
        .documents()
        .flat_map(|(_, d)| {
            [
                codegen::emit(d, Format::Json),
                codegen::emit(d, Format::Yaml),
            ]
        })
        .collect();
    (true, outputs)
}

/// Reads `text` as a document in `format`, then lints and imports it.
fn whole_reader(text: &str, format: Format) {
    let mut sources = SourceMap::new();
    let (cat, _) = catalog::load_stdlib(&mut sources);
    let file = sources.add("prop", text);
    let norm = sources
        .get(file)
        .map(|f| f.text.clone())
        .unwrap_or_default();
    let _ = lint_raw(file, "prop", &norm, format, &cat, &LintConfig::default());
    if let Ok(doc) = read::read_document(file, "prop", &norm, format) {
        let imported = import::import_document(&doc, &cat);
        let printed = fmt::format_file(&imported.ast, None);
        // What the importer prints is a source the compiler takes in again.
        let _ = whole_pipeline(&printed);
    }
}

fn examples() -> Vec<String> {
    let mut out: Vec<String> = ssmc_tests::files_in("examples", "rbk")
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("example"))
        .collect();
    out.sort();
    out
}

/// Syntax-heavy pieces, so random text often gets past the lexer.
const SPICE: &[&str] = &[
    "automation A {",
    "command C {",
    "}",
    "{",
    "[",
    "]",
    "(",
    ")",
    "step S = aws:sleep ",
    "param P: String",
    " = ",
    "\"",
    "'",
    ":",
    ",",
    "\n",
    "//",
    "///",
    "{{ P }}",
    "if ",
    "else ",
    "match ",
    "guard ",
    "goto ",
    "end",
    "->",
    "secret",
    "ssm_secure(\"/x\")",
    "#\"",
    "\"#",
    "é",
    "\u{0}",
    "\u{feff}",
    "\t",
    "1.5",
    "-3",
    "true",
    "raw ",
    "file(\"x\")",
    "lines ",
];

fn spicy_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(SPICE).prop_map(str::to_string),
            1 => "[a-zA-Z0-9_ .:]{0,8}",
            1 => any::<char>().prop_map(String::from),
        ],
        0..64,
    )
    .prop_map(|parts| parts.concat())
}

/// An edit: (kind, position, length, spice) applied to a char vector.
type Edit = (u8, usize, usize, usize);

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(kind, pos, len, spice) in edits {
        let n = chars.len();
        let at = if n == 0 { 0 } else { pos % (n + 1) };
        let len = len.min(n - at);
        match kind % 4 {
            0 => {
                chars.drain(at..at + len);
            }
            1 => {
                let copy: Vec<char> = chars.get(at..at + len).unwrap_or_default().to_vec();
                let to = if n == 0 {
                    0
                } else {
                    pos.wrapping_mul(31) % (n + 1)
                };
                chars.splice(to.min(chars.len())..to.min(chars.len()), copy);
            }
            2 => {
                let s = SPICE.get(spice % SPICE.len()).copied().unwrap_or("{");
                chars.splice(at..at, s.chars());
            }
            _ => chars.truncate(at),
        }
    }
    chars.into_iter().collect()
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        prop_oneof![
            Just("aws:sleep".to_string()),
            Just("aws:runShellScript".to_string()),
            Just("{{ P }}".to_string()),
            Just("0.3".to_string()),
            Just("2.2".to_string()),
            ".{0,12}",
        ]
        .prop_map(serde_json::Value::from),
    ];
    let key = prop_oneof![
        Just("schemaVersion".to_string()),
        Just("mainSteps".to_string()),
        Just("parameters".to_string()),
        Just("name".to_string()),
        Just("action".to_string()),
        Just("inputs".to_string()),
        Just("nextStep".to_string()),
        Just("isEnd".to_string()),
        Just("outputs".to_string()),
        Just("type".to_string()),
        Just("default".to_string()),
        "[a-zA-Z]{1,8}",
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            prop::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|kv| serde_json::Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn pipeline_never_panics_on_arbitrary_text(text in spicy_text()) {
        let _ = whole_pipeline(&text);
    }

    #[test]
    fn pipeline_never_panics_on_mutated_examples(
        which in any::<usize>(),
        edits in prop::collection::vec((any::<u8>(), any::<usize>(), 0usize..16, any::<usize>()), 1..5),
    ) {
        let all = examples();
        let base = all.get(which % all.len().max(1)).cloned().unwrap_or_default();
        let _ = whole_pipeline(&apply(&base, &edits));
    }

}

proptest! {
    // Each case reads, lints, imports and recompiles: fewer cases keep it quick.
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn readers_never_panic_on_arbitrary_values(value in json_value(), top in json_value()) {
        // Often an SSM-shaped top level, so the model mapping and importer run too.
        let doc = serde_json::json!({"schemaVersion": "0.3", "mainSteps": [value.clone()], "x": top});
        for v in [&value, &doc] {
            let json = serde_json::to_string_pretty(v).expect("json");
            whole_reader(&json, Format::Json);
            let yaml = serde_yaml_ng::to_string(v).expect("yaml");
            whole_reader(&yaml, Format::Yaml);
        }
    }

    #[test]
    fn readers_never_panic_on_arbitrary_text(text in ".{0,200}", yaml in "[-:&*!|>{}\\[\\], \na-z0-9#'\"]{0,200}") {
        whole_reader(&text, Format::Json);
        whole_reader(&text, Format::Yaml);
        whole_reader(&yaml, Format::Yaml);
    }
}

/// Where a generated program uses its secret.
#[derive(Clone, Copy, Debug)]
enum Sink {
    /// `aws:runCommand` `Parameters` (allowed).
    RunCommandParameters,
    /// An input of a Command document step (allowed).
    CommandStepInput,
    /// `aws:executeAwsApi` input (forbidden: logged).
    ApiInput,
    /// `aws:approve` `Message` (forbidden).
    ApproveMessage,
    /// A plain parameter's default (forbidden).
    PlainDefault,
    /// A variable's default (forbidden: shown in the execution's details).
    VarDefault,
}

const SINKS: [Sink; 6] = [
    Sink::RunCommandParameters,
    Sink::CommandStepInput,
    Sink::ApiInput,
    Sink::ApproveMessage,
    Sink::PlainDefault,
    Sink::VarDefault,
];

impl Sink {
    fn allowed(self) -> bool {
        matches!(self, Sink::RunCommandParameters | Sink::CommandStepInput)
    }
}

/// A program whose secret parameter `Pw` has `default` and is used through
/// `expr` in each of `sinks`; the Command sink makes it a Command document.
fn secret_program(default: &str, expr: &str, sinks: &[Sink]) -> String {
    let command = sinks.iter().any(|s| matches!(s, Sink::CommandStepInput));
    let mut out = String::new();
    if command {
        out.push_str("/// Generated.\ncommand Gen {\n");
        out.push_str(&format!("  param Pw: String secret = {default}\n"));
        out.push_str(&format!(
            "  /// Run.\n  step Run = aws:runShellScript {{ runCommand: [{expr}] }}\n"
        ));
        out.push_str("}\n");
        return out;
    }
    out.push_str("/// Generated.\nautomation Gen {\n");
    out.push_str(&format!("  param Pw: String secret = {default}\n"));
    let mut n = 0;
    for sink in sinks {
        n += 1;
        match sink {
            Sink::PlainDefault => out.push_str(&format!("  param Plain{n}: String = {expr}\n")),
            Sink::RunCommandParameters => out.push_str(&format!(
                "  step S{n} = aws:runCommand {{\n    DocumentName: \"ConfigureDb\",\n    InstanceIds: [\"i-0123456789abcdef0\"],\n    Parameters: {{ password: [{expr}] }},\n  }}\n"
            )),
            Sink::ApiInput => out.push_str(&format!(
                "  step S{n} = aws:executeAwsApi {{ Service: \"ssm\", Api: \"PutParameter\", Name: \"/app/copy\", Value: {expr} }}\n"
            )),
            Sink::ApproveMessage => out.push_str(&format!(
                "  step S{n} = aws:approve {{ Approvers: [\"arn:aws:iam::123456789012:role/a\"], Message: {expr} }}\n"
            )),
            Sink::VarDefault => out.push_str(&format!("  var V{n}: String = {expr}\n")),
            Sink::CommandStepInput => {}
        }
    }
    if sinks
        .iter()
        .all(|s| matches!(s, Sink::PlainDefault | Sink::VarDefault))
    {
        out.push_str("  step Wait = aws:sleep { Duration: \"PT1S\" }\n");
    }
    out.push_str("}\n");
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    /// A Secret never reaches a compiled output in plain text: a secret
    /// parameter with a plaintext default is rejected, a secret used in a
    /// logged place is rejected, and an accepted program's output holds only
    /// references (`{{ Pw }}`, `{{ssm-secure:…}}`), never the plaintext.
    #[test]
    fn a_secret_never_reaches_an_output_in_plain_text(
        token in "[A-Za-z0-9]{12,20}",
        default_kind in 0u8..3,
        expr_kind in 0u8..3,
        sinks in prop::collection::vec(prop::sample::select(&SINKS[..]), 1..4),
    ) {
        let plaintext = format!("PLAIN{token}");
        let default = match default_kind {
            0 => format!("ssm_secure(\"/app/{token}\")"),
            1 => format!("\"{{{{ssm-secure:/app/{token}}}}}\""),
            _ => format!("\"{plaintext}\""),
        };
        let expr = match expr_kind {
            0 => "Pw".to_string(),
            1 => "\"user:{{ Pw }}\"".to_string(),
            _ => format!("ssm_secure(\"/other/{token}\")"),
        };
        // A Command document has only its one step: the other sinks are automation-only.
        let sinks = if sinks.iter().any(|s| matches!(s, Sink::CommandStepInput)) {
            vec![Sink::CommandStepInput]
        } else {
            sinks
        };
        let src = secret_program(&default, &expr, &sinks);
        let mut sources = SourceMap::new();
        let file = sources.add("gen.rbk", &src);
        let result = pipeline::compile(&mut sources, &[file], &NoFiles);
        let codes: Vec<&str> = result.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.code.as_str()).collect();
        let forbidden = sinks.iter().any(|s| !s.allowed());
        if default_kind == 2 {
            prop_assert!(codes.contains(&"E3002"), "plaintext default accepted:\n{src}\n{codes:?}");
        }
        if forbidden {
            prop_assert!(codes.contains(&"E3001"), "secret in a logged place accepted:\n{src}\n{codes:?}");
        }
        if result.has_errors() {
            // Only the secret rules may reject these programs: anything else
            // means the generator wrote a program the test does not intend.
            prop_assert!(
                codes.iter().all(|c| *c == "E3001" || *c == "E3002"),
                "unexpected errors:\n{src}\n{codes:?}"
            );
        } else {
            prop_assert!(default_kind != 2 && !forbidden);
            for (_, doc) in result.documents() {
                for format in [Format::Json, Format::Yaml] {
                    let out = codegen::emit(doc, format);
                    prop_assert!(!out.contains(&plaintext), "plaintext in output:\n{out}");
                }
            }
        }
    }
}

/// The template fixtures (`tests/fixtures/embed`): name and text.
fn templates() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/embed");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    Some((name, std::fs::read_to_string(e.path()).ok()?))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Judges `text` as the file `name`; every finding must lie in that file, on
/// character boundaries of its text (an embedded document's findings are
/// mapped back into the template).
fn judge_template(name: &str, text: &str) {
    use ssmc_core::verdict::{self, Input, Kind};
    let mut sources = SourceMap::new();
    let (catalog, stdlib) = catalog::load_stdlib(&mut sources);
    let file = sources.add(name, text);
    let normal = sources.get(file).map(|f| f.text.clone()).expect("added");
    let inputs = [Input {
        file,
        kind: Kind::of_file(name, text),
        name: "t".to_string(),
        lint: true,
    }];
    let config = LintConfig::default();
    let options = verdict::Options {
        lint: &config,
        external: None,
    };
    let v = verdict::judge(&mut sources, &inputs, &NoFiles, catalog, stdlib, options);
    for d in &v.diagnostics {
        for span in std::iter::once(d.primary.span).chain(d.secondary.iter().map(|l| l.span)) {
            assert_eq!(span.file, file, "{d:?}");
            assert!(span.start <= span.end, "{d:?}");
            assert!(
                normal.get(span.range()).is_some(),
                "{d:?} is not on character boundaries"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_templates_never_panic_and_findings_stay_in_the_template(
        which in any::<usize>(),
        edits in prop::collection::vec((any::<u8>(), any::<usize>(), 0usize..16, any::<usize>()), 1..5),
    ) {
        let all = templates();
        prop_assume!(!all.is_empty());
        let (name, base) = &all[which % all.len()];
        judge_template(name, &apply(base, &edits));
    }

    #[test]
    fn arbitrary_terraform_and_template_text_never_panics(
        text in "[-<>${}%\"\\\\=\\[\\]():!|\n a-zA-Z0-9#.]{0,200}",
    ) {
        judge_template("main.tf", &format!("resource \"aws_ssm_document\" \"d\" {{\n  content = <<-EOF\n{text}\nEOF\n}}\n"));
        judge_template("main.tf", &text);
        judge_template("stack.yaml", &format!("AWSTemplateFormatVersion: x\nResources:\n  D:\n    Type: AWS::SSM::Document\n    Properties:\n      Content: !Sub |\n        {text}\n"));
        judge_template("stack.json", &format!("{{\"Resources\": {{\"D\": {{\"Type\": \"AWS::SSM::Document\", \"Properties\": {{\"Content\": {}}}}}}}}}", serde_json::to_string(&text).unwrap_or_default()));
    }
}
