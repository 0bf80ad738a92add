//! Passes over parsed blocks that give them the structure formal documents expect: no
//! lone sub-heading, number columns aligned on their digits, figures cited by the number
//! they were given.

use super::model::*;

/// Headings of one level come in twos or not at all: a section with a single sub-heading
/// (a block a template adds only for some businesses) would print a lone 「（一）」. Such a
/// sub-heading, when it has none of its own, becomes a bold lead paragraph without a
/// number, and the contents do not list it.
pub(super) fn unnumber_lone_subheadings(blocks: &mut [Block]) {
    let levels: Vec<Option<u8>> = blocks
        .iter()
        .map(|b| match b {
            Block::Heading(h) => Some(h.level),
            _ => None,
        })
        .collect();
    let headings: Vec<(usize, u8)> = levels
        .iter()
        .enumerate()
        .filter_map(|(i, l)| l.map(|l| (i, l)))
        .collect();
    let mut lone = Vec::new();
    for (k, &(_, level)) in headings.iter().enumerate() {
        let section = headings[k + 1..].iter().take_while(|&&(_, l)| l > level);
        let children: Vec<usize> = section
            .clone()
            .filter(|&&(_, l)| l == level + 1)
            .map(|&(i, _)| i)
            .collect();
        let deeper = section.clone().any(|&(_, l)| l > level + 1);
        if let ([child], false) = (children.as_slice(), deeper) {
            lone.push(*child);
        }
    }
    for i in lone {
        if let Block::Heading(h) = &blocks[i] {
            let lead = Run {
                text: h.text.clone(),
                bold: true,
                italic: false,
            };
            blocks[i] = Block::Paragraph(vec![lead]);
        }
    }
}

/// Columns the Markdown leaves unaligned: numbers are right-aligned so their digits line up
/// (a 序号 column is centred), text is left-aligned.
pub(super) fn column_alignments(
    given: &[Option<Align>],
    header: &[Cell],
    rows: &[Vec<Cell>],
) -> Vec<Align> {
    given
        .iter()
        .enumerate()
        .map(|(c, align)| {
            align.unwrap_or_else(|| {
                let cells: Vec<String> = rows
                    .iter()
                    .filter_map(|row| row.get(c))
                    .map(|cell| plain_text(cell).trim().to_owned())
                    .filter(|text| !text.is_empty() && text != "—" && text != "-")
                    .collect();
                let numeric = !cells.is_empty() && cells.iter().all(|t| is_number(t));
                let title = header.get(c).map(|h| plain_text(h)).unwrap_or_default();
                match (numeric, title.trim()) {
                    (true, "序号") => Align::Center,
                    (true, _) => Align::Right,
                    _ => Align::Left,
                }
            })
        })
        .collect()
}

/// A table cell that is a number, with thousands separators, decimals, a percent sign or
/// one of the counting units tables put after them.
fn is_number(text: &str) -> bool {
    const UNITS: [&str; 7] = ["%", "万元", "元", "人", "台", "个", "GB"];
    let digits = UNITS
        .iter()
        .find_map(|unit| text.strip_suffix(unit))
        .unwrap_or(text);
    let digits = digits.strip_prefix(['-', '+']).unwrap_or(digits);
    digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// The prefix of a figure reference in the text, as pandoc-crossref writes it:
/// 「如@fig:topology所示」 cites the figure marked `<!-- figure: topology -->`.
const FIGURE_REFERENCE: &str = "@fig:";

/// Replaces each `@fig:NAME` in the text with the number its figure was given
/// (「如图1所示」), so that a template never hard-codes a number that another figure added
/// before it would make wrong. A reference to no figure stays as written, for the reader
/// of the draft to see.
pub(super) fn resolve_figure_references(blocks: &mut [Block]) {
    let numbers: Vec<(String, usize)> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Figure(f) => Some(f.name.clone()),
            _ => None,
        })
        .enumerate()
        .map(|(i, name)| (name, i + 1))
        .collect();
    if numbers.is_empty() {
        return;
    }
    for block in blocks.iter_mut() {
        let runs: Vec<&mut Run> = match block {
            Block::Paragraph(runs) | Block::Addressee(runs) => runs.iter_mut().collect(),
            Block::List(list) => list.items.iter_mut().flat_map(|i| &mut i.runs).collect(),
            Block::Table(t) => t
                .header
                .iter_mut()
                .chain(t.rows.iter_mut().flatten())
                .flatten()
                .collect(),
            _ => Vec::new(),
        };
        for run in runs {
            if run.text.contains(FIGURE_REFERENCE) {
                run.text = cite_figures(&run.text, &numbers);
            }
        }
    }
}

/// `text` with every reference to a figure in `numbers` written as 「图N」.
fn cite_figures(text: &str, numbers: &[(String, usize)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(FIGURE_REFERENCE) {
        out.push_str(&rest[..at]);
        let after = &rest[at + FIGURE_REFERENCE.len()..];
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(after.len());
        match numbers.iter().find(|(name, _)| name == &after[..len]) {
            Some((_, number)) if len > 0 => out.push_str(&format!("图{number}")),
            _ => out.push_str(&rest[at..at + FIGURE_REFERENCE.len() + len]),
        }
        rest = &after[len..];
    }
    out.push_str(rest);
    out
}
