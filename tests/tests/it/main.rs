//! The one integration-test binary: one module per area.

mod build;
mod check;
mod examples;
mod spec;
mod stdlib;
