//! What `check` and `lint` print of a run's findings: each file's first
//! [`ssmc_core::cap::MAX_PER_FILE`] diagnostics with one `I0801` summary for
//! the rest ([`ssmc_core::cap::per_file`]), and the counts of all of them,
//! shown or not, which the status line, the fix note and the exit status use.
//!
//! The result cache (`crate::cache`) keeps exactly this, not the whole list:
//! a file with 400,000 errors costs 201 stored diagnostics and five numbers,
//! and a warm run prints what a cold one prints because both print a
//! [`Findings`] made by the same [`Findings::of`].

use serde::{Deserialize, Serialize};
use ssmc_core::diagnostic::{Diagnostic, Severity};

/// How many findings a run has, by severity, and how many carry a fix.
#[derive(Serialize, Deserialize, Default, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub safe_fixes: usize,
    pub unsafe_fixes: usize,
}

impl Tally {
    pub fn of(diags: &[Diagnostic]) -> Tally {
        let mut t = Tally::default();
        for d in diags {
            match d.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
                Severity::Info => t.infos += 1,
            }
            match &d.fix {
                Some(f) if f.is_safe() => t.safe_fixes += 1,
                Some(_) => t.unsafe_fixes += 1,
                None => {}
            }
        }
        t
    }

    /// Whether a finding is at `level` or more severe.
    pub fn any_at_least(&self, level: Severity) -> bool {
        match level {
            Severity::Error => self.errors > 0,
            Severity::Warning => self.errors + self.warnings > 0,
            Severity::Info => self.errors + self.warnings + self.infos > 0,
        }
    }
}

/// A run's findings as printed: the capped list and the whole count.
pub struct Findings {
    /// Each file's first diagnostics by place, then its `I0801` summary.
    pub shown: Vec<Diagnostic>,
    /// Every diagnostic, shown or not.
    pub tally: Tally,
}

impl Findings {
    /// `sorted` (by place, as a verdict gives them) as printed.
    pub fn of(sorted: &[Diagnostic]) -> Findings {
        Findings {
            shown: ssmc_core::cap::per_file(sorted),
            tally: Tally::of(sorted),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ssmc_core::diagnostic::{Applicability, Fix, Label};
    use ssmc_core::span::{FileId, Span};

    fn diag(file: u32, at: u32, severity: Severity, fix: Option<Applicability>) -> Diagnostic {
        let span = Span {
            file: FileId(file),
            start: at,
            end: at + 1,
        };
        Diagnostic {
            code: ssmc_core::cap::TOO_MANY_DIAGNOSTICS,
            severity,
            message: format!("at {at}"),
            primary: Label {
                span,
                text: String::new(),
            },
            secondary: Vec::new(),
            help: None,
            fix: fix.map(|applicability| Fix {
                message: "fix".into(),
                edits: Vec::new(),
                applicability,
            }),
        }
    }

    /// The tally counts the diagnostics the cap hides; the shown list is the
    /// cap's.
    #[test]
    fn the_tally_counts_what_the_cap_hides() {
        let mut all: Vec<Diagnostic> = (0..250)
            .map(|i| diag(0, i, Severity::Error, Some(Applicability::Safe)))
            .collect();
        all.push(diag(1, 0, Severity::Warning, Some(Applicability::Unsafe)));
        all.push(diag(1, 1, Severity::Info, None));
        let f = Findings::of(&all);
        assert_eq!(f.shown.len(), 200 + 1 + 2);
        assert_eq!(
            f.tally,
            Tally {
                errors: 250,
                warnings: 1,
                infos: 1,
                safe_fixes: 250,
                unsafe_fixes: 1,
            }
        );
        assert!(f.tally.any_at_least(Severity::Error));
        let quiet = Tally::of(&all[250..]);
        assert!(!quiet.any_at_least(Severity::Error));
        assert!(quiet.any_at_least(Severity::Warning));
        assert!(Tally::of(&all[251..]).any_at_least(Severity::Info));
        assert!(!Tally::of(&all[251..]).any_at_least(Severity::Warning));
    }
}
