//! Completion that depends on where the cursor is: names inside `{{ … }}`,
//! step names after `goto` and `->`, an input's allowed values in its string
//! (calls to other documents are completed by `calls`).
//!
//! Input: a byte offset in the normalised text. Output: completion items with
//! the range they replace (so a client never inserts `aws:aws:…` or filters
//! every item out); `None` when the cursor is in none of these places.
//! Invariant: the place is read from the text around the cursor (the line
//! being typed need not parse); names come from the last parse and the catalog.

use ssmc_core::model::Value;
use ssmc_core::span::Span;

use super::aws_text::{key_before, step_inputs, string_at};
use super::complete::{CompletionItem, CompletionKind};
use super::lexicon::BUILTINS;
use super::Analysis;

/// Characters of a name as written inside `{{ … }}` (`variable:X`, `Step.Out`).
fn is_ref_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '.' | '-')
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

    /// In the string value of an action input: its allowed values.
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
}
