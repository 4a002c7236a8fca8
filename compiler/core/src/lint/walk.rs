//! Walks over a document: every step (loop bodies included) and every string
//! value with the place it sits in.
//!
//! Invariant: walks stop at [`MAX_DEPTH`] levels of nesting, so no document
//! overflows the stack.

use crate::model::{Document, Node, Step, Value};

/// The deepest nesting walked (loop bodies, maps in maps).
pub const MAX_DEPTH: usize = 128;

/// Every step of the document in order, loop bodies after their loop step.
pub fn all_steps(doc: &Document) -> Vec<&Step> {
    let mut out = Vec::new();
    if let Some(steps) = &doc.steps {
        push_steps(steps, 0, &mut out);
    }
    out
}

fn push_steps<'d>(steps: &'d [Step], depth: usize, out: &mut Vec<&'d Step>) {
    if depth > MAX_DEPTH {
        return;
    }
    for s in steps {
        out.push(s);
        if let Some(body) = &s.loop_steps {
            push_steps(body, depth + 1, out);
        }
    }
}

/// Where a string value sits.
#[derive(Debug, Clone, Copy)]
pub enum Place<'d> {
    DocDescription,
    /// A parameter's or variable's `description`.
    ParamDescription(&'d str),
    /// A parameter's or variable's `default` (or a string inside it).
    ParamDefault(&'d str),
    /// Another attribute of a parameter (`allowedPattern`, `allowedValues`, …).
    ParamAttr(&'d str),
    AssumeRole,
    StepDescription(&'d Step),
    /// Inside a step's `inputs`; `key` is the top-level input name.
    StepInput(&'d Step, &'d str),
    StepOutputs(&'d Step),
    /// Any other step property (`precondition`, unknown keys).
    StepOther(&'d Step),
    /// A schema 1.2 `runtimeConfig` plugin property; `plugin` is its action name.
    Plugin(&'d str),
    DocOutputs,
    Other,
}

impl Place<'_> {
    /// Prose meant for people: descriptions.
    pub fn is_prose(&self) -> bool {
        matches!(
            self,
            Place::DocDescription | Place::ParamDescription(_) | Place::StepDescription(_)
        )
    }
}

/// Calls `f` for every string value in the document (map keys excluded).
pub fn for_each_string<'d>(doc: &'d Document, f: &mut dyn FnMut(Place<'d>, &'d Node)) {
    if let Some(d) = &doc.description {
        strings(d, Place::DocDescription, 0, f);
    }
    for params in [&doc.parameters, &doc.variables].into_iter().flatten() {
        for p in params {
            if let Some(d) = &p.description {
                strings(d, Place::ParamDescription(&p.name.name), 0, f);
            }
            if let Some(d) = &p.default {
                strings(d, Place::ParamDefault(&p.name.name), 0, f);
            }
            for (_, v) in &p.attrs {
                strings(v, Place::ParamAttr(&p.name.name), 0, f);
            }
        }
    }
    if let Some(r) = &doc.assume_role {
        strings(r, Place::AssumeRole, 0, f);
    }
    for step in all_steps(doc) {
        if let Some(d) = &step.description {
            strings(d, Place::StepDescription(step), 0, f);
        }
        if let Some(Value::Map(inputs)) = step.inputs.as_ref().map(|n| &n.value) {
            for (k, v) in inputs {
                strings(v, Place::StepInput(step, &k.name), 0, f);
            }
        }
        if let Some(o) = &step.outputs {
            strings(o, Place::StepOutputs(step), 0, f);
        }
        for n in [
            &step.precondition,
            &step.on_failure,
            &step.on_cancel,
            &step.next_step,
        ]
        .into_iter()
        .flatten()
        {
            strings(n, Place::StepOther(step), 0, f);
        }
        for (_, v) in &step.extra {
            strings(v, Place::StepOther(step), 0, f);
        }
    }
    if let Some(rc) = &doc.runtime_config {
        for (plugin, body) in rc.as_map().unwrap_or(&[]) {
            strings(body, Place::Plugin(&plugin.name), 0, f);
        }
    }
    if let Some(o) = &doc.outputs {
        strings(o, Place::DocOutputs, 0, f);
    }
    if let Some(files) = &doc.files {
        strings(files, Place::Other, 0, f);
    }
    for (_, v) in &doc.extra {
        strings(v, Place::Other, 0, f);
    }
}

fn strings<'d>(
    node: &'d Node,
    place: Place<'d>,
    depth: usize,
    f: &mut dyn FnMut(Place<'d>, &'d Node),
) {
    if depth > MAX_DEPTH {
        return;
    }
    match &node.value {
        Value::String(_) => f(place, node),
        Value::List(items) => {
            for n in items {
                strings(n, place, depth + 1, f);
            }
        }
        Value::Map(entries) => {
            for (_, n) in entries {
                strings(n, place, depth + 1, f);
            }
        }
        _ => {}
    }
}

/// Calls `f` for every string under `node` (map keys excluded, depth-limited).
pub fn each_string_in<'d>(node: &'d Node, f: &mut dyn FnMut(&'d Node)) {
    strings(node, Place::Other, 0, &mut |_, n| f(n));
}

/// The input `name` of a step (exact name, then case-insensitive).
pub fn input<'d>(step: &'d Step, name: &str) -> Option<&'d Node> {
    let inputs = step.inputs.as_ref()?;
    inputs
        .get(name)
        .or_else(|| inputs.get_ignore_case(name).map(|(_, v)| v))
}

/// The script lines of a Command script step (`runCommand`, a list of lines
/// or one string), and whether it is a shell (not PowerShell) script.
pub fn script_nodes(step: &Step) -> Vec<&Node> {
    let Some(rc) = input(step, "runCommand") else {
        return Vec::new();
    };
    match &rc.value {
        Value::String(_) => vec![rc],
        Value::List(items) => items.iter().filter(|n| n.as_str().is_some()).collect(),
        _ => Vec::new(),
    }
}

/// The language of an embedded script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Shell,
    PowerShell,
    Python,
}

/// An embedded script: its lines (string nodes, in order) and its step.
pub struct Script<'d> {
    pub lang: Lang,
    pub lines: Vec<&'d Node>,
    pub step: Option<&'d Step>,
}

fn string_nodes(node: &Node) -> Vec<&Node> {
    match &node.value {
        Value::String(_) => vec![node],
        Value::List(items) => items.iter().filter(|n| n.as_str().is_some()).collect(),
        _ => Vec::new(),
    }
}

/// Every embedded script: Command `aws:runShellScript`/`aws:runPowerShellScript`
/// (2.x steps and 1.2 plugins), Automation `aws:runCommand` of
/// `AWS-RunShellScript`/`AWS-RunPowerShellScript`, and `aws:executeScript`.
pub fn scripts(doc: &Document) -> Vec<Script<'_>> {
    let mut out = Vec::new();
    for step in all_steps(doc) {
        match step.action_str() {
            "aws:runShellScript" | "aws:runPowerShellScript" => {
                let lang = if step.action_str() == "aws:runShellScript" {
                    Lang::Shell
                } else {
                    Lang::PowerShell
                };
                out.push(Script {
                    lang,
                    lines: script_nodes(step),
                    step: Some(step),
                });
            }
            "aws:runCommand" => {
                let doc_name = input(step, "DocumentName")
                    .and_then(Node::as_str)
                    .unwrap_or("");
                let lang = match doc_name {
                    "AWS-RunShellScript" => Lang::Shell,
                    "AWS-RunPowerShellScript" => Lang::PowerShell,
                    _ => continue,
                };
                let Some(cmds) = input(step, "Parameters").and_then(|p| p.get("commands")) else {
                    continue;
                };
                out.push(Script {
                    lang,
                    lines: string_nodes(cmds),
                    step: Some(step),
                });
            }
            "aws:executeScript" => {
                let runtime = input(step, "Runtime").and_then(Node::as_str).unwrap_or("");
                let lang = if runtime.to_ascii_lowercase().contains("powershell") {
                    Lang::PowerShell
                } else {
                    Lang::Python
                };
                if let Some(s) = input(step, "Script") {
                    out.push(Script {
                        lang,
                        lines: string_nodes(s),
                        step: Some(step),
                    });
                }
            }
            _ => {}
        }
    }
    if let Some(rc) = &doc.runtime_config {
        for (plugin, body) in rc.as_map().unwrap_or(&[]) {
            let lang = match plugin.name.as_str() {
                "aws:runShellScript" => Lang::Shell,
                "aws:runPowerShellScript" => Lang::PowerShell,
                _ => continue,
            };
            for props in body
                .get("properties")
                .and_then(Node::as_list)
                .unwrap_or(&[])
            {
                if let Some(rc) = props.get("runCommand") {
                    out.push(Script {
                        lang,
                        lines: string_nodes(rc),
                        step: None,
                    });
                }
            }
        }
    }
    out
}
