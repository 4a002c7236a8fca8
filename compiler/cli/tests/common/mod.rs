//! Helpers shared by the CLI's integration tests (each test file that needs
//! them declares `mod common;`).

// Each test binary uses a part of the helpers; the rest is not dead code.
#[allow(dead_code)]
pub mod lsp_client;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the `ssmc` binary under test with `args` in `cwd` and waits for it.
#[allow(dead_code)]
pub fn ssmc(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ssmc"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("ssmc runs")
}

/// A run's standard output as text.
#[allow(dead_code)]
pub fn stdout(o: &Output) -> String {
    text(&o.stdout)
}

/// A run's standard error as text.
#[allow(dead_code)]
pub fn stderr(o: &Output) -> String {
    text(&o.stderr)
}

/// Bytes a run printed, as text (invalid UTF-8 replaced).
#[allow(dead_code)]
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The repository's root folder as Cargo names it (not canonicalised).
#[allow(dead_code)]
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The repository's root folder.
#[allow(dead_code)]
pub fn repo_root() -> PathBuf {
    std::fs::canonicalize(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .expect("the repository root exists")
}

/// `path` as the path part of a `file://` URI: every byte outside RFC 3986's
/// unreserved set and `/` percent-encoded (editors send `+` and spaces so).
#[allow(dead_code)]
pub fn percent_encode_path(path: &Path) -> String {
    let mut out = String::new();
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A scratch folder that is removed with everything in it when dropped, so a
/// test run leaves nothing behind in the system's temporary folder (some
/// tests write files of hundreds of megabytes).
#[allow(dead_code)]
pub struct Scratch(tempfile::TempDir);

#[allow(dead_code)]
impl Scratch {
    /// A new empty folder named `ssmc-{name}-…` in the temporary folder.
    pub fn new(name: &str) -> Scratch {
        // Canonical, so paths the tools print and paths tests build agree.
        let root = std::fs::canonicalize(std::env::temp_dir()).expect("the temporary folder");
        let dir = tempfile::Builder::new()
            .prefix(&format!("ssmc-{name}-"))
            .tempdir_in(root)
            .expect("a scratch folder in the temporary folder");
        Scratch(dir)
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        self.0.path()
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        self.0.path()
    }
}
