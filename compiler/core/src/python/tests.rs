use super::*;

fn run(text: &str, runtime: &str, handler: Option<&str>) -> Vec<(Kind, String)> {
    check(&Script {
        text,
        runtime,
        handler,
    })
    .into_iter()
    .map(|f| (f.kind, f.message))
    .collect()
}

#[test]
fn a_clean_script_has_no_findings() {
    let text = "import boto3\n\ndef handler(events, context):\n    ec2 = boto3.client('ec2')\n    return {'n': len(ec2.describe_instances()['Reservations'])}\n";
    assert_eq!(run(text, "python3.11", Some("handler")), []);
}

#[test]
fn syntax_follows_the_runtime() {
    let text =
        "def main(events, context):\n    match events:\n        case _:\n            return {}\n";
    let found = run(text, "python3.8", Some("main"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].1.contains("match") && found[0].1.contains("3.10"),
        "{found:?}"
    );
    assert_eq!(run(text, "python3.11", Some("main")), []);
}

#[test]
fn only_the_first_syntax_error_and_nothing_after_it() {
    let text = "def main(events, context):\nreturn undefined_name\n  x = (\n";
    let found = run(text, "python3.11", Some("other"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Kind::Syntax);
    assert!(found[0].1.contains("indented block"), "{found:?}");
}

#[test]
fn placeholders_are_named() {
    for text in [
        "%PYTHONSCRIPT%",
        "  %PYTHON_SCRIPT%\n",
        "SCRIPT_PLACEHOLDER::aws-setup.py",
    ] {
        let found = run(text, "python3.8", Some("script_handler"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Kind::Placeholder);
    }
    // A percent sign in code is not a placeholder.
    assert_eq!(
        run("def h(e, c):\n    return 5 % 2\n", "python3.8", Some("h")),
        []
    );
}

#[test]
fn references_are_masked_before_parsing() {
    let text = "def h(e, c):\n    return {'id': '{{ InstanceId }}', 'n': {{ Count }}}\n";
    assert_eq!(run(text, "python3.8", Some("h")), []);
}

#[test]
fn handler_and_undefined_names_are_found_together() {
    let text = "def main(events, context):\n    return {'a': x}\n";
    let found = run(text, "python3.11", Some("handler"));
    let kinds: Vec<Kind> = found.iter().map(|f| f.0).collect();
    assert_eq!(kinds, [Kind::Handler, Kind::UndefinedName], "{found:?}");
}

#[test]
fn hostile_scripts_are_refused_not_parsed_and_nothing_overflows() {
    // On a 2 MiB stack, as the language server's and test threads have: the
    // guard's bound leaves room for the parser and the name walk.
    let worker = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let at_bound = MAX_NESTING - 2;
            let texts = [
                format!("x = {}1{}", "(".repeat(at_bound), ")".repeat(at_bound)),
                format!("x = {}1", "-".repeat(at_bound)),
                format!("x = {}1", "lambda: ".repeat(at_bound)),
                format!("x = {}", "f'{".repeat(at_bound)),
                format!("x = {}1", "not ".repeat(at_bound)),
                (0..at_bound)
                    .map(|i| format!("{}if x:\n", " ".repeat(i)))
                    .collect(),
                format!("x = {}", "[".repeat(10 * MAX_NESTING)),
                format!("x = {}1", "-".repeat(100 * MAX_NESTING)),
            ];
            texts
                .iter()
                .map(|t| run(t, "python3.11", None).len())
                .sum::<usize>()
        })
        .expect("thread starts");
    assert!(worker.join().is_ok());
    let found = run(&"[".repeat(1000), "python3.11", None);
    assert_eq!(found[0].0, Kind::NotChecked);
}
