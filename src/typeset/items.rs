//! What typesetting produces: glyph runs, rules, paths and links placed on pages, and
//! where each heading landed. Writers serialise these; nothing here knows a file format.

use crate::graphics::{Color, Path};
use crate::text::FaceId;

/// A glyph inside a run; `x` is relative to the run origin.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub gid: u16,
    pub ch: char,
    pub x: f32,
}

/// Glyphs of one face and size on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub face: FaceId,
    pub size: f32,
    pub x: f32,
    /// Baseline.
    pub y: f32,
    pub glyphs: Vec<Glyph>,
    /// Fill colour of the glyphs; `None` for black (all body text).
    pub color: Option<Color>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextRun),
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// A filled and/or stroked vector shape of a figure, in page coordinates.
    Path(Box<Path>),
    /// The next `runs` text runs copy out as `text`: the characters of a line as written,
    /// when the spacing the layout added (Chinese–Latin gaps, justification, compressed
    /// punctuation whose boxes overlap) would make a text extractor insert spaces or split
    /// the line. Writers without a notion of copied text ignore it.
    ActualText {
        text: String,
        runs: usize,
    },
    /// A clickable area that jumps to heading number `target` (contents entries).
    Link {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        target: usize,
    },
}

impl Item {
    pub(crate) fn translate(&mut self, dx: f32, dy: f32) {
        match self {
            Item::Text(run) => {
                run.x += dx;
                run.y += dy;
            }
            Item::Rule { x1, y1, x2, y2, .. } | Item::Link { x1, y1, x2, y2, .. } => {
                *x1 += dx;
                *x2 += dx;
                *y1 += dy;
                *y2 += dy;
            }
            Item::Path(path) => path.transform(1.0, dx, dy),
            Item::ActualText { .. } => {}
        }
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    pub items: Vec<Item>,
}

/// Where a heading landed (for the contents pages and the PDF outline).
#[derive(Debug, Clone)]
pub struct Anchor {
    pub level: u8,
    pub title: String,
    /// Index of the page in the whole document.
    pub page: usize,
    /// Top of the heading's first line.
    pub y: f32,
}

/// The laid-out document.
#[derive(Debug)]
pub struct Layout {
    pub pages: Vec<Page>,
    /// One entry per heading of the document, in order.
    pub anchors: Vec<Anchor>,
    /// Index of the first body page (page numbers count from it).
    pub first_body_page: usize,
    /// Whether the body pages carry page numbers (a one-page letter has none); the DOCX
    /// follows the same decision.
    pub page_numbers: bool,
    pub page_height: f32,
    pub page_width: f32,
    /// The columns of every table of the document, in order: the DOCX gives its tables
    /// the same widths, so a model name that fits a cell here is not broken there.
    pub table_columns: Vec<TableColumns>,
    /// Each figure that floated past the text after it: its block's index and the index
    /// of the block it is set before (the number of blocks: at the end). The DOCX moves it
    /// there too, so that Word does not leave the page before it empty.
    pub figures_moved: Vec<(usize, usize)>,
}

/// The columns a table was set with, in points.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableColumns {
    /// Each column's width, its padding included.
    pub widths: Vec<f32>,
    /// The padding left and right of a cell's text.
    pub padding: f32,
}
