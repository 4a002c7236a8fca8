//! Codegen: the document model to JSON/YAML text, and JSON/YAML text back to the model.
//!
//! Input: a [`model::Document`](crate::model::Document) (or text, for [`read`]).
//! Output: deterministic JSON or YAML text whose value is exactly the document's value.
//! Invariants: [`order::to_node`] fixes AWS's key order, and both emitters write
//! a value tree as-is, so `emit_json` and `emit_yaml` of one document always read
//! back to the same value; the readers keep every key, its order and its span.

pub mod json;
pub mod order;
pub mod read;
pub mod schema;
pub mod validate;
pub mod yaml;

pub use json::emit_json;
pub use order::to_node;
pub use yaml::emit_yaml;

use crate::model::Document;

/// A document text format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Json,
    Yaml,
}

impl Format {
    /// The format for a path or a bare extension (`"x.yml"`, `"json"`), case-insensitive.
    pub fn from_path_ext(path_or_ext: &str) -> Option<Format> {
        let ext = path_or_ext
            .rsplit_once('.')
            .map_or(path_or_ext, |(_, ext)| ext);
        match ext.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "yaml" | "yml" => Some(Format::Yaml),
            _ => None,
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Yaml => "yaml",
        }
    }
}

/// Serialises a document in the given format (key order from [`to_node`]).
pub fn emit(doc: &Document, format: Format) -> String {
    let node = to_node(doc);
    match format {
        Format::Json => emit_json(&node),
        Format::Yaml => emit_yaml(&node),
    }
}

#[cfg(test)]
mod tests;
