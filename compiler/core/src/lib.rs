//! ssmc-core: the runbook compiler, free of IO.
//!
//! Pipeline (see ARCHITECTURE.md):
//! `source → syntax (lex, parse) → lower (expand sugar) → model::Document → check → codegen`;
//! JSON/YAML documents enter at `model` through `codegen::read`, and `import`
//! folds a model back into syntax that `fmt` prints.

pub mod awsapi;
pub mod cap;
pub mod catalog;
pub mod check;
pub mod codegen;
pub mod codes;
pub mod controls;
pub mod diagnostic;
pub mod documents;
pub mod embed;
pub mod fmt;
pub mod graph;
pub mod iam;
pub mod import;
pub mod lint;
pub mod lower;
pub mod model;
pub mod pipeline;
pub mod project;
pub mod python;
pub mod raw_text;
pub mod similar;
pub mod simulate;
pub mod span;
pub mod syntax;
pub mod types;
pub mod verdict;

pub use diagnostic::{Diagnostic, Severity};
pub use span::{FileId, SourceFile, SourceMap, Span};
