//! Helpers shared by the CLI's integration tests (each test file that needs
//! them declares `mod common;`).

// Each test binary uses a part of the helpers; the rest is not dead code.
#[allow(dead_code)]
pub mod lsp_client;
