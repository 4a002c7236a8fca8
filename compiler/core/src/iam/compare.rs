//! `ssmc iam --check POLICY`: a written policy against what the runbook needs.
//!
//! Input: the policy's JSON text and the derived [`Policy`]. Output: what the
//! written policy lacks (a needed action on a needed resource that no `Allow`
//! grants, or that a `Deny` takes away) and what it grants beyond need
//! (actions no step needs, wildcards wider than the needs, `"*"` where
//! ARNs would do).
//!
//! Judged by IAM's own matching (`*` and `?` in actions, case-insensitive,
//! and in resources). Conditions are not evaluated: a statement with one is
//! taken to apply, and a note says so. `NotAction` and `NotResource` are not
//! judged (a note says so) rather than guessed at.

use super::catalog::IamCatalog;
use super::policy::{place, Places, Policy};
use serde_json::Value;

/// One finding of the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A needed action on a resource that the policy does not allow.
    Lacks { action: String, resource: String },
    /// An action pattern of the policy that no step needs (with how many
    /// catalog actions it grants beyond need, for a wildcard).
    Beyond { pattern: String, extra: usize },
    /// `"*"` granted for an action whose needs are narrower ARNs.
    WiderResource { action: String, needed: Vec<String> },
    /// Something the comparison did not judge.
    Note(String),
}

struct Written {
    allow: bool,
    actions: Vec<String>,
    resources: Vec<String>,
}

/// Reads a policy document; `Err` with a message when it is not one.
fn statements(text: &str) -> Result<(Vec<Written>, Vec<Finding>), String> {
    let json: Value =
        serde_json::from_str(text).map_err(|e| format!("not a JSON policy document: {e}"))?;
    let list = match json.get("Statement") {
        Some(Value::Array(l)) => l.clone(),
        Some(s @ Value::Object(_)) => vec![s.clone()],
        _ => return Err("the policy has no `Statement`".to_string()),
    };
    let strings = |v: Option<&Value>| -> Vec<String> {
        match v {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect(),
            _ => Vec::new(),
        }
    };
    let mut out = Vec::new();
    let mut notes = Vec::new();
    for (i, s) in list.iter().enumerate() {
        if s.get("NotAction").is_some() || s.get("NotResource").is_some() {
            notes.push(Finding::Note(format!(
                "statement {}: `NotAction`/`NotResource` are not judged",
                i + 1
            )));
            continue;
        }
        if s.get("Condition").is_some() {
            notes.push(Finding::Note(format!(
                "statement {}: its `Condition` is not evaluated (taken to hold)",
                i + 1
            )));
        }
        out.push(Written {
            allow: s.get("Effect").and_then(Value::as_str) == Some("Allow"),
            actions: strings(s.get("Action")),
            resources: strings(s.get("Resource")),
        });
    }
    Ok((out, notes))
}

/// IAM's wildcard match: `*` any run of characters, `?` any one.
pub fn glob(pattern: &str, text: &str, ignore_case: bool) -> bool {
    let norm = |s: &str| {
        if ignore_case {
            s.to_ascii_lowercase()
        } else {
            s.to_string()
        }
    };
    let (p, t): (Vec<char>, Vec<char>) = (
        norm(pattern).chars().collect(),
        norm(text).chars().collect(),
    );
    // Iterative match with backtracking to the last `*`: linear in practice.
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// What `policy_text` lacks and grants beyond `needed`.
pub fn compare(
    policy_text: &str,
    needed: &Policy,
    iam: &IamCatalog,
) -> Result<Vec<Finding>, String> {
    let (written, mut findings) = statements(policy_text)?;
    let grants = |allow: bool, action: &str, resource: &str| {
        written.iter().any(|w| {
            w.allow == allow
                && w.actions.iter().any(|p| glob(p, action, true))
                && w.resources.iter().any(|r| glob(r, resource, false))
        })
    };
    let mut needed_actions: Vec<&str> = Vec::new();
    for s in &needed.statements {
        let resources: Vec<String> = if s.resources.is_empty() {
            vec!["*".to_string()]
        } else {
            s.resources
                .iter()
                .map(|a| place(a, Places::Plain))
                .collect()
        };
        for action in &s.actions {
            needed_actions.push(action);
            for r in &resources {
                if !grants(true, action, r) || grants(false, action, r) {
                    findings.push(Finding::Lacks {
                        action: action.clone(),
                        resource: r.clone(),
                    });
                }
            }
            if !s.resources.is_empty()
                && written.iter().any(|w| {
                    w.allow
                        && w.actions.iter().any(|p| glob(p, action, true))
                        && w.resources.iter().any(|r| r == "*")
                })
            {
                findings.push(Finding::WiderResource {
                    action: action.clone(),
                    needed: resources.clone(),
                });
            }
        }
    }
    for w in written.iter().filter(|w| w.allow) {
        for pattern in &w.actions {
            let used = needed_actions.iter().any(|a| glob(pattern, a, true));
            let extra = if pattern.contains(['*', '?']) {
                catalog_matches(iam, pattern).saturating_sub(
                    needed_actions
                        .iter()
                        .filter(|a| glob(pattern, a, true))
                        .count(),
                )
            } else {
                0
            };
            if !used || extra > 0 {
                findings.push(Finding::Beyond {
                    pattern: pattern.clone(),
                    extra,
                });
            }
        }
    }
    Ok(findings)
}

/// How many catalog actions a pattern grants.
fn catalog_matches(iam: &IamCatalog, pattern: &str) -> usize {
    let (prefix_pattern, name_pattern) = pattern.split_once(':').unwrap_or(("*", pattern));
    iam.prefixes()
        .filter(|(p, _)| glob(prefix_pattern, p, true))
        .map(|(p, count)| {
            if name_pattern == "*" {
                count
            } else {
                iam.service(p).map_or(0, |s| {
                    s.actions
                        .iter()
                        .filter(|a| glob(name_pattern, &a.name, true))
                        .count()
                })
            }
        })
        .sum()
}
