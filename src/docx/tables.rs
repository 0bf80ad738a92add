//! Tables as Word tables: a fixed grid with the PDF's column widths and cell padding, so
//! Word and LibreOffice break cell text where the PDF does.

use docx_rs::{
    AlignmentType, Paragraph, Shading, Table, TableCell, TableCellMargins, TableLayoutType,
    TableRow, WidthType,
};

use super::{add_runs, ids, points_to_twips};
use crate::document::{Align, Run};
use crate::style::StyleSheet;
use crate::typeset::TableColumns;

/// A table with a fixed grid, so Word and LibreOffice keep the widths given: the PDF's
/// (`layout`, with its cell padding), or equal columns if the layout has none for it.
pub(super) fn table_element(
    table: &crate::document::Table,
    style: &StyleSheet,
    layout: Option<&TableColumns>,
) -> Table {
    let (widths, padding): (Vec<usize>, usize) = match layout {
        Some(c) if !c.widths.is_empty() => (
            c.widths
                .iter()
                .map(|w| points_to_twips(*w).max(0) as usize)
                .collect(),
            points_to_twips(c.padding).max(0) as usize,
        ),
        _ => {
            let columns = table.header.len().max(1);
            let share = points_to_twips(style.text_width_pt()).max(0) as usize / columns;
            (vec![share; columns], DEFAULT_CELL_PADDING)
        }
    };
    let columns = widths.len();
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
    // Every row gets a cell per column, empty where the Markdown row is short.
    let row = |cells: &[Vec<Run>], header: bool| {
        let cells = (0..columns)
            .map(|i| {
                let runs = cells.get(i).map_or(&[][..], Vec::as_slice);
                cell(runs, align_of(i), header, width_of(i))
            })
            .collect();
        TableRow::new(cells).cant_split()
    };
    let rows: Vec<TableRow> = std::iter::once(row(&table.header, true))
        .chain(table.rows.iter().map(|r| row(r, false)))
        .collect();
    Table::new(rows)
        .set_grid(widths.clone())
        .width(widths.iter().sum(), WidthType::Dxa)
        .align(docx_rs::TableAlignmentType::Center)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, padding, 0, padding))
}

/// Word's cell padding left and right (0.08 in), for a table the layout has no columns of.
const DEFAULT_CELL_PADDING: usize = 108;
