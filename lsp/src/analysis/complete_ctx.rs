//! Completion that depends on where the cursor is: names inside `{{ … }}`,
//! step names after `goto` and `->`, an input's allowed values in its string,
//! document names in `DocumentName`, and the called document's parameters in
//! `Parameters` / `RuntimeParameters`.
//!
//! Input: a byte offset in the normalised text. Output: completion items with
//! the range they replace (so a client never inserts `aws:aws:…` or filters
//! every item out); `None` when the cursor is in none of these places.
//! Invariant: the place is read from the text around the cursor (the line
//! being typed need not parse); names come from the last parse and the catalog.

use ssmc_core::model::Value;
use ssmc_core::span::Span;

use super::aws_text::{key_before, map_entries, nesting, step_inputs, string_at};
use super::complete::{CompletionItem, CompletionKind};
use super::lexicon::BUILTINS;
use super::Analysis;

/// Characters of a name as written inside `{{ … }}` (`variable:X`, `Step.Out`).
fn is_ref_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '.' | '-')
}

/// AWS documents a `DocumentName` commonly names, by the document kind they are.
const AWS_COMMAND_DOCUMENTS: &[&str] = &[
    "AWS-RunShellScript",
    "AWS-RunPowerShellScript",
    "AWS-RunPatchBaseline",
    "AWS-ConfigureAWSPackage",
    "AWS-UpdateSSMAgent",
];

/// The input of `action` that maps the called document's parameters, and
/// whether that document is an Automation runbook.
fn parameters_input(action: &str) -> Option<(&'static str, bool)> {
    match action {
        "aws:runCommand" | "aws:runDocument" => Some(("Parameters", false)),
        "aws:executeAutomation" => Some(("RuntimeParameters", true)),
        _ => None,
    }
}

/// A snippet for a value of the SSM parameter type `ty`, the cursor where the value goes.
fn param_value_snippet(ty: &str) -> &'static str {
    match ty {
        "Integer" | "Boolean" => "$1",
        "StringMap" => "{ $1 }",
        _ if ty == "StringList" || ty == "MapList" || ty.starts_with("List<") => "[$1]",
        _ => "\"$1\"",
    }
}

impl Analysis {
    /// Replaces the name being typed: `start..offset` and the name characters after it.
    pub(super) fn replace_span(
        &self,
        start: usize,
        offset: usize,
        is_word: fn(char) -> bool,
    ) -> Span {
        let tail: usize = self
            .text
            .get(offset..)
            .unwrap_or("")
            .chars()
            .take_while(|c| is_word(*c))
            .map(char::len_utf8)
            .sum();
        Span::new(self.file, start, offset + tail)
    }

    /// Inside an unclosed `{{` on the cursor's line: the document's parameters,
    /// `variable:` names, `Step.Output`s and the built-ins, never keywords.
    pub(super) fn complete_interpolation(&self, offset: usize) -> Option<Vec<CompletionItem>> {
        let before = self.text.get(..offset)?;
        let line = before.get(before.rfind('\n').map_or(0, |i| i + 1)..)?;
        let open = line.rfind("{{")?;
        let typed_with_space = line.get(open + 2..)?;
        let typed = typed_with_space.trim_start();
        if !typed.chars().all(is_ref_char) {
            return None;
        }
        let start = offset - typed.len();
        let replace = self.replace_span(start, offset, is_ref_char);
        let doc = self.doc_at(offset).and_then(|i| self.defs(i));
        let mut items = Vec::new();
        let mut push =
            |label: String, kind, detail: Option<String>, docs: Option<String>, rank: u8| {
                items.push(CompletionItem {
                    detail,
                    documentation: docs,
                    sort_text: Some(format!("{rank}_{label}")),
                    filter_text: Some(label.clone()),
                    replace: Some(replace),
                    ..CompletionItem::new(label, kind)
                });
            };
        if let Some(defs) = doc {
            for p in &defs.params {
                push(
                    p.name.clone(),
                    CompletionKind::Param,
                    p.ty.clone(),
                    p.docs.clone(),
                    0,
                );
            }
            for v in &defs.vars {
                let label = format!("variable:{}", v.name);
                push(label, CompletionKind::Var, v.ty.clone(), v.docs.clone(), 1);
            }
            for s in &defs.steps {
                let sig = s.action.as_deref().and_then(|a| self.catalog.action(a));
                let declared = s.outputs.iter().map(|o| (o.name.clone(), o.ty.clone()));
                let of_action = sig
                    .into_iter()
                    .flat_map(|sig| &sig.outputs)
                    .filter(|o| !s.outputs.iter().any(|d| d.name == o.name))
                    .map(|o| (o.name.clone(), Some(o.ty.to_string())));
                for (out, ty) in declared.chain(of_action) {
                    push(
                        format!("{}.{out}", s.name),
                        CompletionKind::Output,
                        ty,
                        None,
                        2,
                    );
                }
            }
        }
        // `automation:` and `global:` are Automation system variables; a
        // Command document has none.
        if doc.is_none_or(|d| d.is_automation) {
            for (name, docs) in BUILTINS {
                push(
                    (*name).to_string(),
                    CompletionKind::Keyword,
                    None,
                    Some((*docs).to_string()),
                    3,
                );
            }
        }
        Some(items)
    }

    /// After `goto`, `on_failure goto`, `else goto` or a branch/match arm's
    /// `->`: the steps of the document, nothing else.
    pub(super) fn complete_step_target(
        &self,
        lead: &str,
        word_start: usize,
        offset: usize,
    ) -> Option<Vec<CompletionItem>> {
        let last = lead.split_whitespace().last()?;
        if last != "goto" && last != "->" {
            return None;
        }
        let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let replace = self.replace_span(word_start, offset, is_name);
        let defs = self.doc_at(offset).and_then(|i| self.defs(i));
        Some(
            defs.iter()
                .flat_map(|d| &d.steps)
                .map(|s| CompletionItem {
                    detail: s.action.clone(),
                    documentation: s.docs.clone(),
                    replace: Some(replace),
                    ..CompletionItem::new(s.name.clone(), CompletionKind::Step)
                })
                .collect(),
        )
    }

    /// In the string value of an action input: its allowed values, or, for
    /// `DocumentName`, the documents it may name.
    pub(super) fn complete_input_value(&self, offset: usize) -> Option<Vec<CompletionItem>> {
        let content = string_at(&self.text, offset)?;
        let quote = content.start.checked_sub(1)?;
        let key = key_before(&self.text, quote)?;
        let (_, action) = step_inputs(&self.text, quote)?;
        let replace = Span::new(self.file, content.start, content.end);
        let value = |label: String, detail: Option<String>| CompletionItem {
            detail,
            replace: Some(replace),
            ..CompletionItem::new(label, CompletionKind::AwsValue)
        };
        if key == "DocumentName" {
            return Some(
                self.document_names(&action)
                    .into_iter()
                    .map(|(n, d)| value(n, Some(d)))
                    .collect(),
            );
        }
        let input = self.catalog.action(&action)?.input(&key, false)?;
        let values = input.allowed_values.as_ref()?;
        Some(
            values
                .iter()
                .filter_map(|v| match v {
                    Value::String(s) => Some(value(s.clone(), Some(format!("{action} {key}")))),
                    _ => None,
                })
                .collect(),
        )
    }

    /// At a key of the `Parameters` map of `aws:runCommand`/`aws:runDocument`
    /// (`RuntimeParameters` of `aws:executeAutomation`) whose `DocumentName`
    /// names a document of this file of the right kind: that document's
    /// parameters not yet given, required (no default) first, as snippets.
    /// `None` elsewhere, or when the called document is not in this file.
    pub(super) fn complete_called_params(&self, offset: usize) -> Option<Vec<CompletionItem>> {
        let (open, action, openers) = nesting(&self.text, offset)?;
        let [map] = openers.as_slice() else {
            return None;
        };
        let (input, automation) = parameters_input(&action)?;
        if !map.brace || map.key.as_deref() != Some(input) {
            return None;
        }
        let (name, _) = map_entries(&self.text, open)
            .into_iter()
            .find(|e| e.key == "DocumentName")?
            .value?;
        let called = (0..)
            .map_while(|i| self.defs(i))
            .find(|d| d.name == name && d.is_automation == automation)?;
        let given: Vec<String> = map_entries(&self.text, map.pos)
            .into_iter()
            .filter(|e| !(e.key_range.start <= offset && offset <= e.key_range.end))
            .map(|e| e.key)
            .collect();
        let mut items: Vec<CompletionItem> = called
            .params
            .iter()
            .filter(|p| !given.contains(&p.name))
            .map(|p| {
                let ty = p.ty.as_deref().unwrap_or("String");
                let req = if p.required { "required" } else { "optional" };
                CompletionItem {
                    detail: Some(format!("{ty} ({req}), a parameter of {name}")),
                    documentation: p.docs.clone(),
                    insert_text: Some(format!("{}: {}", p.name, param_value_snippet(ty))),
                    snippet: true,
                    sort_text: Some(format!("{}_{}", u8::from(!p.required), p.name)),
                    ..CompletionItem::new(p.name.clone(), CompletionKind::Input)
                }
            })
            .collect();
        items.sort_by(|a, b| a.sort_text.cmp(&b.sort_text));
        Some(items)
    }

    /// Documents of this file a step running `action` may name (Command
    /// documents for `aws:runCommand`, Automation documents for
    /// `aws:executeAutomation`), then common AWS-owned Command documents.
    fn document_names(&self, action: &str) -> Vec<(String, String)> {
        let wants_automation = match action {
            "aws:executeAutomation" => true,
            "aws:runCommand" | "aws:runDocument" => false,
            _ => return Vec::new(),
        };
        let mut out: Vec<(String, String)> = (0..)
            .map_while(|i| self.defs(i))
            .filter(|d| d.is_automation == wants_automation)
            .map(|d| (d.name.clone(), "a document of this file".to_string()))
            .collect();
        if !wants_automation {
            out.extend(AWS_COMMAND_DOCUMENTS.iter().map(|n| {
                (
                    (*n).to_string(),
                    "an AWS-owned Command document".to_string(),
                )
            }));
        }
        out
    }
}
