//! Writing a profile's documents: only what changed, never over a hand-edited file, with
//! every file replaced atomically and the manifest kept consistent if the run is interrupted.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::manifest::{sha256_hex, Decision, Entry, Manifest};
use crate::output::{self, Staged};
use crate::pdf::{PdfError, PdfFonts};
use crate::render::Renderer;
use crate::style::{StyleName, StyleSheet};
use rayon::prelude::*;

use crate::{
    check, diagnostics, docx, pdf, render_documents, resolve_province, Error, Formats,
    RenderedDocument,
};

#[derive(Debug, Clone)]
pub struct GenerateOptions {
    pub profile: PathBuf,
    /// Overrides `application.province`.
    pub province: Option<String>,
    pub out_dir: PathBuf,
    pub templates: Option<PathBuf>,
    pub formats: Formats,
    pub style: StyleName,
    /// Also write each document's rendered Markdown (for template authors).
    pub markdown: bool,
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
    /// Same inputs as last time: left as they are.
    pub unchanged: Vec<PathBuf>,
    /// Changed by someone since we wrote them: kept, not overwritten (use `force`).
    pub kept: Vec<PathBuf>,
    /// Warnings and notes about the profile (errors stop generation).
    pub findings: diagnostics::Report,
}

impl GenerateReport {
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
                .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect();
            text.push_str(&format!(
                ", kept {} edited by hand ({}; --force replaces them)",
                self.kept.len(),
                names.join(", ")
            ));
        }
        text
    }
}

/// Templates and fonts loaded once, for any number of profiles (also across threads).
pub struct Generator {
    renderer: Renderer,
    /// Parsed on first use: a run that writes no PDF never pays for the fonts.
    fonts: OnceLock<Result<PdfFonts, String>>,
}

impl Generator {
    pub fn new(templates: Option<&Path>) -> Result<Generator, Error> {
        Ok(Generator {
            renderer: Renderer::new(templates)?,
            fonts: OnceLock::new(),
        })
    }

    fn fonts(&self) -> Result<&PdfFonts, Error> {
        self.fonts
            .get_or_init(|| PdfFonts::load_embedded().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|message| Error::Pdf {
                document: "fonts".to_string(),
                source: PdfError::Font(message.clone()),
            })
    }

    /// Checks, renders and writes one profile's documents.
    pub fn generate(&self, options: &GenerateOptions) -> Result<GenerateReport, Error> {
        let (profile, findings) = check(
            &options.profile,
            options.province.as_deref(),
            options.templates.as_deref(),
        )?;
        let profile = match profile {
            Some(profile) if !findings.has_errors() => profile,
            _ => return Err(Error::Findings(Box::new(findings))),
        };
        let province = resolve_province(&profile, options.province.as_deref())?;
        let rendered =
            render_documents(&profile, province, &self.renderer, options.only.as_deref())?;
        let style = StyleSheet::get(options.style);
        let dir = crate::output_dir(&options.out_dir, &options.profile, province);
        let mut manifest = Manifest::load(&dir);
        let mut report = GenerateReport {
            dir: dir.clone(),
            written: Vec::new(),
            unchanged: Vec::new(),
            kept: Vec::new(),
            findings,
        };
        // Documents are independent: lay them out on all cores, then commit in order.
        let produced: Vec<Result<Produced, Error>> = rendered
            .par_iter()
            .map(|item| self.produce(item, &style, &dir, &manifest, options))
            .collect();
        let mut staged: Vec<(Staged, String, Entry)> = Vec::new();
        for outcome in produced {
            let outcome = outcome?;
            for (name, decision) in outcome.skipped {
                record(&mut report, &dir, &name, decision);
            }
            staged.extend(outcome.staged);
        }

        if staged.is_empty() {
            return Ok(report);
        }
        // Record the new hashes (with the old ones as `previous`) before any rename, then
        // rename: whatever moment a kill comes, every file matches its manifest entry.
        for (_, name, entry) in &staged {
            manifest.files.insert(name.clone(), entry.clone());
        }
        manifest.save(&dir)?;
        for (file, _, _) in staged {
            let path = file.target().to_path_buf();
            file.commit()?;
            report.written.push(path);
        }
        for entry in manifest.files.values_mut() {
            entry.previous_sha256 = None;
        }
        manifest.save(&dir)?;
        Ok(report)
    }

    /// The files of one document that need writing (staged), and the ones left alone.
    fn produce(
        &self,
        item: &RenderedDocument,
        style: &StyleSheet,
        dir: &Path,
        manifest: &Manifest,
        options: &GenerateOptions,
    ) -> Result<Produced, Error> {
        let mut out = Produced::default();
        let stem = output::safe_file_name(item.spec.file_stem);
        let document_key = sha256_hex(
            format!(
                "icp-docs {}\n{:?}\n{:?}",
                env!("CARGO_PKG_VERSION"),
                style,
                item.document
            )
            .as_bytes(),
        );
        let fail_pdf = |source| Error::Pdf {
            document: item.spec.id.to_string(),
            source,
        };
        // The PDF comes first: the DOCX contents show its page numbers.
        let mut heading_pages: Option<Vec<u32>> = None;
        if options.formats.pdf {
            let name = format!("{stem}.pdf");
            let inputs = format!("{document_key}:pdf");
            match manifest.decide(dir, &name, &inputs, options.force) {
                Decision::Write => {
                    let (bytes, pages) =
                        pdf::write_pdf_with_pages(&item.document, style, self.fonts()?)
                            .map_err(fail_pdf)?;
                    heading_pages = Some(pages.clone());
                    out.staged
                        .push(stage(dir, &name, &bytes, inputs, pages, manifest)?);
                }
                decision => {
                    heading_pages = manifest.files.get(&name).map(|e| e.heading_pages.clone());
                    out.skipped.push((name, decision));
                }
            }
        }
        if options.formats.docx {
            let name = format!("{stem}.docx");
            let inputs = format!("{document_key}:docx:{heading_pages:?}");
            match manifest.decide(dir, &name, &inputs, options.force) {
                Decision::Write => {
                    let bytes = docx::write_docx(&item.document, style, heading_pages.as_deref())
                        .map_err(|source| Error::Docx {
                        document: item.spec.id.to_string(),
                        source,
                    })?;
                    out.staged
                        .push(stage(dir, &name, &bytes, inputs, Vec::new(), manifest)?);
                }
                decision => out.skipped.push((name, decision)),
            }
        }
        if options.markdown {
            let name = format!("{stem}.md");
            let inputs = sha256_hex(item.markdown.as_bytes());
            match manifest.decide(dir, &name, &inputs, options.force) {
                Decision::Write => out.staged.push(stage(
                    dir,
                    &name,
                    item.markdown.as_bytes(),
                    inputs,
                    Vec::new(),
                    manifest,
                )?),
                decision => out.skipped.push((name, decision)),
            }
        }
        Ok(out)
    }
}

/// What [`Generator::produce`] made of one document.
#[derive(Default)]
struct Produced {
    staged: Vec<(Staged, String, Entry)>,
    skipped: Vec<(String, Decision)>,
}

fn stage(
    dir: &Path,
    name: &str,
    bytes: &[u8],
    inputs: String,
    heading_pages: Vec<u32>,
    manifest: &Manifest,
) -> Result<(Staged, String, Entry), Error> {
    let path = dir.join(name);
    // File names come from our document list, never from the profile; still, refuse any
    // name that would leave the output folder.
    if path.parent() != Some(dir) {
        return Err(Error::Output(output::OutputError::Write {
            path,
            source: std::io::Error::other("output path leaves the output folder"),
        }));
    }
    let staged = output::stage(&path, bytes)?;
    let entry = Entry {
        inputs,
        sha256: sha256_hex(bytes),
        previous_sha256: manifest.files.get(name).map(|e| e.sha256.clone()),
        heading_pages,
    };
    Ok((staged, name.to_string(), entry))
}

fn record(report: &mut GenerateReport, dir: &Path, name: &str, decision: Decision) {
    match decision {
        Decision::Unchanged => report.unchanged.push(dir.join(name)),
        Decision::KeepEdited => report.kept.push(dir.join(name)),
        Decision::Write => {}
    }
}

/// Loads the templates and generates one profile (a [`Generator`] for a single use).
pub fn generate(options: &GenerateOptions) -> Result<GenerateReport, Error> {
    Generator::new(options.templates.as_deref())?.generate(options)
}

/// Generates several profiles in parallel (one bad profile does not stop the others);
/// `on_done` is called as each finishes, from the worker threads.
pub fn generate_batch<F>(
    generator: &Generator,
    jobs: &[GenerateOptions],
    on_done: F,
) -> Vec<Result<GenerateReport, Error>>
where
    F: Fn(&GenerateOptions, &Result<GenerateReport, Error>) + Sync,
{
    use rayon::prelude::*;
    jobs.par_iter()
        .map(|job| {
            let result = generator.generate(job);
            on_done(job, &result);
            result
        })
        .collect()
}
