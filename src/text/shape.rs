//! Measuring a string in one face and size: the glyph and advance of each character, with
//! the advances of the fonts' `/W` widths, so whatever is measured here is drawn exactly as
//! wide by a PDF viewer and by the rasterizer.

use super::fonts::{FaceId, Fonts};
use super::TextError;

/// One character as set: its glyph and its advance in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shaped {
    pub ch: char,
    pub gid: u16,
    pub advance: f32,
}

/// Every character of `text` but control characters, shaped in `face` at `size` points;
/// `MissingGlyph` names a character the fonts cannot print, with `text` as its context.
pub fn shape(fonts: &Fonts, text: &str, face: FaceId, size: f32) -> Result<Vec<Shaped>, TextError> {
    let f = fonts.face(face);
    text.chars()
        .filter(|c| !c.is_control())
        .map(|ch| {
            let gid = f.glyph(ch).ok_or_else(|| TextError::MissingGlyph {
                ch,
                context: text.to_string(),
            })?;
            Ok(Shaped {
                ch,
                gid,
                advance: f.advance_em(gid) * size,
            })
        })
        .collect()
}

/// Advance width of `text` on one line, in points.
#[cfg(test)]
pub fn width(fonts: &Fonts, text: &str, face: FaceId, size: f32) -> Result<f32, TextError> {
    Ok(shape(fonts, text, face, size)?
        .iter()
        .map(|g| g.advance)
        .sum())
}
