//! `icp-docs render`: a Markdown file of the user's, in the house style.

use std::path::{Path, PathBuf};

use super::writers::{Format, Rendition};
use crate::style::{StyleName, StyleSheet};
use crate::{document, files, output, typeset, Error};

/// A Markdown file for `render` is a document, not a data dump: refuse anything larger.
const MAX_MARKDOWN_BYTES: u64 = 16 * 1024 * 1024;

/// What `render` wrote, and the metadata keys it did not use (to warn about).
#[derive(Debug)]
pub struct Rendered {
    pub written: Vec<PathBuf>,
    pub ignored_keys: Vec<String>,
}

/// Converts a Markdown file (with an optional pandoc-style metadata block: title, subtitle,
/// author, date, toc-title, abstract, lang, keywords; applicant and recipient for an
/// application cover) to the house style, writing `<stem>.<extension>` for each of
/// `formats` into `out_dir`. A cover and contents are added when the metadata names an
/// author, an applicant or a subtitle.
pub fn render_file(
    input: &Path,
    formats: &[Format],
    out_dir: &Path,
    style: StyleName,
) -> Result<Rendered, Error> {
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
    let name = input.display().to_string();
    let parsed = document::parse_markdown(&text).map_err(|source| Error::Document {
        document: name.clone(),
        source,
    })?;
    let ignored_keys = parsed.ignored_keys.clone();
    let document = document::compose_file(parsed, &stem);
    let sheet = StyleSheet::get(style);
    let layout = typeset::typeset(&document, &sheet).map_err(|source| Error::Typeset {
        document: name.clone(),
        source,
    })?;
    let rendition = Rendition {
        id: &name,
        markdown: &text,
        document: &document,
        style: &sheet,
        layout: &layout,
    };
    let stem = output::safe_file_name(&stem);
    let files = formats
        .iter()
        .map(|format| {
            let bytes = format.writer().write(&rendition)?;
            Ok((format!("{stem}.{}", format.extension()), bytes))
        })
        .collect::<Result<Vec<_>, Error>>()?;
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
    Ok(Rendered {
        written,
        ignored_keys,
    })
}
