//! The three embedded faces, parsed once per process and shared by everything that
//! measures, draws or embeds text.
//!
//! ttf-parser reads the font files in place (it only records where the tables are), so
//! parsing is cheap. What the typesetter asks on every character (glyph id, advance) is
//! looked up in the cmap the first time and remembered in a flat table, because a document
//! measures tens of thousands of characters, while enumerating every cmap entry up front
//! would cost more than a whole short document.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

use super::TextError;

static SERIF_REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSerifSC-Regular.otf");
static SERIF_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSerifSC-Bold.otf");
static SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Bold.otf");

/// One of the embedded faces. The style sheet names them; the DOCX names word-processor
/// fonts instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaceId {
    SerifRegular,
    SerifBold,
    SansBold,
}

impl FaceId {
    /// Every face, in the order of [`FaceId::index`].
    pub const ALL: [FaceId; 3] = [FaceId::SerifRegular, FaceId::SerifBold, FaceId::SansBold];

    /// Position in [`FaceId::ALL`], for tables indexed by face.
    pub const fn index(self) -> usize {
        match self {
            FaceId::SerifRegular => 0,
            FaceId::SerifBold => 1,
            FaceId::SansBold => 2,
        }
    }

    /// The bold face of the same family (Chinese type has no italic: it stays upright).
    pub const fn bold(self) -> FaceId {
        match self {
            FaceId::SerifRegular => FaceId::SerifBold,
            other => other,
        }
    }

    const fn file(self) -> (&'static str, &'static [u8]) {
        match self {
            FaceId::SerifRegular => ("NotoSerifSC-Regular", SERIF_REGULAR),
            FaceId::SerifBold => ("NotoSerifSC-Bold", SERIF_BOLD),
            FaceId::SansBold => ("NotoSansSC-Bold", SANS_BOLD),
        }
    }
}

/// Portion of the em box above the baseline for the CJK ideographic em box (Noto CJK
/// puts the ideographic em box from -0.12 em to 0.88 em). Used to centre text in a line.
pub const EM_BOX_ASCENT: f32 = 0.88;

/// What a PDF font descriptor says about a face, in thousandths of an em.
#[derive(Debug, Clone)]
pub struct Metrics {
    pub ascent: i32,
    pub descent: i32,
    pub cap_height: i32,
    pub bbox: [i32; 4],
    pub stem_v: i32,
    pub italic_angle: f32,
}

/// Glyph ids already looked up for the BMP: 0 = not yet, otherwise `gid + 1` (so a
/// character the face lacks is remembered as 1).
const BMP: usize = 0x1_0000;

/// One parsed face.
pub struct Face {
    /// Short name used in error messages and to derive subset tags.
    pub name: &'static str,
    /// PostScript name from the font's name table (a PDF's `/BaseFont`).
    pub postscript_name: String,
    pub metrics: Metrics,
    parsed: ttf_parser::Face<'static>,
    units_per_em: u16,
    bmp: Box<[AtomicU32]>,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face").field("name", &self.name).finish()
    }
}

impl Face {
    fn parse(id: FaceId) -> Result<Face, TextError> {
        let (name, bytes) = id.file();
        let parsed = ttf_parser::Face::parse(bytes, 0)
            .map_err(|e| TextError::Font(format!("cannot parse the embedded font {name}: {e}")))?;
        let units_per_em = parsed.units_per_em();
        if units_per_em == 0 {
            return Err(TextError::Font(format!("{name}: units per em is zero")));
        }
        let upem = i32::from(units_per_em);
        let thousandths = |v: i32| v * 1000 / upem;
        let postscript_name = parsed
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .filter(|n| !n.is_empty() && n.is_ascii())
            .unwrap_or_else(|| name.to_string());
        let bb = parsed.global_bounding_box();
        let weight = i32::from(parsed.weight().to_number());
        let metrics = Metrics {
            ascent: thousandths(i32::from(parsed.ascender())),
            descent: thousandths(i32::from(parsed.descender())),
            cap_height: thousandths(i32::from(parsed.capital_height().unwrap_or(700))),
            bbox: [bb.x_min, bb.y_min, bb.x_max, bb.y_max].map(|v| thousandths(i32::from(v))),
            // An estimate from the weight class (400 → 95, 700 → 168): viewers only use
            // it to imitate a face they cannot load, which never happens with embedding.
            stem_v: 10 + 220 * (weight - 50).max(0) / 900,
            italic_angle: parsed.italic_angle(),
        };
        let face = Face {
            name,
            postscript_name,
            metrics,
            parsed,
            units_per_em,
            bmp: (0..BMP).map(|_| AtomicU32::new(0)).collect(),
        };
        if face.glyph('A').is_none() || face.glyph('中').is_none() {
            return Err(TextError::Font(format!(
                "{name}: no Latin or CJK glyphs (wrong font file?)"
            )));
        }
        Ok(face)
    }

    /// Glyph id for a character, `None` when the face lacks it.
    pub fn glyph(&self, ch: char) -> Option<u16> {
        let Some(slot) = self.bmp.get(ch as usize) else {
            return self.lookup(ch);
        };
        match slot.load(Ordering::Relaxed) {
            0 => {
                let gid = self.lookup(ch);
                slot.store(gid.map_or(1, |g| u32::from(g) + 1), Ordering::Relaxed);
                gid
            }
            1 => None,
            // Stored as gid + 1 from a u16, so it fits.
            known => u16::try_from(known - 1).ok(),
        }
    }

    /// The first Unicode subtable that maps `ch` decides, as in ttf-parser.
    fn lookup(&self, ch: char) -> Option<u16> {
        self.parsed.glyph_index(ch).map(|g| g.0).filter(|&g| g != 0)
    }

    /// Advance of a glyph in thousandths of an em, truncated as a PDF's `/W` is.
    pub fn advance_units(&self, gid: u16) -> u16 {
        let raw = self
            .parsed
            .glyph_hor_advance(ttf_parser::GlyphId(gid))
            .unwrap_or(0);
        let units = u32::from(raw) * 1000 / u32::from(self.units_per_em);
        u16::try_from(units).unwrap_or(0)
    }

    /// Advance of a glyph in ems, truncated to thousandths exactly as a PDF's `/W`
    /// widths are, so positions computed here match what viewers draw.
    pub fn advance_em(&self, gid: u16) -> f32 {
        f32::from(self.advance_units(gid)) / 1000.0
    }

    /// Font units per em (outlines are in these units).
    pub fn units_per_em(&self) -> u16 {
        self.units_per_em
    }

    /// Number of glyphs in the face.
    pub fn glyph_count(&self) -> u16 {
        self.parsed.number_of_glyphs()
    }

    /// A table of the font file, e.g. `CFF ` for a PDF writer to subset.
    pub fn table(&self, tag: &[u8; 4]) -> Option<&'static [u8]> {
        self.parsed
            .raw_face()
            .table(ttf_parser::Tag::from_bytes(tag))
    }

    /// Draws the outline of a glyph into `builder` (font units, y up); `None` for a
    /// blank glyph.
    pub fn outline(
        &self,
        gid: u16,
        builder: &mut dyn ttf_parser::OutlineBuilder,
    ) -> Option<ttf_parser::Rect> {
        self.parsed.outline_glyph(ttf_parser::GlyphId(gid), builder)
    }
}

/// The three embedded faces; share `&Fonts` freely (also across threads).
pub struct Fonts {
    faces: [Face; 3],
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.faces.iter().map(|face| face.name))
            .finish()
    }
}

impl Fonts {
    /// The fonts compiled into the binary, parsed on first use; an error only if the
    /// binary's own font files are broken.
    pub fn embedded() -> Result<&'static Fonts, TextError> {
        static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                let parse = |id| Face::parse(id).map_err(|e| e.to_string());
                Ok(Fonts {
                    faces: [
                        parse(FaceId::SerifRegular)?,
                        parse(FaceId::SerifBold)?,
                        parse(FaceId::SansBold)?,
                    ],
                })
            })
            .as_ref()
            .map_err(|message| TextError::Font(message.clone()))
    }

    pub fn face(&self, id: FaceId) -> &Face {
        &self.faces[id.index()]
    }
}

/// `Fonts` is documented as shareable across threads; keep that true at compile time.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Fonts>();
};
