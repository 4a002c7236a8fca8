//! The one entry point: parse → lower → check → lint → suppress, each result
//! computed once and shared. `ssmc check`, `ssmc lint`, `ssmc build` and the
//! language server are views of one [`Verdict`].
//!
//! Input: the files (`.rbk` sources and JSON/YAML documents) already in a
//! [`SourceMap`], a [`FileLoader`] for `file(…)`, the catalog, the project's
//! rule levels, and optionally findings computed outside the core (the CLI's
//! shellcheck) per document. Output: every diagnostic of every file, sorted,
//! after the one suppression pass; the compilation (trees, documents) of the
//! `.rbk` files; the documents read from raw files, or why a file is not an
//! SSM document.
//! Invariants: the checker runs once per document and lint rules read its
//! findings (SSM303 included); suppression comments are read once per file
//! and applied to checker and linter findings alike, after all exist; the
//! core starts no thread pool of its own beyond `pipeline::par_map`.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::catalog::Catalog;
use crate::check::codes;
use crate::codegen::Format;
use crate::diagnostic::{self, Diagnostic};
use crate::documents::{Documents, Signature};
use crate::embed;
use crate::lint::source::{check_and_lint_read, lint_documents, RawOutcome, RawRead};
use crate::lint::{registry, suppress, LintConfig};
use crate::lower::FileLoader;
use crate::model::{Document, Node};
use crate::pipeline::{self, par_map, Compilation, Neighbours};
use crate::span::{FileId, SourceMap};

/// What kind of file an input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A `.rbk` source.
    Rbk,
    /// A JSON or YAML file that may be an SSM document or a CloudFormation
    /// template holding some (`crate::embed`).
    Raw(Format),
    /// A Terraform file (`.tf`) that may hold `aws_ssm_document` resources.
    Terraform,
}

impl Kind {
    /// The kind of a file by its name (`.json`, `.yaml`, `.yml`: raw; `.tf`:
    /// Terraform; else `.rbk`).
    pub fn of_path(path: &str) -> Kind {
        let terraform = path
            .rsplit_once('.')
            .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("tf"));
        if terraform {
            return Kind::Terraform;
        }
        Format::from_path_ext(path).map_or(Kind::Rbk, Kind::Raw)
    }

    /// The kind of a file by its name and text: as [`Kind::of_path`], and a
    /// CloudFormation `.template` is JSON when it opens with `{`, else YAML.
    pub fn of_file(path: &str, text: &str) -> Kind {
        let template = path
            .rsplit_once('.')
            .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("template"));
        if template {
            return Kind::Raw(crate::embed::sniff_format(text));
        }
        Kind::of_path(path)
    }
}

/// One file to judge.
#[derive(Debug, Clone)]
pub struct Input {
    pub file: FileId,
    pub kind: Kind,
    /// The document name of a raw file (its file stem).
    pub name: String,
    /// Whether lint rules run on it (`false` for a path `[lint] ignore` covers).
    pub lint: bool,
}

/// Findings computed outside the core (shellcheck) for all the documents of
/// one file at once (so a program it runs starts once per file), before the
/// suppression pass: the file's `ssmc: allow(…)` comments apply to them as to
/// every other finding.
pub type External<'a> = &'a (dyn Fn(FileId, &str, &[Document]) -> Vec<Diagnostic> + Sync);

/// What the project says beyond the files.
#[derive(Clone, Copy)]
pub struct Options<'a> {
    pub lint: &'a LintConfig,
    pub external: Option<External<'a>>,
}

/// A raw file's outcome.
#[derive(Debug)]
pub struct RawFile {
    pub file: FileId,
    /// The document read (none when reading failed or it is not SSM).
    pub document: Option<Document>,
    /// Why the file is not an SSM document (it is then skipped, not an error).
    pub not_ssm: Option<String>,
}

/// Everything known about a set of files.
#[derive(Debug)]
pub struct Verdict {
    /// The `.rbk` files' trees, documents and catalog.
    pub compilation: Compilation,
    pub raw: Vec<RawFile>,
    /// Every finding, suppressions applied, sorted by place.
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether `d` is a lint rule's finding (not the compiler's).
pub fn is_lint(d: &Diagnostic) -> bool {
    registry::by_code(d.code).is_some()
}

impl Verdict {
    /// The compiler's diagnostics only (the view of `ssmc check` and `ssmc build`).
    pub fn check_view(&self) -> Vec<Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| !is_lint(d))
            .cloned()
            .collect()
    }

    /// Whether the compiler reported an error (nothing may be built).
    pub fn has_check_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.is_error() && !is_lint(d))
    }

    /// Every document with the file it came from (`.rbk` and raw).
    pub fn documents(&self) -> impl Iterator<Item = (FileId, &Document)> {
        self.compilation.documents().chain(
            self.raw
                .iter()
                .filter_map(|r| r.document.as_ref().map(|d| (r.file, d))),
        )
    }
}

/// Judges `inputs`: compiles the `.rbk` files together (one catalog), reads
/// and checks the raw ones, lints every document, then applies each file's
/// suppressions to all of its findings.
pub fn judge(
    sources: &mut SourceMap,
    inputs: &[Input],
    loader: &dyn FileLoader,
    catalog: Catalog,
    stdlib_diagnostics: Vec<Diagnostic>,
    options: Options<'_>,
) -> Verdict {
    let none = Neighbours::default();
    judge_among(
        sources,
        inputs,
        none,
        loader,
        catalog,
        stdlib_diagnostics,
        options,
    )
}

/// [`judge`] of `inputs` among the project's other `.rbk` files, given as
/// [`Neighbours`] (`pipeline::compile_among`): the verdict on the inputs is
/// the one judging every file together gives (the language server judges the
/// open document so, without compiling the rest of the workspace again).
pub fn judge_among(
    sources: &mut SourceMap,
    inputs: &[Input],
    neighbours: Neighbours<'_>,
    loader: &dyn FileLoader,
    catalog: Catalog,
    stdlib_diagnostics: Vec<Diagnostic>,
    options: Options<'_>,
) -> Verdict {
    let rbk: Vec<FileId> = inputs
        .iter()
        .filter(|i| i.kind == Kind::Rbk)
        .map(|i| i.file)
        .collect();
    let mut catalog = catalog;
    let ReadAll {
        mut reads,
        template_roots,
    } = read_raw(sources, inputs);
    catalog.documents = with_raw_signatures(inputs, &reads, &catalog.documents);
    let compilation = pipeline::compile_among(
        sources,
        &rbk,
        neighbours,
        loader,
        catalog,
        stdlib_diagnostics,
    );
    let mut diagnostics = compilation.diagnostics.clone();
    diagnostics.extend(schema_findings(&compilation));
    let templates = prepare_templates(sources, inputs, &template_roots, loader);
    let text_of = |file: FileId| {
        sources
            .get(file)
            .map(|f| f.text.clone())
            .unwrap_or_default()
    };
    // Each raw file's reading is handed to its one judging (a lock per file,
    // never contended: `par_map` gives each item to one thread).
    let work: Vec<Work<'_>> = inputs
        .iter()
        .map(|i| (i, text_of(i.file), Mutex::new(reads.remove(&i.file))))
        .collect();
    let outputs: HashMap<FileId, &pipeline::FileOutput> =
        compilation.files.iter().map(|f| (f.file, f)).collect();
    let cat = &compilation.catalog;
    let checked = &compilation.diagnostics;
    let judged: Vec<(Vec<Diagnostic>, Option<RawFile>)> =
        par_map(&work, |(input, text, read)| match input.kind {
            Kind::Rbk => {
                let Some(out) = outputs.get(&input.file) else {
                    return (Vec::new(), None);
                };
                (lint_rbk_file(input, text, out, cat, checked, options), None)
            }
            Kind::Raw(_) | Kind::Terraform if templates.contains_key(&input.file) => {
                let config = if input.lint {
                    options.lint.clone()
                } else {
                    LintConfig::all_off()
                };
                judge_template(
                    input,
                    text,
                    templates.get(&input.file),
                    cat,
                    &config,
                    options,
                )
            }
            Kind::Terraform => (Vec::new(), None),
            Kind::Raw(format) => {
                let config = if input.lint {
                    options.lint.clone()
                } else {
                    LintConfig::all_off()
                };
                let read = read
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .take()
                    .unwrap_or_else(|| RawRead::of(input.file, &input.name, text, format));
                match check_and_lint_read(input.file, text, read, cat, &config) {
                    RawOutcome::NotSsm(why) => (
                        Vec::new(),
                        Some(RawFile {
                            file: input.file,
                            document: None,
                            not_ssm: Some(why),
                        }),
                    ),
                    RawOutcome::Findings(mut found, document) => {
                        if let (Some(ext), Some(doc), true) =
                            (options.external, &document, input.lint)
                        {
                            found.extend(ext(input.file, text, std::slice::from_ref(doc)));
                        }
                        let raw = RawFile {
                            file: input.file,
                            document: document.map(|d| *d),
                            not_ssm: None,
                        };
                        (found, Some(raw))
                    }
                }
            }
        });
    let mut raw = Vec::new();
    for (found, r) in judged {
        diagnostics.extend(found);
        raw.extend(r);
    }
    let diagnostics = suppress_all(diagnostics, inputs, sources, options.lint);
    Verdict {
        compilation,
        raw,
        diagnostics,
    }
}

/// One file to judge: its input, its text and, for a raw file, its reading
/// (taken by the one judging of the file).
type Work<'a> = (&'a Input, std::sync::Arc<str>, Mutex<Option<RawRead>>);

/// Every raw file of `inputs` read once ([`RawRead`]), and the parsed tree
/// of those that may be CloudFormation templates (`prepare_templates` looks
/// for their SSM documents in it).
struct ReadAll {
    reads: HashMap<FileId, RawRead>,
    template_roots: HashMap<FileId, Node>,
}

fn read_raw(sources: &SourceMap, inputs: &[Input]) -> ReadAll {
    let raw: Vec<(&Input, std::sync::Arc<str>, Format)> = inputs
        .iter()
        .filter_map(|i| match i.kind {
            Kind::Raw(format) => sources.get(i.file).map(|f| (i, f.text.clone(), format)),
            _ => None,
        })
        .collect();
    let read = par_map(
        &raw,
        |(input, text, format)| match crate::codegen::read::parse(input.file, text, *format) {
            Ok(node) => {
                let read = RawRead::of_node(&input.name, &node);
                let root = embed::cfn::may_be_template(text).then_some(node);
                (input.file, read, root)
            }
            Err(d) => (input.file, RawRead::Unparsed(d), None),
        },
    );
    let mut all = ReadAll {
        reads: HashMap::new(),
        template_roots: HashMap::new(),
    };
    for (file, read, root) in read {
        all.reads.insert(file, read);
        if let Some(root) = root {
            all.template_roots.insert(file, root);
        }
    }
    all
}

/// The signatures of the raw documents among `inputs` (named by their file
/// stem, as deployed), then `given` (documents outside the project, such as
/// `[documents] paths`), so that any document may call any other and a
/// project document shadows an outside one of its name. A raw file that is
/// not an SSM document lends nothing.
fn with_raw_signatures(
    inputs: &[Input],
    reads: &HashMap<FileId, RawRead>,
    given: &Documents,
) -> Documents {
    let raw = || inputs.iter().filter(|i| matches!(i.kind, Kind::Raw(_)));
    if raw().next().is_none() {
        return given.clone();
    }
    given.behind(raw().filter_map(|i| {
        let doc = reads.get(&i.file)?.document()?;
        Some(Signature::of_document(&i.name, doc))
    }))
}

/// The schema findings (E1044) of each built document the checker finds no
/// error in. A document with a check error is not built unless the error is
/// allowed, and then it is kept as written on purpose: the schema would only
/// repeat that fault (a missing required input is both E1004 and a schema
/// failure), so it is judged by the schema only when the checker is content.
fn schema_findings(compilation: &Compilation) -> Vec<Diagnostic> {
    let faulty = |file: FileId, doc: &Document| {
        compilation.diagnostics.iter().any(|d| {
            d.is_error()
                && d.primary.span.file == file
                && d.primary.span.start >= doc.span.start
                && d.primary.span.end <= doc.span.end
        })
    };
    compilation
        .documents()
        .filter(|(file, doc)| !faulty(*file, doc))
        .flat_map(|(_, doc)| crate::codegen::validate::schema_findings(doc))
        .collect()
}

/// A template's documents prepared for judging, or why the file cannot be read.
type Prepared = Result<embed::judge::Prepared, String>;

/// The CloudFormation templates among the raw inputs and the Terraform
/// files, each with its SSM documents prepared (see `crate::embed`); other
/// JSON/YAML is left alone (it may be an SSM document itself).
fn prepare_templates(
    sources: &mut SourceMap,
    inputs: &[Input],
    roots: &HashMap<FileId, Node>,
    loader: &dyn FileLoader,
) -> HashMap<FileId, Prepared> {
    let mut out = HashMap::new();
    for input in inputs {
        let Some(file) = sources.get(input.file) else {
            continue;
        };
        let (name, text) = (file.name.clone(), file.text.clone());
        let template = match input.kind {
            Kind::Rbk => continue,
            Kind::Terraform => embed::terraform::extract(input.file, &text)
                .map_err(|e| format!("not readable as Terraform (HCL): {e}")),
            Kind::Raw(_) => {
                // Parsed by `read_raw` when the text may be a template.
                let Some(root) = roots.get(&input.file) else {
                    continue;
                };
                if !embed::cfn::is_template(root) {
                    continue;
                }
                Ok(embed::cfn::extract(&text, root))
            }
        };
        let prepared =
            template.map(|t| embed::judge::prepare(sources, input.file, &name, t, loader));
        out.insert(input.file, prepared);
    }
    out
}

/// The findings on one template's documents; the file is skipped with a note
/// when it holds none or cannot be read.
fn judge_template(
    input: &Input,
    text: &str,
    template: Option<&Prepared>,
    catalog: &Catalog,
    config: &LintConfig,
    options: Options<'_>,
) -> (Vec<Diagnostic>, Option<RawFile>) {
    let skipped = |why: String| RawFile {
        file: input.file,
        document: None,
        not_ssm: Some(why),
    };
    let template = match template {
        None => return (Vec::new(), None),
        Some(Err(why)) => return (Vec::new(), Some(skipped(why.clone()))),
        Some(Ok(t)) => t,
    };
    if template.is_empty() {
        let what = match input.kind {
            Kind::Terraform => "a Terraform file without `aws_ssm_document` resources",
            _ => "a CloudFormation template without `AWS::SSM::Document` resources",
        };
        return (Vec::new(), Some(skipped(what.to_string())));
    }
    let external = options.external.filter(|_| input.lint);
    let found = embed::judge::judge(input.file, text, template, catalog, config, external);
    let raw = RawFile {
        file: input.file,
        document: None,
        not_ssm: None,
    };
    (found, Some(raw))
}

/// [`judge`] of `.rbk` files with the stdlib catalog and the default rule
/// levels (the importer's self-check, tests).
pub fn judge_files(sources: &mut SourceMap, files: &[FileId], loader: &dyn FileLoader) -> Verdict {
    let (catalog, stdlib) = crate::catalog::load_stdlib(sources);
    let inputs: Vec<Input> = files
        .iter()
        .map(|&file| Input {
            file,
            kind: Kind::Rbk,
            name: String::new(),
            lint: true,
        })
        .collect();
    let config = LintConfig::default();
    let options = Options {
        lint: &config,
        external: None,
    };
    judge(sources, &inputs, loader, catalog, stdlib, options)
}

/// The rule findings (and external ones) of one compiled `.rbk` file.
fn lint_rbk_file(
    input: &Input,
    text: &str,
    out: &pipeline::FileOutput,
    catalog: &Catalog,
    checked: &[Diagnostic],
    options: Options<'_>,
) -> Vec<Diagnostic> {
    if !input.lint || !out.lowered_clean {
        return Vec::new();
    }
    let mine: Vec<Diagnostic> = checked
        .iter()
        .filter(|d| d.primary.span.file == input.file)
        .cloned()
        .collect();
    let mut found = lint_documents(
        input.file,
        text,
        &out.ast,
        &out.documents,
        catalog,
        options.lint,
        Some(&mine),
    );
    // In a `.rbk` source the checker's own `secret-flow` error (E3001) is
    // the finding; the rule that brings it to raw documents would repeat it.
    let secret_in_logged_place = registry::find("secret-in-logged-place").map(|r| r.code);
    found.retain(|d| {
        Some(d.code) != secret_in_logged_place
            || !mine
                .iter()
                .any(|c| c.code == codes::SECRET_FLOW && c.primary.span == d.primary.span)
    });
    if let Some(ext) = options.external {
        found.extend(ext(input.file, text, &out.documents));
    }
    found
}

/// Applies each input file's suppression comments to all of its findings.
fn suppress_all(
    diagnostics: Vec<Diagnostic>,
    inputs: &[Input],
    sources: &SourceMap,
    config: &LintConfig,
) -> Vec<Diagnostic> {
    let mut by_file: HashMap<FileId, Vec<Diagnostic>> = HashMap::new();
    let mut out = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        if inputs.iter().any(|i| i.file == d.primary.span.file) {
            by_file.entry(d.primary.span.file).or_default().push(d);
        } else {
            out.push(d);
        }
    }
    for input in inputs {
        let Some(text) = sources.get(input.file).map(|f| f.text.clone()) else {
            continue;
        };
        let sups = match input.kind {
            Kind::Rbk => suppress::collect_for(input.file, &text, None),
            Kind::Raw(f) => suppress::collect_for(input.file, &text, Some(f)),
            // `#` is HCL's usual comment.
            Kind::Terraform => suppress::collect(input.file, &text, suppress::CommentStyle::Hash),
        };
        let found = by_file.remove(&input.file).unwrap_or_default();
        if sups.is_empty() {
            out.extend(found);
            continue;
        }
        let config = if input.lint {
            config.clone()
        } else {
            LintConfig::all_off()
        };
        out.extend(suppress::apply(found, &sups, &config));
    }
    diagnostic::sort(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lower::NoFiles;

    /// `(code, severity, line)` of every finding of `files` judged together.
    fn judge_texts(files: &[(&str, &str)], config: &LintConfig) -> Vec<String> {
        let mut sources = SourceMap::new();
        let (catalog, stdlib) = crate::catalog::load_stdlib(&mut sources);
        let inputs: Vec<Input> = files
            .iter()
            .map(|(name, text)| Input {
                file: sources.add(*name, text),
                kind: Kind::of_path(name),
                name: name.split('.').next().unwrap_or("").to_string(),
                lint: true,
            })
            .collect();
        let options = Options {
            lint: config,
            external: None,
        };
        let v = judge(&mut sources, &inputs, &NoFiles, catalog, stdlib, options);
        v.diagnostics
            .iter()
            .map(|d| {
                let line = sources
                    .get(d.primary.span.file)
                    .map_or(0, |f| f.lines.line_col(d.primary.span.start).line + 1);
                format!("{} {} {line}", d.code, d.severity.as_str())
            })
            .collect()
    }

    /// The `(code, line)` of each finding in `file`.
    fn in_file(v: &Verdict, sources: &SourceMap, file: FileId) -> Vec<(String, u32)> {
        v.diagnostics
            .iter()
            .filter(|d| d.primary.span.file == file)
            .map(|d| {
                let line = sources
                    .get(file)
                    .map_or(0, |f| f.lines.line_col(d.primary.span.start).line + 1);
                (d.code.to_string(), line)
            })
            .collect()
    }

    #[test]
    fn judging_among_neighbours_equals_judging_every_file_together() {
        let a = "extern action \"aws:exampleAction\" for automation {\n  input ..\n}\n/// One.\nautomation Dup {\n  step S = aws:sleep { Duration: \"PT1S\" }\n}\n";
        let b = "extern action \"aws:exampleAction\" for automation {\n  input ..\n}\n/// Two.\nautomation Dup {\n  step S = aws:exampleAction { Media: \"x\" }\n}\n";
        let c = "/// Three.\nautomation Dup {\n  step S = aws:sleep { Duration: \"PT1S\" }\n}\n";
        let mut sources = SourceMap::new();
        let ids: Vec<FileId> = [("a.rbk", a), ("b.rbk", b), ("c.rbk", c)]
            .iter()
            .map(|(n, t)| sources.add(*n, t))
            .collect();
        let mut all = sources.clone();
        let whole = judge_files(&mut all, &ids, &NoFiles);
        let expected = in_file(&whole, &all, ids[1]);
        // b's declaration is the second (an error), its document the second `Dup`.
        assert!(expected.contains(&("E0240".to_string(), 5)), "{expected:?}");
        assert!(
            expected.iter().any(|(c, l)| c.starts_with('E') && *l == 1),
            "{expected:?}"
        );

        let (catalog, stdlib) = crate::catalog::load_stdlib(&mut sources);
        let text = |id: FileId| sources.get(id).map(|f| f.text.clone()).unwrap_or_default();
        let before = pipeline::Neighbour::of(ids[0], &text(ids[0]));
        let after = pipeline::Neighbour::of(ids[2], &text(ids[2]));
        let neighbours = Neighbours {
            before: &[&before],
            after: &[&after],
        };
        let inputs = [Input {
            file: ids[1],
            kind: Kind::Rbk,
            name: String::new(),
            lint: true,
        }];
        let config = LintConfig::default();
        let options = Options {
            lint: &config,
            external: None,
        };
        let among = judge_among(
            &mut sources,
            &inputs,
            neighbours,
            &NoFiles,
            catalog,
            stdlib,
            options,
        );
        assert_eq!(in_file(&among, &sources, ids[1]), expected);
        // Only the judged file's findings: the neighbours' are their own.
        assert!(among
            .diagnostics
            .iter()
            .all(|d| d.primary.span.file == ids[1]));
    }

    #[test]
    fn the_external_hook_sees_each_file_once_and_its_findings_are_suppressed() {
        let src = "/// One.\ncommand A {\n  // ssmc: allow(shellcheck) checked by hand\n  step S = aws:runShellScript { runCommand: [\"echo a\"] }\n  step T = aws:runShellScript { runCommand: [\"echo b\"] }\n}\n/// Two.\ncommand B {\n  step U = aws:runShellScript { runCommand: [\"echo c\"] }\n}\n";
        let mut sources = SourceMap::new();
        let (catalog, stdlib) = crate::catalog::load_stdlib(&mut sources);
        let file = sources.add("a.rbk", src);
        let calls = std::sync::Mutex::new(Vec::new());
        let code = registry::SHELLCHECK;
        // One finding on each step's line, as shellcheck would give.
        let hook = |f: FileId, text: &str, docs: &[Document]| {
            if let Ok(mut c) = calls.lock() {
                c.push(docs.len());
            }
            ["step S", "step T", "step U"]
                .iter()
                .filter_map(|s| text.find(s))
                .map(|at| Diagnostic::warning(code, crate::Span::new(f, at, at + 4), "SC2086"))
                .collect()
        };
        let config = LintConfig::default();
        let options = Options {
            lint: &config,
            external: Some(&hook),
        };
        let inputs = [Input {
            file,
            kind: Kind::Rbk,
            name: String::new(),
            lint: true,
        }];
        let v = judge(&mut sources, &inputs, &NoFiles, catalog, stdlib, options);
        assert_eq!(
            *calls.lock().expect("calls"),
            vec![2],
            "one call with both documents"
        );
        let lines: Vec<u32> = v
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .filter_map(|d| {
                sources
                    .get(file)
                    .map(|f| f.lines.line_col(d.primary.span.start).line + 1)
            })
            .collect();
        assert_eq!(
            lines,
            vec![5, 9],
            "the allowed step's finding is suppressed"
        );
        assert!(!v
            .diagnostics
            .iter()
            .any(|d| d.code.as_str().starts_with("SSM21")));
    }

    const TYPO: &str = "/// Says hello.\ncommand Hello {\n  tags { Team: \"ops\" }\n  /// The name.\n  param Name: String\n  step Run = aws:runShellScript { runCommand: [\"echo {{ Nmae }}\"] }\n}\n";

    #[test]
    fn lint_reports_the_checkers_errors() {
        let got = judge_texts(&[("a.rbk", TYPO)], &LintConfig::default());
        assert!(got.contains(&"E1010 error 6".to_string()), "{got:?}");
        assert!(got.iter().any(|d| d.starts_with("SSM205")), "{got:?}");
    }

    #[test]
    fn a_suppression_without_a_reason_never_silences_an_error() {
        let bare = TYPO.replace(
            "  step Run",
            "  // ssmc: allow(unknown-parameter)\n  step Run",
        );
        let got = judge_texts(&[("a.rbk", &bare)], &LintConfig::default());
        assert!(got.contains(&"E1010 error 7".to_string()), "{got:?}");
        assert!(got.contains(&"SSM210 warning 6".to_string()), "{got:?}");
        let reasoned = TYPO.replace(
            "  step Run",
            "  // ssmc: allow(unknown-parameter): set by the caller's wrapper\n  step Run",
        );
        let got = judge_texts(&[("a.rbk", &reasoned)], &LintConfig::default());
        assert!(!got.iter().any(|d| d.starts_with("E1010")), "{got:?}");
        assert!(!got.iter().any(|d| d.starts_with("SSM21")), "{got:?}");
    }

    #[test]
    fn one_syntax_silences_checker_and_linter_findings_in_rbk_and_yaml() {
        // A lint rule named in a `.rbk` allow: silenced, and not "not a rule of the checker".
        let rbk = "// ssmc: allow(missing-description) generated from a template\ncommand Hello {\n  step Run = aws:runShellScript { runCommand: [\"echo hi\"] }\n}\n";
        let got = judge_texts(&[("a.rbk", rbk)], &LintConfig::default());
        assert!(!got.iter().any(|d| d.starts_with("W1007")), "{got:?}");
        assert!(!got.iter().any(|d| d.starts_with("SSM201")), "{got:?}");
        assert!(!got.iter().any(|d| d.starts_with("SSM211")), "{got:?}");
        let yaml = "# ssmc: allow(missing-description) described in the catalog\nschemaVersion: '2.2'\nmainSteps:\n  - action: aws:runShellScript\n    name: Run\n    inputs:\n      runCommand: [echo hi]\n";
        let plain = judge_texts(
            &[(
                "b.yaml",
                &yaml.replace(
                    "# ssmc: allow(missing-description) described in the catalog\n",
                    "",
                ),
            )],
            &LintConfig::default(),
        );
        let got = judge_texts(&[("b.yaml", yaml)], &LintConfig::default());
        assert!(plain.iter().any(|d| d.starts_with("SSM201")), "{plain:?}");
        assert!(!got.iter().any(|d| d.starts_with("SSM201")), "{got:?}");
        assert!(!got.iter().any(|d| d.starts_with("SSM21")), "{got:?}");
    }

    #[test]
    fn the_check_view_leaves_out_lint_findings_and_a_secret_flow_is_reported_once() {
        let src = "/// Notifies.\nautomation Notify {\n  tags { Team: \"ops\" }\n  step Send = aws:executeAwsApi { Service: \"sns\", Api: \"Publish\", TopicArn: \"arn:aws:sns:us-east-1:111122223333:ops\", Message: \"{{ssm-secure:/ops/token}}\" }\n}\n";
        let got = judge_texts(&[("n.rbk", src)], &LintConfig::default());
        let flows = got
            .iter()
            .filter(|d| d.starts_with("E3001") || d.starts_with("SSM303"))
            .count();
        assert_eq!(flows, 1, "{got:?}");
    }

    #[test]
    fn a_suppression_of_an_error_that_stops_the_build_silences_nothing_and_is_reported() {
        let src = "/// Says hello.\ncommand Hello {\n  tags { Team: \"ops\" }\n  // ssmc: allow(duplicate-clause) two timeouts on purpose\n  step Run = aws:runShellScript { runCommand: [\"echo hi\"] } timeout 1m timeout 2m\n}\n";
        let got = judge_texts(&[("a.rbk", src)], &LintConfig::default());
        assert!(got.contains(&"E0220 error 5".to_string()), "{got:?}");
        assert!(got.contains(&"SSM210 warning 4".to_string()), "{got:?}");
        assert!(!got.iter().any(|d| d.starts_with("SSM211")), "{got:?}");
    }
}
