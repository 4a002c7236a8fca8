//! The embedded catalog of AWS-owned documents (`stdlib/aws-documents/catalog.bin`):
//! how it is made and how it is read.
//!
//! Input of [`generate`]: the facts file (`../shared/facts/aws-documents.json`:
//! `documents` maps each AWS-owned Command and Automation document's name to its
//! `documentType`, `parameters` and `outputs`; `otherDocuments` maps other AWS
//! documents' names to their type) and any number of GetDocument responses
//! (`Name`, `DocumentType`, `Content`, `DocumentFormat`), which replace a facts
//! entry of the same name. Output: the catalog's bytes.
//!
//! Format: `b"SSMCDOC1"`, then raw deflate of compact JSON
//! `{"source": text, "documents": [signature, …]}` sorted by name, a signature
//! as [`Signature`]'s serde form (short keys). The generator is Rust, not a
//! script, so the catalog's documents and a project's raw documents go
//! through one converter (`Signature::of_document` for GetDocument content);
//! `miniz_oxide` is pinned by `Cargo.lock`, so the bytes are reproducible and a
//! test (`aws_documents_catalog_is_fresh`) compares them exactly.
//!
//! Invariants: the catalog is decoded once per process, on first use; a
//! malformed catalog is an empty one, never a panic.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::signature::{Limits, ParamSig, Signature};
use crate::codegen::read::{self, Format};
use crate::span::FileId;

const MAGIC: &[u8] = b"SSMCDOC1";
/// The most the inflated catalog may take (it is about 1 MB).
const MAX_INFLATED: usize = 64 << 20;

/// The decoded catalog.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct AwsDocuments {
    /// Where the data came from (the facts file's `source`).
    pub source: String,
    /// Sorted by name.
    pub documents: Vec<Signature>,
}

impl AwsDocuments {
    /// The document of this exact name.
    pub fn get(&self, name: &str) -> Option<&Signature> {
        let i = self
            .documents
            .binary_search_by(|d| d.name.as_str().cmp(name))
            .ok()?;
        self.documents.get(i)
    }

    /// Reads a catalog; a malformed one is empty.
    pub fn from_bytes(bytes: &[u8]) -> AwsDocuments {
        let Some(deflated) = bytes.strip_prefix(MAGIC) else {
            return AwsDocuments::default();
        };
        let Ok(json) = miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_INFLATED)
        else {
            return AwsDocuments::default();
        };
        let mut docs: AwsDocuments = serde_json::from_slice(&json).unwrap_or_default();
        // The generator sorts; a hand-edited catalog must still be searchable.
        docs.documents.sort_by(|a, b| a.name.cmp(&b.name));
        docs
    }
}

/// The embedded catalog (decoded on first use).
pub fn aws() -> &'static AwsDocuments {
    static CATALOG: OnceLock<AwsDocuments> = OnceLock::new();
    CATALOG.get_or_init(|| AwsDocuments::from_bytes(ssmc_stdlib::AWS_DOCUMENTS_CATALOG))
}

/// The facts file's shape (only what the catalog keeps).
#[derive(Deserialize)]
struct Facts {
    source: String,
    documents: serde_json::Map<String, serde_json::Value>,
    #[serde(rename = "otherDocuments", default)]
    other: serde_json::Map<String, serde_json::Value>,
}

/// The fields of a GetDocument response the catalog reads.
#[derive(Deserialize)]
struct GetDocument {
    #[serde(rename = "Name")]
    name: String,
    #[serde(rename = "DocumentType")]
    doc_type: String,
    #[serde(rename = "Content")]
    content: String,
    #[serde(rename = "DocumentFormat", default)]
    format: Option<String>,
}

/// Reads one GetDocument response (`aws ssm get-document --name X` as JSON).
/// `Err` says why it is not one.
pub fn from_get_document(text: &str) -> Result<Signature, String> {
    let got: GetDocument =
        serde_json::from_str(text).map_err(|e| format!("not a GetDocument response: {e}"))?;
    let format = match got.format.as_deref() {
        Some("YAML") => Format::Yaml,
        _ => Format::Json,
    };
    // The content's spans point into the `Content` string, not into a file of
    // the source map: a placeholder id, never looked up.
    let doc =
        read::read_document(FileId(u32::MAX), &got.name, &got.content, format).map_err(|d| {
            let first = d.first().map_or(String::new(), |d| d.message.clone());
            format!("its Content is not an SSM document: {first}")
        })?;
    let mut sig = Signature::of_document(&got.name, &doc);
    sig.doc_type = got.doc_type;
    sig.origin = super::Origin::Aws;
    for p in &mut sig.params {
        p.span = None;
    }
    Ok(sig)
}

/// The catalog's bytes from the facts file and GetDocument responses
/// (`(file name, text)`, applied in order, each replacing a document of its name).
pub fn generate(facts: &str, get_documents: &[(String, String)]) -> Result<Vec<u8>, String> {
    let facts: Facts = serde_json::from_str(facts).map_err(|e| format!("facts file: {e}"))?;
    let mut documents: Vec<Signature> = Vec::new();
    for (name, doc) in &facts.documents {
        documents.push(from_facts(name, doc).map_err(|e| format!("facts, `{name}`: {e}"))?);
    }
    for (name, ty) in &facts.other {
        documents.push(Signature {
            name: name.clone(),
            doc_type: ty.as_str().unwrap_or("").to_string(),
            description: String::new(),
            params: Vec::new(),
            outputs: Vec::new(),
            params_known: false,
            origin: super::Origin::Aws,
        });
    }
    for (file, text) in get_documents {
        let sig = from_get_document(text).map_err(|e| format!("{file}: {e}"))?;
        documents.retain(|d| d.name != sig.name);
        documents.push(sig);
    }
    documents.sort_by(|a, b| a.name.cmp(&b.name));
    let catalog = AwsDocuments {
        source: facts.source,
        documents,
    };
    let json = serde_json::to_vec(&catalog).map_err(|e| e.to_string())?;
    let mut out = MAGIC.to_vec();
    out.extend(miniz_oxide::deflate::compress_to_vec(&json, 10));
    Ok(out)
}

/// One document of the facts file.
fn from_facts(name: &str, doc: &serde_json::Value) -> Result<Signature, String> {
    let doc_type = doc
        .get("documentType")
        .and_then(serde_json::Value::as_str)
        .ok_or("no documentType")?;
    let mut params = Vec::new();
    if let Some(map) = doc.get("parameters").and_then(serde_json::Value::as_object) {
        for (p, attrs) in map {
            params.push(param_from_facts(p, attrs));
        }
    }
    let outputs = doc
        .get("outputs")
        .and_then(serde_json::Value::as_array)
        .map(|l| {
            l.iter()
                .filter_map(|o| o.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    Ok(Signature {
        name: name.to_string(),
        doc_type: doc_type.to_string(),
        description: doc
            .get("description")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("")
            .to_string(),
        params,
        outputs,
        params_known: true,
        origin: super::Origin::Aws,
    })
}

/// One parameter of the facts file (SSM's own parameter attributes).
fn param_from_facts(name: &str, attrs: &serde_json::Value) -> ParamSig {
    use serde_json::Value as J;
    let text = |key: &str| attrs.get(key).and_then(J::as_str).map(str::to_string);
    let limit = |key: &str| {
        attrs.get(key).and_then(|v| match v {
            J::Number(n) => n.as_u64(),
            J::String(s) => s.trim().parse().ok(),
            _ => None,
        })
    };
    let scalar = |v: &J| match v {
        J::String(s) => Some(s.clone()),
        J::Bool(_) | J::Number(_) => Some(v.to_string()),
        _ => None,
    };
    ParamSig {
        name: name.to_string(),
        ty: text("type").unwrap_or_else(|| "String".into()),
        default: attrs.get("default").cloned(),
        allowed_values: attrs
            .get("allowedValues")
            .and_then(J::as_array)
            .map(|l| l.iter().filter_map(scalar).collect()),
        allowed_pattern: text("allowedPattern"),
        description: text("description").unwrap_or_default(),
        limits: Limits(
            limit("minItems"),
            limit("maxItems"),
            limit("minChars"),
            limit("maxChars"),
        ),
        span: None,
    }
}
