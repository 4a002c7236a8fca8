//! `extern action` declarations for actions the catalog lacks.
//!
//! Input: a document and the catalog. Output: one `extern action "aws:x" for
//! <kind> { input .. output O: Any … }` per unknown action, declaring the
//! outputs the document references (`{{ Step.O }}` anywhere, or `"Step.O"` in
//! the document's `outputs`) on steps that use it, except outputs the step
//! declares itself. Sorted by action name, outputs in first-use order.

use super::names::{self, sp};
use super::refs::step_refs_in;
use crate::catalog::Catalog;
use crate::model::{self, DocKind, Node, Value};
use crate::syntax::ast::{self, ActionMember, StringLit, StringStyle, TypeExpr};

pub(crate) fn extern_actions(doc: &model::Document, catalog: &Catalog) -> Vec<ast::ActionDecl> {
    let mut steps: Vec<&model::Step> = Vec::new();
    if let Some(list) = &doc.steps {
        collect_steps(list, &mut steps, 0);
    }
    let mut unknown: Vec<&str> = steps
        .iter()
        .map(|s| s.action_str())
        .filter(|a| !a.is_empty() && catalog.action(a).is_none())
        .collect();
    unknown.sort_unstable();
    unknown.dedup();
    if unknown.is_empty() {
        return Vec::new();
    }

    let mut refs: Vec<(String, String)> = Vec::new();
    for_each_string(doc, &mut |s| step_refs_in(s, &mut refs));
    if let Some(outputs) = doc.outputs.as_ref().and_then(Node::as_list) {
        for o in outputs.iter().filter_map(Node::as_str) {
            if let Some((a, b)) = o.split_once('.') {
                refs.push((a.to_string(), b.to_string()));
            }
        }
    }

    unknown
        .into_iter()
        .map(|action| {
            let mut outputs: Vec<String> = Vec::new();
            for (step, out) in &refs {
                let Some(s) = steps.iter().find(|s| s.name_str() == step) else {
                    continue;
                };
                if s.action_str() != action || declares_output(s, out) || outputs.contains(out) {
                    continue;
                }
                outputs.push(out.clone());
            }
            declaration(action, doc.kind, &outputs)
        })
        .collect()
}

fn collect_steps<'a>(list: &'a [model::Step], out: &mut Vec<&'a model::Step>, depth: usize) {
    for s in list {
        out.push(s);
        if let (Some(body), true) = (&s.loop_steps, depth < super::value::MAX_DEPTH) {
            collect_steps(body, out, depth + 1);
        }
    }
}

fn declares_output(s: &model::Step, name: &str) -> bool {
    s.outputs.as_ref().and_then(Node::as_list).is_some_and(|l| {
        l.iter()
            .any(|o| o.get("Name").and_then(Node::as_str) == Some(name))
    })
}

fn declaration(action: &str, kind: DocKind, outputs: &[String]) -> ast::ActionDecl {
    let mut members = vec![ActionMember::AnyInput(sp())];
    for o in outputs {
        if let Some(name) = names::name(o) {
            members.push(ActionMember::Output(ast::OutputSig {
                docs: None,
                name,
                ty: TypeExpr {
                    text: "Any".to_string(),
                    quoted: false,
                    span: sp(),
                },
                span: sp(),
            }));
        }
    }
    ast::ActionDecl {
        docs: None,
        attrs: Vec::new(),
        is_extern: true,
        name: StringLit {
            value: action.to_string(),
            style: StringStyle::Quoted,
            lit: false,
            span: sp(),
        },
        kinds: vec![(
            match kind {
                DocKind::Automation => ast::DocKind::Automation,
                DocKind::Command => ast::DocKind::Command,
            },
            sp(),
        )],
        members,
        span: sp(),
    }
}

/// Calls `f` on every string value of the document (iteratively: no recursion depth).
fn for_each_string(doc: &model::Document, f: &mut dyn FnMut(&str)) {
    let mut stack: Vec<&Node> = Vec::new();
    stack.extend(doc.assume_role.iter());
    stack.extend(doc.runtime_config.iter());
    for p in doc.parameters.iter().chain(doc.variables.iter()).flatten() {
        stack.extend(p.default.iter());
    }
    let mut steps: Vec<&model::Step> = Vec::new();
    if let Some(list) = &doc.steps {
        collect_steps(list, &mut steps, 0);
    }
    for s in steps {
        stack.extend(s.inputs.iter());
        stack.extend(s.precondition.iter());
        stack.extend(s.extra.iter().map(|(_, v)| v));
    }
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::String(s) => f(s),
            Value::List(items) => stack.extend(items.iter()),
            Value::Map(entries) => stack.extend(entries.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

/// Merges the declarations of several imported documents into one list (for
/// one `actions.rbk`): one declaration per action, with the union of their
/// kinds and outputs, sorted by action name.
pub fn merge_extern_actions(
    decls: impl IntoIterator<Item = ast::ActionDecl>,
) -> Vec<ast::ActionDecl> {
    let mut out: Vec<ast::ActionDecl> = Vec::new();
    for decl in decls {
        let Some(existing) = out.iter_mut().find(|d| d.name.value == decl.name.value) else {
            out.push(decl);
            continue;
        };
        for (kind, span) in decl.kinds {
            if !existing.kinds.iter().any(|(k, _)| *k == kind) {
                existing.kinds.push((kind, span));
            }
        }
        for member in decl.members {
            let ActionMember::Output(o) = &member else {
                continue;
            };
            let known = existing
                .members
                .iter()
                .any(|m| matches!(m, ActionMember::Output(e) if e.name.text == o.name.text));
            if !known {
                existing.members.push(member);
            }
        }
    }
    out.sort_by(|a, b| a.name.value.cmp(&b.name.value));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decl(kind: DocKind, outputs: &[&str]) -> ast::ActionDecl {
        let outputs: Vec<String> = outputs.iter().map(|s| (*s).to_string()).collect();
        declaration("aws:x", kind, &outputs)
    }

    #[test]
    fn merged_declarations_union_kinds_and_outputs() {
        let merged = merge_extern_actions([
            decl(DocKind::Automation, &["A"]),
            decl(DocKind::Command, &["B", "A"]),
        ]);
        let [one] = merged.as_slice() else {
            panic!("expected one declaration, got {}", merged.len());
        };
        assert_eq!(one.kinds.len(), 2);
        let outputs: Vec<&str> = one
            .members
            .iter()
            .filter_map(|m| match m {
                ActionMember::Output(o) => Some(o.name.text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(outputs, ["A", "B"]);
    }
}
