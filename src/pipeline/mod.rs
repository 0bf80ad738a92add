//! The pipeline as one value: what every profile shares is loaded once (the templates
//! folder, the catalogue), and a profile is taken through its steps — load and check
//! ([`Pipeline::prepare`]), template context and templates, Markdown → composed document
//! model ([`Pipeline::documents`]), typesetting, and the writers ([`writers`]). `generate`
//! (the output stage with its manifest), `render` and `watch` drive it; tests and benches
//! use it as users do.

mod fresh;
pub mod generate;
mod render_file;
mod upload;
pub mod watch;
pub mod writers;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::attachments::{self, Scan};
use crate::catalogue::{Catalogue, Facts};
use crate::check::{self, Finding, Report, Severity};
use crate::context::documents::{DocumentSpec, DOCUMENTS};
use crate::context::{licence_context, template_context};
use crate::document::{self, Document};
use crate::graphics::Scene;
use crate::profile::{self, Profile};
use crate::style::StyleSheet;
use crate::templates::Templates;
use crate::typeset::{self, Layout};
use crate::variant::{self, Province, Variant};
use crate::{diagram, files, Error};

pub use fresh::unchanged_run;
pub use render_file::{render_file, Rendered};
pub use writers::{Format, Rendition, Writer};

/// Templates and catalogue loaded once, for any number of profiles (also across threads).
pub struct Pipeline {
    templates: Templates,
    catalogue: &'static Catalogue,
}

/// The result of checking a profile: the profile if it parsed, the report, and the
/// classified facts (for the materials table of `check`).
pub struct Checked {
    pub profile: Option<Profile>,
    pub report: Report,
    pub facts: Option<Facts>,
    /// The licensing province and its variant, when the profile got as far.
    variant: Option<(&'static Province, Variant)>,
    /// The scans `attachments` lists, inspected (relative to the profile's folder).
    pub scans: Vec<Scan>,
}

impl Checked {
    /// The licensing province's variant, when the profile got as far.
    pub fn variant(&self) -> Option<&Variant> {
        self.variant.as_ref().map(|(_, v)| v)
    }
}

/// A profile read, checked and classified for one licensing province: everything its
/// documents are made from, computed once.
pub struct Application {
    /// The profile, with `application.province` set to the licensing province.
    pub profile: Profile,
    pub province: &'static Province,
    pub variant: Variant,
    pub facts: Facts,
    /// Warnings and notes (a profile with errors never becomes an `Application`).
    pub findings: Report,
    /// The profile file's text as read, for the run key of `generate`.
    pub source: String,
    /// The scans `attachments` lists, inspected; empty for an unchecked application.
    pub scans: Vec<Scan>,
}

/// One document rendered and composed, before any writer has seen it.
#[derive(Debug, Clone)]
pub struct Composed {
    pub spec: DocumentSpec,
    /// The Markdown the template rendered (what `--markdown` writes).
    pub markdown: String,
    pub document: Document,
    /// The self-contained HTML page of a document that has one (the fill-in sheet).
    pub page: Option<String>,
}

impl Pipeline {
    /// Loads the templates (the user's folder over the built-in ones) and the catalogue.
    pub fn new(templates: Option<&Path>) -> Result<Pipeline, Error> {
        Ok(Pipeline {
            templates: Templates::new(templates)?,
            catalogue: Catalogue::builtin()?,
        })
    }

    /// The user's templates folder, if one was given.
    pub fn user_templates(&self) -> Option<&Path> {
        self.templates.user_dir()
    }

    /// Reads `path` and checks it for `province` (or the profile's own). A profile that
    /// does not parse gives a report with that one error, and so does an unknown province
    /// in the profile (at its line); only what is not about the profile's text (an
    /// unreadable file, an unknown `--province`, a bad `variant.yaml`) is `Err`.
    pub fn check(&self, path: &Path, province: Option<&str>) -> Result<Checked, Error> {
        let source = match profile::read_profile_text(path) {
            Ok(text) => text,
            Err(err @ profile::ProfileError::Syntax { .. }) => {
                // Not UTF-8: show the text as far as it can be decoded.
                let lossy =
                    files::read_limited(path, profile::MAX_PROFILE_BYTES, files::Follow::Symlinks)
                        .map(|b| {
                            profile::normalize_newlines(&String::from_utf8_lossy(&b)).into_owned()
                        })
                        .unwrap_or_default();
                return syntax_report(path, err, lossy);
            }
            Err(other) => return Err(other.into()),
        };
        self.check_source(path, source, province)
    }

    /// [`Pipeline::check`] of a profile's text (already read; `path` names it in messages).
    pub fn check_source(
        &self,
        path: &Path,
        source: String,
        province: Option<&str>,
    ) -> Result<Checked, Error> {
        let source = profile::normalize_newlines(&source).into_owned();
        let loaded = match profile::parse_profile(&source, path) {
            Ok(profile) => profile,
            Err(err) => return syntax_report(path, err, source),
        };
        // Out-of-range numbers are reported without the reviewer's rules, which add them up.
        let mut findings = check::input::check_numbers(&loaded);
        let numbers_ok = !findings.iter().any(|f| f.severity == Severity::Error);
        let placed = check::input::check_text(&loaded, &source);
        let facts = self.catalogue.facts(&loaded);
        let scans = attachments::inspect(&loaded, path.parent().unwrap_or(Path::new("")));
        findings.extend(attachments::findings(&scans));
        let mut variant = None;
        match resolve_province(&loaded, province) {
            Ok(province) if numbers_ok => {
                let loaded_variant = variant::load_variant_with(province, self.user_templates())?;
                findings.extend(check::check_profile_with(&loaded, &loaded_variant, &facts));
                variant = Some((province, loaded_variant));
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
        Ok(Checked {
            profile: Some(loaded),
            report: Report::with_placed(path, source, findings, placed),
            facts: Some(facts),
            variant,
            scans,
        })
    }

    /// Reads and checks a profile for `province` (or its own); a profile with errors is
    /// `Err(Error::Findings)` holding every finding.
    pub fn prepare(&self, path: &Path, province: Option<&str>) -> Result<Application, Error> {
        let checked = self.check(path, province)?;
        let (Some(mut profile), Some(facts), Some((province, variant))) =
            (checked.profile, checked.facts, checked.variant)
        else {
            return Err(Error::Findings(Box::new(checked.report)));
        };
        if checked.report.has_errors() {
            return Err(Error::Findings(Box::new(checked.report)));
        }
        profile.application.province = province.slug.to_string();
        let source = checked.report.source.clone();
        Ok(Application {
            profile,
            province,
            variant,
            facts,
            findings: checked.report,
            source,
            scans: checked.scans,
        })
    }

    /// An application of `profile` in `province` without checking it (for tests and
    /// tools that render a profile under every province).
    pub fn application(
        &self,
        mut profile: Profile,
        province: &'static Province,
    ) -> Result<Application, Error> {
        profile.application.province = province.slug.to_string();
        let facts = self.catalogue.facts(&profile);
        let variant = variant::load_variant_with(province, self.user_templates())?;
        Ok(Application {
            profile,
            province,
            variant,
            facts,
            findings: Report::default(),
            source: String::new(),
            scans: Vec::new(),
        })
    }

    /// The selected documents of `app` (all when `only` is `None`), rendered from the
    /// templates and composed into the model, figures drawn.
    pub fn documents(
        &self,
        app: &Application,
        only: Option<&[String]>,
    ) -> Result<Vec<Composed>, Error> {
        let profile = &app.profile;
        let template_context = template_context(profile, &app.variant, &app.facts, &app.scans)?;
        let context = template_context.to_tera()?;
        let date_text = profile
            .application
            .date
            .format(profile.application.date_style);
        let licence = licence_context(profile.application.licence, &app.facts.edi);
        // Signature blocks only: a hand-dated profile leaves their date blank for the pen.
        let signature_date = if profile.application.hand_dated {
            document::HAND_DATE_LINE
        } else {
            date_text.as_str()
        };
        let authority = app.province.authority();
        // Commitments only some profiles call for are written only for them.
        let form = template_context.form();
        let specs: Vec<DocumentSpec> = select_documents(only)?
            .into_iter()
            .filter(|spec| form.applies(spec.when))
            .collect();
        // Templates render independently: on all cores, in the documents' order.
        specs
            .into_par_iter()
            .map(|spec| {
                let markdown =
                    self.templates
                        .render(&spec.template_name(), app.province.slug, &context)?;
                let failed = |source| Error::Document {
                    document: spec.id.to_string(),
                    source,
                };
                let parsed = document::parse_markdown(&markdown).map_err(failed)?;
                let frame = document::Application {
                    licence: licence.name,
                    company: &profile.company.name,
                    authority: &authority,
                    date_text: &date_text,
                    signature_date,
                    date: profile.application.date,
                    cover: spec.cover,
                    closing: spec.closing,
                    // The fill-in sheet, the one document with an HTML page of copy
                    // buttons, is where values are copied from.
                    copied_from: spec.html,
                };
                let mut document = document::compose_application(parsed, &frame).map_err(failed)?;
                fill_figures(&mut document, profile, &app.facts, spec.id)?;
                let page = spec
                    .html
                    .then(|| crate::sheet::html::page(template_context.sheet()));
                Ok(Composed {
                    spec,
                    markdown,
                    document,
                    page,
                })
            })
            .collect()
    }

    /// Typesets one document: the pages every writer's output follows.
    pub fn typeset(&self, composed: &Composed, style: &StyleSheet) -> Result<Layout, Error> {
        typeset::typeset(&composed.document, style).map_err(|source| Error::Typeset {
            document: composed.spec.id.to_string(),
            source,
        })
    }

    /// The bytes of `composed` in each of `formats`, typeset once.
    pub fn write(
        &self,
        composed: &Composed,
        formats: &[Format],
        style: &StyleSheet,
    ) -> Result<Vec<(Format, Vec<u8>)>, Error> {
        let layout = self.typeset(composed, style)?;
        let rendition = Rendition {
            id: composed.spec.id,
            markdown: &composed.markdown,
            document: &composed.document,
            style,
            layout: &layout,
        };
        formats
            .iter()
            .map(|&format| Ok((format, format.writer().write(&rendition)?)))
            .collect()
    }
}

/// The report of a profile that does not parse: that one error, at its position.
fn syntax_report(
    path: &Path,
    err: profile::ProfileError,
    source: String,
) -> Result<Checked, Error> {
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
            Ok(Checked {
                profile: None,
                report: Report::at(path, source, finding, line, column),
                facts: None,
                variant: None,
                scans: Vec::new(),
            })
        }
        other => Err(Error::Profile(other)),
    }
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

/// Draws the figures the template placed (`<!-- figure: topology -->`) from the profile.
fn fill_figures(
    document: &mut Document,
    profile: &Profile,
    facts: &Facts,
    id: &str,
) -> Result<(), Error> {
    for block in &mut document.blocks {
        let document::Block::Figure(figure) = block else {
            continue;
        };
        let scene: Scene = match figure.name.as_str() {
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
        figure.diagram = Some(scene);
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
        .join(crate::output::safe_file_name(&stem))
        .join(province.slug)
}
