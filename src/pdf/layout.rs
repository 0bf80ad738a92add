//! Page layout: turns the document model into glyph runs and rules placed on pages.
//!
//! Blocks are first cut into vertical pieces (a line, a table row, a space) that carry
//! their own keep rules; pagination then stacks pieces into the text frame. Coordinates
//! are points with the origin at the top-left corner of the page, y growing downwards
//! (the renderer flips them).

use super::fonts::{PdfFonts, EM_BOX_ASCENT};
use super::linebreak::{self, Break, LineSpan};
use super::PdfError;
use crate::diagram::{self, Shape};
use crate::document::{plain_text, Align, Block, Document, Figure, Heading, List, Run, Table};
use crate::style::{mm_to_pt, PageNumberStyle, PdfFace, StyleSheet, TextStyle};

/// Floating point slack when comparing vertical positions, in points.
const EPS: f32 = 0.01;
/// Horizontal padding inside table cells, in ems of the table size.
const CELL_PAD_X_EM: f32 = 0.35;
/// Vertical padding inside table cells, in points.
const CELL_PAD_Y: f32 = 2.0;
/// Cells whose content is at most this many ems wide are not wrapped if the page allows.
const SHORT_EM: f32 = 8.0;
/// Stroke widths, in points.
const TABLE_RULE: f32 = 0.5;
const HEADER_RULE: f32 = 0.5;
/// Tables with more cells than this get proportional column widths without the search
/// for the widths that save the most lines (see `column_widths`), and the search stops
/// after this many steps: both keep the time per table to a few milliseconds.
const MAX_SEARCHED_CELLS: usize = 400;
const MAX_SEARCH_STEPS: usize = 100;
/// Justification never adds more than this (in ems) between two characters: past it a
/// line is set ragged because spread-out text reads worse than a short line.
const MAX_GAP_EM: f32 = 1.0;

/// A glyph inside a run; `x` is relative to the run origin.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    pub gid: u16,
    pub ch: char,
    pub x: f32,
}

/// Glyphs of one face and size on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextRun {
    pub face: PdfFace,
    pub size: f32,
    pub x: f32,
    /// Baseline.
    pub y: f32,
    pub glyphs: Vec<Glyph>,
    /// Fill colour of the glyphs; `None` for black (all body text).
    pub color: Option<diagram::Color>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    Text(TextRun),
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// A filled and/or stroked vector shape of a figure, in page coordinates.
    Path(Box<diagram::Path>),
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
    fn translate(&mut self, dx: f32, dy: f32) {
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
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Page {
    pub items: Vec<Item>,
}

/// Where a heading landed (for the contents pages and the PDF outline).
#[derive(Debug, Clone)]
pub(crate) struct Anchor {
    pub level: u8,
    pub title: String,
    /// Index of the page in the whole document.
    pub page: usize,
    /// Top of the heading's first line.
    pub y: f32,
}

/// The laid-out document.
#[derive(Debug)]
pub(crate) struct Laid {
    pub pages: Vec<Page>,
    /// One entry per heading of the document, in order.
    pub anchors: Vec<Anchor>,
    /// Index of the first body page (page numbers count from it).
    pub first_body_page: usize,
    pub page_height: f32,
    pub page_width: f32,
}

/// Text measured in one size, ready for line breaking.
struct Measured {
    chars: Vec<char>,
    faces: Vec<PdfFace>,
    /// `None` for characters that take no ink (line feeds, zero-width marks).
    gids: Vec<Option<u16>>,
    widths: Vec<f32>,
    /// Fixed space before each character when it shares a line with the one before
    /// (Chinese–Latin spacing, punctuation compression: `linebreak::gaps`).
    gaps: Vec<f32>,
    breaks: Vec<Break>,
    size: f32,
}

impl Measured {
    /// Width on one line.
    fn width(&self) -> f32 {
        self.widths.iter().sum::<f32>() + self.gaps.iter().skip(1).sum::<f32>()
    }

    /// Width of the widest piece that cannot be broken (table minimum width).
    fn min_content(&self) -> f32 {
        let mut best = 0.0f32;
        let mut cur = 0.0f32;
        for i in 0..self.chars.len() {
            if i > 0 && self.breaks[i] != Break::Never {
                cur = 0.0;
            } else if i > 0 {
                cur += self.gaps[i];
            }
            cur += self.widths[i];
            if !linebreak::is_space(self.chars[i]) {
                best = best.max(cur);
            }
        }
        best
    }

    /// Width of the widest forced line (table maximum width).
    fn max_content(&self) -> f32 {
        let mut best = 0.0f32;
        let mut cur = 0.0f32;
        for i in 0..self.chars.len() {
            if i > 0 && self.breaks[i] == Break::Mandatory {
                cur = 0.0;
            } else if i > 0 {
                cur += self.gaps[i];
            }
            cur += self.widths[i];
            best = best.max(cur);
        }
        best
    }

    /// Lines `m` takes in a box `width` wide.
    fn line_count(&self, width: f32) -> usize {
        linebreak::fit_lines_with_gaps(&self.chars, &self.widths, &self.gaps, &self.breaks, |_| {
            width
        })
        .len()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineAlign {
    Justify,
    Left,
    Center,
    Right,
}

impl From<Align> for LineAlign {
    /// Cells are set ragged: justifying a column a few characters wide opens gaps.
    fn from(align: Align) -> LineAlign {
        match align {
            Align::Left => LineAlign::Left,
            Align::Center => LineAlign::Center,
            Align::Right => LineAlign::Right,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PieceKind {
    Content,
    /// Vertical space, dropped at the top of a page.
    Space,
    /// Move down to the next body line of the grid (after tables and titles).
    GridSnap,
    PageBreak,
    /// A table row; the table's header rows are repeated when it starts a page.
    Row {
        table: usize,
    },
}

/// A slice of the flow that never breaks across pages.
struct Piece {
    height: f32,
    /// Relative to the piece's top-left corner at the left margin.
    items: Vec<Item>,
    keep_with_next: bool,
    kind: PieceKind,
    /// Heading number whose first line this is.
    anchor: Option<usize>,
}

impl Piece {
    fn content(height: f32, items: Vec<Item>) -> Piece {
        Piece {
            height,
            items,
            keep_with_next: false,
            kind: PieceKind::Content,
            anchor: None,
        }
    }

    fn space(height: f32) -> Piece {
        Piece {
            kind: PieceKind::Space,
            ..Piece::content(height, Vec::new())
        }
    }

    fn marker(kind: PieceKind) -> Piece {
        Piece {
            kind,
            ..Piece::content(0.0, Vec::new())
        }
    }
}

/// One line ready to be set: items with the baseline at y = 0.
type Line = Vec<Item>;

/// Geometry of the page and the text frame, in points.
struct Frame {
    page_h: f32,
    left: f32,
    top: f32,
    bottom: f32,
    width: f32,
}

struct Builder<'a> {
    style: &'a StyleSheet,
    fonts: &'a PdfFonts,
    frame: Frame,
    pieces: Vec<Piece>,
    /// Header pieces of each table, repeated on the pages a table continues on.
    table_headers: Vec<Vec<Piece>>,
}

pub(crate) fn lay_out(
    doc: &Document,
    style: &StyleSheet,
    fonts: &PdfFonts,
) -> Result<Laid, PdfError> {
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
        return Err(PdfError::Write(format!(
            "style `{}` leaves no room for text on the page",
            style.name
        )));
    }
    let mut b = Builder {
        style,
        fonts,
        frame,
        pieces: Vec::new(),
        table_headers: Vec::new(),
    };

    // Body.
    let mut headings: Vec<&Heading> = Vec::new();
    b.body_title(&doc.meta.title)?;
    for block in &doc.blocks {
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
    if !doc.meta.signature.is_empty() {
        b.signature(doc)?;
    }
    let pieces = std::mem::take(&mut b.pieces);
    let (mut body, placed) = b.paginate(pieces);
    if body.is_empty() {
        body.push(Page { items: Vec::new() });
    }

    // Cover and contents, now that the body page numbers are known. Page numbers count
    // from the first body page, so the front matter cannot shift them.
    let mut front = Vec::new();
    if doc.meta.cover {
        front.push(b.cover(doc)?);
        let entries: Vec<(u8, String, usize, usize)> = headings
            .iter()
            .enumerate()
            .filter(|(_, h)| h.level <= 2)
            .filter_map(|(i, h)| {
                placed
                    .get(i)
                    .copied()
                    .flatten()
                    .map(|(page, _)| (h.level, h.full_text(), page + 1, i))
            })
            .collect();
        if !entries.is_empty() {
            front.extend(b.contents_pages(&entries)?);
        }
    }
    let offset = front.len();
    let total = body.len();
    for (n, page) in body.iter_mut().enumerate() {
        b.decorate(page, &doc.meta, n + 1, total)?;
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
    Ok(Laid {
        pages,
        anchors,
        first_body_page: offset,
        page_height: page_h,
        page_width: page_w,
    })
}

/// The character and some text around it, for error messages.
fn context_around(chars: &[char], i: usize) -> String {
    const SPAN: usize = 12;
    let from = i.saturating_sub(SPAN);
    let to = (i + SPAN + 1).min(chars.len());
    let mut s = String::new();
    if from > 0 {
        s.push('…');
    }
    s.extend(
        chars[from..to]
            .iter()
            .map(|&c| if c == '\n' { ' ' } else { c }),
    );
    if to < chars.len() {
        s.push('…');
    }
    s
}

/// Characters that print nothing and take no room.
pub(crate) fn is_invisible(ch: char) -> bool {
    matches!(
        ch,
        '\n' | '\r' | '\u{00AD}' | '\u{200B}'
            ..='\u{200F}' | '\u{2060}' | '\u{FE0E}' | '\u{FE0F}' | '\u{FEFF}'
    )
}

fn bolden(face: PdfFace) -> PdfFace {
    match face {
        PdfFace::SerifRegular => PdfFace::SerifBold,
        other => other,
    }
}

/// Baseline of a line of `size` centred in a line box of `height`.
fn baseline_in(height: f32, size: f32) -> f32 {
    (height - size) / 2.0 + EM_BOX_ASCENT * size
}

impl Builder<'_> {
    fn measure(
        &self,
        chars: Vec<char>,
        faces: Vec<PdfFace>,
        size: f32,
    ) -> Result<Measured, PdfError> {
        let mut gids = Vec::with_capacity(chars.len());
        let mut widths = Vec::with_capacity(chars.len());
        for (i, (&ch, &face)) in chars.iter().zip(&faces).enumerate() {
            if is_invisible(ch) {
                gids.push(None);
                widths.push(0.0);
                continue;
            }
            let font = self.fonts.face(face);
            match font.glyph(ch) {
                Some(gid) => {
                    gids.push(Some(gid));
                    widths.push(font.advance_em(gid) * size);
                }
                None => {
                    return Err(PdfError::MissingGlyph {
                        ch,
                        context: context_around(&chars, i),
                    })
                }
            }
        }
        let breaks = linebreak::break_opportunities(&chars);
        let gaps = linebreak::gaps(&chars, size);
        Ok(Measured {
            chars,
            faces,
            gids,
            widths,
            gaps,
            breaks,
            size,
        })
    }

    fn measure_runs(&self, runs: &[Run], base: PdfFace, size: f32) -> Result<Measured, PdfError> {
        let mut chars = Vec::new();
        let mut faces = Vec::new();
        for run in runs {
            // Italic has no face of its own in Chinese type: it stays upright.
            let face = if run.bold { bolden(base) } else { base };
            for ch in run.text.chars() {
                let ch = if ch == '\t' { ' ' } else { ch };
                chars.push(ch);
                faces.push(face);
            }
        }
        self.measure(chars, faces, size)
    }

    fn measure_str(&self, text: &str, face: PdfFace, size: f32) -> Result<Measured, PdfError> {
        let chars: Vec<char> = text
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        let faces = vec![face; chars.len()];
        self.measure(chars, faces, size)
    }

    /// Glyph runs of characters `span` placed at `xs` (relative to `x0`) on baseline `y`.
    fn set_span(m: &Measured, span: &LineSpan, xs: &[f32], x0: f32, y: f32) -> Vec<Item> {
        let mut items = Vec::new();
        let mut run: Option<TextRun> = None;
        for (k, i) in (span.start..span.end).enumerate() {
            let Some(gid) = m.gids[i] else { continue };
            let x = x0 + xs[k];
            let face = m.faces[i];
            match run.as_mut() {
                Some(r) if r.face == face => r.glyphs.push(Glyph {
                    gid,
                    ch: m.chars[i],
                    x: x - r.x,
                }),
                _ => {
                    if let Some(done) = run.take() {
                        items.push(Item::Text(done));
                    }
                    run = Some(TextRun {
                        face,
                        size: m.size,
                        x,
                        y,
                        glyphs: vec![Glyph {
                            gid,
                            ch: m.chars[i],
                            x: 0.0,
                        }],
                        color: None,
                    });
                }
            }
        }
        items.extend(run.map(Item::Text));
        items
    }

    /// Breaks `m` into lines between `x` and `right`, the first line starting at
    /// `first_x`. Returns each line's items (baseline at 0) and its right edge.
    fn break_into_lines(
        &self,
        m: &Measured,
        first_x: f32,
        rest_x: f32,
        right: f32,
        align: LineAlign,
    ) -> Vec<(Line, f32)> {
        let avail = |k: usize| right - if k == 0 { first_x } else { rest_x };
        let spans = linebreak::fit_lines_with_gaps(&m.chars, &m.widths, &m.gaps, &m.breaks, avail);
        spans
            .iter()
            .enumerate()
            .map(|(k, span)| {
                let x = if k == 0 { first_x } else { rest_x };
                let room = avail(k);
                let xs = linebreak::positions(
                    &m.chars,
                    &m.widths,
                    &m.gaps,
                    span,
                    room,
                    align == LineAlign::Justify,
                    MAX_GAP_EM * m.size,
                );
                let used = match (xs.last(), span.end > span.start) {
                    (Some(&last), true) if align == LineAlign::Justify && !span.last => {
                        (last + m.widths[span.end - 1]).max(span.width)
                    }
                    _ => span.width,
                };
                let x0 = match align {
                    LineAlign::Justify | LineAlign::Left => x,
                    LineAlign::Center => x + (room - used) / 2.0,
                    LineAlign::Right => x + room - used,
                };
                (Self::set_span(m, span, &xs, x0, 0.0), x0 + used)
            })
            .collect()
    }

    /// Lines as pieces of `height`, with widow and orphan control (a paragraph never
    /// leaves a single line alone at the foot or the head of a page).
    fn push_lines(
        &mut self,
        lines: Vec<(Line, f32)>,
        height: f32,
        size: f32,
        keep_all: bool,
        anchor: Option<usize>,
    ) {
        let n = lines.len();
        let base = baseline_in(height, size);
        for (k, (mut items, _)) in lines.into_iter().enumerate() {
            items.iter_mut().for_each(|it| it.translate(0.0, base));
            let mut piece = Piece::content(height, items);
            piece.keep_with_next = keep_all || (n >= 2 && (k == 0 || k + 2 == n));
            if k == 0 {
                piece.anchor = anchor;
            }
            self.pieces.push(piece);
        }
    }

    fn em_lines_height(&self, size: f32, factor: f32) -> f32 {
        self.style.body_line_pitch_pt.max(size * factor)
    }

    fn body_title(&mut self, title: &str) -> Result<(), PdfError> {
        if title.trim().is_empty() {
            return Ok(());
        }
        let st = &self.style.title;
        let m = self.measure_str(title, st.pdf_face, st.size_pt)?;
        let lines = self.break_into_lines(&m, 0.0, 0.0, self.frame.width, LineAlign::Center);
        let height = self.em_lines_height(st.size_pt, 1.5);
        self.push_lines(lines, height, st.size_pt, true, None);
        self.pieces
            .push(Piece::space(self.style.body_line_pitch_pt * 0.5));
        self.pieces.push(Piece::marker(PieceKind::GridSnap));
        Ok(())
    }

    fn heading(&mut self, h: &Heading, index: usize) -> Result<(), PdfError> {
        let st = &self.style.headings[usize::from(h.level.clamp(1, 4) - 1)];
        let m = self.measure_str(&h.full_text(), st.pdf_face, st.size_pt)?;
        let indent = self.style.first_line_indent_pt();
        let lines = self.break_into_lines(&m, indent, 0.0, self.frame.width, LineAlign::Justify);
        let height = self.em_lines_height(st.size_pt, 1.25);
        // A heading is kept with the first lines of what follows.
        self.push_lines(lines, height, st.size_pt, true, Some(index));
        Ok(())
    }

    /// A body paragraph whose first line starts `indent` points in.
    fn paragraph(&mut self, runs: &[Run], indent: f32) -> Result<(), PdfError> {
        if plain_text(runs).trim().is_empty() {
            return Ok(());
        }
        let st = &self.style.body;
        let m = self.measure_runs(runs, st.pdf_face, st.size_pt)?;
        let lines = self.break_into_lines(&m, indent, 0.0, self.frame.width, LineAlign::Justify);
        self.push_lines(
            lines,
            self.style.body_line_pitch_pt,
            st.size_pt,
            false,
            None,
        );
        Ok(())
    }

    fn list(&mut self, list: &List) -> Result<(), PdfError> {
        let st = self.style.body.clone();
        let em = st.size_pt;
        let indent = self.style.first_line_indent_pt();
        // Markers of one depth share one column so item texts align.
        let mut marker_w = [0.0f32; 8];
        let mut markers = Vec::with_capacity(list.items.len());
        for item in &list.items {
            let m = self.measure_str(&item.marker, st.pdf_face, em)?;
            let d = usize::from(item.depth).min(7);
            marker_w[d] = marker_w[d].max(m.width());
            markers.push(m);
        }
        for (item, marker) in list.items.iter().zip(markers) {
            let d = usize::from(item.depth).min(7);
            let marker_x = indent + d as f32 * 2.0 * em;
            let text_x = (marker_x + marker_w[d] + 0.5 * em).min(self.frame.width * 0.5);
            let m = self.measure_runs(&item.runs, st.pdf_face, em)?;
            let mut lines =
                self.break_into_lines(&m, text_x, text_x, self.frame.width, LineAlign::Justify);
            let span = LineSpan {
                start: 0,
                end: marker.chars.len(),
                width: marker.width(),
                last: true,
            };
            let xs = linebreak::positions(
                &marker.chars,
                &marker.widths,
                &marker.gaps,
                &span,
                span.width,
                false,
                0.0,
            );
            let marker_items = Self::set_span(&marker, &span, &xs, marker_x, 0.0);
            if lines.is_empty() {
                lines.push((Vec::new(), text_x));
            }
            lines[0].0.extend(marker_items);
            self.push_lines(lines, self.style.body_line_pitch_pt, em, false, None);
        }
        Ok(())
    }

    fn signature(&mut self, doc: &Document) -> Result<(), PdfError> {
        let st = &self.style.body;
        let texts = doc.meta.signature.clone();
        if texts.is_empty() {
            return Ok(());
        }
        let measured = texts
            .into_iter()
            .map(|t| self.measure_str(&t, st.pdf_face, st.size_pt))
            .collect::<Result<Vec<_>, _>>()?;
        let pitch = self.style.body_line_pitch_pt;
        let block_w = measured
            .iter()
            .map(Measured::width)
            .fold(0.0f32, f32::max)
            .min(self.frame.width);
        // GB/T 9704 style: the block sits a little in from the right margin and each line
        // is centred over the block, so the seal covers the company and the date.
        let right = (self.frame.width - 2.0 * st.size_pt).max(block_w);
        let left = right - block_w;
        // The seal line never stands alone on a page: the end of the text goes with it
        // (with the widow rule of paragraphs, that is the last two lines).
        if let Some(last) = self
            .pieces
            .iter_mut()
            .rev()
            .find(|p| matches!(p.kind, PieceKind::Content | PieceKind::Row { .. }))
        {
            last.keep_with_next = true;
        }
        self.pieces.push(Piece::space(pitch));
        self.pieces.push(Piece::space(pitch));
        let mut lines = Vec::new();
        for m in &measured {
            let x = left + ((block_w - m.width()) / 2.0).max(0.0);
            lines.extend(self.break_into_lines(m, x, left, right, LineAlign::Left));
        }
        self.push_lines(lines, pitch, st.size_pt, true, None);
        if let Some(last) = self.pieces.last_mut() {
            last.keep_with_next = false;
        }
        Ok(())
    }

    fn table(&mut self, table: &Table) -> Result<(), PdfError> {
        let st: TextStyle = self.style.table.clone();
        let size = st.size_pt;
        let pitch = self.style.table_line_pitch_pt.max(size * 1.1);
        let ncols = table
            .rows
            .iter()
            .map(Vec::len)
            .chain(std::iter::once(table.header.len()))
            .max()
            .unwrap_or(0);
        if ncols == 0 {
            return Ok(());
        }
        let pad_x = CELL_PAD_X_EM * size;
        let empty: Vec<Run> = Vec::new();
        let measure_row = |b: &Builder, cells: &[Vec<Run>], face: PdfFace| {
            (0..ncols)
                .map(|c| b.measure_runs(cells.get(c).unwrap_or(&empty), face, size))
                .collect::<Result<Vec<_>, _>>()
        };
        let header = if table.header.is_empty() {
            None
        } else {
            Some(measure_row(self, &table.header, bolden(st.pdf_face))?)
        };
        let rows = table
            .rows
            .iter()
            .map(|r| measure_row(self, r, st.pdf_face))
            .collect::<Result<Vec<_>, _>>()?;

        let all_rows: Vec<&Vec<Measured>> = header.iter().chain(rows.iter()).collect();
        let widths = column_widths(
            &all_rows,
            ncols,
            pad_x,
            2.0 * size + 2.0 * pad_x,
            self.frame.width,
        );
        let mut col_x = Vec::with_capacity(ncols + 1);
        let mut x = 0.0;
        col_x.push(x);
        for w in &widths {
            x += w;
            col_x.push(x);
        }

        let id = self.table_headers.len();
        let table_top_space = self.style.body_line_pitch_pt * 0.25;
        self.pieces.push(Piece::space(table_top_space));
        if let Some(caption) = table.caption.as_deref().filter(|c| !c.trim().is_empty()) {
            let m = self.measure_str(caption, PdfFace::SansBold, size)?;
            let lines = self.break_into_lines(&m, 0.0, 0.0, self.frame.width, LineAlign::Center);
            let height = pitch + 2.0 * CELL_PAD_Y;
            self.push_lines(lines, height, size, true, None);
        }
        let align = |c: usize| table.align.get(c).copied().unwrap_or_default();
        let max_row_h = (self.frame.bottom - self.frame.top) * 0.8;
        let mut header_pieces = Vec::new();
        if let Some(cells) = &header {
            let aligns = vec![LineAlign::Center; ncols];
            header_pieces = self.row_pieces(
                cells,
                &col_x,
                &aligns,
                pitch,
                pad_x,
                max_row_h,
                PieceKind::Row { table: id },
            );
        }
        let header_h: f32 = header_pieces.iter().map(|p| p.height).sum();
        let aligns: Vec<LineAlign> = (0..ncols).map(|c| align(c).into()).collect();
        let body_max = (max_row_h - header_h).max(pitch * 2.0);
        let mut body_pieces = Vec::new();
        for cells in &rows {
            body_pieces.extend(self.row_pieces(
                cells,
                &col_x,
                &aligns,
                pitch,
                pad_x,
                body_max,
                PieceKind::Row { table: id },
            ));
        }
        // The header travels with the first row; header pieces for repetition are copies.
        let repeat: Vec<Piece> = header_pieces
            .iter()
            .map(|p| Piece {
                height: p.height,
                items: p.items.clone(),
                keep_with_next: true,
                kind: PieceKind::Content,
                anchor: None,
            })
            .collect();
        for mut p in header_pieces {
            p.keep_with_next = true;
            // Header rows themselves must not trigger another header.
            p.kind = PieceKind::Content;
            self.pieces.push(p);
        }
        // A short table stays in one piece; a long one leaves at least two rows on the
        // page it starts on and on the page it ends on.
        let n = body_pieces.len();
        let table_h: f32 = header_h + body_pieces.iter().map(|p| p.height).sum::<f32>();
        if table_h <= (self.frame.bottom - self.frame.top) / 3.0 {
            for p in body_pieces.iter_mut().take(n.saturating_sub(1)) {
                p.keep_with_next = true;
            }
        } else if n >= 3 {
            body_pieces[0].keep_with_next = true;
            body_pieces[n - 2].keep_with_next = true;
        }
        self.pieces.extend(body_pieces);
        self.table_headers.push(repeat);
        self.pieces
            .push(Piece::space(self.style.body_line_pitch_pt * 0.25));
        self.pieces.push(Piece::marker(PieceKind::GridSnap));
        Ok(())
    }

    /// A figure: the drawing scaled to the text width (or down to what a page holds with
    /// its caption), as vector shapes and real text, kept on one page with the caption
    /// under it. Figures the pipeline did not fill are skipped.
    fn figure(&mut self, figure: &Figure) -> Result<(), PdfError> {
        let Some(d) = &figure.diagram else {
            return Ok(());
        };
        if d.width <= 0.0 || d.height <= 0.0 {
            return Ok(());
        }
        let size = self.style.table.size_pt;
        let pitch = self.style.table_line_pitch_pt.max(size * 1.1);
        let caption_h = pitch + 2.0 * CELL_PAD_Y;
        let caption = match figure.caption.as_deref().filter(|c| !c.trim().is_empty()) {
            Some(text) => {
                let m = self.measure_str(text, PdfFace::SansBold, size)?;
                self.break_into_lines(&m, 0.0, 0.0, self.frame.width, LineAlign::Center)
            }
            None => Vec::new(),
        };
        let space = self.style.body_line_pitch_pt * 0.25;
        let room = self.frame.bottom - self.frame.top - caption.len() as f32 * caption_h - space;
        let scale = (self.frame.width / d.width).min(room / d.height).max(0.01);
        let x0 = (self.frame.width - d.width * scale) / 2.0;
        let mut items = Vec::with_capacity(d.shapes.len());
        for shape in &d.shapes {
            match shape {
                Shape::Path(path) => {
                    let mut path = path.clone();
                    path.transform(scale, x0, 0.0);
                    items.push(Item::Path(Box::new(path)));
                }
                Shape::Text(label) => {
                    let face = self.fonts.face(label.face);
                    let glyphs = label
                        .glyphs
                        .iter()
                        .map(|g| match face.glyph(g.ch) {
                            Some(gid) => Ok(Glyph {
                                gid,
                                ch: g.ch,
                                x: g.x * scale,
                            }),
                            None => Err(PdfError::MissingGlyph {
                                ch: g.ch,
                                context: label.text.clone(),
                            }),
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    items.push(Item::Text(TextRun {
                        face: label.face,
                        size: label.size * scale,
                        x: x0 + label.x * scale,
                        y: label.y * scale,
                        glyphs,
                        color: Some(label.color),
                    }));
                }
            }
        }
        self.pieces.push(Piece::space(space));
        let mut drawing = Piece::content(d.height * scale, items);
        drawing.keep_with_next = !caption.is_empty();
        self.pieces.push(drawing);
        if !caption.is_empty() {
            self.push_lines(caption, caption_h, size, true, None);
            if let Some(last) = self.pieces.last_mut() {
                last.keep_with_next = false;
            }
        }
        self.pieces.push(Piece::space(space));
        self.pieces.push(Piece::marker(PieceKind::GridSnap));
        Ok(())
    }

    /// One table row as one piece, or several when a row is taller than `max_h`.
    #[allow(clippy::too_many_arguments)]
    fn row_pieces(
        &self,
        cells: &[Measured],
        col_x: &[f32],
        aligns: &[LineAlign],
        pitch: f32,
        pad_x: f32,
        max_h: f32,
        kind: PieceKind,
    ) -> Vec<Piece> {
        let size = cells.first().map_or(10.0, |m| m.size);
        let cell_lines: Vec<Vec<(Line, f32)>> = cells
            .iter()
            .enumerate()
            .map(|(c, m)| {
                self.break_into_lines(
                    m,
                    col_x[c] + pad_x,
                    col_x[c] + pad_x,
                    col_x[c + 1] - pad_x,
                    aligns[c],
                )
            })
            .collect();
        let max_lines = cell_lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let per_piece = (((max_h - 2.0 * CELL_PAD_Y) / pitch).floor() as usize).max(1);
        let parts = max_lines.div_ceil(per_piece);
        let base = baseline_in(pitch, size);
        let mut out = Vec::with_capacity(parts);
        let mut cell_iters: Vec<_> = cell_lines.into_iter().map(Vec::into_iter).collect();
        for part in 0..parts {
            let lines_here = if parts == 1 {
                max_lines
            } else {
                per_piece.min(max_lines - part * per_piece)
            };
            let height = lines_here as f32 * pitch + 2.0 * CELL_PAD_Y;
            let mut items = Vec::new();
            for it in cell_iters.iter_mut() {
                let taken: Vec<(Line, f32)> = it.by_ref().take(lines_here).collect();
                // Single-piece rows centre their cells vertically; split rows start at the top.
                let dy = if parts == 1 {
                    (height - taken.len() as f32 * pitch) / 2.0
                } else {
                    CELL_PAD_Y
                };
                for (k, (line, _)) in taken.into_iter().enumerate() {
                    for mut item in line {
                        item.translate(0.0, dy + k as f32 * pitch + base);
                        items.push(item);
                    }
                }
            }
            let right = *col_x.last().unwrap_or(&0.0);
            let rule = |x1: f32, y1: f32, x2: f32, y2: f32| Item::Rule {
                x1,
                y1,
                x2,
                y2,
                width: TABLE_RULE,
            };
            items.push(rule(0.0, 0.0, right, 0.0));
            items.push(rule(0.0, height, right, height));
            for &x in col_x {
                items.push(rule(x, 0.0, x, height));
            }
            out.push(Piece {
                height,
                items,
                keep_with_next: false,
                kind,
                anchor: None,
            });
        }
        out
    }

    fn cover(&self, doc: &Document) -> Result<Page, PdfError> {
        let f = &self.frame;
        let mut items = Vec::new();
        let title_style = &self.style.title;
        // The cover title is one size step above the body title (二号 -> 一号).
        let size = title_style.size_pt + 4.0;
        let mut y = f.page_h * 0.28;
        let m = self.measure_str(&doc.meta.title, title_style.pdf_face, size)?;
        for (line, _) in self.break_into_lines(&m, 0.0, 0.0, f.width, LineAlign::Center) {
            y += size * 1.6;
            place(&mut items, line, f.left, y);
        }
        let cover = &self.style.cover;
        if let Some(subtitle) = doc.meta.subtitle.as_deref().filter(|s| !s.is_empty()) {
            y += cover.size_pt * 1.5;
            let m = self.measure_str(subtitle, cover.pdf_face, cover.size_pt)?;
            for (line, _) in self.break_into_lines(&m, 0.0, 0.0, f.width, LineAlign::Center) {
                y += cover.size_pt * 1.8;
                place(&mut items, line, f.left, y);
            }
        }
        let mut labelled = Vec::new();
        if let Some(author) = &doc.meta.author {
            labelled.push(format!("申请单位：{author}（盖章）"));
        }
        if let Some(recipient) = &doc.meta.recipient {
            labelled.push(format!("报送单位：{recipient}"));
        }
        let measured = labelled
            .iter()
            .map(|t| self.measure_str(t, cover.pdf_face, cover.size_pt))
            .collect::<Result<Vec<_>, _>>()?;
        let block_w = measured
            .iter()
            .map(Measured::width)
            .fold(0.0f32, f32::max)
            .min(f.width);
        let block_x = (f.width - block_w) / 2.0;
        let pitch = cover.size_pt * 2.2;
        let mut y = (f.page_h * 0.62).max(y + 3.0 * pitch);
        for m in &measured {
            // Wrapped lines of a long company name align after the label.
            let label_w: f32 = m.widths.iter().take(5).sum();
            for (line, _) in
                self.break_into_lines(m, block_x, block_x + label_w, f.width, LineAlign::Left)
            {
                place(&mut items, line, f.left, y);
                y += pitch;
            }
        }
        if let Some(date) = &doc.meta.date_text {
            y += pitch * 0.5;
            let m = self.measure_str(date, cover.pdf_face, cover.size_pt)?;
            for (line, _) in self.break_into_lines(&m, 0.0, 0.0, f.width, LineAlign::Center) {
                place(&mut items, line, f.left, y);
                y += pitch;
            }
        }
        Ok(Page { items })
    }

    /// The contents pages. When the entries spill a few lines onto a last page, the
    /// lines are set closer (down to 4/5 of the body pitch) so that page is not needed:
    /// a contents page holding one or two entries looks like a mistake.
    fn contents_pages(
        &self,
        entries: &[(u8, String, usize, usize)],
    ) -> Result<Vec<Page>, PdfError> {
        let normal = self.style.body_line_pitch_pt;
        let (pages, _) = self.paginate(self.contents(entries, normal)?);
        let frame_h = self.frame.bottom - self.frame.top;
        let last_fill = pages.last().map_or(0.0, |page| {
            page.items
                .iter()
                .filter_map(|item| match item {
                    Item::Text(run) => Some(run.y - self.frame.top),
                    _ => None,
                })
                .fold(0.0f32, f32::max)
        });
        if pages.len() < 2 || last_fill > frame_h / 4.0 {
            return Ok(pages);
        }
        let mut pitch = normal - 0.5;
        while pitch >= normal * 0.8 {
            let (tighter, _) = self.paginate(self.contents(entries, pitch)?);
            if tighter.len() < pages.len() {
                return Ok(tighter);
            }
            pitch -= 0.5;
        }
        Ok(pages)
    }

    /// Contents entries: (level, text, page number, heading index), `pitch` apart.
    fn contents(
        &self,
        entries: &[(u8, String, usize, usize)],
        pitch: f32,
    ) -> Result<Vec<Piece>, PdfError> {
        let mut pieces = Vec::new();
        let title = &self.style.title;
        // 目录 with its two characters spread one em apart, as customary.
        let mut m = self.measure_str("目录", title.pdf_face, title.size_pt)?;
        m.widths[0] += title.size_pt;
        let lines = self.break_into_lines(&m, 0.0, 0.0, self.frame.width, LineAlign::Center);
        let height = self.em_lines_height(title.size_pt, 1.5);
        let base = baseline_in(height, title.size_pt);
        for (mut line, _) in lines {
            line.iter_mut().for_each(|it| it.translate(0.0, base));
            pieces.push(Piece::content(height, line));
        }
        pieces.push(Piece::space(pitch * 0.5));
        pieces.push(Piece::marker(PieceKind::GridSnap));

        let body = &self.style.body;
        let size = body.size_pt;
        let numbers = entries
            .iter()
            .map(|e| self.measure_str(&e.2.to_string(), body.pdf_face, size))
            .collect::<Result<Vec<_>, _>>()?;
        let num_w = numbers.iter().map(Measured::width).fold(0.0f32, f32::max);
        let dot = self.measure_str(".", body.pdf_face, size)?;
        let dot_gid = dot.gids[0].unwrap_or(0);
        let dot_w = dot.widths[0];
        let step = size * 0.5;
        let right = self.frame.width;
        for ((level, text, _, target), number) in entries.iter().zip(numbers) {
            let face = if *level == 1 {
                self.style.headings[0].pdf_face
            } else {
                body.pdf_face
            };
            let indent = if *level == 1 { 0.0 } else { 2.0 * size };
            let m = self.measure_str(text, face, size)?;
            let text_right = right - num_w - 2.0 * size;
            let mut lines =
                self.break_into_lines(&m, indent, indent + 2.0 * size, text_right, LineAlign::Left);
            if let Some((last, end)) = lines.last_mut() {
                let num_x = right - number.width();
                // Leader dots on a fixed grid so they line up from entry to entry.
                let first = ((*end + 0.4 * size) / step).ceil() as i32;
                let last_dot = ((num_x - 0.4 * size - dot_w) / step).floor() as i32;
                if last_dot >= first {
                    let x0 = first as f32 * step;
                    let glyphs = (first..=last_dot)
                        .map(|k| Glyph {
                            gid: dot_gid,
                            ch: '.',
                            x: k as f32 * step - x0,
                        })
                        .collect();
                    last.push(Item::Text(TextRun {
                        face: body.pdf_face,
                        size,
                        x: x0,
                        y: 0.0,
                        glyphs,
                        color: None,
                    }));
                }
                let span = LineSpan {
                    start: 0,
                    end: number.chars.len(),
                    width: number.width(),
                    last: true,
                };
                let xs = linebreak::positions(
                    &number.chars,
                    &number.widths,
                    &number.gaps,
                    &span,
                    span.width,
                    false,
                    0.0,
                );
                last.extend(Self::set_span(&number, &span, &xs, num_x, 0.0));
            }
            let n = lines.len();
            let base = baseline_in(pitch, size);
            for (k, (mut line, _)) in lines.into_iter().enumerate() {
                line.iter_mut().for_each(|it| it.translate(0.0, base));
                line.push(Item::Link {
                    x1: indent,
                    y1: 0.0,
                    x2: right,
                    y2: pitch,
                    target: *target,
                });
                let mut piece = Piece::content(pitch, line);
                piece.keep_with_next = k + 1 < n;
                pieces.push(piece);
            }
        }
        Ok(pieces)
    }

    /// Running header, rule and page number of a body page.
    fn decorate(
        &self,
        page: &mut Page,
        meta: &crate::document::Meta,
        number: usize,
        total: usize,
    ) -> Result<(), PdfError> {
        let f = &self.frame;
        let st = &self.style.header_footer;
        let rule_y = f.top - 0.5 * self.style.body.size_pt - 4.0;
        let header_base = rule_y - 4.0 - (1.0 - EM_BOX_ASCENT) * st.size_pt;
        let left_text = meta.author.clone().unwrap_or_default();
        let right_text = meta.title.clone();
        if !left_text.is_empty() || !right_text.is_empty() {
            // Shrink the header until company and title fit side by side.
            let mut size = st.size_pt;
            loop {
                let l = self.measure_str(&left_text, st.pdf_face, size)?;
                let r = self.measure_str(&right_text, st.pdf_face, size)?;
                let gap = if l.chars.is_empty() || r.chars.is_empty() {
                    0.0
                } else {
                    2.0 * size
                };
                if l.width() + r.width() + gap <= f.width || size <= 7.0 {
                    page.items.extend(single_line(&l, f.left, header_base));
                    page.items
                        .extend(single_line(&r, f.left + f.width - r.width(), header_base));
                    break;
                }
                size -= 0.5;
            }
            page.items.push(Item::Rule {
                x1: f.left,
                y1: rule_y,
                x2: f.left + f.width,
                y2: rule_y,
                width: HEADER_RULE,
            });
        }
        let text = match self.style.page_numbers {
            PageNumberStyle::Dashes => format!("— {number} —"),
            PageNumberStyle::OfTotal => format!("第 {number} 页 共 {total} 页"),
        };
        let m = self.measure_str(&text, st.pdf_face, st.size_pt)?;
        // GB/T 9704: the page number line sits 7 mm below the text frame.
        let base = f.bottom + mm_to_pt(7.0) + EM_BOX_ASCENT * st.size_pt;
        page.items
            .extend(single_line(&m, f.left + (f.width - m.width()) / 2.0, base));
        Ok(())
    }

    /// Stacks pieces into pages. Returns the pages and, for each heading number, the page
    /// index (within these pages) and y of its first line.
    #[allow(clippy::type_complexity)]
    fn paginate(&self, pieces: Vec<Piece>) -> (Vec<Page>, Vec<Option<(usize, f32)>>) {
        let f = &self.frame;
        let pitch = self.style.body_line_pitch_pt;
        let frame_h = f.bottom - f.top;
        let mut pages: Vec<Page> = Vec::new();
        let mut items: Vec<Item> = Vec::new();
        let mut y = f.top;
        let mut empty = true;
        let mut placed: Vec<Option<(usize, f32)>> = Vec::new();

        // Height that must fit for piece `i`: itself plus whatever it keeps with.
        // Height that must fit for piece `i`: itself plus the pieces it keeps with. A chain
        // taller than a page cannot be kept whole; then only its longest prefix that fits on
        // a page is asked for, so the chain still starts on a fresh page when needed but
        // never pushes each of its pieces onto a page of its own.
        let chain_height = |i: usize| {
            let mut h = pieces[i].height;
            let mut j = i;
            while j + 1 < pieces.len() {
                let p = &pieces[j];
                // Spaces do not interrupt a keep chain (a heading keeps with a table
                // caption across the space above the table).
                let transparent = matches!(p.kind, PieceKind::Space | PieceKind::GridSnap);
                if !transparent && !p.keep_with_next {
                    break;
                }
                let next = &pieces[j + 1];
                if next.kind == PieceKind::PageBreak || h + next.height > frame_h {
                    break;
                }
                h += next.height;
                j += 1;
            }
            h
        };

        let new_page =
            |items: &mut Vec<Item>, y: &mut f32, empty: &mut bool, pages: &mut Vec<Page>| {
                pages.push(Page {
                    items: std::mem::take(items),
                });
                *y = f.top;
                *empty = true;
            };

        for (i, p) in pieces.iter().enumerate() {
            match p.kind {
                PieceKind::PageBreak => {
                    if !empty {
                        new_page(&mut items, &mut y, &mut empty, &mut pages);
                    }
                    continue;
                }
                PieceKind::Space => {
                    if !empty {
                        if y + p.height > f.bottom + EPS {
                            new_page(&mut items, &mut y, &mut empty, &mut pages);
                        } else {
                            y += p.height;
                        }
                    }
                    continue;
                }
                PieceKind::GridSnap => {
                    let lines = ((y - f.top) / pitch - EPS).ceil().max(0.0);
                    y = f.top + lines * pitch;
                    continue;
                }
                PieceKind::Content | PieceKind::Row { .. } => {}
            }
            if !empty && y + chain_height(i) > f.bottom + EPS {
                new_page(&mut items, &mut y, &mut empty, &mut pages);
                if let PieceKind::Row { table } = p.kind {
                    for h in self.table_headers.get(table).into_iter().flatten() {
                        items.extend(h.items.iter().cloned().map(|mut it| {
                            it.translate(f.left, y);
                            it
                        }));
                        y += h.height;
                    }
                }
            }
            if let Some(a) = p.anchor {
                if placed.len() <= a {
                    placed.resize(a + 1, None);
                }
                placed[a] = Some((pages.len(), y));
            }
            items.extend(p.items.iter().cloned().map(|mut it| {
                it.translate(f.left, y);
                it
            }));
            y += p.height;
            empty = false;
        }
        if !empty || !items.is_empty() {
            pages.push(Page { items });
        }
        (pages, placed)
    }
}

/// Translates a line (baseline at 0, x from the left margin) onto the page.
fn place(items: &mut Vec<Item>, line: Line, left: f32, baseline: f32) {
    items.extend(line.into_iter().map(|mut it| {
        it.translate(left, baseline);
        it
    }));
}

/// All of `m` on one line starting at `x`, baseline `y`, no breaking.
fn single_line(m: &Measured, x: f32, y: f32) -> Vec<Item> {
    let span = LineSpan {
        start: 0,
        end: m.chars.len(),
        width: m.width(),
        last: true,
    };
    let xs = linebreak::positions(&m.chars, &m.widths, &m.gaps, &span, span.width, false, 0.0);
    Builder::set_span(m, &span, &xs, x, y)
}

/// Column widths from the cells' minimum and maximum content widths, filling `total`
/// (the automatic table layout of word processors, refined).
///
/// Every column starts at its minimum, raised so that very short cells (a number, a
/// name, a date: up to half of `SHORT_EM`) stay on one line where the page allows. The
/// rest of the width then goes, step by step, to the column where it saves the most table
/// lines per point (a row is as tall as its tallest cell; a short cell of up to
/// `SHORT_EM` ems that wraps counts as a line more, since a wrapped name or heading
/// reads worst). Sharing the room in proportion to the content instead starves a column
/// of long descriptions next to a column that is long only once. Width no line needs
/// is spread in proportion at the end.
fn column_widths(
    rows: &[&Vec<Measured>],
    ncols: usize,
    pad_x: f32,
    floor: f32,
    total: f32,
) -> Vec<f32> {
    let mut min = vec![floor; ncols];
    let mut max = vec![floor; ncols];
    // Minimums raised for cells up to `SHORT_EM` ems, or only up to half that.
    let mut raised = [vec![floor; ncols], vec![floor; ncols]];
    let is_short = |m: &Measured| m.max_content() <= SHORT_EM * m.size;
    for row in rows {
        for (c, m) in row.iter().enumerate().take(ncols) {
            let (lo, hi) = (m.min_content() + 2.0 * pad_x, m.max_content() + 2.0 * pad_x);
            min[c] = min[c].max(lo);
            max[c] = max[c].max(hi);
            for (k, limit) in [SHORT_EM, SHORT_EM / 2.0].into_iter().enumerate() {
                let keep = if m.max_content() <= limit * m.size {
                    hi
                } else {
                    lo
                };
                raised[k][c] = raised[k][c].max(keep);
            }
        }
    }
    let [wide, narrow] = raised;
    let start = [narrow, wide, min.clone()]
        .into_iter()
        .find(|w| w.iter().sum::<f32>() <= total);
    let Some(mut widths) = start else {
        // Even the minimums overflow: scale them down (cells may then overflow too).
        let sum: f32 = min.iter().sum();
        return min.iter().map(|w| w * total / sum).collect();
    };
    // The search below costs about cells × line thresholds per step; a very large table
    // (a user's appendix) falls back to sharing in proportion rather than slowing down.
    if rows.len() * ncols > MAX_SEARCHED_CELLS {
        return share_out(&widths, &max, floor, total);
    }

    // Each cell's line count as a step function of the column width: (width, lines)
    // thresholds above the start width, widest last.
    let steps: Vec<Vec<CellSteps>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .take(ncols)
                .map(|(c, m)| {
                    cell_steps(
                        m,
                        widths[c] - 2.0 * pad_x,
                        max[c].min(total) - 2.0 * pad_x,
                        pad_x,
                    )
                })
                .collect()
        })
        .collect();
    let short: Vec<Vec<bool>> = rows
        .iter()
        .map(|row| row.iter().take(ncols).map(&is_short).collect())
        .collect();
    let cost = |w: &[f32]| -> f32 {
        let mut total = 0.0;
        for (row, shorts) in steps.iter().zip(&short) {
            let mut tallest = 1usize;
            for (c, (at_start, thresholds)) in row.iter().enumerate() {
                let lines = thresholds
                    .iter()
                    .rev()
                    .find(|(t, _)| w[c] + EPS >= *t)
                    .map_or(*at_start, |&(_, l)| l);
                tallest = tallest.max(lines);
                if lines > 1 && shorts[c] {
                    total += 1.0;
                }
            }
            total += tallest as f32;
        }
        total
    };

    let mut spare = total - widths.iter().sum::<f32>();
    let mut current = cost(&widths);
    for _ in 0..MAX_SEARCH_STEPS {
        // For each column, the widths at which one of its cells loses a line.
        let mut best: Option<(f32, usize, f32, f32)> = None; // (gain per point, column, width, cost)
        for c in 0..ncols {
            let mut targets: Vec<f32> = steps
                .iter()
                .filter_map(|row| row.get(c))
                .flat_map(|(_, t)| t.iter().map(|&(w, _)| w))
                .filter(|&w| w > widths[c] + EPS && w - widths[c] <= spare + EPS)
                .collect();
            targets.sort_by(f32::total_cmp);
            targets.dedup();
            for target in targets {
                let mut trial = widths.clone();
                trial[c] = target;
                let after = cost(&trial);
                if after < current {
                    let gain = (current - after) / (target - widths[c]);
                    if best.is_none_or(|(g, ..)| gain > g + 1e-6) {
                        best = Some((gain, c, target, after));
                    }
                    break;
                }
            }
        }
        let Some((_, c, target, after)) = best else {
            break;
        };
        spare -= target - widths[c];
        widths[c] = target;
        current = after;
    }
    share_out(&widths, &max, floor, total)
}

/// A cell's line count at the start width, and each (column width, lines) where it drops.
type CellSteps = (usize, Vec<(f32, usize)>);

/// Line counts of a cell as its column widens from `start` to `max` (content widths).
fn cell_steps(m: &Measured, start: f32, max: f32, pad_x: f32) -> CellSteps {
    let at_start = m.line_count(start.max(1.0));
    let mut thresholds = Vec::new();
    let mut lo = start.max(1.0);
    let mut lines = at_start;
    let hi_limit = max.max(lo) + 0.5;
    // Past a few dozen lines a cell's exact steps no longer matter for the widths.
    while lines > 1 && thresholds.len() < 24 {
        if m.line_count(hi_limit) >= lines {
            break;
        }
        // Smallest width with fewer lines, to a tenth of a point.
        let (mut a, mut b) = (lo, hi_limit);
        while b - a > 0.1 {
            let mid = (a + b) / 2.0;
            if m.line_count(mid) < lines {
                b = mid;
            } else {
                a = mid;
            }
        }
        lines = m.line_count(b);
        thresholds.push((b + 2.0 * pad_x, lines));
        lo = b;
    }
    (at_start, thresholds)
}

/// Widths from minimums and maximums filling `total`: each column gets its minimum and a
/// share of the spare room in proportion to how much wider it could use.
fn share_out(min: &[f32], max: &[f32], floor: f32, total: f32) -> Vec<f32> {
    // Never narrower than `floor` (two characters), so short headers stay legible.
    let min: Vec<f32> = min.iter().map(|w| w.max(floor)).collect();
    let max: Vec<f32> = max.iter().zip(&min).map(|(hi, lo)| hi.max(*lo)).collect();
    let sum_min: f32 = min.iter().sum();
    let sum_max: f32 = max.iter().sum();
    if sum_max <= total {
        // Everything fits on one line per cell: spread the spare room in proportion.
        let spare = total - sum_max;
        return max.iter().map(|w| w + spare * w / sum_max).collect();
    }
    if sum_min >= total {
        return min.iter().map(|w| w * total / sum_min).collect();
    }
    let room = total - sum_min;
    let flex = sum_max - sum_min;
    min.iter()
        .zip(&max)
        .map(|(lo, hi)| lo + (hi - lo) * room / flex)
        .collect()
}
