//! The schema findings of steps already judged, kept by the step's content.
//!
//! Input: a schema version and a step's tree (`order::step_node`). Output:
//! the findings the step schema of that version gave for a step of the same
//! content, if one was judged lately in this process.
//! Why: a step is judged by the schema on its own (`$defs/step`), whatever
//! the rest of its document, and the language server judges the whole
//! document on every keystroke although an edit changes one step; a
//! 3,000-line runbook's 750 steps cost 45 M instructions to judge.
//! Invariants: an entry is found only for a step whose content is equal
//! ([`as_json::same_content`]), not merely of equal hash; the cache is
//! bounded (two generations of [`GENERATION`] steps: a step used lately is
//! kept, the rest dropped a generation at a time); it is shared by threads.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use super::as_json;
use crate::model::Node;

/// One finding of the step schema: the instance path inside the step and
/// the schema's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub path: String,
    pub message: String,
}

/// The findings of one step (most steps have none).
pub type Findings = Arc<[Finding]>;

/// Steps kept per generation: more than the steps of any one runbook seen
/// (the 3,000-line bench runbook has 750), so an edited document's other
/// steps stay.
const GENERATION: usize = 4096;

/// A step's key: its schema version and the hash of its content.
pub type Key = (&'static str, u64);

struct Entry {
    step: Node,
    findings: Findings,
}

#[derive(Default)]
struct Generations {
    new: HashMap<Key, Vec<Entry>>,
    old: HashMap<Key, Vec<Entry>>,
    kept: usize,
}

impl Generations {
    fn find(&mut self, key: Key, step: &Node) -> Option<Findings> {
        let same = |e: &Entry| as_json::same_content(&e.step, step);
        if let Some(e) = self.new.get(&key).and_then(|b| b.iter().find(|e| same(e))) {
            return Some(e.findings.clone());
        }
        // Used again: brought into the new generation.
        let bucket = self.old.get_mut(&key)?;
        let at = bucket.iter().position(same)?;
        let entry = bucket.swap_remove(at);
        let findings = entry.findings.clone();
        self.put(key, entry);
        Some(findings)
    }

    fn put(&mut self, key: Key, entry: Entry) {
        if self.kept >= GENERATION {
            self.old = std::mem::take(&mut self.new);
            self.kept = 0;
        }
        self.kept += 1;
        self.new.entry(key).or_default().push(entry);
    }
}

fn cache() -> MutexGuard<'static, Generations> {
    static CACHE: OnceLock<Mutex<Generations>> = OnceLock::new();
    let cell = CACHE.get_or_init(Mutex::default);
    // A thread that panicked while holding it left whole entries only.
    cell.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The key of `step` under the schema `version`.
pub fn key(version: &'static str, step: &Node) -> Key {
    let mut h = DefaultHasher::new();
    as_json::hash_content(step, &mut h);
    (version, h.finish())
}

/// The findings kept for each of `steps` (`None`: not judged lately), under
/// one lock.
pub fn find_all(steps: &[(Key, &Node)]) -> Vec<Option<Findings>> {
    let mut cache = cache();
    steps
        .iter()
        .map(|(key, step)| cache.find(*key, step))
        .collect()
}

/// Keeps the findings of steps just judged, under one lock.
pub fn keep_all(judged: Vec<(Key, Node, Findings)>) {
    let mut cache = cache();
    for (key, step, findings) in judged {
        cache.put(key, Entry { step, findings });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;
    use crate::span::{FileId, Span};

    fn step(n: i64, start: usize) -> Node {
        Node::new(Value::Int(n), Span::new(FileId(0), start, start + 1))
    }

    fn finding(text: &str) -> Findings {
        Arc::from(vec![Finding {
            path: "/x".into(),
            message: text.into(),
        }])
    }

    #[test]
    fn a_step_of_the_same_content_elsewhere_is_found_and_no_other() {
        let mut g = Generations::default();
        let a = step(1, 0);
        g.put(
            ("t", 1),
            Entry {
                step: a.clone(),
                findings: finding("one"),
            },
        );
        assert_eq!(g.find(("t", 1), &step(1, 50)), Some(finding("one")));
        // Same hash, other content (a collision): not found.
        assert_eq!(g.find(("t", 1), &step(2, 0)), None);
        assert_eq!(g.find(("u", 1), &a), None);
    }

    #[test]
    fn the_cache_is_bounded_and_keeps_what_was_used_lately() {
        let mut g = Generations::default();
        let first = step(-1, 0);
        g.put(
            ("t", u64::MAX),
            Entry {
                step: first.clone(),
                findings: finding("first"),
            },
        );
        for i in 0..GENERATION {
            let n = i64::try_from(i).unwrap_or(0);
            g.put(
                ("t", i as u64),
                Entry {
                    step: step(n, 0),
                    findings: finding(""),
                },
            );
        }
        // A generation later, the first is in the old one; using it keeps it.
        assert_eq!(g.find(("t", u64::MAX), &first), Some(finding("first")));
        for i in 0..GENERATION {
            let n = i64::try_from(i).unwrap_or(0) + 1_000_000;
            g.put(
                ("t", n as u64),
                Entry {
                    step: step(n, 0),
                    findings: finding(""),
                },
            );
        }
        assert_eq!(g.find(("t", u64::MAX), &first), Some(finding("first")));
        // One not used for two generations is gone, and so the size is bounded.
        assert_eq!(g.find(("t", 0), &step(0, 0)), None);
        let held = |m: &HashMap<Key, Vec<Entry>>| m.values().map(Vec::len).sum::<usize>();
        assert!(held(&g.new) + held(&g.old) <= 2 * GENERATION);
    }
}
