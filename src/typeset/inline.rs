//! Inline text: runs measured in the embedded faces, with their break opportunities and
//! the fixed gaps of Chinese–Latin spacing and punctuation compression, and a line's
//! glyphs set at given positions.

use super::flow::Typesetter;
use super::items::{Glyph, Item, TextRun};
use super::TypesetError;
use crate::document::{Align, Run};
use crate::text::linebreak::{self, Break, LineSpan, Spacing};

/// A line that would end this many ems short of its measure (because what follows cannot
/// be broken) squeezes its punctuation to take the next piece instead; a shorter shortfall
/// is spread by justification.
const LOOSE_LINE_EM: f32 = 1.0;
use crate::text::{is_invisible, FaceId, EM_BOX_ASCENT};

/// Text measured in one size, ready for line breaking.
pub(super) struct Measured {
    pub(super) chars: Vec<char>,
    pub(super) faces: Vec<FaceId>,
    /// `None` for characters that take no ink (line feeds, zero-width marks).
    pub(super) gids: Vec<Option<u16>>,
    pub(super) widths: Vec<f32>,
    /// Fixed space before each character when it shares a line with the one before
    /// (Chinese–Latin spacing, punctuation compression: `linebreak::gaps`).
    pub(super) gaps: Vec<f32>,
    /// Room each character's blank may give up when its line is squeezed
    /// (`linebreak::shrinks`).
    pub(super) shrinks: Vec<f32>,
    pub(super) breaks: Vec<Break>,
    pub(super) size: f32,
}

impl Measured {
    /// Width on one line.
    pub(super) fn width(&self) -> f32 {
        self.widths.iter().sum::<f32>() + self.gaps.iter().skip(1).sum::<f32>()
    }

    /// Width of the widest piece that cannot be broken (table minimum width).
    pub(super) fn min_content(&self) -> f32 {
        let mut best = 0.0f32;
        let mut cur = 0.0f32;
        for i in 0..self.chars.len() {
            if i > 0 && self.breaks[i] != Break::Never {
                cur = 0.0;
            } else if i > 0 {
                cur += self.gaps[i];
            }
            cur += self.widths[i];
            if !linebreak::is_space(self.chars[i]) {
                best = best.max(cur);
            }
        }
        best
    }

    /// Width of the widest forced line (table maximum width).
    pub(super) fn max_content(&self) -> f32 {
        let mut best = 0.0f32;
        let mut cur = 0.0f32;
        for i in 0..self.chars.len() {
            if i > 0 && self.breaks[i] == Break::Mandatory {
                cur = 0.0;
            } else if i > 0 {
                cur += self.gaps[i];
            }
            cur += self.widths[i];
            best = best.max(cur);
        }
        best
    }

    pub(super) fn spacing(&self) -> Spacing<'_> {
        Spacing {
            widths: &self.widths,
            gaps: &self.gaps,
            shrinks: &self.shrinks,
        }
    }

    /// The lines of `m` where line `k` is `avail(k)` wide, as `break_into_lines` sets them.
    pub(super) fn fit(&self, avail: impl Fn(usize) -> f32) -> Vec<LineSpan> {
        let loose = LOOSE_LINE_EM * self.size;
        linebreak::fit_lines_squeezing(&self.chars, &self.spacing(), &self.breaks, avail, loose)
    }

    /// Lines `m` takes in a box `width` wide.
    pub(super) fn line_count(&self, width: f32) -> usize {
        self.fit(|_| width).len()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineAlign {
    Justify,
    Left,
    Center,
    Right,
}

impl From<Align> for LineAlign {
    /// Cells are set ragged: justifying a column a few characters wide opens gaps.
    fn from(align: Align) -> LineAlign {
        match align {
            Align::Left => LineAlign::Left,
            Align::Center => LineAlign::Center,
            Align::Right => LineAlign::Right,
        }
    }
}

/// The character and some text around it, for error messages.
pub(super) fn context_around(chars: &[char], i: usize) -> String {
    const SPAN: usize = 12;
    let from = i.saturating_sub(SPAN);
    let to = (i + SPAN + 1).min(chars.len());
    let mut s = String::new();
    if from > 0 {
        s.push('…');
    }
    s.extend(
        chars[from..to]
            .iter()
            .map(|&c| if c == '\n' { ' ' } else { c }),
    );
    if to < chars.len() {
        s.push('…');
    }
    s
}

/// Baseline of a line of `size` centred in a line box of `height`.
pub(super) fn baseline_in(height: f32, size: f32) -> f32 {
    (height - size) / 2.0 + EM_BOX_ASCENT * size
}

impl Typesetter<'_> {
    pub(super) fn measure(
        &self,
        chars: Vec<char>,
        faces: Vec<FaceId>,
        size: f32,
    ) -> Result<Measured, TypesetError> {
        let mut gids = Vec::with_capacity(chars.len());
        let mut widths = Vec::with_capacity(chars.len());
        for (i, (&ch, &face)) in chars.iter().zip(&faces).enumerate() {
            if is_invisible(ch) {
                gids.push(None);
                widths.push(0.0);
                continue;
            }
            let font = self.fonts.face(face);
            match font.glyph(ch) {
                Some(gid) => {
                    gids.push(Some(gid));
                    widths.push(font.advance_em(gid) * size);
                }
                None => {
                    return Err(TypesetError::MissingGlyph {
                        ch,
                        context: context_around(&chars, i),
                    })
                }
            }
        }
        let breaks = linebreak::break_opportunities(&chars);
        let gaps = linebreak::gaps(&chars, size);
        let shrinks = linebreak::shrinks(&chars, &gaps, size);
        Ok(Measured {
            chars,
            faces,
            gids,
            widths,
            gaps,
            shrinks,
            breaks,
            size,
        })
    }

    pub(super) fn measure_runs(
        &self,
        runs: &[Run],
        base: FaceId,
        size: f32,
    ) -> Result<Measured, TypesetError> {
        let mut chars = Vec::new();
        let mut faces = Vec::new();
        for run in runs {
            // Italic has no face of its own in Chinese type: it stays upright.
            let face = if run.bold { base.bold() } else { base };
            for ch in run.text.chars() {
                let ch = if ch == '\t' { ' ' } else { ch };
                chars.push(ch);
                faces.push(face);
            }
        }
        self.measure(chars, faces, size)
    }

    pub(super) fn measure_str(
        &self,
        text: &str,
        face: FaceId,
        size: f32,
    ) -> Result<Measured, TypesetError> {
        let chars: Vec<char> = text
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        let faces = vec![face; chars.len()];
        self.measure(chars, faces, size)
    }

    /// Glyph runs of characters `span` placed at `xs` (relative to `x0`) on baseline `y`.
    pub(super) fn set_span(
        m: &Measured,
        span: &LineSpan,
        xs: &[f32],
        x0: f32,
        y: f32,
    ) -> Vec<Item> {
        let mut items = Vec::new();
        let mut run: Option<TextRun> = None;
        for (k, i) in (span.start..span.end).enumerate() {
            let Some(gid) = m.gids[i] else { continue };
            let x = x0 + xs[k];
            let face = m.faces[i];
            match run.as_mut() {
                Some(r) if r.face == face => r.glyphs.push(Glyph {
                    gid,
                    ch: m.chars[i],
                    x: x - r.x,
                }),
                _ => {
                    if let Some(done) = run.take() {
                        items.push(Item::Text(done));
                    }
                    run = Some(TextRun {
                        face,
                        size: m.size,
                        x,
                        y,
                        glyphs: vec![Glyph {
                            gid,
                            ch: m.chars[i],
                            x: 0.0,
                        }],
                        color: None,
                    });
                }
            }
        }
        items.extend(run.map(Item::Text));
        items
    }
}

/// All of `m` on one line starting at `x`, baseline `y`, no breaking.
pub(super) fn single_line(m: &Measured, x: f32, y: f32) -> Vec<Item> {
    let span = LineSpan {
        start: 0,
        end: m.chars.len(),
        width: m.width(),
        last: true,
    };
    let xs = linebreak::positions(&m.chars, &m.widths, &m.gaps, &span, span.width, false, 0.0);
    Typesetter::set_span(m, &span, &xs, x, y)
}
