//! Body blocks: the title, headings, paragraphs, lists and the closing signature block.

use super::flow::{Piece, PieceKind, Typesetter};
use super::inline::{LineAlign, Measured};
use super::TypesetError;
use crate::document::{plain_text, Heading, List, Run};

impl Typesetter<'_> {
    pub(super) fn body_title(&mut self, title: &str) -> Result<(), TypesetError> {
        if title.trim().is_empty() {
            return Ok(());
        }
        let st = &self.style.title;
        let m = self.measure_str(title, st.face, st.size_pt)?;
        let lines = self.break_into_lines(&m, 0.0, 0.0, self.frame.width, LineAlign::Center);
        let height = self.em_lines_height(st.size_pt, 1.5);
        self.push_lines(lines, height, st.size_pt, true, None);
        self.pieces
            .push(Piece::space(self.style.body_line_pitch_pt * 0.5));
        self.pieces.push(Piece::marker(PieceKind::GridSnap));
        Ok(())
    }

    pub(super) fn heading(&mut self, h: &Heading, index: usize) -> Result<(), TypesetError> {
        let st = &self.style.headings[usize::from(h.level.clamp(1, 4) - 1)];
        let m = self.measure_str(&h.full_text(), st.face, st.size_pt)?;
        let indent = self.style.first_line_indent_pt();
        let lines = self.break_into_lines(&m, indent, 0.0, self.frame.width, LineAlign::Justify);
        let height = self.em_lines_height(st.size_pt, 1.25);
        // A heading is kept with the first lines of what follows.
        self.push_lines(lines, height, st.size_pt, true, Some(index));
        Ok(())
    }

    /// A body paragraph whose first line starts `indent` points in.
    pub(super) fn paragraph(&mut self, runs: &[Run], indent: f32) -> Result<(), TypesetError> {
        if plain_text(runs).trim().is_empty() {
            return Ok(());
        }
        let st = &self.style.body;
        let m = self.measure_runs(runs, st.face, st.size_pt)?;
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

    /// A list as formal Chinese documents set one: each item a body paragraph that starts
    /// with its number (`1.`, `（1）`), first line indented, continuation lines at the
    /// margin, as the DOCX writes it too.
    pub(super) fn list(&mut self, list: &List) -> Result<(), TypesetError> {
        for item in &list.items {
            let mut runs = Vec::with_capacity(item.runs.len() + 1);
            runs.push(Run::plain(item.marker.clone()));
            runs.extend(item.runs.iter().cloned());
            self.paragraph(&runs, self.style.first_line_indent_pt())?;
        }
        Ok(())
    }

    pub(super) fn signature(&mut self, lines: &[String]) -> Result<(), TypesetError> {
        let st = &self.style.body;
        let texts = lines.to_vec();
        if texts.is_empty() {
            return Ok(());
        }
        let measured = texts
            .into_iter()
            .map(|t| self.measure_str(&t, st.face, st.size_pt))
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
}
