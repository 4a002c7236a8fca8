use std::sync::LazyLock;

use regex::Regex;

use crate::declare_rule;
use crate::lint::walk::scripts;
use crate::lint::LintContext;
use crate::model::Node;

declare_rule! {
    /// ## What it does
    /// Flags a script that decrypts a SecureString (`aws ssm get-parameter
    /// --with-decryption`, `get_parameter(…, WithDecryption=True)`, `Get-SSMParameter
    /// -WithDecryption`) and prints the value: the call's output not captured, or the
    /// variable that holds it given to `echo`, `printf`, `print` or `Write-Output`.
    ///
    /// ## Why is this bad?
    /// Command output is kept in the command's details, in S3 and in CloudWatch Logs:
    /// the secret becomes readable by everyone who can read those.
    ///
    /// ## Example
    /// ```rbk
    /// command Show {
    ///   step Run = aws:runShellScript { runCommand: ["TOKEN=$(aws ssm get-parameter --name /app/token --with-decryption --query Parameter.Value --output text)", "echo \"token is $TOKEN\""] }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```rbk
    /// command Show {
    ///   step Run = aws:runShellScript { runCommand: ["TOKEN=$(aws ssm get-parameter --name /app/token --with-decryption --query Parameter.Value --output text)", "curl -sf -H \"Authorization: Bearer $TOKEN\" https://app.internal/health"] }
    /// }
    /// ```
    pub DecryptedSecretEchoed { name: "decrypted-secret-echoed", default: Warning, fix: Never }
}

fn re(s: &str) -> Regex {
    Regex::new(s).expect("invariant: the patterns are valid regexes")
}

/// A variable assigned a decrypted value: shell, Python, PowerShell.
static ASSIGNED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?m)^\s*(?:export\s+|local\s+)?\$?([A-Za-z_][A-Za-z0-9_]*)\s*=.*(?:--with-decryption|WithDecryption\s*=\s*True|-WithDecryption)",
    )
});
/// A line that prints.
static PRINTS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?m)^\s*(?:echo|printf|print\s*\(|Write-Output|Write-Host)\b?.*$"));
/// A decrypting call whose output is not captured (not in `$(…)`, not assigned).
static PRINTED_CALL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?m)^\s*aws\s+ssm\s+get-parameters?\b[^|>\n]*--with-decryption[^|>\n]*$")
});

/// Byte ranges of the places a decrypted value is printed in `text`.
pub fn echoes(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> =
        PRINTED_CALL.find_iter(text).map(|m| m.range()).collect();
    let vars: Vec<&str> = ASSIGNED
        .captures_iter(text)
        .filter_map(|c| c.get(1).map(|m| m.as_str()))
        .collect();
    for line in PRINTS.find_iter(text) {
        let l = line.as_str();
        let shows = vars.iter().any(|v| {
            l.contains(&format!("${v}"))
                || l.contains(&format!("${{{v}}}"))
                || (l.trim_start().starts_with("print") && l.contains(&format!("({v})")))
                || l.contains(&format!("{{{v}}}"))
        });
        if shows {
            out.push(line.range());
        }
    }
    out
}

pub(crate) fn check(cx: &mut LintContext<'_>) {
    let mut found: Vec<(&Node, std::ops::Range<usize>)> = Vec::new();
    for script in scripts(cx.doc) {
        // The script as one text (lines may be separate strings), with where each node starts.
        let mut text = String::new();
        let mut starts = Vec::new();
        for node in &script.lines {
            let Some(s) = node.as_str() else { continue };
            starts.push((text.len(), *node));
            text.push_str(s);
            text.push('\n');
        }
        for r in echoes(&text) {
            let Some((at, node)) = starts.iter().rev().find(|(at, _)| *at <= r.start) else {
                continue;
            };
            let len = node.as_str().map_or(0, str::len);
            let (a, b) = (r.start - at, (r.end - at).min(len));
            if a <= b {
                found.push((node, a..b));
            }
        }
    }
    for (node, range) in found {
        let span = cx.locate(node, range);
        let d = cx
            .finding(span, "a decrypted secret is printed to the command output")
            .with_label("command output is kept in the command's details, S3 and CloudWatch Logs")
            .with_help("use the value without printing it (pass it to the program that needs it), or print only that it was read");
        cx.report(d);
    }
}
