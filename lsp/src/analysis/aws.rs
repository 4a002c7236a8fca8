//! AWS API steps (`aws:executeAwsApi`, `aws:waitForAwsResourceProperty`,
//! `aws:assertAwsResourceProperty`) in the editor: completion and hover of
//! the `Service` and `Api` values, the operation's request parameters (and
//! members of maps nested in them), the segments of output `Selector`s and
//! `PropertySelector`s, and `DesiredValues` from the selected property's enum.
//!
//! Input: a byte offset in the normalised text. Output: completion items or
//! hover Markdown; `None` when the offset is in no such place.
//! Answers come from botocore's models (`ssmc_core::awsapi`, names resolved
//! as SSM resolves them by `awsapi::names`) and the checker's own selector
//! parser and walk (`ssmc_core::check::awsapi::lookup`), so the editor and
//! `ssmc check` agree.
//! Invariants: the place is read from the text (`aws_text`), so completion
//! works while the line does not parse; completing service names reads the
//! catalog's index only (no service is decoded); no offset panics.

use ssmc_core::awsapi::describe::{
    element, enumeration, kind_text, limits_text, members, type_text,
};
use ssmc_core::awsapi::{self, names, Member, Operation, Scalar, Service, ShapeId, ShapeKind};
use ssmc_core::check::awsapi::lookup::{self, Place};
use ssmc_core::span::Span;

use super::aws_text::{
    is_key_end, key_before, map_entries, nesting, outputs_step, step_inputs, string_at, word_at,
};
use super::complete::{CompletionItem, CompletionKind};
use super::hover::HoverInfo;
use super::Analysis;

/// Actions whose inputs name an AWS API.
pub(super) const AWS_ACTIONS: &[&str] = &[
    "aws:executeAwsApi",
    "aws:waitForAwsResourceProperty",
    "aws:assertAwsResourceProperty",
];

/// The actions' own inputs, never request parameters.
const OWN_INPUTS: &[&str] = &["Service", "Api", "PropertySelector", "DesiredValues"];

/// Lists in hover text stop after this many entries.
const MAX_LISTED: usize = 40;

/// What the string at the cursor is.
enum StringRole {
    Service,
    Api,
    /// A `PropertySelector` or an output selector.
    Selector,
    /// An entry of a wait/assert step's `DesiredValues` list.
    DesiredValue,
}

/// A string of an AWS API step at the cursor.
struct AwsString {
    role: StringRole,
    /// The content's byte range.
    content: std::ops::Range<usize>,
    /// The step's inputs map `{`.
    open: usize,
}

impl Analysis {
    /// The AWS API step string holding `offset`, if any.
    fn aws_string(&self, offset: usize) -> Option<AwsString> {
        let content = string_at(&self.text, offset)?;
        let quote = content.start.checked_sub(1)?;
        if let Some(key) = key_before(&self.text, quote) {
            let (open, action) = step_inputs(&self.text, quote)?;
            let wait = action != "aws:executeAwsApi";
            let role = match key.as_str() {
                "Service" => StringRole::Service,
                "Api" => StringRole::Api,
                "PropertySelector" if wait => StringRole::Selector,
                _ => return None,
            };
            AWS_ACTIONS.contains(&action.as_str()).then_some(AwsString {
                role,
                content,
                open,
            })
        } else if let Some(open) = self.desired_values_list(quote) {
            Some(AwsString {
                role: StringRole::DesiredValue,
                content,
                open,
            })
        } else {
            let head = self.text.get(..quote)?.trim_end();
            head.strip_suffix('=')?;
            let (open, action) = outputs_step(&self.text, quote)?;
            (action == "aws:executeAwsApi").then_some(AwsString {
                role: StringRole::Selector,
                content,
                open,
            })
        }
    }

    /// For a string opening at `quote` directly in the `DesiredValues: [ … ]`
    /// list of a wait/assert step: the step's inputs `{`.
    fn desired_values_list(&self, quote: usize) -> Option<usize> {
        let (open, action, openers) = nesting(&self.text, quote)?;
        let [list] = openers.as_slice() else {
            return None;
        };
        let desired = !list.brace && list.key.as_deref() == Some("DesiredValues");
        let wait = AWS_ACTIONS.contains(&action.as_str()) && action != "aws:executeAwsApi";
        (desired && wait).then_some(open)
    }

    /// The literal value of `key` in the inputs map at `open` (not a reference).
    fn input_literal(&self, open: usize, key: &str) -> Option<String> {
        map_entries(&self.text, open)
            .into_iter()
            .find(|e| e.key == key)
            .and_then(|e| e.value)
            .map(|v| v.0)
            .filter(|v| !v.contains("{{"))
    }

    /// The service and operation the inputs map at `open` names.
    fn aws_operation(&self, open: usize) -> Option<(&'static Service, &'static Operation)> {
        let svc = self.aws_service(open)?;
        let api = self.input_literal(open, "Api")?;
        let (op, _) = names::operation(svc, &api)?;
        Some((svc, op))
    }

    fn aws_service(&self, open: usize) -> Option<&'static Service> {
        let cat = awsapi::catalog();
        let entry = names::service(cat, &self.input_literal(open, "Service")?)?;
        Some(cat.decoded(entry))
    }

    fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.file, range.start, range.end)
    }

    /// Completion in a `Service`, `Api` or selector string of an AWS API step;
    /// `None` when the cursor is in no such string.
    pub(super) fn complete_aws(&self, offset: usize) -> Option<Vec<CompletionItem>> {
        let s = self.aws_string(offset)?;
        let typed = self.text.get(s.content.start..offset)?;
        Some(match s.role {
            StringRole::Service => self.complete_services(typed, s.content),
            StringRole::Api => match self.aws_service(s.open) {
                Some(svc) => self.complete_apis(svc, typed, s.content),
                None => Vec::new(),
            },
            StringRole::Selector => match self.aws_operation(s.open) {
                Some((svc, op)) => self.complete_selector(svc, op, typed, s.content.start),
                None => Vec::new(),
            },
            StringRole::DesiredValue => self.complete_desired(s.open, s.content),
        })
    }

    /// Every boto3 client name containing what is typed (case-insensitive),
    /// from the catalog's index.
    fn complete_services(
        &self,
        typed: &str,
        content: std::ops::Range<usize>,
    ) -> Vec<CompletionItem> {
        let cat = awsapi::catalog();
        let want = typed.to_ascii_lowercase();
        cat.services()
            .iter()
            .filter(|s| s.name.contains(&want))
            .map(|s| CompletionItem {
                detail: Some(format!(
                    "API version {}, {} operations",
                    s.api_version, s.operation_count
                )),
                sort_text: Some(format!(
                    "{}{}",
                    u8::from(!s.name.starts_with(&want)),
                    s.name
                )),
                replace: Some(self.span(content.clone())),
                ..CompletionItem::new(s.name.clone(), CompletionKind::AwsService)
            })
            .collect()
    }

    /// The service's operations matching what is typed in any spelling SSM
    /// accepts (`DescribeInst`, `describe_inst`, `describeInst`), offered by
    /// their canonical name; streaming ones (SSM cannot call them) last.
    fn complete_apis(
        &self,
        svc: &Service,
        typed: &str,
        content: std::ops::Range<usize>,
    ) -> Vec<CompletionItem> {
        let want = squash(typed);
        let style = names::Style::of(typed);
        svc.operations
            .iter()
            .filter_map(|op| {
                let name = squash(&op.name);
                let rank = if name == want {
                    0
                } else if name.starts_with(&want) {
                    1
                } else if name.contains(&want) {
                    2
                } else {
                    return None;
                };
                let streams = op.input_streams || op.output_streams;
                let mut detail = op.method.clone();
                if streams {
                    detail.push_str(" · streams: SSM cannot call it");
                } else if op.deprecated {
                    detail.push_str(" · deprecated");
                }
                let rank = rank + if streams || op.deprecated { 3 } else { 0 };
                Some(CompletionItem {
                    detail: Some(detail),
                    sort_text: Some(format!("{rank}{}", op.name)),
                    filter_text: (!typed.is_empty()).then(|| style.spell(op)),
                    replace: Some(self.span(content.clone())),
                    ..CompletionItem::new(op.name.clone(), CompletionKind::AwsApi)
                })
            })
            .collect()
    }

    /// The operation's request parameters not yet in the inputs map at
    /// `open` (the key at `offset` excepted), required first, as snippets.
    pub(super) fn complete_aws_params(&self, open: usize, offset: usize) -> Vec<CompletionItem> {
        let Some((svc, op)) = self.aws_operation(open) else {
            return Vec::new();
        };
        let input = op.input.map_or(&[][..], |id| members(svc, id));
        let owner = format!("parameter of `{}.{}`", svc.name, op.name);
        self.member_param_items(svc, &owner, input, open, offset, true)
    }

    /// At a key of a map nested in an AWS API step's inputs (`Filters: [{ N… }]`):
    /// the members of the structure there not yet written. `None` when the
    /// cursor is not nested in such a step.
    pub(super) fn complete_aws_nested(&self, offset: usize) -> Option<Vec<CompletionItem>> {
        let (_, action, openers) = nesting(&self.text, offset)?;
        if openers.is_empty() || !AWS_ACTIONS.contains(&action.as_str()) {
            return None;
        }
        Some(match self.nested_shape(offset) {
            Some((svc, op, id, open)) => {
                let owner = member_owner(svc, op, id);
                self.member_param_items(svc, &owner, members(svc, id), open, offset, false)
            }
            None => Vec::new(),
        })
    }

    /// The structure a map nested in an AWS API step's inputs stands for, and
    /// that map's `{`: the keys before each enclosing `{`/`[` lead from the
    /// operation's input shape to it (a `{` or `[` without a key is a list element).
    fn nested_shape(
        &self,
        at: usize,
    ) -> Option<(&'static Service, &'static Operation, ShapeId, usize)> {
        let (open, action, openers) = nesting(&self.text, at)?;
        let innermost = openers.last()?;
        if !innermost.brace || !AWS_ACTIONS.contains(&action.as_str()) {
            return None;
        }
        let (svc, op) = self.aws_operation(open)?;
        let mut shape = op.input?;
        for o in &openers {
            shape = match &o.key {
                Some(k) => members(svc, shape).iter().find(|m| &m.name == k)?.shape,
                None => element(svc, shape)?,
            };
        }
        match svc.shape(shape)?.kind {
            ShapeKind::Structure {
                document: false, ..
            } => Some((svc, op, shape, innermost.pos)),
            _ => None,
        }
    }

    /// `members` not yet keys of the map at `open` (the key at `offset`
    /// excepted), required first, as snippets; `top` leaves out the action's
    /// own inputs.
    fn member_param_items(
        &self,
        svc: &Service,
        owner: &str,
        input: &[Member],
        open: usize,
        offset: usize,
        top: bool,
    ) -> Vec<CompletionItem> {
        let present: Vec<String> = map_entries(&self.text, open)
            .into_iter()
            .filter(|e| !(e.key_range.start <= offset && offset <= e.key_range.end))
            .map(|e| e.key)
            .collect();
        input
            .iter()
            .filter(|m| !present.contains(&m.name))
            .filter(|m| !(top && OWN_INPUTS.contains(&m.name.as_str())))
            .map(|m| {
                let req = if m.required { "required" } else { "optional" };
                let key = if is_ident(&m.name) {
                    m.name.clone()
                } else {
                    format!("\"{}\"", m.name)
                };
                CompletionItem {
                    detail: Some(format!("{} ({req})", type_text(svc, m.shape))),
                    documentation: Some(param_markdown(svc, owner, m)),
                    insert_text: Some(format!("{key}: {}", placeholder(svc, m.shape, 0))),
                    snippet: true,
                    sort_text: Some(format!("{}_{}", u8::from(!m.required), m.name)),
                    ..CompletionItem::new(m.name.clone(), CompletionKind::Input)
                }
            })
            .collect()
    }

    /// Selector segments: after `.` the members there (on a list only `[0]`
    /// and `[*]`, replacing the `.`: a member read on a list never matches),
    /// after `[` on a list `[0]` and `[*]`; at the start the response's
    /// members (written `$.Name`).
    fn complete_selector(
        &self,
        svc: &Service,
        op: &Operation,
        typed: &str,
        start: usize,
    ) -> Vec<CompletionItem> {
        let word_len = typed
            .chars()
            .rev()
            .take_while(|c| !matches!(c, '.' | '[' | ']' | ' ' | '\'' | '"' | '$'))
            .map(char::len_utf8)
            .sum::<usize>();
        let cursor = start + typed.len();
        let word_start = cursor - word_len;
        let before = typed.get(..typed.len() - word_len).unwrap_or("");
        let trimmed = before.trim_start();
        if trimmed.is_empty() || trimmed == "$" {
            // `"|"` or `"$|"`: the root, written in full.
            let Some(p) = lookup::place_after(svc, op.output, "") else {
                return Vec::new();
            };
            let from = start + (before.len() - trimmed.len());
            return self.member_items(&p, from..cursor, "$.");
        }
        if before.ends_with("..") {
            return Vec::new();
        }
        if let Some(done) = before.strip_suffix('.') {
            let Some(p) = lookup::place_after(svc, op.output, done) else {
                return Vec::new();
            };
            let dot = word_start - 1;
            if p.list {
                return self.index_items(&p, dot..cursor);
            }
            return self.member_items(&p, word_start..cursor, "");
        }
        if let Some(done) = before.strip_suffix('[') {
            let Some(p) = lookup::place_after(svc, op.output, done) else {
                return Vec::new();
            };
            return self.index_items(&p, word_start - 1..cursor);
        }
        Vec::new()
    }

    /// The enum values of the property `PropertySelector` selects.
    fn complete_desired(
        &self,
        open: usize,
        content: std::ops::Range<usize>,
    ) -> Vec<CompletionItem> {
        let Some((svc, op)) = self.aws_operation(open) else {
            return Vec::new();
        };
        let Some(selector) = self.input_literal(open, "PropertySelector") else {
            return Vec::new();
        };
        let Some(p) = lookup::place_after(svc, op.output, &selector) else {
            return Vec::new();
        };
        p.enumeration
            .iter()
            .enumerate()
            .map(|(n, v)| CompletionItem {
                detail: Some(p.ty.clone()),
                sort_text: Some(format!("{n:04}")),
                replace: Some(self.span(content.clone())),
                ..CompletionItem::new(v.clone(), CompletionKind::AwsValue)
            })
            .collect()
    }

    fn member_items(
        &self,
        p: &Place,
        replace: std::ops::Range<usize>,
        prefix: &str,
    ) -> Vec<CompletionItem> {
        p.fields
            .iter()
            .map(|f| {
                let last = f.name == "ResponseMetadata";
                let text = format!("{prefix}{}", f.name);
                CompletionItem {
                    detail: Some(f.ty.clone()),
                    insert_text: (!prefix.is_empty()).then(|| text.clone()),
                    filter_text: (!prefix.is_empty()).then(|| text.clone()),
                    sort_text: Some(format!("{}_{}", u8::from(last) + 1, f.name)),
                    replace: Some(self.span(replace.clone())),
                    ..CompletionItem::new(f.name.clone(), CompletionKind::AwsField)
                }
            })
            .collect()
    }

    /// `[0]` and `[*]` on a list place, replacing `replace` (the `.` or `[` typed).
    fn index_items(&self, p: &Place, replace: std::ops::Range<usize>) -> Vec<CompletionItem> {
        if !p.list {
            return Vec::new();
        }
        let elem =
            p.ty.strip_prefix("list<")
                .and_then(|t| t.strip_suffix('>'))
                .unwrap_or("element");
        [
            ("[0]", format!("the first {elem}")),
            ("[*]", format!("every {elem} (a list)")),
        ]
        .into_iter()
        .enumerate()
        .map(|(n, (label, detail))| CompletionItem {
            detail: Some(detail),
            filter_text: Some(label.to_string()),
            sort_text: Some(format!("0_{n}")),
            replace: Some(self.span(replace.clone())),
            ..CompletionItem::new(label, CompletionKind::AwsField)
        })
        .collect()
    }

    /// Hover on a `Service` or `Api` value, a request parameter key or a
    /// selector segment of an AWS API step.
    pub(super) fn hover_aws(&self, offset: usize) -> Option<HoverInfo> {
        if let Some(s) = self.aws_string(offset) {
            let content = self.text.get(s.content.clone())?;
            let (markdown, range) = match s.role {
                StringRole::Service => (service_markdown(content.trim())?, s.content.clone()),
                StringRole::Api => {
                    let svc = self.aws_service(s.open)?;
                    let (op, _) = names::operation(svc, content.trim())?;
                    (api_markdown(svc, op), s.content.clone())
                }
                StringRole::DesiredValue => return None,
                StringRole::Selector => {
                    let (svc, op) = self.aws_operation(s.open)?;
                    let at = offset - s.content.start;
                    let seg = lookup::segment_at(svc, op.output, content, at)?;
                    let range = s.content.start + seg.range.start..s.content.start + seg.range.end;
                    (segment_markdown(&seg.path, &seg.place), range)
                }
            };
            return Some(HoverInfo {
                markdown,
                span: self.span(range),
            });
        }
        let (word, range) = word_at(&self.text, offset)?;
        if !is_key_end(&self.text, range.end) {
            return None;
        }
        let markdown = match step_inputs(&self.text, range.start) {
            Some((open, action)) => {
                if OWN_INPUTS.contains(&word) || !AWS_ACTIONS.contains(&action.as_str()) {
                    return None;
                }
                let (svc, op) = self.aws_operation(open)?;
                let m = members(svc, op.input?).iter().find(|m| m.name == word)?;
                let owner = format!("parameter of `{}.{}`", svc.name, op.name);
                param_markdown(svc, &owner, m)
            }
            None => {
                let (svc, op, id, _) = self.nested_shape(range.start)?;
                let m = members(svc, id).iter().find(|m| m.name == word)?;
                param_markdown(svc, &member_owner(svc, op, id), m)
            }
        };
        Some(HoverInfo {
            markdown,
            span: self.span(range),
        })
    }
}

/// `member of `Filter` in `ec2.DescribeInstances``.
fn member_owner(svc: &Service, op: &Operation, id: ShapeId) -> String {
    let name = svc.shape(id).map_or("?", |s| s.name.as_str());
    format!("member of `{name}` in `{}.{}`", svc.name, op.name)
}

/// Lower case without `_`: the one form every spelling of an operation shares.
fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn is_ident(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A snippet for a value of the shape, the cursor where the value goes
/// (an enum or boolean as a choice).
fn placeholder(svc: &Service, id: ShapeId, depth: usize) -> String {
    let Some(shape) = svc.shape(id) else {
        return "$1".to_string();
    };
    match &shape.kind {
        ShapeKind::Structure { document: true, .. } => "$1".to_string(),
        ShapeKind::Structure { .. } | ShapeKind::Map { .. } => "{ $1 }".to_string(),
        ShapeKind::List { member, .. } if depth < 2 => {
            format!("[{}]", placeholder(svc, *member, depth + 1))
        }
        ShapeKind::List { .. } => "[$1]".to_string(),
        ShapeKind::Scalar {
            enumeration: Some(values),
            ..
        } if !values.is_empty() && values.len() <= 50 => {
            let choices: Vec<String> = values.iter().map(|v| escape_choice(v)).collect();
            format!("\"${{1|{}|}}\"", choices.join(","))
        }
        ShapeKind::Scalar { kind, min, .. } => match kind {
            Scalar::Boolean => "${1|true,false|}".to_string(),
            Scalar::Integer | Scalar::Long => {
                let n = min.filter(|m| m.fract() == 0.0).unwrap_or(0.0);
                format!("${{1:{}}}", n as i64)
            }
            Scalar::Double | Scalar::Float => "${1:0.0}".to_string(),
            Scalar::String | Scalar::Timestamp | Scalar::Blob => "\"$1\"".to_string(),
        },
    }
}

/// A snippet choice value: `$`, `}`, `\`, `,` and `|` escaped.
fn escape_choice(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        if matches!(c, '$' | '}' | '\\' | ',' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `- `a`, `b`, … and N more` for a long list.
fn listed<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = items.collect();
    let mut s: Vec<String> = all
        .iter()
        .take(MAX_LISTED)
        .map(|v| format!("`{v}`"))
        .collect();
    if all.len() > MAX_LISTED {
        s.push(format!("… ({} more)", all.len() - MAX_LISTED));
    }
    s.join(", ")
}

fn service_markdown(name: &str) -> Option<String> {
    let cat = awsapi::catalog();
    let entry = names::service(cat, name)?;
    Some(format!(
        "```\nservice {}\n```\n\nboto3 client `{}`, API version `{}`, {} operations (botocore {}).",
        entry.name, entry.name, entry.api_version, entry.operation_count, cat.provenance.botocore
    ))
}

fn member_line(svc: &Service, m: &Member) -> String {
    let req = if m.required { " (required)" } else { "" };
    format!("\n- `{}`: {}{req}", m.name, type_text(svc, m.shape))
}

/// An operation: its boto3 method, flags, parameters (required first) and response.
pub(super) fn api_markdown(svc: &Service, op: &Operation) -> String {
    let mut s = format!(
        "```\n{}.{}\n```\n\nboto3 method `{}`.",
        svc.name, op.name, op.method
    );
    if op.input_streams || op.output_streams {
        s.push_str(" Streams its request or response: SSM cannot call it.");
    }
    if op.deprecated {
        s.push_str(" Deprecated.");
    }
    let mut params: Vec<&Member> = op
        .input
        .map_or(&[][..], |id| members(svc, id))
        .iter()
        .collect();
    params.sort_by_key(|m| !m.required);
    s.push_str("\n\n**Parameters**\n");
    if params.is_empty() {
        s.push_str("\nnone");
    }
    for m in params.iter().take(MAX_LISTED) {
        s.push_str(&member_line(svc, m));
    }
    if params.len() > MAX_LISTED {
        s.push_str(&format!("\n- … ({} more)", params.len() - MAX_LISTED));
    }
    s.push_str("\n\n**Response**\n");
    let outputs = op.output.map_or(&[][..], |id| members(svc, id));
    for m in outputs.iter().take(MAX_LISTED) {
        s.push_str(&format!("\n- `{}`: {}", m.name, type_text(svc, m.shape)));
    }
    if outputs.len() > MAX_LISTED {
        s.push_str(&format!("\n- … ({} more)", outputs.len() - MAX_LISTED));
    }
    s.push_str("\n- `ResponseMetadata`");
    s
}

/// A request parameter or a nested member (`owner` says which): type,
/// required flag, enum, limits, members.
fn param_markdown(svc: &Service, owner: &str, m: &Member) -> String {
    let req = if m.required { "required" } else { "optional" };
    let mut s = format!(
        "```\n{}: {} ({req})\n```\n\n{} {owner}.",
        m.name,
        type_text(svc, m.shape),
        capitalise(kind_text(svc, m.shape)),
    );
    shape_details(&mut s, svc, m.shape);
    s
}

/// Enum values, limits and members of a shape (of a list's element too).
fn shape_details(s: &mut String, svc: &Service, id: ShapeId) {
    let elem = element(svc, id);
    if let Some(limits) = limits_text(svc, id) {
        s.push_str(&format!("\n\nLimits: {limits}."));
    }
    let inner = elem.unwrap_or(id);
    let each = if elem.is_some() {
        " (each element)"
    } else {
        ""
    };
    if let Some(values) = enumeration(svc, inner) {
        s.push_str(&format!(
            "\n\nValues{each}: {}.",
            listed(values.iter().map(String::as_str))
        ));
    }
    if elem.is_some() {
        if let Some(limits) = limits_text(svc, inner) {
            s.push_str(&format!("\n\nLimits (each element): {limits}."));
        }
    }
    let fields = members(svc, inner);
    if !fields.is_empty() {
        s.push_str(&format!("\n\n**Members**{each}\n"));
        for f in fields.iter().take(MAX_LISTED) {
            s.push_str(&member_line(svc, f));
        }
        if fields.len() > MAX_LISTED {
            s.push_str(&format!("\n- … ({} more)", fields.len() - MAX_LISTED));
        }
    }
}

/// A selector segment: the path to it and the type there.
fn segment_markdown(path: &str, p: &Place) -> String {
    let mut s = format!("```\n{path}: {}\n```\n\n{}.", p.ty, capitalise(p.kind));
    if p.fan_out {
        s.push_str(" The selector yields a list of these (it goes through `[*]`, a slice, a filter or `..`).");
    }
    if !p.enumeration.is_empty() {
        s.push_str(&format!(
            "\n\nValues: {}.",
            listed(p.enumeration.iter().map(String::as_str))
        ));
    }
    if !p.fields.is_empty() {
        let each = if p.list {
            " of each element (after `[0]` or `[*]`)"
        } else {
            ""
        };
        s.push_str(&format!(
            "\n\nMembers{each}: {}.",
            listed(p.fields.iter().map(|f| f.name.as_str()))
        ));
    }
    s
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}
