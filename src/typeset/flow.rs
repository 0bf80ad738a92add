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
}

impl Piece {
    pub(super) fn content(height: f32, items: Vec<Item>) -> Piece {
        Piece {
            height,
            items,
            keep_with_next: false,
            kind: PieceKind::Content,
            anchor: None,
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
    /// The columns of every table, in document order, for the DOCX.
    pub(super) table_columns: Vec<TableColumns>,
}

impl Typesetter<'_> {
    /// Stacks pieces into pages. Returns the pages and, for each heading number, the page
    /// index (within these pages) and y of its first line.
    #[allow(clippy::type_complexity)]
    pub(super) fn paginate(&self, pieces: Vec<Piece>) -> (Vec<Page>, Vec<Option<(usize, f32)>>) {
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
