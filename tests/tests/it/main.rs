//! The one integration-test binary: one module per area.

mod examples;
mod stdlib;
