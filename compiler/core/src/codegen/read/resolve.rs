//! Plain-scalar resolution exactly as PyYAML's YAML 1.1 resolver does it.
//!
//! Input: the text of a plain (unquoted, untagged) YAML scalar.
//! Output: what PyYAML's `SafeLoader` would build from it, as a JSON-able value.
//! Invariants: the patterns are PyYAML's own implicit resolvers (bool, float,
//! int, merge, null, timestamp, value), so documents read here mean what they
//! mean to the Python tools most SSM authors use. Differences, on purpose:
//! a timestamp stays the original text (JSON has no dates), an integer beyond
//! i64 becomes a float, and `=` (PyYAML cannot construct it) stays a string.
//! PyYAML does not resolve `0o17` (a YAML 1.2 spelling): it is a string here too.

use regex::Regex;
use std::sync::LazyLock;

/// What a plain scalar means.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// A YAML 1.1 timestamp, kept as its text.
    Timestamp,
    /// The merge key `<<`.
    Merge,
    String,
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("invariant: the resolver patterns are valid")
}

static BOOL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")
});
static FLOAT: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?",
        r"|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?",
        r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*",
        r"|[-+]?\.(?:inf|Inf|INF)",
        r"|\.(?:nan|NaN|NAN))$"
    ))
});
static INT: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"^(?:[-+]?0b[0-1_]+",
        r"|[-+]?0[0-7_]+",
        r"|[-+]?(?:0|[1-9][0-9_]*)",
        r"|[-+]?0x[0-9a-fA-F_]+",
        r"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$"
    ))
});
static NULL: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:~|null|Null|NULL|)$"));
static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]",
        r"|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?",
        r"(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?",
        r"(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$"
    ))
});

/// Resolves a plain scalar the way PyYAML's `SafeLoader` does.
pub fn resolve_plain(text: &str) -> Resolved {
    if BOOL.is_match(text) {
        let lower = text.to_ascii_lowercase();
        return Resolved::Bool(matches!(lower.as_str(), "yes" | "true" | "on"));
    }
    if FLOAT.is_match(text) {
        return construct_float(text).map_or(Resolved::String, Resolved::Float);
    }
    if INT.is_match(text) {
        return construct_int(text).unwrap_or(Resolved::String);
    }
    if text == "<<" {
        return Resolved::Merge;
    }
    if NULL.is_match(text) {
        return Resolved::Null;
    }
    if TIMESTAMP.is_match(text) {
        return Resolved::Timestamp;
    }
    Resolved::String
}

/// A scalar with an explicit core tag (`!!int "60"`, `!!bool 'yes'`), built
/// as PyYAML's `SafeLoader` builds it, whatever the scalar's style.
/// `None`: not a core scalar tag this reader constructs (the text decides);
/// `Some(None)`: PyYAML refuses the value (`!!int "x"`).
pub fn resolve_tagged(tag: &str, text: &str) -> Option<Option<Resolved>> {
    Some(match tag {
        "str" => Some(Resolved::String),
        "null" => Some(Resolved::Null),
        "int" => construct_int(text),
        "float" => construct_float(text).map(Resolved::Float),
        "bool" => match text.to_ascii_lowercase().as_str() {
            "yes" | "true" | "on" => Some(Resolved::Bool(true)),
            "no" | "false" | "off" => Some(Resolved::Bool(false)),
            _ => None,
        },
        _ => return None,
    })
}

/// Splits a leading sign off: (-1 or 1, rest).
fn sign(text: &str) -> (i8, &str) {
    if let Some(rest) = text.strip_prefix('-') {
        (-1, rest)
    } else {
        (1, text.strip_prefix('+').unwrap_or(text))
    }
}

/// PyYAML's `construct_yaml_int`: underscores dropped; `0b`, `0x`, a leading
/// `0` (octal) and `a:b:c` (base 60) select the base. `None` where PyYAML
/// itself would fail (e.g. `0b_`).
fn construct_int(text: &str) -> Option<Resolved> {
    let cleaned: String = text.chars().filter(|c| *c != '_').collect();
    let (sign, digits) = sign(&cleaned);
    let magnitude: i128 = if digits == "0" {
        0
    } else if let Some(bin) = digits.strip_prefix("0b") {
        i128::from_str_radix(bin, 2).ok()?
    } else if let Some(hex) = digits.strip_prefix("0x") {
        i128::from_str_radix(hex, 16).ok()?
    } else if digits.contains(':') {
        let mut value: i128 = 0;
        for part in digits.split(':') {
            value = value
                .checked_mul(60)?
                .checked_add(part.parse::<i128>().ok()?)?;
        }
        value
    } else if let Some(oct) = digits.strip_prefix('0') {
        i128::from_str_radix(oct, 8).ok()?
    } else {
        digits.parse::<i128>().ok()?
    };
    let value = magnitude * i128::from(sign);
    Some(match i64::try_from(value) {
        Ok(int) => Resolved::Int(int),
        // Beyond i64: a float, as the grammar does for big integer literals.
        #[expect(
            clippy::cast_precision_loss,
            reason = "big integers become floats on purpose"
        )]
        Err(_) => Resolved::Float(value as f64),
    })
}

/// PyYAML's `construct_yaml_float`.
fn construct_float(text: &str) -> Option<f64> {
    let cleaned: String = text
        .chars()
        .filter(|c| *c != '_')
        .collect::<String>()
        .to_ascii_lowercase();
    let (sign, rest) = sign(&cleaned);
    let sign = f64::from(sign);
    if rest == ".inf" {
        return Some(sign * f64::INFINITY);
    }
    if rest == ".nan" {
        return Some(f64::NAN);
    }
    if rest.contains(':') {
        let mut value = 0.0;
        for part in rest.split(':') {
            value = value * 60.0 + part.parse::<f64>().ok()?;
        }
        return Some(sign * value);
    }
    rest.parse::<f64>().ok().map(|v| sign * v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_pyyaml() {
        let cases: &[(&str, Resolved)] = &[
            ("yes", Resolved::Bool(true)),
            ("No", Resolved::Bool(false)),
            ("ON", Resolved::Bool(true)),
            ("off", Resolved::Bool(false)),
            ("y", Resolved::String),
            ("TrUe", Resolved::String),
            ("0777", Resolved::Int(511)),
            ("0x1F", Resolved::Int(31)),
            ("0b101", Resolved::Int(5)),
            ("1_000", Resolved::Int(1000)),
            ("-12", Resolved::Int(-12)),
            ("1:30", Resolved::Int(90)),
            ("190:20:30", Resolved::Int(685_230)),
            ("09", Resolved::String),
            ("0o17", Resolved::String),
            ("1.0", Resolved::Float(1.0)),
            ("1.", Resolved::Float(1.0)),
            (".5", Resolved::Float(0.5)),
            ("-.5", Resolved::String),
            ("1e3", Resolved::String),
            ("1.0e+3", Resolved::Float(1000.0)),
            ("-.inf", Resolved::Float(f64::NEG_INFINITY)),
            ("1:30.5", Resolved::Float(90.5)),
            ("~", Resolved::Null),
            ("", Resolved::Null),
            ("Null", Resolved::Null),
            ("nULL", Resolved::String),
            ("2020-01-01", Resolved::Timestamp),
            ("2001-12-14t21:59:43.10-05:00", Resolved::Timestamp),
            ("<<", Resolved::Merge),
            ("99999999999999999999", Resolved::Float(1e20)),
            ("hello", Resolved::String),
        ];
        for (text, want) in cases {
            assert_eq!(&resolve_plain(text), want, "{text:?}");
        }
        assert!(matches!(resolve_plain(".NaN"), Resolved::Float(f) if f.is_nan()));
    }

    #[test]
    fn core_tags_build_like_pyyaml() {
        let cases: &[(&str, &str, Option<Option<Resolved>>)] = &[
            ("int", "60", Some(Some(Resolved::Int(60)))),
            ("int", "0x1F", Some(Some(Resolved::Int(31)))),
            ("int", "sixty", Some(None)),
            ("float", "60", Some(Some(Resolved::Float(60.0)))),
            ("float", "1_000.5", Some(Some(Resolved::Float(1000.5)))),
            ("bool", "Yes", Some(Some(Resolved::Bool(true)))),
            ("bool", "false", Some(Some(Resolved::Bool(false)))),
            ("bool", "maybe", Some(None)),
            ("null", "anything", Some(Some(Resolved::Null))),
            ("str", "60", Some(Some(Resolved::String))),
            ("timestamp", "2020-01-01", None),
        ];
        for (tag, text, want) in cases {
            assert_eq!(&resolve_tagged(tag, text), want, "!!{tag} {text:?}");
        }
    }
}
