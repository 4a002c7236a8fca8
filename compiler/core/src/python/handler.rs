//! The function a step's `Handler` names: defined at module level and
//! callable as SSM calls it, `handler(events, context)`.

use ruff_python_ast::{self as ast, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::diagnostic::did_you_mean;

/// What is wrong with the handler, with where to point (`None`: at the
/// `Handler` value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub range: Option<TextRange>,
    pub message: String,
    pub help: String,
}

/// Checks that `name` is a module-level function of `module` taking
/// `(events, context)`.
pub fn check(module: &ast::ModModule, name: &str) -> Option<Problem> {
    let mut functions = Vec::new();
    let mut other_binding = false;
    collect(&module.body, name, &mut functions, &mut other_binding);
    if let Some(f) = functions.iter().rev().find(|f| f.name.as_str() == name) {
        return signature(f);
    }
    // Bound some other way (`handler = main`, an import): callable or not, we
    // cannot tell, so say nothing.
    if other_binding {
        return None;
    }
    let names: Vec<&str> = functions.iter().map(|f| f.name.as_str()).collect();
    let help = match did_you_mean(name, names.iter().copied()) {
        Some(s) => format!("did you mean `{s}`? `Handler` names the function SSM calls"),
        None if names.len() == 1 => format!(
            "the script's only function is `{}`: name it in `Handler`, or define `def {name}(events, context):`",
            names.first().copied().unwrap_or_default()
        ),
        None => format!("define `def {name}(events, context):` at the top level of the script"),
    };
    Some(Problem {
        range: None,
        message: format!(
            "`Handler: {name}` names no function defined at the top level of the script"
        ),
        help,
    })
}

/// The module-level functions (also under `if`/`try`/`with` at module
/// level), and whether `name` is bound otherwise.
fn collect<'a>(
    body: &'a [Stmt],
    name: &str,
    out: &mut Vec<&'a ast::StmtFunctionDef>,
    other: &mut bool,
) {
    for stmt in body {
        match stmt {
            Stmt::FunctionDef(f) => out.push(f),
            Stmt::If(s) => {
                collect(&s.body, name, out, other);
                for clause in &s.elif_else_clauses {
                    collect(&clause.body, name, out, other);
                }
            }
            Stmt::Try(s) => {
                collect(&s.body, name, out, other);
                for h in &s.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    collect(&h.body, name, out, other);
                }
                collect(&s.orelse, name, out, other);
                collect(&s.finalbody, name, out, other);
            }
            Stmt::With(s) => collect(&s.body, name, out, other),
            Stmt::ClassDef(c) if c.name.as_str() == name => *other = true,
            Stmt::Assign(_)
            | Stmt::AnnAssign(_)
            | Stmt::Import(_)
            | Stmt::ImportFrom(_)
            | Stmt::For(_)
            | Stmt::While(_)
                if binds(stmt, name) =>
            {
                *other = true;
            }
            _ => {}
        }
    }
}

/// Whether a statement's text binds `name` (imports, assignments); read
/// loosely, as it only ever silences a finding.
fn binds(stmt: &Stmt, name: &str) -> bool {
    match stmt {
        Stmt::Import(i) => i.names.iter().any(|a| {
            a.asname.as_ref().map_or_else(
                || a.name.as_str().split('.').next() == Some(name),
                |n| n.as_str() == name,
            )
        }),
        Stmt::ImportFrom(i) => i.names.iter().any(|a| {
            a.name.as_str() == "*" || a.asname.as_ref().unwrap_or(&a.name).as_str() == name
        }),
        _ => true,
    }
}

/// Whether `f` can be called with two positional arguments and nothing else.
fn signature(f: &ast::StmtFunctionDef) -> Option<Problem> {
    let p = &f.parameters;
    let positional = p.posonlyargs.len() + p.args.len();
    let required = p
        .posonlyargs
        .iter()
        .chain(&p.args)
        .filter(|a| a.default.is_none())
        .count();
    let required_keyword: Vec<&str> = p
        .kwonlyargs
        .iter()
        .filter(|a| a.default.is_none())
        .map(|a| a.parameter.name.as_str())
        .collect();
    let name = f.name.as_str();
    let range = Some(f.parameters.range());
    if required > 2 {
        return Some(Problem {
            range,
            message: format!("handler `{name}` needs {required} arguments, but SSM calls it with two: `(events, context)`"),
            help: format!("define it as `def {name}(events, context):`"),
        });
    }
    if positional < 2 && p.vararg.is_none() {
        return Some(Problem {
            range,
            message: format!("handler `{name}` takes {positional} positional argument{}, but SSM calls it with two: `(events, context)`", if positional == 1 { "" } else { "s" }),
            help: format!("define it as `def {name}(events, context):`"),
        });
    }
    if let Some(first) = required_keyword.first() {
        return Some(Problem {
            range,
            message: format!(
                "handler `{name}` needs the keyword argument `{first}`, which SSM never passes"
            ),
            help: "give it a default, or read it from `events`".to_string(),
        });
    }
    if f.is_async {
        return Some(Problem {
            range: Some(f.name.range()),
            message: format!(
                "handler `{name}` is `async`: SSM calls it and gets a coroutine that never runs"
            ),
            help: "define it with `def`, and run coroutines inside it with `asyncio.run(…)`"
                .to_string(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_python_parser::parse_module;

    fn problem(src: &str, name: &str) -> Option<String> {
        let parsed = parse_module(src).expect("test scripts parse");
        check(parsed.syntax(), name).map(|p| format!("{} ({})", p.message, p.help))
    }

    #[test]
    fn a_matching_function_is_fine() {
        assert_eq!(
            problem("def main(events, context):\n    return {}\n", "main"),
            None
        );
        assert_eq!(
            problem("def main(events, context=None, *rest):\n    pass\n", "main"),
            None
        );
        assert_eq!(problem("def main(*args):\n    pass\n", "main"), None);
        assert_eq!(
            problem(
                "try:\n    def main(e, c):\n        pass\nexcept Exception:\n    pass\n",
                "main"
            ),
            None
        );
        assert_eq!(problem("from lib import main\n", "main"), None);
        assert_eq!(
            problem("def impl(e, c):\n    pass\nmain = impl\n", "main"),
            None
        );
    }

    #[test]
    fn a_missing_function_is_named_with_a_guess() {
        let p = problem(
            "def script_handler(events, context):\n    pass\n",
            "handler",
        )
        .unwrap_or_default();
        assert!(
            p.contains("names no function") && p.contains("script_handler"),
            "{p}"
        );
        let p = problem(
            "def mian(events, context):\n    pass\ndef other(a, b):\n    pass\n",
            "main",
        )
        .unwrap_or_default();
        assert!(p.contains("did you mean `mian`"), "{p}");
        // A nested function is not at module level.
        let p = problem("def outer():\n    def main(e, c):\n        pass\n", "main")
            .unwrap_or_default();
        assert!(p.contains("names no function"), "{p}");
    }

    #[test]
    fn signatures_that_ssm_cannot_call() {
        let p = problem("def main(events):\n    pass\n", "main").unwrap_or_default();
        assert!(p.contains("takes 1 positional argument,"), "{p}");
        let p = problem("def main(a, b, c):\n    pass\n", "main").unwrap_or_default();
        assert!(p.contains("needs 3 arguments"), "{p}");
        let p = problem("def main(a, b, *, region):\n    pass\n", "main").unwrap_or_default();
        assert!(p.contains("keyword argument `region`"), "{p}");
        let p = problem("async def main(a, b):\n    pass\n", "main").unwrap_or_default();
        assert!(p.contains("async"), "{p}");
    }
}
