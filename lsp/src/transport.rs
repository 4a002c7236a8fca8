//! The byte streams between the client and tower-lsp-server: a filter in
//! front of its input and one serialised writer for everything the client
//! reads.
//!
//! Input: the client's bytes. Output: the client's stream of frames.
//! ```text
//! client ─▶ read_client (frame.rs, message.rs) ─ valid messages ─▶ tower-lsp-server
//!                │ error replies                                        │ its frames
//!                └──────────────▶ frames channel ◀── split_server ◀─────┘
//!                                       └─▶ write_client ─▶ client
//! ```
//! Invariants: tower-lsp-server never sees a byte it cannot decode (its
//! decoder ends the input stream, and so the server, at the first error);
//! every malformed message is answered (`message.rs`) and the server keeps
//! serving; frames reach the client whole, never interleaved.

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc::{Receiver, Sender};

use crate::frame::{self, Decoder, Fault, Frame};
use crate::message::{self, Judged};
use tower_lsp_server::jsonrpc::{Error, Id, Response};

const READ_CHUNK: usize = 64 * 1024;

/// Reads the client's bytes, passes each valid message on to `server` and
/// answers each malformed one through `replies`; returns at the end of the
/// client's stream (or when the server stops reading).
pub async fn read_client(
    mut client: impl AsyncRead + Unpin,
    mut server: impl AsyncWrite + Unpin,
    replies: Sender<Vec<u8>>,
) {
    let mut decoder = Decoder::new();
    let mut chunk = vec![0u8; READ_CHUNK];
    loop {
        let n = match client.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        decoder.push(&chunk[..n]);
        while let Some(frame) = decoder.next_frame() {
            if !pass_on(frame, &mut decoder, &mut server, &replies).await {
                return;
            }
        }
    }
    if let Some(fault) = decoder.finish() {
        let _ = replies.send(parse_error_frame(&fault)).await;
    }
}

/// Handles one frame; false when the server is gone.
async fn pass_on(
    frame: Frame,
    decoder: &mut Decoder,
    server: &mut (impl AsyncWrite + Unpin),
    replies: &Sender<Vec<u8>>,
) -> bool {
    let reply = match frame {
        Frame::Fault(fault) => parse_error_frame(&fault),
        Frame::Body(body) => match message::judge(&body) {
            Judged::Message => {
                let framed = frame::encode(&body);
                return server.write_all(&framed).await.is_ok() && server.flush().await.is_ok();
            }
            Judged::Refused(refusal) => {
                eprintln!("ssmc lsp: refused a message: {}", refusal.reason);
                if refusal.not_json {
                    decoder.rescan(body);
                }
                encode_reply(&refusal.reply)
            }
        },
    };
    // The writer ends only with the server, so a failed send means it is gone.
    replies.send(reply).await.is_ok()
}

fn parse_error_frame(fault: &Fault) -> Vec<u8> {
    eprintln!("ssmc lsp: refused a message: {fault}");
    let mut error = Error::parse_error();
    error.message = format!("Parse error: {fault}").into();
    encode_reply(&Response::from_error(Id::Null, error))
}

fn encode_reply(reply: &Response) -> Vec<u8> {
    // A `Response` of plain data always serialises; the fallback is a
    // well-formed frame all the same.
    let body = serde_json::to_vec(reply).unwrap_or_else(|_| {
        br#"{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"Internal error"}}"#
            .to_vec()
    });
    frame::encode(&body)
}

/// Cuts the server's output into whole frames for the writer; returns when
/// the server closes it.
pub async fn split_server(mut server: impl AsyncRead + Unpin, frames: Sender<Vec<u8>>) {
    // The server's own answers have no size limit (semantic tokens of a
    // large document exceed what a client may send).
    let mut decoder = Decoder::with_limit(usize::MAX);
    let mut chunk = vec![0u8; READ_CHUNK];
    loop {
        let n = match server.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        decoder.push(&chunk[..n]);
        while let Some(frame) = decoder.next_frame() {
            match frame {
                Frame::Body(body) => {
                    if frames.send(frame::encode(&body)).await.is_err() {
                        return;
                    }
                }
                // tower-lsp-server writes well-formed frames; say so if not.
                Frame::Fault(fault) => eprintln!("ssmc lsp: dropped a server frame: {fault}"),
            }
        }
    }
}

/// Writes frames to the client, one whole frame at a time, until every
/// sender is gone or the client stops reading.
pub async fn write_client(mut frames: Receiver<Vec<u8>>, mut client: impl AsyncWrite + Unpin) {
    while let Some(frame) = frames.recv().await {
        if client.write_all(&frame).await.is_err() || client.flush().await.is_err() {
            return;
        }
    }
}
