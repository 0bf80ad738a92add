//! A tier's boxes placed in its zone: side by side at their natural widths when they fit;
//! otherwise a grid of equal cells, with as many lines as make it lowest. A grid of more
//! than one line sits on a tinted area that traffic enters and leaves as one, and the
//! details every cell shares (the model of thirty alike instances) are printed once under
//! the grid instead of in each cell, so a long tier stays inside its zone and readable.

use super::draw::Canvas;
use super::shapes::{rounded_rect, Rect, Row, Sized};
use super::style::*;
use crate::diagram::topology::{Node, Role};
use crate::diagram::DiagramError;
use crate::graphics::{Color, Path, Point, Shape};

/// Where a tier goes: between `left` and `right`, centred on `cx`, from `top` down, its
/// first entry never left of `min_center` (so connectors clear the zone label).
pub(super) struct Span {
    pub(super) left: f32,
    pub(super) right: f32,
    pub(super) cx: f32,
    pub(super) min_center: f32,
    pub(super) top: f32,
}

/// A grid considered for a tier: its columns, cells measured at its cell width, and its
/// height with the tinted area and the shared caption.
struct Grid {
    cols: usize,
    cell_w: f32,
    cells: Vec<Sized>,
    cell_h: f32,
    height: f32,
}

impl Canvas<'_> {
    /// Places a tier's boxes (`chain`: inline products linked in their order).
    pub(super) fn tier(
        &mut self,
        nodes: &[Node],
        palette_of: impl Fn(Role) -> Palette,
        span: &Span,
        chain: bool,
    ) -> Result<Row, DiagramError> {
        let gap = if chain { CHAIN_GAP } else { COL_GAP };
        let avail = span.right - span.left;
        let sized = nodes
            .iter()
            .map(|node| self.size(node, avail, palette_of(node.role)))
            .collect::<Result<Vec<_>, _>>()?;
        let total: f32 =
            sized.iter().map(|s| s.w).sum::<f32>() + gap * nodes.len().saturating_sub(1) as f32;
        if total > avail + 0.01 {
            return self.grid(nodes, palette_of, span, chain);
        }
        let h = sized.iter().map(|s| s.h).fold(0.0, f32::max);
        let mut x = start_x(span, total, sized.first().map_or(0.0, |s| s.w));
        let mut rects = Vec::with_capacity(sized.len());
        for s in &sized {
            rects.push(Rect {
                x,
                y: span.top,
                w: s.w,
                h,
            });
            x += s.w + gap;
        }
        self.place(&sized, rects, chain, None)
    }

    /// The tier as the lowest grid of equal cells that fits `span` (see the module note).
    fn grid(
        &mut self,
        nodes: &[Node],
        palette_of: impl Fn(Role) -> Palette,
        span: &Span,
        chain: bool,
    ) -> Result<Row, DiagramError> {
        let gap = if chain { CHAIN_GAP } else { CELL_GAP };
        let shared = shared_details(nodes);
        let avail = span.right - span.left;
        let n = nodes.len();
        let mut best: Option<Grid> = None;
        // No more columns than cells of the narrowest width fit (measuring stays linear).
        let most = ((avail + gap) / (CELL_MIN_W + gap)).floor().max(1.0) as usize;
        for cols in (1..=n.min(most)).rev() {
            let lines = n.div_ceil(cols);
            if n.div_ceil(lines) != cols {
                continue; // the same lines with fewer columns fill them better
            }
            let wrapped = lines > 1;
            let inner = if wrapped {
                avail - 2.0 * CLUSTER_PAD
            } else {
                avail
            };
            let cell_w = (inner - gap * (cols - 1) as f32) / cols as f32;
            if cell_w < CELL_MIN_W && cols > 1 {
                continue;
            }
            let cells = nodes
                .iter()
                .map(|node| {
                    let node = if wrapped {
                        without(node, &shared)
                    } else {
                        node.clone()
                    };
                    self.size_padded(&node, cell_w, palette_of(node.role), CELL_PAD)
                })
                .collect::<Result<Vec<_>, _>>()?;
            let cell_w = cell_w.min(cells.iter().map(|c| c.w).fold(0.0, f32::max));
            let cell_h = cells.iter().map(|c| c.h).fold(0.0, f32::max);
            let mut height = lines as f32 * cell_h + (lines - 1) as f32 * GRID_GAP_Y;
            if wrapped {
                let grid_w = cols as f32 * cell_w + (cols - 1) as f32 * gap;
                height += 2.0 * CLUSTER_PAD + self.caption_height(&shared, grid_w)?;
            }
            if best.as_ref().is_none_or(|b| height < b.height - 0.01) {
                best = Some(Grid {
                    cols,
                    cell_w,
                    cells,
                    cell_h,
                    height,
                });
            }
        }
        let Some(grid) = best else {
            return self.place(&[], Vec::new(), chain, None);
        };
        self.draw_grid(grid, &shared, span, gap, chain)
    }

    /// Draws a chosen grid: the tinted area and the shared caption when it has several
    /// lines, the last line centred under the others.
    fn draw_grid(
        &mut self,
        grid: Grid,
        shared: &[String],
        span: &Span,
        gap: f32,
        chain: bool,
    ) -> Result<Row, DiagramError> {
        let n = grid.cells.len();
        let lines = n.div_ceil(grid.cols);
        let pad = if lines > 1 { CLUSTER_PAD } else { 0.0 };
        let grid_w = grid.cols as f32 * grid.cell_w + (grid.cols - 1) as f32 * gap;
        let outer_w = grid_w + 2.0 * pad;
        let first_w = if lines > 1 { outer_w } else { grid.cell_w };
        let x0 = start_x(span, outer_w, first_w);
        let mut rects = Vec::with_capacity(n);
        for k in 0..n {
            let (line, col) = (k / grid.cols, k % grid.cols);
            let in_line = (n - line * grid.cols).min(grid.cols);
            let indent = (grid.cols - in_line) as f32 * (grid.cell_w + gap) / 2.0;
            rects.push(Rect {
                x: x0 + pad + indent + col as f32 * (grid.cell_w + gap),
                y: span.top + pad + line as f32 * (grid.cell_h + GRID_GAP_Y),
                w: grid.cell_w,
                h: grid.cell_h,
            });
        }
        if lines == 1 {
            return self.place(&grid.cells, rects, chain, None);
        }
        let cluster = Rect {
            x: x0,
            y: span.top,
            w: outer_w,
            h: grid.height,
        };
        let tint = grid
            .cells
            .first()
            .map_or(ZONE_FILL, |c| lighter(c.palette.fill));
        self.groups.push(Shape::Path(Path {
            segments: rounded_rect(cluster, RADIUS + 1.0),
            fill: Some(tint),
            stroke: None,
        }));
        let caption = self.caption_lines(shared, grid_w)?;
        let caption_h: f32 = caption.iter().map(|l| l.kind.2).sum();
        let caption_rect = Rect {
            x: cluster.x,
            y: cluster.bottom() - pad - caption_h,
            w: cluster.w,
            h: caption_h,
        };
        self.text_block(&caption, caption_rect)?;
        self.place(&grid.cells, rects, false, Some(cluster))
    }

    fn caption_lines(
        &self,
        shared: &[String],
        width: f32,
    ) -> Result<Vec<super::shapes::TextLine>, DiagramError> {
        let mut lines = Vec::new();
        for detail in shared {
            lines.extend(self.wrapped(detail, DETAIL, TEXT_DETAIL, width)?);
        }
        Ok(lines)
    }

    /// The caption's height, with the gap above it (none without a caption).
    fn caption_height(&self, shared: &[String], width: f32) -> Result<f32, DiagramError> {
        let lines = self.caption_lines(shared, width)?;
        let h: f32 = lines.iter().map(|l| l.kind.2).sum();
        Ok(if lines.is_empty() { 0.0 } else { h + 3.0 })
    }

    /// Draws the boxes of a tier at `rects` and links a chain's boxes in their order.
    fn place(
        &mut self,
        sized: &[Sized],
        rects: Vec<Rect>,
        chain: bool,
        cluster: Option<Rect>,
    ) -> Result<Row, DiagramError> {
        for (s, rect) in sized.iter().zip(&rects) {
            self.node_box(s, *rect)?;
        }
        if chain {
            for pair in rects.windows(2) {
                let y = pair[0].cy();
                self.arrow(
                    &[Point::new(pair[0].right(), y), Point::new(pair[1].x, y)],
                    LINE,
                    None,
                );
            }
        }
        Ok(Row {
            boxes: rects,
            roles: sized.iter().map(|s| s.role).collect(),
            chain,
            cluster,
        })
    }
}

/// Where a block `total` wide starts: centred in the span, moved right until the centre of
/// its first `first_w` clears `min_center`, never past the span's right end.
fn start_x(span: &Span, total: f32, first_w: f32) -> f32 {
    let max_x = (span.right - total).max(span.left);
    let mut x = (span.cx - total / 2.0).clamp(span.left, max_x);
    let first_center = x + first_w / 2.0;
    if first_center < span.min_center {
        x = (x + span.min_center - first_center).min(max_x);
    }
    x
}

/// The detail lines every node of the tier has (in the first node's order).
fn shared_details(nodes: &[Node]) -> Vec<String> {
    let Some((first, rest)) = nodes.split_first() else {
        return Vec::new();
    };
    first
        .details
        .iter()
        .filter(|d| rest.iter().all(|n| n.details.contains(d)))
        .cloned()
        .collect()
}

fn without(node: &Node, shared: &[String]) -> Node {
    Node {
        title: node.title.clone(),
        details: node
            .details
            .iter()
            .filter(|d| !shared.contains(d))
            .cloned()
            .collect(),
        role: node.role,
    }
}

/// Halfway from `c` to white: the tint under a wrapped tier, lighter than its boxes.
fn lighter(c: Color) -> Color {
    let half = |v: u8| ((u16::from(v) + 255) / 2) as u8;
    Color {
        r: half(c.r),
        g: half(c.g),
        b: half(c.b),
    }
}
