//! Rule documentation: sections of a rule's doc comment, `ssmc explain` text
//! and the generated `docs/rules.md`.
//!
//! Input: [`RULES`](super::RULES) and their `docs`. Output: plain strings.
//! Invariant: every rule's docs have the four headings (a registry test).

use super::registry::{FixKind, RuleEntry, RULES};

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
pub fn markdown(entry: &RuleEntry) -> String {
    entry
        .meta()
        .docs
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

fn fix_text(fix: FixKind) -> &'static str {
    match fix {
        FixKind::Never => "no",
        FixKind::Sometimes => "sometimes",
        FixKind::Always => "yes",
    }
}

/// What `ssmc explain RULE` prints.
pub fn explain(entry: &RuleEntry) -> String {
    let m = entry.meta();
    let status = if m.preview {
        "preview: runs only with `--preview` or `[lint] preview = true`"
    } else {
        "stable"
    };
    format!(
        "{} {} (default: {}, fix: {}, status: {status})\n\n{}\n",
        entry.code,
        m.name,
        m.default.as_str(),
        fix_text(m.fix),
        markdown(entry)
    )
}

/// The anchor of a rule in `docs/rules.md` (`ssm301-plaintext-secret`).
pub fn anchor(entry: &RuleEntry) -> String {
    format!("{}-{}", entry.code.to_ascii_lowercase(), entry.name())
}

/// The whole `docs/rules.md`.
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Lint rules\n\n\
         <!-- Generated from the rules' doc comments (compiler/core/src/lint/rules/). \
         Do not edit: run `UPDATE_DOCS=1 cargo test -p ssmc-core lint` to regenerate. -->\n\n\
         `ssmc lint` runs these rules on `.rbk` sources and on SSM documents in JSON or YAML.\n\
         Codes: `SSM1xx` correctness, `SSM2xx` style and hygiene, `SSM3xx` security, `SSM4xx` portability.\n\
         Silence one finding with a comment on the line before or the same line, naming the rule and a reason:\n\
         `// ssmc: allow(rule-name) reason` in `.rbk`, `# ssmc: allow(rule-name) reason` in YAML.\n\
         Turn rules off or change their level in `ssmc.toml` (`[lint.rules] rule-name = \"off\"`).\n\
         Status: a *stable* rule runs by default; a *preview* rule (new, with too little evidence \
         from real documents yet) runs only with `ssmc lint --preview` or `[lint] preview = true`.\n\
         How often each rule fires on 387 real documents: [lint-corpus.md](lint-corpus.md).\n\n\
         | code | name | status | default | fix | what it flags |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for e in RULES {
        out.push_str(&format!(
            "| [{}](#{}) | `{}` | {} | {} | {} | {} |\n",
            e.code,
            anchor(e),
            e.name(),
            e.status(),
            e.meta().default.as_str(),
            fix_text(e.meta().fix),
            e.summary().replace('|', "\\|")
        ));
    }
    for e in RULES {
        out.push_str(&format!(
            "\n## {} {}\n\nStatus: {}. Default level: {}. Fix: {}.\n\n",
            e.code,
            e.name(),
            e.status(),
            e.meta().default.as_str(),
            fix_text(e.meta().fix)
        ));
        for h in HEADINGS {
            out.push_str(&format!("### {h}\n\n{}\n\n", section(&markdown(e), h)));
        }
    }
    out.trim_end().to_string() + "\n"
}
