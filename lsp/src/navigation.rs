//! The navigation requests (document highlight, document links, selection
//! ranges, workspace symbols, signature help, code lenses): the protocol
//! side of `analysis/navigate.rs`, kept out of `server.rs` so the message
//! loop stays small. Each is answered from the document's latest analysis
//! under the server's panic guard (`Backend::query`).

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::analysis::{Analysis, LensCommand, Symbol};
use crate::convert;
use crate::server::Backend;

/// Workspace symbols answer at most this many.
const MAX_WORKSPACE_SYMBOLS: usize = 500;

impl Backend {
    pub(crate) async fn highlights(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let p = params.text_document_position_params;
        let position = p.position;
        self.query(
            &p.text_document.uri,
            "textDocument/documentHighlight",
            move |a| {
                let at = convert::offset(&a.index, position);
                let found: Vec<DocumentHighlight> = a
                    .highlights(at)
                    .into_iter()
                    .map(|(span, def)| DocumentHighlight {
                        range: convert::range(&a.index, span),
                        kind: Some(if def {
                            DocumentHighlightKind::WRITE
                        } else {
                            DocumentHighlightKind::READ
                        }),
                    })
                    .collect();
                (!found.is_empty()).then_some(found)
            },
        )
        .await
    }

    /// `file("…")` paths as links to the file next to the document (only
    /// for a document on disk; `..` and absolute paths, which `file(…)`
    /// refuses, get no link).
    pub(crate) async fn links(
        &self,
        params: DocumentLinkParams,
    ) -> Result<Option<Vec<DocumentLink>>> {
        let uri = params.text_document.uri;
        let Some(dir) = uri
            .to_file_path()
            .and_then(|p| p.parent().map(|d| d.to_path_buf()))
        else {
            return Ok(None);
        };
        self.query(&uri, "textDocument/documentLink", move |a| {
            let links: Vec<DocumentLink> = a
                .file_links()
                .into_iter()
                .filter(|(_, rel)| {
                    let p = std::path::Path::new(rel);
                    !p.is_absolute()
                        && !p
                            .components()
                            .any(|c| matches!(c, std::path::Component::ParentDir))
                })
                .map(|(span, rel)| DocumentLink {
                    range: convert::range(&a.index, span),
                    target: Uri::from_file_path(dir.join(&rel)),
                    tooltip: Some(format!("open {rel}")),
                    data: None,
                })
                .collect();
            Some(links)
        })
        .await
    }

    pub(crate) async fn selections(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        let positions = params.positions;
        self.query(
            &params.text_document.uri,
            "textDocument/selectionRange",
            move |a| {
                let ranges = positions
                    .iter()
                    .map(|pos| {
                        let at = convert::offset(&a.index, *pos);
                        // Outermost first, each the parent of the next.
                        let mut range: Option<SelectionRange> = None;
                        for span in a.selection_spans(at).into_iter().rev() {
                            range = Some(SelectionRange {
                                range: convert::range(&a.index, span),
                                parent: range.map(Box::new),
                            });
                        }
                        range.unwrap_or(SelectionRange {
                            range: Range::new(*pos, *pos),
                            parent: None,
                        })
                    })
                    .collect();
                Some(ranges)
            },
        )
        .await
    }

    pub(crate) async fn signature(
        &self,
        params: SignatureHelpParams,
    ) -> Result<Option<SignatureHelp>> {
        let p = params.text_document_position_params;
        let position = p.position;
        self.query(
            &p.text_document.uri,
            "textDocument/signatureHelp",
            move |a| {
                let at = convert::offset(&a.index, position);
                let sig = a.signature(at)?;
                let markdown = |s: &str| {
                    (!s.trim().is_empty()).then(|| {
                        Documentation::MarkupContent(MarkupContent {
                            kind: MarkupKind::Markdown,
                            value: s.to_string(),
                        })
                    })
                };
                let parameters = sig
                    .params
                    .iter()
                    .map(|(label, docs)| ParameterInformation {
                        label: ParameterLabel::Simple(label.clone()),
                        documentation: markdown(docs),
                    })
                    .collect();
                let active = sig.active.and_then(|i| u32::try_from(i).ok());
                Some(SignatureHelp {
                    signatures: vec![SignatureInformation {
                        label: sig.label,
                        documentation: markdown(&sig.docs),
                        parameters: Some(parameters),
                        active_parameter: active,
                    }],
                    active_signature: Some(0),
                    active_parameter: active,
                })
            },
        )
        .await
    }

    pub(crate) async fn lenses(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let uri = params.text_document.uri;
        let here = uri.clone();
        self.query(&uri, "textDocument/codeLens", move |a| {
            let lenses = a
                .lens_spans()
                .into_iter()
                .flat_map(|span| {
                    let range = convert::range(&a.index, span);
                    let uri = here.clone();
                    LensCommand::ALL.into_iter().map(move |c| CodeLens {
                        range,
                        command: Some(Command {
                            title: c.title().to_string(),
                            command: c.command().to_string(),
                            arguments: Some(vec![serde_json::json!(uri.as_str())]),
                        }),
                        data: None,
                    })
                })
                .collect();
            Some(lenses)
        })
        .await
    }

    /// The symbols of every open document whose name contains `query`
    /// (case-insensitive), nested ones with their container's name.
    pub(crate) async fn workspace_symbols(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let want = params.query.to_lowercase();
        let mut out: Vec<WorkspaceSymbol> = Vec::new();
        for uri in self.open_uris() {
            let (at, want) = (uri.clone(), want.clone());
            let found = self
                .query(&uri, "workspace/symbol", move |a| {
                    let mut here = Vec::new();
                    for s in a.symbols() {
                        flatten(a, &at, &s, None, &want, &mut here);
                    }
                    Some(here)
                })
                .await?;
            out.extend(found.into_iter().flatten());
            if out.len() >= MAX_WORKSPACE_SYMBOLS {
                out.truncate(MAX_WORKSPACE_SYMBOLS);
                break;
            }
        }
        Ok(Some(WorkspaceSymbolResponse::Nested(out)))
    }
}

fn flatten(
    a: &Analysis,
    uri: &Uri,
    s: &Symbol,
    container: Option<&str>,
    want: &str,
    out: &mut Vec<WorkspaceSymbol>,
) {
    if s.name.to_lowercase().contains(want) {
        let kind = convert::symbol(&a.index, s).kind;
        out.push(WorkspaceSymbol {
            name: s.name.clone(),
            kind,
            tags: None,
            container_name: container.map(str::to_string),
            location: OneOf::Left(Location::new(
                uri.clone(),
                convert::range(&a.index, s.selection),
            )),
            data: None,
        });
    }
    for c in &s.children {
        flatten(a, uri, c, Some(&s.name), want, out);
    }
}
