//! `ssmc.toml`, typed: the one reader of the project's configuration.
//!
//! Input: the text of an `ssmc.toml`. Output: a [`ProjectConfig`], or a
//! [`ConfigError`] with the byte range of the faulty key or value and, for a
//! misspelt key, level or rule name, a did-you-mean. Pure (no file system):
//! the CLI and the language server read the file and hand its text here, so
//! both apply the same settings and show the same error.
//! Invariant: an unknown key is an error (`deny_unknown_fields`), never ignored.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{did_you_mean, Severity};
use crate::lint::LintConfig;

use super::globs::IgnoreGlobs;

/// The whole `ssmc.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    lint: LintTable,
    #[serde(default, rename = "aws-api")]
    aws_api: AwsApiTable,
    #[serde(default)]
    documents: DocumentsTable,
}

/// `[lint]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LintTable {
    /// Glob patterns (relative to the project root) of paths not walked.
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    /// Base URL of `docs/rules.md` for SARIF `helpUri`.
    #[serde(default)]
    docs_url: Option<String>,
    /// Whether preview rules run.
    #[serde(default)]
    preview: bool,
    /// Rule (or code) → level.
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Level>,
    /// `[lint.shellcheck]`.
    #[serde(default)]
    shellcheck: ShellcheckTable,
}

/// `[lint.shellcheck]`: how SSM209 runs shellcheck.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShellcheckTable {
    /// shellcheck codes left out (`"SC2317"` or `"2317"`).
    #[serde(default)]
    exclude: Option<Vec<Spanned<String>>>,
    /// The time budget of all shellcheck runs of one command, in seconds.
    #[serde(default)]
    budget_seconds: Option<Spanned<i64>>,
}

/// `[aws-api]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AwsApiTable {
    /// botocore `service-2.json` files, relative to the project root.
    #[serde(default)]
    models: Vec<String>,
}

/// A level a rule may be set to.
/// `[documents] paths`: files and folders of documents a runbook may call
/// that are not part of the project (a team's shared documents), relative to
/// the folder of `ssmc.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentsTable {
    #[serde(default)]
    paths: Vec<String>,
    /// Name prefixes the project owns (see [`ProjectConfig::document_namespace`]).
    #[serde(default)]
    namespace: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Level {
    Off,
    Info,
    #[serde(alias = "warn")]
    Warning,
    Error,
}

impl Level {
    fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// The project's settings.
#[derive(Debug, Clone, Default)]
pub struct ProjectConfig {
    /// Rule levels (`[lint.rules]`).
    pub lint: LintConfig,
    /// `[lint] ignore`, compiled.
    pub ignore: IgnoreGlobs,
    /// Base URL of `docs/rules.md` for SARIF `helpUri` (default: the relative path).
    pub docs_url: Option<String>,
    /// `[aws-api] models`: paths relative to the project root.
    pub aws_models: Vec<String>,
    /// `[documents] paths`: files and folders of documents a runbook may call
    /// from outside the project, relative to the project root (read by
    /// `ssmc_project::document_signatures`).
    pub document_paths: Vec<String>,
    /// `[documents] namespace`: prefixes of the names the project's documents
    /// are deployed as (`Acme-`); a call to an unknown name under one is an
    /// error (E1066), not the warning of a name the project may not know.
    pub document_namespace: Vec<String>,
    /// `[lint.shellcheck] exclude`: shellcheck codes left out (default: SC2317, SC1091).
    pub shellcheck_exclude: Option<Vec<String>>,
    /// `[lint.shellcheck] budget_seconds`: the time budget of all shellcheck runs.
    pub shellcheck_budget: Option<u64>,
}

/// Why an `ssmc.toml` cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
    /// Bytes of the text the fault is in, when known.
    pub range: Option<Range<usize>>,
    /// A did-you-mean or the accepted values.
    pub help: Option<String>,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if let Some(h) = &self.help {
            write!(f, " ({h})")?;
        }
        Ok(())
    }
}

/// The code of the diagnostic an unusable `ssmc.toml` gives in the editor.
pub const CONFIG_CODE: &str = "ssmc.toml";

/// Reads an `ssmc.toml` text.
pub fn parse(text: &str) -> Result<ProjectConfig, ConfigError> {
    let file: File = toml::from_str(text).map_err(|e| from_toml(&e))?;
    let mut levels = Vec::with_capacity(file.lint.rules.len());
    for (name, level) in file.lint.rules {
        if crate::lint::registry::find(name.get_ref()).is_none() {
            let names = crate::lint::RULES.iter().map(|r| r.name());
            return Err(ConfigError {
                message: format!("`lint.rules`: unknown rule `{}`", name.get_ref()),
                help: did_you_mean(name.get_ref(), names).map(|s| format!("did you mean `{s}`?")),
                range: Some(name.span()),
            });
        }
        levels.push((name.into_inner(), level.severity()));
    }
    let mut ignore = Vec::with_capacity(file.lint.ignore.len());
    for pattern in file.lint.ignore {
        ignore.push((pattern.get_ref().clone(), pattern.span()));
    }
    let shellcheck_exclude = match file.lint.shellcheck.exclude {
        Some(list) => Some(
            list.into_iter()
                .map(shellcheck_code)
                .collect::<Result<Vec<_>, _>>()?,
        ),
        None => None,
    };
    let shellcheck_budget = match file.lint.shellcheck.budget_seconds {
        Some(secs) => Some(
            u64::try_from(*secs.get_ref())
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| ConfigError {
                    message: "`lint.shellcheck.budget_seconds` must be a positive integer"
                        .to_string(),
                    range: Some(secs.span()),
                    help: None,
                })?,
        ),
        None => None,
    };
    Ok(ProjectConfig {
        lint: LintConfig {
            levels,
            preview: file.lint.preview,
        },
        ignore: IgnoreGlobs::new(&ignore)?,
        docs_url: file.lint.docs_url,
        aws_models: file.aws_api.models,
        document_paths: file.documents.paths,
        document_namespace: file.documents.namespace,
        shellcheck_exclude,
        shellcheck_budget,
    })
}

/// A `[lint.shellcheck] exclude` entry as `SC` and its digits.
fn shellcheck_code(code: Spanned<String>) -> Result<String, ConfigError> {
    let text = code.get_ref();
    let digits = text.strip_prefix("SC").unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ConfigError {
            message: format!("`lint.shellcheck.exclude`: `{text}` is not a shellcheck code"),
            range: Some(code.span()),
            help: Some("write it as \"SC2317\"".to_string()),
        });
    }
    Ok(format!("SC{digits}"))
}

/// A TOML or serde error as a [`ConfigError`], with a did-you-mean for an
/// unknown key or variant (serde names the expected ones in its message).
fn from_toml(e: &toml::de::Error) -> ConfigError {
    let message = e.message().trim().to_string();
    let help = suggestion(&message);
    ConfigError {
        message,
        range: e.span(),
        help,
    }
}

/// serde says "unknown field `ignor`, expected one of `rules`, `ignore`" (or
/// "unknown variant … expected …"): suggest the closest expected word.
fn suggestion(message: &str) -> Option<String> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))?;
    let (word, expected) = rest.split_once('`')?;
    let candidates: Vec<&str> = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| !s.is_empty())
        .collect();
    match did_you_mean(word, candidates.iter().copied()) {
        Some(best) => Some(format!("did you mean `{best}`?")),
        None if candidates.is_empty() => None,
        None => Some(format!("expected one of `{}`", candidates.join("`, `"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_table() {
        let cfg = parse(
            "[lint]\nignore = [\"legacy/**\"]\ndocs_url = \"https://x/rules\"\n\
             [lint.rules]\nmissing-timeout = \"off\"\nSSM201 = \"error\"\nSSM103 = \"warn\"\n\
             [aws-api]\nmodels = [\"models/a.json\"]\n\
             [documents]\npaths = [\"vendor/ssm-docs\"]\nnamespace = [\"Acme-\"]\n",
        )
        .unwrap();
        assert_eq!(cfg.document_paths, ["vendor/ssm-docs"]);
        assert_eq!(cfg.document_namespace, ["Acme-"]);
        assert_eq!(cfg.lint.levels.len(), 3);
        assert!(cfg
            .lint
            .levels
            .contains(&("missing-timeout".to_string(), None)));
        assert!(cfg
            .lint
            .levels
            .contains(&("SSM201".to_string(), Some(Severity::Error))));
        assert!(cfg.ignore.is_ignored("legacy/a/b.yaml"));
        assert_eq!(cfg.docs_url.as_deref(), Some("https://x/rules"));
        assert_eq!(cfg.aws_models, vec!["models/a.json".to_string()]);
        assert!(parse("").unwrap().lint.levels.is_empty());
        assert!(!parse("").unwrap().lint.preview);
        assert!(parse("[lint]\npreview = true\n").unwrap().lint.preview);
        assert!(parse("[lint]\npreview = \"yes\"\n").is_err());
    }

    #[test]
    fn a_misspelt_key_is_an_error_with_a_did_you_mean_and_its_place() {
        let text = "[lint]\nignor = [\"x\"]\n";
        let e = parse(text).unwrap_err();
        assert!(e.message.contains("unknown field `ignor`"), "{e:?}");
        assert_eq!(e.help.as_deref(), Some("did you mean `ignore`?"));
        assert_eq!(text.get(e.range.clone().unwrap()), Some("ignor"));
        let e = parse("[lnt]\n").unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `lint`?"), "{e:?}");
        let e = parse("[aws-api]\nmodel = []\n").unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `models`?"), "{e:?}");
    }

    #[test]
    fn a_misspelt_rule_or_level_is_an_error_with_a_did_you_mean() {
        let text = "[lint.rules]\nmissing-timout = \"off\"\n";
        let e = parse(text).unwrap_err();
        assert!(e.message.contains("unknown rule `missing-timout`"), "{e:?}");
        assert_eq!(e.help.as_deref(), Some("did you mean `missing-timeout`?"));
        assert_eq!(text.get(e.range.clone().unwrap()), Some("missing-timout"));
        let e = parse("[lint.rules]\nmissing-timeout = \"eror\"\n").unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `error`?"), "{e:?}");
        let e = parse("[lint.rules]\nmissing-timeout = \"loud\"\n").unwrap_err();
        assert!(e.help.unwrap_or_default().starts_with("expected one of"));
        assert!(parse("[lint]\nignore = 3\n").is_err());
        assert!(parse("[aws-api]\nmodels = [3]\n").is_err());
    }

    #[test]
    fn a_bad_glob_is_an_error_at_its_place() {
        let text = "[lint]\nignore = [\"a/[b\"]\n";
        let e = parse(text).unwrap_err();
        assert_eq!(text.get(e.range.clone().unwrap()), Some("\"a/[b\""));
    }
}
