//! The document model every writer reads. It holds content only; how it looks is the style
//! sheet's business (`crate::style`), so the DOCX and the PDF cannot disagree about content.

use crate::date::Date;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub meta: Meta,
    pub blocks: Vec<Block>,
}

/// What the cover, the running header, the closing signature and the file properties show.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    /// Document title, e.g. `业务发展和实施计划`.
    pub title: String,
    /// Line under the title on the cover, e.g. the licence wording.
    pub subtitle: Option<String>,
    /// The applicant company (file author; cover and signature line).
    pub author: Option<String>,
    /// The authority the document is addressed to, e.g. `浙江省通信管理局`.
    pub recipient: Option<String>,
    /// The date as printed (`2026年12月8日` or `二〇二六年十二月八日`).
    pub date_text: Option<String>,
    /// The same date as a value, for file metadata (keeps output reproducible).
    pub date: Option<Date>,
    /// Draw a cover page and a table of contents.
    pub cover: bool,
    /// Closing lines set right, in order (e.g. the company's seal line and the date);
    /// empty for none. Writers print them as given.
    pub signature: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(Heading),
    Paragraph(Vec<Run>),
    /// The addressee line of a letter (e.g. `浙江省通信管理局：`), set flush left (顶格)
    /// instead of with the first-line indent of body paragraphs.
    Addressee(Vec<Run>),
    List(List),
    Table(Table),
    Figure(Figure),
    PageBreak,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 1 = 一、, 2 = （一）, 3 = 1., 4 = （1）.
    pub level: u8,
    /// The Chinese number including its punctuation, e.g. `三、` or `（二）`.
    pub number: String,
    pub text: String,
}

impl Heading {
    /// Number and text as they appear in the body and in the table of contents.
    pub fn full_text(&self) -> String {
        format!("{}{}", self.number, self.text)
    }
}

/// A stretch of text with one style. Line breaks inside a paragraph are `\n` in `text`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct List {
    pub ordered: bool,
    /// Each item is one paragraph of runs; nested lists are flattened with their level.
    pub items: Vec<ListItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// 0 for top-level items.
    pub depth: u8,
    /// The marker as printed: `1.`, `2.` or `•`.
    pub marker: String,
    pub runs: Vec<Run>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Numbered caption, e.g. `表1 股权结构`, printed above the table.
    pub caption: Option<String>,
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    pub align: Vec<Align>,
}

pub type Cell = Vec<Run>;

/// A drawing with its numbered caption. Templates only say where a figure goes
/// (`<!-- figure: topology -->`); the drawing is made from the profile after parsing, so the
/// Markdown stays free of geometry and the PDF and DOCX draw the same scene.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Numbered caption, e.g. `图1 网络拓扑图`, printed under the drawing.
    pub caption: Option<String>,
    /// Which drawing the template asked for, e.g. `topology`.
    pub name: String,
    /// The drawing; `None` until it has been made (writers skip an unfilled figure).
    pub diagram: Option<crate::graphics::Scene>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// Plain text of a run sequence (for tables of contents, searching and tests).
pub fn plain_text(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}
