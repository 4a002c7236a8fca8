//! `ssmc iam --check POLICY`: a written policy against what the runbook needs.
//!
//! Input: the policy's JSON text and the derived [`Policy`]. Output: what the
//! written policy lacks (a needed action on a needed resource that no `Allow`
//! grants, or that a `Deny` takes away), what it grants only under a
//! condition, and what it grants beyond need (actions no step needs,
//! wildcards wider than the needs, `"*"` where ARNs would do).
//!
//! Judged by IAM's own matching (`*` and `?` in actions, case-insensitive,
//! and in resources) and its evaluation logic for one identity policy
//! (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
//! a matching `Deny` wins, else a matching `Allow` grants, else the request is
//! denied. `NotAction` matches every action but those listed, `NotResource`
//! every resource but those listed
//! (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html,
//! …/reference_policies_elements_notresource.html). A condition is decided
//! where the derivation fixes its value (`iam:PassedToService` of a need that
//! carries the same condition); any other condition depends on the request
//! (`aws:RequestedRegion`, `ssm:resourceTag/…`): an `Allow` under it is
//! reported as "granted only if …", a `Deny` under it as a note, never
//! taken to hold.

use super::catalog::IamCatalog;
use super::derive::Condition;
use super::policy::{place, Places, Policy};
use serde_json::Value;

/// One finding of the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A needed action on a resource that the policy does not allow.
    Lacks { action: String, resource: String },
    /// A needed action on a resource that the policy allows only when its
    /// condition (as written: `StringEquals aws:RequestedRegion = us-east-1`)
    /// holds for the request.
    GrantedIf {
        action: String,
        resource: String,
        condition: String,
    },
    /// An action pattern of the policy that no step needs (with how many
    /// catalog actions it grants beyond need, for a wildcard).
    Beyond { pattern: String, extra: usize },
    /// `"*"` granted for an action whose needs are narrower ARNs.
    WiderResource { action: String, needed: Vec<String> },
    /// Something the comparison did not judge.
    Note(String),
}

/// `Action`/`Resource` (what is listed matches) or `NotAction`/`NotResource`
/// (everything but what is listed matches).
enum Patterns {
    Listed(Vec<String>),
    AllBut(Vec<String>),
}

impl Patterns {
    fn matches(&self, text: &str, ignore_case: bool) -> bool {
        match self {
            Patterns::Listed(p) => p.iter().any(|p| glob(p, text, ignore_case)),
            Patterns::AllBut(p) => !p.iter().any(|p| glob(p, text, ignore_case)),
        }
    }

    /// The listed patterns of an `Action`/`Resource` (none for a `Not…`).
    fn listed(&self) -> &[String] {
        match self {
            Patterns::Listed(p) => p,
            Patterns::AllBut(_) => &[],
        }
    }
}

struct Written {
    allow: bool,
    actions: Patterns,
    resources: Patterns,
    /// `(operator, key, values)` of each condition, as written.
    conditions: Vec<(String, String, Vec<String>)>,
}

impl Written {
    fn applies(&self, action: &str, resource: &str) -> bool {
        self.actions.matches(action, true) && self.resources.matches(resource, false)
    }

    /// Whether the derivation decides every condition: each is the need's
    /// own (`StringEquals iam:PassedToService` with values it allows).
    fn decided_by(&self, need: Option<&Condition>) -> bool {
        self.conditions.iter().all(|(op, key, values)| {
            need.is_some_and(|c| {
                c.operator.eq_ignore_ascii_case(op)
                    && c.key.eq_ignore_ascii_case(key)
                    && c.values.iter().all(|v| values.contains(v))
            })
        })
    }

    fn condition_text(&self) -> String {
        self.conditions
            .iter()
            .map(|(op, key, values)| format!("{op} {key} = {}", values.join(", ")))
            .collect::<Vec<_>>()
            .join(" and ")
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    }
}

/// `Action` or `NotAction` (likewise `Resource`/`NotResource`) of a statement.
fn patterns(s: &Value, key: &str) -> Patterns {
    match s.get(format!("Not{key}").as_str()) {
        Some(not) => Patterns::AllBut(strings(Some(not))),
        None => Patterns::Listed(strings(s.get(key))),
    }
}

/// `{"StringEquals": {"aws:RequestedRegion": "us-east-1"}}` as triples.
fn conditions(s: &Value) -> Vec<(String, String, Vec<String>)> {
    let Some(Value::Object(ops)) = s.get("Condition") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (op, keys) in ops {
        if let Value::Object(keys) = keys {
            for (key, values) in keys {
                let values = match values {
                    Value::Array(a) => a.iter().map(value_text).collect(),
                    v => vec![value_text(v)],
                };
                out.push((op.clone(), key.clone(), values));
            }
        }
    }
    out
}

fn value_text(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_string)
}

/// Reads a policy document; `Err` with a message when it is not one.
fn statements(text: &str) -> Result<Vec<Written>, String> {
    let json: Value =
        serde_json::from_str(text).map_err(|e| format!("not a JSON policy document: {e}"))?;
    let list = match json.get("Statement") {
        Some(Value::Array(l)) => l.clone(),
        Some(s @ Value::Object(_)) => vec![s.clone()],
        _ => return Err("the policy has no `Statement`".to_string()),
    };
    Ok(list
        .iter()
        .map(|s| Written {
            allow: s.get("Effect").and_then(Value::as_str) == Some("Allow"),
            actions: patterns(s, "Action"),
            resources: patterns(s, "Resource"),
            conditions: conditions(s),
        })
        .collect())
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
    let written = statements(policy_text)?;
    let mut findings = Vec::new();
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
        let need = s.condition.as_ref();
        for action in &s.actions {
            needed_actions.push(action);
            for r in &resources {
                findings.extend(judge(&written, action, r, need));
            }
            if !s.resources.is_empty()
                && written.iter().any(|w| {
                    w.allow
                        && w.actions.matches(action, true)
                        && w.resources.listed().iter().any(|r| r == "*")
                })
            {
                findings.push(Finding::WiderResource {
                    action: action.clone(),
                    needed: resources.clone(),
                });
            }
        }
    }
    for (i, w) in written.iter().enumerate().filter(|(_, w)| w.allow) {
        match &w.actions {
            Patterns::Listed(patterns) => {
                for pattern in patterns {
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
            Patterns::AllBut(except) => findings.push(Finding::Beyond {
                pattern: format!("statement {}: NotAction {}", i + 1, except.join(", ")),
                extra: catalog_matches(iam, "*")
                    .saturating_sub(except.iter().map(|p| catalog_matches(iam, p)).sum())
                    .saturating_sub(
                        needed_actions
                            .iter()
                            .filter(|a| w.actions.matches(a, true))
                            .count(),
                    ),
            }),
        }
    }
    Ok(findings)
}

/// One needed action on one resource: denied, lacking, granted only under a
/// condition, or (no finding) granted.
fn judge(
    written: &[Written],
    action: &str,
    resource: &str,
    need: Option<&Condition>,
) -> Vec<Finding> {
    let applying = || written.iter().filter(|w| w.applies(action, resource));
    let lacks = || {
        vec![Finding::Lacks {
            action: action.to_string(),
            resource: resource.to_string(),
        }]
    };
    let mut out = Vec::new();
    // A `Deny` that surely applies wins; one under an undecided condition is
    // named, as it takes the grant away when its condition holds.
    for w in applying().filter(|w| !w.allow) {
        if w.decided_by(need) {
            return lacks();
        }
        out.push(Finding::Note(format!(
            "{action} on {resource} is denied if {}",
            w.condition_text()
        )));
    }
    if applying().any(|w| w.allow && w.decided_by(need)) {
        return out;
    }
    let conditional: Vec<String> = applying()
        .filter(|w| w.allow)
        .map(Written::condition_text)
        .collect();
    if conditional.is_empty() {
        return lacks();
    }
    out.push(Finding::GrantedIf {
        action: action.to_string(),
        resource: resource.to_string(),
        condition: conditional.join(", or "),
    });
    out
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
