//! The document model every writer reads. It holds content only; how it looks is the style
//! sheet's business (`crate::style`), so the DOCX and the PDF cannot disagree about content.

use crate::zh::date::Date;

/// A document as every writer receives it: its front matter, body and closing already
/// composed (`compose.rs`), so writers place what they are given and add no wording.
#[derive(Debug, Clone, PartialEq, Default, Hash)]
pub struct Document {
    pub meta: Meta,
    /// The cover page; `None` for letters and plain files.
    pub cover: Option<Cover>,
    /// The table of contents; `None` for none.
    pub contents: Option<Contents>,
    /// The text at the top of every body page; `None` for none (letters).
    pub running_header: Option<RunningHeader>,
    /// Whether a document of a single page still carries its page number: reports do,
    /// a one-page letter (承诺书, 声明) does not.
    pub number_single_page: bool,
    /// Whether its values are copied out of it into the online form (the fill-in sheet):
    /// writers then add no invisible characters to its text, not even line-break hints.
    pub copied_from: bool,
    pub blocks: Vec<Block>,
    /// Closing lines set right, in order (e.g. the company's seal line and the date);
    /// empty for none.
    pub signature: Vec<String>,
}

impl Document {
    /// How many drawn figures the body holds.
    pub fn figure_count(&self) -> usize {
        self.blocks
            .iter()
            .filter(|b| matches!(b, Block::Figure(f) if f.diagram.is_some()))
            .count()
    }
}

/// What the file's properties say (and the title the body opens with).
#[derive(Debug, Clone, PartialEq, Default, Hash)]
pub struct Meta {
    /// Document title, e.g. `业务发展和实施计划`.
    pub title: String,
    /// Who wrote it (the file's author property).
    pub author: Option<String>,
    /// What it is part of, e.g. the licence wording (the file's subject property).
    pub subject: Option<String>,
    /// The document date as a value, for the file properties (keeps output reproducible).
    pub date: Option<Date>,
}

/// A cover page: the title, a line under it, then a block of lines in the lower half.
#[derive(Debug, Clone, PartialEq, Default, Hash)]
pub struct Cover {
    pub title: String,
    /// Printed under the title, e.g. `增值电信业务经营许可证申请材料`.
    pub subtitle: Option<String>,
    /// The block of the lower half, in order (applicant, authority, date).
    pub lines: Vec<CoverLine>,
}

/// One line of a cover's lower block: `申请单位：` + `…（盖章）`.
#[derive(Debug, Clone, PartialEq, Default, Hash)]
pub struct CoverLine {
    /// Label including its colon, e.g. `申请单位：`; empty for a line of text alone.
    /// Continuation lines of a long value align after it.
    pub label: String,
    pub text: String,
}

impl CoverLine {
    pub fn full_text(&self) -> String {
        format!("{}{}", self.label, self.text)
    }
}

/// A table of contents: its title and one entry per heading it lists.
#[derive(Debug, Clone, PartialEq, Default, Hash)]
pub struct Contents {
    /// E.g. `目录` (writers space a two-character title as the style asks).
    pub title: String,
    pub entries: Vec<ContentsEntry>,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct ContentsEntry {
    pub level: u8,
    /// Number and text of the heading, e.g. `一、公司基本情况`.
    pub text: String,
    /// Position of the heading among all headings of the document (for its page).
    pub heading: usize,
}

/// The running header of body pages: one text set left, one set right.
#[derive(Debug, Clone, PartialEq, Default, Hash)]
pub struct RunningHeader {
    pub left: String,
    pub right: String,
}

#[derive(Debug, Clone, PartialEq, Hash)]
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

#[derive(Debug, Clone, PartialEq, Hash)]
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
#[derive(Debug, Clone, PartialEq, Default, Hash)]
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

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct List {
    /// Each item is one paragraph of runs; nested lists are flattened with their level.
    pub items: Vec<ListItem>,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct ListItem {
    /// 0 for top-level items.
    pub depth: u8,
    /// The marker as printed at the start of the item's paragraph: `1.`, `（2）`, `③`.
    pub marker: String,
    pub runs: Vec<Run>,
}

#[derive(Debug, Clone, PartialEq, Hash)]
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
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Figure {
    /// Numbered caption, e.g. `图1 网络拓扑图`, printed under the drawing.
    pub caption: Option<String>,
    /// Which drawing the template asked for, e.g. `topology`.
    pub name: String,
    /// The drawing; `None` until it has been made (writers skip an unfilled figure).
    pub diagram: Option<crate::graphics::Scene>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
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
