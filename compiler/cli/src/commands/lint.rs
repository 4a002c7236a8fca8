//! `ssmc lint [PATHS] [--format human|json|sarif|github] [--fix]`.
//!
//! Input: files and folders (`.rbk`, and `.json`/`.yaml`/`.yml` that are SSM
//! documents; other JSON/YAML is skipped with a note), `ssmc.toml` at the
//! project root (`[lint] ignore`, `[lint.rules]`, `[aws-api] models`). Output: findings on stderr
//! (human) or stdout (json, sarif, github); with `--fix`, safe fixes written
//! atomically and listed on stderr. Exit: 0 nothing at error level, 1 a
//! finding at error level, 2 the command could not do its job.

use std::path::PathBuf;

use serde_json::{json, Value as Json};
use ssmc_core::codes::{docs, Code, Group};
use ssmc_core::diagnostic::{Diagnostic, Severity};
use ssmc_core::lint::{registry, LintConfig};
use ssmc_core::span::{FileId, SourceMap, Span};

use super::{
    open, paths_or_cwd, plural, report_shown, tally_counts, EXIT_ERRORS, EXIT_FAILURE, EXIT_OK,
};
use crate::findings::{Findings, Tally};
use std::path::Path;

use crate::files::{stage_rewrite, Batch};

/// The output formats of `ssmc lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LintOutput {
    Human,
    Json,
    Sarif,
    Github,
}

/// A run's findings: as shown, from the cache or not, or every one (for `--fix`).
enum Found {
    /// As shown, with their human rendering when that is the format.
    Shown(Findings, Option<String>),
    All(Vec<Diagnostic>),
}

/// One linted file.
struct Linted {
    id: FileId,
    path: PathBuf,
    /// The path as CI output shows it (see `ssmc_project::display_path`).
    rel: String,
}

/// Choices of one `ssmc lint` run beyond paths and format.
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// Apply safe fixes.
    pub fix: bool,
    /// With `fix`: apply unsafe fixes too.
    pub unsafe_fixes: bool,
    /// The least severe finding that fails the run (exit 1).
    pub fail_on: Option<Severity>,
    /// Do not read or write shellcheck's result cache.
    pub no_cache: bool,
    /// `--select`: only these rules run (codes, code prefixes, names, `ALL`).
    pub select: Vec<String>,
    /// `--ignore`: these rules do not run.
    pub ignore: Vec<String>,
    /// `--preview`: preview rules run too.
    pub preview: bool,
}

/// Whether a `--select`/`--ignore` entry names `rule`: its code, a prefix of
/// its code (`SSM3`), its name, or `ALL`.
fn selects(entry: &str, rule: &registry::RuleEntry) -> bool {
    entry.eq_ignore_ascii_case("ALL")
        || rule.name().eq_ignore_ascii_case(entry)
        || (entry.len() >= 3
            && rule
                .code
                .as_str()
                .get(..entry.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(entry)))
}

/// Applies `--preview`, `--select` and `--ignore` to the project's levels; an
/// entry that names no rule, or only preview rules while preview is off, is an
/// error (it would select nothing).
pub fn apply_selection(config: &mut LintConfig, options: &LintOptions) -> Result<(), String> {
    config.preview |= options.preview;
    for entry in options.select.iter().chain(&options.ignore) {
        if !registry::RULES.iter().any(|r| selects(entry, r)) {
            return Err(format!(
                "`{entry}` names no lint rule (see `ssmc explain` or docs/rules.md)"
            ));
        }
    }
    for entry in &options.select {
        let named: Vec<_> = registry::RULES
            .iter()
            .filter(|r| selects(entry, r))
            .collect();
        if !config.preview && named.iter().all(|r| r.meta().preview) {
            return Err(format!(
                "`{entry}` names only preview rules, which run with `--preview` (or `[lint] preview = true` in ssmc.toml)"
            ));
        }
    }
    for rule in registry::RULES {
        let selected = options.select.is_empty() || options.select.iter().any(|e| selects(e, rule));
        let ignored = options.ignore.iter().any(|e| selects(e, rule));
        if !selected || ignored {
            config.levels.push((rule.code.as_str().to_string(), None));
        } else if !options.select.is_empty() && config.level(rule).is_none() {
            // Selected on the command line: on, even where `ssmc.toml` turned it off.
            config
                .levels
                .push((rule.code.as_str().to_string(), Some(rule.meta().default)));
        }
    }
    Ok(())
}

/// Runs the linter: the whole verdict (the compiler's diagnostics and the
/// rules', suppressions applied). The run fails (exit 1) when a finding is at
/// `fail_on` or more severe: `Error` by default, `Warning` for a strict gate,
/// `Info` for all; a compiler error always fails it.
pub fn run(paths: &[PathBuf], format: LintOutput, options: &LintOptions) -> u8 {
    let fix = options.fix;
    let fail_on = options.fail_on.unwrap_or(Severity::Error);
    let use_cache = !options.no_cache;
    let paths = paths_or_cwd(paths);
    let mut session = match open(&paths, &["rbk", "json", "yaml", "yml", "template", "tf"]) {
        Ok(s) => s,
        Err(e) => {
            errln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    if let Err(e) = apply_selection(&mut session.project.config.lint, options) {
        errln!("error: {e}");
        return EXIT_FAILURE;
    }
    let config = &session.project.config;
    let runner = registry::find("shellcheck")
        .and_then(|r| config.lint.level(r))
        .and_then(|_| {
            let mut settings = super::shellcheck::Settings::of_project(
                config.shellcheck_exclude.as_deref(),
                config.shellcheck_budget,
            );
            settings.cache = (!options.no_cache)
                .then(|| super::shellcheck::default_cache_dir(&session.project.root));
            super::shellcheck::Shellcheck::start(settings)
        });
    // All of a file's documents at once: one shellcheck process per file.
    let shellcheck = |id: FileId, src: &str, docs: &[ssmc_core::model::Document]| match &runner {
        Some(sc) => sc.check(docs, (id, src)),
        None => Vec::new(),
    };
    // shellcheck's findings depend on its version and the run's rule
    // selection: part of the cache key.
    let shellcheck_key = format!(
        "{} {:?} {:?} preview={}",
        runner.as_ref().map_or("", |s| s.version.as_str()),
        options.select,
        options.ignore,
        options.preview
    );
    // Every finding is in lint's view. `--fix` needs all of them (a file's
    // fixes beyond the 200 shown too), so it does not use the cache, which
    // keeps only what is shown.
    let every = |_: &Diagnostic| true;
    let judged = if fix {
        session
            .judge_view(Some(&shellcheck), every)
            .map(|v| (v.not_ssm, Found::All(v.diagnostics)))
    } else {
        session
            .judge_cached(
                "lint",
                use_cache,
                Some(&shellcheck),
                shellcheck_key.as_bytes(),
                every,
                (format == LintOutput::Human).then(super::color),
            )
            .map(|j| (j.not_ssm, Found::Shown(j.findings, j.rendered)))
    };
    let (not_ssm, found) = match judged {
        Ok(v) => v,
        Err(e) => {
            errln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let mut linted: Vec<Linted> = Vec::new();
    let mut shown = ssmc_project::PathDisplay::new(&session.project);
    for (input, path) in session.inputs.iter().zip(&session.paths) {
        if let Some((_, why)) = not_ssm.iter().find(|(f, _)| *f == input.file) {
            errln!("note: skipped {}: {why}", path.display());
            continue;
        }
        linted.push(Linted {
            id: input.file,
            path: path.clone(),
            rel: shown.show(path),
        });
    }
    let sources = &session.sources;
    let (findings, rendered) = match found {
        Found::Shown(findings, rendered) => (findings, rendered),
        Found::All(mut diags) => {
            match apply_fixes(
                &session.project.root,
                &linted,
                sources,
                &diags,
                options.unsafe_fixes,
            ) {
                Ok(fixed) => diags.retain(|d| !fixed.contains(&(d.code, d.primary.span))),
                Err(e) => {
                    errln!("error: {e}");
                    return EXIT_FAILURE;
                }
            }
            (Findings::of(&diags), None)
        }
    };
    let rel_of = |id: FileId| {
        linted
            .iter()
            .find(|l| l.id == id)
            .map_or_else(String::new, |l| l.rel.clone())
    };
    // Counts, `--fix` notes and the exit status see every finding (the
    // tally); every format shows what the terminal and the editor show.
    let Findings { shown, tally } = findings;
    match format {
        LintOutput::Human => {
            match &rendered {
                Some(text) => super::print_rendered(text),
                None => report_shown(&shown, sources),
            }
            let n = linted.len();
            super::status(format_args!(
                "linted {n} {}: {}",
                plural(n, "file"),
                tally_counts(&tally)
            ));
            super::status(format_args!("{}", shellcheck_note(runner.as_ref())));
            if let Some(note) = fixes_note(&tally, fix, options.unsafe_fixes) {
                super::status(format_args!("{note}"));
            }
        }
        LintOutput::Json => {
            let items: Vec<Json> = shown
                .iter()
                .map(|d| json_finding(d, sources, &rel_of))
                .collect();
            json_out(&Json::Array(items));
            super::status(format_args!("{}", shellcheck_note(runner.as_ref())));
        }
        LintOutput::Sarif => {
            let docs_url = session.project.config.docs_url.as_deref();
            let mut sarif = sarif(&shown, sources, &rel_of, docs_url);
            add_shellcheck_invocation(&mut sarif, runner.as_ref());
            json_out(&sarif);
        }
        LintOutput::Github => {
            for d in &shown {
                outln!("{}", github_line(d, sources, &rel_of));
            }
        }
    }
    if tally.any_at_least(fail_on) || tally.errors > 0 {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

/// JSON on stdout as serde writes it: its strings escape control
/// characters, and escaping again would change the values.
fn json_out(value: &Json) {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    crate::output::stdout_raw(text.as_bytes());
}

/// How many of the findings left carry a fix, and how to apply them (as
/// ruff says it): safe ones with `--fix`, unsafe ones with `--unsafe-fixes`.
fn fixes_note(tally: &Tally, fix: bool, unsafe_fixes: bool) -> Option<String> {
    let (safe, risky) = (tally.safe_fixes, tally.unsafe_fixes);
    let mut parts = Vec::new();
    if safe > 0 && !fix {
        parts.push(format!("{safe} fixable with `--fix`"));
    }
    if risky > 0 && !(fix && unsafe_fixes) {
        parts.push(format!(
            "{risky} unsafe {} available with `--fix --unsafe-fixes` (they can change what a document does at run time: review them)",
            plural(risky, "fix")
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// Whether shellcheck ran, and which version (for the human summary and JSON runs).
fn shellcheck_note(sc: Option<&super::shellcheck::Shellcheck>) -> String {
    match sc {
        Some(sc) => sc.summary(),
        None => "shellcheck not run (not on PATH, or the rule is off): SSM209 not checked".into(),
    }
}

/// SARIF `invocations` and `tool.extensions`: whether shellcheck ran and which
/// version, so a CI result can be reproduced.
fn add_shellcheck_invocation(sarif: &mut Json, sc: Option<&super::shellcheck::Shellcheck>) {
    let Some(run) = sarif["runs"].get_mut(0) else {
        return;
    };
    let note = shellcheck_note(sc);
    run["invocations"] = json!([{
        "executionSuccessful": true,
        "toolExecutionNotifications": [{"level": "note", "message": {"text": note}}],
    }]);
    if let Some(sc) = sc {
        run["tool"]["extensions"] = json!([{
            "name": "shellcheck",
            "version": sc.version,
            "informationUri": "https://www.shellcheck.net",
            "properties": {"excluded": sc.excluded(), "timedOut": sc.timed_out()},
        }]);
    }
}

/// 1-based `(line, column, end_line, end_column)` of a span (columns in characters).
pub fn position(span: Span, sources: &SourceMap) -> (u32, u32, u32, u32) {
    let Some(file) = sources.get(span.file) else {
        return (1, 1, 1, 1);
    };
    let a = file.lines.line_col(span.start);
    let b = file.lines.line_col(span.end);
    (a.line + 1, a.col + 1, b.line + 1, b.col + 1)
}

fn json_finding(d: &Diagnostic, sources: &SourceMap, rel_of: &dyn Fn(FileId) -> String) -> Json {
    let (line, column, end_line, end_column) = position(d.primary.span, sources);
    let mut o = json!({
        "rule": d.code,
        "name": d.code.name(),
        "severity": d.severity.as_str(),
        "message": d.message,
        "file": rel_of(d.primary.span.file),
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
    });
    if let Some(h) = &d.help {
        o["help"] = json!(h);
    }
    if let Some(f) = &d.fix {
        let edits: Vec<Json> = f
            .edits
            .iter()
            .map(|e| {
                let (l, c, el, ec) = position(e.span, sources);
                json!({"line": l, "column": c, "end_line": el, "end_column": ec, "replacement": e.replacement})
            })
            .collect();
        o["fix"] = json!({"message": f.message, "applicability": f.applicability.as_str(), "edits": edits});
    }
    o
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// SARIF 2.1.0 for GitHub code scanning: every lint rule and every other
/// code that occurs in `tool.driver.rules`, all from the code registry;
/// results with regions.
pub fn sarif(
    diags: &[Diagnostic],
    sources: &SourceMap,
    rel_of: &dyn Fn(FileId) -> String,
    docs_url: Option<&str>,
) -> Json {
    let base = docs_url.unwrap_or("docs/rules.md");
    let mut ids: Vec<Code> = registry::RULES.iter().map(|r| r.code).collect();
    for d in diags {
        if !ids.contains(&d.code) {
            ids.push(d.code);
        }
    }
    let rules: Vec<Json> = ids.iter().map(|c| sarif_rule(*c, base)).collect();
    let results: Vec<Json> = diags
        .iter()
        .map(|d| {
            let (l, c, el, ec) = position(d.primary.span, sources);
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push_str(&format!(" (help: {h})"));
            }
            json!({
                "ruleId": d.code,
                "ruleIndex": ids.iter().position(|i| *i == d.code).unwrap_or(0),
                "level": sarif_level(d.severity),
                "message": {"text": text},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": rel_of(d.primary.span.file), "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": l, "startColumn": c, "endLine": el, "endColumn": ec.max(if el == l { c } else { 1 })},
                    }
                }],
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "ssmc",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    })
}

/// One `tool.driver.rules` entry.
fn sarif_rule(code: Code, base: &str) -> Json {
    let md = docs::markdown(code);
    let why = docs::section(&md, "Why is this bad?").replace('\n', " ");
    json!({
        "id": code,
        "name": code.name(),
        "shortDescription": {"text": code.summary()},
        "fullDescription": {"text": if why.is_empty() { code.summary() } else { why }},
        "helpUri": docs::href(base, code),
        "help": {"text": docs::explain(code), "markdown": md},
        "defaultConfiguration": {"level": sarif_level(code.level())},
        "properties": {"tags": [category(code)]},
    })
}

/// The SARIF tag of a code: a lint rule's category, else `compiler`.
fn category(code: Code) -> &'static str {
    if code.group() != Group::Lint {
        return "compiler";
    }
    match code.as_str().as_bytes().get(3) {
        Some(b'1') => "correctness",
        Some(b'2') => "style",
        Some(b'3') => "security",
        _ => "portability",
    }
}

/// Escapes per the workflow-command rules (`%`, CR, LF; in properties also `:` and `,`).
fn escape(s: &str, property: bool) -> String {
    let mut out = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

/// One GitHub Actions workflow annotation.
pub fn github_line(
    d: &Diagnostic,
    sources: &SourceMap,
    rel_of: &dyn Fn(FileId) -> String,
) -> String {
    let (l, c, el, ec) = position(d.primary.span, sources);
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let title = format!("{} {}", d.code, d.code.name());
    format!(
        "::{kind} file={},line={l},col={c},endLine={el},endColumn={ec},title={}::{}",
        escape(&rel_of(d.primary.span.file), true),
        escape(title.trim(), true),
        escape(&d.message, false)
    )
}

/// The file's own text `raw` (as read, BOM and CRLF kept) with every fix of
/// `diags` in file `id` applied whose edits do not overlap an earlier one's;
/// unsafe fixes only with `unsafe_fixes`. `normalised` is the text the
/// findings' spans point into. Returns the new raw text and the findings fixed.
pub fn fixed_text<'d>(
    raw: &str,
    normalised: &str,
    id: FileId,
    diags: &'d [Diagnostic],
    unsafe_fixes: bool,
) -> (String, Vec<&'d Diagnostic>) {
    let mut edits: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
    let mut done = Vec::new();
    for d in diags.iter().filter(|d| d.primary.span.file == id) {
        let Some(f) = &d.fix else { continue };
        if !f.is_safe() && !unsafe_fixes {
            continue;
        }
        let bad = f.edits.iter().any(|e| {
            e.span.file != id
                || normalised.get(e.span.range()).is_none()
                || edits.iter().any(|(s, _)| {
                    s.start < (e.span.end as usize).max(e.span.start as usize + 1)
                        && (e.span.start as usize) < s.end.max(s.start + 1)
                })
        });
        if bad {
            continue;
        }
        edits.extend(
            f.edits
                .iter()
                .map(|e| (e.span.range(), e.replacement.as_str())),
        );
        done.push(d);
    }
    match ssmc_core::raw_text::apply_edits(raw, &edits) {
        Some(text) => (text, done),
        None => (raw.to_string(), Vec::new()),
    }
}

/// Applies the safe fixes (and the unsafe ones with `unsafe_fixes`) file by
/// file, each file written atomically with its own BOM and line ends.
/// Returns the findings fixed.
fn apply_fixes(
    root: &Path,
    linted: &[Linted],
    sources: &SourceMap,
    diags: &[Diagnostic],
    unsafe_fixes: bool,
) -> Result<Vec<(Code, Span)>, String> {
    let mut fixed = Vec::new();
    let mut batch = Batch::new(Some(root));
    for l in linted {
        let Some(file) = sources.get(l.id) else {
            continue;
        };
        if !diags
            .iter()
            .any(|d| d.primary.span.file == l.id && d.fix.is_some())
        {
            continue;
        }
        let raw = crate::files::read_text(&l.path)?;
        let (text, done) = fixed_text(&raw, &file.text, l.id, diags, unsafe_fixes);
        if done.is_empty() {
            continue;
        }
        stage_rewrite(&mut batch, root, &l.path, &file.text, &text)?;
        for d in done {
            let (line, col, _, _) = position(d.primary.span, sources);
            let (msg, kind) = d.fix.as_ref().map_or(("", ""), |f| {
                (
                    f.message.as_str(),
                    if f.is_safe() { "" } else { " (unsafe)" },
                )
            });
            errln!(
                "fixed {}:{line}:{col}: [{}] {msg}{kind}",
                l.path.display(),
                d.code
            );
            fixed.push((d.code, d.primary.span));
        }
    }
    batch.commit()?;
    Ok(fixed)
}
