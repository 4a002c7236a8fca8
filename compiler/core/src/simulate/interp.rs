//! `{{ }}` references resolved against a run's state, with SSM's conversions.
//!
//! Sources: [ug] `automation-variables.md` (the reference forms: `{{ Param }}`,
//! `{{ Step.Output }}`, `{{ variable:NAME }}`, `{{ ssm:name }}`,
//! `{{ global:… }}`, `{{ automation:EXECUTION_ID }}`), [ug-now]
//! `populating-input-parameters` (a string that is exactly one reference takes
//! the referenced value's own type, so a `StringList` output fills a list input;
//! a reference inside longer text is replaced by its text).

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::json::to_text;
use crate::syntax::refs::{find_refs, RefKind};

/// The values references read.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub params: BTreeMap<String, Json>,
    /// `Step.Output` → value.
    pub outputs: BTreeMap<String, Json>,
    pub variables: BTreeMap<String, Json>,
    pub ssm: BTreeMap<String, Json>,
    /// Virtual seconds since the start (for `global:DATE_TIME`).
    pub clock: u64,
}

/// The fixed values of system variables: a simulated run has no account, so
/// these are documented placeholders (docs/testing.md), the same in every run.
pub const ACCOUNT_ID: &str = "123456789012";
pub const REGION: &str = "us-east-1";
pub const PARTITION: &str = "aws";
pub const EXECUTION_ID: &str = "00000000-0000-0000-0000-000000000000";

impl Scope {
    /// The value of one reference (the text between the braces, trimmed).
    pub fn lookup(&self, name: &str) -> Option<Json> {
        if let Some(var) = name.strip_prefix("variable:") {
            return self.variables.get(var).cloned();
        }
        if let Some(p) = name.strip_prefix("ssm:") {
            return self.ssm.get(p).cloned();
        }
        match name {
            "global:ACCOUNT_ID" => return Some(Json::from(ACCOUNT_ID)),
            "global:REGION" => return Some(Json::from(REGION)),
            "global:AWS_PARTITION" => return Some(Json::from(PARTITION)),
            "global:DATE" => return Some(Json::from("2026-01-01")),
            "global:DATE_TIME" => return Some(Json::from(date_time(self.clock))),
            "automation:EXECUTION_ID" => return Some(Json::from(EXECUTION_ID)),
            _ => {}
        }
        if name.contains('.') {
            return self.outputs.get(name).cloned();
        }
        self.params.get(name).cloned()
    }

    /// `value` with every `{{ }}` in its strings resolved; `Err` names the
    /// first reference that has no value.
    pub fn resolve(&self, value: &Json) -> Result<Json, String> {
        Ok(match value {
            Json::String(s) => self.resolve_str(s)?,
            Json::Array(items) => Json::Array(
                items
                    .iter()
                    .map(|v| self.resolve(v))
                    .collect::<Result<_, _>>()?,
            ),
            Json::Object(m) => Json::Object(
                m.iter()
                    .map(|(k, v)| Ok((k.clone(), self.resolve(v)?)))
                    .collect::<Result<_, String>>()?,
            ),
            other => other.clone(),
        })
    }

    fn resolve_str(&self, s: &str) -> Result<Json, String> {
        let refs = references(s);
        if let [(start, end, name)] = refs.as_slice() {
            if s.get(..*start).is_some_and(|b| b.trim().is_empty())
                && s.get(*end..).is_some_and(|a| a.trim().is_empty())
            {
                return self.lookup(name).ok_or_else(|| name.clone());
            }
        }
        if refs.is_empty() {
            return Ok(Json::String(s.to_string()));
        }
        let mut out = String::new();
        let mut at = 0;
        for (start, end, name) in &refs {
            out.push_str(s.get(at..*start).unwrap_or(""));
            let value = self.lookup(name).ok_or_else(|| name.clone())?;
            out.push_str(&to_text(&value));
            at = *end;
        }
        out.push_str(s.get(at..).unwrap_or(""));
        Ok(Json::String(out))
    }
}

/// The `{{ name }}` references of `s`: byte range and the name as
/// [`Scope::lookup`] reads it (`Param`, `Step.Out`, `ssm:/p`). The grammar is
/// the checker's (`syntax::refs`): text that is not a reference (`{{ print $2 }}`
/// in a shell line, an f-string's `{{ {x} }}`, JSON inside a script) stays
/// text, as SSM leaves it, and fails no step.
pub fn references(s: &str) -> Vec<(usize, usize, String)> {
    find_refs(s)
        .into_iter()
        .map(|r| {
            let prefix = match r.kind {
                RefKind::Param | RefKind::StepOutput => "",
                RefKind::Variable => "variable:",
                RefKind::Global => "global:",
                RefKind::Automation => "automation:",
                RefKind::Ssm => "ssm:",
                RefKind::SsmSecure => "ssm-secure:",
                RefKind::Resolve => "resolve:",
            };
            (r.range.start, r.range.end, format!("{prefix}{}", r.name))
        })
        .collect()
}

/// `2026-01-01T00:00:00Z` plus `clock` seconds (within the day and its
/// successors, enough for a run of a runbook).
fn date_time(clock: u64) -> String {
    let days = clock / 86_400;
    let rest = clock % 86_400;
    format!(
        "2026-01-{:02}T{:02}:{:02}:{:02}Z",
        1 + days.min(30),
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_lone_reference_keeps_its_type_and_an_embedded_one_becomes_text() {
        let mut scope = Scope::default();
        scope
            .outputs
            .insert("Find.Ids".into(), json!(["i-1", "i-2"]));
        scope.params.insert("Name".into(), json!("web"));
        assert_eq!(
            scope.resolve(&json!("{{ Find.Ids }}")),
            Ok(json!(["i-1", "i-2"]))
        );
        assert_eq!(
            scope.resolve(&json!("ids {{Find.Ids}} of {{ Name }}")),
            Ok(json!("ids [\"i-1\",\"i-2\"] of web"))
        );
        assert_eq!(scope.resolve(&json!("{{ Nope }}")), Err("Nope".to_string()));
        // Not references: SSM passes them on as text (a shell line, an f-string).
        assert_eq!(
            scope.resolve(&json!(
                "awk '{{ print $2 }}' and f'{{ {x} }}' for {{ Name }}"
            )),
            Ok(json!("awk '{{ print $2 }}' and f'{{ {x} }}' for web"))
        );
        assert_eq!(
            scope.resolve(&json!("{{ global:ACCOUNT_ID }}")),
            Ok(json!(ACCOUNT_ID))
        );
    }
}
