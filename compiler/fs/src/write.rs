//! Writing outputs and rewriting sources in a repository an outsider controls.
//!
//! Every file is first written to a temporary file created exclusively
//! (`O_EXCL`, a random `.ssmc-*.tmp` name, so a planted link at a guessable
//! name is never opened) in the destination's folder, then renamed over the
//! destination. A rename replaces a link at the destination rather than
//! writing through it. A [`Batch`] writes every file before renaming any, so a
//! full disk or an unwritable folder leaves the earlier outputs as they were.

use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::read::{read_capped, Follow};
use crate::resolve::{resolve_inside, Resolved};
use crate::signals;

/// Files staged for writing; [`Batch::commit`] renames them all into place.
/// Dropping a batch without committing removes its temporary files.
pub struct Batch {
    root: Option<PathBuf>,
    staged: Vec<Staged>,
}

struct Staged {
    temp: NamedTempFile,
    dest: PathBuf,
    /// For a rewritten source: the bytes the file must still hold at the rename.
    expected: Option<Vec<u8>>,
}

impl Drop for Batch {
    fn drop(&mut self) {
        // The temporary files remove themselves as they drop.
        for s in &self.staged {
            signals::untrack(s.temp.path());
        }
    }
}

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

impl Batch {
    /// A batch for outputs under `root` (the project folder): a folder inside
    /// it that leads out through a link is refused. Outputs outside `root`
    /// (an explicit `-o /elsewhere`) are written where the user said.
    pub fn new(root: Option<&Path>) -> Self {
        Batch {
            root: root.map(Path::to_path_buf),
            staged: Vec::new(),
        }
    }

    /// Writes `bytes` to a temporary file beside `dest` (creating its folder).
    /// `dest` keeps its permissions if it is a regular file; a link there is
    /// replaced at the commit, not followed.
    pub fn stage(&mut self, dest: &Path, bytes: &[u8]) -> Result<(), String> {
        let shown = dest.display();
        if self.staged.iter().any(|s| s.dest == dest) {
            return Err(format!(
                "two outputs would be written to `{shown}`; rename one of them"
            ));
        }
        let dir = folder_of(dest);
        self.check_folder(dir)
            .map_err(|e| format!("cannot write `{shown}`: {e}"))?;
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
        let mode = match std::fs::symlink_metadata(dest) {
            Ok(m) if m.is_file() => Some(m.permissions().mode() & 0o7777),
            _ => None,
        };
        let staged =
            stage_in(dir, bytes, mode).map_err(|e| format!("cannot write `{shown}`: {e}"))?;
        self.staged.push(Staged {
            temp: staged,
            dest: dest.to_path_buf(),
            expected: None,
        });
        Ok(())
    }

    /// A folder under the root must resolve inside it (a link named like the
    /// output folder must not carry the outputs out of the project).
    fn check_folder(&self, dir: &Path) -> Result<(), String> {
        let Some(root) = &self.root else {
            return Ok(());
        };
        let Ok(cwd) = std::env::current_dir() else {
            return Ok(());
        };
        let absolute = cwd.join(dir);
        let root = cwd.join(root);
        let Ok(canonical_root) = std::fs::canonicalize(&root) else {
            return Ok(()); // no project folder yet: nothing in it can lead out
        };
        let rel = absolute
            .strip_prefix(&root)
            .or_else(|_| absolute.strip_prefix(&canonical_root));
        let Ok(rel) = rel else {
            return Ok(());
        };
        match resolve_inside(&root, &root, rel) {
            Ok(_) | Err(Resolved::Missing) => Ok(()),
            Err(Resolved::Leaves) => Err(format!(
                "the folder `{}` leads out of the project through a symbolic link",
                dir.display()
            )),
            Err(Resolved::Other(e)) => Err(e),
        }
    }

    /// Renames every staged file into place. A source staged with
    /// [`rewrite_source`] is first checked to still hold what was read.
    /// Returns how many files were written.
    pub fn commit(mut self) -> Result<usize, String> {
        for s in &self.staged {
            if let Some(expected) = &s.expected {
                let limit = expected.len() as u64 + 1;
                let now = read_capped(&s.dest, limit, Follow::No).ok();
                if now.as_deref() != Some(expected.as_slice()) {
                    return Err(format!(
                        "`{}` changed on disk while ssmc was working on it; it was not overwritten, run ssmc again",
                        s.dest.display()
                    ));
                }
            }
        }
        let total = self.staged.len();
        for (done, Staged { temp, dest, .. }) in
            std::mem::take(&mut self.staged).into_iter().enumerate()
        {
            let path = temp.path().to_path_buf();
            signals::untrack(&path);
            if let Err(e) = std::fs::rename(&path, &dest) {
                return Err(format!(
                    "cannot write `{}`: {e}{}",
                    dest.display(),
                    if done > 0 {
                        format!(" ({done} of {total} files were already replaced)")
                    } else {
                        String::new()
                    }
                ));
            }
            // Renamed: nothing left for the temporary file's drop to remove.
            let _ = temp.into_temp_path().keep();
        }
        Ok(total)
    }
}

/// A temporary file in `dir` holding `bytes`, with `mode` (else 0666 less the umask).
fn stage_in(dir: &Path, bytes: &[u8], mode: Option<u32>) -> std::io::Result<NamedTempFile> {
    let mut temp = tempfile::Builder::new()
        .prefix(".ssmc-")
        .suffix(".tmp")
        .permissions(std::fs::Permissions::from_mode(mode.unwrap_or(0o666)))
        .tempfile_in(dir)?;
    signals::track(temp.path());
    if let Some(mode) = mode {
        // The umask narrowed the mode at creation; the file keeps its own.
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// Writes one output file (see [`Batch`]).
pub fn write_output(root: Option<&Path>, dest: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut batch = Batch::new(root);
    batch.stage(dest, bytes)?;
    batch.commit().map(|_| ())
}

/// Stages a rewrite of the source `path` (for `fmt` and `lint --fix`) into
/// `batch`: a symlinked source is written through to its target only when
/// the target is inside `root`; a file with several hard links is refused
/// (replacing it would break the links, writing in place would change a file
/// elsewhere); the file keeps its mode; and the commit refuses if the file no
/// longer holds `expected` (an edit saved meanwhile is not lost).
pub fn rewrite_source(
    batch: &mut Batch,
    root: &Path,
    path: &Path,
    expected: &[u8],
    bytes: &[u8],
) -> Result<(), String> {
    let shown = path.display();
    let meta =
        std::fs::symlink_metadata(path).map_err(|e| format!("cannot write `{shown}`: {e}"))?;
    let target = if meta.file_type().is_symlink() {
        let name = path.file_name().map(Path::new).unwrap_or(Path::new(""));
        match resolve_inside(root, folder_of(path), name) {
            Ok(t) => t,
            Err(Resolved::Leaves) => {
                return Err(format!(
                "`{shown}` is a symbolic link to a file outside the project; it was not rewritten"
            ))
            }
            Err(e) => return Err(format!("cannot write `{shown}`: {e}")),
        }
    } else {
        path.to_path_buf()
    };
    let meta =
        std::fs::symlink_metadata(&target).map_err(|e| format!("cannot write `{shown}`: {e}"))?;
    if !meta.is_file() {
        return Err(format!("cannot write `{shown}`: not a regular file"));
    }
    if meta.nlink() > 1 {
        return Err(format!(
            "`{shown}` has {} hard links; rewriting it would break them or change a file elsewhere, so it was not rewritten",
            meta.nlink()
        ));
    }
    let temp = stage_in(
        folder_of(&target),
        bytes,
        Some(meta.permissions().mode() & 0o7777),
    )
    .map_err(|e| format!("cannot write `{shown}`: {e}"))?;
    batch.staged.push(Staged {
        temp,
        dest: target,
        expected: Some(expected.to_vec()),
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .expect("read_dir")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_link_at_the_destination_is_replaced_not_followed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let outside = dir.path().join("bashrc");
        std::fs::write(&outside, "keep").expect("write");
        let root = dir.path().join("proj");
        std::fs::create_dir(&root).expect("mkdir");
        symlink(&outside, root.join("out.yaml")).expect("symlink");
        write_output(Some(&root), &root.join("out.yaml"), b"new").expect("written");
        assert_eq!(
            std::fs::read_to_string(&outside).ok().as_deref(),
            Some("keep")
        );
        assert_eq!(
            std::fs::read_to_string(root.join("out.yaml"))
                .ok()
                .as_deref(),
            Some("new")
        );
        assert!(!std::fs::symlink_metadata(root.join("out.yaml"))
            .expect("meta")
            .file_type()
            .is_symlink());
        // An output folder that is a link out of the project is refused.
        symlink(dir.path(), root.join("build")).expect("symlink");
        let err = write_output(Some(&root), &root.join("build/x.yaml"), b"x").expect_err("refused");
        assert!(err.contains("leads out of the project"), "{err}");
        assert!(!dir.path().join("x.yaml").exists());
        assert_eq!(names(&root), ["build", "out.yaml"]);
    }

    #[test]
    fn sources_keep_mode_and_links_inside_and_refuse_the_rest() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("proj");
        std::fs::create_dir(&root).expect("mkdir");
        let real = root.join("real.rbk");
        std::fs::write(&real, "old").expect("write");
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        symlink("real.rbk", root.join("link.rbk")).expect("symlink");
        let mut batch = Batch::new(Some(&root));
        rewrite_source(&mut batch, &root, &root.join("link.rbk"), b"old", b"new").expect("staged");
        assert_eq!(batch.commit().ok(), Some(1));
        assert_eq!(std::fs::read_to_string(&real).ok().as_deref(), Some("new"));
        let mode = std::fs::metadata(&real).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert!(std::fs::symlink_metadata(root.join("link.rbk"))
            .expect("meta")
            .file_type()
            .is_symlink());

        let outside = dir.path().join("outside.rbk");
        std::fs::write(&outside, "old").expect("write");
        symlink(&outside, root.join("out.rbk")).expect("symlink");
        let mut batch = Batch::new(Some(&root));
        let err = rewrite_source(&mut batch, &root, &root.join("out.rbk"), b"old", b"new")
            .expect_err("refused");
        assert!(err.contains("outside the project"), "{err}");

        std::fs::hard_link(&real, root.join("hard.rbk")).expect("link");
        let err = rewrite_source(&mut batch, &root, &root.join("hard.rbk"), b"new", b"x")
            .expect_err("refused");
        assert!(err.contains("2 hard links"), "{err}");
        assert_eq!(
            names(&root),
            ["hard.rbk", "link.rbk", "out.rbk", "real.rbk"]
        );
    }

    #[test]
    fn an_edit_saved_meanwhile_is_kept_and_a_failed_batch_changes_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::write(root.join("a.rbk"), "old").expect("write");
        let mut batch = Batch::new(Some(root));
        rewrite_source(&mut batch, root, &root.join("a.rbk"), b"old", b"formatted")
            .expect("staged");
        std::fs::write(root.join("a.rbk"), "edited").expect("write");
        let err = batch.commit().expect_err("refused");
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(
            std::fs::read_to_string(root.join("a.rbk")).ok().as_deref(),
            Some("edited")
        );
        assert_eq!(names(root), ["a.rbk"]);

        // A stage that fails drops the others: nothing is replaced.
        std::fs::write(root.join("one.yaml"), "1").expect("write");
        let mut batch = Batch::new(Some(root));
        batch
            .stage(&root.join("one.yaml"), b"new 1")
            .expect("staged");
        let err = batch
            .stage(&root.join("one.yaml"), b"again")
            .expect_err("one name twice");
        assert!(err.contains("two outputs"), "{err}");
        std::fs::write(root.join("file"), "").expect("write");
        assert!(batch.stage(&root.join("file/two.yaml"), b"new 2").is_err());
        drop(batch);
        assert_eq!(
            std::fs::read_to_string(root.join("one.yaml"))
                .ok()
                .as_deref(),
            Some("1")
        );
        assert_eq!(names(root), ["a.rbk", "file", "one.yaml"]);
    }
}
