//! Navigation queries: document highlight, links of `file("…")`, selection
//! ranges, signature help for action inputs and code lenses above documents.
//!
//! Input: a byte offset (or nothing) in the normalised text. Output: spans
//! and plain data; the server converts them.
//! Invariants: everything comes from the name index, the lexer and the
//! catalog already used by the other queries; no offset panics.

use ssmc_core::span::Span;
use ssmc_core::syntax::lexer;
use ssmc_core::syntax::token::Tok;

use super::Analysis;

/// One action's inputs, for signature help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// `aws:sleep { Duration: String }`.
    pub label: String,
    pub docs: String,
    /// Each input's text inside `label` (`Duration: String`) and its docs.
    pub params: Vec<(String, String)>,
    /// The input whose key is on the cursor's line, if any.
    pub active: Option<usize>,
}

/// What a code lens above a document runs (client commands).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LensCommand {
    Graph,
    Compiled,
    Build,
}

impl LensCommand {
    pub const ALL: [LensCommand; 3] = [
        LensCommand::Graph,
        LensCommand::Compiled,
        LensCommand::Build,
    ];

    pub fn title(self) -> &'static str {
        match self {
            LensCommand::Graph => "Show flow graph",
            LensCommand::Compiled => "Show compiled document",
            LensCommand::Build => "Build",
        }
    }

    /// The command id the VS Code extension registers (the Neovim plugin too).
    pub fn command(self) -> &'static str {
        match self {
            LensCommand::Graph => "ssmc.showFlowGraph",
            LensCommand::Compiled => "ssmc.showCompiledDocument",
            LensCommand::Build => "ssmc.buildCurrentFile",
        }
    }
}

impl Analysis {
    /// Every place in this file naming what the name at `offset` names,
    /// each marked when it is the definition (a "write").
    pub fn highlights(&self, offset: u32) -> Vec<(Span, bool)> {
        let Some(occ) = self.occurrence_at(offset) else {
            return Vec::new();
        };
        self.references(offset, true)
            .into_iter()
            .filter(|s| s.file == self.file)
            .map(|s| {
                let def = self
                    .occurrences()
                    .iter()
                    .any(|o| o.span == s && o.is_def && o.target == occ.target);
                (s, def)
            })
            .collect()
    }

    /// The path strings of `file("…")` calls: the span of the string (its
    /// quotes excluded) and the relative path written.
    pub fn file_links(&self) -> Vec<(Span, String)> {
        if self.raw.is_some() {
            return Vec::new();
        }
        let tokens = lexer::lex(self.file, &self.text).tokens;
        let mut out = Vec::new();
        for w in tokens.windows(3) {
            let [(Tok::Ident(f), _), (Tok::LParen, _), (Tok::Str(s), r)] = w else {
                continue;
            };
            if f.as_str() != "file" || s.value.as_str().is_empty() {
                continue;
            }
            let Some(src) = self.text.get(r.clone()) else {
                continue;
            };
            // The value written verbatim between its quotes (no escapes).
            let Some(at) = src.find(s.value.as_str()) else {
                continue;
            };
            let start = r.start + at;
            out.push((
                Span::new(self.file, start, start + s.value.len()),
                s.value.to_string(),
            ));
        }
        out
    }

    /// The spans around `offset`, innermost first: the name there, its step
    /// (and the steps around a nested one), its document, the whole file.
    pub fn selection_spans(&self, offset: u32) -> Vec<Span> {
        let mut out: Vec<Span> = Vec::new();
        if let Some(o) = self.occurrence_at(offset) {
            out.push(o.span);
        }
        let inside = |s: &Span| s.start <= offset && offset <= s.end;
        for d in (0..)
            .map_while(|i| self.defs(i))
            .filter(|d| inside(&d.span))
        {
            let mut steps: Vec<Span> = d.steps.iter().map(|s| s.span).filter(inside).collect();
            steps.sort_by_key(|s| s.len());
            out.extend(steps);
            out.push(d.span);
        }
        let len = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        out.push(Span::new(self.file, 0, len as usize));
        // Each range must contain the one before it.
        let mut chain: Vec<Span> = Vec::new();
        for s in out {
            if chain
                .last()
                .is_none_or(|l| s.start <= l.start && l.end <= s.end && s != *l)
            {
                chain.push(s);
            }
        }
        chain
    }

    /// The inputs of the action whose `{ … }` holds `offset`, with the input
    /// on the cursor's line active.
    pub fn signature(&self, offset: u32) -> Option<Signature> {
        let offset = (offset as usize).min(self.text.len());
        let before = self.text.get(..offset)?;
        let (_, action) = super::aws_text::step_inputs(&self.text, offset)?;
        let sig = self.catalog.action(&action)?;
        let mut inputs: Vec<_> = sig.inputs.iter().collect();
        inputs.sort_by_key(|i| !i.required);
        let params: Vec<(String, String)> = inputs
            .iter()
            .map(|i| {
                let opt = if i.required { "" } else { "?" };
                (format!("{}{opt}: {}", i.name, i.ty), i.docs.clone())
            })
            .collect();
        let label = format!(
            "{} {{ {} }}",
            sig.name,
            params
                .iter()
                .map(|(p, _)| p.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        // The key written last before the cursor on its line (`Duration: "PT`).
        let line = before.get(before.rfind('\n').map_or(0, |i| i + 1)..)?;
        let key = line.rsplit([',', '{']).find_map(|part| {
            let (k, _) = part.split_once(':')?;
            let k = k.trim();
            (!k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then_some(k)
        });
        let active = key.and_then(|k| inputs.iter().position(|i| i.name == k));
        Some(Signature {
            label,
            docs: sig.docs.clone(),
            params,
            active,
        })
    }

    /// Where code lenses go: the name of each document of the file.
    pub fn lens_spans(&self) -> Vec<Span> {
        if self.raw.is_some() {
            return Vec::new();
        }
        self.symbols()
            .into_iter()
            .filter(|s| s.kind == super::SymbolKind::Document)
            .map(|s| s.selection)
            .collect()
    }
}
