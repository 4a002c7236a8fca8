//! Opening and reading files a repository supplies.
//!
//! Every open uses `O_NONBLOCK` (so opening a FIFO never waits for a writer)
//! and, unless the caller has already resolved the path, `O_NOFOLLOW`. The
//! open file must then be a regular file outside `/proc` and `/sys` (their
//! files claim a size of 0 and hold process state such as the environment).
//! Reads are capped at the caller's limit plus one byte, so a file that grows
//! meanwhile cannot slip past it.

use std::fs::File;
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use rustix::fs::OFlags;

/// Whether the last component of a path may be a symlink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    /// The path was resolved (see [`crate::resolve`]) or named by the user.
    Yes,
    /// A link at the last component is refused (`O_NOFOLLOW`).
    No,
}

/// `PROC_SUPER_MAGIC` and `SYSFS_MAGIC` (linux/magic.h).
const PSEUDO_FILE_SYSTEMS: [u64; 2] = [0x9fa0, 0x6265_6572];

/// Opens `path` for reading if it is a regular file; never blocks on a FIFO.
/// The error names what the file is instead (`not a regular file …`).
pub fn open_regular(path: &Path, follow: Follow) -> io::Result<File> {
    let mut flags = OFlags::NONBLOCK | OFlags::NOCTTY;
    if follow == Follow::No {
        flags |= OFlags::NOFOLLOW;
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)
        .map_err(|e| {
            // ELOOP from O_NOFOLLOW: say what it means.
            if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) {
                io::Error::other("it is a symbolic link, which is not followed here")
            } else {
                e
            }
        })?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        let what = kind_of(&meta);
        return Err(io::Error::other(format!(
            "not a regular file (it is {what})"
        )));
    }
    if let Ok(fs) = rustix::fs::fstatfs(&file) {
        #[allow(clippy::unnecessary_cast)] // the field's type differs by target
        let magic = fs.f_type as u64;
        if PSEUDO_FILE_SYSTEMS.contains(&magic) {
            return Err(io::Error::other(
                "not a regular file (it is a file of /proc or /sys)",
            ));
        }
    }
    Ok(file)
}

fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else {
        "not a file"
    }
}

/// Why a capped read failed.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be opened or read (the message says why).
    Io(io::Error),
    /// The file has more than the limit; the size seen.
    TooBig(u64),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::TooBig(n) => write!(f, "{n} bytes, over the limit"),
        }
    }
}

/// Reads at most `limit` bytes of the regular file at `path` (see
/// [`open_regular`]); a larger file is [`ReadError::TooBig`], unread.
pub fn read_capped(path: &Path, limit: u64, follow: Follow) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path, follow).map_err(ReadError::Io)?;
    let len = file.metadata().map_err(ReadError::Io)?.len();
    if len > limit {
        return Err(ReadError::TooBig(len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooBig(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Why [`read_inside`] failed.
#[derive(Debug)]
pub enum InsideError {
    /// The path leaves the project or is missing (see [`crate::resolve`]).
    Resolve(crate::Resolved),
    /// The resolved file could not be read.
    Read(ReadError),
}

impl std::fmt::Display for InsideError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InsideError::Resolve(e) => write!(f, "{e}"),
            InsideError::Read(ReadError::TooBig(n)) => write!(f, "{n} bytes, over the limit"),
            InsideError::Read(e) => write!(f, "{e}"),
        }
    }
}

/// Reads the file `rel` (relative to `from`, a folder inside `root`), after
/// resolving it inside `root` ([`crate::resolve_inside`]), capped at `limit`.
pub fn read_inside(
    root: &Path,
    from: &Path,
    rel: &Path,
    limit: u64,
) -> Result<Vec<u8>, InsideError> {
    let path = crate::resolve_inside(root, from, rel).map_err(InsideError::Resolve)?;
    read_capped(&path, limit, Follow::Yes).map_err(InsideError::Read)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fifo(path: &Path) {
        rustix::fs::mknodat(
            rustix::fs::CWD,
            path,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
            0,
        )
        .expect("mkfifo");
    }

    #[test]
    fn fifos_devices_folders_and_proc_files_are_refused_at_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let pipe = dir.path().join("pipe");
        fifo(&pipe);
        for (path, what) in [
            (pipe.as_path(), "a FIFO"),
            (Path::new("/dev/null"), "a device"),
            (dir.path(), "a folder"),
            (Path::new("/proc/self/environ"), "/proc"),
        ] {
            let err = read_capped(path, 1024, Follow::Yes).expect_err("refused");
            assert!(err.to_string().contains(what), "{}: {err}", path.display());
        }
    }

    #[test]
    fn a_link_is_refused_without_follow_and_reads_are_capped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "12345").expect("write");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&file, &link).expect("symlink");
        assert_eq!(
            read_capped(&link, 10, Follow::Yes).ok(),
            Some(b"12345".to_vec())
        );
        let err = read_capped(&link, 10, Follow::No).expect_err("link refused");
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert!(matches!(
            read_capped(&file, 4, Follow::No),
            Err(ReadError::TooBig(5))
        ));
    }
}
