//! `ssmc iam --explain`: each statement with the steps that need it, why a
//! resource is `"*"` where it is, and the notes on what was not derived.

use super::derive::Note;
use super::policy::{place, Places, Policy};

pub fn explain(policy: &Policy, notes: &[Note]) -> String {
    let mut out = String::new();
    for (i, s) in policy.statements.iter().enumerate() {
        let resources = if s.resources.is_empty() {
            "\"*\"".to_string()
        } else {
            s.resources
                .iter()
                .map(|a| place(a, Places::Plain))
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push_str(&format!("statement {}: {}\n", i + 1, s.actions.join(", ")));
        out.push_str(&format!("  on {resources}\n"));
        if let Some(c) = &s.condition {
            out.push_str(&format!(
                "  when {} {} = {}\n",
                c.operator,
                c.key,
                c.values.join(", ")
            ));
        }
        for b in &s.because {
            let step = if b.step.is_empty() {
                "(the document)"
            } else {
                &b.step
            };
            out.push_str(&format!("  - step `{step}` needs {}", b.action));
            if !b.via.is_empty() {
                out.push_str(&format!(" for {}", b.via));
            }
            if !b.why_any.is_empty() {
                out.push_str(&format!(" (\"*\": {})", b.why_any));
            }
            out.push('\n');
        }
    }
    if policy.statements.is_empty() {
        out.push_str("no statement: the steps call no AWS action\n");
    }
    for n in notes {
        if n.step.is_empty() {
            out.push_str(&format!("note: {}\n", n.message));
        } else {
            out.push_str(&format!("note: step `{}`: {}\n", n.step, n.message));
        }
    }
    out
}
