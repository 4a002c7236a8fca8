//! How large a source the tools read: one limit for `ssmc check` and for a
//! document open in the language server, so both refuse the same texts.
//!
//! SSM's quota on a document's content is 64 KB, and the largest real
//! document in the corpus is 80 KB (docs/robustness.md). These limits sit
//! far above any real file and keep time and memory bounded.

use std::path::Path;

/// Larger `.rbk` sources (and other text) are refused: a runbook compiles to
/// a document of at most 64 KB, so 4 MiB of source is far past any real one.
pub const MAX_SOURCE_BYTES: u64 = 4 * 1024 * 1024;

/// Larger `.json`/`.yaml`/`.yml` files are not read as SSM documents: SSM
/// refuses documents over 64 KB; the largest real one we know is 80 KB.
pub const MAX_DOCUMENT_BYTES: u64 = 1024 * 1024;

/// The size limit of a text by its file's extension, and why, in words.
pub fn text_limit(path: &Path) -> (u64, &'static str) {
    let document = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["json", "yaml", "yml"]
            .iter()
            .any(|x| x.eq_ignore_ascii_case(e))
    });
    if document {
        (
            MAX_DOCUMENT_BYTES,
            "an SSM document is at most 64 KB, so files over 1 MiB are not read",
        )
    } else {
        (
            MAX_SOURCE_BYTES,
            "a runbook compiles to at most 64 KB, so text files over 4 MiB are not read",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_have_the_smaller_limit_by_extension() {
        assert_eq!(text_limit(Path::new("a/b.JSON")).0, MAX_DOCUMENT_BYTES);
        assert_eq!(text_limit(Path::new("b.yml")).0, MAX_DOCUMENT_BYTES);
        assert_eq!(text_limit(Path::new("b.rbk")).0, MAX_SOURCE_BYTES);
        assert_eq!(text_limit(Path::new("notes")).0, MAX_SOURCE_BYTES);
    }
}
