//! A value tree as the JSON value its emitted text reads back to, and its
//! content (spans aside) compared and hashed.
//!
//! Input: a [`Node`] as `order::to_node` makes it. Output: the
//! `serde_json::Value` that `serde_json::from_str(&emit_json(node))` gives,
//! built without writing and re-reading the text; a hash and an equality of
//! two trees' content, for caching what depends only on that content.
//! Invariant: [`to_json`] agrees with the emitted text read back: integers
//! read as serde_json reads them (unsigned when not negative), a float goes
//! through its JSON text (non-finite ones print as `null`), and a key given
//! twice keeps its first place and its last value (serde_json's map insert).

use std::hash::{Hash, Hasher};

use super::super::json::format_float;
use crate::model::{Node, Value};

/// The JSON value the emitted text of `node` reads back to.
pub fn to_json(node: &Node) -> serde_json::Value {
    value_to_json(&node.value)
}

fn value_to_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Int(i) => serde_json::Value::from(*i),
        // Through the text the emitter writes, so that the number is the one
        // its reader makes (serde_json's float parsing is its own).
        Value::Float(f) => {
            serde_json::from_str(&format_float(*f)).unwrap_or(serde_json::Value::Null)
        }
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::List(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => {
            let mut map = serde_json::Map::with_capacity(entries.len());
            for (key, item) in entries {
                map.insert(key.name.clone(), to_json(item));
            }
            serde_json::Value::Object(map)
        }
    }
}

/// Whether two trees hold the same content: the same values, keys and key
/// order, whatever their spans. Floats compare by their bits, so two equal
/// trees always emit the same text.
pub fn same_content(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        (Value::String(x), Value::String(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_content(a, b))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((ka, a), (kb, b))| ka.name == kb.name && same_content(a, b))
        }
        _ => false,
    }
}

/// Feeds the content of `node` (not its spans) to `state`: trees that are
/// [`same_content`] hash alike.
pub fn hash_content(node: &Node, state: &mut impl Hasher) {
    match &node.value {
        Value::Null => state.write_u8(0),
        Value::Bool(b) => {
            state.write_u8(1);
            b.hash(state);
        }
        Value::Int(i) => {
            state.write_u8(2);
            i.hash(state);
        }
        Value::Float(f) => {
            state.write_u8(3);
            f.to_bits().hash(state);
        }
        Value::String(s) => {
            state.write_u8(4);
            s.hash(state);
        }
        Value::List(items) => {
            state.write_u8(5);
            state.write_usize(items.len());
            for item in items {
                hash_content(item, state);
            }
        }
        Value::Map(entries) => {
            state.write_u8(6);
            state.write_usize(entries.len());
            for (key, item) in entries {
                key.name.hash(state);
                hash_content(item, state);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codegen::json::emit_json;
    use crate::model::Key;
    use crate::span::{FileId, Span};
    use std::hash::DefaultHasher;

    fn at(start: usize) -> Span {
        Span::new(FileId(0), start, start + 1)
    }

    fn key(name: &str, start: usize) -> Key {
        Key {
            name: name.to_string(),
            span: at(start),
        }
    }

    /// Every kind of value, a key given twice, numbers at their edges.
    fn sample(shift: usize) -> Node {
        let n = |v: Value, s: usize| Node::new(v, at(s + shift));
        n(
            Value::Map(vec![
                (key("null", shift), n(Value::Null, 1)),
                (key("yes", shift), n(Value::Bool(true), 2)),
                (key("int", shift), n(Value::Int(-7), 3)),
                (key("big", shift), n(Value::Int(i64::MAX), 4)),
                (key("zero", shift), n(Value::Int(0), 5)),
                (key("float", shift), n(Value::Float(0.1), 6)),
                (key("whole", shift), n(Value::Float(1e21), 7)),
                (key("tiny", shift), n(Value::Float(1.5e-7), 8)),
                (key("inf", shift), n(Value::Float(f64::INFINITY), 9)),
                (
                    key("text", shift),
                    n(Value::String("a\"\\\n\u{1}é".into()), 10),
                ),
                (key("twice", shift), n(Value::Int(1), 11)),
                (
                    key("list", shift),
                    n(
                        Value::List(vec![n(Value::Int(1), 12), n(Value::Map(vec![]), 13)]),
                        14,
                    ),
                ),
                (key("twice", shift), n(Value::String("last".into()), 15)),
            ]),
            0,
        )
    }

    #[test]
    fn the_value_is_the_emitted_text_read_back() {
        let node = sample(0);
        let read: serde_json::Value = serde_json::from_str(&emit_json(&node)).expect("JSON");
        assert_eq!(to_json(&node), read);
        // Serialised again, key order and number forms included.
        assert_eq!(to_json(&node).to_string(), read.to_string());
    }

    fn hash_of(node: &Node) -> u64 {
        let mut h = DefaultHasher::new();
        hash_content(node, &mut h);
        h.finish()
    }

    #[test]
    fn content_ignores_spans_and_sees_every_change() {
        let (a, moved) = (sample(0), sample(100));
        assert!(same_content(&a, &moved));
        assert_eq!(hash_of(&a), hash_of(&moved));
        let mut changed = sample(0);
        if let Value::Map(entries) = &mut changed.value {
            entries[2].1.value = Value::Int(-8);
        }
        assert!(!same_content(&a, &changed));
        assert_ne!(hash_of(&a), hash_of(&changed));
        let mut renamed = sample(0);
        if let Value::Map(entries) = &mut renamed.value {
            entries[0].0.name = "nul".into();
        }
        assert!(!same_content(&a, &renamed));
        // The same text in another type is other content.
        let one = Node::new(Value::Int(1), at(0));
        let text = Node::new(Value::String("1".into()), at(0));
        let float = Node::new(Value::Float(1.0), at(0));
        assert!(!same_content(&one, &text) && !same_content(&one, &float));
    }
}
