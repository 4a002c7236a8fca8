//! The top-level keys of a Change Manager template (`Automation.ChangeTemplate`).
//!
//! Input: a document. Output: E1024 for template keys in a Command document;
//! in an Automation document, type errors for the template keys' values:
//! `templateInformation` text (Markdown shown to reviewers), `emergencyChange`
//! and `autoApprovable` booleans, `executableRunBooks` a list of
//! `{ name, version }` (AWS Systems Manager User Guide, change-templates-custom-editor).
//! `templateSchema` is kept as written: AWS does not document its shape.

use crate::check::{codes, Checker};
use crate::diagnostic::Diagnostic;
use crate::model::change_template::TEMPLATE_KEYS;
use crate::model::DocKind;
use crate::types::Ty;

impl Checker<'_> {
    pub(crate) fn check_change_template(&mut self) {
        let doc = self.doc;
        for (key, value) in &doc.extra {
            if !TEMPLATE_KEYS.contains(&key.name.as_str()) {
                continue;
            }
            if doc.kind == DocKind::Command {
                self.report(
                    Diagnostic::error(
                        codes::WRONG_KIND_KEY,
                        key.span,
                        format!("`{}` in a Command document", key.name),
                    )
                    .with_label("only Change Manager templates (schema 0.3) have it")
                    .with_help(format!("remove `{}`", key.name)),
                );
                continue;
            }
            let place = format!("`{}` of the change template", key.name);
            let ty = match key.name.as_str() {
                "templateInformation" => Ty::String,
                "emergencyChange" | "autoApprovable" => Ty::Boolean,
                "executableRunBooks" => Ty::MapList,
                _ => continue,
            };
            self.check_value(value, &ty, &place);
            if key.name == "executableRunBooks" {
                for book in value.as_list().into_iter().flatten() {
                    if let Some(name) = book.get("name") {
                        self.check_value(name, &Ty::String, "a runbook's `name`");
                    }
                    if let Some(version) = book.get("version") {
                        self.check_value(version, &Ty::String, "a runbook's `version`");
                    }
                }
            }
        }
    }
}
