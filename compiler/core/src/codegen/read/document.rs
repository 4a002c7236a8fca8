//! A value tree → the typed document model, losslessly.
//!
//! Input: the root [`Node`] of a JSON/YAML file and the document's name.
//! Output: a [`Document`], or diagnostics. A file that is not an SSM document
//! at all (not a map, no `schemaVersion`) gets `E0610`/`E0611`, which
//! [`is_not_ssm`] recognises so that callers can skip such files quietly.
//! Invariants: every key lands in a typed field or in an `extra` list, in
//! order, with its value verbatim, so `to_node(document_from_node(n))` has the
//! same value as `n`; a loop's `inputs.Steps` becomes `loop_steps` with its
//! position in `loop_steps_index`.

use super::codes;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::model::{DocKind, Document, Key, Node, Parameter, Step, Value};
use crate::span::Span;

/// Every `schemaVersion` SSM accepts, with the document kind it implies.
pub const KNOWN_SCHEMA_VERSIONS: &[(&str, DocKind)] = &[
    ("0.3", DocKind::Automation),
    ("1.0", DocKind::Command),
    ("1.2", DocKind::Command),
    ("2.0", DocKind::Command),
    ("2.0.1", DocKind::Command),
    ("2.0.2", DocKind::Command),
    ("2.0.3", DocKind::Command),
    ("2.2", DocKind::Command),
];

/// The kind a `schemaVersion` implies, if SSM has it.
pub fn schema_versions(version: &str) -> Option<DocKind> {
    KNOWN_SCHEMA_VERSIONS
        .iter()
        .find(|(v, _)| *v == version)
        .map(|(_, kind)| *kind)
}

/// True when the diagnostics only say "this file is not an SSM document".
pub fn is_not_ssm(diags: &[Diagnostic]) -> bool {
    !diags.is_empty()
        && diags
            .iter()
            .all(|d| d.code == codes::NOT_A_MAP || d.code == codes::NO_SCHEMA_VERSION)
}

/// Maps a parsed JSON/YAML value to a document named `name`.
pub fn document_from_node(name: &str, root: &Node) -> Result<Document, Vec<Diagnostic>> {
    let Some(entries) = root.as_map() else {
        return Err(vec![Diagnostic::error(
            codes::NOT_A_MAP,
            root.span,
            format!(
                "not an SSM document: the top level is {}, not a map",
                a_or_an(root.type_name())
            ),
        )
        .with_label("expected a map with `schemaVersion` and `mainSteps`")
        .with_help(
            "an SSM document is a map: `schemaVersion: \"2.2\"`, `mainSteps: [...]`, …",
        )]);
    };
    let Some(version) = root.get("schemaVersion") else {
        return Err(vec![Diagnostic::error(
            codes::NO_SCHEMA_VERSION,
            Span::point(root.span.file, root.span.start as usize),
            "not an SSM document: no `schemaVersion`",
        )
        .with_label("this map has no `schemaVersion` key")
        .with_help(
            "SSM documents declare `schemaVersion: \"2.2\"` (Command) or `\"0.3\"` (Automation)",
        )]);
    };
    let kind = kind_of(version).map_err(|d| vec![d])?;
    let mut diags = Vec::new();
    let mut doc = Document {
        name: name.to_string(),
        kind,
        schema_version: version.clone(),
        description: None,
        assume_role: None,
        parameters: None,
        variables: None,
        files: None,
        steps: None,
        runtime_config: None,
        outputs: None,
        extra: Vec::new(),
        span: root.span,
    };
    for (key, value) in entries {
        match key.name.as_str() {
            "schemaVersion" => {}
            "description" => doc.description = Some(value.clone()),
            "assumeRole" => doc.assume_role = Some(value.clone()),
            "parameters" => doc.parameters = params(key, value, &mut diags),
            "variables" => doc.variables = params(key, value, &mut diags),
            "files" => doc.files = Some(value.clone()),
            "mainSteps" => doc.steps = steps(key, value, &mut diags),
            "runtimeConfig" => doc.runtime_config = Some(value.clone()),
            "outputs" => doc.outputs = Some(value.clone()),
            _ => doc.extra.push((key.clone(), value.clone())),
        }
    }
    if diags.is_empty() {
        Ok(doc)
    } else {
        Err(diags)
    }
}

/// The document kind from `schemaVersion` (a string; a YAML number such as
/// `0.3` written without quotes is read by its text).
fn kind_of(version: &Node) -> Result<DocKind, Diagnostic> {
    let text = match &version.value {
        Value::String(s) => s.clone(),
        Value::Float(f) => format!("{f}"),
        Value::Int(i) => i.to_string(),
        other => {
            return Err(Diagnostic::error(
                codes::UNKNOWN_SCHEMA_VERSION,
                version.span,
                format!(
                    "`schemaVersion` must be a string, found {}",
                    a_or_an(other.type_name())
                ),
            )
            .with_label("not a version")
            .with_help(valid_versions_help()));
        }
    };
    if let Some(kind) = schema_versions(&text) {
        return Ok(kind);
    }
    let mut d = Diagnostic::error(
        codes::UNKNOWN_SCHEMA_VERSION,
        version.span,
        format!("unknown schemaVersion `{text}`"),
    )
    .with_label("SSM has no such schema version");
    let help = match did_you_mean(&text, KNOWN_SCHEMA_VERSIONS.iter().map(|(v, _)| *v)) {
        Some(best) => format!("did you mean `{best}`? {}", valid_versions_help()),
        None => valid_versions_help(),
    };
    d = d.with_help(help);
    Err(d)
}

fn valid_versions_help() -> String {
    "valid versions: \"0.3\" (Automation); \"1.0\", \"1.2\", \"2.0\", \"2.0.1\", \"2.0.2\", \"2.0.3\", \"2.2\" (Command)"
        .to_string()
}

fn shape_error(node: &Node, message: String, help: &str) -> Diagnostic {
    Diagnostic::error(codes::BAD_SHAPE, node.span, message)
        .with_label(format!("this is {}", a_or_an(node.type_name())))
        .with_help(help.to_string())
}

fn params(key: &Key, value: &Node, diags: &mut Vec<Diagnostic>) -> Option<Vec<Parameter>> {
    let Some(entries) = value.as_map() else {
        diags.push(shape_error(
            value,
            format!("`{}` must be a map of names to definitions", key.name),
            "write each entry as `Name: { type: String, … }`",
        ));
        return None;
    };
    let mut out = Vec::with_capacity(entries.len());
    for (name, def) in entries {
        let Some(attrs) = def.as_map() else {
            diags.push(shape_error(
                def,
                format!("`{}.{}` must be a map", key.name, name.name),
                "a definition is a map such as `{ type: String, description: \"…\" }`",
            ));
            continue;
        };
        let mut p = Parameter {
            name: name.clone(),
            ty: None,
            description: None,
            default: None,
            attrs: Vec::new(),
            secret: false,
            span: name.span.to(def.span),
        };
        for (k, v) in attrs {
            match k.name.as_str() {
                "type" => p.ty = Some(v.clone()),
                "description" => p.description = Some(v.clone()),
                "default" => p.default = Some(v.clone()),
                _ => p.attrs.push((k.clone(), v.clone())),
            }
        }
        out.push(p);
    }
    Some(out)
}

fn steps(key: &Key, value: &Node, diags: &mut Vec<Diagnostic>) -> Option<Vec<Step>> {
    let Some(items) = value.as_list() else {
        diags.push(shape_error(
            value,
            format!("`{}` must be a list of steps", key.name),
            "write the steps as a list: `- name: …`",
        ));
        return None;
    };
    Some(items.iter().filter_map(|item| step(item, diags)).collect())
}

fn step(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Step> {
    let Some(entries) = node.as_map() else {
        diags.push(shape_error(
            node,
            "a step must be a map".to_string(),
            "a step is a map with `name`, `action` and `inputs`",
        ));
        return None;
    };
    let mut name = None;
    let mut action = None;
    let mut s = Step {
        name: Node::new(Value::Null, node.span),
        action: Node::new(Value::Null, node.span),
        description: None,
        on_failure: None,
        on_cancel: None,
        next_step: None,
        is_end: None,
        is_critical: None,
        max_attempts: None,
        timeout_seconds: None,
        precondition: None,
        inputs: None,
        loop_steps: None,
        loop_steps_index: 0,
        outputs: None,
        extra: Vec::new(),
        span: node.span,
    };
    for (k, v) in entries {
        let v = v.clone();
        match k.name.as_str() {
            "name" => name = Some(v),
            "action" => action = Some(v),
            "description" => s.description = Some(v),
            "onFailure" => s.on_failure = Some(v),
            "onCancel" => s.on_cancel = Some(v),
            "nextStep" => s.next_step = Some(v),
            "isEnd" => s.is_end = Some(v),
            "isCritical" => s.is_critical = Some(v),
            "maxAttempts" => s.max_attempts = Some(v),
            "timeoutSeconds" => s.timeout_seconds = Some(v),
            "precondition" => s.precondition = Some(v),
            "inputs" => s.inputs = Some(v),
            "outputs" => s.outputs = Some(v),
            _ => s.extra.push((k.clone(), v)),
        }
    }
    let (Some(name), Some(action)) = (name, action) else {
        let missing = if entries.iter().any(|(k, _)| k.name == "name") {
            "action"
        } else {
            "name"
        };
        diags.push(
            Diagnostic::error(
                codes::BAD_SHAPE,
                node.span,
                format!("step has no `{missing}`"),
            )
            .with_label(format!("`{missing}` is missing"))
            .with_help("every step needs `name` and `action`"),
        );
        return None;
    };
    s.name = name;
    s.action = action;
    if s.action.as_str() == Some("aws:loop") {
        split_loop_body(&mut s, diags);
    }
    Some(s)
}

/// Moves an `aws:loop`'s `inputs.Steps` (a list of maps) into `loop_steps`.
fn split_loop_body(s: &mut Step, diags: &mut Vec<Diagnostic>) {
    let Some(Node {
        value: Value::Map(inputs),
        span,
    }) = &s.inputs
    else {
        return;
    };
    let Some(at) = inputs.iter().position(|(k, _)| k.name == "Steps") else {
        return;
    };
    let Some((_, body)) = inputs.get(at) else {
        return;
    };
    let Some(items) = body.as_list() else {
        return;
    };
    if !items.iter().all(|i| i.as_map().is_some()) {
        return;
    }
    let body: Vec<Step> = items.iter().filter_map(|item| step(item, diags)).collect();
    let mut rest = inputs.clone();
    rest.remove(at);
    s.inputs = Some(Node::new(Value::Map(rest), *span));
    s.loop_steps = Some(body);
    s.loop_steps_index = at;
}

/// "an integer", "a map": the type name with its article.
fn a_or_an(type_name: &str) -> String {
    if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {type_name}")
    } else {
        format!("a {type_name}")
    }
}
