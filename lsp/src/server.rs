//! The LSP front: open documents, their analyses, and the request handlers.
//!
//! Input: LSP messages (through tower-lsp-server). Output: replies and
//! `publishDiagnostics` notifications.
//! Invariants: handlers only lock, convert and reply; every analysis call
//! runs under `catch_unwind`, so a panic in one request answers a JSON-RPC
//! internal error (or no diagnostics) and the server keeps serving; the lock
//! is never held across an `.await` or while compiling.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, MutexGuard};

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use crate::analysis::Analysis;
use crate::convert;
use crate::loader::DirLoader;

struct Doc {
    /// The text as the client has it (not normalised), for applying edits.
    text: String,
    version: i32,
    analysis: Option<Arc<Analysis>>,
}

pub struct Backend {
    client: Client,
    docs: Mutex<HashMap<Uri, Doc>>,
}

pub async fn serve() {
    let (service, socket) = LspService::new(|client| Backend {
        client,
        docs: Mutex::new(HashMap::new()),
    });
    Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
        .serve(service)
        .await;
}

fn internal(what: &str) -> Error {
    let mut e = Error::internal_error();
    e.message = format!("internal error while answering {what}; the server keeps running").into();
    e
}

impl Backend {
    fn docs(&self) -> MutexGuard<'_, HashMap<Uri, Doc>> {
        // A panic never happens while the lock is held, but stay usable if it did.
        self.docs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn analysis(&self, uri: &Uri) -> Option<Arc<Analysis>> {
        self.docs().get(uri).and_then(|d| d.analysis.clone())
    }

    /// Runs `f` on the document's analysis, catching panics.
    fn query<T>(
        &self,
        uri: &Uri,
        what: &str,
        f: impl FnOnce(&Analysis) -> Option<T>,
    ) -> Result<Option<T>> {
        let Some(analysis) = self.analysis(uri) else {
            return Ok(None);
        };
        catch_unwind(AssertUnwindSafe(|| f(&analysis))).map_err(|_| internal(what))
    }

    /// Re-analyses the document and publishes its diagnostics.
    async fn refresh(&self, uri: Uri) {
        let Some((text, version)) = self.docs().get(&uri).map(|d| (d.text.clone(), d.version))
        else {
            return;
        };
        let dir = uri
            .to_file_path()
            .and_then(|p| p.parent().map(std::path::Path::to_path_buf));
        let name = uri
            .to_file_path()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| uri.as_str().to_string());
        let loader = DirLoader { dir };
        let analysis = catch_unwind(AssertUnwindSafe(|| Analysis::new(&name, &text, &loader))).ok();
        let diagnostics = analysis
            .as_ref()
            .and_then(|a| catch_unwind(AssertUnwindSafe(|| convert::diagnostics(a, &uri))).ok())
            .unwrap_or_default();
        {
            let mut docs = self.docs();
            let Some(doc) = docs.get_mut(&uri) else {
                return;
            };
            if doc.version != version {
                return; // a newer change will publish its own
            }
            doc.analysis = analysis.map(Arc::new);
        }
        self.client
            .publish_diagnostics(uri, diagnostics, Some(version))
            .await;
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, _: InitializeParams) -> Result<InitializeResult> {
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "ssmc".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            capabilities: ServerCapabilities {
                text_document_sync: Some(TextDocumentSyncCapability::Kind(
                    TextDocumentSyncKind::INCREMENTAL,
                )),
                document_formatting_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec![
                        " ".to_string(),
                        ":".to_string(),
                        ".".to_string(),
                    ]),
                    ..CompletionOptions::default()
                }),
                ..ServerCapabilities::default()
            },
            ..InitializeResult::default()
        })
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        self.docs().insert(
            doc.uri.clone(),
            Doc {
                text: doc.text,
                version: doc.version,
                analysis: None,
            },
        );
        self.refresh(doc.uri).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        {
            let mut docs = self.docs();
            let Some(doc) = docs.get_mut(&uri) else {
                return;
            };
            for change in &params.content_changes {
                convert::apply_change(&mut doc.text, change);
            }
            doc.version = params.text_document.version;
        }
        self.refresh(uri).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.docs().remove(&uri);
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let uri = params.text_document.uri;
        let Some(raw) = self.docs().get(&uri).map(|d| d.text.clone()) else {
            return Ok(None);
        };
        self.query(&uri, "formatting", |a| {
            a.format().map(|f| convert::format_edits(&raw, &f))
        })
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.query(&params.text_document.uri, "documentSymbol", |a| {
            let symbols = a
                .symbols()
                .iter()
                .map(|s| convert::symbol(&a.index, s))
                .collect();
            Some(DocumentSymbolResponse::Nested(symbols))
        })
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.query(&params.text_document.uri, "foldingRange", |a| {
            Some(convert::folding_ranges(a))
        })
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        self.query(&p.text_document.uri, "hover", |a| {
            let at = convert::offset(&a.index, p.position);
            a.hover(at).map(|h| convert::hover(&a.index, h))
        })
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let uri = p.text_document.uri;
        self.query(&uri, "definition", |a| {
            let at = convert::offset(&a.index, p.position);
            let span = a.definition(at)?;
            let location = Location::new(uri.clone(), convert::range(&a.index, span));
            Some(GotoDefinitionResponse::Scalar(location))
        })
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        self.query(&p.text_document.uri, "completion", |a| {
            let at = convert::offset(&a.index, p.position);
            let items: Vec<_> = a
                .complete(at)
                .into_iter()
                .map(convert::completion_item)
                .collect();
            Some(CompletionResponse::Array(items))
        })
    }
}
