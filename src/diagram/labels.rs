//! Diagram labels: text measured, placed and wrapped with the embedded fonts, so a label
//! fits its box in the PDF (real text) and in the PNG (the same outlines) alike.

use super::DiagramError;
use crate::graphics::{Color, GlyphRun, PlacedGlyph};
use crate::text::linebreak::{self, Break};
use crate::text::{self, FaceId, Fonts};

/// Sets labels in the embedded faces.
pub(crate) struct Labels {
    fonts: &'static Fonts,
}

impl Labels {
    /// An error only if the binary's own font files are broken.
    pub(crate) fn new() -> Result<Labels, DiagramError> {
        Ok(Labels {
            fonts: Fonts::embedded()?,
        })
    }

    /// Glyph id and advance (in points at `size`) of each character; `MissingGlyph` names
    /// a character the fonts cannot print.
    fn shape(
        &self,
        text: &str,
        face: FaceId,
        size: f32,
    ) -> Result<Vec<(char, u16, f32)>, DiagramError> {
        Ok(text::shape(self.fonts, text, face, size)?
            .into_iter()
            .map(|g| (g.ch, g.gid, g.advance))
            .collect())
    }

    /// Advance width of `text` in points.
    pub(crate) fn width(&self, text: &str, face: FaceId, size: f32) -> Result<f32, DiagramError> {
        Ok(self.shape(text, face, size)?.iter().map(|g| g.2).sum())
    }

    /// A label whose baseline starts at (`x`, `y`).
    pub(crate) fn label(
        &self,
        text: &str,
        face: FaceId,
        size: f32,
        color: Color,
        x: f32,
        y: f32,
    ) -> Result<GlyphRun, DiagramError> {
        let mut glyphs = Vec::new();
        let mut pen = 0.0;
        for (ch, gid, advance) in self.shape(text, face, size)? {
            if ch != ' ' {
                glyphs.push(PlacedGlyph { ch, gid, x: pen });
            }
            pen += advance;
        }
        Ok(GlyphRun {
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
        face: FaceId,
        size: f32,
        max_width: f32,
    ) -> Result<Vec<String>, DiagramError> {
        let shaped = self.shape(text, face, size)?;
        let chars: Vec<char> = shaped.iter().map(|g| g.0).collect();
        let widths: Vec<f32> = shaped.iter().map(|g| g.2).collect();
        Ok(break_lines(text, &chars, &widths, max_width))
    }

    /// [`Labels::wrap`] for a box that a Latin word (a model name such as `FusionServer`)
    /// is wider than: the label is set smaller, down to `min_scale` of `size`, rather than
    /// the word cut in the middle (「FusionServ⏎er」). Returns the scale and the lines.
    pub(crate) fn wrap_shrinking(
        &self,
        text: &str,
        face: FaceId,
        size: f32,
        max_width: f32,
        min_scale: f32,
    ) -> Result<(f32, Vec<String>), DiagramError> {
        let shaped = self.shape(text, face, size)?;
        let chars: Vec<char> = shaped.iter().map(|g| g.0).collect();
        let mut widths: Vec<f32> = shaped.iter().map(|g| g.2).collect();
        let widest = widest_latin_word(&chars, &widths);
        let scale = if widest > max_width {
            (max_width / widest).max(min_scale)
        } else {
            1.0
        };
        // Advances scale with the size.
        widths.iter_mut().for_each(|w| *w *= scale);
        Ok((scale, break_lines(text, &chars, &widths, max_width)))
    }
}

/// Lines of `text` (its `chars` with their advances `widths`) no wider than `max_width`.
fn break_lines(text: &str, chars: &[char], widths: &[f32], max_width: f32) -> Vec<String> {
    if widths.iter().sum::<f32>() <= max_width {
        return vec![text.trim().to_string()];
    }
    let mut breaks = linebreak::break_opportunities(chars);
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
        if head <= max_width && tail <= max_width && best.is_none_or(|(w, _)| head.max(tail) < w) {
            best = Some((head.max(tail), at));
        }
    }
    if let Some((_, at)) = best {
        return vec![
            chars[..at].iter().collect::<String>().trim().to_string(),
            chars[at..].iter().collect::<String>().trim().to_string(),
        ];
    }
    let fit = |w: f32| linebreak::fit_lines(chars, widths, &breaks, |_| w);
    let count = fit(max_width).len();
    // Balance the lines: the narrowest width that still needs no more lines, so a
    // label wraps as two even lines rather than a full one and a stray character; but
    // never narrower than its widest Latin word, which would then be cut in two.
    let widest_word = widest_latin_word(chars, widths).min(max_width);
    let (mut lo, mut hi) = (
        (max_width / count.max(1) as f32).max(widest_word),
        max_width,
    );
    for _ in 0..16 {
        let mid = (lo + hi) / 2.0;
        if fit(mid).len() <= count {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    fit(hi)
        .iter()
        .map(|l| chars[l.start..l.end].iter().collect::<String>())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The width of the widest run of printable ASCII (a word, a model name, an address).
fn widest_latin_word(chars: &[char], widths: &[f32]) -> f32 {
    let mut widest = 0.0f32;
    let mut current = 0.0f32;
    for (c, w) in chars.iter().zip(widths) {
        if c.is_ascii_graphic() {
            current += w;
            widest = widest.max(current);
        } else {
            current = 0.0;
        }
    }
    widest
}
