//! Each case here was run through pyflakes 4.1.0; the expected lines are its
//! findings, written as `line: message`.

use super::*;
use ruff_python_parser::parse_module;

fn found(src: &str) -> Vec<String> {
    let parsed = parse_module(src).expect("test scripts parse");
    let line = |at: TextSize| src[..at.to_usize()].matches('\n').count() + 1;
    unused(parsed.syntax())
        .into_iter()
        .map(|u| {
            let message = match u.what {
                What::UnusedImport { imported } => format!("'{imported}' imported but unused"),
                What::UnusedVariable {
                    name,
                    annotated_only: false,
                } => {
                    format!("local variable '{name}' is assigned to but never used")
                }
                What::UnusedVariable {
                    name,
                    annotated_only: true,
                } => {
                    format!("local variable '{name}' is annotated but never used")
                }
                What::Redefinition { name, earlier } => {
                    format!(
                        "redefinition of unused '{name}' from line {}",
                        line(earlier)
                    )
                }
                What::ShadowedByLoop { name, earlier } => {
                    format!(
                        "import '{name}' from line {} shadowed by loop variable",
                        line(earlier)
                    )
                }
            };
            format!("{}: {message}", line(u.range.start()))
        })
        .collect()
}

const A1: &str = r#"import os
import json, sys as system
import xml.dom
from collections import OrderedDict as OD, defaultdict
from __future__ import annotations

def handler(events, context):
    return json.dumps(events)
"#;

const A2: &str = r#"__all__ = ["exported"]
from m import exported
try:
    import yaml
except ImportError:
    yaml = None

class C:
    import re

def f():
    import time
    return 1
"#;

const A3: &str = r#"def f(events):
    unused = 1
    a, b = events
    (c, d) = 1, 2
    for i in range(3):
        pass
    with open("x") as fh:
        pass
    total = 0
    total += 1
    _ = 5
    n: int
    try:
        pass
    except Exception as e:
        pass
    return None

def g():
    x = 1
    return locals()

def h():
    global G
    G = 1
"#;

const A4: &str = r#"import os

def f():
    pass

def f():
    return os

if os:
    def g(): pass
else:
    def g(): pass

try:
    from json import loads
except ImportError:
    from simplejson import loads

import sys
for sys in range(3):
    print(sys)

def k(): pass
k = 1
print(loads, g, k)
"#;
#[test]
fn unused_imports_as_written() {
    assert_eq!(
        found(A1),
        [
            "1: 'os' imported but unused",
            "2: 'sys as system' imported but unused",
            "3: 'xml.dom' imported but unused",
            "4: 'collections.OrderedDict as OD' imported but unused",
            "4: 'collections.defaultdict' imported but unused",
        ]
    );
}

#[test]
fn exports_probes_and_class_members_are_not_unused() {
    // pyflakes reports `time` only; the `yaml` probe is rebound in its
    // handler, which pyflakes does not call a redefinition either.
    assert_eq!(found(A2), ["12: 'time' imported but unused"]);
    // Ours, not pyflakes': an import probed by `except ImportError` is used.
    assert!(found("try:\n    import yaml\nexcept ImportError:\n    pass\n").is_empty());
    assert_eq!(
        found("try:\n    import yaml\nexcept ValueError:\n    pass\n"),
        ["2: 'yaml' imported but unused"]
    );
}

#[test]
fn unused_locals_but_not_unpacking_loops_globals_or_locals() {
    assert_eq!(
        found(A3),
        [
            "2: local variable 'unused' is assigned to but never used",
            "4: local variable 'c' is assigned to but never used",
            "4: local variable 'd' is assigned to but never used",
            "7: local variable 'fh' is assigned to but never used",
            "12: local variable 'n' is annotated but never used",
            "15: local variable 'e' is assigned to but never used",
        ]
    );
}

#[test]
fn redefinitions_outside_forks_and_loop_shadowing() {
    assert_eq!(
        found(A4),
        [
            "6: redefinition of unused 'f' from line 3",
            "20: import 'sys' from line 19 shadowed by loop variable",
            "24: redefinition of unused 'k' from line 23",
        ]
    );
}

#[test]
fn functions_run_after_the_module_and_see_all_of_it() {
    // `os` is read in a function defined before a later rebinding: pyflakes
    // runs function bodies last, so the import is used by then.
    assert!(found("import os\ndef f():\n    return os.sep\n").is_empty());
    assert_eq!(
        found("def f():\n    import os\n    def g():\n        return 1\n    return g\n"),
        ["2: 'os' imported but unused"]
    );
    // A nested function reading an outer local uses it.
    assert!(
        found("def f():\n    x = 1\n    def g():\n        return x\n    return g\n").is_empty()
    );
    // `del` under an `if` may not run; at top level it unbinds.
    assert!(found("import os\nif True:\n    del os\n").len() == 1);
    assert!(found("import os\ndel os\n").is_empty());
}

#[test]
fn masks_and_star_imports() {
    assert!(found("def f():\n    ____ = 1\n").is_empty());
    assert_eq!(
        found("from os.path import *\n"),
        ["1: 'os.path.*' imported but unused"]
    );
    assert!(found("from os.path import *\nprint(join)\n").is_empty());
}
