//! SSM documents embedded in infrastructure templates: CloudFormation
//! (`AWS::SSM::Document`, `cfn.rs`) and Terraform (`aws_ssm_document`,
//! `terraform.rs`).
//!
//! Input: a template's text (and, for CloudFormation, its parsed tree).
//! Output: a [`Template`]: each embedded document as a tree already in the
//! template (a mapping `Content`, `jsonencode({…})`) or as text with an
//! [`OffsetMap`] back to the template (a string, `!Sub`, a heredoc), and the
//! associations that name a document of the same template.
//! Invariants: a file is a template only by its content
//! ([`cfn::is_template`], a `.tf` file), so other YAML/JSON is never claimed;
//! every finding on an embedded document is reported at its place in the
//! template (`judge.rs` maps the spans of documents read from text);
//! template interpolations are masked as opaque values of the same length
//! (`mask.rs`), never reported as faults of the document.

pub mod association;
pub mod cfn;
pub mod judge;
pub mod mask;
pub mod offsets;
pub mod terraform;

pub use offsets::OffsetMap;

use crate::codegen::Format;
use crate::model::{DocKind, Node};
use crate::span::Span;

/// The SSM documents and associations of one template.
#[derive(Debug, Clone, Default)]
pub struct Template {
    pub documents: Vec<Embedded>,
    pub associations: Vec<Association>,
}

/// One SSM document resource of a template.
#[derive(Debug, Clone)]
pub struct Embedded {
    /// The resource's name in the template (CloudFormation logical ID,
    /// Terraform `aws_ssm_document.NAME`): the document's name in findings.
    pub name: String,
    /// Where the resource is named (findings about the whole resource).
    pub at: Span,
    /// The kind the template declares (`DocumentType`, `document_type`) and
    /// where, when it declares Command or Automation.
    pub declared: Option<(DocKind, Span)>,
    pub content: Content,
}

/// How a document's content is written in its template.
#[derive(Debug, Clone)]
pub enum Content {
    /// A map in the template itself: its spans are template spans.
    Tree(Node),
    /// Text (a string, `!Sub`, a heredoc, a `file(…)`): read as its own
    /// document, its findings mapped back through `map`.
    Text {
        text: String,
        format: Format,
        map: OffsetMap,
    },
    /// A file of its own (Terraform `file("…")`, relative to the template):
    /// linted where it is itself walked; the template only adds what it
    /// declares about it (`document_type`).
    File {
        path: String,
        /// The `file(…)` call.
        at: Span,
    },
}

/// An association that runs a document of the same template.
#[derive(Debug, Clone)]
pub struct Association {
    /// The document's resource name (`Name: !Ref Doc`).
    pub document: String,
    /// Where the document is named.
    pub at: Span,
    /// `Parameters` as written (a map of name → list of strings).
    pub parameters: Option<Node>,
}

/// The format of a document written as text when the template does not say:
/// JSON when it opens with `{`, else YAML.
pub fn sniff_format(text: &str) -> Format {
    if text.trim_start().starts_with('{') {
        Format::Json
    } else {
        Format::Yaml
    }
}
