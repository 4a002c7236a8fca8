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
        /// ## What it does
        ///
        /// A `.json` file that is not valid JSON (a trailing comma, a comment, an unquoted key, a missing bracket).
        ///
        /// ## Why is this bad?
        ///
        /// SSM parses the content as strict JSON and refuses the document when it is created; nothing in the file can be checked until it parses.
        ///
        /// ## Example
        ///
        /// ```json
        /// {
        ///   "schemaVersion": "0.3",
        ///   "mainSteps": [
        ///     { "name": "Wait", "action": "aws:sleep", "inputs": { "Duration": "PT1S" }, }
        ///   ]
        /// }
        /// ```
        ///
        /// ## Use instead
        ///
        /// ```json
        /// {
        ///   "schemaVersion": "0.3",
        ///   "mainSteps": [
        ///     { "name": "Wait", "action": "aws:sleep", "inputs": { "Duration": "PT1S" } }
        ///   ]
        /// }
        /// ```
        INVALID_JSON = "E0601", "invalid-json", Error, "the text is not valid JSON";
        /// ## What it does
        ///
        /// A `.yaml` file that is not valid YAML (a bad indentation, an unclosed quote), or one that uses a YAML feature a document cannot hold.
        ///
        /// ## Why is this bad?
        ///
        /// SSM refuses content it cannot parse when the document is created; nothing in the file can be checked until it parses.
        ///
        /// ## Example
        ///
        /// ```yaml
        /// schemaVersion: "0.3"
        /// mainSteps:
        ///   - name: Wait
        ///     action: aws:sleep
        ///    inputs:
        ///       Duration: PT1S
        /// ```
        ///
        /// ## Use instead
        ///
        /// ```yaml
        /// schemaVersion: "0.3"
        /// mainSteps:
        ///   - name: Wait
        ///     action: aws:sleep
        ///     inputs:
        ///       Duration: PT1S
        /// ```
        INVALID_YAML = "E0602", "invalid-yaml", Error, "the text is not valid YAML (or uses a YAML feature a document cannot)";
        /// ## What it does
        ///
        /// Lists and maps nested more than 128 levels deep in a JSON or YAML document.
        ///
        /// ## Why is this bad?
        ///
        /// No SSM document needs such depth, and reading one without a limit would let a hostile file exhaust the stack of `ssmc` or of the editor's language server.
        ///
        /// ## Example
        ///
        /// ```json
        /// {
        ///   "schemaVersion": "0.3",
        ///   "mainSteps": [
        ///     {
        ///       "name": "Run",
        ///       "action": "aws:executeScript",
        ///       "inputs": { "Runtime": "python3.11", "Handler": "handler", "Script": "def handler(events, context):\n    return events", "InputPayload": { "x": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] } }
        ///     }
        ///   ]
        /// }
        /// ```
        ///
        /// ## Use instead
        ///
        /// ```json
        /// {
        ///   "schemaVersion": "0.3",
        ///   "mainSteps": [
        ///     {
        ///       "name": "Run",
        ///       "action": "aws:executeScript",
        ///       "inputs": { "Runtime": "python3.11", "Handler": "handler", "Script": "def handler(events, context):\n    return events", "InputPayload": { "x": [[]] } }
        ///     }
        ///   ]
        /// }
        /// ```
        TOO_DEEP = "E0603", "document-too-deep", Error, "lists and maps nested deeper than the reader's limit";
        /// ## What it does
        ///
        /// YAML anchors and aliases that expand to more than 100,000 nodes or too much text (a "billion laughs" file).
        ///
        /// ## Why is this bad?
        ///
        /// A few lines of aliases can stand for millions of values: reading them would exhaust the memory of `ssmc`, of the editor or of any tool that expands the document. No real document needs it.
        ///
        /// ## Example
        ///
        /// ```yaml
        /// schemaVersion: "0.3"
        /// a: &a ["x","x","x","x","x","x","x","x","x","x"]
        /// b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
        /// c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
        /// d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
        /// e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
        /// f: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
        /// mainSteps:
        ///   - name: Wait
        ///     action: aws:sleep
        ///     inputs: {Duration: PT1S}
        /// ```
        ///
        /// ## Use instead
        ///
        /// ```yaml
        /// schemaVersion: "0.3"
        /// mainSteps:
        ///   - name: Wait
        ///     action: aws:sleep
        ///     inputs: {Duration: PT1S}
        /// ```
        ALIAS_BOMB = "E0604", "alias-bomb", Error, "YAML aliases that expand to too many nodes or too much text";
        /// ## What it does
        ///
        /// A YAML file with more than one document (`---` between them).
        ///
        /// ## Why is this bad?
        ///
        /// An SSM document's content is one YAML document; with several in one file, which of them is meant to be created cannot be known. Put each document in its own file.
        ///
        /// ## Example
        ///
        /// ```yaml
        /// schemaVersion: "0.3"
        /// mainSteps:
        ///   - name: Wait
        ///     action: aws:sleep
        ///     inputs: {Duration: PT1S}
        /// ---
        /// schemaVersion: "0.3"
        /// mainSteps:
        ///   - name: Pause
        ///     action: aws:sleep
        ///     inputs: {Duration: PT1S}
        /// ```
        ///
        /// ## Use instead
        ///
        /// ```yaml
        /// schemaVersion: "0.3"
        /// mainSteps:
        ///   - name: Wait
        ///     action: aws:sleep
        ///     inputs: {Duration: PT1S}
        /// ```
        MULTIPLE_DOCUMENTS = "E0605", "multiple-documents", Error, "more than one YAML document in a file";
        /// ## What it does
        ///
        /// A YAML map key that is a list or a map (`? [a, b]`).
        ///
        /// ## Why is this bad?
        ///
        /// Every key of an SSM document is a string, as in its JSON form; a list or a map as a key has no JSON form, so no tool could tell what the document means.
        ///
        /// ## Example
        ///
        /// ```yaml
        /// schemaVersion: "0.3"
        /// mainSteps:
        ///   - name: Wait
        ///     action: aws:sleep
        ///     inputs:
        ///       ? [Duration]
        ///       : PT1S
        /// ```
        ///
        /// ## Use instead
        ///
        /// ```yaml
        /// schemaVersion: "0.3"
        /// mainSteps:
        ///   - name: Wait
        ///     action: aws:sleep
        ///     inputs:
        ///       Duration: PT1S
        /// ```
        UNSUPPORTED_KEY = "E0606", "unsupported-key", Error, "a YAML map key that is a list or a map";
        /// ## What it does
        ///
        /// A key written twice in one map of a JSON or YAML document.
        ///
        /// ## Why is this bad?
        ///
        /// JSON leaves a repeated key undefined and YAML forbids it; readers disagree on which value counts (most keep the last, silently), so a document that repeats `mainSteps` runs steps its reviewer did not read.
        ///
        /// ## Example
        ///
        /// ```json
        /// {
        ///   "schemaVersion": "0.3",
        ///   "mainSteps": [
        ///     { "name": "Wait", "action": "aws:sleep", "inputs": { "Duration": "PT1S" } }
        ///   ],
        ///   "mainSteps": [
        ///     { "name": "Pause", "action": "aws:sleep", "inputs": { "Duration": "PT1M" } }
        ///   ]
        /// }
        /// ```
        ///
        /// ## Use instead
        ///
        /// ```json
        /// {
        ///   "schemaVersion": "0.3",
        ///   "mainSteps": [
        ///     { "name": "Wait", "action": "aws:sleep", "inputs": { "Duration": "PT1S" } },
        ///     { "name": "Pause", "action": "aws:sleep", "inputs": { "Duration": "PT1M" } }
        ///   ]
        /// }
        /// ```
        DUPLICATE_KEY = "E0607", "duplicate-document-key", Error, "a key written twice in one map: SSM keeps one of them, which the author cannot see";
        /// ## What it does
        ///
        /// A file given to `ssmc import` whose top level is not a map (a list, a string).
        ///
        /// ## Why is this bad?
        ///
        /// An SSM document is a map with `schemaVersion` and `mainSteps` (or `runtimeConfig`); anything else is not a document SSM would accept, so there is nothing to import. `ssmc check` and `ssmc lint` skip such files, as they are usually other JSON or YAML.
        ///
        /// ## Example
        ///
        /// ```json import
        /// [
        ///   { "name": "Wait", "action": "aws:sleep", "inputs": { "Duration": "PT1S" } }
        /// ]
        /// ```
        ///
        /// ## Use instead
        ///
        /// ```json import
        /// {
        ///   "schemaVersion": "0.3",
        ///   "mainSteps": [
        ///     { "name": "Wait", "action": "aws:sleep", "inputs": { "Duration": "PT1S" } }
        ///   ]
        /// }
        /// ```
        NOT_A_MAP = "E0610", "not-a-map", Error, "the top level is not a map: not an SSM document";
        /// ## What it does
        ///
        /// A document without a `schemaVersion` key: one with `mainSteps` or `runtimeConfig` (for every command), or any map given to `ssmc import`.
        ///
        /// ## Why is this bad?
        ///
        /// `schemaVersion` is required: it says which kind of document the content is and which keys and actions are valid. SSM rejects a document without it.
        ///
        /// ## Example
        ///
        /// ```json
        /// {
        ///   "mainSteps": [
        ///     { "name": "Wait", "action": "aws:sleep", "inputs": { "Duration": "PT1S" } }
        ///   ]
        /// }
        /// ```
        ///
        /// ## Use instead
        ///
        /// ```json
        /// {
        ///   "schemaVersion": "0.3",
        ///   "mainSteps": [
        ///     { "name": "Wait", "action": "aws:sleep", "inputs": { "Duration": "PT1S" } }
        ///   ]
        /// }
        /// ```
        NO_SCHEMA_VERSION = "E0611", "no-schema-version", Error, "no `schemaVersion` key: not an SSM document";
        /// ## What it does
        ///
        /// A `schemaVersion` that no SSM document has (the versions are `0.3` for Automation and `1.0`, `1.2`, `2.0`, `2.0.1`, `2.0.2`, `2.0.3`, `2.2` for Command).
        ///
        /// ## Why is this bad?
        ///
        /// The schema version decides how SSM reads every other key; SSM rejects a version it does not have, and `ssmc` cannot know which rules the document follows.
        ///
        /// ## Example
        ///
        /// ```json
        /// {
        ///   "schemaVersion": "3.0",
        ///   "mainSteps": [
        ///     { "name": "Wait", "action": "aws:sleep", "inputs": { "Duration": "PT1S" } }
        ///   ]
        /// }
        /// ```
        ///
        /// ## Use instead
        ///
        /// ```json
        /// {
        ///   "schemaVersion": "0.3",
        ///   "mainSteps": [
        ///     { "name": "Wait", "action": "aws:sleep", "inputs": { "Duration": "PT1S" } }
        ///   ]
        /// }
        /// ```
        UNKNOWN_SCHEMA_VERSION = "E0612", "unknown-schema-version", Error, "a `schemaVersion` SSM does not have";
        /// ## What it does
        ///
        /// A key SSM defines whose value has the wrong shape for it: `mainSteps` that is not a list, a step that is not a map, `parameters` that is not a map.
        ///
        /// ## Why is this bad?
        ///
        /// SSM refuses the document when it is created; `ssmc` cannot read the steps or parameters inside it, so nothing below the key is checked.
        ///
        /// ## Example
        ///
        /// ```json
        /// {
        ///   "schemaVersion": "0.3",
        ///   "mainSteps": { "name": "Wait", "action": "aws:sleep", "inputs": { "Duration": "PT1S" } }
        /// }
        /// ```
        ///
        /// ## Use instead
        ///
        /// ```json
        /// {
        ///   "schemaVersion": "0.3",
        ///   "mainSteps": [
        ///     { "name": "Wait", "action": "aws:sleep", "inputs": { "Duration": "PT1S" } }
        ///   ]
        /// }
        /// ```
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
