//! Existing SSM documents in JSON or YAML (`.json`, `.yaml`, `.yml`): read
//! with the compiler's own reader into the document model (spans on every
//! key and value), judged exactly as `ssmc lint` does (`ssmc_core::verdict`),
//! and indexed so that hover, go to definition,
//! references, rename, symbols and completion work as in a `.rbk` file.
//!
//! Input: the file's name (its extension picks the format, its stem names
//! the document) and text. Output: an [`Analysis`] whose occurrences and
//! definitions come from the model: steps (their `name`, `nextStep`,
//! `onFailure`/`onCancel` `step:X`, `Choices[].NextStep`, `Default`),
//! parameters and variables (`parameters`/`variables` keys, `{{ P }}`,
//! `{{ variable:X }}`, `Name: variable:X` of `aws:updateVariable`),
//! `{{ Step.Output }}`, actions and input keys.
//! Invariants: a file that is not an SSM document (no `schemaVersion`, not a
//! map) gets nothing at all (no diagnostics, no symbols), so the server never
//! speaks about other YAML/JSON files; spans of names are found inside the
//! value's own source text, so an escaped or folded scalar that does not
//! hold the name verbatim is skipped rather than mis-edited.

use ssmc_core::codegen::Format;
use ssmc_core::model::{self, Document, Node, Value};
use ssmc_core::span::{LineIndex, Span};
use ssmc_core::syntax::refs::{self, RefKind};
use ssmc_core::verdict::{self, Input, Kind};

use super::index::{DocDefs, NameDef, Occurrence, StepDef, Target};
use super::outline::{Symbol, SymbolKind};
use super::{stdlib, Analysis, Place};

/// The document name of a raw file: its path's stem, as `ssmc lint` names it
/// (`/w/restart.yaml` → `restart`; a URI's percent-escapes are decoded in the path).
fn stem(path: &std::path::Path) -> String {
    let base = path
        .file_name()
        .map_or_else(String::new, |b| b.to_string_lossy().into_owned());
    base.split('.').next().unwrap_or_default().to_string()
}

/// The analysis of a JSON/YAML file; see the module docs.
pub(super) fn analyse(name: &str, text: &str, kind: Kind, place: Place<'_>) -> Analysis {
    // A Terraform file's comments start with `#`, as YAML's do (the
    // suppression quick fix writes one); its documents are read as the verdict reads them.
    let format = match kind {
        Kind::Raw(format) => format,
        Kind::Rbk | Kind::Terraform => Format::Yaml,
    };
    let (path, models, lint) = (place.path, place.models, place.lint);
    let stdlib_catalog = &stdlib().1;
    // The workspace's files keep their ids (the stdlib's first): the
    // neighbours' signatures point into them (a finding's other places).
    let mut sources = place.surroundings.sources.clone();
    let file = sources.add(name, text);
    let normalised: std::sync::Arc<str> = sources
        .get(file)
        .map(|f| f.text.clone())
        .unwrap_or_default();
    let mut catalog = stdlib_catalog.clone();
    catalog.aws_models = models.clone();
    catalog.documents = place.documents.clone();
    let doc_name = stem(path);
    // The one verdict, as `ssmc lint` computes it for this file.
    let inputs = [Input {
        file,
        kind,
        name: doc_name,
        lint: true,
    }];
    let options = verdict::Options {
        lint: &lint.config,
        external: place.external,
    };
    // Among the project's other files, as `ssmc lint` judges them together
    // (their signatures type this document's calls).
    let (before, after) = place.surroundings.around(path);
    let neighbours = ssmc_core::pipeline::Neighbours {
        before: &before,
        after: &after,
    };
    let judged = verdict::judge_among(
        &mut sources,
        &inputs,
        neighbours,
        &ssmc_core::lower::NoFiles,
        catalog,
        Vec::new(),
        options,
    );
    let not_ssm = judged.raw.iter().any(|r| r.not_ssm.is_some());
    // A `[lint] ignore`d file is outside the project, as `ssmc lint` walks it.
    let mut hints_every_document = false;
    let mut diagnostics: Vec<_> = if not_ssm || lint.ignored {
        Vec::new()
    } else {
        // What `ssmc lint` shows of the file: its first ones and a summary.
        let mine: Vec<_> = judged
            .diagnostics
            .into_iter()
            .filter(|d| d.primary.span.file == file)
            .collect();
        hints_every_document = super::hints_every_document(&mine);
        ssmc_core::cap::per_file(&mine)
    };
    if !not_ssm {
        diagnostics.splice(0..0, super::config_fault(file, lint));
    }
    let documents: Vec<Document> = judged.raw.into_iter().filter_map(|r| r.document).collect();
    let catalog = judged.compilation.catalog;
    super::calls::add_aws_views(&mut sources, &catalog.documents, &documents);
    let mut ix = RawIndex {
        text: &normalised,
        occurrences: Vec::new(),
    };
    let defs: Vec<DocDefs> = documents.iter().map(|d| ix.document(d)).collect();
    let occurrences = ix.occurrences;
    Analysis {
        index: LineIndex::of_shared(normalised.clone()),
        text: normalised,
        file,
        ast: Default::default(),
        parsed_clean: false,
        diagnostics,
        catalog,
        sources,
        occurrences,
        defs,
        scripts: super::python_hover::script_sites(&documents),
        documents,
        lint: lint.clone(),
        raw: Some(format),
        hints_every_document,
    }
}

struct RawIndex<'a> {
    text: &'a str,
    occurrences: Vec<Occurrence>,
}

impl RawIndex<'_> {
    fn push(&mut self, span: Span, target: Target, is_def: bool) {
        self.occurrences.push(Occurrence {
            span,
            target,
            doc: Some(0),
            is_def,
        });
    }

    /// The span of `name` inside the source of `span` (after `skip` bytes of
    /// its value), when the source holds it verbatim.
    fn name_in(&self, span: Span, name: &str, after: &str) -> Option<Span> {
        let src = self.text.get(span.start as usize..span.end as usize)?;
        let from = if after.is_empty() {
            0
        } else {
            src.find(after)? + after.len()
        };
        let at = from + src.get(from..)?.find(name)?;
        let start = span.start as usize + at;
        Some(Span::new(span.file, start, start + name.len()))
    }

    fn document(&mut self, doc: &Document) -> DocDefs {
        let mut defs = DocDefs {
            name: doc.name.clone(),
            span: doc.span,
            is_automation: doc.kind == model::DocKind::Automation,
            ..DocDefs::default()
        };
        for (list, is_param) in [(&doc.parameters, true), (&doc.variables, false)] {
            for p in list.iter().flatten() {
                let def = NameDef {
                    name: p.name.name.clone(),
                    name_span: p.name.span,
                    ty: p.ty.as_ref().and_then(Node::as_str).map(str::to_string),
                    secret: false,
                    docs: p
                        .description
                        .as_ref()
                        .and_then(Node::as_str)
                        .map(str::to_string),
                    required: is_param && p.default.is_none(),
                };
                let target = if is_param {
                    Target::Param(def.name.clone())
                } else {
                    Target::Var(def.name.clone())
                };
                self.push(p.name.span, target, true);
                if is_param {
                    defs.params.push(def);
                } else {
                    defs.vars.push(def);
                }
            }
        }
        let mut steps = Vec::new();
        collect_steps(doc.steps.iter().flatten(), &mut steps);
        for s in &steps {
            let name = s.name_str().to_string();
            let Some(name_span) = self.name_in(s.name.span, &name, "") else {
                continue;
            };
            self.push(name_span, Target::Step(name.clone()), true);
            defs.steps.push(StepDef {
                name,
                name_span,
                span: s.span,
                action: Some(s.action_str().to_string()),
                docs: s
                    .description
                    .as_ref()
                    .and_then(Node::as_str)
                    .map(str::to_string),
                outputs: Vec::new(),
            });
        }
        for s in &steps {
            self.step(s, &defs);
        }
        for n in [&doc.description, &doc.assume_role, &doc.outputs]
            .into_iter()
            .flatten()
        {
            self.strings(n, &defs);
        }
        for p in doc.parameters.iter().flatten() {
            for n in p.default.iter() {
                self.strings(n, &defs);
            }
        }
        defs
    }

    fn step(&mut self, s: &model::Step, defs: &DocDefs) {
        let action = s.action_str().to_string();
        if let Some(span) = self.name_in(s.action.span, &action, "") {
            self.push(span, Target::Action(action.clone()), false);
        }
        if let Some(n) = &s.next_step {
            self.step_ref(n, "", defs);
        }
        for n in [&s.on_failure, &s.on_cancel].into_iter().flatten() {
            if n.as_str().is_some_and(|v| v.starts_with("step:")) {
                self.step_ref(n, "step:", defs);
            }
        }
        if let Some(inputs) = s.inputs.as_ref().and_then(Node::as_map) {
            for (key, value) in inputs {
                self.push(
                    key.span,
                    Target::InputKey {
                        action: action.clone(),
                        key: key.name.clone(),
                    },
                    false,
                );
                match (action.as_str(), key.name.as_str()) {
                    ("aws:branch", "Choices") => {
                        for choice in value.as_list().into_iter().flatten() {
                            let next = choice
                                .as_map()
                                .into_iter()
                                .flatten()
                                .find(|(k, _)| k.name == "NextStep");
                            if let Some((_, n)) = next {
                                self.step_ref(n, "", defs);
                            }
                        }
                    }
                    ("aws:branch", "Default") => self.step_ref(value, "", defs),
                    ("aws:updateVariable", "Name") => {
                        if let Some(v) = value.as_str().and_then(|v| v.strip_prefix("variable:")) {
                            if let Some(span) = self.name_in(value.span, v, "variable:") {
                                self.push(span, Target::Var(v.to_string()), false);
                            }
                        }
                    }
                    _ => {}
                }
                self.strings(value, defs);
            }
        }
        for n in [&s.precondition, &s.outputs, &s.description]
            .into_iter()
            .flatten()
        {
            self.strings(n, defs);
        }
    }

    fn step_ref(&mut self, n: &Node, prefix: &str, defs: &DocDefs) {
        let Some(name) = n.as_str().and_then(|v| v.strip_prefix(prefix)) else {
            return;
        };
        if defs.step(name).is_none() {
            return;
        }
        if let Some(span) = self.name_in(n.span, name, prefix) {
            self.push(span, Target::Step(name.to_string()), false);
        }
    }

    /// `{{ P }}`, `{{ variable:X }}`, `{{ Step.Out }}` in every string under `n`.
    fn strings(&mut self, n: &Node, defs: &DocDefs) {
        match &n.value {
            Value::String(_) => self.interpolations(n.span, defs),
            Value::List(items) => items.iter().for_each(|i| self.strings(i, defs)),
            Value::Map(entries) => entries.iter().for_each(|(_, v)| self.strings(v, defs)),
            _ => {}
        }
    }

    fn interpolations(&mut self, span: Span, defs: &DocDefs) {
        let Some(src) = self.text.get(span.start as usize..span.end as usize) else {
            return;
        };
        for r in refs::find_refs(src) {
            let Some(inner) = src.get(r.range.clone()) else {
                continue;
            };
            let Some(at) = inner.find(r.name.as_str()) else {
                continue;
            };
            let start = span.start as usize + r.range.start + at;
            let name_span = Span::new(span.file, start, start + r.name.len());
            match r.kind {
                RefKind::Param if defs.param(&r.name).is_some() => {
                    self.push(name_span, Target::Param(r.name.clone()), false);
                }
                RefKind::Variable if defs.var(&r.name).is_some() => {
                    self.push(name_span, Target::Var(r.name.clone()), false);
                }
                RefKind::StepOutput => {
                    let Some((step, output)) = r.name.split_once('.') else {
                        continue;
                    };
                    if defs.step(step).is_none() {
                        continue;
                    }
                    let step_span = Span::new(span.file, start, start + step.len());
                    let out_span =
                        Span::new(span.file, start + step.len() + 1, name_span.end as usize);
                    self.push(step_span, Target::Step(step.to_string()), false);
                    let target = Target::Output {
                        step: step.to_string(),
                        output: output.to_string(),
                    };
                    self.push(out_span, target, false);
                }
                _ => {}
            }
        }
    }
}

/// Every step, loop bodies included (one namespace per document).
fn collect_steps<'a>(steps: impl Iterator<Item = &'a model::Step>, out: &mut Vec<&'a model::Step>) {
    for s in steps {
        out.push(s);
        if let Some(inner) = &s.loop_steps {
            collect_steps(inner.iter(), out);
        }
    }
}

impl Analysis {
    /// The outline of a JSON/YAML document: parameters, variables, steps.
    pub(super) fn raw_symbols(&self) -> Vec<Symbol> {
        let mut out = Vec::new();
        for defs in (0..).map_while(|i| self.defs(i)) {
            let mut children: Vec<Symbol> = Vec::new();
            for (list, kind) in [
                (&defs.params, SymbolKind::Param),
                (&defs.vars, SymbolKind::Var),
            ] {
                children.extend(list.iter().map(|p| Symbol {
                    name: p.name.clone(),
                    detail: p.ty.clone(),
                    kind,
                    span: p.name_span,
                    selection: p.name_span,
                    children: Vec::new(),
                }));
            }
            children.extend(defs.steps.iter().map(|s| Symbol {
                name: s.name.clone(),
                detail: s.action.clone(),
                kind: SymbolKind::Step,
                span: s.span,
                selection: s.name_span,
                children: Vec::new(),
            }));
            out.push(Symbol {
                name: defs.name.clone(),
                detail: Some(
                    if defs.is_automation {
                        "automation"
                    } else {
                        "command"
                    }
                    .to_string(),
                ),
                kind: SymbolKind::Document,
                span: defs.span,
                selection: Span::new(
                    self.file,
                    defs.span.start as usize,
                    defs.span.start as usize,
                ),
                children,
            });
        }
        out
    }

    /// The document as `.rbk` source (`ssmc import`), with its file name
    /// (`restart.yaml` → `restart.rbk`); `None` for a file that is not an SSM document.
    pub fn import_rbk(&self) -> Option<(String, String)> {
        self.raw?;
        let doc = self.documents.first()?;
        let imported = ssmc_core::import::import_document(doc, &self.catalog);
        let text = ssmc_core::fmt::format_file(&imported.ast, None);
        Some((format!("{}.rbk", doc.name), text))
    }

    /// Completion in a JSON/YAML document: step names after `nextStep:`,
    /// `NextStep:`, `Default:` and `step:`; action names after `action:`;
    /// names inside `{{ `.
    pub(super) fn complete_raw(&self, offset: usize) -> Vec<super::CompletionItem> {
        use super::{CompletionItem, CompletionKind};
        if let Some(items) = self.complete_interpolation(offset) {
            return items;
        }
        if let Some(items) = self.complete_raw_call(offset) {
            return items;
        }
        if let Some(items) = self.complete_yaml_inputs(offset) {
            return items;
        }
        let before = self.text.get(..offset).unwrap_or("");
        let line = before
            .get(before.rfind('\n').map_or(0, |i| i + 1)..)
            .unwrap_or("");
        let word_len = line
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':'))
            .count();
        let head = line.get(..line.len() - word_len).unwrap_or("");
        let key = head
            .trim_end()
            .trim_end_matches(['"', '\''])
            .trim_end()
            .trim_end_matches(':')
            .trim()
            .trim_start_matches("- ")
            .trim_matches(['"', '\'', ' ']);
        let typed = line.get(line.len() - word_len..).unwrap_or("");
        let is_word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':');
        let mut start = offset - word_len;
        let steps = |start: usize| -> Vec<CompletionItem> {
            let replace = self.replace_span(start, offset, is_word);
            self.defs(0)
                .iter()
                .flat_map(|d| &d.steps)
                .map(|s| CompletionItem {
                    detail: s.action.clone(),
                    replace: Some(replace),
                    ..CompletionItem::new(s.name.clone(), CompletionKind::Step)
                })
                .collect()
        };
        match key {
            "nextStep" | "NextStep" | "Default" => steps(start),
            "onFailure" | "onCancel" if typed.starts_with("step:") => {
                start += "step:".len();
                steps(start)
            }
            "action" => {
                let replace = self.replace_span(start, offset, is_word);
                let automation = self.defs(0).is_none_or(|d| d.is_automation);
                let kind = if automation {
                    ssmc_core::model::DocKind::Automation
                } else {
                    ssmc_core::model::DocKind::Command
                };
                self.catalog
                    .actions
                    .iter()
                    .filter(|a| a.allows(kind))
                    .map(|a| CompletionItem {
                        detail: a.docs.lines().next().map(str::to_string),
                        documentation: Some(super::hover::action_markdown(a)),
                        replace: Some(replace),
                        ..CompletionItem::new(a.name.clone(), CompletionKind::Action)
                    })
                    .collect()
            }
            _ => Vec::new(),
        }
    }
}
