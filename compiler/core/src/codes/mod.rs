//! The one code registry: every diagnostic code any phase can report.
//!
//! Input: the tables each phase declares with [`define_codes!`] (syntax,
//! readers, lowering, import, declarations, checker) and the lint rules'
//! registry. Output: [`Code`], a typed value a [`Diagnostic`](crate::Diagnostic)
//! must carry (so the compiler, not a test, rejects a code that is not
//! registered), and [`all`]/[`find`] for `ssmc explain`, SARIF, `docs/rules.md`
//! and the language server.
//!
//! Invariants: a code is never reused for another meaning (a retired code
//! keeps its entry); codes and names are unique across all tables (a test);
//! an error that stops a document from being built (syntax, reading,
//! lowering, declarations) may not be suppressed.

pub mod docs;
#[cfg(test)]
mod tests;

use std::fmt;

use crate::diagnostic::Severity;

/// Which phase reports a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// `E00xx`: the text is not a runbook.
    Syntax,
    /// `E06xx`: a JSON/YAML file cannot be read as a document.
    Read,
    /// `E02xx`/`W02xx`: a runbook cannot be lowered to a document.
    Lower,
    /// `E07xx`: the project's `ssmc.toml` cannot be used.
    Project,
    /// `E09xx`/`W09xx`: `ssmc import` cannot fold a document.
    Import,
    /// `E11xx`/`W11xx`: an `action` declaration.
    Declaration,
    /// `E1xxx`, `E2xxx`, `E3xxx`, `W1xxx`, `W2xxx`, `I1xxx`: the checker.
    Check,
    /// `I08xx`: what is shown of a file's diagnostics (`crate::cap`).
    Limit,
    /// `SSMxxx`: a lint rule.
    Lint,
}

impl Group {
    /// What the group is, for `ssmc explain` and `docs/rules.md`.
    pub fn title(self) -> &'static str {
        match self {
            Group::Syntax => "syntax",
            Group::Read => "reading a JSON/YAML document",
            Group::Lower => "lowering a runbook to a document",
            Group::Project => "the project's ssmc.toml",
            Group::Import => "importing a document",
            Group::Declaration => "action declarations",
            Group::Check => "the checker",
            Group::Limit => "the limit on diagnostics shown",
            Group::Lint => "lint rule",
        }
    }

    /// Whether an error of this group can be silenced: only where the
    /// document is still built (checker findings, lint rules). Silencing a
    /// syntax or lowering error would let `ssmc lint` pass on a file
    /// `ssmc build` cannot build.
    pub const fn errors_suppressible(self) -> bool {
        matches!(self, Group::Check | Group::Lint)
    }

    /// Whether a code of this group reported at `level` can be silenced. The
    /// limit's summary is made after suppression, from what is left, so no
    /// `allow` can reach it.
    pub const fn suppressible_at(self, level: Severity) -> bool {
        match self {
            Group::Limit => false,
            group => group.errors_suppressible() || !matches!(level, Severity::Error),
        }
    }
}

/// Whether findings of a code carry a fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixKind {
    Never,
    Sometimes,
    Always,
}

impl FixKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FixKind::Never => "no",
            FixKind::Sometimes => "sometimes",
            FixKind::Always => "yes",
        }
    }
}

/// Everything the registry knows about one code.
#[derive(Debug)]
pub struct CodeInfo {
    /// `E1010`, `W2001`, `SSM103`.
    pub code: &'static str,
    /// Kebab-case, what `ssmc: allow(…)` and `ssmc explain` name.
    pub name: &'static str,
    pub group: Group,
    /// The level it is reported at unless `ssmc.toml` says otherwise (lint rules only).
    pub level: Severity,
    pub suppressible: bool,
    /// One line (empty: the first paragraph of the docs' "What it does").
    pub summary: &'static str,
    /// Markdown with `## What it does`, `## Why is this bad?`, `## Example`
    /// and `## Use instead` (empty: only the summary is known).
    pub docs: &'static str,
    pub fix: FixKind,
}

impl CodeInfo {
    /// An entry of a compiler table (see [`define_codes!`]).
    pub const fn compiler(
        code: &'static str,
        name: &'static str,
        group: Group,
        level: Severity,
        summary: &'static str,
        docs: &'static str,
        fix: FixKind,
    ) -> CodeInfo {
        CodeInfo {
            code,
            name,
            group,
            level,
            suppressible: group.suppressible_at(level),
            summary,
            docs,
            fix,
        }
    }
}

/// A registered diagnostic code. Compared, ordered and hashed by its text.
#[derive(Clone, Copy)]
pub struct Code(&'static CodeInfo);

impl Code {
    pub const fn new(info: &'static CodeInfo) -> Code {
        Code(info)
    }

    pub fn info(self) -> &'static CodeInfo {
        self.0
    }

    pub fn as_str(self) -> &'static str {
        self.0.code
    }

    pub fn name(self) -> &'static str {
        self.0.name
    }

    pub fn group(self) -> Group {
        self.0.group
    }

    pub fn level(self) -> Severity {
        self.0.level
    }

    pub fn suppressible(self) -> bool {
        self.0.suppressible
    }

    pub fn docs(self) -> &'static str {
        self.0.docs
    }

    pub fn fix(self) -> FixKind {
        self.0.fix
    }

    /// One line: the table's summary, else the first paragraph under "What it does".
    pub fn summary(self) -> String {
        if !self.0.summary.is_empty() {
            return self.0.summary.to_string();
        }
        docs::section(self.0.docs, "What it does")
            .lines()
            .map(str::trim)
            .take_while(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Whether `text` is this code or its name (case-insensitive).
    pub fn is_named(self, text: &str) -> bool {
        self.0.code.eq_ignore_ascii_case(text) || self.0.name.eq_ignore_ascii_case(text)
    }
}

impl PartialEq for Code {
    fn eq(&self, other: &Code) -> bool {
        self.0.code == other.0.code
    }
}

impl Eq for Code {}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.0.code == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.0.code == *other
    }
}

impl PartialEq<Code> for &str {
    fn eq(&self, other: &Code) -> bool {
        *self == other.0.code
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Code) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Code {
    fn cmp(&self, other: &Code) -> std::cmp::Ordering {
        self.0.code.cmp(other.0.code)
    }
}

impl std::hash::Hash for Code {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.code.hash(state);
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.code)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.code)
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.code)
    }
}

/// Declares a table of compiler codes: one `pub const` per code and `ALL`.
///
/// ```ignore
/// define_codes! {
///     group: Check;
///     /// ## What it does
///     /// …
///     UNKNOWN_PARAMETER = "E1010", "unknown-parameter", Error, "a reference to …";
/// }
/// ```
#[macro_export]
macro_rules! define_codes {
    (group: $group:ident; $($(#[doc = $d:literal])* $id:ident = $code:literal, $name:literal, $level:ident, $summary:literal;)*) => {
        $(
            #[doc = concat!("`", $code, "` ", $name, ": ", $summary)]
            pub const $id: $crate::codes::Code = $crate::codes::Code::new(&$crate::codes::CodeInfo::compiler(
                $code,
                $name,
                $crate::codes::Group::$group,
                $crate::diagnostic::Severity::$level,
                $summary,
                concat!($($d, "\n",)* ""),
                $crate::codes::FixKind::Never,
            ));
        )*
        /// Every code of this table, in the order declared.
        pub const ALL: &[$crate::codes::Code] = &[$($id,)*];
    };
}

/// Every registered code, sorted by code.
pub fn all() -> &'static [Code] {
    static ALL: std::sync::OnceLock<Vec<Code>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut out: Vec<Code> = crate::syntax::codes::ALL
            .iter()
            .chain(crate::lower::codes::ALL)
            .chain(crate::codegen::read::codes::ALL)
            .chain(crate::project::codes::ALL)
            .chain(crate::import::codes::ALL)
            .chain(crate::catalog::codes::ALL)
            .chain(crate::check::codes::ALL)
            .chain(crate::cap::ALL)
            .copied()
            .chain(crate::lint::RULES.iter().map(|r| r.code))
            .collect();
        out.sort();
        out
    })
}

/// The code with this text (`E1010`) or name (`unknown-parameter`), case-insensitive.
pub fn find(code_or_name: &str) -> Option<Code> {
    all().iter().copied().find(|c| c.is_named(code_or_name))
}

/// The code with exactly this text (a code read back from a cache).
pub fn by_code(code: &str) -> Option<Code> {
    all()
        .binary_search_by(|c| c.as_str().cmp(code))
        .ok()
        .and_then(|i| all().get(i).copied())
}
