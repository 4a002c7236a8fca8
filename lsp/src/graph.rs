//! The `ssmc/graph` request: a document's flow graph as SVG, with where each
//! step is named, for an editor's graph panel (docs/lsp.md, "ssmc/graph").
//!
//! Input: `{ "textDocument": { "uri" } }`: an open `.rbk` document (its
//! latest, unsaved text), or an SSM document in JSON/YAML (open, or read from
//! its `file:` URI when the editor does not sync that language to us).
//! Output: `{ "svg", "nodes": [{ "step", "range" }] }`, the SVG of
//! `ssmc graph --format svg` (each step a `<g data-step="…">`) and the LSP
//! range of each step's name; `null` when nothing can be drawn (syntax or
//! lowering errors, not an SSM document, an unreadable file).
//! Invariant: the picture comes from the compiler's one pipeline and flow
//! graph (`ssmc_core::graph`), exactly as the CLI draws it; a panic while
//! drawing answers an internal error and the server keeps serving.

use std::panic::{catch_unwind, AssertUnwindSafe};

use ssmc_core::codegen::{read, Format};
use ssmc_core::graph;
use ssmc_core::lower::FileLoader;
use ssmc_core::model::Document;
use ssmc_core::span::{FileId, LineIndex, SourceMap};
use ssmc_core::{pipeline, Diagnostic};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{Range, TextDocumentIdentifier, Uri};

use crate::convert;
use crate::server::Backend;

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GraphParams {
    pub text_document: TextDocumentIdentifier,
}

#[derive(Debug, serde::Serialize, PartialEq)]
pub struct GraphResult {
    pub svg: String,
    pub nodes: Vec<GraphNode>,
}

#[derive(Debug, serde::Serialize, PartialEq)]
pub struct GraphNode {
    pub step: String,
    pub range: Range,
}

/// The graph of the document `name` with this text: `.json`/`.yaml`/`.yml`
/// names are read as SSM documents, anything else as a `.rbk` source (its
/// first document). `None` when nothing can be drawn.
pub fn graph_of_text(name: &str, text: &str, loader: &dyn FileLoader) -> Option<GraphResult> {
    let mut sources = SourceMap::new();
    let file = sources.add(name, text);
    let doc = match Format::from_path_ext(name) {
        Some(fmt) => {
            let normalised = sources.get(file)?.text.clone();
            let stem = name
                .rsplit(['/', '\\'])
                .next()
                .and_then(|n| n.split('.').next())
                .unwrap_or("");
            read::read_document(file, stem, &normalised, fmt).ok()?
        }
        None => first_document(&mut sources, file, loader)?,
    };
    let (g, _) = graph::draw(&doc);
    let svg = graph::svg::render(&g);
    let index: &LineIndex = &sources.get(file)?.lines;
    let nodes = g
        .nodes
        .iter()
        .filter_map(|n| {
            let (step, span) = (n.step.as_ref()?, n.span?);
            (span.file == file).then(|| GraphNode {
                step: step.clone(),
                range: convert::range(index, span),
            })
        })
        .collect();
    Some(GraphResult { svg, nodes })
}

fn first_document(
    sources: &mut SourceMap,
    file: FileId,
    loader: &dyn FileLoader,
) -> Option<Document> {
    let result = pipeline::compile(sources, &[file], loader);
    let docs: Vec<Document> = result.files.into_iter().flat_map(|f| f.documents).collect();
    if docs.is_empty() && result.diagnostics.iter().any(Diagnostic::is_error) {
        return None;
    }
    docs.into_iter().next()
}

impl Backend {
    /// `ssmc/graph {textDocument}` → `{svg, nodes}` or `null`.
    pub(crate) async fn graph(&self, params: GraphParams) -> Result<Option<GraphResult>> {
        let uri = params.text_document.uri;
        let path = uri.to_file_path();
        let text = match self.open_text(&uri) {
            Some(t) => t,
            // A file that is not open is read only inside the workspace.
            None => match path
                .as_deref()
                .filter(|p| self.in_workspace(p))
                .and_then(read_small)
            {
                Some(t) => t,
                None => return Ok(None),
            },
        };
        // An open document over its size limit is not analysed, nor drawn.
        let (limit, _) = ssmc_project::text_limit(std::path::Path::new(uri.path().as_str()));
        if u64::try_from(text.len()).map_or(true, |len| len > limit) {
            return Ok(None);
        }
        let loader = self.loader(path.as_deref());
        let name = name_of(&uri);
        // Drawing compiles the document: off the message loop, like an analysis.
        let drawn = tokio::task::spawn_blocking(move || {
            catch_unwind(AssertUnwindSafe(|| graph_of_text(&name, &text, &loader)))
        })
        .await;
        drawn.ok().and_then(|d| d.ok()).ok_or_else(|| {
            let mut e = Error::internal_error();
            e.message = "internal error while drawing the graph; the server keeps running".into();
            e
        })
    }
}

/// The URI as a name whose extension picks the reader (`….json` → JSON).
fn name_of(uri: &Uri) -> String {
    uri.as_str().to_string()
}

/// A regular file no larger than its kind's limit (as `ssmc check` reads).
fn read_small(path: &std::path::Path) -> Option<String> {
    let (limit, _) = ssmc_project::text_limit(path);
    let bytes = ssmc_fs::read_capped(path, limit, ssmc_fs::Follow::Yes).ok()?;
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoFiles;
    impl FileLoader for NoFiles {
        fn load(&self, _: FileId, path: &str) -> std::result::Result<String, String> {
            Err(format!("no file {path}"))
        }
    }

    #[test]
    fn rbk_steps_map_to_their_names() {
        let text = "automation A {\n  step First = aws:sleep { Duration: \"PT1S\" }\n  step Second = aws:sleep { Duration: \"PT1S\" }\n}\n";
        let r = graph_of_text("file:///w/a.rbk", text, &NoFiles).expect("a graph");
        assert!(r.svg.contains("data-step=\"First\""));
        let first = r.nodes.first().expect("a node");
        assert_eq!(first.step, "First");
        assert_eq!(
            (first.range.start.line, first.range.start.character),
            (1, 7)
        );
        assert_eq!((first.range.end.line, first.range.end.character), (1, 12));
        assert_eq!(r.nodes.len(), 2);
    }

    #[test]
    fn json_documents_and_broken_files() {
        let json = "{\"schemaVersion\": \"0.3\", \"mainSteps\": [\n  {\"name\": \"Only\", \"action\": \"aws:sleep\", \"inputs\": {\"Duration\": \"PT1S\"}}]}";
        let r = graph_of_text("file:///w/d.json", json, &NoFiles).expect("a graph");
        let node = r.nodes.first().expect("a node");
        assert_eq!(node.step, "Only");
        assert_eq!(node.range.start.line, 1);
        assert!(graph_of_text("file:///w/b.rbk", "automation {", &NoFiles).is_none());
        assert!(graph_of_text("file:///w/b.json", "{\"a\": 1}", &NoFiles).is_none());
    }
}
