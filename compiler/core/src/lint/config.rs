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
    /// `[lint.shellcheck] exclude`: shellcheck codes left out (default: SC2317, SC1091).
    pub shellcheck_exclude: Option<Vec<String>>,
    /// `[lint.shellcheck] budget_seconds`: the time budget of all shellcheck runs.
    pub shellcheck_budget: Option<u64>,
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
    if let Some(sc) = lint.get("shellcheck") {
        let sc = sc.as_table().ok_or("`lint.shellcheck` must be a table")?;
        for (key, value) in sc {
            match key.as_str() {
                "exclude" => {
                    let list = value
                        .as_array()
                        .ok_or("`lint.shellcheck.exclude` must be a list of codes (\"SC2317\")")?;
                    let mut codes = Vec::new();
                    for c in list {
                        let c = c
                            .as_str()
                            .ok_or("`lint.shellcheck.exclude` entries must be strings")?;
                        let digits = c.strip_prefix("SC").unwrap_or(c);
                        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                            return Err(format!(
                                "`lint.shellcheck.exclude`: `{c}` is not a shellcheck code (\"SC2317\")"
                            ));
                        }
                        codes.push(format!("SC{digits}"));
                    }
                    cfg.shellcheck_exclude = Some(codes);
                }
                "budget_seconds" => {
                    let secs = value
                        .as_integer()
                        .and_then(|n| u64::try_from(n).ok())
                        .filter(|n| *n > 0)
                        .ok_or("`lint.shellcheck.budget_seconds` must be a positive integer")?;
                    cfg.shellcheck_budget = Some(secs);
                }
                other => {
                    return Err(format!(
                        "`lint.shellcheck`: unknown key `{other}` (expected `exclude` or `budget_seconds`)"
                    ))
                }
            }
        }
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
