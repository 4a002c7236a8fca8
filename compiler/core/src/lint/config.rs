//! `ssmc.toml`'s `[lint]` table: rule levels, ignored paths and the docs URL.
//!
//! Input: the text of an `ssmc.toml`. Output: a [`ProjectConfig`], or one
//! message naming the faulty key. Pure (no file system): `ssmc lint` and the
//! language server both read the file and hand its text here, so the two
//! apply the same levels to the same project.

use crate::diagnostic::Severity;

use super::{registry, LintConfig};

/// `ssmc.toml`'s `[lint]` table.
#[derive(Debug, Default)]
pub struct ProjectConfig {
    pub lint: LintConfig,
    /// Glob patterns (relative to the project root) of paths not linted.
    pub ignore: Vec<String>,
    /// Base URL of `docs/rules.md` for SARIF `helpUri` (default: the relative path).
    pub docs_url: Option<String>,
}

/// Reads `[lint]` from an `ssmc.toml` text.
pub fn parse_config(text: &str) -> Result<ProjectConfig, String> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
    let mut cfg = ProjectConfig::default();
    let Some(lint) = table.get("lint") else {
        return Ok(cfg);
    };
    let lint = lint.as_table().ok_or("`lint` must be a table")?;
    if let Some(ignore) = lint.get("ignore") {
        let list = ignore
            .as_array()
            .ok_or("`lint.ignore` must be a list of glob patterns")?;
        for p in list {
            cfg.ignore.push(
                p.as_str()
                    .ok_or("`lint.ignore` entries must be strings")?
                    .to_string(),
            );
        }
    }
    if let Some(url) = lint.get("docs_url").and_then(toml::Value::as_str) {
        cfg.docs_url = Some(url.to_string());
    }
    if let Some(rules) = lint.get("rules") {
        let rules = rules.as_table().ok_or("`lint.rules` must be a table")?;
        for (name, level) in rules {
            if registry::find(name).is_none() {
                return Err(format!("`lint.rules`: unknown rule `{name}`"));
            }
            let level = match level.as_str() {
                Some("off") => None,
                Some("error") => Some(Severity::Error),
                Some("warning" | "warn") => Some(Severity::Warning),
                Some("info") => Some(Severity::Info),
                _ => {
                    return Err(format!(
                        "`lint.rules.{name}`: expected \"off\", \"info\", \"warning\" or \"error\""
                    ))
                }
            };
            cfg.lint.levels.push((name.clone(), level));
        }
    }
    Ok(cfg)
}

/// Whether `path` (relative, `/`-separated) matches a glob with `*`, `**` and `?`.
pub fn glob_match(pattern: &str, path: &str) -> bool {
    fn go(p: &[u8], s: &[u8]) -> bool {
        match p.split_first() {
            None => s.is_empty(),
            Some((b'*', rest)) if rest.first() == Some(&b'*') => {
                let rest = rest.get(1..).unwrap_or(&[]);
                let rest = rest.strip_prefix(b"/").unwrap_or(rest);
                (0..=s.len()).any(|i| {
                    (i == 0 || s.get(i - 1) == Some(&b'/') || rest.is_empty())
                        && go(rest, s.get(i..).unwrap_or(&[]))
                })
            }
            Some((b'*', rest)) => (0..=s.len())
                .take_while(|&i| i == 0 || s.get(i - 1) != Some(&b'/'))
                .any(|i| go(rest, s.get(i..).unwrap_or(&[]))),
            Some((b'?', rest)) => {
                s.first().is_some_and(|c| *c != b'/') && go(rest, s.get(1..).unwrap_or(&[]))
            }
            Some((c, rest)) => s.first() == Some(c) && go(rest, s.get(1..).unwrap_or(&[])),
        }
    }
    go(pattern.as_bytes(), path.as_bytes())
}
