//! Lines: measured text broken into lines (禁则, justification capped at `MAX_GAP_EM`),
//! and lines turned into pieces with widow and orphan control.

use super::flow::{Line, Piece, Typesetter};
use super::inline::{baseline_in, LineAlign, Measured};
use super::items::Item;
use crate::text::linebreak;
use crate::text::linebreak::LineSpan;

/// Justification never adds more than this (in ems) between two characters: past it the
/// rest of the slack stays at the line end, because spread-out text reads worse than a
/// slightly short line (and a line that was short by a whole unbreakable word has been
/// squeezed to take it where its punctuation allowed).
const MAX_GAP_EM: f32 = 0.15;

impl Typesetter<'_> {
    /// Breaks `m` into lines between `x` and `right`, the first line starting at
    /// `first_x`. Returns each line's items (baseline at 0) and its right edge.
    pub(super) fn break_into_lines(
        &self,
        m: &Measured,
        first_x: f32,
        rest_x: f32,
        right: f32,
        align: LineAlign,
    ) -> Vec<(Line, f32)> {
        let avail = |k: usize| right - if k == 0 { first_x } else { rest_x };
        let spans = m.fit(avail);
        spans
            .iter()
            .enumerate()
            .map(|(k, span)| {
                let x = if k == 0 { first_x } else { rest_x };
                let room = avail(k);
                let xs = linebreak::place(
                    &m.chars,
                    &m.spacing(),
                    span,
                    room,
                    align == LineAlign::Justify,
                    MAX_GAP_EM * m.size,
                );
                // The width the glyphs take as set (justified, capped or squeezed).
                let used = match xs.last() {
                    Some(&last) if span.end > span.start => last + m.widths[span.end - 1],
                    _ => span.width,
                };
                let x0 = match align {
                    LineAlign::Justify | LineAlign::Left => x,
                    LineAlign::Center => x + (room - used) / 2.0,
                    LineAlign::Right => x + room - used,
                };
                let copied_to = spans.get(k + 1).map_or(m.chars.len(), |next| next.start);
                let mut items = Self::set_span(m, span, &xs, x0, 0.0);
                if let Some(marker) = copy_text(m, span, &xs, copied_to, items.len()) {
                    items.insert(0, marker);
                }
                (items, x0 + used)
            })
            .collect()
    }

    /// Lines as pieces of `height`, with widow and orphan control (a paragraph never
    /// leaves a single line alone at the foot or the head of a page).
    pub(super) fn push_lines(
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
            piece.continues = k + 1 < n;
            if k == 0 {
                piece.anchor = anchor;
            }
            self.pieces.push(piece);
        }
    }

    pub(super) fn em_lines_height(&self, size: f32, factor: f32) -> f32 {
        self.style.body_line_pitch_pt.max(size * factor)
    }
}

/// Extra or missing space between two glyphs, in ems, above which a text extractor sees a
/// word break (poppler's threshold is a tenth of an em) or reorders overlapping boxes.
const EXTRACTION_SLACK_EM: f32 = 0.05;

/// The `ActualText` marker of a line set at `xs` when its glyph spacing is not the fonts'
/// own, it holds an ideographic space, or it ends at a Latin space the break removed; `copied_to` is where the next line
/// starts, so the removed spaces (but not a forced line feed) belong to this line's text.
fn copy_text(
    m: &Measured,
    span: &LineSpan,
    xs: &[f32],
    copied_to: usize,
    runs: usize,
) -> Option<Item> {
    if runs == 0 {
        return None;
    }
    let spaced = (span.start..span.end.saturating_sub(1)).any(|i| {
        let k = i - span.start;
        (xs[k + 1] - xs[k] - m.widths[i]).abs() > EXTRACTION_SLACK_EM * m.size
    });
    // Text extractors read the ideographic space as a column gap and split the line there.
    let wide_blank = m.chars[span.start..span.end].contains(&'\u{3000}');
    let trailing = &m.chars[span.end..copied_to.max(span.end)];
    let ends_in_space = trailing.iter().any(|&c| c != '\n');
    if !spaced && !wide_blank && !ends_in_space {
        return None;
    }
    let mut text: String = m.chars[span.start..span.end].iter().collect();
    text.extend(trailing.iter().filter(|&&c| c != '\n'));
    Some(Item::ActualText { text, runs })
}

/// Translates a line (baseline at 0, x from the left margin) onto the page.
pub(super) fn place(items: &mut Vec<Item>, line: Line, left: f32, baseline: f32) {
    items.extend(line.into_iter().map(|mut it| {
        it.translate(left, baseline);
        it
    }));
}
