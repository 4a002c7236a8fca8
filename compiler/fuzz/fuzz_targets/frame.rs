//! Fuzz target: the language server's input as raw bytes, the way a client
//! (or anything writing to its stdin) may send them. First the framing and
//! message checks alone (`ssmc_lsp::frame`, `ssmc_lsp::message`), decoded
//! whole and in chunks; then the whole server (`ssmc_lsp::serve_io`: the
//! filter, tower-lsp-server and every handler) on the same bytes.
//! Invariants checked: no panic, no hang; the frames do not depend on how the
//! bytes were chunked; the decoder holds no more than one body and one
//! header; the server stops at the end of its input with exit code 0 or 1;
//! everything it writes is well-framed JSON-RPC 2.0.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ssmc_lsp::frame::{Decoder, Frame, MAX_BODY, MAX_HEADER};
use ssmc_lsp::message::{self, Judged};

/// The frames of `data` pushed `chunk` bytes at a time, with the rescans
/// the server does for bodies that are not JSON.
fn decode(data: &[u8], chunk: usize) -> Vec<Frame> {
    let mut d = Decoder::new();
    let mut out = Vec::new();
    for part in data.chunks(chunk) {
        d.push(part);
        while let Some(f) = d.next_frame() {
            if let Frame::Body(b) = &f {
                if let Judged::Refused(r) = message::judge(b) {
                    if r.not_json {
                        d.rescan(b.clone());
                    }
                }
            }
            out.push(f);
        }
        assert!(d.buffered() <= MAX_BODY + MAX_HEADER + 4 + chunk);
    }
    out.extend(d.finish().map(Frame::Fault));
    out
}

fuzz_target!(|data: &[u8]| {
    let whole = decode(data, data.len().max(1));
    let chunk = 1 + data.len() % 13;
    assert_eq!(whole, decode(data, chunk), "frames depend on chunking ({chunk})");

    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        // The debounce's sleeps pass at once.
        .start_paused(true)
        .build()
    else {
        return;
    };
    let mut output: Vec<u8> = Vec::new();
    let code = runtime.block_on(ssmc_lsp::serve_io(data, &mut output));
    assert!(code <= 1, "exit code {code}");
    let mut d = Decoder::with_limit(usize::MAX);
    d.push(&output);
    while let Some(f) = d.next_frame() {
        let Frame::Body(body) = f else {
            panic!("the server wrote a bad frame: {f:?}");
        };
        let v: serde_json::Value = serde_json::from_slice(&body).expect("the server wrote JSON");
        assert_eq!(v["jsonrpc"], "2.0", "{v}");
    }
    assert_eq!(d.finish(), None, "the server's output ends inside a frame");
});
