//! The stdlib catalog prepared ahead of time, so start-up parses nothing.
//!
//! Parsing the embedded stdlib was 92 % of an empty `ssmc check` (about 11 M
//! instructions per process). Instead, `prepared_table.rs` holds the parsed
//! catalog as static data, written by [`render_table`] from a real parse and
//! kept fresh by a test (`tests/tests/it/stdlib.rs`, `prepared_catalog_is_fresh`;
//! `UPDATE_DOCS=1` rewrites it). Turning the table into a [`Catalog`] only
//! copies strings.
//!
//! Invariant: the table is used only when it was made from exactly the
//! sources this binary embeds (`ssmc_stdlib::SOURCES_FINGERPRINT`, computed by
//! the stdlib's build script); otherwise [`catalog`] says `None` and the
//! caller parses, so a stale table costs time, never correctness.

use std::fmt::Write as _;

use crate::catalog::{ActionSig, Catalog, InputSig, OutputSig};
use crate::model::{DocKind, Key, Node, Value};
use crate::span::{FileId, Span};
use crate::types::Ty;

/// A place in the `n`th stdlib file (`ssmc_stdlib::SOURCES` order).
#[derive(Clone, Copy)]
struct PSpan(u16, u32, u32);

struct PAction {
    name: &'static str,
    kinds: &'static [DocKind],
    docs: &'static str,
    inputs: &'static [PInput],
    any_input: bool,
    outputs: &'static [POutput],
    is_extern: bool,
    attrs: &'static [&'static str],
    span: PSpan,
}

struct PInput {
    name: &'static str,
    ty: PTy,
    required: bool,
    allowed_values: Option<&'static [PNode]>,
    docs: &'static str,
    span: PSpan,
}

struct POutput {
    name: &'static str,
    ty: PTy,
    docs: &'static str,
    span: PSpan,
}

/// A [`Ty`] without owned strings. Variants the stdlib does not use today
/// stay, so any catalog can be prepared.
#[allow(dead_code)]
enum PTy {
    Plain(Ty),
    Aws(&'static str),
    AwsList(&'static str),
    Unknown(&'static str),
}

struct PNode(PValue, PSpan);

/// A [`Value`] without owned strings (unused variants kept, as for [`PTy`]).
#[allow(dead_code)]
enum PValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(&'static str),
    List(&'static [PNode]),
    Map(&'static [(&'static str, PSpan, PNode)]),
}

include!("prepared_table.rs");

/// The prepared stdlib catalog, its spans in `files` (the ids the stdlib
/// files got in the source map, in `SOURCES` order); `None` when the table
/// was made from other sources than the ones embedded.
pub(super) fn catalog(files: &[FileId]) -> Option<Catalog> {
    if FINGERPRINT != ssmc_stdlib::SOURCES_FINGERPRINT || files.len() != FILE_COUNT {
        return None;
    }
    let span = |s: PSpan| Span {
        file: files.get(usize::from(s.0)).copied().unwrap_or_default(),
        start: s.1,
        end: s.2,
    };
    let actions = ACTIONS
        .iter()
        .map(|a| {
            std::sync::Arc::new(ActionSig {
                name: a.name.to_string(),
                kinds: a.kinds.to_vec(),
                docs: a.docs.to_string(),
                inputs: a
                    .inputs
                    .iter()
                    .map(|i| InputSig {
                        name: i.name.to_string(),
                        ty: ty(&i.ty),
                        required: i.required,
                        allowed_values: i
                            .allowed_values
                            .map(|v| v.iter().map(|n| node(n, &span).value).collect()),
                        docs: i.docs.to_string(),
                        span: span(i.span),
                    })
                    .collect(),
                any_input: a.any_input,
                outputs: a
                    .outputs
                    .iter()
                    .map(|o| OutputSig {
                        name: o.name.to_string(),
                        ty: ty(&o.ty),
                        docs: o.docs.to_string(),
                        span: span(o.span),
                    })
                    .collect(),
                is_extern: a.is_extern,
                attrs: a.attrs.iter().map(|s| (*s).to_string()).collect(),
                span: span(a.span),
            })
        })
        .collect();
    Some(Catalog {
        actions,
        ..Catalog::default()
    })
}

fn ty(t: &PTy) -> Ty {
    match t {
        PTy::Plain(t) => t.clone(),
        PTy::Aws(s) => Ty::Aws((*s).to_string()),
        PTy::AwsList(s) => Ty::AwsList((*s).to_string()),
        PTy::Unknown(s) => Ty::Unknown((*s).to_string()),
    }
}

fn node(n: &PNode, span: &impl Fn(PSpan) -> Span) -> Node {
    let value = match &n.0 {
        PValue::Null => Value::Null,
        PValue::Bool(b) => Value::Bool(*b),
        PValue::Int(i) => Value::Int(*i),
        PValue::Float(f) => Value::Float(*f),
        PValue::String(s) => Value::String((*s).to_string()),
        PValue::List(items) => Value::List(items.iter().map(|i| node(i, span)).collect()),
        PValue::Map(entries) => Value::Map(
            entries
                .iter()
                .map(|(k, ks, v)| {
                    (
                        Key {
                            name: (*k).to_string(),
                            span: span(*ks),
                        },
                        node(v, span),
                    )
                })
                .collect(),
        ),
    };
    Node::new(value, span(n.1))
}

/// The text of `prepared_table.rs` for `catalog`, parsed from the stdlib
/// files `files` (in `SOURCES` order). `Err` names what the table cannot
/// hold (a span outside the stdlib, a value without a span of its own).
pub fn render_table(catalog: &Catalog, files: &[FileId]) -> Result<String, String> {
    let mut out = String::new();
    out.push_str(
        "// @generated by `ssmc_core::catalog::prepared::render_table` from `stdlib/actions`.\n\
         // Do not edit: `UPDATE_DOCS=1 cargo test -p ssmc-tests prepared_catalog_is_fresh`.\n\n",
    );
    let _ = writeln!(
        out,
        "const FINGERPRINT: u64 = {:#018x};\nconst FILE_COUNT: usize = {};\n",
        ssmc_stdlib::SOURCES_FINGERPRINT,
        files.len()
    );
    out.push_str("static ACTIONS: &[PAction] = &[\n");
    let span = |s: Span| -> Result<String, String> {
        let index = files
            .iter()
            .position(|f| *f == s.file)
            .ok_or_else(|| format!("a span outside the stdlib files: {s:?}"))?;
        Ok(format!("PSpan({index}, {}, {})", s.start, s.end))
    };
    for a in &catalog.actions {
        let _ = writeln!(out, "    PAction {{\n        name: {:?},", a.name);
        let kinds: Vec<String> = a.kinds.iter().map(|k| format!("DocKind::{k:?}")).collect();
        let _ = writeln!(out, "        kinds: &[{}],", kinds.join(", "));
        let _ = writeln!(out, "        docs: {:?},", a.docs);
        out.push_str("        inputs: &[\n");
        for i in &a.inputs {
            let allowed = match &i.allowed_values {
                None => "None".to_string(),
                Some(values) => {
                    let mut items = Vec::new();
                    for v in values {
                        // Loaded values keep only their value; a list entry
                        // gets the input's span (the table stores one per node).
                        items.push(render_node(&Node::new(v.clone(), i.span), &span)?);
                    }
                    format!("Some(&[{}])", items.join(", "))
                }
            };
            let _ = writeln!(
                out,
                "            PInput {{ name: {:?}, ty: {}, required: {}, allowed_values: {allowed}, docs: {:?}, span: {} }},",
                i.name,
                render_ty(&i.ty),
                i.required,
                i.docs,
                span(i.span)?
            );
        }
        out.push_str("        ],\n");
        let _ = writeln!(out, "        any_input: {},", a.any_input);
        out.push_str("        outputs: &[\n");
        for o in &a.outputs {
            let _ = writeln!(
                out,
                "            POutput {{ name: {:?}, ty: {}, docs: {:?}, span: {} }},",
                o.name,
                render_ty(&o.ty),
                o.docs,
                span(o.span)?
            );
        }
        out.push_str("        ],\n");
        let _ = writeln!(out, "        is_extern: {},", a.is_extern);
        let attrs: Vec<String> = a.attrs.iter().map(|s| format!("{s:?}")).collect();
        let _ = writeln!(out, "        attrs: &[{}],", attrs.join(", "));
        let _ = writeln!(out, "        span: {},\n    }},", span(a.span)?);
    }
    out.push_str("];\n");
    Ok(out)
}

fn render_ty(t: &Ty) -> String {
    match t {
        Ty::Aws(s) => format!("PTy::Aws({s:?})"),
        Ty::AwsList(s) => format!("PTy::AwsList({s:?})"),
        Ty::Unknown(s) => format!("PTy::Unknown({s:?})"),
        other => format!("PTy::Plain(Ty::{other:?})"),
    }
}

fn render_node(n: &Node, span: &impl Fn(Span) -> Result<String, String>) -> Result<String, String> {
    let value = match &n.value {
        Value::Null => "PValue::Null".to_string(),
        Value::Bool(b) => format!("PValue::Bool({b})"),
        Value::Int(i) => format!("PValue::Int({i})"),
        Value::Float(f) => format!("PValue::Float({f:?})"),
        Value::String(s) => format!("PValue::String({s:?})"),
        Value::List(items) => {
            let items: Result<Vec<String>, String> =
                items.iter().map(|i| render_node(i, span)).collect();
            format!("PValue::List(&[{}])", items?.join(", "))
        }
        Value::Map(entries) => {
            let mut parts = Vec::new();
            for (k, v) in entries {
                parts.push(format!(
                    "({:?}, {}, {})",
                    k.name,
                    span(k.span)?,
                    render_node(v, span)?
                ));
            }
            format!("PValue::Map(&[{}])", parts.join(", "))
        }
    };
    Ok(format!("PNode({value}, {})", span(n.span)?))
}
