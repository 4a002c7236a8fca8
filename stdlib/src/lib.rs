//! The action catalog as `.rbk` source text, embedded at build time.
//!
//! Adding an AWS action is adding a declaration to a file under `actions/`,
//! not Rust code. The compiler parses these sources like any other file, so
//! hover, go-to-definition and diagnostics work on them too.

/// `(file name, source text)` of every catalog file, in a fixed order.
pub const SOURCES: &[(&str, &str)] = &[];
