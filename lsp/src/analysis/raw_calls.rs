//! Calls to other documents inside JSON/YAML SSM documents in the editor:
//! what `calls.rs` gives a `.rbk` call (completion of the document name, of
//! the callee's parameters and of a parameter's `allowedValues`; hover on the
//! name and on a parameter key; definition into a project document), for
//! `DocumentName:`/`documentPath:` values and `Parameters:`/
//! `RuntimeParameters:`/`documentParameters:` maps.
//!
//! Input: a byte offset in the normalised text. Output: completion items,
//! hover Markdown or a span; `None` when the offset is in no call.
//! Two readings, each where it holds:
//! - the document model (the verdict's reading of this text, spans on every
//!   key and value): hover, definition, and completion in a value of a
//!   document that parses (a JSON string being typed keeps it parsing);
//! - the YAML lines' indentation (`raw_inputs`): completion at a YAML key or
//!   an empty value, where the line being typed need not parse.
//!
//! The callee is found as the checker finds it (`call_shape` and
//! `Documents::resolve`), so the editor and `ssmc lint` agree on what a
//! call calls. JSON keys are not completed (a key being typed leaves the
//! JSON unreadable, and its nesting is not in the indentation).

use std::ops::Range;

use ssmc_core::check::calls::{call_shape, CallShape};
use ssmc_core::codegen::Format;
use ssmc_core::documents::{Callee, Origin, Signature};
use ssmc_core::lint::walk::all_steps;
use ssmc_core::model::{Key, Node};
use ssmc_core::span::Span;

use super::calls::{document_markdown, param_markdown};
use super::complete::CompletionItem;
use super::hover::HoverInfo;
use super::raw_inputs::{lines, siblings, Line};
use super::Analysis;

/// Where in a call of the model the cursor is.
enum Place<'a> {
    /// In the value naming the called document: its content's range.
    Name(Range<usize>),
    /// On a key of the parameters map.
    ParamKey(&'a Key),
    /// In a scalar value of parameter `param` (directly or in its list).
    Value {
        param: String,
        content: Range<usize>,
    },
}

/// The input of `inputs` called `key` as the call shape matches it.
fn input<'n>(inputs: &'n Node, key: &str, shape: &CallShape) -> Option<&'n Node> {
    if shape.ignore_case {
        inputs.get_ignore_case(key).map(|(_, v)| v)
    } else {
        inputs.get(key)
    }
}

fn holds(span: Span, offset: usize) -> bool {
    span.start as usize <= offset && offset <= span.end as usize
}

impl Analysis {
    /// The content range of the scalar at `span` (its quotes left out).
    fn scalar_content(&self, span: Span) -> Range<usize> {
        let (start, end) = (span.start as usize, span.end as usize);
        match self.text.get(start..end) {
            Some(s)
                if s.len() >= 2
                    && ((s.starts_with('"') && s.ends_with('"'))
                        || (s.starts_with('\'') && s.ends_with('\''))) =>
            {
                start + 1..end - 1
            }
            _ => start..end,
        }
    }

    /// The call of this file's document whose name or parameters hold
    /// `offset`: its shape, the name as written, and the place.
    fn raw_call_at(&self, offset: usize) -> Option<(CallShape, Option<String>, Place<'_>)> {
        let doc = self.documents.first()?;
        for step in all_steps(doc) {
            let Some(shape) = call_shape(step.action_str()) else {
                continue;
            };
            let Some(inputs) = step.inputs.as_ref() else {
                continue;
            };
            if !holds(inputs.span, offset) {
                continue;
            }
            let name_node = input(inputs, shape.name_key, &shape);
            let written = name_node.and_then(Node::as_str).map(str::to_string);
            if let Some(node) = name_node.filter(|n| holds(n.span, offset)) {
                let content = self.scalar_content(node.span);
                return Some((shape, written, Place::Name(content)));
            }
            let Some(params) = input(inputs, shape.params_key, &shape).and_then(Node::as_map)
            else {
                continue;
            };
            for (key, value) in params {
                if holds(key.span, offset) {
                    return Some((shape, written, Place::ParamKey(key)));
                }
                let items: Vec<&Node> = match value.as_list() {
                    Some(list) => list.iter().collect(),
                    None => vec![value],
                };
                if let Some(item) = items
                    .into_iter()
                    .find(|n| n.as_str().is_some() && holds(n.span, offset))
                {
                    let content = self.scalar_content(item.span);
                    let param = key.name.clone();
                    return Some((shape, written, Place::Value { param, content }));
                }
            }
        }
        None
    }

    /// The signature `written` resolves to, as the checker resolves it.
    fn raw_callee(&self, written: &str) -> Option<Signature> {
        match self.catalog.documents.resolve(written) {
            Callee::Known(sig) => Some(sig.clone()),
            Callee::Skipped(_) | Callee::Unknown { .. } => None,
        }
    }

    /// Completion at a call of a JSON/YAML document; `None` elsewhere.
    pub(super) fn complete_raw_call(&self, offset: usize) -> Option<Vec<CompletionItem>> {
        if self.raw == Some(Format::Yaml) {
            if let Some(items) = self.complete_yaml_call(offset) {
                return Some(items);
            }
        }
        let (shape, written, place) = self.raw_call_at(offset)?;
        Some(match place {
            Place::Name(content) => self.complete_document_names(&shape, content),
            Place::ParamKey(_) => return None,
            Place::Value { param, content } => {
                let Some(sig) = written.and_then(|w| self.raw_callee(&w)) else {
                    return Some(Vec::new());
                };
                self.allowed_value_items(&sig, &param, content)
            }
        })
    }

    /// Hover on a call's document name or on a key of its parameters map.
    pub(super) fn hover_raw_call(&self, offset: usize) -> Option<HoverInfo> {
        let (_, written, place) = self.raw_call_at(offset)?;
        let sig = self.raw_callee(written.as_deref()?)?;
        let (markdown, span) = match place {
            Place::Name(content) => (
                document_markdown(&sig),
                Span::new(self.file, content.start, content.end),
            ),
            Place::ParamKey(key) => (param_markdown(&sig, sig.param(&key.name)?), key.span),
            Place::Value { .. } => return None,
        };
        Some(HoverInfo { markdown, span })
    }

    /// From a call's document name to the project document it calls (or
    /// the read-only view of an AWS-owned one), and from a parameter key to
    /// that parameter's declaration there.
    pub(super) fn definition_raw_call(&self, offset: usize) -> Option<Span> {
        let (_, written, place) = self.raw_call_at(offset)?;
        let sig = self.raw_callee(written.as_deref()?)?;
        let Origin::Project(doc) = sig.origin else {
            let param = match place {
                Place::Name(_) => None,
                Place::ParamKey(key) => Some(key.name.as_str()),
                Place::Value { .. } => return None,
            };
            return self.aws_view_at(&sig, param);
        };
        match place {
            Place::Name(_) => Some(doc),
            Place::ParamKey(key) => sig.param(&key.name)?.span.or(Some(doc)),
            Place::Value { .. } => None,
        }
    }

    /// A YAML call read from the lines: at a key of its parameters map, in
    /// a parameter's value, or in the document name's value (the line being
    /// typed need not parse).
    fn complete_yaml_call(&self, offset: usize) -> Option<Vec<CompletionItem>> {
        let all = lines(&self.text);
        let cur = all.iter().rposition(|l| l.start <= offset)?;
        let line = all.get(cur)?;
        let in_line = self.text.get(line.start..offset)?;
        let typed = in_line.trim_start_matches([' ', '-']);
        // A key being typed: only name characters since the indentation.
        if !line.item && typed.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            let column = offset - line.start - typed.len();
            let (params, params_line) = parent_of(&all, cur, column)?;
            let (shape, inputs) = self.yaml_call_of(&all, params, params_line)?;
            let sig = self.raw_callee(&yaml_input(&all, inputs, shape.name_key, &shape)?)?;
            let given: Vec<String> = children(&all, params, column)
                .filter(|(i, _)| *i != cur)
                .filter_map(|(_, l)| l.key().map(str::to_string))
                .collect();
            let is_key = |c: char| c.is_ascii_alphanumeric() || c == '_';
            let replace = self.replace_span(offset - typed.len(), offset, is_key);
            let mut items = self.call_params_not_given(&sig, &given);
            for item in &mut items {
                item.replace = Some(replace);
            }
            return Some(items);
        }
        // A value after `key:` on this line.
        let key = line.key()?;
        let colon = line.start + line.column + line.body.find(':')?;
        if offset <= colon {
            return None;
        }
        let value = self.yaml_value_range(colon + 1, offset);
        let (parent, parent_line) = parent_of(&all, cur, line.column)?;
        if let Some((shape, _)) = self.yaml_inputs_of(&all, parent, parent_line) {
            // `DocumentName: |` in the call's inputs.
            if key_matches(key, shape.name_key, &shape) {
                return Some(self.complete_document_names(&shape, value));
            }
            return None;
        }
        let (shape, inputs) = self.yaml_call_of(&all, parent, parent_line)?;
        let sig = self.raw_callee(&yaml_input(&all, inputs, shape.name_key, &shape)?)?;
        Some(self.allowed_value_items(&sig, key, value))
    }

    /// The value being typed after a colon at `after`: from its first
    /// character (past spaces and an opening quote) to its end on the line
    /// (a closing quote left out).
    fn yaml_value_range(&self, after: usize, offset: usize) -> Range<usize> {
        let rest = self.text.get(after..).unwrap_or("");
        let line_end = after + rest.find('\n').unwrap_or(rest.len());
        let lead = rest.len() - rest.trim_start_matches(' ').len();
        let mut start = (after + lead).min(offset);
        let mut end = line_end.max(start);
        let quoted = self
            .text
            .get(start..start + 1)
            .filter(|q| *q == "\"" || *q == "'");
        if let Some(q) = quoted {
            start += 1;
            let tail = self.text.get(start..line_end).unwrap_or("");
            end = start + tail.find(q).unwrap_or(tail.len());
        }
        start..end.max(start)
    }

    /// When `line` (at index `at`) is the `inputs:` of a call step: the
    /// call's shape and the line's index.
    fn yaml_inputs_of(
        &self,
        all: &[Line<'_>],
        at: usize,
        line: &Line<'_>,
    ) -> Option<(CallShape, usize)> {
        if line.key() != Some("inputs") || !line.value().is_empty() {
            return None;
        }
        let action = siblings(all, at, line.column)
            .into_iter()
            .find(|l| l.key() == Some("action"))?
            .value()
            .to_string();
        Some((call_shape(&action)?, at))
    }

    /// When `line` (at index `at`) is the parameters map of a call step:
    /// the call's shape and its `inputs:` line's index.
    fn yaml_call_of(
        &self,
        all: &[Line<'_>],
        at: usize,
        line: &Line<'_>,
    ) -> Option<(CallShape, usize)> {
        if !line.value().is_empty() {
            return None;
        }
        let (inputs, inputs_line) = parent_of(all, at, line.column)?;
        let (shape, at_inputs) = self.yaml_inputs_of(all, inputs, inputs_line)?;
        key_matches(line.key()?, shape.params_key, &shape).then_some((shape, at_inputs))
    }
}

fn key_matches(key: &str, want: &str, shape: &CallShape) -> bool {
    if shape.ignore_case {
        key.eq_ignore_ascii_case(want)
    } else {
        key == want
    }
}

/// The nearest line above line `at` that is left of `column` (the map
/// holding a key at `column`), with its index.
fn parent_of<'t, 'a>(
    all: &'t [Line<'a>],
    at: usize,
    column: usize,
) -> Option<(usize, &'t Line<'a>)> {
    (0..at)
        .rev()
        .find(|&i| {
            all.get(i)
                .is_some_and(|l| !l.is_blank() && l.column < column)
        })
        .and_then(|i| Some((i, all.get(i)?)))
}

/// The lines of the map under line `parent` whose keys are at `column`.
fn children<'t, 'a>(
    all: &'t [Line<'a>],
    parent: usize,
    column: usize,
) -> impl Iterator<Item = (usize, &'t Line<'a>)> {
    let parent_column = all.get(parent).map_or(0, |l| l.column);
    all.iter()
        .enumerate()
        .skip(parent + 1)
        .take_while(move |(_, l)| l.is_blank() || l.column > parent_column)
        .filter(move |(_, l)| l.column == column && !l.item && !l.is_blank())
}

/// The value of the input `key` of the `inputs:` map at line `inputs`.
fn yaml_input(all: &[Line<'_>], inputs: usize, key: &str, shape: &CallShape) -> Option<String> {
    let column = all.iter().skip(inputs + 1).find(|l| !l.is_blank())?.column;
    children(all, inputs, column)
        .find(|(_, l)| l.key().is_some_and(|k| key_matches(k, key, shape)))
        .map(|(_, l)| l.value().to_string())
        .filter(|v| !v.is_empty())
}
