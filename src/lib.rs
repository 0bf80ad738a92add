//! icp-docs: one company profile → the documents of a value-added telecom licence application.
//!
//! The pipeline, one module per step:
//! `profile` (load YAML) → `render` (Tera → Markdown) → `document` (Markdown → model) →
//! `docx` / `pdf` (model → bytes) → `output` (atomic files). `lib.rs` wires the steps.

pub mod catalogue;
pub mod check;
pub mod date;
pub mod diagnostics;
pub mod diagram;
pub mod document;
pub mod documents;
pub mod docx;
pub mod files;
pub mod form;
pub mod generate;
pub mod manifest;
pub mod materials;
pub mod numerals;
pub mod output;
pub mod overview;
pub mod pdf;
pub mod profile;
pub mod render;
pub mod starter;
pub mod style;
pub mod text;
pub mod variant;
pub mod watch;

use std::path::{Path, PathBuf};

use crate::document::{Document, Meta};
use crate::documents::{DocumentSpec, DOCUMENTS};
use crate::profile::Profile;
use crate::render::Renderer;
use crate::style::{StyleName, StyleSheet};
use crate::variant::Province;

pub use generate::{generate, generate_batch, GenerateOptions, GenerateReport, Generator};

/// Every failure the library reports; `main` prints it once.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The profile has errors; the report holds every finding, to print with its source.
    #[error("{}", .0.summary())]
    Findings(Box<diagnostics::Report>),
    #[error(transparent)]
    Profile(#[from] profile::ProfileError),
    #[error(transparent)]
    Catalogue(#[from] catalogue::CatalogueError),
    #[error(transparent)]
    Province(#[from] variant::UnknownProvince),
    #[error(transparent)]
    Variant(#[from] variant::VariantError),
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
    #[error("{document}: {source}")]
    Pdf {
        document: String,
        #[source]
        source: pdf::PdfError,
    },
    #[error(transparent)]
    Output(#[from] output::OutputError),
    #[error(transparent)]
    Watch(#[from] watch::WatchError),
    #[error("{} already exists; choose another name or remove it first", .0.display())]
    Exists(PathBuf),
    #[error("cannot read {}: {source}", path.display())]
    Input {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("unknown document `{given}`; known documents: {known}")]
    UnknownDocument { given: String, known: String },
    #[error("{document}: {source}")]
    Diagram {
        document: String,
        #[source]
        source: diagram::DiagramError,
    },
    #[error("{document}: unknown figure `{name}` (known figures: topology, ownership)")]
    UnknownFigure { document: String, name: String },
    /// Two profiles of one batch would write into the same folder.
    #[error(
        "{} and {} would both write into {}: refused, so that the folder holds one company's \
         documents; rename one of the profiles or generate it with another --out",
        profile.display(), other.display(), dir.display()
    )]
    Collision {
        profile: PathBuf,
        other: PathBuf,
        dir: PathBuf,
    },
    #[error("{} is given more than once: generate each profile once", profile.display())]
    GivenTwice { profile: PathBuf },
}

impl Error {
    /// A stable name for the error, as the `rule` of a JSON report.
    pub fn rule(&self) -> &'static str {
        match self {
            Error::Findings(_) => "findings",
            Error::Profile(profile::ProfileError::TooLarge { .. }) => "profile-too-large",
            Error::Profile(_) | Error::Input { .. } => "profile-read",
            Error::Province(_) => "province-unknown",
            Error::Variant(_) | Error::Render(render::RenderError::Variant(_)) => "variant-file",
            Error::Render(
                render::RenderError::TemplateDir { .. } | render::RenderError::TemplateFile { .. },
            ) => "templates-folder",
            Error::Render(_) => "template",
            Error::Output(_) => "output",
            _ => "error",
        }
    }

    /// What to do about it, for a JSON report.
    pub fn hint(&self) -> &'static str {
        match self {
            Error::Profile(profile::ProfileError::TooLarge { .. }) => {
                "a profile is a text file of at most 1 MiB: check that this is the right file"
            }
            Error::Profile(_) | Error::Input { .. } => {
                "give the path of a profile file (YAML); `icp-docs init` writes a starter"
            }
            Error::Province(_) => "`icp-docs provinces` lists the 31 provinces and their slugs",
            Error::Variant(_) | Error::Render(render::RenderError::Variant(_)) => {
                "correct the named variant.yaml (see templates/README.md) or remove it to use the built-in rules"
            }
            Error::Render(
                render::RenderError::TemplateDir { .. } | render::RenderError::TemplateFile { .. },
            ) => "give --templates an existing folder holding <province>/ and base/ templates",
            _ => "",
        }
    }
}

/// Output formats to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub docx: bool,
    pub pdf: bool,
}

/// A rendered document, before any writer has seen it.
pub struct RenderedDocument {
    pub spec: DocumentSpec,
    pub markdown: String,
    pub document: Document,
}

/// Loads `path` and checks it for `province` (or the profile's own). A profile that does not
/// parse gives a report with that one error, and so does an unknown province in the profile
/// (at its line); only what is not about the profile's text (an unreadable file, an unknown
/// `--province`, a missing templates folder, a bad `variant.yaml`) is `Err`.
pub fn check(
    path: &Path,
    province: Option<&str>,
    templates: Option<&Path>,
) -> Result<(Option<Profile>, diagnostics::Report), Error> {
    // The user's templates are loaded as generate loads them, so that check fails where
    // generate would.
    if let Some(dir) = templates {
        Renderer::new(Some(dir))?;
    }
    let source = match profile::read_profile_text(path) {
        Ok(text) => text,
        Err(err @ profile::ProfileError::Syntax { .. }) => {
            // Not UTF-8: show the text as far as it can be decoded.
            let lossy =
                files::read_limited(path, profile::MAX_PROFILE_BYTES, files::Follow::Symlinks)
                    .map(|b| profile::normalize_newlines(&String::from_utf8_lossy(&b)).into_owned())
                    .unwrap_or_default();
            return syntax_report(path, err, lossy);
        }
        Err(other) => return Err(other.into()),
    };
    check_source(path, source, province, templates)
}

/// The report of a profile that does not parse: that one error, at its position.
fn syntax_report(
    path: &Path,
    err: profile::ProfileError,
    source: String,
) -> Result<(Option<Profile>, diagnostics::Report), Error> {
    use check::{Finding, Severity};
    match err {
        profile::ProfileError::Syntax {
            line,
            column,
            path: yaml_path,
            message,
            hint,
            ..
        } => {
            let finding = Finding {
                severity: Severity::Error,
                rule: "profile-syntax",
                path: yaml_path,
                message,
                hint,
            };
            let report = diagnostics::Report::at(path, source, finding, line, column);
            Ok((None, report))
        }
        other => Err(Error::Profile(other)),
    }
}

/// [`check`] of a profile's text (already read; `path` names it in messages).
pub fn check_source(
    path: &Path,
    source: String,
    province: Option<&str>,
    templates: Option<&Path>,
) -> Result<(Option<Profile>, diagnostics::Report), Error> {
    use check::{Finding, Severity};
    let source = profile::normalize_newlines(&source).into_owned();
    let loaded = match profile::parse_profile(&source, path) {
        Ok(profile) => profile,
        Err(err) => return syntax_report(path, err, source),
    };
    // Out-of-range numbers are reported without the reviewer's rules, which add them up.
    let mut findings = check::input::check_numbers(&loaded);
    let numbers_ok = !findings.iter().any(|f| f.severity == Severity::Error);
    let placed = check::input::check_text(&loaded, &source);
    match resolve_province(&loaded, province) {
        Ok(province) if numbers_ok => {
            let variant = variant::load_variant_with(province, templates)?;
            findings.extend(check::check_profile(&loaded, &variant));
        }
        Ok(_) => {}
        // The profile's own province is a value at a line like any other.
        Err(Error::Province(unknown)) if province.is_none() => findings.push(Finding {
            severity: Severity::Error,
            rule: "province-unknown",
            path: "application.province".to_string(),
            message: unknown.to_string(),
            hint: "write the licensing province's pinyin (zhejiang) or its Chinese name (浙江)"
                .to_string(),
        }),
        Err(err) => return Err(err),
    }
    Ok((
        Some(loaded),
        diagnostics::Report::with_placed(path, source, findings, placed),
    ))
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
    let facts = catalogue::Catalogue::builtin()?.facts(&profile);
    let variant = variant::load_variant_with(province, renderer.user_dir())?;
    let mut context = render::build_context_for(&profile, &variant, &facts)?;
    let form = form::form(&profile, &facts, &variant);
    context.insert(
        "materials",
        &materials::checklist(&profile, &facts, &variant),
    );
    context.insert("overview", &overview::overview(&profile));
    context.insert("form", &form);
    // Commitments only some profiles call for are written only for them.
    let specs: Vec<DocumentSpec> = select_documents(only)?
        .into_iter()
        .filter(|spec| form.applies(spec.when))
        .collect();
    let date_text = profile
        .application
        .date
        .format(profile.application.date_style);
    let licence = render::licence_context(profile.application.licence, &facts.edi);
    // Signature blocks only: a hand-dated profile leaves their date blank for the pen.
    let signature_date = if profile.application.hand_dated {
        HAND_DATE_LINE.to_string()
    } else {
        date_text.clone()
    };
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
                signature: signature_lines(spec.signature, &profile.company.name, &signature_date),
            };
            let mut document =
                document::parse_markdown(&markdown, meta).map_err(|source| Error::Document {
                    document: spec.id.to_string(),
                    source,
                })?;
            fill_figures(&mut document, &profile, &facts, spec.id)?;
            Ok(RenderedDocument {
                spec,
                markdown,
                document,
            })
        })
        .collect()
}

/// The date line of a signature block when `application.hand_dated` is set.
pub const HAND_DATE_LINE: &str = "　　年　　月　　日";

/// Draws the figures the template placed (`<!-- figure: topology -->`) from the profile.
fn fill_figures(
    document: &mut document::Document,
    profile: &Profile,
    facts: &catalogue::Facts,
    id: &str,
) -> Result<(), Error> {
    for block in &mut document.blocks {
        let document::Block::Figure(figure) = block else {
            continue;
        };
        let diagram = match figure.name.as_str() {
            "topology" => diagram::topology(profile, facts).map_err(|source| Error::Diagram {
                document: id.to_string(),
                source,
            })?,
            "ownership" => diagram::ownership(profile).map_err(|source| Error::Diagram {
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

fn signature_lines(kind: documents::SignatureKind, company: &str, date: &str) -> Vec<String> {
    use documents::SignatureKind;
    match kind {
        SignatureKind::None => Vec::new(),
        SignatureKind::Company => vec![format!("{company}（盖章）"), date.to_string()],
        SignatureKind::LegalRepresentative => vec![
            "法定代表人（签字）：　　　　　　".to_string(),
            format!("{company}（盖章）"),
            date.to_string(),
        ],
    }
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

/// Converts a Markdown file (with an optional pandoc-style metadata block: title, subtitle,
/// author, date) to the house style, writing `<stem>.pdf` / `<stem>.docx` into `out_dir`.
/// A cover and contents are added when the metadata names an author or a subtitle.
pub fn render_file(
    input: &Path,
    formats: Formats,
    out_dir: &Path,
    style: StyleName,
) -> Result<Vec<PathBuf>, Error> {
    let input_error = |message: String| Error::Input {
        path: input.to_path_buf(),
        source: std::io::Error::other(message),
    };
    let bytes = files::read_limited(input, MAX_MARKDOWN_BYTES, files::Follow::Symlinks)
        .map_err(|e| input_error(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| input_error("is not UTF-8 text".into()))?;
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".to_string());
    let fail = |source| Error::Document {
        document: input.display().to_string(),
        source,
    };
    let mut document = document::parse_markdown(
        &text,
        Meta {
            title: stem.clone(),
            ..Meta::default()
        },
    )
    .map_err(fail)?;
    let meta = &mut document.meta;
    meta.date = meta.date_text.as_deref().and_then(date::Date::parse);
    if let Some(date) = meta.date {
        meta.date_text = Some(date.format(date::DateStyle::Arabic));
    }
    meta.cover = meta.author.is_some() || meta.subtitle.is_some();
    let sheet = StyleSheet::get(style);
    let stem = output::safe_file_name(&stem);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    if formats.pdf {
        let fonts = pdf::PdfFonts::load_embedded().map_err(|source| Error::Pdf {
            document: "fonts".to_string(),
            source,
        })?;
        let bytes = pdf::write_pdf(&document, &sheet, &fonts).map_err(|source| Error::Pdf {
            document: input.display().to_string(),
            source,
        })?;
        files.push((format!("{stem}.pdf"), bytes));
    }
    if formats.docx {
        let bytes = docx::write_docx(&document, &sheet, None).map_err(|source| Error::Docx {
            document: input.display().to_string(),
            source,
        })?;
        files.push((format!("{stem}.docx"), bytes));
    }
    // Every file is staged before any is renamed into place: no partial output.
    let out = output::OutputDir::lock(out_dir, output::lock_wait())?;
    let staged = files
        .iter()
        .map(|(name, bytes)| out.stage(name, bytes))
        .collect::<Result<Vec<_>, _>>()?;
    let mut written = Vec::new();
    for file in staged {
        let path = file.target().to_path_buf();
        file.commit()?;
        written.push(path);
    }
    out.sync();
    Ok(written)
}

/// A Markdown file for `render` is a document, not a data dump: refuse anything larger.
const MAX_MARKDOWN_BYTES: u64 = 16 * 1024 * 1024;

/// The JSON Schema of the profile format, derived from the serde model, for editors.
pub fn profile_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Profile)).unwrap_or_default()
}

/// Writes a commented starter profile to `path` and the schema beside it; refuses to
/// overwrite an existing profile.
pub fn init(
    path: &Path,
    province: &str,
    licence: profile::model::Licence,
) -> Result<Vec<PathBuf>, Error> {
    let province = variant::find_province(province)?;
    if path.exists() {
        return Err(Error::Exists(path.to_path_buf()));
    }
    let mut written = Vec::new();
    output::write_atomic(path, starter::starter_profile(province, licence).as_bytes())?;
    written.push(path.to_path_buf());
    let schema = path.with_file_name("profile.schema.json");
    if !schema.exists() {
        let text = format!("{:#}\n", profile_schema());
        output::write_atomic(&schema, text.as_bytes())?;
        written.push(schema);
    }
    Ok(written)
}
