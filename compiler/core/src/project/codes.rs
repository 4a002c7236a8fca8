//! The codes of the project layer (`E07xx`): an `ssmc.toml` that cannot be used.
//!
//! The CLI stops on such a file (exit 2); the editor reports it as this
//! diagnostic at the top of the document and goes on with the defaults.

crate::define_codes! {
    group: Project;
    INVALID_CONFIG = "E0701", "invalid-config", Error, "the project's `ssmc.toml` cannot be used (unknown key, misspelt rule, bad value)";
}
