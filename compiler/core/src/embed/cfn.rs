//! SSM documents in CloudFormation templates (YAML or JSON).
//!
//! Input: a template's normalised text and its tree (as the JSON/YAML
//! readers give it: YAML tags are dropped, so a short-form intrinsic such as
//! `!Ref Doc` is read as the string `Doc` and recognised here by the tag
//! written before it). Output: the [`Template`] of its
//! `AWS::SSM::Document` resources (`Properties.Content`, `DocumentType`,
//! `DocumentFormat`) and of its `AWS::SSM::Association`s that name one of
//! them with `Ref`.
//! Invariants: intrinsic functions inside a mapping `Content` become strings
//! (`Ref X` → `X`, `GetAtt A.B` → `A.B`, `Sub` → its text masked, any other
//! → an opaque string), so they are never reported as wrong types;
//! `DocumentType`s other than Command and Automation (Session, Package…) are
//! not SSM documents this tool reads and are left out; a `Content` built by a
//! function other than `Sub` (`Fn::Join`, `Fn::If`) cannot be read and is
//! left out.

use super::mask::{mask, Dialect};
use super::{sniff_format, Association, Content, Embedded, OffsetMap, Template};
use crate::codegen::Format;
use crate::model::{DocKind, Key, Node, Value};
use crate::span::Span;

/// Whether a tree is a CloudFormation template: a map with
/// `AWSTemplateFormatVersion`, or with `Resources` of which one has an
/// `AWS::` type.
pub fn is_template(root: &Node) -> bool {
    if root.get("AWSTemplateFormatVersion").is_some() {
        return true;
    }
    root.get("Resources")
        .and_then(Node::as_map)
        .is_some_and(|resources| {
            resources.iter().any(|(_, r)| {
                r.get("Type")
                    .and_then(Node::as_str)
                    .is_some_and(|t| t.starts_with("AWS::"))
            })
        })
}

/// Whether `text` can be a template at all (checked before parsing it again).
pub fn may_be_template(text: &str) -> bool {
    text.contains("AWSTemplateFormatVersion")
        || (text.contains("Resources") && text.contains("AWS::"))
}

/// The SSM documents and associations of a template (see the module docs).
pub fn extract(text: &str, root: &Node) -> Template {
    let mut template = Template::default();
    let Some(resources) = root.get("Resources").and_then(Node::as_map) else {
        return template;
    };
    for (key, resource) in resources {
        let ty = resource.get("Type").and_then(Node::as_str);
        let props = resource.get("Properties");
        match ty {
            Some("AWS::SSM::Document") => {
                if let Some(doc) = props.and_then(|p| document(text, key, p)) {
                    template.documents.push(doc);
                }
            }
            Some("AWS::SSM::Association") => {
                if let Some(a) = props.and_then(|p| association(text, p)) {
                    template.associations.push(a);
                }
            }
            _ => {}
        }
    }
    template
}

/// The document of one `AWS::SSM::Document`'s properties.
fn document(text: &str, key: &Key, props: &Node) -> Option<Embedded> {
    let declared = match props.get("DocumentType") {
        None => None,
        Some(t) => match t.as_str() {
            Some("Command") => Some((DocKind::Command, t.span)),
            Some("Automation") => Some((DocKind::Automation, t.span)),
            // A parameter or condition decides: the content alone tells.
            Some(_) if tag_of(text, t.span).is_some() => None,
            Some(_) => return None,
            None => None,
        },
    };
    let format = match props.get("DocumentFormat").and_then(Node::as_str) {
        Some("YAML") => Some(Format::Yaml),
        Some("JSON") => Some(Format::Json),
        Some("TEXT") => return None,
        _ => None,
    };
    let content = props.get("Content")?;
    let content = match (intrinsic(text, content), &content.value) {
        (Some(("Sub", arg)), _) => {
            let s = sub_text(arg)?;
            text_content(text, s, format, Some(Dialect::CfnSub))?
        }
        (Some(_), _) => return None,
        (None, Value::String(_)) => text_content(text, content, format, None)?,
        (None, Value::Map(_)) => Content::Tree(plain(text, content)),
        (None, _) => return None,
    };
    Some(Embedded {
        name: key.name.clone(),
        at: key.span,
        declared,
        content,
    })
}

/// A document written as a string at `node`, masked when it is a `Sub`.
fn text_content(
    text: &str,
    node: &Node,
    format: Option<Format>,
    dialect: Option<Dialect>,
) -> Option<Content> {
    let value = node.as_str()?;
    let map = OffsetMap::align(text, node.span.range(), value);
    let format = format.unwrap_or_else(|| sniff_format(value));
    let (text, map) = match dialect {
        Some(d) => {
            let (masked, from) = mask(value, d, format == Format::Json);
            (masked, map.compose(&from))
        }
        None => (value.to_string(), map),
    };
    Some(Content::Text { text, format, map })
}

/// The string of a `Sub`'s argument: the string, or the first of `[string, vars]`.
fn sub_text(arg: &Node) -> Option<&Node> {
    match &arg.value {
        Value::String(_) => Some(arg),
        Value::List(items) => items.first().filter(|n| n.as_str().is_some()),
        _ => None,
    }
}

/// The association of one `AWS::SSM::Association`'s properties, when its
/// `Name` is a `Ref` (to a resource of this template).
fn association(text: &str, props: &Node) -> Option<Association> {
    let name = props.get("Name")?;
    let (func, arg) = intrinsic(text, name)?;
    if func != "Ref" {
        return None;
    }
    Some(Association {
        document: arg.as_str()?.to_string(),
        at: arg.span,
        parameters: props.get("Parameters").cloned(),
    })
}

/// The intrinsic function `node` calls, with its argument: a map of one key
/// `Ref` or `Fn::X`, or a node written after a short-form tag `!X`.
fn intrinsic<'a>(text: &str, node: &'a Node) -> Option<(&'a str, &'a Node)> {
    if let Some([(k, arg)]) = node.as_map() {
        if k.name == "Ref" {
            return Some(("Ref", arg));
        }
        if let Some(f) = k.name.strip_prefix("Fn::") {
            return Some((f, arg));
        }
    }
    let tag = tag_of(text, node.span)?;
    Some((short_form(tag)?, node))
}

/// The CloudFormation function of a short-form tag (`!GetAtt` → `GetAtt`).
fn short_form(tag: &str) -> Option<&'static str> {
    const FUNCTIONS: &[&str] = &[
        "Ref",
        "Sub",
        "GetAtt",
        "Join",
        "If",
        "Select",
        "Split",
        "FindInMap",
        "ImportValue",
        "Base64",
        "GetAZs",
        "Cidr",
        "Equals",
        "And",
        "Or",
        "Not",
        "Condition",
        "Transform",
        "ToJsonString",
        "Length",
    ];
    FUNCTIONS.iter().copied().find(|f| *f == tag)
}

/// The YAML tag written just before (or at the start of) `span`, without `!`.
fn tag_of(text: &str, span: Span) -> Option<&str> {
    let start = span.start as usize;
    if let Some(at) = text.get(start..).filter(|t| t.starts_with('!')) {
        return Some(word(at.get(1..)?));
    }
    let before = text.get(..start)?.trim_end();
    let open = before.rfind(|c: char| c.is_whitespace() || "[{,:-".contains(c))?;
    let token = before.get(open + 1..)?;
    token.strip_prefix('!').filter(|t| !t.is_empty())
}

fn word(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == ':'))
        .unwrap_or(s.len());
    s.get(..end).unwrap_or("")
}

/// `node` with every intrinsic function replaced by the string SSM would
/// see in its place (see the module docs).
fn plain(text: &str, node: &Node) -> Node {
    if let Some((func, arg)) = intrinsic(text, node) {
        let value = match (func, &arg.value) {
            ("Ref", Value::String(s)) => s.clone(),
            ("GetAtt", Value::String(s)) => s.clone(),
            ("GetAtt", Value::List(parts)) => parts
                .iter()
                .filter_map(Node::as_str)
                .collect::<Vec<_>>()
                .join("."),
            ("Sub", _) => match sub_text(arg).and_then(Node::as_str) {
                Some(s) => mask(s, Dialect::CfnSub, false).0,
                None => opaque(node.span),
            },
            _ => opaque(node.span),
        };
        return Node::string(value, node.span);
    }
    let value = match &node.value {
        Value::Map(entries) => Value::Map(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), plain(text, v)))
                .collect(),
        ),
        Value::List(items) => Value::List(items.iter().map(|n| plain(text, n)).collect()),
        other => other.clone(),
    };
    Node::new(value, node.span)
}

/// An opaque string as long as the source it stands for.
fn opaque(span: Span) -> String {
    "x".repeat(span.len().clamp(1, 64))
}
