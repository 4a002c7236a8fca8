//! What the editor says about words that are not names of the document:
//! keywords and clauses, `{{ automation:… }}` / `{{ global:… }}` built-ins and
//! parameter types.
//!
//! Input: a byte offset in the normalised text. Output: hover Markdown (and
//! the built-in names for `{{ }}` completion).
//! Invariant: the texts say what the compiler emits (docs/language.md, the
//! clause and item tables) and what AWS documents for the built-ins; a word
//! that the index names (a parameter called `timeout`) is answered by the
//! index first, so this never hides a user's declaration.

use ssmc_core::span::Span;
use ssmc_core::syntax::lexer;
use ssmc_core::syntax::token::Tok;

use super::hover::HoverInfo;
use super::Analysis;

/// Keywords and what they emit (docs/language.md, sections 6 and 7).
const KEYWORD_DOCS: &[(&str, &str)] = &[
    ("automation", "`automation NAME { … }`: an Automation document (`schemaVersion: \"0.3\"`)."),
    ("command", "`command NAME { … }`: a Command document (`schemaVersion: \"2.2\"`)."),
    ("step", "`step NAME = ACTION { inputs } clauses`: one entry of `mainSteps`; `step NAME = if/guard/match/branch …` is an `aws:branch` step."),
    ("param", "`param NAME: Type [= default]`: an entry of `parameters`, referenced as `NAME` or `{{ NAME }}`."),
    ("var", "`var NAME: Type [= default]`: an entry of `variables` (Automation), referenced as `var.NAME` or `{{ variable:NAME }}` and set with `aws:updateVariable`."),
    ("secret", "`param NAME: String secret`: a secret parameter; the checker tracks where its value flows (it must come from a SecureString, never be logged)."),
    ("goto", "`goto STEP` emits `nextStep: \"STEP\"`: the step that runs after this one."),
    ("end", "`end` emits `isEnd: true`: the automation stops after this step."),
    ("on_failure", "`on_failure abort | continue | goto STEP` emits `onFailure: \"Abort\" | \"Continue\" | \"step:STEP\"`: what happens when the step fails (default `abort`)."),
    ("on_cancel", "`on_cancel abort | goto STEP` emits `onCancel`: what happens when the execution is cancelled during this step."),
    ("timeout", "`timeout 45s | 10m | 1h` emits `timeoutSeconds`: the step fails when it runs longer."),
    ("attempts", "`attempts N` emits `maxAttempts`: how often the step runs before it fails (the first attempt counts)."),
    ("critical", "`critical true | false` emits `isCritical`: whether the step's failure fails the whole automation."),
    ("outputs", "`outputs { Name: Type = \"$.selector\" }` (step clause) emits the step's `outputs`; `outputs [ Step.Out ]` (document item) emits the document's `outputs`."),
    ("description", "`description \"…\"` emits `description` (or write a `///` comment before the item)."),
    ("assume_role", "`assume_role EXPR` emits `assumeRole`: the IAM role the automation runs as (usually a parameter of type `AWS::IAM::Role::Arn`)."),
    ("defaults", "`defaults { clauses }`: clauses applied to every step that does not set them itself."),
    ("schema", "`schema \"2.2\"` overrides the `schemaVersion` the document kind gives."),
    ("raw", "`raw { … }`: keys emitted verbatim (for anything the language has no syntax for)."),
    ("if", "`step NAME = if COND { … } else { … }`: an `aws:branch` step whose arms are steps."),
    ("guard", "`step NAME = guard COND else end | goto STEP`: continue when COND holds, else end or jump."),
    ("match", "`step NAME = match VALUE { \"a\" -> STEP, else -> STEP }`: an `aws:branch` on equal values."),
    ("branch", "`step NAME = branch { when COND -> STEP, else -> STEP }`: a flat `aws:branch` step."),
    ("tags", "`tags { Key: \"value\" }`: deployment metadata, not emitted into the document."),
    ("files", "`files { … }` emits the Automation document's `files` (attachments)."),
    ("attachment", "`attachment \"name\" = file(\"path\")`: an entry of `files`."),
    ("lit", "`lit \"…\"`: a string whose `{{ … }}` is not a reference (emitted as written)."),
    ("lines", "`lines \"\"\"…\"\"\"`: a block string emitted as a list of its lines (`runCommand` for shell scripts)."),
    ("action", "`action \"aws:name\" for automation { input …; output … }`: declares an action's signature."),
    ("extern", "`extern action …`: declares an action that exists in AWS but not in the stdlib."),
    ("plugin", "`plugin ACTION { … }`: a `runtimeConfig` entry of a Command 1.2 document."),
];

/// `{{ automation:X }}` and `{{ global:X }}`, as the AWS Systems Manager docs describe them.
pub(super) const BUILTINS: &[(&str, &str)] = &[
    (
        "automation:EXECUTION_ID",
        "The ID of the running automation execution.",
    ),
    (
        "global:ACCOUNT_ID",
        "The AWS account ID the automation runs in.",
    ),
    (
        "global:REGION",
        "The AWS Region the automation runs in (`us-east-1`).",
    ),
    (
        "global:AWS_PARTITION",
        "The partition of the Region: `aws`, `aws-cn` or `aws-us-gov`.",
    ),
    (
        "global:DATE",
        "The date the automation started, `yyyy-MM-dd`.",
    ),
    (
        "global:DATE_TIME",
        "The date and time the automation started, `yyyy-MM-dd_HH.mm.ss`.",
    ),
];

/// The docs of a parameter type (docs/language.md, the types table).
fn type_docs(ty: &str) -> Option<String> {
    let plain = match ty {
        "String" => "a string (`\"type\": \"String\"`)",
        "Integer" => "a whole number (`\"type\": \"Integer\"`)",
        "Boolean" => "`true` or `false` (`\"type\": \"Boolean\"`)",
        "StringList" => "a list of strings (`\"type\": \"StringList\"`)",
        "StringMap" => "a map of string keys (`\"type\": \"StringMap\"`)",
        "MapList" => "a list of maps (`\"type\": \"MapList\"`)",
        _ => "",
    };
    if !plain.is_empty() {
        return Some(format!("```\n{ty}\n```\n\nParameter type: {plain}."));
    }
    if let Some(inner) = ty.strip_prefix("List<").and_then(|t| t.strip_suffix('>')) {
        if inner.starts_with("AWS::") {
            return Some(format!(
                "```\n{ty}\n```\n\nA list of `{inner}` values: a `StringList` at run time; the console offers a picker of existing resources."
            ));
        }
    }
    ty.starts_with("AWS::").then(|| {
        format!(
            "```\n{ty}\n```\n\nAn AWS resource type: a `String` at run time; SSM checks that the value names an existing resource of this type and the console offers a picker."
        )
    })
}

impl Analysis {
    /// Hover for a keyword, a built-in inside `{{ }}` or a parameter type.
    pub(super) fn hover_lexicon(&self, offset: u32) -> Option<HoverInfo> {
        if let Some(h) = self.hover_builtin(offset as usize) {
            return Some(h);
        }
        if let Some(h) = self.hover_type(offset) {
            return Some(h);
        }
        if self.raw.is_some() {
            // `.rbk` keywords mean nothing in JSON/YAML.
            return None;
        }
        let (span, word) = self.ident_at(offset)?;
        let docs = KEYWORD_DOCS.iter().find(|(k, _)| *k == word)?.1;
        Some(HoverInfo {
            markdown: format!("```\n{word}\n```\n\n{docs}"),
            span,
        })
    }

    /// The identifier token (not a string, not a comment) at `offset`, when
    /// it may be a keyword.
    fn ident_at(&self, offset: u32) -> Option<(Span, String)> {
        let o = offset as usize;
        // Lexing the whole file is most of a hover's cost (a 3,000-line
        // runbook: 6 M instructions). An identifier token at `o` lies within
        // the run of identifier characters around `o`, so without a keyword
        // inside that run there is no keyword to find.
        let bytes = self.text.as_bytes();
        let ident = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
        let left = bytes
            .get(..o)?
            .iter()
            .rev()
            .take_while(|b| ident(b))
            .count();
        let right = bytes.get(o..)?.iter().take_while(|b| ident(b)).count();
        let run = self.text.get(o - left..o + right)?;
        if !KEYWORD_DOCS.iter().any(|(k, _)| run.contains(k)) {
            return None;
        }
        lexer::lex(self.file, &self.text)
            .tokens
            .into_iter()
            .find(|(_, r)| r.start <= o && o <= r.end)
            .and_then(|(t, r)| match t {
                Tok::Ident(w) => Some((Span::new(self.file, r.start, r.end), w.to_string())),
                _ => None,
            })
    }

    fn hover_builtin(&self, offset: usize) -> Option<HoverInfo> {
        let (start, end) = word_around(&self.text, offset, |c| {
            c.is_ascii_alphanumeric() || c == '_' || c == ':'
        })?;
        let word = self.text.get(start..end)?;
        // Only inside `{{ … }}`: the word must follow an opening `{{` on its line.
        let before = self.text.get(..start)?;
        let line = before.get(before.rfind('\n').map_or(0, |i| i + 1)..)?;
        let open = line.rfind("{{")?;
        if line.get(open + 2..)?.trim() != "" {
            return None;
        }
        let docs = BUILTINS.iter().find(|(k, _)| *k == word)?.1;
        Some(HoverInfo {
            markdown: format!("```\n{{{{ {word} }}}}\n```\n\n{docs}"),
            span: Span::new(self.file, start, end),
        })
    }

    fn hover_type(&self, offset: u32) -> Option<HoverInfo> {
        use ssmc_core::syntax::ast::{DocItem, Item};
        for item in &self.ast.items {
            let Item::Document(doc) = item else { continue };
            for item in &doc.items {
                let ty = match item {
                    DocItem::Param(p) => &p.ty,
                    DocItem::Var(v) => &v.ty,
                    _ => continue,
                };
                if ty.span.start <= offset && offset <= ty.span.end {
                    return Some(HoverInfo {
                        markdown: type_docs(&ty.text)?,
                        span: ty.span,
                    });
                }
            }
        }
        None
    }
}

/// The run of `is_word` characters around `offset` (non-empty).
fn word_around(
    text: &str,
    offset: usize,
    is_word: impl Fn(char) -> bool,
) -> Option<(usize, usize)> {
    let before = text.get(..offset)?;
    let after = text.get(offset..)?;
    let start = offset
        - before
            .chars()
            .rev()
            .take_while(|c| is_word(*c))
            .map(char::len_utf8)
            .sum::<usize>();
    let end = offset
        + after
            .chars()
            .take_while(|c| is_word(*c))
            .map(char::len_utf8)
            .sum::<usize>();
    (start < end).then_some((start, end))
}
