//! Typesetting: the document model set into pages, once, for every writer.
//!
//! The PDF writer serialises the result as it is; the DOCX writer takes the page of each
//! heading from it for its table of contents, so both formats show the page numbers of
//! one layout. Split by concern as a typesetter is: inline text (`inline.rs`), lines
//! (`lines.rs`), body blocks (`blocks.rs`), tables, figures, the page flow (`flow.rs`),
//! front matter (cover and contents, `front.rs`) and marginals (header and footer).
//! Coordinates are points with the origin at the top-left corner of the page, y growing
//! downwards (a writer flips them if its format wants).

mod blocks;
mod figures;
mod flow;
mod front;
mod inline;
mod items;
mod lines;
mod marginals;
mod tables;
#[cfg(test)]
mod tests;

pub use items::{Anchor, Glyph, Item, Layout, Page, TableColumns, TextRun};

use crate::document::{Block, Document, Heading};
use crate::style::{mm_to_pt, StyleSheet};
use crate::text::{Fonts, TextError};
use flow::{Frame, Piece, PieceKind, Typesetter};

#[derive(Debug, Clone, thiserror::Error)]
pub enum TypesetError {
    /// The text uses a character the embedded fonts cannot print; setting it would show
    /// an empty box, so the document is refused instead.
    #[error(
        "the PDF fonts have no glyph for “{ch}” (U+{code:04X}), in “{context}”; \
         replace or remove this character",
        code = u32::from(*.ch)
    )]
    MissingGlyph { ch: char, context: String },
    #[error("PDF font: {0}")]
    Font(String),
    /// The style sheet's margins leave no text frame.
    #[error("cannot set the document: {0}")]
    NoRoom(String),
}

impl From<TextError> for TypesetError {
    fn from(err: TextError) -> TypesetError {
        match err {
            TextError::MissingGlyph { ch, context } => TypesetError::MissingGlyph { ch, context },
            TextError::Font(message) => TypesetError::Font(message),
        }
    }
}

impl Layout {
    /// The printed page number of every heading, in document order (body pages count
    /// from 1; a heading that was not placed gets 0).
    pub fn heading_pages(&self) -> Vec<u32> {
        self.anchors
            .iter()
            .map(|a| u32::try_from(a.page.saturating_sub(self.first_body_page) + 1).unwrap_or(0))
            .collect()
    }
}

/// Sets `doc` in `style` with the embedded fonts: pages of placed items, front matter
/// included, and the page of every heading.
pub fn typeset(doc: &Document, style: &StyleSheet) -> Result<Layout, TypesetError> {
    let fonts = Fonts::embedded()?;
    let page_w = mm_to_pt(style.page_width_mm);
    let page_h = mm_to_pt(style.page_height_mm);
    let frame = Frame {
        page_h,
        left: mm_to_pt(style.margin_left_mm),
        top: mm_to_pt(style.margin_top_mm),
        bottom: page_h - mm_to_pt(style.margin_bottom_mm),
        width: style.text_width_pt(),
    };
    if frame.width <= 0.0 || frame.bottom - frame.top <= style.body_line_pitch_pt {
        return Err(TypesetError::NoRoom(format!(
            "style `{}` leaves no room for text on the page",
            style.name
        )));
    }
    let mut b = Typesetter {
        style,
        fonts,
        frame,
        pieces: Vec::new(),
        table_headers: Vec::new(),
        figures_float: doc.contents.is_some(),
        table_columns: Vec::new(),
        block_starts: Vec::with_capacity(doc.blocks.len()),
    };

    // Body.
    let mut headings: Vec<&Heading> = Vec::new();
    b.body_title(&doc.meta.title)?;
    for block in &doc.blocks {
        b.block_starts.push(b.pieces.len());
        match block {
            Block::Heading(h) => {
                b.heading(h, headings.len())?;
                headings.push(h);
            }
            Block::Paragraph(runs) => b.paragraph(runs, style.first_line_indent_pt())?,
            Block::Addressee(runs) => b.paragraph(runs, 0.0)?,
            Block::List(list) => b.list(list)?,
            Block::Table(table) => b.table(table)?,
            Block::Figure(figure) => b.figure(figure)?,
            Block::PageBreak => b.pieces.push(Piece::marker(PieceKind::PageBreak)),
        }
    }
    if !doc.signature.is_empty() {
        b.signature(&doc.signature)?;
    }
    let pieces = std::mem::take(&mut b.pieces);
    let (mut body, placed, moved) = b.paginate(pieces);
    if body.is_empty() {
        body.push(Page { items: Vec::new() });
    }

    // Cover and contents, now that the body page numbers are known. Page numbers count
    // from the first body page, so the front matter cannot shift them.
    let mut front = Vec::new();
    if let Some(cover) = &doc.cover {
        front.push(b.cover(cover)?);
    }
    if let Some(contents) = &doc.contents {
        let entries: Vec<(u8, String, usize, usize)> = contents
            .entries
            .iter()
            .filter_map(|e| {
                placed
                    .get(e.heading)
                    .copied()
                    .flatten()
                    .map(|(page, _)| (e.level, e.text.clone(), page + 1, e.heading))
            })
            .collect();
        if !entries.is_empty() {
            front.extend(b.contents_pages(&contents.title, &entries)?);
        }
    }
    let offset = front.len();
    let total = body.len();
    let page_numbers = total > 1 || doc.number_single_page;
    for (n, page) in body.iter_mut().enumerate() {
        let number = page_numbers.then_some(n + 1);
        b.decorate(page, doc.running_header.as_ref(), number, total)?;
    }
    let anchors = headings
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let (page, y) = placed.get(i).copied().flatten().unwrap_or((0, b.frame.top));
            Anchor {
                level: h.level,
                title: h.full_text(),
                page: page + offset,
                y,
            }
        })
        .collect();
    let mut pages = front;
    pages.extend(body);
    Ok(Layout {
        pages,
        anchors,
        first_body_page: offset,
        page_numbers,
        page_height: page_h,
        page_width: page_w,
        table_columns: std::mem::take(&mut b.table_columns),
        figures_moved: moved,
    })
}
