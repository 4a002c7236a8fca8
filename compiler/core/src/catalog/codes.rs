//! The codes of action declarations (`E11xx`, `W11xx`): the stdlib's and a
//! project's `action` and `extern action` items.
//!
//! Invariant: a code is never reused for another meaning.

crate::define_codes! {
    group: Declaration;
    DUPLICATE_ACTION = "E1100", "duplicate-action", Error, "two declarations of the same action";
    UNKNOWN_TYPE = "E1101", "unknown-declared-type", Error, "a type name in an action declaration that the language does not know";
    DUPLICATE_MEMBER = "E1102", "duplicate-member", Error, "an input or output declared twice in one action";
    BAD_ALLOWED_VALUES = "E1103", "bad-allowed-values", Error, "an `allowedValues` that is not a list of literal values";
    UNKNOWN_ATTRIBUTE = "W1100", "unknown-attribute", Warning, "an `@attribute` the checker does not know (or misused)";
    UNKNOWN_INPUT_ATTRIBUTE = "W1101", "unknown-input-attribute", Warning, "an input attribute key that looks like a misspelt `allowedValues`";
    EXTERN_OF_KNOWN_ACTION = "W1102", "extern-of-known-action", Warning, "an `extern action` for an action the catalog already declares";
}
