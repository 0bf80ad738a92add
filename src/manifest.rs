//! What produced each output file, so a run rewrites only what changed and never silently
//! overwrites a file the user edited.
//!
//! The manifest (`.icp-docs-manifest.json` in the output folder) records per file a hash of
//! its inputs (the rendered document, the style, the format, the tool version) and a hash of
//! the bytes written. A file whose bytes match neither the recorded hash nor the previous one
//! was changed by someone else.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::output::{self, OutputError};

pub const MANIFEST_FILE: &str = ".icp-docs-manifest.json";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// Tool version that wrote the manifest.
    pub tool: String,
    /// By file name.
    pub files: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Hash of everything the file was produced from.
    pub inputs: String,
    /// Hash of the file's bytes as written.
    pub sha256: String,
    /// Hash of the file it replaced: recorded before the rename, so a run interrupted between
    /// the two still recognises the old file as ours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_sha256: Option<String>,
    /// For PDFs: the page number of each heading, reused by the DOCX contents when the PDF
    /// itself is unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub heading_pages: Vec<u32>,
}

/// What to do with one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Same inputs, file untouched since we wrote it.
    Unchanged,
    /// New or changed inputs (or `--force`).
    Write,
    /// The file differs from what we wrote (edited by hand, or not ours): keep it.
    KeepEdited,
}

impl Manifest {
    pub fn path(dir: &Path) -> PathBuf {
        dir.join(MANIFEST_FILE)
    }

    /// Loads the manifest of `dir`; a missing or unreadable one counts as empty.
    pub fn load(dir: &Path) -> Manifest {
        std::fs::read(Manifest::path(dir))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn save(&mut self, dir: &Path) -> Result<(), OutputError> {
        self.tool = env!("CARGO_PKG_VERSION").to_string();
        let text = serde_json::to_string_pretty(self).unwrap_or_default();
        output::write_atomic(&Manifest::path(dir), text.as_bytes())
    }

    /// Decides about `file` (in `dir`) given the hash of its inputs.
    pub fn decide(&self, dir: &Path, file: &str, inputs: &str, force: bool) -> Decision {
        let existing = match std::fs::read(dir.join(file)) {
            Ok(bytes) => bytes,
            Err(_) => return Decision::Write,
        };
        let actual = sha256_hex(&existing);
        let entry = self.files.get(file);
        let ours = entry.is_some_and(|e| {
            e.sha256 == actual || e.previous_sha256.as_deref() == Some(actual.as_str())
        });
        match (ours, force) {
            (_, true) => Decision::Write,
            (false, false) => Decision::KeepEdited,
            (true, false) if entry.is_some_and(|e| e.inputs == inputs && e.sha256 == actual) => {
                Decision::Unchanged
            }
            (true, false) => Decision::Write,
        }
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions() {
        let dir = tempfile::tempdir().unwrap();
        let mut manifest = Manifest::default();
        assert_eq!(
            manifest.decide(dir.path(), "a.pdf", "k1", false),
            Decision::Write
        );

        std::fs::write(dir.path().join("a.pdf"), b"one").unwrap();
        // A file we did not write is kept.
        assert_eq!(
            manifest.decide(dir.path(), "a.pdf", "k1", false),
            Decision::KeepEdited
        );
        assert_eq!(
            manifest.decide(dir.path(), "a.pdf", "k1", true),
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
            manifest.decide(dir.path(), "a.pdf", "k1", false),
            Decision::Unchanged
        );
        assert_eq!(
            manifest.decide(dir.path(), "a.pdf", "k2", false),
            Decision::Write
        );

        // Interrupted between manifest update and rename: the old bytes are still ours.
        manifest.files.get_mut("a.pdf").unwrap().previous_sha256 = Some(sha256_hex(b"one"));
        manifest.files.get_mut("a.pdf").unwrap().sha256 = sha256_hex(b"two");
        assert_eq!(
            manifest.decide(dir.path(), "a.pdf", "k2", false),
            Decision::Write
        );

        std::fs::write(dir.path().join("a.pdf"), b"edited").unwrap();
        assert_eq!(
            manifest.decide(dir.path(), "a.pdf", "k2", false),
            Decision::KeepEdited
        );
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let mut manifest = Manifest::default();
        manifest.files.insert("x".into(), Entry::default());
        manifest.save(dir.path()).unwrap();
        assert_eq!(Manifest::load(dir.path()).files.len(), 1);
        std::fs::write(Manifest::path(dir.path()), b"not json").unwrap();
        assert!(Manifest::load(dir.path()).files.is_empty());
    }
}
