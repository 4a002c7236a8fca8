//! The one integration-test binary: one module per area.

mod check;
mod codegen;
mod examples;
mod fmt;
mod harness;
mod parse;
mod stdlib;
