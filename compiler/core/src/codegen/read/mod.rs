//! Readers: JSON/YAML text → positioned value tree → document model.
//!
//! Input: the text of a file that may hold an SSM document. Output: a
//! [`Node`] ([`parse_json`], [`parse_yaml`]) and then a [`Document`]
//! ([`document_from_node`]), or located diagnostics.
//! Invariants: every node and key has the span it was written at (byte
//! offsets into the BOM-less, LF-normalised text); nesting is limited to
//! [`MAX_DEPTH`] levels so no later recursive pass can overflow the stack.

// A reader stops at its first error, so a `Diagnostic` returned by value costs
// nothing that matters; boxing it would only burden every caller.
#![expect(
    clippy::result_large_err,
    reason = "one diagnostic ends a read; callers want it by value"
)]

pub mod document;
pub mod json;
mod relax;
pub mod resolve;
pub mod yaml;

pub use super::Format;
pub use document::{document_from_node, is_not_ssm, schema_versions, KNOWN_SCHEMA_VERSIONS};
pub use json::parse_json;
pub use yaml::parse_yaml;

use crate::diagnostic::Diagnostic;
use crate::model::{Document, Key, Node};
use crate::span::FileId;

/// The deepest nesting of lists and maps a reader accepts.
pub const MAX_DEPTH: usize = 128;

/// The most nodes YAML aliases may add by expansion (alias-bomb guard).
pub const MAX_ALIAS_NODES: usize = 100_000;

/// The most text (scalar and key bytes) YAML aliases may add by expansion:
/// 100 aliases of 100 aliases of a 10 kB string are few nodes but 100 MB.
pub const MAX_ALIAS_BYTES: usize = 4 << 20;

/// Diagnostic codes of the readers (`E06xx`).
pub mod codes {
    crate::define_codes! {
        group: Read;
        INVALID_JSON = "E0601", "invalid-json", Error, "the text is not valid JSON";
        INVALID_YAML = "E0602", "invalid-yaml", Error, "the text is not valid YAML (or uses a YAML feature a document cannot)";
        TOO_DEEP = "E0603", "document-too-deep", Error, "lists and maps nested deeper than the reader's limit";
        ALIAS_BOMB = "E0604", "alias-bomb", Error, "YAML aliases that expand to too many nodes or too much text";
        MULTIPLE_DOCUMENTS = "E0605", "multiple-documents", Error, "more than one YAML document in a file";
        UNSUPPORTED_KEY = "E0606", "unsupported-key", Error, "a YAML map key that is a list or a map";
        DUPLICATE_KEY = "E0607", "duplicate-document-key", Error, "a key written twice in one map: SSM keeps one of them, which the author cannot see";
        NOT_A_MAP = "E0610", "not-a-map", Error, "the top level is not a map: not an SSM document";
        NO_SCHEMA_VERSION = "E0611", "no-schema-version", Error, "no `schemaVersion` key: not an SSM document";
        UNKNOWN_SCHEMA_VERSION = "E0612", "unknown-schema-version", Error, "a `schemaVersion` SSM does not have";
        BAD_SHAPE = "E0613", "bad-shape", Error, "a known key whose value has the wrong shape for the model";
    }
}

/// The error for a key written a second time in one map, at the second,
/// naming the first. JSON leaves a repeated key undefined and YAML forbids
/// it; parsers disagree on which one wins (most: the last), so a document
/// that repeats `mainSteps` runs steps its reader did not review.
pub(crate) fn duplicate_key(first: &Key, again: &Key) -> Diagnostic {
    Diagnostic::error(
        codes::DUPLICATE_KEY,
        again.span,
        format!("the key `{}` is written twice in this map", again.name),
    )
    .with_label("written again here")
    .with_secondary(first.span, "first written here")
    .with_help(
        "keep one of them: readers disagree on which one counts (most keep the last, silently)",
    )
}

/// Parses text in the given format.
pub fn parse(file: FileId, text: &str, format: Format) -> Result<Node, Diagnostic> {
    match format {
        Format::Json => parse_json(file, text),
        Format::Yaml => parse_yaml(file, text),
    }
}

/// Reads a whole document: parse, then map to the model.
pub fn read_document(
    file: FileId,
    name: &str,
    text: &str,
    format: Format,
) -> Result<Document, Vec<Diagnostic>> {
    let node = parse(file, text, format).map_err(|d| vec![d])?;
    document_from_node(name, &node)
}
