//! The upload folder (`上传材料/` inside the output folder): the generated PDFs and the
//! profile's valid scans, each named with its number in the materials checklist
//! (`05-股权结构图.pdf`, `14-域名证书.jpg`, `14-域名证书-2.jpg`), so the folder reads in
//! the order the application lists them. When the scans hold more images than the upload
//! system takes as single files (ten), each item's JPEGs are merged into one PDF. Written
//! like the documents: only what changed,
//! never over a file that is not ours, atomically, with a manifest of its own. Scans are
//! only read; nothing is written outside the output folder.

use std::path::{Path, PathBuf};

use super::generate::{commit_staged, GenerateReport, Produced};
use super::Application;
use crate::attachments::{FileKind, Scan, State, MAX_IMAGES};
use crate::context::documents::DOCUMENTS;
use crate::context::materials::{self, Material, Status};
use crate::files::{self, Follow};
use crate::output::manifest::{sha256_hex, Decision, Manifest, OnDisk, MAX_OUTPUT_BYTES};
use crate::output::{self, OutputDir};
use crate::Error;

/// The upload folder's name inside the output folder.
pub const UPLOAD_DIR: &str = "上传材料";

/// One file of the upload folder: its name there and what it is copied from.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub name: String,
    /// One file copied as it is, or the JPEGs merged into this one PDF.
    pub from: Vec<PathBuf>,
    /// A generated document (in the output folder, never a link) or a scan of the user's.
    pub generated: bool,
    /// JPEG scans gathered into one PDF (too many images for single uploads).
    pub merged: bool,
}

/// The files of the upload folder, in the checklist's order; `dir` is the output folder and
/// `documents` the ids whose PDF this run settled there (a PDF it did not is not copied:
/// it may be older than the profile).
pub fn plan(app: &Application, dir: &Path, documents: &[&str]) -> Vec<Planned> {
    let mut list = materials::checklist(&app.profile, &app.facts, &app.variant);
    materials::apply_scans(&mut list, &app.scans);
    let merge = too_many_images(&app.scans);
    let mut planned = Vec::new();
    for (i, material) in list.iter().enumerate() {
        if matches!(material.status, Status::NotRequired | Status::NotApplicable) {
            continue;
        }
        let number = i + 1;
        if let Some(spec) = material
            .document
            .filter(|id| documents.contains(id))
            .and_then(|id| DOCUMENTS.iter().find(|d| d.id == id))
        {
            let stem = output::safe_file_name(spec.file_stem);
            let from = dir.join(format!("{stem}.pdf"));
            if from.is_file() {
                planned.push(Planned {
                    name: format!("{number:02}-{stem}.pdf"),
                    from: vec![from],
                    generated: true,
                    merged: false,
                });
            }
        }
        planned.extend(scans_of(material, &app.scans, number, merge));
    }
    planned
}

/// Whether the profile's images are more than the upload system takes as single files.
fn too_many_images(scans: &[Scan]) -> bool {
    scans
        .iter()
        .filter(|s| matches!(s.state, State::Present { kind, .. } if kind.is_image()))
        .count()
        > MAX_IMAGES
}

/// The files of one item's scans; with `merge`, its JPEGs become one PDF (first, then the
/// PDFs and GIFs as they are).
fn scans_of(material: &Material, scans: &[Scan], number: usize, merge: bool) -> Vec<Planned> {
    let Some(key) = material.scans else {
        return Vec::new();
    };
    let mine: Vec<(&Scan, FileKind)> = scans
        .iter()
        .filter(|s| s.key == key && (key != "others" || s.name.as_deref() == Some(&material.name)))
        .filter_map(|s| match s.state {
            State::Present { kind, .. } => Some((s, kind)),
            _ => None,
        })
        .collect();
    let (jpegs, rest): (Vec<_>, Vec<_>) = mine
        .into_iter()
        .partition(|(_, kind)| merge && *kind == FileKind::Jpeg);
    let stem = output::safe_file_name(&material.name);
    let mut files: Vec<(Vec<PathBuf>, &'static str, bool)> = Vec::new();
    if !jpegs.is_empty() {
        files.push((
            jpegs.iter().map(|(s, _)| s.path.clone()).collect(),
            "pdf",
            true,
        ));
    }
    for (scan, kind) in rest {
        files.push((vec![scan.path.clone()], kind.extension(), false));
    }
    let many = files.len() > 1;
    files
        .into_iter()
        .enumerate()
        .map(|(k, (from, extension, merged))| Planned {
            name: if many {
                format!("{number:02}-{stem}-{}.{extension}", k + 1)
            } else {
                format!("{number:02}-{stem}.{extension}")
            },
            from,
            generated: false,
            merged,
        })
        .collect()
}

/// The bytes of one planned file: a copy, or the merged PDF of its JPEGs.
fn bytes_of(file: &Planned) -> Result<Vec<u8>, String> {
    let follow = if file.generated {
        Follow::NoSymlinks
    } else {
        Follow::Symlinks
    };
    let read = |path: &PathBuf| {
        files::read_limited(path, MAX_OUTPUT_BYTES, follow)
            .map_err(|e| format!("{}: not copied, {e}", path.display()))
    };
    if !file.merged {
        return match file.from.first() {
            Some(path) => read(path),
            None => Err(format!("{}: nothing to copy", file.name)),
        };
    }
    let images = file.from.iter().map(read).collect::<Result<Vec<_>, _>>()?;
    crate::pdf::jpegs_to_pdf(&images).map_err(|e| format!("{}: {e}", file.name))
}

/// Writes the upload folder of `app` inside the output folder `dir`; with `prune`, files an
/// earlier run put there that are no longer planned are removed.
pub(super) fn write(
    app: &Application,
    dir: &Path,
    documents: &[&str],
    force: bool,
    prune: bool,
    report: &mut GenerateReport,
) -> Result<(), Error> {
    let planned = plan(app, dir, documents);
    let out = OutputDir::lock(&dir.join(UPLOAD_DIR), output::lock_wait())?;
    let (mut manifest, _) = Manifest::load(out.path());
    let mut produced = Produced::default();
    for file in &planned {
        let bytes = match bytes_of(file) {
            Ok(bytes) => bytes,
            Err(note) => {
                report.notes.push(note);
                continue;
            }
        };
        let inputs = sha256_hex(&bytes);
        let disk = OnDisk::of(out.path(), &file.name);
        match manifest.decide(&file.name, &disk, &inputs, force) {
            Decision::Unchanged => produced.unchanged.push(file.name.clone()),
            Decision::Keep(reason) => produced.kept.push((file.name.clone(), reason)),
            decision => {
                produced.settle(&out, file.name.clone(), decision, &disk, &bytes, inputs)?
            }
        }
    }
    let folder = out.path().to_path_buf();
    let (staged, _) = produced.record(&folder, &mut manifest, report);
    // A run of some documents only (`--only`, no PDF) leaves the others' copies alone.
    if prune {
        remove_stale(&out, &mut manifest, &planned, report);
    }
    // The upload folder's own manifest records no run: its run is the documents'.
    commit_staged(&out, &mut manifest, staged, report, |_| None)
}

/// Removes the files an earlier run put there that the checklist no longer lists (a number
/// that moved, a scan removed from the profile), when they are still as we wrote them.
fn remove_stale(
    out: &OutputDir,
    manifest: &mut Manifest,
    planned: &[Planned],
    report: &mut GenerateReport,
) {
    let stale: Vec<String> = manifest
        .files
        .keys()
        .filter(|name| !planned.iter().any(|p| &p.name == *name))
        .cloned()
        .collect();
    for name in stale {
        let ours = manifest
            .files
            .get(&name)
            .is_some_and(|e| OnDisk::of(out.path(), &name).sha256() == Some(e.sha256.as_str()));
        if ours && std::fs::remove_file(out.path().join(&name)).is_ok() {
            manifest.files.remove(&name);
            report.notes.push(format!(
                "removed {} from {UPLOAD_DIR}: no longer in the checklist",
                name
            ));
        } else if !ours {
            manifest.files.remove(&name);
        }
    }
}
