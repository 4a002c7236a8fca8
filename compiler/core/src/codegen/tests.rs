use super::read::{document_from_node, parse_json, parse_yaml};
use super::*;
use crate::model::{Node, Value};
use crate::span::FileId;

fn json(text: &str) -> Node {
    parse_json(FileId(0), text).expect("valid JSON")
}

fn yaml(text: &str) -> Node {
    parse_yaml(FileId(0), text).expect("valid YAML")
}

#[test]
fn json_round_trips_types_and_order() {
    let text =
        r#"{"b": 1, "a": 1.0, "c": [true, null, "x\u00e9\n"], "d": {}, "e": [], "f": 1e300}"#;
    let node = json(text);
    let out = emit_json(&node);
    insta::assert_snapshot!(out, @r#"
    {
      "b": 1,
      "a": 1.0,
      "c": [
        true,
        null,
        "xé\n"
      ],
      "d": {},
      "e": [],
      "f": 1e300
    }
    "#);
    assert!(json(&out).value.same(&node.value));
}

#[test]
fn floats_reread_as_the_same_float() {
    for f in [
        0.1,
        1.0,
        -0.0,
        1e21,
        1.5e-7,
        123_456.789,
        f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
    ] {
        let node = Node::new(Value::Float(f), Default::default());
        let back = json(&emit_json(&node));
        assert_eq!(back.value, Value::Float(f), "json {f}");
        let back = yaml(&emit_yaml(&node));
        assert_eq!(back.value, Value::Float(f), "yaml {f}");
    }
}

#[test]
fn yaml_emits_block_style() {
    let node = json(
        r#"{"schemaVersion": "2.2", "description": "Line one\nline two\n", "mainSteps": [
        {"name": "a", "inputs": {"runCommand": ["echo hi", "", "  x: y", "yes"], "n": 3, "m": {}}},
        {"name": "b", "inputs": {"Script": "  indented\nnext"}}]}"#,
    );
    let out = emit_yaml(&node);
    insta::assert_snapshot!(out, @r#"
    schemaVersion: "2.2"
    description: |
      Line one
      line two
    mainSteps:
      - name: a
        inputs:
          runCommand:
            - echo hi
            - ""
            - "  x: y"
            - "yes"
          "n": 3
          m: {}
      - name: b
        inputs:
          Script: |2-
              indented
            next
    "#);
    assert!(yaml(&out).value.same(&node.value));
}

#[test]
fn duplicate_json_keys_keep_the_last_value_in_the_first_place() {
    let node = json(r#"{"a": 1, "b": 2, "a": 3}"#);
    let names: Vec<_> = node
        .as_map()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.name.as_str(), v.value.clone()))
        .collect();
    assert_eq!(names, vec![("a", Value::Int(3)), ("b", Value::Int(2))]);
}

#[test]
fn spans_point_at_values_and_keys() {
    let text = "\u{feff}{\r\n  \"k\": \"v\"\r\n}";
    let node = json(text);
    let (key, value) = &node.as_map().unwrap()[0];
    assert_eq!((key.span.start, key.span.end), (4, 7));
    assert_eq!((value.span.start, value.span.end), (9, 12));
    let node = yaml("a:\n  bé: \"v\"\n  c: [1, 2]\n");
    let inner = node.get("a").unwrap();
    let (key, value) = &inner.as_map().unwrap()[0];
    assert_eq!((key.span.start, key.span.end), (5, 8));
    assert_eq!((value.span.start, value.span.end), (10, 13));
    let list = inner.get("c").unwrap();
    assert_eq!((list.span.start, list.span.end), (19, 25));
}

#[test]
fn yaml_resolves_plain_scalars_like_pyyaml() {
    let node =
        yaml("a: yes\nb: 0777\nc: '0777'\nd: 2020-01-01\ne: ~\nf: 1:30\ng: !!str 12\nh: |\n  x\n");
    let get = |k: &str| node.get(k).unwrap().value.clone();
    assert_eq!(get("a"), Value::Bool(true));
    assert_eq!(get("b"), Value::Int(511));
    assert_eq!(get("c"), Value::String("0777".into()));
    assert_eq!(get("d"), Value::String("2020-01-01".into()));
    assert_eq!(get("e"), Value::Null);
    assert_eq!(get("f"), Value::Int(90));
    assert_eq!(get("g"), Value::String("12".into()));
    assert_eq!(get("h"), Value::String("x\n".into()));
}

#[test]
fn yaml_merge_keys_and_aliases() {
    let node = yaml("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\nlist: [*b]\n");
    let other = emit_json(node.get("other").unwrap());
    assert_eq!(other, "{\n  \"x\": 1,\n  \"y\": 3\n}\n");
    assert_eq!(node.get("list").unwrap().as_list().unwrap().len(), 1);
}

#[test]
fn loop_steps_are_split_and_re_inserted_in_place() {
    let node = json(
        r#"{"schemaVersion": "0.3", "mainSteps": [{"name": "L", "action": "aws:loop",
        "inputs": {"Iterators": "{{ X }}", "Steps": [{"name": "s", "action": "aws:sleep", "inputs": {}}], "MaxIterations": 3}}]}"#,
    );
    let doc = document_from_node("d", &node).unwrap();
    let step = &doc.steps.as_ref().unwrap()[0];
    assert_eq!(step.loop_steps.as_ref().unwrap().len(), 1);
    assert_eq!(step.loop_steps_index, 1);
    assert!(step.inputs.as_ref().unwrap().get("Steps").is_none());
    let back = to_node(&doc);
    assert!(back.value.same(&node.value));
    let keys: Vec<_> = back.get("mainSteps").unwrap().as_list().unwrap()[0]
        .get("inputs")
        .unwrap()
        .as_map()
        .unwrap()
        .iter()
        .map(|(k, _)| k.name.clone())
        .collect();
    assert_eq!(keys, ["Iterators", "Steps", "MaxIterations"]);
}

#[test]
fn key_order_follows_aws() {
    let node = json(
        r#"{"mainSteps": [{"inputs": {}, "x": 1, "action": "aws:sleep", "isEnd": true, "name": "a"}],
        "zz": 1, "parameters": {"P": {"default": "d", "allowedValues": [], "type": "String"}}, "schemaVersion": "0.3",
        "description": "d"}"#,
    );
    let doc = document_from_node("d", &node).unwrap();
    insta::assert_snapshot!(emit(&doc, Format::Yaml), @r#"
    schemaVersion: "0.3"
    description: d
    parameters:
      P:
        type: String
        default: d
        allowedValues: []
    mainSteps:
      - name: a
        action: aws:sleep
        isEnd: true
        inputs: {}
        x: 1
    zz: 1
    "#);
}

#[test]
fn not_ssm_and_unknown_versions() {
    let err = document_from_node("d", &json("[1]")).unwrap_err();
    assert!(read::is_not_ssm(&err));
    let err = document_from_node("d", &json(r#"{"a": 1}"#)).unwrap_err();
    assert!(read::is_not_ssm(&err));
    assert_eq!(err[0].message, "not an SSM document: no `schemaVersion`");
    let err = document_from_node("d", &json(r#"{"schemaVersion": "2.3"}"#)).unwrap_err();
    assert!(!read::is_not_ssm(&err));
    assert_eq!(err[0].message, "unknown schemaVersion `2.3`");
    assert!(err[0].help.as_deref().unwrap().contains("\"2.2\""));
    let doc = document_from_node("d", &yaml("schemaVersion: 0.3\n")).unwrap();
    assert_eq!(doc.kind, crate::model::DocKind::Automation);
    let doc = document_from_node(
        "d",
        &json(r#"{"schemaVersion": "2.0.3", "parameters": {}}"#),
    )
    .unwrap();
    assert_eq!(doc.kind, crate::model::DocKind::Command);
    assert_eq!(doc.parameters, Some(vec![]));
}

#[test]
fn format_from_path() {
    assert_eq!(Format::from_path_ext("a/b.YML"), Some(Format::Yaml));
    assert_eq!(Format::from_path_ext("json"), Some(Format::Json));
    assert_eq!(Format::from_path_ext("x.rbk"), None);
}

#[test]
fn yaml_core_tags_build_what_pyyaml_builds() {
    // A serialiser that quotes every scalar tags the non-strings (PyYAML's
    // `default_style='"'` writes `!!int "60"`); libyaml and PyYAML read 60.
    let v = yaml("a: !!int \"60\"\nb: !!bool 'true'\nc: !!float \"2\"\nd: !!null ''\ne: !!str 60\nf: !<tag:yaml.org,2002:int> '7'\n");
    let get = |k: &str| v.get(k).map(|n| n.value.clone());
    assert_eq!(get("a"), Some(Value::Int(60)));
    assert_eq!(get("b"), Some(Value::Bool(true)));
    assert_eq!(get("c"), Some(Value::Float(2.0)));
    assert_eq!(get("d"), Some(Value::Null));
    assert_eq!(get("e"), Some(Value::String("60".into())));
    assert_eq!(get("f"), Some(Value::Int(7)));
    // libyaml's emitter (PyYAML's CSafeDumper) writes the non-specific tag:
    // `! "60"` resolves as the plain scalar 60 would.
    let v = yaml("a: ! \"60\"\nb: ! 'true'\nc: ! \"text\"\n");
    let get = |k: &str| v.get(k).map(|n| n.value.clone());
    assert_eq!(get("a"), Some(Value::Int(60)));
    assert_eq!(get("b"), Some(Value::Bool(true)));
    assert_eq!(get("c"), Some(Value::String("text".into())));
    let refused = parse_yaml(FileId(0), "a: !!int \"sixty\"\n");
    assert!(refused.is_err(), "PyYAML refuses `!!int \"sixty\"`");
}
