//! The project layer, pure: the typed `ssmc.toml` ([`config`]), its ignore
//! globs ([`globs`]), root discovery and the `file(…)` policy ([`root`]).
//! The CLI and the language server drive it through `ssmc-project`, which
//! does the file access (reading, walking, canonical paths).

pub mod codes;
pub mod config;
pub mod globs;
pub mod root;

pub use config::{ConfigError, ProjectConfig};
pub use globs::IgnoreGlobs;
