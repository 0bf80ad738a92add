//! Tables as Word tables: a fixed grid with the PDF's column widths and cell padding, so
//! Word and LibreOffice break cell text where the PDF does, else widths estimated from the
//! cells.

use docx_rs::{
    AlignmentType, Paragraph, Shading, Table, TableCell, TableCellMargins, TableLayoutType,
    TableRow, WidthType,
};

use super::{add_runs, ids, points_to_twips};
use crate::document::{plain_text, Align, Run};
use crate::style::StyleSheet;
use crate::typeset::TableColumns;

/// A table with a fixed grid, so Word and LibreOffice keep the widths given: the PDF's
/// (`layout`, with its cell padding), else estimated.
pub(super) fn table_element(
    table: &crate::document::Table,
    style: &StyleSheet,
    layout: Option<&TableColumns>,
) -> Table {
    let columns = table.header.len().max(1);
    let (widths, padding) = match layout {
        Some(c) if c.widths.len() == columns => (
            c.widths
                .iter()
                .map(|w| points_to_twips(*w).max(0) as usize)
                .collect(),
            points_to_twips(c.padding).max(0) as usize,
        ),
        _ => (column_widths(table, style), DEFAULT_CELL_PADDING),
    };
    let cell = |runs: &[Run], align: Align, header: bool, width: usize| {
        let mut paragraph = Paragraph::new()
            .style(ids::TABLE_TEXT)
            .align(match (header, align) {
                (true, _) | (_, Align::Center) => AlignmentType::Center,
                (_, Align::Right) => AlignmentType::Right,
                _ => AlignmentType::Left,
            });
        if header {
            let bold: Vec<Run> = runs
                .iter()
                .map(|r| Run {
                    bold: true,
                    ..r.clone()
                })
                .collect();
            paragraph = add_runs(paragraph, &bold);
        } else {
            paragraph = add_runs(paragraph, runs);
        }
        let mut element = TableCell::new()
            .add_paragraph(paragraph)
            .width(width, WidthType::Dxa)
            .vertical_align(docx_rs::VAlignType::Center);
        if header {
            element = element.shading(Shading::new().fill("E7E6E6"));
        }
        element
    };
    let align_of = |i: usize| table.align.get(i).copied().unwrap_or_default();
    let width_of = |i: usize| widths.get(i).copied().unwrap_or(0);
    let mut rows = vec![TableRow::new(
        table
            .header
            .iter()
            .enumerate()
            .map(|(i, c)| cell(c, align_of(i), true, width_of(i)))
            .collect(),
    )
    .cant_split()];
    for row in &table.rows {
        let mut cells: Vec<TableCell> = row
            .iter()
            .enumerate()
            .take(columns)
            .map(|(i, c)| cell(c, align_of(i), false, width_of(i)))
            .collect();
        while cells.len() < columns {
            let i = cells.len();
            cells.push(cell(&[], align_of(i), false, width_of(i)));
        }
        rows.push(TableRow::new(cells).cant_split());
    }
    Table::new(rows)
        .set_grid(widths.clone())
        .width(widths.iter().sum(), WidthType::Dxa)
        .align(docx_rs::TableAlignmentType::Center)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, padding, 0, padding))
}

/// Word's cell padding left and right (0.08 in), for tables the layout has no columns of.
const DEFAULT_CELL_PADDING: usize = 108;

/// Estimated column widths in twips. Each column's natural width is its longest cell (in ems of the
/// table size: CJK one em, Latin about half) plus padding. If the table fits, the slack is
/// shared in proportion. If not, widths are filled like water: every column narrower than an
/// equal share keeps its natural width (labels, names and numbers do not wrap) and the wide
/// columns share the rest equally.
fn column_widths(table: &crate::document::Table, style: &StyleSheet) -> Vec<usize> {
    const PADDING_EM: f32 = 0.8;
    let columns = table.header.len().max(1);
    let mut natural = vec![2.0f32; columns];
    for row in std::iter::once(&table.header).chain(table.rows.iter()) {
        for (i, cell) in row.iter().enumerate().take(columns) {
            let width: f32 = plain_text(cell)
                .chars()
                .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
                .sum();
            natural[i] = natural[i].max(width + PADDING_EM);
        }
    }
    let em = points_to_twips(style.table.size_pt) as f32;
    let available = points_to_twips(style.text_width_pt()) as f32 / em;
    let total: f32 = natural.iter().sum();
    let widths: Vec<f32> = if total <= available {
        natural.iter().map(|w| w * available / total).collect()
    } else {
        let mut widths = vec![0.0f32; columns];
        let mut open: Vec<usize> = (0..columns).collect();
        let mut left = available;
        loop {
            let share = left / open.len().max(1) as f32;
            let (fits, wide): (Vec<usize>, Vec<usize>) =
                open.iter().partition(|&&i| natural[i] <= share);
            if fits.is_empty() {
                for &i in &wide {
                    widths[i] = share;
                }
                break;
            }
            for &i in &fits {
                widths[i] = natural[i];
                left -= natural[i];
            }
            open = wide;
            if open.is_empty() {
                break;
            }
        }
        widths
    };
    widths
        .iter()
        .map(|w| (w * em).floor().max(0.0) as usize)
        .collect()
}
