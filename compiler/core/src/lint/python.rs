//! The Python of `aws:executeScript` steps for the `python-*` rules: each
//! script is checked once per document (`crate::python::check`), and each
//! rule reports the findings of its kind, placed in the document.
//!
//! A finding inside the script is placed by [`locate_in`], the mapping
//! shellcheck's findings use, so it lands on the document's own line and
//! column through YAML block scalars, JSON escapes and `.rbk` strings. A
//! script read with `file("x.py")` in a `.rbk` source has no text in the
//! document: its findings point at the `file(…)` call and say the line and
//! column in the script file.

use std::cell::OnceCell;
use std::ops::Range;

use crate::lint::walk::{all_steps, input};
use crate::lint::{locate_in, LintContext};
use crate::model::{Node, Step};
use crate::python::payload::Contract;
use crate::python::{self, Finding, Kind};
use crate::span::{FileId, LineIndex, Span};

/// What the rules of one document share: its scripts' findings, once.
#[derive(Default)]
pub struct Shared {
    python: OnceCell<Vec<StepScript>>,
}

/// One step's script, its findings and its handler's payload contract, with
/// the step's `InputPayload` and `outputs` the contract is held against.
pub(crate) struct StepScript {
    pub(crate) script: Node,
    pub(crate) handler: Option<Node>,
    pub(crate) findings: Vec<Finding>,
    pub(crate) contract: Option<Contract>,
    pub(crate) input_payload: Option<Node>,
    pub(crate) outputs: Option<Node>,
}

/// The Python scripts of the document's `aws:executeScript` steps: the step,
/// the `Script` string node and its runtime. A script held elsewhere (an
/// attachment) or a PowerShell one is not here.
pub fn scripts(doc: &crate::model::Document) -> Vec<(&Step, &Node, &str)> {
    all_steps(doc)
        .into_iter()
        .filter(|s| s.action_str() == "aws:executeScript")
        .filter_map(|step| {
            let runtime = input(step, "Runtime").and_then(Node::as_str).unwrap_or("");
            let script = input(step, "Script").filter(|n| n.as_str().is_some())?;
            python::runtime::is_python(runtime).then_some((step, script, runtime))
        })
        .collect()
}

pub(crate) fn analysed<'s>(cx: &'s LintContext<'_>) -> &'s [StepScript] {
    cx.shared.python.get_or_init(|| {
        scripts(cx.doc)
            .into_iter()
            .map(|(step, script, runtime)| {
                let handler = input(step, "Handler");
                // With an `Attachment`, or as `module.function`, the handler
                // lives in an attached file this script is not.
                let attached = input(step, "Attachment").is_some();
                let name = handler.and_then(Node::as_str).filter(|h| {
                    !attached && !h.contains("{{") && !h.contains('.') && !h.is_empty()
                });
                let mut analysis = python::analyse(&python::Script {
                    text: script.as_str().unwrap_or(""),
                    runtime,
                    handler: name,
                });
                // An attachment may bring any package the script imports.
                if attached {
                    analysis
                        .findings
                        .retain(|f| f.kind != Kind::UnavailableModule);
                }
                StepScript {
                    script: script.clone(),
                    handler: handler.cloned(),
                    findings: analysis.findings,
                    contract: analysis.contract,
                    input_payload: input(step, "InputPayload").cloned(),
                    outputs: step.outputs.clone(),
                }
            })
            .collect()
    })
}

/// Reports every finding of the kinds `kinds` with the running rule's code.
pub fn report(cx: &mut LintContext<'_>, kinds: &[Kind]) {
    let mut out = Vec::new();
    for s in analysed(cx) {
        for f in s.findings.iter().filter(|f| kinds.contains(&f.kind)) {
            let (span, message) = place(cx, s, f.range.clone(), &f.message);
            let mut d = cx.finding(span, message);
            if let Some(help) = &f.help {
                d = d.with_help(help.clone());
            }
            out.push(d);
        }
    }
    for d in out {
        cx.report(d);
    }
}

/// Where a finding points, and its message (with the line in the script file
/// when the script came from `file(…)`).
pub(crate) fn place(
    cx: &LintContext<'_>,
    s: &StepScript,
    range: Option<Range<usize>>,
    message: &str,
) -> (Span, String) {
    let text = s.script.as_str().unwrap_or("");
    let Some(range) = range else {
        let span = s.handler.as_ref().map_or(s.script.span, |h| h.span);
        return (span, message.to_string());
    };
    if let Some(path) = from_file(cx.source_of(s.script.span)) {
        let at = LineIndex::new(text).line_col(u32::try_from(range.start).unwrap_or(u32::MAX));
        return (
            s.script.span,
            format!(
                "{path}, line {}, column {}: {}",
                at.line + 1,
                at.col + 1,
                message
            ),
        );
    }
    let source: Option<(FileId, &str)> = cx.info.source;
    (locate_in(&s.script, range, source), message.to_string())
}

/// The path of a `file("…")` call, when that is the script's source text.
fn from_file(source: Option<&str>) -> Option<&str> {
    let inner = source?
        .trim()
        .strip_prefix("file(")?
        .strip_suffix(')')?
        .trim();
    inner.strip_prefix('"')?.strip_suffix('"')
}
