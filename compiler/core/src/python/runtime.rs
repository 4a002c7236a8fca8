//! The Python version of an `aws:executeScript` step, from its `Runtime`.

use ruff_python_ast::PythonVersion;

/// The version whose syntax a runtime accepts: `python3.8` → 3.8. A runtime
/// that is not a literal Python 3 version (a `{{ Parameter }}`, a typo that
/// `invalid-execute-script` reports) gives the newest version ssmc knows, so
/// no syntax is refused for a version the step may not run.
pub fn version(runtime: &str) -> PythonVersion {
    runtime
        .strip_prefix("python3.")
        .and_then(|minor| minor.parse::<u8>().ok())
        .map_or(NEWEST, |minor| PythonVersion {
            major: 3,
            minor: minor.clamp(7, NEWEST.minor),
        })
}

/// Whether a runtime runs Python (not PowerShell).
pub fn is_python(runtime: &str) -> bool {
    runtime.to_ascii_lowercase().starts_with("python") || runtime.contains("{{")
}

const NEWEST: PythonVersion = PythonVersion::PY313;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtimes_give_versions() {
        assert_eq!(version("python3.8"), PythonVersion::PY38);
        assert_eq!(version("python3.11"), PythonVersion::PY311);
        assert_eq!(version("python3.6"), PythonVersion::PY37);
        assert_eq!(version("{{ Runtime }}"), NEWEST);
        assert_eq!(version("python3.99"), NEWEST);
        assert!(is_python("python3.11") && !is_python("PowerShell 7.4"));
    }
}
