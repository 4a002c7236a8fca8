//! Conversions between the analysis layer (byte spans of normalised text,
//! core diagnostics) and LSP types (UTF-16 positions).
//!
//! Input: an [`Analysis`] or raw document text and LSP positions/ranges.
//! Output: LSP ranges, diagnostics, symbols, folding ranges, hovers and
//! completion items; document text with content changes applied.
//! Invariant: any position a client sends is clamped into the text (past the
//! end of a line → end of that line, past the last line → end of text), so
//! no conversion can fail or panic.

use ssmc_core::span::{LineCol, LineIndex, Span};
use ssmc_core::{Diagnostic, Severity};
use tower_lsp_server::ls_types as lsp;

use crate::analysis::{
    Analysis, CodeAction, CodeActionKind, CompletionItem, CompletionKind, Edit, HoverInfo,
    InlayHint, InlayKind, SemToken, Symbol, SymbolKind, TokenKind, TOKEN_KINDS,
};

pub fn position(index: &LineIndex, offset: u32) -> lsp::Position {
    let lc = index.line_col_utf16(offset);
    lsp::Position::new(lc.line, lc.col)
}

pub fn range(index: &LineIndex, span: Span) -> lsp::Range {
    lsp::Range::new(position(index, span.start), position(index, span.end))
}

/// The byte offset of an LSP position (clamped into the text).
pub fn offset(index: &LineIndex, pos: lsp::Position) -> u32 {
    index.offset_utf16(LineCol {
        line: pos.line,
        col: pos.character,
    })
}

/// Applies one content change (a range edit, or the whole text) to `text`.
pub fn apply_change(text: &mut String, change: &lsp::TextDocumentContentChangeEvent) {
    let Some(r) = change.range else {
        text.clone_from(&change.text);
        return;
    };
    let index = LineIndex::new(text);
    let a = offset(&index, r.start) as usize;
    let b = offset(&index, r.end) as usize;
    let (start, end) = (a.min(b).min(text.len()), a.max(b).min(text.len()));
    if text.is_char_boundary(start) && text.is_char_boundary(end) {
        text.replace_range(start..end, &change.text);
    }
}

pub fn diagnostic(analysis: &Analysis, uri: &lsp::Uri, d: &Diagnostic) -> lsp::Diagnostic {
    let index = &analysis.index;
    let severity = match d.severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .filter_map(|l| {
            let location = if l.span.file == analysis.file {
                lsp::Location::new(uri.clone(), range(index, l.span))
            } else {
                // Another workspace file (the other document of a duplicate
                // name): its source-map name is its URI.
                let other = analysis.sources.get(l.span.file)?;
                let other_uri = crate::workspace::uri_of_file_name(&other.name)
                    .filter(|u| u.as_str().starts_with("file:"))?;
                lsp::Location::new(other_uri, range(&other.lines, l.span))
            };
            Some(lsp::DiagnosticRelatedInformation {
                location,
                message: l.text.clone(),
            })
        })
        .collect();
    lsp::Diagnostic {
        range: range(index, d.primary.span),
        severity: Some(severity),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        code_description: crate::workspace::code_href(analysis.lint.docs_url.as_deref(), d.code)
            .map(|href| lsp::CodeDescription { href }),
        source: Some("ssmc".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..lsp::Diagnostic::default()
    }
}

pub fn diagnostics(analysis: &Analysis, uri: &lsp::Uri) -> Vec<lsp::Diagnostic> {
    analysis
        .diagnostics
        .iter()
        .map(|d| diagnostic(analysis, uri, d))
        .collect()
}

/// One edit replacing the whole raw text with `formatted`, or none when equal.
pub fn format_edits(raw: &str, formatted: &str) -> Vec<lsp::TextEdit> {
    if raw == formatted {
        return Vec::new();
    }
    let index = LineIndex::new(raw);
    let end = position(&index, u32::try_from(raw.len()).unwrap_or(u32::MAX));
    vec![lsp::TextEdit::new(
        lsp::Range::new(lsp::Position::new(0, 0), end),
        formatted.to_string(),
    )]
}

#[expect(deprecated, reason = "DocumentSymbol::deprecated must be given")]
pub fn symbol(index: &LineIndex, s: &Symbol) -> lsp::DocumentSymbol {
    let kind = match s.kind {
        SymbolKind::Document => lsp::SymbolKind::MODULE,
        SymbolKind::Action => lsp::SymbolKind::INTERFACE,
        SymbolKind::Param => lsp::SymbolKind::PROPERTY,
        SymbolKind::Var => lsp::SymbolKind::VARIABLE,
        SymbolKind::Step => lsp::SymbolKind::FUNCTION,
    };
    let children: Vec<lsp::DocumentSymbol> = s.children.iter().map(|c| symbol(index, c)).collect();
    let full = range(index, s.span);
    let mut selection = range(index, s.selection);
    // The protocol requires the selection inside the full range.
    if selection.start < full.start || selection.end > full.end {
        selection = full;
    }
    lsp::DocumentSymbol {
        name: if s.name.is_empty() {
            "?".to_string()
        } else {
            s.name.clone()
        },
        detail: s.detail.clone(),
        kind,
        tags: None,
        deprecated: None,
        range: full,
        selection_range: selection,
        children: (!children.is_empty()).then_some(children),
    }
}

pub fn folding_ranges(analysis: &Analysis) -> Vec<lsp::FoldingRange> {
    let index = &analysis.index;
    let mut out: Vec<lsp::FoldingRange> = analysis
        .folding_spans()
        .into_iter()
        .filter_map(|span| {
            let start = index.line_col_utf16(span.start).line;
            let end = index.line_col_utf16(span.end).line;
            (end > start).then_some(lsp::FoldingRange {
                start_line: start,
                end_line: end,
                ..lsp::FoldingRange::default()
            })
        })
        .collect();
    out.sort_by_key(|f| (f.start_line, f.end_line));
    out.dedup_by_key(|f| (f.start_line, f.end_line));
    out
}

pub fn hover(index: &LineIndex, h: HoverInfo) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: h.markdown,
        }),
        range: Some(range(index, h.span)),
    }
}

pub fn completion_item(index: &LineIndex, c: CompletionItem) -> lsp::CompletionItem {
    let kind = match c.kind {
        CompletionKind::Keyword => lsp::CompletionItemKind::KEYWORD,
        CompletionKind::Action => lsp::CompletionItemKind::FUNCTION,
        CompletionKind::Input => lsp::CompletionItemKind::FIELD,
        CompletionKind::Param => lsp::CompletionItemKind::VARIABLE,
        CompletionKind::Var => lsp::CompletionItemKind::VARIABLE,
        CompletionKind::Step => lsp::CompletionItemKind::REFERENCE,
        CompletionKind::Output => lsp::CompletionItemKind::FIELD,
        CompletionKind::AwsService => lsp::CompletionItemKind::MODULE,
        CompletionKind::AwsApi => lsp::CompletionItemKind::METHOD,
        CompletionKind::AwsField => lsp::CompletionItemKind::PROPERTY,
        CompletionKind::AwsValue => lsp::CompletionItemKind::ENUM_MEMBER,
        CompletionKind::Document => lsp::CompletionItemKind::FILE,
    };
    // An item with its own range replaces it (a whole service name with its `-`s,
    // a selector's `.` turned into `[0]`); the text is the insert text or the label.
    let (insert_text, text_edit) = match c.replace {
        Some(span) => {
            let text = c.insert_text.unwrap_or_else(|| c.label.clone());
            let edit = lsp::TextEdit::new(range(index, span), text);
            (None, Some(lsp::CompletionTextEdit::Edit(edit)))
        }
        None => (c.insert_text, None),
    };
    lsp::CompletionItem {
        label: c.label,
        kind: Some(kind),
        detail: c.detail,
        documentation: c.documentation.map(|d| {
            lsp::Documentation::MarkupContent(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: d,
            })
        }),
        insert_text,
        text_edit,
        insert_text_format: c.snippet.then_some(lsp::InsertTextFormat::SNIPPET),
        sort_text: c.sort_text,
        filter_text: c.filter_text,
        ..lsp::CompletionItem::default()
    }
}

pub fn text_edit(a: &Analysis, e: &Edit) -> lsp::TextEdit {
    lsp::TextEdit::new(range(&a.index, e.span), e.text.clone())
}

pub fn code_action(a: &Analysis, uri: &lsp::Uri, c: CodeAction) -> lsp::CodeAction {
    let edits = c.edits.iter().map(|e| text_edit(a, e)).collect();
    let diagnostic = a
        .diagnostics
        .get(c.diagnostic)
        .map(|d| diagnostic(a, uri, d));
    lsp::CodeAction {
        title: c.title,
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(lsp::WorkspaceEdit {
            changes: Some(std::collections::HashMap::from([(uri.clone(), edits)])),
            ..lsp::WorkspaceEdit::default()
        }),
        is_preferred: Some(
            c.kind == CodeActionKind::QuickFix
                && c.applicability == ssmc_core::diagnostic::Applicability::Safe,
        ),
        ..lsp::CodeAction::default()
    }
}

fn token_type(k: TokenKind) -> lsp::SemanticTokenType {
    match k {
        TokenKind::Keyword => lsp::SemanticTokenType::KEYWORD,
        TokenKind::String => lsp::SemanticTokenType::STRING,
        TokenKind::Number => lsp::SemanticTokenType::NUMBER,
        TokenKind::Comment => lsp::SemanticTokenType::COMMENT,
        TokenKind::Parameter => lsp::SemanticTokenType::PARAMETER,
        TokenKind::Variable => lsp::SemanticTokenType::VARIABLE,
        TokenKind::Step => lsp::SemanticTokenType::FUNCTION,
        TokenKind::Property => lsp::SemanticTokenType::PROPERTY,
        TokenKind::Action => lsp::SemanticTokenType::MACRO,
    }
}

/// The legend: token types in [`TOKEN_KINDS`] order; one modifier, `declaration`.
pub fn semantic_legend() -> lsp::SemanticTokensLegend {
    lsp::SemanticTokensLegend {
        token_types: TOKEN_KINDS.iter().map(|k| token_type(*k)).collect(),
        token_modifiers: vec![lsp::SemanticTokenModifier::DECLARATION],
    }
}

/// Relative (delta) encoding of single-line tokens, lengths in UTF-16 units.
pub fn semantic_tokens(a: &Analysis, tokens: &[SemToken]) -> Vec<lsp::SemanticToken> {
    let mut out = Vec::with_capacity(tokens.len());
    let (mut prev_line, mut prev_col) = (0u32, 0u32);
    // Where the previous token started: a token on the same line counts its
    // column on from there, so a long line costs its length once, not once
    // per token on it (`line_col_utf16` counts from the line's start).
    let mut prev_start: Option<u32> = None;
    for t in tokens {
        let gap = prev_start
            .filter(|p| *p <= t.start)
            .and_then(|p| a.text.get(p as usize..t.start as usize))
            .filter(|gap| !gap.contains('\n'));
        let start = match gap {
            Some(gap) => LineCol {
                line: prev_line,
                col: prev_col
                    .saturating_add(u32::try_from(gap.encode_utf16().count()).unwrap_or(u32::MAX)),
            },
            None => a.index.line_col_utf16(t.start),
        };
        prev_start = Some(t.start);
        let len: usize = a
            .text
            .get(t.start as usize..t.end as usize)
            .map_or(0, |s| s.encode_utf16().count());
        let Ok(length) = u32::try_from(len) else {
            continue;
        };
        if length == 0 {
            continue;
        }
        let delta_line = start.line.saturating_sub(prev_line);
        let delta_start = if delta_line == 0 {
            start.col.saturating_sub(prev_col)
        } else {
            start.col
        };
        out.push(lsp::SemanticToken {
            delta_line,
            delta_start,
            length,
            token_type: t.kind.index(),
            token_modifiers_bitset: u32::from(t.declaration),
        });
        (prev_line, prev_col) = (start.line, start.col);
    }
    out
}

pub fn inlay_hint(a: &Analysis, h: &InlayHint) -> lsp::InlayHint {
    lsp::InlayHint {
        position: position(&a.index, h.offset),
        label: lsp::InlayHintLabel::String(h.label.clone()),
        kind: Some(match h.kind {
            InlayKind::Type => lsp::InlayHintKind::TYPE,
            InlayKind::Value => lsp::InlayHintKind::PARAMETER,
        }),
        text_edits: None,
        tooltip: None,
        padding_left: Some(h.kind == InlayKind::Value),
        padding_right: None,
        data: None,
    }
}

/// "Import as .rbk" for a JSON/YAML SSM document at `uri`: creates the
/// sibling `NAME.rbk` holding `ssmc import`'s output. Not offered when that
/// file exists (the create would fail rather than overwrite it) or `uri` is
/// not a `file:` URI.
pub fn import_action(a: &Analysis, uri: &lsp::Uri) -> Option<lsp::CodeAction> {
    let (name, text) = a.import_rbk()?;
    let path = uri.to_file_path()?.parent()?.join(&name);
    if path.exists() {
        return None;
    }
    let target = lsp::Uri::from_file_path(&path)?;
    let create = lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Create(lsp::CreateFile {
        uri: target.clone(),
        options: Some(lsp::CreateFileOptions {
            overwrite: Some(false),
            ignore_if_exists: Some(false),
        }),
        annotation_id: None,
    }));
    let fill = lsp::DocumentChangeOperation::Edit(lsp::TextDocumentEdit {
        text_document: lsp::OptionalVersionedTextDocumentIdentifier {
            uri: target,
            version: None,
        },
        edits: vec![lsp::OneOf::Left(lsp::TextEdit::new(
            lsp::Range::default(),
            text,
        ))],
    });
    Some(lsp::CodeAction {
        title: format!("Import as .rbk ({name})"),
        kind: Some(lsp::CodeActionKind::REFACTOR_REWRITE),
        edit: Some(lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Operations(vec![create, fill])),
            ..lsp::WorkspaceEdit::default()
        }),
        ..lsp::CodeAction::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(
        l1: u32,
        c1: u32,
        l2: u32,
        c2: u32,
        text: &str,
    ) -> lsp::TextDocumentContentChangeEvent {
        lsp::TextDocumentContentChangeEvent {
            range: Some(lsp::Range::new(
                lsp::Position::new(l1, c1),
                lsp::Position::new(l2, c2),
            )),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn incremental_edits_count_utf16_units() {
        // `😀` is two UTF-16 units: column 3 on line 1 is right after it.
        let mut text = "a\n😀x = 1\n".to_string();
        apply_change(&mut text, &change(1, 2, 1, 3, "y"));
        assert_eq!(text, "a\n😀y = 1\n");
        // A position inside the surrogate pair never splits the character.
        apply_change(&mut text, &change(1, 1, 1, 1, "!"));
        assert!(text.is_char_boundary(text.len()) && text.contains("😀"));
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let mut text = "ab\ncd".to_string();
        apply_change(&mut text, &change(9, 9, 99, 0, "!"));
        assert_eq!(text, "ab\ncd!");
        apply_change(&mut text, &change(0, 50, 0, 1, "-"));
        assert_eq!(text, "a-\ncd!", "reversed range is normalised");
        apply_change(
            &mut text,
            &lsp::TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "whole".to_string(),
            },
        );
        assert_eq!(text, "whole");
    }

    #[test]
    fn ranges_are_utf16_and_format_edit_covers_the_raw_text() {
        let index = LineIndex::new("é😀z\n");
        let file = ssmc_core::FileId(0);
        let r = range(&index, Span::new(file, 6, 7));
        assert_eq!((r.start.character, r.end.character), (3, 4));
        let edits = format_edits("x\r\ny", "x\ny\n");
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].range.end, lsp::Position::new(1, 1));
        assert!(format_edits("same\n", "same\n").is_empty());
    }

    fn uri() -> lsp::Uri {
        "file:///p/test.rbk".parse().expect("uri")
    }

    #[test]
    fn each_diagnostic_links_to_its_code_in_the_registry_page() {
        let src = "/// Says hello.\ncommand Hello {\n  /// The name.\n  param Name: String\n  step Run = aws:runShellScript { runCommand: [\"echo {{ Nmae }}\"] }\n}\n";
        let mut a = Analysis::new("test.rbk", src, &ssmc_core::lower::NoFiles);
        let lsp_diags = diagnostics(&a, &uri());
        let e1010 = lsp_diags
            .iter()
            .find(|d| d.code == Some(lsp::NumberOrString::String("E1010".into())))
            .expect("E1010");
        let href = e1010.code_description.as_ref().expect("a codeDescription");
        assert_eq!(
            href.href.as_str(),
            "ssmc-stdlib:///docs/rules.md#e1010-unknown-parameter"
        );
        // The server serves that page: the registry's docs/rules.md.
        let page = crate::workspace::stdlib_text(&href.href).expect("served");
        assert!(page.contains("## E1010 unknown-parameter"));
        assert!(lsp_diags.iter().all(|d| d.code_description.is_some()));
        // A project's `[lint] docs_url` is where the published page lives.
        a.lint.docs_url = Some("https://example.com/ssmc/rules.md".into());
        let d = diagnostic(&a, &uri(), &a.diagnostics[0]);
        let want = format!(
            "https://example.com/ssmc/rules.md#{}",
            ssmc_core::codes::docs::anchor(a.diagnostics[0].code)
        );
        assert_eq!(
            d.code_description.map(|c| c.href.as_str().to_string()),
            Some(want)
        );
    }

    #[test]
    fn an_unsafe_quick_fix_is_never_preferred() {
        // SSM401's runtime upgrade is unsafe; SSM302's `secret` is safe.
        let src = "/// Runs.\nautomation Run {\n  tags { Team: \"ops\" }\n  /// A role.\n  param AutomationAssumeRole: AWS::IAM::Role::Arn\n  /// A password.\n  param DbPassword: String\n  step Old = aws:executeScript { Runtime: \"python3.6\", Handler: \"main\", Script: \"def main(e, c):\\n    return {}\\n\" }\n}\n";
        let a = Analysis::new("test.rbk", src, &ssmc_core::lower::NoFiles);
        let actions: Vec<lsp::CodeAction> = a
            .code_actions(0, u32::try_from(src.len()).expect("small"))
            .into_iter()
            .filter(|c| c.kind == CodeActionKind::QuickFix)
            .map(|c| code_action(&a, &uri(), c))
            .collect();
        let runtime = actions
            .iter()
            .find(|c| c.title.contains("SSM401"))
            .expect("the runtime fix");
        assert!(runtime.title.contains("unsafe"), "{}", runtime.title);
        assert_eq!(runtime.is_preferred, Some(false));
        let secret = actions
            .iter()
            .find(|c| c.title.contains("SSM302"))
            .expect("the secret fix");
        assert_eq!(secret.is_preferred, Some(true));
    }

    /// A call to a name two workspace documents are deployed as (W1022), in
    /// a raw YAML document: each document is a related location in its own
    /// file (the workspace's files keep their ids in a raw analysis).
    #[test]
    fn an_ambiguous_call_relates_both_documents_in_their_files() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/documents/ambiguous_deployed_name");
        let read = |rel: &str| std::fs::read_to_string(root.join(rel)).expect("fixture");
        let linux = read("run-command/cpu-stress.yml");
        let windows = read("run-command/windows/cpu-stress.yml");
        let caller = read("automation/stress-via-rc.yml");
        let context = [
            crate::analysis::ContextFile {
                name: "file:///p/run-command/cpu-stress.yml",
                text: &linux,
            },
            crate::analysis::ContextFile {
                name: "file:///p/run-command/windows/cpu-stress.yml",
                text: &windows,
            },
        ];
        let name = "file:///p/automation/stress-via-rc.yml";
        let a = Analysis::with_context(name, &caller, &ssmc_core::lower::NoFiles, &context);
        let me: lsp::Uri = name.parse().expect("uri");
        let lsp_diags = diagnostics(&a, &me);
        let codes: Vec<_> = lsp_diags.iter().filter_map(|d| d.code.clone()).collect();
        assert_eq!(
            codes,
            [
                lsp::NumberOrString::String("W1022".into()),
                lsp::NumberOrString::String("E1060".into())
            ],
            "{lsp_diags:#?}"
        );
        let related = lsp_diags[0]
            .related_information
            .as_ref()
            .expect("both documents");
        let places: Vec<(&str, u32)> = related
            .iter()
            .map(|r| (r.location.uri.as_str(), r.location.range.start.line))
            .collect();
        // Each document's first line after its comment (line 1, 0-based).
        assert_eq!(
            places,
            [
                ("file:///p/run-command/cpu-stress.yml", 1),
                ("file:///p/run-command/windows/cpu-stress.yml", 1)
            ]
        );
        assert!(related[1].message.contains("with parameters duration"));
    }
}
