//! Change Manager templates: the `Automation.ChangeTemplate` document type.
//!
//! A change template is a schema 0.3 Automation document with top-level keys of
//! its own (AWS Systems Manager User Guide, change-templates-custom-editor and
//! change-templates-tools). Its document type is given to `CreateDocument`, not
//! written in the content, so a document is taken for a template when it has
//! any of these keys. Its `aws:approve` steps name approvers with
//! `EnhancedApprovals` instead of `Approvers`.

use super::{DocKind, Document};

/// The keys a change template has at the top level, beyond an Automation's.
pub const TEMPLATE_KEYS: &[&str] = &[
    "templateInformation",
    "emergencyChange",
    "autoApprovable",
    "executableRunBooks",
    "templateSchema",
];

/// Whether `doc` is a Change Manager template.
pub fn is_change_template(doc: &Document) -> bool {
    doc.kind == DocKind::Automation
        && doc
            .extra
            .iter()
            .any(|(k, _)| TEMPLATE_KEYS.contains(&k.name.as_str()))
}

/// The document type to create `doc` with (`CreateDocument`'s `DocumentType`).
pub fn document_type(doc: &Document) -> &'static str {
    match doc.kind {
        DocKind::Command => "Command",
        DocKind::Automation if is_change_template(doc) => "Automation.ChangeTemplate",
        DocKind::Automation => "Automation",
    }
}
