//! Every byte the CLI prints goes through here (a test in
//! `compiler/cli/tests/conventions.rs` keeps the print macros out of the
//! other modules).
//!
//! Input: text for stdout (what the command produces) or stderr
//! (diagnostics, errors, summaries). Output: the bytes, and at the end of
//! the run ([`finish`]) the exit status, changed only when stdout failed.
//! Invariants:
//! - Text that may hold a document's characters is escaped
//!   ([`ssmc_core::controls::escape`]: ESC, NUL, C0/C1, DEL and bidirectional
//!   controls become `\u{…}`), so no document can drive the reader's terminal;
//!   only JSON/SARIF (serde escapes) and the pre-escaped diagnostic rendering
//!   are written as given.
//! - A closed stdout (`ssmc lint --format json | head -1`) ends output
//!   quietly: later writes are dropped and the command exits as it would
//!   have. Any other stdout failure (`> /dev/full`) is one error line on
//!   stderr and exit 2.
//! - A failing stderr is ignored: there is nowhere left to report it, and a
//!   panic would turn a full log disk into exit 101.

use std::io::{ErrorKind, Write};
use std::sync::Mutex;

use crate::commands::EXIT_FAILURE;

/// What went wrong with stdout, once something did.
#[derive(Debug, Clone, PartialEq, Eq)]
enum StdoutState {
    Open,
    /// The reader went away: nothing more is written, and that is no error.
    Closed,
    /// Writing failed: reported by [`finish`] as exit 2.
    Failed(String),
}

static STDOUT: Mutex<StdoutState> = Mutex::new(StdoutState::Open);

fn state() -> std::sync::MutexGuard<'static, StdoutState> {
    // A poisoned lock only means another thread panicked mid-print; the state is still valid.
    STDOUT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Writes `bytes` to stdout exactly (JSON, SARIF, a completion script).
pub fn stdout_raw(bytes: &[u8]) {
    let mut st = state();
    if *st != StdoutState::Open {
        return;
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(bytes) {
        *st = classify(&e);
    }
}

/// Writes text to stdout with control and bidirectional characters escaped.
pub fn stdout(text: &str) {
    stdout_raw(ssmc_core::controls::escape(text).as_bytes());
}

/// Writes text to stderr with control and bidirectional characters escaped.
pub fn stderr(text: &str) {
    stderr_raw(ssmc_core::controls::escape(text).as_bytes());
}

/// Writes bytes to stderr exactly: rendered diagnostics, whose document
/// text [`crate::render`] has escaped and whose colour codes must pass.
pub fn stderr_raw(bytes: &[u8]) {
    let mut err = std::io::stderr().lock();
    // Nowhere to report a failing stderr; see the module invariants.
    let _ = err.write_all(bytes).and_then(|()| err.flush());
}

fn classify(e: &std::io::Error) -> StdoutState {
    if e.kind() == ErrorKind::BrokenPipe {
        StdoutState::Closed
    } else {
        StdoutState::Failed(e.to_string())
    }
}

/// Ends the run: flushes stdout and turns a failed stdout into exit 2 (a
/// closed one keeps `code`).
pub fn finish(code: u8) -> u8 {
    {
        let mut st = state();
        if *st == StdoutState::Open {
            if let Err(e) = std::io::stdout().lock().flush() {
                *st = classify(&e);
            }
        }
    }
    let failed = match &*state() {
        StdoutState::Failed(why) => Some(why.clone()),
        StdoutState::Open | StdoutState::Closed => None,
    };
    match failed {
        Some(why) => {
            stderr(&format!("error: cannot write the output: {why}\n"));
            EXIT_FAILURE
        }
        None => code,
    }
}

/// `print!` through [`stdout`] (escaped).
macro_rules! out {
    ($($arg:tt)*) => { $crate::output::stdout(&format!($($arg)*)) };
}

/// `println!` through [`stdout`] (escaped).
macro_rules! outln {
    ($($arg:tt)*) => { $crate::output::stdout(&format!("{}\n", format_args!($($arg)*))) };
}

/// `eprintln!` through [`stderr`] (escaped).
macro_rules! errln {
    ($($arg:tt)*) => { $crate::output::stderr(&format!("{}\n", format_args!($($arg)*))) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_is_quiet_and_other_failures_are_errors() {
        let closed = std::io::Error::from(ErrorKind::BrokenPipe);
        assert_eq!(classify(&closed), StdoutState::Closed);
        let full = std::io::Error::from_raw_os_error(28);
        assert!(matches!(classify(&full), StdoutState::Failed(why) if why.contains("space")));
    }
}
