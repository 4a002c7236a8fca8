//! Calls to other documents in the editor (`aws:runCommand`,
//! `aws:executeAutomation`, `aws:runDocument`): completion of the document
//! name (the project's documents of the right type first, then AWS-owned
//! ones), of the called document's parameters (required first, as snippets
//! holding the default) and of a parameter's `allowedValues`; hover on the
//! document name and on a parameter key; go to definition into a project
//! document.
//!
//! Input: a byte offset in the normalised text. Output: completion items,
//! hover Markdown or a span; `None` when the offset is in no call. Calls in
//! JSON/YAML documents are read by `raw_calls`, with the same items.
//! The callee is found as `ssmc check` finds it: the checker's table of call
//! shapes (`ssmc_core::check::calls::call_shape`) and the one lookup
//! (`ssmc_core::documents::Documents::resolve`) over the project's documents
//! (this file's and the workspace's, as the verdict saw them) and the
//! embedded AWS catalog, so the editor and the checker agree on what a call
//! calls. Invariant: the place is read from the text (`aws_text`), so
//! completion works while the line does not parse; no offset panics.

use ssmc_core::check::calls::{call_shape, called_name, CallShape};
use ssmc_core::documents::{catalog, view, Callee, Documents, Limits, Origin, ParamSig, Signature};
use ssmc_core::lint::walk::all_steps;
use ssmc_core::span::{SourceMap, Span};

use super::aws_text::{key_before, map_entries, nesting, string_at, word_at, Opener};
use super::complete::{CompletionItem, CompletionKind};
use super::hover::HoverInfo;
use super::index::DocDefs;
use super::Analysis;

/// Parameters listed in a document's hover, at most.
const MAX_LISTED: usize = 40;

/// Where in a call the cursor is.
enum CallPlace {
    /// In the string naming the called document: its content's range.
    Name(std::ops::Range<usize>),
    /// At a key of the parameters map (`{` at `map`).
    ParamKey { map: usize },
    /// In a string value of parameter `param` (directly or in its list).
    Value {
        param: String,
        content: std::ops::Range<usize>,
    },
}

/// A call step around the cursor: its inputs map's `{` and its shape.
struct Call {
    open: usize,
    shape: CallShape,
    place: CallPlace,
}

fn key_is(key: &str, want: &str, shape: &CallShape) -> bool {
    if shape.ignore_case {
        key.eq_ignore_ascii_case(want)
    } else {
        key == want
    }
}

impl Analysis {
    /// The call whose inputs hold `offset`, and where in it the cursor is.
    fn call_at(&self, offset: usize) -> Option<Call> {
        let (open, action, openers) = nesting(&self.text, offset)?;
        let shape = call_shape(&action)?;
        let in_params = |o: &Opener| {
            o.brace
                && o.key
                    .as_deref()
                    .is_some_and(|k| key_is(k, shape.params_key, &shape))
        };
        if let Some(content) = string_at(&self.text, offset) {
            let quote = content.start.checked_sub(1)?;
            let place = match openers.as_slice() {
                [] => {
                    let key = key_before(&self.text, quote)?;
                    key_is(&key, shape.name_key, &shape).then_some(CallPlace::Name(content))?
                }
                [map] if in_params(map) => CallPlace::Value {
                    param: key_before(&self.text, quote)?,
                    content,
                },
                [map, list] if in_params(map) && !list.brace => CallPlace::Value {
                    param: list.key.clone()?,
                    content,
                },
                _ => return None,
            };
            return Some(Call { open, shape, place });
        }
        match openers.as_slice() {
            [map] if in_params(map) => Some(Call {
                open,
                shape,
                place: CallPlace::ParamKey { map: map.pos },
            }),
            _ => None,
        }
    }

    /// The signature of the document the call at `open` names, as the
    /// checker resolves it (`None` for a computed name or an unknown one).
    fn callee(&self, open: usize, shape: &CallShape) -> Option<Signature> {
        let (name, _) = map_entries(&self.text, open)
            .into_iter()
            .find(|e| key_is(&e.key, shape.name_key, shape))?
            .value?;
        match self.catalog.documents.resolve(&name) {
            Callee::Known(sig) => Some(sig.clone()),
            Callee::Skipped(_) => None,
            // While the file does not parse, its documents are not lowered:
            // a document of this file is known by its last parse.
            Callee::Unknown { name } => self.signature_of_this_file(name),
        }
    }

    /// The signature of a document of this file, from its definitions.
    fn signature_of_this_file(&self, name: &str) -> Option<Signature> {
        let def = (0..).map_while(|i| self.defs(i)).find(|d| d.name == name)?;
        Some(signature_of_defs(def))
    }

    /// The project's documents (this file's included while it does not parse).
    fn project_documents(&self) -> Vec<Signature> {
        let mut out: Vec<Signature> = self.catalog.documents.project().cloned().collect();
        for def in (0..).map_while(|i| self.defs(i)) {
            if !out.iter().any(|s| s.name == def.name) {
                out.push(signature_of_defs(def));
            }
        }
        out
    }

    /// Completion inside a call: document names, the callee's parameters or
    /// a parameter's allowed values. `None` when the cursor is in no call.
    pub(super) fn complete_call(&self, offset: usize) -> Option<Vec<CompletionItem>> {
        let call = self.call_at(offset)?;
        if matches!(call.place, CallPlace::ParamKey { .. }) && !at_key(&self.text, offset) {
            return None;
        }
        Some(match call.place {
            CallPlace::Name(content) => self.complete_document_names(&call.shape, content),
            CallPlace::ParamKey { map } => match self.callee(call.open, &call.shape) {
                Some(sig) => self.complete_call_params(&sig, map, offset),
                None => Vec::new(),
            },
            CallPlace::Value { param, content } => match self.callee(call.open, &call.shape) {
                Some(sig) => self.allowed_value_items(&sig, &param, content),
                None => Vec::new(),
            },
        })
    }

    /// `param`'s allowed values, replacing `content`.
    pub(super) fn allowed_value_items(
        &self,
        sig: &Signature,
        param: &str,
        content: std::ops::Range<usize>,
    ) -> Vec<CompletionItem> {
        let Some(p) = sig.param(param) else {
            return Vec::new();
        };
        let replace = Span::new(self.file, content.start, content.end);
        p.allowed_values
            .iter()
            .flatten()
            .enumerate()
            .map(|(n, v)| CompletionItem {
                detail: Some(format!("an allowed value of `{}`", p.name)),
                sort_text: Some(format!("{n:04}")),
                replace: Some(replace),
                ..CompletionItem::new(v.clone(), CompletionKind::AwsValue)
            })
            .collect()
    }

    /// Documents the call may name: the project's of the type the action
    /// runs first, then AWS-owned ones of that type.
    pub(super) fn complete_document_names(
        &self,
        shape: &CallShape,
        content: std::ops::Range<usize>,
    ) -> Vec<CompletionItem> {
        let replace = Span::new(self.file, content.start, content.end);
        let kind = document_noun(shape.doc_type);
        let mine = self.project_documents();
        let project = mine
            .iter()
            .filter(|s| s.doc_type == shape.doc_type)
            .map(|s| (s, 0u8, format!("{kind} of the project")));
        let aws = catalog::aws()
            .documents
            .iter()
            .filter(|s| s.doc_type == shape.doc_type)
            .filter(|s| mine.iter().all(|p| p.name != s.name))
            .map(|s| (s, 1u8, format!("AWS-owned {kind}")));
        project
            .chain(aws)
            .map(|(s, rank, detail)| CompletionItem {
                detail: Some(detail),
                documentation: (!s.description.trim().is_empty()).then(|| s.description.clone()),
                sort_text: Some(format!("{rank}_{}", s.name)),
                replace: Some(replace),
                ..CompletionItem::new(s.name.clone(), CompletionKind::Document)
            })
            .collect()
    }

    /// The callee's parameters not yet keys of the map at `map` (the key at
    /// `offset` excepted), required first, as snippets holding the default.
    fn complete_call_params(
        &self,
        sig: &Signature,
        map: usize,
        offset: usize,
    ) -> Vec<CompletionItem> {
        let given: Vec<String> = map_entries(&self.text, map)
            .into_iter()
            .filter(|e| !(e.key_range.start <= offset && offset <= e.key_range.end))
            .map(|e| e.key)
            .collect();
        self.call_params_not_given(sig, &given)
    }

    /// The callee's parameters not among `given`, required first, as
    /// snippets holding the default (flow syntax: `.rbk` and YAML alike).
    pub(super) fn call_params_not_given(
        &self,
        sig: &Signature,
        given: &[String],
    ) -> Vec<CompletionItem> {
        let mut items: Vec<CompletionItem> = sig
            .params
            .iter()
            .filter(|p| !given.contains(&p.name))
            .map(|p| {
                let req = if p.required() { "required" } else { "optional" };
                let key = if is_ident(&p.name) {
                    p.name.clone()
                } else {
                    format!("\"{}\"", p.name)
                };
                CompletionItem {
                    detail: Some(format!("{} ({req}), a parameter of {}", p.ty, sig.name)),
                    documentation: Some(param_markdown(sig, p)),
                    insert_text: Some(format!("{key}: {}", value_snippet(p))),
                    snippet: true,
                    sort_text: Some(format!("{}_{}", u8::from(!p.required()), p.name)),
                    ..CompletionItem::new(p.name.clone(), CompletionKind::Input)
                }
            })
            .collect();
        items.sort_by(|a, b| a.sort_text.cmp(&b.sort_text));
        items
    }

    /// Hover on a call's document name (the callee's description and
    /// parameters) or on a key of its parameters map (the parameter's type,
    /// default, allowed values and description).
    pub(super) fn hover_call(&self, offset: usize) -> Option<HoverInfo> {
        if self.raw.is_some() {
            return self.hover_raw_call(offset);
        }
        let call = self.call_at(offset)?;
        let sig = self.callee(call.open, &call.shape)?;
        let (markdown, range) = match call.place {
            CallPlace::Name(content) => (document_markdown(&sig), content),
            CallPlace::ParamKey { map } => {
                let entry = map_entries(&self.text, map)
                    .into_iter()
                    .find(|e| e.key_range.start <= offset && offset <= e.key_range.end)?;
                let p = sig.param(&entry.key)?;
                (param_markdown(&sig, p), entry.key_range)
            }
            CallPlace::Value { .. } => return None,
        };
        Some(HoverInfo {
            markdown,
            span: Span::new(self.file, range.start, range.end),
        })
    }

    /// From a call's document name to the project document it calls, and
    /// from a parameter key to that parameter's declaration there.
    pub(super) fn definition_call(&self, offset: usize) -> Option<Span> {
        if self.raw.is_some() {
            return self.definition_raw_call(offset);
        }
        let call = self.call_at(offset)?;
        let sig = self.callee(call.open, &call.shape)?;
        let Origin::Project(doc) = sig.origin else {
            let param = match call.place {
                CallPlace::Name(_) => None,
                CallPlace::ParamKey { .. } => Some(word_at(&self.text, offset)?.0),
                CallPlace::Value { .. } => return None,
            };
            return self.aws_view_at(&sig, param);
        };
        match call.place {
            CallPlace::Name(_) => Some(doc),
            CallPlace::ParamKey { .. } => {
                let (word, _) = word_at(&self.text, offset)?;
                sig.param(word)?.span.or(Some(doc))
            }
            CallPlace::Value { .. } => None,
        }
    }
}

impl Analysis {
    /// The place in the read-only view of AWS document `sig` (its start, or
    /// parameter `param`'s entry) when the analysis added the view (the
    /// document is AWS-owned and this file calls it: [`add_aws_views`]).
    pub(super) fn aws_view_at(&self, sig: &Signature, param: Option<&str>) -> Option<Span> {
        let path = format!("stdlib/{}", view::path_of(&sig.name));
        let file = self.sources.files().find(|f| f.name == path)?;
        let at = match param {
            Some(p) => view::param_offset(&file.text, p)?,
            None => 0,
        };
        Some(Span::new(file.id, at, at))
    }
}

/// Adds to `sources` the read-only view (`ssmc_core::documents::view`) of
/// each AWS-owned document a call of `documents` names, so that go to
/// definition has a place in it (`ssmc-stdlib:///aws-documents/NAME.yaml`,
/// whose text the server renders again on request). Only the called ones:
/// the catalog holds hundreds.
pub(super) fn add_aws_views(
    sources: &mut SourceMap,
    known: &Documents,
    documents: &[ssmc_core::model::Document],
) {
    let mut added: Vec<String> = Vec::new();
    for doc in documents {
        for step in all_steps(doc) {
            let Some(written) = called_name(step).and_then(|(_, name)| name.as_str()) else {
                continue;
            };
            let Callee::Known(sig) = known.resolve(written) else {
                continue;
            };
            // An AWS-owned document, not a `[documents] paths` one of its name.
            let owned = catalog::aws()
                .get(&sig.name)
                .is_some_and(|c| c.same_shape(sig));
            if matches!(sig.origin, Origin::Aws) && owned && !added.contains(&sig.name) {
                sources.add(
                    format!("stdlib/{}", view::path_of(&sig.name)),
                    &view::render(sig),
                );
                added.push(sig.name.clone());
            }
        }
    }
}

/// A document of this file as its definitions show it (defaults' values are
/// not kept there: an optional parameter's default is `null`).
fn signature_of_defs(def: &DocDefs) -> Signature {
    Signature {
        name: def.name.clone(),
        doc_type: if def.is_automation {
            "Automation"
        } else {
            "Command"
        }
        .to_string(),
        description: String::new(),
        params: def
            .params
            .iter()
            .map(|p| ParamSig {
                name: p.name.clone(),
                ty: p.ty.clone().unwrap_or_else(|| "String".to_string()),
                default: (!p.required).then_some(serde_json::Value::Null),
                allowed_values: None,
                allowed_pattern: None,
                description: p.docs.clone().unwrap_or_default(),
                limits: Limits::default(),
                span: Some(p.name_span),
            })
            .collect(),
        outputs: Vec::new(),
        params_known: true,
        origin: Origin::Project(def.span),
    }
}

/// `Command document`, `Automation runbook`.
fn document_noun(doc_type: &str) -> &'static str {
    match doc_type {
        "Automation" => "Automation runbook",
        _ => "Command document",
    }
}

/// Whether the name being typed at `offset` is a map key: only a name
/// follows the map's `{`, a `,` or the line's start.
fn at_key(text: &str, offset: usize) -> bool {
    let before = text.get(..offset).unwrap_or("");
    let head = before.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '_');
    let head = head.trim_end_matches([' ', '\t']);
    head.is_empty() || head.ends_with(['{', ',', '\n'])
}

fn is_ident(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Text safe inside a snippet placeholder (`$`, `}` and `\` escaped).
fn snippet_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '$' | '}' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A snippet for the parameter's value, the default (when it is a scalar or
/// a list of scalars) as the placeholder.
fn value_snippet(p: &ParamSig) -> String {
    use serde_json::Value as J;
    let scalar = |v: &J| match v {
        J::String(s) => Some(snippet_text(&serde_json::to_string(s).ok()?)),
        J::Bool(b) => Some(b.to_string()),
        J::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let list = p.ty == "StringList" || p.ty == "MapList" || p.ty.starts_with("List<");
    match (&p.default, p.ty.as_str()) {
        (Some(J::Array(items)), _) if !items.is_empty() => {
            let inner: Option<Vec<String>> = items.iter().map(scalar).collect();
            match inner {
                Some(inner) => format!("[${{1:{}}}]", inner.join(", ")),
                None => "[$1]".into(),
            }
        }
        (Some(J::String(s)), "Integer" | "Boolean") if !s.is_empty() => {
            format!("${{1:{}}}", snippet_text(s))
        }
        (Some(v @ (J::Bool(_) | J::Number(_))), _) => {
            format!("${{1:{}}}", scalar(v).unwrap_or_default())
        }
        (Some(J::String(s)), _) if !list && !s.is_empty() => {
            let quoted = serde_json::to_string(s).unwrap_or_default();
            let inner = quoted
                .strip_prefix('"')
                .and_then(|q| q.strip_suffix('"'))
                .unwrap_or("");
            format!("\"${{1:{}}}\"", snippet_text(inner))
        }
        (_, "Integer" | "Boolean") => "$1".into(),
        (_, "StringMap") => "{ $1 }".into(),
        _ if list => "[$1]".into(),
        _ => "\"$1\"".into(),
    }
}

/// A parameter of a called document: type, required or its default,
/// allowed values, pattern and description.
pub(super) fn param_markdown(sig: &Signature, p: &ParamSig) -> String {
    let mut s = format!(
        "```\n{}: {}\n```\nparameter of `{}`",
        p.name, p.ty, sig.name
    );
    match &p.default {
        None => s.push_str(" · required"),
        Some(serde_json::Value::Null) => s.push_str(" · optional"),
        Some(d) => s.push_str(&format!(" · default `{d}`")),
    }
    if let Some(values) = &p.allowed_values {
        let list: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
        s.push_str(&format!("\n\nallowed values: {}", list.join(", ")));
    }
    if let Some(pattern) = &p.allowed_pattern {
        s.push_str(&format!("\n\nallowed pattern: `{pattern}`"));
    }
    if !p.description.trim().is_empty() {
        s.push_str("\n\n");
        s.push_str(p.description.trim_end());
    }
    s
}

/// A called document: its kind and origin, description, parameters
/// (required first) and declared outputs.
pub(super) fn document_markdown(sig: &Signature) -> String {
    let origin = match sig.origin {
        Origin::Project(_) => "of the project",
        Origin::Aws => "owned by AWS",
    };
    let mut s = format!("```\n{}\n```\n{} document {origin}", sig.name, sig.doc_type);
    if !sig.description.trim().is_empty() {
        s.push_str("\n\n");
        s.push_str(sig.description.trim_end());
    }
    if !sig.params_known {
        s.push_str("\n\nits parameters are not known");
        return s;
    }
    let mut params: Vec<&ParamSig> = sig.params.iter().collect();
    params.sort_by_key(|p| !p.required());
    if !params.is_empty() {
        s.push_str("\n\nparameters:");
        for p in params.iter().take(MAX_LISTED) {
            let req = if p.required() { " (required)" } else { "" };
            s.push_str(&format!("\n- `{}`: {}{req}", p.name, p.ty));
        }
        if params.len() > MAX_LISTED {
            s.push_str(&format!("\n- … {} more", params.len() - MAX_LISTED));
        }
    }
    if !sig.outputs.is_empty() {
        let outs: Vec<String> = sig.outputs.iter().map(|o| format!("`{o}`")).collect();
        s.push_str(&format!("\n\noutputs: {}", outs.join(", ")));
    }
    s
}
