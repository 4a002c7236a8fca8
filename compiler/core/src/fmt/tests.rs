//! Unit tests of the printer on hand-built ASTs without source text (the
//! importer's case: layout by the 100-column rule, comments by span order).
//! Tests over parsed sources live in the integration tests (`tests/tests/it/fmt.rs`).

use super::format_file;
use crate::span::{FileId, Span};
use crate::syntax::ast::*;

fn sp(at: usize) -> Span {
    Span::new(FileId(0), at, at)
}

fn nm(text: &str) -> Name {
    Name {
        text: text.to_string(),
        span: sp(0),
        escaped: false,
    }
}

fn ex(kind: ExprKind) -> Expr {
    Expr { kind, span: sp(0) }
}

fn lit(value: &str, style: StringStyle) -> StringLit {
    StringLit {
        value: value.to_string(),
        style,
        lit: false,
        span: sp(0),
    }
}

fn st(value: &str) -> Expr {
    ex(ExprKind::String(lit(value, StringStyle::Quoted)))
}

fn rf(parts: &[&str]) -> Expr {
    ex(ExprKind::Ref(Reference {
        parts: parts.iter().map(|p| nm(p)).collect(),
        span: sp(0),
    }))
}

fn map(entries: Vec<(&str, Expr)>) -> MapLit {
    MapLit {
        entries: entries
            .into_iter()
            .map(|(k, value)| MapEntry {
                key: Key {
                    text: k.to_string(),
                    quoted: false,
                    span: sp(0),
                },
                value,
                span: sp(0),
            })
            .collect(),
        span: sp(0),
    }
}

fn ty(text: &str) -> TypeExpr {
    TypeExpr {
        text: text.to_string(),
        quoted: false,
        span: sp(0),
    }
}

fn action_step(name: &str, action: &str, inputs: MapLit, clauses: Vec<Clause>) -> Step {
    Step {
        docs: None,
        name: Some(nm(name)),
        body: StepBody::Action(ActionStep {
            action: ActionName {
                text: action.to_string(),
                span: sp(0),
            },
            precondition: None,
            inputs: Some(inputs),
            loop_body: None,
        }),
        clauses,
        span: sp(0),
    }
}

fn document(kind: DocKind, name: &str, items: Vec<DocItem>) -> Document {
    Document {
        docs: None,
        attrs: Vec::new(),
        kind,
        kind_span: sp(0),
        name: nm(name),
        items,
        span: sp(0),
    }
}

fn file(items: Vec<Item>) -> SourceFileAst {
    SourceFileAst {
        items,
        comments: Vec::new(),
    }
}

#[test]
fn synthesized_document_uses_canonical_layout() {
    let params = vec![
        DocItem::Param(Param {
            docs: Some(DocComment {
                text: "(Required) The instance.\n\nSecond paragraph.".to_string(),
                span: sp(0),
            }),
            name: nm("InstanceId"),
            ty: ty("AWS::EC2::Instance::Id"),
            secret: None,
            default: None,
            attrs: Some(map(vec![(
                "allowedPattern",
                ex(ExprKind::String(lit(
                    "^i-[a-z0-9]{8,17}$",
                    StringStyle::Raw(1),
                ))),
            )])),
            span: sp(0),
        }),
        DocItem::Param(Param {
            docs: None,
            name: nm("Password"),
            ty: ty("String"),
            secret: Some(sp(0)),
            default: Some(ex(ExprKind::Call {
                func: nm("ssm_secure"),
                args: vec![st("/db/pw")],
            })),
            attrs: None,
            span: sp(0),
        }),
    ];
    let restart = action_step(
        "Restart",
        "aws:runCommand",
        map(vec![
            ("DocumentName", st("AWS-RunShellScript")),
            ("InstanceIds", ex(ExprKind::List(vec![rf(&["InstanceId"])]))),
            (
                "Parameters",
                ex(ExprKind::Map(map(vec![(
                    "commands",
                    ex(ExprKind::Lines(Box::new(ex(ExprKind::String(lit(
                        "systemctl restart web\n\nsystemctl is-active web",
                        StringStyle::Block,
                    )))))),
                )]))),
            ),
        ]),
        vec![
            Clause::Goto {
                target: nm("Done"),
                span: sp(0),
            },
            Clause::Timeout {
                value: ex(ExprKind::Duration {
                    seconds: 600,
                    text: String::new(),
                }),
                span: sp(0),
            },
            Clause::Outputs {
                outputs: vec![OutputDecl {
                    docs: None,
                    name: nm("Status"),
                    ty: Some(ty("String")),
                    selector: st("$.Status"),
                    span: sp(0),
                }],
                span: sp(0),
            },
            Clause::OnFailure {
                target: FlowTarget::Goto(nm("Done")),
                span: sp(0),
            },
        ],
    );
    let done = action_step(
        "Done",
        "aws:sleep",
        map(vec![("Duration", st("PT1S"))]),
        vec![],
    );
    let mut items = vec![DocItem::AssumeRole(rf(&["AutomationAssumeRole"]))];
    items.extend(params);
    items.push(DocItem::Step(restart));
    items.push(DocItem::Step(done));
    items.push(DocItem::Outputs(OutputsList {
        entries: vec![rf(&["Restart", "Status"])],
        span: sp(0),
    }));
    let ast = file(vec![Item::Document(document(
        DocKind::Automation,
        "AWS-Restart",
        items,
    ))]);
    insta::assert_snapshot!(format_file(&ast, None), @r##"
    automation "AWS-Restart" {
      assume_role AutomationAssumeRole

      /// (Required) The instance.
      ///
      /// Second paragraph.
      param InstanceId: AWS::EC2::Instance::Id { allowedPattern: #"^i-[a-z0-9]{8,17}$"# }
      param Password: String secret = ssm_secure("/db/pw")

      step Restart = aws:runCommand {
        DocumentName: "AWS-RunShellScript",
        InstanceIds: [InstanceId],
        Parameters: {
          commands: lines """
            systemctl restart web

            systemctl is-active web
            """,
        },
      } timeout 10m, on_failure goto Done
        outputs { Status: String = "$.Status" }
      goto Done

      step Done = aws:sleep { Duration: "PT1S" }

      outputs [Restart.Status]
    }
    "##);
}

#[test]
fn synthesized_structured_flow_prints_every_form() {
    let cond = Cond::And {
        items: vec![
            Cond::Compare {
                left: rf(&["Mode"]),
                op: CmpOp::Eq,
                right: st("fast"),
                span: sp(0),
            },
            // A nested `||` without a Paren node gets parentheses.
            Cond::Or {
                items: vec![
                    Cond::Method {
                        subject: rf(&["Region"]),
                        method: nm("StartsWith"),
                        arg: st("us-"),
                        span: sp(0),
                    },
                    Cond::Not {
                        inner: Box::new(Cond::Compare {
                            left: rf(&["Count"]),
                            op: CmpOp::Gt,
                            right: ex(ExprKind::Int(3)),
                            span: sp(0),
                        }),
                        span: sp(0),
                    },
                ],
                span: sp(0),
            },
        ],
        span: sp(0),
    };
    let sleep = |n: &str| action_step(n, "aws:sleep", map(vec![]), vec![]);
    let if_step = Step {
        docs: None,
        name: Some(nm("Route")),
        body: StepBody::If(IfStep {
            condition: cond,
            then_block: IfArm::Block(Block {
                steps: vec![sleep("Fast")],
                errors: vec![],
                span: sp(0),
            }),
            else_ifs: vec![(
                Cond::Raw(map(vec![
                    ("Variable", st("{{ X }}")),
                    ("Contains", st("y")),
                ])),
                IfArm::Goto {
                    target: nm("Done"),
                    span: sp(0),
                },
            )],
            else_arm: Some(ElseArm::End(sp(0))),
            span: sp(0),
        }),
        clauses: vec![Clause::OnFailure {
            target: FlowTarget::Abort(sp(0)),
            span: sp(0),
        }],
        span: sp(0),
    };
    let guard = Step {
        docs: None,
        name: None,
        body: StepBody::Guard(GuardStep {
            condition: Cond::Compare {
                left: rf(&["Enabled"]),
                op: CmpOp::Eq,
                right: ex(ExprKind::Bool(true)),
                span: sp(0),
            },
            otherwise: GuardElse::End(sp(0)),
            span: sp(0),
        }),
        clauses: vec![],
        span: sp(0),
    };
    let matcher = Step {
        docs: None,
        name: Some(nm("Pick")),
        body: StepBody::Match(MatchStep {
            subject: rf(&["Operation"]),
            arms: vec![(st("Scan"), nm("Fast")), (st("Install"), nm("Done"))],
            default: Some(nm("Done")),
            span: sp(0),
        }),
        clauses: vec![],
        span: sp(0),
    };
    let branch = Step {
        docs: None,
        name: Some(nm("Flat")),
        body: StepBody::Branch(BranchStep {
            choices: vec![BranchChoice {
                condition: Cond::Compare {
                    left: rf(&["Mode"]),
                    op: CmpOp::Ne,
                    right: st("x"),
                    span: sp(0),
                },
                target: nm("Done"),
                raw: Some(map(vec![("Extra", ex(ExprKind::Int(1)))])),
                span: sp(0),
            }],
            default: Some(nm("Fast")),
            span: sp(0),
        }),
        clauses: vec![Clause::End {
            value: Some(ex(ExprKind::Bool(false))),
            span: sp(0),
        }],
        span: sp(0),
    };
    let items = vec![
        DocItem::Step(if_step),
        DocItem::Step(guard),
        DocItem::Step(matcher),
        DocItem::Step(branch),
        DocItem::Step(sleep("Done")),
    ];
    let ast = file(vec![Item::Document(document(
        DocKind::Automation,
        "Flow",
        items,
    ))]);
    insta::assert_snapshot!(format_file(&ast, None), @r#"
    automation Flow {
      step Route = if Mode == "fast" && (Region.StartsWith("us-") || !Count > 3) {
        step Fast = aws:sleep {}
      } else if raw { Variable: "{{ X }}", Contains: "y" } { goto Done } else end on_failure abort

      guard Enabled == true else end
      step Pick = match Operation { "Scan" -> Fast, "Install" -> Done, else -> Done }
      step Flat = branch {
        when Mode != "x" -> Done raw { Extra: 1 }
        else -> Fast
      }
      end false

      step Done = aws:sleep {}
    }
    "#);
}

#[test]
fn comments_follow_their_spans_without_source() {
    let mut a = action_step("A", "aws:sleep", map(vec![]), vec![]);
    a.span = sp(10);
    let mut b = action_step("B", "aws:sleep", map(vec![]), vec![]);
    b.span = sp(20);
    let mut doc = document(
        DocKind::Automation,
        "C",
        vec![DocItem::Step(a), DocItem::Step(b)],
    );
    doc.span = Span::new(FileId(0), 5, 30);
    let ast = SourceFileAst {
        items: vec![Item::Document(doc)],
        comments: vec![
            Comment {
                text: "// before B".to_string(),
                span: sp(20),
            },
            Comment {
                text: "// first".to_string(),
                span: sp(1),
            },
            Comment {
                text: "// at the end".to_string(),
                span: sp(40),
            },
        ],
    };
    insta::assert_snapshot!(format_file(&ast, None), @r"
    // first
    automation C {
      step A = aws:sleep {}
      // before B
      step B = aws:sleep {}
    }
    // at the end
    ");
}

#[test]
fn action_declarations_and_odd_names() {
    let decl = ActionDecl {
        docs: Some(DocComment {
            text: "Runs things.".to_string(),
            span: sp(0),
        }),
        attrs: vec![Attribute {
            name: nm("no_on_cancel"),
            args: vec![],
            span: sp(0),
        }],
        is_extern: true,
        name: lit("aws:odd", StringStyle::Quoted),
        kinds: vec![(DocKind::Automation, sp(0)), (DocKind::Command, sp(0))],
        members: vec![
            ActionMember::Input(InputDecl {
                docs: None,
                name: nm("Name"),
                ty: ty("String"),
                required: Some(sp(0)),
                attrs: Some(map(vec![(
                    "allowedValues",
                    ex(ExprKind::List(vec![st("a")])),
                )])),
                span: sp(0),
            }),
            ActionMember::AnyInput(sp(0)),
            ActionMember::Output(OutputSig {
                docs: None,
                name: nm("Out"),
                ty: ty("List<AWS::IAM::Role::Arn>"),
                span: sp(0),
            }),
        ],
        span: sp(0),
    };
    let mut odd = nm("2ndStep");
    odd.escaped = true;
    let mut step = action_step("x", "aws:weird-name", map(vec![]), vec![]);
    step.name = Some(odd);
    let quoted_key = MapEntry {
        key: Key {
            text: "odd key".to_string(),
            quoted: true,
            span: sp(0),
        },
        value: ex(ExprKind::Float {
            value: 60.0,
            text: String::new(),
        }),
        span: sp(0),
    };
    let ast = file(vec![
        Item::Action(decl),
        Item::Document(document(
            DocKind::Command,
            "Cmd",
            vec![
                DocItem::Schema(lit("1.2", StringStyle::Quoted)),
                DocItem::Raw(MapLit {
                    entries: vec![quoted_key],
                    span: sp(0),
                }),
                DocItem::Step(step),
            ],
        )),
    ]);
    insta::assert_snapshot!(format_file(&ast, None), @r#"
    /// Runs things.
    @no_on_cancel
    extern action "aws:odd" for automation, command {
      input Name: String required { allowedValues: ["a"] }
      input ..
      output Out: List<AWS::IAM::Role::Arn>
    }

    command Cmd {
      schema "1.2"
      raw { "odd key": 60.0 }

      step `2ndStep` = "aws:weird-name" {}
    }
    "#);
}

#[test]
fn long_maps_break_at_one_hundred_columns() {
    let inputs = map(vec![
        ("Service", st("ssm")),
        ("Api", st("ListCommandInvocations")),
        ("CommandId", rf(&["Patch", "CommandId"])),
        ("Details", ex(ExprKind::Bool(true))),
    ]);
    let step = action_step("Status", "aws:executeAwsApi", inputs, vec![]);
    let ast = file(vec![Item::Document(document(
        DocKind::Automation,
        "Long",
        vec![DocItem::Step(step)],
    ))]);
    insta::assert_snapshot!(format_file(&ast, None), @r#"
    automation Long {
      step Status = aws:executeAwsApi {
        Service: "ssm",
        Api: "ListCommandInvocations",
        CommandId: Patch.CommandId,
        Details: true,
      }
    }
    "#);
}

#[test]
fn strings_keep_value_and_style() {
    let values = vec![
        ex(ExprKind::String(lit(
            "tab\there \"q\" \\ \u{1}",
            StringStyle::Quoted,
        ))),
        ex(ExprKind::String(lit("C:\\x\"#y", StringStyle::Raw(1)))),
        ex(ExprKind::String(lit(
            "print(\"\"\"x\"\"\")\n",
            StringStyle::RawBlock(1),
        ))),
        ex(ExprKind::String(StringLit {
            value: "{{ item }}".to_string(),
            style: StringStyle::Quoted,
            lit: true,
            span: sp(0),
        })),
    ];
    let step = action_step(
        "S",
        "aws:runShellScript",
        map(vec![("runCommand", ex(ExprKind::List(values)))]),
        vec![],
    );
    let ast = file(vec![Item::Document(document(
        DocKind::Command,
        "Str",
        vec![DocItem::Step(step)],
    ))]);
    insta::assert_snapshot!(format_file(&ast, None), @r####"
    command Str {
      step S = aws:runShellScript {
        runCommand: [
          "tab\there \"q\" \\ \u0001",
          ##"C:\x"#y"##,
          #"""
            print("""x""")

            """#,
          lit"{{ item }}",
        ],
      }
    }
    "####);
}

#[test]
fn durations_print_in_units() {
    assert_eq!(super::expr::duration_text(5400), "1h30m");
    assert_eq!(super::expr::duration_text(86_400 + 45), "1d45s");
    assert_eq!(super::expr::duration_text(0), "0s");
}
