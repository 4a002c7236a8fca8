//! A callable document's signature: its type, parameters and outputs, as a
//! step that calls it (`aws:runCommand`, `aws:executeAutomation`,
//! `aws:runDocument`) sees them.
//!
//! Input: a [`model::Document`] (a project's `.rbk` or raw document, or the
//! content of a GetDocument response) or a parameter map of the facts file
//! (`crate::documents::catalog`). Output: [`Signature`].
//! Invariant: a parameter is required exactly when it has no `default` key
//! (SSM's rule); `default: null` counts as a default.

use serde::{Deserialize, Serialize};

use crate::model::{self, Node, Value};
use crate::span::Span;

/// Where a signature comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Origin {
    /// The embedded catalog of AWS-owned documents.
    #[default]
    Aws,
    /// A document of the project (its declaration or its file).
    Project(Span),
}

/// A callable document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signature {
    /// The name it is called by (the deployed name).
    #[serde(rename = "n")]
    pub name: String,
    /// SSM's `DocumentType`: `Command`, `Automation`, `Package`, `Session`, …
    #[serde(rename = "t")]
    pub doc_type: String,
    #[serde(rename = "s", default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(rename = "p", default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<ParamSig>,
    /// Declared outputs (`Step.Output`), for Automation documents.
    #[serde(rename = "o", default, skip_serializing_if = "Vec::is_empty")]
    pub outputs: Vec<String>,
    /// Whether the parameters are known (the names-only AWS documents have none).
    #[serde(rename = "k", default = "yes", skip_serializing_if = "is_true")]
    pub params_known: bool,
    #[serde(skip)]
    pub origin: Origin,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// One parameter of a callable document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParamSig {
    #[serde(rename = "n")]
    pub name: String,
    /// The type as written (`String`, `StringList`, `AWS::EC2::Instance::Id`, …).
    #[serde(rename = "t")]
    pub ty: String,
    /// The default; `Some(Null)` for `default: null`, `None` when there is none
    /// (the parameter is required).
    #[serde(
        rename = "d",
        default,
        skip_serializing_if = "Option::is_none",
        with = "present"
    )]
    pub default: Option<serde_json::Value>,
    /// `allowedValues`, each as its text (`true`, `5`, `Install`).
    #[serde(rename = "v", default, skip_serializing_if = "Option::is_none")]
    pub allowed_values: Option<Vec<String>>,
    /// `allowedPattern` (Java's regex dialect).
    #[serde(rename = "r", default, skip_serializing_if = "Option::is_none")]
    pub allowed_pattern: Option<String>,
    #[serde(rename = "s", default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// `[minItems, maxItems, minChars, maxChars]`, each when declared.
    #[serde(rename = "l", default, skip_serializing_if = "Limits::is_empty")]
    pub limits: Limits,
    #[serde(skip)]
    pub span: Option<Span>,
}

/// `default` present as `null` must survive a round trip (it makes the
/// parameter optional), so the field is a two-level option on the wire.
mod present {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(
        v: &Option<serde_json::Value>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        v.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<serde_json::Value>, D::Error> {
        serde_json::Value::deserialize(d).map(Some)
    }
}

/// Length limits of a parameter (`minItems`, `maxItems`, `minChars`, `maxChars`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Limits(
    pub Option<u64>,
    pub Option<u64>,
    pub Option<u64>,
    pub Option<u64>,
);

impl Limits {
    pub fn is_empty(&self) -> bool {
        *self == Limits::default()
    }
}

impl ParamSig {
    /// SSM requires a value for a parameter without a default.
    pub fn required(&self) -> bool {
        self.default.is_none()
    }

    /// Whether a value is judged alike against `self` and `other` (place and
    /// description aside).
    fn same_shape(&self, other: &ParamSig) -> bool {
        self.name == other.name
            && self.ty == other.ty
            && self.default == other.default
            && self.allowed_values == other.allowed_values
            && self.allowed_pattern == other.allowed_pattern
            && self.limits == other.limits
    }
}

impl Signature {
    /// The signature with every place (its origin's span, its parameters')
    /// cleared: what a caller is judged against, wherever the document moved.
    pub fn without_places(&self) -> Signature {
        let mut out = self.clone();
        if let Origin::Project(span) = &mut out.origin {
            *span = Span::default();
        }
        for p in &mut out.params {
            p.span = None;
        }
        out
    }

    pub fn param(&self, name: &str) -> Option<&ParamSig> {
        self.params.iter().find(|p| p.name == name)
    }

    /// Whether a call is judged alike against `self` and `other`: the same
    /// name, type, parameters and outputs, wherever each was read (places and
    /// descriptions aside).
    pub fn same_shape(&self, other: &Signature) -> bool {
        self.name == other.name
            && self.doc_type == other.doc_type
            && self.params_known == other.params_known
            && self.outputs == other.outputs
            && self.params.len() == other.params.len()
            && self
                .params
                .iter()
                .zip(&other.params)
                .all(|(a, b)| a.same_shape(b))
    }

    /// The signature of a project's document (or a GetDocument's content),
    /// called by `name`.
    pub fn of_document(name: &str, doc: &model::Document) -> Signature {
        let doc_type = match doc.kind {
            model::DocKind::Command => "Command",
            model::DocKind::Automation => "Automation",
        };
        let params = doc
            .parameters
            .iter()
            .flatten()
            .map(ParamSig::of_parameter)
            .collect();
        let outputs = doc
            .outputs
            .as_ref()
            .and_then(Node::as_list)
            .map(|l| {
                l.iter()
                    .filter_map(|o| o.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        Signature {
            name: name.to_string(),
            doc_type: doc_type.to_string(),
            description: doc
                .description
                .as_ref()
                .and_then(Node::as_str)
                .unwrap_or("")
                .to_string(),
            params,
            outputs,
            params_known: true,
            origin: Origin::Project(doc.span),
        }
    }
}

impl ParamSig {
    /// A parameter of a document model.
    pub fn of_parameter(p: &model::Parameter) -> ParamSig {
        let attr = |key: &str| p.attrs.iter().find(|(k, _)| k.name == key).map(|(_, v)| v);
        let limit = |key: &str| {
            attr(key).and_then(|v| match &v.value {
                Value::Int(i) => u64::try_from(*i).ok(),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            })
        };
        ParamSig {
            name: p.name.name.clone(),
            ty: p
                .ty
                .as_ref()
                .and_then(Node::as_str)
                .unwrap_or("String")
                .to_string(),
            default: p.default.as_ref().map(to_json),
            allowed_values: attr("allowedValues")
                .and_then(Node::as_list)
                .map(|l| l.iter().filter_map(scalar_text).collect()),
            allowed_pattern: attr("allowedPattern")
                .and_then(Node::as_str)
                .map(str::to_string),
            description: p
                .description
                .as_ref()
                .and_then(Node::as_str)
                .unwrap_or("")
                .to_string(),
            limits: Limits(
                limit("minItems"),
                limit("maxItems"),
                limit("minChars"),
                limit("maxChars"),
            ),
            span: Some(p.span),
        }
    }
}

/// A scalar's text as SSM compares it (`true`, `5`, `Install`).
fn scalar_text(node: &Node) -> Option<String> {
    match &node.value {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        _ => None,
    }
}

/// A model value as JSON (for defaults shown in the editor).
pub fn to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    match &node.value {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Int(i) => J::from(*i),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        Value::String(s) => J::String(s.clone()),
        Value::List(items) => J::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => J::Object(
            entries
                .iter()
                .map(|(k, v)| (k.name.clone(), to_json(v)))
                .collect(),
        ),
    }
}
