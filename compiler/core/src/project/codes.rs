//! The codes of the project layer (`E07xx`): an `ssmc.toml` that cannot be used.
//!
//! The CLI stops on such a file (exit 2); the editor reports it as this
//! diagnostic at the top of the document and goes on with the defaults.

crate::define_codes! {
    group: Project;
    /// ## What it does
    ///
    /// A project's `ssmc.toml` that cannot be used: not valid TOML, an unknown key, a misspelt rule name, a level other than `off`, `info`, `warning` or `error`.
    ///
    /// ## Why is this bad?
    ///
    /// The configuration decides which rules run and at which level; a file read only in part would run the project's checks with settings nobody chose. The command line stops on it (exit 2), and the editor reports it at the top of each document and goes on with the defaults.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [lint.rules]
    /// plaintext-secrte = "off"
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```toml
    /// [lint.rules]
    /// plaintext-secret = "off"
    /// ```
    INVALID_CONFIG = "E0701", "invalid-config", Error, "the project's `ssmc.toml` cannot be used (unknown key, misspelt rule, bad value)";
}
