//! The one integration-test binary: one module per area.

mod build;
mod examples;
mod stdlib;
