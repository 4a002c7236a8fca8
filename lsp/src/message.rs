//! Judges one framed body: a JSON-RPC 2.0 message the server can take, or
//! the error reply it gets instead.
//!
//! Input: a body from `frame.rs`. Output: [`Judged::Message`] or
//! [`Judged::Refused`] with the reply (`-32700` parse error for a body that
//! is not UTF-8 JSON, `-32600` invalid request for JSON that is not a
//! JSON-RPC 2.0 request, notification or response).
//! Invariants: a body is passed on only when tower-lsp-server's own decoder
//! accepts it (the same `untagged` shape over its `Response` and
//! `Request` types, tried in the same order), since one decoding error there
//! ends its input stream and with it the server. The reply carries the
//! request's id when it is a valid one (a string or an integer) and the
//! message is a request; else `null`, as JSON-RPC 2.0 says for an id that
//! cannot be detected.

use serde::Deserialize;
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};

/// What tower-lsp-server decodes a body into (its `Message` is private):
/// the same variants in the same order.
#[derive(Deserialize)]
#[serde(untagged)]
#[expect(
    dead_code,
    reason = "decoded only to learn whether tower-lsp-server's decoder accepts the body"
)]
enum Incoming {
    Response(Response),
    Request(Request),
}

#[derive(Debug)]
pub enum Judged {
    /// A message to pass on unchanged.
    Message,
    Refused(Refusal),
}

#[derive(Debug)]
pub struct Refusal {
    /// The error response to send.
    pub reply: Response,
    /// Not JSON at all: the body may hold the next frame's header (see
    /// `frame::Decoder::rescan`).
    pub not_json: bool,
    /// Why, for the server's log.
    pub reason: String,
}

pub fn judge(body: &[u8]) -> Judged {
    let Ok(text) = std::str::from_utf8(body) else {
        return refuse(
            ErrorCode::ParseError,
            Id::Null,
            "the body is not UTF-8",
            true,
        );
    };
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return refuse(
                ErrorCode::ParseError,
                Id::Null,
                &format!("the body is not JSON ({e})"),
                true,
            )
        }
    };
    let Some(object) = value.as_object() else {
        let what = if value.is_array() {
            "a batch (an array), which the Language Server Protocol does not use"
        } else {
            "JSON that is not an object"
        };
        return refuse(ErrorCode::InvalidRequest, Id::Null, what, false);
    };
    let method = object.get("method");
    let id = match (method, object.get("id")) {
        (Some(Value::String(_)), Some(id)) => Id::deserialize(id).unwrap_or(Id::Null),
        _ => Id::Null,
    };
    let invalid = |why: &str| refuse(ErrorCode::InvalidRequest, id.clone(), why, false);
    if object.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return invalid("no `\"jsonrpc\": \"2.0\"`");
    }
    match method {
        Some(Value::String(_)) => {}
        Some(_) => return invalid("a `method` that is not a string"),
        // tower-lsp-server would take a bare `{"jsonrpc":"2.0"}` as a request
        // named "": JSON-RPC says it is invalid.
        None if !(object.contains_key("result") || object.contains_key("error")) => {
            return invalid("neither a `method` nor a `result` or `error`")
        }
        None => {}
    }
    // Without a method only a response is valid (tower-lsp-server would
    // take a malformed one as a request named "").
    let decodes = if method.is_some() {
        serde_json::from_str::<Incoming>(text).is_ok()
    } else {
        serde_json::from_str::<Response>(text).is_ok()
    };
    if decodes {
        Judged::Message
    } else {
        invalid("an `id`, `params`, `result` or `error` of the wrong shape")
    }
}

fn refuse(code: ErrorCode, id: Id, reason: &str, not_json: bool) -> Judged {
    let mut error = Error::new(code);
    error.message = format!("{}: {reason}", error.message).into();
    Judged::Refused(Refusal {
        reply: Response::from_error(id, error),
        not_json,
        reason: reason.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The reply to `body` as JSON, or `None` when it is passed on.
    fn reply(body: &[u8]) -> Option<Value> {
        match judge(body) {
            Judged::Message => None,
            Judged::Refused(r) => Some(serde_json::to_value(&r.reply).expect("a reply serialises")),
        }
    }

    #[test]
    fn messages_the_server_takes_pass() {
        for m in [
            json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}}),
            json!({"jsonrpc": "2.0", "id": "a", "method": "shutdown"}),
            json!({"jsonrpc": "2.0", "method": "exit"}),
            json!({"jsonrpc": "2.0", "id": 3, "result": null}),
            json!({"jsonrpc": "2.0", "id": 3, "error": {"code": 1, "message": "no"}}),
        ] {
            assert!(reply(m.to_string().as_bytes()).is_none(), "{m}");
        }
    }

    #[test]
    fn malformed_messages_get_json_rpc_errors() {
        let cases: [(&[u8], Value); 10] = [
            (b"hello", json!({"code": -32700, "id": null})),
            (b"\xff\xfe{}", json!({"code": -32700, "id": null})),
            (b"", json!({"code": -32700, "id": null})),
            (b"[]", json!({"code": -32600, "id": null})),
            (b"null", json!({"code": -32600, "id": null})),
            (
                br#"{"id": 1, "method": "initialize"}"#,
                json!({"code": -32600, "id": 1}),
            ),
            (
                br#"{"jsonrpc": "1.0", "id": "x", "method": "a"}"#,
                json!({"code": -32600, "id": "x"}),
            ),
            (
                br#"{"jsonrpc": "2.0", "id": {"a": 1}, "method": "a"}"#,
                json!({"code": -32600, "id": null}),
            ),
            (
                br#"{"jsonrpc": "2.0", "id": 1.5, "method": "a"}"#,
                json!({"code": -32600, "id": null}),
            ),
            (
                br#"{"jsonrpc": "2.0"}"#,
                json!({"code": -32600, "id": null}),
            ),
        ];
        for (body, want) in cases {
            let got = reply(body).expect("refused");
            assert_eq!(got["jsonrpc"], "2.0");
            assert_eq!(
                json!({"code": got["error"]["code"], "id": got["id"]}),
                want,
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn responses_of_the_wrong_shape_are_refused() {
        for m in [
            json!({"jsonrpc": "2.0", "id": 1, "error": "no"}),
            json!({"jsonrpc": "2.0", "id": [1], "result": 1}),
            json!({"jsonrpc": "2.0", "method": 7}),
        ] {
            let got = reply(m.to_string().as_bytes()).expect("refused");
            assert_eq!(got["error"]["code"], -32600, "{m}");
        }
    }
}
