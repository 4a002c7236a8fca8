//! The test format: a `*.test.toml` file beside the runbook it tests.
//!
//! ```toml
//! runbook = "patch-fleet.rbk"     # the runbook or SSM document, relative to this file
//! document = "PatchFleet"         # which document of it (default: its first)
//!
//! [[test]]
//! name = "prod waits for approval"
//! inputs = { Environment = "prod" }
//! platform = "Linux"              # Command documents: the node's platform
//! mock.Approve = { approve = false }
//! mock.Poll.attempts = [{ response = { … } }, { response = { … } }]
//! expect = { path = ["NeedsApproval", "Approve"], status = "Failed" }
//! ```
//!
//! Why TOML and not `.rbk` syntax: a test is data (inputs, mocked JSON
//! responses, expected values) that TOML writes as directly as JSON, with
//! comments; the project already reads TOML with positions (`ssmc.toml`), so
//! every error points at its key; and a test file is never taken for a
//! runbook by `ssmc check`, `fmt` or the editor's grammar (docs/testing.md).
//!
//! Reading is in two steps: [`parse`] (the file alone) and [`check`] (against
//! the document: step names, mocks typed against botocore's output shapes).

use std::collections::BTreeMap;

use serde_json::Value as Json;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::codes::{INVALID_TEST_FILE, MOCK_SHAPE_MISMATCH, UNKNOWN_TEST_STEP};
use super::json::to_json;
use super::run::Run;
use super::scenario::{Attempt, Scenario, Status, StepMock};
use super::shape;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::model::{Document, Key, Node, Step, Value};
use crate::span::{FileId, Span};

/// A test file.
#[derive(Debug, Clone, PartialEq)]
pub struct TestFile {
    /// `runbook`, relative to the test file, and where it is written.
    pub runbook: (String, Span),
    pub document: Option<String>,
    pub cases: Vec<TestCase>,
}

/// One `[[test]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct TestCase {
    pub name: String,
    pub span: Span,
    pub scenario: Scenario,
    /// The `mock` table as written, for [`check`].
    pub mocks: Vec<(Key, Node)>,
    pub expect: Expect,
}

/// A case's expectations; what is not written is not checked.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Expect {
    pub path: Option<(Vec<String>, Span)>,
    pub status: Option<Status>,
    pub outputs: Vec<(String, Json)>,
    pub variables: Vec<(String, Json)>,
}

/// Reads a test file: what could be read (`None` when nothing could) and
/// every error; a file with errors is not run, but is still [`check`]ed so
/// that one run reports all its faults.
pub fn parse(file: FileId, text: &str) -> (Option<TestFile>, Vec<Diagnostic>) {
    let root = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let range = e.span().unwrap_or(0..0);
            let diag = Diagnostic::error(
                INVALID_TEST_FILE,
                Span::new(file, range.start, range.end),
                format!("not valid TOML: {}", e.message().trim()),
            );
            return (None, vec![diag]);
        }
    };
    let span = root.span();
    let root = table_node(file, root.get_ref(), span);
    let mut r = Reader { diags: Vec::new() };
    let out = r.file(&root);
    (out, r.diags)
}

fn table_node(file: FileId, table: &DeTable<'_>, span: std::ops::Range<usize>) -> Node {
    let entries = table
        .iter()
        .map(|(k, v)| {
            let ks = k.span();
            (
                Key {
                    name: k.get_ref().to_string(),
                    span: Span::new(file, ks.start, ks.end),
                },
                value_node(file, v),
            )
        })
        .collect();
    Node::new(Value::Map(entries), Span::new(file, span.start, span.end))
}

fn value_node(file: FileId, v: &Spanned<DeValue<'_>>) -> Node {
    let range = v.span();
    let span = Span::new(file, range.start, range.end);
    let value = match v.get_ref() {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => {
            let digits = i.as_str().replace('_', "");
            let (sign, body) = match digits.strip_prefix('-') {
                Some(b) => (-1, b.to_string()),
                None => (1, digits.trim_start_matches('+').to_string()),
            };
            let body = body
                .trim_start_matches("0x")
                .trim_start_matches("0o")
                .trim_start_matches("0b")
                .to_string();
            match i64::from_str_radix(&body, i.radix()) {
                Ok(n) => Value::Int(sign * n),
                Err(_) => Value::Float(f64::NAN),
            }
        }
        DeValue::Float(f) => Value::Float(f.as_str().replace('_', "").parse().unwrap_or(f64::NAN)),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::String(d.to_string()),
        DeValue::Array(items) => Value::List(items.iter().map(|x| value_node(file, x)).collect()),
        DeValue::Table(t) => return table_node(file, t, range),
    };
    Node::new(value, span)
}

struct Reader {
    diags: Vec<Diagnostic>,
}

const FILE_KEYS: &[&str] = &["runbook", "document", "test"];
const CASE_KEYS: &[&str] = &[
    "name",
    "inputs",
    "platform",
    "ssm",
    "mock",
    "expect",
    "step_budget",
];
const MOCK_KEYS: &[&str] = &[
    "status",
    "response",
    "payload",
    "outputs",
    "duration",
    "approve",
    "exit_code",
    "attempts",
];
const EXPECT_KEYS: &[&str] = &["path", "status", "outputs", "variables"];

impl Reader {
    fn error(&mut self, span: Span, message: impl Into<String>) {
        self.diags
            .push(Diagnostic::error(INVALID_TEST_FILE, span, message));
    }

    /// Reports keys of `node` not in `known`; false when it is not a table.
    fn keys(&mut self, node: &Node, known: &[&str], what: &str) -> bool {
        let Some(map) = node.as_map() else {
            self.error(
                node.span,
                format!("{what} must be a table, not {}", node.type_name()),
            );
            return false;
        };
        for (k, _) in map {
            if !known.contains(&k.name.as_str()) {
                let hint = did_you_mean(&k.name, known.iter().copied())
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                self.error(k.span, format!("unknown key `{}` in {what}{hint}", k.name));
            }
        }
        true
    }

    fn string(&mut self, node: &Node, what: &str) -> Option<String> {
        match node.as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                self.error(
                    node.span,
                    format!("{what} must be a string, not {}", node.type_name()),
                );
                None
            }
        }
    }

    fn file(&mut self, root: &Node) -> Option<TestFile> {
        if !self.keys(root, FILE_KEYS, "a test file") {
            return None;
        }
        let runbook = match root.get("runbook") {
            Some(n) => self.string(n, "`runbook`").map(|s| (s, n.span)),
            None => {
                self.error(
                    Span::point(root.span.file, 0),
                    "a test file needs `runbook = \"…\"`: the runbook or document it tests",
                );
                None
            }
        };
        let document = root
            .get("document")
            .and_then(|n| self.string(n, "`document`"));
        let mut cases = Vec::new();
        match root.get("test") {
            Some(n) => match n.as_list() {
                Some(items) => {
                    for item in items {
                        if let Some(case) = self.case(item) {
                            cases.push(case);
                        }
                    }
                }
                None => self.error(n.span, "`test` must be an array of tables: `[[test]]`"),
            },
            None => self.error(
                Span::point(root.span.file, 0),
                "a test file needs at least one `[[test]]`",
            ),
        }
        let mut seen: BTreeMap<String, Span> = BTreeMap::new();
        for c in &cases {
            if let Some(first) = seen.insert(c.name.clone(), c.span) {
                self.diags.push(
                    Diagnostic::error(
                        INVALID_TEST_FILE,
                        c.span,
                        format!("a second test named `{}`", c.name),
                    )
                    .with_secondary(first, "the first"),
                );
            }
        }
        Some(TestFile {
            runbook: runbook?,
            document,
            cases,
        })
    }

    fn case(&mut self, node: &Node) -> Option<TestCase> {
        if !self.keys(node, CASE_KEYS, "a test") {
            return None;
        }
        let name = match node.get("name") {
            Some(n) => self.string(n, "`name`")?,
            None => {
                self.error(node.span, "a test needs a `name`");
                return None;
            }
        };
        let mut scenario = Scenario::default();
        for (key, target) in [
            ("inputs", &mut scenario.inputs),
            ("ssm", &mut scenario.ssm_parameters),
        ] {
            if let Some(n) = node.get(key) {
                match n.as_map() {
                    Some(m) => target.extend(m.iter().map(|(k, v)| (k.name.clone(), to_json(v)))),
                    None => self.error(n.span, format!("`{key}` must be a table")),
                }
            }
        }
        scenario.platform = node
            .get("platform")
            .and_then(|n| self.string(n, "`platform`"));
        if let Some(n) = node.get("step_budget") {
            match &n.value {
                Value::Int(i) if *i > 0 => scenario.step_budget = usize::try_from(*i).ok(),
                _ => self.error(n.span, "`step_budget` must be a positive integer"),
            }
        }
        let mut mocks = Vec::new();
        if let Some(m) = node.get("mock") {
            match m.as_map() {
                Some(entries) => {
                    for (step, mock) in entries {
                        if let Some(parsed) = self.mock(mock) {
                            scenario.mocks.insert(step.name.clone(), parsed);
                        }
                        mocks.push((step.clone(), mock.clone()));
                    }
                }
                None => self.error(m.span, "`mock` must be a table of steps"),
            }
        }
        let expect = node
            .get("expect")
            .map_or_else(Expect::default, |e| self.expect(e));
        Some(TestCase {
            name,
            span: node.span,
            scenario,
            mocks,
            expect,
        })
    }

    fn mock(&mut self, node: &Node) -> Option<StepMock> {
        if !self.keys(node, MOCK_KEYS, "a mock") {
            return None;
        }
        if let Some(list) = node.get("attempts") {
            if let Some((k, _)) = node.as_map()?.iter().find(|(k, _)| k.name != "attempts") {
                self.error(
                    k.span,
                    "a mock with `attempts` sets everything in each attempt",
                );
            }
            let Some(items) = list.as_list() else {
                self.error(list.span, "`attempts` must be an array of tables");
                return None;
            };
            let mut attempts = Vec::new();
            for item in items {
                if self.keys(item, &MOCK_KEYS[..MOCK_KEYS.len() - 1], "an attempt") {
                    attempts.push(self.attempt(item)?);
                }
            }
            return Some(StepMock { attempts });
        }
        Some(StepMock {
            attempts: vec![self.attempt(node)?],
        })
    }

    fn attempt(&mut self, node: &Node) -> Option<Attempt> {
        let mut a = Attempt::default();
        if let Some(n) = node.get("status") {
            a.status = Some(self.status(n)?);
        }
        if let (Some(r), Some(p)) = (node.get("response"), node.get("payload")) {
            self.error(
                p.span,
                "a mock has a `response` (an API's) or a `payload` (a script's), not both",
            );
            let _ = r;
        }
        a.response = node
            .get("response")
            .or_else(|| node.get("payload"))
            .map(to_json);
        if let Some(n) = node.get("outputs") {
            match n.as_map() {
                Some(m) => {
                    a.outputs = m
                        .iter()
                        .map(|(k, v)| (k.name.clone(), to_json(v)))
                        .collect()
                }
                None => self.error(n.span, "`outputs` must be a table"),
            }
        }
        if let Some(n) = node.get("duration") {
            match &n.value {
                Value::Int(i) if *i >= 0 => a.duration = u64::try_from(*i).ok(),
                _ => self.error(n.span, "`duration` must be a whole number of seconds"),
            }
        }
        if let Some(n) = node.get("approve") {
            match &n.value {
                Value::Bool(b) => a.approve = Some(*b),
                _ => self.error(n.span, "`approve` must be true or false"),
            }
        }
        if let Some(n) = node.get("exit_code") {
            match &n.value {
                Value::Int(i) => a.exit_code = Some(*i),
                _ => self.error(n.span, "`exit_code` must be an integer"),
            }
        }
        Some(a)
    }

    fn status(&mut self, n: &Node) -> Option<Status> {
        let s = self.string(n, "`status`")?;
        let parsed = Status::parse(&s);
        if parsed.is_none() {
            self.error(
                n.span,
                format!("`{s}` is not a status: `Success`, `Failed`, `TimedOut` or `Cancelled`"),
            );
        }
        parsed
    }

    fn expect(&mut self, node: &Node) -> Expect {
        let mut e = Expect::default();
        if !self.keys(node, EXPECT_KEYS, "`expect`") {
            return e;
        }
        if let Some(n) = node.get("path") {
            match n.as_list() {
                Some(items) => {
                    let names: Vec<String> = items
                        .iter()
                        .filter_map(|i| self.string(i, "a step of `path`"))
                        .collect();
                    e.path = Some((names, n.span));
                }
                None => self.error(n.span, "`path` must be an array of step names"),
            }
        }
        if let Some(n) = node.get("status") {
            e.status = self.status(n);
        }
        for (key, target) in [("outputs", &mut e.outputs), ("variables", &mut e.variables)] {
            if let Some(n) = node.get(key) {
                match n.as_map() {
                    Some(m) => target.extend(m.iter().map(|(k, v)| (k.name.clone(), to_json(v)))),
                    None => self.error(n.span, format!("`{key}` must be a table")),
                }
            }
        }
        e
    }
}

/// Every step of the document, loop bodies included.
pub fn all_steps(doc: &Document) -> Vec<&Step> {
    fn walk<'a>(steps: &'a [Step], out: &mut Vec<&'a Step>) {
        for s in steps {
            out.push(s);
            if let Some(body) = &s.loop_steps {
                walk(body, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(doc.steps.as_deref().unwrap_or_default(), &mut out);
    out
}

/// The file's cases judged against the document: step names that exist,
/// API responses that fit botocore's output shapes.
pub fn check(tests: &TestFile, doc: &Document) -> Vec<Diagnostic> {
    let steps = all_steps(doc);
    let names: Vec<&str> = steps.iter().map(|s| s.name_str()).collect();
    let mut diags = Vec::new();
    let unknown = |name: &str, span: Span, diags: &mut Vec<Diagnostic>| {
        let hint =
            did_you_mean(name, names.iter().copied()).map(|s| format!("did you mean `{s}`?"));
        let mut d = Diagnostic::error(
            UNKNOWN_TEST_STEP,
            span,
            format!("`{}` has no step `{name}`", doc.name),
        );
        if let Some(h) = hint {
            d = d.with_help(h);
        }
        diags.push(d);
    };
    for case in &tests.cases {
        for (key, mock) in &case.mocks {
            let Some(step) = steps.iter().find(|s| s.name_str() == key.name) else {
                unknown(&key.name, key.span, &mut diags);
                continue;
            };
            type_mock(step, mock, &mut diags);
        }
        if let Some((path, span)) = &case.expect.path {
            for name in path {
                if !names.contains(&name.as_str()) {
                    unknown(name, *span, &mut diags);
                }
            }
        }
    }
    diags
}

/// A mock's responses against the step's operation's output shape.
fn type_mock(step: &Step, mock: &Node, diags: &mut Vec<Diagnostic>) {
    if !matches!(
        step.action_str(),
        "aws:executeAwsApi" | "aws:waitForAwsResourceProperty" | "aws:assertAwsResourceProperty"
    ) {
        return;
    }
    let inputs = step.inputs.as_ref().map(to_json).unwrap_or(Json::Null);
    // A `Service` or `Api` written with `{{ }}` is known only at run time.
    let Some((svc, op)) = shape::operation_of(&inputs) else {
        return;
    };
    let responses: Vec<&Node> = match mock.get("attempts").and_then(Node::as_list) {
        Some(items) => items.iter().filter_map(|i| i.get("response")).collect(),
        None => mock.get("response").into_iter().collect(),
    };
    for response in responses {
        for m in shape::misfits(svc, op, &to_json(response)) {
            let at = node_at(response, &m.path).unwrap_or(response);
            let place = if m.path.is_empty() {
                "the response".to_string()
            } else {
                format!("`{}`", m.path)
            };
            diags.push(Diagnostic::error(
                MOCK_SHAPE_MISMATCH,
                at.span,
                format!(
                    "{place} does not fit `{}` of `{}`: {}",
                    op.name, svc.name, m.message
                ),
            ));
        }
    }
}

/// The node a misfit's path (`A[0].B`) names, as far as it exists.
fn node_at<'a>(root: &'a Node, path: &str) -> Option<&'a Node> {
    let mut node = root;
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, indexes) = part
            .split_once('[')
            .map_or((part, ""), |(n, rest)| (n, rest));
        if !name.is_empty() {
            node = node.get(name)?;
        }
        for index in indexes.split('[').filter(|i| !i.is_empty()) {
            let i: usize = index.trim_end_matches(']').parse().ok()?;
            node = node.as_list()?.get(i)?;
        }
    }
    Some(node)
}

/// How a run differs from what a case expects: one line per difference.
pub fn judge(case: &TestCase, run: &Run) -> Vec<String> {
    let mut out = Vec::new();
    if run.budget_exhausted {
        out.push("the run did not end: the step budget ran out".to_string());
    }
    if let Some((expected, _)) = &case.expect.path {
        let actual = run.step_names();
        if actual
            .iter()
            .copied()
            .ne(expected.iter().map(String::as_str))
        {
            out.push(path_diff(expected, &actual));
        }
    }
    if let Some(status) = case.expect.status {
        if status != run.status {
            let why = run
                .reason
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            out.push(format!(
                "status: expected {}, got {}{why}",
                status.as_str(),
                run.status.as_str()
            ));
        }
    }
    for (what, expected, actual) in [
        ("output", &case.expect.outputs, &run.step_outputs),
        ("variable", &case.expect.variables, &run.variables),
    ] {
        for (name, want) in expected {
            match actual.get(name) {
                Some(got) if got == want || loosely_equal(got, want) => {}
                Some(got) => out.push(format!("{what} `{name}`: expected {want}, got {got}")),
                None => out.push(format!(
                    "{what} `{name}`: expected {want}, but it has no value"
                )),
            }
        }
    }
    out
}

/// `"3"` and `3`: SSM's values cross between text and numbers freely.
fn loosely_equal(a: &Json, b: &Json) -> bool {
    super::json::to_text(a) == super::json::to_text(b)
}

/// The diverging step and the two paths, aligned from there.
pub fn path_diff(expected: &[String], actual: &[&str]) -> String {
    let at = expected
        .iter()
        .zip(actual)
        .position(|(e, a)| e != a)
        .unwrap_or(expected.len().min(actual.len()));
    let mut out = match (expected.get(at), actual.get(at)) {
        (Some(e), Some(a)) => format!(
            "path diverges at step {}: expected `{e}`, ran `{a}`",
            at + 1
        ),
        (Some(e), None) => format!("path ends early: after step {at}, expected `{e}` next"),
        (None, Some(a)) => format!("path goes on: after step {at}, ran `{a}`"),
        (None, None) => "path differs".to_string(),
    };
    for (i, step) in expected.iter().enumerate() {
        out.push_str(&format!("\n    {} {step}", if i < at { ' ' } else { '-' }));
        if i >= at + 8 {
            out.push_str("\n      …");
            break;
        }
    }
    for (i, step) in actual.iter().enumerate().skip(at) {
        out.push_str(&format!("\n    + {step}"));
        if i >= at + 8 {
            out.push_str("\n      …");
            break;
        }
    }
    out
}
