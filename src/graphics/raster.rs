//! Draws a [`Scene`] into a PNG for formats without a vector drawing we could write as
//! simply (the DOCX): tiny-skia fills and strokes the paths, labels are filled from the glyph
//! outlines of the same embedded fonts the PDF uses, and the `png` crate encodes the
//! pixels. Everything is single-threaded arithmetic, so the bytes are reproducible.

use std::collections::HashMap;

use tiny_skia::{
    FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke as SkStroke, StrokeDash,
    Transform,
};

use super::{Color, GlyphRun, Path, Scene, Segment, Shape};
use crate::text::{FaceId, Fonts, TextError};

#[derive(Debug, thiserror::Error)]
pub enum RasterError {
    #[error("cannot draw the figure as an image: {0}")]
    Image(String),
    #[error(transparent)]
    Text(#[from] TextError),
}

/// A rendered image and its size in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Png {
    pub bytes: Vec<u8>,
    pub width_px: u32,
    pub height_px: u32,
}

/// Renders `diagram` to be printed `width_pt` wide at `dpi` dots per inch.
pub fn rasterize(diagram: &Scene, width_pt: f32, dpi: f32) -> Result<Png, RasterError> {
    if !(diagram.width > 0.0 && diagram.height > 0.0 && width_pt > 0.0 && dpi > 0.0) {
        return Err(RasterError::Image("the diagram has no area".into()));
    }
    let width_px = (width_pt / 72.0 * dpi).round().clamp(1.0, 16_000.0) as u32;
    let scale = width_px as f32 / diagram.width;
    let height_px = (diagram.height * scale).round().clamp(1.0, 16_000.0) as u32;
    let mut pixmap = Pixmap::new(width_px, height_px)
        .ok_or_else(|| RasterError::Image(format!("cannot allocate {width_px}×{height_px}")))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let to_px = Transform::from_scale(scale, scale);
    let fonts = Fonts::embedded()?;
    let mut glyphs = GlyphCache::default();

    for shape in &diagram.shapes {
        match shape {
            Shape::Path(path) => draw_path(&mut pixmap, path, to_px),
            Shape::Text(label) => draw_label(&mut pixmap, label, scale, fonts, &mut glyphs),
        }
    }
    let bytes = encode(&pixmap, dpi)?;
    Ok(Png {
        bytes,
        width_px,
        height_px,
    })
}

fn paint(color: Color) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color_rgba8(color.r, color.g, color.b, 255);
    paint.anti_alias = true;
    paint
}

fn draw_path(pixmap: &mut Pixmap, path: &Path, transform: Transform) {
    let mut pb = PathBuilder::new();
    for segment in &path.segments {
        match *segment {
            Segment::MoveTo(p) => pb.move_to(p.x, p.y),
            Segment::LineTo(p) => pb.line_to(p.x, p.y),
            Segment::CubicTo(a, b, c) => pb.cubic_to(a.x, a.y, b.x, b.y, c.x, c.y),
            Segment::Close => pb.close(),
        }
    }
    // An empty or degenerate path has nothing to draw.
    let Some(sk_path) = pb.finish() else { return };
    if let Some(fill) = path.fill {
        pixmap.fill_path(&sk_path, &paint(fill), FillRule::Winding, transform, None);
    }
    if let Some(stroke) = &path.stroke {
        let sk_stroke = SkStroke {
            width: stroke.width,
            line_cap: LineCap::Butt,
            line_join: LineJoin::Miter,
            dash: stroke
                .dash
                .and_then(|[on, off]| StrokeDash::new(vec![on, off], 0.0)),
            ..SkStroke::default()
        };
        pixmap.stroke_path(&sk_path, &paint(stroke.color), &sk_stroke, transform, None);
    }
}

/// Glyph outlines in font units, built once per glyph and image.
#[derive(Default)]
struct GlyphCache {
    paths: HashMap<(FaceId, u16), Option<tiny_skia::Path>>,
}

/// Adapts ttf-parser's outline callbacks to a tiny-skia path (font units, y up).
struct Outline(PathBuilder);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

fn draw_label(
    pixmap: &mut Pixmap,
    label: &GlyphRun,
    scale: f32,
    fonts: &Fonts,
    cache: &mut GlyphCache,
) {
    let face = fonts.face(label.face);
    let units = label.size / f32::from(face.units_per_em().max(1));
    let paint = paint(label.color);
    for glyph in &label.glyphs {
        let outline = cache
            .paths
            .entry((label.face, glyph.gid))
            .or_insert_with(|| {
                let mut outline = Outline(PathBuilder::new());
                face.outline(glyph.gid, &mut outline)?;
                outline.0.finish()
            });
        // Spaces and other blank glyphs have no outline.
        let Some(path) = outline else { continue };
        let x = (label.x + glyph.x) * scale;
        let y = label.y * scale;
        let transform = Transform::from_row(units * scale, 0.0, 0.0, -units * scale, x, y);
        pixmap.fill_path(path, &paint, FillRule::Winding, transform, None);
    }
}

/// PNG of the pixels with their resolution recorded, so image viewers show it at print
/// size. The constant alpha is dropped first: the compressor, most of the cost, then
/// reads a quarter less. Unfiltered rows compress best here (smaller than with the Up
/// filter, in the same time), since the drawing is mostly flat colour.
fn encode(pixmap: &Pixmap, dpi: f32) -> Result<Vec<u8>, RasterError> {
    let mut out = Vec::new();
    let err = |e: png::EncodingError| RasterError::Image(e.to_string());
    {
        let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Default);
        encoder.set_filter(png::FilterType::NoFilter);
        let per_metre = (dpi / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(png::PixelDimensions {
            xppu: per_metre,
            yppu: per_metre,
            unit: png::Unit::Meter,
        }));
        let mut writer = encoder.write_header().map_err(err)?;
        let mut rgb = Vec::with_capacity(pixmap.data().len() / 4 * 3);
        for px in pixmap.data().chunks_exact(4) {
            rgb.extend_from_slice(&px[..3]);
        }
        writer.write_image_data(&rgb).map_err(err)?;
        writer.finish().map_err(err)?;
    }
    Ok(out)
}
