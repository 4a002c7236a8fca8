<<<<<<< HEAD
//! The `ssmc` command line as a library: rendering and (later) the commands, so that
//! integration tests drive exactly what the binary does.

=======
//! The `ssmc` command line as a library (so tests can reach the renderer).

pub mod commands;
pub mod files;
>>>>>>> main
pub mod render;
