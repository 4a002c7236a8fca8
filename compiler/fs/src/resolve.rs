//! Resolving a relative path inside a project without looking outside it.
//!
//! `std::fs::canonicalize` follows a link to wherever it leads and then fails
//! with "No such file" when the target is missing, so "leaves the project"
//! versus "No such file" told a repository whether a file outside exists.
//! Here each component is resolved in turn, links included; the first step
//! that would leave the project stops the walk before anything outside is
//! looked at, so the answer depends only on the project's own files.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

/// Links followed in one resolution before giving up (as the kernel's 40).
const MAX_LINKS: usize = 40;

/// Why a path could not be resolved inside the project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Absolute, or leads outside the project (by `..` or through a link).
    Leaves,
    /// A component inside the project is missing (or not a folder).
    Missing,
    /// Too many links, or another error reading the project's own folders.
    Other(String),
}

impl std::fmt::Display for Resolved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Resolved::Leaves => write!(f, "the path leaves the project folder"),
            Resolved::Missing => write!(f, "no such file in the project"),
            Resolved::Other(e) => write!(f, "{e}"),
        }
    }
}

#[derive(Debug, Clone)]
enum Step {
    Up,
    Name(OsString),
}

fn steps(path: &Path, out: &mut VecDeque<Step>, front: bool) -> Result<(), Resolved> {
    let mut list = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => list.push(Step::Up),
            Component::Normal(n) => list.push(Step::Name(n.to_os_string())),
            Component::RootDir | Component::Prefix(_) => return Err(Resolved::Leaves),
        }
    }
    if front {
        for s in list.into_iter().rev() {
            out.push_front(s);
        }
    } else {
        out.extend(list);
    }
    Ok(())
}

/// The real path of `rel` (relative to the folder `from`) if it stays under
/// `root`, following links inside the project only. `root` and `from` may be
/// relative or hold links; `from` must lie inside `root`.
pub fn resolve_inside(root: &Path, from: &Path, rel: &Path) -> Result<PathBuf, Resolved> {
    let root = std::fs::canonicalize(root).map_err(|e| Resolved::Other(e.to_string()))?;
    let from = std::fs::canonicalize(from).map_err(|_| Resolved::Missing)?;
    let Ok(start) = from.strip_prefix(&root) else {
        return Err(Resolved::Leaves);
    };
    let mut queue = VecDeque::new();
    steps(rel, &mut queue, false)?;
    // `depth` holds the names below the root: the walk never stands outside.
    let mut depth: Vec<OsString> = start.iter().map(|s| s.to_os_string()).collect();
    let mut links = 0usize;
    while let Some(step) = queue.pop_front() {
        match step {
            Step::Up => {
                if depth.pop().is_none() {
                    return Err(Resolved::Leaves);
                }
            }
            Step::Name(name) => {
                let here: PathBuf = root
                    .iter()
                    .chain(depth.iter().map(|s| s.as_os_str()))
                    .collect();
                let next = here.join(&name);
                let meta = match std::fs::symlink_metadata(&next) {
                    Ok(m) => m,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        return Err(Resolved::Missing)
                    }
                    Err(e) if e.raw_os_error() == Some(20) => return Err(Resolved::Missing),
                    Err(e) => return Err(Resolved::Other(e.to_string())),
                };
                if meta.file_type().is_symlink() {
                    links += 1;
                    if links > MAX_LINKS {
                        return Err(Resolved::Other("too many levels of symbolic links".into()));
                    }
                    let target =
                        std::fs::read_link(&next).map_err(|e| Resolved::Other(e.to_string()))?;
                    if target.is_absolute() {
                        // Only a target spelled under the root, without `..`, stays inside.
                        let Ok(below) = target.strip_prefix(&root) else {
                            return Err(Resolved::Leaves);
                        };
                        if below.components().any(|c| c == Component::ParentDir) {
                            return Err(Resolved::Leaves);
                        }
                        depth.clear();
                        steps(below, &mut queue, true)?;
                    } else {
                        steps(&target, &mut queue, true)?;
                    }
                } else {
                    depth.push(name);
                }
            }
        }
    }
    Ok(root
        .iter()
        .chain(depth.iter().map(|s| s.as_os_str()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_inside_resolve_and_the_outside_is_never_consulted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("proj");
        std::fs::create_dir_all(root.join("a/b")).expect("mkdir");
        std::fs::write(root.join("a/b/f.txt"), "x").expect("write");
        std::fs::write(dir.path().join("secret"), "s").expect("write");
        symlink("b/f.txt", root.join("a/rel")).expect("symlink");
        symlink(root.join("a/b"), root.join("abs")).expect("symlink");
        symlink("../secret", root.join("up")).expect("symlink");
        symlink("../missing", root.join("up-missing")).expect("symlink");
        symlink(dir.path(), root.join("out")).expect("symlink");
        symlink("loop", root.join("loop")).expect("symlink");
        let canon = std::fs::canonicalize(root.join("a/b/f.txt")).expect("canon");
        assert_eq!(
            resolve_inside(&root, &root, Path::new("a/rel")),
            Ok(canon.clone())
        );
        assert_eq!(
            resolve_inside(&root, &root.join("a"), Path::new("rel")),
            Ok(canon.clone())
        );
        assert_eq!(
            resolve_inside(&root, &root, Path::new("abs/f.txt")),
            Ok(canon)
        );
        // An existing and a missing file outside get the same answer.
        for rel in [
            "up",
            "up-missing",
            "out/secret",
            "out/missing",
            "../secret",
            "../missing",
        ] {
            assert_eq!(
                resolve_inside(&root, &root, Path::new(rel)),
                Err(Resolved::Leaves),
                "{rel}"
            );
        }
        assert_eq!(
            resolve_inside(&root, &root, Path::new("/etc/passwd")),
            Err(Resolved::Leaves)
        );
        assert_eq!(
            resolve_inside(&root, &root, Path::new("a/nope")),
            Err(Resolved::Missing)
        );
        assert!(matches!(
            resolve_inside(&root, &root, Path::new("loop")),
            Err(Resolved::Other(_))
        ));
    }
}
