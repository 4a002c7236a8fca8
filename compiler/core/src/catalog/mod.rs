//! The action catalog: signatures of every Automation action and Command
//! plugin, read from the `.rbk` declarations in `stdlib/` (and from a
//! project's own `action`/`extern action` declarations).
//!
//! Input: parsed `ActionDecl`s. Output: [`Catalog`]. Lookups are by exact
//! action name; input names match case-insensitively for Command plugins (the
//! agent decodes them with Go's case-insensitive JSON matching).

pub mod codes;
pub mod load;
pub mod prepared;
pub mod reference;
pub mod stdlib;

pub use load::load_decls;
pub use stdlib::{load_stdlib, parse_stdlib};

use crate::model::{DocKind, Value};
use crate::span::Span;
use crate::types::Ty;

/// Cheap to clone: the signatures are shared (the language server starts each
/// analysis from the stdlib's catalog).
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub actions: Vec<std::sync::Arc<ActionSig>>,
    /// AWS API models a project adds to (or overrides in) the embedded
    /// botocore catalog (`[aws-api] models` of `ssmc.toml`, read by the CLI).
    pub aws_models: crate::awsapi::Overlay,
    /// The documents a step can call (`aws:runCommand`, `aws:executeAutomation`,
    /// `aws:runDocument`): the project's, over the embedded AWS catalog.
    pub documents: crate::documents::Documents,
}

#[derive(Debug, Clone)]
pub struct ActionSig {
    /// `aws:runCommand`.
    pub name: String,
    /// Where the action may be used.
    pub kinds: Vec<DocKind>,
    pub docs: String,
    pub inputs: Vec<InputSig>,
    /// `input ..`: any other input key is accepted (API pass-through actions).
    pub any_input: bool,
    pub outputs: Vec<OutputSig>,
    /// Declared with `extern action` (a user's declaration of an action the catalog lacks).
    pub is_extern: bool,
    /// `@name` attributes of the declaration (e.g. `@no_on_cancel`), without the `@`.
    pub attrs: Vec<String>,
    /// The declaration (in a stdlib file or a user file).
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct InputSig {
    pub name: String,
    pub ty: Ty,
    pub required: bool,
    /// `allowedValues` of the declaration, when it lists them.
    pub allowed_values: Option<Vec<Value>>,
    pub docs: String,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct OutputSig {
    pub name: String,
    pub ty: Ty,
    pub docs: String,
    pub span: Span,
}

impl Catalog {
    pub fn action(&self, name: &str) -> Option<&ActionSig> {
        self.actions.iter().find(|a| a.name == name).map(|a| &**a)
    }

    /// Every declared action name, in declaration order (for "did you mean" hints).
    pub fn action_names(&self) -> impl Iterator<Item = &str> {
        self.actions.iter().map(|a| a.name.as_str())
    }
}

impl ActionSig {
    /// The declared input named `name` (case-insensitive when `ignore_case`).
    pub fn input(&self, name: &str, ignore_case: bool) -> Option<&InputSig> {
        self.inputs.iter().find(|i| {
            if ignore_case {
                i.name.eq_ignore_ascii_case(name)
            } else {
                i.name == name
            }
        })
    }

    pub fn output(&self, name: &str) -> Option<&OutputSig> {
        self.outputs.iter().find(|o| o.name == name)
    }

    pub fn allows(&self, kind: DocKind) -> bool {
        self.kinds.contains(&kind)
    }
}

#[cfg(test)]
mod tests;
