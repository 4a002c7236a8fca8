//! Hover on a boto3 call inside the Python of an `aws:executeScript` step:
//! the operation's parameters and response, as hover shows them for an
//! `aws:executeAwsApi` step's `Api` (`aws::api_markdown`).
//!
//! Input: a byte offset in the normalised text. Output: hover Markdown when
//! the offset is on the method name of a boto3 client call that resolves in
//! the AWS API catalog (`ec2.describe_instances(...)`); `None` elsewhere.
//! The calls are the ones `python-aws-api` checks (`ssmc_core::python::boto3_calls`),
//! placed in the document as lint findings are (`lint::locate_in`: through
//! `.rbk` block strings, YAML block scalars and JSON escapes alike).

use ssmc_core::awsapi::{self, names};
use ssmc_core::lint::locate_in;
use ssmc_core::lint::python::scripts;
use ssmc_core::model::{Document, Node};
use ssmc_core::python::{self, Script};

use super::aws::api_markdown;
use super::hover::HoverInfo;
use super::Analysis;

/// One `aws:executeScript` step's inline script and its runtime.
#[derive(Debug)]
pub(super) struct ScriptSite {
    script: Node,
    runtime: String,
}

/// The inline Python scripts of `documents`' steps.
pub(super) fn script_sites(documents: &[Document]) -> Vec<ScriptSite> {
    documents
        .iter()
        .flat_map(scripts)
        .map(|(_, script, runtime)| ScriptSite {
            script: script.clone(),
            runtime: runtime.to_string(),
        })
        .collect()
}

impl Analysis {
    pub(super) fn hover_boto3(&self, offset: usize) -> Option<HoverInfo> {
        let inside = |start: u32, end: u32| {
            usize::try_from(start).is_ok_and(|s| s <= offset)
                && usize::try_from(end).is_ok_and(|e| offset <= e)
        };
        for ScriptSite { script, runtime } in &self.scripts {
            if script.span.file != self.file || !inside(script.span.start, script.span.end) {
                continue;
            }
            let text = script.as_str()?;
            let calls = python::boto3_calls(&Script {
                text,
                runtime,
                handler: None,
            })?;
            for call in calls.into_iter().filter(|c| c.resolved) {
                let span = locate_in(script, call.range, Some((self.file, &self.text)));
                if span.file != self.file || !inside(span.start, span.end) {
                    continue;
                }
                let cat = awsapi::catalog();
                let svc = cat.decoded(names::service(cat, &call.service)?);
                let (op, _) = names::operation(svc, &call.operation)?;
                return Some(HoverInfo {
                    markdown: api_markdown(svc, op),
                    span,
                });
            }
        }
        None
    }
}
