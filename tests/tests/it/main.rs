//! The one integration-test binary: one module per area.

mod awsapi;
mod build;
mod check;
mod codegen;
mod corpus_styles;
mod docs;
mod documents;
mod embed;
mod examples;
mod fmt;
mod generated;
mod graph;
mod harness;
mod iam;
mod import;
mod import_folds;
mod lint;
mod one_run;
mod parse;
mod props;
mod python;
mod simulate;
mod spec;
mod stdlib;
mod suggestions;
mod yaml_differential;
