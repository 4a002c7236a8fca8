//! The codes of `ssmc import` (`E09xx`, `W09xx`).
//!
//! Invariant: a code is never reused for another meaning.

crate::define_codes! {
    group: Import;
    /// ## What it does
    ///
    /// A value nested more than 128 levels deep inside a document given to `ssmc import`.
    ///
    /// ## Why is this bad?
    ///
    /// The importer writes each value as `.rbk` text, recursing into it; the limit keeps a hostile document from exhausting its stack.
    ///
    /// The reader refuses a document nested that deep first (`E0603`, counted from the top of the document), so no file reaches this check: it guards documents built by other means. The example shows the shape that would hold it; the examples' test lists this code as an exception.
    ///
    /// ## Example
    ///
    /// ```json import
    /// {
    ///   "schemaVersion": "0.3",
    ///   "mainSteps": [
    ///     { "name": "Wait", "action": "aws:sleep", "inputs": { "Duration": "PT1S", "x": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] } }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```json import
    /// {
    ///   "schemaVersion": "0.3",
    ///   "mainSteps": [
    ///     { "name": "Wait", "action": "aws:sleep", "inputs": { "Duration": "PT1S", "x": [[]] } }
    ///   ]
    /// }
    /// ```
    TOO_DEEP = "E0901", "import-too-deep", Error, "a value nested too deeply to import";
    /// ## What it does
    ///
    /// A part of a document given to `ssmc import` that no runbook can express: a parameter without a string `type`, an `onFailure` or `onCancel` that is not a string, a step name that is not letters, digits and `_`, a `precondition` that is not a map.
    ///
    /// ## Why is this bad?
    ///
    /// The runbook must build back to exactly the document; a part the language cannot write would be lost or changed, so the document is not imported. These are parts AWS defines otherwise (a parameter's `type` is required, `onFailure` is a string): fix the document first.
    ///
    /// ## Example
    ///
    /// ```json import
    /// {
    ///   "schemaVersion": "0.3",
    ///   "parameters": {
    ///     "Bucket": { "description": "Where the report goes." }
    ///   },
    ///   "mainSteps": [
    ///     { "name": "Wait", "action": "aws:sleep", "inputs": { "Duration": "PT1S" } }
    ///   ]
    /// }
    /// ```
    ///
    /// ## Use instead
    ///
    /// ```json import
    /// {
    ///   "schemaVersion": "0.3",
    ///   "parameters": {
    ///     "Bucket": { "type": "String", "description": "Where the report goes." }
    ///   },
    ///   "mainSteps": [
    ///     { "name": "Wait", "action": "aws:sleep", "inputs": { "Duration": "PT1S" } }
    ///   ]
    /// }
    /// ```
    NOT_IMPORTABLE = "E0902", "not-importable", Error, "a document part the flat form cannot express";
    /// ## What it does
    ///
    /// An imported runbook that does not build back to the document it came from; it is then written in the flat form, unchecked.
    ///
    /// ## Why is this bad?
    ///
    /// The runbook would deploy a document that differs from the one imported. `ssmc import` compares every runbook it writes with its document, so this warning means a bug in `ssmc`, not in the document: please report it with the document.
    ///
    /// No example can be shown: any document known to cause it is a bug that gets fixed (the import tests and the corpus round trip hold every document known to import exactly).
    NOT_ROUND_TRIP = "W0901", "not-round-trip", Warning, "the imported runbook does not build back to the document";
}
