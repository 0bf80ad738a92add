//! Drawing into the scene: labels measured and wrapped, boxes sized from them,
//! connectors with arrowheads and buses, zones (tiers of boxes are in `tier.rs`).

use super::shapes::{rounded_rect, Rect, Sized, TextLine};
use super::style::*;
use crate::diagram::labels::Labels;
use crate::diagram::topology::Node;
use crate::diagram::DiagramError;
use crate::graphics::{Color, Path, Point, Segment, Shape, Stroke};
use crate::text::FaceId;

/// The figure being drawn: its shapes in five layers, painted in this order.
pub(super) struct Canvas<'a> {
    pub(super) fonts: &'a Labels,
    /// Painted first to last: zone backgrounds, the tints of wrapped tiers, connectors,
    /// boxes, text.
    pub(super) back: Vec<Shape>,
    pub(super) groups: Vec<Shape>,
    pub(super) lines: Vec<Shape>,
    pub(super) boxes: Vec<Shape>,
    pub(super) text: Vec<Shape>,
}

impl Canvas<'_> {
    pub(super) fn line(
        &self,
        text: &str,
        kind: (FaceId, f32, f32),
        color: Color,
    ) -> Result<TextLine, DiagramError> {
        Ok(TextLine {
            text: text.to_string(),
            kind,
            color,
            width: self.fonts.width(text, kind.0, kind.1)?,
        })
    }

    /// Lines of `text` wrapped to `max_width`, set smaller (down to [`MIN_WORD_SCALE`]) where
    /// a Latin word is wider than the box, rather than cut in the middle.
    pub(super) fn wrapped(
        &self,
        text: &str,
        kind: (FaceId, f32, f32),
        color: Color,
        max_width: f32,
    ) -> Result<Vec<TextLine>, DiagramError> {
        let (scale, lines) =
            self.fonts
                .wrap_shrinking(text, kind.0, kind.1, max_width, MIN_WORD_SCALE)?;
        let kind = (kind.0, kind.1 * scale, kind.2 * scale);
        lines.iter().map(|l| self.line(l, kind, color)).collect()
    }

    pub(super) fn size(
        &self,
        node: &Node,
        max_w: f32,
        palette: Palette,
    ) -> Result<Sized, DiagramError> {
        self.size_padded(node, max_w, palette, (BOX_PAD_X, BOX_PAD_Y))
    }

    /// A node's lines wrapped to `max_w` less the padding `(x, y)`, and its box's size.
    pub(super) fn size_padded(
        &self,
        node: &Node,
        max_w: f32,
        palette: Palette,
        (pad_x, pad_y): (f32, f32),
    ) -> Result<Sized, DiagramError> {
        let inner = (max_w - 2.0 * pad_x).max(TITLE.1 * 2.0);
        let mut lines = self.wrapped(&node.title, TITLE, TEXT, inner)?;
        for detail in &node.details {
            lines.extend(self.wrapped(detail, DETAIL, TEXT_DETAIL, inner)?);
        }
        let text_w = lines.iter().map(|l| l.width).fold(0.0, f32::max);
        let h = 2.0 * pad_y + lines.iter().map(|l| l.kind.2).sum::<f32>();
        Ok(Sized {
            lines,
            w: (text_w + 2.0 * pad_x).max(BOX_MIN_W.min(max_w)),
            h,
            palette,
            role: node.role,
        })
    }

    /// Text lines centred in `rect` as a block.
    pub(super) fn text_block(
        &mut self,
        lines: &[TextLine],
        rect: Rect,
    ) -> Result<(), DiagramError> {
        let total: f32 = lines.iter().map(|l| l.kind.2).sum();
        let mut top = rect.cy() - total / 2.0;
        for l in lines {
            let (face, size, lh) = l.kind;
            let baseline = top + (lh - size) / 2.0 + ASCENT * size;
            let label = self.fonts.label(
                &l.text,
                face,
                size,
                l.color,
                rect.cx() - l.width / 2.0,
                baseline,
            )?;
            self.text.push(Shape::Text(label));
            top += lh;
        }
        Ok(())
    }

    /// Left-aligned (`align = 0`) or right-aligned (`align = 1`) lines from `top`.
    pub(super) fn text_lines_at(
        &mut self,
        lines: &[TextLine],
        x: f32,
        top: f32,
        right_aligned: bool,
    ) -> Result<(), DiagramError> {
        let mut top = top;
        for l in lines {
            let (face, size, lh) = l.kind;
            let baseline = top + (lh - size) / 2.0 + ASCENT * size;
            let left = if right_aligned { x - l.width } else { x };
            self.text.push(Shape::Text(
                self.fonts
                    .label(&l.text, face, size, l.color, left, baseline)?,
            ));
            top += lh;
        }
        Ok(())
    }

    pub(super) fn node_box(&mut self, sized: &Sized, rect: Rect) -> Result<(), DiagramError> {
        self.boxes.push(Shape::Path(Path {
            segments: rounded_rect(rect, RADIUS),
            fill: Some(sized.palette.fill),
            stroke: Some(Stroke {
                color: sized.palette.stroke,
                width: 0.9,
                dash: None,
            }),
        }));
        self.text_block(&sized.lines, rect)
    }

    /// An open polyline ending in an arrowhead at its last point.
    pub(super) fn arrow(&mut self, points: &[Point], color: Color, dash: Option<[f32; 2]>) {
        let n = points.len();
        if n < 2 {
            return;
        }
        let tip = points[n - 1];
        let from = points[n - 2];
        let (dx, dy) = (tip.x - from.x, tip.y - from.y);
        let len = (dx * dx + dy * dy).sqrt();
        if len < 1e-3 {
            return;
        }
        let (ux, uy) = (dx / len, dy / len);
        let base = Point::new(tip.x - ux * ARROW_LEN, tip.y - uy * ARROW_LEN);
        // The line stops inside the head so its end does not show past the tip.
        let stop = Point::new(tip.x - ux * ARROW_LEN * 0.6, tip.y - uy * ARROW_LEN * 0.6);
        let mut line: Vec<Point> = points[..n - 1].to_vec();
        line.push(stop);
        self.polyline(&line, color, dash);
        self.lines.push(Shape::Path(Path {
            segments: vec![
                Segment::MoveTo(tip),
                Segment::LineTo(Point::new(
                    base.x - uy * ARROW_HALF,
                    base.y + ux * ARROW_HALF,
                )),
                Segment::LineTo(Point::new(
                    base.x + uy * ARROW_HALF,
                    base.y - ux * ARROW_HALF,
                )),
                Segment::Close,
            ],
            fill: Some(color),
            stroke: None,
        }));
    }

    pub(super) fn polyline(&mut self, points: &[Point], color: Color, dash: Option<[f32; 2]>) {
        let mut segments = Vec::with_capacity(points.len());
        for (i, p) in points.iter().enumerate() {
            segments.push(if i == 0 {
                Segment::MoveTo(*p)
            } else {
                Segment::LineTo(*p)
            });
        }
        self.lines.push(Shape::Path(Path {
            segments,
            fill: None,
            stroke: Some(Stroke {
                color,
                width: LINE_W,
                dash,
            }),
        }));
    }

    /// Joins sources to targets: a straight arrow when both are one box on one vertical,
    /// otherwise lines down from each source to a horizontal bus at `bus_y` and arrows
    /// from the bus down into each target.
    pub(super) fn connect(
        &mut self,
        from: &[(f32, f32)],
        to: &[(f32, f32)],
        bus_y: f32,
        color: Color,
        dash: Option<[f32; 2]>,
    ) {
        if let ([(fx, fy)], [(tx, ty)]) = (from, to) {
            if (fx - tx).abs() < 0.5 {
                self.arrow(&[Point::new(*fx, *fy), Point::new(*fx, *ty)], color, dash);
                return;
            }
        }
        let xs = from.iter().chain(to).map(|p| p.0);
        let lo = xs.clone().fold(f32::INFINITY, f32::min);
        let hi = xs.fold(f32::NEG_INFINITY, f32::max);
        for &(x, y) in from {
            self.polyline(&[Point::new(x, y), Point::new(x, bus_y)], color, dash);
        }
        if hi - lo > 0.5 {
            self.polyline(&[Point::new(lo, bus_y), Point::new(hi, bus_y)], color, dash);
        }
        for &(x, y) in to {
            self.arrow(&[Point::new(x, bus_y), Point::new(x, y)], color, dash);
        }
    }

    pub(super) fn zone(&mut self, rect: Rect, title: &str) -> Result<(), DiagramError> {
        self.back.push(Shape::Path(Path {
            segments: rounded_rect(rect, RADIUS),
            fill: Some(ZONE_FILL),
            stroke: Some(Stroke {
                color: ZONE_STROKE,
                width: 0.6,
                dash: Some(DASH),
            }),
        }));
        let line = self.line(title, ZONE_LABEL, TEXT_ZONE)?;
        // A connector that must cross the label passes behind it, not through it.
        self.boxes.push(Shape::Path(Path {
            segments: rounded_rect(
                Rect {
                    x: rect.x + ZONE_PAD - 2.0,
                    y: rect.y + ZONE_LABEL_TOP,
                    w: line.width + 4.0,
                    h: ZONE_LABEL.2,
                },
                1.0,
            ),
            fill: Some(ZONE_FILL),
            stroke: None,
        }));
        self.text_lines_at(&[line], rect.x + ZONE_PAD, rect.y + ZONE_LABEL_TOP, false)
    }
}
