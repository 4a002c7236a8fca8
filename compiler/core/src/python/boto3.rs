//! boto3 clients and their calls in a script, typed against the AWS API
//! catalog (`crate::awsapi`), as `aws:executeAwsApi` steps are.
//!
//! A client is `boto3.client("ec2")` (or `session.client("ec2")`,
//! `boto3.Session().client(service_name="ec2")`), used directly or through a
//! name or attribute it is assigned to (`ec2 = …`, `self.ec2 = …`); a name
//! assigned clients of two services is left out. A call is `client.method(…)`
//! or `client.get_paginator("method")`. Checks: the service exists; the
//! method is an operation (did-you-mean, in the author's spelling); keyword
//! arguments are members of the operation's input, and every required member
//! is given, unless `**kwargs` or positional arguments hide what is passed.

use std::collections::HashMap;
use std::ops::Range;

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

use crate::awsapi::{self, names, ShapeKind};

/// One call of a boto3 client method found in a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The client's service as written (`ec2`).
    pub service: String,
    /// The method as written (`describe_instances`).
    pub method: String,
    /// The method name's bytes in the script.
    pub range: Range<usize>,
    /// Keyword arguments: name, its bytes, and its value when it is a literal.
    pub keywords: Vec<(String, Range<usize>, Literal)>,
    /// Whether `**kwargs` or positional arguments pass what cannot be seen.
    pub opaque_arguments: bool,
    /// Through `get_paginator("…")`: the arguments go to `paginate`, not here.
    pub paginated: bool,
}

/// Client methods that are not API operations.
const NOT_OPERATIONS: &[&str] = &[
    "can_paginate",
    "close",
    "copy",
    "download_file",
    "download_fileobj",
    "exceptions",
    "generate_presigned_post",
    "generate_presigned_url",
    "get_paginator",
    "get_waiter",
    "meta",
    "upload_file",
    "upload_fileobj",
    "waiter_names",
];

/// Every client method call of `module`, in source order.
pub fn calls(module: &ast::ModModule) -> Vec<Call> {
    let mut clients = Clients::default();
    clients.visit_body(&module.body);
    let mut finder = Finder {
        clients: clients
            .0
            .into_iter()
            .filter_map(|(k, v)| v.map(|s| (k, s)))
            .collect(),
        out: Vec::new(),
    };
    finder.visit_body(&module.body);
    finder.out
}

/// The service of a client-creating call: `….client("ec2")`.
fn client_service(expr: &Expr) -> Option<String> {
    let Expr::Call(call) = expr else { return None };
    let Expr::Attribute(attr) = call.func.as_ref() else {
        return None;
    };
    if attr.attr.as_str() != "client" {
        return None;
    }
    let first = call.arguments.args.first().or_else(|| {
        call.arguments
            .keywords
            .iter()
            .find(|k| k.arg.as_ref().is_some_and(|a| a.as_str() == "service_name"))
            .map(|k| &k.value)
    })?;
    let Expr::StringLiteral(s) = first else {
        return None;
    };
    Some(s.value.to_str().to_string())
}

/// The key a client is held under: a name (`ec2`) or a dotted attribute (`self.ec2`).
fn holder(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Name(n) => Some(n.id.as_str().to_string()),
        Expr::Attribute(a) => Some(format!("{}.{}", holder(&a.value)?, a.attr.as_str())),
        _ => None,
    }
}

/// Names assigned a client: `Some(service)`, or `None` when assigned two services.
#[derive(Default)]
struct Clients(HashMap<String, Option<String>>);

impl<'a> Visitor<'a> for Clients {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        let assigned = match stmt {
            Stmt::Assign(a) => a.targets.iter().map(|t| (t, a.value.as_ref())).collect(),
            Stmt::AnnAssign(a) => a
                .value
                .as_deref()
                .map(|v| vec![(a.target.as_ref(), v)])
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        for (target, value) in assigned {
            if let (Some(key), Some(service)) = (holder(target), client_service(value)) {
                self.0
                    .entry(key)
                    .and_modify(|s| {
                        if s.as_deref() != Some(service.as_str()) {
                            *s = None;
                        }
                    })
                    .or_insert(Some(service));
            }
        }
        visitor::walk_stmt(self, stmt);
    }
}

struct Finder {
    clients: HashMap<String, String>,
    out: Vec<Call>,
}

impl Finder {
    fn service_of(&self, expr: &Expr) -> Option<String> {
        client_service(expr).or_else(|| self.clients.get(&holder(expr)?).cloned())
    }
}

fn range(r: ruff_text_size::TextRange) -> Range<usize> {
    r.start().to_usize()..r.end().to_usize()
}

impl<'a> Visitor<'a> for Finder {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr {
            if let Expr::Attribute(attr) = call.func.as_ref() {
                if let Some(service) = self.service_of(&attr.value) {
                    let method = attr.attr.as_str();
                    let arguments = &call.arguments;
                    let opaque = !arguments.args.is_empty()
                        || arguments.keywords.iter().any(|k| k.arg.is_none());
                    if method == "get_paginator" {
                        if let Some(Expr::StringLiteral(s)) = arguments.args.first() {
                            self.out.push(Call {
                                service,
                                method: s.value.to_str().to_string(),
                                range: range(s.range()),
                                keywords: Vec::new(),
                                opaque_arguments: true,
                                paginated: true,
                            });
                        }
                    } else if !NOT_OPERATIONS.contains(&method) {
                        self.out.push(Call {
                            service,
                            method: method.to_string(),
                            range: range(attr.attr.range()),
                            keywords: arguments
                                .keywords
                                .iter()
                                .filter_map(|k| {
                                    k.arg.as_ref().map(|a| {
                                        (
                                            a.as_str().to_string(),
                                            range(a.range()),
                                            literal(&k.value),
                                        )
                                    })
                                })
                                .collect(),
                            opaque_arguments: opaque,
                            paginated: false,
                        });
                    }
                }
            }
        }
        visitor::walk_expr(self, expr);
    }
}

/// A call's operation in the catalog: `(service, operation name)`, when both
/// resolve (`("ec2", "DescribeInstances")`).
pub fn resolve(call: &Call) -> Option<(String, String)> {
    let cat = awsapi::catalog();
    let entry = names::service(cat, &call.service)?;
    let svc = cat.decoded(entry);
    let (op, _) = names::operation(svc, &call.method)?;
    Some((svc.name.clone(), op.name.clone()))
}

/// A problem with one call: where (bytes of the script) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub range: Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

/// What is wrong with `call` against the catalog.
pub fn check(call: &Call) -> Vec<Problem> {
    let cat = awsapi::catalog();
    let Some(entry) = names::service(cat, &call.service) else {
        let help =
            names::suggest_service(cat, &call.service).map(|s| format!("did you mean `{s}`?"));
        return vec![Problem {
            range: call.range.clone(),
            message: format!("boto3 has no service `{}`", call.service),
            help,
        }];
    };
    let svc = cat.decoded(entry);
    let Some((op, _)) = names::operation(svc, &call.method) else {
        // boto3 methods are snake_case: a CamelCase name is not one either.
        let help =
            names::suggest_operation(svc, &call.method).map(|s| format!("did you mean `{s}`?"));
        return vec![Problem {
            range: call.range.clone(),
            message: format!("the `{}` client has no method `{}`", svc.name, call.method),
            help,
        }];
    };
    if op.method != call.method {
        return vec![Problem {
            range: call.range.clone(),
            message: format!(
                "the `{}` client has no method `{}`: boto3 names the operation `{}` `{}`",
                svc.name, call.method, op.name, op.method
            ),
            help: Some(format!("call `{}`", op.method)),
        }];
    }
    if call.paginated {
        return Vec::new();
    }
    let members = op
        .input
        .and_then(|id| svc.shape(id))
        .and_then(|s| match &s.kind {
            ShapeKind::Structure {
                members,
                document: false,
                ..
            } => Some(members.as_slice()),
            _ => None,
        })
        .unwrap_or(&[]);
    let mut out = Vec::new();
    for (name, at, value) in &call.keywords {
        let member = op.member_name(name);
        if let Some(m) = members.iter().find(|m| m.name == member) {
            check_literal(svc, m.shape, value, name, &mut out);
        } else {
            let help =
                crate::diagnostic::did_you_mean(name, members.iter().map(|m| m.name.as_str()))
                    .map(|s| format!("did you mean `{s}`?"));
            out.push(Problem {
                range: at.clone(),
                message: format!("`{}` takes no parameter `{name}`", op.method),
                help,
            });
        }
    }
    if !call.opaque_arguments {
        let missing: Vec<&str> = members
            .iter()
            .filter(|m| m.required)
            .filter(|m| {
                !call
                    .keywords
                    .iter()
                    .any(|(k, _, _)| op.member_name(k) == m.name)
            })
            .map(|m| m.name.as_str())
            .collect();
        if !missing.is_empty() {
            out.push(Problem {
                range: call.range.clone(),
                message: format!(
                    "`{}` needs {}",
                    op.method,
                    missing
                        .iter()
                        .map(|m| format!("`{m}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                help: Some(format!(
                    "boto3 refuses the call before sending it (`ParamValidationError`): pass {}",
                    missing.join(", ")
                )),
            });
        }
    }
    out
}

/// A keyword argument's value, when it is written as a literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Literal {
    Str(Range<usize>),
    Int(Range<usize>),
    Float(Range<usize>),
    Bool(Range<usize>),
    /// Keys written as strings (others make the dict `open`), and values.
    Dict {
        range: Range<usize>,
        entries: Vec<(String, Range<usize>, Literal)>,
        open: bool,
    },
    List(Range<usize>, Vec<Literal>),
    /// Anything else: a name, a call, an f-string… not judged.
    Other,
}

fn literal(expr: &Expr) -> Literal {
    let at = range(expr.range());
    match expr {
        Expr::StringLiteral(_) => Literal::Str(at),
        Expr::NumberLiteral(n) => match n.value {
            ast::Number::Int(_) => Literal::Int(at),
            _ => Literal::Float(at),
        },
        Expr::BooleanLiteral(_) => Literal::Bool(at),
        Expr::Dict(d) => {
            let mut entries = Vec::new();
            let mut open = false;
            for item in &d.items {
                match &item.key {
                    Some(Expr::StringLiteral(k)) => entries.push((
                        k.value.to_str().to_string(),
                        range(k.range()),
                        literal(&item.value),
                    )),
                    _ => open = true,
                }
            }
            Literal::Dict {
                range: at,
                entries,
                open,
            }
        }
        Expr::List(l) => Literal::List(at, l.elts.iter().map(literal).collect()),
        Expr::Tuple(t) => Literal::List(at, t.elts.iter().map(literal).collect()),
        _ => Literal::Other,
    }
}

/// What a literal is, in botocore's words.
fn literal_kind(lit: &Literal) -> Option<(&'static str, Range<usize>)> {
    Some(match lit {
        Literal::Str(r) => ("a string", r.clone()),
        Literal::Int(r) => ("an integer", r.clone()),
        Literal::Float(r) => ("a float", r.clone()),
        Literal::Bool(r) => ("a boolean", r.clone()),
        Literal::Dict { range, .. } => ("a dict", range.clone()),
        Literal::List(r, _) => ("a list", r.clone()),
        Literal::Other => return None,
    })
}

/// Whether boto3's validator takes `lit` for a scalar of `kind` (as
/// botocore's `ParamValidator`: a bool is no integer, an int is a float).
fn scalar_takes(kind: awsapi::Scalar, lit: &Literal) -> bool {
    use awsapi::Scalar as S;
    match lit {
        Literal::Str(_) => matches!(kind, S::String | S::Blob | S::Timestamp),
        Literal::Int(_) => matches!(
            kind,
            S::Integer | S::Long | S::Double | S::Float | S::Timestamp
        ),
        Literal::Float(_) => matches!(kind, S::Double | S::Float | S::Timestamp),
        Literal::Bool(_) => kind == S::Boolean,
        Literal::Dict { .. } | Literal::List(..) => false,
        Literal::Other => true,
    }
}

/// Problems of a literal value against the shape of parameter `path`.
fn check_literal(
    svc: &awsapi::Service,
    shape: awsapi::ShapeId,
    lit: &Literal,
    path: &str,
    out: &mut Vec<Problem>,
) {
    let Some(shape) = svc.shape(shape) else {
        return;
    };
    let Some((kind_of_value, at)) = literal_kind(lit) else {
        return;
    };
    let wrong = |want: &str| Problem {
        range: at.clone(),
        message: format!("`{path}` takes {want}, not {kind_of_value}"),
        help: Some("boto3 refuses the call before sending it (`ParamValidationError`)".into()),
    };
    match (&shape.kind, lit) {
        (ShapeKind::Structure { document: true, .. }, _) => {}
        (ShapeKind::Structure { members, .. }, Literal::Dict { entries, open, .. }) => {
            for (key, key_at, value) in entries {
                match members.iter().find(|m| &m.name == key) {
                    Some(m) => check_literal(svc, m.shape, value, &format!("{path}.{key}"), out),
                    None => out.push(Problem {
                        range: key_at.clone(),
                        message: format!("`{path}` has no member `{key}`"),
                        help: crate::diagnostic::did_you_mean(
                            key,
                            members.iter().map(|m| m.name.as_str()),
                        )
                        .map(|s| format!("did you mean `{s}`?")),
                    }),
                }
            }
            let missing: Vec<&str> = members
                .iter()
                .filter(|m| m.required && !entries.iter().any(|(k, _, _)| *k == m.name))
                .map(|m| m.name.as_str())
                .collect();
            if !*open && !missing.is_empty() {
                out.push(Problem {
                    range: at.clone(),
                    message: format!(
                        "`{path}` needs {}",
                        missing
                            .iter()
                            .map(|m| format!("`{m}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    help: Some(
                        "boto3 refuses the call before sending it (`ParamValidationError`)".into(),
                    ),
                });
            }
        }
        (ShapeKind::Structure { .. }, _) => out.push(wrong("a dict")),
        (ShapeKind::List { member, .. }, Literal::List(_, items)) => {
            for item in items {
                check_literal(svc, *member, item, &format!("{path}[]"), out);
            }
        }
        (ShapeKind::List { .. }, _) => out.push(wrong("a list")),
        (ShapeKind::Map { value, .. }, Literal::Dict { entries, .. }) => {
            for (key, _, v) in entries {
                check_literal(svc, *value, v, &format!("{path}.{key}"), out);
            }
        }
        (ShapeKind::Map { .. }, _) => out.push(wrong("a dict")),
        (ShapeKind::Scalar { kind, .. }, _) => {
            if !scalar_takes(*kind, lit) {
                out.push(wrong(match kind {
                    awsapi::Scalar::String => "a string",
                    awsapi::Scalar::Boolean => "a boolean",
                    awsapi::Scalar::Integer | awsapi::Scalar::Long => "an integer",
                    awsapi::Scalar::Double | awsapi::Scalar::Float => "a number",
                    awsapi::Scalar::Timestamp => "a timestamp",
                    awsapi::Scalar::Blob => "bytes",
                }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_python_parser::parse_module;

    fn found(src: &str) -> Vec<String> {
        let parsed = parse_module(src).expect("test scripts parse");
        calls(parsed.syntax())
            .iter()
            .flat_map(check)
            .map(|p| format!("{} [{}]", p.message, p.help.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn calls_through_names_attributes_and_paginators_are_found() {
        let src = "import boto3\nec2 = boto3.client('ec2')\nclass C:\n    def __init__(self):\n        self.ssm = boto3.Session().client(service_name='ssm')\n    def f(self):\n        return self.ssm.get_parameter(Name='x')\nec2.describe_instances()\nboto3.client('s3').list_buckets()\nec2.get_paginator('describe_volumes').paginate()\n";
        let parsed = parse_module(src).expect("parses");
        let got: Vec<(String, String)> =
            calls(parsed.syntax()).iter().filter_map(resolve).collect();
        let want = [
            ("ssm", "GetParameter"),
            ("ec2", "DescribeInstances"),
            ("s3", "ListBuckets"),
            ("ec2", "DescribeVolumes"),
        ];
        assert_eq!(got, want.map(|(s, o)| (s.to_string(), o.to_string())));
        assert!(found(src).is_empty(), "{:?}", found(src));
    }

    #[test]
    fn create_tags_without_its_required_parameters() {
        let src = "import boto3\nec2 = boto3.client('ec2')\nec2.create_tags(Resources=['i-1'], Tags=[{'Key': 'a', 'Value': 'b'}])\nec2.create_tags(Resources=['i-1'])\n";
        let got = found(src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].contains("`create_tags` needs `Tags`"), "{got:?}");
    }

    #[test]
    fn unknown_operations_parameters_and_services() {
        let got = found("import boto3\nc = boto3.client('ec2')\nc.describe_instance(InstanceIds=[])\nc.describe_instances(InstanceId=['i'])\nc.DescribeInstances()\nboto3.client('ec3').x()\n");
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(
            got[0].contains("no method `describe_instance`")
                && got[0].contains("describe_instances"),
            "{got:?}"
        );
        assert!(
            got[1].contains("no parameter `InstanceId`") && got[1].contains("InstanceIds"),
            "{got:?}"
        );
        assert!(got[2].contains("boto3 names the operation"), "{got:?}");
        assert!(
            got[3].contains("no service `ec3`") && got[3].contains("ec2"),
            "{got:?}"
        );
    }

    #[test]
    fn literal_values_are_typed_against_the_input_shape() {
        // A user-guide example once passed tags without `Key`/`Value`.
        let got = found("import boto3\nc = boto3.client('ec2')\nc.create_tags(Resources=['i-1'], Tags=[{'Name': 'web'}])\nc.describe_instances(MaxResults='5', DryRun=True)\nc.create_tags(Resources='i-1', Tags=[{'Key': 'a', 'Value': 1}])\n");
        // (EC2's model requires neither `Key` nor `Value`: an unknown member is the finding.)
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got[0].contains("`Tags[]` has no member `Name`"), "{got:?}");
        assert!(
            got[1].contains("`MaxResults` takes an integer, not a string"),
            "{got:?}"
        );
        assert!(
            got[2].contains("`Resources` takes a list, not a string"),
            "{got:?}"
        );
        assert!(
            got[3].contains("`Tags[].Value` takes a string, not an integer"),
            "{got:?}"
        );
    }

    #[test]
    fn opaque_arguments_and_ambiguous_names_are_not_judged() {
        assert!(
            found("import boto3\nc = boto3.client('ec2')\nargs = {}\nc.create_tags(**args)\n")
                .is_empty()
        );
        assert!(found(
            "import boto3\nc = boto3.client('ec2')\nc = boto3.client('s3')\nc.list_buckets()\n"
        )
        .is_empty());
        assert!(
            found("import boto3\ns3 = boto3.client('s3')\ns3.upload_file('a', 'b', 'c')\n")
                .is_empty()
        );
    }
}
