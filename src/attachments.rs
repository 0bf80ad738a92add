//! The scans a profile lists under `attachments` (营业执照, 公示系统截图, 域名证书 …), checked
//! as the upload system takes them: a regular file, PDF, JPEG or GIF by its content (with a
//! matching extension), at most 5 MB, no archives, at most 10 images in all (ONLINE-FORM:
//! the Hunan guide's upload rules). Paths are relative to the profile's folder. The files
//! are only read here; `generate` copies the valid ones into the upload folder.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::check::{Finding, Severity};
use crate::files::{self, Follow, ReadError};
use crate::profile::model::{Attachments, Paths, Profile};

/// Largest file the upload system takes: 5 MB, read strictly as 5 000 000 bytes.
pub const MAX_SCAN_BYTES: u64 = 5_000_000;
/// Images the upload system takes as single files; more go into one PDF.
pub const MAX_IMAGES: usize = 10;

/// What a file is, by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Pdf,
    Jpeg,
    Gif,
}

impl FileKind {
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Jpeg => "jpg",
            FileKind::Gif => "gif",
        }
    }

    pub fn is_image(self) -> bool {
        self != FileKind::Pdf
    }

    fn accepts(self, extension: &str) -> bool {
        match self {
            FileKind::Pdf => extension == "pdf",
            FileKind::Jpeg => matches!(extension, "jpg" | "jpeg"),
            FileKind::Gif => extension == "gif",
        }
    }
}

/// One listed file and what was found.
#[derive(Debug, Clone, Serialize)]
pub struct Scan {
    /// The key under `attachments` (`others` for the named extras).
    pub key: &'static str,
    /// The extra's own name (`attachments.others[].name`).
    pub name: Option<String>,
    /// YAML path of the entry.
    pub yaml_path: String,
    /// As written in the profile.
    pub given: String,
    /// Resolved against the profile's folder.
    pub path: PathBuf,
    pub state: State,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum State {
    Present {
        kind: FileKind,
        bytes: u64,
    },
    Missing,
    /// Found but not uploadable; the reason in Chinese.
    Invalid {
        reason: String,
    },
}

impl Scan {
    pub fn is_present(&self) -> bool {
        matches!(self.state, State::Present { .. })
    }

    /// The file name as given, for notes.
    pub fn file_name(&self) -> String {
        Path::new(&self.given)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.given.clone())
    }
}

/// Every file `attachments` lists, with the key of the checklist item it belongs to.
fn listed(a: &Attachments) -> Vec<(&'static str, Option<String>, String, &str)> {
    let keyed: [(&'static str, &Option<Paths>); 10] = [
        ("business_licence", &a.business_licence),
        ("registry_screenshots", &a.registry_screenshots),
        ("domain_certificates", &a.domain_certificates),
        ("trademark_certificates", &a.trademark_certificates),
        ("hosting_agreements", &a.hosting_agreements),
        ("social_insurance", &a.social_insurance),
        ("office_proof", &a.office_proof),
        ("prior_approvals", &a.prior_approvals),
        ("payment_agreement", &a.payment_agreement),
        ("homepage_screenshots", &a.homepage_screenshots),
    ];
    let mut out = Vec::new();
    for (key, paths) in keyed {
        let Some(paths) = paths else { continue };
        let many = matches!(paths, Paths::Many(_));
        for (i, path) in paths.list().into_iter().enumerate() {
            let yaml = if many {
                format!("attachments.{key}[{i}]")
            } else {
                format!("attachments.{key}")
            };
            out.push((key, None, yaml, path));
        }
    }
    for (j, other) in a.others.iter().enumerate() {
        let many = matches!(other.paths, Paths::Many(_));
        for (i, path) in other.paths.list().into_iter().enumerate() {
            let yaml = if many {
                format!("attachments.others[{j}].paths[{i}]")
            } else {
                format!("attachments.others[{j}].paths")
            };
            out.push(("others", Some(other.name.trim().to_string()), yaml, path));
        }
    }
    out
}

/// Inspects every listed file; `base` is the profile's folder.
pub fn inspect(profile: &Profile, base: &Path) -> Vec<Scan> {
    listed(&profile.attachments)
        .into_iter()
        .map(|(key, name, yaml_path, given)| {
            let path = base.join(given.trim());
            let state = state_of(&path);
            Scan {
                key,
                name,
                yaml_path,
                given: given.trim().to_string(),
                path,
                state,
            }
        })
        .collect()
}

fn state_of(path: &Path) -> State {
    let invalid = |reason: String| State::Invalid { reason };
    let bytes = match files::read_limited(path, MAX_SCAN_BYTES, Follow::Symlinks) {
        Ok(bytes) => bytes,
        Err(ReadError::NotFound) => return State::Missing,
        Err(ReadError::TooLarge { .. }) => {
            let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or_default();
            return invalid(format!(
                "文件大小{:.1}MB，超过5MB",
                size as f64 / 1_000_000.0
            ));
        }
        Err(ReadError::NotRegular { .. }) => return invalid("不是普通文件".to_string()),
        Err(ReadError::Io(e)) => return invalid(format!("无法读取（{e}）")),
    };
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let Some(kind) = sniff(&bytes) else {
        return invalid(match archive(&bytes) {
            true => "压缩包不能上传，请解压后上传PDF、JPG或GIF文件".to_string(),
            false => "不是PDF、JPG或GIF文件".to_string(),
        });
    };
    if kind == FileKind::Jpeg && crate::pdf::jpeg_size(&bytes).is_none() {
        return invalid("JPG文件无法读取图像尺寸，可能已损坏".to_string());
    }
    if !kind.accepts(&extension) {
        return invalid(format!(
            "内容为{}文件，扩展名却是“.{extension}”",
            kind.extension().to_ascii_uppercase()
        ));
    }
    State::Present {
        kind,
        bytes: bytes.len() as u64,
    }
}

fn sniff(bytes: &[u8]) -> Option<FileKind> {
    if bytes.starts_with(b"%PDF-") {
        Some(FileKind::Pdf)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileKind::Jpeg)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(FileKind::Gif)
    } else {
        None
    }
}

fn archive(bytes: &[u8]) -> bool {
    const MAGIC: [&[u8]; 5] = [
        b"PK\x03\x04",
        b"Rar!\x1A\x07",
        b"7z\xBC\xAF\x27\x1C",
        &[0x1F, 0x8B],
        b"BZh",
    ];
    MAGIC.iter().any(|m| bytes.starts_with(m))
}

/// What `check` reports: each missing or invalid file at its line, and too many images.
pub fn findings(scans: &[Scan]) -> Vec<Finding> {
    let mut out = Vec::new();
    for scan in scans {
        match &scan.state {
            State::Present { .. } => {}
            State::Missing => out.push(Finding {
                severity: Severity::Warning,
                rule: "attachment-missing",
                path: scan.yaml_path.clone(),
                message: format!("{} does not exist", scan.path.display()),
                hint: "give the path of the scan relative to the profile's folder, or remove \
                       the entry; the checklist marks the item missing"
                    .to_string(),
            }),
            State::Invalid { reason } => out.push(Finding {
                severity: Severity::Warning,
                rule: "attachment-invalid",
                path: scan.yaml_path.clone(),
                message: format!("{} cannot be uploaded: {reason}", scan.path.display()),
                hint: "the upload system takes PDF, JPG or GIF files of at most 5 MB, no \
                       archives (Hunan guide, unconfirmed elsewhere)"
                    .to_string(),
            }),
        }
    }
    let images: Vec<&Scan> = scans
        .iter()
        .filter(|s| matches!(s.state, State::Present { kind, .. } if kind.is_image()))
        .collect();
    if images.len() > MAX_IMAGES {
        let gifs = images
            .iter()
            .filter(|s| {
                matches!(
                    s.state,
                    State::Present {
                        kind: FileKind::Gif,
                        ..
                    }
                )
            })
            .count();
        // `generate` merges each item's JPEGs into one PDF; GIFs stay single files.
        let (severity, hint) = if gifs <= MAX_IMAGES {
            (
                Severity::Note,
                "generate merges each item's JPEG scans into one PDF in 上传材料/ (Hunan guide: \
                 more than 10 images go into one Word or PDF file)",
            )
        } else {
            (
                Severity::Warning,
                "more than 10 GIF files remain single images: save them as JPEG or PDF (Hunan \
                 guide: more than 10 images go into one Word or PDF file)",
            )
        };
        out.push(Finding {
            severity,
            rule: "attachment-images",
            path: images[MAX_IMAGES].yaml_path.clone(),
            message: format!(
                "{} images are listed; the upload system takes at most {MAX_IMAGES} single images",
                images.len()
            ),
            hint: hint.to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_told_apart_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(FileKind::Pdf));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(FileKind::Jpeg));
        assert_eq!(sniff(b"GIF89a.."), Some(FileKind::Gif));
        assert_eq!(sniff(b"\x89PNG\r\n"), None);
        assert!(archive(b"PK\x03\x04rest"));
        assert!(FileKind::Jpeg.accepts("jpeg") && !FileKind::Pdf.accepts("jpg"));
    }
}
