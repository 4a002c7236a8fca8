//! `aws:branch` choices and `aws:loop`'s `LoopCondition`: one choice is a
//! `Variable` and one operator, or `And`/`Or`/`Not` of choices.
//!
//! Source: [ug] `automation-action-branch.md` (operators: `StringEquals`,
//! `EqualsIgnoreCase`, `StartsWith`, `EndsWith`, `Contains`, `NumericEquals`,
//! `NumericGreater`, `NumericLesser`, `NumericGreaterOrEquals`,
//! `NumericLesserOrEquals`, `BooleanEquals`; `And`, `Or`, `Not`); the first
//! choice that holds gives `NextStep`, else `Default`.

use serde_json::Value as Json;

use super::interp::Scope;
use super::json::to_text;

/// Whether `choice` holds; `Err` says why it cannot be judged (an unresolved
/// reference, an unknown operator, a value that is not a number).
pub fn holds(choice: &Json, scope: &Scope) -> Result<bool, String> {
    let Some(map) = choice.as_object() else {
        return Err("a choice is not a map".to_string());
    };
    if let Some(all) = map.get("And") {
        for c in all.as_array().map(Vec::as_slice).unwrap_or_default() {
            if !holds(c, scope)? {
                return Ok(false);
            }
        }
        return Ok(true);
    }
    if let Some(any) = map.get("Or") {
        for c in any.as_array().map(Vec::as_slice).unwrap_or_default() {
            if holds(c, scope)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(not) = map.get("Not") {
        // `Not` holds one choice, written as a map or a one-item list.
        let inner = match not {
            Json::Array(items) => items.first().cloned().unwrap_or(Json::Null),
            other => other.clone(),
        };
        return Ok(!holds(&inner, scope)?);
    }
    let variable = map
        .get("Variable")
        .ok_or_else(|| "a choice has no `Variable`".to_string())?;
    let actual = scope.resolve(variable).map_err(unresolved)?;
    let Some((op, expected)) = map
        .iter()
        .find(|(k, _)| !matches!(k.as_str(), "Variable" | "NextStep"))
    else {
        return Err("a choice has no operator".to_string());
    };
    let expected = scope.resolve(expected).map_err(unresolved)?;
    compare(op, &actual, &expected)
}

fn unresolved(name: String) -> String {
    format!("`{{{{ {name} }}}}` has no value")
}

/// One operator applied to the variable's value and the operand.
pub fn compare(op: &str, actual: &Json, expected: &Json) -> Result<bool, String> {
    let (a, e) = (to_text(actual), to_text(expected));
    Ok(match op {
        "StringEquals" => a == e,
        "EqualsIgnoreCase" => a.to_lowercase() == e.to_lowercase(),
        "StartsWith" => a.starts_with(&e),
        "EndsWith" => a.ends_with(&e),
        "Contains" => match actual {
            Json::Array(items) => items.iter().any(|i| to_text(i) == e),
            _ => a.contains(&e),
        },
        "BooleanEquals" => boolean(actual)? == boolean(expected)?,
        "NumericEquals"
        | "NumericGreater"
        | "NumericLesser"
        | "NumericGreaterOrEquals"
        | "NumericLesserOrEquals" => {
            let (x, y) = (number(actual)?, number(expected)?);
            match op {
                "NumericEquals" => x == y,
                "NumericGreater" => x > y,
                "NumericLesser" => x < y,
                "NumericGreaterOrEquals" => x >= y,
                _ => x <= y,
            }
        }
        other => return Err(format!("`{other}` is not a choice operator")),
    })
}

fn number(v: &Json) -> Result<f64, String> {
    match v {
        Json::Number(n) => n.as_f64(),
        Json::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .ok_or_else(|| format!("`{}` is not a number", to_text(v)))
}

fn boolean(v: &Json) -> Result<bool, String> {
    match v {
        Json::Bool(b) => Some(*b),
        Json::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Json::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
    .ok_or_else(|| format!("`{}` is not a boolean", to_text(v)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn scope() -> Scope {
        let mut s = Scope::default();
        s.params.insert("Env".into(), json!("prod"));
        s.params.insert("Count".into(), json!("3"));
        s.params.insert("Allow".into(), json!(true));
        s
    }

    #[test]
    fn every_operator_and_combinator() {
        let s = scope();
        let cases = [
            (
                json!({"Variable": "{{ Env }}", "StringEquals": "prod"}),
                true,
            ),
            (
                json!({"Variable": "{{ Env }}", "EqualsIgnoreCase": "PROD"}),
                true,
            ),
            (json!({"Variable": "{{ Env }}", "StartsWith": "pr"}), true),
            (json!({"Variable": "{{ Env }}", "EndsWith": "x"}), false),
            (json!({"Variable": "{{ Env }}", "Contains": "ro"}), true),
            (
                json!({"Variable": "{{ Count }}", "NumericGreater": 2}),
                true,
            ),
            (
                json!({"Variable": "{{ Count }}", "NumericLesser": 3}),
                false,
            ),
            (json!({"Variable": "{{ Count }}", "NumericEquals": 3}), true),
            (
                json!({"Variable": "{{ Count }}", "NumericGreaterOrEquals": 3}),
                true,
            ),
            (
                json!({"Variable": "{{ Count }}", "NumericLesserOrEquals": 2}),
                false,
            ),
            (
                json!({"Variable": "{{ Allow }}", "BooleanEquals": true}),
                true,
            ),
            (
                json!({"And": [{"Variable": "{{ Env }}", "StringEquals": "prod"}, {"Variable": "{{ Allow }}", "BooleanEquals": false}]}),
                false,
            ),
            (
                json!({"Or": [{"Variable": "{{ Env }}", "StringEquals": "dev"}, {"Variable": "{{ Allow }}", "BooleanEquals": true}]}),
                true,
            ),
            (
                json!({"Not": {"Variable": "{{ Env }}", "StringEquals": "prod"}}),
                false,
            ),
        ];
        for (choice, expected) in cases {
            assert_eq!(holds(&choice, &s), Ok(expected), "{choice}");
        }
        assert!(holds(&json!({"Variable": "{{ Env }}", "NumericEquals": 1}), &s).is_err());
        assert!(holds(
            &json!({"Variable": "{{ Missing }}", "StringEquals": "x"}),
            &s
        )
        .is_err());
    }
}
