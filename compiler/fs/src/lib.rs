//! File primitives shared by the `ssmc` CLI and the language server, for
//! repositories an outsider controls (docs/robustness.md).
//!
//! - [`read`]: opening and reading files: regular files only (a FIFO, device,
//!   folder or `/proc`/`/sys` file is refused without blocking), capped in size.
//! - [`resolve`]: a path relative to a folder of the project, resolved link by
//!   link without looking at anything outside the project, so the answer for a
//!   path that leaves it is the same whether the outside file exists or not.
//! - [`write`]: outputs and rewritten sources through exclusive temporary files
//!   (random names, `O_EXCL`), renamed over the destination (a link there is
//!   replaced, never followed), all-or-nothing for a batch, cleaned on error
//!   and on SIGINT/SIGTERM/SIGHUP.

pub mod read;
pub mod resolve;
mod signals;
pub mod write;

pub use read::{open_regular, read_capped, read_inside, Follow, InsideError, ReadError};
pub use resolve::{resolve_inside, Resolved};
pub use write::{rewrite_source, write_output, Batch};
