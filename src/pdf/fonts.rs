//! The three embedded faces, parsed once and shared by every document.

use printpdf::ParsedFont;

use super::PdfError;
use crate::style::PdfFace;

static SERIF_REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSerifSC-Regular.otf");
static SERIF_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSerifSC-Bold.otf");
static SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Bold.otf");

/// The file of an embedded face: the diagram module measures and rasterizes labels from
/// the same outlines and advances the PDF embeds, so text fits its boxes in both formats.
pub(crate) fn embedded_bytes(face: PdfFace) -> &'static [u8] {
    match face {
        PdfFace::SerifRegular => SERIF_REGULAR,
        PdfFace::SerifBold => SERIF_BOLD,
        PdfFace::SansBold => SANS_BOLD,
    }
}

/// Portion of the em box above the baseline for the CJK ideographic em box (Noto CJK
/// puts the ideographic em box from -0.12 em to 0.88 em). Used to centre text in a line.
pub(crate) const EM_BOX_ASCENT: f32 = 0.88;

/// One parsed face plus the metrics the layout needs.
pub(crate) struct Face {
    pub(crate) font: ParsedFont,
    /// PostScript-ish name used in error messages and to derive the subset tag.
    pub(crate) name: &'static str,
    units_per_em: f32,
}

impl Face {
    fn parse(name: &'static str, bytes: &[u8]) -> Result<Face, PdfError> {
        let mut warnings = Vec::new();
        let font = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or_else(|| PdfError::Font(format!("cannot parse the embedded font {name}")))?;
        let units_per_em = f32::from(font.font_metrics.units_per_em);
        if units_per_em <= 0.0 {
            return Err(PdfError::Font(format!("{name}: units per em is zero")));
        }
        if font.lookup_glyph_index(u32::from('中')).is_none() {
            return Err(PdfError::Font(format!(
                "{name}: no CJK glyphs (wrong font file?)"
            )));
        }
        Ok(Face {
            font,
            name,
            units_per_em,
        })
    }

    /// Glyph id for a character, `None` when the face lacks it.
    pub(crate) fn glyph(&self, ch: char) -> Option<u16> {
        self.font
            .lookup_glyph_index(u32::from(ch))
            .filter(|&gid| gid != 0)
    }

    /// Advance of a glyph in ems, truncated to thousandths exactly as the PDF's /W
    /// widths are, so positions computed here match what viewers draw.
    pub(crate) fn advance_em(&self, gid: u16) -> f32 {
        let raw = f32::from(self.font.get_horizontal_advance(gid));
        (raw * 1000.0 / self.units_per_em).trunc() / 1000.0
    }
}

/// The three faces the style sheet can ask for, parsed once; share `&PdfFonts` freely
/// (also across threads) because parsing ~7 MB of CJK fonts per document would dominate
/// the run time.
pub struct PdfFonts {
    pub(crate) serif_regular: Face,
    pub(crate) serif_bold: Face,
    pub(crate) sans_bold: Face,
}

impl std::fmt::Debug for PdfFonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfFonts")
            .field("serif_regular", &self.serif_regular.name)
            .field("serif_bold", &self.serif_bold.name)
            .field("sans_bold", &self.sans_bold.name)
            .finish()
    }
}

impl PdfFonts {
    /// Parses the fonts compiled into the binary.
    pub fn load_embedded() -> Result<PdfFonts, PdfError> {
        Ok(PdfFonts {
            serif_regular: Face::parse("NotoSerifSC-Regular", SERIF_REGULAR)?,
            serif_bold: Face::parse("NotoSerifSC-Bold", SERIF_BOLD)?,
            sans_bold: Face::parse("NotoSansSC-Bold", SANS_BOLD)?,
        })
    }

    pub(crate) fn face(&self, face: PdfFace) -> &Face {
        match face {
            PdfFace::SerifRegular => &self.serif_regular,
            PdfFace::SerifBold => &self.serif_bold,
            PdfFace::SansBold => &self.sans_bold,
        }
    }
}

/// `PdfFonts` is documented as shareable across threads; keep that true at compile time.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<PdfFonts>();
};
