//! The one style sheet both writers read: page, fonts, sizes and spacing.
//!
//! Sizes follow the Chinese 字号 convention in points (二号 22, 小二 18, 三号 16, 四号 14,
//! 小四 12, 五号 10.5). `formal` follows GB/T 9704-2012; `compact` is a denser business layout.

use serde::{Deserialize, Serialize};

pub use crate::text::FaceId;

/// One kind of text: the fonts a word processor should use, the face the PDF embeds, its size.
#[derive(Debug, Clone, PartialEq)]
pub struct TextStyle {
    /// East Asian font name for DOCX, e.g. `仿宋`.
    pub docx_east_asia: &'static str,
    /// Latin font name for DOCX, e.g. `Times New Roman`.
    pub docx_latin: &'static str,
    pub docx_bold: bool,
    pub face: FaceId,
    /// Size in points.
    pub size_pt: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageNumberStyle {
    /// `— 3 —` (GB/T 9704)
    #[default]
    Dashes,
    /// `第 3 页 共 12 页`
    OfTotal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StyleSheet {
    pub name: &'static str,
    /// Page size in millimetres (A4).
    pub page_width_mm: f32,
    pub page_height_mm: f32,
    pub margin_top_mm: f32,
    pub margin_bottom_mm: f32,
    pub margin_left_mm: f32,
    pub margin_right_mm: f32,
    pub title: TextStyle,
    /// Cover lines (subtitle, company, authority, date).
    pub cover: TextStyle,
    /// Headings of levels 1 to 4.
    pub headings: [TextStyle; 4],
    pub body: TextStyle,
    pub table: TextStyle,
    pub header_footer: TextStyle,
    /// Stroke width of the rule under the running header, in points.
    pub header_rule_pt: f32,
    /// Distance between baselines of body lines, in points.
    pub body_line_pitch_pt: f32,
    /// Line pitch inside table cells, in points.
    pub table_line_pitch_pt: f32,
    /// First-line indent of body paragraphs, in characters of the body size.
    pub first_line_indent_chars: f32,
    pub page_numbers: PageNumberStyle,
    /// Printed on both sides (GB/T 9704-2012): page numbers on the outer edge, one
    /// character in — right on odd pages, left on even ones; otherwise centred.
    pub two_sided: bool,
}

/// Which built-in style sheet to use (`--style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StyleName {
    #[default]
    Formal,
    /// `formal` printed on both sides.
    FormalTwoSided,
    Compact,
}

const SONG: &str = "宋体";
const FANGSONG: &str = "仿宋";
const HEITI: &str = "黑体";
const KAITI: &str = "楷体";
const LATIN: &str = "Times New Roman";

fn text(docx_east_asia: &'static str, docx_bold: bool, face: FaceId, size_pt: f32) -> TextStyle {
    TextStyle {
        docx_east_asia,
        docx_latin: LATIN,
        docx_bold,
        face,
        size_pt,
    }
}

impl StyleSheet {
    pub fn get(name: StyleName) -> StyleSheet {
        match name {
            StyleName::Formal => StyleSheet::formal(),
            StyleName::FormalTwoSided => StyleSheet {
                name: "formal-two-sided",
                two_sided: true,
                ..StyleSheet::formal()
            },
            StyleName::Compact => StyleSheet::compact(),
        }
    }

    /// How a contents entry of heading `level` (1 = 一、) is set: the first level in the
    /// first heading's face, the others as body text, all at the body size. Both writers
    /// read it, so the DOCX's contents look as the PDF's.
    pub fn contents_entry(&self, level: u8) -> TextStyle {
        let face = if level <= 1 {
            &self.headings[0]
        } else {
            &self.body
        };
        TextStyle {
            size_pt: self.body.size_pt,
            ..face.clone()
        }
    }

    /// The cover's title: the body title's face one size step up (二号 → 一号).
    pub fn cover_title(&self) -> TextStyle {
        TextStyle {
            size_pt: self.title.size_pt + 4.0,
            ..self.title.clone()
        }
    }

    /// GB/T 9704-2012: 三号仿宋 body on a 28 pt grid, 37/35/28/26 mm margins.
    pub fn formal() -> StyleSheet {
        StyleSheet {
            name: "formal",
            page_width_mm: 210.0,
            page_height_mm: 297.0,
            margin_top_mm: 37.0,
            margin_bottom_mm: 35.0,
            margin_left_mm: 28.0,
            margin_right_mm: 26.0,
            title: text(SONG, true, FaceId::SerifBold, 22.0),
            cover: text(FANGSONG, false, FaceId::SerifRegular, 16.0),
            headings: [
                text(HEITI, false, FaceId::SansBold, 16.0),
                text(KAITI, false, FaceId::SerifBold, 16.0),
                text(FANGSONG, true, FaceId::SerifBold, 16.0),
                text(FANGSONG, true, FaceId::SerifBold, 16.0),
            ],
            body: text(FANGSONG, false, FaceId::SerifRegular, 16.0),
            table: text(SONG, false, FaceId::SerifRegular, 14.0),
            header_footer: text(SONG, false, FaceId::SerifRegular, 14.0),
            body_line_pitch_pt: 28.0,
            table_line_pitch_pt: 20.0,
            first_line_indent_chars: 2.0,
            page_numbers: PageNumberStyle::Dashes,
            two_sided: false,
            header_rule_pt: 0.5,
        }
    }

    /// A denser business layout: 小四宋体 body, 1.5 lines, 25.4/31.8 mm margins.
    pub fn compact() -> StyleSheet {
        StyleSheet {
            name: "compact",
            page_width_mm: 210.0,
            page_height_mm: 297.0,
            margin_top_mm: 25.4,
            margin_bottom_mm: 25.4,
            margin_left_mm: 31.8,
            margin_right_mm: 31.8,
            title: text(SONG, true, FaceId::SerifBold, 18.0),
            cover: text(SONG, false, FaceId::SerifRegular, 14.0),
            headings: [
                text(HEITI, false, FaceId::SansBold, 14.0),
                text(KAITI, true, FaceId::SerifBold, 12.0),
                text(SONG, true, FaceId::SerifBold, 12.0),
                text(SONG, true, FaceId::SerifBold, 12.0),
            ],
            body: text(SONG, false, FaceId::SerifRegular, 12.0),
            table: text(SONG, false, FaceId::SerifRegular, 10.5),
            header_footer: text(SONG, false, FaceId::SerifRegular, 10.5),
            body_line_pitch_pt: 18.0,
            table_line_pitch_pt: 14.0,
            first_line_indent_chars: 2.0,
            page_numbers: PageNumberStyle::OfTotal,
            two_sided: false,
            header_rule_pt: 0.5,
        }
    }

    /// First-line indent in points (two characters of the body size).
    pub fn first_line_indent_pt(&self) -> f32 {
        self.first_line_indent_chars * self.body.size_pt
    }

    /// Width of the text block in points.
    pub fn text_width_pt(&self) -> f32 {
        mm_to_pt(self.page_width_mm - self.margin_left_mm - self.margin_right_mm)
    }
}

pub fn mm_to_pt(mm: f32) -> f32 {
    mm * 72.0 / 25.4
}
