//! Text measurement for diagram labels, from the fonts the PDF embeds.
//!
//! ttf-parser reads the same font files as the PDF writer, so a label measured here has
//! exactly the advance the PDF viewer gives it, and the rasterizer draws the same outlines.
//! Parsing with ttf-parser only reads table offsets, so it costs nothing noticeable.

use std::sync::OnceLock;

use ttf_parser::Face;

use super::scene::{Color, Label, PlacedGlyph};
use super::DiagramError;
use crate::pdf::linebreak::{self, Break};
use crate::style::PdfFace;

/// The three embedded faces, parsed once per process.
pub(crate) struct Fonts {
    faces: [Face<'static>; 3],
}

fn index(face: PdfFace) -> usize {
    match face {
        PdfFace::SerifRegular => 0,
        PdfFace::SerifBold => 1,
        PdfFace::SansBold => 2,
    }
}

impl Fonts {
    /// The parsed faces; an error only if the binary's own font files are broken.
    pub(crate) fn get() -> Result<&'static Fonts, DiagramError> {
        static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                let parse = |face: PdfFace| {
                    Face::parse(crate::pdf::fonts_embedded_bytes(face), 0)
                        .map_err(|e| format!("cannot parse the embedded font {face:?}: {e}"))
                };
                Ok(Fonts {
                    faces: [
                        parse(PdfFace::SerifRegular)?,
                        parse(PdfFace::SerifBold)?,
                        parse(PdfFace::SansBold)?,
                    ],
                })
            })
            .as_ref()
            .map_err(|e| DiagramError::Font(e.clone()))
    }

    pub(crate) fn face(&self, face: PdfFace) -> &Face<'static> {
        &self.faces[index(face)]
    }

    /// Glyph id and advance (in points at `size`) of each character; `MissingGlyph` names
    /// a character the fonts cannot print, as the PDF writer does.
    fn shape(
        &self,
        text: &str,
        face: PdfFace,
        size: f32,
    ) -> Result<Vec<(char, u16, f32)>, DiagramError> {
        let f = self.face(face);
        let upem = f32::from(f.units_per_em().max(1));
        text.chars()
            .filter(|c| !c.is_control())
            .map(|ch| {
                let gid = f.glyph_index(ch).filter(|g| g.0 != 0).ok_or_else(|| {
                    DiagramError::MissingGlyph {
                        ch,
                        context: text.to_string(),
                    }
                })?;
                let advance = f32::from(f.glyph_hor_advance(gid).unwrap_or(0));
                // Thousandths of an em, truncated, exactly as the PDF's /W widths.
                let em = (advance * 1000.0 / upem).trunc() / 1000.0;
                Ok((ch, gid.0, em * size))
            })
            .collect()
    }

    /// Advance width of `text` in points.
    pub(crate) fn width(&self, text: &str, face: PdfFace, size: f32) -> Result<f32, DiagramError> {
        Ok(self.shape(text, face, size)?.iter().map(|g| g.2).sum())
    }

    /// A label whose baseline starts at (`x`, `y`).
    pub(crate) fn label(
        &self,
        text: &str,
        face: PdfFace,
        size: f32,
        color: Color,
        x: f32,
        y: f32,
    ) -> Result<Label, DiagramError> {
        let mut glyphs = Vec::new();
        let mut pen = 0.0;
        for (ch, gid, advance) in self.shape(text, face, size)? {
            if ch != ' ' {
                glyphs.push(PlacedGlyph { ch, gid, x: pen });
            }
            pen += advance;
        }
        Ok(Label {
            text: text.to_string(),
            x,
            y,
            size,
            face,
            color,
            width: pen,
            glyphs,
        })
    }

    /// Breaks `text` into lines no wider than `max_width`, with the Chinese line-breaking
    /// rules of the PDF writer (IP addresses and Latin words stay whole where they fit).
    pub(crate) fn wrap(
        &self,
        text: &str,
        face: PdfFace,
        size: f32,
        max_width: f32,
    ) -> Result<Vec<String>, DiagramError> {
        let shaped = self.shape(text, face, size)?;
        let chars: Vec<char> = shaped.iter().map(|g| g.0).collect();
        let widths: Vec<f32> = shaped.iter().map(|g| g.2).collect();
        if widths.iter().sum::<f32>() <= max_width {
            return Ok(vec![text.trim().to_string()]);
        }
        let mut breaks = linebreak::break_opportunities(&chars);
        // Labels may also break after the separators we put between items.
        for (i, pair) in chars.windows(2).enumerate() {
            if matches!(pair[0], '、' | '，' | '/' | '·') && breaks[i + 1] == Break::Never {
                breaks[i + 1] = Break::Allowed;
            }
        }
        // Two lines split where a reader would: before a bracketed remark or at a space
        // between words (`主机安全` / `（入侵检测与防病毒）`, `Web` / `应用防火墙`), never
        // before a count (`×2`); the most even such split whose halves both fit wins.
        let mut best: Option<(f32, usize)> = None;
        for at in 1..chars.len() {
            let natural = matches!(chars[at], '（' | '(')
                || (chars[at - 1] == ' ' && chars[at] != '×' && chars[at] != ' ');
            if !natural {
                continue;
            }
            let head: f32 = widths[..at].iter().sum();
            let tail: f32 = widths[at..].iter().sum();
            if head <= max_width
                && tail <= max_width
                && best.is_none_or(|(w, _)| head.max(tail) < w)
            {
                best = Some((head.max(tail), at));
            }
        }
        if let Some((_, at)) = best {
            return Ok(vec![
                chars[..at].iter().collect::<String>().trim().to_string(),
                chars[at..].iter().collect::<String>().trim().to_string(),
            ]);
        }
        let fit = |w: f32| linebreak::fit_lines(&chars, &widths, &breaks, |_| w);
        let count = fit(max_width).len();
        // Balance the lines: the narrowest width that still needs no more lines, so a
        // label wraps as two even lines rather than a full one and a stray character.
        let (mut lo, mut hi) = (max_width / count.max(1) as f32, max_width);
        for _ in 0..16 {
            let mid = (lo + hi) / 2.0;
            if fit(mid).len() <= count {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Ok(fit(hi)
            .iter()
            .map(|l| chars[l.start..l.end].iter().collect::<String>())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect())
    }
}
