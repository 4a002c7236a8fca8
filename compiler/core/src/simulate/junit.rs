//! JUnit XML of a test run, as CI systems read it (GitHub, GitLab, Jenkins):
//! one `<testsuite>` per test file, one `<testcase>` per case, a `<failure>`
//! with the differences of a failing one.

/// One case's result.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseResult {
    pub name: String,
    /// The differences; empty when it passed.
    pub failures: Vec<String>,
    /// Virtual seconds the simulated run took.
    pub seconds: u64,
}

/// One test file's results.
#[derive(Debug, Clone, PartialEq)]
pub struct SuiteResult {
    pub name: String,
    pub cases: Vec<CaseResult>,
}

pub fn render(suites: &[SuiteResult]) -> String {
    let tests: usize = suites.iter().map(|s| s.cases.len()).sum();
    let failures: usize = suites
        .iter()
        .flat_map(|s| &s.cases)
        .filter(|c| !c.failures.is_empty())
        .count();
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"ssmc test\" tests=\"{tests}\" failures=\"{failures}\">\n"
    );
    for s in suites {
        let failed = s.cases.iter().filter(|c| !c.failures.is_empty()).count();
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failed}\">\n",
            escape(&s.name),
            s.cases.len()
        ));
        for c in &s.cases {
            let attrs = format!(
                "name=\"{}\" classname=\"{}\" time=\"{}\"",
                escape(&c.name),
                escape(&s.name),
                c.seconds
            );
            if c.failures.is_empty() {
                out.push_str(&format!("    <testcase {attrs}/>\n"));
            } else {
                let first = c.failures.first().map(String::as_str).unwrap_or("");
                let first = first.lines().next().unwrap_or("");
                out.push_str(&format!(
                    "    <testcase {attrs}>\n      <failure message=\"{}\">{}</failure>\n    </testcase>\n",
                    escape(first),
                    escape(&c.failures.join("\n"))
                ));
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Text safe in XML content and attributes; characters XML 1.0 cannot hold
/// (controls other than tab and newlines) are written as `\u{…}`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_are_escaped_and_counted() {
        let xml = render(&[SuiteResult {
            name: "a.test.toml".into(),
            cases: vec![
                CaseResult {
                    name: "ok".into(),
                    failures: vec![],
                    seconds: 3,
                },
                CaseResult {
                    name: "<bad> & \u{1}".into(),
                    failures: vec!["status: expected \"Success\"".into()],
                    seconds: 0,
                },
            ],
        }]);
        let expected = r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="ssmc test" tests="2" failures="1">
  <testsuite name="a.test.toml" tests="2" failures="1">
    <testcase name="ok" classname="a.test.toml" time="3"/>
    <testcase name="&lt;bad&gt; &amp; \u{1}" classname="a.test.toml" time="0">
      <failure message="status: expected &quot;Success&quot;">status: expected &quot;Success&quot;</failure>
    </testcase>
  </testsuite>
</testsuites>
"#;
        assert_eq!(xml, expected);
    }
}
