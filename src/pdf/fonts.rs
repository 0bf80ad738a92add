//! The three embedded faces, parsed once and shared by every document.
//!
//! ttf-parser reads the font files in place (it only records where the tables are), so
//! loading is cheap; what the writer asks for on every character (glyph id, advance) is
//! put into flat tables here once, because a document measures tens of thousands of
//! characters and a cmap binary search per character would show in the run time.

use super::cff::Cff;
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

/// What the PDF font descriptor says about a face, in thousandths of an em.
#[derive(Debug, Clone)]
pub(crate) struct Metrics {
    pub ascent: i32,
    pub descent: i32,
    pub cap_height: i32,
    pub bbox: [i32; 4],
    pub stem_v: i32,
    pub italic_angle: f32,
}

/// One parsed face plus the metrics the layout needs.
pub(crate) struct Face {
    /// Short name used in error messages and to derive the subset tag.
    pub(crate) name: &'static str,
    /// PostScript name from the font's name table (the PDF's `/BaseFont`).
    pub(crate) postscript_name: String,
    pub(crate) cff: Cff,
    pub(crate) metrics: Metrics,
    /// Glyph id of each BMP character (0: none).
    bmp: Box<[u16]>,
    /// Glyph ids of characters beyond the BMP, sorted.
    astral: Vec<(char, u16)>,
    /// Advance of each glyph in thousandths of an em, truncated as the PDF's `/W` is.
    advances: Vec<u16>,
}

impl Face {
    fn parse(name: &'static str, bytes: &'static [u8]) -> Result<Face, PdfError> {
        let face = ttf_parser::Face::parse(bytes, 0)
            .map_err(|e| PdfError::Font(format!("cannot parse the embedded font {name}: {e}")))?;
        let upem = i32::from(face.units_per_em());
        if upem <= 0 {
            return Err(PdfError::Font(format!("{name}: units per em is zero")));
        }
        let thousandths = |v: i32| v * 1000 / upem;
        let table = face
            .raw_face()
            .table(ttf_parser::Tag::from_bytes(b"CFF "))
            .ok_or_else(|| PdfError::Font(format!("{name}: no CFF outlines")))?;
        let cff = Cff::parse(table).map_err(|e| PdfError::Font(format!("{name}: {e}")))?;

        let mut bmp = vec![0u16; 0x1_0000].into_boxed_slice();
        let mut astral = Vec::new();
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|cp| {
                    let Some(gid) = sub.glyph_index(cp).map(|g| g.0).filter(|&g| g != 0) else {
                        return;
                    };
                    match (usize::try_from(cp), char::from_u32(cp)) {
                        // The first subtable to map a character wins, as in ttf-parser.
                        (Ok(i), _) if i < bmp.len() && bmp[i] == 0 => bmp[i] = gid,
                        (Ok(i), _) if i < bmp.len() => {}
                        (_, Some(ch)) => astral.push((ch, gid)),
                        _ => {}
                    }
                });
            }
        }
        astral.sort_unstable();
        astral.dedup_by_key(|(ch, _)| *ch);
        if bmp[usize::from(b'A')] == 0 || bmp['中' as usize] == 0 {
            return Err(PdfError::Font(format!(
                "{name}: no Latin or CJK glyphs (wrong font file?)"
            )));
        }

        let glyphs = face.number_of_glyphs();
        if usize::from(glyphs) != cff.glyph_count() {
            return Err(PdfError::Font(format!(
                "{name}: hmtx and CFF disagree on the number of glyphs"
            )));
        }
        let advances = (0..glyphs)
            .map(|g| {
                let raw = face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0);
                u16::try_from(thousandths(i32::from(raw))).unwrap_or(0)
            })
            .collect();

        let postscript_name = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .filter(|n| !n.is_empty() && n.is_ascii())
            .unwrap_or_else(|| name.to_string());
        let bb = face.global_bounding_box();
        let weight = i32::from(face.weight().to_number());
        let metrics = Metrics {
            ascent: thousandths(i32::from(face.ascender())),
            descent: thousandths(i32::from(face.descender())),
            cap_height: thousandths(i32::from(face.capital_height().unwrap_or(700))),
            bbox: [bb.x_min, bb.y_min, bb.x_max, bb.y_max].map(|v| thousandths(i32::from(v))),
            // An estimate from the weight class (400 → 95, 700 → 168): viewers only use
            // it to imitate a face they cannot load, which never happens with embedding.
            stem_v: 10 + 220 * (weight - 50).max(0) / 900,
            italic_angle: face.italic_angle(),
        };
        Ok(Face {
            name,
            postscript_name,
            cff,
            metrics,
            bmp,
            astral,
            advances,
        })
    }

    /// Glyph id for a character, `None` when the face lacks it.
    pub(crate) fn glyph(&self, ch: char) -> Option<u16> {
        let gid = match self.bmp.get(ch as usize) {
            Some(&gid) => gid,
            None => self
                .astral
                .binary_search_by_key(&ch, |&(c, _)| c)
                .map_or(0, |i| self.astral[i].1),
        };
        (gid != 0).then_some(gid)
    }

    /// Advance of a glyph in thousandths of an em, as written to the PDF's `/W`.
    pub(crate) fn advance_units(&self, gid: u16) -> u16 {
        self.advances.get(usize::from(gid)).copied().unwrap_or(0)
    }

    /// Advance of a glyph in ems, truncated to thousandths exactly as the PDF's /W
    /// widths are, so positions computed here match what viewers draw.
    pub(crate) fn advance_em(&self, gid: u16) -> f32 {
        f32::from(self.advance_units(gid)) / 1000.0
    }
}

/// The three faces the style sheet can ask for, parsed once; share `&PdfFonts` freely
/// (also across threads): the lookup tables are built once per process, not per document.
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

/// The three faces with only their table directories read (ttf-parser reads tables
/// lazily): enough to look characters up in the cmaps.
pub(crate) fn cmaps() -> &'static [ttf_parser::Face<'static>] {
    static FACES: std::sync::OnceLock<Vec<ttf_parser::Face<'static>>> = std::sync::OnceLock::new();
    FACES.get_or_init(|| {
        [SERIF_REGULAR, SERIF_BOLD, SANS_BOLD]
            .into_iter()
            .filter_map(|bytes| ttf_parser::Face::parse(bytes, 0).ok())
            .collect()
    })
}

/// `PdfFonts` is documented as shareable across threads; keep that true at compile time.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<PdfFonts>();
};
