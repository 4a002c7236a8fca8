//! Lowering: from the syntax tree to the one document model.
//!
//! Input: a parsed file (`ast::SourceFileAst`) without syntax errors, the
//! catalog, and a [`FileLoader`] for `file(…)`. Output: one
//! `model::Document` per `automation`/`command`, plus diagnostics.
//!
//! This is where sugar is expanded, by its definition in docs/language.md:
//! `if`/`guard`/`match` become named `aws:branch` steps, then the document
//! devices (`@explicit_next`, `defaults`) are applied to the emitted lists.
//! Invariant (principle 3): a key is emitted only where the author wrote it,
//! or where a structured form or a device needs it.

pub(crate) mod aws_form;
pub mod codes;
mod cond;
mod devices;
mod expr;
mod names;
mod steps;

pub use cond::OPERATORS;
pub use expr::reference_text;

use sha2::Digest as _;

use crate::catalog::Catalog;
use crate::diagnostic::Diagnostic;
use crate::model::{self, DocKind, Key, Node, Parameter, Value};
use crate::span::{FileId, Span};
use crate::syntax::ast::{self, DocItem, Item, MapLit};

/// Reads files embedded with `file(…)`. The core does no IO: the CLI and the
/// language server provide this, and they keep paths inside the project.
/// `Sync`: the pipeline lowers files on several threads at once.
pub trait FileLoader: Sync {
    /// The text of `path`, relative to the file `from`; `Err` says why not.
    fn load(&self, from: FileId, path: &str) -> Result<String, String>;

    /// The bytes of `path` (for `attachment`, whose files are often binary).
    fn load_bytes(&self, from: FileId, path: &str) -> Result<Vec<u8>, String> {
        self.load(from, path).map(String::into_bytes)
    }
}

/// A loader for contexts without files (tests, the importer's in-memory check).
pub struct NoFiles;

impl FileLoader for NoFiles {
    fn load(&self, _from: FileId, _path: &str) -> Result<String, String> {
        Err("files cannot be read here".to_string())
    }
}

/// Lowers every document of a file.
pub fn lower_file(
    ast: &ast::SourceFileAst,
    file: FileId,
    catalog: &Catalog,
    loader: &dyn FileLoader,
) -> (Vec<model::Document>, Vec<Diagnostic>) {
    let lowered = lower_file_full(ast, file, catalog, loader);
    (lowered.documents, lowered.diagnostics)
}

/// Everything lowering learns about a file.
#[derive(Debug, Default)]
pub struct Lowered {
    pub documents: Vec<model::Document>,
    pub diagnostics: Vec<Diagnostic>,
    /// Spans of `lit` strings (no references inside), for the checker.
    pub literal_spans: Vec<Span>,
}

/// [`lower_file`], also returning the spans of `lit` strings.
pub fn lower_file_full(
    ast: &ast::SourceFileAst,
    file: FileId,
    catalog: &Catalog,
    loader: &dyn FileLoader,
) -> Lowered {
    let mut docs = Vec::new();
    let mut diags = Vec::new();
    let mut literal_spans = Vec::new();
    for item in &ast.items {
        if let Item::Document(doc) = item {
            let mut lowerer = Lowerer {
                file,
                catalog,
                loader,
                diags: Vec::new(),
                types: Vec::new(),
                names: names::Names::default(),
                literals: Vec::new(),
            };
            let mut lowered = lowerer.document(doc);
            aws_form::normalize(&mut lowered, catalog);
            docs.push(lowered);
            diags.append(&mut lowerer.diags);
            literal_spans.append(&mut lowerer.literals);
        }
    }
    Lowered {
        documents: docs,
        diagnostics: diags,
        literal_spans,
    }
}

/// Per-document lowering state.
pub(crate) struct Lowerer<'a> {
    file: FileId,
    catalog: &'a Catalog,
    loader: &'a dyn FileLoader,
    diags: Vec<Diagnostic>,
    /// Declared parameter and variable types, by reference text (`P`, `variable:X`),
    /// to choose BooleanEquals/NumericEquals for `a == b` between references.
    types: Vec<(String, String)>,
    names: names::Names,
    /// Spans of `lit` strings.
    literals: Vec<Span>,
}

impl Lowerer<'_> {
    fn declared_type(&self, reference: &str) -> Option<&str> {
        self.types
            .iter()
            .find(|(name, _)| name == reference)
            .map(|(_, ty)| ty.as_str())
    }

    fn document(&mut self, doc: &ast::Document) -> model::Document {
        let kind = match doc.kind {
            ast::DocKind::Command => DocKind::Command,
            ast::DocKind::Automation => DocKind::Automation,
        };
        let default_schema = match kind {
            DocKind::Command => "2.2",
            DocKind::Automation => "0.3",
        };
        let mut out = model::Document {
            name: doc.name.text.clone(),
            kind,
            schema_version: Node::string(default_schema, doc.kind_span),
            description: doc
                .docs
                .as_ref()
                .map(|d| Node::string(d.text.clone(), d.span)),
            assume_role: None,
            parameters: None,
            variables: None,
            files: None,
            steps: None,
            runtime_config: None,
            outputs: None,
            extra: Vec::new(),
            span: doc.span,
        };
        for item in &doc.items {
            if let DocItem::Param(p) = item {
                self.types.push((p.name.text.clone(), p.ty.text.clone()));
            }
            if let DocItem::Var(v) = item {
                self.types
                    .push((format!("variable:{}", v.name.text), v.ty.text.clone()));
            }
        }
        let mut statements = Vec::new();
        let mut defaults = None;
        let mut raw_maps: Vec<&MapLit> = Vec::new();
        for item in &doc.items {
            match item {
                DocItem::Schema(s) => out.schema_version = Node::string(s.value.clone(), s.span),
                DocItem::AssumeRole(e) => out.assume_role = Some(self.expr(e, None)),
                DocItem::Description(s) => {
                    if let Some(d) = &doc.docs {
                        self.diags.push(
                            Diagnostic::error(
                                crate::lower::codes::TWO_DESCRIPTIONS,
                                s.span,
                                "the document has two descriptions",
                            )
                            .with_label("a `description` item")
                            .with_secondary(d.span, "and a doc comment")
                            .with_help("keep one of them"),
                        );
                    }
                    out.description = Some(Node::string(s.value.clone(), s.span));
                }
                DocItem::Defaults(d) => defaults = Some(d),
                DocItem::Raw(map) => raw_maps.push(map),
                DocItem::Param(p) => {
                    let param = self.parameter(
                        &p.name,
                        &p.ty,
                        p.docs.as_ref(),
                        p.default.as_ref(),
                        p.attrs.as_ref(),
                        p.secret.is_some(),
                        p.span,
                    );
                    out.parameters.get_or_insert_with(Vec::new).push(param);
                }
                DocItem::Var(v) => {
                    let var = self.parameter(
                        &v.name,
                        &v.ty,
                        v.docs.as_ref(),
                        v.default.as_ref(),
                        v.attrs.as_ref(),
                        false,
                        v.span,
                    );
                    out.variables.get_or_insert_with(Vec::new).push(var);
                }
                DocItem::Files(map) => {
                    let files = self.map(map);
                    self.add_files(&mut out, files);
                }
                DocItem::Tags(_) => {} // deployment metadata, never in the document
                DocItem::Attachment(a) => {
                    if let Some(entry) = self.attachment(a) {
                        self.add_files(&mut out, entry);
                    }
                }
                DocItem::Outputs(list) => {
                    let items = list
                        .entries
                        .iter()
                        .map(|e| match &e.kind {
                            ast::ExprKind::Ref(r) => Node::string(reference_text(r), e.span),
                            _ => self.expr(e, None),
                        })
                        .collect();
                    out.outputs = Some(Node::new(Value::List(items), list.span));
                }
                DocItem::Step(step) => statements.push(step),
                DocItem::Plugin(p) => {
                    let body = self.map(&p.body);
                    let config = out
                        .runtime_config
                        .get_or_insert_with(|| Node::new(Value::Map(Vec::new()), p.span));
                    if let Value::Map(entries) = &mut config.value {
                        entries.push((
                            Key {
                                name: p.action.text.clone(),
                                span: p.action.span,
                            },
                            body,
                        ));
                    }
                }
                DocItem::Error(_) => {}
            }
        }
        if !statements.is_empty() {
            let mut steps = self.statements(&statements, doc);
            let explicit_next = doc.attrs.iter().any(|a| a.name.text == "explicit_next");
            for attr in &doc.attrs {
                if attr.name.text != "explicit_next" {
                    self.diags.push(
                        Diagnostic::warning(
                            crate::lower::codes::UNKNOWN_DOCUMENT_ATTRIBUTE,
                            attr.name.span,
                            format!("unknown document attribute `@{}`", attr.name.text),
                        )
                        .with_label("ignored")
                        .with_help("the document attribute is `@explicit_next`"),
                    );
                }
            }
            if let Some(d) = defaults {
                self.apply_defaults(&mut steps, d);
            }
            if explicit_next {
                devices::explicit_next(&mut steps);
            }
            out.steps = Some(steps);
        }
        for map in raw_maps {
            self.merge_raw_document(&mut out, map);
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn parameter(
        &mut self,
        name: &ast::Name,
        ty: &ast::TypeExpr,
        docs: Option<&ast::DocComment>,
        default: Option<&ast::Expr>,
        attrs: Option<&MapLit>,
        secret: bool,
        span: Span,
    ) -> Parameter {
        if ty.quoted {
            self.literals.push(ty.span);
        }
        let mut param = Parameter {
            name: Key {
                name: name.text.clone(),
                span: name.span,
            },
            ty: Some(Node::string(ty.text.clone(), ty.span)),
            description: docs.map(|d| Node::string(d.text.clone(), d.span)),
            default: default.map(|e| self.expr(e, None)),
            attrs: Vec::new(),
            secret,
            span,
        };
        if let Some(attrs) = attrs {
            for entry in &attrs.entries {
                match entry.key.text.as_str() {
                    "description" => {
                        if param.description.is_some() {
                            self.diags.push(
                                Diagnostic::error(
                                    crate::lower::codes::TWO_DESCRIPTIONS,
                                    entry.key.span,
                                    format!("`{}` has two descriptions", name.text),
                                )
                                .with_label("a `description` attribute")
                                .with_help("keep either the `///` doc comment or the attribute"),
                            );
                        }
                        param.description = Some(self.expr(&entry.value, None));
                    }
                    "type" | "default" => self.diags.push(
                        Diagnostic::error(
                            crate::lower::codes::ATTRIBUTE_NOT_ALLOWED,
                            entry.key.span,
                            format!("`{}` is not written as an attribute", entry.key.text),
                        )
                        .with_label("here")
                        .with_help("write `param Name: Type = default { … }`"),
                    ),
                    "raw" => {
                        if let ast::ExprKind::Map(map) = &entry.value.kind {
                            if let Value::Map(entries) = self.map(map).value {
                                param.attrs.extend(entries);
                            }
                        }
                    }
                    _ => {
                        let value = self.expr(&entry.value, Some(&entry.key.text));
                        param.attrs.push((
                            Key {
                                name: entry.key.text.clone(),
                                span: entry.key.span,
                            },
                            value,
                        ));
                    }
                }
            }
        }
        param
    }

    /// `raw { }` at document level: verbatim keys, never one the typed syntax produced.
    fn merge_raw_document(&mut self, doc: &mut model::Document, map: &MapLit) {
        let Value::Map(entries) = self.map(map).value else {
            return;
        };
        for (key, value) in entries {
            let taken = match key.name.as_str() {
                "schemaVersion" => true,
                "description" => doc.description.is_some(),
                "assumeRole" => doc.assume_role.is_some(),
                "parameters" => doc.parameters.is_some(),
                "variables" => doc.variables.is_some(),
                "files" => doc.files.is_some(),
                "mainSteps" => doc.steps.is_some(),
                "runtimeConfig" => doc.runtime_config.is_some(),
                "outputs" => doc.outputs.is_some(),
                _ => false,
            };
            if taken || doc.extra.iter().any(|(k, _)| k.name == key.name) {
                self.diags.push(
                    Diagnostic::error(
                        crate::lower::codes::RAW_SETS_PRODUCED_KEY,
                        key.span,
                        format!(
                            "`raw` sets `{}`, which the document already produces",
                            key.name
                        ),
                    )
                    .with_label("set twice")
                    .with_help("remove it from `raw` or from the typed syntax"),
                );
                continue;
            }
            doc.extra.push((key, value));
        }
    }

    /// `attachment "x.zip" = file("dist/x.zip")`: a `files` entry with the
    /// file's SHA-256, computed now (no `size`: AWS does not require it).
    fn attachment(&mut self, a: &ast::Attachment) -> Option<Node> {
        let path = match &a.value.kind {
            ast::ExprKind::Call { func, args } if func.text == "file" => match args.as_slice() {
                [ast::Expr {
                    kind: ast::ExprKind::String(s),
                    ..
                }] => Some(s.value.clone()),
                _ => None,
            },
            _ => None,
        };
        let Some(path) = path else {
            self.diags.push(
                Diagnostic::error(
                    crate::lower::codes::BAD_ATTACHMENT,
                    a.value.span,
                    "an attachment is a `file(\"…\")`",
                )
                .with_label("expected `file(\"path\")` here")
                .with_help("write `attachment \"x.zip\" = file(\"dist/x.zip\")`"),
            );
            return None;
        };
        let bytes = match self.loader.load_bytes(self.file, &path) {
            Ok(b) => b,
            Err(why) => {
                self.diags.push(
                    Diagnostic::error(
                        crate::lower::codes::UNREADABLE_FILE,
                        a.value.span,
                        format!("cannot attach `{path}`: {why}"),
                    )
                    .with_label("this file")
                    .with_help(
                        "paths are relative to the runbook and must stay inside the project",
                    ),
                );
                return None;
            }
        };
        let digest = sha2::Sha256::digest(&bytes);
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        let span = a.span;
        let key = |name: &str, span: Span| Key {
            name: name.to_string(),
            span,
        };
        let checksums = Node::new(
            Value::Map(vec![(key("sha256", span), Node::string(hex, span))]),
            span,
        );
        let entry = Node::new(Value::Map(vec![(key("checksums", span), checksums)]), span);
        Some(Node::new(
            Value::Map(vec![(key(&a.name.value, a.name.span), entry)]),
            span,
        ))
    }

    /// Merges `files` entries (from `files { }` or an attachment) in source order.
    fn add_files(&mut self, doc: &mut model::Document, files: Node) {
        let Value::Map(new) = files.value else {
            return;
        };
        let target = doc
            .files
            .get_or_insert_with(|| Node::new(Value::Map(Vec::new()), files.span));
        let Value::Map(entries) = &mut target.value else {
            return;
        };
        for (k, v) in new {
            if let Some((first, _)) = entries.iter().find(|(e, _)| e.name == k.name) {
                self.diags.push(
                    Diagnostic::error(
                        crate::lower::codes::DUPLICATE_FILE,
                        k.span,
                        format!("the file `{}` is declared twice", k.name),
                    )
                    .with_label("declared again here")
                    .with_secondary(first.span, "first here")
                    .with_help("keep one `files` entry or `attachment` per file name"),
                );
                continue;
            }
            entries.push((k, v));
        }
    }
}
