//! Vector graphics beneath the diagrams and the typesetter: points, paths, colours and
//! glyph runs, gathered into a [`Scene`] in points with the origin at the top-left corner
//! and y growing downwards, and the one rasterizer (`raster.rs`) for formats that need
//! pixels.
//!
//! Both writers draw one scene value (the PDF as vector operators, the DOCX as a PNG made
//! from it), so the two formats cannot show different drawings.

mod raster;

pub use raster::{rasterize, RasterError};

use crate::text::FaceId;

/// A drawing laid out at a given width.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// Width in points (the text-block width it was laid out for; writers scale it).
    pub width: f32,
    pub height: f32,
    /// Painted in order: later shapes cover earlier ones.
    pub shapes: Vec<Shape>,
    /// One-line description for screen readers (the DOCX picture's alternative text).
    pub alt_text: String,
}

impl Scene {
    /// Each label's text and the box its em squares cover (left, top, right, bottom), for
    /// tests that look for overlaps.
    #[cfg(test)]
    pub(crate) fn label_boxes(&self) -> Vec<(&str, f32, f32, f32, f32)> {
        let ascent = crate::text::EM_BOX_ASCENT;
        self.shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text(l) => Some((
                    l.text.as_str(),
                    l.x,
                    l.y - ascent * l.size,
                    l.x + l.width,
                    l.y + (1.0 - ascent) * l.size,
                )),
                Shape::Path(_) => None,
            })
            .collect()
    }

    /// Every label's text, in drawing order (for tests and alternative text).
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.shapes.iter().filter_map(|s| match s {
            Shape::Text(label) => Some(label.text.as_str()),
            Shape::Path(_) => None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub enum Shape {
    Path(Path),
    Text(GlyphRun),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub const fn new(x: f32, y: f32) -> Point {
        Point { x, y }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Hash)]
pub enum Segment {
    MoveTo(Point),
    LineTo(Point),
    /// Cubic Bézier curve: two control points, then the end point.
    CubicTo(Point, Point, Point),
    Close,
}

/// sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Color {
    pub const fn hex(rgb: u32) -> Color {
        Color {
            r: (rgb >> 16) as u8,
            g: (rgb >> 8) as u8,
            b: rgb as u8,
        }
    }

    /// Components in 0.0–1.0, as PDF operators want them.
    pub fn unit(self) -> [f32; 3] {
        [self.r, self.g, self.b].map(|c| f32::from(c) / 255.0)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stroke {
    pub color: Color,
    pub width: f32,
    /// Dash and gap lengths, `None` for a solid line.
    pub dash: Option<[f32; 2]>,
}

#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Path {
    pub segments: Vec<Segment>,
    pub fill: Option<Color>,
    pub stroke: Option<Stroke>,
}

impl Path {
    /// Whether every subpath is closed (a shape) rather than an open line.
    pub fn is_closed(&self) -> bool {
        self.segments.last() == Some(&Segment::Close)
    }

    /// Scales every point by `scale`, then moves it by (`dx`, `dy`); stroke widths and
    /// dashes scale with it, as they would in a drawing program.
    pub fn transform(&mut self, scale: f32, dx: f32, dy: f32) {
        let map = |p: &mut Point| {
            p.x = p.x * scale + dx;
            p.y = p.y * scale + dy;
        };
        for segment in &mut self.segments {
            match segment {
                Segment::MoveTo(p) | Segment::LineTo(p) => map(p),
                Segment::CubicTo(a, b, c) => {
                    map(a);
                    map(b);
                    map(c);
                }
                Segment::Close => {}
            }
        }
        if let Some(stroke) = &mut self.stroke {
            stroke.width *= scale;
            if let Some(dash) = &mut stroke.dash {
                dash.iter_mut().for_each(|d| *d *= scale);
            }
        }
    }

    /// The points the path passes through or bends towards (for bounds checks).
    pub fn points(&self) -> impl Iterator<Item = Point> + '_ {
        self.segments.iter().flat_map(|s| match *s {
            Segment::MoveTo(p) | Segment::LineTo(p) => vec![p],
            Segment::CubicTo(a, b, c) => vec![a, b, c],
            Segment::Close => Vec::new(),
        })
    }
}

/// A glyph run: one line of text on one baseline, in one face, size and colour.
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    pub text: String,
    /// Left end of the baseline.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    pub size: f32,
    pub face: FaceId,
    pub color: Color,
    /// Measured advance width of the whole line.
    pub width: f32,
    /// Each visible character with its glyph id and offset from `x`.
    pub glyphs: Vec<PlacedGlyph>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    pub ch: char,
    pub gid: u16,
    pub x: f32,
}

// Hashes of drawings key the output cache (`pipeline::generate`): coordinates are hashed by
// their bits, which is exact for values that compare equal except ±0 and NaN, neither of
// which a layout produces twice differently.
fn hash_f32s<H: std::hash::Hasher>(values: &[f32], state: &mut H) {
    for v in values {
        state.write_u32(v.to_bits());
    }
}

impl std::hash::Hash for Scene {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        hash_f32s(&[self.width, self.height], state);
        self.shapes.hash(state);
        self.alt_text.hash(state);
    }
}

impl std::hash::Hash for Point {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        hash_f32s(&[self.x, self.y], state);
    }
}

impl std::hash::Hash for Stroke {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.color.hash(state);
        hash_f32s(&[self.width], state);
        hash_f32s(self.dash.as_ref().map_or(&[][..], |d| &d[..]), state);
    }
}

impl std::hash::Hash for GlyphRun {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
        hash_f32s(&[self.x, self.y, self.size, self.width], state);
        self.face.hash(state);
        self.color.hash(state);
        self.glyphs.hash(state);
    }
}

impl std::hash::Hash for PlacedGlyph {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.ch.hash(state);
        self.gid.hash(state);
        hash_f32s(&[self.x], state);
    }
}
