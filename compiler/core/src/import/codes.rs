//! The codes of `ssmc import` (`E09xx`, `W09xx`).
//!
//! Invariant: a code is never reused for another meaning.

crate::define_codes! {
    group: Import;
    TOO_DEEP = "E0901", "import-too-deep", Error, "a value nested too deeply to import";
    NOT_IMPORTABLE = "E0902", "not-importable", Error, "a document part the flat form cannot express";
    NOT_ROUND_TRIP = "W0901", "not-round-trip", Warning, "the imported runbook does not build back to the document";
}
