//! Completion: keywords, action names after `step X = `, the input names of
//! the action whose inputs map the cursor is in (required ones first), a
//! step's outputs after `Step.`, and the parameters, variables and steps of
//! the enclosing document; in AWS API steps, services, APIs, request
//! parameters and selector segments (`aws`).
//!
//! Input: a byte offset in the normalised text. Output: [`CompletionItem`]s.
//! Invariant: the context is read from the text around the cursor, so it
//! works while the line being typed does not parse yet; the names offered
//! come from the catalog and the last parse.

use ssmc_core::span::Span;

use super::aws::AWS_ACTIONS;
use super::hover::action_markdown;
use super::index::Target;
use super::Analysis;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    Keyword,
    Action,
    Input,
    Param,
    Var,
    Step,
    /// A step output after `Step.`.
    Output,
    /// A boto3 client name in an AWS API step's `Service`.
    AwsService,
    /// An operation in an AWS API step's `Api`.
    AwsApi,
    /// A selector segment (a response member, `[0]`, `[*]`).
    AwsField,
    /// An enum value (`DesiredValues` of a wait/assert step), an allowed value.
    AwsValue,
    /// A document a call may name (`DocumentName`, `documentPath`).
    Document,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    /// Markdown documentation.
    pub documentation: Option<String>,
    /// Text to insert when it differs from the label.
    pub insert_text: Option<String>,
    /// `insert_text` is an LSP snippet (`$1` tab stops).
    pub snippet: bool,
    /// Sort key (required inputs before optional ones).
    pub sort_text: Option<String>,
    /// The text the client filters on when it differs from the label.
    pub filter_text: Option<String>,
    /// The text the item replaces (else the client's word at the cursor).
    pub replace: Option<Span>,
}

impl CompletionItem {
    pub(super) fn new(label: impl Into<String>, kind: CompletionKind) -> CompletionItem {
        CompletionItem {
            label: label.into(),
            kind,
            detail: None,
            documentation: None,
            insert_text: None,
            snippet: false,
            sort_text: None,
            filter_text: None,
            replace: None,
        }
    }
}

const KEYWORDS: &[&str] = &[
    "automation",
    "command",
    "step",
    "param",
    "var",
    "secret",
    "if",
    "else",
    "guard",
    "match",
    "branch",
    "when",
    "do",
    "goto",
    "end",
    "on_failure",
    "on_cancel",
    "abort",
    "continue",
    "timeout",
    "attempts",
    "critical",
    "outputs",
    "description",
    "schema",
    "assume_role",
    "defaults",
    "raw",
    "files",
    "tags",
    "attachment",
    "plugin",
    "action",
    "extern",
    "input",
    "output",
    "required",
    "lit",
    "lines",
    "true",
    "false",
    "null",
];

/// A word the language reads as a keyword somewhere (keywords are contextual).
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// A snippet for a value of type `ty`, the cursor where the value goes.
fn value_snippet(ty: &ssmc_core::types::Ty) -> &'static str {
    use ssmc_core::types::Ty;
    match ty {
        Ty::String | Ty::Aws(_) | Ty::Secret => "\"$1\"",
        Ty::StringList | Ty::MapList | Ty::List | Ty::AwsList(_) | Ty::Targets => "[$1]",
        Ty::StringMap | Ty::Map | Ty::Condition => "{ $1 }",
        _ => "$1",
    }
}

impl Analysis {
    pub fn complete(&self, offset: u32) -> Vec<CompletionItem> {
        let offset = clamp(&self.text, offset as usize);
        let Some(before_cursor) = self.text.get(..offset) else {
            return Vec::new();
        };
        if self.raw.is_some() {
            return self.complete_raw(offset);
        }
        if let Some(items) = self.complete_interpolation(offset) {
            return items;
        }
        if let Some(items) = self.complete_aws(offset) {
            return items;
        }
        if let Some(items) = self.complete_call(offset) {
            return items;
        }
        if let Some(items) = self.complete_input_value(offset) {
            return items;
        }
        if before_cursor.ends_with('"')
            && super::aws_text::string_at(&self.text, offset).is_some_and(|r| r.start == offset)
        {
            // Just after an opening quote (`"` triggers completion for AWS
            // API steps): nothing to offer in any other string.
            return Vec::new();
        }
        let line_start = before_cursor.rfind('\n').map_or(0, |i| i + 1);
        let line = before_cursor.get(line_start..).unwrap_or("");
        let word_len = line
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
            .count();
        let before_word = line
            .get(..line.len().saturating_sub(word_len))
            .unwrap_or("");
        let lead = before_word.trim();
        let word_start = offset - word_len;
        if lead.starts_with("step ") && lead.ends_with('=') {
            return self.complete_actions(word_start, offset);
        }
        if let Some(items) = self.complete_step_target(lead, word_start, offset) {
            return items;
        }
        if let Some(step) = before_word.strip_suffix('.') {
            let step_len = step
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .count();
            let name = step
                .get(step.len().saturating_sub(step_len)..)
                .unwrap_or("");
            return self.complete_outputs(name, offset);
        }
        if matches!(lead.chars().last(), None | Some('{' | ',')) {
            // A key of a map nested in an AWS API step's inputs.
            if let Some(items) = self.complete_aws_nested(offset) {
                return items;
            }
        }
        if let Some((open, action)) = enclosing_inputs(before_cursor) {
            let at_key = matches!(lead.chars().last(), None | Some('{' | ','));
            if at_key {
                return self.complete_inputs(&action, open, offset);
            }
        }
        self.complete_names(offset)
    }

    pub(super) fn doc_at(&self, offset: usize) -> Option<usize> {
        let o = u32::try_from(offset).ok()?;
        (0..)
            .map_while(|i| self.defs(i).map(|d| (i, d)))
            .find(|(_, d)| d.span.start <= o && o <= d.span.end)
            .map(|(i, _)| i)
    }

    /// The actions allowed in the document's kind, each replacing the
    /// whole name typed so far (`aws:r` → `aws:runCommand`, never `aws:aws:…`).
    fn complete_actions(&self, word_start: usize, offset: usize) -> Vec<CompletionItem> {
        let is_action_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':';
        let replace = self.replace_span(word_start, offset, is_action_char);
        let automation = self
            .doc_at(offset)
            .and_then(|i| self.defs(i))
            .map(|d| d.is_automation);
        self.catalog
            .actions
            .iter()
            .filter(|a| match automation {
                Some(true) => a.allows(ssmc_core::model::DocKind::Automation),
                Some(false) => a.allows(ssmc_core::model::DocKind::Command),
                None => true,
            })
            .map(|a| CompletionItem {
                detail: a.docs.lines().next().map(str::to_string),
                documentation: Some(action_markdown(a)),
                replace: Some(replace),
                ..CompletionItem::new(a.name.clone(), CompletionKind::Action)
            })
            .collect()
    }

    /// Inputs of `action` not yet written in the map opened at `open`.
    fn complete_inputs(&self, action: &str, open: usize, offset: usize) -> Vec<CompletionItem> {
        let Some(sig) = self.catalog.action(action) else {
            return Vec::new();
        };
        let close = matching_close(&self.text, open).unwrap_or(self.text.len());
        let present: Vec<&str> = self
            .occurrences()
            .iter()
            .filter(|o| (o.span.start as usize) > open && (o.span.end as usize) < close)
            .filter(|o| !(o.span.start as usize <= offset && offset <= o.span.end as usize))
            .filter_map(|o| match &o.target {
                Target::InputKey { key, .. } => Some(key.as_str()),
                _ => None,
            })
            .collect();
        let mut items: Vec<CompletionItem> = sig
            .inputs
            .iter()
            .filter(|i| !present.contains(&i.name.as_str()))
            .map(|i| {
                let req = if i.required { "required" } else { "optional" };
                CompletionItem {
                    detail: Some(format!("{} ({req})", i.ty)),
                    documentation: (!i.docs.is_empty()).then(|| i.docs.clone()),
                    insert_text: Some(format!("{}: {}", i.name, value_snippet(&i.ty))),
                    snippet: true,
                    sort_text: Some(format!("{}_{}", u8::from(!i.required), i.name)),
                    ..CompletionItem::new(i.name.clone(), CompletionKind::Input)
                }
            })
            .collect();
        if AWS_ACTIONS.contains(&action) {
            items.extend(self.complete_aws_params(open, offset));
        }
        items.sort_by(|a, b| a.sort_text.cmp(&b.sort_text));
        items
    }

    /// After `Step.`: the step's declared outputs, then its action's outputs.
    fn complete_outputs(&self, step: &str, offset: usize) -> Vec<CompletionItem> {
        let Some(def) = self
            .doc_at(offset)
            .and_then(|i| self.defs(i))
            .and_then(|d| d.step(step))
        else {
            return Vec::new();
        };
        let mut items: Vec<CompletionItem> = def
            .outputs
            .iter()
            .map(|o| CompletionItem {
                detail: o.ty.clone(),
                documentation: o.docs.clone(),
                ..CompletionItem::new(o.name.clone(), CompletionKind::Output)
            })
            .collect();
        let sig = def.action.as_deref().and_then(|a| self.catalog.action(a));
        for o in sig.iter().flat_map(|s| &s.outputs) {
            if !items.iter().any(|i| i.label == o.name) {
                items.push(CompletionItem {
                    detail: Some(o.ty.to_string()),
                    documentation: (!o.docs.is_empty()).then(|| o.docs.clone()),
                    ..CompletionItem::new(o.name.clone(), CompletionKind::Output)
                });
            }
        }
        items
    }

    fn complete_names(&self, offset: usize) -> Vec<CompletionItem> {
        let mut items: Vec<CompletionItem> = KEYWORDS
            .iter()
            .map(|k| CompletionItem::new(*k, CompletionKind::Keyword))
            .collect();
        if let Some(defs) = self.doc_at(offset).and_then(|i| self.defs(i)) {
            for p in &defs.params {
                items.push(CompletionItem {
                    detail: p.ty.clone(),
                    documentation: p.docs.clone(),
                    ..CompletionItem::new(p.name.clone(), CompletionKind::Param)
                });
            }
            for v in &defs.vars {
                items.push(CompletionItem {
                    detail: v.ty.clone(),
                    documentation: v.docs.clone(),
                    insert_text: Some(format!("var.{}", v.name)),
                    ..CompletionItem::new(format!("var.{}", v.name), CompletionKind::Var)
                });
            }
            for s in &defs.steps {
                items.push(CompletionItem {
                    detail: s.action.clone(),
                    documentation: s.docs.clone(),
                    ..CompletionItem::new(s.name.clone(), CompletionKind::Step)
                });
            }
        }
        items
    }
}

fn clamp(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while o > 0 && !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// The innermost unclosed `{` before the cursor, and the action named before
/// it when that brace opens an action step's inputs (`= aws:x {`, `= aws:x when … {`).
fn enclosing_inputs(before: &str) -> Option<(usize, String)> {
    let open = super::aws_text::innermost_open(before, before.len())?;
    let head = before.get(..open)?;
    let line = head.get(head.rfind('\n').map_or(0, |i| i + 1)..)?;
    let (_, after_eq) = line.rsplit_once('=')?;
    let token = after_eq.split_whitespace().next()?.trim_matches('"');
    let valid = token.contains(':')
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ':' || c == '_' || c == '-');
    valid.then(|| (open, token.to_string()))
}

/// The `}` closing the `{` at `open`, if any.
fn matching_close(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.get(open..)?.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}
