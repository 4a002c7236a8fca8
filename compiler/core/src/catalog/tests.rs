//! Loader unit tests on hand-built declarations (independent of the parser;
//! the whole stdlib is loaded through the parser in the integration tests).

use super::load::{
    load_decls, BAD_ALLOWED_VALUES, DUPLICATE_ACTION, DUPLICATE_MEMBER, EXTERN_OF_KNOWN_ACTION,
    UNKNOWN_ATTRIBUTE, UNKNOWN_INPUT_ATTRIBUTE, UNKNOWN_TYPE,
};
use super::Catalog;
use crate::diagnostic::Severity;
use crate::model::{DocKind, Value};
use crate::span::{FileId, Span};
use crate::syntax::ast;
use crate::types::Ty;

/// Each node gets a distinct span so diagnostics can be told apart.
struct B {
    at: usize,
}

impl B {
    fn span(&mut self) -> Span {
        self.at += 10;
        Span::new(FileId(0), self.at, self.at + 5)
    }

    fn name(&mut self, text: &str) -> ast::Name {
        ast::Name {
            text: text.to_string(),
            span: self.span(),
            escaped: false,
        }
    }

    fn ty(&mut self, text: &str) -> ast::TypeExpr {
        ast::TypeExpr {
            text: text.to_string(),
            quoted: false,
            span: self.span(),
        }
    }

    fn string(&mut self, value: &str) -> ast::Expr {
        let span = self.span();
        ast::Expr {
            kind: ast::ExprKind::String(ast::StringLit {
                value: value.to_string(),
                style: ast::StringStyle::Quoted,
                lit: false,
                span,
            }),
            span,
        }
    }

    fn input(&mut self, name: &str, ty: &str, required: bool) -> ast::ActionMember {
        let required = required.then(|| self.span());
        ast::ActionMember::Input(ast::InputDecl {
            docs: None,
            name: self.name(name),
            ty: self.ty(ty),
            required,
            attrs: None,
            span: self.span(),
        })
    }

    fn input_with(&mut self, name: &str, key: &str, value: ast::Expr) -> ast::ActionMember {
        let span = self.span();
        let attrs = ast::MapLit {
            entries: vec![ast::MapEntry {
                key: ast::Key {
                    text: key.to_string(),
                    quoted: false,
                    span: self.span(),
                },
                value,
                span,
            }],
            span,
        };
        ast::ActionMember::Input(ast::InputDecl {
            docs: None,
            name: self.name(name),
            ty: self.ty("String"),
            required: None,
            attrs: Some(attrs),
            span: self.span(),
        })
    }

    fn output(&mut self, name: &str, ty: &str) -> ast::ActionMember {
        ast::ActionMember::Output(ast::OutputSig {
            docs: Some(ast::DocComment {
                text: format!("The {name}."),
                span: self.span(),
            }),
            name: self.name(name),
            ty: self.ty(ty),
            span: self.span(),
        })
    }

    fn action(
        &mut self,
        name: &str,
        kinds: &[ast::DocKind],
        attrs: &[&str],
        members: Vec<ast::ActionMember>,
    ) -> ast::Item {
        let name_span = self.span();
        let attrs = attrs
            .iter()
            .map(|a| ast::Attribute {
                name: self.name(a),
                args: Vec::new(),
                span: self.span(),
            })
            .collect();
        let kinds = kinds.iter().map(|k| (*k, self.span())).collect();
        ast::Item::Action(ast::ActionDecl {
            docs: Some(ast::DocComment {
                text: format!("Docs of {name}."),
                span: self.span(),
            }),
            attrs,
            is_extern: false,
            name: ast::StringLit {
                value: name.to_string(),
                style: ast::StringStyle::Quoted,
                lit: false,
                span: name_span,
            },
            kinds,
            members,
            span: self.span(),
        })
    }
}

#[test]
fn declaration_becomes_a_signature() {
    let mut b = B { at: 0 };
    let members = vec![
        b.input("DocumentName", "String", true),
        b.input("Targets", "Targets", false),
        b.input("Role", "AWS::IAM::Role::Arn", false),
        b.input("Ids", "List<AWS::EC2::Instance::Id>", false),
        ast::ActionMember::AnyInput(b.span()),
        b.output("CommandId", "String"),
    ];
    let item = b.action(
        "aws:x",
        &[ast::DocKind::Automation, ast::DocKind::Command],
        &["no_cancel_target"],
        members,
    );
    let mut catalog = Catalog::default();
    let diags = load_decls(&[item], &mut catalog);
    assert!(diags.is_empty(), "{diags:?}");
    let sig = catalog.action("aws:x").expect("declared");
    assert_eq!(sig.kinds, vec![DocKind::Automation, DocKind::Command]);
    assert_eq!(sig.docs, "Docs of aws:x.");
    assert!(sig.any_input);
    assert_eq!(sig.attrs, vec!["no_cancel_target".to_string()]);
    let doc = sig.input("DocumentName", false).expect("input");
    assert!(doc.required);
    assert_eq!(doc.ty, Ty::String);
    assert_eq!(
        sig.input("Targets", false).map(|i| &i.ty),
        Some(&Ty::Targets)
    );
    assert_eq!(
        sig.input("Role", false).map(|i| &i.ty),
        Some(&Ty::Aws("AWS::IAM::Role::Arn".into()))
    );
    assert_eq!(
        sig.input("Ids", false).map(|i| &i.ty),
        Some(&Ty::AwsList("AWS::EC2::Instance::Id".into()))
    );
    let out = sig.output("CommandId").expect("output");
    assert_eq!(out.docs, "The CommandId.");
}

#[test]
fn duplicate_action_points_at_both_declarations() {
    let mut b = B { at: 0 };
    let first = b.action("aws:x", &[ast::DocKind::Automation], &[], vec![]);
    let second = b.action("aws:x", &[ast::DocKind::Automation], &[], vec![]);
    let (ast::Item::Action(d1), ast::Item::Action(d2)) = (&first, &second) else {
        unreachable!("built as actions")
    };
    let (first_span, second_name) = (d1.span, d2.name.span);
    let mut catalog = Catalog::default();
    let diags = load_decls(&[first, second], &mut catalog);
    assert_eq!(catalog.actions.len(), 1, "the first declaration wins");
    let [d] = diags.as_slice() else {
        panic!("one diagnostic expected: {diags:?}")
    };
    assert_eq!(d.code, DUPLICATE_ACTION);
    assert_eq!(d.message, "action `aws:x` is declared twice");
    assert_eq!(d.primary.span, second_name);
    assert_eq!(d.secondary.first().map(|l| l.span), Some(first_span));
}

#[test]
fn extern_action_for_a_catalog_action_is_a_warning() {
    let mut b = B { at: 0 };
    let stdlib = b.action("aws:runCommand", &[ast::DocKind::Automation], &[], vec![]);
    let mut user = b.action("aws:runCommand", &[ast::DocKind::Automation], &[], vec![]);
    if let ast::Item::Action(d) = &mut user {
        d.is_extern = true;
    }
    let mut catalog = Catalog::default();
    assert!(load_decls(&[stdlib], &mut catalog).is_empty());
    let diags = load_decls(&[user], &mut catalog);
    let [d] = diags.as_slice() else {
        panic!("one diagnostic expected: {diags:?}")
    };
    assert_eq!(
        (d.code, d.severity),
        (EXTERN_OF_KNOWN_ACTION, Severity::Warning)
    );
    assert_eq!(
        d.message,
        "`extern action` for `aws:runCommand`, which the catalog already declares"
    );
    assert!(
        !catalog.actions.iter().any(|a| a.is_extern),
        "the catalog's declaration is kept"
    );
}

#[test]
fn unknown_type_suggests_the_closest_name() {
    let mut b = B { at: 0 };
    let members = vec![
        b.input("Ids", "Stringlist", false),
        b.output("Out", "Strng"),
    ];
    let item = b.action("aws:x", &[ast::DocKind::Automation], &[], members);
    let mut catalog = Catalog::default();
    let diags = load_decls(&[item], &mut catalog);
    let messages: Vec<_> = diags
        .iter()
        .map(|d| (d.code, d.message.as_str(), d.help.as_deref()))
        .collect();
    assert_eq!(
        messages,
        vec![
            (
                UNKNOWN_TYPE,
                "unknown type `Stringlist`",
                Some("did you mean `StringList`?")
            ),
            (
                UNKNOWN_TYPE,
                "unknown type `Strng`",
                Some("did you mean `String`?")
            ),
        ]
    );
    let sig = catalog.action("aws:x").expect("still declared");
    assert_eq!(sig.input("Ids", false).map(|i| &i.ty), Some(&Ty::Error));
    assert_eq!(sig.output("Out").map(|o| &o.ty), Some(&Ty::Error));
}

#[test]
fn unknown_attribute_is_a_warning_with_a_suggestion() {
    let mut b = B { at: 0 };
    let item = b.action(
        "aws:x",
        &[ast::DocKind::Automation],
        &["no_oncancel"],
        vec![],
    );
    let mut catalog = Catalog::default();
    let diags = load_decls(&[item], &mut catalog);
    let [d] = diags.as_slice() else {
        panic!("one diagnostic expected: {diags:?}")
    };
    assert_eq!(d.code, UNKNOWN_ATTRIBUTE);
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.help.as_deref(), Some("did you mean `@no_on_cancel`?"));
    assert!(
        catalog.action("aws:x").is_some(),
        "a warning does not drop the action"
    );
}

#[test]
fn duplicate_command_input_differing_in_case_is_an_error() {
    let mut b = B { at: 0 };
    let members = vec![
        b.input("runCommand", "StringList", true),
        b.input("RunCommand", "StringList", false),
    ];
    let item = b.action("aws:y", &[ast::DocKind::Command], &[], members);
    let mut catalog = Catalog::default();
    let diags = load_decls(&[item], &mut catalog);
    assert_eq!(
        diags.iter().map(|d| d.code).collect::<Vec<_>>(),
        vec![DUPLICATE_MEMBER]
    );
    assert_eq!(catalog.action("aws:y").map(|a| a.inputs.len()), Some(1));
}

#[test]
fn allowed_values_are_literals() {
    let mut b = B { at: 0 };
    let list_span = b.span();
    let values = ast::Expr {
        kind: ast::ExprKind::List(vec![b.string("running"), b.string("stopped")]),
        span: list_span,
    };
    let ok = b.input_with("DesiredState", "allowedValues", values);
    let reference = ast::Expr {
        kind: ast::ExprKind::Ref(ast::Reference {
            parts: vec![b.name("P")],
            span: b.span(),
        }),
        span: b.span(),
    };
    let bad_span = reference.span;
    let bad_list = ast::Expr {
        kind: ast::ExprKind::List(vec![reference]),
        span: b.span(),
    };
    let bad = b.input_with("Other", "allowedValues", bad_list);
    let x = b.string("x");
    let typo = b.input_with("Third", "allowedValue", x);
    let y = b.string("y");
    let other = b.input_with("Fourth", "description", y);
    let item = b.action(
        "aws:x",
        &[ast::DocKind::Automation],
        &[],
        vec![ok, bad, typo, other],
    );
    let mut catalog = Catalog::default();
    let diags = load_decls(&[item], &mut catalog);
    let sig = catalog.action("aws:x").expect("declared");
    assert_eq!(
        sig.input("DesiredState", false)
            .and_then(|i| i.allowed_values.clone()),
        Some(vec![
            Value::String("running".into()),
            Value::String("stopped".into())
        ])
    );
    assert_eq!(
        sig.input("Other", false)
            .and_then(|i| i.allowed_values.clone()),
        None
    );
    let got: Vec<_> = diags.iter().map(|d| (d.code, d.primary.span)).collect();
    assert_eq!(got.len(), 2, "{diags:?}");
    assert_eq!(got.first(), Some(&(BAD_ALLOWED_VALUES, bad_span)));
    assert_eq!(got.get(1).map(|g| g.0), Some(UNKNOWN_INPUT_ATTRIBUTE));
    assert_eq!(
        diags.get(1).and_then(|d| d.help.as_deref()),
        Some("did you mean `allowedValues`?")
    );
}

#[test]
fn omitted_kind_means_automation() {
    let mut b = B { at: 0 };
    let item = b.action("aws:z", &[], &[], vec![]);
    let mut catalog = Catalog::default();
    assert!(load_decls(&[item], &mut catalog).is_empty());
    assert_eq!(
        catalog.action("aws:z").map(|a| a.kinds.clone()),
        Some(vec![DocKind::Automation])
    );
}
