//! What produced each output file, so a run rewrites only what changed and never silently
//! overwrites a file the user edited.
//!
//! The manifest (`.icp-docs-manifest.json` in the output folder) records per file a hash of
//! its inputs (the rendered document, the style, the format, the tool version) and a hash of
//! the bytes written. A file whose bytes match neither the recorded hash nor the previous one
//! is compared with what the profile gives now: the same bytes are adopted, anything else
//! was changed by someone else and is kept. So a lost or corrupt manifest costs time, never
//! a document: the run still says which files differ from the profile.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::files::{self, Follow, ReadError};
use crate::output::{OutputDir, OutputError};

pub const MANIFEST_FILE: &str = ".icp-docs-manifest.json";
/// A manifest of a few dozen files is a few kilobytes; anything near this is not ours.
pub const MAX_MANIFEST_BYTES: u64 = 1024 * 1024;
/// Larger than any document we write by far: a bigger file in the folder is not ours.
pub const MAX_OUTPUT_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// Tool version that wrote the manifest.
    pub tool: String,
    /// By file name.
    pub files: BTreeMap<String, Entry>,
    /// The last run that left the folder holding exactly what the profile gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_run: Option<LastRun>,
}

/// What the next run needs to see that it would change nothing, without rendering: the
/// key of everything the documents were made from, and each file as the run left it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LastRun {
    pub key: String,
    pub files: BTreeMap<String, Stamp>,
    /// The warnings the run printed, plain and coloured, to print again.
    pub warnings: [String; 2],
}

impl LastRun {
    /// True when every file is as this run left it (same length and modification time, a
    /// regular file, not a link): what a build tool takes for "untouched".
    pub fn files_untouched(&self, dir: &Path) -> bool {
        self.files
            .iter()
            .all(|(name, stamp)| Stamp::of(&dir.join(name)).as_ref() == Some(stamp))
    }
}

/// A file's length and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub len: u64,
    /// Nanoseconds since the Unix epoch (negative before it).
    pub modified_ns: i128,
}

impl Stamp {
    /// The stamp of a regular file (a link or anything else has none).
    pub fn of(path: &Path) -> Option<Stamp> {
        let metadata = std::fs::symlink_metadata(path).ok()?;
        if !metadata.is_file() {
            return None;
        }
        let modified = metadata.modified().ok()?;
        let modified_ns = match modified.duration_since(std::time::UNIX_EPOCH) {
            Ok(after) => after.as_nanos() as i128,
            Err(before) => -(before.duration().as_nanos() as i128),
        };
        Some(Stamp {
            len: metadata.len(),
            modified_ns,
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Hash of everything the file was produced from.
    pub inputs: String,
    /// Hash of the file's bytes as written.
    pub sha256: String,
    /// Hash of the bytes that were on disk when this run replaced them: recorded before the
    /// rename, so a run interrupted between the two still recognises the old file as ours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_sha256: Option<String>,
}

/// What an output file's name holds on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnDisk {
    /// Nothing: the only state in which a file may be written without asking.
    Absent,
    /// A regular file with these bytes.
    File { sha256: String },
    /// Something we cannot take for ours: a link, a FIFO, an unreadable or huge file.
    Foreign { reason: String },
}

impl OnDisk {
    /// Looks at `name` in `dir` without following a symlink and without blocking.
    pub fn of(dir: &Path, name: &str) -> OnDisk {
        match files::read_limited(&dir.join(name), MAX_OUTPUT_BYTES, Follow::NoSymlinks) {
            Ok(bytes) => OnDisk::File {
                sha256: sha256_hex(&bytes),
            },
            Err(ReadError::NotFound) => OnDisk::Absent,
            Err(err) => OnDisk::Foreign {
                reason: err.to_string(),
            },
        }
    }

    pub fn sha256(&self) -> Option<&str> {
        match self {
            OnDisk::File { sha256 } => Some(sha256),
            _ => None,
        }
    }
}

/// What to do with one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Same inputs, file untouched since we wrote it.
    Unchanged,
    /// New or changed inputs of a file that is ours (or absent, or `--force`).
    Write,
    /// The manifest does not vouch for the file: produce it and compare the bytes (equal:
    /// adopt it; different: keep it).
    Compare,
    /// Not ours and not what we would write: keep it, for this reason.
    Keep(String),
}

/// How [`Manifest::load`] found the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    Read,
    Missing,
    /// Unreadable, corrupt or oversized: treated as missing, for this reason.
    Ignored(String),
}

impl Loaded {
    /// What the user should be told, given whether files were kept.
    pub fn note(&self, kept_any: bool) -> Option<String> {
        match self {
            Loaded::Read => None,
            Loaded::Missing if !kept_any => None,
            Loaded::Missing => Some(format!(
                "there is no {MANIFEST_FILE}, so files written by an earlier run cannot be told \
                 from hand edits: those that differ from what the profile gives were kept"
            )),
            Loaded::Ignored(problem) => Some(format!(
                "{MANIFEST_FILE} {problem}: ignored, so every file was compared with what the \
                 profile gives"
            )),
        }
    }
}

/// Why a file that differs from what the profile gives is kept.
pub const EDITED: &str = "differs from what the profile gives (edited by hand?)";

impl Manifest {
    pub fn path(dir: &Path) -> PathBuf {
        dir.join(MANIFEST_FILE)
    }

    /// Loads the manifest of `dir`. A missing one is empty; an unreadable, corrupt or
    /// oversized one is empty too, and says why.
    pub fn load(dir: &Path) -> (Manifest, Loaded) {
        let path = Manifest::path(dir);
        let problem = match files::read_limited(&path, MAX_MANIFEST_BYTES, Follow::NoSymlinks) {
            Ok(bytes) => match serde_json::from_slice::<Manifest>(&bytes) {
                Ok(manifest) => return (manifest, Loaded::Read),
                Err(err) => format!("is corrupt ({err})"),
            },
            Err(ReadError::NotFound) => return (Manifest::default(), Loaded::Missing),
            Err(err) => err.to_string(),
        };
        (Manifest::default(), Loaded::Ignored(problem))
    }

    pub fn save(&mut self, out: &OutputDir) -> Result<(), OutputError> {
        self.tool = env!("CARGO_PKG_VERSION").to_string();
        let text = serde_json::to_string_pretty(self).unwrap_or_default();
        out.stage(MANIFEST_FILE, text.as_bytes())?.commit()
    }

    /// Decides about `file` given what is on disk and the hash of its inputs.
    pub fn decide(&self, file: &str, disk: &OnDisk, inputs: &str, force: bool) -> Decision {
        let actual = match disk {
            _ if force => return Decision::Write,
            OnDisk::Absent => return Decision::Write,
            OnDisk::Foreign { reason } => return Decision::Keep(reason.clone()),
            OnDisk::File { sha256 } => sha256.as_str(),
        };
        match self.files.get(file) {
            Some(e) if e.sha256 == actual && e.inputs == inputs => Decision::Unchanged,
            Some(e) if e.sha256 == actual || e.previous_sha256.as_deref() == Some(actual) => {
                Decision::Write
            }
            _ => Decision::Compare,
        }
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of a value's `Hash` stream: keys a document model without formatting it into a
/// string first (which cost more than typesetting a short document).
pub fn sha256_of(value: &impl std::hash::Hash) -> String {
    /// Only the digest is read; `finish` exists because `Hasher` asks for it.
    struct Feed(Sha256);
    impl std::hash::Hasher for Feed {
        fn write(&mut self, bytes: &[u8]) {
            self.0.update(bytes);
        }
        fn finish(&self) -> u64 {
            0
        }
    }
    let mut feed = Feed(Sha256::new());
    value.hash(&mut feed);
    hex(&feed.0.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(bytes: &[u8]) -> OnDisk {
        OnDisk::File {
            sha256: sha256_hex(bytes),
        }
    }

    #[test]
    fn decisions() {
        let mut manifest = Manifest::default();
        assert_eq!(
            manifest.decide("a.pdf", &OnDisk::Absent, "k1", false),
            Decision::Write
        );
        // A file the manifest does not know is compared with what we would write.
        assert_eq!(
            manifest.decide("a.pdf", &file(b"one"), "k1", false),
            Decision::Compare
        );
        assert_eq!(
            manifest.decide("a.pdf", &file(b"one"), "k1", true),
            Decision::Write
        );

        manifest.files.insert(
            "a.pdf".into(),
            Entry {
                inputs: "k1".into(),
                sha256: sha256_hex(b"one"),
                ..Entry::default()
            },
        );
        assert_eq!(
            manifest.decide("a.pdf", &file(b"one"), "k1", false),
            Decision::Unchanged
        );
        assert_eq!(
            manifest.decide("a.pdf", &file(b"one"), "k2", false),
            Decision::Write
        );

        // Interrupted between manifest update and rename: the old bytes are still ours.
        manifest.files.get_mut("a.pdf").unwrap().previous_sha256 = Some(sha256_hex(b"one"));
        manifest.files.get_mut("a.pdf").unwrap().sha256 = sha256_hex(b"two");
        assert_eq!(
            manifest.decide("a.pdf", &file(b"one"), "k2", false),
            Decision::Write
        );
        assert_eq!(
            manifest.decide("a.pdf", &file(b"edited"), "k2", false),
            Decision::Compare
        );
        // Something that cannot be read is not absent.
        let foreign = OnDisk::Foreign {
            reason: "cannot be read: permission denied".into(),
        };
        assert_eq!(
            manifest.decide("a.pdf", &foreign, "k2", false),
            Decision::Keep("cannot be read: permission denied".into())
        );
        assert_eq!(
            manifest.decide("a.pdf", &foreign, "k2", true),
            Decision::Write
        );
    }

    #[test]
    fn round_trip_and_bad_manifests() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutputDir::lock(dir.path(), std::time::Duration::ZERO).unwrap();
        let mut manifest = Manifest::default();
        manifest.files.insert("x".into(), Entry::default());
        manifest.save(&out).unwrap();
        let (loaded, state) = Manifest::load(dir.path());
        assert_eq!((loaded.files.len(), state), (1, Loaded::Read));

        std::fs::write(Manifest::path(dir.path()), b"not json").unwrap();
        let (loaded, state) = Manifest::load(dir.path());
        assert!(loaded.files.is_empty());
        assert!(state.note(false).unwrap().contains("is corrupt"));

        let huge = vec![b' '; MAX_MANIFEST_BYTES as usize + 1];
        std::fs::write(Manifest::path(dir.path()), huge).unwrap();
        let (_, state) = Manifest::load(dir.path());
        assert!(state
            .note(false)
            .unwrap()
            .contains("is larger than 1048576 bytes"));

        std::fs::remove_file(Manifest::path(dir.path())).unwrap();
        let (_, state) = Manifest::load(dir.path());
        assert_eq!((state.note(false), state), (None, Loaded::Missing));
    }

    #[cfg(unix)]
    #[test]
    fn what_is_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(OnDisk::of(dir.path(), "a"), OnDisk::Absent);
        std::fs::write(dir.path().join("a"), b"one").unwrap();
        assert_eq!(OnDisk::of(dir.path(), "a"), file(b"one"));
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("z")).unwrap();
        assert_eq!(
            OnDisk::of(dir.path(), "z"),
            OnDisk::Foreign {
                reason: "is a symbolic link, not a regular file".into()
            }
        );
    }
}
