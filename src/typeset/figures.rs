//! Figures: a scene scaled to the text block (or to what the page holds with its
//! caption), drawn as paths and glyph runs, kept with its caption, floating to the next
//! page when it does not fit (`flow.rs`).

use super::flow::{Piece, PieceKind, Typesetter};
use super::inline::LineAlign;
use super::items::{Glyph, Item, TextRun};
use super::tables::CELL_PAD_Y;
use super::TypesetError;
use crate::document::Figure;
use crate::graphics::Shape;
use crate::text::FaceId;

impl Typesetter<'_> {
    /// A figure: the drawing scaled to the text width (or down to what a page holds with
    /// its caption), as vector shapes and real text, kept on one page with the caption
    /// under it. Figures the pipeline did not fill are skipped.
    pub(super) fn figure(&mut self, figure: &Figure) -> Result<(), TypesetError> {
        let Some(d) = &figure.diagram else {
            return Ok(());
        };
        if d.width <= 0.0 || d.height <= 0.0 {
            return Ok(());
        }
        let size = self.style.table.size_pt;
        let pitch = self.style.table_line_pitch_pt.max(size * 1.1);
        let caption_h = pitch + 2.0 * CELL_PAD_Y;
        let caption = match figure.caption.as_deref().filter(|c| !c.trim().is_empty()) {
            Some(text) => {
                let m = self.measure_str(text, FaceId::SansBold, size)?;
                self.break_into_lines(&m, 0.0, 0.0, self.frame.width, LineAlign::Center)
            }
            None => Vec::new(),
        };
        let space = self.style.body_line_pitch_pt * 0.25;
        let room = self.frame.bottom - self.frame.top - caption.len() as f32 * caption_h - space;
        let scale = (self.frame.width / d.width).min(room / d.height).max(0.01);
        let x0 = (self.frame.width - d.width * scale) / 2.0;
        let mut items = Vec::with_capacity(d.shapes.len());
        for shape in &d.shapes {
            match shape {
                Shape::Path(path) => {
                    let mut path = path.clone();
                    path.transform(scale, x0, 0.0);
                    items.push(Item::Path(Box::new(path)));
                }
                Shape::Text(label) => {
                    let face = self.fonts.face(label.face);
                    let glyphs = label
                        .glyphs
                        .iter()
                        .map(|g| match face.glyph(g.ch) {
                            Some(gid) => Ok(Glyph {
                                gid,
                                ch: g.ch,
                                x: g.x * scale,
                            }),
                            None => Err(TypesetError::MissingGlyph {
                                ch: g.ch,
                                context: label.text.clone(),
                            }),
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    items.push(Item::Text(TextRun {
                        face: label.face,
                        size: label.size * scale,
                        x: x0 + label.x * scale,
                        y: label.y * scale,
                        glyphs,
                        color: Some(label.color),
                    }));
                }
            }
        }
        self.pieces.push(Piece::space(space));
        let mut drawing = Piece::content(d.height * scale, items);
        drawing.keep_with_next = !caption.is_empty();
        // The drawing, its caption lines and the space and grid snap after them.
        if self.figures_float {
            drawing.float = 1 + caption.len() + 2;
        }
        self.pieces.push(drawing);
        if !caption.is_empty() {
            self.push_lines(caption, caption_h, size, true, None);
            if let Some(last) = self.pieces.last_mut() {
                last.keep_with_next = false;
            }
        }
        self.pieces.push(Piece::space(space));
        self.pieces.push(Piece::marker(PieceKind::GridSnap));
        Ok(())
    }
}
