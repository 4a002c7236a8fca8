//! The types of the runbook language: SSM's parameter and output types, the
//! shapes the action catalog uses for inputs, and the error type.
//!
//! Invariant: `Ty::Error` is compatible with everything and is never reported,
//! so one mistake gives one diagnostic.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    String,
    Integer,
    Boolean,
    StringList,
    StringMap,
    MapList,
    /// Any JSON object (action inputs such as `Parameters`, `InputPayload`).
    Map,
    /// Any JSON list.
    List,
    /// `AWS::EC2::Instance::Id` and the other AWS resource types (a String at run time).
    Aws(String),
    /// `List<AWS::…>` (a StringList at run time).
    AwsList(String),
    /// A `Targets` list: `[{ Key: String, Values: StringList }]`.
    Targets,
    /// A branch/loop condition object.
    Condition,
    /// Any value (pass-through inputs).
    Any,
    /// A secret String (from `ssm_secure`, a secret parameter): flows only where AWS resolves it unlogged.
    Secret,
    /// A type name the checker does not know (kept verbatim, checks nothing).
    Unknown(String),
    /// The result of an error already reported.
    Error,
}

impl Ty {
    /// Parses a type as written in a parameter, variable, output or catalog input.
    pub fn parse(text: &str) -> Ty {
        match text {
            "String" => Ty::String,
            "Integer" => Ty::Integer,
            "Boolean" => Ty::Boolean,
            "StringList" => Ty::StringList,
            "StringMap" => Ty::StringMap,
            "MapList" => Ty::MapList,
            "Map" => Ty::Map,
            "List" => Ty::List,
            "Targets" => Ty::Targets,
            "Condition" => Ty::Condition,
            "Any" => Ty::Any,
            "Secret" => Ty::Secret,
            t if t.starts_with("AWS::") => Ty::Aws(t.to_string()),
            t if t.starts_with("List<AWS::") && t.ends_with('>') => Ty::AwsList(
                t.trim_start_matches("List<")
                    .trim_end_matches('>')
                    .to_string(),
            ),
            t => Ty::Unknown(t.to_string()),
        }
    }

    /// The SSM run-time type this type behaves as.
    pub fn runtime(&self) -> Ty {
        match self {
            Ty::Aws(_) | Ty::Secret => Ty::String,
            Ty::AwsList(_) => Ty::StringList,
            t => t.clone(),
        }
    }

    pub fn is_error(&self) -> bool {
        matches!(self, Ty::Error | Ty::Unknown(_) | Ty::Any)
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::String => f.write_str("String"),
            Ty::Integer => f.write_str("Integer"),
            Ty::Boolean => f.write_str("Boolean"),
            Ty::StringList => f.write_str("StringList"),
            Ty::StringMap => f.write_str("StringMap"),
            Ty::MapList => f.write_str("MapList"),
            Ty::Map => f.write_str("Map"),
            Ty::List => f.write_str("List"),
            Ty::Aws(t) => f.write_str(t),
            Ty::AwsList(t) => write!(f, "List<{t}>"),
            Ty::Targets => f.write_str("Targets"),
            Ty::Condition => f.write_str("Condition"),
            Ty::Any => f.write_str("Any"),
            Ty::Secret => f.write_str("Secret"),
            Ty::Unknown(t) => f.write_str(t),
            Ty::Error => f.write_str("{error}"),
        }
    }
}
