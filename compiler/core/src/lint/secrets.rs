//! Secret-shape detectors: where a text holds a credential in plain text.
//!
//! Input: one string (a script line, an input value, a default). Output: the
//! byte ranges of plaintext secrets in it, each with what it looks like.
//! Invariants: a value that is a reference (`{{ssm-secure:…}}`,
//! `{{resolve:secretsmanager:…}}`, `{{ Param }}`), a shell/PowerShell
//! variable (`$PW`, `${PW}`, `$env:PW`, `%PW%`), a command substitution or an
//! obvious placeholder (`<password>`, `****`, `changeme`-free `xxx`) is never
//! a hit; words such as "password" alone are never a hit (only a value
//! assigned to or passed with them is).

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Regex, RegexSet};

/// One plaintext secret found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The bytes of the secret value itself.
    pub range: Range<usize>,
    /// What it is, for the message: "a password on a command line".
    pub what: &'static str,
}

fn re(s: &str) -> Regex {
    Regex::new(s).expect("invariant: the secret patterns are valid regexes")
}

static PRIVATE_KEY: LazyLock<Regex> =
    LazyLock::new(|| re(r"-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----"));
static ACCESS_KEY_ID: LazyLock<Regex> = LazyLock::new(|| re(r"\b((?:AKIA|ASIA)[A-Z0-9]{16})\b"));
static SECRET_KEY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|[^A-Za-z0-9/+=])([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)"));
static SECRET_KEY_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)(?:aws_secret_access_key|secret_?access_?key|secretkey)["']?(?:\s*[=:]\s*|\s+)["']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|=?$)"#,
    )
});
static URL_CREDENTIALS: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s/:@{}]+:([^\s/@{}]+)@[^\s/]"));
static FLAG: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)(?:^|\s)--?(?:password|passwd|pwd|db-password|master-user-password|client-secret|secret-key|api-key|apikey|access-token|auth-token|token)(?:=|\s+)(["']?)([^\s"']+)"#,
    )
});
static SHORT_P: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"\b(?:mysql|mysqldump|mysqladmin|sshpass|mariadb)\b[^\n|;&]*?\s-p(?:\s+)?(["']?)([^\s"'-][^\s"']*)"#,
    )
});
static ASSIGN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)(?:^|[\s;&|(,{"'$])(?:export\s+)?([A-Za-z0-9_]*(?:password|passwd|pwd|secret|token|api_?key|apikey|private_?key)[A-Za-z0-9_]*)["']?(\s*)[=:](\s*)(["']?)([^\s"';&|,}]*)"#,
    )
});
static URL_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)[?&](?:token|access_token|auth_token|api_key|apikey|client_secret|password|x-amz-security-token|x-amz-signature)=([^&\s#'\x22]+)",
    )
});
static KNOWN_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(ghp_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,}|xox[baprs]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{20,}|glpat-[A-Za-z0-9_-]{20})\b",
    )
});
static SECURE_STRING: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"(?i)ConvertTo-SecureString\s+(?:-String\s+)?(["'])([^"'$]+)["']\s+-AsPlainText"#)
});

/// The patterns [`scan`] runs on every text (`SECRET_KEY` only runs where an
/// access key ID was found), in the order of [`ANY`]'s members.
static SCANNED: LazyLock<[&'static Regex; 10]> = LazyLock::new(|| {
    [
        &PRIVATE_KEY,
        &ACCESS_KEY_ID,
        &SECRET_KEY_NAMED,
        &URL_CREDENTIALS,
        &KNOWN_TOKEN,
        &URL_TOKEN,
        &FLAG,
        &SHORT_P,
        &SECURE_STRING,
        &ASSIGN,
    ]
});

/// All of [`SCANNED`] in one automaton: one pass over a text says which of
/// them match anywhere in it. Why: nearly every string of a document
/// matches none, and ten searches with captures per string were most of
/// linting a large runbook (docs/performance.md, round 6); a pattern that
/// matches nowhere yields no capture, so skipping it changes nothing.
static ANY: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(SCANNED.iter().map(|r| r.as_str()))
        .expect("invariant: the secret patterns are valid regexes")
});

/// Whether a captured value is not a literal secret: a reference, a
/// variable, a substitution, a placeholder, or empty.
pub fn is_indirect(value: &str) -> bool {
    let v = value
        .trim_matches(|c| c == '"' || c == '\'')
        .trim_end_matches([')', ':', ']', '.', ';', ',']);
    if v.len() < 3 {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    v.contains("{{")
        || v.starts_with('$')
        || v.starts_with('%')
        || v.starts_with('<')
        || v.starts_with('`')
        || v.starts_with('(')
        || v.starts_with('[')
        || v.starts_with('@')
        || v.starts_with('{')
        || v.to_ascii_lowercase().contains("example")
        || v.starts_with('{')
        || v.to_ascii_lowercase().contains("example")
        || v.contains("$(")
        || v.contains("${")
        || v.chars()
            .all(|c| c == '*' || c == 'x' || c == 'X' || c == '.')
        || matches!(
            lower.as_str(),
            "none"
                | "null"
                | "true"
                | "false"
                | "nil"
                | "undefined"
                | "required"
                | "optional"
                | "stdin"
                | "prompt"
                | "file"
                | "string"
                | "str"
                | "securestring"
                | "yes"
                | "no"
        )
        || lower.starts_with("os.")
        || lower.starts_with("self.")
        || lower.starts_with("env")
        || lower.starts_with("process.")
        || lower.starts_with("secret")
        || lower.starts_with("param")
        || lower.starts_with("args")
        || lower.starts_with("event")
        || lower.starts_with("input")
        || lower.starts_with("get")
        || lower.starts_with("read")
        || lower.starts_with("response")
        || lower.starts_with("result")
        || lower.contains('(')
        || lower.contains('[')
        || lower.contains("://")
        || lower.ends_with(".txt")
        || lower.ends_with(".json")
        || lower.ends_with(".pem")
        || lower.ends_with(".key")
        || lower.ends_with("-stdin")
}

/// Every plaintext secret in `text`, sorted, without overlaps.
pub fn scan(text: &str) -> Vec<Hit> {
    let matching = ANY.matches(text);
    if !matching.matched_any() {
        return Vec::new();
    }
    scan_where(text, &|i| matching.matched(i))
}

/// [`scan`] running every pattern on `text`, without the one-pass test of
/// which match: the reference the tests hold [`scan`] to.
pub fn scan_every_pattern(text: &str) -> Vec<Hit> {
    scan_where(text, &|_| true)
}

/// [`scan`] running the patterns of [`SCANNED`] whose index `matched` says
/// may match.
fn scan_where(text: &str, matched: &dyn Fn(usize) -> bool) -> Vec<Hit> {
    // Whether a pattern of `SCANNED` may match (found by identity: the
    // statics are the set's members).
    let somewhere = |re: &Regex| {
        SCANNED
            .iter()
            .position(|r| std::ptr::eq(*r, re))
            .is_some_and(matched)
    };
    // Each pattern's matches, or none when the set says it matches nowhere.
    let captures = |re: &'static Regex| {
        somewhere(re)
            .then(|| re.captures_iter(text))
            .into_iter()
            .flatten()
    };
    let mut hits: Vec<Hit> = Vec::new();
    let mut add = |range: Range<usize>, what: &'static str| {
        if !hits
            .iter()
            .any(|h| h.range.start < range.end && range.start < h.range.end)
        {
            hits.push(Hit { range, what });
        }
    };
    if somewhere(&PRIVATE_KEY) {
        for m in PRIVATE_KEY.find_iter(text) {
            add(m.range(), "a private key");
        }
    }
    let mut key_ids = Vec::new();
    for c in captures(&ACCESS_KEY_ID) {
        if let Some(m) = c.get(1) {
            // AWS's documentation example key (`…EXAMPLE`) is not a credential.
            if !m.as_str().ends_with("EXAMPLE") {
                key_ids.push(m.range());
                add(m.range(), "an AWS access key ID");
            }
        }
    }
    for c in captures(&SECRET_KEY_NAMED) {
        if let Some(m) = c.get(1) {
            if !m.as_str().contains("EXAMPLEKEY") {
                add(m.range(), "an AWS secret access key");
            }
        }
    }
    if !key_ids.is_empty() {
        // A 40-character secret key near an access key ID.
        for c in SECRET_KEY.captures_iter(text) {
            if let Some(m) = c.get(1) {
                let near = key_ids
                    .iter()
                    .any(|k| k.start.abs_diff(m.start()) < 300 || k.end.abs_diff(m.end()) < 300);
                let mixed = m.as_str().chars().any(|c| c.is_ascii_lowercase())
                    && m.as_str()
                        .chars()
                        .any(|c| c.is_ascii_digit() || c == '/' || c == '+');
                if near && mixed && !m.as_str().contains("EXAMPLEKEY") {
                    add(m.range(), "an AWS secret access key");
                }
            }
        }
    }
    for c in captures(&URL_CREDENTIALS) {
        if let Some(m) = c.get(1) {
            if !is_indirect(m.as_str()) {
                add(m.range(), "a password in a connection string");
            }
        }
    }
    for c in captures(&KNOWN_TOKEN) {
        if let Some(m) = c.get(1) {
            add(m.range(), "an API token");
        }
    }
    for c in captures(&URL_TOKEN) {
        if let Some(m) = c.get(1) {
            if !is_indirect(m.as_str()) {
                add(m.range(), "a token in a URL");
            }
        }
    }
    for c in captures(&FLAG).chain(captures(&SHORT_P)) {
        if let Some(m) = c.get(2) {
            if !is_indirect(m.as_str()) {
                add(m.range(), "a password on a command line");
            }
        }
    }
    for c in captures(&SECURE_STRING) {
        if let Some(m) = c.get(2) {
            if !is_indirect(m.as_str()) {
                add(m.range(), "a plaintext password made a SecureString");
            }
        }
    }
    for c in captures(&ASSIGN) {
        let (Some(name), Some(sp1), Some(sp2), Some(quote), Some(m)) =
            (c.get(1), c.get(2), c.get(3), c.get(4), c.get(5))
        else {
            continue;
        };
        if !assigned_name_is_secret(name.as_str()) || is_path(m.as_str()) {
            continue;
        }
        let quoted = !quote.as_str().is_empty();
        // Unquoted values count only in shell style (`PW=x`, no spaces), so
        // that code (`password = get_password()`) and prose stay quiet.
        let colon = text.get(sp1.end()..=sp1.end()) == Some(":");
        let shell_style = sp1.as_str().is_empty() && sp2.as_str().is_empty() && !colon;
        let closed = quoted
            && text
                .get(m.end()..)
                .is_some_and(|r| r.starts_with(quote.as_str()));
        if (closed || (!quoted && shell_style))
            && !is_indirect(m.as_str())
            && !looks_like_word(m.as_str())
        {
            add(m.range(), "a password in an assignment");
        }
    }
    hits.sort_by_key(|h| h.range.start);
    hits
}

/// Whether the name a value is assigned to says the value is a credential.
/// Not: the shell's working directory (`PWD`, `pwd = "/mnt" + cwd`), names of
/// things that point at a secret (`PASSWORD_FILE`, `SECRET_ID`, `TOKEN_PATH`)
/// and pagination tokens (`$NEXT_TOKEN = 'nextToken'`).
fn assigned_name_is_secret(name: &str) -> bool {
    let words = words(name);
    let joined = words.concat();
    if joined == "pwd" || joined == "oldpwd" {
        return false;
    }
    !points_elsewhere(&words) && !is_pagination(&words)
}

/// A path (`/etc/passwd`, `./pw.txt`, `~/.pgpass`, `C:\\keys`) names where a
/// secret is, not the secret.
fn is_path(value: &str) -> bool {
    let v = value.trim_matches(|c| c == '"' || c == '\'');
    v.starts_with('/')
        || v.starts_with("./")
        || v.starts_with("../")
        || v.starts_with("~/")
        || v.get(1..3) == Some(":\\")
}

/// The lower-case words of an identifier: `dbPasswordFile` → db, password,
/// file; `NEXT_TOKEN` → next, token.
pub fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Words after the last secret word that make the name a pointer to a secret
/// (`SecretIdList`, `PasswordFile`, `TokenPath`), not the secret.
const POINTER_WORDS: &[&str] = &[
    "id",
    "ids",
    "arn",
    "arns",
    "name",
    "names",
    "list",
    "file",
    "files",
    "path",
    "paths",
    "dir",
    "url",
    "uri",
    "location",
    "parameter",
    "param",
    "prefix",
    "length",
    "policy",
    "type",
    "expiry",
    "expiration",
    "duration",
    "rotation",
    "age",
    "version",
    "field",
    "prompt",
    "hash",
    "count",
    "option",
    "options",
    "enabled",
    "mode",
    "format",
    "source",
    "store",
    "bucket",
    "region",
    "manager",
];

fn is_secret_word(w: &str) -> bool {
    w.contains("password")
        || w.contains("passwd")
        || w == "pwd"
        || w.contains("secret")
        || w.contains("token")
        || w == "apikey"
        || w == "credential"
        || w == "credentials"
}

fn points_elsewhere(words: &[String]) -> bool {
    let Some(last_secret) = words.iter().rposition(|w| is_secret_word(w)) else {
        return false;
    };
    words
        .iter()
        .skip(last_secret + 1)
        .any(|w| POINTER_WORDS.contains(&w.as_str()))
}

/// `NextToken`, `PageToken`, `ContinuationToken`, `PaginationToken`, `SyncToken`:
/// a position in a listing, not a credential.
fn is_pagination(words: &[String]) -> bool {
    let Some(at) = words.iter().rposition(|w| w.contains("token")) else {
        return false;
    };
    let joined: String = words.concat();
    [
        "nexttoken",
        "pagetoken",
        "continuationtoken",
        "paginationtoken",
        "synctoken",
        "starttoken",
        "resumptiontoken",
    ]
    .iter()
    .any(|p| joined.contains(p))
        || words.get(..at).is_some_and(|before| {
            before.iter().any(|w| {
                matches!(
                    w.as_str(),
                    "next" | "page" | "continuation" | "pagination" | "marker"
                )
            })
        })
}

/// A lower-case English word or identifier (`password=required`, `token: string`)
/// is a description of a value, not a value.
fn looks_like_word(v: &str) -> bool {
    let v = v.trim_end_matches([')', ':', ']', '.', ';', ',']);
    let ident = v.chars().all(|c| c.is_ascii_lowercase() || c == '_');
    ident || (v.chars().all(|c| c.is_ascii_lowercase() || c == '-') && v.len() <= 12)
}

/// Whether a parameter name says it holds a secret (`DbPassword`, `ApiToken`),
/// excluding names of things that point at a secret (`PasswordParameterName`,
/// `SecretArn`, `TokenExpiry`).
pub fn is_secret_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let says_secret = [
        "password",
        "passwd",
        "secret",
        "token",
        "apikey",
        "api_key",
        "privatekey",
        "private_key",
        "credential",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if !says_secret {
        return false;
    }
    let pointer = [
        "name",
        "arn",
        "id",
        "ids",
        "path",
        "parameter",
        "param",
        "length",
        "policy",
        "option",
        "options",
        "type",
        "enabled",
        "enable",
        "expiry",
        "expiration",
        "duration",
        "rotation",
        "age",
        "location",
        "uri",
        "url",
        "key",
        "keyname",
        "prefix",
        "store",
        "version",
        "region",
        "bucket",
        "count",
        "reset",
        "change",
        "manager",
        "source",
        "format",
        "mode",
        "hash",
        "s3",
    ];
    if points_elsewhere(&words(name)) || is_pagination(&words(name)) {
        return false;
    }
    let pointer_word = pointer.iter().any(|w| lower.ends_with(w))
        && !lower.ends_with("apikey")
        && !lower.ends_with("secretkey")
        && !lower.ends_with("privatekey")
        && !lower.ends_with("accesskey");
    // Pagination and IMDS settings, not credentials.
    let not_credential = ["nexttoken", "pagetoken", "continuationtoken", "tokens"]
        .iter()
        .any(|w| lower.ends_with(w));
    if not_credential {
        return false;
    }
    !pointer_word
        && !lower.starts_with("rotate")
        && !lower.starts_with("reset")
        && !lower.starts_with("generate")
}
