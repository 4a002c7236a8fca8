//! Input-key completion in YAML SSM documents: at a key position inside a
//! step's `inputs:` map, the inputs of the step's `action:` not yet written.
//!
//! Input: the normalised text and a byte offset. Output: completion items
//! (required inputs first) replacing the key being typed. Invariant: the
//! place is read from the lines' indentation, so the line being typed need
//! not parse; JSON documents are not served here (their keys are quoted and
//! their nesting is not in the indentation).

use super::complete::{CompletionItem, CompletionKind};
use super::Analysis;

/// One line of the text: where it starts, its mapping key's column and the
/// text from that column (list markers `- ` count as indentation, as YAML
/// reads `  - name: X`: the key `name` is at column 4).
pub(super) struct Line<'a> {
    pub(super) start: usize,
    pub(super) column: usize,
    pub(super) body: &'a str,
    /// The line opens a list item (`- key: …`): it starts a step's mapping.
    pub(super) item: bool,
}

impl Line<'_> {
    pub(super) fn is_blank(&self) -> bool {
        self.body.is_empty() || self.body.starts_with('#')
    }

    /// The key this line writes (`action` in `action: aws:sleep`).
    pub(super) fn key(&self) -> Option<&str> {
        let (key, _) = self.body.split_once(':')?;
        let key = key.trim().trim_matches(['"', '\'']);
        (!key.is_empty()).then_some(key)
    }

    /// The plain or quoted scalar after the key's colon.
    pub(super) fn value(&self) -> &str {
        self.body
            .split_once(':')
            .map_or("", |(_, v)| v.trim().trim_matches(['"', '\'']))
    }
}

pub(super) fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in text.split('\n') {
        let mut column = raw.len() - raw.trim_start_matches(' ').len();
        let mut body = raw.get(column..).unwrap_or("");
        let mut item = false;
        while let Some(rest) = body.strip_prefix("- ") {
            let pad = rest.len() - rest.trim_start_matches(' ').len();
            column += 2 + pad;
            body = rest.get(pad..).unwrap_or("");
            item = true;
        }
        out.push(Line {
            start,
            column,
            body: body.trim_end(),
            item,
        });
        start += raw.len() + 1;
    }
    out
}

/// The lines of the mapping that holds line `at`, whose keys are at
/// `column`: from the list item that opens it (`- name: …`) to the line
/// before the next item or the next line left of `column`.
pub(super) fn siblings<'t, 'a>(all: &'t [Line<'a>], at: usize, column: usize) -> Vec<&'t Line<'a>> {
    let opens = |l: &Line| l.item && l.column == column;
    let mut first = at;
    while first > 0 && !all.get(first).is_some_and(opens) {
        match all.get(first - 1) {
            Some(l) if !l.is_blank() && l.column < column => break,
            _ => first -= 1,
        }
    }
    let mut out = Vec::new();
    for (i, l) in all.iter().enumerate().skip(first) {
        if l.is_blank() {
            continue;
        }
        if i > first && (l.column < column || opens(l)) {
            break;
        }
        if l.column == column {
            out.push(l);
        }
    }
    out
}

impl Analysis {
    /// At a key of a step's `inputs:` map in a YAML document: that step's
    /// action's inputs not yet written, required first. `None` elsewhere.
    pub(super) fn complete_yaml_inputs(&self, offset: usize) -> Option<Vec<CompletionItem>> {
        if self.raw != Some(ssmc_core::codegen::Format::Yaml) {
            return None;
        }
        let all = lines(&self.text);
        let cur = all.iter().rposition(|l| l.start <= offset)?;
        let line = all.get(cur)?;
        let typed = self.text.get(line.start..offset)?.trim_start_matches(' ');
        if line.item || !typed.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        let column = offset - line.start - typed.len();
        // The map the cursor's key belongs to: the nearest line above, left of it.
        let parent = (0..cur).rev().find(|&i| {
            all.get(i)
                .is_some_and(|l| !l.is_blank() && l.column < column)
        })?;
        let inputs = all.get(parent)?;
        if inputs.key() != Some("inputs") || !inputs.value().is_empty() {
            return None;
        }
        let action = siblings(&all, parent, inputs.column)
            .into_iter()
            .find(|l| l.key() == Some("action"))?
            .value()
            .to_string();
        let sig = self.catalog.action(&action)?;
        let present: Vec<&str> = all
            .iter()
            .enumerate()
            .skip(parent + 1)
            .take_while(|(_, l)| l.is_blank() || l.column > inputs.column)
            .filter(|(i, l)| *i != cur && l.column == column && !l.item)
            .filter_map(|(_, l)| l.key())
            .collect();
        let is_key = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let replace = self.replace_span(offset - typed.len(), offset, is_key);
        let mut items: Vec<CompletionItem> = sig
            .inputs
            .iter()
            .filter(|i| !present.contains(&i.name.as_str()))
            .map(|i| {
                let req = if i.required { "required" } else { "optional" };
                CompletionItem {
                    detail: Some(format!("{} ({req})", i.ty)),
                    documentation: (!i.docs.is_empty()).then(|| i.docs.clone()),
                    insert_text: Some(format!("{}: $1", i.name)),
                    snippet: true,
                    sort_text: Some(format!("{}_{}", u8::from(!i.required), i.name)),
                    replace: Some(replace),
                    ..CompletionItem::new(i.name.clone(), CompletionKind::Input)
                }
            })
            .collect();
        items.sort_by(|a, b| a.sort_text.cmp(&b.sort_text));
        Some(items)
    }
}
