//! The `ssmc` command line as a library: the commands and the renderer, so that
//! integration tests drive exactly what the binary does.

#[macro_use]
pub mod output;
pub mod cache;
pub mod commands;
pub mod files;
pub mod findings;
pub mod render;
