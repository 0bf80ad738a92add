//! Reading files that may not be what their name says: a FIFO or a device never blocks or
//! floods the reader, a size limit holds while reading (not only by the size the file
//! claims), and where a symlink must not be followed (in an output folder) it is refused.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Whether the last component of a path may be a symlink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    /// Inputs the user names (a profile may be a link to a shared file).
    Symlinks,
    /// Files inside an output folder: a link there is never ours.
    NoSymlinks,
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("does not exist")]
    NotFound,
    #[error("is {kind}, not a regular file")]
    NotRegular { kind: &'static str },
    #[error("is larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("cannot be read: {0}")]
    Io(#[source] std::io::Error),
}

/// Reads the regular file at `path`, at most `limit` bytes.
pub fn read_limited(path: &Path, limit: u64, follow: Follow) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path, follow)?;
    let claimed = file.metadata().map_err(ReadError::Io)?.len();
    if claimed > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(claimed).unwrap_or(0));
    // The file may grow while we read (or lie about its size): the limit holds anyway.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Opens `path` for reading if it is a regular file, without blocking on a FIFO.
pub fn open_regular(path: &Path, follow: Follow) -> Result<File, ReadError> {
    let file = open_nonblocking(path, follow).map_err(|err| classify_open_error(path, err))?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular {
            kind: kind_of(&metadata.file_type()),
        });
    }
    Ok(file)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path, follow: Follow) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut flags = libc::O_NONBLOCK | libc::O_CLOEXEC;
    if follow == Follow::NoSymlinks {
        flags |= libc::O_NOFOLLOW;
    }
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path, follow: Follow) -> std::io::Result<File> {
    if follow == Follow::NoSymlinks {
        let metadata = std::fs::symlink_metadata(path)?;
        if metadata.file_type().is_symlink() {
            return Err(std::io::Error::other("is a symbolic link"));
        }
    }
    File::open(path)
}

fn classify_open_error(path: &Path, err: std::io::Error) -> ReadError {
    if err.kind() == std::io::ErrorKind::NotFound {
        return ReadError::NotFound;
    }
    // O_NOFOLLOW on a symlink fails with ELOOP; say what the file is instead.
    if let Ok(metadata) = std::fs::symlink_metadata(path) {
        if metadata.file_type().is_symlink() {
            return ReadError::NotRegular {
                kind: "a symbolic link",
            };
        }
    }
    ReadError::Io(err)
}

/// What kind of file `file_type` is, for messages.
pub fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    if file_type.is_dir() {
        return "a directory";
    }
    if file_type.is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
    }
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(
            read_limited(&path, 5, Follow::NoSymlinks).unwrap(),
            b"12345"
        );
        assert!(matches!(
            read_limited(&path, 4, Follow::NoSymlinks),
            Err(ReadError::TooLarge { limit: 4 })
        ));
        assert!(matches!(
            read_limited(&dir.path().join("b"), 4, Follow::NoSymlinks),
            Err(ReadError::NotFound)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn special_files_and_links_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let err = read_limited(&fifo, 10, Follow::Symlinks).unwrap_err();
        assert_eq!(err.to_string(), "is a FIFO, not a regular file");

        let zero = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let err = read_limited(&zero, 10, Follow::NoSymlinks).unwrap_err();
        assert_eq!(err.to_string(), "is a symbolic link, not a regular file");
        let err = read_limited(&zero, 10, Follow::Symlinks).unwrap_err();
        assert_eq!(err.to_string(), "is a device, not a regular file");
        let err = read_limited(dir.path(), 10, Follow::Symlinks).unwrap_err();
        assert_eq!(err.to_string(), "is a directory, not a regular file");
        assert!(!matches!(err, ReadError::NotFound));
    }
}
