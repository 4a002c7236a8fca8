//! Places in another file, carried from the text an analysis saw to the
//! file's text now.
//!
//! Input: a byte offset in `old` (the text of a workspace file an analysis
//! was compiled with) and the file's text now. Output: the same place in
//! the new text: lines the edit left alone keep their column on the line
//! they moved to; a place inside changed lines goes to the start of what
//! replaced them.
//! Why: an edit of one file re-analyses the others only when what it lends
//! them changed (`server.rs`), so their analyses keep the places (of
//! declarations, of documents) of its text as it was; go-to-definition
//! into it answers the place where that declaration is now.

use std::time::Duration;

use similar::{DiffTag, TextDiff};

/// Longer than any diff of two source files should take; past it the diff
/// is coarser (whole regions count as changed), never wrong.
const DIFF_BUDGET: Duration = Duration::from_millis(50);

/// The offset in `new` of the place at `at` in `old` (clamped to the texts).
pub fn offset(old: &str, new: &str, at: u32) -> u32 {
    if old == new {
        return at.min(len(new));
    }
    let old_starts = line_starts(old);
    let new_starts = line_starts(new);
    let at = at.min(len(old));
    // The line holding `at` (the last start at or before it) and its column.
    let line = old_starts.partition_point(|s| *s <= at).saturating_sub(1);
    let column = at - old_starts.get(line).copied().unwrap_or(0);
    let diff = TextDiff::configure()
        .timeout(DIFF_BUDGET)
        .diff_lines(old, new);
    for op in diff.ops() {
        let (tag, before, after) = op.as_tag_tuple();
        if !before.contains(&line) {
            continue;
        }
        let (new_line, column) = match tag {
            DiffTag::Equal => (after.start + (line - before.start), column),
            DiffTag::Delete | DiffTag::Insert | DiffTag::Replace => (after.start, 0),
        };
        let start = new_starts.get(new_line).copied().unwrap_or(len(new));
        return (start + column).min(len(new));
    }
    // Past the last line (an offset at the very end).
    len(new)
}

fn len(text: &str) -> u32 {
    u32::try_from(text.len()).unwrap_or(u32::MAX)
}

/// The offset where each line starts (one entry for an empty text).
fn line_starts(text: &str) -> Vec<u32> {
    std::iter::once(0)
        .chain(
            text.match_indices('\n')
                .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX)),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "a\nautomation Wait {\n  param Minutes: String\n}\n";

    #[test]
    fn a_place_below_added_lines_moves_down_with_its_line() {
        let new = format!("// one\n// two\n{OLD}");
        let at = OLD.find("Minutes").map_or(0, |i| i as u32);
        let moved = offset(OLD, &new, at) as usize;
        assert_eq!(&new[moved..moved + 7], "Minutes");
    }

    #[test]
    fn a_place_above_an_edit_stays_and_one_on_an_edited_line_goes_to_its_start() {
        let new = OLD.replace("String", "Integer");
        let at = OLD.find("Wait").map_or(0, |i| i as u32);
        assert_eq!(offset(OLD, &new, at), at);
        let on_edited = OLD.find("Minutes").map_or(0, |i| i as u32);
        let moved = offset(OLD, &new, on_edited) as usize;
        assert!(new[moved..].starts_with("  param Minutes: Integer"));
    }

    #[test]
    fn any_offset_of_any_texts_lands_inside_the_new_text() {
        for (old, new) in [("", "x\n"), ("x\ny\n", ""), ("é\n", "\n\n"), (OLD, "")] {
            for at in [0, 1, 2, 3, 1000, u32::MAX] {
                assert!(offset(old, new, at) <= new.len() as u32);
            }
        }
    }
}
