//! Temporary files removed when the process is interrupted.
//!
//! A temporary file is normally removed when its handle drops; SIGINT, SIGTERM
//! or SIGHUP end the process without drops, so the staged names are kept here
//! and a watcher thread (started by the first write) removes them and exits
//! with 128 + the signal number. SIGKILL cannot be caught: a file staged at
//! that instant stays, under a `.ssmc-*.tmp` name (docs/robustness.md).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

static STAGED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static WATCHER: Once = Once::new();

/// Remembers `path` for removal on a signal (and starts the watcher once).
pub fn track(path: &Path) {
    WATCHER.call_once(start_watcher);
    if let Ok(mut staged) = STAGED.lock() {
        staged.push(path.to_path_buf());
    }
}

/// Forgets `path` (renamed into place, or removed).
pub fn untrack(path: &Path) {
    if let Ok(mut staged) = STAGED.lock() {
        staged.retain(|p| p != path);
    }
}

fn remove_staged() {
    // A poisoned lock still holds the list; removing is all that is left to do.
    let staged = match STAGED.lock() {
        Ok(s) => s,
        Err(poisoned) => poisoned.into_inner(),
    };
    for path in staged.iter() {
        let _ = std::fs::remove_file(path);
    }
}

/// Starts the watcher and waits until its handlers are in place, so a signal
/// right after the first temporary file is created is already caught.
fn start_watcher() {
    let (ready, installed) = std::sync::mpsc::channel::<()>();
    let spawned = std::thread::Builder::new()
        .name("ssmc-signals".into())
        .spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            let signal = runtime.block_on(wait_for_signal(ready));
            if let Some(number) = signal {
                remove_staged();
                std::process::exit(128 + number);
            }
        });
    // Without the watcher, writes still work; only the clean-up on a signal is lost.
    if spawned.is_ok() {
        let _ = installed.recv();
    }
}

async fn wait_for_signal(ready: std::sync::mpsc::Sender<()>) -> Option<i32> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut int = signal(SignalKind::interrupt()).ok()?;
    let mut term = signal(SignalKind::terminate()).ok()?;
    let mut hup = signal(SignalKind::hangup()).ok()?;
    let _ = ready.send(());
    tokio::select! {
        _ = int.recv() => Some(2),
        _ = term.recv() => Some(15),
        _ = hup.recv() => Some(1),
    }
}
