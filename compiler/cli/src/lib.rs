//! The `ssmc` command line as a library: rendering and (later) the commands, so that
//! integration tests drive exactly what the binary does.

pub mod render;
