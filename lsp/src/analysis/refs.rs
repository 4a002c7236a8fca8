//! Find references, prepare rename and rename.
//!
//! Input: a byte offset in the normalised text (and a new name). Output: the
//! spans naming the same thing, or the edits of a rename.
//! Invariants: parameters, variables, steps and outputs are resolved per
//! document (a name only means something inside its own document); uses
//! inside `{{ … }}` of strings and scripts are included because the index
//! holds them. Only names declared in this file can be renamed: action
//! names, input keys and the outputs an action defines are fixed by the
//! catalog, so a rename never leaves a dangling use elsewhere.

use ssmc_core::span::Span;

use super::complete::is_keyword;
use super::index::{Occurrence, Target};
use super::Analysis;

/// One replacement of a rename.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

/// Why a rename is refused (shown to the user as the request's error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenameError(pub String);

impl Analysis {
    /// Every span naming what the name at `offset` names (its definition
    /// first when `include_declaration`), possibly in other files for actions.
    pub fn references(&self, offset: u32, include_declaration: bool) -> Vec<Span> {
        let Some(occ) = self.occurrence_at(offset) else {
            return Vec::new();
        };
        let mut out: Vec<Span> = Vec::new();
        if include_declaration {
            // A definition outside this file (stdlib or workspace action).
            if let Some(def) = self.definition(offset).filter(|d| d.file != self.file) {
                out.push(def);
            }
        }
        let global = matches!(occ.target, Target::Action(_) | Target::InputKey { .. });
        let mut here: Vec<Span> = self
            .occurrences()
            .iter()
            .filter(|o| o.target == occ.target && (global || o.doc == occ.doc))
            .filter(|o| include_declaration || !o.is_def)
            .map(|o| o.span)
            .collect();
        // Definitions first, then uses in text order.
        here.sort_by_key(|s| (!self.is_def_span(*s), s.start));
        here.dedup();
        out.extend(here);
        out
    }

    /// The action named at `offset` (in a step, a plugin or a declaration).
    pub fn action_at(&self, offset: u32) -> Option<String> {
        match &self.occurrence_at(offset)?.target {
            Target::Action(name) => Some(name.clone()),
            _ => None,
        }
    }

    /// Where this file names the action `name` (uses, not its declaration).
    pub fn action_uses(&self, name: &str) -> Vec<Span> {
        self.occurrences()
            .iter()
            .filter(|o| !o.is_def && matches!(&o.target, Target::Action(n) if n == name))
            .map(|o| o.span)
            .collect()
    }

    fn is_def_span(&self, span: Span) -> bool {
        self.occurrences()
            .iter()
            .any(|o| o.span == span && o.is_def)
    }

    /// The span and current text of the renameable name at `offset`.
    pub fn prepare_rename(&self, offset: u32) -> Result<(Span, String), RenameError> {
        let occ = self
            .occurrence_at(offset)
            .ok_or_else(|| RenameError("there is no name here to rename".to_string()))?;
        let name = self.renameable(occ)?;
        Ok((occ.span, name))
    }

    /// Renames the name at `offset` to `new_name` everywhere in its document.
    pub fn rename(&self, offset: u32, new_name: &str) -> Result<Vec<Edit>, RenameError> {
        let occ = self
            .occurrence_at(offset)
            .ok_or_else(|| RenameError("there is no name here to rename".to_string()))?;
        let old = self.renameable(occ)?;
        if !is_identifier(new_name) {
            return Err(RenameError(format!(
                "`{new_name}` is not a name: use letters, digits and `_`, not starting with a digit"
            )));
        }
        if is_keyword(new_name) {
            return Err(RenameError(format!(
                "`{new_name}` is a keyword; choose another name"
            )));
        }
        if new_name != old {
            self.check_free(occ, new_name)?;
        }
        let edits = self
            .references(offset, true)
            .into_iter()
            .filter(|s| s.file == self.file)
            .map(|span| Edit {
                span,
                text: new_name.to_string(),
            })
            .collect();
        Ok(edits)
    }

    /// The name of a renameable occurrence, or why it is not renameable.
    fn renameable(&self, occ: &Occurrence) -> Result<String, RenameError> {
        let defs = occ.doc.and_then(|d| self.defs(d));
        let declared = match &occ.target {
            Target::Action(name) => {
                return Err(RenameError(format!(
                    "`{name}` is an action name; actions cannot be renamed"
                )))
            }
            Target::InputKey { action, key } => {
                return Err(RenameError(format!(
                    "`{key}` is an input of `{action}`; input names are fixed by the action"
                )))
            }
            Target::Param(n) => defs.and_then(|d| d.param(n)).map(|_| n.clone()),
            Target::Var(n) => defs.and_then(|d| d.var(n)).map(|_| n.clone()),
            Target::Step(n) => defs.and_then(|d| d.step(n)).map(|_| n.clone()),
            Target::Output { step, output } => {
                let declared = defs
                    .and_then(|d| d.step(step))
                    .is_some_and(|s| s.outputs.iter().any(|o| &o.name == output));
                if !declared && defs.and_then(|d| d.step(step)).is_some() {
                    return Err(RenameError(format!(
                        "`{output}` is an output of the step's action; only outputs declared in an `outputs` clause can be renamed"
                    )));
                }
                declared.then(|| output.clone())
            }
        };
        declared.ok_or_else(|| {
            RenameError(
                "this name is not declared in the document, so it cannot be renamed".to_string(),
            )
        })
    }

    /// `new_name` must not already name a thing of the same kind in the document.
    fn check_free(&self, occ: &Occurrence, new_name: &str) -> Result<(), RenameError> {
        let Some(defs) = occ.doc.and_then(|d| self.defs(d)) else {
            return Ok(());
        };
        let taken = match &occ.target {
            Target::Param(_) => defs.param(new_name).map(|_| "parameter"),
            Target::Var(_) => defs.var(new_name).map(|_| "variable"),
            Target::Step(_) => defs.step(new_name).map(|_| "step"),
            Target::Output { step, .. } => defs
                .step(step)
                .filter(|s| s.outputs.iter().any(|o| o.name == new_name))
                .map(|_| "output of this step"),
            Target::Action(_) | Target::InputKey { .. } => None,
        };
        match taken {
            Some(what) => Err(RenameError(format!(
                "a {what} named `{new_name}` already exists in this document"
            ))),
            None => Ok(()),
        }
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
