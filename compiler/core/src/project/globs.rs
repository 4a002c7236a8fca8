//! `[lint] ignore` patterns, matched with `globset` (linear time on any
//! pattern; `**/**/…` does not backtrack).
//!
//! Semantics: paths are relative to the project root and `/`-separated; `*`
//! and `?` never cross a `/`, `**` spans folders; a pattern that matches a
//! folder also ignores everything under it.

use std::ops::Range;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::config::ConfigError;

/// Compiled ignore patterns.
#[derive(Debug, Clone, Default)]
pub struct IgnoreGlobs {
    set: Option<GlobSet>,
}

impl IgnoreGlobs {
    /// Compiles `(pattern, range in ssmc.toml)` pairs; a bad pattern is an
    /// error at its range.
    pub fn new(patterns: &[(String, Range<usize>)]) -> Result<IgnoreGlobs, ConfigError> {
        if patterns.is_empty() {
            return Ok(IgnoreGlobs::default());
        }
        let mut builder = GlobSetBuilder::new();
        for (pattern, range) in patterns {
            let glob = GlobBuilder::new(pattern)
                .literal_separator(true)
                .build()
                .map_err(|e| ConfigError {
                    message: format!("`lint.ignore`: bad glob pattern `{pattern}`: {}", e.kind()),
                    range: Some(range.clone()),
                    help: Some("`*` and `?` stay inside a folder, `**` spans folders".into()),
                })?;
            builder.add(glob);
        }
        let set = builder.build().map_err(|e| ConfigError {
            message: format!("`lint.ignore`: {e}"),
            range: None,
            help: None,
        })?;
        Ok(IgnoreGlobs { set: Some(set) })
    }

    /// Whether `rel` (relative to the project root, `/`-separated) or a
    /// folder holding it matches a pattern.
    pub fn is_ignored(&self, rel: &str) -> bool {
        let Some(set) = &self.set else {
            return false;
        };
        let rel = rel.trim_start_matches("./");
        if set.is_match(rel) {
            return true;
        }
        rel.match_indices('/')
            .any(|(i, _)| rel.get(..i).is_some_and(|dir| set.is_match(dir)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn globs(patterns: &[&str]) -> IgnoreGlobs {
        let p: Vec<(String, Range<usize>)> =
            patterns.iter().map(|p| (p.to_string(), 0..0)).collect();
        IgnoreGlobs::new(&p).unwrap()
    }

    #[test]
    fn stars_stay_in_a_folder_and_double_stars_span_folders() {
        let g = globs(&["legacy/**", "*.tmp.yaml", "**/*.json"]);
        assert!(g.is_ignored("legacy/a/b.yaml"));
        assert!(g.is_ignored("x.tmp.yaml"));
        assert!(!g.is_ignored("dir/x.tmp.yaml"));
        assert!(g.is_ignored("a/b/c.json"));
        assert!(!g.is_ignored("src/legacy.yaml"));
        assert!(!IgnoreGlobs::default().is_ignored("a.rbk"));
    }

    #[test]
    fn a_folder_pattern_ignores_what_is_inside() {
        let g = globs(&["vendor", "gen/*"]);
        assert!(g.is_ignored("vendor/x/y.rbk"));
        assert!(g.is_ignored("gen/sub/z.yaml"));
        assert!(!g.is_ignored("vendors/y.rbk"));
    }

    #[test]
    fn nested_double_stars_match_in_linear_time() {
        // The old hand-written matcher backtracked exponentially on this.
        let pattern = format!("{}x", "**/".repeat(30));
        let g = globs(&[&pattern]);
        let path = format!("{}y", "a/".repeat(40));
        let start = std::time::Instant::now();
        assert!(!g.is_ignored(&path));
        assert!(g.is_ignored("a/b/x"));
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
    }
}
