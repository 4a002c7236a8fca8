//! An exact JSON value tree with a span on every node.
//!
//! Invariant: a value keeps its JSON type (`"600"` is not `600`, `1.0` stays a
//! float, `{}` present is not absent) and maps keep their key order as read or
//! written, so reading a document and serialising it loses nothing.

use crate::span::Span;

/// A map key with the place it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    /// A number with a fraction or exponent, or an integer too large for i64.
    Float(f64),
    String(String),
    List(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

/// A value and the place it came from (`.rbk` source or a JSON/YAML document).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

impl Node {
    pub fn new(value: Value, span: Span) -> Node {
        Node { value, span }
    }

    pub fn string(s: impl Into<String>, span: Span) -> Node {
        Node::new(Value::String(s.into()), span)
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Key, Node)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Node]> {
        match &self.value {
            Value::List(l) => Some(l),
            _ => None,
        }
    }

    /// The value under `key` (exact match) in a map.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(_, v)| v)
    }

    /// The entry under `key`, matched case-insensitively (as the agent does for plugin inputs).
    pub fn get_ignore_case(&self, key: &str) -> Option<(&Key, &Node)> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.name.eq_ignore_ascii_case(key))
            .map(|(k, v)| (k, v))
    }

    /// The JSON type name, for messages: "string", "integer", "list", …
    pub fn type_name(&self) -> &'static str {
        self.value.type_name()
    }
}

impl Value {
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "integer",
            Value::Float(_) => "number",
            Value::String(_) => "string",
            Value::List(_) => "list",
            Value::Map(_) => "map",
        }
    }

    /// Structural equality ignoring spans and map key order.
    pub fn same(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::List(a), Value::List(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.value.same(&y.value))
            }
            (Value::Map(a), Value::Map(b)) => {
                a.len() == b.len()
                    && a.iter().all(|(k, v)| {
                        b.iter()
                            .find(|(k2, _)| k2.name == k.name)
                            .is_some_and(|(_, v2)| v.value.same(&v2.value))
                    })
            }
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits() || a == b,
            _ => self == other,
        }
    }
}
