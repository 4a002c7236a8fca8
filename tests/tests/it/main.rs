//! The one integration-test binary: one module per area.

mod build;
mod check;
mod codegen;
mod examples;
mod fmt;
mod spec;
mod stdlib;
