//! What the Python parser is never given: scripts too large or nested too
//! deeply to parse within the stack and time every other phase keeps to.
//!
//! ruff's parser recurses once per nested bracket, prefix operator and
//! block; a few hundred levels overflow a 2 MiB thread stack (the language
//! server's and the test threads'). CPython itself refuses more than 200
//! nested brackets and 100 indentation levels, so real scripts stay far
//! below [`MAX_NESTING`]; the scan over-counts (brackets inside strings,
//! every `-`/`+`/`~`/`**` and `not`/`lambda`/`await`/`if` of a line), so it
//! errs on the side of not parsing, and a script not parsed gets a visible
//! "not checked" finding, never silence.

/// Larger scripts are not parsed: the same bound as a raw document
/// (`compiler/project/src/limits.rs`, `MAX_DOCUMENT_BYTES`), as a script is
/// a string inside one.
pub const MAX_SCRIPT_BYTES: usize = 1024 * 1024;

/// Indentation levels plus the nesting estimate of the deepest logical line.
pub const MAX_NESTING: usize = 100;

/// Why a script is not parsed, in words, or `None` when it may be.
pub fn refuse(text: &str) -> Option<String> {
    if text.len() > MAX_SCRIPT_BYTES {
        return Some(format!(
            "the script is {} bytes, over the {MAX_SCRIPT_BYTES} bytes ssmc parses",
            text.len()
        ));
    }
    let depth = nesting(text);
    (depth > MAX_NESTING).then(|| {
        format!(
            "the script nests about {depth} levels deep, more than the {MAX_NESTING} ssmc parses"
        )
    })
}

/// An upper bound of the parser's recursion depth over `text`.
fn nesting(text: &str) -> usize {
    let mut indents: Vec<usize> = vec![0];
    let mut deepest = 0;
    for line in logical_lines(text) {
        let width = line
            .bytes()
            .take_while(|b| *b == b' ' || *b == b'\t')
            .count();
        if width < line.len() {
            while indents.last().is_some_and(|w| *w > width) {
                indents.pop();
            }
            if indents.last().is_some_and(|w| *w < width) {
                indents.push(width);
            }
        }
        deepest = deepest.max(indents.len() + line_depth(line));
    }
    deepest
}

/// The text split where a newline ends a statement: outside brackets and not
/// after a backslash (brackets in strings are counted too: an over-estimate).
fn logical_lines(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut depth: usize = 0;
    let mut out = Vec::new();
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' if depth == 0 && (i == 0 || bytes.get(i - 1) != Some(&b'\\')) => {
                out.push(text.get(start..i).unwrap_or(""));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(text.get(start..).unwrap_or(""));
    out.into_iter()
}

/// The deepest bracket nesting of a logical line plus its prefix operators and
/// keywords that nest expressions.
fn line_depth(line: &str) -> usize {
    let mut depth: usize = 0;
    let mut deepest = 0;
    let mut prefixes = 0;
    for b in line.bytes() {
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'-' | b'+' | b'~' | b'*' => prefixes += 1,
            _ => {}
        }
    }
    let words = line
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| matches!(*w, "not" | "lambda" | "await" | "if" | "yield"))
        .count();
    deepest + prefixes + words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_scripts_pass() {
        let script = "import boto3\n\ndef handler(events, context):\n    if events.get('a'):\n        return {'x': [1, (2, -3)]}\n";
        assert_eq!(refuse(script), None);
    }

    #[test]
    fn deep_brackets_prefixes_and_blocks_are_refused() {
        let parens = format!("x = {}1{}", "(".repeat(150), ")".repeat(150));
        assert!(refuse(&parens).is_some_and(|why| why.contains("nests")));
        assert!(refuse(&format!("x = {}1", "-".repeat(150))).is_some());
        assert!(refuse(&format!("x = {}1", "not ".repeat(150))).is_some());
        let blocks: String = (0..150)
            .map(|i| format!("{}if x:\n", " ".repeat(i)))
            .collect();
        assert!(refuse(&blocks).is_some());
        // Brackets left open never close: the rest of the text is one line.
        assert!(refuse(&"[".repeat(150)).is_some());
    }

    #[test]
    fn size_is_capped() {
        let big = "x = 1\n".repeat(MAX_SCRIPT_BYTES / 6 + 1);
        assert!(refuse(&big).is_some_and(|why| why.contains("bytes")));
    }
}
