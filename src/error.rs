//! The one error type of the library: every failure `main` reports, once, at the top.

use std::path::PathBuf;

use crate::{catalogue, check, context, diagram, document, docx, output, pdf, profile, templates};
use crate::{pipeline, typeset, variant};

/// Every failure the library reports; `main` prints it once.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The profile has errors; the report holds every finding, to print with its source.
    #[error("{}", .0.summary())]
    Findings(Box<check::Report>),
    #[error(transparent)]
    Profile(#[from] profile::ProfileError),
    #[error(transparent)]
    Catalogue(#[from] catalogue::CatalogueError),
    #[error(transparent)]
    Province(#[from] variant::UnknownProvince),
    #[error(transparent)]
    Variant(#[from] variant::VariantError),
    #[error(transparent)]
    Context(#[from] context::ContextError),
    #[error(transparent)]
    Template(#[from] templates::TemplateError),
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
    Typeset {
        document: String,
        #[source]
        source: typeset::TypesetError,
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
    Watch(#[from] pipeline::watch::WatchError),
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
            Error::Variant(_) => "variant-file",
            Error::Template(
                templates::TemplateError::TemplateDir { .. }
                | templates::TemplateError::TemplateFile { .. },
            ) => "templates-folder",
            Error::Template(_) => "template",
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
            Error::Variant(_) => {
                "correct the named variant.yaml (see templates/README.md) or remove it to use the built-in rules"
            }
            Error::Template(
                templates::TemplateError::TemplateDir { .. } | templates::TemplateError::TemplateFile { .. },
            ) => "give --templates an existing folder holding <province>/ and base/ templates",
            _ => "",
        }
    }
}
