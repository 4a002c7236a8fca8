//! Fuzz target: the `.rbk` parser and the formatter on any UTF-8 text.
//! Invariant checked: no panic, no stack overflow, no hang; a file that
//! parses clean formats to text that parses clean again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ssmc_core::{fmt, syntax, FileId};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = syntax::parse(FileId(0), text);
    if parsed.diagnostics.iter().any(ssmc_core::Diagnostic::is_error) {
        return;
    }
    let formatted = fmt::format_file(&parsed.ast, Some(text));
    let again = syntax::parse(FileId(0), &formatted);
    assert!(
        !again.diagnostics.iter().any(ssmc_core::Diagnostic::is_error),
        "formatted output does not parse:\n{formatted}"
    );
});
