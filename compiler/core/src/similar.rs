//! "Did you mean" over many names at once: an index of candidate names that
//! answers each question without comparing the word with every candidate in
//! full.
//!
//! Input: candidate names, then words to look up. Output: the closest
//! candidate ([`Names::closest`], what [`crate::diagnostic::did_you_mean`]
//! answers) or every candidate close enough ([`Names::within`]).
//! Invariants: the answers are exactly those of comparing the lowercased word
//! with every lowercased candidate by [`crate::diagnostic::edit_distance`]
//! (optimal string alignment) under the limit `chars / 3 + 1`; a candidate
//! equal to the word is never an answer. The index only skips work that
//! cannot change an answer: candidates whose length differs by more than the
//! limit, or whose characters differ by more than the limit (the set of
//! characters one has and the other lacks bounds the distance from below),
//! and distance rows once every cell is over the limit. A lookup costs about
//! one bit test per candidate of a fitting length, not a distance.

/// Candidate names, lowercased once and grouped by length in characters.
pub struct Names<'a> {
    /// `(name, its lowercase characters, their signature)`, by length.
    by_len: Vec<Vec<Entry<'a>>>,
}

struct Entry<'a> {
    name: &'a str,
    lower: Vec<char>,
    signature: u64,
}

/// The most edits a suggestion for `word` may need.
pub fn limit(word: &str) -> usize {
    (word.chars().count() / 3).max(1) + 1
}

/// `text` lowercased as `str::to_lowercase` does, as characters.
fn lowercase(text: &str) -> Vec<char> {
    text.to_lowercase().chars().collect()
}

/// One bit per character class (the code point modulo 64): a character the
/// word has and a candidate lacks sets a bit in `word & !candidate` unless
/// another character of the candidate shares the bit, so the bits count at
/// most the edits needed, never more.
fn signature(chars: &[char]) -> u64 {
    chars
        .iter()
        .fold(0u64, |s, &c| s | 1u64 << (u32::from(c) % 64))
}

impl<'a> Names<'a> {
    pub fn new(candidates: impl IntoIterator<Item = &'a str>) -> Names<'a> {
        let mut by_len: Vec<Vec<Entry<'a>>> = Vec::new();
        for name in candidates {
            let lower = lowercase(name);
            let len = lower.len();
            if by_len.len() <= len {
                by_len.resize_with(len + 1, Vec::new);
            }
            let signature = signature(&lower);
            if let Some(bucket) = by_len.get_mut(len) {
                bucket.push(Entry {
                    name,
                    lower,
                    signature,
                });
            }
        }
        Names { by_len }
    }

    /// Calls `found` with each candidate within the limit of `word` and its
    /// distance; `found` answers the largest distance still of interest (a
    /// closest-match search narrows it as it finds better ones).
    fn scan(&self, word: &str, mut found: impl FnMut(usize, &'a str) -> usize) {
        let lower = lowercase(word);
        let sig = signature(&lower);
        let max = limit(word);
        let mut bound = max;
        let lo = lower.len().saturating_sub(max);
        let hi = (lower.len() + max).min(self.by_len.len().saturating_sub(1));
        let mut rows = Rows::default();
        for e in self.by_len.get(lo..=hi).unwrap_or(&[]).iter().flatten() {
            let missing = (sig & !e.signature).count_ones() as usize;
            let extra = (e.signature & !sig).count_ones() as usize;
            if e.name == word || missing.max(extra) > bound {
                continue;
            }
            if let Some(d) = rows.distance(&lower, &e.lower, bound) {
                bound = found(d, e.name).min(max);
            }
        }
    }

    /// The closest candidate to `word` within its limit (ties: the first by
    /// text), as [`crate::diagnostic::did_you_mean`] answers.
    pub fn closest(&self, word: &str) -> Option<&'a str> {
        let mut best: Option<(usize, &'a str)> = None;
        self.scan(word, |d, name| {
            if best.is_none_or(|b| (d, name) < b) {
                best = Some((d, name));
            }
            best.map_or(usize::MAX, |(d, _)| d)
        });
        best.map(|(_, name)| name)
    }

    /// Every candidate within the limit of `word`, with its distance.
    pub fn within(&self, word: &str) -> Vec<(usize, &'a str)> {
        let mut all = Vec::new();
        self.scan(word, |d, name| {
            all.push((d, name));
            usize::MAX
        });
        all
    }
}

/// Two rows back and the current one of the distance table, kept between
/// comparisons so a lookup allocates nothing per candidate.
#[derive(Default)]
struct Rows {
    before: Vec<usize>,
    last: Vec<usize>,
    now: Vec<usize>,
}

impl Rows {
    /// The optimal-string-alignment distance of `a` and `b`, or `None` when
    /// it is over `bound`. A transposition reaches back two rows, so the
    /// table is abandoned once two rows in a row are wholly over the bound.
    fn distance(&mut self, a: &[char], b: &[char], bound: usize) -> Option<usize> {
        if a.len().abs_diff(b.len()) > bound {
            return None;
        }
        let width = b.len() + 1;
        self.before.clear();
        self.before.resize(width, usize::MAX / 2);
        self.last.clear();
        self.last.extend(0..width);
        let mut last_min = 0;
        for (i, &ca) in a.iter().enumerate() {
            self.now.clear();
            self.now.push(i + 1);
            for (j, &cb) in b.iter().enumerate() {
                let at = |row: &Vec<usize>, k: usize| row.get(k).copied().unwrap_or(usize::MAX / 2);
                let cost = usize::from(ca != cb);
                let mut best = (at(&self.last, j + 1) + 1)
                    .min(at(&self.now, j) + 1)
                    .min(at(&self.last, j) + cost);
                let swapped =
                    i > 0 && j > 0 && a.get(i - 1) == Some(&cb) && b.get(j - 1) == Some(&ca);
                if swapped {
                    best = best.min(at(&self.before, j - 1) + 1);
                }
                self.now.push(best);
            }
            let now_min = self.now.iter().copied().min().unwrap_or(0);
            if now_min.min(last_min) > bound {
                return None;
            }
            last_min = now_min;
            std::mem::swap(&mut self.before, &mut self.last);
            std::mem::swap(&mut self.last, &mut self.now);
        }
        let d = self.last.get(b.len()).copied().unwrap_or(usize::MAX);
        (d <= bound).then_some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::edit_distance;

    /// The answer of comparing with every candidate in full.
    fn brute(word: &str, names: &[&'static str]) -> Option<&'static str> {
        names
            .iter()
            .copied()
            .filter(|c| *c != word)
            .map(|c| (edit_distance(&word.to_lowercase(), &c.to_lowercase()), c))
            .filter(|(d, _)| *d <= limit(word))
            .min()
            .map(|(_, c)| c)
    }

    #[test]
    fn the_index_answers_as_comparing_with_every_name() {
        let names: &[&'static str] = &[
            "step",
            "Step",
            "stpe",
            "restart",
            "Restart2",
            "ab",
            "ba",
            "a",
            "",
            "gone12",
            "s12",
            "StartInstances",
            "startinstance",
            "İstanbul",
            "istanbul",
            "ΣΑΣ",
            "σας",
            "x1",
            "y",
            "abcdefghij",
            "bacdefghji",
            "zz",
        ];
        let words = [
            "stpe",
            "step",
            "sTeP",
            "restrat",
            "ab",
            "b",
            "",
            "gone1",
            "s1",
            "StopInstances",
            "startinstances",
            "istanbul",
            "ςας",
            "x",
            "abcdefghij",
            "jihgfedcba",
            "zzz",
            "qqqqqq",
        ];
        let index = Names::new(names.iter().copied());
        for w in words {
            assert_eq!(index.closest(w), brute(w, names), "{w:?}");
            let mut all: Vec<&str> = index.within(w).into_iter().map(|(_, n)| n).collect();
            all.sort_unstable();
            let mut expected: Vec<&str> = names
                .iter()
                .copied()
                .filter(|c| {
                    *c != w && edit_distance(&w.to_lowercase(), &c.to_lowercase()) <= limit(w)
                })
                .collect();
            expected.sort_unstable();
            assert_eq!(all, expected, "{w:?}");
        }
    }

    #[test]
    fn the_bounded_distance_equals_the_full_one_under_the_bound() {
        let words = [
            "", "a", "ab", "ba", "abc", "acb", "kitten", "sitting", "flaw", "lawn",
        ];
        let mut rows = Rows::default();
        for a in words {
            for b in words {
                let full = edit_distance(a, b);
                let ac: Vec<char> = a.chars().collect();
                let bc: Vec<char> = b.chars().collect();
                for bound in 0..5 {
                    let expected = (full <= bound).then_some(full);
                    assert_eq!(rows.distance(&ac, &bc, bound), expected, "{a} {b} {bound}");
                }
            }
        }
    }
}
