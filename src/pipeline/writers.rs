//! The writers, behind one small trait (as mdBook's renderers and pandoc's writers are):
//! each turns a typeset, composed document into the bytes of one file format. Adding a
//! format is adding a writer; `generate` and `render` know only the trait.

use crate::document::Document;
use crate::style::StyleSheet;
use crate::typeset::Layout;
use crate::{docx, pdf, Error};

/// What every writer receives: the composed document, its Markdown, the style sheet and the
/// one layout of the document (the PDF serialises it; the DOCX takes its contents page
/// numbers from it).
pub struct Rendition<'a> {
    /// The document's id, for error messages.
    pub id: &'a str,
    pub markdown: &'a str,
    pub document: &'a Document,
    pub style: &'a StyleSheet,
    pub layout: &'a Layout,
}

/// One output format.
pub trait Writer: Sync {
    /// The file extension, without the dot.
    fn extension(&self) -> &'static str;
    fn write(&self, rendition: &Rendition<'_>) -> Result<Vec<u8>, Error>;
}

/// The formats icp-docs writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Pdf,
    Docx,
    /// The Markdown the templates rendered (for template authors).
    Markdown,
}

impl Format {
    pub fn writer(self) -> &'static dyn Writer {
        match self {
            Format::Pdf => &PdfWriter,
            Format::Docx => &DocxWriter,
            Format::Markdown => &MarkdownWriter,
        }
    }

    pub fn extension(self) -> &'static str {
        self.writer().extension()
    }
}

struct PdfWriter;

impl Writer for PdfWriter {
    fn extension(&self) -> &'static str {
        "pdf"
    }

    fn write(&self, r: &Rendition<'_>) -> Result<Vec<u8>, Error> {
        pdf::write_pdf(r.layout, r.document).map_err(|source| Error::Pdf {
            document: r.id.to_string(),
            source,
        })
    }
}

struct DocxWriter;

impl Writer for DocxWriter {
    fn extension(&self) -> &'static str {
        "docx"
    }

    fn write(&self, r: &Rendition<'_>) -> Result<Vec<u8>, Error> {
        let pages = r.layout.heading_pages();
        let layout = docx::FromLayout {
            toc_pages: &pages,
            page_numbers: r.layout.page_numbers,
            table_columns: &r.layout.table_columns,
            figures_moved: &r.layout.figures_moved,
        };
        docx::write_docx(r.document, r.style, &layout).map_err(|source| Error::Docx {
            document: r.id.to_string(),
            source,
        })
    }
}

struct MarkdownWriter;

impl Writer for MarkdownWriter {
    fn extension(&self) -> &'static str {
        "md"
    }

    fn write(&self, r: &Rendition<'_>) -> Result<Vec<u8>, Error> {
        Ok(r.markdown.as_bytes().to_vec())
    }
}
