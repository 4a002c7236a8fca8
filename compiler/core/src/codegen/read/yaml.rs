//! YAML text into a positioned value tree, via yaml-rust2's event parser.
//!
//! Input: YAML text (a BOM and CRLF line ends are accepted; spans are byte
//! offsets into the normalised text). Output: a [`Node`] with a span on every
//! value and key, or one located [`Diagnostic`].
//! Invariants: plain scalars mean what PyYAML's YAML 1.1 `SafeLoader` makes of
//! them ([`resolve_plain`]); quoted and block scalars are strings; the core
//! scalar tags (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`) build what
//! PyYAML builds from them, in any style; the non-specific tag `!` resolves
//! a scalar of any style as a plain one (as PyYAML does); other tags are ignored; merge keys (`<<`) merge as PyYAML does; a repeated
//! key keeps its first position and takes the last value; aliases are expanded
//! within a budget of [`MAX_ALIAS_NODES`] nodes and [`MAX_ALIAS_BYTES`] bytes of
//! text (a few long strings repeated can be huge in few nodes); nesting deeper than
//! [`MAX_DEPTH`] (aliases included) is an error; a file with more than one
//! document is an error; an empty file is `null`.

use super::json::insert;
use super::relax::{relax, Relaxed};
use super::resolve::{resolve_plain, resolve_tagged, Resolved};
use super::{codes, MAX_ALIAS_BYTES, MAX_ALIAS_NODES, MAX_DEPTH};
use crate::codegen::json::format_float;
use crate::diagnostic::Diagnostic;
use crate::model::{Key, Node, Value};
use crate::span::{normalize_source, FileId, Span};
use std::collections::HashMap;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, ScanError, TScalarStyle};

/// Parses a single-document YAML file.
pub fn parse_yaml(file: FileId, text: &str) -> Result<Node, Diagnostic> {
    let text = normalize_source(text);
    // yaml-rust2 takes a NUL for the end of the stream and would silently
    // drop everything after it; YAML does not allow the character at all.
    if let Some(at) = text.find('\0') {
        return Err(Diagnostic::error(
            codes::INVALID_YAML,
            Span::new(file, at, at + 1),
            "a NUL byte in the YAML text",
        )
        .with_label("NUL character here")
        .with_help("YAML does not allow NUL; remove it or save the file as UTF-8 text"));
    }
    match read(file, &text, None) {
        Err(first) if first.code == codes::INVALID_YAML => {
            // libyaml ignores indentation inside flow collections and quoted
            // scalars; yaml-rust2 does not (see `relax`). Second chance only, so
            // what yaml-rust2 reads is read exactly as before.
            let Some(relaxed) = relax(&text) else {
                return Err(first);
            };
            read(file, &relaxed.text, Some(&relaxed)).map_err(|_| first)
        }
        result => result,
    }
}

/// Reads `text`; spans are mapped back through `relaxed` when the text is a
/// relaxed copy of the file.
fn read(file: FileId, text: &str, relaxed: Option<&Relaxed>) -> Result<Node, Diagnostic> {
    let mut reader = Reader {
        file,
        relaxed,
        text,
        offsets: CharOffsets::new(text),
        frames: Vec::new(),
        anchors: HashMap::new(),
        expanded: 0,
        expanded_bytes: 0,
        documents: 0,
        root: None,
    };
    let mut parser = Parser::new_from_str(text);
    // Where the previous event's text ends (a block scalar's header follows it).
    let mut prev_end = 0;
    loop {
        let (event, mark) = parser.next_token().map_err(|e| reader.scan_error(&e))?;
        let at = reader.offsets.byte(mark);
        if !matches!(event, Event::Scalar(..)) {
            prev_end = at;
        }
        match event {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                reader.documents += 1;
                if reader.documents > 1 {
                    return Err(Diagnostic::error(
                        codes::MULTIPLE_DOCUMENTS,
                        reader.span(at, at + 3),
                        "more than one YAML document in the file",
                    )
                    .with_label("a second document starts here")
                    .with_help(
                        "an SSM document is one YAML document; split the file or remove the `---`",
                    ));
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                let block = matches!(style, TScalarStyle::Literal | TScalarStyle::Folded);
                // yaml-rust2 marks a block scalar where it ends when its lines are
                // all empty; its header is the first `|`/`>` after the previous event.
                let header = block.then(|| reader.block_header(prev_end, at));
                let at = header.map_or(at, |(h, _, _)| h.min(at));
                let end = if block {
                    let next = parser.peek().map(|(_, m)| *m).ok();
                    reader.block_end(at, next)
                } else {
                    reader.scalar_end(at, style, &value)
                };
                prev_end = end;
                let mut value = value;
                // yaml-rust2 keeps a final line break that is not in the text when a
                // block scalar's last line ends the file; PyYAML and libyaml do not.
                if matches!(style, TScalarStyle::Literal | TScalarStyle::Folded)
                    && end == text.len()
                    && !text.ends_with('\n')
                    && value.ends_with('\n')
                {
                    value.pop();
                }
                // A block scalar of only empty lines: libyaml reads nothing, or with
                // keep chomping (`+`) one line break per empty line; yaml-rust2
                // reads one break, or none.
                if let Some((_, keep, breaks)) = header.filter(|_| value.chars().all(|c| c == '\n'))
                {
                    value = if keep {
                        "\n".repeat(breaks)
                    } else {
                        String::new()
                    };
                }
                let bytes = value.len();
                let span = reader.span(at, end);
                let is_str_tag = tag
                    .as_ref()
                    .is_some_and(|t| t.suffix == "str" || t.suffix.ends_with(":str"));
                // `!!int "60"` is the integer 60 to libyaml and PyYAML, as a
                // serialiser that quotes every scalar writes it.
                let core = tag.as_ref().and_then(|t| core_tag(t));
                if let Some(built) = core.and_then(|t| resolve_tagged(t, &value)) {
                    let Some(resolved) = built else {
                        return Err(Diagnostic::error(
                            codes::INVALID_YAML,
                            span,
                            format!("`!!{}` cannot be {value:?}", core.unwrap_or("")),
                        )
                        .with_label("not a value of this tag")
                        .with_help("remove the tag, or write a value of its type"));
                    };
                    reader.add(
                        Item::Node(
                            Node::new(resolved_value(resolved, value), span),
                            1,
                            0,
                            bytes,
                        ),
                        anchor,
                        at,
                    )?;
                    continue;
                }
                // The non-specific tag `!` (libyaml's emitter writes `! "60"`):
                // PyYAML resolves the scalar as if it were plain, whatever its style.
                let non_specific = tag
                    .as_ref()
                    .is_some_and(|t| t.handle.is_empty() && t.suffix == "!");
                let plain = style == TScalarStyle::Plain;
                let node = if (plain || non_specific) && !is_str_tag {
                    let resolved = resolve_plain(&value);
                    if resolved == Resolved::Merge && plain {
                        reader.add(Item::Merge(span), anchor, at)?;
                        continue;
                    }
                    Node::new(resolved_value(resolved, value), span)
                } else {
                    Node::new(Value::String(value), span)
                };
                reader.add(Item::Node(node, 1, 0, bytes), anchor, at)?;
            }
            Event::SequenceStart(anchor, _) => reader.open(Frame::new(Kind::List, at, anchor))?,
            Event::MappingStart(anchor, _) => reader.open(Frame::new(Kind::Map, at, anchor))?,
            Event::SequenceEnd | Event::MappingEnd => reader.close(at)?,
            Event::Alias(id) => {
                let Some((node, count, height, bytes)) = reader.anchors.get(&id).cloned() else {
                    return Err(Diagnostic::error(
                        codes::INVALID_YAML,
                        reader.span(at, at + 1),
                        "alias to an anchor that is not complete",
                    )
                    .with_label("recursive alias")
                    .with_help("an alias cannot refer to a value that contains it"));
                };
                reader.expanded += count;
                reader.expanded_bytes += bytes;
                if reader.expanded_bytes > MAX_ALIAS_BYTES {
                    return Err(Diagnostic::error(
                        codes::ALIAS_BOMB,
                        reader.span(at, at + 1),
                        format!(
                            "YAML aliases expand to more than {} MiB of text",
                            MAX_ALIAS_BYTES >> 20
                        ),
                    )
                    .with_label("expanding this alias exceeds the limit")
                    .with_help(
                        "SSM documents are far smaller; write the values out or reduce the aliases",
                    ));
                }
                if reader.expanded > MAX_ALIAS_NODES {
                    return Err(Diagnostic::error(
                        codes::ALIAS_BOMB,
                        reader.span(at, at + 1),
                        format!("YAML aliases expand to more than {MAX_ALIAS_NODES} nodes"),
                    )
                    .with_label("expanding this alias exceeds the limit")
                    .with_help("SSM documents do not need this many repeated values; write them out or reduce the aliases"));
                }
                // The expansion is shown at the alias (where it was written here);
                // nested nodes keep the anchor's spans, which are real text too.
                let mut node = node;
                node.span = reader.span(at, at + 1);
                reader.add(Item::Node(node, count, height, bytes), 0, at)?;
            }
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    let span = reader.span(0, text.len());
    Ok(reader.root.unwrap_or_else(|| Node::new(Value::Null, span)))
}

/// The name of a YAML core tag (`!!int`, `!<tag:yaml.org,2002:int>`), or `None`.
fn core_tag(tag: &yaml_rust2::parser::Tag) -> Option<&str> {
    const CORE: &str = "tag:yaml.org,2002:";
    if tag.handle == CORE {
        Some(tag.suffix.as_str())
    } else {
        tag.suffix.strip_prefix(CORE)
    }
}

fn resolved_value(resolved: Resolved, text: String) -> Value {
    match resolved {
        Resolved::Null => Value::Null,
        Resolved::Bool(b) => Value::Bool(b),
        Resolved::Int(i) => Value::Int(i),
        Resolved::Float(f) => Value::Float(f),
        Resolved::Timestamp | Resolved::Merge | Resolved::String => Value::String(text),
    }
}

/// Char index (yaml-rust2 marks) → byte offset.
struct CharOffsets {
    /// Empty when the text is ASCII (the index is the offset).
    table: Vec<u32>,
    len: usize,
}

impl CharOffsets {
    fn new(text: &str) -> CharOffsets {
        let table = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .map(|(i, _)| u32::try_from(i).unwrap_or(u32::MAX))
                .chain(std::iter::once(
                    u32::try_from(text.len()).unwrap_or(u32::MAX),
                ))
                .collect()
        };
        CharOffsets {
            table,
            len: text.len(),
        }
    }

    fn byte(&self, mark: Marker) -> usize {
        if self.table.is_empty() {
            return mark.index().min(self.len);
        }
        self.table
            .get(mark.index())
            .map_or(self.len, |&b| b as usize)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    List,
    Map,
}

enum PendingKey {
    None,
    Key(Key),
    Merge(Span),
}

struct Frame {
    kind: Kind,
    start: usize,
    anchor: usize,
    items: Vec<Node>,
    /// Merged entries (from `<<`), in PyYAML's order, before the own entries.
    merged: Vec<(Key, Node)>,
    entries: Vec<(Key, Node)>,
    key: PendingKey,
    /// Nodes in this subtree (for the alias budget) and its height.
    count: usize,
    height: usize,
    /// Text in this subtree (scalars and keys, aliases expanded), for the alias budget.
    bytes: usize,
    last_end: usize,
}

impl Frame {
    fn new(kind: Kind, start: usize, anchor: usize) -> Frame {
        Frame {
            kind,
            start,
            anchor,
            items: Vec::new(),
            merged: Vec::new(),
            entries: Vec::new(),
            key: PendingKey::None,
            count: 1,
            height: 1,
            bytes: 0,
            last_end: start,
        }
    }
}

enum Item {
    /// A complete node with its node count, height and text bytes.
    Node(Node, usize, usize, usize),
    /// The merge key `<<`.
    Merge(Span),
}

struct Reader<'a> {
    file: FileId,
    relaxed: Option<&'a Relaxed>,
    text: &'a str,
    offsets: CharOffsets,
    frames: Vec<Frame>,
    anchors: HashMap<usize, (Node, usize, usize, usize)>,
    expanded: usize,
    expanded_bytes: usize,
    documents: usize,
    root: Option<Node>,
}

impl Reader<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        let end = end.min(self.text.len());
        let start = start.min(end);
        match self.relaxed {
            Some(r) => Span::new(self.file, r.original(start), r.original(end)),
            None => Span::new(self.file, start, end),
        }
    }

    fn scan_error(&self, e: &ScanError) -> Diagnostic {
        let at = self.offsets.byte(*e.marker());
        let end = self
            .text
            .get(at..)
            .and_then(|s| s.chars().next())
            .map_or(at, |c| at + c.len_utf8());
        let info = e.info();
        if info.contains("recursion limit") {
            // yaml-rust2 stops flow nesting at 255 levels, sometimes before we see level 129.
            return self.too_deep(at);
        }
        let help = if info.contains("tab") {
            "YAML indentation must use spaces, not tabs"
        } else if info.contains("mapping values are not allowed") {
            "a value containing `: ` must be quoted, or the line is indented too far"
        } else if info.contains("cannot start any token") {
            "quote the value: `@`, `` ` `` and `%` cannot start a plain value"
        } else if info.contains("unknown anchor") {
            "define the anchor (`&name`) before using the alias (`*name`)"
        } else {
            "check the indentation and the quoting near here"
        };
        Diagnostic::error(
            codes::INVALID_YAML,
            self.span(at, end),
            format!("invalid YAML: {info}"),
        )
        .with_label("here")
        .with_help(help)
    }

    fn too_deep(&self, at: usize) -> Diagnostic {
        Diagnostic::error(
            codes::TOO_DEEP,
            self.span(at, at + 1),
            format!("values are nested more than {MAX_DEPTH} levels deep"),
        )
        .with_label("too deep")
        .with_help("no SSM document needs this much nesting; flatten the value")
    }

    fn open(&mut self, frame: Frame) -> Result<(), Diagnostic> {
        if self.frames.len() >= MAX_DEPTH {
            return Err(self.too_deep(frame.start));
        }
        self.frames.push(frame);
        Ok(())
    }

    fn close(&mut self, at: usize) -> Result<(), Diagnostic> {
        let frame = self
            .frames
            .pop()
            .expect("invariant: the parser balances start and end events");
        let flow = matches!(self.text.as_bytes().get(frame.start), Some(b'[' | b'{'));
        let end = if flow {
            at + 1
        } else {
            frame.last_end.max(frame.start)
        };
        let span = self.span(frame.start, end);
        let value = match frame.kind {
            Kind::List => Value::List(frame.items),
            Kind::Map => {
                if let PendingKey::Key(_) | PendingKey::Merge(_) = frame.key {
                    return Err(Diagnostic::error(
                        codes::INVALID_YAML,
                        span,
                        "map key without a value",
                    )
                    .with_help("internal: the YAML parser ended a map after a key"));
                }
                // PyYAML: merged entries first, then the own ones; later wins.
                let mut entries = Vec::with_capacity(frame.merged.len() + frame.entries.len());
                let mut index = HashMap::new();
                for (k, v) in frame.merged.into_iter().chain(frame.entries) {
                    insert(&mut entries, &mut index, k, v);
                }
                Value::Map(entries)
            }
        };
        let node = Node::new(value, span);
        self.add(
            Item::Node(node, frame.count, frame.height, frame.bytes),
            frame.anchor,
            frame.start,
        )
    }

    /// Records the anchor and hands the finished item to the enclosing frame.
    fn add(&mut self, item: Item, anchor: usize, at: usize) -> Result<(), Diagnostic> {
        if let Item::Node(node, count, height, bytes) = &item {
            if self.frames.len() + height > MAX_DEPTH {
                return Err(self.too_deep(at));
            }
            if anchor != 0 {
                self.anchors
                    .insert(anchor, (node.clone(), *count, *height, *bytes));
            }
        }
        let Some(frame) = self.frames.last_mut() else {
            match item {
                Item::Node(node, ..) => self.root = Some(node),
                Item::Merge(span) => self.root = Some(Node::new(Value::String("<<".into()), span)),
            }
            return Ok(());
        };
        if let Item::Node(node, count, height, bytes) = &item {
            frame.count += count;
            frame.bytes += bytes;
            frame.height = frame.height.max(height + 1);
            frame.last_end = frame.last_end.max(node.span.end as usize);
        }
        match frame.kind {
            Kind::List => match item {
                Item::Node(node, ..) => frame.items.push(node),
                Item::Merge(span) => frame
                    .items
                    .push(Node::new(Value::String("<<".into()), span)),
            },
            Kind::Map => match std::mem::replace(&mut frame.key, PendingKey::None) {
                PendingKey::None => {
                    frame.key = match item {
                        Item::Merge(span) => PendingKey::Merge(span),
                        Item::Node(node, ..) => PendingKey::Key(key_of(node)?),
                    };
                }
                PendingKey::Key(key) => match item {
                    Item::Node(node, ..) => frame.entries.push((key, node)),
                    Item::Merge(span) => frame
                        .entries
                        .push((key, Node::new(Value::String("<<".into()), span))),
                },
                PendingKey::Merge(span) => {
                    let Item::Node(node, ..) = item else {
                        return Err(bad_merge(span));
                    };
                    merge_into(&mut frame.merged, node, span)?;
                }
            },
        }
        Ok(())
    }

    /// End of a quoted or plain scalar that starts at `at` (after any anchor or tag).
    fn scalar_end(&self, at: usize, style: TScalarStyle, value: &str) -> usize {
        let rest = self.text.get(at..).unwrap_or("");
        let skip = skip_properties(rest);
        let body = rest.get(skip..).unwrap_or("");
        let start = at + skip;
        match style {
            TScalarStyle::DoubleQuoted => {
                let mut escaped = false;
                for (i, c) in body.char_indices().skip(1) {
                    match c {
                        _ if escaped => escaped = false,
                        '\\' => escaped = true,
                        '"' => return start + i + 1,
                        _ => {}
                    }
                }
                self.text.len()
            }
            TScalarStyle::SingleQuoted => {
                let mut chars = body.char_indices().skip(1).peekable();
                while let Some((i, c)) = chars.next() {
                    if c == '\'' {
                        if chars.peek().is_some_and(|(_, n)| *n == '\'') {
                            chars.next();
                        } else {
                            return start + i + 1;
                        }
                    }
                }
                self.text.len()
            }
            _ => {
                let first = value.split('\n').next().unwrap_or("");
                if body.starts_with(first) {
                    start + first.len()
                } else {
                    start + body.find('\n').unwrap_or(body.len())
                }
            }
        }
    }

    /// The block scalar header (`|2-`, `>+`…) between the end of the previous
    /// event and `at`: its offset, whether it keeps final line breaks (`+`),
    /// and how many blank lines follow it.
    fn block_header(&self, from: usize, at: usize) -> (usize, bool, usize) {
        let text = self.text.as_bytes();
        let mut i = from;
        while i < at.max(from) {
            match text.get(i) {
                Some(b'|' | b'>') => break,
                // A comment, or an anchor or tag (which may hold `|` or `>`).
                Some(b'#') => i += self.text.get(i..).and_then(|r| r.find('\n')).unwrap_or(0),
                Some(b'&' | b'!') => {
                    i += self
                        .text
                        .get(i..)
                        .and_then(|r| r.find([' ', '\n']))
                        .unwrap_or(0)
                }
                _ => {}
            }
            i += 1;
        }
        let rest = self.text.get(i..).unwrap_or("");
        let (line, below) = rest.split_once('\n').unwrap_or((rest, ""));
        let keep = line.split('#').next().unwrap_or("").contains('+');
        let blank = below.len() - below.trim_start_matches([' ', '\n']).len();
        // Spaces after the last break begin the next line, not a blank one.
        let breaks = below.get(..blank).map_or(0, |b| b.matches('\n').count());
        (i, keep, breaks)
    }

    /// End of a block scalar: just before the next event, without trailing blanks.
    fn block_end(&self, at: usize, next: Option<Marker>) -> usize {
        let next = next
            .map_or(self.text.len(), |m| self.offsets.byte(m))
            .max(at);
        let slice = self.text.get(at..next).unwrap_or("");
        at + slice.trim_end().len()
    }
}

/// Length of leading `&anchor` / `!tag` properties and the blanks after them.
fn skip_properties(text: &str) -> usize {
    let mut at = 0;
    while let Some(rest) = text.get(at..) {
        if !(rest.starts_with('&') || rest.starts_with('!')) {
            break;
        }
        let word = rest.find([' ', '\t', '\n']).unwrap_or(rest.len());
        let blanks = rest.get(word..).map_or(0, |r| {
            r.len() - r.trim_start_matches([' ', '\t', '\n']).len()
        });
        at += word + blanks;
    }
    at
}

/// A map key from a scalar node, spelled as Python's `json.dumps` would.
fn key_of(node: Node) -> Result<Key, Diagnostic> {
    let name = match node.value {
        Value::String(s) => s,
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => format_float(f),
        Value::List(_) | Value::Map(_) => {
            return Err(Diagnostic::error(
                codes::UNSUPPORTED_KEY,
                node.span,
                "a map key must be a single value",
            )
            .with_label("a list or map used as a key")
            .with_help(
                "SSM documents only have text keys; check for a stray `?` or `[`/`{` before `:`",
            ));
        }
    };
    Ok(Key {
        name,
        span: node.span,
    })
}

fn bad_merge(span: Span) -> Diagnostic {
    Diagnostic::error(
        codes::INVALID_YAML,
        span,
        "the merge key `<<` needs a map or a list of maps",
    )
    .with_label("merge key")
    .with_help(
        "write `<<: *anchor` where the anchor is a map, or quote `\"<<\"` to use it as a plain key",
    )
}

/// PyYAML's `flatten_mapping`: `<<: map` merges it; `<<: [m1, m2]` merges
/// the maps so that earlier ones win.
fn merge_into(merged: &mut Vec<(Key, Node)>, node: Node, span: Span) -> Result<(), Diagnostic> {
    match node.value {
        Value::Map(entries) => merged.extend(entries),
        Value::List(items) => {
            let mut maps = Vec::with_capacity(items.len());
            for item in items {
                let Value::Map(entries) = item.value else {
                    return Err(bad_merge(span));
                };
                maps.push(entries);
            }
            for entries in maps.into_iter().rev() {
                merged.extend(entries);
            }
        }
        _ => return Err(bad_merge(span)),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_of_long_strings_are_bounded_by_bytes_as_well_as_nodes() {
        // 100 × 100 aliases of a 1 kB string: 10,000 nodes (under the node
        // budget) but 10 MB of text.
        let long = "x".repeat(1000);
        let row = vec!["*s"; 100].join(", ");
        let rows = vec!["*r"; 100].join(", ");
        let text = format!("s: &s {long}\nr: &r [{row}]\nt: [{rows}]\n");
        let err = parse_yaml(FileId(0), &text).expect_err("a bomb");
        assert_eq!(err.code, codes::ALIAS_BOMB);
        assert!(err.message.contains("MiB"), "{}", err.message);
        // The same shape with a short string reads.
        let text = format!("s: &s x\nr: &r [{row}]\nt: [{rows}]\n");
        assert!(parse_yaml(FileId(0), &text).is_ok());
    }
}
