//! Hover text and go to definition.
//!
//! Input: a byte offset in the normalised text. Output: Markdown for the name
//! under the cursor ([`HoverInfo`]) or the span of its definition.
//! AWS API steps' services, APIs, parameters and selectors are answered by `aws`.
//! A boto3 call inside an `aws:executeScript` script is answered by `python_hover`.
//! Invariant: answers come from the catalog (`stdlib/` and the file's own
//! action declarations) and the document's own definitions; an unknown name
//! answers nothing.

use ssmc_core::catalog::ActionSig;
use ssmc_core::model::Value;
use ssmc_core::span::Span;

use super::index::{NameDef, Occurrence, Target};
use super::Analysis;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoverInfo {
    pub markdown: String,
    /// The name hovered.
    pub span: Span,
}

impl Analysis {
    pub fn hover(&self, offset: u32) -> Option<HoverInfo> {
        if let Some(h) = self.hover_aws(offset as usize) {
            return Some(h);
        }
        if let Some(h) = self.hover_boto3(offset as usize) {
            return Some(h);
        }
        if let Some(h) = self.hover_call(offset as usize) {
            return Some(h);
        }
        let Some(occ) = self.occurrence_at(offset) else {
            return self.hover_lexicon(offset);
        };
        let markdown = match &occ.target {
            Target::Action(name) => action_markdown(self.catalog.action(name)?),
            Target::InputKey { action, key } => {
                let sig = self.catalog.action(action)?;
                let input = sig.input(key, false)?;
                let req = if input.required {
                    "required"
                } else {
                    "optional"
                };
                let mut s = format!("```\ninput {}: {} ({req})\n```", input.name, input.ty);
                if let Some(values) = &input.allowed_values {
                    let list: Vec<String> = values.iter().map(value_text).collect();
                    s.push_str(&format!("\n\nallowed values: {}", list.join(", ")));
                }
                push_docs(&mut s, &input.docs);
                s
            }
            Target::Param(name) => {
                let def = self.defs(occ.doc?)?.param(name)?;
                name_markdown("param", def)
            }
            Target::Var(name) => {
                let def = self.defs(occ.doc?)?.var(name)?;
                name_markdown("var", def)
            }
            Target::Step(name) => {
                let step = self.defs(occ.doc?)?.step(name)?;
                let mut s = match &step.action {
                    Some(a) => format!("```\nstep {} = {a}\n```", step.name),
                    None => format!("```\nstep {}\n```", step.name),
                };
                if let Some(d) = &step.docs {
                    push_docs(&mut s, d);
                }
                s
            }
            Target::Output { step, output } => self.output_markdown(occ, step, output)?,
        };
        Some(HoverInfo {
            markdown,
            span: occ.span,
        })
    }

    fn output_markdown(&self, occ: &Occurrence, step: &str, output: &str) -> Option<String> {
        let def = self.defs(occ.doc?)?.step(step)?;
        if let Some(o) = def.outputs.iter().find(|o| o.name == output) {
            let mut s = format!(
                "```\n{step}.{output}: {}\n```",
                o.ty.as_deref().unwrap_or("String")
            );
            if let Some(d) = &o.docs {
                push_docs(&mut s, d);
            }
            return Some(s);
        }
        let sig = self.catalog.action(def.action.as_deref()?)?;
        let o = sig.output(output)?;
        let mut s = format!("```\n{step}.{output}: {}\n```", o.ty);
        push_docs(&mut s, &o.docs);
        Some(s)
    }

    /// Where the name at `offset` is defined: in this file, a stdlib file or
    /// a workspace file declaring actions (see [`Analysis::file_info`]).
    pub fn definition(&self, offset: u32) -> Option<Span> {
        if let Some(span) = self.definition_call(offset as usize) {
            return Some(span);
        }
        let occ = self.occurrence_at(offset)?;
        let span = match &occ.target {
            Target::Param(name) => self.defs(occ.doc?)?.param(name)?.name_span,
            Target::Var(name) => self.defs(occ.doc?)?.var(name)?.name_span,
            Target::Step(name) => self.defs(occ.doc?)?.step(name)?.name_span,
            Target::Output { step, output } => {
                let def = self.defs(occ.doc?)?.step(step)?;
                def.outputs
                    .iter()
                    .find(|o| &o.name == output)
                    .map_or(def.name_span, |o| o.name_span)
            }
            Target::Action(name) => self.catalog.action(name)?.span,
            Target::InputKey { action, key } => {
                self.catalog.action(action)?.input(key, false)?.span
            }
        };
        Some(span)
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => format!("`\"{s}\"`"),
        Value::Int(i) => format!("`{i}`"),
        Value::Float(f) => format!("`{f}`"),
        Value::Bool(b) => format!("`{b}`"),
        Value::Null => "`null`".to_string(),
        Value::List(_) | Value::Map(_) => "…".to_string(),
    }
}

fn push_docs(s: &mut String, docs: &str) {
    if !docs.trim().is_empty() {
        s.push_str("\n\n");
        s.push_str(docs.trim_end());
    }
}

fn name_markdown(keyword: &str, def: &NameDef) -> String {
    let secret = if def.secret { " secret" } else { "" };
    let ty = def.ty.as_deref().unwrap_or("String");
    let mut s = format!("```\n{keyword} {}: {ty}{secret}\n```", def.name);
    if let Some(d) = &def.docs {
        push_docs(&mut s, d);
    }
    s
}

/// The action's docs and its inputs (required first) and outputs.
pub fn action_markdown(sig: &ActionSig) -> String {
    let mut s = format!("```\naction {}\n```", sig.name);
    push_docs(&mut s, &sig.docs);
    let mut inputs: Vec<_> = sig.inputs.iter().collect();
    inputs.sort_by_key(|i| !i.required);
    if !inputs.is_empty() {
        s.push_str("\n\n**Inputs**\n");
        for i in inputs {
            let req = if i.required { " (required)" } else { "" };
            let first_line = i.docs.lines().next().unwrap_or("");
            s.push_str(&format!("\n- `{}`: {}{req}", i.name, i.ty));
            if !first_line.is_empty() {
                s.push_str(&format!(" — {first_line}"));
            }
        }
    }
    if sig.any_input {
        s.push_str("\n- any other input is accepted");
    }
    if !sig.outputs.is_empty() {
        s.push_str("\n\n**Outputs**\n");
        for o in &sig.outputs {
            s.push_str(&format!("\n- `{}`: {}", o.name, o.ty));
        }
    }
    s
}
