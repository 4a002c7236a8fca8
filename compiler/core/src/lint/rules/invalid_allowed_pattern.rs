use crate::declare_rule;
use crate::lint::LintContext;

declare_rule! {
    /// ## What it does
    /// Compiles every parameter's `allowedPattern` as a regular expression, in the
    /// dialect SSM uses (Java's), and flags one that does not compile: an unclosed
    /// group or class (`^[a-z+$`), a quantifier with nothing before it (`*.log`), an
    /// unknown escape, a group named in Python's syntax (`(?P<env>dev|prod)`), which
    /// Java does not have.
    ///
    /// ## Why is this bad?
    /// SSM rejects the document when it is created, or every value fails validation, so
    /// nobody can run it.
    ///
    /// ## Example
    /// ```yaml
    /// schemaVersion: "2.2"
    /// description: Restart a service.
    /// parameters:
    ///   Service:
    ///     type: String
    ///     description: The service.
    ///     allowedPattern: "^[a-z-+$"
    /// mainSteps:
    ///   - name: Restart
    ///     action: aws:runShellScript
    ///     inputs: {runCommand: ["systemctl restart '{{ Service }}'"]}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// schemaVersion: "2.2"
    /// description: Restart a service.
    /// parameters:
    ///   Service:
    ///     type: String
    ///     description: The service.
    ///     allowedPattern: "^[a-z-]+$"
    /// mainSteps:
    ///   - name: Restart
    ///     action: aws:runShellScript
    ///     inputs: {runCommand: ["systemctl restart '{{ Service }}'"]}
    /// ```
    pub InvalidAllowedPattern { name: "invalid-allowed-pattern", default: Error, fix: Never }
}

/// Java constructs the Rust engines lack: such a pattern is not judged.
const JAVA_ONLY: &[&str] = &[
    "\\Q", "\\p{java", "\\p{In", "\\p{Is", "\\h", "\\R", "\\X", "\\G",
];

/// `\uD800`…`\uDFFF`: Java matches UTF-16 surrogates (pairs make one
/// character); the Rust engines have no such characters.
fn has_surrogate(pattern: &str) -> bool {
    pattern.match_indices("\\u").any(|(at, _)| {
        pattern.get(at + 2..at + 4).is_some_and(|h| {
            matches!(
                h.to_ascii_uppercase().as_str(),
                "D8" | "D9" | "DA" | "DB" | "DC" | "DD" | "DE" | "DF"
            )
        })
    })
}

/// Group syntax the Rust engines accept and Java refuses: Python's named
/// groups (`(?P<env>…)`, `(?P=env)`, `(?P>env)`) and group names that are not
/// an ASCII letter followed by ASCII letters and digits (`(?<my_env>…)`).
fn non_java_group(pattern: &str) -> Option<String> {
    let bytes = pattern.as_bytes();
    let mut in_class = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => in_class = true,
            b']' => in_class = false,
            b'(' if !in_class && pattern[i..].starts_with("(?P") => {
                return Some(
                    "Java has no `(?P…)` groups (Python's syntax): name a group `(?<name>…)`"
                        .to_string(),
                );
            }
            b'(' if !in_class
                && pattern[i..].starts_with("(?<")
                && !pattern[i..].starts_with("(?<=")
                && !pattern[i..].starts_with("(?<!") =>
            {
                let rest = &pattern[i + 3..];
                let name = rest.split('>').next().unwrap_or(rest);
                let java_name = name.starts_with(|c: char| c.is_ascii_alphabetic())
                    && name.chars().all(|c| c.is_ascii_alphanumeric());
                if !java_name {
                    return Some(format!(
                        "Java group names are an ASCII letter then letters and digits, not `{name}`"
                    ));
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Why `pattern` is not a valid regular expression, if it is not.
pub fn regex_error(pattern: &str) -> Option<String> {
    if JAVA_ONLY.iter().any(|j| pattern.contains(j))
        || pattern.contains("{{")
        || has_surrogate(pattern)
    {
        return None;
    }
    if let Some(why) = non_java_group(pattern) {
        return Some(why);
    }
    // A parse is all the check needs: `fancy_regex::Regex::new` parses with
    // these same flags and then compiles, and a compile error (too big for
    // the engine, a feature it lacks) is not a syntax error. Compiling built
    // a Unicode automaton per pattern: 2,000 `\w` patterns took minutes.
    fancy_regex::Expr::parse_tree(pattern)
        .err()
        .map(|e| e.to_string())
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    let mut found = Vec::new();
    for params in [&cx.doc.parameters, &cx.doc.variables]
        .into_iter()
        .flatten()
    {
        for p in params {
            for (k, v) in &p.attrs {
                if k.name != "allowedPattern" {
                    continue;
                }
                let Some(pattern) = v.as_str() else { continue };
                if let Some(why) = regex_error(pattern) {
                    found.push((v.span, p.name.name.clone(), why));
                }
            }
        }
    }
    for (span, name, why) in found {
        let d = cx
            .finding(span, format!("`allowedPattern` of `{name}` is not a valid regular expression"))
            .with_label(why)
            .with_help("SSM compiles it as a Java regular expression: close every group and class, escape `+ * ? ( [ {` meant literally");
        cx.report(d);
    }
}
