//! Parameters and variables: names, types, defaults.
//!
//! Input: the document's `parameters` and `variables`. Output: duplicate
//! names (E1017), unknown types with a did-you-mean (E1018), defaults that
//! violate their own type, `allowedValues` or `allowedPattern` (E1019, or the
//! lenient W1001 where AWS accepts them: `""` for an `AWS::…` type, `"true"`
//! for a Boolean), and the references inside every attribute.
//!
//! `allowedPattern` is compiled with the `regex` crate (narrowed to the default,
//! `super::pattern`); AWS uses Java regex
//! at the API, so a pattern the crate cannot compile (lookaround, backrefs,
//! possessive quantifiers) is skipped silently, and a default is tested with
//! find semantics (any match), the more lenient reading.

use crate::check::refs::{Sink, Site};
use crate::check::suggest as did_you_mean;
use crate::check::values::{describe, Fit};
use crate::check::{codes, secrets, Checker};
use crate::diagnostic::Diagnostic;
use crate::model::{Node, Parameter, Value};
use crate::syntax::refs::{find_refs, RefKind};
use crate::types::Ty;

/// Parameter types SSM knows.
pub(crate) const PARAM_TYPES: &[&str] = &[
    "String",
    "StringList",
    "Integer",
    "Boolean",
    "MapList",
    "StringMap",
    "AWS::EC2::Instance::Id",
    "List<AWS::EC2::Instance::Id>",
    "AWS::S3::Bucket::Name",
    "List<AWS::S3::Bucket::Name>",
    "AWS::IAM::Role::Arn",
    "List<AWS::IAM::Role::Arn>",
];

/// Variable types (`variables`) SSM knows.
pub(crate) const VAR_TYPES: &[&str] = &[
    "String",
    "StringList",
    "Integer",
    "Boolean",
    "MapList",
    "StringMap",
];

pub(crate) fn is_known_type(text: &str) -> bool {
    PARAM_TYPES.contains(&text) || is_aws_type(text)
}

/// `AWS::…` or `List<AWS::…>`: the language accepts any AWS resource type
/// (docs/language.md 5.1); SSM documents the three of [`PARAM_TYPES`].
fn is_aws_type(text: &str) -> bool {
    let inner = text
        .strip_prefix("List<")
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(text);
    inner.strip_prefix("AWS::").is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .split("::")
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric()))
    })
}

impl Checker<'_> {
    pub(crate) fn check_params(&mut self) {
        let doc = self.doc;
        if let Some(params) = &doc.parameters {
            self.check_param_list(params, false);
        }
        if let Some(vars) = &doc.variables {
            self.check_param_list(vars, true);
        }
    }

    fn check_param_list(&mut self, list: &[Parameter], is_var: bool) {
        let what = if is_var { "variable" } else { "parameter" };
        for (i, p) in list.iter().enumerate() {
            if let Some(first) = list.iter().take(i).find(|q| q.name.name == p.name.name) {
                self.report(
                    Diagnostic::error(
                        codes::DUPLICATE_PARAMETER,
                        p.name.span,
                        format!("{what} `{}` is declared twice", p.name.name),
                    )
                    .with_label("declared again here")
                    .with_secondary(first.name.span, "first declared here")
                    .with_help(format!("rename or remove one: {what} names are unique")),
                );
            }
            self.check_param(p, is_var);
        }
    }

    fn check_param(&mut self, p: &Parameter, is_var: bool) {
        let what = if is_var { "variable" } else { "parameter" };
        let name = p.name.name.as_str();
        let known = if is_var { VAR_TYPES } else { PARAM_TYPES };
        let ty = match &p.ty {
            None => {
                self.report(
                    Diagnostic::error(
                        codes::UNKNOWN_TYPE,
                        p.name.span,
                        format!("{what} `{name}` has no type"),
                    )
                    .with_label("`type` is required")
                    .with_help(format!("give it a type: `{name}: String`")),
                );
                Ty::Error
            }
            Some(node) => match node.as_str() {
                Some(t) if known.contains(&t) || (!is_var && is_aws_type(t)) => Ty::parse(t),
                // A type written as a string in `.rbk` is one the author knows
                // the checker does not: it checks nothing and says nothing.
                Some(t) if self.opts.literal_spans.contains(&node.span) => {
                    Ty::Unknown(t.to_string())
                }
                Some(t) => {
                    let mut d = Diagnostic::error(
                        codes::UNKNOWN_TYPE,
                        node.span,
                        format!("unknown {what} type `{t}`"),
                    )
                    .with_label(format!("SSM has no {what} type of this name"));
                    d = match did_you_mean(t, known.iter().copied()) {
                        Some(s) => d.with_help(format!("did you mean `{s}`?")),
                        None => d.with_help(format!("the {what} types are {}", known.join(", "))),
                    };
                    self.report(d);
                    Ty::Error
                }
                None => {
                    self.type_error(
                        node,
                        &Ty::String,
                        &format!("the type of {what} `{name}`"),
                        &describe(node),
                        Fit::Wrong,
                    );
                    Ty::Error
                }
            },
        };
        let place = format!("the default of {what} `{name}`");
        let default_sink = if p.secret {
            Sink::Allowed
        } else {
            Sink::Denied(secrets::PLAIN_DEFAULT)
        };
        if let (true, Some(default)) = (p.secret, &p.default) {
            let plain = default.as_str().is_some_and(|s| {
                !s.is_empty()
                    && !find_refs(s).iter().any(|r| {
                        matches!(
                            r.kind,
                            RefKind::SsmSecure | RefKind::Resolve | RefKind::Param
                        )
                    })
            });
            if plain {
                self.report(
                    Diagnostic::error(
                        codes::PLAINTEXT_SECRET_DEFAULT,
                        default.span,
                        format!("secret parameter `{name}` has a plain-text default"),
                    )
                    .with_label("this secret is written in the document itself")
                    .with_help("store it in Parameter Store and default to `ssm_secure(\"/path\")`, or give no default"),
                );
            }
        }
        if let Some(default) = &p.default {
            self.walk_refs(
                default,
                &Site {
                    step: None,
                    sink: default_sink,
                    place: &place,
                },
            );
            if matches!(ty, Ty::Aws(_) | Ty::AwsList(_)) && default.as_str() == Some("") {
                self.report(
                    Diagnostic::warning(codes::LENIENT_TYPE, default.span, format!("{place} is an empty string"))
                        .with_label(format!("not a valid {ty}"))
                        .with_help("AWS accepts `\"\"` here (an optional resource); use String to say so exactly"),
                );
            } else {
                self.check_value(default, &ty, &place);
                self.check_default_allowed(p, default, &ty, &place);
            }
        }
        if let Some(desc) = &p.description {
            let place = format!("the description of {what} `{name}`");
            self.walk_description_refs(
                desc,
                &Site {
                    step: None,
                    sink: Sink::Denied(secrets::DESCRIPTION),
                    place: &place,
                },
            );
        }
        self.check_attribute_types(p, what);
        if let Some(default) = &p.default {
            self.check_default_limits(p, default, &format!("the default of {what} `{name}`"));
        }
        for (k, v) in &p.attrs {
            let place = format!("`{}` of {what} `{name}`", k.name);
            self.walk_refs(
                v,
                &Site {
                    step: None,
                    sink: Sink::Denied(secrets::OTHER),
                    place: &place,
                },
            );
        }
    }

    /// The attributes' own types: `allowedValues` a list, `allowedPattern` a
    /// string, the limits integers (a string of digits is lenient: AWS-owned
    /// documents write `maxChars: "20"`).
    fn check_attribute_types(&mut self, p: &Parameter, what: &str) {
        let name = p.name.name.as_str();
        for (k, v) in &p.attrs {
            let place = format!("`{}` of {what} `{name}`", k.name);
            let expected = match k.name.as_str() {
                "allowedValues" => Ty::List,
                "allowedPattern" | "displayType" | "interpolationType" => Ty::String,
                "minItems" | "maxItems" | "minChars" | "maxChars" => Ty::Integer,
                _ => continue,
            };
            self.check_value(v, &expected, &place);
        }
    }

    /// The default against `minChars`/`maxChars` and `minItems`/`maxItems`.
    fn check_default_limits(&mut self, p: &Parameter, default: &Node, place: &str) {
        let limit = |key: &str| {
            p.attrs
                .iter()
                .find(|(k, _)| k.name == key)
                .and_then(|(_, v)| match &v.value {
                    Value::Int(i) => usize::try_from(*i).ok(),
                    Value::String(s) => s.trim().parse::<usize>().ok(),
                    _ => None,
                })
        };
        let (len, unit, min_key, max_key) = match &default.value {
            Value::String(s) if find_refs(s).is_empty() => {
                (s.chars().count(), "characters", "minChars", "maxChars")
            }
            Value::List(items) => (items.len(), "items", "minItems", "maxItems"),
            _ => return,
        };
        let (min, max) = (limit(min_key), limit(max_key));
        let outside = min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m);
        // An empty default means "not given" in AWS-owned documents; leave it be.
        if !outside || len == 0 {
            return;
        }
        let bounds = match (min, max) {
            (Some(a), Some(b)) => format!("{a} to {b}"),
            (Some(a), None) => format!("at least {a}"),
            (None, Some(b)) => format!("at most {b}"),
            (None, None) => return,
        };
        self.report(
            Diagnostic::warning(
                codes::DEFAULT_OUTSIDE_PATTERN,
                default.span,
                format!("{place} has {len} {unit}, outside its {min_key}/{max_key}"),
            )
            .with_label(format!("{bounds} {unit} allowed"))
            .with_help(
                "a run that keeps this default fails validation; change the default or the limits",
            ),
        );
    }

    /// The default against `allowedValues` and `allowedPattern`.
    fn check_default_allowed(&mut self, p: &Parameter, default: &Node, ty: &Ty, place: &str) {
        let items: Vec<&Node> = match (&default.value, ty.runtime()) {
            (Value::List(items), Ty::StringList) => items.iter().collect(),
            (Value::List(_) | Value::Map(_), _) => return,
            _ => vec![default],
        };
        let allowed = p
            .attrs
            .iter()
            .find(|(k, _)| k.name == "allowedValues")
            .and_then(|(_, v)| v.as_list());
        let pattern = p
            .attrs
            .iter()
            .find(|(k, _)| k.name == "allowedPattern")
            .and_then(|(_, v)| v.as_str());
        for item in items {
            let Some(text) = scalar_text(item) else {
                continue;
            };
            if let Some(allowed) = allowed {
                let texts: Vec<String> = allowed.iter().filter_map(scalar_text).collect();
                if !texts.contains(&text) {
                    let mut d = Diagnostic::error(
                        codes::INVALID_DEFAULT,
                        item.span,
                        format!("{place} `{text}` is not one of its allowedValues"),
                    )
                    .with_label("not in allowedValues");
                    d = match did_you_mean(&text, texts.iter().map(String::as_str)) {
                        Some(s) => d.with_help(format!("did you mean `{s}`?")),
                        None => d.with_help(format!("the allowed values are {}", texts.join(", "))),
                    };
                    self.report(d);
                    continue;
                }
            }
            if let (Some(pattern), Value::String(s)) = (pattern, &item.value) {
                if super::pattern::matches(pattern, s) == Some(false) {
                    // AWS-owned documents ship such defaults (placeholders, `""`): SSM
                    // accepts the document and fails only a run that uses the default.
                    self.report(
                        Diagnostic::warning(
                            codes::DEFAULT_OUTSIDE_PATTERN,
                            item.span,
                            format!("{place} `{text}` does not match its allowedPattern"),
                        )
                        .with_label(format!("does not match `{pattern}`"))
                        .with_help("a run that keeps this default fails validation; change the default or the pattern"),
                    );
                }
            }
        }
    }
}

/// A scalar's text for comparisons (`true`, `5`, `"s"` → `s`); `None` for
/// collections and for strings with references (their value is not known).
pub(crate) fn scalar_text(node: &Node) -> Option<String> {
    match &node.value {
        Value::String(s) if find_refs(s).is_empty() => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Int(i) => Some(i.to_string()),
        _ => None,
    }
}
