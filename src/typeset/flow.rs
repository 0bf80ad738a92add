//! The page flow: blocks are cut into vertical pieces (a line, a table row, a space) that
//! carry their own keep rules, and pagination stacks the pieces into the text frame,
//! repeating table headers on the pages a table continues on.

use super::items::{Item, Page, TableColumns};
use crate::style::StyleSheet;
use crate::text::Fonts;

/// Floating point slack when comparing vertical positions, in points.
pub(super) const EPS: f32 = 0.01;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PieceKind {
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
pub(super) struct Piece {
    pub(super) height: f32,
    /// Relative to the piece's top-left corner at the left margin.
    pub(super) items: Vec<Item>,
    pub(super) keep_with_next: bool,
    pub(super) kind: PieceKind,
    /// Heading number whose first line this is.
    pub(super) anchor: Option<usize>,
    /// The next piece is the next line of the same paragraph.
    pub(super) continues: bool,
    /// On a figure's drawing: the number of pieces (drawing and caption) that float
    /// together to the next page when they do not fit; 0 for everything else.
    pub(super) float: usize,
}

impl Piece {
    pub(super) fn content(height: f32, items: Vec<Item>) -> Piece {
        Piece {
            height,
            items,
            keep_with_next: false,
            kind: PieceKind::Content,
            anchor: None,
            continues: false,
            float: 0,
        }
    }

    pub(super) fn space(height: f32) -> Piece {
        Piece {
            kind: PieceKind::Space,
            ..Piece::content(height, Vec::new())
        }
    }

    pub(super) fn marker(kind: PieceKind) -> Piece {
        Piece {
            kind,
            ..Piece::content(0.0, Vec::new())
        }
    }
}

/// One line ready to be set: items with the baseline at y = 0.
pub(super) type Line = Vec<Item>;

/// Geometry of the page and the text frame, in points.
pub(super) struct Frame {
    pub(super) page_h: f32,
    pub(super) left: f32,
    pub(super) top: f32,
    pub(super) bottom: f32,
    pub(super) width: f32,
}

/// Sets a document into pages: the style and faces, the text frame, and the pieces
/// (lines, rules, figures) stacked so far, which `paginate` then cuts into pages.
pub(super) struct Typesetter<'a> {
    pub(super) style: &'a StyleSheet,
    pub(super) fonts: &'a Fonts,
    pub(super) frame: Frame,
    pub(super) pieces: Vec<Piece>,
    /// Header pieces of each table, repeated on the pages a table continues on.
    pub(super) table_headers: Vec<Vec<Piece>>,
    /// Whether a figure may float past the text after it (reports with a contents page;
    /// in a letter the text after a figure is its closing, which must stay last).
    pub(super) figures_float: bool,
    /// The columns of every table, in document order, for the DOCX.
    pub(super) table_columns: Vec<TableColumns>,
    /// The index of the first piece of each block of the document.
    pub(super) block_starts: Vec<usize>,
}

/// The page being filled while pieces are stacked.
struct Cursor<'f> {
    frame: &'f Frame,
    pages: Vec<Page>,
    items: Vec<Item>,
    y: f32,
    empty: bool,
}

impl Cursor<'_> {
    fn new_page(&mut self) {
        self.pages.push(Page {
            items: std::mem::take(&mut self.items),
        });
        self.y = self.frame.top;
        self.empty = true;
    }

    /// Puts `piece` at the current position.
    fn put(&mut self, piece: &Piece) {
        let (left, y) = (self.frame.left, self.y);
        self.items.extend(piece.items.iter().cloned().map(|mut it| {
            it.translate(left, y);
            it
        }));
        self.y += piece.height;
        self.empty = false;
    }
}

impl Typesetter<'_> {
    /// Stacks pieces into pages. Returns the pages and, for each heading number, the page
    /// index (within these pages) and y of its first line.
    ///
    /// A figure that does not fit in what is left of a page floats to the top of the next
    /// one and the text after it fills the gap (the text refers to it by its number), so
    /// a page is never left half empty before a drawing, and the figure is set at the top
    /// of the next page. A paragraph that would run on past the page end with no more than
    /// a sixth of the page on it starts after the figure instead of being split by it.
    ///
    /// Also returns, for each figure that floated, its block and the block it was set
    /// before (the one after a paragraph it split), which the DOCX follows.
    #[allow(clippy::type_complexity)]
    pub(super) fn paginate(
        &self,
        pieces: Vec<Piece>,
    ) -> (Vec<Page>, Vec<Option<(usize, f32)>>, Vec<(usize, usize)>) {
        let f = &self.frame;
        let pitch = self.style.body_line_pitch_pt;
        let frame_h = f.bottom - f.top;
        let mut page = Cursor {
            frame: f,
            pages: Vec::new(),
            items: Vec::new(),
            y: f.top,
            empty: true,
        };
        let mut placed: Vec<Option<(usize, f32)>> = Vec::new();
        // A figure waiting for the next page: its pieces.
        let mut floating: Option<std::ops::Range<usize>> = None;
        // Each floated figure's first piece and the piece set after it; the last one's
        // second half is filled in by the next piece put.
        let mut floated: Vec<(usize, usize)> = Vec::new();

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
        // Sets the floating figure where the page has got to, snapped back onto the grid.
        let land = |page: &mut Cursor<'_>,
                    floating: &mut Option<std::ops::Range<usize>>,
                    floated: &mut Vec<(usize, usize)>| {
            if let Some(range) = floating.take() {
                floated.push((range.start, usize::MAX));
                for piece in &pieces[range] {
                    page.put(piece);
                }
                page.y = f.top + (((page.y - f.top) / pitch - EPS).ceil().max(0.0)) * pitch;
            }
        };
        // Whether piece `i` goes on with piece `i + 1` (a paragraph's lines, a table's
        // rows): a waiting figure lands after the end of such a run, if it fits there.
        let continues = |i: usize| {
            pieces[i].continues
                || matches!((pieces[i].kind, pieces.get(i + 1).map(|n| n.kind)),
                    (PieceKind::Row { table: a }, Some(PieceKind::Row { table: b })) if a == b)
        };
        // Starts a page; a floating figure lands at its top, where a reader looks for it,
        // even if a paragraph or table carries on below it from the page before.
        let turn = |page: &mut Cursor<'_>,
                    floating: &mut Option<std::ops::Range<usize>>,
                    floated: &mut Vec<(usize, usize)>| {
            page.new_page();
            land(page, floating, floated);
        };

        // Whether a new paragraph, table or kept group starts at piece `i`.
        let starts_unit = |i: usize| {
            let before = pieces[..i]
                .iter()
                .rposition(|q| !matches!(q.kind, PieceKind::Space | PieceKind::GridSnap));
            before.is_none_or(|b| !continues(b) && !pieces[b].keep_with_next)
        };
        // Where the latest unit started on the page: its first piece, the page's item
        // count and y then, and the page's number.
        let mut unit: Option<(usize, usize, f32, usize)> = None;

        let mut i = 0;
        while i < pieces.len() {
            let p = &pieces[i];
            i += 1;
            let k = i - 1;
            match p.kind {
                PieceKind::PageBreak => {
                    if !page.empty {
                        turn(&mut page, &mut floating, &mut floated);
                    }
                    if floating.is_some() {
                        land(&mut page, &mut floating, &mut floated);
                        turn(&mut page, &mut floating, &mut floated);
                    }
                    continue;
                }
                PieceKind::Space => {
                    if !page.empty {
                        if page.y + p.height > f.bottom + EPS {
                            turn(&mut page, &mut floating, &mut floated);
                        } else {
                            page.y += p.height;
                        }
                    }
                    continue;
                }
                PieceKind::GridSnap => {
                    let lines = ((page.y - f.top) / pitch - EPS).ceil().max(0.0);
                    page.y = f.top + lines * pitch;
                    continue;
                }
                PieceKind::Content | PieceKind::Row { .. } => {}
            }
            if starts_unit(k) {
                unit = Some((k, page.items.len(), page.y, page.pages.len()));
            }
            if !page.empty && page.y + chain_height(k) > f.bottom + EPS {
                // A unit that would carry on past a figure waiting for this page end moves
                // after it, if it is short.
                if let (Some(_), Some((start, items, y, on))) = (&floating, unit) {
                    let short = page.y - y <= frame_h / 6.0;
                    if start < k && items > 0 && on == page.pages.len() && short {
                        page.items.truncate(items);
                        page.y = y;
                        turn(&mut page, &mut floating, &mut floated);
                        unit = None;
                        i = start;
                        continue;
                    }
                }
                if p.float > 0 && floating.is_none() {
                    floating = Some(k..k + p.float);
                    i = k + p.float;
                    continue;
                }
                turn(&mut page, &mut floating, &mut floated);
                // A figure that landed at the top may leave too little room for the chain.
                if !page.empty && page.y + chain_height(k) > f.bottom + EPS {
                    turn(&mut page, &mut floating, &mut floated);
                }
                if let PieceKind::Row { table } = p.kind {
                    for h in self.table_headers.get(table).into_iter().flatten() {
                        page.put(h);
                    }
                }
            }
            if let Some(a) = p.anchor {
                if placed.len() <= a {
                    placed.resize(a + 1, None);
                }
                placed[a] = Some((page.pages.len(), page.y));
            }
            page.put(p);
            if let Some(last) = floated.last_mut().filter(|f| f.1 == usize::MAX) {
                last.1 = k;
            }
            // A figure that waited for the end of a paragraph lands after it if it fits.
            if floating.is_some() && !continues(k) {
                let height: f32 = floating
                    .clone()
                    .map_or(0.0, |r| pieces[r].iter().map(|q| q.height).sum());
                if page.y + pitch * 0.5 + height <= f.bottom + EPS {
                    page.y += pitch * 0.5;
                    land(&mut page, &mut floating, &mut floated);
                }
            }
        }
        if floating.is_some() {
            turn(&mut page, &mut floating, &mut floated);
        }
        if !page.empty || !page.items.is_empty() {
            page.new_page();
        }
        let moved = floated
            .into_iter()
            .map(|(figure, next)| (self.block_of(figure), self.block_after(&pieces, next)))
            .collect();
        (page.pages, placed, moved)
    }

    /// The block piece `i` belongs to.
    fn block_of(&self, i: usize) -> usize {
        self.block_starts
            .partition_point(|&start| start <= i)
            .saturating_sub(1)
    }

    /// The first block that starts at or after piece `i` (a block that piece `i` is in the
    /// middle of is passed), or the number of blocks.
    fn block_after(&self, pieces: &[Piece], i: usize) -> usize {
        if i >= pieces.len() {
            return self.block_starts.len();
        }
        let block = self.block_of(i);
        let start = self.block_starts[block];
        let leading = pieces[start..i]
            .iter()
            .all(|q| matches!(q.kind, PieceKind::Space | PieceKind::GridSnap));
        if leading {
            block
        } else {
            block + 1
        }
    }
}
