//! The Python inside `aws:executeScript` steps, checked like the runbook
//! around it (docs/scripts.md).
//!
//! Input: a script's text (its `{{ … }}` references masked, [`mask`]), the
//! step's `Runtime` and `Handler`. Output: [`Finding`]s at byte ranges of the
//! script's text; the lint rules `python-*` (compiler/core/src/lint/rules/)
//! place them in the document through the same mapping shellcheck's findings
//! use (`lint::locate_in`: YAML block scalars, JSON escapes, `.rbk` strings).
//! Invariants: pure; never panics and never recurses past the guard's bound
//! ([`guard`]: scripts too large or deep are reported as not checked, not
//! parsed); a script with a syntax error gets only its syntax findings, as
//! every later check would read a partial tree.

pub mod boto3;
pub mod builtins;
mod guard;
mod handler;
pub mod mask;
pub mod modules;
mod names;
pub mod payload;
pub mod runtime;
mod unused;

use std::ops::Range;

use ruff_python_ast::ModModule;
use ruff_python_parser::{parse_unchecked, Mode, ParseOptions, Parsed};
use ruff_text_size::{Ranged, TextRange};

pub use guard::{MAX_NESTING, MAX_SCRIPT_BYTES};

/// What a finding is about: each kind is reported by one lint rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A syntax error, or syntax the step's runtime does not have yet.
    Syntax,
    /// The script was not parsed (too large, nested too deeply).
    NotChecked,
    /// `Handler` names no callable module-level function.
    Handler,
    /// The script is a build placeholder (`%PYTHONSCRIPT%`), not code.
    Placeholder,
    /// A name nothing defines.
    UndefinedName,
    /// A boto3 call the AWS API catalog refutes.
    Boto3,
    /// An import nothing reads.
    UnusedImport,
    /// A function's local variable assigned and never read.
    UnusedVariable,
    /// A definition or import replaced before anything read it.
    Redefinition,
    /// An import of a module the step's runtime does not have.
    UnavailableModule,
}

/// One finding inside a script; `range` is in bytes of the script's text,
/// `None` when it is about the step's `Handler` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    pub range: Option<Range<usize>>,
    pub message: String,
    pub help: Option<String>,
}

impl Finding {
    fn at(kind: Kind, range: TextRange, message: String) -> Finding {
        Finding {
            kind,
            range: Some(range.start().to_usize()..range.end().to_usize()),
            message,
            help: None,
        }
    }

    fn with_help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }
}

/// A script to check, as a step holds it.
#[derive(Debug, Clone, Copy)]
pub struct Script<'a> {
    /// The script's text, as the document's value has it.
    pub text: &'a str,
    /// The step's `Runtime` (`python3.11`).
    pub runtime: &'a str,
    /// The step's `Handler`, when it is written as a literal name.
    pub handler: Option<&'a str>,
}

/// Every finding of one script.
pub fn check(script: &Script<'_>) -> Vec<Finding> {
    analyse(script).findings
}

/// What one script's analysis gives: its findings, and its handler's
/// payload contract when the script parses and names its handler.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub findings: Vec<Finding>,
    pub contract: Option<payload::Contract>,
}

/// Every finding of one script, and its handler's payload contract.
pub fn analyse(script: &Script<'_>) -> Analysis {
    let only = |findings: Vec<Finding>| Analysis {
        findings,
        contract: None,
    };
    if let Some(p) = placeholder(script.text) {
        return only(vec![p]);
    }
    if let Some(why) = guard::refuse(script.text) {
        return only(vec![Finding {
            kind: Kind::NotChecked,
            range: Some(0..0),
            message: format!("Python script not checked: {why}"),
            help: None,
        }]);
    }
    let Some(parsed) = parse(script) else {
        return only(Vec::new());
    };
    let found = syntax(&parsed, script.runtime);
    if !found.is_empty() {
        return only(found);
    }
    let module = parsed.syntax();
    Analysis {
        findings: findings(module, script),
        contract: script.handler.and_then(|h| payload::contract(module, h)),
    }
}

/// The findings of a script that parses.
fn findings(module: &ModModule, script: &Script<'_>) -> Vec<Finding> {
    let mut found = Vec::new();
    if let Some(name) = script.handler {
        if let Some(p) = handler::check(module, name) {
            found.push(Finding {
                kind: Kind::Handler,
                range: p.range.map(|r| r.start().to_usize()..r.end().to_usize()),
                message: p.message,
                help: Some(p.help),
            });
        }
    }
    found.extend(names::undefined(module).into_iter().map(|u| {
        Finding::at(
            Kind::UndefinedName,
            u.range,
            format!("undefined name `{}`", u.name),
        )
        .with_help("Python raises `NameError` when this line runs: define it, import it, or fix its spelling")
    }));
    found.extend(
        unused::unused(module)
            .into_iter()
            .map(|u| unused_finding(u, script.text)),
    );
    found.extend(
        modules::unavailable(module, script.runtime)
            .into_iter()
            .map(|u| unavailable_finding(u, script.runtime)),
    );
    found.extend(
        boto3::calls(module)
            .iter()
            .flat_map(boto3::check)
            .map(|p| Finding {
                kind: Kind::Boto3,
                range: Some(p.range),
                message: p.message,
                help: p.help,
            }),
    );
    found
}

/// An unused import or variable, or a redefinition, as a finding; `text`
/// gives the line numbers of earlier definitions.
fn unused_finding(u: unused::Unused, text: &str) -> Finding {
    let line = |at: ruff_text_size::TextSize| {
        text.get(..at.to_usize())
            .map_or(0, |before| before.matches('\n').count())
            + 1
    };
    let (kind, message, help) = match u.what {
        unused::What::UnusedImport { imported } => (
            Kind::UnusedImport,
            format!("`{imported}` imported but unused"),
            "remove the import: the script never reads it",
        ),
        unused::What::UnusedVariable {
            name,
            annotated_only,
        } => (
            Kind::UnusedVariable,
            if annotated_only {
                format!("local variable `{name}` is annotated but never used")
            } else {
                format!("local variable `{name}` is assigned to but never used")
            },
            "remove it, or use it where it was meant to be used (a misspelt read leaves it unused)",
        ),
        unused::What::Redefinition { name, earlier } => (
            Kind::Redefinition,
            format!(
                "redefinition of unused `{name}` from line {} of the script",
                line(earlier)
            ),
            "the earlier definition is never used: remove it or rename one of them",
        ),
        unused::What::ShadowedByLoop { name, earlier } => (
            Kind::Redefinition,
            format!(
                "import `{name}` from line {} of the script shadowed by loop variable",
                line(earlier)
            ),
            "the loop rebinds the imported module's name: rename the loop variable",
        ),
    };
    Finding::at(kind, u.range, message).with_help(help)
}

/// An import of a module the runtime lacks, as a finding.
fn unavailable_finding(u: modules::Unavailable, runtime: &str) -> Finding {
    let module = &u.module;
    let (message, help) = match u.why {
        modules::Why::NotInRuntime => (
            format!("module `{module}` is not in SSM's Python runtime"),
            "the runtime has the standard library, boto3 and botocore and their dependencies, and no other package: attach the package with the step's `Attachment`, or write it with boto3 and the standard library".to_string(),
        ),
        modules::Why::AddedIn(first) => (
            format!("module `{module}` is not in the standard library of `{runtime}`: it was added in Python 3.{first}"),
            format!("choose `Runtime: python3.{first}` or newer, or do without it"),
        ),
        modules::Why::RemovedAfter(last) => (
            format!("module `{module}` is not in the standard library of `{runtime}`: it was removed after Python 3.{last}"),
            format!("replace it (its documentation names the replacement), or choose `Runtime: python3.{last}`"),
        ),
    };
    Finding::at(Kind::UnavailableModule, u.range, message).with_help(help)
}

/// One boto3 call of a script, for tools that want to know what a script
/// calls (`ssmc iam`): the service and operation as the AWS API catalog
/// names them when they resolve (`("ec2", "DescribeInstances")`), else as
/// written; `range` is the method's bytes in the script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Boto3Call {
    pub service: String,
    pub operation: String,
    /// Whether `service` and `operation` are the catalog's names.
    pub resolved: bool,
    pub range: Range<usize>,
}

/// Every boto3 client call of a script; `None` when the script does not
/// parse (or is too large or deep to parse), so its calls are unknown.
pub fn boto3_calls(script: &Script<'_>) -> Option<Vec<Boto3Call>> {
    let parsed = parse(script)?;
    if !parsed.errors().is_empty() {
        return None;
    }
    let calls = boto3::calls(parsed.syntax())
        .into_iter()
        .map(|c| match boto3::resolve(&c) {
            Some((service, operation)) => Boto3Call {
                service,
                operation,
                resolved: true,
                range: c.range,
            },
            None => Boto3Call {
                service: c.service,
                operation: c.method,
                resolved: false,
                range: c.range,
            },
        })
        .collect();
    Some(calls)
}

/// The script parsed for its runtime, or `None` when the guard refuses it.
fn parse(script: &Script<'_>) -> Option<Parsed<ModModule>> {
    if guard::refuse(script.text).is_some() {
        return None;
    }
    let masked = mask::mask(script.text);
    let options =
        ParseOptions::from(Mode::Module).with_target_version(runtime::version(script.runtime));
    parse_unchecked(&masked, options).try_into_module()
}

/// The first syntax error (as Python stops there; later ones are often echoes
/// of the parser's recovery) and every use of syntax the runtime lacks.
fn syntax(parsed: &Parsed<ModModule>, runtime: &str) -> Vec<Finding> {
    let mut found: Vec<Finding> = parsed
        .errors()
        .iter()
        .min_by_key(|e| e.location.start())
        .map(|e| {
            Finding::at(
                Kind::Syntax,
                e.location,
                format!("Python syntax error: {}", e.error),
            )
        })
        .into_iter()
        .collect();
    if found.is_empty() {
        found.extend(parsed.unsupported_syntax_errors().iter().map(|e| {
            Finding::at(Kind::Syntax, e.range(), format!("{e}"))
                .with_help(format!("the step's `Runtime` is `{runtime}`: write it another way, or choose a newer runtime"))
        }));
    }
    found
}

/// A script that is a build placeholder left in place of code.
fn placeholder(text: &str) -> Option<Finding> {
    let t = text.trim();
    let percent = t.len() > 2
        && t.starts_with('%')
        && t.ends_with('%')
        && t.get(1..t.len() - 1).is_some_and(|inner| {
            inner
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        });
    let marker = t.starts_with("SCRIPT_PLACEHOLDER::");
    (percent || marker).then(|| Finding {
        kind: Kind::Placeholder,
        range: Some(0..text.len()),
        message: format!("the script is the build placeholder `{t}`, not Python code"),
        help: Some("the build that should have put the script here did not run: paste the script, or use `file(\"…\")` in a .rbk source".into()),
    })
}

#[cfg(test)]
mod tests;
