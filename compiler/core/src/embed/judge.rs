//! Checking and linting the documents of one template, with every finding
//! at its place in the template.
//!
//! Input: a [`Template`] ([`prepare`]d: each document written as text gets a
//! file of its own in the `SourceMap`, so its findings have a text to point
//! into), the template's file and text, the catalog, the rule levels, and the
//! findings computed outside the core (shellcheck). Output: every finding of
//! the template's documents and associations, in the template file.
//! Invariants: each document is judged as a raw document is (the checker
//! once, then the lint rules with its findings: `lint::source`); findings on
//! a document read from text are mapped through its [`OffsetMap`]; no
//! finding in a template carries a fix (an edit written for a document file
//! could break the template around it);
//! a `DocumentType` that disagrees with `schemaVersion` is E1041.

use std::collections::HashMap;
use std::sync::Arc;

use super::{association, sniff_format, Association, Content, Embedded, OffsetMap, Template};
use crate::catalog::Catalog;
use crate::check::codes;
use crate::codegen::{read, Format};
use crate::diagnostic::{self, Diagnostic};
use crate::lint::source::check_and_lint_document;
use crate::lint::LintConfig;
use crate::lower::FileLoader;
use crate::model::{DocKind, Document, Node};
use crate::span::{FileId, SourceMap, Span};
use crate::verdict::External;

/// A template ready to judge.
#[derive(Debug)]
pub struct Prepared {
    documents: Vec<(Embedded, Source)>,
    associations: Vec<Association>,
}

/// Where a document's spans point.
#[derive(Debug)]
enum Source {
    /// A file of its own, read only for its kind (its findings are its own
    /// file's, where it is walked); `None` when it cannot be read.
    File {
        kind: Option<DocKind>,
        path: String,
        at: Span,
    },
    /// Into the template.
    Tree(Node),
    /// Into a file of its own holding the document's text.
    Text {
        file: FileId,
        text: Arc<str>,
        format: Format,
        map: OffsetMap,
    },
}

impl Prepared {
    /// Whether the template holds no document this tool reads.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }
}

/// Gives each document of `template` written as text a file of its own,
/// named after the template file `template_name` and the resource; reads the
/// files that `file(…)` names (relative to the template `file`) for their kind.
pub fn prepare(
    sources: &mut SourceMap,
    file: FileId,
    template_name: &str,
    template: Template,
    loader: &dyn FileLoader,
) -> Prepared {
    let mut documents = Vec::new();
    for doc in template.documents {
        let source = match &doc.content {
            Content::File { path, at } => Source::File {
                kind: loader.load(file, path).ok().and_then(|text| {
                    let format = Format::from_path_ext(path).unwrap_or_else(|| sniff_format(&text));
                    read::read_document(file, "", &text, format)
                        .ok()
                        .map(|d| d.kind)
                }),
                path: path.clone(),
                at: *at,
            },
            Content::Tree(node) => Source::Tree(node.clone()),
            Content::Text { text, format, map } => {
                // The source map normalises text (BOM, CRLF); the map must follow.
                let (normal, from) = normalised(text);
                let file = sources.add(format!("{template_name}#{}", doc.name), &normal);
                let text = sources
                    .get(file)
                    .map_or_else(|| Arc::from(normal.as_str()), |f| f.text.clone());
                Source::Text {
                    file,
                    text,
                    format: *format,
                    map: map.compose(&from),
                }
            }
        };
        documents.push((doc, source));
    }
    Prepared {
        documents,
        associations: template.associations,
    }
}

/// `text` as the source map stores it (no BOM, `\n` line ends), and for each
/// byte the byte of `text` it came from.
fn normalised(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut from = Vec::with_capacity(text.len());
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut chars = text.get(start..).unwrap_or("").char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = start + i;
        if c == '\r' {
            if chars.peek().is_some_and(|(_, n)| *n == '\n') {
                let _ = chars.next();
            }
            out.push('\n');
            from.push(at);
            continue;
        }
        out.push(c);
        from.extend(at..at + c.len_utf8());
    }
    (out, from)
}

/// Every finding on the documents and associations of a prepared template.
pub fn judge(
    file: FileId,
    text: &str,
    prepared: &Prepared,
    catalog: &Catalog,
    config: &LintConfig,
    external: Option<External<'_>>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut read: HashMap<&str, Document> = HashMap::new();
    for (embedded, source) in &prepared.documents {
        let (found, doc, map) = match source {
            Source::File { kind, path, at } => {
                out.extend(file_kind_mismatch(embedded, *kind, path, *at));
                continue;
            }
            Source::Tree(node) => {
                let (found, doc) =
                    judge_node(file, text, embedded, node, catalog, config, external);
                (found, doc, None)
            }
            Source::Text {
                file: own,
                text: own_text,
                format,
                map,
            } => {
                let (found, doc) = match read::parse(*own, own_text, *format) {
                    Err(d) => (vec![d], None),
                    Ok(node) => {
                        judge_node(*own, own_text, embedded, &node, catalog, config, external)
                    }
                };
                let found = found
                    .into_iter()
                    .map(|d| remap(d, *own, file, map))
                    .collect();
                (found, doc, Some(map))
            }
        };
        out.extend(found);
        if let Some(doc) = doc {
            out.extend(kind_mismatch(embedded, &doc, file, map));
            read.insert(embedded.name.as_str(), doc);
        }
    }
    for a in &prepared.associations {
        if let Some(doc) = read.get(a.document.as_str()) {
            out.extend(association::check(a, doc));
        }
    }
    // A fix is written for a document file: in a template (nested, indented,
    // escaped in a string) its edits could break the template.
    for d in &mut out {
        d.fix = None;
    }
    diagnostic::sort(&mut out);
    out
}

/// Reads, checks and lints one document whose spans point into `file`
/// (`text`); `external` adds the findings computed outside the core.
fn judge_node(
    file: FileId,
    text: &str,
    embedded: &Embedded,
    node: &Node,
    catalog: &Catalog,
    config: &LintConfig,
    external: Option<External<'_>>,
) -> (Vec<Diagnostic>, Option<Document>) {
    match read::document_from_node(&embedded.name, node) {
        Err(diags) => (diags, None),
        Ok(doc) => {
            let mut found = check_and_lint_document(file, text, &doc, catalog, config);
            if let Some(ext) = external {
                found.extend(ext(file, text, std::slice::from_ref(&doc)));
            }
            (found, Some(doc))
        }
    }
}

/// E1041 when the template declares one kind and the content is the other.
fn kind_mismatch(
    embedded: &Embedded,
    doc: &Document,
    file: FileId,
    map: Option<&OffsetMap>,
) -> Option<Diagnostic> {
    let (declared, at) = embedded.declared?;
    if declared == doc.kind {
        return None;
    }
    let version = match map {
        Some(m) => m.span(file, doc.schema_version.span),
        None => doc.schema_version.span,
    };
    Some(
        Diagnostic::error(
            codes::DOCUMENT_TYPE_MISMATCH,
            version,
            format!(
                "`{}` is declared a {} document, but this `schemaVersion` makes it {}",
                embedded.name,
                kind_name(declared),
                a_kind(doc.kind)
            ),
        )
        .with_label("the content's schemaVersion")
        .with_secondary(at, "the declared document type")
        .with_help(kind_help(declared)),
    )
}

/// E1041 for a document in a file of its own whose kind is not the declared one.
fn file_kind_mismatch(
    embedded: &Embedded,
    kind: Option<DocKind>,
    path: &str,
    at: Span,
) -> Option<Diagnostic> {
    let (declared, declared_at) = embedded.declared?;
    let kind = kind.filter(|k| *k != declared)?;
    Some(
        Diagnostic::error(
            codes::DOCUMENT_TYPE_MISMATCH,
            declared_at,
            format!(
                "`{}` is declared a {} document, but the `schemaVersion` of `{path}` makes it {}",
                embedded.name,
                kind_name(declared),
                a_kind(kind)
            ),
        )
        .with_label("the declared document type")
        .with_secondary(at, "the document's file")
        .with_help(kind_help(declared)),
    )
}

fn kind_name(k: DocKind) -> &'static str {
    match k {
        DocKind::Command => "Command",
        DocKind::Automation => "Automation",
    }
}

fn a_kind(k: DocKind) -> &'static str {
    match k {
        DocKind::Command => "a Command document",
        DocKind::Automation => "an Automation document",
    }
}

fn kind_help(declared: DocKind) -> &'static str {
    match declared {
        DocKind::Command => "Command documents use schemaVersion \"2.2\"; Automation runbooks \"0.3\" with DocumentType Automation",
        DocKind::Automation => "Automation runbooks use schemaVersion \"0.3\"; Command documents \"2.2\" with DocumentType Command",
    }
}

/// `d`, found in the document's own file `own`, at its place in `file`.
fn remap(mut d: Diagnostic, own: FileId, file: FileId, map: &OffsetMap) -> Diagnostic {
    let place = |s: Span| if s.file == own { map.span(file, s) } else { s };
    d.primary.span = place(d.primary.span);
    for l in &mut d.secondary {
        l.span = place(l.span);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::normalised;

    #[test]
    fn normalising_keeps_the_place_of_each_byte() {
        let (out, from) = normalised("\u{feff}a\r\nb\rc");
        assert_eq!(out, "a\nb\nc");
        assert_eq!(from, vec![3, 4, 6, 7, 8]);
    }
}
