//! icp-docs: one company profile → the documents of a value-added telecom licence application.
//!
//! The pipeline, one module per step:
//! `profile` (load YAML) → `render` (Tera → Markdown) → `document` (Markdown → model) →
//! `docx` / `pdf` (model → bytes) → `output` (atomic files). `lib.rs` wires the steps.

pub mod date;
pub mod diagram;
pub mod document;
pub mod documents;
pub mod docx;
pub mod numerals;
pub mod output;
pub mod pdf;
pub mod profile;
pub mod render;
pub mod style;
pub mod text;
pub mod variant;

use std::path::{Path, PathBuf};

use crate::document::{Document, Meta};
use crate::documents::{DocumentSpec, DOCUMENTS};
use crate::profile::Profile;
use crate::render::Renderer;
use crate::style::{StyleName, StyleSheet};
use crate::variant::Province;

/// Every failure the library reports; `main` prints it once.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Profile(#[from] profile::ProfileError),
    #[error(transparent)]
    Province(#[from] variant::UnknownProvince),
    #[error(transparent)]
    Render(#[from] render::RenderError),
    #[error("{document}: {source}")]
    Document {
        document: String,
        #[source]
        source: document::DocumentError,
    },
    #[error("{document}: {source}")]
    Docx {
        document: String,
        #[source]
        source: docx::DocxError,
    },
    #[error(transparent)]
    Output(#[from] output::OutputError),
    #[error("unknown document `{given}`; known documents: {known}")]
    UnknownDocument { given: String, known: String },
    #[error("{document}: {source}")]
    Diagram {
        document: String,
        #[source]
        source: diagram::DiagramError,
    },
    #[error("{document}: unknown figure `{name}` (known figures: topology)")]
    UnknownFigure { document: String, name: String },
}

/// Output formats to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub docx: bool,
    pub pdf: bool,
}

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
}

#[derive(Debug, Default)]
pub struct GenerateReport {
    /// Folder the files were written to.
    pub dir: PathBuf,
    pub written: Vec<PathBuf>,
}

/// A rendered document, before any writer has seen it.
pub struct RenderedDocument {
    pub spec: DocumentSpec,
    pub markdown: String,
    pub document: Document,
}

/// Resolves the licensing province: the command line wins over the profile.
pub fn resolve_province(
    profile: &Profile,
    override_: Option<&str>,
) -> Result<&'static Province, Error> {
    Ok(variant::find_province(
        override_.unwrap_or(&profile.application.province),
    )?)
}

/// Renders the selected documents of `profile` for `province` into the document model.
pub fn render_documents(
    profile: &Profile,
    province: &Province,
    renderer: &Renderer,
    only: Option<&[String]>,
) -> Result<Vec<RenderedDocument>, Error> {
    let mut profile = profile.clone();
    profile.application.province = province.slug.to_string();
    let context = render::build_context(&profile, province)?;
    let specs = select_documents(only)?;
    let date_text = profile
        .application
        .date
        .format(profile.application.date_style);
    let licence = render::licence_context(profile.application.licence);
    specs
        .into_iter()
        .map(|spec| {
            let markdown = renderer.render(&spec.template_name(), province.slug, &context)?;
            let meta = Meta {
                title: String::new(),
                subtitle: Some(licence.name.to_string()),
                author: Some(profile.company.name.clone()),
                recipient: Some(province.authority()),
                date_text: Some(date_text.clone()),
                date: Some(profile.application.date),
                cover: spec.cover,
                signature: spec.signature,
            };
            let mut document =
                document::parse_markdown(&markdown, meta).map_err(|source| Error::Document {
                    document: spec.id.to_string(),
                    source,
                })?;
            fill_figures(&mut document, &profile, spec.id)?;
            Ok(RenderedDocument {
                spec,
                markdown,
                document,
            })
        })
        .collect()
}

/// Draws the figures the template placed (`<!-- figure: topology -->`) from the profile.
fn fill_figures(
    document: &mut document::Document,
    profile: &Profile,
    id: &str,
) -> Result<(), Error> {
    for block in &mut document.blocks {
        let document::Block::Figure(figure) = block else {
            continue;
        };
        let diagram = match figure.name.as_str() {
            "topology" => diagram::topology(profile).map_err(|source| Error::Diagram {
                document: id.to_string(),
                source,
            })?,
            other => {
                return Err(Error::UnknownFigure {
                    document: id.to_string(),
                    name: other.to_string(),
                })
            }
        };
        figure.diagram = Some(diagram);
    }
    Ok(())
}

fn select_documents(only: Option<&[String]>) -> Result<Vec<DocumentSpec>, Error> {
    let Some(only) = only else {
        return Ok(DOCUMENTS.to_vec());
    };
    for given in only {
        if !DOCUMENTS.iter().any(|d| d.id == given) {
            return Err(Error::UnknownDocument {
                given: given.clone(),
                known: DOCUMENTS
                    .iter()
                    .map(|d| d.id)
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
    }
    Ok(DOCUMENTS
        .iter()
        .filter(|d| only.iter().any(|o| o == d.id))
        .copied()
        .collect())
}

/// The folder a profile's documents go to: `<out>/<profile file stem>/<province slug>/`.
pub fn output_dir(out_dir: &Path, profile_path: &Path, province: &Province) -> PathBuf {
    let stem = profile_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "profile".to_string());
    out_dir
        .join(output::safe_file_name(&stem))
        .join(province.slug)
}

/// Loads a profile and writes all its documents. Everything is produced in memory first, so
/// an error in any document leaves the output folder untouched.
pub fn generate(options: &GenerateOptions) -> Result<GenerateReport, Error> {
    let (profile, _source) = profile::load_profile(&options.profile)?;
    let province = resolve_province(&profile, options.province.as_deref())?;
    let renderer = Renderer::new(options.templates.as_deref())?;
    let rendered = render_documents(&profile, province, &renderer, options.only.as_deref())?;
    let style = StyleSheet::get(options.style);

    let dir = output_dir(&options.out_dir, &options.profile, province);
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for item in &rendered {
        let stem = output::safe_file_name(item.spec.file_stem);
        if options.formats.docx {
            let bytes =
                docx::write_docx(&item.document, &style, None).map_err(|source| Error::Docx {
                    document: item.spec.id.to_string(),
                    source,
                })?;
            files.push((dir.join(format!("{stem}.docx")), bytes));
        }
        if options.markdown {
            files.push((
                dir.join(format!("{stem}.md")),
                item.markdown.clone().into_bytes(),
            ));
        }
    }
    let mut report = GenerateReport {
        dir,
        written: Vec::new(),
    };
    for (path, bytes) in files {
        output::write_atomic(&path, &bytes)?;
        report.written.push(path);
    }
    Ok(report)
}
