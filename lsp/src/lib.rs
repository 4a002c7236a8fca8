//! ssmc-lsp: the language server behind `ssmc lsp`.
//!
//! Input: LSP JSON-RPC on stdin. Output: responses and notifications on stdout.
//! Layers: [`analysis`] (protocol-free queries on one document, reusing the
//! compiler's pipeline), [`convert`] (byte spans ↔ UTF-16 LSP positions,
//! core data → LSP types), `server` (locks, converts and replies).

pub mod analysis;
pub mod convert;
pub mod external;
pub mod frame;
mod graph;
pub mod message;
mod navigation;
mod relocate;
mod server;
mod test_runs;
mod transport;
mod workspace;

pub use external::{set_external_lint, ExternalLint};
pub use server::{serve_io, DEBOUNCE};

/// Serves LSP over stdin/stdout until the client exits; returns the exit code.
pub fn run() -> u8 {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the language server runtime: {e}");
            return 1;
        }
    };
    let code = runtime.block_on(server::serve());
    // Reading stdin blocks a thread the runtime would otherwise wait for
    // when dropped: the client may keep its end open after `exit`.
    runtime.shutdown_background();
    code
}
