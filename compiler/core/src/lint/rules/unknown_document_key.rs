use crate::declare_rule;
use crate::diagnostic::did_you_mean;
use crate::lint::walk::all_steps;
use crate::lint::LintContext;
use crate::model::change_template::TEMPLATE_KEYS;
use crate::model::Key;

declare_rule! {
    /// ## What it does
    /// Flags a key SSM does not know at the top level of a document, in a step or in a
    /// parameter: a typo or a case slip such as `schemaversion`, `onfailure`, `output` or
    /// `allowedValue`, with the key meant.
    ///
    /// ## Why is this bad?
    /// SSM rejects the document when it is created or updated (`InvalidDocumentContent`),
    /// or, where a tool drops the key first, the setting silently does nothing: an
    /// `onfailure: Continue` that never continues.
    ///
    /// ## Example
    /// ```yaml
    /// schemaVersion: "2.2"
    /// description: Restart a service.
    /// mainSteps:
    ///   - name: Restart
    ///     action: aws:runShellScript
    ///     onfailure: exit
    ///     inputs: {runCommand: ["systemctl restart app"]}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// schemaVersion: "2.2"
    /// description: Restart a service.
    /// mainSteps:
    ///   - name: Restart
    ///     action: aws:runShellScript
    ///     onFailure: exit
    ///     inputs: {runCommand: ["systemctl restart app"]}
    /// ```
    pub UnknownDocumentKey { name: "unknown-document-key", default: Error, fix: Sometimes }
}

const TOP_LEVEL: &[&str] = &[
    "schemaVersion",
    "description",
    "parameters",
    "mainSteps",
    "runtimeConfig",
    "assumeRole",
    "outputs",
    "files",
    "variables",
];

const STEP: &[&str] = &[
    "name",
    "action",
    "inputs",
    "description",
    "onFailure",
    "onCancel",
    "nextStep",
    "isEnd",
    "isCritical",
    "maxAttempts",
    "timeoutSeconds",
    "precondition",
    "outputs",
];

const PARAMETER: &[&str] = &[
    "type",
    "description",
    "default",
    "allowedValues",
    "allowedPattern",
    "displayType",
    "minItems",
    "maxItems",
    "minChars",
    "maxChars",
    "interpolationType",
];

pub(crate) fn check(cx: &mut LintContext<'_>) {
    let mut found: Vec<(&Key, &'static str, &'static [&'static str])> = Vec::new();
    // A Change Manager template's own keys are known; in a Command document
    // the checker reports them (E1024), so they are not reported twice.
    found.extend(
        cx.doc
            .extra
            .iter()
            .filter(|(k, _)| !TEMPLATE_KEYS.contains(&k.name.as_str()))
            .map(|(k, _)| (k, "at the top level", TOP_LEVEL)),
    );
    for step in all_steps(cx.doc) {
        found.extend(step.extra.iter().map(|(k, _)| (k, "in a step", STEP)));
    }
    for params in [&cx.doc.parameters, &cx.doc.variables]
        .into_iter()
        .flatten()
    {
        for p in params {
            found.extend(
                p.attrs
                    .iter()
                    .filter(|(k, _)| !PARAMETER.contains(&k.name.as_str()))
                    .map(|(k, _)| (k, "in a parameter", PARAMETER)),
            );
        }
    }
    for (key, place, known) in found {
        if known.contains(&key.name.as_str()) {
            continue;
        }
        let meant = known
            .iter()
            .find(|k| k.eq_ignore_ascii_case(&key.name))
            .copied()
            .or_else(|| did_you_mean(&key.name, known.iter().copied()));
        let mut d = cx.finding(key.span, format!("unknown key `{}` {place}", key.name));
        d = match meant {
            Some(m) => {
                let exact = cx.source_of(key.span).is_some_and(|t| t == key.name);
                let d = d.with_label(format!("did you mean `{m}`?")).with_help(
                    "SSM keys are case-sensitive; SSM rejects a document with an unknown key",
                );
                if exact {
                    let edits = vec![crate::diagnostic::Edit {
                        span: key.span,
                        replacement: m.to_string(),
                    }];
                    let message = format!("rename to `{m}`");
                    // Only the case differs: the key cannot mean anything
                    // else. A did-you-mean by spelling is a guess at which
                    // key was meant (a wrong guess sets another setting).
                    if m.eq_ignore_ascii_case(&key.name) {
                        d.with_fix(crate::diagnostic::Fix::safe(message, edits))
                    } else {
                        d.with_fix(crate::diagnostic::Fix::unsafe_(message, edits))
                    }
                } else {
                    d
                }
            }
            None => d.with_help(format!(
                "SSM rejects a document with an unknown key; the keys here are {}",
                known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        };
        cx.report(d);
    }
}
