//! icp-docs: one company profile → the documents of a value-added telecom licence application.
//!
//! The pipeline, one module per step, each knowing nothing of the others' internals:
//! `profile` (load YAML) → `catalogue` (classify) → `check` (the reviewer's rules, with
//! `variant`'s provincial ones) → `context` (the template context) → `templates` (Tera →
//! Markdown) → `document` (Markdown → composed model) → `typeset` (pages) → `pdf` / `docx`
//! (bytes) → `output` (manifest, atomic files). Beneath them: `text` (fonts, measuring, line
//! breaking), `graphics` (scenes, rasterizing), `diagram` (figures drawn from the profile),
//! `zh` (Chinese dates and numerals), `style` (the style sheet). `pipeline` drives the steps
//! (`Pipeline`, the writers' trait, `generate`, `render`, `watch`).

pub mod attachments;
pub mod catalogue;
pub mod check;
pub mod context;
pub(crate) mod diagram;
pub mod document;
pub mod docx;
mod error;
pub(crate) mod files;
pub mod form;
pub mod graphics;
pub mod output;
pub mod pdf;
pub mod pipeline;
pub mod profile;
pub mod sheet;
pub mod style;
pub mod templates;
pub(crate) mod text;
pub mod typeset;
pub mod variant;
pub mod zh;

use std::path::{Path, PathBuf};

pub use document::HAND_DATE_LINE;
pub use error::Error;
pub use pipeline::generate::{generate, generate_batch, GenerateOptions, GenerateReport};
pub use pipeline::{
    render_file, resolve_province, unchanged_run, Application, Composed, Format, Pipeline,
};
use profile::Profile;

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
    output::write_atomic(
        path,
        profile::starter::starter_profile(province, licence).as_bytes(),
    )?;
    written.push(path.to_path_buf());
    let schema = path.with_file_name("profile.schema.json");
    if !schema.exists() {
        let text = format!("{:#}\n", profile_schema());
        output::write_atomic(&schema, text.as_bytes())?;
        written.push(schema);
    }
    Ok(written)
}
