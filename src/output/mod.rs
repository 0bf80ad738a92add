//! Writing results: atomic file replacement, one run per output folder at a time, safe file
//! names, reproducible dates.
//!
//! A file is written under a temporary name in its own folder and renamed over the target
//! once complete. The temporary name is random and created exclusively (`O_EXCL`), so a file
//! or symlink planted under a predictable name can neither be followed nor block the run; it
//! is short, so a long final name never makes the temporary one too long. An output folder
//! is locked (advisory, on the folder itself) while a run writes into it, and the run removes the temporary files that killed
//! runs left behind.

pub mod manifest;

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Temporary files are `.icp-docs-<16 hex digits>.tmp`.
const TEMP_PREFIX: &str = ".icp-docs-";
const TEMP_SUFFIX: &str = ".tmp";
/// Where the folder itself cannot be locked (not on Unix), this file in it is.
#[cfg(not(unix))]
const LOCK_FILE: &str = ".icp-docs.lock";
/// The longest file name (in bytes) common file systems accept.
pub const NAME_MAX: usize = 255;
/// Room left for an extension (`.docx`) and a margin when a name is shortened.
const MAX_STEM_BYTES: usize = 200;
/// How long a run waits for another one on the same folder, unless `ICP_DOCS_LOCK_WAIT`
/// (seconds) says otherwise.
const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {}: the file name is {bytes} bytes, more than the {NAME_MAX} a file system accepts", path.display())]
    NameTooLong { path: PathBuf, bytes: usize },
    #[error(
        "another icp-docs run is writing into {} (it holds the folder's lock); waited {waited} s: \
         try again when it has finished",
        dir.display()
    )]
    Locked { dir: PathBuf, waited: u64 },
    #[error("cannot lock {}: {source}", path.display())]
    Lock {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// How long to wait for another run's lock: `ICP_DOCS_LOCK_WAIT` seconds, or 10.
pub fn lock_wait() -> Duration {
    std::env::var("ICP_DOCS_LOCK_WAIT")
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map_or(DEFAULT_LOCK_WAIT, |s| {
            Duration::from_secs_f64(s.min(86_400.0))
        })
}

/// An output folder this process holds the lock of; files are staged into it by name.
#[derive(Debug)]
pub struct OutputDir {
    dir: PathBuf,
    /// Held open for the lock; closing it releases the lock.
    _lock: File,
    /// Temporary files of killed runs removed when the lock was taken.
    pub removed_stale: usize,
}

impl OutputDir {
    /// Creates `dir` if needed and locks it, waiting up to `wait` for another run.
    pub fn lock(dir: &Path, wait: Duration) -> Result<OutputDir, OutputError> {
        std::fs::create_dir_all(dir).map_err(|source| OutputError::Write {
            path: dir.to_path_buf(),
            source,
        })?;
        let fail = |source| OutputError::Lock {
            path: dir.to_path_buf(),
            source,
        };
        let file = open_lock(dir).map_err(fail)?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(OutputError::Locked {
                        dir: dir.to_path_buf(),
                        waited: wait.as_secs(),
                    })
                }
                Err(std::fs::TryLockError::Error(err)) => return Err(fail(err)),
            }
        }
        let mut locked = OutputDir {
            dir: dir.to_path_buf(),
            _lock: file,
            removed_stale: 0,
        };
        locked.removed_stale = locked.remove_stale_temps();
        Ok(locked)
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Stages `bytes` as the file `name` of this folder.
    pub fn stage(&self, name: &str, bytes: &[u8]) -> Result<Staged, OutputError> {
        let path = self.dir.join(name);
        let single = Path::new(name).components().count() == 1
            && !name.is_empty()
            && !matches!(name, "." | "..")
            && !name.contains(['/', '\\']);
        if !single {
            return Err(OutputError::Write {
                path,
                source: std::io::Error::other("the name would leave the output folder"),
            });
        }
        stage(&path, bytes)
    }

    /// Makes the renames durable: a crash after the run leaves the new names, not the old.
    pub fn sync(&self) {
        if let Ok(dir) = File::open(&self.dir) {
            let _ = dir.sync_all();
        }
    }

    /// Removes temporary files left by killed runs (ours, and the `.<name>.<pid>.tmp` of
    /// earlier versions). Holding the lock, no live run can be writing them.
    fn remove_stale_temps(&self) -> usize {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return 0;
        };
        let mut removed = 0;
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if !is_dir
                && (is_temp_name(name) || is_legacy_temp_name(name))
                && std::fs::remove_file(entry.path()).is_ok()
            {
                removed += 1;
            }
        }
        removed
    }
}

/// The folder itself carries the lock (an advisory `flock`): nothing is added to the
/// folder the user submits, and there is no lock file to plant a symlink at.
#[cfg(unix)]
fn open_lock(dir: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY | libc::O_CLOEXEC)
        .open(dir)
}

#[cfg(not(unix))]
fn open_lock(dir: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join(LOCK_FILE))
}

/// A name [`stage`] gives its temporary files.
pub fn is_temp_name(name: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX)
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        .is_some_and(|hex| hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `.<output name>.<pid>.tmp`, as versions before the random names wrote them.
fn is_legacy_temp_name(name: &str) -> bool {
    let Some(inner) = name
        .strip_prefix('.')
        .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
    else {
        return false;
    };
    let Some((file, pid)) = inner.rsplit_once('.') else {
        return false;
    };
    !pid.is_empty()
        && pid.bytes().all(|b| b.is_ascii_digit())
        && [".pdf", ".docx", ".md", ".json"]
            .iter()
            .any(|ext| file.ends_with(ext))
}

/// Replaces `path` with `bytes` atomically: the bytes go to a temporary file in the same folder,
/// which is synced and then renamed over the target, so a reader (or a crash) sees either the
/// old file or the new one, never half of one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    stage(path, bytes)?.commit()
}

/// A file fully written and synced under a temporary name, waiting to replace its target.
/// Dropping it without `commit` removes the temporary file and leaves the target as it was.
#[derive(Debug)]
pub struct Staged {
    temp: PathBuf,
    target: PathBuf,
    committed: bool,
}

/// Writes `bytes` next to `path` under a fresh temporary name (first half of
/// [`write_atomic`]).
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged, OutputError> {
    let fail = |source| OutputError::Write {
        path: path.to_path_buf(),
        source,
    };
    let name_bytes = path.file_name().map_or(0, |n| n.len());
    if name_bytes > NAME_MAX {
        return Err(OutputError::NameTooLong {
            path: path.to_path_buf(),
            bytes: name_bytes,
        });
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    let (temp, mut file) = create_temp(dir).map_err(fail)?;
    // From here on, dropping `staged` removes the temporary file.
    let staged = Staged {
        temp,
        target: path.to_path_buf(),
        committed: false,
    };
    file.write_all(bytes).map_err(fail)?;
    file.sync_all().map_err(fail)?;
    Ok(staged)
}

/// Creates a new file with a random name in `dir`; never opens an existing file or link.
fn create_temp(dir: &Path) -> std::io::Result<(PathBuf, File)> {
    let mut last_error = None;
    for _ in 0..16 {
        let temp = dir.join(format!("{TEMP_PREFIX}{:016x}{TEMP_SUFFIX}", random_u64()));
        match create_new(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => last_error = Some(err),
            Err(err) => return Err(err),
        }
    }
    Err(last_error.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

#[cfg(unix)]
fn create_new(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
}

#[cfg(not(unix))]
fn create_new(path: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

/// 64 unpredictable bits from the operating system (a hashed clock if it has none to give).
fn random_u64() -> u64 {
    getrandom::u64().unwrap_or_else(|_| {
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        hasher.finish()
    })
}

impl Staged {
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Renames the temporary file over the target (a symlink there is replaced, not
    /// followed).
    pub fn commit(mut self) -> Result<(), OutputError> {
        std::fs::rename(&self.temp, &self.target).map_err(|source| OutputError::Write {
            path: self.target.clone(),
            source,
        })?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// A file or folder name that is safe on every common file system: no separators, no
/// characters Windows forbids, no leading dot, not empty, not a reserved device name, and
/// short enough (in bytes) to take an extension within [`NAME_MAX`].
pub fn safe_file_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    out = out
        .trim()
        .trim_start_matches('.')
        .trim_end_matches('.')
        .to_string();
    let upper = out.to_ascii_uppercase();
    let stem = upper.split('.').next().unwrap_or_default();
    let reserved = matches!(stem, "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    if out.is_empty() || reserved {
        out = format!("_{out}");
    }
    let mut end = out.len().min(MAX_STEM_BYTES);
    while !out.is_char_boundary(end) {
        end -= 1;
    }
    out.truncate(end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_safe() {
        assert_eq!(safe_file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_file_name("业务发展和实施计划"), "业务发展和实施计划");
        assert_eq!(safe_file_name("a:b*c?"), "a_b_c_");
        assert_eq!(safe_file_name("CON"), "_CON");
        assert_eq!(safe_file_name(""), "_");
        let long = safe_file_name(&"龘".repeat(100));
        assert!(long.len() <= MAX_STEM_BYTES && long.chars().all(|c| c == '龘'));
    }

    #[test]
    fn atomic_write_replaces_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn temporary_names_are_fresh_and_short() {
        let dir = tempfile::tempdir().unwrap();
        let long = dir.path().join("x".repeat(250));
        let a = stage(&long, b"a").unwrap();
        let b = stage(&long, b"b").unwrap();
        assert_ne!(a.temp, b.temp);
        let temp_name = a.temp.file_name().unwrap().to_str().unwrap().to_string();
        assert!(
            is_temp_name(&temp_name) && temp_name.len() < 40,
            "{temp_name}"
        );
        drop((a, b));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        assert!(matches!(
            stage(&dir.path().join("x".repeat(256)), b""),
            Err(OutputError::NameTooLong { bytes: 256, .. })
        ));
    }

    #[test]
    fn a_second_lock_waits_then_refuses() {
        let dir = tempfile::tempdir().unwrap();
        let first = OutputDir::lock(dir.path(), Duration::ZERO).unwrap();
        let start = Instant::now();
        let err = OutputDir::lock(dir.path(), Duration::from_millis(200)).unwrap_err();
        assert!(start.elapsed() >= Duration::from_millis(200));
        assert!(matches!(err, OutputError::Locked { .. }), "{err}");
        drop(first);
        OutputDir::lock(dir.path(), Duration::ZERO).unwrap();
    }

    #[test]
    fn stale_temporary_files_are_removed_under_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            ".icp-docs-0123456789abcdef.tmp",
            ".公司概况.pdf.4242.tmp",
            ".公司概况.docx.7.tmp",
        ] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        for keep in [".notes.tmp", "a.tmp", ".icp-docs-xyz.tmp", "公司概况.pdf"] {
            std::fs::write(dir.path().join(keep), b"x").unwrap();
        }
        let locked = OutputDir::lock(dir.path(), Duration::ZERO).unwrap();
        assert_eq!(locked.removed_stale, 3);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [".icp-docs-xyz.tmp", ".notes.tmp", "a.tmp", "公司概况.pdf"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_symlink_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"precious").unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::os::unix::fs::symlink(&victim, out.join("a.pdf")).unwrap();
        let locked = OutputDir::lock(&out, Duration::ZERO).unwrap();
        locked.stage("a.pdf", b"new").unwrap().commit().unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert!(!std::fs::symlink_metadata(out.join("a.pdf"))
            .unwrap()
            .file_type()
            .is_symlink());
    }
}
