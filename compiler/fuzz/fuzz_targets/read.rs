//! Fuzz target: the raw-document readers (JSON and YAML, chosen by the first
//! byte), the mapping to the document model, the checker and linter on raw
//! documents, and the importer with its printer.
//! Invariant checked: no panic, no stack overflow, no hang, no runaway memory
//! (YAML aliases are bounded).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ssmc_core::codegen::read::{self, Format};
use ssmc_core::lint::{source::lint_raw, LintConfig};
use ssmc_core::{catalog, fmt, import, FileId, SourceMap};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    // Seeds (whole documents) start with `{` for JSON; anything else is YAML.
    let format = if selector == b'{' || selector & 1 == 1 {
        Format::Json
    } else {
        Format::Yaml
    };
    let text = if selector == b'{' {
        std::borrow::Cow::Owned(format!("{{{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let mut sources = SourceMap::new();
    let (cat, _) = catalog::load_stdlib(&mut sources);
    let file = sources.add("fuzz", &text);
    let normalised = sources.get(file).map(|f| f.text.clone()).unwrap_or_default();
    let _ = lint_raw(file, "fuzz", &normalised, format, &cat, &LintConfig::default());
    if let Ok(doc) = read::read_document(FileId(file.0), "fuzz", &normalised, format) {
        let imported = import::import_document(&doc, &cat);
        let _ = fmt::format_file(&imported.ast, None);
    }
});
