//! Writing a profile's documents: only what changed, never over a file that is not ours, with
//! every file replaced atomically, the output folder locked for the run and the manifest kept
//! consistent if the run is interrupted.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use std::collections::BTreeMap;

use super::fresh::{run_key, unchanged_run};
use super::writers::{Format, Rendition};
use super::{output_dir, Application, Composed, Pipeline};
use crate::check::Report;
use crate::output::manifest::{
    sha256_hex, sha256_of, Decision, Entry, LastRun, Loaded, Manifest, OnDisk, Stamp, EDITED,
};
use crate::output::{self, OutputDir, Staged};
use crate::style::{StyleName, StyleSheet};
use crate::typeset::Layout;
use crate::Error;

#[derive(Debug, Clone)]
pub struct GenerateOptions {
    pub profile: PathBuf,
    /// Overrides `application.province`.
    pub province: Option<String>,
    pub out_dir: PathBuf,
    /// The formats to write (`Format::Markdown` for template authors).
    pub formats: Vec<Format>,
    pub style: StyleName,
    /// Restrict to these document ids.
    pub only: Option<Vec<String>>,
    /// Rewrite every file, even unchanged or hand-edited ones.
    pub force: bool,
}

#[derive(Debug)]
pub struct GenerateReport {
    /// Folder of the documents.
    pub dir: PathBuf,
    pub written: Vec<PathBuf>,
    /// Same inputs as last time, or already holding exactly what would be written: left as
    /// they are.
    pub unchanged: Vec<PathBuf>,
    /// Not what the profile gives and not ours to replace (edited by hand, unreadable, a
    /// link …): kept, not overwritten (use `force`). The documents on disk then differ
    /// from the profile, which the exit status says.
    pub kept: Vec<PathBuf>,
    /// Why each of `kept` was kept, in the same order.
    pub kept_reasons: Vec<String>,
    /// Things the user should know about the folder (a corrupt manifest, stale files
    /// removed).
    pub notes: Vec<String>,
    /// Warnings and notes about the profile (errors stop generation).
    pub findings: Report,
    /// The warnings as the last run printed them (plain, coloured), when this run found
    /// nothing to do without checking the profile again.
    pub(super) replayed_warnings: Option<[String; 2]>,
}

impl GenerateReport {
    pub(super) fn new(dir: PathBuf, findings: Report) -> GenerateReport {
        GenerateReport {
            dir,
            written: Vec::new(),
            unchanged: Vec::new(),
            kept: Vec::new(),
            kept_reasons: Vec::new(),
            notes: Vec::new(),
            findings,
            replayed_warnings: None,
        }
    }

    /// The warnings about the profile as the user should see them, if there are any.
    pub fn warnings(&self, color: bool) -> Option<String> {
        let text = match &self.replayed_warnings {
            Some([plain, colored]) => (if color { colored } else { plain }).clone(),
            None => warnings_text(&self.findings, color),
        };
        (!text.is_empty()).then_some(text)
    }

    /// One line: what was written, skipped and kept.
    pub fn summary(&self) -> String {
        let mut text = format!(
            "{}: wrote {}, unchanged {}",
            self.dir.display(),
            self.written.len(),
            self.unchanged.len()
        );
        if !self.kept.is_empty() {
            let names: Vec<String> = self
                .kept
                .iter()
                .zip(&self.kept_reasons)
                .map(|(p, reason)| {
                    let name = p
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    if reason == EDITED {
                        name
                    } else {
                        format!("{name}: {reason}")
                    }
                })
                .collect();
            text.push_str(&format!(
                ", kept {} edited by hand ({}; --force replaces them)",
                self.kept.len(),
                names.join(", ")
            ));
        }
        text
    }

    /// True when every document on disk is what the profile gives.
    pub fn complete(&self) -> bool {
        self.kept.is_empty()
    }
}

/// A profile that passed its checks, with the folder its documents go to.
pub struct Prepared {
    application: Application,
    /// `<out>/<profile file stem>/<province>/`.
    pub dir: PathBuf,
}

impl Pipeline {
    /// Checks, renders and writes one profile's documents (or finds, from the folder's
    /// manifest, that a run would change nothing: [`fresh`](super::fresh)).
    pub fn generate(&self, options: &GenerateOptions) -> Result<GenerateReport, Error> {
        if let Some(report) = unchanged_run(options, self.user_templates()) {
            return Ok(report);
        }
        self.generate_in_full(options)
    }

    /// [`Pipeline::generate`] without looking for an unchanged run first (for a caller
    /// that already has).
    pub fn generate_in_full(&self, options: &GenerateOptions) -> Result<GenerateReport, Error> {
        let prepared = self.prepare_job(options)?;
        self.write_job(prepared, options)
    }

    /// Loads and checks a profile and works out its output folder; writes nothing.
    pub fn prepare_job(&self, options: &GenerateOptions) -> Result<Prepared, Error> {
        let application = self.prepare(&options.profile, options.province.as_deref())?;
        let dir = output_dir(&options.out_dir, &options.profile, application.province);
        Ok(Prepared { application, dir })
    }

    /// Renders a prepared profile and writes what changed, holding the folder's lock.
    pub fn write_job(
        &self,
        mut prepared: Prepared,
        options: &GenerateOptions,
    ) -> Result<GenerateReport, Error> {
        let rendered = self.documents(&prepared.application, options.only.as_deref())?;
        let style = StyleSheet::get(options.style);
        let dir = prepared.dir;
        let out = OutputDir::lock(&dir, output::lock_wait())?;
        let (mut manifest, loaded) = Manifest::load(&dir);
        // Whatever happens below, the record of the last run no longer holds until this
        // run is complete.
        let previous_run = manifest.last_run.take();
        // Scans live outside the profile: a run that copies them is never skipped.
        let key = if prepared.application.scans.is_empty() {
            run_key(options, &prepared.application.source, self.user_templates())
        } else {
            None
        };
        let findings = std::mem::take(&mut prepared.application.findings);
        let mut report = GenerateReport::new(dir.clone(), findings);
        if out.removed_stale > 0 {
            report.notes.push(format!(
                "removed {} temporary file(s) left by an interrupted run",
                out.removed_stale
            ));
        }
        // Documents are independent: lay them out on all cores, then commit in order.
        let produced = longest_first(&rendered, |item| {
            self.produce(item, &style, &out, &manifest, options)
        });
        let mut staged: Vec<(Staged, String, Entry)> = Vec::new();
        let mut adopted = false;
        for outcome in produced {
            let (files, any_adopted) = outcome?.record(&dir, &mut manifest, &mut report);
            staged.extend(files);
            adopted |= any_adopted;
        }
        report.unchanged.sort();
        report.notes.extend(loaded.note(!report.kept.is_empty()));

        if staged.is_empty() {
            manifest.last_run = last_run(&report, key);
            // Record adopted files and this run, and replace a manifest that could not be
            // used.
            if adopted || matches!(loaded, Loaded::Ignored(_)) || manifest.last_run != previous_run
            {
                manifest.save(&out)?;
            }
        } else {
            commit_staged(&out, &mut manifest, staged, &mut report, |r| {
                last_run(r, key)
            })?;
        }
        // The upload folder, from the files just settled and the profile's scans.
        if !prepared.application.scans.is_empty() {
            let pdf = options.formats.contains(&Format::Pdf);
            let documents: Vec<&str> = if pdf {
                rendered.iter().map(|c| c.spec.id).collect()
            } else {
                Vec::new()
            };
            let app = &prepared.application;
            let prune = pdf && options.only.is_none();
            super::upload::write(app, &dir, &documents, options.force, prune, &mut report)?;
        }
        Ok(report)
    }

    /// The files of one document that need writing (staged), and the ones left alone. The
    /// document is typeset once, and only when a file needs its bytes.
    fn produce(
        &self,
        item: &Composed,
        style: &StyleSheet,
        out: &OutputDir,
        manifest: &Manifest,
        options: &GenerateOptions,
    ) -> Result<Produced, Error> {
        let mut produced = Produced::default();
        let stem = output::safe_file_name(item.spec.file_stem);
        let document_key = sha256_of(&(
            env!("CARGO_PKG_VERSION"),
            format!("{style:?}"),
            &item.document,
        ));
        // Decide first, then typeset once and write the formats that need it side by side
        // (the PDF and the DOCX of the longest document are the tail of a cold run).
        let mut pending = Vec::new();
        for &format in &options.formats {
            let name = format!("{stem}.{}", format.extension());
            let inputs = match format {
                Format::Markdown => sha256_hex(item.markdown.as_bytes()),
                _ => format!("{document_key}:{}", format.extension()),
            };
            let disk = OnDisk::of(out.path(), &name);
            match manifest.decide(&name, &disk, &inputs, options.force) {
                Decision::Unchanged => produced.unchanged.push(name),
                Decision::Keep(reason) => produced.kept.push((name, reason)),
                decision => pending.push((format, name, decision, disk, inputs)),
            }
        }
        // A document with a page of its own (the fill-in sheet) writes it beside its PDF
        // and DOCX.
        let typeset = options
            .formats
            .iter()
            .any(|f| matches!(f, Format::Pdf | Format::Docx));
        if let (Some(page), true) = (&item.page, typeset) {
            let name = format!("{stem}.html");
            let inputs = sha256_hex(page.as_bytes());
            let disk = OnDisk::of(out.path(), &name);
            match manifest.decide(&name, &disk, &inputs, options.force) {
                Decision::Unchanged => produced.unchanged.push(name),
                Decision::Keep(reason) => produced.kept.push((name, reason)),
                decision => produced.settle(out, name, decision, &disk, page.as_bytes(), inputs)?,
            }
        }
        if pending.is_empty() {
            return Ok(produced);
        }
        let layout: Layout = self.typeset(item, style)?;
        let rendition = Rendition {
            id: item.spec.id,
            markdown: &item.markdown,
            document: &item.document,
            style,
            layout: &layout,
        };
        let written: Vec<Result<Vec<u8>, Error>> = pending
            .par_iter()
            .map(|(format, ..)| format.writer().write(&rendition))
            .collect();
        for ((_, name, decision, disk, inputs), bytes) in pending.into_iter().zip(written) {
            produced.settle(out, name, decision, &disk, &bytes?, inputs)?;
        }
        Ok(produced)
    }
}

/// `work` applied to every document on all cores, the longest first, so that the last to
/// finish is a short one; the results in the documents' order.
fn longest_first<T: Send>(
    items: &[Composed],
    work: impl Fn(&Composed) -> T + Sync + Send,
) -> Vec<T> {
    // A figure is drawn twice (vectors and pixels): it weighs as much as a long text.
    let cost = |item: &Composed| item.markdown.len() + 60_000 * item.document.figure_count();
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(cost(&items[i])));
    // `par_bridge` hands the next item to whichever thread is free, in this order.
    let mut done: Vec<(usize, T)> = order
        .into_iter()
        .par_bridge()
        .map(|i| (i, work(&items[i])))
        .collect();
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, result)| result).collect()
}

/// The record a complete run leaves for the next (`None` when files were kept or the run
/// has no key).
fn last_run(report: &GenerateReport, key: Option<String>) -> Option<LastRun> {
    let key = key.filter(|_| report.complete())?;
    let mut files = BTreeMap::new();
    for path in report.written.iter().chain(&report.unchanged) {
        let name = path.file_name()?.to_string_lossy().into_owned();
        files.insert(name, Stamp::of(path)?);
    }
    let warnings = [
        warnings_text(&report.findings, false),
        warnings_text(&report.findings, true),
    ];
    Some(LastRun {
        key,
        files,
        warnings,
    })
}

/// Warnings and errors as printed (notes are for `check`).
fn warnings_text(findings: &Report, color: bool) -> String {
    let shown = findings.without_notes();
    if shown.diagnostics.is_empty() {
        String::new()
    } else {
        shown.to_text(color)
    }
}

/// Records the new hashes (with the ones on disk as `previous`) before any rename, then
/// renames: whatever moment a kill comes, every file matches its manifest entry. The
/// manifest is saved again after, with the record of the run `last_run` gives.
pub(super) fn commit_staged(
    out: &OutputDir,
    manifest: &mut Manifest,
    staged: Vec<(Staged, String, Entry)>,
    report: &mut GenerateReport,
    last_run: impl FnOnce(&GenerateReport) -> Option<LastRun>,
) -> Result<(), Error> {
    for (_, name, entry) in &staged {
        manifest.files.insert(name.clone(), entry.clone());
    }
    manifest.save(out)?;
    for (file, _, _) in staged {
        let path = file.target().to_path_buf();
        file.commit()?;
        report.written.push(path);
    }
    for entry in manifest.files.values_mut() {
        entry.previous_sha256 = None;
    }
    manifest.last_run = last_run(report);
    manifest.save(out)?;
    out.sync();
    Ok(())
}

/// What [`Pipeline::produce`] made of one document.
#[derive(Default)]
pub(super) struct Produced {
    pub(super) staged: Vec<(Staged, String, Entry)>,
    pub(super) unchanged: Vec<String>,
    /// Already holding exactly these bytes: recorded as ours without writing.
    pub(super) adopted: Vec<(String, Entry)>,
    pub(super) kept: Vec<(String, String)>,
}

impl Produced {
    /// Puts the files left alone into `report` (adopted ones into `manifest` too, under
    /// `folder`); returns the files still to commit and whether any was adopted.
    pub(super) fn record(
        self,
        folder: &Path,
        manifest: &mut Manifest,
        report: &mut GenerateReport,
    ) -> (Vec<(Staged, String, Entry)>, bool) {
        let adopted = !self.adopted.is_empty();
        for (name, entry) in self.adopted {
            manifest.files.insert(name.clone(), entry);
            report.unchanged.push(folder.join(name));
        }
        for (name, reason) in self.kept {
            report.kept.push(folder.join(name));
            report.kept_reasons.push(reason);
        }
        report
            .unchanged
            .extend(self.unchanged.into_iter().map(|n| folder.join(n)));
        (self.staged, adopted)
    }

    /// Acts on a decision once the file's bytes are known.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn settle(
        &mut self,
        out: &OutputDir,
        name: String,
        decision: Decision,
        disk: &OnDisk,
        bytes: &[u8],
        inputs: String,
    ) -> Result<(), Error> {
        let sha256 = sha256_hex(bytes);
        let entry = Entry {
            inputs,
            sha256: sha256.clone(),
            previous_sha256: disk.sha256().map(str::to_string),
        };
        match decision {
            Decision::Keep(reason) => self.kept.push((name, reason)),
            Decision::Compare if disk.sha256() == Some(sha256.as_str()) => {
                self.adopted.push((
                    name,
                    Entry {
                        previous_sha256: None,
                        ..entry
                    },
                ));
            }
            Decision::Compare => self.kept.push((name, EDITED.to_string())),
            Decision::Unchanged | Decision::Write => {
                let staged = out.stage(&name, bytes)?;
                self.staged.push((staged, name, entry));
            }
        }
        Ok(())
    }
}

/// Loads the templates and generates one profile (a [`Pipeline`] for a single use).
pub fn generate(
    options: &GenerateOptions,
    templates: Option<&Path>,
) -> Result<GenerateReport, Error> {
    Pipeline::new(templates)?.generate(options)
}

/// Generates several profiles in parallel (one bad profile does not stop the others);
/// `on_done` is called as each finishes, from the worker threads.
///
/// All profiles are checked before anything is written, and two that would write into the
/// same folder (same-named profiles from different folders, or one file given twice) are
/// both refused: a folder holds one company's documents.
pub fn generate_batch<F>(
    pipeline: &Pipeline,
    jobs: &[GenerateOptions],
    on_done: F,
) -> Vec<Result<GenerateReport, Error>>
where
    F: Fn(&GenerateOptions, &Result<GenerateReport, Error>) + Sync,
{
    let prepared: Vec<Result<Prepared, Error>> = jobs
        .par_iter()
        .map(|job| pipeline.prepare_job(job))
        .collect();
    let prepared = refuse_collisions(jobs, prepared);
    jobs.par_iter()
        .zip(prepared)
        .map(|(job, prepared)| {
            let result = prepared.and_then(|p| pipeline.write_job(p, job));
            on_done(job, &result);
            result
        })
        .collect()
}

/// Replaces every prepared job whose output folder another job also writes with an error
/// naming the other profile.
fn refuse_collisions(
    jobs: &[GenerateOptions],
    mut prepared: Vec<Result<Prepared, Error>>,
) -> Vec<Result<Prepared, Error>> {
    // Folders that differ only in case are one folder on Windows and macOS.
    let key = |dir: &Path| {
        std::path::absolute(dir)
            .unwrap_or_else(|_| dir.to_path_buf())
            .to_string_lossy()
            .to_lowercase()
    };
    let same_file = |a: &Path, b: &Path| match (std::fs::canonicalize(a), std::fs::canonicalize(b))
    {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    let keys: Vec<Option<String>> = prepared
        .iter()
        .map(|p| p.as_ref().ok().map(|p| key(&p.dir)))
        .collect();
    for i in 0..prepared.len() {
        let Some(mine) = &keys[i] else { continue };
        let Some(j) = (0..keys.len()).find(|&j| j != i && keys[j].as_ref() == Some(mine)) else {
            continue;
        };
        let dir = prepared[i]
            .as_ref()
            .map(|p| p.dir.clone())
            .unwrap_or_default();
        prepared[i] = Err(if same_file(&jobs[i].profile, &jobs[j].profile) {
            Error::GivenTwice {
                profile: jobs[i].profile.clone(),
            }
        } else {
            Error::Collision {
                profile: jobs[i].profile.clone(),
                other: jobs[j].profile.clone(),
                dir,
            }
        });
    }
    prepared
}
