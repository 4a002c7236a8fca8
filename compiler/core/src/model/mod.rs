//! The one document model: an SSM document as AWS sees it, with spans.
//!
//! Every path meets here: `.rbk` sources are lowered into it (`lower`), JSON
//! and YAML documents are read into it (`codegen::read`), the checker, the
//! linter and the flow graph work on it, codegen serialises it, and the
//! importer folds it back into `.rbk` syntax.
//!
//! Invariant: the model is 1:1 with the emitted document. Known keys have
//! typed fields (so checks and key order are simple); every other key is kept
//! verbatim in an `extra` list, so nothing a real document says is lost.

pub mod change_template;
pub mod value;

pub use value::{Key, Node, Value};

use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Command,
    Automation,
}

/// An SSM document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The document name (`automation Name`, or the file stem for imports).
    pub name: String,
    pub kind: DocKind,
    /// `schemaVersion`, as written (normally a string).
    pub schema_version: Node,
    pub description: Option<Node>,
    pub assume_role: Option<Node>,
    /// `None`: no `parameters` key; `Some(vec![])`: `parameters: {}`.
    pub parameters: Option<Vec<Parameter>>,
    pub variables: Option<Vec<Parameter>>,
    pub files: Option<Node>,
    /// `mainSteps` (2.x and 0.3).
    pub steps: Option<Vec<Step>>,
    /// `runtimeConfig` (1.2), verbatim.
    pub runtime_config: Option<Node>,
    /// Document `outputs` (list of `"Step.Output"` strings), verbatim.
    pub outputs: Option<Node>,
    /// Any other top-level key, in order (from `raw { }` or an unknown key).
    pub extra: Vec<(Key, Node)>,
    /// Where the document as a whole was written.
    pub span: Span,
}

/// A parameter (`parameters.X`) or a variable (`variables.X`).
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub name: Key,
    /// `type`, normally a string such as `String` or `AWS::IAM::Role::Arn`.
    pub ty: Option<Node>,
    pub description: Option<Node>,
    pub default: Option<Node>,
    /// Every other attribute (`allowedValues`, `allowedPattern`, `minItems`, …)
    /// in source order, verbatim.
    pub attrs: Vec<(Key, Node)>,
    /// Declared `secret` in `.rbk` (never emitted; drives secret-flow checks).
    pub secret: bool,
    pub span: Span,
}

/// One step of `mainSteps` (or of a loop's `Steps`).
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub name: Node,
    pub action: Node,
    pub description: Option<Node>,
    pub on_failure: Option<Node>,
    pub on_cancel: Option<Node>,
    pub next_step: Option<Node>,
    pub is_end: Option<Node>,
    pub is_critical: Option<Node>,
    pub max_attempts: Option<Node>,
    pub timeout_seconds: Option<Node>,
    /// Command 2.2 `precondition`.
    pub precondition: Option<Node>,
    /// `inputs`, verbatim except that an `aws:loop`'s `Steps` live in `loop_steps`.
    pub inputs: Option<Node>,
    /// For `aws:loop`: the `inputs.Steps` list, as steps; `loop_steps_index` is
    /// the position of the `Steps` key among the inputs (to emit it in place).
    pub loop_steps: Option<Vec<Step>>,
    pub loop_steps_index: usize,
    pub outputs: Option<Node>,
    /// Any other step key, in order.
    pub extra: Vec<(Key, Node)>,
    pub span: Span,
}

impl Step {
    pub fn name_str(&self) -> &str {
        self.name.as_str().unwrap_or("")
    }

    pub fn action_str(&self) -> &str {
        self.action.as_str().unwrap_or("")
    }
}
