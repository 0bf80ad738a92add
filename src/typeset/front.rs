//! Front matter: the cover page and the contents pages, set once the body's page numbers
//! are known.

use super::flow::{Piece, PieceKind, Typesetter};
use super::inline::{baseline_in, LineAlign, Measured};
use super::items::{Glyph, Item, Page, TextRun};
use super::lines::place;
use super::TypesetError;
use crate::document::Cover;
use crate::text::linebreak::{self, LineSpan};

impl Typesetter<'_> {
    pub(super) fn cover(&self, cover_page: &Cover) -> Result<Page, TypesetError> {
        let f = &self.frame;
        let mut items = Vec::new();
        let title_style = self.style.cover_title();
        let size = title_style.size_pt;
        let mut y = f.page_h * 0.28;
        let m = self.measure_str(&cover_page.title, title_style.face, size)?;
        for (line, _) in self.break_into_lines(&m, 0.0, 0.0, f.width, LineAlign::Center) {
            y += size * 1.6;
            place(&mut items, line, f.left, y);
        }
        let cover = &self.style.cover;
        if let Some(subtitle) = cover_page.subtitle.as_deref().filter(|s| !s.is_empty()) {
            y += cover.size_pt * 1.5;
            let m = self.measure_str(subtitle, cover.face, cover.size_pt)?;
            for (line, _) in self.break_into_lines(&m, 0.0, 0.0, f.width, LineAlign::Center) {
                y += cover.size_pt * 1.8;
                place(&mut items, line, f.left, y);
            }
        }
        let measured = cover_page
            .lines
            .iter()
            .map(|line| {
                let label = line.label.chars().count();
                Ok((
                    label,
                    self.measure_str(&line.full_text(), cover.face, cover.size_pt)?,
                ))
            })
            .collect::<Result<Vec<_>, TypesetError>>()?;
        let block_w = measured
            .iter()
            .map(|(_, m)| m.width())
            .fold(0.0f32, f32::max)
            .min(f.width);
        let block_x = (f.width - block_w) / 2.0;
        let pitch = cover.size_pt * 2.2;
        let mut y = (f.page_h * 0.62).max(y + 3.0 * pitch);
        for (label, m) in &measured {
            // Wrapped lines of a long company name align after the label.
            let label_w: f32 = m.widths.iter().take(*label).sum();
            for (line, _) in
                self.break_into_lines(m, block_x, block_x + label_w, f.width, LineAlign::Left)
            {
                place(&mut items, line, f.left, y);
                y += pitch;
            }
        }
        Ok(Page { items })
    }

    /// The contents pages. When the entries spill a few lines onto a last page, the
    /// lines are set closer (down to 4/5 of the body pitch) so that page is not needed:
    /// a contents page holding one or two entries looks like a mistake.
    pub(super) fn contents_pages(
        &self,
        title: &str,
        entries: &[(u8, String, usize, usize)],
    ) -> Result<Vec<Page>, TypesetError> {
        let normal = self.style.body_line_pitch_pt;
        let (pages, _, _) = self.paginate(self.contents(title, entries, normal)?);
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
            let (tighter, _, _) = self.paginate(self.contents(title, entries, pitch)?);
            if tighter.len() < pages.len() {
                return Ok(tighter);
            }
            pitch -= 0.5;
        }
        Ok(pages)
    }

    /// Contents entries: (level, text, page number, heading index), `pitch` apart.
    pub(super) fn contents(
        &self,
        heading: &str,
        entries: &[(u8, String, usize, usize)],
        pitch: f32,
    ) -> Result<Vec<Piece>, TypesetError> {
        let mut pieces = Vec::new();
        let title = &self.style.title;
        // A two-character title (目录) has its characters spread one em apart, as customary.
        let mut m = self.measure_str(heading, title.face, title.size_pt)?;
        if m.chars.len() == 2 {
            m.gaps[1] += title.size_pt;
        }
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
            .map(|e| self.measure_str(&e.2.to_string(), body.face, size))
            .collect::<Result<Vec<_>, _>>()?;
        let num_w = numbers.iter().map(Measured::width).fold(0.0f32, f32::max);
        let dot = self.measure_str(".", body.face, size)?;
        let dot_gid = dot.gids[0].unwrap_or(0);
        let dot_w = dot.widths[0];
        let step = size * 0.5;
        let right = self.frame.width;
        for ((level, text, _, target), number) in entries.iter().zip(numbers) {
            let face = self.style.contents_entry(*level).face;
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
                        face: body.face,
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
}
