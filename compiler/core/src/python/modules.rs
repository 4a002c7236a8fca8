//! Imports of modules the step's Python runtime does not have.
//!
//! Input: a parsed module and the step's `Runtime`. Output: every import of
//! a module that is neither in the standard library of that Python version
//! ([`stdlib::MODULES`], generated from a pinned source by `modules/generate.py`)
//! nor one of the packages SSM's runtime ships ([`RUNTIME_PACKAGES`]).
//!
//! Quiet where the import may not run or may be answered otherwise: a
//! relative import (`from . import x`, a package of the attachment), an import
//! inside a `try` whose handlers catch `ImportError` (or more) or inside those
//! handlers (the fallback of such a probe), and, for a
//! runtime that is not a literal `python3.N`, any module of some version's
//! standard library. A step with an `Attachment` may bring any package: the
//! lint rule says nothing there (`lint::python`).

mod stdlib;

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::TextRange;

/// The packages SSM's Python runtime has besides the standard library: boto3
/// (which AWS's user guide for `aws:executeScript` has scripts import) and what
/// it installs with it, per the packages' own metadata: boto3 needs botocore,
/// jmespath and s3transfer; botocore needs jmespath, python-dateutil (imported
/// as `dateutil`, which needs `six`) and urllib3.
pub const RUNTIME_PACKAGES: &[&str] = &[
    "boto3",
    "botocore",
    "dateutil",
    "jmespath",
    "s3transfer",
    "six",
    "urllib3",
];

/// Why a module is not there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// No version of the standard library has it: a third-party package.
    NotInRuntime,
    /// The standard library had it up to this minor version of Python 3.
    RemovedAfter(u8),
    /// The standard library has it from this minor version of Python 3.
    AddedIn(u8),
}

/// One import of a module the runtime lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailable {
    /// The top-level module (`requests` of `requests.adapters`).
    pub module: String,
    pub why: Why,
    /// The module's name in the import.
    pub range: TextRange,
}

/// Every import in `module` of a module a `runtime` (`python3.11`) lacks.
pub fn unavailable(module: &ast::ModModule, runtime: &str) -> Vec<Unavailable> {
    let mut imports = Imports {
        found: Vec::new(),
        probing: 0,
        minor: minor(runtime),
    };
    imports.visit_body(&module.body);
    imports.found
}

/// The minor version of a literal `python3.N` runtime.
fn minor(runtime: &str) -> Option<u8> {
    runtime.strip_prefix("python3.")?.parse().ok()
}

/// Why `name` (a top-level module) is not in the runtime, if it is not.
fn why_unavailable(name: &str, minor: Option<u8>) -> Option<Why> {
    if RUNTIME_PACKAGES.contains(&name) {
        return None;
    }
    let Ok(at) = stdlib::MODULES.binary_search_by(|(m, _, _)| (*m).cmp(name)) else {
        return Some(Why::NotInRuntime);
    };
    let (_, first, last) = stdlib::MODULES[at];
    // A version the table does not hold is judged as its nearest one.
    let minor = minor?.clamp(stdlib::OLDEST_MINOR, stdlib::NEWEST_MINOR);
    if minor < first {
        Some(Why::AddedIn(first))
    } else if minor > last {
        Some(Why::RemovedAfter(last))
    } else {
        None
    }
}

struct Imports {
    found: Vec<Unavailable>,
    /// Inside a `try` whose handlers catch a failed import.
    probing: usize,
    minor: Option<u8>,
}

impl Imports {
    fn check(&mut self, dotted: &str, range: TextRange) {
        if self.probing > 0 {
            return;
        }
        let top = dotted.split('.').next().unwrap_or(dotted);
        if let Some(why) = why_unavailable(top, self.minor) {
            self.found.push(Unavailable {
                module: top.to_string(),
                why,
                range,
            });
        }
    }
}

/// Whether a `try`'s handlers catch a failed import: `ImportError`,
/// `ModuleNotFoundError`, or anything wider.
fn catches_import_failure(t: &ast::StmtTry) -> bool {
    let catches = |e: &Expr| {
        matches!(e, Expr::Name(n) if matches!(
            n.id.as_str(),
            "ImportError" | "ModuleNotFoundError" | "Exception" | "BaseException"
        ))
    };
    t.handlers.iter().any(|h| {
        let ast::ExceptHandler::ExceptHandler(h) = h;
        match h.type_.as_deref() {
            None => true,
            Some(Expr::Tuple(t)) => t.elts.iter().any(catches),
            Some(e) => catches(e),
        }
    })
}

impl<'a> Visitor<'a> for Imports {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Import(i) => {
                for alias in &i.names {
                    self.check(alias.name.as_str(), alias.name.range);
                }
            }
            Stmt::ImportFrom(i) if i.level == 0 => {
                if let Some(m) = &i.module {
                    self.check(m.as_str(), m.range);
                }
            }
            Stmt::Try(t) => {
                // The body probes; a handler's import is the fallback, which
                // runs only where the probe failed.
                let probe = usize::from(catches_import_failure(t));
                self.probing += probe;
                self.visit_body(&t.body);
                for h in &t.handlers {
                    self.visit_except_handler(h);
                }
                self.probing -= probe;
                self.visit_body(&t.orelse);
                self.visit_body(&t.finalbody);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    // Imports are statements: no expression holds one.
    fn visit_expr(&mut self, _expr: &'a Expr) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_python_parser::parse_module;

    fn found(src: &str, runtime: &str) -> Vec<(String, Why)> {
        let parsed = parse_module(src).expect("test scripts parse");
        unavailable(parsed.syntax(), runtime)
            .into_iter()
            .map(|u| (u.module, u.why))
            .collect()
    }

    #[test]
    fn runtime_packages_and_the_standard_library_import_clean() {
        let src = "import boto3, botocore.exceptions, json, os.path\nfrom dateutil import parser\nimport urllib3, six, jmespath, s3transfer\nfrom datetime import datetime\nfrom . import sibling\n";
        assert!(found(src, "python3.11").is_empty());
    }

    #[test]
    fn third_party_packages_are_named() {
        assert_eq!(
            found(
                "import requests\nfrom yaml import safe_load\n\ndef f():\n    import pandas as pd\n    return pd\n",
                "python3.11"
            ),
            [
                ("requests".to_string(), Why::NotInRuntime),
                ("yaml".to_string(), Why::NotInRuntime),
                ("pandas".to_string(), Why::NotInRuntime),
            ]
        );
    }

    #[test]
    fn the_runtime_version_decides_for_the_standard_library() {
        assert_eq!(
            found("import tomllib\n", "python3.8"),
            [("tomllib".to_string(), Why::AddedIn(11))]
        );
        assert!(found("import tomllib\n", "python3.11").is_empty());
        assert_eq!(
            found("import imp\nfrom distutils import util\n", "python3.12"),
            [
                ("imp".to_string(), Why::RemovedAfter(11)),
                ("distutils".to_string(), Why::RemovedAfter(11)),
            ]
        );
        assert!(found("import imp\n", "python3.8").is_empty());
        // A runtime from a parameter: any version's standard library counts.
        assert!(found("import imp, tomllib\n", "{{ Runtime }}").is_empty());
        assert_eq!(
            found("import requests\n", "{{ Runtime }}"),
            [("requests".to_string(), Why::NotInRuntime)]
        );
    }

    #[test]
    fn probed_imports_are_quiet() {
        let src = "try:\n    import requests\nexcept ImportError:\n    requests = None\ntry:\n    import yaml\nexcept Exception:\n    yaml = None\ntry:\n    from json import loads\nexcept ImportError:\n    from simplejson import loads\n";
        assert!(found(src, "python3.11").is_empty());
        assert_eq!(
            found(
                "try:\n    import requests\nexcept KeyError:\n    pass\n",
                "python3.11"
            ),
            [("requests".to_string(), Why::NotInRuntime)]
        );
    }

    #[test]
    fn the_generated_table_is_sorted_and_spans_the_runtimes() {
        assert!(stdlib::MODULES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(stdlib::MODULES
            .iter()
            .all(|(_, first, last)| first <= last && *last <= stdlib::NEWEST_MINOR));
        // Every runtime SSM has run, python3.6 to python3.13, is in the table.
        for minor in 6..=13 {
            assert!(
                (stdlib::OLDEST_MINOR..=stdlib::NEWEST_MINOR).contains(&minor),
                "3.{minor}"
            );
        }
    }
}
