//! Fuzz target: what the language server does with a client's messages,
//! without the transport: a document opened with some text, a sequence of
//! incremental edits (arbitrary UTF-16 ranges, as a client may send), then
//! every query the server answers at arbitrary positions.
//! Invariant checked: no panic, no stack overflow, no hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ssmc_core::lower::NoFiles;
use ssmc_lsp::analysis::Analysis;
use ssmc_lsp::convert;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

type Edit = (u8, u16, u8, u16, String);

fuzz_target!(|input: (String, Vec<Edit>, u32, u32)| {
    let (mut text, edits, at, to) = input;
    for (l1, c1, l2, c2, new) in edits.into_iter().take(16) {
        let change = TextDocumentContentChangeEvent {
            range: Some(Range {
                start: Position::new(u32::from(l1), u32::from(c1)),
                end: Position::new(u32::from(l2), u32::from(c2)),
            }),
            range_length: None,
            text: new,
        };
        convert::apply_change(&mut text, &change);
    }
    let Ok(uri) = "file:///fuzz/doc.rbk".parse::<Uri>() else {
        return;
    };
    let a = Analysis::new(uri.as_str(), &text, &NoFiles);
    let len = u32::try_from(a.text.len()).unwrap_or(u32::MAX);
    let at = at % len.saturating_add(2);
    let to = to % len.saturating_add(2);
    let _ = convert::diagnostics(&a, &uri);
    let _ = a.hover(at);
    let _ = a.definition(at);
    let _ = a.complete(at);
    let _ = a.symbols();
    let _ = a.folding_spans();
    let _ = convert::folding_ranges(&a);
    let _ = a.semantic_tokens();
    let _ = a.inlay_hints(at.min(to), at.max(to));
    let _ = a.code_actions(at.min(to), at.max(to));
    let _ = a.references(at, true);
    let _ = a.prepare_rename(at);
    let _ = a.rename(at, "renamed");
    if let Some(formatted) = a.format() {
        let _ = convert::format_edits(&text, &formatted);
    }
});
