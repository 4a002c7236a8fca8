//! The `ssmc` command line as a library: rendering and the commands, so that
//! integration tests drive exactly what the binary does.

pub mod commands;
pub mod files;
pub mod render;
