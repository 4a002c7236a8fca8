//! Document-level rules: `schemaVersion`, Command `precondition`s, the
//! references in top-level values (description, assumeRole, document
//! outputs), and 1.2 `runtimeConfig` plugins.
//!
//! Preconditions follow SSM Agent (`evaluatePreconditions`): only
//! `StringEquals` with exactly two strings, either `platformType` and one of
//! `Linux`, `Windows`, `MacOS` (either order), or two different arguments at
//! least one of which contains a document parameter `{{ p }}` (no `ssm:`
//! references); honoured only from schemaVersion 2.2.

use crate::catalog::ActionSig;
use crate::check::refs::{Sink, Site};
use crate::check::steps::kind_word;
use crate::check::suggest as did_you_mean;
use crate::check::values::{describe, Fit};
use crate::check::{codes, secrets, Checker};
use crate::diagnostic::Diagnostic;
use crate::model::{DocKind, Key, Node};
use crate::span::Span;
use crate::syntax::refs::{find_refs, RefKind};
use crate::types::Ty;

const PLATFORMS: &[&str] = &["Linux", "Windows", "MacOS"];
const COMMAND_SCHEMAS: &[&str] = &["1.0", "1.2", "2.0", "2.0.1", "2.0.2", "2.0.3", "2.2"];
const AUTOMATION_SCHEMAS: &[&str] = &["0.3"];

/// Whether a Command schemaVersion honours preconditions (2.2 and later).
fn has_preconditions(version: &str) -> bool {
    let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    let major = parts.next().unwrap_or(0);
    let minor = parts.next().unwrap_or(0);
    (major, minor) >= (2, 2)
}

impl Checker<'_> {
    pub(crate) fn check_schema_version(&mut self) {
        let node = &self.doc.schema_version;
        let known = match self.doc.kind {
            DocKind::Command => COMMAND_SCHEMAS,
            DocKind::Automation => AUTOMATION_SCHEMAS,
        };
        let Some(v) = node.as_str() else {
            self.report(
                Diagnostic::error(
                    codes::INVALID_SCHEMA_VERSION,
                    node.span,
                    format!("schemaVersion must be a string, found {}", describe(node)),
                )
                .with_label("SSM rejects a schemaVersion that is not a string")
                .with_help("quote it: \"2.2\""),
            );
            return;
        };
        if !known.contains(&v) {
            self.report(
                Diagnostic::error(
                    codes::INVALID_SCHEMA_VERSION,
                    node.span,
                    format!(
                        "schemaVersion `{v}` is not valid for {} documents",
                        kind_word(self.doc.kind)
                    ),
                )
                .with_label("SSM does not accept this version")
                .with_help(format!("use one of {}", known.join(", "))),
            );
        }
    }

    /// Top-level keys of the other kind or schema, and a document without steps.
    pub(crate) fn check_document_shape(&mut self) {
        let doc = self.doc;
        let legacy = doc.kind == DocKind::Command
            && doc
                .schema_version
                .as_str()
                .is_some_and(|v| v.starts_with("1."));
        let mut wrong: Vec<(&str, &Node, &str)> = Vec::new();
        match doc.kind {
            DocKind::Command => {
                let only_automation = "only Automation runbooks have it";
                for (key, node) in [
                    ("assumeRole", &doc.assume_role),
                    ("files", &doc.files),
                    ("outputs", &doc.outputs),
                ] {
                    if let Some(node) = node {
                        wrong.push((key, node, only_automation));
                    }
                }
                if let Some(p) = doc.variables.as_ref().and_then(|v| v.first()) {
                    self.report(
                        Diagnostic::error(
                            codes::WRONG_KIND_KEY,
                            p.name.span,
                            "`variables` in a Command document",
                        )
                        .with_label("only Automation runbooks have variables")
                        .with_help("use a parameter, or make this an `automation`"),
                    );
                }
                if legacy {
                    if let Some(step) = doc.steps.as_ref().and_then(|s| s.first()) {
                        wrong.push((
                            "mainSteps",
                            &step.name,
                            "schemaVersion 1.x documents use `runtimeConfig`",
                        ));
                    }
                } else if let Some(rc) = &doc.runtime_config {
                    wrong.push((
                        "runtimeConfig",
                        rc,
                        "schemaVersion 2.x documents use `mainSteps`",
                    ));
                }
            }
            DocKind::Automation => {
                if let Some(rc) = &doc.runtime_config {
                    wrong.push((
                        "runtimeConfig",
                        rc,
                        "only schemaVersion 1.x Command documents have it",
                    ));
                }
            }
        }
        for (key, node, why) in wrong {
            self.report(
                Diagnostic::error(
                    codes::WRONG_KIND_KEY,
                    node.span,
                    format!("`{key}` in a {} document", kind_word(doc.kind)),
                )
                .with_label(why.to_string())
                .with_help(format!("remove `{key}`")),
            );
        }
        let empty = if legacy {
            doc.runtime_config
                .as_ref()
                .and_then(Node::as_map)
                .is_none_or(<[_]>::is_empty)
        } else {
            doc.steps.as_ref().is_none_or(Vec::is_empty)
        };
        if empty {
            self.report(
                Diagnostic::error(
                    codes::NO_STEPS,
                    Span::point(doc.span.file, doc.span.start as usize),
                    format!("document `{}` has no steps", doc.name),
                )
                .with_label("AWS requires at least one step")
                .with_help("add a step"),
            );
        }
    }

    /// A step's `precondition`.
    pub(crate) fn check_precondition(&mut self, step: usize, pre: &Node) {
        self.walk_refs(
            pre,
            &Site {
                step: Some(step),
                sink: Sink::Denied(secrets::OTHER),
                place: "a precondition",
            },
        );
        if self.doc.kind == DocKind::Automation {
            self.report(
                Diagnostic::error(
                    codes::INVALID_PRECONDITION,
                    pre.span,
                    "a precondition in an Automation runbook",
                )
                .with_label("only Command documents have preconditions")
                .with_help("branch on the condition with `aws:branch` (`if`)"),
            );
            return;
        }
        if let Some(v) = self.doc.schema_version.as_str() {
            if !has_preconditions(v) {
                self.report(
                    Diagnostic::error(
                        codes::INVALID_PRECONDITION,
                        pre.span,
                        format!("a precondition in a schemaVersion {v} document"),
                    )
                    .with_label("SSM Agent honours preconditions only from schemaVersion 2.2; the step fails")
                    .with_help("use schemaVersion \"2.2\""),
                );
                return;
            }
        }
        let invalid = |span, msg: String| {
            Diagnostic::error(codes::INVALID_PRECONDITION, span, msg)
                .with_help("write `precondition: { StringEquals: [platformType, Linux] }` (`when platform linux`)")
        };
        let Some(map) = pre.as_map() else {
            self.report(
                invalid(
                    pre.span,
                    format!("a precondition must be a map, found {}", describe(pre)),
                )
                .with_label("not a map"),
            );
            return;
        };
        let mut ok_key = false;
        for (k, v) in map {
            if k.name != "StringEquals" {
                let mut d = invalid(
                    k.span,
                    format!("unknown precondition operator `{}`", k.name),
                )
                .with_label("SSM Agent knows only `StringEquals`; the step fails");
                if let Some(s) = did_you_mean(&k.name, ["StringEquals"]) {
                    d = d.with_help(format!("did you mean `{s}`?"));
                }
                self.report(d);
                continue;
            }
            ok_key = true;
            self.check_string_equals(v);
        }
        if !ok_key && map.is_empty() {
            self.report(
                invalid(pre.span, "an empty precondition".into()).with_label("no StringEquals"),
            );
        }
    }

    fn check_string_equals(&mut self, v: &Node) {
        let help = "write [platformType, Linux|Windows|MacOS], or two values one of which contains a {{ parameter }}";
        let args: Option<Vec<(&str, &Node)>> = v
            .as_list()
            .and_then(|l| l.iter().map(|n| n.as_str().map(|s| (s, n))).collect());
        let Some(args) = args else {
            self.type_error(
                v,
                &Ty::StringList,
                "`StringEquals`",
                &describe(v),
                Fit::Wrong,
            );
            return;
        };
        let [(a, an), (b, bn)] = args.as_slice() else {
            self.report(
                Diagnostic::error(
                    codes::INVALID_PRECONDITION,
                    v.span,
                    format!(
                        "`StringEquals` takes exactly 2 values, found {}",
                        args.len()
                    ),
                )
                .with_label("SSM Agent rejects this precondition")
                .with_help(help),
            );
            return;
        };
        let platform = if *a == "platformType" {
            Some((*b, *bn))
        } else if *b == "platformType" {
            Some((*a, *an))
        } else {
            None
        };
        if let Some((p, node)) = platform {
            if PLATFORMS.contains(&p) {
                return;
            }
            let mut d = Diagnostic::error(
                codes::INVALID_PRECONDITION,
                node.span,
                format!("unknown platform `{p}`"),
            )
            .with_label("the platforms are Linux, Windows and MacOS");
            d = match did_you_mean(p, PLATFORMS.iter().copied()) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help(help),
            };
            self.report(d);
            return;
        }
        let kinds: Vec<RefKind> = find_refs(a)
            .into_iter()
            .chain(find_refs(b))
            .map(|r| r.kind)
            .collect();
        if kinds
            .iter()
            .any(|k| matches!(k, RefKind::Ssm | RefKind::SsmSecure | RefKind::Resolve))
        {
            self.report(
                Diagnostic::error(
                    codes::INVALID_PRECONDITION,
                    v.span,
                    "a precondition reads a Parameter Store value",
                )
                .with_label("SSM Agent rejects `ssm:` references in preconditions")
                .with_help("compare a document parameter instead"),
            );
        } else if !kinds.contains(&RefKind::Param) {
            self.report(
                Diagnostic::error(
                    codes::INVALID_PRECONDITION,
                    v.span,
                    "a precondition compares two constants",
                )
                .with_label("neither value is `platformType` or contains a {{ parameter }}")
                .with_help(help),
            );
        } else if a == b {
            self.report(
                Diagnostic::error(
                    codes::INVALID_PRECONDITION,
                    v.span,
                    "a precondition compares a value with itself",
                )
                .with_label("SSM Agent rejects identical arguments")
                .with_help(help),
            );
        }
    }

    /// References in the document's own values.
    pub(crate) fn check_document_refs(&mut self) {
        let doc = self.doc;
        if let Some(d) = &doc.description {
            self.walk_description_refs(
                d,
                &Site {
                    step: None,
                    sink: Sink::Denied(secrets::DESCRIPTION),
                    place: "the document description",
                },
            );
        }
        if let Some(r) = &doc.assume_role {
            self.walk_refs(
                r,
                &Site {
                    step: None,
                    sink: Sink::Denied(secrets::ASSUME_ROLE),
                    place: "assumeRole",
                },
            );
        }
        for (k, v) in &doc.extra {
            let place = format!("`{}`", k.name);
            self.walk_refs(
                v,
                &Site {
                    step: None,
                    sink: Sink::Denied(secrets::OTHER),
                    place: &place,
                },
            );
        }
        if let Some(outputs) = &doc.outputs {
            self.check_document_outputs(outputs);
        }
    }

    /// Document `outputs`: `"Step.Output"` strings (no braces).
    fn check_document_outputs(&mut self, outputs: &Node) {
        let Some(list) = outputs.as_list() else {
            self.type_error(
                outputs,
                &Ty::StringList,
                "the document outputs",
                &describe(outputs),
                Fit::Wrong,
            );
            return;
        };
        for item in list {
            let Some(s) = item.as_str() else {
                self.type_error(
                    item,
                    &Ty::String,
                    "a document output",
                    &describe(item),
                    Fit::Wrong,
                );
                continue;
            };
            if !find_refs(s).is_empty() {
                self.walk_refs(
                    item,
                    &Site {
                        step: None,
                        sink: Sink::Denied(secrets::OUTPUT),
                        place: "the document outputs",
                    },
                );
                continue;
            }
            let Some((step, out)) = s.trim().split_once('.') else {
                self.report(
                    Diagnostic::error(
                        codes::UNKNOWN_OUTPUT,
                        item.span,
                        format!("document output `{s}` is not `Step.Output`"),
                    )
                    .with_label("a document output names a step's output")
                    .with_help("write \"StepName.OutputName\""),
                );
                continue;
            };
            if let Err(d) = self.lookup_output(step, out) {
                let mut d = *d;
                d.primary.span = item.span;
                self.report(d);
            }
        }
    }

    /// 1.2 `runtimeConfig`: plugin names, and the references in their properties.
    pub(crate) fn check_runtime_config(&mut self) {
        let Some(rc) = &self.doc.runtime_config else {
            return;
        };
        let Some(map) = rc.as_map() else {
            self.type_error(rc, &Ty::Map, "`runtimeConfig`", &describe(rc), Fit::Wrong);
            return;
        };
        for (plugin, config) in map {
            if self.catalog.action(&plugin.name).is_none() {
                let names = self
                    .catalog
                    .actions
                    .iter()
                    .filter(|a| a.allows(DocKind::Command))
                    .map(|a| a.name.as_str());
                let mut d = Diagnostic::error(
                    codes::UNKNOWN_ACTION,
                    plugin.span,
                    format!("unknown plugin `{}`", plugin.name),
                )
                .with_label("the catalog has no Command plugin of this name");
                if let Some(s) = did_you_mean(&plugin.name, names) {
                    d = d.with_help(format!("did you mean `{s}`?"));
                }
                self.report(d);
            }
            let Some(entries) = config.as_map() else {
                continue;
            };
            for (k, v) in entries {
                if k.name != "properties" {
                    let place = format!("`{}` of plugin `{}`", k.name, plugin.name);
                    self.walk_refs(
                        v,
                        &Site {
                            step: None,
                            sink: Sink::Denied(secrets::OTHER),
                            place: &place,
                        },
                    );
                    continue;
                }
                // properties: a list of input maps, or one map.
                let items: Vec<&Node> = match v.as_list() {
                    Some(l) => l.iter().collect(),
                    None => vec![v],
                };
                let sig = self
                    .catalog
                    .action(&plugin.name)
                    .filter(|s| s.allows(DocKind::Command));
                for item in items {
                    let Some(inputs) = item.as_map() else {
                        continue;
                    };
                    for (ik, iv) in inputs {
                        self.check_plugin_property(&plugin.name, sig, ik, iv);
                    }
                }
            }
        }
    }

    /// One input of a 1.2 plugin's `properties`.
    fn check_plugin_property(
        &mut self,
        plugin: &str,
        sig: Option<&ActionSig>,
        key: &Key,
        value: &Node,
    ) {
        let place = format!("input `{}` of `{plugin}`", key.name);
        let sink = secrets::input_sink(DocKind::Command, plugin, &key.name);
        self.walk_refs(
            value,
            &Site {
                step: None,
                sink,
                place: &place,
            },
        );
        // `id` names the plugin run in 1.2 (`0.aws:runShellScript`).
        let Some(sig) = sig.filter(|_| key.name != "id") else {
            return;
        };
        match sig.input(&key.name, true) {
            Some(input) => self.check_value(value, &input.ty, &place),
            None if sig.any_input => {}
            None => {
                let mut d = Diagnostic::warning(
                    codes::UNKNOWN_PLUGIN_INPUT,
                    key.span,
                    format!("`{plugin}` does not read input `{}`", key.name),
                )
                .with_label("SSM Agent ignores this input");
                if let Some(s) = did_you_mean(&key.name, sig.inputs.iter().map(|s| s.name.as_str()))
                {
                    d = d.with_help(format!("did you mean `{s}`?"));
                }
                self.report(d);
            }
        }
    }
}
