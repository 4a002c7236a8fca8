//! SSM documents in Terraform files (`resource "aws_ssm_document"`).
//!
//! Input: a `.tf` file's normalised text. Output: the [`Template`] of its
//! `aws_ssm_document` resources: `content` as a heredoc (`<<EOF`, `<<-EOF`)
//! or a quoted string (text, with `${…}` masked: `mask.rs`), or
//! `jsonencode({…})` (a tree built from the HCL expression, with its spans),
//! `file("${path.module}/…")` (the file, linted where it is walked; only the
//! declared kind is checked here); `document_type`, `document_format`; and
//! the `aws_ssm_association`s whose `name` is `aws_ssm_document.NAME.name`,
//! with their `parameters`. Parsed by `hcl-edit`, which keeps the
//! source span of every expression (docs/dependencies.md).
//! Invariants: an expression Terraform computes (`var.x`, `local.y`, a
//! function call) inside `jsonencode` is an opaque string as long as its
//! source, never a finding of its own; a `content` this module cannot read
//! (a `templatefile(…)`, a variable) is left out; text that is not HCL is an
//! `Err` with the parser's message (the file is then skipped with a note,
//! since Terraform's own tools report HCL syntax).

use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{Block, Body};
use hcl_edit::template::Element;
use hcl_edit::Span as _;

use super::mask::{mask, Dialect};
use super::{Association, Content, Embedded, OffsetMap, Template};
use crate::codegen::Format;
use crate::model::{DocKind, Key, Node, Value};
use crate::span::{FileId, Span};

/// The documents of a Terraform file (see the module docs).
pub fn extract(file: FileId, text: &str) -> Result<Template, String> {
    let body = hcl_edit::parser::parse_body(text).map_err(|e| e.to_string())?;
    let mut template = Template::default();
    collect(file, text, &body, &mut template);
    Ok(template)
}

fn collect(file: FileId, text: &str, body: &Body, template: &mut Template) {
    for block in body.blocks() {
        let labels: Vec<&str> = block.labels.iter().map(|l| l.as_str()).collect();
        if block.ident.as_str() != "resource" {
            continue;
        }
        match labels.first() {
            Some(&"aws_ssm_document") => {
                if let Some(doc) = document(file, text, block, labels.get(1).copied()) {
                    template.documents.push(doc);
                }
            }
            Some(&"aws_ssm_association") => {
                if let Some(a) = association(file, text, block) {
                    template.associations.push(a);
                }
            }
            _ => {}
        }
    }
}

/// An `aws_ssm_association` whose `name` is `aws_ssm_document.NAME.name`
/// (a document of this module), with its `parameters` map.
fn association(file: FileId, text: &str, block: &Block) -> Option<Association> {
    let name = &block.body.get_attribute("name")?.value;
    let Expression::Traversal(t) = name else {
        return None;
    };
    let Expression::Variable(root) = &t.expr else {
        return None;
    };
    let attrs: Vec<&str> = t
        .operators
        .iter()
        .map(|o| match o.value() {
            hcl_edit::expr::TraversalOperator::GetAttr(a) => Some(a.as_str()),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    let [resource, "name"] = attrs.as_slice() else {
        return None;
    };
    if root.as_str() != "aws_ssm_document" {
        return None;
    }
    Some(Association {
        document: format!("aws_ssm_document.{resource}"),
        at: span_of(file, name.span()),
        parameters: block
            .body
            .get_attribute("parameters")
            .map(|a| node(file, text, &a.value, 0)),
    })
}

/// The path a `file(…)` argument names, relative to the module's folder:
/// a literal, or a template that starts with `${path.module}/` (or
/// `path.root`, the same folder for a file in the root module).
fn module_path(arg: &Expression) -> Option<String> {
    match arg {
        Expression::String(s) => Some(s.value().clone()),
        Expression::StringTemplate(t) => {
            let mut out = String::new();
            for (i, element) in t.iter().enumerate() {
                match element {
                    Element::Literal(l) => out.push_str(l.value()),
                    Element::Interpolation(x) if i == 0 => match &x.expr {
                        Expression::Traversal(tr) => {
                            let root =
                                matches!(&tr.expr, Expression::Variable(v) if v.as_str() == "path");
                            let attr = tr.operators.first().and_then(|o| match o.value() {
                                hcl_edit::expr::TraversalOperator::GetAttr(a) => Some(a.as_str()),
                                _ => None,
                            });
                            if !(root && matches!(attr, Some("module" | "root"))) {
                                return None;
                            }
                        }
                        _ => return None,
                    },
                    _ => return None,
                }
            }
            Some(out.trim_start_matches('/').to_string())
        }
        _ => None,
    }
}

/// The text of a quoted string without interpolation.
fn literal(e: &Expression) -> Option<&str> {
    match e {
        Expression::String(s) => Some(s.value().as_str()),
        _ => None,
    }
}

fn span_of(file: FileId, range: Option<std::ops::Range<usize>>) -> Span {
    range.map_or(Span::point(file, 0), |r| Span::new(file, r.start, r.end))
}

/// The document of one `aws_ssm_document` block.
fn document(file: FileId, text: &str, block: &Block, name: Option<&str>) -> Option<Embedded> {
    let attr = |key: &str| block.body.get_attribute(key).map(|a| &a.value);
    let declared = match attr("document_type") {
        None => Some((DocKind::Command, span_of(file, block.ident.span()))),
        Some(e) => match literal(e) {
            Some("Command") => Some((DocKind::Command, span_of(file, e.span()))),
            Some("Automation") => Some((DocKind::Automation, span_of(file, e.span()))),
            // Session, Package, Policy…: not documents this tool reads.
            Some(_) => return None,
            None => None,
        },
    };
    let format = match attr("document_format").and_then(literal) {
        None | Some("JSON") => Format::Json,
        Some("YAML") => Format::Yaml,
        Some(_) => return None,
    };
    let content = attr("content")?;
    let content = match content {
        Expression::HeredocTemplate(_) => heredoc_text(text, content.span()?, format)?,
        Expression::String(s) => {
            let range = content.span()?;
            let value = s.value().as_str();
            Content::Text {
                text: value.to_string(),
                format,
                map: OffsetMap::align(text, range, value),
            }
        }
        Expression::FuncCall(call) if call.name.name.as_str() == "jsonencode" => {
            let arg = call.args.iter().next()?;
            Content::Tree(node(file, text, arg, 0))
        }
        Expression::FuncCall(call) if call.name.name.as_str() == "file" => Content::File {
            path: module_path(call.args.iter().next()?)?,
            at: span_of(file, content.span()),
        },
        _ => return None,
    };
    let name = name.unwrap_or("document");
    Some(Embedded {
        name: format!("aws_ssm_document.{name}"),
        at: span_of(file, block.ident.span()),
        declared,
        content,
    })
}

/// The text of a heredoc written at `range` (`<<EOF` or `<<-EOF` through
/// the closing delimiter): its lines (a `<<-` heredoc's common indentation
/// removed), interpolations masked.
fn heredoc_text(text: &str, range: std::ops::Range<usize>, format: Format) -> Option<Content> {
    let src = text.get(range.clone())?;
    let rest = src.strip_prefix("<<")?;
    let (flush, rest) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let header = rest.find('\n')?;
    let delimiter = rest.get(..header)?.trim();
    let body_start = range.start + (src.len() - rest.len()) + header + 1;
    let body_src = text.get(body_start..range.end)?;
    // The lines up to the one that is only the delimiter.
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = body_start;
    for line in body_src.split_inclusive('\n') {
        if line.trim() == delimiter {
            break;
        }
        lines.push((at, line));
        at += line.len();
    }
    let indent = if flush {
        lines
            .iter()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(_, l)| l.len() - l.trim_start_matches([' ', '\t']).len())
            .min()
            .unwrap_or(0)
    } else {
        0
    };
    let mut decoded = String::new();
    let mut offsets = Vec::new();
    for (start, line) in lines {
        let cut = indent.min(line.len() - line.trim_start_matches([' ', '\t']).len());
        let kept = line.get(cut..).unwrap_or("");
        decoded.push_str(kept);
        offsets.extend((0..kept.len()).map(|i| start + cut + i));
    }
    let map = OffsetMap::from_offsets(&offsets, range.end);
    // Read as the resource declares (JSON unless `document_format` says
    // YAML): SSM does the same, so YAML under the default is a real fault.
    let (masked, from) = mask(&decoded, Dialect::Terraform, format == Format::Json);
    Some(Content::Text {
        text: masked,
        format,
        map: map.compose(&from),
    })
}

/// The deepest `jsonencode` nesting read (deeper values are opaque).
const MAX_DEPTH: usize = 128;

/// The value tree of an HCL expression inside `jsonencode(…)`.
fn node(file: FileId, text: &str, expr: &Expression, depth: usize) -> Node {
    let span = span_of(file, expr.span());
    if depth > MAX_DEPTH {
        return Node::string(opaque(span), span);
    }
    let value = match expr {
        Expression::Null(_) => Value::Null,
        Expression::Bool(b) => Value::Bool(*b.value()),
        Expression::Number(n) => {
            let n = n.value();
            match n.as_i64() {
                Some(i) => Value::Int(i),
                None => Value::Float(n.as_f64().unwrap_or(0.0)),
            }
        }
        Expression::String(s) => Value::String(s.value().clone()),
        Expression::StringTemplate(t) => {
            let mut s = String::new();
            for element in t.iter() {
                match element {
                    Element::Literal(l) => s.push_str(l.value()),
                    other => s.push_str(&"x".repeat(span_of(file, other.span()).len().max(1))),
                }
            }
            Value::String(s)
        }
        Expression::HeredocTemplate(_) => {
            match expr
                .span()
                .and_then(|r| heredoc_text(text, r, Format::Yaml))
            {
                Some(Content::Text { text, .. }) => Value::String(text),
                _ => Value::String(opaque(span)),
            }
        }
        Expression::Array(items) => Value::List(
            items
                .iter()
                .map(|e| node(file, text, e, depth + 1))
                .collect(),
        ),
        Expression::Object(object) => Value::Map(
            object
                .iter()
                .map(|(k, v)| {
                    let key_span = span_of(file, k.span());
                    let name = match k {
                        ObjectKey::Ident(i) => i.as_str().to_string(),
                        ObjectKey::Expression(Expression::String(s)) => s.value().clone(),
                        ObjectKey::Expression(_) => opaque(key_span),
                    };
                    (
                        Key {
                            name,
                            span: key_span,
                        },
                        node(file, text, v.expr(), depth + 1),
                    )
                })
                .collect(),
        ),
        Expression::Parenthesis(p) => return node(file, text, p.inner(), depth + 1),
        _ => Value::String(opaque(span)),
    };
    Node::new(value, span)
}

/// An opaque string as long as the source it stands for.
fn opaque(span: Span) -> String {
    "x".repeat(span.len().clamp(1, 64))
}
