//! Fuzz target: the whole compile of one `.rbk` (parse, lower, check), the
//! linter, and codegen of every document that checked clean.
//! Invariant checked: no panic, no stack overflow, no hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ssmc_core::codegen::{self, read::Format};
use ssmc_core::lint::{source::lint_rbk, LintConfig};
use ssmc_core::lower::NoFiles;
use ssmc_core::{pipeline, SourceMap};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut sources = SourceMap::new();
    let file = sources.add("fuzz.rbk", text);
    let result = pipeline::compile(&mut sources, &[file], &NoFiles);
    if !result.has_errors() {
        for (_, doc) in result.documents() {
            let _ = codegen::emit(doc, Format::Json);
            let _ = codegen::emit(doc, Format::Yaml);
        }
    }
    let _ = lint_rbk(file, text, &result.catalog, &LintConfig::default(), &NoFiles);
});
