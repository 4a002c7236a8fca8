//! Runtime values: the document model's nodes as JSON, and SSM's selectors
//! evaluated on them with the checker's own selector parser
//! (`check::awsapi::selector`), so the simulator and the checker read a
//! selector the same way.
//!
//! Evaluation follows Jayway JsonPath, which SSM uses for `Selector` and
//! `PropertySelector` ([ug] `automation-action-executeAwsApi.md`: "JSONPath"):
//! a definite path (members and indexes only) yields one value or nothing; a
//! path with `[*]`, `..`, a slice, a union or a filter yields a list.

use serde_json::{Map, Value as Json};

use crate::check::awsapi::selector::{self, Sel};
use crate::model::{Node, Step, Value};

/// A step's inputs as JSON and, for an `aws:branch`, its `Choices` (empty
/// when absent): what the runner, the coverage count and the case picker read.
pub fn inputs_and_choices(step: &Step) -> (Json, Vec<Json>) {
    let inputs = step.inputs.as_ref().map(to_json).unwrap_or(Json::Null);
    let choices = inputs
        .get("Choices")
        .and_then(Json::as_array)
        .cloned()
        .unwrap_or_default();
    (inputs, choices)
}

/// A model node as JSON (spans dropped, key order kept).
pub fn to_json(node: &Node) -> Json {
    match &node.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::from(*i),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        Value::String(s) => Json::String(s.clone()),
        Value::List(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => Json::Object(
            entries
                .iter()
                .map(|(k, v)| (k.name.clone(), to_json(v)))
                .collect::<Map<_, _>>(),
        ),
    }
}

/// A value as SSM writes it into a string: strings bare, everything else as JSON text.
pub fn to_text(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The result of a selector: one value, several (a list), or nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum Selected {
    Nothing,
    One(Json),
    Many(Vec<Json>),
}

impl Selected {
    /// As one value: a list for `Many`, `None` for nothing.
    pub fn into_value(self) -> Option<Json> {
        match self {
            Selected::Nothing => None,
            Selected::One(v) => Some(v),
            Selected::Many(vs) => Some(Json::Array(vs)),
        }
    }
}

/// Evaluates `selector` on `root`. A selector that does not parse selects nothing
/// (the checker reports it; the run does not stop on it).
pub fn select(root: &Json, selector: &str) -> Selected {
    let Ok(segments) = selector::parse(selector) else {
        return Selected::Nothing;
    };
    let mut definite = true;
    let mut current = vec![root.clone()];
    for seg in &segments {
        if let Sel::Function(f) = &seg.sel {
            // Applies to what the path before yields: one value, or the list of them.
            let input = match (definite, current.len()) {
                (true, 1) => current.swap_remove(0),
                _ => Json::Array(current),
            };
            return function(f, &input).map_or(Selected::Nothing, Selected::One);
        }
        if seg.deep {
            definite = false;
            current = current.iter().flat_map(descendants).collect();
        }
        let mut next = Vec::new();
        for v in &current {
            match &seg.sel {
                Sel::Member(name) => {
                    if let Some(x) = v.get(name.as_str()) {
                        next.push(x.clone());
                    }
                }
                Sel::Members(names) => {
                    definite = false;
                    next.extend(names.iter().filter_map(|n| v.get(n.as_str()).cloned()));
                }
                Sel::Index(i) => {
                    if let Some(list) = v.as_array() {
                        let at = if *i < 0 {
                            usize::try_from(i.unsigned_abs())
                                .ok()
                                .and_then(|back| list.len().checked_sub(back))
                        } else {
                            usize::try_from(*i).ok()
                        };
                        if let Some(x) = at.and_then(|at| list.get(at)) {
                            next.push(x.clone());
                        }
                    }
                }
                Sel::Slice | Sel::Wildcard => {
                    definite = false;
                    match v {
                        Json::Array(items) => next.extend(items.iter().cloned()),
                        Json::Object(m) => next.extend(m.values().cloned()),
                        _ => {}
                    }
                }
                Sel::Filter(text) => {
                    definite = false;
                    let items: Vec<&Json> = match v {
                        Json::Array(items) => items.iter().collect(),
                        other => vec![other],
                    };
                    next.extend(items.into_iter().filter(|x| filter(x, text)).cloned());
                }
                Sel::Function(_) => {}
            }
        }
        current = next;
    }
    match (definite, current.len()) {
        (true, 0) => Selected::Nothing,
        (true, _) => current
            .into_iter()
            .next()
            .map_or(Selected::Nothing, Selected::One),
        (false, _) => Selected::Many(current),
    }
}

/// Every value under `v`, `v` included, depth first.
fn descendants(v: &Json) -> Vec<Json> {
    let mut out = vec![v.clone()];
    match v {
        Json::Array(items) => items.iter().for_each(|x| out.extend(descendants(x))),
        Json::Object(m) => m.values().for_each(|x| out.extend(descendants(x))),
        _ => {}
    }
    out
}

/// Jayway's argument-less functions over what the path before yields.
fn function(name: &str, v: &Json) -> Option<Json> {
    let nums: Vec<f64> = match v {
        Json::Array(items) => items.iter().filter_map(Json::as_f64).collect(),
        other => other.as_f64().into_iter().collect(),
    };
    let number = |f: f64| serde_json::Number::from_f64(f).map(Json::Number);
    match name {
        "length" => match v {
            Json::Array(items) => Some(Json::from(items.len())),
            Json::Object(m) => Some(Json::from(m.len())),
            Json::String(s) => Some(Json::from(s.chars().count())),
            _ => None,
        },
        "first" => v.as_array().and_then(|l| l.first().cloned()),
        "last" => v.as_array().and_then(|l| l.last().cloned()),
        "keys" => v
            .as_object()
            .map(|m| Json::Array(m.keys().cloned().map(Json::String).collect())),
        "sum" => number(nums.iter().sum()),
        "min" => nums.iter().copied().reduce(f64::min).and_then(number),
        "max" => nums.iter().copied().reduce(f64::max).and_then(number),
        "avg" if !nums.is_empty() => number(nums.iter().sum::<f64>() / nums.len() as f64),
        _ => None,
    }
}

/// A filter `@.a.b OP literal` (OP one of `== != < <= > >=`), or `@.a.b`
/// (the member exists); `&&` and `||` of those. Anything else keeps nothing.
fn filter(item: &Json, text: &str) -> bool {
    if let Some((a, b)) = text.split_once("||") {
        return filter(item, a) || filter(item, b);
    }
    if let Some((a, b)) = text.split_once("&&") {
        return filter(item, a) && filter(item, b);
    }
    let text = text.trim();
    for op in ["==", "!=", "<=", ">=", "<", ">"] {
        if let Some((left, right)) = text.split_once(op) {
            let Some(found) = at_path(item, left.trim()) else {
                return false;
            };
            let literal = literal(right.trim());
            return compare(&found, op, &literal);
        }
    }
    at_path(item, text).is_some()
}

fn at_path(item: &Json, path: &str) -> Option<Json> {
    let rest = path.strip_prefix('@')?;
    let mut v = item;
    for part in rest.split('.').filter(|p| !p.is_empty()) {
        v = v.get(part)?;
    }
    Some(v.clone())
}

fn literal(text: &str) -> Json {
    let unquoted = text
        .strip_prefix('\'')
        .and_then(|t| t.strip_suffix('\''))
        .or_else(|| text.strip_prefix('"').and_then(|t| t.strip_suffix('"')));
    match unquoted {
        Some(s) => Json::String(s.to_string()),
        None => serde_json::from_str(text).unwrap_or_else(|_| Json::String(text.to_string())),
    }
}

fn compare(a: &Json, op: &str, b: &Json) -> bool {
    if let (Some(x), Some(y)) = (a.as_f64(), b.as_f64()) {
        return match op {
            "==" => x == y,
            "!=" => x != y,
            "<" => x < y,
            "<=" => x <= y,
            ">" => x > y,
            _ => x >= y,
        };
    }
    match op {
        "==" => a == b,
        "!=" => a != b,
        _ => {
            let (x, y) = (to_text(a), to_text(b));
            match op {
                "<" => x < y,
                "<=" => x <= y,
                ">" => x > y,
                _ => x >= y,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn definite_paths_yield_one_value_and_indefinite_ones_a_list() {
        let doc = json!({"Reservations": [{"Instances": [{"InstanceId": "i-1"}, {"InstanceId": "i-2"}]}]});
        assert_eq!(
            select(&doc, "$.Reservations[0].Instances[1].InstanceId"),
            Selected::One(json!("i-2"))
        );
        assert_eq!(
            select(&doc, "$.Reservations[0].Instances[*].InstanceId"),
            Selected::Many(vec![json!("i-1"), json!("i-2")])
        );
        assert_eq!(
            select(&doc, "$..InstanceId"),
            Selected::Many(vec![json!("i-1"), json!("i-2")])
        );
        assert_eq!(select(&doc, "$.Missing[0]"), Selected::Nothing);
        assert_eq!(
            select(&doc, "$.Reservations[0].Instances[-1].InstanceId"),
            Selected::One(json!("i-2"))
        );
    }

    #[test]
    fn filters_and_functions() {
        let doc = json!({"Items": [{"State": "on", "N": 2}, {"State": "off", "N": 5}]});
        assert_eq!(
            select(&doc, "$.Items[?(@.State == 'off')].N"),
            Selected::Many(vec![json!(5)])
        );
        assert_eq!(
            select(&doc, "$.Items[?(@.N > 1)].State"),
            Selected::Many(vec![json!("on"), json!("off")])
        );
        assert_eq!(select(&doc, "$.Items.length()"), Selected::One(json!(2)));
    }
}
