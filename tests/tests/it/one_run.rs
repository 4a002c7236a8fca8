//! Every independent error in one run: the first fault never hides the rest.
//!
//! Input: every example runbook with four independent faults seeded into it:
//! a bidirectional control character (a syntax error that leaves the tree
//! whole), a key written twice in one step's inputs (a lowering error), and,
//! in another step, a misspelt input given a misspelt parameter reference
//! (two checker faults).
//! Asserts: one compilation reports every seeded fault at its line, and the
//! build is refused.

use super::examples::{compile_raw, describe, read_examples};

/// A seeded copy of an example and the `(code, 1-based line)` of each fault.
struct Seeded {
    text: String,
    faults: Vec<(&'static str, usize)>,
}

/// A step of the runbook: the index of its header line, the indentation of
/// its inputs, its action and the indices of its lines.
struct Chunk {
    inputs_indent: usize,
    action: String,
    lines: std::ops::Range<usize>,
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn chunks(lines: &[String]) -> Vec<Chunk> {
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("step ") && l.contains(" = "))
        .map(|(i, _)| i)
        .collect();
    starts
        .iter()
        .enumerate()
        .map(|(k, &start)| {
            let end = starts.get(k + 1).copied().unwrap_or(lines.len());
            let header = &lines[start];
            let action = header
                .split(" = ")
                .nth(1)
                .and_then(|rest| rest.split_whitespace().next())
                .unwrap_or("")
                .to_string();
            Chunk {
                inputs_indent: indent(header) + 2,
                action,
                lines: start + 1..end,
            }
        })
        .collect()
}

/// An input written on one line of the step's body (`Key: value,`), brackets balanced.
fn one_line_input(line: &str, at_indent: usize) -> Option<String> {
    if indent(line) != at_indent || !line.trim_end().ends_with(',') {
        return None;
    }
    let (key, _) = line.trim_start().split_once(": ")?;
    let balanced =
        |open: char, close: char| line.matches(open).count() == line.matches(close).count();
    let ok = !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric())
        && balanced('{', '}')
        && balanced('[', ']')
        && balanced('(', ')');
    ok.then(|| key.to_string())
}

/// Actions whose inputs are typed by the AWS API model (a misspelt key there is another code).
fn api_typed(action: &str) -> bool {
    matches!(
        action,
        "aws:executeAwsApi" | "aws:waitForAwsResourceProperty" | "aws:assertAwsResourceProperty"
    )
}

fn seed(text: &str) -> Option<Seeded> {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let param = lines
        .iter()
        .filter_map(|l| l.trim_start().strip_prefix("param "))
        .filter_map(|l| l.split(':').next())
        .map(|n| n.trim().to_string())
        .next()?;
    // A Command plugin's unknown input is a warning (the agent ignores it),
    // an Automation action's an error (SSM rejects the document).
    let unknown_input = if lines.iter().any(|l| l.starts_with("command ")) {
        "W1004"
    } else {
        "E1003"
    };
    let chunks = chunks(&lines);
    let input_line = |c: &Chunk| {
        c.lines
            .clone()
            .find_map(|i| one_line_input(&lines[i], c.inputs_indent).map(|k| (i, k)))
    };
    let (l, (dup, _)) = chunks
        .iter()
        .enumerate()
        .find_map(|(k, c)| input_line(c).map(|found| (k, found)))?;
    let (checked, key) = chunks
        .iter()
        .enumerate()
        .filter(|(k, c)| *k != l && !api_typed(&c.action) && c.action.starts_with("aws:"))
        .find_map(|(_, c)| input_line(c))?;
    // The checked line becomes `KeyTypo: "{{ ParamTypo }}",` (two checker faults);
    // then the one insertion, which shifts the lines below it.
    let at = indent(&lines[checked]);
    lines[checked] = format!("{}{key}Typo: \"{{{{ {param}Typo }}}}\",", " ".repeat(at));
    let copy = lines[dup].clone();
    lines.insert(dup + 1, copy);
    let shifted = |i: usize| if i > dup { i + 1 } else { i };
    lines.push("// a note \u{202e} reversed".to_string());
    let bidi = lines.len();
    Some(Seeded {
        text: lines.join("\n") + "\n",
        faults: vec![
            ("E0018", bidi),
            ("E0202", dup + 2),
            ("E1010", shifted(checked) + 1),
            (unknown_input, shifted(checked) + 1),
        ],
    })
}

#[test]
fn every_independent_fault_of_a_seeded_example_is_reported_in_one_run() {
    let mut seeded_any = 0;
    for (name, text) in read_examples() {
        let Some(seeded) = seed(&text) else {
            panic!("{name}: no place to seed the four faults; extend the seeding");
        };
        seeded_any += 1;
        let (result, sources) = compile_raw(&name, &seeded.text);
        assert!(
            result.has_errors(),
            "{name}: the seeded runbook must not build"
        );
        let found: Vec<(String, usize)> = result
            .diagnostics
            .iter()
            .filter_map(|d| {
                let f = sources.get(d.primary.span.file)?;
                Some((
                    d.code.to_string(),
                    f.lines.line_col(d.primary.span.start).line as usize + 1,
                ))
            })
            .collect();
        for (code, line) in &seeded.faults {
            assert!(
                found.iter().any(|(c, l)| c == code && l == line),
                "{name}: {code} at line {line} was not reported in the same run; got:\n{}\n--- seeded text:\n{}",
                describe(&result.diagnostics, &sources),
                seeded.text
            );
        }
    }
    assert!(seeded_any >= 7, "only {seeded_any} examples seeded");
}

/// The faults a new user met one at a time: a variable `attempts` clause
/// (lowering), `&&` mixed with `||` (syntax, the tree stays whole), an
/// unknown output and a `goto` to no step (checker).
#[test]
fn the_first_fault_does_not_hide_the_others() {
    let text = r#"/// Restarts.
automation Restart {
  /// Retries.
  param Retries: Integer = 3
  /// Instance.
  param Instance: String
  /// Stop.
  step Stop = aws:changeInstanceState { InstanceIds: ["{{ Instance }}"], DesiredState: "stopped" } attempts Retries
  /// Check.
  step Check = if Instance == "a" && Instance == "b" || Instance == "c" {
    /// Ask.
    step Ask = aws:approve { Approvers: ["arn:aws:iam::123456789012:role/x"], Message: "{{ Stop.Nope }}" }
  }
  /// End.
  step End = aws:sleep { Duration: "PT1S" } on_failure goto Nowhere
}
"#;
    let (result, sources) = compile_raw("restart.rbk", text);
    let codes: Vec<String> = result
        .diagnostics
        .iter()
        .map(|d| d.code.to_string())
        .collect();
    for code in ["E0223", "E0012", "E1012", "E2001"] {
        assert!(
            codes.iter().any(|c| c == code),
            "{code} missing:\n{}",
            describe(&result.diagnostics, &sources)
        );
    }
}
