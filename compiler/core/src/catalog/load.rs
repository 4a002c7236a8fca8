//! Turns parsed `action` / `extern action` declarations into [`ActionSig`]s.
//!
//! Input: the items of parsed `.rbk` files (documents are skipped). Output:
//! signatures appended to a [`Catalog`], plus diagnostics for declaration
//! mistakes. Invariants: a declaration that clashes with an earlier one is
//! reported and not added, so the first declaration wins and lookups stay
//! unambiguous; an input or output whose type is unknown gets `Ty::Error`
//! (reported once here, checked against nothing later).

use crate::catalog::{ActionSig, Catalog, InputSig, OutputSig};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::model::{DocKind, Key, Node, Value};
use crate::span::Span;
use crate::syntax::ast;
use crate::types::Ty;

pub use super::codes::{
    BAD_ALLOWED_VALUES, DUPLICATE_ACTION, DUPLICATE_MEMBER, EXTERN_OF_KNOWN_ACTION,
    UNKNOWN_ATTRIBUTE, UNKNOWN_INPUT_ATTRIBUTE, UNKNOWN_TYPE,
};

/// The `@attributes` the checker reads from action declarations.
pub const KNOWN_ATTRIBUTES: &[&str] = &["no_on_cancel", "no_cancel_target", "loop"];

/// The type names an input or output may have (besides `AWS::…` and `List<AWS::…>`).
pub const TYPE_NAMES: &[&str] = &[
    "String",
    "Integer",
    "Boolean",
    "StringList",
    "StringMap",
    "MapList",
    "Map",
    "List",
    "Targets",
    "Condition",
    "Any",
];

/// Input attribute keys the checker reads in `input X: T { … }`.
const INPUT_ATTRIBUTES: &[&str] = &["allowedValues"];

/// Nesting limit for literal values in `allowedValues` (deep input must not overflow the stack).
const MAX_DEPTH: usize = 128;

/// Adds every action declaration of `items` to `catalog` and reports mistakes.
pub fn load_decls(items: &[ast::Item], catalog: &mut Catalog) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for item in items {
        let ast::Item::Action(decl) = item else {
            continue;
        };
        if let Some(sig) = load_decl(decl, catalog, &mut diags) {
            catalog.actions.push(std::sync::Arc::new(sig));
        }
    }
    diags
}

/// One declaration; `None` when it clashes with an earlier one (already reported).
fn load_decl(
    decl: &ast::ActionDecl,
    catalog: &Catalog,
    diags: &mut Vec<Diagnostic>,
) -> Option<ActionSig> {
    let name = decl.name.value.clone();
    // Attributes first: a misspelt one is its own mistake even on a duplicate.
    let mut attrs = Vec::new();
    for attr in &decl.attrs {
        check_attribute(attr, diags);
        attrs.push(attr.name.text.clone());
    }
    if let Some(first) = catalog.action(&name) {
        // An `extern` written when the catalog lacked the action (by `ssmc
        // import`, say) must not break the project once the catalog gains it.
        let d = if decl.is_extern && !first.is_extern {
            Diagnostic::warning(
                EXTERN_OF_KNOWN_ACTION,
                decl.name.span,
                format!("`extern action` for `{name}`, which the catalog already declares"),
            )
            .with_label("the catalog's declaration is used")
            .with_secondary(first.span, "declared here")
            .with_help("remove this `extern action` declaration")
        } else {
            Diagnostic::error(
                DUPLICATE_ACTION,
                decl.name.span,
                format!("action `{name}` is declared twice"),
            )
            .with_label("declared again here")
            .with_secondary(first.span, "first declared here")
            .with_help("remove one of the declarations (the first one is used)")
        };
        diags.push(d);
        return None;
    }

    // `for …` omitted means `for automation` (docs/language.md §14).
    let mut kinds = Vec::new();
    if decl.kinds.is_empty() {
        kinds.push(DocKind::Automation);
    }
    for (kind, _) in &decl.kinds {
        let kind = match kind {
            ast::DocKind::Automation => DocKind::Automation,
            ast::DocKind::Command => DocKind::Command,
        };
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }

    let mut sig = ActionSig {
        name,
        kinds,
        docs: doc_text(decl.docs.as_ref()),
        inputs: Vec::new(),
        any_input: false,
        outputs: Vec::new(),
        is_extern: decl.is_extern,
        attrs,
        span: decl.span,
    };
    // Command plugin inputs are matched case-insensitively by the agent, so two
    // inputs differing only in case would be one input there.
    let ignore_case = sig.kinds == [DocKind::Command];

    for member in &decl.members {
        match member {
            ast::ActionMember::Input(input) => {
                if let Some(first) = sig.input(&input.name.text, ignore_case) {
                    diags.push(duplicate_member("input", &input.name, first.span));
                    continue;
                }
                let input = load_input(input, diags);
                sig.inputs.push(input);
            }
            ast::ActionMember::AnyInput(_) => sig.any_input = true,
            ast::ActionMember::Output(output) => {
                if let Some(first) = sig.output(&output.name.text) {
                    diags.push(duplicate_member("output", &output.name, first.span));
                    continue;
                }
                sig.outputs.push(OutputSig {
                    name: output.name.text.clone(),
                    ty: load_type(&output.ty, diags),
                    docs: doc_text(output.docs.as_ref()),
                    span: output.span,
                });
            }
            // Already reported by the parser.
            ast::ActionMember::Error(_) => {}
        }
    }
    Some(sig)
}

fn duplicate_member(what: &str, name: &ast::Name, first: Span) -> Diagnostic {
    Diagnostic::error(
        DUPLICATE_MEMBER,
        name.span,
        format!("{what} `{}` is declared twice", name.text),
    )
    .with_label("declared again here")
    .with_secondary(first, "first declared here")
    .with_help(format!("remove one of the `{what}` lines"))
}

fn check_attribute(attr: &ast::Attribute, diags: &mut Vec<Diagnostic>) {
    let name = attr.name.text.as_str();
    if !KNOWN_ATTRIBUTES.contains(&name) {
        let mut d = Diagnostic::warning(
            UNKNOWN_ATTRIBUTE,
            attr.name.span,
            format!("unknown attribute `@{name}` on an action declaration"),
        )
        .with_label("not an action attribute");
        d = match did_you_mean(name, KNOWN_ATTRIBUTES.iter().copied()) {
            Some(s) => d.with_help(format!("did you mean `@{s}`?")),
            None => d.with_help(format!(
                "known attributes: {}",
                KNOWN_ATTRIBUTES
                    .iter()
                    .map(|a| format!("`@{a}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        };
        diags.push(d);
    } else if !attr.args.is_empty() {
        diags.push(
            Diagnostic::warning(
                UNKNOWN_ATTRIBUTE,
                attr.span,
                format!("attribute `@{name}` takes no arguments"),
            )
            .with_label("arguments ignored")
            .with_help(format!("write `@{name}`")),
        );
    }
}

fn load_input(input: &ast::InputDecl, diags: &mut Vec<Diagnostic>) -> InputSig {
    let mut allowed_values = None;
    if let Some(attrs) = &input.attrs {
        for entry in &attrs.entries {
            let key = entry.key.text.as_str();
            if key == "allowedValues" {
                allowed_values = load_allowed_values(&entry.value, diags);
            } else if let Some(s) = did_you_mean(key, INPUT_ATTRIBUTES.iter().copied()) {
                // Other attributes are carried without meaning to the checker;
                // only a near-miss of a checked one is worth a word.
                diags.push(
                    Diagnostic::warning(
                        UNKNOWN_INPUT_ATTRIBUTE,
                        entry.key.span,
                        format!("unknown input attribute `{key}`"),
                    )
                    .with_label("not checked")
                    .with_help(format!("did you mean `{s}`?")),
                );
            }
        }
    }
    InputSig {
        name: input.name.text.clone(),
        ty: load_type(&input.ty, diags),
        required: input.required.is_some(),
        allowed_values,
        docs: doc_text(input.docs.as_ref()),
        span: input.span,
    }
}

/// `allowedValues: [ literal, … ]`; anything else is reported and ignored.
fn load_allowed_values(expr: &ast::Expr, diags: &mut Vec<Diagnostic>) -> Option<Vec<Value>> {
    let ast::ExprKind::List(items) = &expr.kind else {
        if !matches!(expr.kind, ast::ExprKind::Error) {
            diags.push(
                Diagnostic::error(
                    BAD_ALLOWED_VALUES,
                    expr.span,
                    "`allowedValues` must be a list",
                )
                .with_label("not a list")
                .with_help("write `allowedValues: [\"a\", \"b\"]`"),
            );
        }
        return None;
    };
    let mut values = Vec::with_capacity(items.len());
    for item in items {
        match literal(item, 0) {
            Ok(node) => values.push(node.value),
            Err(span) => {
                diags.push(
                    Diagnostic::error(
                        BAD_ALLOWED_VALUES,
                        span,
                        "`allowedValues` entries must be literal values",
                    )
                    .with_label("not a literal")
                    .with_help("use strings, numbers, booleans or null"),
                );
                return None;
            }
        }
    }
    Some(values)
}

/// A literal expression as a value; `Err(span)` at the first non-literal part.
fn literal(expr: &ast::Expr, depth: usize) -> Result<Node, Span> {
    if depth > MAX_DEPTH {
        return Err(expr.span);
    }
    let value = match &expr.kind {
        ast::ExprKind::Null => Value::Null,
        ast::ExprKind::Bool(b) => Value::Bool(*b),
        ast::ExprKind::Int(i) => Value::Int(*i),
        ast::ExprKind::Float { value, .. } => Value::Float(*value),
        ast::ExprKind::String(s) => Value::String(s.value.clone()),
        ast::ExprKind::List(items) => Value::List(
            items
                .iter()
                .map(|e| literal(e, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        ast::ExprKind::Map(map) => Value::Map(
            map.entries
                .iter()
                .map(|e| {
                    let key = Key {
                        name: e.key.text.clone(),
                        span: e.key.span,
                    };
                    literal(&e.value, depth + 1).map(|v| (key, v))
                })
                .collect::<Result<_, _>>()?,
        ),
        _ => return Err(expr.span),
    };
    Ok(Node::new(value, expr.span))
}

/// The declared type; an unknown name is reported and becomes `Ty::Error`.
/// A quoted type (`"Custom"`) is the author's explicit opt-out: kept, never checked.
fn load_type(ty: &ast::TypeExpr, diags: &mut Vec<Diagnostic>) -> Ty {
    let parsed = Ty::parse(&ty.text);
    if ty.quoted {
        return parsed;
    }
    let known = match &parsed {
        Ty::Aws(_) | Ty::AwsList(_) => true,
        _ => TYPE_NAMES.contains(&ty.text.as_str()),
    };
    if known {
        return parsed;
    }
    let mut d = Diagnostic::error(UNKNOWN_TYPE, ty.span, format!("unknown type `{}`", ty.text))
        .with_label("not a type");
    d = match did_you_mean(&ty.text, TYPE_NAMES.iter().copied()) {
        Some(s) => d.with_help(format!("did you mean `{s}`?")),
        None => d.with_help(format!(
            "types: {}, `AWS::…` and `List<AWS::…>`",
            TYPE_NAMES
                .iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    };
    diags.push(d);
    Ty::Error
}

fn doc_text(doc: Option<&ast::DocComment>) -> String {
    doc.map(|d| d.text.clone()).unwrap_or_default()
}
