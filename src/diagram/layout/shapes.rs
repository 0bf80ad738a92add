//! Rectangles, measured nodes, placed tiers, and the outlines the diagram draws (rounded
//! boxes, the Internet cloud).

use super::style::Palette;
use crate::diagram::topology::{Node, Role};
use crate::graphics::Color;
use crate::graphics::{Point, Segment};
use crate::text::FaceId;

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rect {
    pub(super) x: f32,
    pub(super) y: f32,
    pub(super) w: f32,
    pub(super) h: f32,
}

impl Rect {
    pub(super) fn cx(&self) -> f32 {
        self.x + self.w / 2.0
    }
    pub(super) fn cy(&self) -> f32 {
        self.y + self.h / 2.0
    }
    pub(super) fn right(&self) -> f32 {
        self.x + self.w
    }
    pub(super) fn bottom(&self) -> f32 {
        self.y + self.h
    }
}

/// A line of text with its type, ready to be placed.
pub(super) struct TextLine {
    pub(super) text: String,
    pub(super) kind: (FaceId, f32, f32),
    pub(super) color: Color,
    pub(super) width: f32,
}

/// A node measured for a maximum width: its lines and natural box size.
pub(super) struct Sized {
    pub(super) lines: Vec<TextLine>,
    pub(super) w: f32,
    pub(super) h: f32,
    pub(super) palette: Palette,
    pub(super) role: Role,
}

/// A zone's title and its tiers: the nodes, and whether they form an inline chain.
pub(super) type ZoneSpec<'a> = (&'static str, Vec<(&'a [Node], bool)>);

/// A tier placed on the page.
pub(super) struct Row {
    pub(super) boxes: Vec<Rect>,
    pub(super) roles: Vec<Role>,
    /// Inline security products: traffic enters the first box and leaves the last.
    pub(super) chain: bool,
    /// The tinted area of a tier wrapped into several lines: traffic enters and leaves it
    /// as one, since a connector to a lower line would have to cross the boxes above.
    pub(super) cluster: Option<Rect>,
}

impl Row {
    pub(super) fn entries(&self) -> Vec<Rect> {
        match (self.cluster, self.chain, self.boxes.first()) {
            (Some(cluster), _, _) => vec![cluster],
            (None, true, Some(first)) => vec![*first],
            _ => self.boxes.clone(),
        }
    }
    pub(super) fn exits(&self) -> Vec<Rect> {
        match (self.cluster, self.chain, self.boxes.last()) {
            (Some(cluster), _, _) => vec![cluster],
            (None, true, Some(last)) => vec![*last],
            _ => self.boxes.clone(),
        }
    }
    pub(super) fn bottom(&self) -> f32 {
        let boxes = self.boxes.iter().map(Rect::bottom).fold(0.0, f32::max);
        self.cluster.map_or(boxes, |c| c.bottom().max(boxes))
    }
}

/// A rectangle with rounded corners, as one closed path.
pub(super) fn rounded_rect(r: Rect, radius: f32) -> Vec<Segment> {
    let k = radius * 0.552_284_8; // cubic approximation of a quarter circle
    let (x0, y0, x1, y1) = (r.x, r.y, r.right(), r.bottom());
    vec![
        Segment::MoveTo(Point::new(x0 + radius, y0)),
        Segment::LineTo(Point::new(x1 - radius, y0)),
        Segment::CubicTo(
            Point::new(x1 - radius + k, y0),
            Point::new(x1, y0 + radius - k),
            Point::new(x1, y0 + radius),
        ),
        Segment::LineTo(Point::new(x1, y1 - radius)),
        Segment::CubicTo(
            Point::new(x1, y1 - radius + k),
            Point::new(x1 - radius + k, y1),
            Point::new(x1 - radius, y1),
        ),
        Segment::LineTo(Point::new(x0 + radius, y1)),
        Segment::CubicTo(
            Point::new(x0 + radius - k, y1),
            Point::new(x0, y1 - radius + k),
            Point::new(x0, y1 - radius),
        ),
        Segment::LineTo(Point::new(x0, y0 + radius)),
        Segment::CubicTo(
            Point::new(x0, y0 + radius - k),
            Point::new(x0 + radius - k, y0),
            Point::new(x0 + radius, y0),
        ),
        Segment::Close,
    ]
}

/// Unit vectors at 36° steps from the top, and at the midpoints between them: fixed
/// values rather than `sin`/`cos`, whose last bits vary between math libraries.
pub(super) const RIM: [(f32, f32); 10] = [
    (0.0, -1.0),
    (0.587_785, -0.809_017),
    (0.951_057, -0.309_017),
    (0.951_057, 0.309_017),
    (0.587_785, 0.809_017),
    (0.0, 1.0),
    (-0.587_785, 0.809_017),
    (-0.951_057, 0.309_017),
    (-0.951_057, -0.309_017),
    (-0.587_785, -0.809_017),
];
pub(super) const MID: [(f32, f32); 10] = [
    (0.309_017, -0.951_057),
    (0.809_017, -0.587_785),
    (1.0, 0.0),
    (0.809_017, 0.587_785),
    (0.309_017, 0.951_057),
    (-0.309_017, 0.951_057),
    (-0.809_017, 0.587_785),
    (-1.0, 0.0),
    (-0.809_017, -0.587_785),
    (-0.309_017, -0.951_057),
];
/// How far the cloud's scallops reach beyond its ellipse, per unit of `bump`.
pub(super) const BULGE: f32 = 0.75;

/// A cloud: ten scallops around the ellipse (`rx`, `ry`) centred on `c`.
pub(super) fn cloud(c: Point, rx: f32, ry: f32, bump: f32) -> Vec<Segment> {
    let at = |(u, v): (f32, f32)| Point::new(c.x + rx * u, c.y + ry * v);
    let mut segments = vec![Segment::MoveTo(at(RIM[0]))];
    for k in 0..RIM.len() {
        let (a, b) = (at(RIM[k]), at(RIM[(k + 1) % RIM.len()]));
        // Outward normal of the ellipse at the scallop's middle.
        let (mu, mv) = MID[k];
        let (nx, ny) = (mu / rx, mv / ry);
        let len = (nx * nx + ny * ny).sqrt();
        let (nx, ny) = (nx / len * bump, ny / len * bump);
        segments.push(Segment::CubicTo(
            Point::new(a.x + nx, a.y + ny),
            Point::new(b.x + nx, b.y + ny),
            b,
        ));
    }
    segments.push(Segment::Close);
    segments
}
