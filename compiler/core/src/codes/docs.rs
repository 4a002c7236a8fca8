//! Code documentation: sections of a code's docs, `ssmc explain` text and
//! the generated `docs/rules.md`.
//!
//! Input: the registry ([`all`](super::all)) and each code's `docs`.
//! Output: plain strings. Invariant: every code has docs with the four
//! headings and a code block under Example and Use instead, except the few
//! the registry tests list with a reason (a retired code, one only a bug
//! reports).

use super::{all, Code, Group};

/// The required headings, in order.
pub const HEADINGS: [&str; 4] = ["What it does", "Why is this bad?", "Example", "Use instead"];

/// The text under `## heading` up to the next `## ` heading (trimmed).
pub fn section(docs: &str, heading: &str) -> String {
    let mut out = Vec::new();
    let mut inside = false;
    for line in docs.lines() {
        let l = line.strip_prefix(' ').unwrap_or(line);
        if let Some(h) = l.strip_prefix("## ") {
            inside = h.trim() == heading;
            continue;
        }
        if inside {
            out.push(l);
        }
    }
    out.join("\n").trim().to_string()
}

/// The first fenced code block of a text: `(language, code)`.
pub fn code_block(text: &str) -> Option<(String, String)> {
    let mut lines = text.lines();
    let lang = lines
        .by_ref()
        .find_map(|l| l.trim_start().strip_prefix("```"))?;
    let mut code = Vec::new();
    for l in lines {
        if l.trim_start().starts_with("```") {
            return Some((lang.trim().to_string(), code.join("\n") + "\n"));
        }
        code.push(l);
    }
    None
}

/// The docs with each line's single leading space (from `/// `) removed.
pub fn markdown(code: Code) -> String {
    code.docs()
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// A lint rule's status (`stable` or `preview`); none for a compiler code.
fn status(code: Code) -> Option<&'static str> {
    crate::lint::registry::by_code(code).map(|r| r.status())
}

/// The facts line of a code: level, fix, whether it may be suppressed and,
/// for a lint rule, its status.
fn facts(code: Code) -> String {
    let status = match status(code) {
        Some("preview") => {
            ", status: preview: runs only with `--preview` or `[lint] preview = true`"
        }
        Some(_) => ", status: stable",
        None => "",
    };
    format!(
        "default: {}, fix: {}, suppressible: {}{status}",
        code.level().as_str(),
        code.fix().as_str(),
        yes_no(code.suppressible())
    )
}

/// What `ssmc explain CODE` prints.
pub fn explain(code: Code) -> String {
    format!(
        "{} {} ({})\n\n{}\n",
        code.as_str(),
        code.name(),
        facts(code),
        markdown(code)
    )
}

/// The anchor of a code in `docs/rules.md` (`ssm301-plaintext-secret`).
pub fn anchor(code: Code) -> String {
    format!("{}-{}", code.as_str().to_ascii_lowercase(), code.name())
}

/// The link to a code's section of `docs/rules.md` under `base`
/// (a URL or path of that page).
pub fn href(base: &str, code: Code) -> String {
    format!("{base}#{}", anchor(code))
}

fn table(out: &mut String, codes: &[Code], with_status: bool) {
    if with_status {
        out.push_str("| code | name | status | level | fix | suppressible | what it flags |\n| --- | --- | --- | --- | --- | --- | --- |\n");
    } else {
        out.push_str("| code | name | level | fix | suppressible | what it flags |\n| --- | --- | --- | --- | --- | --- |\n");
    }
    for &c in codes {
        let status = match status(c).filter(|_| with_status) {
            Some(s) => format!(" {s} |"),
            None => String::new(),
        };
        out.push_str(&format!(
            "| [{}](#{}) | `{}` |{status} {} | {} | {} | {} |\n",
            c.as_str(),
            anchor(c),
            c.name(),
            c.level().as_str(),
            c.fix().as_str(),
            yes_no(c.suppressible()),
            c.summary().replace('|', "\\|")
        ));
    }
}

/// The whole `docs/rules.md`.
pub fn rules_markdown() -> String {
    let codes = all();
    let (lint, compiler): (Vec<Code>, Vec<Code>) =
        codes.iter().partition(|c| c.group() == Group::Lint);
    let mut out = String::from(
        "# Rules and diagnostic codes\n\n\
         <!-- Generated from the code registry (compiler/core/src/codes/) and the rules' doc \
         comments (compiler/core/src/lint/rules/). Do not edit: run \
         `UPDATE_DOCS=1 cargo test -p ssmc-tests docs_rules_md` to regenerate. -->\n\n\
         Every code ssmc reports, with its level, whether `--fix` can repair it and whether a \
         suppression comment may silence it. `ssmc explain CODE` (or its name) prints the same text.\n\n\
         Silence one finding with a comment on the line before or the same line, naming the rule and a reason:\n\
         `// ssmc: allow(rule-name) reason` in `.rbk`, `# ssmc: allow(rule-name) reason` in YAML.\n\
         A suppression without a reason never silences an error; errors that stop a document from \
         being built (syntax, reading, lowering, declarations) cannot be suppressed at all.\n\n\
         ## Lint rules\n\n\
         `ssmc lint` runs these rules on `.rbk` sources and on SSM documents in JSON or YAML.\n\
         Codes: `SSM1xx` correctness, `SSM2xx` style and hygiene, `SSM3xx` security, `SSM4xx` portability.\n\
         Turn rules off or change their level in `ssmc.toml` (`[lint.rules] rule-name = \"off\"`).\n\
         Status: a *stable* rule runs by default; a *preview* rule (new, with too little evidence \
         from real documents yet) runs only with `ssmc lint --preview` or `[lint] preview = true`.\n\
         How often each rule fires on 387 real documents: [lint-corpus.md](lint-corpus.md).\n\n",
    );
    table(&mut out, &lint, true);
    out.push_str(
        "\n## Compiler codes\n\n\
         `ssmc check`, `ssmc build`, `ssmc lint` and the editor report these.\n\
         Codes: `E00xx` syntax, `E02xx`/`W02xx` lowering, `E06xx` reading JSON/YAML, \
         `E09xx`/`W09xx` import, `E11xx`/`W11xx` action declarations, `E1xxx` names and types, \
         `E2xxx` flow, `E3xxx` secrets, `W1xxx`/`W2xxx` warnings, `I1xxx` information.\n\n",
    );
    table(&mut out, &compiler, false);
    for c in lint.iter().chain(&compiler) {
        out.push_str(&format!(
            "\n## {} {}\n\n{}.\n\n",
            c.as_str(),
            c.name(),
            capitalised(&facts(*c))
        ));
        for h in HEADINGS {
            // From the docs as written: `section` drops the one space of
            // `/// ` itself (on `markdown`'s text it would cut indentation).
            let body = section(c.docs(), h);
            if !body.is_empty() {
                out.push_str(&format!("### {h}\n\n{body}\n\n"));
            }
        }
    }
    out.trim_end().to_string() + "\n"
}
