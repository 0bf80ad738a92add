//! Tables: content-driven column widths (the widths that save the most lines), rows split
//! when taller than a page, rules, and header rows repeated on every page of the table.

use super::flow::{Line, Piece, PieceKind, Typesetter, EPS};
use super::inline::{baseline_in, LineAlign, Measured};
use super::items::{Item, TableColumns};
use super::TypesetError;
use crate::document::{Run, Table};
use crate::style::TextStyle;
use crate::text::FaceId;

/// Horizontal padding inside table cells, in ems of the table size.
const CELL_PAD_X_EM: f32 = 0.35;
/// Vertical padding inside table cells, in points (captions of figures use it too).
pub(super) const CELL_PAD_Y: f32 = 2.0;
/// Cells whose content is at most this many ems wide are not wrapped if the page allows.
const SHORT_EM: f32 = 8.0;
/// Stroke width of table rules, in points.
const TABLE_RULE: f32 = 0.5;
/// Tables with more cells than this get proportional column widths without the search
/// for the widths that save the most lines (see `column_widths`), and the search stops
/// after this many steps: both keep the time per table to a few milliseconds.
const MAX_SEARCHED_CELLS: usize = 400;
const MAX_SEARCH_STEPS: usize = 100;

impl Typesetter<'_> {
    pub(super) fn table(&mut self, table: &Table) -> Result<(), TypesetError> {
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
        let pad_x = CELL_PAD_X_EM * size;
        if ncols == 0 {
            self.table_columns.push(TableColumns::default());
            return Ok(());
        }
        let header = if table.header.is_empty() {
            None
        } else {
            Some(self.measure_row(&table.header, ncols, st.face.bold(), size)?)
        };
        let rows = table
            .rows
            .iter()
            .map(|r| self.measure_row(r, ncols, st.face, size))
            .collect::<Result<Vec<_>, _>>()?;

        let all_rows: Vec<&Vec<Measured>> = header.iter().chain(rows.iter()).collect();
        let widths = column_widths(
            &all_rows,
            ncols,
            pad_x,
            2.0 * size + 2.0 * pad_x,
            self.frame.width,
        );
        let col_x = column_edges(&widths);
        self.table_columns.push(TableColumns {
            widths: widths.clone(),
            padding: pad_x,
        });

        let id = self.table_headers.len();
        let table_top_space = self.style.body_line_pitch_pt * 0.25;
        self.pieces.push(Piece::space(table_top_space));
        self.push_table_caption(table, size, pitch)?;
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
        let repeat = header_repeats(&header_pieces);
        for mut p in header_pieces {
            p.keep_with_next = true;
            // Header rows themselves must not trigger another header.
            p.kind = PieceKind::Content;
            self.pieces.push(p);
        }
        let table_h: f32 = header_h + body_pieces.iter().map(|p| p.height).sum::<f32>();
        keep_rows_together(
            &mut body_pieces,
            table_h,
            self.frame.bottom - self.frame.top,
        );
        self.pieces.extend(body_pieces);
        self.table_headers.push(repeat);
        self.pieces
            .push(Piece::space(self.style.body_line_pitch_pt * 0.25));
        self.pieces.push(Piece::marker(PieceKind::GridSnap));
        Ok(())
    }

    /// The cells of one row measured, padded with empty cells to `ncols`.
    fn measure_row(
        &self,
        cells: &[Vec<Run>],
        ncols: usize,
        face: FaceId,
        size: f32,
    ) -> Result<Vec<Measured>, TypesetError> {
        let empty: Vec<Run> = Vec::new();
        (0..ncols)
            .map(|c| self.measure_runs(cells.get(c).unwrap_or(&empty), face, size))
            .collect()
    }

    /// The table's caption above it, centred, when it has one.
    fn push_table_caption(
        &mut self,
        table: &Table,
        size: f32,
        pitch: f32,
    ) -> Result<(), TypesetError> {
        if let Some(caption) = table.caption.as_deref().filter(|c| !c.trim().is_empty()) {
            let m = self.measure_str(caption, FaceId::SansBold, size)?;
            let lines = self.break_into_lines(&m, 0.0, 0.0, self.frame.width, LineAlign::Center);
            let height = pitch + 2.0 * CELL_PAD_Y;
            self.push_lines(lines, height, size, true, None);
        }
        Ok(())
    }

    /// One table row as one piece, or several when a row is taller than `max_h`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn row_pieces(
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
            for (c, it) in cell_iters.iter_mut().enumerate() {
                let mut taken: Vec<(Line, f32)> = it.by_ref().take(lines_here).collect();
                if parts == 1 && taken.len() > 1 {
                    items.push(copy_cell_whole(&cells[c], &mut taken));
                }
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
                continues: false,
                float: 0,
            });
        }
        out
    }
}

/// One `ActualText` marker for all the lines of a cell, in place of the lines' own: a text
/// extractor reads the lines of neighbouring cells that share a baseline as one line, so
/// without it a cell of two lines copies out interleaved with the next cell.
fn copy_cell_whole(cell: &Measured, lines: &mut [(Line, f32)]) -> Item {
    let mut runs = 0;
    for (line, _) in lines.iter_mut() {
        line.retain(|item| !matches!(item, Item::ActualText { .. }));
        runs += line
            .iter()
            .filter(|item| matches!(item, Item::Text(_)))
            .count();
    }
    let text = cell.chars.iter().filter(|&&c| c != '\n').collect();
    Item::ActualText { text, runs }
}

/// The x of every column edge, from 0 to the table's width.
fn column_edges(widths: &[f32]) -> Vec<f32> {
    let mut col_x = Vec::with_capacity(widths.len() + 1);
    let mut x = 0.0;
    col_x.push(x);
    for w in widths {
        x += w;
        col_x.push(x);
    }
    col_x
}

/// Copies of the header rows to repeat on the following pages (the header itself travels
/// with the first row).
fn header_repeats(header_pieces: &[Piece]) -> Vec<Piece> {
    header_pieces
        .iter()
        .map(|p| Piece {
            height: p.height,
            items: p.items.clone(),
            keep_with_next: true,
            kind: PieceKind::Content,
            anchor: None,
            continues: false,
            float: 0,
        })
        .collect()
}

/// A short table stays in one piece; a long one leaves at least two rows on the page it
/// starts on and on the page it ends on.
fn keep_rows_together(body_pieces: &mut [Piece], table_h: f32, frame_h: f32) {
    let n = body_pieces.len();
    if table_h <= frame_h / 3.0 {
        for p in body_pieces.iter_mut().take(n.saturating_sub(1)) {
            p.keep_with_next = true;
        }
    } else if n >= 3 {
        body_pieces[0].keep_with_next = true;
        body_pieces[n - 2].keep_with_next = true;
    }
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
    let ColumnBounds {
        min,
        max,
        wide,
        narrow,
    } = column_bounds(rows, ncols, pad_x, floor);
    let start = [narrow, wide, min.clone()]
        .into_iter()
        .find(|w| w.iter().sum::<f32>() <= total);
    let Some(widths) = start else {
        return capped_minimums(&min, total);
    };
    // The search below costs about cells × line thresholds per step; a very large table
    // (a user's appendix) falls back to sharing in proportion rather than slowing down.
    if rows.len() * ncols > MAX_SEARCHED_CELLS {
        return share_out(&widths, &max, floor, total);
    }
    let widths = widen_where_lines_are_saved(rows, ncols, pad_x, total, widths, &max);
    share_out(&widths, &max, floor, total)
}

/// Widths for a table whose minimums overflow `total` (a long e-mail address no column
/// can hold): the widest columns are cut down to one level, as far as needed, and the
/// others keep their minimums, so that only the text too long for any column is broken,
/// not every name and phone number beside it.
fn capped_minimums(min: &[f32], total: f32) -> Vec<f32> {
    let mut sorted: Vec<f32> = min.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    // The level: with the k widest columns at `level`, the rest at their minimums.
    let mut rest: f32 = sorted.iter().sum();
    let mut level = total / min.len().max(1) as f32;
    for (k, &w) in sorted.iter().enumerate() {
        rest -= w;
        let candidate = (total - rest) / (k + 1) as f32;
        let next = sorted.get(k + 1).copied().unwrap_or(0.0);
        if candidate >= next {
            level = candidate;
            break;
        }
    }
    min.iter().map(|&w| w.min(level)).collect()
}

/// Each column's content widths (padding included), never below `floor`.
struct ColumnBounds {
    /// The widest unbreakable piece of any cell.
    min: Vec<f32>,
    /// The widest cell on one line.
    max: Vec<f32>,
    /// Minimums raised so that cells up to `SHORT_EM` ems stay on one line.
    wide: Vec<f32>,
    /// Minimums raised for cells up to half of `SHORT_EM` only.
    narrow: Vec<f32>,
}

fn column_bounds(rows: &[&Vec<Measured>], ncols: usize, pad_x: f32, floor: f32) -> ColumnBounds {
    let mut min = vec![floor; ncols];
    let mut max = vec![floor; ncols];
    // Minimums raised for cells up to `SHORT_EM` ems, or only up to half that.
    let mut raised = [vec![floor; ncols], vec![floor; ncols]];
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
    ColumnBounds {
        min,
        max,
        wide,
        narrow,
    }
}

/// Widens, step by step, the column where the spare width saves the most table lines per
/// point, until no widening saves a line or `MAX_SEARCH_STEPS` is reached.
fn widen_where_lines_are_saved(
    rows: &[&Vec<Measured>],
    ncols: usize,
    pad_x: f32,
    total: f32,
    mut widths: Vec<f32>,
    max: &[f32],
) -> Vec<f32> {
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
    let is_short = |m: &Measured| m.max_content() <= SHORT_EM * m.size;
    let short: Vec<Vec<bool>> = rows
        .iter()
        .map(|row| row.iter().take(ncols).map(&is_short).collect())
        .collect();
    let cost = |w: &[f32]| table_lines(&steps, &short, w);

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
    widths
}

/// The table's height in lines at column widths `w` (each row as tall as its tallest
/// cell), plus one for every short cell that wraps.
fn table_lines(steps: &[Vec<CellSteps>], short: &[Vec<bool>], w: &[f32]) -> f32 {
    let mut total = 0.0;
    for (row, shorts) in steps.iter().zip(short) {
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

#[cfg(test)]
mod tests {
    use super::capped_minimums;

    #[test]
    fn overflowing_minimums_cut_the_widest_columns_only() {
        assert_eq!(
            capped_minimums(&[40.0, 60.0, 80.0, 300.0], 300.0),
            [40.0, 60.0, 80.0, 120.0]
        );
        // Two wide columns share the cut.
        assert_eq!(
            capped_minimums(&[40.0, 200.0, 300.0], 300.0),
            [40.0, 130.0, 130.0]
        );
    }
}
