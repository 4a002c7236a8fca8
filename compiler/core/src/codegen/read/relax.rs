//! libyaml's indentation leniency, as a second chance for yaml-rust2.
//!
//! Input: YAML text that yaml-rust2 refused for its indentation. Output: the
//! same text with spaces inserted at the start of some lines, and the map back
//! to the original offsets ([`Relaxed::original`]), or `None` when no line needs it.
//! Why: yaml-rust2 follows YAML 1.2's rule that flow collections and
//! multi-line quoted scalars are indented more than their parent block;
//! libyaml (what SSM, PyYAML and most users run) ignores indentation there, so
//! real documents write `Params: {` … `}` with the `}` under `Params`, or a
//! quoted string whose continuation lines start at column 0. Inside a flow
//! collection and inside a quoted scalar, leading spaces of a line carry no
//! meaning (YAML folds them away), so indenting such lines changes no value.
//! Invariants: only lines that start inside a flow collection or a quoted
//! scalar are touched, never a block scalar's content; the caller uses the
//! result only after the original text failed, so a document yaml-rust2
//! accepts is read exactly as before.

/// The relaxed text and where its inserted spaces are.
pub struct Relaxed {
    pub text: String,
    /// `(offset in the original text, spaces inserted there)`, ascending.
    insertions: Vec<(usize, usize)>,
}

impl Relaxed {
    /// The offset in the original text of byte `at` of the relaxed text
    /// (inserted spaces map to the start of their line).
    pub fn original(&self, at: usize) -> usize {
        let mut shift = 0;
        for &(offset, count) in &self.insertions {
            let start = offset + shift;
            if at < start {
                break;
            }
            if at < start + count {
                return offset;
            }
            shift += count;
        }
        at - shift
    }
}

/// The kind of an open quoted scalar.
#[derive(Clone, Copy, PartialEq)]
enum Quote {
    Single,
    Double,
}

struct Lexer {
    /// Columns (in characters) of the open flow collections' brackets, outermost first.
    flows: Vec<usize>,
    /// An open quoted scalar: its kind and the column of its opening quote.
    quote: Option<(Quote, usize)>,
    /// Inside a block scalar whose header line is indented this much.
    block_scalar: Option<usize>,
}

/// Indents the lines that libyaml would read with any indentation.
pub fn relax(text: &str) -> Option<Relaxed> {
    let mut lexer = Lexer {
        flows: Vec::new(),
        quote: None,
        block_scalar: None,
    };
    let mut out = String::with_capacity(text.len() + 64);
    let mut insertions = Vec::new();
    let mut offset = 0;
    let mut changed = false;
    for line in text.split_inclusive('\n') {
        let original_len = line.len();
        let content = line.trim_end_matches('\n');
        let indent = content.len() - content.trim_start_matches(' ').len();
        let blank = content.trim().is_empty();
        if let Some(parent) = lexer.block_scalar {
            if blank || indent > parent {
                out.push_str(line);
                offset += line.len();
                continue;
            }
            lexer.block_scalar = None;
        }
        let target = match (lexer.quote, lexer.flows.first()) {
            (Some((_, column)), _) => Some(column + 1),
            (None, Some(&column)) => Some(column + 1),
            (None, None) => None,
        };
        let mut line = std::borrow::Cow::Borrowed(line);
        let mut indent = indent;
        if let Some(target) = target.filter(|&t| !blank && indent < t) {
            insertions.push((offset, target - indent));
            // Columns from here on are the relaxed text's, as the lexer must see them.
            line = format!("{}{line}", " ".repeat(target - indent)).into();
            indent = target;
        }
        let tabs = lexer.line(line.trim_end_matches('\n'), indent);
        if tabs.is_empty() {
            out.push_str(&line);
        } else {
            // Same length, so offsets do not move.
            out.extend(
                line.chars()
                    .enumerate()
                    .map(|(i, c)| if tabs.contains(&i) { ' ' } else { c }),
            );
            changed = true;
        }
        offset += original_len;
    }
    (changed || !insertions.is_empty()).then_some(Relaxed {
        text: out,
        insertions,
    })
}

impl Lexer {
    /// Follows one line's flow brackets, quotes and block scalar headers, and
    /// returns the (character) places of tabs that separate a `:` from its
    /// value: libyaml takes them as it takes a space, yaml-rust2 refuses
    /// some.
    fn line(&mut self, line: &str, indent: usize) -> Vec<usize> {
        let chars: Vec<char> = line.chars().collect();
        let mut tabs = Vec::new();
        let mut i = match self.quote {
            Some((kind, _)) => match close_quote(&chars, 0, kind) {
                Some(end) => {
                    self.quote = None;
                    end
                }
                None => return tabs,
            },
            None => indent,
        };
        // A token may start here (not inside a plain scalar).
        let mut token_start = i == indent;
        while let Some(&c) = chars.get(i) {
            let next = chars.get(i + 1).copied();
            let blank_next = next.is_none_or(|n| n == ' ' || n == '\t');
            let in_flow = !self.flows.is_empty();
            match c {
                ' ' | '\t' => {
                    i += 1;
                    continue;
                }
                '#' if token_start || chars.get(i.wrapping_sub(1)).is_some_and(|p| *p == ' ') => {
                    return tabs
                }
                '{' | '[' if token_start || in_flow => {
                    self.flows.push(i);
                    token_start = true;
                }
                '}' | ']' if in_flow => {
                    self.flows.pop();
                    token_start = false;
                }
                ',' if in_flow => token_start = true,
                '-' | '?' | ':' if blank_next => {
                    token_start = true;
                    if c == ':' {
                        let run = chars
                            .iter()
                            .skip(i + 1)
                            .take_while(|c| **c == ' ' || **c == '\t');
                        tabs.extend(
                            run.enumerate()
                                .filter(|(_, c)| **c == '\t')
                                .map(|(k, _)| i + 1 + k),
                        );
                    }
                }
                ':' if in_flow => token_start = true,
                '\'' | '"' if token_start => {
                    let kind = if c == '\'' {
                        Quote::Single
                    } else {
                        Quote::Double
                    };
                    match close_quote(&chars, i + 1, kind) {
                        Some(end) => {
                            i = end;
                            token_start = false;
                            continue;
                        }
                        None => {
                            self.quote = Some((kind, i));
                            return tabs;
                        }
                    }
                }
                '|' | '>' if token_start && !in_flow => {
                    self.block_scalar = Some(indent);
                    return tabs;
                }
                '&' | '!' | '*' if token_start => {
                    while chars.get(i).is_some_and(|c| *c != ' ' && *c != '\t') {
                        i += 1;
                    }
                    token_start = c != '*';
                    continue;
                }
                _ => {
                    // A plain scalar: up to `: `, ` #`, or (in flow) an indicator.
                    i = plain_end(&chars, i, in_flow);
                    token_start = false;
                    continue;
                }
            }
            i += 1;
        }
        tabs
    }
}

/// Index just after the closing quote, searching from `from`; `None` if the
/// scalar goes on to the next line.
fn close_quote(chars: &[char], from: usize, kind: Quote) -> Option<usize> {
    let mut i = from;
    while let Some(&c) = chars.get(i) {
        match (kind, c) {
            (Quote::Double, '\\') => i += 1,
            (Quote::Double, '"') => return Some(i + 1),
            (Quote::Single, '\'') => {
                if chars.get(i + 1) == Some(&'\'') {
                    i += 1;
                } else {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Index where a plain scalar starting at `from` ends on this line.
fn plain_end(chars: &[char], from: usize, in_flow: bool) -> usize {
    let mut i = from;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        let ends_value = next.is_none_or(|n| {
            n == ' ' || n == '\t' || (in_flow && matches!(n, ',' | '[' | ']' | '{' | '}'))
        });
        match c {
            ':' if ends_value => return i,
            '#' if i > from && matches!(chars.get(i - 1), Some(' ' | '\t')) => return i,
            ',' | '[' | ']' | '{' | '}' if in_flow => return i,
            _ => {}
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relaxed(text: &str) -> String {
        relax(text).map_or_else(|| "<unchanged>".to_string(), |r| r.text)
    }

    #[test]
    fn indents_a_flow_map_closed_under_its_key() {
        let text = "a:\n  P: {\n    \"k\": [ 1 ],\n  }\n  q: 1\n";
        assert_eq!(
            relaxed(text),
            "a:\n  P: {\n      \"k\": [ 1 ],\n      }\n  q: 1\n"
        );
    }

    #[test]
    fn indents_the_continuation_of_a_quoted_scalar() {
        let text = "a:\n  m: \"x\ny\"\n  n: 'p\n\nq'\n";
        assert_eq!(
            relaxed(text),
            "a:\n  m: \"x\n      y\"\n  n: 'p\n\n      q'\n"
        );
    }

    #[test]
    fn leaves_block_scalars_and_comments_alone() {
        let text = "a: |\n  {\n  \"x\nb: 1 # {\nc: it's\n";
        assert_eq!(relaxed(text), "<unchanged>");
    }

    #[test]
    fn maps_offsets_back() {
        let text = "P: {\n}\n";
        let r = relax(text).expect("a line to indent");
        assert_eq!(r.text, "P: {\n    }\n");
        assert_eq!(r.original(5), 5);
        assert_eq!(r.original(8), 5);
        assert_eq!(r.original(9), 5);
        assert_eq!(r.original(10), 6);
    }
}
