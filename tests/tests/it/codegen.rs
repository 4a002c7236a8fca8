//! Codegen and readers over the real corpus and over hand-made edge cases.

use ssmc_core::codegen::read::{self, document_from_node, parse_json, parse_yaml, Format};
use ssmc_core::codegen::{emit_json, emit_yaml, to_node};
use ssmc_core::model::{Key, Node, Value};
use ssmc_core::span::{FileId, LineIndex, Span};
use ssmc_core::Diagnostic;
use ssmc_tests::corpus_dir;

struct CorpusDoc {
    file: String,
    schema_version: String,
    format: Format,
    text: String,
}

fn corpus() -> Option<Vec<CorpusDoc>> {
    let dir = corpus_dir()?;
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("manifest");
    let docs = manifest
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let file = cols[6].to_string();
            let text = std::fs::read_to_string(dir.join(&file)).expect("corpus file");
            CorpusDoc {
                format: Format::from_path_ext(&file).expect("json or yaml"),
                schema_version: cols[3].to_string(),
                file,
                text,
            }
        })
        .collect();
    Some(docs)
}

fn stem(file: &str) -> &str {
    let base = file.rsplit('/').next().unwrap_or(file);
    base.rsplit_once('.').map_or(base, |(s, _)| s)
}

/// Our value tree as serde_json, to compare with other readers.
pub(crate) fn to_json(node: &Node) -> serde_json::Value {
    match &node.value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Int(i) => serde_json::Value::from(*i),
        Value::Float(f) => serde_json::Number::from_f64(*f)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::List(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => serde_json::Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.name.clone(), to_json(v)))
                .collect(),
        ),
    }
}

/// The path of the first difference between two values, with both sides.
pub(crate) fn first_difference(
    a: &serde_json::Value,
    b: &serde_json::Value,
    path: &str,
) -> Option<String> {
    use serde_json::Value as J;
    match (a, b) {
        (J::Object(x), J::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    Some(w) => {
                        if let Some(d) = first_difference(v, w, &format!("{path}/{k}")) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{path}/{k}: missing on the right")),
                }
            }
            (x.len() != y.len()).then(|| format!("{path}: extra keys on the right"))
        }
        (J::Array(x), J::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| first_difference(v, w, &format!("{path}[{i}]"))),
        _ => (a != b).then(|| format!("{path}: {a} vs {b}")),
    }
}

/// Every span of the tree (keys included) slices the normalised text.
fn spans_are_sliceable(node: &Node, raw: &str) {
    let text = ssmc_core::span::normalize_source(raw);
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        assert!(
            text.get(n.span.range()).is_some(),
            "bad span {:?} in {raw:?}",
            n.span
        );
        match &n.value {
            Value::List(items) => stack.extend(items),
            Value::Map(entries) => {
                for (k, v) in entries {
                    assert!(
                        text.get(k.span.range()).is_some(),
                        "bad key span {:?} in {raw:?}",
                        k.span
                    );
                    stack.push(v);
                }
            }
            _ => {}
        }
    }
}

fn render(text: &str, d: &Diagnostic) -> String {
    let index = LineIndex::new(&ssmc_core::span::normalize_source(text));
    let at = index.line_col(d.primary.span.start);
    let mut out = format!(
        "--- INPUT\n{text}\n--- ERROR\n{} at {}:{}: {}\n",
        d.code,
        at.line + 1,
        at.col + 1,
        d.message
    );
    out.push_str(&format!("  label: {}\n", d.primary.text));
    if let Some(help) = &d.help {
        out.push_str(&format!("  help: {help}\n"));
    }
    out
}

#[test]
fn corpus_round_trips_exactly_through_json_and_yaml() {
    let Some(docs) = corpus() else {
        eprintln!("skipped: shared/corpus not found");
        return;
    };
    let mut failures = Vec::new();
    let (mut json_ok, mut yaml_ok, mut serde_ok) = (0, 0, 0);
    for doc in &docs {
        let original = read::parse(FileId(0), &doc.text, doc.format)
            .unwrap_or_else(|d| panic!("{}: {d:?}", doc.file));
        // Our readers agree with an independent reader on the original file.
        let independent: serde_json::Value = match doc.format {
            Format::Json => serde_json::from_str(&doc.text).expect("serde_json"),
            Format::Yaml => serde_yaml_ng::from_str(&doc.text).expect("serde_yaml_ng"),
        };
        if let Some(diff) = first_difference(&to_json(&original), &independent, "") {
            failures.push(format!(
                "{}: our reader differs from serde on the original at {diff}",
                doc.file
            ));
        }
        spans_are_sliceable(&original, &doc.text);
        let model = match document_from_node(stem(&doc.file), &original) {
            Ok(m) => m,
            Err(e) => {
                failures.push(format!("{}: document_from_node: {:?}", doc.file, e));
                continue;
            }
        };
        assert_eq!(
            model.schema_version.as_str(),
            Some(doc.schema_version.as_str())
        );
        let node = to_node(&model);
        let json = emit_json(&node);
        match parse_json(FileId(1), &json) {
            Ok(back) if back.value.same(&original.value) => json_ok += 1,
            Ok(_) => failures.push(format!("{}: JSON value differs", doc.file)),
            Err(d) => failures.push(format!("{}: emitted JSON does not parse: {d:?}", doc.file)),
        }
        let yaml = emit_yaml(&node);
        match parse_yaml(FileId(2), &yaml) {
            Ok(back) if back.value.same(&original.value) => yaml_ok += 1,
            Ok(_) => failures.push(format!("{}: YAML value differs", doc.file)),
            Err(d) => failures.push(format!("{}: emitted YAML does not parse: {d:?}", doc.file)),
        }
        match serde_yaml_ng::from_str::<serde_json::Value>(&yaml) {
            Ok(v) if v == to_json(&original) => serde_ok += 1,
            Ok(_) => failures.push(format!(
                "{}: serde_yaml_ng reads our YAML differently",
                doc.file
            )),
            Err(e) => failures.push(format!(
                "{}: serde_yaml_ng cannot read our YAML: {e}",
                doc.file
            )),
        }
    }
    println!(
        "{} corpus documents: JSON exact {json_ok}, YAML exact {yaml_ok}, serde_yaml_ng agrees {serde_ok}",
        docs.len()
    );
    for f in &failures {
        println!("FAIL {f}");
    }
    assert!(failures.is_empty(), "{} failures", failures.len());
    assert_eq!(json_ok, docs.len());
}

const TRICKY: &[&str] = &[
    "true",
    "True",
    "TRUE",
    "false",
    "yes",
    "Yes",
    "no",
    "NO",
    "on",
    "On",
    "off",
    "OFF",
    "y",
    "Y",
    "n",
    "N",
    "null",
    "Null",
    "NULL",
    "~",
    "",
    " ",
    "  leading",
    "trailing ",
    "1",
    "-1",
    "+1",
    "1.0",
    "1.",
    ".5",
    "-.5",
    "1e3",
    "1E3",
    "1.0e+3",
    "0777",
    "0o17",
    "0x1F",
    "0b101",
    "1_000",
    "1:30",
    "190:20:30",
    "2020-01-01",
    "2001-12-14t21:59:43.10-05:00",
    ".inf",
    "-.inf",
    ".NaN",
    "inf",
    "nan",
    "Infinity",
    "<<",
    "=",
    "- item",
    "-",
    "--",
    "---",
    "...",
    "? q",
    "?",
    ":",
    "a: b",
    "a:",
    "a #b",
    "#comment",
    "a#b",
    "&anchor",
    "*alias",
    "!tag",
    "|",
    ">",
    "'single'",
    "\"double\"",
    "%percent",
    "@at",
    "`tick",
    "{{ Param }}",
    "[x]",
    "{a: b}",
    ",comma",
    "step:Next",
    "arn:aws:iam::{{ global:ACCOUNT_ID }}:role/x",
    "tab\there",
    "\ttab",
    "line\nbreak",
    "ends with newline\n",
    "two newlines\n\n",
    "\nstarts with newline",
    "  indented\nnext",
    "trailing space \nline",
    "ctrl\u{1}char",
    "del\u{7f}",
    "nel\u{85}x",
    "ls\u{2028}x",
    "bom\u{feff}x",
    "é unicode ✓",
    "😀",
    "\\backslash",
    "quote\"inside",
    "C:\\Windows\\path",
    "${HOME}",
    "python3.11",
    "PowerShell 7.4",
    "echo 'yes: no'",
    "#!/bin/bash\nset -e\n",
    "\n",
    "\n\n",
    " \n ",
];

#[test]
fn tricky_strings_survive_yaml_both_ways() {
    for s in TRICKY {
        for as_key in [false, true] {
            let value = Node::new(Value::String((*s).to_string()), Span::default());
            let node = if as_key {
                Node::new(
                    Value::Map(vec![(
                        Key {
                            name: (*s).to_string(),
                            span: Span::default(),
                        },
                        Node::new(Value::Int(1), Span::default()),
                    )]),
                    Span::default(),
                )
            } else {
                Node::new(
                    Value::Map(vec![(
                        Key {
                            name: "k".into(),
                            span: Span::default(),
                        },
                        value,
                    )]),
                    Span::default(),
                )
            };
            let yaml = emit_yaml(&node);
            let ours =
                parse_yaml(FileId(0), &yaml).unwrap_or_else(|d| panic!("{s:?} as {yaml:?}: {d:?}"));
            assert!(
                ours.value.same(&node.value),
                "our reader: {s:?} emitted as {yaml:?}"
            );
            let theirs: serde_json::Value =
                serde_yaml_ng::from_str(&yaml).unwrap_or_else(|e| panic!("{s:?} as {yaml:?}: {e}"));
            assert_eq!(
                theirs,
                to_json(&node),
                "serde_yaml_ng: {s:?} emitted as {yaml:?}"
            );
            // Also as a list item, where block scalars sit after `- `.
            let list = Node::new(
                Value::List(vec![Node::new(
                    Value::String((*s).to_string()),
                    Span::default(),
                )]),
                Span::default(),
            );
            let yaml = emit_yaml(&list);
            assert!(
                parse_yaml(FileId(0), &yaml)
                    .expect("list")
                    .value
                    .same(&list.value),
                "{s:?} in a list as {yaml:?}"
            );
            let theirs: serde_json::Value = serde_yaml_ng::from_str(&yaml).expect("serde list");
            assert_eq!(
                theirs,
                to_json(&list),
                "serde_yaml_ng list: {s:?} as {yaml:?}"
            );
        }
    }
}

#[test]
fn schema_version_is_always_quoted() {
    let node = parse_json(FileId(0), r#"{"schemaVersion": "two", "x": "two"}"#).unwrap();
    assert_eq!(emit_yaml(&node), "schemaVersion: \"two\"\nx: two\n");
}

fn json_error(text: &str) -> String {
    render(text, &parse_json(FileId(0), text).expect_err("should fail"))
}

fn yaml_error(text: &str) -> String {
    render(text, &parse_yaml(FileId(0), text).expect_err("should fail"))
}

#[test]
fn json_errors_are_located_with_hints() {
    insta::assert_snapshot!(json_error("{\n  \"a\": 1,\n  \"b\": 2,\n}"));
    insta::assert_snapshot!(json_error("{\n  \"a\": 1\n  \"b\": 2\n}"));
    insta::assert_snapshot!(json_error("{\"a\": 'x'}"));
    insta::assert_snapshot!(json_error("{\"a\": \"unterminated\n}"));
    insta::assert_snapshot!(json_error("{\"a\": [1, 2"));
    insta::assert_snapshot!(json_error("// comment\n{}"));
    insta::assert_snapshot!(json_error("{\"a\": True}"));
    insta::assert_snapshot!(json_error("{\"a\": 0777}"));
}

#[test]
fn yaml_errors_are_located_with_hints() {
    insta::assert_snapshot!(yaml_error("a: b: c\n"));
    insta::assert_snapshot!(yaml_error("a:\n  - x\n y: 1\n"));
    insta::assert_snapshot!(yaml_error("a: 1\n---\nb: 2\n"));
    insta::assert_snapshot!(yaml_error("a: \"open\n"));
    insta::assert_snapshot!(yaml_error("? [a]\n: 1\n"));
}

#[test]
fn alias_bomb_is_refused() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let p = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let err = parse_yaml(FileId(0), &text).expect_err("bomb");
    assert_eq!(err.message, "YAML aliases expand to more than 100000 nodes");
    assert_eq!(err.code, read::codes::ALIAS_BOMB);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let worker = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            let deep_json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
            let err = parse_json(FileId(0), &deep_json).expect_err("too deep");
            assert_eq!(err.code, read::codes::TOO_DEEP);
            assert_eq!(err.primary.span.start, 128);
            let deep_obj = "{\"a\":".repeat(100_000);
            assert_eq!(
                parse_json(FileId(0), &deep_obj).expect_err("too deep").code,
                read::codes::TOO_DEEP
            );
            let deep_yaml = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
            assert_eq!(
                parse_yaml(FileId(0), &deep_yaml)
                    .expect_err("too deep")
                    .code,
                read::codes::TOO_DEEP
            );
            let mut block = String::new();
            for i in 0..2_000 {
                block.push_str(&" ".repeat(i));
                block.push_str("a:\n");
            }
            assert_eq!(
                parse_yaml(FileId(0), &block).expect_err("too deep").code,
                read::codes::TOO_DEEP
            );
            // Aliases cannot smuggle depth past the limit either.
            let nested = format!(
                "a: &a {}{}\nb: {}*a{}\n",
                "[".repeat(100),
                "]".repeat(100),
                "[".repeat(60),
                "]".repeat(60)
            );
            assert_eq!(
                parse_yaml(FileId(0), &nested).expect_err("too deep").code,
                read::codes::TOO_DEEP
            );
            // Exactly at the limit is fine.
            let ok = format!("{}{}", "[".repeat(128), "]".repeat(128));
            assert!(parse_json(FileId(0), &ok).is_ok());
            assert!(parse_yaml(FileId(0), &ok).is_ok());
        })
        .expect("spawn");
    worker.join().expect("no stack overflow");
}

#[test]
fn huge_flat_files_are_fine() {
    let n = 50_000;
    let mut json = String::from("{");
    let mut yaml = String::new();
    for i in 0..n {
        if i > 0 {
            json.push(',');
        }
        json.push_str(&format!("\"k{i}\": [{i}, \"v\"]"));
        yaml.push_str(&format!("k{i}: [{i}, v]\n"));
    }
    json.push('}');
    let a = parse_json(FileId(0), &json).expect("json");
    let b = parse_yaml(FileId(0), &yaml).expect("yaml");
    assert_eq!(a.as_map().unwrap().len(), n);
    // `Value::same` is quadratic in map size; compare through hashed maps.
    assert_eq!(to_json(&a), to_json(&b));
    let again = parse_json(FileId(0), &emit_json(&a)).expect("re-read");
    assert_eq!(to_json(&again), to_json(&a));
    let again = parse_yaml(FileId(0), &emit_yaml(&a)).expect("re-read yaml");
    assert_eq!(to_json(&again), to_json(&a));
}

#[test]
fn readers_accept_bom_and_crlf() {
    let json = "\u{feff}{\r\n  \"a\": \"x\"\r\n}\r\n";
    let yaml = "\u{feff}a: |\r\n  one\r\n  two\r\n";
    assert_eq!(
        parse_json(FileId(0), json)
            .unwrap()
            .get("a")
            .unwrap()
            .as_str(),
        Some("x")
    );
    assert_eq!(
        parse_yaml(FileId(0), yaml)
            .unwrap()
            .get("a")
            .unwrap()
            .as_str(),
        Some("one\ntwo\n")
    );
}

fn validator(version: &str) -> jsonschema::Validator {
    let text = ssmc_core::codegen::schema::schema_for(version).expect("schema");
    let schema: serde_json::Value = serde_json::from_str(text).expect("schema JSON");
    jsonschema::validator_for(&schema).expect("valid schema")
}

/// Corpus documents the schemas may reject, with the reason (docs/schemas.md).
/// Empty: every 2.2 and 0.3 corpus document validates.
const SCHEMA_EXCEPTIONS: &[(&str, &str)] = &[];

#[test]
fn corpus_documents_pass_the_schemas() {
    let Some(docs) = corpus() else {
        eprintln!("skipped: shared/corpus not found");
        return;
    };
    let validators = [("2.2", validator("2.2")), ("0.3", validator("0.3"))];
    let (mut passed, mut total) = (0, 0);
    let mut unexpected = Vec::new();
    for doc in &docs {
        let Some((_, v)) = validators.iter().find(|(sv, _)| *sv == doc.schema_version) else {
            continue;
        };
        total += 1;
        let node = read::parse(FileId(0), &doc.text, doc.format).expect("corpus parses");
        let value = to_json(&node);
        let errors: Vec<String> = v
            .iter_errors(&value)
            .map(|e| format!("{}: {e}", e.instance_path))
            .collect();
        if errors.is_empty() {
            passed += 1;
        } else if !SCHEMA_EXCEPTIONS.iter().any(|(f, _)| *f == doc.file) {
            unexpected.push(format!("{}: {}", doc.file, errors.join("; ")));
        }
    }
    println!("{passed}/{total} corpus documents pass the schemas");
    for u in &unexpected {
        println!("FAIL {u}");
    }
    assert!(
        unexpected.is_empty(),
        "{} unexplained schema failures",
        unexpected.len()
    );
    assert!(total > 0);
    assert!(passed + SCHEMA_EXCEPTIONS.len() >= total);
}

fn errors_of(version: &str, doc: &serde_json::Value) -> Vec<String> {
    validator(version)
        .iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path))
        .collect()
}

#[test]
fn schemas_reject_broken_documents() {
    use serde_json::json;
    let good_cmd = json!({"schemaVersion": "2.2", "description": "d", "mainSteps": [
        {"action": "aws:runShellScript", "name": "run", "inputs": {"runCommand": ["echo hi"]},
         "precondition": {"StringEquals": ["platformType", "Linux"]}}]});
    assert_eq!(errors_of("2.2", &good_cmd), Vec::<String>::new());
    let good_auto = json!({"schemaVersion": "0.3", "assumeRole": "{{ AutomationAssumeRole }}",
        "parameters": {"AutomationAssumeRole": {"type": "AWS::IAM::Role::Arn", "default": ""}},
        "mainSteps": [{"name": "wait", "action": "aws:sleep", "inputs": {"Duration": "PT1M"},
                       "isCritical": "false", "timeoutSeconds": "600", "onFailure": "step:done"},
                      {"name": "done", "action": "aws:examplePutUpgradeMetric", "inputs": {"MetricName": "m"}}]});
    assert_eq!(errors_of("0.3", &good_auto), Vec::<String>::new());

    let broken: &[(&str, serde_json::Value, &str)] = &[
        ("2.2", json!({"schemaVersion": "2.2"}), "mainSteps"),
        (
            "0.3",
            json!({"schemaVersion": "0.3", "description": "x"}),
            "mainSteps",
        ),
        (
            "0.3",
            json!({"schemaVersion": "0.3", "mainSteps": [{"name": "bad-name", "action": "aws:sleep", "inputs": {"Duration": "PT1M"}}]}),
            "/mainSteps/0/name",
        ),
        (
            "2.2",
            json!({"schemaVersion": "2.2", "mainSteps": [{"name": "a b", "action": "aws:runShellScript", "inputs": {"runCommand": []}}]}),
            "/mainSteps/0/name",
        ),
        (
            "0.3",
            json!({"schemaVersion": "0.3", "mainSteps": [{"name": "s", "action": "aws:sleep", "inputs": {"Duration": "PT1M"}, "maxAttempts": "3"}]}),
            "/mainSteps/0/maxAttempts",
        ),
        (
            "2.2",
            json!({"schemaVersion": "2.2", "mainSteps": [{"name": "s", "action": "aws:runShellScript", "inputs": {"runCommand": []}, "maxAttempts": "3"}]}),
            "/mainSteps/0/maxAttempts",
        ),
        (
            "0.3",
            json!({"schemaVersion": "0.3", "mainStep": [], "mainSteps": [{"name": "s", "action": "aws:pause", "inputs": {}}]}),
            "mainStep",
        ),
        (
            "2.2",
            json!({"schemaVersion": "2.2", "assumeRole": "x", "mainSteps": [{"name": "s", "action": "aws:runShellScript", "inputs": {"runCommand": []}}]}),
            "assumeRole",
        ),
        (
            "0.3",
            json!({"schemaVersion": "0.3", "mainSteps": [{"name": "s", "action": "aws:executeScript", "inputs": {"Handler": "h"}}]}),
            "Runtime",
        ),
        (
            "2.2",
            json!({"schemaVersion": "2.2", "mainSteps": [{"name": "s", "action": "aws:runShellScript", "inputs": {"commands": []}}]}),
            "/mainSteps/0/inputs",
        ),
        (
            "0.3",
            json!({"schemaVersion": "0.3", "mainSteps": [{"name": "s", "action": "aws:pause", "inputs": {}, "onFailure": "Retry"}]}),
            "/mainSteps/0/onFailure",
        ),
        (
            "0.3",
            json!({"schemaVersion": "0.3", "mainSteps": [{"name": "L", "action": "aws:loop", "inputs": {"Steps": [{"name": "x-y", "action": "aws:pause", "inputs": {}}]}}]}),
            "/mainSteps/0/inputs/Steps/0/name",
        ),
    ];
    for (version, doc, needle) in broken {
        let errors = errors_of(version, doc);
        assert!(!errors.is_empty(), "schema {version} accepted {doc}");
        assert!(
            errors.iter().any(|e| e.contains(needle)),
            "{doc}: expected an error about {needle}, got {errors:?}"
        );
    }
}

#[test]
fn long_keys_use_explicit_key_syntax() {
    let long = "k".repeat(2_000);
    let sp = Span::default();
    let inner = Node::new(
        Value::Map(vec![(
            Key {
                name: "a".into(),
                span: sp,
            },
            Node::new(Value::Int(1), sp),
        )]),
        sp,
    );
    let node = Node::new(
        Value::Map(vec![
            (
                Key {
                    name: long.clone(),
                    span: sp,
                },
                inner,
            ),
            (
                Key {
                    name: format!("{long}x"),
                    span: sp,
                },
                Node::new(Value::String("two\nlines".into()), sp),
            ),
        ]),
        sp,
    );
    let list = Node::new(Value::List(vec![node.clone()]), sp);
    for n in [&node, &list] {
        let yaml = emit_yaml(n);
        assert!(yaml.contains("? "), "{yaml}");
        assert!(parse_yaml(FileId(0), &yaml)
            .expect("ours")
            .value
            .same(&n.value));
        let theirs: serde_json::Value = serde_yaml_ng::from_str(&yaml).expect("serde_yaml_ng");
        assert_eq!(theirs, to_json(n));
    }
}

#[test]
fn readers_never_panic_on_damaged_input() {
    let samples = [
        "schemaVersion: '0.3'\nmainSteps:\n  - name: a\n    action: aws:sleep\n    inputs: {Duration: PT1M}\n    x: &a [1, *a]\n",
        "{\"schemaVersion\": \"2.2\", \"mainSteps\": [{\"name\": \"a\", \"inputs\": {\"runCommand\": [\"echo \\u00e9\"]}}]}",
        "a: |2-\n    x\n  y\nb: >+\n  z\n\n? [k]\n: v\n--- !tag\n%YAML 1.2\n",
    ];
    let damage = [
        '"', '\'', '[', '{', ']', '}', ':', '-', '\t', '\n', '&', '*', '!', '|', '>', '\\', '#',
        ',', 'é',
    ];
    let mut cases = 0;
    for text in samples {
        let chars: Vec<char> = text.chars().collect();
        for cut in 0..=chars.len() {
            let truncated: String = chars[..cut].iter().collect();
            let _ = parse_json(FileId(0), &truncated);
            let _ = parse_yaml(FileId(0), &truncated);
            for d in damage {
                let mut changed = chars.clone();
                if let Some(c) = changed.get_mut(cut) {
                    *c = d;
                }
                let changed: String = changed.into_iter().collect();
                let _ = parse_json(FileId(0), &changed);
                if let Ok(node) = parse_yaml(FileId(0), &changed) {
                    spans_are_sliceable(&node, &changed);
                    // Whatever reads must also map or be refused without panicking.
                    let _ = document_from_node("d", &node);
                }
                cases += 1;
            }
        }
    }
    assert!(cases > 1_000);
}

/// Mutants of a corpus document (as JSON values) breaking the schema in its
/// steps, in the rest, or both: the document itself first.
fn schema_mutants(doc: &serde_json::Value) -> Vec<serde_json::Value> {
    use serde_json::{json, Value as J};
    let steps_of = |v: &mut J, f: &dyn Fn(usize, &mut serde_json::Map<String, J>)| {
        if let Some(steps) = v.get_mut("mainSteps").and_then(J::as_array_mut) {
            for (i, step) in steps.iter_mut().enumerate() {
                if let Some(step) = step.as_object_mut() {
                    f(i, step);
                }
            }
        }
    };
    let bad_inputs = |i: usize, step: &mut serde_json::Map<String, J>| {
        if i.is_multiple_of(3) {
            if let Some((_, first)) = step
                .get_mut("inputs")
                .and_then(J::as_object_mut)
                .and_then(|m| m.iter_mut().next())
            {
                *first = json!(5);
            }
        }
    };
    let mut out = vec![doc.clone()];
    let mut m = doc.clone();
    steps_of(&mut m, &bad_inputs);
    out.push(m.clone());
    let mut both = m;
    if let Some(root) = both.as_object_mut() {
        root.insert("extraKey".into(), json!(true));
    }
    out.push(both);
    let mut rest = doc.clone();
    if let Some(root) = rest.as_object_mut() {
        root.insert("extraKey".into(), json!(true));
        if let Some(p) = root
            .get_mut("parameters")
            .and_then(J::as_object_mut)
            .and_then(|p| p.values_mut().next())
        {
            p["type"] = json!("Bad");
        }
    }
    out.push(rest);
    let mut fields = doc.clone();
    steps_of(&mut fields, &|i, step| {
        if i == 1 {
            step.insert("onFailure".into(), json!(5));
            step.insert("timeoutSeconds".into(), json!("x"));
            step.insert("maxAttempts".into(), json!(-1));
        }
        if i == 2 {
            step.remove("action");
        }
    });
    out.push(fields);
    let mut twice = doc.clone();
    steps_of(&mut twice, &bad_inputs);
    if let Some(steps) = twice.get_mut("mainSteps").and_then(J::as_array_mut) {
        if let Some(first) = steps.first().cloned() {
            steps.push(first);
        }
    }
    out.push(twice);
    out
}

/// The schema's findings of a document judged step by step, each step kept
/// by its content (`codegen::validate`), are those of the whole document
/// judged at once, in the same order at the same places: every 0.3 and 2.2
/// corpus document and its mutants, judged twice (the second time the
/// steps come from the cache).
#[test]
fn judged_step_by_step_the_corpus_gets_the_findings_of_the_whole_document() {
    use ssmc_core::codegen::validate::{schema_findings, schema_findings_at_once};
    let Some(docs) = corpus() else {
        eprintln!("skipped: shared/corpus not found");
        return;
    };
    let (mut judged, mut with_findings) = (0, 0);
    for doc in docs
        .iter()
        .filter(|d| d.schema_version == "0.3" || d.schema_version == "2.2")
    {
        let node = read::parse(FileId(0), &doc.text, doc.format).expect("corpus parses");
        for mutant in schema_mutants(&to_json(&node)) {
            let text = serde_json::to_string_pretty(&mutant).expect("JSON");
            let Ok(built) = read::read_document(FileId(0), stem(&doc.file), &text, Format::Json)
            else {
                continue;
            };
            let shown = |found: Vec<Diagnostic>| -> Vec<(String, Span)> {
                found
                    .into_iter()
                    .map(|d| (d.message, d.primary.span))
                    .collect()
            };
            let at_once = shown(schema_findings_at_once(&built));
            for _ in 0..2 {
                assert_eq!(
                    shown(schema_findings(&built)),
                    at_once,
                    "{}: {text}",
                    doc.file
                );
            }
            judged += 1;
            with_findings += usize::from(!at_once.is_empty());
        }
    }
    println!("{judged} documents judged, {with_findings} with findings");
    assert!(
        judged > 1000 && with_findings > 500,
        "{judged}, {with_findings}"
    );
}

/// Every string of the corpus (scripts, inputs, descriptions, keys), and the
/// same with a password assigned in it: the secrets
/// scan's one-pass test of which patterns match changes no hit.
#[test]
fn the_secrets_scan_finds_in_the_corpus_what_every_pattern_finds() {
    use ssmc_core::lint::secrets::{scan, scan_every_pattern};
    fn strings<'a>(node: &'a Node, out: &mut Vec<&'a str>) {
        match &node.value {
            Value::String(s) => out.push(s),
            Value::List(items) => items.iter().for_each(|n| strings(n, out)),
            Value::Map(entries) => entries.iter().for_each(|(k, n)| {
                out.push(&k.name);
                strings(n, out);
            }),
            _ => {}
        }
    }
    let Some(docs) = corpus() else {
        eprintln!("skipped: shared/corpus not found");
        return;
    };
    let (mut texts, mut hits) = (0, 0);
    for doc in &docs {
        let node = read::parse(FileId(0), &doc.text, doc.format).expect("corpus parses");
        let mut found = Vec::new();
        strings(&node, &mut found);
        for s in found {
            let with_secret = format!("{s}\nexport DB_PASSWORD=Tr0ub4dor3 {s}");
            for text in [s, with_secret.as_str()] {
                let hit = scan(text);
                assert_eq!(hit, scan_every_pattern(text), "{}: {text}", doc.file);
                texts += 1;
                hits += hit.len();
            }
        }
    }
    println!("{texts} texts, {hits} hits");
    assert!(texts > 10_000 && hits >= texts / 2, "{texts}, {hits}");
}
