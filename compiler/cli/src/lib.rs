//! The `ssmc` command line as a library (so tests can reach the renderer).

pub mod commands;
pub mod files;
pub mod render;
